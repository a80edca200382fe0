/**
 * For policy tests: the fixture plugins of fixtures/policy packed into real archives with `pack`, signed by a key
 * the tests trust (or by another key, or not at all), and a policy written to a file.
 */
import { cpSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeTree } from "@agent-plugin/test-utils";
import { pack } from "../pack/index.js";
import { generateSigningKey } from "../signing/index.js";
import type { Policy } from "./types.js";

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/policy");

export type FixtureName = "notes" | "guard" | "scratch" | "github-reader" | "issue-linker";

export interface Keys {
  trusted: { privateKeyPem: string; keyId: string; publicKey: string };
  other: { privateKeyPem: string; keyId: string; publicKey: string };
}

export function testKeys(): Keys {
  return { trusted: generateSigningKey(), other: generateSigningKey() };
}

/** Copies fixture `name` into `work` (edited by `files` when given) and packs it into `<work>/dist-<tag>/`. */
export async function packFixture(
  work: string,
  name: FixtureName,
  options: { key?: { privateKeyPem: string }; tag?: string; files?: Record<string, string | object> } = {},
): Promise<string> {
  const tag = options.tag ?? (options.key === undefined ? "unsigned" : "signed");
  const dir = join(work, `src-${tag}`, name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  if (options.files !== undefined) writeTree(dir, options.files);
  const packed = await pack({
    cwd: work,
    dir,
    outDir: join(work, `dist-${tag}`),
    ...(options.key === undefined ? {} : { sign: "env:KEY", env: { KEY: options.key.privateKeyPem } }),
  });
  return packed.archive;
}

/** Writes `policy` to `<dir>/<name>` and returns its path. */
export function writePolicy(dir: string, policy: Policy | string, name = "team-policy.json"): string {
  const path = join(dir, name);
  writeTree(dir, { [name]: typeof policy === "string" ? policy : (policy as object) });
  return path;
}
