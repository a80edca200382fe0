// The hardening review's findings (issue 12), each reproduced through the built plugin-pack bin, as a user or an
// attacker would run it. The resource cases assert a ceiling of ten times what the fixed code takes, measured by
// the bin process's own accounting (CPU time and peak RSS, written by a preload at exit), never by wall clock.
// Only APIs that predate the fixes are imported, so this file also runs against the code before them.
// Tagged [slow]: `pnpm test:fast` covers each finding in-process (hostile-archives, signature-bytes, pack-secrets,
// portable-names, install-lock, weak-trust tests); this file is the acceptance run through the bin.
import { bins, runCli, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { zipSync } from "fflate";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildFileManifest,
  MANIFEST_PATH,
  readArchive,
  SIGNATURE_PATH,
  serializeFileManifest,
  sha256Hex,
  timestampFromSeconds,
  writeZip,
} from "../archive/index.js";
import { serializeSignatureFile } from "../signing/index.js";

const viaBin = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  runCli(bins.pluginPack, args, { cwd, env });
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const LOCK_FILE = ".plugin-pack-install.lock";

/**
 * Runs the built bin with a preload that writes its own CPU time and peak RSS when it exits, and a heap cap, so a
 * quadratic path fails this test in seconds instead of taking the machine's memory.
 */
async function measuredBin(
  args: string[],
  cwd: string,
  heapMb: number,
): Promise<{ exitCode: number; stdout: string; stderr: string; used?: { cpuMs: number; maxRssKb: number } }> {
  const out = join(cwd, `usage-${Date.now()}.json`);
  const preload = join(cwd, "usage-preload.mjs");
  writeFileSync(
    preload,
    `import { writeFileSync } from "node:fs";
process.on("exit", () => {
  const cpu = process.cpuUsage();
  writeFileSync(${JSON.stringify(out)}, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
});
`,
  );
  const run = await viaBin(args, cwd, { NODE_OPTIONS: `--import=${preload} --max-old-space-size=${heapMb}` });
  const used = existsSync(out)
    ? (JSON.parse(readFileSync(out, "utf8")) as { cpuMs: number; maxRssKb: number })
    : undefined;
  return { ...run, ...(used === undefined ? {} : { used }) };
}

const PLUGIN = (name: string, version: string) => ({
  ".codex-plugin/plugin.json": { name, version, description: "Says hello." },
  "skills/hello/SKILL.md": "---\nname: hello\ndescription: Greets the user by name.\n---\nSay hello.\n",
});

/** An unsigned archive of plugin `name` at `version`, packed by the bin into <work>/dist. */
async function packed(work: string, name: string, version: string): Promise<string> {
  const dir = join(work, `src-${name}-${version}`, name);
  writeTree(dir, PLUGIN(name, version));
  const run = await viaBin([dir, "--out", "dist", "--no-lint"], work);
  expect(run.exitCode, run.stderr).toBe(0);
  return join(work, "dist", `${name}-${version}.zip`);
}

const entryNames = (root: string): string[] =>
  (
    JSON.parse(readFileSync(join(root, ".agents/plugins/marketplace.json"), "utf8")) as { plugins: { name: string }[] }
  ).plugins
    .map((plugin) => plugin.name)
    .sort();

