// openai-yaml/icon: Codex's rule for a skill's icon paths.
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import { type HostProfile, resolvePluginPath, type PluginModel, type SkillFile } from "@agent-plugin/core";

/**
 * Codex 0.117's icon rule (relative, under the skill's assets/, no `..`), then whether the file is there.
 * The result continues a sentence that starts with the field's name.
 */
export function iconProblem(
  raw: string,
  skill: SkillFile,
  plugin: PluginModel | undefined,
  host: HostProfile,
): string | undefined {
  if (raw.trim() === "") return " is empty: name an image under assets/ or remove the field";
  if (isAbsolute(raw))
    return ` is an absolute path ("${raw}"), which Codex ignores: use a path under the skill's assets/ folder`;
  const segments = raw.split(/[\\/]/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    // Codex 0.171 keeps such a path when it lands in the plugin's own assets/ folder.
    const target = resolve(skill.dir, raw);
    const assets = plugin === undefined ? undefined : join(plugin.root, "assets");
    if (host.iconsFromPluginAssets && assets !== undefined && target.startsWith(`${assets}${sep}`)) {
      return existsSync(target)
        ? undefined
        : `: "${raw}" does not exist, so Codex shows no icon: add the image or fix the path`;
    }
    return host.iconsFromPluginAssets
      ? ` contains ".." ("${raw}") and does not lead into the plugin's assets/ folder, so ${host.displayName} ${host.version} ignores it: move the image there or into the skill's assets/ folder`
      : ` contains ".." ("${raw}"), which ${host.displayName} ${host.version} ignores: copy the image into the skill's assets/ folder`;
  }
  if (segments[0] !== "assets")
    return ` is not under assets/ ("${raw}"), so Codex ignores it: move the image into the skill's assets/ folder`;
  const resolution = resolvePluginPath(raw, {
    root: plugin?.root ?? skill.dir,
    from: skill.dir,
    requireDotSlash: false,
    expect: "file",
  });
  return resolution.ok ? undefined : `: ${resolution.message}, so Codex shows no icon: add the image or fix the path`;
}
