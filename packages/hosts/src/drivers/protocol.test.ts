import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HostError } from "../errors.js";
import { createSandbox } from "../sandbox.js";
import { claudeCodeCliDriver } from "./claude-code-cli.js";
import { codexCliDriver } from "./codex-cli.js";
import { driverFor } from "./index.js";

/** A stand-in host binary that answers every command with `output`. */
function fakeHost(output: string): string {
  const dir = tempDir();
  writeTree(dir, { host: `#!/bin/sh\necho '${output}'\n` });
  chmodSync(join(dir, "host"), 0o755);
  return join(dir, "host");
}

describe("driverFor", () => {
  it("picks the driver for each pinned version", () => {
    expect(driverFor("codex", "0.171.0").id).toBe("codex-cli@1");
    expect(driverFor("codex", "0.117.0").id).toBe("codex-app-server@1");
    expect(driverFor("claude-code", "2.1.332").id).toBe("claude-code-cli@1");
  });

  it("names the versions it drives when asked for one no driver understands", () => {
    expect(() => driverFor("codex", "0.140.0")).toThrow(HostError);
    expect(() => driverFor("codex", "0.140.0")).toThrow(
      "no driver understands codex 0.140.0: this @agent-plugin/hosts drives codex >=0.171.0 <1.0.0 (codex-cli@1), >=0.117.0 <0.118.0 (codex-app-server@1)",
    );
  });
});

describe.skipIf(process.platform === "win32")("a host answering in a way the driver does not know", () => {
  it("stops the Codex driver with one line naming the host version and what it printed", async () => {
    const sandbox = createSandbox(tempDir());
    const run = codexCliDriver.inspect({
      bin: fakeHost("done"),
      version: "0.171.0",
      sandbox,
      marketplaces: [{ dir: sandbox.market, plugins: ["demo"] }],
      timeoutMs: 10_000,
    });
    await expect(run).rejects.toThrow(HostError);
    await expect(run).rejects.toThrow(
      "codex 0.171.0 printed an unknown `plugin marketplace add` answer, which the codex-cli@1 driver does not understand (verified with codex 0.171.0): pin a verified version or update @agent-plugin/hosts",
    );
  });

  it("stops the Claude Code driver when `plugin marketplace add --json` prints no JSON", async () => {
    const sandbox = createSandbox(tempDir());
    const run = claudeCodeCliDriver.inspect({
      bin: fakeHost("Validation passed"),
      version: "2.1.332",
      sandbox,
      marketplaces: [{ dir: sandbox.market, plugins: ["demo"] }],
      timeoutMs: 10_000,
    });
    await expect(run).rejects.toThrow(
      "claude-code 2.1.332 printed no JSON answer to `plugin marketplace add --json`, which the claude-code-cli@1 driver does not understand",
    );
  });
});
