/**
 * rollback and uninstall on a real marketplace, from archives packed and installed with plugin-pack: the kept
 * version comes back byte for byte, uninstall takes back everything install wrote, and both are in the audit log.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, treeSnapshot, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { readAuditChain } from "../audit/index.js";
import { runCli } from "../cli/index.js";
import { install } from "../install/index.js";
import { pack } from "../pack/index.js";
import { generateSigningKey, loadTrust } from "../signing/index.js";
import { rollback } from "./rollback.js";
import { uninstall } from "./uninstall.js";

const MARKETPLACE = ".agents/plugins/marketplace.json";

function kit() {
  const work = tempDir();
  const root = join(work, "team");
  mkdirSync(root);
  const auditLog = join(work, "audit.jsonl");
  const key = generateSigningKey();
  const trust = loadTrust([key.publicKey], { cwd: work });
  const env = { AGENT_PLUGIN_ACTOR: "alice" };
  return {
    work,
    root,
    auditLog,
    async release(version: string, files: Record<string, string | object> = {}) {
      const dir = join(work, "src", `demo-${version}`);
      writeTree(dir, {
        ".codex-plugin/plugin.json": { name: "demo", version, description: "Says hello." },
        "skills/hello/SKILL.md": `---\nname: hello\ndescription: Greets the user (${version}).\n---\nSay hello.\n`,
        ...files,
      });
      return (
        await pack({ cwd: work, dir, outDir: join(work, "dist"), env: { KEY: key.privateKeyPem }, sign: "env:KEY" })
      ).archive;
    },
    install: (archive: string) => install(archive, { trust, cwd: root, auditLog, env }),
    env,
  };
}

async function cli(args: string[], cwd: string, env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, {
    cwd,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}

describe("rollback", () => {
  it("keeps the replaced version at an upgrade, restores it byte for byte, and records an explicit downgrade", async () => {
    const k = kit();
    const first = await k.install(await k.release("1.0.0"));
    const installed = treeSnapshot(join(k.root, "plugins/demo"));
    const upgrade = await k.install(await k.release("1.1.0"));
    const kept = join(k.root, ".agent-plugin/previous/demo");
    expect(upgrade.folder).toMatchObject({ action: "replaced", from: "1.0.0", kept });
    expect(treeSnapshot(kept)).toEqual(installed);

    const result = await cli(["rollback", "demo", "--audit-log", k.auditLog], k.root, k.env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("✔ rolled back demo 1.1.0 → 1.0.0");
    expect(treeSnapshot(join(k.root, "plugins/demo"))).toEqual(installed);
    expect(existsSync(kept)).toBe(false);

    const { records, problem } = readAuditChain(k.auditLog);
    expect(problem).toBeUndefined();
    expect(records.map((r) => [r.action, r.actor, r.from, r.to])).toEqual([
      ["install", "alice", null, "1.0.0"],
      ["upgrade", "alice", "1.0.0", "1.1.0"],
      ["rollback", "alice", "1.1.0", "1.0.0"],
    ]);
    // The rollback names the archive the restored version was installed from.
    expect(records[2]).toMatchObject({ archiveSha256: first.archive.sha256, keyId: first.archive.signature.keyId });

    // One version is kept: a second rollback has nothing to restore, and says so.
    const again = await cli(["rollback", "demo", "--audit-log", k.auditLog], k.root, k.env);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(
      /^plugin-pack: no earlier version of demo is kept in \.agent-plugin\/previous\/demo: /,
    );
    expect(treeSnapshot(join(k.root, "plugins/demo"))).toEqual(installed);
  });

  it("keeps only the version the last upgrade replaced, and sets back an entry that names a version", async () => {
    const k = kit();
    await k.install(await k.release("1.0.0"));
    const file = join(k.root, MARKETPLACE);
    const text = readFileSync(file, "utf8").replace('"name": "demo",', '"name": "demo",\n      "version": "1.0.0",');
    writeTree(k.root, { [MARKETPLACE]: text });
    await k.install(await k.release("1.1.0"));
    const middle = treeSnapshot(join(k.root, "plugins/demo"));
    await k.install(await k.release("1.2.0"));
    expect(treeSnapshot(join(k.root, ".agent-plugin/previous/demo"))).toEqual(middle);
    const report = await rollback("demo", { cwd: k.root, auditLog: k.auditLog, env: k.env });
    expect(report).toMatchObject({ from: "1.2.0", to: "1.1.0", entryChanged: true });
    expect(JSON.parse(readFileSync(file, "utf8")).plugins[0].version).toBe("1.1.0");
  });
});

describe("uninstall", () => {
  it("removes the entry, the folder and the kept version, says what stays authorised, and records it", async () => {
    const k = kit();
    const app = { ".app.json": { apps: { tracker: { id: "connector_0123abcd" } } } };
    await k.install(await k.release("1.0.0", app));
    await k.install(await k.release("1.1.0", app));
    const file = join(k.root, MARKETPLACE);
    const before = readFileSync(file, "utf8");
    const name = JSON.parse(before).name as string;

    const wrong = await cli(["uninstall", "demo@elsewhere", "--audit-log", k.auditLog], k.root, k.env);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain(`is marketplace "${name}", not "elsewhere"`);
    expect(readFileSync(file, "utf8")).toBe(before);

    const result = await cli(["uninstall", `demo@${name}`, "--audit-log", k.auditLog], k.root, k.env);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("still authorised (uninstalling does not revoke these):");
    expect(result.stdout).toContain(
      "tracker: app connector connector_0123abcd: bundled apps stay installed and authorised",
    );
    expect(existsSync(join(k.root, "plugins/demo"))).toBe(false);
    expect(existsSync(join(k.root, ".agent-plugin/previous/demo"))).toBe(false);
    const after = JSON.parse(readFileSync(file, "utf8"));
    expect(after.plugins).toEqual([]);
    expect(after.name).toBe(name);
    const { records } = readAuditChain(k.auditLog);
    expect(records.at(-1)).toMatchObject({ action: "uninstall", plugin: "demo", from: "1.1.0", to: null });

    const twice = await uninstall(`demo@${name}`, { cwd: k.root }).catch((error: Error) => error.message);
    expect(twice).toContain(`lists no plugin "demo"`);
  });
});
