import { defineConfig } from "@hey-api/openapi-ts";

// Reads only the committed schema, so generation is offline and deterministic; `pnpm
// check:client` regenerates into a scratch folder and fails when app/client differs.
export default defineConfig({
  input: "./openapi.json",
  output: "./app/client",
  plugins: ["@hey-api/typescript", "@hey-api/sdk", "@hey-api/client-fetch"],
});
