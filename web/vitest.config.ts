import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the React Router plugin builds a whole app and is not
// meant to run under Vitest, which only needs path aliases and a DOM.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    restoreMocks: true,
    unstubGlobals: true,
    projects: [
      {
        extends: true,
        test: {
          name: "app",
          environment: "jsdom",
          include: ["app/**/*.test.{ts,tsx}"],
          setupFiles: ["./test/setup.ts"],
        },
      },
      {
        // Checks of the tooling itself (e.g. the Vite dev server's configuration), in Node.
        extends: true,
        test: { name: "tooling", environment: "node", include: ["test/**/*.test.ts"] },
      },
    ],
  },
});
