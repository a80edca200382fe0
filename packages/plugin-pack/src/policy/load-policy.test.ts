// loadPolicy(): a policy file that cannot be used stops the command with one line naming the file, the line and
// JSON pointer of the problem, and what to do (exit 2); a good one comes back with the SHA-256 of its bytes.
import { createHash } from "node:crypto";
import { tempDir } from "@agent-plugin/test-utils";
import { describe, expect, it } from "vitest";
import { ExitCode, ToolError } from "@agent-plugin/core";
import { loadPolicy } from "./load-policy.js";
import { writePolicy } from "./test-archives.js";

function refusal(text: string): ToolError {
  const dir = tempDir();
  writePolicy(dir, text, "team-policy.json");
  try {
    loadPolicy("team-policy.json", dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).exitCode).toBe(ExitCode.fatal);
    expect((error as Error).message).not.toMatch(/\n/);
    return error as ToolError;
  }
  throw new Error("the policy was accepted");
}

describe("loadPolicy", () => {
  it("reads a valid policy and the SHA-256 of its bytes", () => {
    const dir = tempDir();
    const text =
      '{\n  "signatures": { "required": true, "trustedKeys": ["0123456789abcdef"] },\n  "maxAlwaysOnTokens": 4000\n}\n';
    const file = writePolicy(dir, text);
    const loaded = loadPolicy(file, "/");
    expect(loaded.policy).toEqual({
      signatures: { required: true, trustedKeys: ["0123456789abcdef"] },
      maxAlwaysOnTokens: 4000,
    });
    expect(loaded.sha256).toBe(createHash("sha256").update(text).digest("hex"));
    expect(loaded.file).toBe(file);
  });

  it("names the line, the JSON pointer and the problem of a value the schema refuses", () => {
    const error = refusal('{\n  "capabilities": {\n    "hooks": { "events": ["SessionStart", 7] }\n  }\n}\n');
    expect(error.message).toBe(
      'team-policy.json:3:43: /capabilities/hooks/events/1: "capabilities.hooks.events[1]" must be a string, found an integer: fix the policy (see docs/governance.md#policy)',
    );
  });

  it("suggests the field meant by an unknown one", () => {
    expect(refusal('{ "capabilities": { "hook": {} } }').message).toBe(
      'team-policy.json:1:21: /capabilities/hook: unknown field "capabilities.hook": did you mean "hooks"?: fix the policy (see docs/governance.md#policy)',
    );
  });

  it("says what a key id looks like, and counts the other problems", () => {
    const error = refusal('{ "signatures": { "trustedKeys": ["ed25519:AAAA"] }, "maxAlwaysOnTokens": -1 }');
    expect(error.message).toMatch(
      /^team-policy\.json:1:35: \/signatures\/trustedKeys\/0: a key id is 16 lowercase hex characters, as plugin-pack keygen and verify print it \(and 1 more problem\): fix the policy/,
    );
  });

  it("refuses a policy that is not valid JSON, with the line", () => {
    expect(refusal('{\n  "plugins": { "deny": ["x" }\n}\n').message).toMatch(
      /^team-policy\.json:2:29: the policy is not valid JSON \(.+\): fix the file \(see docs\/governance\.md#policy\)$/,
    );
    // Two values for one rule: which one applies would be a guess.
    expect(refusal('{ "plugins": { "deny": ["x"] }, "plugins": {} }').message).toMatch(
      /not valid JSON \(duplicate key/,
    );
  });

  it("refuses a missing policy file, naming it", () => {
    const dir = tempDir();
    expect(() => loadPolicy("nope.json", dir)).toThrow(
      "policy nope.json file does not exist: give --policy the path of a policy JSON file (see docs/governance.md#policy)",
    );
  });
});
