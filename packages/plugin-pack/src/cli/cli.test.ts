// The CLI end to end: keygen, pack --sign, verify, inspect, diff, unpack, ls. The built bin runs a smoke test of each
// command; every other behaviour runs in-process through runCli(argv, io), the same code without a process start.
import { bins, inheritedEnv, repoRoot, runCli, runInProcess, tempDir, writeTree } from "@agent-plugin/test-utils";
import { execa } from "execa";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode, ToolError } from "@agent-plugin/core";
import { PackError } from "../errors.js";
import { InstallVerificationError } from "../install/index.js";
import { LintFailedError } from "../pack/index.js";
import { cli, type PackCommand, runCli as runPluginPack } from "./index.js";

const examples = ["release-notes", "repo-insights", "issue-triage", "marketplace/plugins/pr-review"];
/** The built bin, as users run it. */
const viaBin = (args: string[], cwd: string) => runCli(bins.pluginPack, args, { cwd });
/** The same CLI in this process, with the environment a spawned bin would inherit. */
const pluginPack = (args: string[], cwd: string, env?: Record<string, string>) =>
  runInProcess(runPluginPack, args, { cwd, env: { ...inheritedEnv(), ...env } });

function copyExample(name: string, into: string): string {
  const target = join(into, name.split("/").pop()!);
  cpSync(join(repoRoot, "examples", name), target, { recursive: true });
  return target;
}

function sha256Of(stdoutJson: string): string {
  return (JSON.parse(stdoutJson) as { sha256: string }).sha256;
}

describe("plugin-pack end to end, through the built bin", () => {
  it("keygen, pack --sign, verify, inspect, unpack", async () => {
    const work = tempDir();
    const plugin = copyExample("repo-insights", work);

    const keygen = await viaBin(["keygen", "--out", "keys", "--json"], work);
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    const key = JSON.parse(keygen.stdout) as { keyId: string; privateKey: string; publicKey: string };
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(statSync(key.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(key.publicKey, "utf8")).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);

    const packed = await viaBin([plugin, "--out", "out", "--sign", key.privateKey], work);
    expect(packed.exitCode, packed.stderr).toBe(0);
    expect(packed.stdout).toMatch(/packed repo-insights \d+\.\d+\.\d+/);
    expect(packed.stdout).toContain(`key ${key.keyId}`);
    expect(packed.stdout).toMatch(/integrity\s+sha512-[A-Za-z0-9+/]+=*/);
    const archive = join(work, "out", readdirSync(join(work, "out")).find((f) => f.endsWith(".zip"))!);
    const sums = readFileSync(join(work, "out", "SHA256SUMS"), "utf8");
    const check = await execa("sha256sum", ["-c", "SHA256SUMS"], { cwd: join(work, "out"), reject: false });
    expect(check.exitCode, check.stderr).toBe(0);
    expect(sums.trim().split("\n")).toHaveLength(1);

    const zipTest = await execa("unzip", ["-t", archive], { reject: false });
    expect(zipTest.exitCode, zipTest.stdout).toBe(0);

    const verified = await viaBin(["verify", archive, "--trust", key.publicKey, "--json"], work);
    expect(verified.exitCode, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: true,
      signature: { status: "valid", keyId: key.keyId },
      problems: [],
    });

    const inspected = await viaBin(["inspect", archive], work);
    expect(inspected.exitCode, inspected.stderr).toBe(0);
    expect(inspected.stdout).toContain("repo-insights");
    expect(inspected.stdout).toContain(key.keyId);
    const inspectedJson = JSON.parse((await viaBin(["inspect", archive, "--json"], work)).stdout) as {
      mcpServers: { name: string; transport: string }[];
    };
    expect(inspectedJson.mcpServers.map((s) => s.transport).sort()).toEqual(["http", "stdio"]);

    const unpacked = await viaBin(["unpack", archive, "unpacked", "--trust", key.publicKey], work);
    expect(unpacked.exitCode, unpacked.stderr).toBe(0);
    expect(existsSync(join(work, "unpacked/.codex-plugin/plugin.json"))).toBe(true);
    const relinted = await runCli(bins.pluginLint, ["unpacked"], { cwd: work });
    expect(relinted.exitCode, relinted.stdout).toBe(0);
  });

  it("ls, diff and a usage error through the built bin", async () => {
    const work = tempDir();
    const before = copyExample("issue-triage", join(work, "a"));
    const listed = await viaBin(["ls", before], work);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^\.codex-plugin\/plugin\.json$/m);
    expect(listed.stdout).toMatch(/^\d+ files$/m);
    const same = await viaBin(["diff", before, before, "--fail-on", "any", "--json"], work);
    expect(same.exitCode, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ changes: [] });
    const usage = await viaBin(["--bogus"], work);
    expect(usage).toMatchObject({ exitCode: 2, stdout: "" });
    // The bin's output, as a shell sees it (execa drops the last newline).
    expect(usage.stderr).toBe("plugin-pack: Unknown option '--bogus'; see plugin-pack --help");
  });
});

