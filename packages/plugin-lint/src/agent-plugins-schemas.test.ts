/**
 * The vendored official Agent Plugins 1.0.0 schemas, compiled here with a fresh ajv (draft 2020-12), independently of
 * the validators the build generates: every passing fixture's plugin.json and mcp.json is valid against them, and
 * where the spec text and the schemas disagree (spec §5.2), plugin-lint follows the text.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { conformanceCases, manifest, mcp } from "./conformance/agent-plugins-cases.js";
import { fixturesRoot } from "./fixture-cases.js";
import { lint } from "./lint.js";

const schemaDir = join(repoRoot, "schemas/agent-plugins/1.0.0");
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let validatePlugin: Validate;
let validateMcp: Validate;

beforeAll(() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  validatePlugin = ajv.compile(JSON.parse(readFileSync(join(schemaDir, "plugin.schema.json"), "utf8")));
  validateMcp = ajv.compile(JSON.parse(readFileSync(join(schemaDir, "mcp.schema.json"), "utf8")));
});

/** Every file under `dir`, as paths relative to the fixtures root. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(fixturesRoot, path)];
  });
}

/** plugin.json at a plugin root (not a host's) and mcp.json, in every passing fixture. */
const passingFiles = filesUnder(fixturesRoot).filter((path) => {
  const parts = path.split(/[\\/]/);
  const name = parts.at(-1);
  return (
    parts.includes("pass") &&
    (name === "mcp.json" ||
      (name === "plugin.json" && !parts.includes(".codex-plugin") && !parts.includes(".claude-plugin")))
  );
});

describe("every passing fixture validates against the official schemas", () => {
  it("finds the standard's passing fixtures", () => {
    expect(passingFiles.filter((path) => path.endsWith("mcp.json")).length).toBeGreaterThanOrEqual(10);
    expect(passingFiles.filter((path) => path.endsWith("plugin.json")).length).toBeGreaterThanOrEqual(20);
  });

  it.each(passingFiles)("%s", (path) => {
    const value = JSON.parse(readFileSync(join(fixturesRoot, path), "utf8"));
    const validate = path.endsWith("mcp.json") ? validateMcp : validatePlugin;
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(conformanceCases.map((c) => [`${c.section} ${c.requirement}`, c.pass] as const))(
    "conformance twin: %s",
    (_, tree) => {
      for (const [path, validate] of [
        ["demo/plugin.json", validatePlugin],
        ["demo/mcp.json", validateMcp],
      ] as const) {
        const content = tree[path];
        if (content === undefined) continue;
        const value = typeof content === "string" ? JSON.parse(content) : content;
        expect(validate(value), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    },
  );
});

describe("the spec text wins where the schemas disagree", () => {
  async function lintPlugin(files: Record<string, object>) {
    const dir = realpathSync(tempDir());
    writeTree(dir, files);
    return lint({
      paths: ["demo"],
      cwd: dir,
      target: "agent-plugins",
      config: { rules: {}, ignores: [], baseDir: dir },
    });
  }

  it.each([
    ["an unknown top-level field", { displayName: "Demo" }, "agent-plugins/unknown-field"],
    ["a non-object extensions", { extensions: "com.example.client" }, "agent-plugins/extensions"],
  ])("the schema rejects %s, which clients report and ignore: a warning", async (_, extra, rule) => {
    const value = manifest(extra);
    expect(validatePlugin(value)).toBe(false);
    const report = await lintPlugin({ "demo/plugin.json": value });
    expect(report.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)).toEqual([`${rule} warning`]);
  });

  it.each([
    [
      "a command line as command",
      { local: { type: "stdio", command: "npx -y @example/server@1.0.0" } },
      "agent-plugins/mcp-command",
    ],
    [
      "a cwd that climbs out",
      { local: { type: "stdio", command: "npx", cwd: "./../elsewhere" } },
      "agent-plugins/mcp-cwd",
    ],
    [
      "plain http to a remote host",
      { docs: { type: "streamable-http", url: "http://mcp.example.com/mcp" } },
      "agent-plugins/mcp-url",
    ],
    ["a relative url", { docs: { type: "sse", url: "/sse" } }, "agent-plugins/mcp-url"],
    [
      "one header twice under different casing",
      { docs: { type: "streamable-http", url: "https://mcp.example.com/mcp", headers: { Accept: "a", ACCEPT: "b" } } },
      "agent-plugins/mcp-headers",
    ],
  ])("the schema accepts %s, which the spec makes invalid: an error", async (_, servers, rule) => {
    const value = mcp(servers);
    expect(validateMcp(value)).toBe(true);
    const report = await lintPlugin({ "demo/plugin.json": manifest(), "demo/mcp.json": value });
    expect(report.diagnostics.filter((d) => d.ruleId === rule).map((d) => d.severity)).toEqual(["error"]);
  });

  it("the schema and the spec agree that reserved env names make a server invalid", async () => {
    const value = mcp({ local: { type: "stdio", command: "npx", env: { PLUGIN_DATA: "/tmp" } } });
    expect(validateMcp(value)).toBe(false);
    const report = await lintPlugin({ "demo/plugin.json": manifest(), "demo/mcp.json": value });
    expect(report.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)).toEqual([
      "agent-plugins/mcp-reserved-env error",
    ]);
  });
});
