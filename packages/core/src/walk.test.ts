import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { chmodSync, mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_WALK_DEPTH, walk, walkedKinds, type WalkResult } from "./walk.js";

const linkSummary = (result: WalkResult) =>
  [...result.links]
    .map(({ relative, problem }) => ({ relative, problem }))
    .sort((a, b) => (a.relative < b.relative ? -1 : 1));

describe("walk", () => {
  it("lists every file once, sorted by relative path, with sizes and modes", () => {
    const root = realpathSync(tempDir());
    // Written out of order, so a sorted result is not an accident of creation order.
    writeTree(root, {
      "z.md": "z",
      "skills/b/SKILL.md": "bb",
      "skills/a/SKILL.md": "a",
      "a-file.txt": "",
      "skills/a/agents/openai.yaml": "x: 1\n",
      ".codex-plugin/plugin.json": "{}",
    });
    chmodSync(join(root, "z.md"), 0o755);
    const result = walk(root);
    expect(result.files.map((f) => f.relative)).toEqual([
      ".codex-plugin/plugin.json",
      "a-file.txt",
      "skills/a/SKILL.md",
      "skills/a/agents/openai.yaml",
      "skills/b/SKILL.md",
      "z.md",
    ]);
    const skillB = result.files.find((f) => f.relative === "skills/b/SKILL.md")!;
    expect(skillB).toMatchObject({ absolute: join(root, "skills/b/SKILL.md"), size: 2 });
    expect(result.files.find((f) => f.relative === "z.md")!.mode & 0o777).toBe(0o755);
    expect([...result.directories].sort()).toEqual([
      ".codex-plugin",
      "skills",
      "skills/a",
      "skills/a/agents",
      "skills/b",
    ]);
    expect(result.links).toEqual([]);
    expect(result.unreadable).toEqual([]);
    expect(result.truncated).toBeUndefined();
  });

  it("gives the same relative and absolute paths however the root is written", () => {
    const root = realpathSync(tempDir());
    writeTree(root, { "a/b/c.md": "c", "a-b.md": "", "a/z.md": "" });
    const expected = walk(root);
    expect(expected.files.map((f) => [f.relative, f.absolute])).toEqual([
      ["a-b.md", join(root, "a-b.md")],
      ["a/b/c.md", join(root, "a/b/c.md")],
      ["a/z.md", join(root, "a/z.md")],
    ]);
    expect(expected.directories).toEqual(["a", "a/b"]);
    for (const written of [`${root}/`, `${root}/a/..`]) expect(walk(written)).toEqual(expected);
  });

  it("gives the same result on every run", () => {
    const root = realpathSync(tempDir());
    writeTree(root, { "b/1": "", "a/2": "", "c/d/3": "" });
    symlinkSync("a", join(root, "la"));
    symlinkSync("../b", join(root, "c/lb"));
    expect(walk(root)).toEqual(walk(root));
  });

  it("skips node_modules, .git and friends entirely", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      "node_modules/dep/index.js": "",
      ".git/HEAD": "ref",
      "skills/x/node_modules/y.js": "",
      ".turbo/log": "",
      "kept.md": "",
      "not_node_modules/z.md": "",
    });
    const result = walk(root);
    expect(result.files.map((f) => f.relative)).toEqual(["kept.md", "not_node_modules/z.md"]);
    expect([...result.directories].sort()).toEqual(["not_node_modules", "skills", "skills/x"]);
  });

  it("reports links instead of following them: loop, outside, inside, dangling", () => {
    const base = realpathSync(tempDir());
    const root = join(base, "plugin");
    writeTree(base, { "outside/secret.md": "s", "outside/dir/deep.md": "d" });
    writeTree(root, { "README.md": "r", "skills/x/SKILL.md": "s" });
    symlinkSync("b", join(root, "a"));
    symlinkSync("a", join(root, "b"));
    symlinkSync(join(base, "outside/secret.md"), join(root, "out.md"));
    symlinkSync("../../outside/dir", join(root, "skills/outdir"));
    symlinkSync("README.md", join(root, "in.md"));
    symlinkSync("missing.md", join(root, "dangling.md"));
    const result = walk(root);
    expect(linkSummary(result)).toEqual([
      { relative: "a", problem: "loop" },
      { relative: "b", problem: "loop" },
      { relative: "dangling.md", problem: "dangling" },
      { relative: "in.md", problem: "inside" },
      { relative: "out.md", problem: "outside" },
      { relative: "skills/outdir", problem: "outside" },
    ]);
    expect(result.links.find((l) => l.relative === "out.md")).toMatchObject({
      absolute: join(root, "out.md"),
      target: join(base, "outside/secret.md"),
    });
    // Nothing behind a link is listed.
    expect(result.files.map((f) => f.relative)).toEqual(["README.md", "skills/x/SKILL.md"]);
  });

  it("does not hang on a folder link back to its parent (dir/self -> ..)", () => {
    const root = realpathSync(tempDir());
    writeTree(root, { "dir/file.md": "" });
    symlinkSync("..", join(root, "dir/self"));
    symlinkSync(".", join(root, "here"));
    const result = walk(root);
    expect(linkSummary(result)).toEqual([
      { relative: "dir/self", problem: "inside" },
      { relative: "here", problem: "inside" },
    ]);
    expect(result.files.map((f) => f.relative)).toEqual(["dir/file.md"]);
  });

  it(`stops at a folder depth of ${MAX_WALK_DEPTH} and says so`, () => {
    const root = realpathSync(tempDir());
    const deep = join(root, ...Array.from({ length: MAX_WALK_DEPTH + 3 }, (_, i) => `d${i}`));
    mkdirSync(deep, { recursive: true });
    writeTree(deep, { "bottom.md": "" });
    const result = walk(root);
    expect(result.truncated).toMatch(new RegExp(`folder depth ${MAX_WALK_DEPTH}`));
    expect(result.files).toEqual([]);
  });

  it("lists a FIFO, socket or device somewhere (it must not vanish silently: a FIFO named SKILL.md is a problem to report)", async () => {
    const root = realpathSync(tempDir());
    writeTree(root, { "skills/x/README.md": "" });
    await execa("mkfifo", [join(root, "skills/x/SKILL.md")]);
    const result = walk(root);
    // Whichever list it lands in (files, unreadable, or a new one), the walk must mention it.
    expect(JSON.stringify(result)).toContain('"skills/x/SKILL.md"');
  });

  it("answers what is at a path from the walk, and leaves to the disk what it did not see", () => {
    const root = realpathSync(tempDir());
    writeTree(root, {
      ".codex-plugin/plugin.json": "{}",
      "skills/a/SKILL.md": "a",
      "node_modules/x/index.js": "",
      "real/inside.md": "",
    });
    symlinkSync(join(root, "real"), join(root, "linked"));
    const kindOf = walkedKinds(walk(root));
    expect(kindOf(".codex-plugin/plugin.json")).toBe("file");
    expect(kindOf("skills")).toBe("directory");
    expect(kindOf("skills/a")).toBe("directory");
    // Nothing there, and every folder on the way was listed.
    expect(kindOf(".mcp.json")).toBe("missing");
    expect(kindOf("skills/a/agents/openai.yaml")).toBe("missing");
    expect(kindOf("skills/a/SKILL.md/x")).toBe("missing");
    // Through a link or a skipped folder, only the disk can say.
    expect(kindOf("linked")).toBeUndefined();
    expect(kindOf("linked/inside.md")).toBeUndefined();
    expect(kindOf("node_modules/x/index.js")).toBeUndefined();
    expect(kindOf("../elsewhere")).toBeUndefined();
  });

  it("knows nothing of a walk cut short", () => {
    const root = realpathSync(tempDir());
    mkdirSync(join(root, ...Array.from({ length: MAX_WALK_DEPTH + 2 }, (_, i) => `d${i}`)), { recursive: true });
    writeTree(root, { "a.md": "" });
    const kindOf = walkedKinds(walk(root));
    expect(kindOf("a.md")).toBeUndefined();
    expect(kindOf("b.md")).toBeUndefined();
  });
});
