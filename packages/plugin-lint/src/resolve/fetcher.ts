// How `--resolve` gets an npm source's package: the fetcher is injected, so tests can serve packages from a folder
// while the CLI runs `npm pack` as Codex does.

/** An npm marketplace source, as the entry names it. */
export interface NpmSource {
  package: string;
  /** A range, version or dist-tag; none means the `latest` tag. */
  version?: string;
  registry?: string;
}

export interface FetchRequest {
  source: NpmSource;
  /** An empty folder the fetcher may write into; removed by the caller. */
  dest: string;
  /** The folder npm runs in, so that a project's .npmrc applies (the marketplace root). */
  cwd: string;
  timeoutMs: number;
}

export type FetchOutcome =
  /** `dir` is the package's root (npm's `package/` folder); `archiveBytes` the size of the tarball. */
  | { kind: "fetched"; dir: string; version: string; archiveBytes: number }
  /** The package exists, but no version satisfies the range or tag. */
  | { kind: "no-version"; versions: readonly string[] }
  | { kind: "not-found" }
  /** No answer within the timeout. */
  | { kind: "timed-out" }
  /** Anything else: npm's own words. */
  | { kind: "failed"; detail: string };

export type NpmFetcher = (request: FetchRequest) => Promise<FetchOutcome>;

/** `@acme/demo@^1.0.0`, as npm takes it. */
export function packageSpec(source: NpmSource): string {
  return source.version === undefined ? source.package : `${source.package}@${source.version.trim()}`;
}