describe("finding 1: huge entry names are refused before any signature check [slow]", () => {
  it("five 65,535-byte names: verify and install refuse in one line, within ten times the fixed code's CPU and memory", async () => {
    const work = tempDir();
    // 32,768 segments each: the old reader built every folder prefix of every name, quadratic in its length.
    const names = [1, 2, 3, 4, 5].map((n) => `${n}${"/a".repeat(32_767)}`);
    writeFileSync(
      join(work, "long.zip"),
      zipSync(Object.fromEntries(names.map((name) => [name, text("x")])), { level: 0 }),
    );
    // The fixed code takes about 0.4 s of CPU and 60 MB for each (measured: 0.29 to 0.41 s, 59 MB). The code
    // before the fix took 81 s and 4.2 GB; under this test's 700 MB heap cap it aborts after 12 s of CPU.
    const verify = await measuredBin(["verify", "long.zip", "--allow-unsigned"], work, 700);
    expect(verify.exitCode, verify.stderr).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/name longer than 4096 bytes/);
    // The name is shown by its start and its length, not quoted whole (65,535 bytes on one line).
    expect(verify.stdout).toContain(`entry "1${"/a".repeat(39)}/"… (65535 bytes) has an unsafe name`);
    expect(Math.max(...verify.stdout.split("\n").map((line) => line.length))).toBeLessThan(300);
    expect(verify.used?.cpuMs).toBeLessThan(10 * 400);
    expect(verify.used?.maxRssKb).toBeLessThan(10 * 60 * 1024);
    mkdirSync(join(work, "market"));
    const install = await measuredBin(
      ["install", "long.zip", "--marketplace", "market", "--allow-unsigned"],
      work,
      700,
    );
    expect(install.exitCode).toBe(1);
    expect(install.stderr.trim().split("\n")).toHaveLength(1);
    expect(install.stderr).toMatch(/name longer than 4096 bytes/);
    expect(install.stderr.length).toBeLessThan(400);
    expect(install.used?.cpuMs).toBeLessThan(10 * 400);
    expect(install.used?.maxRssKb).toBeLessThan(10 * 60 * 1024);
    expect(readdirSync(join(work, "market"))).toEqual([]);
  }, 120_000);
});

describe("finding 2: verify's comparisons stay linear and never overflow the stack [slow]", () => {
  it("20,000 missing files, 19,990 unlisted entries and 20,000 stray bundles: a capped report, within ten times the fixed code's CPU and memory", async () => {
    const work = tempDir();
    const timestamp = timestampFromSeconds(0);
    const manifest = buildFileManifest({
      plugin: { name: "demo", version: "1.0.0" },
      toolchainVersion: "0.0.0",
      timestamp,
      files: Array.from({ length: 20_000 }, (_, i) => ({
        path: `listed/${i}.md`,
        data: text(`listed ${i}`),
        mode: 0o644 as const,
      })),
      bundles: Array.from({ length: 20_000 }, (_, i) => ({
        server: `s${i}`,
        entry: "x.js",
        output: `missing/${i}.js`,
      })),
    });
    const entries = Array.from({ length: 19_990 }, (_, i) => ({
      path: `other/${i}.md`,
      data: text(`other ${i}`),
      mode: 0o644 as const,
    }));
    entries.push({ path: MANIFEST_PATH, data: serializeFileManifest(manifest), mode: 0o644 });
    writeFileSync(join(work, "many.zip"), writeZip(entries, { timestamp }));
    // The fixed code takes about 3.5 s of CPU and 260 MB here (measured: 3.54 s, 253 MB); before, the list searches inside loops were quadratic.
    const verify = await measuredBin(["verify", "many.zip", "--allow-unsigned", "--json"], work, 3000);
    expect(verify.exitCode, verify.stderr).toBe(1);
    const report = JSON.parse(verify.stdout) as { problems: string[] };
    expect(report.problems).toHaveLength(1000);
    expect(report.problems.at(-1)).toBe(`and ${20_000 + 19_990 + 20_000 - 999} more problems`);
    expect(verify.used?.cpuMs).toBeLessThan(10 * 3_500);
    expect(verify.used?.maxRssKb).toBeLessThan(10 * 260 * 1024);
  }, 120_000);
});

describe("finding 3: signature.json's bytes are bound [slow]", () => {
  it("a duplicate keyId key smuggled into a signed archive fails verify and install", async () => {
    const work = tempDir();
    const keygen = await viaBin(["keygen", "--out", "keys", "--json"], work);
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    const { privateKey, publicKey } = JSON.parse(keygen.stdout) as { privateKey: string; publicKey: string };
    writeTree(join(work, "demo"), PLUGIN("demo", "1.0.0"));
    expect((await viaBin(["demo", "--out", "dist", "--sign", privateKey, "--no-lint"], work)).exitCode).toBe(0);
    const read = await readArchive(join(work, "dist", "demo-1.0.0.zip"));
    const edited = read.entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode as 0o644 | 0o755,
      data:
        entry.path === SIGNATURE_PATH
          ? text(
              new TextDecoder()
                .decode(entry.data)
                .replace('{\n  "formatVersion"', '{\n  "keyId": "attacker-chosen text",\n  "formatVersion"'),
            )
          : entry.data,
    }));
    writeFileSync(join(work, "dup.zip"), writeZip(edited, { timestamp: timestampFromSeconds(0) }));
    const verify = await viaBin(["verify", "dup.zip", "--trust", publicKey], work);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/signature\.json: is not in canonical form/);
    mkdirSync(join(work, "market"));
    const install = await viaBin(["install", "dup.zip", "--trust", publicKey, "--marketplace", "market"], work);
    expect(install.exitCode).not.toBe(0);
    expect(readdirSync(join(work, "market"))).toEqual([]);
  });
});

