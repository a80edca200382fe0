// Shared esbuild build for workspace packages: one ESM bundle per entry point.
// Libraries keep their npm dependencies external; CLI bins bundle everything so they start fast.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeThirdPartyNotices } from "./third-party-notices.mjs";

/** How every bundle is built: an ES module for Node 20 that can load CommonJS dependencies. */
const NODE_ESM_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Prefer ESM builds: some packages (jsonc-parser) ship a UMD "main" that bundlers cannot follow.
  mainFields: ["module", "main"],
  // ESM bundles of CommonJS dependencies need a real `require`. It is made on first use: createRequire costs several
  // milliseconds of every start-up, and most chunks never call it (`--version` calls it nowhere).
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; let __requireHere; const __requireFn = () => (__requireHere ??= __createRequire(import.meta.url)); function require(id) { return __requireFn()(id); } require.resolve = (id, options) => __requireFn().resolve(id, options);',
  },
};

/**
 * The CLI bundle's preamble: `import.meta.url` (made on first use), and the import() of external packages, which the
 * launcher passes in (see routeExternalImports); required the ordinary way (Node 22.1+), the bundle imports itself.
 */
const CLI_BANNER = [
  // First, or the bundle would not be strict: esbuild writes its own "use strict" after the banner.
  '"use strict";',
  'const __bundleMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
  'const __bundleImport = typeof __importExternal === "function" ? __importExternal : (specifier) => import(specifier);',
].join(" ");

/**
 * A bin's CLI: one CommonJS file, which the bin's launcher (core's launch/, built as dist/launch.cjs) compiles with a
 * V8 code cache on Node 20. ES modules cannot use one there, and a cache covers the whole file, so it is not split.
 * `import.meta.url` becomes the bundle's own URL, made on first use.
 */
const NODE_CJS_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  mainFields: ["module", "main"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  define: { "import.meta.url": "__bundleMeta.url" },
  banner: { js: CLI_BANNER },
};

const coreSchemas = fileURLToPath(new URL("../packages/core/src/schemas.ts", import.meta.url));
const coreValidators = fileURLToPath(new URL("../packages/core/src/generated/validators", import.meta.url));

/**
 * Core's schemas.ts reads each schema's validator from its own file on first use (core's build.mjs generates them):
 * a bundle that includes it gets the folder beside it, as `<dir>/validators` (where schemas.ts looks from dist/ and
 * from dist/chunks/).
 * @param {{ outputs: object }} metafile @param {string} cwd the build's working directory @param {string} dir
 */
function copyValidatorsIfBundled(metafile, cwd, dir) {
  if (!bundles(metafile, cwd, coreSchemas)) return;
  cpSync(coreValidators, join(dir, "validators"), { recursive: true });
}

const coreLaunch = fileURLToPath(new URL("../packages/core/src/launch/launch.ts", import.meta.url));

/**
 * The bin's CLI as dist/cli.cjs and its launcher as dist/launch.cjs. Returns the CLI's metafile, for the licence
 * notices and the files copied beside it.
 * @param {string} cwd @param {string} entry @param {string[]} external
 */
async function buildCli(cwd, entry, external) {
  const { metafile, outputFiles } = await build({
    ...NODE_CJS_BUNDLE,
    absWorkingDir: cwd,
    entryPoints: [entry],
    outfile: "dist/cli.cjs",
    conditions: ["source"],
    external,
    write: false,
  });
  mkdirSync(join(cwd, "dist"), { recursive: true });
  for (const output of outputFiles) writeFileSync(output.path, routeExternalImports(output.text, metafile));
  await build({
    ...NODE_CJS_BUNDLE,
    define: {},
    banner: {},
    absWorkingDir: cwd,
    entryPoints: [coreLaunch],
    outfile: "dist/launch.cjs",
    conditions: ["source"],
  });
  return metafile;
}

/**
 * The bundle's `import("pkg")` of each external package, as `__bundleImport("pkg")`. Node 20 loses a vm.Script's
 * import() callback when the script comes from a code cache ("A dynamic import callback was not specified"), so
 * the launcher hands the bundle an import function of its own module instead. Fails the build if any other
 * import() is left in the code.
 * @param {string} text @param {{ outputs: object }} metafile
 */
