/** The library API: lint(), loadConfig() and runCli() as a program embedding plugin-lint uses them. */
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "@agent-plugin/core";
import { describe, expect, it, vi } from "vitest";
import { runCli as runCliInProcess, type CliIo } from "./cli.js";
import { loadConfig } from "./config.js";
import * as api from "./index.js";
import { lint } from "./lint.js";

const MANIFEST_TRAILING_COMMA = '{\n  "name": "demo",\n  "version": "1.0.0",\n  "description": "A demo plugin.",\n}\n';

function workspace(files: Record<string, string | object | Uint8Array> = {}): string {
  const dir = realpathSync(tempDir());
  writeTree(dir, files);
  return dir;
}

/** Fails the test if anything exits the process or writes to the real stdout/stderr. */
function guardProcess() {
  const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    throw new Error(`process.exit(${code}) was called`);
  }) as typeof process.exit);
  const stdout = vi.spyOn(process.stdout, "write");
  const stderr = vi.spyOn(process.stderr, "write");
  return { exit, stdout, stderr };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("lint()", () => {
  it("returns results, diagnostics and counts that agree with each other", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA,
      "demo/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: x\n---\n",
      "warn.json": { rules: { "yaml/duplicate-key": "warn" } },
    });
    const guard = guardProcess();
    const report = await lint({ paths: ["demo"], cwd, config: "warn.json" });
    expect(guard.exit).not.toHaveBeenCalled();
    expect(guard.stdout).not.toHaveBeenCalled();
    expect(guard.stderr).not.toHaveBeenCalled();

    expect(report.errorCount).toBe(report.diagnostics.filter((d) => d.severity === "error").length);
    expect(report.warningCount).toBe(report.diagnostics.filter((d) => d.severity === "warning").length);
    expect(report.errorCount).toBeGreaterThanOrEqual(1);
    expect(report.warningCount).toBeGreaterThanOrEqual(1);
    expect(report.results.reduce((n, r) => n + r.messages.length, 0)).toBe(report.diagnostics.length);
    expect(report.targets).toEqual([{ kind: "plugin", root: join(cwd, "demo") }]);
    expect(report.fixedFiles).toEqual([]);
    expect(report.skipped).toEqual([]);

    const trailing = report.diagnostics.find((d) => d.ruleId === "json/trailing-comma");
    expect(trailing).toMatchObject({
      severity: "error",
      file: join(cwd, "demo/.codex-plugin/plugin.json"),
      line: 4,
      column: 34,
      endLine: 4,
      endColumn: 35,
    });
    const duplicate = report.diagnostics.find((d) => d.ruleId === "yaml/duplicate-key");
    expect(duplicate).toMatchObject({
      severity: "warning",
      file: join(cwd, "demo/skills/x/SKILL.md"),
      line: 4,
      column: 1,
    });

    const manifestResult = report.results.find((r) => r.filePath === join(cwd, "demo/.codex-plugin/plugin.json"));
    expect(manifestResult?.messages).toContainEqual({
      ruleId: "json/trailing-comma",
      severity: 2,
      message: "trailing comma before '}'",
      line: 4,
      column: 34,
      endLine: 4,
      endColumn: 35,
      fix: { range: [75, 76], text: "" },
    });
    const skillResult = report.results.find((r) => r.filePath === join(cwd, "demo/skills/x/SKILL.md"));
    expect(skillResult?.messages.find((m) => m.ruleId === "yaml/duplicate-key")?.severity).toBe(1);
    expect(skillResult?.warningCount).toBe(skillResult?.messages.filter((m) => m.severity === 1).length);
  });

  it("lints the cwd by default and reports skipped paths", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA, "notes.txt": "n" });
    const byDefault = await lint({ cwd: join(cwd, "demo") });
    expect(byDefault.targets).toEqual([{ kind: "plugin", root: join(cwd, "demo") }]);
    expect(byDefault.diagnostics.map((d) => d.ruleId)).toContain("json/trailing-comma");
    const skipped = await lint({ cwd, paths: ["notes.txt"] });
    expect(skipped).toMatchObject({
      results: [],
      diagnostics: [],
      errorCount: 0,
      warningCount: 0,
      targets: [],
      skipped: ["notes.txt"],
    });
  });

  it("throws a UsageError for a missing path and never calls process.exit", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const guard = guardProcess();
    const error = await rejection(lint({ paths: ["demo", "nope"], cwd }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("no such file or folder: nope");
    expect(guard.exit).not.toHaveBeenCalled();
    expect(guard.stderr).not.toHaveBeenCalled();
  });

  it("throws a UsageError for a bad config file, and never calls process.exit", async () => {
    const cwd = workspace({
      "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA,
      "bad.json": '{"rules": {"json/nope": "off"}}',
    });
    const guard = guardProcess();
    expect(await rejection(lint({ paths: ["demo"], cwd, config: "bad.json" }))).toBeInstanceOf(UsageError);
    expect(await rejection(lint({ paths: ["demo"], cwd, config: "missing.json" }))).toBeInstanceOf(UsageError);
    expect(guard.exit).not.toHaveBeenCalled();
  });

  it("takes a config object, whose rules, target and ignores apply", async () => {
    const cwd = workspace({
      "cc/.claude-plugin/plugin.json": '{"name": "cc",}',
      "cc/skills/x/SKILL.md": "---\nname: x\ndescription: d\nname: x\n---\n",
    });
    const report = await lint({
      paths: ["cc"],
      cwd,
      config: {
        target: "claude-code",
        rules: { "json/trailing-comma": "warn" },
        ignores: ["cc/skills/"],
        baseDir: cwd,
      },
    });
    expect(
      report.diagnostics
        .filter((d) => d.ruleId.startsWith("json/") || d.ruleId.startsWith("yaml/"))
        .map((d) => `${d.ruleId} ${d.severity}`),
    ).toEqual(["json/trailing-comma warning"]);
    expect(report.diagnostics.some((d) => d.file.includes("/skills/"))).toBe(false);
  });

  it("an explicit target beats the config's", async () => {
    const cwd = workspace({ "cc/.claude-plugin/plugin.json": '{"name": "cc",}' });
    const report = await lint({
      paths: ["cc"],
      cwd,
      target: "codex",
      config: { target: "claude-code", rules: {}, ignores: [], baseDir: cwd },
    });
    expect(report.diagnostics.some((d) => d.ruleId === "json/trailing-comma")).toBe(false);
  });

  it("fix: true repairs the files, lists them, and returns what remains", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": `\uFEFF${MANIFEST_TRAILING_COMMA}` });
    const report = await lint({ paths: ["demo"], cwd, fix: true });
    expect(report.fixedFiles).toEqual([join(cwd, "demo/.codex-plugin/plugin.json")]);
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith("json/"))).toEqual([]);
    expect(readFileSync(join(cwd, "demo/.codex-plugin/plugin.json"), "utf8")).toBe(
      MANIFEST_TRAILING_COMMA.replace('",\n}', '"\n}'),
    );
  });

  it("is what the package exports", () => {
    expect(api.lint).toBe(lint);
    expect(api.UsageError).toBe(UsageError);
    expect(api.loadConfig).toBe(loadConfig);
    expect(Object.keys(api.formatters).sort()).toEqual(["github", "json", "sarif", "stylish"]);
  });
});

