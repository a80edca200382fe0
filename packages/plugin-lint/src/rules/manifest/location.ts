// manifest/missing and manifest/location: the manifest, and the components beside it, are where the hosts look.
import { join } from "node:path";
import { declaresAgentPlugins, toPosixRelative, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";

/** Component folders and files that hosts read only at the plugin root. */
const COMPONENT_FOLDERS = ["skills", "hooks", "commands", "agents", "output-styles"] as const;
const COMPONENT_FILES = [".mcp.json", ".app.json", ".lsp.json"] as const;
const HOST_FOLDERS = [".codex-plugin", ".claude-plugin"] as const;

function relativePath(plugin: PluginModel, path: string): string {
  return toPosixRelative(plugin.root, path);
}

export function checkMissing(plugin: PluginModel, context: RuleContext): void {
  if (plugin.manifest || !plugin.host.manifestRequired) return;
  // An unreadable manifest (a folder, a dangling link...) is reported by the file rules.
  if (plugin.fileProblems.some((problem) => problem.path === plugin.manifestPath)) return;
  const expected = relativePath(plugin, plugin.manifestPath);
  // Codex 0.171 reads an Agent Plugins root plugin.json; only earlier versions cannot install the plugin.
  const rootManifest = join(plugin.root, "plugin.json");
  if (plugin.host.portableManifestFields.length > 0 && isAgentPluginsManifest(plugin, rootManifest)) {
    context.report({
      ruleId: "manifest/missing",
      severity: "warning",
      message: `${expected} is missing: ${plugin.host.displayName} 0.171 and later read the Agent Plugins manifest plugin.json, but earlier versions (0.117) cannot install the plugin; add ${expected} with at least "name" (and "interface" for how the ${plugin.host.displayName} app shows it)`,
      file: plugin.manifestPath,
    });
    return;
  }
  const others = plugin.otherManifests.map((path) => relativePath(plugin, path));
  const advice =
    others.length > 0
      ? `found ${others.join(" and ")}, which ${plugin.host.displayName} 0.117 does not read: copy it to ${expected}`
      : `create it with at least "name", "version" and "description"`;
  context.report({
    ruleId: "manifest/missing",
    message: `${expected} is missing, so ${plugin.host.displayName} cannot install the plugin; ${advice}`,
    file: plugin.manifestPath,
  });
}

export function checkLocation(plugin: PluginModel, context: RuleContext): void {
  const fileAt = (relative: string) => plugin.files.files.find((file) => file.relative === relative)?.absolute;
  const firstFileUnder = (folder: string) =>
    plugin.files.files.find((file) => file.relative.startsWith(`${folder}/`))?.absolute;
  const folders = new Set(plugin.files.directories);

  for (const hostFolder of HOST_FOLDERS) {
    for (const name of COMPONENT_FILES) {
      const misplaced = fileAt(`${hostFolder}/${name}`);
      if (misplaced) reportMisplaced(context, misplaced, `${hostFolder}/${name}`, name);
    }
    for (const name of COMPONENT_FOLDERS) {
      const folder = `${hostFolder}/${name}`;
      if (!folders.has(folder)) continue;
      // A folder has no line 1: report on the manifest beside it, else on the first file inside it.
      const anchor = fileAt(`${hostFolder}/plugin.json`) ?? firstFileUnder(folder);
      if (anchor) reportMisplaced(context, anchor, `${folder}/`, `${name}/`);
    }
  }
  const rootManifest = fileAt("plugin.json");
  if (rootManifest && !isAgentPluginsManifest(plugin, rootManifest)) {
    // Beside a manifest the host reads, the stray file only goes unread; alone, the plugin loses its manifest.
    const read = plugin.manifest !== undefined;
    context.report({
      ruleId: "manifest/location",
      message: read
        ? `plugin.json at the plugin root is not read by Codex or Claude Code, so its fields have no effect (${relativePath(plugin, plugin.manifest!.path)} is the manifest); remove it, or move what it adds to that manifest (only an Agent Plugins manifest with its "$schema" belongs here)`
        : `plugin.json at the plugin root is not read by Codex or Claude Code; move it to ${plugin.host.manifestPaths[0]!} (only an Agent Plugins manifest with its "$schema" belongs here)`,
      file: rootManifest,
      ...(read ? { severity: "warning" as const } : {}),
    });
  }
}

function reportMisplaced(context: RuleContext, file: string, misplaced: string, atRoot: string): void {
  context.report({
    ruleId: "manifest/location",
    message: `${misplaced} is inside ${misplaced.split("/")[0]}/, where hosts read only the manifest, so it is never loaded; move it to the plugin root (${atRoot})`,
    file,
  });
}

/** A root plugin.json is read (by Codex 0.171) only in the Agent Plugins format: its "$schema" names the standard. */
function isAgentPluginsManifest(plugin: PluginModel, path: string): boolean {
  const read = plugin.readText(path);
  return read.ok && declaresAgentPlugins(read.text);
}
