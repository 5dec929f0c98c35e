import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// The API listens on 8000; proxying keeps the browser on one origin so the session and CSRF
// cookies behave exactly as in production, where the API serves the built SPA itself.
const api = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: api },
      "/healthcheck": { target: api },
    },
  },
});
