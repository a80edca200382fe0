// The context budget: the tokens each component of a plugin adds to every session (always-on) and when it is used
// (on invoke), counted with o200k_base over the text the host puts in the model's prompt. `try` passes the text the
// host printed; without a host (inspect, a policy check) the text is built from the files the way the host builds it.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type HostId, isRecord, loadSkillFile } from "@agent-plugin/core";
import { codexNamespace, declaredComponents, type HostContext } from "@agent-plugin/hosts";

export type BudgetComponentKind = "skill" | "command" | "agent" | "mcp";

export interface BudgetComponent {
  kind: BudgetComponentKind;
  /** The name the host lists it under: Codex `<plugin>:<skill>` and the MCP server's name, Claude Code's names. */
  name: string;
  /** The file it comes from, inside the plugin, with `/` (none for an MCP server). */
  path?: string;
  /** Tokens added to every session: `text`, counted with the budget's tokenizer. */
  alwaysOn: number;
  /** Tokens added each time it is used (a skill's file as the model reads it); undefined when not known. */
  onInvoke?: number;
  /** The exact always-on text counted. */
  text: string;
  /** `host`: the text the host printed (Codex `debug prompt-input`); `files`: built from the plugin's files. */
  textFrom: "host" | "files";
  /** The host's own figures where it gives them (Claude Code `plugin details`), as printed: `~20`, `< 20`. */
  hostFigures?: { alwaysOn: string; onInvoke: string };
}

export interface ContextBudget {
  host: HostId;
  /** The npm tokenizer the counts come from (gpt-tokenizer's o200k_base, the encoding of Codex's models). */
  tokenizer: "o200k_base";
  /** True where the host's tokenizer is not public (Claude Code): the counts are an o200k estimate. */
  estimate: boolean;
  /** The sum of the components' always-on tokens. */
  alwaysOn: number;
  /** Skills, commands, agents, MCP servers, each in file order. */
  components: BudgetComponent[];
  /** The host's own always-on total, as printed (Claude Code: `~39`). */
  hostAlwaysOn?: string;
  /** What adds to the context but is not in the counts, one line each. */
  notCounted: string[];
}

export interface ContextBudgetOptions {
  /** The plugin folder. */
  dir: string;
  host: HostId;
  /** The name the host lists the plugin under; default the manifest's `name`, else the folder's. */
  name?: string;
  /** What the host said the plugin adds (from `try`); without it the text is built from the files. */
  hostContext?: HostContext;
  /** What each MCP server answered when it was probed: its instructions and the tools it listed (their definitions). */
  servers?: Readonly<Record<string, { instructions?: string; tools: readonly unknown[] }>>;
}

/** The manifest each host reads, first found first (Codex falls back through the others). */
const MANIFESTS: Record<HostId, readonly string[]> = {
  codex: [".codex-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"],
  "claude-code": [".claude-plugin/plugin.json"],
};

/** Counts every component of the plugin in `dir` for `host`. The tokenizer is loaded on first use. */
export async function contextBudget(options: ContextBudgetOptions): Promise<ContextBudget> {
  return countContextBudget(await tokenCounter(), options);
}

/** {@link contextBudget} with a counter already loaded ({@link tokenCounter}), for callers that cannot wait. */
export function countContextBudget(count: TokenCounter, options: ContextBudgetOptions): ContextBudget {
  const manifest = readManifest(options.dir, options.host);
  const plugin = {
    dir: options.dir,
    name: options.name ?? (typeof manifest.name === "string" ? manifest.name : basename(options.dir)),
  };
  const drafts =
    options.host === "codex" ? codexComponents(plugin, options) : claudeComponents(plugin, options.hostContext);
  const components = drafts.components.map((draft): BudgetComponent => {
    const component: BudgetComponent = {
      kind: draft.kind,
      name: draft.name,
      alwaysOn: count(draft.text),
      text: draft.text,
      textFrom: draft.textFrom,
    };
    if (draft.path !== undefined) component.path = draft.path;
    if (draft.onInvoke !== undefined) component.onInvoke = count(draft.onInvoke);
    if (draft.hostFigures !== undefined) component.hostFigures = draft.hostFigures;
    return component;
  });
  const budget: ContextBudget = {
    host: options.host,
    tokenizer: "o200k_base",
    estimate: options.host !== "codex",
    alwaysOn: components.reduce((total, component) => total + component.alwaysOn, 0),
    components,
    notCounted: drafts.notCounted,
  };
  const hostTotal = options.hostContext?.tokens?.alwaysOn;
  if (hostTotal !== undefined) budget.hostAlwaysOn = hostTotal;
  return budget;
}

