// A few thousand random mutations of a valid signed archive, from a fixed seed: verify never throws, never
// hangs, and never accepts an archive whose files differ from what was signed.
import { tempDir } from "@agent-plugin/test-utils";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildFileManifest,
  MANIFEST_PATH,
  readArchive,
  SIGNATURE_PATH,
  serializeFileManifest,
  timestampFromSeconds,
  writeZip,
} from "../archive/index.js";
import { generateSigningKey, loadSigningKey, loadTrust } from "./keys.js";
import { serializeSignatureFile, signManifest } from "./sign.js";
import { verifyArchive } from "./verify.js";

const MUTATIONS = 3000;

/** xorshift32: the same mutations on every run. */
function random(seed: number): (below: number) => number {
  let x = seed;
  return (below) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % below;
  };
}

describe("verify under random mutation [slow]", () => {
  it(`rejects or reproduces exactly the signed files, for ${MUTATIONS} mutations`, async () => {
    const work = tempDir();
    const timestamp = timestampFromSeconds(0);
    const text = (value: string): Uint8Array => new TextEncoder().encode(value);
    const files = [
      { path: ".codex-plugin/plugin.json", data: text('{"name": "demo", "version": "1.0.0"}\n'), mode: 0o644 as const },
      { path: "bin/run.sh", data: text("#!/bin/sh\necho run\n"), mode: 0o755 as const },
      {
        path: "skills/a/SKILL.md",
        data: text("---\nname: a\ndescription: Does a.\n---\nDo a.\n".repeat(20)),
        mode: 0o644 as const,
      },
    ];
    const manifest = serializeFileManifest(
      buildFileManifest({
        plugin: { name: "demo", version: "1.0.0" },
        toolchainVersion: "0.1.0",
        timestamp,
        files,
        bundles: [],
      }),
    );
    const key = loadSigningKey("env:KEY", { cwd: work, env: { KEY: generateSigningKey().privateKeyPem } });
    const signature = await signManifest(manifest, { kind: "key", key: key.key, publicKey: key.publicKey });
    const original = Buffer.from(
      writeZip(
        [
          ...files,
          { path: MANIFEST_PATH, data: manifest, mode: 0o644 },
          { path: SIGNATURE_PATH, data: serializeSignatureFile(signature), mode: 0o644 },
        ],
        { timestamp },
      ),
    );
    const trust = loadTrust([key.publicKey], { cwd: work });
    const path = join(work, "mutant.zip");
    writeFileSync(path, original);
    expect((await verifyArchive(path, { trust })).ok).toBe(true);
    const signed = (await readArchive(path)).entries.map(
      (entry) => `${entry.path}:${entry.mode}:${Buffer.from(entry.data).toString("hex")}`,
    );

    const next = random(20261206);
    let accepted = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const mutant = Buffer.from(original);
      let bytes: Buffer = mutant;
      const kind = next(4);
      if (kind === 0)
        for (let n = 1 + next(3); n > 0; n--) {
          const at = next(bytes.length);
          bytes[at] = bytes[at]! ^ (1 << next(8));
        }
      else if (kind === 1) bytes[next(bytes.length)] = next(256);
      else if (kind === 2) bytes = bytes.subarray(0, next(bytes.length));
      else {
        const at = next(bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([next(256)]), bytes.subarray(at)]);
      }
      writeFileSync(path, bytes);
      const report = await verifyArchive(path, { trust });
      expect(report.problems.length > 0).toBe(!report.ok);
      if (report.ok) {
        accepted++;
        // Only a mutation that leaves every file as signed (a deflate bit that changes nothing) may pass.
        const entries = (await readArchive(path)).entries.map(
          (entry) => `${entry.path}:${entry.mode}:${Buffer.from(entry.data).toString("hex")}`,
        );
        expect(entries).toEqual(signed);
      }
    }
    expect(accepted).toBeLessThan(MUTATIONS / 10);
  }, 300_000);
});
