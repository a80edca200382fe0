/**
 * Requiring a CommonJS file a bin ships beside its bundle (a schema validator, the vendored `yaml`): through the bin's
 * code cache when the launcher runs the bundle (it registers itself under this symbol), else Node's own require
 * (the library builds, the sources in tests, Node 22.1+ with its own compile cache).
 */
import { createRequire } from "node:module";

export const SHIPPED_REQUIRE = Symbol.for("agent-plugin.shippedRequire");

type ShippedRequire = (file: string) => unknown;

/** `file`'s exports; `file` is an absolute path. */
export function requireShipped(file: string): unknown {
  const hook = (globalThis as { [SHIPPED_REQUIRE]?: ShippedRequire })[SHIPPED_REQUIRE];
  return hook ? hook(file) : createRequire(file)(file);
}

export function registerShippedRequire(hook: ShippedRequire | undefined): void {
  (globalThis as { [SHIPPED_REQUIRE]?: ShippedRequire })[SHIPPED_REQUIRE] = hook;
}
