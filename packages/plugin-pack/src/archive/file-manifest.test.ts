/** The signed file list: built from inputs, serialised canonically, parsed strictly. */
import { describe, expect, it } from "vitest";
import {
  buildFileManifest,
  isCanonicalTimestamp,
  parseFileManifest,
  serializeFileManifest,
  TOOLCHAIN_NAME,
} from "./file-manifest.js";
import type { ArchiveInput, FileManifest } from "./types.js";
import { timestampFromSeconds } from "./zip-write.js";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

const inputs: ArchiveInput[] = [
  { path: "skills/a/SKILL.md", data: text("# a\n"), mode: 0o644 },
  { path: ".codex-plugin/plugin.json", data: text("{}\n"), mode: 0o644 },
  { path: "bin/run.sh", data: text(""), mode: 0o755 },
];

function build(): FileManifest {
  return buildFileManifest({
    plugin: { name: "demo", version: "1.2.3" },
    toolchainVersion: "0.1.0",
    timestamp: timestampFromSeconds(0),
    files: inputs,
    bundles: [
      { server: "zeta", entry: "servers/z.ts", output: ".plugin-pack/bundles/zeta.mjs" },
      { server: "alpha", entry: "servers/a.ts", output: ".plugin-pack/bundles/alpha.mjs" },
    ],
  });
}

describe("buildFileManifest and serializeFileManifest", () => {
  it("lists every file once, sorted bytewise, with size, SHA-256 and mode, in canonical JSON", () => {
    expect(decode(serializeFileManifest(build()))).toBe(`{
  "formatVersion": 1,
  "plugin": {
    "name": "demo",
    "version": "1.2.3"
  },
  "toolchain": {
    "name": "${TOOLCHAIN_NAME}",
    "version": "0.1.0"
  },
  "timestamp": "1980-01-01T00:00:00Z",
  "files": [
    {
      "path": ".codex-plugin/plugin.json",
      "size": 3,
      "sha256": "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356",
      "mode": 420
    },
    {
      "path": "bin/run.sh",
      "size": 0,
      "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "mode": 493
    },
    {
      "path": "skills/a/SKILL.md",
      "size": 4,
      "sha256": "fd99dedae7c3f7532f8a65d60f811a05dc9dc3e1c5936b0c554c98aafdad8c10",
      "mode": 420
    }
  ],
  "bundles": [
    {
      "server": "alpha",
      "entry": "servers/a.ts",
      "output": ".plugin-pack/bundles/alpha.mjs"
    },
    {
      "server": "zeta",
      "entry": "servers/z.ts",
      "output": ".plugin-pack/bundles/zeta.mjs"
    }
  ]
}
`);
  });

  it("writes keys in the fixed order whatever order the object has", () => {
    const manifest = build();
    const shuffled = {
      bundles: manifest.bundles,
      files: manifest.files.map((f) => ({ mode: f.mode, sha256: f.sha256, size: f.size, path: f.path })),
      timestamp: manifest.timestamp,
      toolchain: manifest.toolchain,
      plugin: { version: "1.2.3", name: "demo" },
      formatVersion: 1,
    } as FileManifest;
    expect(decode(serializeFileManifest(shuffled))).toBe(decode(serializeFileManifest(manifest)));
  });

  it("refuses to list the manifest or signature, or a path twice", () => {
    const base = {
      plugin: { name: "d", version: "1" },
      toolchainVersion: "0",
      timestamp: timestampFromSeconds(0),
      bundles: [],
    };
    expect(() =>
      buildFileManifest({ ...base, files: [{ path: ".plugin-pack/manifest.json", data: text(""), mode: 0o644 }] }),
    ).toThrow(".plugin-pack/manifest.json is written by plugin-pack itself and cannot be packed from the plugin");
    expect(() => buildFileManifest({ ...base, files: [inputs[0]!, inputs[0]!] })).toThrow(
      "skills/a/SKILL.md is listed twice",
    );
  });
});

