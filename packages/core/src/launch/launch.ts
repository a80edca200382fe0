/**
 * What a bin runs (bundled on its own as each package's dist/launch.cjs): its CLI bundle, dist/cli.cjs, loaded with
 * the code cache, then `runMain`, then the cache written when this run made one worth keeping.
 */
import { loadBundle } from "./code-cache.js";

interface CliBundle {
  runCli(argv: readonly string[]): Promise<number>;
  runMain(tool: string, runCli: (argv: readonly string[]) => Promise<number>): Promise<void>;
}

const HELP_OR_VERSION = new Set(["--help", "-h", "--version", "-v"]);

/**
 * Whether a run's bytecode is worth keeping: a run that did its work (exit 0, or 1 for findings). A `--help` or
 * `--version` run, or one stopped by a usage error, calls little of the chunks it loads; entries made from it would
 * leave the next real run compiling most of that code from source, and an entry once written is kept as it is.
 */
export function worthCaching(argv: readonly string[], exitCode: number | string | undefined): boolean {
  if (exitCode !== undefined && exitCode !== 0 && exitCode !== 1) return false;
  return !argv.some((arg) => HELP_OR_VERSION.has(arg));
}

/** Runs the bin's CLI bundle. A bundle that cannot be loaded is a broken install: one line and exit 2, no stack. */
export async function launch(bundle: string, tool: string): Promise<void> {
  let loaded: ReturnType<typeof loadBundle<CliBundle>>;
  try {
    loaded = loadBundle<CliBundle>(bundle, { name: tool });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${tool}: cannot load ${bundle}: ${message}\nReinstall ${tool}.\n`);
    process.exitCode = 2;
    return;
  }
  await loaded.exports.runMain(tool, loaded.exports.runCli);
  if (worthCaching(process.argv.slice(2), process.exitCode)) loaded.saveCache();
}
