/** convert(): every example to the standard and back, what is not carried, and bad input that writes nothing. */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isRecord, loadPlugin, type TargetId } from "@agent-plugin/core";
import { lint } from "@agent-plugin/plugin-lint";
import { repoRoot, tempDir, writeTree } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { PackError } from "../errors.js";
import { convert } from "./convert.js";
import { IDENTITY_FIELDS } from "./manifest.js";
import { type NeutralServer, readServer } from "./servers.js";
import { MANIFEST_OF, readSource } from "./source.js";
import type { NotCarried } from "./types.js";

const EXAMPLES = [
  "issue-triage",
  "release-notes",
  "repo-insights",
  "marketplace/plugins/pr-review",
  "marketplace/plugins/incident-postmortem",
  "todo-scout",
];

/** Every file under `dir`, relative, sorted. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/** A plugin's identity fields and its servers in the neutral form, as its `layout` reads them. */
function contents(dir: string, layout: TargetId, forTarget: TargetId) {
  const source = readSource(dir, dir, forTarget);
  expect(source.layout).toBe(layout);
  const identity = Object.fromEntries(
    IDENTITY_FIELDS.filter((f) => f in source.manifest).map((f) => [f, source.manifest[f]]),
  );
  const servers = Object.fromEntries(
    source.servers.map((entry) => [entry.name, readServer(layout, entry.name, entry.value).server]),
  );
  return { identity, servers };
}

/** A server without the fields a conversion reported as not carried. */
function withoutDropped(server: NeutralServer | undefined, dropped: readonly NotCarried[]): unknown {
  if (server === undefined) return undefined;
  const copy: Record<string, unknown> = structuredClone(server) as unknown as Record<string, unknown>;
  for (const item of dropped.filter((d) => d.part === "server" && d.name === server.name)) {
    const field = item.field ?? "";
    if (field === "bearer_token_env_var") delete copy.tokenEnvVar;
    else if (field.startsWith("headers.") && isRecord(copy.envHeaders)) delete copy.envHeaders[field.slice(8)];
    else if (field.startsWith("env.") && isRecord(copy.env)) delete copy.env[field.slice(4)];
    else if (isRecord(copy.codexExtras)) delete copy.codexExtras[field];
  }
  if (isRecord(copy.codexExtras) && Object.keys(copy.codexExtras).length === 0) delete copy.codexExtras;
  return copy;
}

describe("convert: every example to the Agent Plugins layout and back", () => {
  it.for(EXAMPLES)("%s loses nothing both layouts can hold", async (example) => {
    const work = tempDir();
    const original = join(work, "src", example.split("/").pop()!);
    cpSync(join(repoRoot, "examples", example), original, { recursive: true });
    const start = existsSync(join(original, MANIFEST_OF["agent-plugins"])) ? "agent-plugins" : "codex";
    // A plugin already in the standard's layout goes through Claude Code's and back; the others through the standard.
    const middle: TargetId = start === "agent-plugins" ? "claude-code" : "agent-plugins";
    const there = convert({ dir: original, cwd: work, to: middle, out: join(work, "there", "plugin") });
    const back = convert({ dir: there.dir, cwd: work, from: middle, to: start, out: join(work, "back", "plugin") });
    expect(back.notCarried, "the way back carries everything the first conversion kept").toEqual([]);

    // The converted plugin lints without errors for its new layout.
    const report = await lint({ paths: [there.dir], cwd: there.dir, target: middle });
    expect(report.errorCount, JSON.stringify(report.results.flatMap((r) => r.messages))).toBe(0);

    // Same identity, and the same servers but for what was reported as not carried.
    const before = contents(original, start, middle);
    const after = contents(back.dir, start, middle);
    const droppedFields = there.notCarried.filter((item) => item.part === "manifest").map((item) => item.name);
    expect(after.identity).toEqual(
      Object.fromEntries(Object.entries(before.identity).filter(([field]) => !droppedFields.includes(field))),
    );
    expect(Object.keys(after.servers).sort()).toEqual(Object.keys(before.servers).sort());
    for (const [name, server] of Object.entries(before.servers))
      expect(after.servers[name], name).toEqual(withoutDropped(server, there.notCarried));

    // Every other file is the same, byte for byte.
    const layoutFiles = new Set([...there.removed, ...there.written, ...back.removed, ...back.written]);
    const others = (dir: string) => filesOf(dir).filter((file) => !layoutFiles.has(file));
    expect(others(back.dir)).toEqual(others(original));
    for (const file of others(original))
      expect(readFileSync(join(back.dir, file)).equals(readFileSync(join(original, file))), file).toBe(true);
  });
});

