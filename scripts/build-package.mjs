// Shared esbuild build for workspace packages: one ESM bundle per entry point.
// Libraries keep their npm dependencies external; CLI bins bundle everything so they start fast.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeThirdPartyNotices } from "./third-party-notices.mjs";

/**
 * @param {{ cwd: string, libraries?: string[], bins?: string[], binExternal?: string[], script?: string, scriptExternal?: string[] }} options
 * `libraries` and `bins` are entry points relative to the package, e.g. "src/index.ts". `script` is the bin's CLI
 * (an entry of `bins`, written as dist/cli.js), also bundled as one CommonJS script, dist/cli.cjs, which the bin runs
 * on Node 20 through dist/start.js with a V8 code cache (core's src/cli/script-cache.ts); `scriptExternal` lists
 * packages it imports lazily from node_modules on top of `binExternal`, such as a large data module.
 */
export async function buildPackage({ cwd, libraries = [], bins = [], binExternal = [], script, scriptExternal = [] }) {
  const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  rmSync(join(cwd, "dist"), { recursive: true, force: true, maxRetries: 3 });
  const common = {
    absWorkingDir: cwd,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: "dist",
    outbase: "src",
    logLevel: "warning",
    // Licences of bundled code go to dist/THIRD_PARTY_NOTICES.md, from the metafiles.
    legalComments: "none",
    metafile: true,
    // Prefer ESM builds: some packages (jsonc-parser) ship a UMD "main" that bundlers cannot follow.
    mainFields: ["module", "main"],
    // ESM bundles of CommonJS dependencies need a real `require`. It is made on first use: createRequire costs several
    // milliseconds of every start-up, and most chunks never call it (`--version` calls it nowhere).
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; let __requireHere; const __requireFn = () => (__requireHere ??= __createRequire(import.meta.url)); function require(id) { return __requireFn()(id); } require.resolve = (id, options) => __requireFn().resolve(id, options);',
    },
  };
  const metafiles = [];
  if (libraries.length > 0) {
    metafiles.push((await build({ ...common, entryPoints: libraries, external })).metafile);
  }
  if (bins.length > 0) {
    // Bins bundle workspace packages from their sources ("source" export condition), so each dependency is included
    // once, and are minified: parsing the bundle is the largest part of a cold start.
    // Split into chunks, so a command that imports its code lazily compiles only that code at start-up.
    const result = await build({
      ...common,
      entryPoints: bins,
      conditions: ["source"],
      minify: true,
      external: binExternal,
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
    });
    metafiles.push(result.metafile);
  }
  if (script)
    metafiles.push(
      ...(await buildScript({ common, cwd, entry: script, external: [...binExternal, ...scriptExternal] })),
    );
  writeThirdPartyNotices({ cwd, packageName: pkg.name, metafiles });
}

const scriptCache = join(dirname(fileURLToPath(import.meta.url)), "../packages/core/src/cli/script-cache.ts");

/**
 * dist/cli.cjs: the CLI as one script (a code cache covers one script, not a graph of ES modules), its first line the
 * SHA-256 of the rest, which names its cache; and dist/start.js, which loads it. Code the CLI imports lazily is still
 * run only when imported; compiling it costs a cold start only (a warm one reads it from the cache).
 */
async function buildScript({ common, cwd, entry, external }) {
  const cli = await build({
    ...common,
    entryPoints: [entry],
    outdir: undefined,
    outfile: "dist/cli.cjs",
    format: "cjs",
    conditions: ["source"],
    minify: true,
    external,
    write: false,
    // A script has no import.meta: the loader passes its URL (a banner would come before "use strict").
    define: { "import.meta.url": "__importMetaUrl" },
    banner: undefined,
  });
  const text = withExternalImports(cli.outputFiles[0].text, external);
  const hash = createHash("sha256").update(text).digest("hex");
  writeFileSync(join(cwd, "dist/cli.cjs"), `// agent-plugin-script sha256:${hash}\n${text}`);
  const start = await build({
    ...common,
    entryPoints: { start: scriptCache },
    outbase: undefined,
    banner: undefined,
    minify: true,
  });
  return [cli.metafile, start.metafile];
}

/**
 * The script's import() of an external package becomes the loader's `__importExternal()` (Node's ESM loader, from
 * dist/). Any other import() in the output would be text this cannot tell from code: the build stops instead.
 */
function withExternalImports(text, external) {
  const calls = /(?<![\w$.])import\(("[^"]*")?/g;
  return text.replace(calls, (_call, literal) => {
    const specifier = literal === undefined ? undefined : JSON.parse(literal);
    if (!external.some((name) => specifier === name || specifier?.startsWith(`${name}/`)))
      throw new Error(
        `dist/cli.cjs: an import() of ${literal ?? "a computed specifier"} that is not an external package`,
      );
    return `__importExternal(${literal}`;
  });
}
