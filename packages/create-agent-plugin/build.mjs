import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

const cwd = dirname(fileURLToPath(import.meta.url));
// The published package carries its own copy of the repo's templates (git ignores it).
rmSync(join(cwd, "templates"), { recursive: true, force: true });
cpSync(join(cwd, "../../templates/plugin"), join(cwd, "templates"), { recursive: true });
// The package has no runtime dependencies: `npm create agent-plugin` installs one package and nothing else.
// The bin and the library entry are both self-contained bundles (handlebars, jsonc-parser, @clack/prompts and
// the workspace packages, from their sources), built together so they share their code in dist/chunks/
// rather than each carrying a copy. The prompt library stays in its own lazily loaded chunk.
await buildPackage({ cwd, bins: ["src/cli.ts", "src/index.ts"] });
