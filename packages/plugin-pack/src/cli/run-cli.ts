import { argvErrorMessage, internalErrorText, isHostId, type HostId } from "@agent-plugin/core";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { PackError, UsageError } from "../errors.js";
import { RELEASE_HELP, releaseCommandOptions } from "./release-commands.js";
import { VERSION } from "../version.js";

const HELP = `Usage: plugin-pack [command] [options]

Pack an agent plugin into a reproducible, signed archive, and check archives before installing them.

Commands:
  plugin-pack [dir]                      lint, bundle MCP servers, and write <name>-<version>.zip
      --out <dir>                        output folder (default: dist); SHA256SUMS is kept there
      --sign <keyfile | env:NAME>        sign with an Ed25519 private key (from a file or an env var)
      --signer <command>                 sign through an external command (KMS, HSM); it reads the
                                         payload on stdin and prints a base64 signature
      --signer-public-key <key | file>   the public key the external signer signs for
      --no-lint                          skip linting (errors otherwise stop the pack)
      --target <host>                    codex (default) or claude-code, for linting
  plugin-pack ls [dir] [--why]           the files that would be packed; --why: the rule for each
  plugin-pack keygen [--out <dir>] [--name <name>] [--force]
                                         an Ed25519 key pair: <name>.key (0600) and <name>.pub
  plugin-pack verify <archive> --trust <key | file> [--allow-unsigned]
                                         every file matches the signed manifest and the key is trusted
  plugin-pack inspect <archive | dir>    what the plugin can do: skills, MCP servers, auth, hooks, apps
  plugin-pack diff <old> <new> [--fail-on <kinds>]
                                         capability changes; --fail-on hooks,servers,endpoints,auth,apps,skills,any
  plugin-pack unpack <archive> <dir> --trust <key | file> [--allow-unsigned]
                                         verify, then extract safely into a new folder
  plugin-pack install <archive> --trust <key | file> [--allow-unsigned] [--marketplace <path>]
                                         verify, then install into <marketplace>/plugins/<name> and add or
                                         update its entry in .agents/plugins/marketplace.json
      --marketplace <path>               the marketplace root folder or its marketplace.json (default: .)
      --name <name>                      the entry to update; refused if the archive holds another plugin
      --category <category>              category of a new entry (default: the plugin's, else Productivity)
      --installation <policy>            AVAILABLE (default), INSTALLED_BY_DEFAULT or NOT_AVAILABLE
      --authentication <policy>          ON_INSTALL or ON_USE (default: ON_INSTALL for a remote MCP server
                                         or an app, else ON_USE); all three flags also change an existing entry
      --dry-run                          print what would change, write nothing
${RELEASE_HELP}
Every command takes --json (the same data as the library API), -h/--help and -v/--version.
Exit codes: 0 ok, 1 verification or lint failed (or --fail-on matched), 2 usage or input error.
`;

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const COMMANDS = new Set([
  "ls",
  "keygen",
  "verify",
  "inspect",
  "diff",
  "unpack",
  "install",
  "version",
  "release",
  "pack",
]);

/** Parses argv, runs one command, prints, and returns the exit code. Never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  const command = first !== undefined && COMMANDS.has(first) ? first : "pack";
  const args = command === "pack" && first !== "pack" ? [...argv] : rest;
  let json = false;
  try {
    const parsed = parse(args, optionsFor(command));
    json = parsed.values.json === true;
    if (parsed.values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (parsed.values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    return await run(command, parsed.values, parsed.positionals, io);
  } catch (error) {
    return await report(error, io, json);
  }
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Each command loads only its own code (the bin is split into chunks): verify and inspect never load
 * the linter or esbuild, so they start fast in a release pipeline.
 */
