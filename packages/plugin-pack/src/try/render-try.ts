// What the host loaded, as text that fits a terminal: per host, per plugin, each component as the files declare it
// and as the host kept it, then the differences. The full texts are in --json.
import { renderBudget } from "../report/index.js";
import type { ServerProbe, TryComponents, TryHostRun, TryPlugin, TryReport, TrySkill } from "./types.js";

const WIDTH = 100;

export function renderTry(report: TryReport): string {
  const blocks = report.runs.map(renderRun);
  const verdict = report.lost
    ? "the host lost something the plugin's files declare (exit 1)"
    : report.runs.length === 0
      ? "nothing was loaded"
      : report.overBudget.length > 0
        ? "loaded whole, over the token budget (exit 1)"
        : "loaded whole";
  const budget = report.overBudget.map((line) => `over budget: ${line}\n`).join("");
  return `${blocks.join("\n")}\n${budget}${verdict}\n`;
}

function renderRun(run: TryHostRun): string {
  const lines = [`${run.host} ${run.version} · driver ${run.driver} · ${run.bin}`];
  if (run.marketplace !== undefined) {
    const market = run.marketplace;
    lines.push(
      market.added
        ? `marketplace ${market.name ?? ""} added: ${market.entries.length} entr${market.entries.length === 1 ? "y" : "ies"} listed`
        : `marketplace REFUSED: ${market.error ?? "no reason given"}`,
    );
  }
  for (const plugin of run.plugins) lines.push("", ...renderPlugin(plugin, run));
  return `${lines.join("\n")}\n`;
}

function renderPlugin(plugin: TryPlugin, run: TryHostRun): string[] {
  const title = [plugin.manifest.name ?? plugin.name, plugin.manifest.version].filter(Boolean).join(" ");
  if (!plugin.installed) return [`${title}: NOT INSTALLED: ${plugin.installError ?? "no reason given"}`];
  const lines = [`${title}: ${plugin.lost ? "loaded with losses" : "loaded whole"}`];
  lines.push(`  skills (${plugin.skills.filter((skill) => skill.status === "loaded").length}/${plugin.skills.length})`);
  for (const skill of plugin.skills) lines.push(...renderSkill(skill, run));
  lines.push(componentLine("MCP servers", plugin.mcpServers));
  for (const server of plugin.servers ?? []) lines.push(...renderServer(server));
  const hookEvents = [...new Set(plugin.hooks.loaded.map((hook) => hook.event))];
  lines.push(componentLine("hooks", { declared: plugin.hooks.declared, loaded: hookEvents }));
  for (const hook of plugin.hooks.loaded) {
    const handler = hook.command ?? (hook.type === undefined ? undefined : `(${hook.type} hook)`);
    if (handler !== undefined)
      lines.push(
        `    ${hook.event}${hook.matcher === undefined ? "" : ` [${hook.matcher}]`}  ${clip(handler, WIDTH - 30)}`,
      );
  }
  // Claude Code names agents and commands, the files are paths: the counts are what compare.
  if (plugin.agents !== undefined) lines.push(componentLine("agents", plugin.agents, true));
  if (plugin.commands !== undefined) lines.push(componentLine("commands", plugin.commands, true));
  // Shown when the files or the host have any: most plugins have none.
  for (const [label, components] of [
    ["output styles", plugin.outputStyles],
    ["LSP servers", plugin.lspServers],
    ["monitors", plugin.monitors],
  ] as const) {
    if (components === undefined) continue;
    if (components.loaded.length > 0 || components.declared === undefined || components.declared.length > 0)
      lines.push(componentLine(label, components, label === "output styles"));
  }
  if (run.host === "codex")
    lines.push(
      `  apps         ${plugin.apps.length > 0 ? plugin.apps.join(", ") : "none listed (Codex lists apps only for a signed-in user)"}`,
    );
  for (const message of plugin.messages) lines.push(`  host says    ${clip(message, WIDTH - 15)}`);
  if (plugin.budget !== undefined) lines.push(...renderBudget(plugin.budget));
  if (plugin.differences.length === 0) lines.push("  differences  none");
  else {
    lines.push("  differences");
    for (const difference of plugin.differences) lines.push(`    ${difference.kind.padEnd(8)} ${difference.text}`);
  }
  return lines;
}

