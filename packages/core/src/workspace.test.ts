import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "./cli/errors.js";
import { findWorkspaceRoot, readWorkspaceDeclaration, workspaceIncludes, WorkspaceFileError } from "./workspace.js";

/** A temporary repository: its `.git` folder ends every search, whatever lies above the temporary folder. */
function repo(files: Record<string, string | object>): string {
  const root = realpathSync(tempDir());
  mkdirSync(join(root, ".git"));
  writeTree(root, files);
  return root;
}

describe("readWorkspaceDeclaration", () => {
  it("reads pnpm-workspace.yaml before package.json, and both forms of package.json workspaces", () => {
    const both = repo({
      "pnpm-workspace.yaml": "packages:\n  - plugins/*\n  - '!plugins/old'\n",
      "package.json": { workspaces: ["other/*"] },
    });
    expect(readWorkspaceDeclaration(both)).toEqual({
      patterns: ["plugins/*", "!plugins/old"],
      file: join(both, "pnpm-workspace.yaml"),
    });
    const list = repo({ "package.json": { workspaces: ["plugins/*"] } });
    expect(readWorkspaceDeclaration(list)).toEqual({ patterns: ["plugins/*"], file: join(list, "package.json") });
    const yarn = repo({ "package.json": { workspaces: { packages: ["plugins/*", 7], nohoist: ["**/x"] } } });
    expect(readWorkspaceDeclaration(yarn)?.patterns).toEqual(["plugins/*"]);
    // A settings-only pnpm-workspace.yaml still marks pnpm's root, with no packages.
    const settings = repo({ "pnpm-workspace.yaml": "onlyBuiltDependencies:\n  - esbuild\n" });
    expect(readWorkspaceDeclaration(settings)?.patterns).toEqual([]);
  });

  it("finds no declaration in a package.json without workspaces, an unreadable one, or none; uses a given package.json", () => {
    expect(readWorkspaceDeclaration(repo({ "package.json": { name: "x" } }))).toBeUndefined();
    expect(readWorkspaceDeclaration(repo({ "package.json": "{ not json" }))).toBeUndefined();
    expect(readWorkspaceDeclaration(repo({ "package.json": { workspaces: "plugins/*" } }))).toBeUndefined();
    expect(readWorkspaceDeclaration(repo({}))).toBeUndefined();
    const root = repo({ "package.json": { name: "x" } });
    expect(readWorkspaceDeclaration(root, { workspaces: ["a/*"] })?.patterns).toEqual(["a/*"]);
  });

  it("throws a WorkspaceFileError naming a pnpm-workspace.yaml that is not YAML", () => {
    const root = repo({ "pnpm-workspace.yaml": "packages: [plugins/*\n" });
    expect(() => readWorkspaceDeclaration(root)).toThrow(WorkspaceFileError);
    expect(() => readWorkspaceDeclaration(root)).toThrow(/pnpm-workspace\.yaml is not valid YAML \(/);
  });

  it("is a ToolError whose one line says what to do, so tools report it as it is (exit 2)", () => {
    const root = repo({ "pnpm-workspace.yaml": "packages: [plugins/*\n" });
    let error: unknown;
    try {
      readWorkspaceDeclaration(root);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ exitCode: 2, file: join(root, "pnpm-workspace.yaml") });
    expect((error as Error).message).toMatch(/pnpm-workspace\.yaml is not valid YAML \(.*\): fix it and run again$/);
  });

  it("says so when pnpm-workspace.yaml is a folder", () => {
    const root = repo({ "pnpm-workspace.yaml/keep": "" });
    expect(() => readWorkspaceDeclaration(root)).toThrow(
      /pnpm-workspace\.yaml cannot be read \(it is a folder, not a file\): fix it and run again$/,
    );
  });
});

describe("findWorkspaceRoot", () => {
  it("walks up from the folder's parent to the nearest declaration", () => {
    const root = repo({ "pnpm-workspace.yaml": "packages:\n  - plugins/*\n", "plugins/a/package.json": { name: "a" } });
    expect(findWorkspaceRoot(join(root, "plugins/new"))).toEqual({
      root,
      patterns: ["plugins/*"],
      file: join(root, "pnpm-workspace.yaml"),
    });
    // Deeper, through a package that declares nothing.
    expect(findWorkspaceRoot(join(root, "plugins/a/nested/x"))?.root).toBe(root);
    // The folder itself is never its own workspace.
    expect(findWorkspaceRoot(root)).toBeUndefined();
  });

  it("stops at the top of a git repository and finds nothing without a declaration", () => {
    const outer = repo({ "package.json": { workspaces: ["*"] } });
    const inner = join(outer, "inner");
    writeTree(inner, { "README.md": "x" });
    mkdirSync(join(inner, ".git"));
    expect(findWorkspaceRoot(join(inner, "plugins/a"))).toBeUndefined();
    expect(findWorkspaceRoot(join(outer, "plugins/a"))?.root).toBe(outer);
    expect(findWorkspaceRoot(join(repo({ "package.json": { name: "solo" } }), "plugins/a"))).toBeUndefined();
  });
});

describe("workspaceIncludes", () => {
  const root = "/repo";
  it("matches include patterns, minus ! patterns, with ./ and trailing slashes ignored", () => {
    expect(workspaceIncludes(root, ["plugins/*"], "/repo/plugins/a")).toBe(true);
    expect(workspaceIncludes(root, ["./plugins/*/"], "/repo/plugins/a")).toBe(true);
    expect(workspaceIncludes(root, ["plugins/*"], "/repo/plugins/a/b")).toBe(false);
    expect(workspaceIncludes(root, ["plugins/**"], "/repo/plugins/a/b")).toBe(true);
    expect(workspaceIncludes(root, ["packages/*"], "/repo/plugins/a")).toBe(false);
    expect(workspaceIncludes(root, ["plugins/a"], "/repo/plugins/a")).toBe(true);
    expect(workspaceIncludes(root, ["plugins/*", "!plugins/a"], "/repo/plugins/a")).toBe(false);
    expect(workspaceIncludes(root, ["plugins/*", "!plugins/a"], "/repo/plugins/b")).toBe(true);
  });

  it("never includes the root, a folder outside it, a node_modules folder, or anything without patterns", () => {
    expect(workspaceIncludes(root, ["**"], "/repo")).toBe(false);
    expect(workspaceIncludes(root, ["**"], "/elsewhere/plugins/a")).toBe(false);
    expect(workspaceIncludes(root, ["**"], "/repo/node_modules/a")).toBe(false);
    expect(workspaceIncludes(root, [], "/repo/plugins/a")).toBe(false);
    expect(workspaceIncludes(root, ["!plugins/b"], "/repo/plugins/a")).toBe(false);
  });
});
