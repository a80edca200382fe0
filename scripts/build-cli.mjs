// A bin's command line: CommonJS chunks that the bin's launcher (core's src/launch/, built beside them as
// dist/launch.cjs) compiles with a V8 code cache on Node 20, where ES modules cannot use one.
//
// esbuild splits only ES modules, and a command should compile only the code it runs: so the CLI is bundled as ESM
// chunks first (dist/cli.cjs and dist/chunks/*.cjs), then each chunk is turned into CommonJS on its own. The launcher
// runs every chunk through the cache, each with an entry of its own, so a run reads only the bytecode of the chunks
// it loads.
import { build, transform } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_BUNDLE } from "./esbuild-node.mjs";

/**
 * Each chunk's preamble: `import.meta.url` (made on first use), and the import() of external packages, which the
 * launcher passes in (see routeExternalImports); required the ordinary way (Node 22.1+), a chunk imports itself.
 */
const CHUNK_BANNER = [
  // First, or the chunk would not be strict: esbuild writes its own "use strict" after the banner.
  '"use strict";',
  'const __bundleMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
  'const __bundleImport = typeof __importExternal === "function" ? __importExternal : (specifier) => import(specifier);',
].join(" ");

const coreLaunch = fileURLToPath(new URL("../packages/core/src/launch/launch.ts", import.meta.url));

/**
 * Builds `entry` as dist/cli.cjs with its chunks in dist/chunks/, and the launcher as dist/launch.cjs. Returns the
 * CLI's metafile, for the licence notices and the files copied beside it.
 * @param {{ cwd: string, entry: string, external: string[] }} options
 */
export async function buildCli({ cwd, entry, external }) {
  const { metafile, outputFiles } = await build({
    ...NODE_BUNDLE,
    entryPoints: [{ in: entry, out: "cli" }],
    absWorkingDir: cwd,
    outdir: "dist",
    outExtension: { ".js": ".cjs" },
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    format: "esm",
    conditions: ["source"],
    external,
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    write: false,
  });
  const externalImports = externalDynamicImports(metafile);
  for (const output of outputFiles) {
    const routed = routeExternalImports(output.text, externalImports);
    const { code } = await transform(routed, {
      format: "cjs",
      loader: "js",
      target: "node20",
      minify: true,
      // A chunk's import() of another chunk becomes a require, which the launcher answers from its cache.
      supported: { "dynamic-import": false },
      define: { "import.meta.url": "__bundleMeta.url" },
      banner: CHUNK_BANNER,
      sourcefile: output.path,
    });
    const left = /\bimport\(.{0,60}/.exec(code.replace(CHUNK_BANNER, ""));
    if (left) throw new Error(`${output.path}: a CLI chunk cannot call import() (scripts/build-cli.mjs): ${left[0]}`);
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(output.path, code);
  }
  await build({
    ...NODE_BUNDLE,
    entryPoints: [coreLaunch],
    absWorkingDir: cwd,
    outfile: "dist/launch.cjs",
    format: "cjs",
    conditions: ["source"],
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  return metafile;
}

/** The packages the chunks import() but leave external. */
function externalDynamicImports(metafile) {
  return new Set(
    Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.kind === "dynamic-import" && i.external).map((i) => i.path),
    ),
  );
}

/**
 * A chunk's `import("pkg")` of each external package, as `__bundleImport("pkg")`. Node 20 loses a vm.Script's
 * import() callback when the script comes from a code cache ("A dynamic import callback was not specified"), so the
 * launcher hands each chunk an import function of its own module instead.
 * @param {string} text @param {Set<string>} external
 */
function routeExternalImports(text, external) {
  let routed = text;
  for (const specifier of external) {
    const quoted = JSON.stringify(specifier);
    routed = routed.replaceAll(`import(${quoted})`, `__bundleImport(${quoted})`);
  }
  return routed;
}
