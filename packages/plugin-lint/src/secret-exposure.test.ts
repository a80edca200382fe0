/**
 * file/secret judges where a file with a secret would go: git commits it (tracked, or not ignored) and plugin-pack
 * packs it (not left out by its defaults or .pluginignore). A signing key that git ignores and plugin-pack never packs
 * goes nowhere, so the pre-commit hook and `release` are not stopped by the key that `plugin-pack keygen` wrote.
 */
import { bins, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "./lint.js";

/** A PKCS#8 Ed25519 private key, as `plugin-pack keygen` writes it: made here, so the repository holds no key. */
const privateKeyPem = (): string =>
  generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }) as string;

/** A git repository with the files a generated plugin has for its keys: .gitignore ignores *.key, .pluginignore /keys/. */
function repository(pluginDir = "."): { root: string; plugin: string; env: NodeJS.ProcessEnv } {
  const root = realpathSync(tempDir());
  const home = tempDir("plugin-lint-home-");
  const gitConfig = join(home, ".gitconfig");
  writeFileSync(gitConfig, "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n");
  const env = { ...process.env, HOME: home, GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1" };
  const plugin = join(root, pluginDir);
  writeTree(plugin, {
    ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo plugin." },
    ".gitignore": "node_modules/\n*.key\n",
    ".pluginignore": "/keys/\n",
  });
  execFileSync("git", ["init", "-q", "--initial-branch=main"], { cwd: root, env });
  return { root, plugin, env };
}

async function secretFindings(plugin: string) {
  const report = await lint({ paths: [plugin], cwd: plugin });
  return report.diagnostics
    .filter((d) => d.ruleId === "file/secret")
    .map((d) => ({ file: d.file.slice(plugin.length + 1), severity: d.severity, message: d.message }));
}

describe("file/secret: only what git would commit or plugin-pack would pack", () => {
  it("is quiet about a key that git ignores and plugin-pack leaves out (keygen --out keys in the plugin)", async () => {
    const { plugin } = repository();
    writeTree(plugin, { "keys/plugin-signing.key": privateKeyPem(), "keys/plugin-signing.pub": "ed25519:abc\n" });
    expect(await secretFindings(plugin)).toEqual([]);
  });

  it("lets a commit through the pre-commit hook with the key on disk, from a plugin in a subfolder", () => {
    const { root, plugin, env } = repository("plugins/demo");
    writeTree(plugin, { "keys/plugin-signing.key": privateKeyPem() });
    // The hook a generated plugin has: plugin-lint on the owning plugin, with the variables git exports to hooks.
    mkdirSync(join(root, ".githooks"));
    writeFileSync(
      join(root, ".githooks/pre-commit"),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bins.pluginLint)} plugins/demo\n`,
    );
    chmodSync(join(root, ".githooks/pre-commit"), 0o755);
    const git = (...args: string[]) => spawnSync("git", args, { cwd: root, env, encoding: "utf8" });
    git("config", "core.hooksPath", ".githooks");
    git("add", "-A");
    const committed = git("commit", "-q", "-m", "Add demo");
    expect(committed.stderr + committed.stdout).not.toContain("file/secret");
    expect(committed.status).toBe(0);
    expect(git("ls-files").stdout).not.toContain(".key");

    // Forced into the index, the same key is an error again, and the hook refuses the commit.
    git("add", "-f", "plugins/demo/keys/plugin-signing.key");
    const refused = git("commit", "-q", "-m", "Add the key");
    expect(refused.status).not.toBe(0);
    expect(refused.stderr + refused.stdout).toContain(
      "a private key is in this file, which git tracks (plugin-pack leaves it out of archives): remove it from the plugin and rotate it",
    );
  });

  it("says what is true of each file that would publish a secret, as an error", async () => {
    const { plugin, env } = repository();
    const key = privateKeyPem();
    writeTree(plugin, {
      // Not ignored by git; left out of archives by the default *.key rule.
      "config/deploy.key.bak": key,
      "config/notes.key": key,
      // Ignored by git, but packed: nothing in .pluginignore or the defaults leaves it out.
      "private/key.txt": key,
      // Tracked, and packed.
      "skills/demo/key.md": key,
    });
    writeFileSync(join(plugin, ".gitignore"), "node_modules/\n*.key\n/private/\n");
    execFileSync("git", ["add", "skills/demo/key.md"], { cwd: plugin, env });
    const findings = await secretFindings(plugin);
    expect(findings).toEqual([
      {
        file: "config/deploy.key.bak",
        severity: "error",
        message: expect.stringMatching(
          /^a private key is in this file, which git does not ignore and plugin-pack packs: remove it and reference an environment variable instead/,
        ),
      },
      {
        file: "private/key.txt",
        severity: "error",
        message: expect.stringMatching(/^a private key is in this file, which git ignores but plugin-pack packs: /),
      },
      {
        file: "skills/demo/key.md",
        severity: "error",
        message: expect.stringMatching(
          /^a private key is in this file, which git tracks and plugin-pack packs: remove it from the plugin and rotate it/,
        ),
      },
    ]);
    // config/notes.key: git ignores it (*.key) and plugin-pack leaves it out, so it goes nowhere.
    for (const { message } of findings) expect(message).not.toContain("committed");
  });

  it("outside a git repository, reports a key unless nothing would pack it, and never says it is committed", async () => {
    const plugin = realpathSync(tempDir());
    writeTree(plugin, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo plugin." },
      "keys/plugin-signing.key": privateKeyPem(),
    });
    expect(await secretFindings(plugin)).toEqual([
      {
        file: "keys/plugin-signing.key",
        severity: "error",
        message: expect.stringMatching(
          /^a private key is in this file, which is in no git repository \(plugin-pack leaves it out of archives\): /,
        ),
      },
    ]);
  });
});
