import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "../../scripts/build-package.mjs";

const cwd = dirname(fileURLToPath(import.meta.url));
// The published package carries its own copy of the repo's templates (git ignores it).
rmSync(join(cwd, "templates"), { recursive: true, force: true });
cpSync(join(cwd, "../../templates/plugin"), join(cwd, "templates"), { recursive: true });
// The package has no runtime dependencies: `npm create agent-plugin` installs one package and nothing else.
// The bin's command line (dist/cli.cjs, loaded by bin/create-agent-plugin.cjs) and the library entry
// (dist/index.js) are both self-contained bundles: handlebars, jsonc-parser, @clack/prompts and the workspace
// packages, from their sources.
await buildPackage({ cwd, cli: "src/cli.ts", bins: ["src/index.ts"] });
