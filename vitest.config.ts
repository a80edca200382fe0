import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

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
    // Files share one worker process and its module graph: importing the sources again for every file was half
    // the fast suite's CPU time. Safe because no test mocks a module, and what a test stubs (spies, process.env)
    // is restored after it, so nothing leaks into the next file.
    isolate: false,
    restoreMocks: true,
    unstubEnvs: true,
    // plugin-pack's CLI appends to ~/.agent-plugin/audit.jsonl by default: tests (and the bins they spawn) write
    // to a throwaway log instead.
    env: { AGENT_PLUGIN_AUDIT_LOG: join(tmpdir(), `agent-plugin-test-audit-${process.pid}.jsonl`) },
  },
});
