// plugin-pack install through the CLI: archives made with its keygen and pack, failures injected at real points of
// the file system (a marketplace folder that cannot be written, a folder that cannot be renamed). The first test
// runs the built bin; the others run the CLI in-process, or the built bin as user nobody where root would ignore
// the permission bits.
import { lint } from "@agent-plugin/plugin-lint";
import {
  bins,
  type CliResult,
  inheritedEnv,
  runCli,
  runInProcess,
  tempDir,
  treeSnapshot,
  writeTree,
} from "@agent-plugin/test-utils";
import { execa } from "execa";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, runCli as runPluginPack } from "../cli/index.js";

const MARKETPLACE = ".agents/plugins/marketplace.json";
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

interface Setup {
  work: string;
  /** The marketplace root: `<work>/market`. */
  root: string;
  publicKey: string;
  /** Packs plugin demo at `version` with the built CLI and returns the archive path. */
  release(version: string, options?: { sign?: boolean }): Promise<string>;
}

/** The CLI in this process, with the environment a spawned bin would inherit. */
const pluginPack = (args: string[], cwd: string) => runInProcess(runPluginPack, args, { cwd, env: inheritedEnv() });
/** The built bin, as users run it. */
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });

async function setup(): Promise<Setup> {
  const work = tempDir();
  const root = join(work, "market");
  mkdirSync(root);
  const keygen = await pluginPack(["keygen", "--out", "keys", "--json"], work);
  expect(keygen.exitCode, keygen.stderr).toBe(0);
  const { privateKey, publicKey } = JSON.parse(keygen.stdout) as { privateKey: string; publicKey: string };
  return {
    work,
    root,
    publicKey,
    async release(version, options = {}) {
      const dir = join(work, `src-${version}`, "demo");
      writeTree(dir, {
        ".codex-plugin/plugin.json": {
          name: "demo",
          version,
          description: "Says hello.",
          interface: { category: "Coding" },
        },
        "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
      });
      const out = options.sign === false ? "unsigned" : "dist";
      const packed = await pluginPack(
        [dir, "--out", out, ...(options.sign === false ? [] : ["--sign", privateKey]), "--json"],
        work,
      );
      expect(packed.exitCode, packed.stderr).toBe(0);
      return relative(root, (JSON.parse(packed.stdout) as { archive: string }).archive);
    },
  };
}

function expectOneLine(result: CliResult): void {
  expect(result.stderr).toMatch(/^plugin-pack: /);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
}

/**
 * Runs the CLI as a user the permission bits apply to: root ignores a read-only folder, so as root the work folder
 * is handed to `nobody` and the built bin runs as nobody; any other user runs the CLI in-process.
 */
