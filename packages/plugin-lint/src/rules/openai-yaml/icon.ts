// openai-yaml/icon: Codex 0.117's rule for a skill's icon paths.
import { isAbsolute } from "node:path";
import { resolvePluginPath, type PluginModel, type SkillFile } from "@agent-plugin/core";

/**
 * Codex 0.117's icon rule (relative, under the skill's assets/, no `..`), then whether the file is there.
 * The result continues a sentence that starts with the field's name.
 */
export function iconProblem(raw: string, skill: SkillFile, plugin: PluginModel | undefined): string | undefined {
  if (raw.trim() === "") return " is empty: name an image under assets/ or remove the field";
  if (isAbsolute(raw))
    return ` is an absolute path ("${raw}"), which Codex ignores: use a path under the skill's assets/ folder`;
  const segments = raw.split(/[\\/]/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes(".."))
    return ` contains ".." ("${raw}"), which Codex ignores: copy the image into the skill's assets/ folder`;
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
