/**
 * The plugin-lint command line, run in-process through runCli(argv, io): exit codes, every output format, config
 * files, --fix, and how paths are taken. A few smoke tests at the end run the BUILT bin (run `pnpm build` first).
 */
import {
  bins,
  type CliResult,
  repoRoot,
  runCli,
  runInProcess,
  tempDir,
  withoutFinalNewline,
  writeTree,
} from "@agent-plugin/test-utils";
import { execa } from "execa";
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import module, { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintCli } from "./cli-spec.js";
import { type CliIo, runCli as runLintCli } from "./cli.js";
import { lint, type LintFileResult } from "./lint.js";
import { ruleMetas } from "./rules/index.js";

/** What --format json prints: the library's own result type. */
type JsonResult = LintFileResult;
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
}
interface SarifLog {
  version: string;
  $schema?: string;
  runs: {
    tool: { driver: { name: string; semanticVersion?: string; rules: { id: string }[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

const MANIFEST = '{"name": "demo", "version": "1.0.0", "description": "A demo plugin."}\n';
/** Manifest with a trailing comma at line 4, column 34. */
const MANIFEST_TRAILING_COMMA = '{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n';
const PLUGIN_VERSION = (
  JSON.parse(readFileSync(join(repoRoot, "packages/plugin-lint/package.json"), "utf8")) as { version: string }
).version;

/** plugin-lint in this process, its output as the bin's would be (no colour, the final newline stripped). */
const run = async (args: readonly string[], cwd: string): Promise<CliResult> =>
  withoutFinalNewline(await runInProcess<CliIo>(runLintCli, args, { cwd, color: false }));
const runBin = (args: readonly string[], cwd: string): Promise<CliResult> => runCli(bins.pluginLint, args, { cwd });

function parseJsonOutput(result: CliResult): JsonResult[] {
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as JsonResult[];
}

/** Every finding as "relative/file:line:col ruleId", for compact assertions. */
function flatten(results: readonly JsonResult[], cwd: string): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line}:${m.column} ${m.ruleId}`),
  );
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^ {4}at /m);
  expect(stderr).not.toContain("internal error");
}

/** A temporary cwd (realpath'd: absolute file paths in reports are real paths). */
function workspace(files: Record<string, string | object | Uint8Array> = {}): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, files);
  return dir;
}

describe("exit codes", () => {
  it("exits 0 on a clean plugin and prints ✔ no problems", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const result = await run(["demo"], cwd);
    expect(result).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
  });

  it("exits 1 when there is an error", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const result = await run(["demo"], cwd);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("json/trailing-comma");
    expect(result.stderr).toBe("");
  });

  const usageCases: { name: string; args: string[]; mentions: string }[] = [
    { name: "an unknown flag", args: ["--bogus", "demo"], mentions: "--bogus" },
    { name: "a bad --format", args: ["--format", "xml", "demo"], mentions: "xml" },
    { name: "a bad --target", args: ["--target", "claude", "demo"], mentions: "claude" },
    { name: "--max-warnings abc", args: ["--max-warnings", "abc", "demo"], mentions: "abc" },
    {
      name: "--max-warnings with a negative number",
      args: ["--max-warnings", "-1", "demo"],
      mentions: "--max-warnings",
    },
    { name: "--format without its value", args: ["demo", "--format"], mentions: "--format" },
    { name: "a path that does not exist", args: ["demo", "no/such/plugin"], mentions: "no/such/plugin" },
    {
      name: "a --config file that does not exist",
      args: ["--config", "missing.json", "demo"],
      mentions: "missing.json",
    },
  ];
  it.each(usageCases)("exits 2 with a one-line plugin-lint: message for $name", async ({ args, mentions }) => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const result = await run(args, cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^plugin-lint: [^\n]+$/);
    expect(result.stderr).toContain(mentions);
    expectNoStackTrace(result.stderr);
  });

  it("-o into a folder that does not exist: creates it (as ESLint does) or exits 2 with a one-line message, never an internal error", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const result = await run(["demo", "-o", "no-such-dir/report.txt"], cwd);
    expectNoStackTrace(result.stderr);
    if (result.exitCode === 0) {
      expect(readFileSync(join(cwd, "no-such-dir/report.txt"), "utf8")).toContain("✔ no problems");
    } else {
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^plugin-lint: [^\n]+$/);
      expect(result.stderr).toContain("no-such-dir/report.txt");
    }
  });
});

describe("--format json", () => {
  it("prints ESLint-shaped results with absolute paths, equal to what lint() returns", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json":
        '\uFEFF{\n  "name": "demo", // the id\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n',
      "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: y\n---\n# X\n",
      "demo/.mcp.json": "",
    });
    const result = await run(["demo", "--format", "json"], cwd);
    expect(result.exitCode).toBe(1);
    const results = parseJsonOutput(result);
    const library = await lint({ paths: ["demo"], cwd });
    expect(results).toEqual(JSON.parse(JSON.stringify(library.results)));

    const manifest = results.find((r) => r.filePath === join(cwd, "demo/.codex-plugin/plugin.json"));
    expect(manifest).toBeDefined();
    expect(manifest!.messages.filter((m) => m.ruleId.startsWith("json/"))).toEqual([
      {
        ruleId: "json/bom",
        severity: 2,
        message: "file starts with a UTF-8 byte order mark",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        fix: { range: [0, 1], text: "" },
      },
      {
        ruleId: "json/comment",
        severity: 2,
        message: "comments are not allowed in JSON",
        line: 2,
        column: 19,
        endLine: 2,
        endColumn: 28,
      },
      {
        ruleId: "json/trailing-comma",
        severity: 2,
        message: "trailing comma before '}'",
        line: 4,
        column: 34,
        endLine: 4,
        endColumn: 35,
        fix: { range: [86, 87], text: "" },
      },
    ]);
    expect(manifest!.errorCount).toBe(manifest!.messages.filter((m) => m.severity === 2).length);
    expect(manifest!.fixableErrorCount).toBeGreaterThanOrEqual(2);

    const flat = flatten(results, cwd);
    expect(flat).toContain("demo/skills/x/SKILL.md:4:1 yaml/duplicate-key");
    expect(flat).toContain("demo/.mcp.json:1:1 json/syntax");
    for (const r of results) {
      expect(r.filePath.startsWith("/")).toBe(true);
      expect(r.errorCount + r.warningCount).toBe(r.messages.length);
      for (const m of r.messages) {
        expect([1, 2]).toContain(m.severity);
        expect(m.endLine > m.line || (m.endLine === m.line && m.endColumn >= m.column)).toBe(true);
      }
    }
    // Results come in path order.
    const paths = results.map((r) => r.filePath);
    expect(paths).toEqual([...paths].sort());
  });

  it("prints [] for a clean plugin", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const result = await run(["demo", "-f", "json"], cwd);
    expect(result.exitCode).toBe(0);
    expect(parseJsonOutput(result)).toEqual([]);
  });
});

describe("--format sarif", () => {
  interface Validator {
    (data: unknown): boolean;
    errors?: { instancePath: string; message?: string }[] | null;
  }
  let validateSarif: Validator;

  beforeAll(() => {
    // The official SARIF 2.1.0 (rtm.5) JSON schema, as shipped by Microsoft's @microsoft/jest-sarif. It is draft-04.
    const require = createRequire(import.meta.url);
    const Ajv = require("ajv-draft-04") as new (
      options: Record<string, unknown>,
    ) => { compile(schema: object): Validator };
    const addFormats = require("ajv-formats") as (ajv: object) => void;
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    ) as object;
    // unicodeRegExp: the schema's language pattern is not a valid `u`-flag regular expression.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validateSarif = ajv.compile(schema);
  });

  const expectValidSarif = (log: unknown) => {
    const valid = validateSarif(log);
    expect(valid ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`)).toEqual([]);
  };

