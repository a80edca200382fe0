import type { Formatter } from "./types.js";

/** ESLint's JSON format: an array of per-file results. */
export const json: Formatter = (report) => `${JSON.stringify(report.results, null, 2)}\n`;
