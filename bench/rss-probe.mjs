// Preloaded into a benchmarked process: records its peak resident set size at exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const target = process.env.BENCH_RSS_FILE;
  if (target) writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
});
