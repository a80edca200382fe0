import { describe, expect, it } from "vitest";
import { PackError } from "../errors.js";
import { npmPackageName, readNpmConfig } from "./config.js";
import { settledPackageJson } from "./settle.js";

const read = (agentPlugin: unknown) => readNpmConfig({ name: "repo", agentPlugin }, "/repo/package.json");
const refusal = (agentPlugin: unknown) => {
  try {
    read(agentPlugin);
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as Error).message;
  }
  throw new Error("accepted");
};

describe("agentPlugin.npm in the root package.json", () => {
  it("reads the scope, with public access and the latest tag by default", () => {
    expect(read({ npm: { scope: "@acme" } })).toEqual({ scope: "@acme", access: "public", tag: "latest" });
    expect(read({ npm: { unscoped: true, access: "restricted", tag: "next" } })).toEqual({
      scope: null,
      access: "restricted",
      tag: "next",
    });
    expect(readNpmConfig({ name: "repo" }, "/repo/package.json")).toBeUndefined();
  });

  it("requires a scope unless the author opts out, and names the file and the setting", () => {
    expect(refusal({ npm: {} })).toBe(
      '/repo/package.json: "agentPlugin.npm.scope" is required: unscoped plugin names collide with existing packages (set "unscoped": true to publish without one); see docs/releasing.md#the-npm-channel for the settings',
    );
    expect(refusal({ npm: { scope: "acme" } })).toContain('"agentPlugin.npm.scope" must be an npm scope in lower case');
    expect(refusal({ npm: { scope: "@Acme" } })).toContain("must be an npm scope in lower case");
    expect(refusal({ npm: { scope: "@acme", unscoped: true } })).toContain('sets both "scope" and "unscoped"');
    expect(refusal({ npm: { scope: "@acme", access: "private" } })).toContain('"public" or "restricted"');
    expect(refusal({ npm: { scope: "@acme", tag: "1.0" } })).toContain("must be a dist-tag");
    expect(refusal({ npm: { scope: "@acme", registry: "x" } })).toContain(
      '"agentPlugin.npm.registry" is not a setting',
    );
    expect(refusal("npm")).toContain('"agentPlugin" must be an object');
  });

  it("names the package after the plugin under the scope, and refuses a name npm would refuse", () => {
    expect(npmPackageName({ scope: "@acme", access: "public", tag: "latest" }, "triage", "m.json")).toBe(
      "@acme/triage",
    );
    expect(npmPackageName({ scope: null, access: "public", tag: "latest" }, "triage", "m.json")).toBe("triage");
    expect(() => npmPackageName({ scope: "@acme", access: "public", tag: "latest" }, "Triage", "m.json")).toThrow(
      /npm names are lower case .*rename the plugin in m\.json/,
    );
  });
});

describe("the settled package.json", () => {
  it("names the package and version first, and drops private, scripts and what only builds the plugin", () => {
    const text = new TextDecoder().decode(
      settledPackageJson(
        {
          name: "@src/triage",
          version: "0.0.0",
          private: true,
          description: "Triage.",
          scripts: { postinstall: "curl x | sh" },
          devDependencies: { esbuild: "1" },
          files: ["dist"],
          license: "MIT",
          repository: { type: "git", url: "git+https://github.com/acme/plugins.git" },
        },
        { name: "@acme/triage", version: "1.2.0" },
      ),
    );
    expect(JSON.parse(text)).toEqual({
      name: "@acme/triage",
      version: "1.2.0",
      description: "Triage.",
      license: "MIT",
      repository: { type: "git", url: "git+https://github.com/acme/plugins.git" },
    });
    expect(text.startsWith('{\n  "name": "@acme/triage",\n  "version": "1.2.0",')).toBe(true);
  });

  it("writes one for a plugin without a package.json, with the plugin's description", () => {
    const json = JSON.parse(
      new TextDecoder().decode(settledPackageJson(undefined, { name: "@acme/x", version: "1.0.0", description: "X." })),
    );
    expect(json).toEqual({ name: "@acme/x", version: "1.0.0", description: "X." });
  });
});
