import { tempDir } from "@agent-plugin/test-utils";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { driverFor } from "../drivers/index.js";
import { pins } from "../pins.js";
import { probePluginName } from "./build.js";
import { catalogue } from "./catalogue/index.js";
import { parseProbeData } from "./data.js";
import { materialiseProbe } from "./materialise.js";

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "../../data");

describe("the probe catalogue", () => {
  it("has unique ids of the form <kind>/<dimension>/<what>", () => {
    const ids = catalogue.map((probe) => probe.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const probe of catalogue) {
      expect(probe.id, probe.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(probe.id.startsWith(`${probe.kind}/${probe.dimension}/`), probe.id).toBe(true);
      expect(probe.hosts.length, probe.id).toBeGreaterThan(0);
    }
  });

  it("covers every file kind, and each case the host-fidelity issue asks about", () => {
    const kinds = new Set(catalogue.map((probe) => probe.kind));
    for (const kind of [
      "codex-plugin-json",
      "claude-plugin-json",
      "plugin-json",
      "root-plugin-json",
      "marketplace-json",
      "mcp-json",
      "app-json",
      "hooks-json",
      "skill-md",
      "openai-yaml",
      "agent-md",
      "command-md",
      "output-style-md",
      "lsp-json",
      "monitors-json",
      "package-json",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const ids = new Set(catalogue.map((probe) => probe.id));
    for (const id of [
      "skill-md/encoding/bom",
      "skill-md/encoding/utf16le",
      "skill-md/encoding/invalid-utf8-description",
      "plugin-json/encoding/utf16le",
      "skill-md/line-endings/crlf",
      "skill-md/line-endings/cr",
      "skill-md/frontmatter/missing-closing",
      "skill-md/frontmatter/closing-trailing-spaces",
      "skill-md/frontmatter/leading-blank-line",
      "skill-md/file-name/lowercase",
      "skill-md/file-name/capitalised",
      "skill-md/nesting/two-levels",
      "skill-md/nesting/three-levels",
      "skill-md/yaml-types/name-number",
      "skill-md/yaml-types/name-boolean",
      "skill-md/yaml-types/name-null",
      "skill-md/yaml-types/name-list",
      "skill-md/yaml-types/description-block",
      "skill-md/yaml-types/description-folded",
      "skill-md/length/name-64",
      "skill-md/length/name-65",
      "skill-md/length/namespaced-65",
      "skill-md/length/curated-long-namespace",
      "skill-md/length/description-1024",
      "skill-md/length/description-1025",
      "skill-md/length/description-1536",
      "skill-md/length/description-1537",
      "plugin-json/length/default-prompt-128",
      "plugin-json/length/default-prompt-129",
      "plugin-json/length/default-prompt-4",
      "plugin-json/shape/skills-array",
      "plugin-json/shape/hooks-array",
      "plugin-json/shape/hooks-inline",
      "plugin-json/shape/mcp-servers-inline",
      "root-plugin-json/location/agent-plugins-only",
      "claude-plugin-json/location/only-manifest",
      "root-plugin-json/location/with-codex-manifest",
      "plugin-json/unknown-field/top-level",
      "plugin-json/missing-field/no-name",
      "plugin-json/json-syntax/trailing-comma",
      "plugin-json/json-syntax/line-comment",
      "plugin-json/json-syntax/duplicate-key",
      "plugin-json/path/skills-escapes",
      "skill-md/symlink/file-link-outside",
      "package-json/value/version-differs",
    ]) {
      expect(ids, id).toContain(id);
    }
  });

  it("writes every probe's files for each host it runs on", () => {
    for (const probe of catalogue) {
      for (const host of probe.hosts) {
        const { dir, name } = materialiseProbe(probe, host, tempDir());
        expect(name).toBe(probePluginName(probe));
        const root = probe.marketplace ? join(dir, "plugins", name) : dir;
        // A plugin probe always leaves something a host can recognise as a plugin.
        expect(existsSync(root), `${probe.id} (${host})`).toBe(true);
      }
    }
  });
});

describe("the committed probe data", () => {
  for (const pin of pins) {
    it(`has data/${pin.host}-${pin.version}.json for every ${pin.host} probe of the catalogue (run pnpm hosts:probe)`, () => {
      const data = parseProbeData(readFileSync(join(dataDir, `${pin.host}-${pin.version}.json`), "utf8"));
      expect(data).toMatchObject({ host: pin.host, version: pin.version, driver: driverFor(pin.host, pin.version).id });
      const expected = catalogue.filter((probe) => probe.hosts.includes(pin.host)).map((probe) => probe.id);
      expect(Object.keys(data.probes).sort()).toEqual(expected.sort());
    });
  }
});
