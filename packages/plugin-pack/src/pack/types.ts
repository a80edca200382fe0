/** What selection decided for each file of a plugin folder. */

/** Why a file is in or out of the archive: `ls --why` prints this. */
export interface SelectionDecision {
  path: string;
  included: boolean;
  /** The pattern or rule that decided, e.g. `default: .env*`, `.pluginignore:3: !keep.log`, `bundled into .plugin-pack/bundles/x.mjs`. */
  reason: string;
  size?: number;
}

export interface Selection {
  root: string;
  /** Included regular files, sorted by path. */
  files: { path: string; absolute: string; size: number; mode: 0o644 | 0o755 }[];
  decisions: SelectionDecision[];
}
