// hostVersion on small stand-in binaries (scripts that print what a host prints), and inspectPlugins pointed at a
// given binary: the pinned host's own, with an empty cache folder, so nothing can have been installed.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureHost } from "./ensure-host.js";
import { hostVersion, parseHostVersion } from "./host-version.js";
import { inspectPlugins } from "./inspect.js";

const skipHosts = process.env.AGENT_PLUGIN_SKIP_HOSTS === "1" || process.env.AGENT_PLUGIN_OFFLINE === "1";

function fakeBin(output: string, exitCode = 0): string {
  const dir = tempDir();
  const bin = join(dir, "host");
  writeTree(dir, { host: `#!/bin/sh\nprintf '%s\\n' '${output}'\nexit ${exitCode}\n` });
  chmodSync(bin, 0o755);
  return bin;
}

describe("hostVersion", () => {
  it("reads the version each host prints", async () => {
    expect(await hostVersion({ host: "codex", bin: fakeBin("codex-cli 0.172.0") })).toBe("0.172.0");
    expect(await hostVersion({ host: "claude-code", bin: fakeBin("2.1.400 (Claude Code)") })).toBe("2.1.400");
  });

  it("refuses a binary that is another program, or does not start, in one line", async () => {
    await expect(hostVersion({ host: "codex", bin: fakeBin("2.1.400 (Claude Code)") })).rejects.toThrow(
      /--version printed no Codex version \("2\.1\.400 \(Claude Code\)"\): is it Codex\?$/,
    );
    await expect(hostVersion({ host: "claude-code", bin: join(tempDir(), "missing") })).rejects.toThrow(
      /missing does not start: spawn .*ENOENT/,
    );
  });

  it("parses only the host's own line", () => {
    expect(parseHostVersion("codex", "codex 0.117.0\n")).toBe("0.117.0");
    expect(parseHostVersion("codex", "git version 2.40.0")).toBeUndefined();
    expect(parseHostVersion("claude-code", "codex-cli 0.171.0")).toBeUndefined();
  });
});

describe.skipIf(skipHosts)("inspectPlugins with a given host binary [host]", () => {
  it("runs that binary and installs nothing", async () => {
    const { bin } = await ensureHost({ host: "codex", version: "0.171.0" });
    expect(await hostVersion({ host: "codex", bin })).toBe("0.171.0");
    const root = tempDir();
    writeTree(root, {
      ".codex-plugin/plugin.json": { name: "given", version: "1.0.0", description: "A test plugin." },
      "skills/hello/SKILL.md": "---\nname: hello\ndescription: Say hello.\n---\n\nHello.\n",
    });
    const emptyCache = tempDir();
    const inventory = await inspectPlugins({
      host: "codex",
      version: "0.171.0",
      bin,
      cacheDir: emptyCache,
      plugins: [{ name: "given", dir: root }],
    });
    expect(inventory.plugins[0]?.skills.map((skill) => skill.name)).toEqual(["given:hello"]);
    expect(readdirSync(emptyCache)).toEqual([]);
  });
});
