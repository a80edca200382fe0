import { chmodSync, statSync } from "node:fs";
import { readTextFile, writeFileAtomic, type Diagnostic } from "@agent-plugin/core";
import { WriteError } from "./errors.js";

/**
 * Applies every fix that does not overlap another, from the end of each file backwards,
 * and writes each file once through a temp file. Returns the files changed.
 */
export function applyFixes(diagnostics: readonly Diagnostic[]): string[] {
  const edits = new Map<string, { range: [number, number]; text: string }[]>();
  const changed = new Set<string>();
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fix;
    if (!fix) continue;
    if (fix.kind === "chmod") {
      guardWrite(fix.file, () => chmodSync(fix.file, fix.mode));
      changed.add(fix.file);
      continue;
    }
    const list = edits.get(fix.file) ?? [];
    list.push({ range: fix.range, text: fix.text });
    edits.set(fix.file, list);
  }
  for (const [file, list] of edits) {
    const read = readTextFile(file);
    if (!read.ok) continue;
    let text = read.text;
    let floor = Infinity;
    for (const edit of list.sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1])) {
      if (edit.range[1] > floor) continue;
      text = text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
      floor = edit.range[0];
    }
    if (text !== read.text) {
      guardWrite(file, () => writeFileAtomic(file, text, statSync(file).mode & 0o7777));
      changed.add(file);
    }
  }
  return [...changed].sort();
}

function guardWrite(file: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new WriteError(
      `--fix cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { file },
    );
  }
}
