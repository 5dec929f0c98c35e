import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// The API listens on 8000; proxying keeps the browser on one origin so the session and CSRF
// cookies behave exactly as in production, where the API serves the built SPA itself.
const api = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
  // In SPA mode there is no index.html for Vite to crawl, so it found each dependency only when
  // a page first imported it, then reloaded the page mid-click (the Delete dialog's Radix on the
  // first click). Crawling every app module at start pre-bundles all of them up front (routes.ts
  // is the route config, read at build time, not a module of the app).
  optimizeDeps: { entries: ["app/**/*.{ts,tsx}", "!app/**/*.test.{ts,tsx}", "!app/routes.ts"] },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and React Router in one chunk, which every page loads anyway. Left to the
          // automatic splitting they came as four chunks cut along which routes share them (one
          // mixed with our Button, so an app change renamed a framework file), each listed under
          // every route in the route manifest, and gzip compressed each without the others: one
          // file is about 3 KiB smaller for every page (bench/web.py).
          groups: [
            {
              name: "framework",
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
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
