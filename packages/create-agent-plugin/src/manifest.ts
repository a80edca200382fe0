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
    ...(context.mcp === null && context.stdio === null ? {} : { mcpServers: "./.mcp.json" }),
    ...(context.app === null ? {} : { apps: "./.app.json" }),
    interface: {
      displayName: context.displayName,
      shortDescription: context.description,
      longDescription: longDescription(context),
      developerName: context.developer,
      category: context.category,
      capabilities: context.mcp === null && context.stdio === null && context.app === null ? ["Read"] : ["Interactive", "Read"],
      ...(context.homepage === null ? {} : { websiteURL: context.homepage }),
      brandColor: context.brandColor,
      defaultPrompt: defaultPrompts(context),
      composerIcon: LOGO_PATH,
      logo: LOGO_PATH,
    },
  };
}

/**
 * What the local stdio server (`--mcp stdio`) is built with. The SDK's 1.x line runs on Node 18 and later;
 * TypeScript stays on 5.x (7.x is a native port with per-platform binaries); the Node types match Node 20,
 * the oldest Node the toolchain supports.
 */
export const STDIO_SERVER_DEPENDENCIES = { "@modelcontextprotocol/sdk": "^1.32.2", zod: "^4.1.0" } as const;
export const STDIO_SERVER_DEV_DEPENDENCIES = { "@types/node": "^20.19.0", typescript: "^5.9.3" } as const;

/** Run by `npm install`: enables .githooks/ (the pre-commit lint) when the plugin is the top of its git repository. */
const PREPARE = "node .githooks/enable.mjs";

/** The plugin's own package.json: the lint and pack scripts, and the toolchain as dev dependencies. */
export function packageJson(context: RenderContext): Record<string, unknown> {
  const toolchain = { "@agent-plugin/plugin-lint": context.toolchainRange, "@agent-plugin/plugin-pack": context.toolchainRange };
  // Shared fields first, so both forms keep the same key order.
  const common = { name: context.name, version: "0.1.0", private: true, description: context.description, license: "MIT" };
  if (context.stdio === null) {
    return { ...common, scripts: { lint: "plugin-lint", pack: "plugin-pack . --out dist", prepare: PREPARE }, devDependencies: toolchain };
  }
  // With a local server: ESM (the server's compiled output is ES modules), a build and a test script, and a pack
  // that builds first, since plugin-pack bundles the compiled server/dist/ that server/index.mjs imports.
  return {
    ...common,
    type: "module",
    engines: { node: ">=20" },
    scripts: {
      build: "tsc -p server",
      test: "npm run build && node --test server/dist/test/server.test.js",
      lint: "plugin-lint",
      pack: "npm run build && plugin-pack . --out dist",
      prepare: PREPARE,
    },
    dependencies: { ...STDIO_SERVER_DEPENDENCIES },
    devDependencies: { ...toolchain, ...STDIO_SERVER_DEV_DEPENDENCIES },
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
  if (context.mcp) parts.push(`a remote MCP server at ${new URL(context.mcp.url).host} (token from the ${context.mcp.tokenEnvVar} environment variable)`);
  if (context.stdio) parts.push("a local MCP server whose list_todos tool lists TODO and FIXME comments in a folder as file:line");
  if (context.app) parts.push(`the ${context.app.id} app connector`);
  if (context.hooks) parts.push("a SessionStart hook that adds the current branch and uncommitted changes to each session");
  return `${context.description} Bundles ${parts.join("; ")}.`;
}
