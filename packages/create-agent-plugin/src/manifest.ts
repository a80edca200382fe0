import { defaultPrompts, type RenderContext } from "./context.js";

export const MANIFEST_SCHEMA = "https://unpkg.com/@agent-plugin/core/schemas/codex-plugin.schema.json";
export const LOGO_PATH = "./assets/logo.svg";

/** `.codex-plugin/plugin.json`, built in code because which keys appear depends on the components chosen. */
export function codexManifest(context: RenderContext): Record<string, unknown> {
  return {
    $schema: MANIFEST_SCHEMA,
    name: context.name,
    version: "0.1.0",
    description: context.description,
    author: { name: context.developer },
    ...(context.homepage === null ? {} : { homepage: context.homepage }),
    license: "MIT",
    keywords: keywords(context),
    skills: "./skills/",
    ...(context.mcp === null ? {} : { mcpServers: "./.mcp.json" }),
    ...(context.app === null ? {} : { apps: "./.app.json" }),
    interface: {
      displayName: context.displayName,
      shortDescription: context.description,
      longDescription: longDescription(context),
      developerName: context.developer,
      category: context.category,
      capabilities: context.mcp === null && context.app === null ? ["Read"] : ["Interactive", "Read"],
      ...(context.homepage === null ? {} : { websiteURL: context.homepage }),
      brandColor: context.brandColor,
      defaultPrompt: defaultPrompts(context),
      composerIcon: LOGO_PATH,
      logo: LOGO_PATH,
    },
  };
}

/** The plugin's own package.json: the lint and pack scripts, and the toolchain as dev dependencies. */
export function packageJson(context: RenderContext): Record<string, unknown> {
  return {
    name: context.name,
    version: "0.1.0",
    private: true,
    description: context.description,
    license: "MIT",
    scripts: { lint: "plugin-lint", pack: "plugin-pack . --out dist" },
    devDependencies: { "@agent-plugin/plugin-lint": context.toolchainRange, "@agent-plugin/plugin-pack": context.toolchainRange },
  };
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function keywords(context: RenderContext): string[] {
  const words = [...context.name.split("-"), "skills"];
  if (context.mcp) words.push("mcp");
  if (context.app) words.push("app");
  if (context.hooks) words.push("hooks");
  return [...new Set(words.filter((word) => word.length > 1))];
}

/** A summary of what the plugin bundles, so the long description is true from the first commit. */
function longDescription(context: RenderContext): string {
  const skills = context.skills.map((skill) => skill.id).join(", ");
  const parts = [`${context.skills.length === 1 ? "the skill" : "the skills"} ${skills}`];
  if (context.mcp) parts.push(`a remote MCP server at ${new URL(context.mcp.url).host} (token from the ${context.mcp.tokenEnvVar} environment variable)`);
  if (context.app) parts.push(`the ${context.app.id} app connector`);
  if (context.hooks) parts.push("a SessionStart hook that adds the current branch and uncommitted changes to each session");
  return `${context.description} Bundles ${parts.join("; ")}.`;
}
