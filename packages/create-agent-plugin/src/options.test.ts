import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "./errors.js";
import { resolveOptions } from "./options.js";
import { brandColor } from "./logo.js";

const base = { cwd: "/work", home: "/home/ada", gitUserName: () => undefined };

describe("resolveOptions", () => {
  it("normalises the name and derives every default from it", () => {
    expect(resolveOptions({ ...base, name: "  My Cool_Plugin!! " })).toEqual({
      dir: resolve("/work/my-cool-plugin"),
      cwd: resolve("/work"),
      home: resolve("/home/ada"),
      name: "my-cool-plugin",
      displayName: "My Cool Plugin",
      description: "My Cool Plugin workflows for Codex.",
      developer: "Plugin author",
      category: "Productivity",
      skills: ["my-cool-plugin-guide"],
      mcp: null,
      app: null,
      hooks: false,
      marketplace: "none",
      homepage: null,
      force: false,
      year: new Date().getFullYear(),
    });
  });

  it("takes the developer from git, the name from the folder, and puts marketplace plugins under plugins/", () => {
    const options = resolveOptions({ ...base, dir: "tools/acme", marketplace: "repo", gitUserName: () => "Ada Lovelace\n" });
    expect(options).toMatchObject({ name: "acme", dir: resolve("/work/tools/acme"), developer: "Ada Lovelace" });
    expect(resolveOptions({ ...base, name: "acme", marketplace: "personal" }).dir).toBe(resolve("/work/plugins/acme"));
  });

  it("keeps <plugin>:<skill> within 64 characters", () => {
    const name = "n".repeat(55);
    expect(resolveOptions({ ...base, name }).skills).toEqual(["guide"]);
    expect(() => resolveOptions({ ...base, name: "n".repeat(60) })).toThrow(/leaves no room for a skill/);
    expect(() => resolveOptions({ ...base, name: "acme", skills: "s".repeat(60) })).toThrow(UsageError);
    expect(resolveOptions({ ...base, name: "acme", skills: "Draft Notes, review" }).skills).toEqual(["draft-notes", "review"]);
    expect(() => resolveOptions({ ...base, name: "acme", skills: "a,A" })).toThrow('--skills names "a" twice');
  });

  it("rejects what would not lint clean or leak a secret", () => {
    expect(() => resolveOptions({ ...base })).toThrow(/^missing --name/);
    expect(() => resolveOptions({ ...base, name: "!!!" })).toThrow(/no letters or digits/);
    expect(() => resolveOptions({ ...base, name: "acme", dir: "other" })).toThrow(/differ/);
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "http", mcpUrl: "http://mcp.example.com" })).toThrow(/https/);
    expect(() => resolveOptions({ ...base, name: "acme", mcpUrl: "https://user:pw@mcp.example.com" })).toThrow(/credentials/);
    expect(() => resolveOptions({ ...base, name: "acme", homepage: "ftp://x" })).toThrow(/https/);
    expect(() => resolveOptions({ ...base, name: "acme", app: "has space" })).toThrow(/not an app id/);
    expect(resolveOptions({ ...base, name: "3d-tools", mcpUrl: "https://mcp.example.com/mcp" }).mcp).toEqual({ transport: "http", url: "https://mcp.example.com/mcp", tokenEnvVar: "PLUGIN_3D_TOOLS_TOKEN" });
  });

  it("takes --mcp stdio as a local server, which has no URL", () => {
    expect(resolveOptions({ ...base, name: "acme", mcp: "stdio" }).mcp).toEqual({ transport: "stdio" });
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "stdio", mcpUrl: "https://mcp.example.com" })).toThrow(/--mcp-url needs --mcp http/);
    expect(() => resolveOptions({ ...base, name: "acme", mcp: "sse" })).toThrow(/use none, http or stdio/);
  });

  it("picks the same #RRGGBB brand colour for the same name", () => {
    expect(brandColor("acme")).toMatch(/^#[0-9A-F]{6}$/);
    expect(brandColor("acme")).toBe(brandColor("acme"));
  });
});
