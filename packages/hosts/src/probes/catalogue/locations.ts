import {
  AGENT_PLUGINS_MCP_SCHEMA,
  AGENT_PLUGINS_SCHEMA,
  BOTH,
  json,
  manifestOf,
  nameOfLength,
  plugin,
  skillMd,
  textOfLength,
} from "../build.js";
import type { Probe } from "../types.js";

/** A clean plugin in each manifest layout, and where each host looks for a manifest. */
export const locationProbes: Probe[] = [
  {
    id: "plugin/baseline/both-manifests",
    description: "A clean plugin with .codex-plugin/plugin.json and .claude-plugin/plugin.json and one skill",
    kind: "plugin",
    dimension: "baseline",
    hosts: BOTH,
    files: (_host, name) => plugin(name),
  },
  {
    id: "codex-plugin-json/location/only-manifest",
    description: "Only .codex-plugin/plugin.json",
    kind: "codex-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => plugin(name, { manifests: ["codex"] }),
  },
  {
    id: "claude-plugin-json/location/only-manifest",
    description: "Only .claude-plugin/plugin.json",
    kind: "claude-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => plugin(name, { manifests: ["claude"] }),
  },
  {
    id: "plugin/location/no-manifest",
    description: "No manifest at all: a skills folder only",
    kind: "plugin",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => plugin(name, { manifests: [] }),
  },
  {
    id: "root-plugin-json/location/agent-plugins-only",
    description: "Only a root plugin.json with the Agent Plugins 1.0 $schema",
    kind: "root-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => plugin(name, { manifests: ["root"] }),
  },
  {
    id: "root-plugin-json/location/agent-plugins-with-mcp-json",
    description: "Agent Plugins layout: root plugin.json and mcp.json with one stdio server",
    kind: "root-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, {
        manifests: ["root"],
        files: {
          "mcp.json": json({
            $schema: AGENT_PLUGINS_MCP_SCHEMA,
            mcpServers: { [`${name}-ap`]: { type: "stdio", command: "./bin/server" } },
          }),
        },
      }),
  },
  {
    id: "root-plugin-json/value/unknown-spec-version",
    description: "Root plugin.json whose $schema names Agent Plugins 9.9.9",
    kind: "root-plugin-json",
    dimension: "value",
    hosts: BOTH,
    files: (_host, name) => ({
      "plugin.json": json({
        $schema: "https://agent-plugins.org/schemas/9.9.9/plugin.schema.json",
        ...manifestOf(name),
      }),
      "skills/control/SKILL.md": plugin(name)["skills/control/SKILL.md"]!,
    }),
  },
  {
    id: "root-plugin-json/missing-field/no-schema",
    description: "Root plugin.json without $schema and no other manifest",
    kind: "root-plugin-json",
    dimension: "missing-field",
    hosts: BOTH,
    files: (_host, name) => ({
      "plugin.json": json(manifestOf(name)),
      "skills/control/SKILL.md": plugin(name)["skills/control/SKILL.md"]!,
    }),
  },
  {
    id: "root-plugin-json/unknown-field/codex-fields",
    description: "Agent Plugins root plugin.json with a Codex `interface` at the top level (outside `extensions`)",
    kind: "root-plugin-json",
    dimension: "unknown-field",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, { manifests: ["root"], manifest: (m) => ({ ...m, interface: { displayName: "Root Probe" } }) }),
  },
  {
    id: "root-plugin-json/location/with-codex-manifest",
    description:
      "Root Agent Plugins plugin.json (version 2.0.0, description A) and .codex-plugin/plugin.json (1.0.0, B, interface)",
    kind: "root-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name, {
        manifests: ["codex"],
        manifest: (m) => ({ ...m, description: "From .codex-plugin.", interface: { displayName: "Codex Name" } }),
      }),
      "plugin.json": json({
        $schema: AGENT_PLUGINS_SCHEMA,
        ...manifestOf(name),
        version: "2.0.0",
        description: "From root.",
      }),
    }),
  },
  {
    id: "root-plugin-json/location/with-claude-manifest",
    description: "Root Agent Plugins plugin.json (2.0.0, description A) and .claude-plugin/plugin.json (1.0.0, B)",
    kind: "root-plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name, { manifests: ["claude"], manifest: (m) => ({ ...m, description: "From .claude-plugin." }) }),
      "plugin.json": json({
        $schema: AGENT_PLUGINS_SCHEMA,
        ...manifestOf(name),
        version: "2.0.0",
        description: "From root.",
      }),
    }),
  },
  {
    id: "plugin-json/location/manifests-disagree",
    description:
      ".codex-plugin/plugin.json (1.0.0, description A) and .claude-plugin/plugin.json (2.0.0, description B)",
    kind: "plugin-json",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name, { manifests: ["codex"], manifest: (m) => ({ ...m, description: "From .codex-plugin." }) }),
      ".claude-plugin/plugin.json": json({
        ...manifestOf(name),
        version: "2.0.0",
        description: "From .claude-plugin.",
      }),
    }),
  },
  {
    id: "plugin/location/components-inside-claude-plugin",
    description: "Skills placed inside .claude-plugin/skills/ instead of the plugin root",
    kind: "plugin",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name, { noControl: true }),
      ".claude-plugin/skills/control/SKILL.md": plugin(name)["skills/control/SKILL.md"]!,
    }),
  },
  {
    id: "plugin/location/components-inside-codex-plugin",
    description: "Skills placed inside .codex-plugin/skills/ instead of the plugin root",
    kind: "plugin",
    dimension: "location",
    hosts: BOTH,
    files: (_host, name) => ({
      ...plugin(name, { noControl: true }),
      ".codex-plugin/skills/control/SKILL.md": plugin(name)["skills/control/SKILL.md"]!,
    }),
  },
  {
    id: "plugin/baseline/curated-style",
    description:
      "Shaped like the curated marketplace's build-web-data-visualization: 18 skills whose <plugin>:<skill> names pass 64 " +
      "characters, descriptions over 1024, default prompts over 128, and a package.json version ahead of plugin.json",
    kind: "plugin",
    dimension: "baseline",
    hosts: BOTH,
    plugin: "build-web-data-visualization",
    files: (_host, name) => {
      const files = plugin(name, {
        noControl: true,
        manifest: (m) => ({
          ...m,
          interface: {
            displayName: "Build Web Data Visualization",
            defaultPrompt: [
              textOfLength(180, "Build an interactive chart of this data set. "),
              "Make a dashboard",
              "Plot the trend",
            ],
          },
        }),
        files: { "package.json": json({ name: name, version: "1.1.0", private: true }) },
      });
      for (let index = 1; index <= 18; index++) {
        const skill = `${nameOfLength(36, "interactive-chart-recipe-")}-${String(index).padStart(2, "0")}`;
        files[`skills/${skill}/SKILL.md`] = skillMd([`name: ${skill}`, `description: ${textOfLength(1100)}`]);
      }
      return files;
    },
  },
  {
    id: "package-json/value/version-differs",
    description: "A package.json whose version (2.0.0) differs from plugin.json's (1.0.0)",
    kind: "package-json",
    dimension: "value",
    hosts: BOTH,
    files: (_host, name) =>
      plugin(name, { files: { "package.json": json({ name: `@probe/${name}`, version: "2.0.0", private: true }) } }),
  },
];
