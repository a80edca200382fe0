import { defaultPrompts, type RenderContext } from "./context.js";
import { codexHooksFile, codexMcpFile } from "./host-files.js";

export const MANIFEST_SCHEMA = "https://unpkg.com/@agent-plugin/core/schemas/codex-plugin.schema.json";
export const CLAUDE_MANIFEST_SCHEMA = "https://unpkg.com/@agent-plugin/core/schemas/claude-plugin.schema.json";
/** The standard's canonical id: clients check it, so it is the exact string, never a mirror's URL. */
export const AGENT_PLUGINS_MANIFEST_SCHEMA = "https://agent-plugins.org/schemas/1.0.0/plugin.schema.json";
export const LOGO_PATH = "./assets/logo.svg";
/** Every manifest and package.json start here; the release flow then moves them together. */
export const INITIAL_VERSION = "0.1.0";

/** `.codex-plugin/plugin.json`, built in code because which keys appear depends on the components chosen. */
export function codexManifest(context: RenderContext): Record<string, unknown> {
  const mcpFile = codexMcpFile(context);
  const hooksFile = codexHooksFile(context);
  return {
    $schema: MANIFEST_SCHEMA,
    ...identity(context),
    skills: "./skills/",
    ...(mcpFile === null ? {} : { mcpServers: `./${mcpFile}` }),
    ...(context.app === null ? {} : { apps: "./.app.json" }),
    // Named only beside Claude Code's hooks/hooks.json: naming a file also stops Codex reading that default.
    ...(hooksFile === null ? {} : { hooks: `./${hooksFile}` }),
    interface: {
      displayName: context.displayName,
      shortDescription: context.description,
      longDescription: longDescription(context),
      developerName: context.developer,
      category: context.category,
      capabilities: context.capabilities,
      ...(context.homepage === null ? {} : { websiteURL: context.homepage }),
      brandColor: context.brandColor,
      defaultPrompt: defaultPrompts(context),
      composerIcon: LOGO_PATH,
      logo: LOGO_PATH,
    },
  };
}

/**
 * `.claude-plugin/plugin.json` (`--target claude-code`): the same identity as the Codex manifest, and no component
 * paths, since Claude Code's defaults (`skills/`, `.mcp.json`, `hooks/hooks.json`) are where its files are.
 */
export function claudeManifest(context: RenderContext): Record<string, unknown> {
  return { $schema: CLAUDE_MANIFEST_SCHEMA, ...identity(context) };
}

/**
 * `plugin.json` at the root (`--target agent-plugins`): the Agent Plugins 1.0 manifest. Its schema is closed, and
 * the identity fields are all standard ones, so it is exactly the identity every manifest shares. Codex 0.171 takes
 * `version` and `description` from it; what only a host has stays in that host's manifest.
 */
export function portableManifest(context: RenderContext): Record<string, unknown> {
  return { $schema: AGENT_PLUGINS_MANIFEST_SCHEMA, ...identity(context) };
}

/** The fields every manifest shares, in the same order, so the two never disagree on who the plugin is. */
function identity(context: RenderContext): Record<string, unknown> {
  return {
    name: context.name,
    version: INITIAL_VERSION,
    description: context.description,
    author: { name: context.developer },
    ...(context.homepage === null ? {} : { homepage: context.homepage }),
    license: "MIT",
    keywords: keywords(context),
  };
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function keywords(context: RenderContext): string[] {
  const words = [...context.name.split("-"), "skills"];
  if (context.mcp || context.stdio) words.push("mcp");
  if (context.app) words.push("app");
  if (context.hooks) words.push("hooks");
  return [...new Set(words.filter((word) => word.length > 1))];
}

/** A summary of what the plugin bundles, so the long description is true from the first commit. */
function longDescription(context: RenderContext): string {
  const skills = context.skills.map((skill) => skill.id).join(", ");
  const parts = [`${context.skills.length === 1 ? "the skill" : "the skills"} ${skills}`];
  if (context.mcp)
    parts.push(
      `a remote MCP server at ${new URL(context.mcp.url).host} (${context.mcp.oauth ? "OAuth sign-in" : `token from the ${context.mcp.tokenEnvVar} environment variable`})`,
    );
  if (context.stdio)
    parts.push("a local MCP server whose list_todos tool lists TODO and FIXME comments in a folder as file:line");
  if (context.app) parts.push(`the ${context.app.id} app connector`);
  if (context.hooks)
    parts.push("a SessionStart hook that adds the current branch and uncommitted changes to each session");
  return `${context.description} Bundles ${parts.join("; ")}.`;
}
