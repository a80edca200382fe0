// manifest/asset: the interface's icons, logos and screenshots are images whose bytes match their extension.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { describePath, isRecord, type PluginModel } from "@agent-plugin/core";
import type { RuleContext } from "../../rule.js";
import { fieldName, type Manifest, type StringAt } from "./value.js";
import { checkPath } from "../path/check.js";

interface ImageKind {
  name: string;
  /** How many leading bytes identify it. */
  headBytes: number;
  matches(head: Buffer): boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString("latin1");

const jpeg: ImageKind = {
  name: "JPEG",
  headBytes: 3,
  matches: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
};
const IMAGE_KINDS: Readonly<Record<string, ImageKind>> = {
  ".png": { name: "PNG", headBytes: 8, matches: (head) => head.subarray(0, 8).equals(PNG_SIGNATURE) },
  ".jpg": jpeg,
  ".jpeg": jpeg,
  ".gif": { name: "GIF", headBytes: 6, matches: (head) => ["GIF87a", "GIF89a"].includes(ascii(head, 0, 6)) },
  ".webp": {
    name: "WebP",
    headBytes: 12,
    matches: (head) => ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP",
  },
  // SVG is text: look for the root element in the first 4 KiB.
  ".svg": { name: "SVG", headBytes: 4096, matches: (head) => head.toString("utf8").toLowerCase().includes("<svg") },
};

const ASSET_FIELDS = ["composerIcon", "logo", "logoDark"] as const;

/** The first `count` bytes of a regular file, or undefined when it cannot be read. */
function readHead(path: string, count: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO cannot hang the read; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(count);
    const read = readSync(fd, buffer, 0, count, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function imageProblem(path: string): string | undefined {
  const extension = extname(path).toLowerCase();
  const kind = IMAGE_KINDS[extension];
  if (!kind) return `is not a PNG, JPEG, GIF, WebP or SVG file, so Codex cannot display it: use one of those formats`;
  const head = readHead(path, kind.headBytes);
  if (!head) return "cannot be read";
  if (!kind.matches(head))
    return `is not a ${kind.name} image (its bytes do not match the ${extension} extension), so Codex cannot display it: re-export it or fix the extension`;
  return undefined;
}

function assetPaths(manifest: Manifest): StringAt[] {
  const ui = manifest.value.interface;
  if (!isRecord(ui)) return [];
  const found: StringAt[] = [];
  for (const field of ASSET_FIELDS) {
    const text = ui[field];
    if (typeof text === "string") found.push({ text, path: ["interface", field] });
  }
  if (Array.isArray(ui.screenshots)) {
    ui.screenshots.forEach((text, index) => {
      if (typeof text === "string") found.push({ text, path: ["interface", "screenshots", index] });
    });
  }
  return found;
}

export function checkAssets(plugin: PluginModel, manifest: Manifest, context: RuleContext): void {
  // Assets are part of Codex's `interface`; Claude Code has none (the field is unknown there).
  if (plugin.host.id !== "codex") return;
  for (const asset of assetPaths(manifest)) {
    const options = {
      root: plugin.root,
      expect: "file" as const,
      what: fieldName(asset.path),
      consequence: "Codex drops invalid asset paths",
    };
    const resolution = checkPath(context, manifest, asset.path, asset.text, options);
    if (!resolution.ok) continue;
    // The written name decides the type the app expects; reading through it follows any link.
    const problem = imageProblem(resolution.absolute);
    if (!problem) continue;
    context.report({
      ruleId: "manifest/asset",
      message: `${describePath(asset.path)} ${JSON.stringify(asset.text)} ${problem}`,
      file: manifest.path,
      at: { doc: manifest.doc, path: asset.path },
    });
  }
}
