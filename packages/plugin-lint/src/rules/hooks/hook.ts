// The hooks of a hooks file, one entry per handler, with the JSON pointer of each.
import { isRecord, type JsonDocument, type PointerSegment } from "@agent-plugin/core";

export interface HooksFile {
  path: string;
  doc: JsonDocument;
}

/** One hook handler: `hooks.<Event>[i].hooks[j]`. */
export interface Hook {
  event: string;
  value: Record<string, unknown>;
  pointer: PointerSegment[];
}

export function hooksOf(events: Record<string, unknown>): Hook[] {
  const hooks: Hook[] = [];
  for (const [event, groups] of Object.entries(events)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, groupIndex) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return;
      group.hooks.forEach((hook, hookIndex) => {
        if (isRecord(hook))
          hooks.push({ event, value: hook, pointer: ["hooks", event, groupIndex, "hooks", hookIndex] });
      });
    });
  }
  return hooks;
}
