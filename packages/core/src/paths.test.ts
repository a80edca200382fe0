import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isInside, resolvePluginPath, toPosixRelative, type PathResolution } from "./paths.js";

/** A plugin root (realpath'd, so expectations do not depend on /tmp being a link) with a sibling folder outside it. */
function setup(): { root: string; outside: string } {
  const base = realpathSync(tempDir());
  const root = join(base, "plugin");
  const outside = join(base, "outside");
  writeTree(root, { "skills/x/SKILL.md": "---\ndescription: x\n---\n", "README.md": "readme", "..notes/a.md": "a" });
  writeTree(outside, { "secret.md": "s", "dir/file.md": "f" });
  return { root, outside };
}

function problem(result: PathResolution): string {
  return result.ok ? "ok" : result.problem;
}

describe("resolvePluginPath", () => {
  it("accepts ./x and reports what it resolved to", () => {
    const { root } = setup();
    expect(resolvePluginPath("./skills", { root })).toEqual({
      ok: true,
      absolute: join(root, "skills"),
      real: join(root, "skills"),
      isDirectory: true,
      viaSymlink: false,
    });
    expect(resolvePluginPath("./README.md", { root })).toMatchObject({ ok: true, isDirectory: false });
    expect(resolvePluginPath("./skills/x/", { root })).toMatchObject({ ok: true, absolute: join(root, "skills/x") });
  });

  it("requires ./ by default and explains it", () => {
    const { root } = setup();
    const result = resolvePluginPath("skills", { root });
    expect(result).toMatchObject({
      ok: false,
      problem: "not-relative",
      message: expect.stringContaining('"skills" must start with "./"'),
    });
    expect(resolvePluginPath("skills", { root, requireDotSlash: false })).toMatchObject({ ok: true });
  });

  it("rejects absolute, drive-letter and home paths as not-relative", () => {
    const { root } = setup();
    for (const raw of [join(root, "skills"), "/etc/passwd", "C:\\x", "c:/x", "~/skills"]) {
      expect({ raw, problem: problem(resolvePluginPath(raw, { root })) }).toEqual({ raw, problem: "not-relative" });
    }
  });

  it("rejects any .. segment as dot-dot, even one that would land back inside the root", () => {
    const { root } = setup();
    for (const raw of ["./../outside", "./skills/../README.md", "./skills/..", "./skills\\..\\README.md"]) {
      expect({ raw, problem: problem(resolvePluginPath(raw, { root })) }).toEqual({ raw, problem: "dot-dot" });
    }
    expect(problem(resolvePluginPath("../outside", { root, requireDotSlash: false }))).toBe("dot-dot");
    // With ./ required (Codex checks the prefix first), "../x" fails the prefix check.
    expect(problem(resolvePluginPath("../outside", { root }))).toBe("not-relative");
  });

  it("does not take a name that merely starts with two dots for ..", () => {
    const { root } = setup();
    expect(resolvePluginPath("./..notes/a.md", { root })).toMatchObject({ ok: true, real: join(root, "..notes/a.md") });
  });

  it('reports "./" (the root itself) as empty unless allowRoot', () => {
    const { root } = setup();
    expect(resolvePluginPath("./", { root })).toMatchObject({ ok: false, problem: "empty" });
    expect(resolvePluginPath("./.", { root })).toMatchObject({ ok: false, problem: "empty" });
    expect(resolvePluginPath("./", { root, allowRoot: true })).toMatchObject({ ok: true, isDirectory: true });
  });

  it("reports a symbolic link out of the root as escapes-root, naming the real target", () => {
    const { root, outside } = setup();
    symlinkSync(join(outside, "secret.md"), join(root, "link.md"));
    symlinkSync("../outside/dir", join(root, "linkdir"));
    const file = resolvePluginPath("./link.md", { root });
    expect(file).toMatchObject({ ok: false, problem: "escapes-root", absolute: join(root, "link.md") });
    if (!file.ok) expect(file.message).toContain(join(outside, "secret.md"));
    // A path through a linked folder escapes too.
    expect(problem(resolvePluginPath("./linkdir/file.md", { root }))).toBe("escapes-root");
  });

  it("accepts a symbolic link that stays inside the root, and says it went through one", () => {
    const { root } = setup();
    symlinkSync("README.md", join(root, "inner-link.md"));
    expect(resolvePluginPath("./inner-link.md", { root })).toMatchObject({
      ok: true,
      viaSymlink: true,
      real: join(root, "README.md"),
    });
  });

  it("does not treat a sibling folder whose name extends the root's as inside", () => {
    const { root } = setup();
    writeTree(`${root}-evil`, { "x.md": "x" });
    symlinkSync(`${root}-evil/x.md`, join(root, "evil.md"));
    expect(problem(resolvePluginPath("./evil.md", { root }))).toBe("escapes-root");
  });

  it("reports a dangling link and a missing path as not-found, with different messages", () => {
    const { root } = setup();
    symlinkSync("nowhere.md", join(root, "dangling.md"));
    expect(resolvePluginPath("./dangling.md", { root })).toMatchObject({
      ok: false,
      problem: "not-found",
      message: expect.stringMatching(/^"\.\/dangling\.md" is a symbolic link to something that does not exist/),
    });
    expect(resolvePluginPath("./missing", { root })).toMatchObject({
      ok: false,
      problem: "not-found",
      message: expect.stringMatching(/^"\.\/missing" does not exist/),
    });
  });

  it("reports a symbolic link loop", () => {
    const { root } = setup();
    symlinkSync("b", join(root, "a"));
    symlinkSync("a", join(root, "b"));
    expect(problem(resolvePluginPath("./a", { root }))).toBe("symlink-loop");
  });

  it("checks the expected kind", () => {
    const { root } = setup();
    expect(resolvePluginPath("./skills", { root, expect: "file" })).toMatchObject({
      ok: false,
      problem: "wrong-kind",
      message: expect.stringContaining("is a folder, expected a file"),
    });
    expect(resolvePluginPath("./README.md", { root, expect: "directory" })).toMatchObject({
      ok: false,
      problem: "wrong-kind",
    });
    expect(resolvePluginPath("./README.md", { root, expect: "file" })).toMatchObject({ ok: true });
  });

  it("resolves from another folder but still bounds the result by the root", () => {
    const { root } = setup();
    mkdirSync(join(root, "hooks"));
    writeTree(root, { "hooks/run.sh": "#!/bin/sh\n" });
    expect(resolvePluginPath("./run.sh", { root, from: join(root, "hooks") })).toMatchObject({
      ok: true,
      real: join(root, "hooks/run.sh"),
    });
  });
});

describe("isInside and toPosixRelative", () => {
  it("isInside: the root itself and its children are inside; parents and prefix-siblings are not", () => {
    expect(isInside("/r/plugin", "/r/plugin")).toBe(true);
    expect(isInside("/r/plugin", "/r/plugin/a/b")).toBe(true);
    expect(isInside("/r/plugin", "/r")).toBe(false);
    expect(isInside("/r/plugin", "/r/plugin-evil/a")).toBe(false);
    expect(isInside("/r/plugin", "/elsewhere")).toBe(false);
  });

  it("isInside: a child whose name starts with two dots is inside", () => {
    expect(isInside("/r/plugin", "/r/plugin/..notes")).toBe(true);
    expect(isInside("/r/plugin", "/r/plugin/..notes/a.md")).toBe(true);
  });

  it("toPosixRelative gives /-separated paths", () => {
    expect(toPosixRelative("/r/plugin", "/r/plugin/skills/x/SKILL.md")).toBe("skills/x/SKILL.md");
    expect(toPosixRelative("/r/plugin", "/r/plugin")).toBe("");
  });
});
