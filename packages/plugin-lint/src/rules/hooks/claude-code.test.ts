// The hook fields, events and variables of Claude Code 2.1.332, as its own hook schema defines them: documented
// fields are not "unknown", fields of another type or host are, and Codex's plugin-root variable is not expanded.
import { tempDir, writeTree } from "@agent-plugin/test-utils";
import { realpathSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../../lint.js";

async function hookFindings(hooks: Record<string, unknown>, target: "claude-code" | "codex" = "claude-code") {
  const dir = realpathSync(tempDir());
  writeTree(dir, {
    ".claude-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    ".codex-plugin/plugin.json": { name: "demo", version: "1.0.0", description: "Demo." },
    "hooks/hooks.json": { hooks },
  });
  const report = await lint({ paths: [dir], cwd: dir, target });
  return report.diagnostics
    .filter((finding) => finding.ruleId.startsWith("hooks/"))
    .map((finding) => `${finding.ruleId}: ${finding.message}`);
}

describe("Claude Code hooks", () => {
  it("knows every field of each hook type and every event of Claude Code 2.1.332", async () => {
    const findings = await hookFindings({
      PreToolUse: [
        {
          matcher: "Bash",
          hooks: [
            {
              type: "command",
              command: "echo checked",
              args: ["--quiet"],
              if: "Bash(git *)",
              shell: "bash",
              timeout: 30,
              onFailure: "block",
              statusMessage: "Checking",
              once: true,
              async: true,
              asyncRewake: true,
            },
          ],
        },
      ],
      Stop: [{ hooks: [{ type: "prompt", prompt: "Check.", model: "haiku", continueOnBlock: true, once: true }] }],
      SubagentStop: [{ hooks: [{ type: "agent", prompt: "Verify.", if: "Bash", statusMessage: "Verifying" }] }],
      PostToolUse: [
        {
          hooks: [
            { type: "http", url: "https://example.com/hook", headers: { A: "$T" }, allowedEnvVars: ["T"] },
            { type: "mcp_tool", server: "docs", tool: "check", input: { path: "x" }, onFailure: "continue" },
          ],
        },
      ],
      PreModelSwitch: [{ hooks: [{ type: "command", command: "echo switching" }] }],
      PreSkillShellCommand: [{ hooks: [{ type: "command", command: "echo skill" }] }],
    });
    expect(findings).toEqual([]);
  });

  it("reports a field Claude Code does not read in that hook type", async () => {
    const findings = await hookFindings({
      SessionStart: [{ hooks: [{ type: "command", command: "echo hi", commandWindows: "echo hi", url: "x" }] }],
    });
    expect(findings).toEqual([
      'hooks/unknown-field: unknown field "hooks.SessionStart[0].hooks[0].commandWindows": Claude Code does not read it in a "command" hook and ignores it',
      'hooks/unknown-field: unknown field "hooks.SessionStart[0].hooks[0].url": Claude Code does not read it in a "command" hook and ignores it',
    ]);
  });

  it("still reports Claude Code's fields for Codex, which does not read them", async () => {
    const findings = await hookFindings(
      { SessionStart: [{ hooks: [{ type: "command", command: "echo hi", once: true }] }] },
      "codex",
    );
    expect(findings).toEqual([
      'hooks/unknown-field: unknown field "hooks.SessionStart[0].hooks[0].once": Codex does not read it in a "command" hook and ignores it',
    ]);
  });

  it("reports Codex's plugin-root variable, which Claude Code leaves empty", async () => {
    const findings = await hookFindings({
      SessionStart: [{ hooks: [{ type: "command", command: "bash ${PLUGIN_ROOT}/hooks/start.sh" }] }],
    });
    expect(findings).toEqual([
      'hooks/plugin-root-var: hook command uses ${PLUGIN_ROOT}, which Claude Code neither sets nor expands, so the path is wrong and the SessionStart hook fails; use "${CLAUDE_PLUGIN_ROOT}/hooks/check.sh"',
    ]);
  });
});