describe("plugin-pack commands", () => {
  it("signs with a key held in an environment variable, which never touches disk", async () => {
    const work = tempDir();
    const plugin = copyExample("release-notes", work);
    const keygen = JSON.parse((await pluginPack(["keygen", "--out", "keys", "--json"], work)).stdout) as {
      privateKey: string;
      publicKey: string;
      keyId: string;
    };
    const pem = readFileSync(keygen.privateKey, "utf8");
    const packed = await pluginPack([plugin, "--out", "out", "--sign", "env:PLUGIN_SIGNING_KEY", "--json"], work, {
      PLUGIN_SIGNING_KEY: pem,
    });
    expect(packed.exitCode, packed.stderr).toBe(0);
    expect(JSON.parse(packed.stdout).signature).toEqual({ keyId: keygen.keyId });
    const empty = await pluginPack([plugin, "--out", "out2", "--sign", "env:MISSING_SIGNING_KEY"], work);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/^plugin-pack: .*MISSING_SIGNING_KEY/);
    expect(existsSync(join(work, "out2"))).toBe(false);
  });

  it("keygen without --out writes the pair into ~/.agent-plugin/keys (HOME from its environment), never the current folder", async () => {
    const home = tempDir();
    const work = tempDir();
    const keygen = await pluginPack(["keygen", "--name", "release"], work, { HOME: home });
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    const keys = join(home, ".agent-plugin", "keys");
    expect(readdirSync(keys).sort()).toEqual(["release.key", "release.pub"]);
    expect(statSync(join(keys, "release.key")).mode & 0o777).toBe(0o600);
    expect(readdirSync(work)).toEqual([]);
    // Outside the current folder, each path is printed whole, so the user sees where the key went.
    expect(keygen.stdout).toContain(`private  ${join(keys, "release.key")} (mode 0600`);
    expect(keygen.stdout).toContain(`--trust ${join(keys, "release.pub")})`);
    const again = await pluginPack(["keygen", "--name", "release", "--json"], work, { HOME: home });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain(`${join(keys, "release.key")} already exists`);
  });

  it.each(examples)("packs examples/%s byte-identically twice and from two clones", async (example) => {
    const first = tempDir();
    const second = tempDir();
    const a = copyExample(example, first);
    const b = copyExample(example, second);
    const runs = await Promise.all([
      pluginPack([a, "--out", "out1", "--json"], first),
      pluginPack([a, "--out", "out2", "--json"], first),
      pluginPack([b, "--out", "out", "--json"], second),
    ]);
    for (const run of runs) expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const hashes = runs.map((r) => sha256Of(r.stdout));
    expect(new Set(hashes).size).toBe(1);
  });

  it("fails verify with a message that says what changed", async () => {
    const work = tempDir();
    const plugin = copyExample("issue-triage", work);
    const key = JSON.parse((await pluginPack(["keygen", "--out", "keys", "--json"], work)).stdout) as {
      privateKey: string;
      publicKey: string;
    };
    const other = JSON.parse((await pluginPack(["keygen", "--out", "other", "--json"], work)).stdout) as {
      publicKey: string;
    };
    const packed = JSON.parse(
      (await pluginPack([plugin, "--out", "out", "--sign", key.privateKey, "--json"], work)).stdout,
    ) as { archive: string };

    const untrusted = await pluginPack(["verify", packed.archive, "--trust", other.publicKey], work);
    expect(untrusted.exitCode).toBe(1);
    expect(untrusted.stdout).toMatch(/not in the trust list/);

    // Re-zip the same content with Info-ZIP: same files, different container.
    const extracted = join(work, "x");
    await execa("unzip", ["-q", packed.archive, "-d", extracted]);
    const rezipped = join(work, "rezipped.zip");
    await execa("zip", ["-q", "-r", rezipped, "."], { cwd: extracted });
    const rezip = await pluginPack(["verify", rezipped, "--trust", key.publicKey], work);
    expect(rezip.exitCode).toBe(1);
    expect(rezip.stdout).toMatch(/re-?zip/i);

    // Flip one byte inside the archive.
    const bytes = readFileSync(packed.archive);
    const middle = Math.floor(bytes.length / 3);
    bytes[middle] = bytes[middle]! ^ 0xff;
    const flipped = join(work, "flipped.zip");
    writeFileSync(flipped, bytes);
    const flip = await pluginPack(["verify", flipped, "--trust", key.publicKey], work);
    expect(flip.exitCode).toBe(1);
    expect(flip.stdout + flip.stderr).not.toMatch(/\n\s+at /);

    // Truncated.
    const truncated = join(work, "truncated.zip");
    writeFileSync(truncated, readFileSync(packed.archive).subarray(0, 200));
    const cut = await pluginPack(["verify", truncated, "--trust", key.publicKey], work);
    expect(cut.exitCode).toBe(1);
    expect(cut.stdout).toMatch(/not a ZIP archive or is truncated/);
  });

  it("stops on lint errors, and --no-lint skips linting", async () => {
    const work = tempDir();
    writeTree(work, {
      "broken/.codex-plugin/plugin.json": {
        name: "broken",
        version: "1.0.0",
        description: "x",
        interface: { defaultPrompt: ["x".repeat(600)] },
      },
    });
    const failed = await pluginPack(["broken", "--out", "out"], work);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain("manifest/default-prompt");
    expect(failed.stderr).toMatch(/^plugin-pack: lint found 1 error/);
    expect(existsSync(join(work, "out"))).toBe(false);
    const forced = await pluginPack(["broken", "--out", "out", "--no-lint"], work);
    expect(forced.exitCode, forced.stderr).toBe(0);
  });

  it("ls --why explains each file", async () => {
    const work = tempDir();
    const plugin = copyExample("release-notes", work);
    writeTree(plugin, { ".env": "TOKEN=1\n", "notes.log": "x\n", ".pluginignore": "drafts/\n", "drafts/a.md": "x\n" });
    const listed = await pluginPack(["ls", plugin, "--why"], work);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^- \.env\s+default: /m);
    expect(listed.stdout).toMatch(/^- notes\.log\s+default: /m);
    expect(listed.stdout).toMatch(/^- drafts\/\s+\.pluginignore:1: drafts\//m);
    expect(listed.stdout).toMatch(/^\+ \.codex-plugin\/plugin\.json\s+/m);
  });

  it("diff --fail-on flags a new hook and a new endpoint", async () => {
    const work = tempDir();
    const before = copyExample("issue-triage", join(work, "a"));
    const after = copyExample("issue-triage", join(work, "b"));
    const hooks = JSON.parse(readFileSync(join(after, "hooks/hooks.json"), "utf8")) as {
      hooks: Record<string, unknown[]>;
    };
    hooks.hooks.Stop = [{ hooks: [{ type: "command", command: "./hooks/session-context.sh" }] }];
    writeFileSync(join(after, "hooks/hooks.json"), `${JSON.stringify(hooks, null, 2)}\n`);
    const changed = await pluginPack(["diff", before, after, "--fail-on", "hooks,servers,endpoints"], work);
    expect(changed.exitCode, changed.stderr).toBe(1);
    expect(changed.stdout).toContain("Stop");
    const same = await pluginPack(["diff", before, before, "--fail-on", "any"], work);
    expect(same.exitCode, same.stderr).toBe(0);
    const bad = await pluginPack(["diff", before, after, "--fail-on", "hookz"], work);
    expect(bad.exitCode).toBe(2);
  });

  it("usage errors exit 2 with one line and no stack", async () => {
    const work = tempDir();
    for (const args of [
      ["verify"],
      ["verify", "x.zip"],
      ["--bogus"],
      ["inspect", "nope"],
      ["nope-folder"],
      ["unpack", "a.zip"],
    ]) {
      const result = await pluginPack(args, work);
      expect(result.exitCode, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^plugin-pack: /);
    }
  });
});

