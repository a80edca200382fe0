import type * as Yaml from "yaml";

// The `yaml` library (115 KB) is loaded on its first use, not at start-up: most YAML in a plugin is plain block YAML
// that yaml-block.ts reads without it. The load must stay synchronous (a document's `doc` is a getter), so it is a
// `require` call: esbuild bundles the library behind it into the bins and runs it only when called; the library
// builds keep it external, and their banner's `require` (build-package.mjs) loads it from node_modules.
let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= require("yaml") as typeof Yaml;
  return library;
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
