import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that hold a worker longest (CI seconds on 2 cores, longest first). Without a results cache (a fresh
 * clone, CI) vitest starts the largest files first, and these are not the largest: the host harness was 86th of
 * 132 files and could start late and stretch the run by minutes. Started first, the rest of the suite fills the other
 * worker around them.
 */
const LONGEST_FIRST = [
  "internal/registry-e2e/src/registry.test.ts", // ~270 s: the first run from a local registry
  "internal/host-fidelity/src/fixtures.test.ts", // ~135 s: real Codex and Claude Code sessions
  "internal/host-fidelity/src/whole.test.ts",
  "packages/plugin-pack/src/try/try-cli.test.ts",
  "packages/hosts/src/hosts.test.ts",
  "internal/host-fidelity/src/portable-release.test.ts",
  "internal/registry-e2e/src/npm-channel.test.ts",
  "packages/plugin-pack/src/cli/hardening-bin.test.ts",
  "packages/create-agent-plugin/src/cli.test.ts",
  "packages/plugin-pack/src/lifecycle/lifecycle-hosts.test.ts",
];

class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's own order (cached durations, else size).
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  // Tests import workspace packages from their sources, so a rule test needs no build step.
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "internal/*/src/**/*.test.ts", "scripts/**/*.test.ts", "bench/*.test.mjs"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // CLI tests spawn real processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    // Files share one worker process and its module graph: importing the sources again for every file was half
    // the fast suite's CPU time. Safe because no test mocks a module, and what a test stubs (spies, process.env)
    // is restored after it, so nothing leaks into the next file.
    isolate: false,
    restoreMocks: true,
    unstubEnvs: true,
    // plugin-pack's CLI appends to ~/.agent-plugin/audit.jsonl, and the bins cache deflated files and their own
    // compiled code in ~/.cache by default: tests (and the bins they spawn) write to a throwaway log and cache
    // folders instead.
    env: {
      AGENT_PLUGIN_CODE_CACHE: join(tmpdir(), `agent-plugin-test-code-cache-${process.pid}`),
      AGENT_PLUGIN_AUDIT_LOG: join(tmpdir(), `agent-plugin-test-audit-${process.pid}.jsonl`),
      AGENT_PLUGIN_PACK_CACHE: join(tmpdir(), `agent-plugin-test-pack-cache-${process.pid}`),
    },
  },
});