describe("plugin-pack --help, generated from the declaration", () => {
  const help = (argv: string[]) => runInProcess(runPluginPack, argv, { cwd: tempDir() });
  const commands: Readonly<Record<string, PackCommand>> = cli.commands;

  it("lists every command with its arguments, the options of every command and the exit codes", async () => {
    const top = await help(["--help"]);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toMatch(/^Usage: plugin-pack \[command\] \[options\]\n/);
    for (const [name, command] of Object.entries(commands)) {
      const invocation = name === cli.defaultCommand ? "plugin-pack" : `plugin-pack ${name}`;
      expect(top.stdout).toContain(invocation);
      expect(top.stdout.replace(/\s+/g, " ")).toContain(command.summary);
    }
    for (const option of Object.keys(cli.globalOptions)) expect(top.stdout).toContain(`--${option}`);
    expect(top.stdout.trimEnd().endsWith(cli.footer)).toBe(true);
  });

  it("shows each command's arguments and every option it takes, with defaults and accepted values", async () => {
    for (const [name, command] of Object.entries(commands)) {
      const page = await help([name, "--help"]);
      expect(page.exitCode, name).toBe(0);
      expect(page.stdout).toMatch(new RegExp(`^Usage: plugin-pack ${name}\\b`));
      const text = page.stdout.replace(/\s+/g, " ");
      const options: Record<string, { description: string }> = { ...command.options, ...cli.globalOptions };
      for (const [option, spec] of Object.entries(options)) {
        expect(page.stdout, `${name} --${option}`).toContain(`--${option}`);
        expect(text, `${name} --${option}`).toContain(spec.description);
      }
      expect(page.stdout.trimEnd().endsWith(cli.footer), name).toBe(true);
    }
    const pack = (await help(["pack", "--help"])).stdout.replace(/\s+/g, " ");
    expect(pack).toContain("output folder (default: dist); SHA256SUMS is kept there");
    expect(pack).toContain("codex (default) or claude-code, for linting");
    const install = (await help(["install", "--help"])).stdout.replace(/\s+/g, " ");
    expect(install).toContain("AVAILABLE (default), INSTALLED_BY_DEFAULT or NOT_AVAILABLE");
  });

  it("refuses a flag another command declares, naming --help", async () => {
    const result = await runInProcess(runPluginPack, ["verify", "a.zip", "--marketplace", "x"], { cwd: tempDir() });
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toBe("plugin-pack: Unknown option '--marketplace'; see plugin-pack --help\n");
  });
});

