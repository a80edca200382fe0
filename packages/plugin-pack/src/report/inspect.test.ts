import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPlugin } from "@agent-plugin/core";
import { repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it, vi } from "vitest";
import { capabilityReport } from "./capabilities.js";
import { diff } from "./diff.js";
import { PackError } from "../errors.js";
import { inspect } from "./inspect.js";
import { renderInspect } from "./render-inspect.js";
import { selectFiles } from "../pack/index.js";
import { MANIFEST_PATH, SIGNATURE_PATH, type ArchiveInput, archiveTimestamp, writeZip } from "../archive/index.js";
import type { CapabilityReport } from "./types.js";

/** Zips a folder's selected files (plus any extra entries) the way pack writes archives. */
function zipFolder(root: string, archive: string, extra: ArchiveInput[] = []): string {
  const inputs = selectFiles(root).files.map(
    (file): ArchiveInput => ({ path: file.path, data: readFileSync(file.absolute), mode: file.mode }),
  );
  writeFileSync(archive, writeZip([...inputs, ...extra], { timestamp: archiveTimestamp({}) }));
  return archive;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const signatureEntry = (keyId: string): ArchiveInput => ({
  path: SIGNATURE_PATH,
  data: json({ formatVersion: 1, algorithm: "ed25519", keyId }),
  mode: 0o644,
});
const manifestEntry: ArchiveInput = { path: MANIFEST_PATH, data: json({ formatVersion: 1 }), mode: 0o644 };

/** Runs with TMPDIR pointed at a fresh folder, to see what inspect leaves behind there. */
async function withPrivateTmp<T>(
  run: () => Promise<T>,
): Promise<{ result: PromiseSettledResult<T>; leftovers: string[] }> {
  const tmp = tempDir();
  vi.stubEnv("TMPDIR", tmp);
  try {
    const [result] = await Promise.allSettled([run()]);
    return { result: result!, leftovers: readdirSync(tmp) };
  } finally {
    vi.unstubAllEnvs();
  }
}

const example = (name: string) =>
  capabilityReport(loadPlugin(join(repoRoot, "examples", name)), {
    source: `examples/${name}`,
    kind: "folder",
    fileCount: 12,
    totalBytes: 49_460,
  });

describe("inspect a folder", () => {
  it("reports the plugin with the size of what pack would put in the archive", async () => {
    const report = await inspect("examples/repo-insights", { cwd: repoRoot });
    const selected = selectFiles(join(repoRoot, "examples/repo-insights")).files;
    expect(report).toMatchObject({
      source: "examples/repo-insights",
      kind: "folder",
      name: "repo-insights",
      fileCount: selected.length,
    });
    expect(report.totalBytes).toBe(selected.reduce((total, file) => total + file.size, 0));
    expect(report.mcpServers.map((s) => s.name)).toEqual(["github", "repo-insights"]);
    expect(report.signature).toBeUndefined();
  });

  it("reads a Claude Code plugin with Claude Code's loader", async () => {
    const cwd = tempDir();
    writeTree(join(cwd, "claude"), {
      ".claude-plugin/plugin.json": { name: "claude-demo", version: "2.0.0", author: { name: "Ann" } },
      ".mcp.json": {
        github: {
          type: "http",
          url: "https://api.githubcopilot.com/mcp/",
          headers: { Authorization: "Bearer ${GITHUB_PAT}" },
        },
      },
      "hooks/hooks.json": {
        hooks: {
          PostToolUse: [{ matcher: "Write", hooks: [{ type: "command", command: "${CLAUDE_PLUGIN_ROOT}/fmt.sh" }] }],
        },
      },
    });
    const report = await inspect("claude", { cwd });
    expect(report).toMatchObject({ name: "claude-demo", version: "2.0.0", publisher: "Ann", fileCount: 3 });
    expect(report.mcpServers).toEqual([
      {
        name: "github",
        transport: "http",
        url: "https://api.githubcopilot.com/mcp/",
        auth: { kind: "env-headers", detail: "Authorization from $GITHUB_PAT" },
      },
    ]);
    expect(report.hooks).toEqual([
      {
        event: "PostToolUse",
        matcher: "Write",
        type: "command",
        command: "${CLAUDE_PLUGIN_ROOT}/fmt.sh",
        file: "hooks/hooks.json",
      },
    ]);
  });

  it("fails in one line on a target that is missing, not a plugin, or not an archive", async () => {
    const cwd = tempDir();
    writeTree(cwd, { "empty/README.md": "# nothing\n", "notes.txt": "not a zip\n" });
    await expect(inspect("missing", { cwd })).rejects.toThrow(
      /^missing does not exist: give a plugin folder or a plugin archive$/,
    );
    await expect(inspect("empty", { cwd })).rejects.toThrow(
      "empty is not a plugin folder: it has no .codex-plugin/plugin.json, .claude-plugin/plugin.json or Agent Plugins plugin.json",
    );
    await expect(inspect("notes.txt", { cwd })).rejects.toThrow(PackError);
    await expect(inspect("notes.txt", { cwd })).rejects.toThrow(/^notes\.txt is not a ZIP archive/);
  });

  it("names the target when a capability file is broken", async () => {
    const cwd = tempDir();
    writeTree(join(cwd, "demo"), { ".codex-plugin/plugin.json": { name: "demo" }, ".app.json": "{ apps: }" });
    await expect(inspect("demo", { cwd })).rejects.toThrow(/^demo: \.app\.json:1 is not valid JSON/);
  });
});

describe("inspect an archive", () => {
  it("reports the same capabilities as the folder it was packed from, counting the plugin's files only", async () => {
    const cwd = tempDir();
    zipFolder(join(repoRoot, "examples/repo-insights"), join(cwd, "repo-insights-0.3.0.zip"), [manifestEntry]);
    const { result, leftovers } = await withPrivateTmp(() => inspect("repo-insights-0.3.0.zip", { cwd }));
    const folder = await inspect("examples/repo-insights", { cwd: repoRoot });
    if (result.status === "rejected") throw result.reason;
    const report = result.value;
    expect(report).toEqual({
      ...folder,
      source: "repo-insights-0.3.0.zip",
      kind: "archive",
      signature: { status: "unsigned" },
    });
    expect(leftovers).toEqual([]);
  });

  it("says who signed it, without claiming the signature is valid", async () => {
    const cwd = tempDir();
    zipFolder(join(repoRoot, "examples/issue-triage"), join(cwd, "triage.zip"), [
      manifestEntry,
      signatureEntry("00112233aabbccdd"),
    ]);
    const report = await inspect("triage.zip", { cwd });
    expect(report.signature).toEqual({ status: "signed", keyId: "00112233aabbccdd" });
    expect(report.hooks.map((h) => h.command)).toEqual([
      '"${PLUGIN_ROOT}/hooks/guard-destructive-gh.sh"',
      '"${PLUGIN_ROOT}/hooks/session-context.sh"',
    ]);
    expect(renderInspect(report)).toMatch(/ {2}signature +signed by key 00112233aabbccdd /);
    expect(renderInspect(report)).toContain(
      "signed by key 00112233aabbccdd (not verified here: run plugin-pack verify --trust <public key> triage.zip)",
    );
  });

  it("ignores a key id that is not the documented 16 hex characters", async () => {
    const cwd = tempDir();
    writeTree(join(cwd, "demo"), { ".codex-plugin/plugin.json": { version: "1.0.0" } });
    zipFolder(join(cwd, "demo"), join(cwd, "demo-1.0.0.zip"), [signatureEntry("\u001b[2Jevil")]);
    const report = await inspect("demo-1.0.0.zip", { cwd });
    // A manifest without a name falls back to the archive's name, not the temporary folder's.
    expect(report).toMatchObject({ name: "demo-1.0.0", fileCount: 1, signature: { status: "signed" } });
    expect(report.signature?.keyId).toBeUndefined();
  });

  it("removes its temporary folder when the archive's plugin cannot be read", async () => {
    const cwd = tempDir();
    writeTree(join(cwd, "broken"), { ".codex-plugin/plugin.json": { name: "broken" }, ".mcp.json": "{ not json" });
    zipFolder(join(cwd, "broken"), join(cwd, "broken.zip"));
    writeTree(join(cwd, "nothing"), { "README.md": "# no plugin here\n" });
    zipFolder(join(cwd, "nothing"), join(cwd, "nothing.zip"));

    const broken = await withPrivateTmp(() => inspect("broken.zip", { cwd }));
    expect(broken.result.status === "rejected" && String(broken.result.reason)).toMatch(
      /^PackError: broken\.zip: \.mcp\.json:1 is not valid JSON/,
    );
    expect(broken.leftovers).toEqual([]);
    const nothing = await withPrivateTmp(() => inspect("nothing.zip", { cwd }));
    expect(nothing.result.status === "rejected" && nothing.result.reason).toBeInstanceOf(PackError);
    expect(nothing.result.status === "rejected" && String(nothing.result.reason)).toBe(
      "PackError: nothing.zip holds no plugin: it has no .codex-plugin/plugin.json, .claude-plugin/plugin.json or Agent Plugins plugin.json",
    );
    expect(nothing.leftovers).toEqual([]);
  });

  it("diffs a folder against a newer archive", async () => {
    const cwd = tempDir();
    const v1 = { ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0" }, "hooks/guard.sh": "#!/bin/sh\n" };
    writeTree(join(cwd, "v1"), v1);
    writeTree(join(cwd, "v2"), {
      ...v1,
      ".codex-plugin/plugin.json": { name: "demo", version: "2.0.0" },
      "hooks/hooks.json": {
        hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./hooks/guard.sh" }] }] },
      },
    });
    zipFolder(join(cwd, "v2"), join(cwd, "demo-2.0.0.zip"), [manifestEntry]);
    expect(await diff("v1", "demo-2.0.0.zip", { cwd })).toEqual({
      old: { source: "v1", name: "demo", version: "1.0.0" },
      new: { source: "demo-2.0.0.zip", name: "demo", version: "2.0.0" },
      changes: [{ kind: "hooks", change: "added", name: "PreToolUse Bash", detail: "./hooks/guard.sh" }],
    });
  });
});

describe("renderInspect", () => {
  it("repo-insights: servers with transport, launch and auth in aligned columns", () => {
    expect(renderInspect(example("repo-insights"))).toMatchInlineSnapshot(`
      "repo-insights 0.3.0
        publisher    agent-plugin contributors
        description  Measure a codebase locally (lines of code per language, largest files) and combine it with read-onl…
        source       examples/repo-insights (folder)
        content      12 files, 48.3 KiB

      Skills (1)
        repo-health-report  Write a short repository health report by combining local code statistics from…

      MCP servers (2)
        github         http   https://api.githubcopilot.com/mcp/readonly  auth: bearer token from $GITHUB_MCP_PAT
        repo-insights  stdio  node ./server/index.mjs

      Hooks: none

      Apps: none

      Assets (3)
        assets/icon.svg
        assets/logo.png
        assets/screenshot.png
      "
    `);
  });

  it("issue-triage: hooks with event, matcher and command; the connector", () => {
    expect(renderInspect(example("issue-triage"))).toMatchInlineSnapshot(`
      "issue-triage 0.2.1
        publisher    agent-plugin contributors
        description  Triage new GitHub issues: check for duplicates, classify type and severity, apply labels from the r…
        source       examples/issue-triage (folder)
        content      12 files, 48.3 KiB

      Skills (1)
        triage-issue  Triage GitHub issues - find duplicates, classify type and severity, apply the r…

      MCP servers: none

      Hooks (2)
        PreToolUse    Bash            "\${PLUGIN_ROOT}/hooks/guard-destructive-gh.sh"
        SessionStart  startup|resume  "\${PLUGIN_ROOT}/hooks/session-context.sh"

      Apps (1)
        github  connector_76869538009648d5b282a4bb21c3d157

      Assets (3)
        assets/icon.svg
        assets/logo.png
        assets/screenshot.png
      "
    `);
  });

  const archive: CapabilityReport = {
    source: "dist/demo-1.0.0.zip",
    kind: "archive",
    name: "demo",
    version: "1.0.0",
    skills: [],
    mcpServers: [
      {
        name: "local",
        transport: "stdio",
        command: "node",
        args: ["./my server.mjs"],
        env: ["API_TOKEN", "REGION"],
        auth: { kind: "none" },
      },
      {
        name: "remote",
        transport: "http",
        url: "https://mcp.example.com/mcp",
        auth: { kind: "oauth", detail: "client id abc" },
      },
    ],
    apps: [],
    hooks: [{ event: "Stop", type: "prompt", file: "hooks/hooks.json" }],
    assets: [],
    fileCount: 1,
    totalBytes: 512,
    signature: { status: "signed", keyId: "0123456789abcdef" },
  };

  it("an archive: who signed it, and that inspect did not verify it", () => {
    expect(renderInspect(archive)).toMatchInlineSnapshot(`
      "demo 1.0.0
        source     dist/demo-1.0.0.zip (archive)
        content    1 file, 512 B
        signature  signed by key 0123456789abcdef (not verified here: run plugin-pack verify --trust <public key> dist/demo-1.0.0.zip)

      Skills: none

      MCP servers (2)
        local   stdio  node "./my server.mjs"       env: API_TOKEN, REGION
        remote  http   https://mcp.example.com/mcp  auth: OAuth (client id abc)

      Hooks (1)
        Stop  (any)  (prompt hook)

      Apps: none

      Assets: none
      "
    `);
    expect(renderInspect({ ...archive, signature: { status: "unsigned" } })).toContain("  signature  unsigned\n");
  });

  it("escapes control characters and bidi overrides a hostile plugin could use to fake lines", () => {
    const text = renderInspect({
      ...archive,
      name: "evil\u001b[2J",
      skills: [{ name: "a\nb", description: "x\u202ey", path: "skills/a/SKILL.md" }],
    });
    expect(text).toContain("evil\\u001b[2J 1.0.0");
    expect(text).toContain("  a\\u000ab  x\\u202ey\n");
    expect(text).not.toMatch(/[\u001b\u202e]/);
  });
});
