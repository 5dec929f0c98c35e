#!/usr/bin/env node
// Prints how much JS and CSS (gzip) a first visit to a route downloads from the SPA build:
// index.html's scripts plus the main and clientLoader chunks of the route and its parents,
// following static imports. Usage, after `pnpm build`:
//   node scripts/route-size.mjs [--json] [route-id...]
// --json prints {"<route id>": {"js": bytes, "css": bytes}} for programs (bench/web.py).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = new URL("../build/client", import.meta.url).pathname;
const html = readFileSync(`${dir}/index.html`, "utf8");
const manifestPath = html.match(/\/assets\/manifest-[\w-]+\.js/)?.[0];
if (!manifestPath) throw new Error("No route manifest in build/client/index.html; run pnpm build");
const manifestSource = readFileSync(dir + manifestPath, "utf8");
const manifest = JSON.parse(
  manifestSource.slice(manifestSource.indexOf("{"), manifestSource.lastIndexOf("}") + 1),
);

const gzipSize = (file) => gzipSync(readFileSync(dir + file), { level: 9 }).length;

function filesFor(routeId) {
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith(".js")) return;
    const source = readFileSync(dir + file, "utf8");
    for (const [, relative] of source.matchAll(/(?:import|from)\s*["']\.\/([^"']+)["']/g)) {
      visit(`/assets/${relative}`);
    }
  };
  for (const [, file] of html.matchAll(/["'](\/assets\/[^"']+\.(?:js|css))["']/g)) visit(file);
  for (let id = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`Unknown route id ${id}`);
    for (const file of [route.module, route.clientLoaderModule, ...(route.css ?? [])]) {
      if (file) visit(file);
    }
  }
  return files;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const routeIds = args.filter((arg) => arg !== "--json");
const sizes = {};
for (const id of routeIds.length > 0 ? routeIds : Object.keys(manifest.routes)) {
  sizes[id] = { js: 0, css: 0 };
  for (const file of filesFor(id)) {
    sizes[id][file.endsWith(".css") ? "css" : "js"] += gzipSize(file);
  }
}
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
if (json) {
  console.log(JSON.stringify(sizes));
} else {
  for (const [id, { js, css }] of Object.entries(sizes)) {
    console.log(
      `${id.padEnd(28)} JS ${kib(js).padStart(10)}   CSS ${kib(css).padStart(8)}   (gzip)`,
    );
  }
}