describe("one error model: the exit code is the error's", () => {
  it("gives input problems exit 2, a failed lint and a failed verification exit 1", () => {
    const lintReport = { results: [], errorCount: 1, warningCount: 0 } as unknown as LintFailedError["report"];
    const verifyReport = {
      archive: "a.zip",
      ok: false,
      fileCount: 0,
      signature: { status: "invalid" as const },
      problems: [],
    };
    const errors: [ToolError, number][] = [
      [new PackError("a.zip does not exist", "a.zip"), ExitCode.fatal],
      [new LintFailedError(lintReport), ExitCode.findings],
      [new InstallVerificationError("a.zip failed verification", verifyReport), ExitCode.findings],
    ];
    for (const [error, exitCode] of errors) {
      expect(error).toBeInstanceOf(ToolError);
      expect(error.exitCode, error.name).toBe(exitCode);
    }
    expect(errors[0]![0].file).toBe("a.zip");
    expect(errors[2]![0]).toBeInstanceOf(PackError);
  });

  it("reports a bug as one line that says so, exit 2, without a stack", async () => {
    let stderr = "";
    const io = {
      cwd: tempDir(),
      env: {},
      stdout: () => {
        throw new TypeError("stdout is gone");
      },
      stderr: (text: string) => {
        stderr += text;
      },
    };
    expect(await runPluginPack(["--version"], io)).toBe(2);
    expect(stderr).toBe(
      "plugin-pack: internal error: stdout is gone\nThis is a bug in plugin-pack; please report it with the command you ran.\n",
    );
  });
});