/** Fields that only point at component files: every conversion rewrites them. */
const COMPONENT_FIELDS = new Set(["$schema", "skills", "mcpServers", "hooks", "apps"]);

/**
 * What a plugin's host (or the standard's client) loads from it, as plugin-lint's load table and core's model say:
 * each manifest field, skill, MCP server, hook event, and whether it has app connectors.
 */
async function inventory(dir: string, layout: TargetId): Promise<string[]> {
  const report = await lint({
    paths: [dir],
    cwd: dir,
    target: layout,
    config: { rules: {}, ignores: [], baseDir: dir },
  });
  const load = report.plugins![0]!.targets[0]!;
  const apps = loadPlugin(dir, { host: layout }).apps?.doc.value;
  return [
    ...Object.keys(load.fields)
      .filter((field) => !COMPONENT_FIELDS.has(field))
      .map((field) => `field:${field}`),
    ...load.skills.filter((item) => item.loaded).map((item) => `skill:${item.name}`),
    ...load.servers.filter((item) => item.loaded).map((item) => `server:${item.name}`),
    ...load.hooks.filter((item) => item.loaded).map((item) => `hook:${item.name}`),
    ...(isRecord(apps) && isRecord(apps.apps) && Object.keys(apps.apps).length > 0 ? ["apps"] : []),
  ].sort();
}

/** A not-carried item as an inventory entry; a part finer than the inventory (one server field) gives none. */
function inventoryEntry(item: NotCarried): string | undefined {
  if (item.part === "manifest") return `field:${item.name}`;
  if (item.part === "server") return item.field === undefined ? `server:${item.name}` : undefined;
  if (item.name === "apps") return "apps";
  if (item.name === "hooks")
    return item.field !== undefined && !item.field.includes("[") ? `hook:${item.field}` : undefined;
  return `component:${item.name}`;
}

describe("convert: what it reports as not carried is exactly what a round trip loses", () => {
  const trips = EXAMPLES.flatMap((example) => {
    const start: TargetId = existsSync(join(repoRoot, "examples", example, "plugin.json")) ? "agent-plugins" : "codex";
    const middles: TargetId[] = start === "agent-plugins" ? ["claude-code"] : ["agent-plugins", "claude-code"];
    return middles.map((middle) => [example, start, middle] as const);
  });

  it.for(trips)("%s: %s to %s and back", async ([example, start, middle]) => {
    const work = tempDir();
    const original = join(work, "src", example.split("/").pop()!);
    cpSync(join(repoRoot, "examples", example), original, { recursive: true });
    const there = convert({ dir: original, cwd: work, to: middle, out: join(work, "there", "plugin") });
    const back = convert({ dir: there.dir, cwd: work, from: middle, to: start, out: join(work, "back", "plugin") });
    const before = await inventory(original, start);
    const after = await inventory(back.dir, start);
    const lost = before.filter((entry) => !after.includes(entry));
    const gained = after.filter((entry) => !before.includes(entry));
    const reported = [...there.notCarried, ...back.notCarried]
      .map(inventoryEntry)
      .filter((entry): entry is string => entry !== undefined);
    expect(before.length).toBeGreaterThan(3);
    expect(gained).toEqual([]);
    expect([...new Set(reported)].sort()).toEqual(lost);
  });
});

