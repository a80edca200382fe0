import { findNodeAtLocation, type Node } from "jsonc-parser";
import type { Node as YamlNode, Pair } from "yaml";
import type { JsonDocument } from "./parse/json.js";
import type { YamlDocument } from "./parse/yaml.js";
import { isMap, isScalar, isSeq } from "./parse/yaml-library.js";

export type PointerSegment = string | number;
export type SourceDocument = JsonDocument | YamlDocument;

export interface Located {
  offset: number;
  length: number;
  /** False when the exact node was missing and an ancestor is reported instead. */
  exact: boolean;
}

/** Splits a JSON pointer ("/a/0/b") into segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * The text range of the value (or of its property key) at `path`. When the path does not exist,
 * the nearest existing ancestor's key is returned, so a missing property is reported where its object is named.
 */
export function locate(
  document: SourceDocument,
  path: readonly PointerSegment[],
  part: "key" | "value" = "value",
): Located {
  return document.kind === "json" ? locateJson(document, path, part) : locateYaml(document, path, part);
}

function locateJson(document: JsonDocument, path: readonly PointerSegment[], part: "key" | "value"): Located {
  const root = document.root;
  if (!root) return { offset: 0, length: 0, exact: false };
  for (let depth = path.length; depth >= 0; depth--) {
    const segments = normaliseJsonPath(root, path.slice(0, depth));
    const node = segments ? findNodeAtLocation(root, segments) : undefined;
    if (!node) continue;
    const exact = depth === path.length;
    const wantKey = (part === "key" && exact) || !exact;
    const property = node.parent?.type === "property" ? node.parent : undefined;
    const keyNode = property?.children?.[0];
    if (wantKey && keyNode) return { offset: keyNode.offset, length: keyNode.length, exact };
    return { offset: node.offset, length: exact ? node.length : 1, exact };
  }
  return { offset: root.offset, length: 1, exact: false };
}

/** Array indices may arrive as strings from ajv's instancePath. */
function normaliseJsonPath(root: Node, path: readonly PointerSegment[]): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === "array") {
      const index = typeof segment === "number" ? segment : Number(segment);
      out.push(index);
      node = node.children?.[index];
    } else {
      out.push(String(segment));
      node = findNodeAtLocation(node, [String(segment)]);
    }
  }
  return out;
}

function locateYaml(document: YamlDocument, path: readonly PointerSegment[], part: "key" | "value"): Located {
  const base = document.offset;
  let node: unknown = document.doc.contents;
  let lastKey: YamlNode | undefined;
  let lastFound: { offset: number; length: number } | undefined;
  const rangeOf = (n: unknown) => {
    const range = (n as YamlNode | undefined)?.range;
    return range ? { offset: base + range[0], length: Math.max(1, range[1] - range[0]) } : undefined;
  };
  lastFound = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    let next: unknown;
    let key: YamlNode | undefined;
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find(
        (item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment),
      );
      next = pair?.value;
      key = pair?.key as YamlNode | undefined;
      if (pair && !next) next = pair.key;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
    }
    if (next === undefined || next === null) {
      const anchor = rangeOf(lastKey) ?? lastFound ?? { offset: base, length: 1 };
      return { ...anchor, exact: false };
    }
    node = next;
    lastKey = key;
    lastFound = rangeOf(next) ?? lastFound;
  }
  if (part === "key" && lastKey) {
    const range = rangeOf(lastKey);
    if (range) return { ...range, exact: true };
  }
  const range = rangeOf(node) ?? lastFound ?? { offset: base, length: 1 };
  return { ...range, exact: true };
}
