/**
 * Hostile and broken input. Every case must: finish (a hang fails), exit 1 with a positioned finding (or 2 for
 * usage), print no stack trace, and leave every input file exactly as it was. Most run runCli in-process; the cases
 * that need a real process (a possible hang, a memory limit, FIFOs, another user, a deep stack) run the BUILT bin
 * (run `pnpm build` first), which a timeout can stop.
 */
import { bins, repoRoot, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { createHash } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "./cli.js";

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}
interface Finding {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  severity: 1 | 2;
  message: string;
}

const CLI_TIMEOUT_MS = 20_000;
const MANIFEST = '{"name": "demo", "version": "1.0.0", "description": "A demo plugin."}\n';
const NOBODY = 65534;

/**
 * Runs plugin-lint with `--format json`: in-process, or the built bin when `realProcess` is set (node flags go
 * before the bin).
 */
async function lintJson(
  cwd: string,
  paths: string[],
  options: { realProcess?: boolean; nodeArgs?: string[]; asNobody?: boolean } = {},
): Promise<Run & { findings: Finding[] }> {
  const started = performance.now();
  const run = options.realProcess ? await lintInChild(cwd, paths, options) : await lintInProcess(cwd, paths);
  run.ms = performance.now() - started;
  let findings: Finding[] = [];
  if (run.exitCode !== 2 && !run.timedOut) {
    const parsed = JSON.parse(run.stdout) as { filePath: string; messages: Omit<Finding, "file">[] }[];
    findings = parsed.flatMap((r) =>
      r.messages.map((m) => ({
        file: r.filePath.slice(cwd.length + 1),
        ruleId: m.ruleId,
        line: m.line,
        column: m.column,
        severity: m.severity,
        message: m.message,
      })),
    );
  }
  return { ...run, findings };
}

async function lintInProcess(cwd: string, paths: string[]): Promise<Run> {
  const result = await runInProcess<CliIo>(runCli, ["--format", "json", ...paths], { cwd, color: false });
  return { ...result, timedOut: false, ms: 0 };
}

async function lintInChild(
  cwd: string,
  paths: string[],
  options: { nodeArgs?: string[]; asNobody?: boolean },
): Promise<Run> {
  const result = await execa(
    process.execPath,
    [...(options.nodeArgs ?? []), bins.pluginLint, "--format", "json", ...paths],
    {
      cwd,
      env: { NO_COLOR: "1" },
      reject: false,
      timeout: CLI_TIMEOUT_MS,
      stdin: "ignore",
      ...(options.asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
    },
  );
  const run: Run = {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    timedOut: result.timedOut,
    ms: 0,
  };
  return run;
}

/** SHA-256 of a file's bytes, or "unreadable" (a mode-000 file when not running as root). */
function hashOf(path: string): string {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return "unreadable";
  }
}

/** Type, mode, mtime and content hash (or link target) of everything under `root`, without following links or opening FIFOs. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stats = lstatSync(path);
      const meta = `${(stats.mode & 0o7777).toString(8)} ${stats.mtimeMs}`;
      if (stats.isSymbolicLink()) out.set(path, `link ${readlinkSync(path)}`);
      else if (stats.isDirectory()) {
        out.set(path, `dir ${meta}`);
        if (stats.mode & 0o400 || process.getuid?.() === 0) visit(path);
      } else if (stats.isFile()) out.set(path, `file ${meta} ${stats.size} ${hashOf(path)}`);
      else out.set(path, `special ${meta}`);
    }
  };
  visit(root);
  return out;
}

/** The common contract of every bad-input case. */
function expectHandled(run: Run, before: Map<string, string>, root: string, exitCode: 0 | 1 | 2 = 1): void {
  expect(run.timedOut, `the CLI did not finish within ${CLI_TIMEOUT_MS} ms`).toBe(false);
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stderr).not.toContain("internal error");
  expect(run.exitCode).toBe(exitCode);
  expect(snapshot(root)).toEqual(before);
}

