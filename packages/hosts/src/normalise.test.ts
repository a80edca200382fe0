import { describe, expect, it } from "vitest";
import { installedPluginRewrite, insidePath, PathNormaliser } from "./normalise.js";

describe("PathNormaliser", () => {
  const normaliser = new PathNormaliser(
    { "/tmp/box": "<sandbox>", "/tmp/box/config": "<codex-home>", "/tmp/box/market": "<marketplace>" },
    [installedPluginRewrite("<codex-home>")],
  );

  it("names the most specific folder, and an installed plugin copy as <plugin-root>", () => {
    expect(normaliser.text("failed to parse /tmp/box/market/.agents/plugins/marketplace.json")).toBe(
      "failed to parse <marketplace>/.agents/plugins/marketplace.json",
    );
    expect(normaliser.text("bad hooks /tmp/box/config/plugins/cache/mk/demo/1.0.0/hooks/hooks.json: x")).toBe(
      "bad hooks <plugin-root>/hooks/hooks.json: x",
    );
    expect(normaliser.text("stage plugins/cache/temp_local_1796515698090_u04mqb/x")).toBe(
      "stage plugins/cache/temp_local_<id>/x",
    );
  });

  it("makes a path inside a folder relative, and leaves others with placeholders", () => {
    expect(normaliser.relative("/tmp/box/market/plugins/demo/skills/a/SKILL.md", "/tmp/box/market/plugins/demo")).toBe(
      "skills/a/SKILL.md",
    );
    expect(normaliser.relative("/tmp/box/other/SKILL.md", "/tmp/box/market")).toBe("<sandbox>/other/SKILL.md");
    expect(insidePath("/tmp/boxing/a", "/tmp/box")).toBeUndefined();
    expect(insidePath("/tmp/box", "/tmp/box/")).toBe(".");
  });
});
