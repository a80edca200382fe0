// Component discovery as the Agent Plugins standard defines it (§6, §7.1): fixed locations `skills/` and
// `mcp.json`, skills exactly one level under `skills/`, and links followed only while they stay inside the root.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { lstatOrUndefined } from "./fs-safe.js";
import { isInside, realpath, safeRealpath } from "./paths.js";
import type { WalkResult } from "./walk.js";

/** What is at a fixed component location. */
export interface FixedLocation {
  path: string;
  /**
   * `absent`: nothing there, which is fine (§6.2). `ok`: the expected kind. `wrong-kind`: present but not the
   * expected kind, so the component type is invalid (§6.2). `link-problem`: a link that dangles, loops or leaves the
   * plugin (the file rules report it).
   */
  state: "absent" | "ok" | "wrong-kind" | "link-problem";
  /** For `wrong-kind`: what is there instead. */
  found?: string;
}

/** A SKILL.md under `skills/` that one-level discovery does not load, and why. */
export interface UnloadedSkillFile {
  path: string;
  /**
   * `nested`: deeper than `skills/<name>/SKILL.md`, under a folder that is no skill. `inside-skill`: deeper, inside
   * another skill's folder. `in-skills-folder`: `skills/SKILL.md` itself. `misnamed`: not named exactly `SKILL.md`.
   * `not-a-file`: `SKILL.md` is a folder or other non-regular file.
   */
  reason: "nested" | "inside-skill" | "in-skills-folder" | "misnamed" | "not-a-file";
}

export interface StandardLayout {
  skills: FixedLocation;
  mcp: FixedLocation;
  /** The `SKILL.md` files discovery loads, by their path inside the plugin (links inside it are followed). */
  skillFiles: string[];
  unloadedSkillFiles: UnloadedSkillFile[];
}

function kindOf(path: string): string {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? "a folder" : stats.isFile() ? "a file" : "neither a file nor a folder";
  } catch {
    return "unreadable";
  }
}

/** Where `path` resolves, when it exists and stays inside the plugin; undefined for a broken link or one out of it. */
function resolveInside(realRoot: string, path: string): string | undefined {
  try {
    const real = realpath(path);
    return isInside(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

function fixedLocation(realRoot: string, path: string, expect: "directory" | "file"): FixedLocation {
  if (!lstatOrUndefined(path)) return { path, state: "absent" };
  const real = resolveInside(realRoot, path);
  if (real === undefined) return { path, state: "link-problem" };
  const found = kindOf(real);
  const expected = expect === "directory" ? "a folder" : "a file";
  return found === expected ? { path, state: "ok" } : { path, state: "wrong-kind", found };
}

function isSkillFileName(name: string): boolean {
  return name.toLowerCase() === "skill.md";
}

/** Discovers the standard's components under `root`; `files` is the plugin's walk (links not followed). */
export function discoverStandardLayout(root: string, files: WalkResult): StandardLayout {
  const realRoot = safeRealpath(root);
  const skillsPath = join(root, "skills");
  const layout: StandardLayout = {
    skills: fixedLocation(realRoot, skillsPath, "directory"),
    mcp: fixedLocation(realRoot, join(root, "mcp.json"), "file"),
    skillFiles: [],
    unloadedSkillFiles: [],
  };
  if (layout.skills.state !== "ok") return layout;
  let names: string[];
  try {
    names = readdirSync(skillsPath).sort();
  } catch {
    return layout;
  }
  const skillFolders = new Set<string>();
  for (const name of names) {
    const child = join(skillsPath, name);
    const kind = kindOf(child);
    if (kind === "a file" && isSkillFileName(name)) {
      layout.unloadedSkillFiles.push({ path: child, reason: "in-skills-folder" });
      continue;
    }
    // Links that leave the plugin or dangle are the file rules' to report; the client skips what is behind them.
    if (kind !== "a folder" || resolveInside(realRoot, child) === undefined) continue;
    const skillFile = join(child, "SKILL.md");
    if (lstatOrUndefined(skillFile)) {
      if (resolveInside(realRoot, skillFile) === undefined) continue;
      if (kindOf(skillFile) === "a file") {
        layout.skillFiles.push(skillFile);
        skillFolders.add(name);
      } else {
        layout.unloadedSkillFiles.push({ path: skillFile, reason: "not-a-file" });
      }
      continue;
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(child).sort();
    } catch {
      // An unreadable folder is reported by the walk.
    }
    const misnamed = entries.find(isSkillFileName);
    if (misnamed !== undefined) layout.unloadedSkillFiles.push({ path: join(child, misnamed), reason: "misnamed" });
  }
  // Deeper SKILL.md files: clients must not search below the first level (§7.1).
  for (const file of files.files) {
    const parts = file.relative.split("/");
    if (parts[0] !== "skills" || parts.length <= 3 || !isSkillFileName(parts[parts.length - 1]!)) continue;
    layout.unloadedSkillFiles.push({
      path: file.absolute,
      reason: skillFolders.has(parts[1]!) ? "inside-skill" : "nested",
    });
  }
  layout.unloadedSkillFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return layout;
}