async function run(command: string, values: Values, positionals: string[], io: CliIo): Promise<number> {
  const { cwd } = io;
  const print = (data: unknown, text: string) => io.stdout(values.json ? `${JSON.stringify(data, null, 2)}\n` : text);
  const target = hostOption(values.target);
  switch (command) {
    case "pack": {
      expectPositionals(command, positionals, 0, 1);
      const { pack, renderPack } = await import("../pack/index.js");
      const result = await pack({
        cwd,
        env: io.env,
        lint: values.lint !== false && values["no-lint"] !== true,
        ...(positionals[0] ? { dir: positionals[0] } : {}),
        ...(typeof values.out === "string" ? { outDir: values.out } : {}),
        ...(typeof values.sign === "string" ? { sign: values.sign } : {}),
        ...(typeof values.signer === "string" ? { signer: values.signer } : {}),
        ...(typeof values["signer-public-key"] === "string" ? { signerPublicKey: values["signer-public-key"] } : {}),
        ...(target ? { target } : {}),
      });
      print(result, renderPack(result, cwd));
      return 0;
    }
    case "ls": {
      expectPositionals(command, positionals, 0, 1);
      const { planPack, renderList } = await import("../pack/index.js");
      const plan = await planPack({
        cwd,
        ...(positionals[0] ? { dir: positionals[0] } : {}),
        ...(target ? { target } : {}),
      });
      print({ root: plan.selection.root, files: plan.decisions }, renderList(plan, values.why === true));
      return 0;
    }
    case "keygen": {
      expectPositionals(command, positionals, 0, 0);
      const { writeKeyPair, renderKeygen } = await import("../signing/index.js");
      const result = writeKeyPair(typeof values.out === "string" ? values.out : cwd, {
        force: values.force === true,
        ...(typeof values.name === "string" ? { name: values.name } : {}),
        cwd,
      });
      print(result, renderKeygen(result, cwd));
      return 0;
    }
    case "verify": {
      expectPositionals(command, positionals, 1, 1);
      const { verifyArchive, renderVerify } = await import("../signing/index.js");
      const trust = await trustOption(values, cwd);
      const result = await verifyArchive(positionals[0]!, {
        trust,
        allowUnsigned: values["allow-unsigned"] === true,
        cwd,
      });
      print(result, renderVerify(result, cwd));
      return result.ok ? 0 : 1;
    }
    case "inspect": {
      expectPositionals(command, positionals, 1, 1);
      const { inspect, renderInspect } = await import("../report/index.js");
      const result = await inspect(positionals[0]!, { cwd });
      print(result, renderInspect(result));
      return 0;
    }
    case "diff": {
      expectPositionals(command, positionals, 2, 2);
      const { diff, failOnKinds, shouldFail, renderDiff } = await import("../report/index.js");
      const kinds = typeof values["fail-on"] === "string" ? failOnKinds(values["fail-on"]) : undefined;
      const result = await diff(positionals[0]!, positionals[1]!, { cwd });
      print(result, renderDiff(result));
      return kinds && shouldFail(result, kinds) ? 1 : 0;
    }
    case "unpack": {
      expectPositionals(command, positionals, 2, 2);
      const [{ unpack }, { renderVerify }] = await Promise.all([
        import("../install/index.js"),
        import("../signing/index.js"),
      ]);
      const trust = await trustOption(values, cwd);
      const result = await unpack(positionals[0]!, positionals[1]!, {
        trust,
        allowUnsigned: values["allow-unsigned"] === true,
        cwd,
      });
      print(result, `${renderVerify(result.report, cwd)}  unpacked into ${result.targetDir}\n`);
      return 0;
    }
    case "install": {
      expectPositionals(command, positionals, 1, 1);
      const [{ install, InstallVerificationError, renderInstall }, { renderVerify }] = await Promise.all([
        import("../install/index.js"),
        import("../signing/index.js"),
      ]);
      if (values.trust === undefined && values["allow-unsigned"] !== true) {
        throw new UsageError(
          "install needs --trust <public key | .pub file | trust file> (or --allow-unsigned to install an unsigned archive)",
        );
      }
      const trust = await trustOption(values, cwd);
      type Options = Parameters<typeof install>[1];
      const flag = (name: string) => (typeof values[name] === "string" ? values[name] : undefined);
      try {
        const result = await install(positionals[0]!, {
          trust,
          allowUnsigned: values["allow-unsigned"] === true,
          dryRun: values["dry-run"] === true,
          cwd,
          marketplace: flag("marketplace"),
          name: flag("name"),
          category: flag("category"),
          // install() checks the policy values itself, naming the flag.
          installation: flag("installation") as Options["installation"],
          authentication: flag("authentication") as Options["authentication"],
        });
        print(result, renderInstall(result, cwd));
        return 0;
      } catch (error) {
        // A failed verification is exit 1, as for verify: the report on stdout, one line on stderr.
        if (!(error instanceof InstallVerificationError)) throw error;
        io.stdout(
          values.json
            ? `${JSON.stringify({ error: error.message, verify: error.report }, null, 2)}\n`
            : renderVerify(error.report, cwd),
        );
        io.stderr(`plugin-pack: ${error.message}\n`);
        return 1;
      }
    }
    case "version":
    case "release": {
      expectPositionals(command, positionals, 0, 1);
      const { runReleaseCommand } = await import("./release-commands.js");
      const result = await runReleaseCommand(command, values, positionals[0], { cwd, env: io.env });
      print(result.data, result.text);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function trustOption(values: Values, cwd: string) {
  const specs = Array.isArray(values.trust) ? values.trust.filter((s): s is string => typeof s === "string") : [];
  if (specs.length === 0 && values["allow-unsigned"] !== true) {
    throw new UsageError(
      "verify needs --trust <public key | .pub file | trust file> (or --allow-unsigned to check integrity only)",
    );
  }
  const { loadTrust } = await import("../signing/index.js");
  return loadTrust(specs, { cwd });
}

function hostOption(value: unknown): HostId | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isHostId(value))
    throw new UsageError(`unknown --target "${String(value)}": use codex or claude-code`);
  return value;
}

function expectPositionals(command: string, positionals: string[], min: number, max: number): void {
  if (positionals.length < min)
    throw new UsageError(`${command} needs ${min === 1 ? "an archive" : `${min} arguments`}; see plugin-pack --help`);
  if (positionals.length > max)
    throw new UsageError(
      `${command} takes at most ${max} argument${max === 1 ? "" : "s"}, got "${positionals.slice(max).join(" ")}"; see plugin-pack --help`,
    );
}

const common = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

function optionsFor(command: string): NonNullable<ParseArgsConfig["options"]> {
  switch (command) {
    case "pack":
      return {
        ...common,
        out: { type: "string", short: "o" },
        sign: { type: "string" },
        signer: { type: "string" },
        "signer-public-key": { type: "string" },
        "no-lint": { type: "boolean" },
        target: { type: "string" },
      };
    case "ls":
      return { ...common, why: { type: "boolean" }, target: { type: "string" } };
    case "keygen":
      return { ...common, out: { type: "string", short: "o" }, name: { type: "string" }, force: { type: "boolean" } };
    case "verify":
    case "unpack":
      return { ...common, trust: { type: "string", multiple: true }, "allow-unsigned": { type: "boolean" } };
    case "diff":
      return { ...common, "fail-on": { type: "string" } };
    case "install":
      return {
        ...common,
        trust: { type: "string", multiple: true },
        "allow-unsigned": { type: "boolean" },
        marketplace: { type: "string" },
        name: { type: "string" },
        category: { type: "string" },
        installation: { type: "string" },
        authentication: { type: "string" },
        "dry-run": { type: "boolean" },
      };
    case "version":
    case "release":
      return { ...common, ...releaseCommandOptions[command] };
    default:
      return { ...common };
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${argvErrorMessage(error)}; see plugin-pack --help`);
  }
}

/** The one place typed errors become messages and exit codes. */
async function report(error: unknown, io: CliIo, json: boolean): Promise<number> {
  const { LintFailedError } = await import("../pack/index.js");
  if (error instanceof LintFailedError) {
    const { formatters } = await import("@agent-plugin/plugin-lint");
    io.stdout(
      json
        ? `${JSON.stringify({ error: error.message, lint: error.report.results }, null, 2)}\n`
        : formatters.stylish!(error.report, { cwd: io.cwd, color: false, toolVersion: VERSION }),
    );
    io.stderr(`plugin-pack: ${error.message}\n`);
    return 1;
  }
  const known = error instanceof UsageError || error instanceof PackError;
  const message = error instanceof Error ? error.message : String(error);
  if (json) io.stdout(`${JSON.stringify({ error: message }, null, 2)}\n`);
  if (known) {
    io.stderr(`plugin-pack: ${message}\n`);
    return 2;
  }
  io.stderr(internalErrorText("plugin-pack", error));
  return 2;
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
}