describe("convert: what the target cannot hold", () => {
  it("names Codex's interface and apps, its server settings and token variable, and each hook event", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    writeTree(dir, {
      ".codex-plugin/plugin.json": {
        name: "demo",
        version: "1.0.0",
        interface: { displayName: "Demo" },
        apps: "./.app.json",
        mcpServers: "./.mcp.json",
      },
      ".app.json": { apps: { demo: { id: "connector_1" } } },
      ".mcp.json": {
        mcpServers: {
          api: { url: "https://mcp.example.com/mcp", bearer_token_env_var: "DEMO_TOKEN", tool_timeout_sec: 30 },
        },
      },
      "hooks/hooks.json": { hooks: { SessionStart: [{ hooks: [{ type: "command", command: "true" }] }] } },
      "hooks/start.sh": "#!/bin/sh\n",
    });
    const report = convert({ dir, cwd: work, to: "agent-plugins" });
    expect(report.dir).toBe(join(work, "demo-agent-plugins", "demo"));
    expect(report.notCarried.map((item) => [item.file, item.part, item.name, item.field])).toEqual([
      [".mcp.json", "server", "api", "tool_timeout_sec"],
      [".mcp.json", "server", "api", "bearer_token_env_var"],
      [".codex-plugin/plugin.json", "manifest", "interface", undefined],
      ["hooks/hooks.json", "component", "hooks", "SessionStart"],
      [".app.json", "component", "apps", undefined],
    ]);
    expect(JSON.parse(readFileSync(join(report.dir, "mcp.json"), "utf8"))).toEqual({
      $schema: "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json",
      mcpServers: { api: { type: "streamable-http", url: "https://mcp.example.com/mcp" } },
    });
    // The source layout's manifest, MCP, hooks and app files are replaced: what no client of the standard reads is
    // gone, as reported; the hook's script is an ordinary file and stays.
    expect(filesOf(report.dir)).toEqual(["hooks/start.sh", "mcp.json", "plugin.json"]);
    expect(report.removed).toEqual([".app.json", ".codex-plugin/plugin.json", ".mcp.json", "hooks/hooks.json"]);
  });

  it("writes each host's form of a local server: ./ paths and cwd for Codex, ${CLAUDE_PLUGIN_ROOT} for Claude Code", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    writeTree(dir, {
      "plugin.json": { $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json", name: "demo" },
      "mcp.json": {
        $schema: "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json",
        mcpServers: {
          local: { type: "stdio", command: "./bin/server", args: ["--config", "${PLUGIN_ROOT}/config.json"] },
        },
      },
      "bin/server": "#!/bin/sh\n",
    });
    const codex = convert({ dir, cwd: work, to: "codex", out: join(work, "codex", "demo") });
    expect(JSON.parse(readFileSync(join(codex.dir, ".mcp.json"), "utf8")).mcpServers.local).toEqual({
      command: "./bin/server",
      args: ["--config", "./config.json"],
      cwd: ".",
    });
    const claude = convert({ dir, cwd: work, to: "claude-code", out: join(work, "claude", "demo") });
    expect(JSON.parse(readFileSync(join(claude.dir, ".mcp.json"), "utf8")).mcpServers.local).toEqual({
      command: "${CLAUDE_PLUGIN_ROOT}/bin/server",
      args: ["--config", "${CLAUDE_PLUGIN_ROOT}/config.json"],
    });
    expect([codex.notCarried, claude.notCarried]).toEqual([[], []]);
    // The source folder is untouched.
    expect(filesOf(dir)).toEqual(["bin/server", "mcp.json", "plugin.json"]);
  });
});

