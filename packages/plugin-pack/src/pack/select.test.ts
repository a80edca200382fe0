import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { PackError } from "../errors.js";
import { selectFiles } from "./select.js";
import type { Selection } from "./types.js";

const MANIFEST = { ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "A demo plugin." } };

function plugin(files: Record<string, string | object | Uint8Array>): string {
  const root = tempDir();
  writeTree(root, { ...MANIFEST, ...files });
  return root;
}

function paths(selection: Selection): string[] {
  return selection.files.map((file) => file.path);
}

function reasonOf(selection: Selection, path: string): { included: boolean; reason: string } | undefined {
  const decision = selection.decisions.find((d) => d.path === path);
  return decision && { included: decision.included, reason: decision.reason };
}

function packError(run: () => unknown): PackError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return error as PackError;
  }
  throw new Error("expected a PackError");
}

describe("selectFiles: defaults", () => {
  it("keeps plugin content and leaves out secrets, junk, caches, lockfiles and VCS folders, each with its reason", () => {
    const root = plugin({
      "skills/demo/SKILL.md": "---\nname: demo\n---\n",
      "skills/coverage/SKILL.md": "a skill named coverage is content, not a cache",
      "README.md": "# demo",
      ".env": "TOKEN=secret",
      ".env.production": "TOKEN=secret",
      "logs/debug.log": "...",
      "npm-debug.log.123": "...",
      ".DS_Store": "x",
      "assets/._icon.png": "x",
      ".idea/workspace.xml": "<x/>",
      "notes.md~": "backup",
      ".git/config": "[core]",
      "node_modules/left-pad/index.js": "module.exports = 1;",
      "coverage/lcov.info": "TN:",
      "tsconfig.tsbuildinfo": "{}",
      "certs/server.key": "-----BEGIN PRIVATE KEY-----",
      id_ed25519: "key",
      ".npmrc": "//registry.npmjs.org/:_authToken=x",
      "pnpm-lock.yaml": "lockfileVersion: 9",
      SHA256SUMS: "abc  demo-1.0.0.zip",
    });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([
      ".codex-plugin/plugin.json",
      "README.md",
      "skills/coverage/SKILL.md",
      "skills/demo/SKILL.md",
    ]);
    expect(reasonOf(selection, "README.md")).toEqual({ included: true, reason: "kept" });
    expect(reasonOf(selection, ".env")).toEqual({
      included: false,
      reason: "default: .env (environment files usually hold secrets)",
    });
    expect(reasonOf(selection, ".env.production")?.reason).toBe(
      "default: .env.* (environment files usually hold secrets)",
    );
    expect(reasonOf(selection, "logs/debug.log")?.reason).toBe("default: *.log (log output, not plugin content)");
    expect(reasonOf(selection, "npm-debug.log.123")?.reason).toMatch(/^default: npm-debug\.log\* /);
    expect(reasonOf(selection, "assets/._icon.png")?.reason).toMatch(/^default: \._\* /);
    expect(reasonOf(selection, "notes.md~")?.reason).toMatch(/^default: \*~ /);
    expect(reasonOf(selection, "certs/server.key")?.reason).toBe(
      "default: *.key (private keys and certificates must never be published)",
    );
    expect(reasonOf(selection, "id_ed25519")?.reason).toMatch(/^default: id_ed25519\* /);
    expect(reasonOf(selection, ".npmrc")?.reason).toMatch(/registry tokens/);
    expect(reasonOf(selection, "pnpm-lock.yaml")?.reason).toMatch(/^default: pnpm-lock\.yaml /);
    expect(reasonOf(selection, "SHA256SUMS")?.reason).toMatch(/^default: SHA256SUMS /);
    expect(reasonOf(selection, "tsconfig.tsbuildinfo")?.reason).toMatch(/^default: \*\.tsbuildinfo /);
  });

  it("reports an excluded folder once, with a trailing slash, and never its files", () => {
    const root = plugin({
      ".git/config": "x",
      ".git/objects/ab/cdef": "x",
      "node_modules/a/index.js": "x",
      ".idea/x.xml": "x",
      "coverage/lcov.info": "x",
    });
    const selection = selectFiles(root);
    const excluded = selection.decisions.filter((d) => !d.included).map((d) => d.path);
    expect(excluded).toEqual([".git/", ".idea/", "coverage/", "node_modules/"]);
    expect(reasonOf(selection, "node_modules/")?.reason).toBe(
      "default: node_modules/ (dependencies are bundled into .plugin-pack/bundles, never shipped as a folder; .pluginignore cannot re-include it)",
    );
    expect(reasonOf(selection, ".idea/")?.reason).toBe("default: .idea/ (editor settings and swap files)");
  });

  it("returns sorted paths with / separators, absolute locations and sizes", () => {
    const root = plugin({ "b.txt": "bb", "a/z.txt": "z", "a.txt": "a" });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([".codex-plugin/plugin.json", "a.txt", "a/z.txt", "b.txt"]);
    expect(selection.root).toBe(root);
    expect(selection.files.find((f) => f.path === "a/z.txt")).toMatchObject({
      absolute: join(root, "a", "z.txt"),
      size: 1,
    });
    expect(selection.decisions.map((d) => d.path)).toEqual(paths(selection));
  });

  it("sorts by code point, as UTF-8 bytes do, where UTF-16 order differs (a name above U+FFFF)", () => {
    // U+FF5E sorts before U+1F600 by code point (and UTF-8 bytes), after it by UTF-16 unit (0xFF5E > 0xD83D).
    const root = plugin({
      "\u{1F600}.txt": "a",
      "\uFF5E.txt": "b",
      "z.txt": "c",
      "dir/\u{1F600}.md": "d",
      "dir/\uFF5E.md": "e",
    });
    const selection = selectFiles(root);
    const expected = [
      ".codex-plugin/plugin.json",
      "dir/\uFF5E.md",
      "dir/\u{1F600}.md",
      "z.txt",
      "\uFF5E.txt",
      "\u{1F600}.txt",
    ];
    expect(paths(selection)).toEqual(expected);
    expect(selection.decisions.map((d) => d.path)).toEqual(expected);
  });

  it("matches patterns regardless of letter case, like git on Windows and macOS", () => {
    const root = plugin({ "certs/SERVER.KEY": "x", ".ENV": "x", "Notes.PSD": "x", ".pluginignore": "*.psd\n" });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([".codex-plugin/plugin.json"]);
    expect(reasonOf(selection, "certs/SERVER.KEY")?.reason).toMatch(/^default: \*\.key /);
  });

  it("leaves out a zip written by plugin-pack but keeps any other zip", () => {
    const ours = zipSync({
      ".plugin-pack/manifest.json": new TextEncoder().encode("{}"),
      "README.md": new Uint8Array([1]),
    });
    const theirs = zipSync({ "template/index.html": new TextEncoder().encode("<html>") });
    const root = plugin({ "demo-0.9.0.zip": ours, "assets/template.zip": theirs });
    const selection = selectFiles(root);
    expect(reasonOf(selection, "demo-0.9.0.zip")?.reason).toBe(
      "default: *.zip (output of an earlier pack (it holds .plugin-pack/manifest.json))",
    );
    expect(reasonOf(selection, "assets/template.zip")).toEqual({ included: true, reason: "kept" });
  });
});

