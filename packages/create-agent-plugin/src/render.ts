import Handlebars from "handlebars";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** A file to write, relative to the plugin root, with POSIX separators. */
export interface GeneratedFile {
  path: string;
  data: string | Uint8Array;
  mode: number;
}

const TEMPLATE_SUFFIX = ".hbs";

// One isolated Handlebars environment, so the helpers never leak into other users of the library.
const handlebars = Handlebars.create();
/** `{{json value}}`: a JSON literal, for values inside JSON files. */
handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
/** `{{yaml value}}`: a YAML scalar, double-quoted (JSON string syntax is valid YAML) unless it is plainly safe. */
handlebars.registerHelper("yaml", (value: unknown) => {
  const text = String(value);
  return /^[A-Za-z][A-Za-z0-9 ,.'()/-]*$/.test(text) && !/ $/.test(text) ? text : JSON.stringify(text);
});

/**
 * `{{pad text width}}`: the text and at least one space, up to `width` characters, so that the comments after commands
 * of different lengths line up.
 */
handlebars.registerHelper("pad", (value: unknown, width: unknown) => {
  const text = String(value);
  return text.padEnd(Math.max(Number(width), text.length + 1));
});

/**
 * Renders one template folder into `outDir` (a path prefix inside the plugin). Only `.hbs` files are
 * rendered (strict: a missing value throws), and lose the suffix; every other file is copied byte for byte,
 * so skill text with `{{` in it survives. A leading `_` in a file or folder name becomes `.`, because npm drops
 * or renames dotfiles such as `.gitignore` when it publishes the templates.
 */
export function renderTemplateDir(templateDir: string, outDir: string, context: object): GeneratedFile[] {
  return walk(templateDir, "").map((relative) => {
    const source = join(templateDir, relative);
    const executable =
      (statSync(source).mode & 0o111) !== 0 ||
      relative.endsWith(".sh") ||
      relative.endsWith(".sh.hbs") ||
      isGitHook(relative);
    const mode = executable ? 0o755 : 0o644;
    const target = outputPath(relative);
    const path = outDir === "" ? target : `${outDir}/${target}`;
    if (!relative.endsWith(TEMPLATE_SUFFIX)) return { path, data: readFileSync(source), mode };
    const template = handlebars.compile(readFileSync(source, "utf8"), { strict: true, noEscape: true });
    return { path, data: template(context), mode };
  });
}

/** `_gitignore` -> `.gitignore`, `_github/workflows/ci.yml.hbs` -> `.github/workflows/ci.yml`: a leading `_` of any file or folder name. */
export function outputPath(relative: string): string {
  const parts = relative.split("/");
  const last = parts.length - 1;
  if (parts[last]!.endsWith(TEMPLATE_SUFFIX)) parts[last] = parts[last]!.slice(0, -TEMPLATE_SUFFIX.length);
  return parts.map((part) => (part.startsWith("_") ? `.${part.slice(1)}` : part)).join("/");
}

/** A git hook (`_githooks/pre-commit`, or `pre-commit.hbs` rendered): executable whatever mode the published package gave it. */
function isGitHook(relative: string): boolean {
  const rendered = relative.endsWith(TEMPLATE_SUFFIX) ? relative.slice(0, -TEMPLATE_SUFFIX.length) : relative;
  const [folder, file, ...rest] = rendered.split("/");
  return folder === "_githooks" && file !== undefined && rest.length === 0 && !file.includes(".");
}

/** Every file under `dir`, sorted, as POSIX paths relative to it. */
function walk(dir: string, prefix: string): string[] {
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return entries.flatMap((entry) => {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? walk(dir, relative) : [relative];
  });
}