describe("convert: hooks between the hosts", () => {
  const handler = (command: string, extra: Record<string, unknown> = {}) => ({ type: "command", command, ...extra });

  it("rewrites Codex's ${PLUGIN_ROOT} as ${CLAUDE_PLUGIN_ROOT} in hooks/hooks.json, and back", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    const codexHooks = {
      hooks: {
        SessionStart: [{ matcher: "startup", hooks: [handler('"${PLUGIN_ROOT}/hooks/start.sh"', { timeout: 10 })] }],
      },
    };
    writeTree(dir, {
      ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", hooks: "./hooks/hooks.json" },
      "hooks/hooks.json": codexHooks,
      "hooks/start.sh": "#!/bin/sh\n",
    });
    const claude = convert({ dir, cwd: work, to: "claude-code", out: join(work, "claude", "demo") });
    expect(claude.notCarried).toEqual([]);
    expect(JSON.parse(readFileSync(join(claude.dir, "hooks/hooks.json"), "utf8"))).toEqual({
      hooks: {
        SessionStart: [
          { matcher: "startup", hooks: [handler('"${CLAUDE_PLUGIN_ROOT}/hooks/start.sh"', { timeout: 10 })] },
        ],
      },
    });
    const back = convert({ dir: claude.dir, cwd: work, to: "codex", out: join(work, "back", "demo") });
    expect(back.notCarried).toEqual([]);
    expect(JSON.parse(readFileSync(join(back.dir, "hooks/hooks.json"), "utf8"))).toEqual(codexHooks);
  });

  it("carries Claude Code's inline hooks into Codex's file, reporting the events and handlers Codex lacks", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    writeTree(dir, {
      ".claude-plugin/plugin.json": {
        name: "demo",
        version: "1.0.0",
        hooks: {
          PreToolUse: [
            {
              matcher: "Bash",
              hooks: [
                handler("${CLAUDE_PLUGIN_ROOT}/guard.sh", { if: "Bash(gh *)" }),
                { type: "prompt", prompt: "Safe?" },
              ],
            },
          ],
          Notification: [{ hooks: [handler("notify-send hi")] }],
        },
      },
    });
    const report = convert({ dir, cwd: work, to: "codex" });
    expect(report.notCarried.map((item) => [item.file, item.name, item.field])).toEqual([
      [".claude-plugin/plugin.json", "hooks", "PreToolUse[0].hooks[0].if"],
      [".claude-plugin/plugin.json", "hooks", "Notification"],
    ]);
    expect(JSON.parse(readFileSync(join(report.dir, "hooks/hooks.json"), "utf8"))).toEqual({
      hooks: {
        PreToolUse: [
          { matcher: "Bash", hooks: [handler("${PLUGIN_ROOT}/guard.sh"), { type: "prompt", prompt: "Safe?" }] },
        ],
      },
    });
  });

  it("refuses to overwrite a hooks/hooks.json the source layout does not read", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    writeTree(dir, {
      ".claude-plugin/plugin.json": { name: "demo", hooks: "./config/hooks.json" },
      "config/hooks.json": { hooks: { SessionStart: [{ hooks: [handler("true")] }] } },
      "hooks/hooks.json": { hooks: {} },
    });
    expect(() => convert({ dir, cwd: work, to: "codex" })).toThrow(
      /^hooks\/hooks\.json exists and is not a hooks file/,
    );
    expect(readdirSync(work)).toEqual(["demo"]);
  });
});

