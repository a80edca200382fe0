import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

// The bin's command line is dist/cli.cjs, which bin/plugin-lint.cjs loads. The lint worker is an entry point of its
// own, dist/lint-worker.js (a worker thread starts from a file), where lint-pool.ts looks for it from dist/index.js
// and from the bin's chunks in dist/chunks/.
await buildPackage({
  cwd: dirname(fileURLToPath(import.meta.url)),
  libraries: ["src/index.ts"],
  cli: "src/cli.ts",
  bins: [{ in: "src/lint-worker.ts", out: "lint-worker" }],
});
