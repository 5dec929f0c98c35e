// Fails when app/client is not exactly what openapi.json generates: the Python suite checks
// openapi.json against the API, so together they catch a stale schema or a stale client.
import { createClient } from "@hey-api/openapi-ts";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

import config from "../openapi-ts.config.ts";

const committed = "app/client";

function readTree(root) {
  const files = new Map();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(root, path), readFileSync(path, "utf8"));
    }
  }
  return files;
}

const scratch = mkdtempSync(join(tmpdir(), "api-client-"));
try {
  // The project's own config, post-processing included, with only the output folder moved.
  await createClient({
    ...config,
    output: { ...config.output, path: scratch },
    logs: { level: "silent", file: false },
  });
  const expected = readTree(scratch);
  const actual = readTree(committed);
  const stale = [...new Set([...expected.keys(), ...actual.keys()])].filter(
    (file) => expected.get(file) !== actual.get(file),
  );
  if (stale.length > 0) {
    console.error(
      `web/${committed} is stale (${stale.join(", ")}): run \`just openapi\` and commit.`,
    );
    process.exit(1);
  }
  console.log(`web/${committed} matches openapi.json (${actual.size} files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