  it("is valid SARIF 2.1.0 whose results match the JSON output", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json":
        '{\n  "name": "demo", // c\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n',
      "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: y\n---\n",
      ".pluginlintrc.json": { rules: { "json/comment": "warn" } },
    });
    const [sarifRun, jsonRun] = await Promise.all([
      run(["demo", "-f", "sarif"], cwd),
      run(["demo", "-f", "json"], cwd),
    ]);
    expect(sarifRun.exitCode).toBe(1);
    expect(sarifRun.stderr).toBe("");
    const log = JSON.parse(sarifRun.stdout) as SarifLog;
    expectValidSarif(log);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const sarif = log.runs[0]!;
    expect(sarif.tool.driver.name).toBe("plugin-lint");
    expect(sarif.tool.driver.semanticVersion).toBe(PLUGIN_VERSION);

    const json = parseJsonOutput(jsonRun);
    const fromJson = json.flatMap((r) =>
      r.messages.map((m) => ({
        ruleId: m.ruleId,
        level: m.severity === 2 ? "error" : "warning",
        uri: r.filePath.slice(cwd.length + 1),
        line: m.line,
        column: m.column,
      })),
    );
    const fromSarif = sarif.results.map((r) => ({
      ruleId: r.ruleId,
      level: r.level,
      uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
      line: r.locations[0]!.physicalLocation.region.startLine,
      column: r.locations[0]!.physicalLocation.region.startColumn,
    }));
    expect(fromSarif).toEqual(fromJson);
    expect(fromSarif.map((r) => r.level)).toContain("warning");
    expect(fromSarif.map((r) => r.level)).toContain("error");

    const ruleIds = sarif.tool.driver.rules.map((r) => r.id);
    for (const result of sarif.results) {
      expect(ruleIds).toContain(result.ruleId);
      expect(result.ruleIndex).toBeDefined();
      expect(ruleIds[result.ruleIndex!]).toBe(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    }
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(sarif.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`file://${cwd}/`);
  });

  it("is valid SARIF for a clean run", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const result = await run(["demo", "-f", "sarif"], cwd);
    expect(result.exitCode).toBe(0);
    const log = JSON.parse(result.stdout) as SarifLog;
    expectValidSarif(log);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it("writes artifact URIs that are valid URI references when a path has a space or a percent sign", async () => {
    const cwd = workspace({ "my plugins/50% demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const result = await run(["my plugins/50% demo", "-f", "sarif"], cwd);
    expect(result.exitCode).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;
    const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expectValidSarif(log);
    expect(decodeURI(uri)).toBe("my plugins/50% demo/.codex-plugin/plugin.json");
  });
});

describe("--format github", () => {
  it("prints one workflow command per finding, with properties and message escaped", async () => {
    const base = realpathSync(tempDir());
    const cwd = join(base, "repo");
    writeTree(base, { "outside/50%\nodd.md": "outside" });
    writeTree(cwd, {
      "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA,
      ".pluginlintrc.json": { rules: { "json/trailing-comma": "warn" } },
    });
    symlinkSync(join(base, "outside/50%\nodd.md"), join(cwd, "demo/we,ird:name.md"));
    const result = await run(["demo", "--format", "github"], cwd);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toContain(
      "::warning file=demo/.codex-plugin/plugin.json,line=4,col=34,endLine=4,endColumn=35,title=plugin-lint json/trailing-comma::trailing comma before '}'",
    );
    const escapedTarget = join(base, "outside/50%\nodd.md").replace(/%/g, "%25").replace(/\n/g, "%0A");
    const symlinkLine = lines.find((l) => l.includes("file/symlink"));
    expect(symlinkLine).toBeDefined();
    expect(
      symlinkLine!.startsWith(
        "::error file=demo/we%2Cird%3Aname.md,line=1,col=1,endLine=1,endColumn=1,title=plugin-lint file/symlink::",
      ),
    ).toBe(true);
    expect(symlinkLine).toContain(`(to ${escapedTarget})`);
    // Every line is a workflow command, except the closing count: no raw newline split a message.
    expect(
      lines
        .slice(0, -1)
        .every((l) =>
          /^::(error|warning) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=plugin-lint [a-z-]+\/[a-z0-9-]+::/.test(
            l,
          ),
        ),
    ).toBe(true);
    const errors = lines.filter((l) => l.startsWith("::error")).length;
    const warnings = lines.filter((l) => l.startsWith("::warning")).length;
    expect(lines.at(-1)).toBe(
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
    );
  });
});

describe("stylish (default) output", () => {
  it("groups findings under file headers relative to the cwd, one aligned row each, then a summary", async () => {
    const cwd = workspace({
      "plugins/demo/.codex-plugin/plugin.json":
        '{\n  "name": "demo", // c\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n',
      ".pluginlintrc.json": { rules: { "json/comment": "warn" } },
    });
    const result = await run([join(cwd, "plugins/demo")], cwd);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^plugins\/demo\/\.codex-plugin\/plugin\.json\n/);
    expect(result.stdout).toContain("\n  2:19  warning  comments are not allowed in JSON  json/comment\n");
    expect(result.stdout).toContain("\n  4:34  error    trailing comma before '}'  json/trailing-comma\n");
    expect(result.stdout).toContain("\n✖ 2 problems (1 error, 1 warning)\n");
    expect(result.stdout).toContain("1 fixable with the `--fix` option.");
    expect(result.stdout).not.toContain(cwd);
    // Colour is off (as with NO_COLOR or a pipe): no escape codes.
    expect(result.stdout).not.toContain("\u001b[");
  });
});

