import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

const cwd = dirname(fileURLToPath(import.meta.url));
// The published package carries its own copy of the repo's templates (git ignores it).
rmSync(join(cwd, "templates"), { recursive: true, force: true });
cpSync(join(cwd, "../../templates/plugin"), join(cwd, "templates"), { recursive: true });
await buildPackage({ cwd, libraries: ["src/index.ts"], bins: ["src/cli.ts"] });
