import { defineConfig } from "@hey-api/openapi-ts";

// Reads only the committed schema, so generation is offline and deterministic; `pnpm
// check:client` regenerates into a scratch folder and fails when app/client differs.
export default defineConfig({
  input: "./openapi.json",
  output: {
    path: "./app/client",
    postProcess: [
      {
        name: "strip package links",
        command: "node",
        args: ["scripts/strip-package-links.mjs", "{{path}}"],
      },
    ],
  },
  plugins: ["@hey-api/typescript", "@hey-api/sdk", "@hey-api/client-fetch"],
});