describe("selectFiles: .pluginignore", () => {
  it("excludes with gitignore rules and names the deciding line; `!` re-includes a default", () => {
    const root = plugin({
      ".pluginignore": "# drafts are not published\ndocs/drafts/\n*.psd\n\n!.env.example\n!keep.log\n",
      "docs/guide.md": "x",
      "docs/drafts/next.md": "x",
      "art/logo.psd": "x",
      ".env": "SECRET=1",
      ".env.example": "SECRET=",
      "keep.log": "x",
      "other.log": "x",
    });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([".codex-plugin/plugin.json", ".env.example", "docs/guide.md", "keep.log"]);
    expect(reasonOf(selection, "docs/drafts/")).toEqual({ included: false, reason: ".pluginignore:2: docs/drafts/" });
    expect(reasonOf(selection, "art/logo.psd")).toEqual({ included: false, reason: ".pluginignore:3: *.psd" });
    expect(reasonOf(selection, ".env.example")).toEqual({ included: true, reason: ".pluginignore:5: !.env.example" });
    expect(reasonOf(selection, "keep.log")).toEqual({ included: true, reason: ".pluginignore:6: !keep.log" });
    expect(reasonOf(selection, "other.log")?.reason).toBe("default: *.log (log output, not plugin content)");
    expect(reasonOf(selection, ".env")?.included).toBe(false);
    expect(reasonOf(selection, ".pluginignore")).toEqual({
      included: false,
      reason: "default: /.pluginignore (packing instructions, not plugin content)",
    });
  });

  it("follows git: the last matching line wins, and nothing inside an excluded folder comes back", () => {
    const root = plugin({
      ".pluginignore": "*.md\n!README.md\nREADME.md\nbuild/\n!build/keep.txt\n",
      "README.md": "x",
      "notes.md": "x",
      "build/keep.txt": "x",
    });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([".codex-plugin/plugin.json"]);
    expect(reasonOf(selection, "README.md")?.reason).toBe(".pluginignore:3: README.md");
    expect(reasonOf(selection, "build/")?.reason).toBe(".pluginignore:4: build/");
    expect(selection.decisions.some((d) => d.path === "build/keep.txt")).toBe(false);
  });

  it("lets a later line win whether it names a file by its name alone or by its path, at every depth", () => {
    const root = plugin({
      ".pluginignore": "docs/*.md\n!README.md\n/notes/\n*.txt\n!docs/keep.txt\nREADME.md/\n",
      "README.md": "x",
      "docs/README.md": "x",
      "docs/guide.md": "x",
      "docs/keep.txt": "x",
      "docs/other.txt": "x",
      "sub/docs/guide.md": "x",
      "sub/docs/keep.txt": "x",
      "notes/a.md": "x",
      "sub/notes/a.md": "x",
    });
    const selection = selectFiles(root);
    expect(selection.decisions.map((d) => [d.path, d.included, d.reason])).toEqual([
      [".codex-plugin/plugin.json", true, "kept"],
      [".pluginignore", false, "default: /.pluginignore (packing instructions, not plugin content)"],
      ["README.md", true, ".pluginignore:2: !README.md"],
      ["docs/README.md", true, ".pluginignore:2: !README.md"],
      ["docs/guide.md", false, ".pluginignore:1: docs/*.md"],
      ["docs/keep.txt", true, ".pluginignore:5: !docs/keep.txt"],
      ["docs/other.txt", false, ".pluginignore:4: *.txt"],
      ["notes/", false, ".pluginignore:3: /notes/"],
      ["sub/docs/guide.md", true, "kept"],
      ["sub/docs/keep.txt", false, ".pluginignore:4: *.txt"],
      ["sub/notes/a.md", true, "kept"],
    ]);
  });

  it("matches a line anchored to the root against top-level entries only, and a later line at any depth still wins", () => {
    const root = plugin({
      ".pluginignore": "/*.txt\n/build\n!/keep.txt\n/**/deep.md\n",
      "a.txt": "x",
      "keep.txt": "x",
      "sub/a.txt": "x",
      "build/x.md": "x",
      "sub/build/x.md": "x",
      "sub/deep.md": "x",
    });
    expect(selectFiles(root).decisions.map((d) => [d.path, d.included, d.reason])).toEqual([
      [".codex-plugin/plugin.json", true, "kept"],
      [".pluginignore", false, "default: /.pluginignore (packing instructions, not plugin content)"],
      ["a.txt", false, ".pluginignore:1: /*.txt"],
      ["build/", false, ".pluginignore:2: /build"],
      ["keep.txt", true, ".pluginignore:3: !/keep.txt"],
      ["sub/a.txt", true, "kept"],
      ["sub/build/x.md", true, "kept"],
      ["sub/deep.md", false, ".pluginignore:4: /**/deep.md"],
    ]);
  });

  it("brings one file back from a folder whose contents, not the folder, are left out", () => {
    const root = plugin({
      ".pluginignore": "docs/drafts/*\n!docs/drafts/keep.md\n",
      "docs/drafts/keep.md": "x",
      "docs/drafts/wip.md": "x",
    });
    const selection = selectFiles(root);
    expect(reasonOf(selection, "docs/drafts/keep.md")).toEqual({
      included: true,
      reason: ".pluginignore:2: !docs/drafts/keep.md",
    });
    expect(reasonOf(selection, "docs/drafts/wip.md")).toEqual({
      included: false,
      reason: ".pluginignore:1: docs/drafts/*",
    });
  });

  it("re-includes a default folder, and its files say which line brought them back", () => {
    const root = plugin({ ".pluginignore": "\n!/coverage/\n", "coverage/report/index.html": "x" });
    const selection = selectFiles(root);
    expect(reasonOf(selection, "coverage/report/index.html")).toEqual({
      included: true,
      reason: ".pluginignore:2: !/coverage/",
    });
  });

  it("cannot re-include node_modules or .git", () => {
    const root = plugin({
      ".pluginignore": "!node_modules/\n!node_modules/**\n!.git/\n!.git\n",
      "node_modules/dep/index.js": "x",
      ".git/HEAD": "ref: refs/heads/main",
    });
    const selection = selectFiles(root);
    expect(paths(selection)).toEqual([".codex-plugin/plugin.json"]);
    expect(reasonOf(selection, "node_modules/")?.reason).toMatch(/\.pluginignore cannot re-include it\)$/);
    expect(reasonOf(selection, ".git/")?.reason).toBe(
      "default: .git/ (version-control history and config, never plugin content; .pluginignore cannot re-include it)",
    );
  });

  it("reads CRLF files and ignores comments and blank lines when numbering", () => {
    const root = plugin({ ".pluginignore": "# one\r\n\r\nsecret.txt\r\n", "secret.txt": "x" });
    expect(reasonOf(selectFiles(root), "secret.txt")?.reason).toBe(".pluginignore:3: secret.txt");
  });
});

