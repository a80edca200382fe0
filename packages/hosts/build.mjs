import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

await buildPackage({ cwd: dirname(fileURLToPath(import.meta.url)), libraries: ["src/index.ts"] });