function routeExternalImports(text, metafile) {
  const external = new Set(
    Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.kind === "dynamic-import" && i.external).map((i) => i.path),
    ),
  );
  let routed = text;
  for (const specifier of external) {
    const quoted = JSON.stringify(specifier);
    routed = routed.replaceAll(`import(${quoted})`, `__bundleImport(${quoted})`);
  }
  const left = /\bimport\(.{0,60}/.exec(routed.replace(CLI_BANNER, ""));
  if (left) throw new Error(`a CLI bundle cannot call import() (build-package.mjs, routeExternalImports): ${left[0]}`);
  return routed;
}

const coreYamlLibrary = fileURLToPath(new URL("../packages/core/src/parse/yaml-library.ts", import.meta.url));

/** Whether esbuild put any code of `source` (an absolute path) into the build's output. */
function bundles(metafile, cwd, source) {
  return Object.values(metafile.outputs).some((output) =>
    Object.entries(output.inputs).some(
      ([input, { bytesInOutput }]) => bytesInOutput > 0 && resolve(cwd, input) === source,
    ),
  );
}

/**
 * The `yaml` library for a bin: left out of its chunks and built on its own as dist/vendor/yaml.cjs, which core's
 * yaml-library.ts requires on first use (most plugin YAML is read without it, and compiling its 115 KB took a bin's
 * start-up several milliseconds). Returns the build's metafile, for the licence notices.
 */
async function vendorYaml(cwd) {
  const entry = createRequire(coreYamlLibrary).resolve("yaml");
  const { metafile } = await build({
    entryPoints: [entry],
    absWorkingDir: cwd,
    outfile: "dist/vendor/yaml.cjs",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  return metafile;
}

/**
 * One entry point bundled from the workspace's sources into `outfile`, as a bin's chunks are: for tests that need a
 * worker thread's file without a build.
 * @param {{ entry: string, outfile: string }} options absolute paths
 */
export async function bundleEntry({ entry, outfile }) {
  const { metafile } = await build({
    ...NODE_ESM_BUNDLE,
    entryPoints: [entry],
    outfile,
    conditions: ["source"],
    logLevel: "error",
    metafile: true,
  });
  copyValidatorsIfBundled(metafile, process.cwd(), dirname(outfile));
}

/**
 * @param {{ cwd: string, libraries?: string[], cli?: string, bins?: string[], binExternal?: string[] }} options
 * `libraries`, `cli` and `bins` are entry points relative to the package, e.g. "src/index.ts". `cli` is the bin's
 * command line (dist/cli.cjs); `bins` are other self-contained entries (worker threads' files).
 */
export async function buildPackage({ cwd, libraries = [], cli, bins = [], binExternal = [] }) {
  const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  rmSync(join(cwd, "dist"), { recursive: true, force: true, maxRetries: 3 });
  const common = {
    ...NODE_ESM_BUNDLE,
    absWorkingDir: cwd,
    outdir: "dist",
    outbase: "src",
    logLevel: "warning",
    // Licences of bundled code go to dist/THIRD_PARTY_NOTICES.md, from the metafiles.
    legalComments: "none",
    metafile: true,
  };
  const metafiles = [];
  if (libraries.length > 0) {
    metafiles.push((await build({ ...common, entryPoints: libraries, external })).metafile);
  }
  // Bins bundle workspace packages from their sources ("source" export condition), so each dependency is included
  // once, and are minified: parsing the bundle is the largest part of a cold start.
  const binMetafiles = [];
  if (bins.length > 0) {
    // Split into chunks, so an entry that imports its code lazily compiles only that code at start-up.
    const result = await build({
      ...common,
      entryPoints: bins,
      conditions: ["source"],
      minify: true,
      external: [...binExternal, "yaml"],
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
    });
    binMetafiles.push(result.metafile);
  }
  if (cli) binMetafiles.push(await buildCli(cwd, cli, [...binExternal, "yaml"]));
  if (binMetafiles.some((metafile) => bundles(metafile, cwd, coreYamlLibrary)))
    binMetafiles.push(await vendorYaml(cwd));
  metafiles.push(...binMetafiles);
  for (const metafile of metafiles) copyValidatorsIfBundled(metafile, cwd, join(cwd, "dist"));
  writeThirdPartyNotices({ cwd, packageName: pkg.name, metafiles });
}
