// Post-processing step of `openapi-ts` (openapi-ts.config.ts): the generator copies its own doc
// comments into the client, some linking to a package's page on a registry website. The project
// names no registry's site outside its lockfiles, so such a link becomes the bare package name.
// Usage: node scripts/strip-package-links.mjs DIR
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const packageLink = /\{@link https?:\/\/[^\s}]+\/package\/\S+ (`[^`]+`)\}/g;

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: strip-package-links.mjs DIR");
  process.exit(2);
}
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
  const path = join(entry.parentPath, entry.name);
  const source = readFileSync(path, "utf8");
  const stripped = source.replace(packageLink, "$1");
  if (stripped !== source) writeFileSync(path, stripped);
}
