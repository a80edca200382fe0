import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

// esbuild stays external even in the bin: it ships a native binary per platform; toml-edit-js too: it loads its
// WebAssembly file from beside its own module.
// The bin's command line (src/cli/) is written as dist/cli.cjs, which bin/plugin-pack.cjs loads; the compression
// worker is its own entry point, dist/compress-worker.js (a worker thread starts from a file), where
// archive/compress-pool.ts looks for it from dist/index.js and from the bin's chunks in dist/chunks/.
await buildPackage({
  cwd: dirname(fileURLToPath(import.meta.url)),
  libraries: ["src/index.ts"],
  cli: "src/cli/index.ts",
  bins: [{ in: "src/archive/compress-worker.ts", out: "compress-worker" }],
  // The TOML editor (WebAssembly) and the Sigstore libraries stay external too: @sigstore/verify ships no licence file to bundle with it, and only
  // verify and install of npm: packages load them.
  binExternal: [
    "esbuild",
    "@rainbowatcher/toml-edit-js",
    "@sigstore/bundle",
    "@sigstore/protobuf-specs",
    "@sigstore/verify",
    // The o200k token encoding is 2.7 MB of JavaScript, which only `inspect`'s context budget loads: loaded from
    // node_modules by Node, so the code cache file (read whole by every run) does not carry its bytecode.
    "gpt-tokenizer",
  ],
});
