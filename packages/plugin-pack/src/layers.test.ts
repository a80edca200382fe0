// plugin-pack's source is layered by capability: every import in src/ runs down the layers, and reaches another
// folder only through its index.ts, the folder's public surface.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Lowest first. The root modules of the first layer are shared by every layer; index.ts at the root is the
 * package's library API. A folder on a layer may import from the layers below it, never from one beside it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["errors.ts", "version.ts", "text-table.ts"],
  ["lock-file.ts"],
  ["archive"],
  ["bundle"],
  ["signing"],
  ["pack"],
  ["report"],
  ["audit"],
  ["policy"],
  ["npm"],
  ["install", "release", "convert", "try"],
  ["lifecycle"],
  ["cli"],
  ["index.ts"],
];

const src = dirname(fileURLToPath(import.meta.url));

/** A test, or a helper only tests import: it may use a higher layer to check what its module did. */
const isTestModule = (path: string) => /(^|\/)(test-[^/]*|[^/]*\.test)\.ts$/.test(path);

/** The folder or root module a path (relative to src/, with `/`) belongs to. */
const unitOf = (path: string) => path.split("/")[0]!;

function layerOf(unit: string): number {
  const layer = LAYERS.findIndex((units) => units.includes(unit));
  if (layer === -1) throw new Error(`${unit} is on no layer: add it to LAYERS in layers.test.ts`);
  return layer;
}

/** Every relative import, export-from and dynamic import of a module, as the file it names (relative to src/). */
function importsOf(path: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((file) => file.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => posix.join(posix.dirname(path), specifier).replace(/\.js$/, ".ts"));
}

/** What breaks the layering in a set of modules (path relative to src/ → source text), one line each. */
function layerViolations(modules: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, text] of modules) {
    const unit = unitOf(path);
    for (const target of importsOf(path, text)) {
      const targetUnit = unitOf(target);
      // The package's own package.json (its version) is data, not a module of another package.
      if (target === "../package.json") continue;
      if (target.startsWith("../")) problems.push(`${path} imports ${target}, outside src/`);
      else if (targetUnit === unit) continue;
      else if (target.includes("/") && target !== `${targetUnit}/index.ts`)
        problems.push(`${path} reaches into ${target}: import ${targetUnit}/index.ts instead`);
      else if (!isTestModule(path) && layerOf(targetUnit) >= layerOf(unit))
        problems.push(
          `${path} imports ${target} from ${layerOf(targetUnit) > layerOf(unit) ? "a higher" : "the same"} layer`,
        );
    }
  }
  return problems;
}

function sourceModules(): Map<string, string> {
  const modules = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) modules.set(relative(src, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(src);
  return modules;
}

describe("plugin-pack's layers", () => {
  it("places every folder and root module of src/ on a layer", () => {
    const units = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory() || !isTestModule(name));
    expect(units.sort()).toEqual(LAYERS.flat().sort());
  });

  it("has every import run down the layers, into another folder only through its index.ts", () => {
    const modules = sourceModules();
    expect(modules.size).toBeGreaterThan(50);
    expect(layerViolations(modules)).toEqual([]);
  });

  it("reports an import from a higher layer, from beside, and one that reaches into a folder", () => {
    const modules = new Map([
      ["archive/zip-read.ts", 'import { pack } from "../pack/index.js";\nimport { PackError } from "../errors.js";'],
      ["install/unpack.ts", 'const { release } = await import("../release/index.js");'],
      [
        "report/inspect.ts",
        'import type { Selection } from "../pack/types.js";\nimport { x } from "./capabilities.js";',
      ],
      ["report/inspect.test.ts", 'import { runCli } from "../cli/index.js";\nimport { y } from "../cli/run-cli.js";'],
      ["cli/run-cli.ts", 'import { z } from "../../core/src/index.js";'],
    ]);
    expect(layerViolations(modules)).toEqual([
      "archive/zip-read.ts imports pack/index.ts from a higher layer",
      "install/unpack.ts imports release/index.ts from the same layer",
      "report/inspect.ts reaches into pack/types.ts: import pack/index.ts instead",
      "report/inspect.test.ts reaches into cli/run-cli.ts: import cli/index.ts instead",
      "cli/run-cli.ts imports ../core/src/index.ts, outside src/",
    ]);
  });
});