/**
 * One line when the always-on total is over `max`, naming the biggest components (the ones to trim first); else
 * undefined.
 */
export function overBudget(budget: ContextBudget, max: number, label = ""): string | undefined {
  if (budget.alwaysOn <= max) return undefined;
  const biggest = [...budget.components]
    .sort((a, b) => b.alwaysOn - a.alwaysOn)
    .slice(0, 3)
    .filter((component) => component.alwaysOn > 0)
    .map((component) => `${component.kind} ${component.name} (${component.alwaysOn})`);
  const where = label === "" ? "" : `${label}: `;
  return `${where}${budget.alwaysOn} always-on tokens (${budget.host}, ${budget.tokenizer}) is over --max-always-on-tokens ${max}; biggest: ${biggest.join(", ")}`;
}

interface Draft {
  kind: BudgetComponentKind;
  name: string;
  path?: string;
  text: string;
  textFrom: "host" | "files";
  onInvoke?: string;
  hostFigures?: { alwaysOn: string; onInvoke: string };
}

interface PluginFacts {
  dir: string;
  name: string;
}

/**
 * Codex 0.171 lists each skill in the developer message as `- <plugin>:<skill>: <description> (file: <root>/...)`
 * and each MCP server whose tools it defers as `- mcp__<server>: <the server's instructions>`; the model reads a
 * skill's whole SKILL.md when it uses it, and an MCP server's tool definitions when it looks them up.
 */
function codexComponents(
  plugin: PluginFacts,
  options: ContextBudgetOptions,
): { components: Draft[]; notCounted: string[] } {
  const declared = declaredComponents(plugin.dir, "codex");
  const lines = options.hostContext?.lines;
  const components: Draft[] = [];
  const notCounted: string[] = [];
  const used = new Set<string>();
  const listSkill = (kind: BudgetComponentKind, path: string, skillName: string, listedPath: string) => {
    const file = readMarkdown(join(plugin.dir, path));
    const name = `${plugin.name}:${skillName}`;
    const description = stringField(file.frontmatter, "description");
    const shown = lines?.find((line) => line.kind === "skill" && line.name === name);
    if (shown !== undefined) used.add(shown.text);
    if (lines !== undefined && shown === undefined) return; // Codex did not list it: it costs nothing.
    // Codex refuses a skill without a description: it is never listed.
    if (shown === undefined && description === undefined) return;
    // Codex names the file from a root table it makes per session: usually the skill's parent folder.
    const text = shown?.text ?? `- ${name}: ${collapse(description!)} (file: r1/${folderOf(listedPath)}/SKILL.md)`;
    components.push({ kind, name, path, text, textFrom: shown === undefined ? "files" : "host", onInvoke: file.text });
  };
  for (const path of declared.skills) {
    const skill = readMarkdown(join(plugin.dir, path));
    listSkill("skill", path, stringField(skill.frontmatter, "name") ?? folderOf(path), path);
  }
  // Codex 0.171 turns each Claude Code command (commands/<name>.md) into a skill of its own making.
  for (const path of declared.commands.filter((command) => command.split("/").length === 2)) {
    const skillName = `source-command-${basename(path, ".md")}`;
    listSkill("command", path, skillName, `.codex-plugin/migrated-command-skills/${skillName}/SKILL.md`);
  }
  // Anything else Codex lists for the plugin costs as much, whatever made it.
  for (const line of lines ?? []) {
    if (line.kind !== "skill" || used.has(line.text)) continue;
    components.push({ kind: "skill", name: line.name, text: line.text, textFrom: "host" });
  }
  for (const server of declared.mcpServers ?? []) {
    const shown = lines?.filter((line) => line.kind === "mcp" && line.name === server) ?? [];
    if (lines !== undefined && shown.length === 0 && options.hostContext?.serversStarted === true) {
      notCounted.push(`MCP server ${server}: not in the prompt Codex rendered (it did not start or answer in time)`);
      continue;
    }
    const probed = options.servers?.[server];
    // Codex's line for a server with deferred tools, with the instructions the server gave when probed.
    const built =
      probed?.instructions === undefined
        ? `- ${codexNamespace(server)}`
        : `- ${codexNamespace(server)}: ${probed.instructions}`;
    const draft: Draft = {
      kind: "mcp",
      name: server,
      text: shown.length > 0 ? shown.map((line) => line.text).join("\n") : built,
      textFrom: shown.length > 0 ? "host" : "files",
    };
    if (probed !== undefined) draft.onInvoke = JSON.stringify(probed.tools);
    components.push(draft);
    if (probed === undefined)
      notCounted.push(
        `MCP server ${server}: ${shown.length === 0 ? "its instructions (always-on) and " : ""}its tool definitions (on use), which come from the running server`,
      );
  }
  if (declared.mcpServers === undefined) notCounted.push("MCP servers: the MCP config does not read as JSON");
  return { components, notCounted };
}