/** A temporary folder with a minimal clean Codex plugin in demo/. */
function pluginDir(files: Record<string, string | object | Uint8Array> = {}): string {
  const cwd = realpathSync(tempDir());
  writeTree(cwd, { "demo/.codex-plugin/plugin.json": MANIFEST, ...files });
  return cwd;
}

const rules = (findings: readonly Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);

beforeAll(() => {
  // Only the cases that need a real process run the bin.
  if (!existsSync(join(repoRoot, "packages/plugin-lint/dist/cli.cjs")))
    throw new Error("packages/plugin-lint is not built: run `pnpm build` before these tests");
});

/** Tests run as root in CI: the unreadable-file case then runs the CLI as nobody, which must be able to read the repo. */
const asNobody = process.getuid?.() === 0;
const nobodyCanRun = asNobody
  ? (
      await execa(
        process.execPath,
        [
          "-e",
          "require('fs').readFileSync(process.argv[1]); require('fs').readdirSync(require('path').dirname(process.argv[1]) + '/../dist')",
          bins.pluginLint,
        ],
        {
          uid: NOBODY,
          gid: NOBODY,
          reject: false,
          stdin: "ignore",
        },
      )
    ).exitCode === 0
  : true;

describe("malformed files", () => {
  it("malformed JSON manifest → json/syntax at the exact position", async () => {
    const cwd = pluginDir({
      "demo/.codex-plugin/plugin.json":
        '{\n  "name": "demo",\n  "version": "1.0.0"\n  "description": "A demo plugin."\n}\n',
    });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/.codex-plugin/plugin.json:4:3 json/syntax");
    expect(run.findings.find((f) => f.ruleId === "json/syntax")?.message).toMatch(/^expected ',' between values/);
  });

  it("malformed YAML frontmatter (CRLF) → yaml/syntax at the right line and column", async () => {
    const cwd = pluginDir({ "demo/skills/x/SKILL.md": "---\r\nname: x\r\ndescription: a: b\r\n---\r\nBody.\r\n" });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    // Exit 0: Codex 0.171 reads an unquoted `: ` as text (probe skill-md/yaml-syntax/unquoted-colon), so a warning.
    expectHandled(run, before, cwd, 0);
    expect(rules(run.findings)).toContain("demo/skills/x/SKILL.md:3:14 yaml/syntax");
  });

  it("YAML alias bomb in SKILL.md frontmatter → yaml/alias-limit, quickly", async () => {
    const lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `lol${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    const cwd = pluginDir({
      "demo/skills/x/SKILL.md": `---\nname: x\ndescription: d\n${lines.join("\n")}\n---\nBody.\n`,
    });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd, 0);
    expect(run.ms).toBeLessThan(5000);
    const bomb = run.findings.find((f) => f.ruleId === "yaml/alias-limit");
    // A warning: Codex loads a skill with an alias bomb (fixture yaml/alias-limit, both pinned releases).
    expect(bomb).toMatchObject({ file: "demo/skills/x/SKILL.md", line: 2, column: 1, severity: 1 });
  });

  it("an empty .mcp.json (0 bytes) → json/syntax at 1:1", async () => {
    const cwd = pluginDir({ "demo/.mcp.json": "" });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/.mcp.json:1:1 json/syntax");
  });

  it("a plugin.json that is a JSON array → manifest/schema at 1:1", async () => {
    const cwd = pluginDir({ "demo/.codex-plugin/plugin.json": '[{"name": "demo"}]\n' });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/.codex-plugin/plugin.json:1:1 manifest/schema");
  });

  it("deeply nested JSON (20 KB of brackets) → a json/syntax finding, not a crash", async () => {
    const depth = 10_000;
    const cwd = pluginDir({ "demo/.mcp.json": `${"[".repeat(depth) + "]".repeat(depth)}\n` });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    expect(run.findings.some((f) => f.file === "demo/.mcp.json" && f.ruleId === "json/syntax")).toBe(true);
  });
});

describe("deeply nested YAML", () => {
  it("deeply nested flow collections in frontmatter → yaml/syntax in SKILL.md, not a crash", async () => {
    const depth = 5000;
    const cwd = pluginDir({
      "demo/skills/x/SKILL.md": `---\nname: x\ndescription: d\nnested: ${"[".repeat(depth)}${"]".repeat(depth)}\n---\nBody.\n`,
    });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    expect(
      run.findings.some((f) => f.file === "demo/skills/x/SKILL.md" && f.ruleId === "yaml/syntax" && f.line === 4),
    ).toBe(true);
  });
});

describe("files that are not text", () => {
  it("a 50 MB SKILL.md → file/too-large, without reading it into memory", async () => {
    const cwd = pluginDir();
    const path = join(cwd, "demo/skills/x/SKILL.md");
    writeTree(cwd, { "demo/skills/x/.keep": "" });
    const fd = openSync(path, "w");
    const chunk = Buffer.alloc(1024 * 1024, "a");
    chunk.write("---\ndescription: big\n---\n");
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const before = snapshot(cwd);
    // Peak resident memory, printed by the child itself as it exits.
    const nodeArgs = [
      "--max-old-space-size=96",
      "--import",
      'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))',
    ];
    const baselineCwd = pluginDir();
    const [baseline, run] = await Promise.all([
      lintJson(baselineCwd, ["demo"], { realProcess: true, nodeArgs }),
      lintJson(cwd, ["demo"], { realProcess: true, nodeArgs }),
    ]);
    const maxRss = (r: Run) => Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]) * 1024;
    expectHandled(run, before, cwd);
    expect(baseline.exitCode).toBe(0);
    const tooLarge = run.findings.find((f) => f.ruleId === "file/too-large");
    expect(tooLarge).toMatchObject({ file: "demo/skills/x/SKILL.md", line: 1, column: 1, severity: 2 });
    expect(tooLarge?.message).toContain("50.0 MiB");
    // Reading the file whole would add at least its 50 MiB to the peak.
    expect(maxRss(run) - maxRss(baseline)).toBeLessThan(25 * 1024 * 1024);
  });

  it("a binary SKILL.md (NUL bytes) → file/binary at the NUL", async () => {
    const cwd = pluginDir({ "demo/skills/x/SKILL.md": Buffer.from("---\nname: x\ndescr\0iption: d\n---\n") });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/skills/x/SKILL.md:3:6 file/binary");
  });

  it("invalid UTF-8 in SKILL.md → file/invalid-utf8 at the right line and column", async () => {
    const bytes = Buffer.concat([
      Buffer.from("---\nname: x\ndescription: d\n---\n\nSome text\nbad "),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(" here\n"),
    ]);
    const cwd = pluginDir({ "demo/skills/x/SKILL.md": bytes });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/skills/x/SKILL.md:7:5 file/invalid-utf8");
  });

  it("a standalone binary SKILL.md (no plugin) → file/binary too", async () => {
    const cwd = realpathSync(tempDir());
    writeTree(cwd, { "lone/SKILL.md": Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00]) });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["lone"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toEqual(["lone/SKILL.md:2:1 file/binary"]);
  });

  it("a FIFO named SKILL.md → no hang, and a finding", async () => {
    const cwd = pluginDir({ "demo/skills/x/README.md": "x" });
    await execa("mkfifo", [join(cwd, "demo/skills/x/SKILL.md")]);
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    expect(run.findings.some((f) => f.file === "demo/skills/x/SKILL.md" && f.severity === 2)).toBe(true);
  });

  it("a FIFO as the manifest → no hang, file/unreadable", async () => {
    const cwd = realpathSync(tempDir());
    writeTree(cwd, { "demo/.codex-plugin/.keep": "" });
    await execa("mkfifo", [join(cwd, "demo/.codex-plugin/plugin.json")]);
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/.codex-plugin/plugin.json:1:1 file/unreadable");
  });
});

describe("symbolic links", () => {
  it("a link loop (a -> b, b -> a) → file/symlink for each, no hang", async () => {
    const cwd = pluginDir();
    symlinkSync("b", join(cwd, "demo/a"));
    symlinkSync("a", join(cwd, "demo/b"));
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toEqual(expect.arrayContaining(["demo/a:1:1 file/symlink", "demo/b:1:1 file/symlink"]));
    expect(run.findings.find((f) => f.file === "demo/a")?.message).toContain("loop");
  });

  it("a link to a file outside the plugin → file/symlink naming the target, which is not read", async () => {
    const cwd = pluginDir({ "outside/secret.md": "---\ndescription: [broken\n---\n" });
    writeTree(cwd, { "demo/skills/x/.keep": "" });
    symlinkSync(join(cwd, "outside/secret.md"), join(cwd, "demo/skills/x/SKILL.md"));
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    const link = run.findings.find((f) => f.file === "demo/skills/x/SKILL.md" && f.ruleId === "file/symlink");
    expect(link?.message).toContain(join(cwd, "outside/secret.md"));
    expect(run.findings.some((f) => f.ruleId === "yaml/syntax")).toBe(false);
  });

  it("a folder link back to its parent (dir/self -> ..) → no hang", async () => {
    const cwd = pluginDir({ "demo/dir/file.md": "x" });
    symlinkSync("..", join(cwd, "demo/dir/self"));
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"], { realProcess: true });
    expectHandled(run, before, cwd);
    // Codex installs drop symbolic links, so the link itself is reported, once.
    expect(rules(run.findings).filter((r) => r.includes("file/symlink"))).toEqual(["demo/dir/self:1:1 file/symlink"]);
  });
});

describe("paths and permissions", () => {
  it("`..` in the manifest's skills path → path/escapes-root at the value", async () => {
    const cwd = pluginDir({
      "demo/.codex-plugin/plugin.json":
        '{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n  "skills": "./../shared"\n}\n',
      "shared/x/SKILL.md": "---\nname: x\ndescription: [broken\n---\n",
    });
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo"]);
    expectHandled(run, before, cwd);
    expect(rules(run.findings)).toContain("demo/.codex-plugin/plugin.json:5:13 path/escapes-root");
    // What is outside the plugin is not linted as part of it.
    expect(run.findings.some((f) => f.file.startsWith("shared/"))).toBe(false);
  });

  it.skipIf(!nobodyCanRun)(
    `an unreadable file and folder (mode 000${asNobody ? ", CLI run as nobody because tests run as root" : ""}) → file/unreadable; skipped only if user nobody cannot read the repo`,
    async () => {
      const cwd = pluginDir({
        "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\n---\n",
        "demo/skills/locked/SKILL.md": "---\nname: locked\ndescription: d\n---\n",
      });
      chmodSync(cwd, 0o755);
      chmodSync(join(cwd, "demo/skills/x/SKILL.md"), 0o000);
      chmodSync(join(cwd, "demo/skills/locked"), 0o000);
      try {
        const before = snapshot(cwd);
        const run = await lintJson(cwd, ["demo"], { realProcess: true, asNobody });
        expectHandled(run, before, cwd);
        expect(rules(run.findings)).toEqual(
          expect.arrayContaining([
            "demo/skills/locked:1:1 file/unreadable",
            "demo/skills/x/SKILL.md:1:1 file/unreadable",
          ]),
        );
        expect(run.findings.find((f) => f.file === "demo/skills/x/SKILL.md")?.message).toContain("EACCES");
      } finally {
        chmodSync(join(cwd, "demo/skills/locked"), 0o755);
      }
    },
  );

  it("a path that does not exist → exit 2, nothing written", async () => {
    const cwd = pluginDir();
    const before = snapshot(cwd);
    const run = await lintJson(cwd, ["demo", "missing"]);
    expectHandled(run, before, cwd, 2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toBe("plugin-lint: no such file or folder: missing");
  });
});
