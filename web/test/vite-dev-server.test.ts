import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WEB = join(import.meta.dirname, "..");

/** Every module the browser can load: all of app/ but the tests and the route config. */
async function appModules(): Promise<string[]> {
  const files = await readdir(join(WEB, "app"), { recursive: true });
  return files
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && file !== "routes.ts")
    .map((file) => `/${relative(WEB, join(WEB, "app", file))}`);
}

describe("the Vite dev server", () => {
  let server: ViteDevServer;
  let cacheDir: string;

  beforeAll(async () => {
    // A cache of its own: what matters is a first start, with nothing pre-bundled yet.
    cacheDir = await mkdtemp(join(tmpdir(), "vite-cache-"));
    server = await createServer({
      root: WEB,
      configFile: join(WEB, "vite.config.ts"),
      cacheDir,
      logLevel: "silent",
      server: { hmr: false, watch: null },
    });
    // What `pnpm dev` does once it listens, without opening a port: the optimizer's first scan.
    await server.environments.client.depsOptimizer?.init();
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("pre-bundles every dependency of every app module at start", async () => {
    const optimizer = server.environments.client.depsOptimizer;
    expect(optimizer).toBeDefined();
    await optimizer!.scanProcessing;
    // A dependency found only when a page imports it makes Vite re-bundle and reload the page,
    // which swallowed the first click on Delete.
    const missing: string[] = [];
    const register = optimizer!.registerMissingImport.bind(optimizer);
    optimizer!.registerMissingImport = (id, resolved) => {
      const { optimized, chunks, discovered } = optimizer!.metadata;
      if (!(id in optimized || id in chunks || id in discovered)) missing.push(id);
      return register(id, resolved);
    };
    for (const url of await appModules()) {
      await server.environments.client.transformRequest(url);
    }
    expect(missing).toEqual([]);
  }, 60_000);
});
