import type { TargetSpec } from "./hosts/index.js";

/** One finding. Positions are 1-based; `endLine`/`endColumn` point just past the flagged text. */
export type Severity = "error" | "warning";

/** A mechanical fix: a text edit, or making a script executable. */
export type Fix =
  | {
      kind: "edit";
      /** Absolute path of the file the edit applies to. */
      file: string;
      /** Character offsets [start, end) in the file's text, as read. */
      range: [number, number];
      text: string;
    }
  | { kind: "chmod"; file: string; mode: number };

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the finding is in. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  /** When a plugin is linted for several targets and only some of them have this finding: those targets. */
  onlyFor?: TargetSpec[];
}

export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
