// The npm source judgments, case by case: Codex's own name check (recorded in probes marketplace-json/value/npm-*),
// then npm's, for the names and specs Codex lets through.
import { describe, expect, it } from "vitest";
import { codexPackageProblem, packageProblem, registryProblem, versionProblem } from "./npm-spec.js";

const HOST = "Codex 0.171.0";
const severity = (problem: { severity: string } | undefined) => problem?.severity ?? "ok";

describe("npm source judgments", () => {
  it("package: an error where Codex skips the entry or npm refuses the name, a warning for names npm only kept", () => {
    const cases: Record<string, string> = {
      "@acme/demo": "ok",
      "demo-tools": "ok",
      " @acme/demo ": "ok", // Codex and npm trim it
      "@acme": "error",
      "acme/demo": "error",
      "@acme/demo/extra": "error",
      ".demo": "error",
      _demo: "error",
      "@acme/.demo": "error", // Codex lets a scoped part start with "."; npm refuses it
      "demo@1.0.0": "error",
      "de mo": "error",
      "demo~x": "error",
      "": "error",
      node_modules: "error", // Codex lists it; npm refuses the name
      "@acme/Demo": "warning",
      [`a${"b".repeat(214)}`]: "warning",
    };
    const judged = Object.fromEntries(Object.keys(cases).map((name) => [name, severity(packageProblem(name, HOST))]));
    expect(judged).toEqual(cases);
    expect(codexPackageProblem("node_modules")).toBeUndefined();
    expect(packageProblem("node_modules", HOST)?.message).toContain("npm refuses the package name");
  });

  it("version: ranges pass; Codex skips specs with / \\ : and blanks; npm refuses what is neither range nor tag", () => {
    const cases: Record<string, string> = {
      "^1.0.0": "ok",
      "1.2.3": "ok",
      "~1.2": "ok",
      "1.x": "ok",
      "*": "ok",
      ">=1.0.0 <2.0.0": "ok",
      "^1.0.0 || ^2.0.0": "ok",
      "v1.0.0": "ok",
      " 1.0.0 ": "ok",
      latest: "warning",
      next: "warning",
      "not a range!": "error",
      "": "error",
      "  ": "error",
      ".": "error",
      "https://example.com/demo.tgz": "error",
      "npm:other@1": "error",
      "github:acme/demo": "error",
      "file:..\\demo": "error",
    };
    const judged = Object.fromEntries(
      Object.keys(cases).map((version) => [version, severity(versionProblem(version, HOST))]),
    );
    expect(judged).toEqual(cases);
  });

  it("registry: only an https URL with a host and no credentials, query or fragment", () => {
    const cases: Record<string, string> = {
      "https://npm.example.com/": "ok",
      "https://npm.example.com/api/npm/": "ok",
      "HTTPS://npm.example.com": "ok",
      "http://127.0.0.1:4873/": "error",
      "https://user:secret@npm.example.com/": "error",
      "https://npm.example.com/?token=x": "error",
      "https://npm.example.com/?": "error",
      "https://npm.example.com/#x": "error",
      "npm.example.com": "error",
      "ftp://npm.example.com/": "error",
      "": "error",
    };
    const judged = Object.fromEntries(
      Object.keys(cases).map((registry) => [registry, severity(registryProblem(registry, HOST))]),
    );
    expect(judged).toEqual(cases);
    expect(registryProblem("http://127.0.0.1:4873/", HOST)?.message).toContain("npm's config (.npmrc)");
  });
});