describe("loadConfig()", () => {
  const usageError = (fn: () => unknown): UsageError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return error as UsageError;
    }
    throw new Error("expected a UsageError");
  };

  it("returns defaults when there is no .pluginlintrc.json, and reads it when there is", () => {
    const empty = workspace();
    expect(loadConfig(undefined, empty)).toEqual({ rules: {}, ignores: [], baseDir: empty });
    const cwd = workspace({
      ".pluginlintrc.json": { target: "claude-code", rules: { "json/*": "off" }, ignores: ["dist/"] },
    });
    expect(loadConfig(undefined, cwd)).toEqual({
      target: "claude-code",
      rules: { "json/*": "off" },
      ignores: ["dist/"],
      baseDir: cwd,
      file: join(cwd, ".pluginlintrc.json"),
    });
  });

  it("resolves --config relative to the cwd and takes its folder as the base for ignores", () => {
    const cwd = workspace({ "conf/lint.json": { ignores: ["x/"] } });
    expect(loadConfig("conf/lint.json", cwd)).toMatchObject({
      baseDir: join(cwd, "conf"),
      file: join(cwd, "conf/lint.json"),
    });
  });

  it("throws UsageError for a missing file, invalid JSON, a schema violation, and an unknown rule", () => {
    const cwd = workspace({
      "syntax.json": '{\n  "rules": {\n    "json/bom": "off",\n  }\n}\n',
      "comment.json": '{"rules": {}} // c',
      "schema.json": '{"rules": {"json/bom": "sometimes"}}',
      "unknown-key.json": '{"rulez": {}}',
      "unknown-rule.json": '{\n  "rules": {"skil/*": "off", "json/trailing-coma": "off"}\n}',
      "not-utf8.json": Buffer.from([0x7b, 0xff, 0x7d]),
    });
    expect(usageError(() => loadConfig("missing.json", cwd)).message).toBe(
      `config file ${join(cwd, "missing.json")} file does not exist`,
    );
    expect(usageError(() => loadConfig("syntax.json", cwd)).message).toBe(
      `${join(cwd, "syntax.json")}:3:22: invalid JSON in config: trailing comma before '}'`,
    );
    expect(usageError(() => loadConfig("comment.json", cwd)).message).toMatch(
      /comment\.json:1:15: invalid JSON in config: comments are not allowed/,
    );
    expect(usageError(() => loadConfig("schema.json", cwd)).message).toMatch(
      /schema\.json:1:24: invalid config: .*"sometimes"/,
    );
    expect(usageError(() => loadConfig("unknown-key.json", cwd)).message).toMatch(
      /unknown-key\.json:1:2: invalid config: .*rulez/,
    );
    const unknown = usageError(() => loadConfig("unknown-rule.json", cwd)).message;
    expect(unknown).toMatch(/unknown-rule\.json:2:13: unknown rule "skil\/\*" in config/);
    expect(usageError(() => loadConfig("not-utf8.json", cwd)).message).toContain("not valid UTF-8");
  });

  it("suggests the closest rule id", () => {
    const cwd = workspace({ "typo.json": '{"rules": {"json/trailing-coma": "off"}}' });
    try {
      loadConfig("typo.json", cwd);
      expect.unreachable("loadConfig accepted an unknown rule");
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain('did you mean "json/trailing-comma"?');
    }
  });
});

