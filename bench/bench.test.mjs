// The benchmark's own logic: the baseline comparison --check makes, and inputs that are the same on every run
// and lint clean (a finding would measure the error path, not the work a real plugin costs).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lint } from "@agent-plugin/plugin-lint";
import { afterAll, describe, expect, it } from "vitest";
import { baselineFrom, compareToBaseline, lowerRatios, readBaseline } from "./baseline.mjs";
import { generateBigFilePlugin, generateMarketplace } from "./generate.mjs";

const work = mkdtempSync(join(tmpdir(), "bench-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir` by relative path, with the SHA-256 of its bytes. */
function contents(dir) {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    files
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((file) => [file.slice(dir.length + 1), createHash("sha256").update(readFileSync(file)).digest("hex")]),
  );
}

describe("baseline comparison", () => {
  const baseline = { measured: "2026-12-06", commit: "abc1234", ratios: { fast: 2, slow: 4, gone: 1 } };

  it("fails a ratio only past 1.5 times its baseline, and lists new and unmeasured ones without failing", () => {
    const figures = [
      { id: "fast", ratio: 2.99 },
      { id: "slow", ratio: 6.01 },
      { id: "added", ratio: 9 },
      { id: "identical", ok: true },
    ];
    const { rows, missing } = compareToBaseline(figures, baseline);
    expect(rows.map(({ id, status }) => [id, status])).toEqual([
      ["fast", "ok"],
      ["slow", "regressed"],
      ["added", "new"],
    ]);
    expect(rows[1].limit).toBe(6);
    expect(missing).toEqual(["gone"]);
  });

  it("keeps, for each figure measured twice, the measurement with the lower ratio", () => {
    const first = [
      { id: "a", ratio: 3, value: "first a" },
      { id: "b", ratio: 1, value: "first b" },
      { id: "c", ok: true },
    ];
    const second = [
      { id: "a", ratio: 2, value: "second a" },
      { id: "b", ratio: 1.5, value: "second b" },
    ];
    expect(lowerRatios(first, second).map((figure) => figure.value ?? figure.id)).toEqual(["second a", "first b", "c"]);
  });

  it("writes every ratio with the date, commit and machine, and reads it back", () => {
    const file = join(work, "baseline.json");
    const written = baselineFrom(
      [
        { id: "lint", ratio: 2.123456 },
        { id: "same-bytes", ok: true },
      ],
      { date: "2026-12-06", commit: "abc1234", node: "v20.19.0", cores: 2 },
    );
    writeFileSync(file, JSON.stringify(written));
    expect(readBaseline(file)).toMatchObject({
      measured: "2026-12-06",
      commit: "abc1234",
      machine: { node: "v20.19.0", cores: 2 },
      ratios: { lint: 2.123 },
    });
    expect(readBaseline(join(work, "none.json"))).toBeUndefined();
  });

  it("names the file and the way out when the baseline is not JSON", () => {
    const file = join(work, "broken.json");
    writeFileSync(file, "{ ratios: ");
    expect(() => readBaseline(file)).toThrow(/broken\.json is not valid JSON .*--update-baseline/);
  });
});

describe("generated inputs", () => {
  it("are the same bytes on every run, a smaller marketplace being a prefix of a larger one", () => {
    generateMarketplace(join(work, "a"), 4);
    generateMarketplace(join(work, "b"), 4);
    generateMarketplace(join(work, "c"), 3);
    const a = contents(join(work, "a"));
    expect(contents(join(work, "b"))).toEqual(a);
    const c = contents(join(work, "c"));
    for (const file of Object.keys(c).filter((path) => path.startsWith("plugins/"))) expect(c[file]).toBe(a[file]);
    expect(Object.keys(c).filter((path) => path.startsWith("plugins/plugin-003/"))).toEqual([]);
    // Plugin 0 holds the largest file (2 MB, as in openai/plugins); plugin 1 is the zoom-shaped one, 791 files.
    expect(readFileSync(join(work, "a/plugins/plugin-000/assets/logo.png")).length).toBe(2_034_876);
    expect(Object.keys(a).filter((path) => path.startsWith("plugins/plugin-001/"))).toHaveLength(791);
  });

  it("lint clean: no error and no warning", async () => {
    generateBigFilePlugin(join(work, "big-file"), 1024 * 1024);
    const report = await lint({ paths: [join(work, "a"), join(work, "big-file")], cwd: work });
    expect(report.diagnostics.map((d) => `${d.file}: ${d.ruleId} ${d.message}`)).toEqual([]);
    expect(report.plugins?.length).toBe(5);
  });
});