describe("finding 4: pack refuses credential files by name, with --no-lint [slow]", () => {
  // Key files (id_ed25519, *.pem, *.key) are left out by default rules; re-included with a ! line, they are refused.
  it.each([".git-credentials", ".netrc", ".aws/credentials", ".envrc", "keys/id_ed25519"])("%s", async (name) => {
    const work = tempDir();
    writeTree(join(work, "demo"), {
      ...PLUGIN("demo", "1.0.0"),
      ".pluginignore": `!${name}\n`,
      [name]: "machine example.com login me password hunter2\n",
    });
    const run = await viaBin(["demo", "--out", "dist", "--no-lint"], work);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`refusing to pack ${name}: a credential file`);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });
});

describe("finding 5: an upgrade killed between its renames keeps the version floor [slow]", () => {
  it("plugins/<name> moved aside and not replaced: an older archive is refused, and still after the documented clean-up", async () => {
    const work = tempDir();
    const older = await packed(work, "alpha", "1.0.0");
    const newer = await packed(work, "alpha", "2.0.0");
    const root = join(work, "market");
    mkdirSync(root);
    expect((await viaBin(["install", newer, "--allow-unsigned", "--marketplace", "market"], work)).exitCode).toBe(0);
    // The state kill -9 leaves after `plugins/alpha` was renamed aside and before the new folder took its place.
    renameSync(join(root, "plugins/alpha"), join(root, "plugins/.alpha.previous-0a1b2c3d"));
    mkdirSync(join(root, "plugins/.alpha.install-0a1b2c3d/.codex-plugin"), { recursive: true });
    const refused = await viaBin(["install", older, "--allow-unsigned", "--marketplace", "market"], work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain(
      "an earlier install of alpha was interrupted and left market/plugins/.alpha.install-0a1b2c3d",
    );
    expect(refused.stderr).toContain("market/plugins/.alpha.previous-0a1b2c3d is the complete earlier version");
    expect(existsSync(join(root, "plugins/alpha"))).toBe(false);
    // docs/install.md's clean-up: delete the staging folder, rename the previous one back. The floor is 2.0.0 again.
    renameSync(join(root, "plugins/.alpha.install-0a1b2c3d"), join(work, "deleted"));
    renameSync(join(root, "plugins/.alpha.previous-0a1b2c3d"), join(root, "plugins/alpha"));
    const downgrade = await viaBin(["install", older, "--allow-unsigned", "--marketplace", "market"], work);
    expect(downgrade.exitCode).toBe(2);
    expect(downgrade.stderr).toContain("market/plugins/alpha holds alpha 2.0.0, newer than 1.0.0");
  });
});

describe("finding 6: names that collide on Windows and macOS [slow]", () => {
  it.each([
    [["σ.md", "ς.md"], /differ only in case/],
    [["ſ.md", "s.md"], /differ only in case/],
    [["a.md", "a.md."], /ends with a dot or a space/],
    [["CON.md"], /reserved device name/],
    [["x:y.md"], /character Windows forbids/],
  ])("pack refuses %j", async (names, message) => {
    const work = tempDir();
    writeTree(join(work, "demo"), {
      ...PLUGIN("demo", "1.0.0"),
      ...Object.fromEntries(names.map((name, i) => [`docs/${name}`, `file ${i}\n`])),
    });
    const run = await viaBin(["demo", "--out", "dist", "--no-lint"], work);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(work, "dist"))).toBe(false);
  });
});

