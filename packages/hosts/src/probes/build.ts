import type { HostId } from "@agent-plugin/core";
import { createHash } from "node:crypto";
import type { Probe, ProbeFiles } from "./types.js";

export const BOTH: readonly HostId[] = ["codex", "claude-code"];
export const CODEX: readonly HostId[] = ["codex"];
export const CLAUDE: readonly HostId[] = ["claude-code"];

/** The name a probe's plugin gets unless it sets one: short, stable, unique per id. */
export function probePluginName(probe: Pick<Probe, "id" | "plugin">): string {
  return probe.plugin ?? `p${createHash("sha256").update(probe.id).digest("hex").slice(0, 6)}`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A SKILL.md with the frontmatter lines given as they are written (`name: x`). */
export function skillMd(frontmatter: readonly string[], body = "Follow these steps.\n"): string {
  return `---\n${frontmatter.join("\n")}\n---\n\n${body}`;
}

/** A clean skill: its folder name as `name`, and a description. */
export function cleanSkill(name: string, description = `Use when the probe needs the ${name} skill.`): string {
  return skillMd([`name: ${name}`, `description: ${description}`]);
}

export function manifestOf(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, version: "1.0.0", description: "Probe plugin.", ...extra };
}

export interface PluginShape {
  /** Changes applied to the manifest object of every manifest the plugin has. */
  manifest?: (manifest: Record<string, unknown>) => Record<string, unknown>;
  /** Which manifests to write; default both hosts' own. */
  manifests?: readonly ("codex" | "claude" | "root")[];
  /** Extra files, written over the clean ones. */
  files?: ProbeFiles;
  /** Leave out the control skill (skills/control/SKILL.md) that shows the plugin itself loaded. */
  noControl?: boolean;
}

/**
 * A clean plugin both hosts load: `.codex-plugin/plugin.json` and `.claude-plugin/plugin.json` with the same
 * manifest, and one control skill. A probe changes one thing in it.
 */
export function plugin(name: string, shape: PluginShape = {}): ProbeFiles {
  const manifest = (shape.manifest ?? ((value) => value))(manifestOf(name));
  const files: ProbeFiles = {};
  for (const where of shape.manifests ?? ["codex", "claude"]) {
    if (where === "codex") files[".codex-plugin/plugin.json"] = json(manifest);
    if (where === "claude") files[".claude-plugin/plugin.json"] = json(manifest);
    if (where === "root") files["plugin.json"] = json({ $schema: AGENT_PLUGINS_SCHEMA, ...manifest });
  }
  if (!shape.noControl) files["skills/control/SKILL.md"] = cleanSkill("control");
  return { ...files, ...shape.files };
}

export const AGENT_PLUGINS_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json";
export const AGENT_PLUGINS_MCP_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/mcp.schema.json";

/** Text with a byte order mark. */
export function withBom(text: string): string {
  return `\uFEFF${text}`;
}

/** UTF-16 little-endian with its byte order mark, as Windows editors save "Unicode". */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
}

/** UTF-8 text with the marker replaced by a byte that is never valid UTF-8. */
export function invalidUtf8(text: string, marker: string): Uint8Array {
  const [before, after] = text.split(marker);
  return new Uint8Array(
    Buffer.concat([Buffer.from(before!, "utf8"), Buffer.from([0xff]), Buffer.from(after ?? "", "utf8")]),
  );
}

export function crlf(text: string): string {
  return text.replace(/\n/g, "\r\n");
}

export function cr(text: string): string {
  return text.replace(/\n/g, "\r");
}

/** A string of exactly `length` characters, readable as a sentence. */
export function textOfLength(length: number, seed = "Use this skill when the user asks for it. "): string {
  return seed
    .repeat(Math.ceil(length / seed.length))
    .slice(0, length)
    .replace(/\s+$/, (space) => "x".repeat(space.length));
}

/** A kebab-case name of exactly `length` characters. */
export function nameOfLength(length: number, seed = "probe-skill-name-"): string {
  const name = seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
  return name.endsWith("-") ? `${name.slice(0, -1)}x` : name;
}