describe("runCli() in process", () => {
  function io(cwd: string) {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = { cwd, env: {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t), color: false };
    return { value, out: () => out.join(""), err: () => err.join("") };
  }

  it("returns exit codes instead of exiting, and writes only through the given io", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const guard = guardProcess();
    const findings = io(cwd);
    expect(await runCliInProcess(["demo"], findings.value)).toBe(1);
    expect(findings.out()).toContain("json/trailing-comma");
    const usage = io(cwd);
    expect(await runCliInProcess(["missing"], usage.value)).toBe(2);
    expect(usage.err()).toBe("plugin-lint: no such file or folder: missing\n");
    const help = io(cwd);
    expect(await runCliInProcess(["--help"], help.value)).toBe(0);
    expect(guard.exit).not.toHaveBeenCalled();
    expect(guard.stdout).not.toHaveBeenCalled();
    expect(guard.stderr).not.toHaveBeenCalled();
  });

  it("colours stylish output only when asked", async () => {
    const cwd = workspace({ "demo/.codex-plugin/plugin.json": MANIFEST_TRAILING_COMMA });
    const plain = io(cwd);
    await runCliInProcess(["demo"], plain.value);
    expect(plain.out()).not.toContain("\u001b[");
    // util.styleText also checks the real stream; FORCE_COLOR stands in for a terminal.
    vi.stubEnv("FORCE_COLOR", "1");
    vi.stubEnv("NO_COLOR", undefined);
    try {
      const coloured = io(cwd);
      await runCliInProcess(["demo"], { ...coloured.value, color: true });
      expect(coloured.out()).toContain("\u001b[");
      const json = io(cwd);
      await runCliInProcess(["demo", "-f", "json"], { ...json.value, color: true });
      expect(json.out()).not.toContain("\u001b[");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
