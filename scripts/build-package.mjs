// Shared esbuild build for workspace packages: one ESM bundle per entry point, and a bin's command line as CommonJS
// chunks (build-cli.mjs). Libraries keep their npm dependencies external; bins bundle everything so they start fast.
import { build } from "esbuild";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCli } from "./build-cli.mjs";
import { NODE_BUNDLE } from "./esbuild-node.mjs";
import { writeThirdPartyNotices } from "./third-party-notices.mjs";

/** How every bundle is built: an ES module for Node 20 that can load CommonJS dependencies. */
const NODE_ESM_BUNDLE = {
  ...NODE_BUNDLE,
  format: "esm",
  // ESM bundles of CommonJS dependencies need a real `require`. It is made on first use: createRequire costs several
  // milliseconds of every start-up, and most chunks never call it (`--version` calls it nowhere).
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; let __requireHere; const __requireFn = () => (__requireHere ??= __createRequire(import.meta.url)); function require(id) { return __requireFn()(id); } require.resolve = (id, options) => __requireFn().resolve(id, options);',
  },
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
  if (cli) binMetafiles.push(await buildCli({ cwd, entry: cli, external: [...binExternal, "yaml"] }));
  if (binMetafiles.some((metafile) => bundles(metafile, cwd, coreYamlLibrary)))
    binMetafiles.push(await vendorYaml(cwd));
  metafiles.push(...binMetafiles);
  for (const metafile of metafiles) copyValidatorsIfBundled(metafile, cwd, join(cwd, "dist"));
  writeThirdPartyNotices({ cwd, packageName: pkg.name, metafiles });
}