describe("parseFileManifest", () => {
  it("reads back what serializeFileManifest writes", () => {
    const manifest = build();
    expect(parseFileManifest(serializeFileManifest(manifest), "a.zip")).toEqual(manifest);
  });

  const edit = (
    change: (
      m: Record<string, unknown> & { files: Record<string, unknown>[]; plugin: Record<string, unknown> },
    ) => void,
  ): Uint8Array => {
    const value = JSON.parse(decode(serializeFileManifest(build())));
    change(value);
    return text(JSON.stringify(value));
  };

  it.each<[string, Uint8Array, string]>([
    ["not JSON", text("{"), "is not valid UTF-8 JSON ("],
    [
      "not UTF-8",
      Uint8Array.from([0x7b, 0xff, 0x7d]),
      "is not valid UTF-8 JSON (The encoded data was not valid for encoding utf-8)",
    ],
    ["an array", text("[]"), "must be an object"],
    ["an unknown field", edit((m) => (m.signedBy = "me")), "signedBy is not a known field"],
    ["a missing field", edit((m) => delete (m as Record<string, unknown>).bundles), "bundles is missing"],
    [
      "another format version",
      edit((m) => (m.formatVersion = 2)),
      "formatVersion is 2; this plugin-pack reads format 1",
    ],
    ["an empty plugin name", edit((m) => (m.plugin.name = " ")), "plugin.name must not be empty"],
    [
      "a bad timestamp",
      edit((m) => (m.timestamp = "1980-01-01T00:00:01Z")),
      'timestamp must be a DOS-range UTC time in even seconds like "1980-01-01T00:00:00Z", not "1980-01-01T00:00:01Z"',
    ],
    ["files not an array", edit((m) => (m.files = {} as never)), "files must be an array"],
    ["an extra file field", edit((m) => (m.files[1]!.owner = "root")), "files[1].owner is not a known field"],
    [
      "an uppercase hash",
      edit((m) => (m.files[0]!.sha256 = String(m.files[0]!.sha256).toUpperCase())),
      "files[0].sha256 must be 64 lowercase hex characters",
    ],
    ["a fractional size", edit((m) => (m.files[2]!.size = 1.5)), "files[2].size must be a whole number of bytes"],
    ["mode 0777", edit((m) => (m.files[0]!.mode = 0o777)), "files[0].mode must be 420 (0644) or 493 (0755), not 511"],
    [
      "an unsafe path",
      edit((m) => (m.files[0]!.path = "../x")),
      `files[0].path "../x" is not a safe relative path ('..' path segment (escapes the folder))`,
    ],
    [
      "the manifest itself",
      edit((m) => (m.files[0]!.path = ".plugin-pack/manifest.json")),
      "files[0].path must not list .plugin-pack/manifest.json itself",
    ],
    [
      "unsorted files",
      edit((m) => m.files.reverse()),
      'files[1].path "bin/run.sh" is out of order or repeated (files are sorted bytewise by path)',
    ],
    [
      "a repeated file",
      edit((m) => (m.files[1] = m.files[0]!)),
      'files[1].path ".codex-plugin/plugin.json" is out of order or repeated (files are sorted bytewise by path)',
    ],
    [
      "a bundle field of the wrong type",
      edit((m) => ((m.bundles as Record<string, unknown>[])[0]!.server = 1)),
      "bundles[0].server must be a string",
    ],
  ])("refuses %s, naming the JSON path", (_, bytes, message) => {
    expect(() => parseFileManifest(bytes, "dist/a.zip")).toThrow(`dist/a.zip: .plugin-pack/manifest.json: ${message}`);
  });
});

describe("isCanonicalTimestamp", () => {
  it("accepts exactly what archiveTimestamp writes", () => {
    expect(isCanonicalTimestamp("2024-03-10T02:30:00Z")).toBe(true);
    for (const bad of [
      "2024-03-10T02:30:00.000Z",
      "2024-03-10T02:30:01Z",
      "1979-12-31T23:59:58Z",
      "2108-01-01T00:00:00Z",
      "2024-02-30T00:00:00Z",
      "2024-03-10 02:30:00Z",
    ]) {
      expect(isCanonicalTimestamp(bad), bad).toBe(false);
    }
  });
});
