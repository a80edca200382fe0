import { describe, expect, it } from "vitest";
import { type CliSpec, formatHelp, parseCommandLine, reportError, ToolError, UsageError } from "./index.js";

const global = {
  json: { type: "boolean", description: "print JSON" },
  help: { type: "boolean", short: "h", description: "show this help" },
} as const;

const tool: CliSpec = {
  name: "tool",
  description: "Does things to plugins.",
  globalOptions: global,
  defaultCommand: "pack",
  commands: {
    pack: {
      summary: "pack a plugin",
      arguments: [{ name: "dir", description: "the plugin folder" }],
      options: { out: { type: "string", short: "o", value: "dir", description: "output folder" } },
    },
    verify: {
      summary: "verify an archive",
      arguments: [{ name: "archive", description: "the archive", required: true }],
      options: { trust: { type: "string", multiple: true, value: "key", description: "a trusted key" } },
      examples: ["tool verify a.zip --trust k.pub"],
    },
  },
  footer: "Exit codes: 0 ok, 2 usage.",
};

describe("parseCommandLine", () => {
  it("falls back to the default command when the first argument names none", () => {
    expect(parseCommandLine(tool, ["plugins/x", "-o", "out"])).toEqual({
      command: "pack",
      explicit: false,
      values: { out: "out" },
      positionals: ["plugins/x"],
    });
    expect(parseCommandLine(tool, ["pack", "x"]).explicit).toBe(true);
  });

  it("reads a named command's own options, repeated ones as arrays", () => {
    const parsed = parseCommandLine(tool, ["verify", "a.zip", "--trust", "k1", "--trust", "k2", "--json"]);
    expect(parsed).toMatchObject({ command: "verify", values: { trust: ["k1", "k2"], json: true } });
  });

  it("refuses unknown flags, another command's flags and wrong argument counts in one line", () => {
    expect(() => parseCommandLine(tool, ["--bogus"])).toThrow(
      new UsageError("Unknown option '--bogus'; see tool --help"),
    );
    expect(() => parseCommandLine(tool, ["verify", "a.zip", "-o", "x"])).toThrow(/Unknown option '-o'/);
    expect(() => parseCommandLine(tool, ["verify"])).toThrow("verify needs <archive>; see tool --help");
    expect(() => parseCommandLine(tool, ["a", "b"])).toThrow('pack takes at most 1 argument, got "b"');
  });

  it("lets --help through whatever the arguments", () => {
    expect(parseCommandLine(tool, ["verify", "--help"]).values.help).toBe(true);
  });

  it("never reads a one-command tool's first argument as a command", () => {
    const single: CliSpec = { ...tool, commands: { lint: { summary: "lint", arguments: [] } }, defaultCommand: "lint" };
    expect(() => parseCommandLine(single, ["lint"])).toThrow('tool takes no arguments, got "lint"');
  });
});

describe("formatHelp", () => {
  it("lists every command with its arguments, the global options and the footer", () => {
    const help = formatHelp(tool);
    expect(help).toContain("Usage: tool [command] [options]");
    expect(help).toMatch(/^ {2}tool \[dir\] +pack a plugin$/m);
    expect(help).toMatch(/^ {2}tool verify <archive> +verify an archive$/m);
    expect(help).toMatch(/^ {2}-h, --help +show this help$/m);
    expect(help.trimEnd().endsWith("Exit codes: 0 ok, 2 usage.")).toBe(true);
  });

  it("shows one command's arguments, options with placeholders and examples", () => {
    const help = formatHelp(tool, "verify");
    expect(help).toContain("Usage: tool verify <archive> [options]");
    expect(help).toMatch(/^ {2}archive +the archive$/m);
    expect(help).toMatch(/^ {6}--trust <key> +a trusted key$/m);
    expect(help).toContain("  tool verify a.zip --trust k.pub");
  });

  it("wraps long descriptions under their column and keeps every line within 100 characters", () => {
    const long = { ...tool, commands: { ...tool.commands } };
    long.commands.pack = { summary: "pack ".repeat(40).trim(), arguments: [] };
    const lines = formatHelp(long).split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(lines.filter((line) => line.includes("pack pack")).length).toBeGreaterThan(1);
  });
});

describe("reportError", () => {
  it("prints a ToolError as one line with its exit code", () => {
    let err = "";
    expect(
      reportError("tool", new ToolError("x.zip is not a ZIP", { exitCode: 1 }), { stderr: (t) => (err += t) }),
    ).toBe(1);
    expect(err).toBe("tool: x.zip is not a ZIP\n");
  });

  it("reports anything else as a bug, without a stack, exit 2", () => {
    let err = "";
    expect(reportError("tool", new TypeError("boom"), { stderr: (t) => (err += t) })).toBe(2);
    expect(err).toBe("tool: internal error: boom\nThis is a bug in tool; please report it with the command you ran.\n");
  });
});
