/**
 * Hooks in a conversion: read as the source layout's host reads them (its manifest's `hooks` paths or inline
 * object, else hooks/hooks.json), written as hooks/hooks.json for a host that runs them, with the plugin-root
 * variable of the target host and only the events, handler types and handler fields that host reads. The standard
 * has no hooks: converting to it carries none.
 */
import { join } from "node:path";
import {
  isRecord,
  parseJson,
  profileFor,
  readTextFile,
  resolvePluginPath,
  type TargetId,
  toPosixRelative,
} from "@agent-plugin/core";
import type { NotCarried } from "./types.js";

/** The file a converted plugin's hooks are written to: both hosts read it without a manifest field. */
export const HOOKS_FILE = "hooks/hooks.json";

/** The variable each host expands to the plugin's folder in a hook command. */
const ROOT_VARIABLE: Readonly<Record<TargetId, string | undefined>> = {
  "agent-plugins": undefined,
  codex: "${PLUGIN_ROOT}",
  "claude-code": "${CLAUDE_PLUGIN_ROOT}",
};

export interface SourceHooks {
  /** Hook files the source layout reads, relative to the root. */
  files: string[];
  /** Every event with its matcher groups, in the order the source declares them, and where each event is declared. */
  events: { event: string; groups: unknown[]; file: string }[];
}

/** The hooks the source layout's host reads; none for the standard. */
export function readHooks(
  root: string,
  layout: TargetId,
  manifest: Record<string, unknown>,
  manifestFile: string,
): SourceHooks {
  if (layout === "agent-plugins") return { files: [], events: [] };
  const field = manifest.hooks;
  const events: SourceHooks["events"] = [];
  const add = (map: unknown, file: string) => {
    if (!isRecord(map)) return;
    for (const [event, groups] of Object.entries(map))
      events.push({ event, groups: Array.isArray(groups) ? groups : [], file });
  };
  if (isRecord(field)) {
    add(field, manifestFile);
    return { files: [], events };
  }
  const named = (Array.isArray(field) ? field : field === undefined ? [] : [field])
    .filter((entry): entry is string => typeof entry === "string")
    .flatMap((raw) => {
      const resolved = resolvePluginPath(raw, { root });
      return resolved.ok ? [toPosixRelative(root, resolved.absolute)] : [];
    });
  const files = (field === undefined ? [HOOKS_FILE] : named).filter((file) => readTextFile(join(root, file)).ok);
  for (const file of files) {
    const read = readTextFile(join(root, file));
    const value = read.ok ? parseJson(read.text).value : undefined;
    add(isRecord(value) ? value.hooks : undefined, file);
  }
  return { files, events };
}

/**
 * The hooks in the target's form, and each part the target has no place for. `undefined` when nothing is carried
 * (the standard, or no event the target runs).
 */
export function translateHooks(
  from: TargetId,
  to: TargetId,
  hooks: SourceHooks,
): { value: Record<string, unknown[]> | undefined; notCarried: NotCarried[] } {
  const notCarried: NotCarried[] = [];
  const lost = (file: string, field: string, reason: string) =>
    notCarried.push({ file, part: "component", name: "hooks", field, reason });
  const profile = profileFor(to);
  const fromVariable = ROOT_VARIABLE[from];
  const toVariable = ROOT_VARIABLE[to];
  const carried: Record<string, unknown[]> = {};
  for (const { event, groups, file } of hooks.events) {
    if (to === "agent-plugins" || toVariable === undefined) {
      lost(file, event, "the standard has no hooks: no client of it runs them");
      continue;
    }
    if (!profile.hookEvents.includes(event)) {
      lost(file, event, `${profile.displayName} has no "${event}" event, so it would never run these hooks`);
      continue;
    }
    const kept = groups.flatMap((group, groupIndex) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return [group];
      const handlers = group.hooks.flatMap((handler, handlerIndex) => {
        const where = `${event}[${groupIndex}].hooks[${handlerIndex}]`;
        if (!isRecord(handler)) return [handler];
        const type = typeof handler.type === "string" ? handler.type : "command";
        const keys = profile.hookHandlerKeys[type];
        if (keys === undefined) {
          lost(file, where, `${profile.displayName} has no "${type}" hook handler`);
          return [];
        }
        const copy: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(handler)) {
          if (!keys.includes(key)) {
            lost(file, `${where}.${key}`, `${profile.displayName} does not read "${key}" in a "${type}" handler`);
            continue;
          }
          copy[key] =
            typeof value === "string" && fromVariable !== undefined
              ? value.replaceAll(fromVariable, toVariable)
              : value;
        }
        return [copy];
      });
      return handlers.length === 0 ? [] : [{ ...group, hooks: handlers }];
    });
    if (kept.length > 0) carried[event] = [...(carried[event] ?? []), ...kept];
  }
  return { value: Object.keys(carried).length > 0 ? carried : undefined, notCarried };
}