describe("convert: in place", () => {
  it("replaces the folder with the converted plugin, keeping .git and every other file, and leaves nothing beside it", () => {
    const work = tempDir();
    const dir = join(work, "demo");
    writeTree(dir, {
      ".codex-plugin/plugin.json": { name: "demo", version: "2.0.0", description: "Demo." },
      "skills/hi/SKILL.md": "---\nname: hi\ndescription: Says hi. Use when greeted.\n---\nHi.\n",
      "node_modules/x/index.js": "export {};\n",
    });
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const report = convert({ dir: "demo", cwd: work, to: "agent-plugins", inPlace: true });
    expect(report).toMatchObject({ dir, inPlace: true, from: "codex", to: "agent-plugins", notCarried: [] });
    expect(readdirSync(work)).toEqual(["demo"]);
    expect(existsSync(join(dir, ".codex-plugin"))).toBe(false);
    expect(existsSync(join(dir, ".git/HEAD"))).toBe(true);
    expect(existsSync(join(dir, "node_modules/x/index.js"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "plugin.json"), "utf8"))).toEqual({
      $schema: "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json",
      name: "demo",
      version: "2.0.0",
      description: "Demo.",
    });
  });
});

describe("convert: bad input writes nothing", () => {
  const plugin = () => {
    const work = tempDir();
    writeTree(join(work, "demo"), { ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0" } });
    return work;
  };
  const refusal = (run: () => unknown): PackError => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).exitCode).toBe(2);
      return error as PackError;
    }
    throw new Error("expected a refusal");
  };

  it("refuses a missing folder, a folder with no manifest, and a layout the plugin already has", () => {
    const work = plugin();
    mkdirSync(join(work, "empty"));
    expect(refusal(() => convert({ dir: "gone", cwd: work, to: "codex" })).message).toBe(
      "gone does not exist: give the plugin folder to convert",
    );
    expect(refusal(() => convert({ dir: "empty", cwd: work, to: "codex" })).message).toMatch(
      /^empty has no plugin manifest \(/,
    );
    expect(refusal(() => convert({ dir: "demo", cwd: work, to: "codex" })).message).toBe(
      "demo already has the codex layout (.codex-plugin/plugin.json): nothing to convert; give another --to",
    );
    expect(readdirSync(work).sort()).toEqual(["demo", "empty"]);
  });

  it("refuses an output folder that is not empty, or inside the plugin, and an output it cannot write", () => {
    const work = plugin();
    writeTree(join(work, "taken"), { "keep.txt": "mine" });
    expect(refusal(() => convert({ dir: "demo", cwd: work, to: "agent-plugins", out: "taken" })).message).toBe(
      "taken exists: give --out a new or empty folder (nothing was written)",
    );
    expect(refusal(() => convert({ dir: "demo", cwd: work, to: "agent-plugins", out: "demo/out" })).message).toMatch(
      /is inside the plugin folder/,
    );
    mkdirSync(join(work, "locked"));
    chmodSync(join(work, "locked"), 0o555);
    try {
      if (process.getuid?.() !== 0) {
        expect(
          refusal(() => convert({ dir: "demo", cwd: work, to: "agent-plugins", out: "locked/demo" })).message,
        ).toMatch(/^cannot write in .*locked \(EACCES\); nothing was written$/);
        expect(readdirSync(join(work, "locked"))).toEqual([]);
        expect(
          refusal(() => convert({ dir: "demo", cwd: work, to: "agent-plugins", out: "locked/sub/demo" })).message,
        ).toBe("cannot create locked/sub (EACCES); nothing was written");
      }
    } finally {
      chmodSync(join(work, "locked"), 0o755);
    }
    expect(readdirSync(work).sort()).toEqual(["demo", "locked", "taken"]);
    expect(filesOf(join(work, "demo"))).toEqual([".codex-plugin/plugin.json"]);
    expect(statSync(join(work, "taken/keep.txt")).size).toBe(4);
  });

  it("refuses to overwrite an MCP file the source layout does not read", () => {
    const work = plugin();
    writeFileSync(join(work, "demo/mcp.json"), "{}\n");
    writeTree(join(work, "demo"), { ".mcp.json": { mcpServers: { a: { command: "a" } } } });
    expect(refusal(() => convert({ dir: "demo", cwd: work, to: "agent-plugins" })).message).toMatch(
      /^mcp\.json exists and is not the source layout's MCP file/,
    );
    expect(readdirSync(work)).toEqual(["demo"]);
  });
});