describe("--max-warnings and --quiet", () => {
  it("count warnings only, and --quiet hides them", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json":
        '{"name": "demo", "version": "1.0.0", "description": "A demo plugin."} // note\n',
      "warn.json": { rules: { "json/comment": "warn" } },
    });
    const [plain, zero, one, five, quiet] = await Promise.all([
      run(["demo", "-c", "warn.json"], cwd),
      run(["demo", "-c", "warn.json", "--max-warnings", "0"], cwd),
      run(["demo", "-c", "warn.json", "--max-warnings", "1"], cwd),
      run(["demo", "-c", "warn.json", "--max-warnings", "5"], cwd),
      run(["demo", "-c", "warn.json", "--quiet"], cwd),
    ]);
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toContain("✖ 1 problem (0 errors, 1 warning)");
    expect(plain.stdout).toContain("warning  comments are not allowed in JSON  json/comment");
    expect(zero.exitCode).toBe(1);
    expect(zero.stderr).toMatch(/^plugin-lint: 1 warnings?, more than --max-warnings 0$/);
    expect(one.exitCode).toBe(0);
    expect(five.exitCode).toBe(0);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).not.toContain("warning");
    expect(quiet.stdout).not.toContain("json/comment");
  });

  it.skipIf(ruleMetas.get("manifest/brand-color")?.severity !== "warning")(
    "work with a warning rule at its default severity (manifest/brand-color)",
    async () => {
      const cwd = workspace({
        "demo/.codex-plugin/plugin.json":
          '{"name": "demo", "version": "1.0.0", "description": "A demo plugin.", "interface": {"brandColor": "red"}}\n',
      });
      const [plain, zero, quiet] = await Promise.all([
        run(["demo", "-f", "json"], cwd),
        run(["demo", "--max-warnings", "0"], cwd),
        run(["demo", "--quiet"], cwd),
      ]);
      expect(plain.exitCode).toBe(0);
      expect(flatten(parseJsonOutput(plain), cwd)).toEqual([
        "demo/.codex-plugin/plugin.json:1:99 manifest/brand-color",
      ]);
      expect(zero.exitCode).toBe(1);
      expect(quiet).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
    },
  );

  it("--quiet still reports errors and exits 1", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json":
        '{"name": "demo", // c\n "version": "1.0.0", "description": "A demo plugin.",}\n',
      "warn.json": { rules: { "json/comment": "warn" } },
    });
    const result = await run(["demo", "-c", "warn.json", "--quiet", "-f", "json"], cwd);
    expect(result.exitCode).toBe(1);
    const results = parseJsonOutput(result);
    expect(flatten(results, cwd).filter((f) => f.includes(" json/"))).toEqual([
      "demo/.codex-plugin/plugin.json:2:53 json/trailing-comma",
    ]);
    expect(results.every((r) => r.warningCount === 0 && r.messages.every((m) => m.severity === 2))).toBe(true);
  });
});