async function unprivileged(
  args: string[],
  cwd: string,
  work: string,
  keepOwner: readonly string[] = [],
): Promise<CliResult> {
  if (!isRoot) return pluginPack(args, cwd);
  const chownTree = (path: string) => {
    if (keepOwner.includes(path)) return;
    chownSync(path, NOBODY, NOBODY);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name));
  };
  chownTree(work);
  const result = await execa(process.execPath, [binForNobody(), ...args], {
    cwd,
    uid: NOBODY,
    gid: NOBODY,
    env: { NO_COLOR: "1" },
    reject: false,
    timeout: 60_000,
    stdin: "ignore",
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

let publicCopy: string | undefined;
afterAll(() => {
  if (publicCopy !== undefined) rmSync(publicCopy, { recursive: true, force: true });
});

/**
 * The built bin (bin/ and dist/, which need nothing else) copied into a folder anyone can read: the checkout may
 * sit where only its owner can enter (a clone under `mktemp -d`), out of nobody's reach.
 */
function binForNobody(): string {
  if (publicCopy === undefined) {
    publicCopy = mkdtempSync(join(tmpdir(), "plugin-pack-bin-"));
    const built = dirname(dirname(bins.pluginPack));
    for (const folder of ["bin", "dist"]) cpSync(join(built, folder), join(publicCopy, folder), { recursive: true });
    const open = (path: string) => {
      const folder = lstatSync(path).isDirectory();
      chmodSync(path, folder ? 0o755 : 0o644);
      if (folder) for (const name of readdirSync(path)) open(join(path, name));
    };
    open(publicCopy);
  }
  return join(publicCopy, "bin", "plugin-pack.cjs");
}

describe("plugin-pack install", () => {
  it("installs into a new marketplace, prints what it did, and the result lints clean", async () => {
    const s = await setup();
    const archive = await s.release("1.0.0");
    const trust = relative(s.root, s.publicKey);
    const result = await viaBin(["install", archive, "--trust", trust], s.root);
    expect(result, result.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toBe(
      [
        "✔ installed demo 1.0.0",
        `  archive      ${archive} (signature valid, key ${keyIdOf(s)}, trusted by ${trust})`,
        "  folder       plugins/demo created (2 files)",
        "  entry        added to .agents/plugins/marketplace.json",
        "  policy       installation AVAILABLE, authentication ON_USE",
        "  category     Coding",
        "  marketplace  .agents/plugins/marketplace.json created: there was none in .",
      ].join("\n"),
    );
    expect(JSON.parse(readFileSync(join(s.root, MARKETPLACE), "utf8"))).toMatchObject({
      name: "market",
      interface: { displayName: "Market" },
      plugins: [{ name: "demo", category: "Coding" }],
    });
    const report = await lint({ paths: [s.root], cwd: s.root });
    expect(report.results.flatMap((r) => r.messages)).toEqual([]);
    expect(report.results.map((r) => relative(s.root, r.filePath))).toEqual([]);
    const plugin = await lint({ paths: [join(s.root, "plugins/demo")], cwd: s.root });
    expect(plugin.errorCount + plugin.warningCount).toBe(0);

    const again = await viaBin(["install", archive, "--trust", trust, "--json"], s.root);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: "already-installed",
      plugin: { name: "demo", version: "1.0.0" },
      folder: { action: "unchanged" },
      entry: { action: "unchanged" },
    });
    const human = await viaBin(["install", archive, "--trust", trust], s.root);
    expect(human.stdout).toBe("✔ demo 1.0.0 is already installed in plugins/demo; nothing changed");
  });

  it("--dry-run prints the upgrade it would make and writes nothing; then upgrades", async () => {
    const s = await setup();
    const trust = relative(s.root, s.publicKey);
    writeTree(s.root, {
      [MARKETPLACE]: {
        name: "team",
        plugins: [
          {
            name: "demo",
            version: "1.0.0",
            source: { source: "local", path: "./plugins/demo" },
            policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
            category: "Research",
          },
        ],
      },
    });
    expect((await pluginPack(["install", await s.release("1.0.0"), "--trust", trust], s.root)).exitCode).toBe(0);
    const next = await s.release("1.1.0");
    const before = treeSnapshot(s.root);
    const dry = await pluginPack(["install", next, "--trust", trust, "--dry-run"], s.root);
    expect(dry, dry.stderr).toMatchObject({ exitCode: 0, stderr: "" });
    expect(dry.stdout).toBe(
      [
        "dry run: would upgrade demo 1.0.0 → 1.1.0",
        `  archive   ${next} (signature valid, key ${keyIdOf(s)}, trusted by ${trust})`,
        "  folder    plugins/demo would be replaced: 1.0.0 → 1.1.0 (2 files)",
        "  entry     would be updated in .agents/plugins/marketplace.json: version 1.0.0 → 1.1.0",
        "  policy    installation AVAILABLE (kept), authentication ON_INSTALL (kept)",
        "  category  Research (kept)",
        "  previous  1.0.0 would be kept in .agent-plugin/previous/demo (plugin-pack rollback demo)",
        "dry run: nothing was written\n",
      ].join("\n"),
    );
    expect(treeSnapshot(s.root)).toEqual(before);
    const dryJson = JSON.parse(
      (await pluginPack(["install", next, "--trust", trust, "--dry-run", "--json"], s.root)).stdout,
    );
    expect(dryJson).toMatchObject({
      status: "upgraded",
      dryRun: true,
      folder: { action: "replaced", from: "1.0.0", to: "1.1.0", fileCount: 2 },
    });
    expect(treeSnapshot(s.root)).toEqual(before);

    const upgraded = await pluginPack(["install", next, "--trust", trust, "--json"], s.root);
    expect(upgraded.exitCode, upgraded.stderr).toBe(0);
    // The same report, and the upgrade is recorded in the audit log (the test run's, from AGENT_PLUGIN_AUDIT_LOG).
    expect(JSON.parse(upgraded.stdout)).toEqual({
      ...dryJson,
      dryRun: false,
      audit: { file: process.env.AGENT_PLUGIN_AUDIT_LOG, seq: expect.any(Number), hash: expect.any(String) },
    });
    expect(JSON.parse(readFileSync(join(s.root, "plugins/demo/.codex-plugin/plugin.json"), "utf8")).version).toBe(
      "1.1.0",
    );
    expect(JSON.parse(readFileSync(join(s.root, MARKETPLACE), "utf8")).plugins[0]).toMatchObject({
      version: "1.1.0",
      policy: { authentication: "ON_INSTALL" },
      category: "Research",
    });
    expect(readdirSync(join(s.root, "plugins"))).toEqual(["demo"]);
  });

  it("refuses a downgrade, another plugin's name and a bad marketplace with one line, exit 2, and changes nothing", async () => {
    const s = await setup();
    const trust = relative(s.root, s.publicKey);
    const old = await s.release("1.0.0");
    expect((await pluginPack(["install", await s.release("1.1.0"), "--trust", trust], s.root)).exitCode).toBe(0);
    const before = treeSnapshot(s.root);

    const downgrade = await pluginPack(["install", old, "--trust", trust], s.root);
    expect(downgrade.exitCode).toBe(2);
    expectOneLine(downgrade);
    expect(downgrade.stderr).toBe(
      `plugin-pack: plugins/demo holds demo 1.1.0, newer than 1.0.0 in ${old}: not downgrading; to go back to 1.0.0, remove plugins/demo and install again\n`,
    );

    const named = await pluginPack(["install", old, "--trust", trust, "--name", "other"], s.root);
    expect(named.exitCode).toBe(2);
    expectOneLine(named);
    expect(named.stderr).toContain(`holds plugin "demo", not "other" (--name)`);
    expect(treeSnapshot(s.root)).toEqual(before);

    writeFileSync(join(s.root, MARKETPLACE), '{ "name": "market", "plugins": [ ');
    const broken = treeSnapshot(s.root);
    const bad = await pluginPack(["install", old, "--trust", trust, "--json"], s.root);
    expect(bad.exitCode).toBe(2);
    expectOneLine(bad);
    expect(bad.stderr).toBe(
      "plugin-pack: .agents/plugins/marketplace.json is not valid JSON: fix it (plugin-lint shows where) and install again; nothing was installed\n",
    );
    expect(JSON.parse(bad.stdout)).toEqual({ error: bad.stderr.slice("plugin-pack: ".length, -1) });
    expect(treeSnapshot(s.root)).toEqual(broken);

    for (const args of [
      ["install"],
      ["install", old],
      ["install", old, "--trust", trust, "--installation", "sometimes"],
      ["install", old, old, "--trust", trust],
    ]) {
      const usage = await pluginPack(args, s.root);
      expect(usage.exitCode, args.join(" ")).toBe(2);
      expectOneLine(usage);
    }
    expect(treeSnapshot(s.root)).toEqual(broken);
  });

  it("installs nothing from an unsigned, untrusted or tampered archive: exit 1, the verify report, no leftovers", async () => {
    const s = await setup();
    const trust = relative(s.root, s.publicKey);
    expect((await pluginPack(["install", await s.release("1.0.0"), "--trust", trust], s.root)).exitCode).toBe(0);
    const signed = await s.release("1.1.0");
    const unsigned = await s.release("1.1.0", { sign: false });
    const other = await pluginPack(["keygen", "--out", "other", "--json"], s.work);
    const otherKey = relative(s.root, (JSON.parse(other.stdout) as { publicKey: string }).publicKey);
    const bytes = readFileSync(join(s.root, signed));
    const middle = Math.floor(bytes.length / 3);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(join(s.work, "flipped.zip"), bytes);
    const before = treeSnapshot(s.root);

    const cases: [string[], RegExp][] = [
      [[unsigned, "--trust", trust], /signature stripped: the archive is unsigned/],
      [[signed, "--trust", otherKey], /which is not in the trust list/],
      [["../flipped.zip", "--trust", trust], /failed verification, nothing was installed/],
    ];
    for (const [args, message] of cases) {
      const result = await pluginPack(["install", ...args], s.root);
      expect(result.exitCode, result.stderr).toBe(1);
      expectOneLine(result);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toMatch(/failed verification/);
      expect(treeSnapshot(s.root)).toEqual(before);
    }
    const json = await pluginPack(["install", unsigned, "--trust", trust, "--json"], s.root);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: expect.stringContaining("nothing was installed"),
      verify: { ok: false, signature: { status: "unsigned" } },
    });
    expect(treeSnapshot(s.root)).toEqual(before);

    const allowed = await pluginPack(["install", unsigned, "--allow-unsigned"], s.root);
    expect(allowed.exitCode, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain("(unsigned, accepted with --allow-unsigned)");
  });

  it("puts the previous version back when the marketplace cannot be written", async () => {
    const s = await setup();
    const trust = relative(s.root, s.publicKey);
    // An entry that carries a version: the upgrade must write the marketplace.
    writeTree(s.root, {
      [MARKETPLACE]: {
        name: "team",
        plugins: [
          {
            name: "demo",
            version: "1.0.0",
            source: { source: "local", path: "./plugins/demo" },
            policy: { installation: "AVAILABLE", authentication: "ON_USE" },
            category: "Coding",
          },
        ],
      },
    });
    expect((await pluginPack(["install", await s.release("1.0.0"), "--trust", trust], s.root)).exitCode).toBe(0);
    const next = await s.release("1.1.0");
    const folder = join(s.root, ".agents/plugins");
    chmodSync(folder, 0o555);
    try {
      const before = treeSnapshot(s.root);
      const result = await unprivileged(["install", next, "--trust", trust], s.root, s.work);
      expect(result.exitCode, result.stdout).toBe(2);
      expectOneLine(result);
      expect(result.stderr.trimEnd()).toBe(
        "plugin-pack: cannot write .agents/plugins/marketplace.json (EACCES); nothing was installed; plugins/demo is as it was",
      );
      expect(treeSnapshot(s.root)).toEqual(before);
      expect(readdirSync(join(s.root, "plugins"))).toEqual(["demo"]);
    } finally {
      chmodSync(folder, 0o755); // so the temporary folder can be removed without root
    }
  });

  it("--help lists the install command and every flag", async () => {
    const help = await pluginPack(["install", "--help"], tempDir());
    expect(help.exitCode).toBe(0);
    const flags = Object.keys(cli.commands.install.options).map((name) => `--${name}`);
    expect(flags).toEqual(expect.arrayContaining(["--trust", "--allow-unsigned", "--marketplace", "--dry-run"]));
    for (const flag of ["install <archive>", ...flags]) expect(help.stdout).toContain(flag);
  });

  it.skipIf(!isRoot)("leaves everything as it was when the installed folder cannot be renamed", async () => {
    const s = await setup();
    const trust = relative(s.root, s.publicKey);
    expect((await pluginPack(["install", await s.release("1.0.0"), "--trust", trust], s.root)).exitCode).toBe(0);
    const next = await s.release("1.1.0");
    // plugins/ stays root's and becomes sticky and world-writable, like /tmp: nobody may add the staging folder
    // there, but not rename root's plugins/demo aside.
    const plugins = join(s.root, "plugins");
    chmodSync(plugins, 0o1777);
    const before = treeSnapshot(s.root);
    const result = await unprivileged(["install", next, "--trust", trust], s.root, s.work, [plugins]);
    expect(result.exitCode, result.stdout).toBe(2);
    expectOneLine(result);
    expect(result.stderr.trimEnd()).toBe(
      "plugin-pack: cannot move plugins/demo aside (EPERM); nothing was installed; plugins/demo is as it was",
    );
    expect(treeSnapshot(s.root)).toEqual(before);
    expect(readdirSync(plugins)).toEqual(["demo"]);
  });
});

function keyIdOf(s: Setup): string {
  const raw = Buffer.from(readFileSync(s.publicKey, "utf8").trim().slice("ed25519:".length), "base64");
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}