function renderSkill(skill: TrySkill, run: TryHostRun): string[] {
  if (skill.status !== "loaded") {
    const why = skill.reason === undefined ? "" : `: ${skill.reason}`;
    return [`    ✗ ${skill.declared.name ?? skill.path}  ${skill.path}  ${skill.status.toUpperCase()}${why}`];
  }
  const lines = [`    ✓ ${skill.host?.name}  ${skill.path}`];
  const description = skill.host?.description;
  if (description === undefined) {
    if (run.host === "claude-code" && skill.declared.description !== undefined) {
      // Claude Code's CLI shows no descriptions without a session: the file's text, said to be that.
      const text = `"${skill.declared.description.replace(/\s+/g, " ").trim()}" (the file's description; Claude Code's CLI does not show it)`;
      lines.push(...wrap(text, WIDTH - 6).map((line) => `      ${line}`));
    } else if (run.host === "claude-code") lines.push("      (Claude Code's CLI does not show skill descriptions)");
    return lines;
  }
  const mark = skill.truncated
    ? ` [TRUNCATED by ${run.host}: ${skill.truncated.kept} of ${skill.truncated.declared} chars]`
    : ` [${description.length} chars]`;
  // The whole text, as the model sees it, wrapped to the terminal.
  lines.push(...wrap(`"${description.replace(/\s+/g, " ").trim()}"${mark}`, WIDTH - 6).map((line) => `      ${line}`));
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function renderServer(server: ServerProbe): string[] {
  if (server.status === "skipped") return [`    - ${server.name} (${server.transport}): not started, ${server.reason}`];
  if (server.status === "failed") {
    const lines = [`    ✗ ${server.name} (${server.transport}): ${server.reason}`];
    for (const line of (server.stderrTail ?? "").split("\n").filter(Boolean))
      lines.push(`        stderr | ${clip(line, WIDTH - 17)}`);
    return lines;
  }
  const info =
    server.serverInfo === undefined
      ? ""
      : ` ${server.serverInfo.name ?? ""} ${server.serverInfo.version ?? ""}`.trimEnd();
  const counts = (["tools", "resources", "prompts"] as const).map((list) => `${server[list]?.length ?? 0} ${list}`);
  const lines = [`    ✓ ${server.name} (${server.transport})${info}: ${counts.join(", ")}`];
  for (const tool of server.tools ?? []) {
    lines.push(`        ${tool.name}(${signature(tool.inputSchema)})`);
    if (tool.description !== undefined) lines.push(`          ${clip(tool.description, WIDTH - 10)}`);
  }
  for (const resource of server.resources ?? []) lines.push(`        resource ${resource.uri}`);
  for (const prompt of server.prompts ?? []) lines.push(`        prompt ${prompt.name}`);
  for (const error of server.errors ?? []) lines.push(`        ${error}`);
  return lines;
}

/** A tool's input schema as a parameter list: `path: string, limit?: integer`. */
function signature(schema: unknown): string {
  if (typeof schema !== "object" || schema === null) return "";
  const { properties, required } = schema as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  if (properties === undefined) return "";
  const needed = new Set(Array.isArray(required) ? required : []);
  return Object.entries(properties)
    .map(([name, property]) => {
      const type = Array.isArray(property?.type) ? property.type.join(" | ") : (property?.type ?? "any");
      return `${name}${needed.has(name) ? "" : "?"}: ${String(type)}`;
    })
    .join(", ");
}

function componentLine(label: string, components: TryComponents, byCount = false): string {
  const loaded = components.loaded.length > 0 ? components.loaded.join(", ") : "none";
  const declared =
    components.declared === undefined
      ? "unreadable"
      : components.declared.length > 0
        ? components.declared.join(", ")
        : "none";
  const same = byCount ? components.declared?.length === components.loaded.length : declared === loaded;
  const text = same ? loaded : `${loaded} (files declare: ${declared})`;
  return `  ${label.padEnd(12)} ${text}`;
}

/** One line of at most `width` characters; the full text is in --json. */
function clip(text: string, width: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}
