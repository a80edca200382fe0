/**
 * Catches names that cannot live side by side on disk: exact duplicates, names equal once folded the way
 * Windows and macOS compare them, and a name used both as a file and a folder.
 *
 * Folders are kept as a tree keyed by (parent folder, folded segment), never as whole prefixes, so
 * registering a name costs time and memory linear in its length however deep it is.
 */
export class EntryNames {
  /** `fold` says when two segments name the same file; by default, NFC and lower case (what earlier versions checked). */
  constructor(private readonly fold: (segment: string) => string = foldSegment) {}

  /** `${parentId}/${folded segment}` → the folder's id and the first path that made it. */
  readonly #folders = new Map<string, { id: number; path: string; end: number }>();
  /** `${parentId}/${folded segment}` → the file's path. */
  readonly #files = new Map<string, string>();
  #nextId = 1;

  /** Registers a file path; returns the problem, or undefined. */
  addFile(path: string): string | undefined {
    const walk = this.#walkFolders(path, false);
    if (typeof walk === "string") return walk;
    const key = `${walk.parent}/${this.fold(walk.last)}`;
    const existing = this.#files.get(key);
    if (existing === path) return `duplicate entry ${JSON.stringify(path)}`;
    if (existing !== undefined)
      return `entries ${JSON.stringify(existing)} and ${JSON.stringify(path)} differ only in case or Unicode normalisation (they collide on Windows and macOS)`;
    const folder = this.#folders.get(key);
    if (folder !== undefined)
      return `${JSON.stringify(path)} is both a file and a folder (${JSON.stringify(`${folder.path.slice(0, folder.end)}/`)})`;
    this.#files.set(key, path);
    return undefined;
  }

  /** Registers every parent folder of `path` (and `path` itself when `includeSelf`). */
  addFolders(path: string, includeSelf = false): string | undefined {
    const walk = this.#walkFolders(path, includeSelf);
    return typeof walk === "string" ? walk : undefined;
  }

  /** Registers the folders along `path`; returns the innermost folder's id and the segment after it, or a problem. */
  #walkFolders(path: string, includeSelf: boolean): { parent: number; last: string } | string {
    let parent = 0;
    let start = 0;
    for (;;) {
      const slash = path.indexOf("/", start);
      const end = slash === -1 ? path.length : slash;
      const segment = path.slice(start, end);
      if (slash === -1 && !includeSelf) return { parent, last: segment };
      const key = `${parent}/${this.fold(segment)}`;
      const file = this.#files.get(key);
      if (file !== undefined) return `${JSON.stringify(file)} is both a file and a folder (${JSON.stringify(path)})`;
      let folder = this.#folders.get(key);
      if (folder === undefined) {
        folder = { id: this.#nextId++, path, end };
        this.#folders.set(key, folder);
      }
      parent = folder.id;
      if (slash === -1) return { parent, last: "" };
      start = slash + 1;
    }
  }
}

/** One path segment as file systems that ignore case compare it. */
export function foldSegment(segment: string): string {
  return segment.normalize("NFC").toLowerCase();
}