describe("selectFiles: options", () => {
  it("excludes the output folder when it lies inside the plugin, and only then", () => {
    const root = plugin({ "dist/demo-1.0.0.zip": "not a zip", "dist/SHA256SUMS": "x", "src/a.md": "x" });
    const inside = selectFiles(root, { outDir: join(root, "dist") });
    expect(paths(inside)).toEqual([".codex-plugin/plugin.json", "src/a.md"]);
    expect(reasonOf(inside, "dist/")?.reason).toBe(
      "default: /dist/ (the output folder, where archives are written; .pluginignore cannot re-include it)",
    );
    const outside = selectFiles(root, { outDir: join(tempDir(), "dist") });
    expect(paths(outside)).toContain("dist/demo-1.0.0.zip");
  });

  it("leaves out files a bundle consumed, unless a `!` line keeps them", () => {
    const root = plugin({ "server/index.ts": "x", "server/util.ts": "x", ".pluginignore": "!server/util.ts\n" });
    const reason = "bundled into .plugin-pack/bundles/demo.mjs";
    const exclude = new Map([
      ["server/index.ts", reason],
      ["server/util.ts", reason],
    ]);
    const selection = selectFiles(root, { exclude });
    expect(reasonOf(selection, "server/index.ts")).toEqual({ included: false, reason });
    expect(reasonOf(selection, "server/util.ts")).toEqual({
      included: true,
      reason: ".pluginignore:1: !server/util.ts",
    });
  });
});

