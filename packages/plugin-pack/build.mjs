import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

// esbuild stays external even in the bin: it ships a native binary per platform.
// The compression worker is its own entry point (dist/compress-worker.js): a worker thread starts from a file.
await buildPackage({
  cwd: dirname(fileURLToPath(import.meta.url)),
  libraries: ["src/index.ts"],
  bins: ["src/cli.ts", "src/compress-worker.ts"],
  binExternal: ["esbuild"],
});