describe("--config", () => {
  const plugin = {
    "demo/.codex-plugin/plugin.json":
      '{\n  "name": "demo", // c\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n',
    "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: x\n---\n",
    "demo/skills/x/agents/openai.yaml": "interface: [unclosed\n",
  };

  it("off / warn / error change severities; an area wildcard turns an area off; an exact id beats the wildcard", async () => {
    const cwd = workspace({
      ...plugin,
      "severities.json": { rules: { "json/trailing-comma": "off", "json/comment": "warn", "yaml/syntax": "error" } },
      "wildcard.json": { rules: { "json/*": "off", "yaml/*": "off" } },
      "exact.json": { rules: { "json/*": "off", "json/comment": "error" } },
    });
    const json = (...extra: string[]) => run(["demo", "-f", "json", ...extra], cwd);
    const [defaults, severities, wildcard, exact] = await Promise.all([
      json(),
      json("-c", "severities.json"),
      json("--config", "wildcard.json"),
      json("-c", "exact.json"),
    ]);
    const pick = (r: CliResult) =>
      parseJsonOutput(r)
        .flatMap((f) => f.messages.map((m) => `${f.filePath.slice(cwd.length + 1)} ${m.ruleId} ${m.severity}`))
        .filter((s) => / (json|yaml)\//.test(s));
    expect(pick(defaults)).toEqual([
      "demo/.codex-plugin/plugin.json json/comment 2",
      "demo/.codex-plugin/plugin.json json/trailing-comma 2",
      "demo/skills/x/SKILL.md yaml/duplicate-key 2",
      // agents/openai.yaml only makes Codex log a warning, so its syntax error is a warning by default.
      "demo/skills/x/agents/openai.yaml yaml/syntax 1",
    ]);
    expect(pick(severities)).toEqual([
      "demo/.codex-plugin/plugin.json json/comment 1",
      "demo/skills/x/SKILL.md yaml/duplicate-key 2",
      "demo/skills/x/agents/openai.yaml yaml/syntax 2",
    ]);
    expect(pick(wildcard)).toEqual([]);
    expect(pick(exact)).toEqual([
      "demo/.codex-plugin/plugin.json json/comment 2",
      "demo/skills/x/SKILL.md yaml/duplicate-key 2",
      "demo/skills/x/agents/openai.yaml yaml/syntax 1",
    ]);
  });

  it("rejects an unknown rule id with a did-you-mean at file:line:col (exit 2)", async () => {
    const cwd = workspace({ ...plugin, "typo.json": '{\n  "rules": {\n    "json/trailing-coma": "off"\n  }\n}\n' });
    const result = await run(["demo", "-c", "typo.json"], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `plugin-lint: ${join(cwd, "typo.json")}:3:5: unknown rule "json/trailing-coma" in config: did you mean "json/trailing-comma"?`,
    );
  });

  it("rejects invalid JSON in the config naming file:line:col (exit 2)", async () => {
    const cwd = workspace({ ...plugin, "broken.json": '{\n  "rules": {\n    "json/bom": "off",\n  }\n}\n' });
    const result = await run(["demo", "-c", "broken.json"], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^plugin-lint: ${join(cwd, "broken.json").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:3:22: invalid JSON in config: [^\\n]+$`,
      ),
    );
    expectNoStackTrace(result.stderr);
  });

  it("rejects a config that breaks the config schema, at the bad value (exit 2)", async () => {
    const cwd = workspace({ ...plugin, "bad.json": '{"rules": {"json/bom": "of"}}' });
    const result = await run(["demo", "-c", "bad.json"], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^plugin-lint: .*bad\.json:1:24: invalid config: .*"of".*$/);
  });

  it("drops findings in files that match `ignores`, relative to the config file", async () => {
    const cwd = workspace({ ...plugin, "conf/ignore.json": { ignores: ["demo/skills/**"] } });
    const result = await run(["demo", "-f", "json", "-c", join(cwd, "conf/ignore.json")], cwd);
    // The patterns are relative to conf/, so demo/skills/** there matches nothing here.
    expect(flatten(parseJsonOutput(result), cwd).some((f) => f.startsWith("demo/skills/"))).toBe(true);
    writeTree(cwd, { "ignore.json": { ignores: ["demo/skills/**"] } });
    const ignored = await run(["demo", "-f", "json", "-c", "ignore.json"], cwd);
    const flat = flatten(parseJsonOutput(ignored), cwd);
    expect(flat.some((f) => f.startsWith("demo/skills/"))).toBe(false);
    expect(flat).toContain("demo/.codex-plugin/plugin.json:4:34 json/trailing-comma");
  });

  it("picks up .pluginlintrc.json from the cwd only", async () => {
    const cwd = workspace({ ...plugin, "demo/.pluginlintrc.json": { rules: { "json/*": "off", "yaml/*": "off" } } });
    const inside = await run(["-f", "json"], join(cwd, "demo"));
    expect(flatten(parseJsonOutput(inside), join(cwd, "demo")).filter((f) => / (json|yaml)\//.test(f))).toEqual([]);
    const outside = await run(["demo", "-f", "json"], cwd);
    expect(flatten(parseJsonOutput(outside), cwd).filter((f) => / (json|yaml)\//.test(f))).toHaveLength(4);
  });

  it("takes the target from the config file", async () => {
    const cwd = workspace({
      "cc/.claude-plugin/plugin.json": '{"name": "cc",}',
      "codex.json": { target: "codex" },
      "claude.json": { target: "claude-code" },
    });
    // Without a config the plugin targets Claude Code (its only manifest); the config's target wins over that.
    const [codex, claude] = await Promise.all([
      run(["cc", "-f", "json", "-c", "codex.json"], cwd),
      run(["cc", "-f", "json", "-c", "claude.json"], cwd),
    ]);
    expect(flatten(parseJsonOutput(codex), cwd)).not.toContain(
      "cc/.claude-plugin/plugin.json:1:14 json/trailing-comma",
    );
    expect(flatten(parseJsonOutput(claude), cwd)).toContain("cc/.claude-plugin/plugin.json:1:14 json/trailing-comma");
  });
});

describe("--target", () => {
  it("claude-code reads .claude-plugin/plugin.json and accepts symbolic links; codex does neither", async () => {
    const cwd = workspace({ "cc/.claude-plugin/plugin.json": '{"name": "cc",}', "cc/README.md": "readme" });
    symlinkSync("README.md", join(cwd, "cc/link.md"));
    const [codex, claude, byDefault] = await Promise.all([
      run(["cc", "-f", "json", "--target", "codex"], cwd),
      run(["cc", "-f", "json", "--target", "claude-code"], cwd),
      run(["cc", "-f", "json"], cwd),
    ]);
    // A plugin whose only manifest is .claude-plugin/plugin.json is a Claude Code plugin by default.
    expect(byDefault).toEqual(claude);
    const codexFindings = flatten(parseJsonOutput(codex), cwd);
    const claudeFindings = flatten(parseJsonOutput(claude), cwd);
    expect(codexFindings).toContain("cc/link.md:1:1 file/symlink");
    expect(codexFindings.some((f) => f.includes("json/trailing-comma"))).toBe(false);
    expect(claudeFindings).toContain("cc/.claude-plugin/plugin.json:1:14 json/trailing-comma");
    expect(claudeFindings.some((f) => f.includes("file/symlink"))).toBe(false);
  });

  it("a plugin with only .claude-plugin/plugin.json is clean for claude-code and Codex 0.171, not for Codex 0.117", async () => {
    const cwd = workspace({ "cc/.claude-plugin/plugin.json": '{"name": "cc"}\n' });
    const [claude, codex, codex0117] = await Promise.all([
      run(["cc", "--target", "claude-code"], cwd),
      run(["cc", "--target", "codex"], cwd),
      run(["cc", "-f", "json", "--target", "codex@0.117"], cwd),
    ]);
    expect(claude).toEqual({ exitCode: 0, stdout: "✔ no problems in cc", stderr: "" });
    // Codex 0.171 installs a plugin without .codex-plugin/plugin.json; 0.117 refuses it.
    expect(codex).toEqual({ exitCode: 0, stdout: "✔ no problems in cc", stderr: "" });
    expect(codex0117.exitCode).toBe(1);
    expect(flatten(parseJsonOutput(codex0117), cwd).some((f) => f.endsWith(" manifest/missing"))).toBe(true);
  });
});

describe("--fix", () => {
  it("removes a BOM and a trailing comma atomically, keeps the file's mode, leaves other files alone, and the next run is clean", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json": `\uFEFF${MANIFEST_TRAILING_COMMA}`,
      "demo/README.md": "# Demo\n",
    });
    const manifest = join(cwd, "demo/.codex-plugin/plugin.json");
    const readme = join(cwd, "demo/README.md");
    chmodSync(manifest, 0o640);
    const past = new Date("2001-02-03T04:05:06Z");
    utimesSync(readme, past, past);
    const inodeBefore = statSync(manifest).ino;

    const fixed = await run(["demo", "--fix"], cwd);
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stdout).toContain("✔ no problems in demo");
    expect(fixed.stdout).toContain("fixed 1 file: demo/.codex-plugin/plugin.json");
    expect(readFileSync(manifest, "utf8")).toBe(
      '{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo plugin."\n}\n',
    );
    expect(statSync(manifest).mode & 0o777).toBe(0o640);
    // Written through a temporary file and a rename: a new inode, and no temporary file left behind.
    expect(statSync(manifest).ino).not.toBe(inodeBefore);
    expect(readdirSync(join(cwd, "demo/.codex-plugin"))).toEqual(["plugin.json"]);
    expect(readdirSync(join(cwd, "demo")).sort()).toEqual([".codex-plugin", "README.md"]);
    expect(statSync(readme).mtime.getTime()).toBe(past.getTime());

    const again = await run(["demo"], cwd);
    expect(again).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
  });

  it("leaves a file with only unfixable findings byte-for-byte and mtime unchanged, and reports what remains", async () => {
    const mcp = '{\n  "mcpServers": {} // none yet\n}\n';
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA, "demo/.mcp.json": mcp });
    const mcpPath = join(cwd, "demo/.mcp.json");
    const past = new Date("2001-02-03T04:05:06Z");
    utimesSync(mcpPath, past, past);
    const result = await run(["demo", "--fix", "-f", "json"], cwd);
    expect(result.exitCode).toBe(1);
    const flat = flatten(parseJsonOutput(result), cwd);
    expect(flat).toContain("demo/.mcp.json:2:20 json/comment");
    expect(flat.some((f) => f.includes("json/trailing-comma"))).toBe(false);
    expect(readFileSync(mcpPath, "utf8")).toBe(mcp);
    expect(statSync(mcpPath).mtime.getTime()).toBe(past.getTime());
    expect(readFileSync(join(cwd, "demo/.codex-plugin/plugin.json"), "utf8")).not.toContain('",\n}');
  });
});

describe("-o, --help, --version", () => {
  it("-o writes the report to the file and nothing to stdout, keeping the exit code", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const [json, stylish] = await Promise.all([
      run(["demo", "-f", "json", "-o", "report.json"], cwd),
      run(["demo", "--output-file", "report.txt"], cwd),
    ]);
    expect(json.exitCode).toBe(1);
    expect(json.stdout).toBe("");
    const written = JSON.parse(readFileSync(join(cwd, "report.json"), "utf8")) as JsonResult[];
    expect(flatten(written, cwd)).toContain("demo/.codex-plugin/plugin.json:4:34 json/trailing-comma");
    expect(stylish.exitCode).toBe(1);
    expect(stylish.stdout).toBe("");
    const text = readFileSync(join(cwd, "report.txt"), "utf8");
    expect(text).toContain("demo/.codex-plugin/plugin.json\n  4:34  error");
    expect(text).not.toContain("\u001b[");
    expect(readdirSync(cwd).sort()).toEqual(["demo", "report.json", "report.txt"]);
  });

  it("--help exits 0 and lists every option", async () => {
    const cwd = workspace();
    const [long, short] = await Promise.all([run(["--help"], cwd), run(["-h"], cwd)]);
    expect(long.exitCode).toBe(0);
    expect(long.stderr).toBe("");
    expect(short.stdout).toBe(long.stdout);
    expect(long.stdout).toMatch(/^Usage: plugin-lint /);
    // Every declared option, as parseCommandLine reads it, with its short form and its description.
    const declared = { ...lintCli.commands.lint.options, ...lintCli.globalOptions };
    expect(Object.keys(declared).length).toBeGreaterThanOrEqual(9);
    for (const [name, option] of Object.entries(declared)) {
      const short = "short" in option ? `-${option.short}, ` : "";
      expect(long.stdout).toContain(`${short}--${name}`);
      expect(long.stdout).toContain(option.description);
    }
    for (const value of ["stylish", "json", "sarif", "github", "codex", "claude-code"])
      expect(long.stdout).toContain(value);
  });

  it("--version prints the package version", async () => {
    const cwd = workspace();
    const [long, short] = await Promise.all([run(["--version"], cwd), run(["-v"], cwd)]);
    expect(long).toEqual({ exitCode: 0, stdout: PLUGIN_VERSION, stderr: "" });
    expect(short).toEqual(long);
  });
});

describe("paths", () => {
  const marketplace = {
    "mk/.agents/plugins/marketplace.json":
      '{\n  "name": "mk",\n  "plugins": [\n    {"name": "a", "source": {"source": "local", "path": "./plugins/a"}},\n    {"name": "b", "source": {"source": "local", "path": "./plugins/b"}}\n  ],\n}\n',
    "mk/plugins/a/.codex-plugin/plugin.json": '{"name": "a", "version": "1.0.0", "description": "Plugin a.",}',
    "mk/plugins/b/.codex-plugin/plugin.json": '{"name": "b", "version": "1.0.0", "description": "Plugin b."} // b\n',
  };

  it("a marketplace repo lints the marketplace and every plugin it lists (by folder or by marketplace.json)", async () => {
    const cwd = workspace(marketplace);
    const [byFolder, byFile] = await Promise.all([
      run(["mk", "-f", "json"], cwd),
      run(["mk/.agents/plugins/marketplace.json", "-f", "json"], cwd),
    ]);
    expect(byFolder.exitCode).toBe(1);
    const flat = flatten(parseJsonOutput(byFolder), cwd);
    expect(flat).toContain("mk/.agents/plugins/marketplace.json:6:4 json/trailing-comma");
    expect(flat).toContain("mk/plugins/a/.codex-plugin/plugin.json:1:61 json/trailing-comma");
    expect(flat).toContain("mk/plugins/b/.codex-plugin/plugin.json:1:63 json/comment");
    expect(parseJsonOutput(byFile)).toEqual(parseJsonOutput(byFolder));
  });

  it("a marketplace and a plugin it lists, given together, report each finding once", async () => {
    const cwd = workspace(marketplace);
    const result = await run(["mk", "mk/plugins/a", "-f", "json"], cwd);
    const flat = flatten(parseJsonOutput(result), cwd);
    expect(flat.filter((f) => f === "mk/plugins/a/.codex-plugin/plugin.json:1:61 json/trailing-comma")).toHaveLength(1);
    expect(new Set(flat).size).toBe(flat.length);
  });

  it("files inside a plugin lint their owning plugin once", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA,
      "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: x\n---\n",
    });
    const [twoFiles, folder] = await Promise.all([
      run(["demo/skills/x/SKILL.md", "demo/.codex-plugin/plugin.json", "-f", "json"], cwd),
      run(["demo", "-f", "json"], cwd),
    ]);
    expect(twoFiles.exitCode).toBe(1);
    const flat = flatten(parseJsonOutput(twoFiles), cwd);
    expect(flat).toContain("demo/.codex-plugin/plugin.json:4:34 json/trailing-comma");
    expect(flat).toContain("demo/skills/x/SKILL.md:4:1 yaml/duplicate-key");
    expect(new Set(flat).size).toBe(flat.length);
    expect(parseJsonOutput(twoFiles)).toEqual(parseJsonOutput(folder));
  });

  it("a file outside any plugin is skipped (exit 0)", async () => {
    const cwd = workspace({ "loose/notes.json": "{not json" });
    const [stylish, json] = await Promise.all([
      run(["loose/notes.json"], cwd),
      run(["loose/notes.json", "-f", "json"], cwd),
    ]);
    expect(stylish.exitCode).toBe(0);
    expect(stylish.stdout).toContain("✔ no problems");
    expect(json.exitCode).toBe(0);
    expect(parseJsonOutput(json)).toEqual([]);
  });

  it("a standalone skill (folder or SKILL.md, no plugin) is linted", async () => {
    const cwd = workspace({ "lone/SKILL.md": "---\nname: lone\ndescription: d\nname: lone\n---\n" });
    const [folder, file] = await Promise.all([
      run(["lone", "-f", "json"], cwd),
      run(["lone/SKILL.md", "-f", "json"], cwd),
    ]);
    expect(folder.exitCode).toBe(1);
    expect(flatten(parseJsonOutput(folder), cwd)).toContain("lone/SKILL.md:4:1 yaml/duplicate-key");
    expect(parseJsonOutput(file)).toEqual(parseJsonOutput(folder));
  });

  it("no path lints the cwd", async () => {
    const cwd = workspace({
      "bad/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA.replace('"demo"', '"bad"'),
      "good/.codex-plugin/plugin.json": MANIFEST.replace('"demo"', '"good"'),
    });
    const [bad, good] = await Promise.all([run([], join(cwd, "bad")), run([], join(cwd, "good"))]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/^\.codex-plugin\/plugin\.json\n/);
    expect(bad.stdout).toContain("\n  4:34  error    trailing comma before '}'  json/trailing-comma\n");
    expect(good).toEqual({ exitCode: 0, stdout: "✔ no problems in .", stderr: "" });
  });
});

describe("the built bin", () => {
  beforeAll(() => {
    if (!existsSync(join(repoRoot, "packages/plugin-lint/dist/cli.cjs")))
      throw new Error("packages/plugin-lint is not built: run `pnpm build` before these tests");
  });

  it("exits 0 on a clean plugin, 1 on findings and 2 with one line on bad usage", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json": MANIFEST,
      "bad/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA,
    });
    const [clean, findings, usage] = await Promise.all([
      runBin(["demo"], cwd),
      runBin(["bad", "-f", "json"], cwd),
      runBin(["--bogus"], cwd),
    ]);
    expect(clean).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
    expect(findings.exitCode).toBe(1);
    expect(flatten(parseJsonOutput(findings), cwd)).toContain("bad/.codex-plugin/plugin.json:4:34 json/trailing-comma");
    expect(usage).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "plugin-lint: Unknown option '--bogus'; see plugin-lint --help",
    });
  });

  it("prints the same help and version as runCli", async () => {
    const cwd = workspace();
    const [help, version] = await Promise.all([runBin(["--help"], cwd), runBin(["--version"], cwd)]);
    expect(help).toEqual(await run(["--help"], cwd));
    expect(version).toEqual({ exitCode: 0, stdout: PLUGIN_VERSION, stderr: "" });
  });

  it("keeps its compiled code after a lint and runs from it the next time, not after --version", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST });
    const cache = join(cwd, "code-cache");
    const env = { AGENT_PLUGIN_CODE_CACHE: cache };
    const files = () => (existsSync(cache) ? readdirSync(cache) : []);
    expect(await runCli(bins.pluginLint, ["--version"], { cwd, env })).toMatchObject({ exitCode: 0 });
    expect(files()).toEqual([]);
    const first = await runCli(bins.pluginLint, ["demo"], { cwd, env });
    expect(first).toEqual({ exitCode: 0, stdout: "✔ no problems in demo", stderr: "" });
    // Node 22.1+ keeps its own compile cache instead.
    if (typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function") return;
    // The bundle stays strict mode as its sources are: the preamble the build puts before esbuild's own line starts
    // with the directive.
    expect(readFileSync(join(repoRoot, "packages/plugin-lint/dist/cli.cjs"), "utf8")).toMatch(/^"use strict";/);
    const file = files()[0] ?? "";
    expect(file).toMatch(/^plugin-lint-[0-9a-f]{16}\.cache$/);
    const written = statSync(join(cache, file)).mtimeMs;
    expect(await runCli(bins.pluginLint, ["demo"], { cwd, env })).toEqual(first);
    expect(files()).toEqual([file]);
    expect(statSync(join(cache, file)).mtimeMs).toBe(written);
  });

  it("ends quietly with the lint exit code when its standard output is closed early (plugin-lint | head)", async () => {
    const cwd = workspace({ "bad/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const child = execa(process.execPath, [bins.pluginLint, "bad", "-f", "json"], {
      cwd,
      env: { NO_COLOR: "1" },
      reject: false,
      stdin: "ignore",
      timeout: 60_000,
    });
    child.stdout?.destroy();
    const result = await child;
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toBe("");
  });
});