describe("selectFiles: what an archive cannot hold", () => {
  const linkMessage = (path: string) =>
    `${path} is a symbolic link: archives hold regular files only; replace it with the file it points to`;

  it.each([
    ["inside the plugin", "docs/alias.md", "../README.md"],
    ["out of the plugin", "docs/passwd", "/etc/passwd"],
    ["dangling", "docs/missing.md", "./does-not-exist.md"],
    ["to a folder", "docs/skills", "../skills"],
  ])("refuses a symbolic link %s", (_, link, target) => {
    const root = plugin({ "README.md": "x", "skills/a/SKILL.md": "x" });
    mkdirSync(join(root, "docs"), { recursive: true });
    symlinkSync(target, join(root, link));
    const error = packError(() => selectFiles(root));
    expect(error.message).toBe(linkMessage(link));
    expect(error.file).toBe(join(root, link));
  });

  it("refuses a symbolic link loop", () => {
    const root = plugin({});
    symlinkSync("b", join(root, "a"));
    symlinkSync("a", join(root, "b"));
    expect(packError(() => selectFiles(root)).message).toBe(linkMessage("a"));
  });

  it("accepts links that are excluded anyway, but not when a `!` line brings them back", () => {
    const root = plugin({ "node_modules/.pnpm/x/index.js": "x", ".pluginignore": "alias.md\n" });
    symlinkSync(".pnpm/x", join(root, "node_modules/x"));
    symlinkSync("README.md", join(root, "alias.md"));
    symlinkSync(".env.real", join(root, ".env"));
    const selection = selectFiles(root);
    expect(reasonOf(selection, "alias.md")).toEqual({ included: false, reason: ".pluginignore:1: alias.md" });
    writeTree(root, { ".pluginignore": "alias.md\n!.env\n" });
    expect(packError(() => selectFiles(root)).message).toBe(linkMessage(".env"));
  });

  it.skipIf(process.platform === "win32")("refuses a FIFO", () => {
    const root = plugin({});
    execFileSync("mkfifo", [join(root, "pipe")]);
    expect(packError(() => selectFiles(root)).message).toMatch(
      /^pipe is not a regular file \(a FIFO, socket or device\)/,
    );
  });

  it("refuses paths that differ only in case, naming both", () => {
    const root = plugin({ "README.md": "a", "readme.md": "b" });
    expect(packError(() => selectFiles(root)).message).toBe(
      "README.md and readme.md differ only in letter case or Unicode normalisation: they cannot coexist on Windows or macOS; rename or remove one",
    );
  });

  it("refuses a file and a folder that differ only in case", () => {
    const root = plugin({ Docs: "a file", "docs/guide.md": "x" });
    expect(packError(() => selectFiles(root)).message).toMatch(/^Docs and docs\/ differ only in letter case/);
  });

  it("ignores case collisions with excluded files", () => {
    const root = plugin({ "src/Server.js": "a", "src/server.js": "b" });
    const selection = selectFiles(root, {
      exclude: new Map([["src/server.js", "bundled into .plugin-pack/bundles/s.mjs"]]),
    });
    expect(paths(selection)).toContain("src/Server.js");
  });
});

describe("selectFiles: modes", () => {
  it.skipIf(process.platform === "win32")("stores 0o755 when any execute bit is set, else 0o644", () => {
    const root = plugin({
      "bin/run.sh": "#!/bin/sh\n",
      "bin/owner-only.sh": "#!/bin/sh\n",
      "data/private.txt": "x",
      "data/plain.txt": "x",
    });
    chmodSync(join(root, "bin/run.sh"), 0o775);
    chmodSync(join(root, "bin/owner-only.sh"), 0o700);
    chmodSync(join(root, "data/private.txt"), 0o600);
    chmodSync(join(root, "data/plain.txt"), 0o664);
    const modes = Object.fromEntries(selectFiles(root).files.map((f) => [f.path, f.mode]));
    expect(modes).toMatchObject({
      "bin/run.sh": 0o755,
      "bin/owner-only.sh": 0o755,
      "data/private.txt": 0o644,
      "data/plain.txt": 0o644,
    });
  });
});