describe("finding 7: the archive path swapped between a ZIP and a FIFO while the bin reads it [slow]", () => {
  // perl swaps the path with bare rename(2) calls, thousands a second, so a stat-then-open reader is caught between
  // the two in about half the runs (measured on the code before the fix: 5 hangs in 10 runs); sh's mv was too slow.
  it("10 verify runs while the path flips between a ZIP and a FIFO: none hangs, each reports the ZIP or refuses the FIFO", async () => {
    const work = tempDir();
    writeFileSync(join(work, "a.zip"), zipSync({ "a.md": text("x") }, { level: 0 }));
    await execa("mkfifo", ["p.fifo"], { cwd: work });
    const swapper = execa(
      "perl",
      [
        "-e",
        'while (1) { link "a.zip", "z.tmp"; rename "z.tmp", "t.zip"; link "p.fifo", "f.tmp"; rename "f.tmp", "t.zip" }',
      ],
      { cwd: work, reject: false },
    );
    try {
      for (let i = 0; i < 10; i++) {
        const run = await execa(process.execPath, [bins.pluginPack, "verify", "t.zip", "--allow-unsigned"], {
          cwd: work,
          reject: false,
          timeout: 20_000,
          stdin: "ignore",
          env: { NO_COLOR: "1" },
        });
        expect(run.timedOut, `run ${i} hung on the FIFO`).toBe(false);
        expect(run.exitCode).toBe(1);
        expect(run.stdout).toMatch(/manifest missing|t\.zip is not a regular file|t\.zip cannot be read: no such file/);
      }
    } finally {
      swapper.kill("SIGKILL");
      await swapper;
    }
  }, 240_000);
});

describe("finding 8: install under a marketplace lock [slow]", () => {
  it("two concurrent installs both keep their entries, 4 runs", async () => {
    const work = tempDir();
    const a = await packed(work, "alpha", "1.0.0");
    const b = await packed(work, "beta", "1.0.0");
    for (let run = 0; run < 4; run++) {
      const root = join(work, `market-${run}`);
      mkdirSync(root);
      const results = await Promise.all(
        [a, b].map((archive) => viaBin(["install", archive, "--allow-unsigned", "--marketplace", root], work)),
      );
      for (const result of results) expect(result.exitCode, result.stderr).toBe(0);
      expect(entryNames(root)).toEqual(["alpha", "beta"]);
    }
  });

  it("a lock left by a process that is no longer running is taken over, and the install says so", async () => {
    const work = tempDir();
    const a = await packed(work, "alpha", "1.0.0");
    mkdirSync(join(work, "market"));
    writeFileSync(join(work, "market", LOCK_FILE), `999999999\n${hostname()}\n`);
    const run = await viaBin(["install", a, "--allow-unsigned", "--marketplace", "market"], work);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/took over the install lock .* left by process 999999999, which is no longer running/);
    expect(existsSync(join(work, "market", LOCK_FILE))).toBe(false);
  });
});

describe("finding 9: --trust refuses the small-order identity point [slow]", () => {
  it("an archive 'signed' (R = identity, S = 0) for the identity key is refused at --trust", async () => {
    const work = tempDir();
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const archive = await packed(work, "demo", "1.0.0");
    const read = await readArchive(archive);
    const manifest = read.entries.find((entry) => entry.path === MANIFEST_PATH)!;
    const entries = [
      ...read.entries.map((entry) => ({ path: entry.path, data: entry.data, mode: entry.mode as 0o644 | 0o755 })),
      {
        path: SIGNATURE_PATH,
        mode: 0o644 as const,
        data: serializeSignatureFile({
          formatVersion: 1,
          algorithm: "ed25519",
          // The key id as docs/archive-format.md defines it: the first 16 hex characters of SHA-256 of the raw key.
          keyId: sha256Hex(identity).slice(0, 16),
          publicKey: Buffer.from(identity).toString("base64"),
          manifestSha256: sha256Hex(manifest.data),
          signature: Buffer.concat([identity, new Uint8Array(32)]).toString("base64"),
        }),
      },
    ];
    writeFileSync(join(work, "forged.zip"), writeZip(entries, { timestamp: timestampFromSeconds(0) }));
    const verify = await viaBin(
      ["verify", "forged.zip", "--trust", `ed25519:${Buffer.from(identity).toString("base64")}`],
      work,
    );
    expect(verify.exitCode).toBe(2);
    expect(verify.stderr).toMatch(/refusing to trust this public key: it is a point of small order/);
  });
});
