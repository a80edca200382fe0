import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests import workspace packages from their sources, so a rule test needs no build step.
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "internal/*/src/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // CLI tests spawn real processes; two workers match the CI machine's two cores.
    maxWorkers: 2,
    restoreMocks: true,
  },
});
