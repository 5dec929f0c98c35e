import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the React Router plugin builds a whole app and is not
// meant to run under Vitest, which only needs path aliases and a DOM.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "jsdom",
    include: ["app/**/*.test.{ts,tsx}"],
    setupFiles: ["./test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