/**
 * Claude Code 2.1.332 puts `<plugin>:<skill> <description> [<when_to_use>]` in every session for each skill and
 * command, and `<agent> <description>` for each agent; the body (after the frontmatter) on invoke. MCP tool schemas
 * and hooks are not counted, by Claude Code either.
 */
function claudeComponents(
  plugin: PluginFacts,
  context: HostContext | undefined,
): { components: Draft[]; notCounted: string[] } {
  const declared = declaredComponents(plugin.dir, "claude-code");
  const figures = new Map(context?.tokens?.components.map((row) => [row.name, row]) ?? []);
  const components: Draft[] = [];
  const add = (kind: BudgetComponentKind, path: string, shortName: string, listed: string) => {
    const file = readMarkdown(join(plugin.dir, path));
    const description = stringField(file.frontmatter, "description") ?? firstLine(file.body);
    const whenToUse = kind === "agent" ? undefined : stringField(file.frontmatter, "when_to_use");
    const draft: Draft = {
      kind,
      name: shortName,
      path,
      text: [listed, description, whenToUse].filter((part) => part !== undefined && part !== "").join(" "),
      textFrom: "files",
      onInvoke: file.body.trim(),
    };
    const figure = figures.get(shortName);
    if (figure !== undefined) draft.hostFigures = { alwaysOn: figure.alwaysOn, onInvoke: figure.onInvoke };
    components.push(draft);
  };
  for (const path of declared.skills) {
    const name = folderOf(path);
    add("skill", path, name, `${plugin.name}:${name}`);
  }
  for (const path of declared.commands) {
    const name = basename(path, ".md");
    add("command", path, name, `${plugin.name}:${name}`);
  }
  for (const path of declared.agents) {
    const name = stringField(readMarkdown(join(plugin.dir, path)).frontmatter, "name") ?? basename(path, ".md");
    add("agent", path, name, name);
  }
  const notCounted = (declared.mcpServers ?? []).map(
    (server) => `MCP server ${server}: tool schemas are resolved at runtime (Claude Code does not count them either)`,
  );
  return { components, notCounted };
}

interface MarkdownFile {
  text: string;
  body: string;
  frontmatter: Record<string, unknown>;
}

function readMarkdown(path: string): MarkdownFile {
  const load = loadSkillFile(path);
  if (!load.ok) return { text: "", body: "", frontmatter: {} };
  const value = load.skill.frontmatter?.value;
  return {
    text: load.skill.text,
    body: load.skill.text.slice(load.skill.bodyStart),
    frontmatter: isRecord(value) ? value : {},
  };
}

function readManifest(dir: string, host: HostId): Record<string, unknown> {
  for (const path of MANIFESTS[host]) {
    try {
      const value: unknown = JSON.parse(readFileSync(join(dir, path), "utf8"));
      if (isRecord(value)) return value;
    } catch {
      // Missing or not JSON: the next manifest, else none.
    }
  }
  return {};
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function firstLine(body: string): string | undefined {
  return body
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
}

function folderOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 2] ?? path;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export type TokenCounter = (text: string) => number;

/** o200k_base from gpt-tokenizer, loaded only when a budget is asked for; special tokens count as plain text. */
export async function tokenCounter(): Promise<TokenCounter> {
  const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
  const options = { disallowedSpecial: new Set<string>() };
  return (text) => (text === "" ? 0 : countTokens(text, options));
}
