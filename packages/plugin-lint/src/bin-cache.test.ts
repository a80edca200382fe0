import { bins, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Node 22.1+ runs the ES modules with its own compile cache instead.
describe.skipIf("enableCompileCache" in module)("the built bin with its code cache (Node 20)", () => {
  it("print the same with no cache, a fresh one, a warm one, a corrupt one and the cache turned off", () => {
    const home = tempDir();
    const cacheDir = join(home, "agent-plugin", "code-cache");
    const bin = bins.pluginLint;
    const plugin = tempDir();
    // Findings (exit 1) in every output form: a trailing comma and a bad brand colour.
    writeTree(plugin, {
      ".codex-plugin/plugin.json":
        '{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo.",\n  "interface": { "brandColor": "red" },\n}\n',
    });
    const run = (env: Record<string, string>) => {
      try {
        return execFileSync(process.execPath, [bin, ".", "-f", "json"], {
          cwd: plugin,
          env: { ...process.env, XDG_CACHE_HOME: home, NODE_DISABLE_COMPILE_CACHE: "", ...env },
          encoding: "utf8",
        });
      } catch (error) {
        const { status, stdout } = error as { status: number; stdout: string };
        return `exit ${status}\n${stdout}`;
      }
    };
    const cold = run({});
    expect(cold).toMatch(/^exit 1\n\[/);
    const [cacheFile] = readdirSync(cacheDir);
    expect(cacheFile).toMatch(/^plugin-lint\.[0-9a-f]{32}\.v\d+\.\d+\.\d+-\w+\.v8cache$/);
    expect(run({})).toBe(cold);
    writeFileSync(join(cacheDir, cacheFile!), "corrupt");
    expect(run({})).toBe(cold);
    expect(readFileSync(join(cacheDir, cacheFile!)).length).toBeGreaterThan(1000);
    expect(run({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBe(cold);
  });
});
