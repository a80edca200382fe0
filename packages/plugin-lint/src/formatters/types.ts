import type { LintReport } from "../lint.js";

export interface FormatOptions {
  cwd: string;
  color: boolean;
  toolVersion: string;
}

export type Formatter = (report: LintReport, options: FormatOptions) => string;
