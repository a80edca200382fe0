import type { HostId } from "@agent-plugin/core";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The npm package each host ships in, and where its native binary lands in an install. */
export interface HostPackage {
  displayName: string;
  npmPackage: string;
  /** The native binary inside `<prefix>/node_modules`, or undefined when this platform has none. */
  findBinary(prefix: string): string | undefined;
}

const exe = process.platform === "win32" ? ".exe" : "";

/** Rust target triples Codex ships, by Node's platform and architecture. */
function codexTriple(): string | undefined {
  const triples: Record<string, string> = {
    "linux-x64": "x86_64-unknown-linux-musl",
    "linux-arm64": "aarch64-unknown-linux-musl",
    "darwin-x64": "x86_64-apple-darwin",
    "darwin-arm64": "aarch64-apple-darwin",
    "win32-x64": "x86_64-pc-windows-msvc",
    "win32-arm64": "aarch64-pc-windows-msvc",
  };
  return triples[`${process.platform}-${process.arch}`];
}

export const hostPackages: Record<HostId, HostPackage> = {
  codex: {
    displayName: "Codex",
    npmPackage: "@openai/codex",
    findBinary(prefix) {
      const triple = codexTriple();
      if (triple === undefined) return undefined;
      const platformPackage = `codex-${process.platform}-${process.arch}`;
      // 0.171 keeps the binary in vendor/<triple>/bin/, 0.117 in vendor/<triple>/codex/; both in the platform package.
      return firstExisting(
        ["bin", "codex"].flatMap((folder) => [
          join(prefix, "node_modules/@openai", platformPackage, "vendor", triple, folder, `codex${exe}`),
          join(prefix, "node_modules/@openai/codex/vendor", triple, folder, `codex${exe}`),
        ]),
      );
    },
  },
  "claude-code": {
    displayName: "Claude Code",
    npmPackage: "@anthropic-ai/claude-code",
    findBinary(prefix) {
      const platform = `${process.platform}-${process.arch}`;
      // The wrapper's postinstall (which we do not run) would copy this binary over bin/claude.exe.
      return firstExisting(
        [platform, `${platform}-musl`].map((name) =>
          join(prefix, "node_modules/@anthropic-ai", `claude-code-${name}`, `claude${exe}`),
        ),
      );
    },
  },
};

function firstExisting(paths: readonly string[]): string | undefined {
  return paths.find((path) => existsSync(path));
}
