import { fileURLToPath } from "node:url";
import { requireShipped } from "../launch/shipped-require.js";
import type * as Yaml from "yaml";
import { firstFileBeside } from "../module-files.js";

// The `yaml` library (115 KB) is loaded on its first use, not at start-up: most YAML in a plugin is plain block YAML
// that yaml-block.ts reads without it. The load must stay synchronous (a document's `doc` is a getter). The bins leave
// the library out of their chunks and ship it as vendor/yaml.cjs beside them (build-package.mjs), so their start-up
// does not even compile it; the library builds and the sources (tests) require it from node_modules.
let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= vendoredYaml() ?? (require("yaml") as typeof Yaml);
  return library;
}

/** dist/vendor/yaml.cjs, seen from a bin's entry in dist/ or its chunks in dist/chunks/. */
function vendoredYaml(): typeof Yaml | undefined {
  const file = firstFileBeside(import.meta.url, ["./vendor/yaml.cjs", "../vendor/yaml.cjs"]);
  return file ? (requireShipped(fileURLToPath(file)) as typeof Yaml) : undefined;
}

// The library's type guards, through the lazy load (core exports them, and they are called only on parsed nodes).
export function isMap<K = unknown, V = unknown>(node: unknown): node is Yaml.YAMLMap<K, V> {
  return yamlLibrary().isMap(node);
}

export function isSeq<T = unknown>(node: unknown): node is Yaml.YAMLSeq<T> {
  return yamlLibrary().isSeq(node);
}

export function isScalar<T = unknown>(node: unknown): node is Yaml.Scalar<T> {
  return yamlLibrary().isScalar(node);
}
