/** Two aligned columns, label and value, as the commands print their reports: `  archive  dist/x.zip`. */
export function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}\n`).join("");
}
