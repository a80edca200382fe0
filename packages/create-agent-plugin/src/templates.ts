import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateError } from "./errors.js";

/**
 * The template folder: the repo's `templates/plugin` when running from the repo (so template edits need no
 * rebuild), else the `templates/` copy the published package ships.
 */
export function templatesDir(): string {
  const root = packageRoot();
  for (const candidate of [join(root, "../../templates/plugin"), join(root, "templates")]) {
    if (existsSync(join(candidate, "base"))) return candidate;
  }
  throw new CreateError(`cannot find the plugin templates next to ${root}; reinstall create-agent-plugin`);
}

/** Walks up from this module (src/ in the repo, dist/ or a dist chunk once built) to the package's own folder. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "create-agent-plugin"
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new CreateError("cannot find the create-agent-plugin package folder");
    dir = parent;
  }
}
