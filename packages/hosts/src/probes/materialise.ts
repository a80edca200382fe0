import type { HostId } from "@agent-plugin/core";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { probePluginName } from "./build.js";
import type { Probe } from "./types.js";

const OUTSIDE = "<outside>/";

/**
 * Writes a probe's files for one host into `root`: the plugin (or marketplace) in `root/files`, and the files it
 * places outside the plugin in `root/outside`. A link target starting with `<outside>/` points into the latter.
 */
export function materialiseProbe(
  probe: Probe,
  host: HostId,
  root: string,
): { dir: string; outside: string; name: string } {
  const name = probePluginName(probe);
  const dir = join(root, "files");
  const outside = join(root, "outside");
  mkdirSync(dir, { recursive: true });
  mkdirSync(outside, { recursive: true });
  for (const [path, content] of Object.entries(probe.outside ?? {})) write(join(outside, path), content);
  for (const [path, content] of Object.entries(probe.files(host, name))) {
    const target = join(dir, path);
    if (typeof content === "object" && "symlink" in content) {
      mkdirSync(dirname(target), { recursive: true });
      const link = content.symlink.startsWith(OUTSIDE)
        ? join(outside, content.symlink.slice(OUTSIDE.length))
        : content.symlink;
      symlinkSync(link, target);
    } else {
      write(target, content);
    }
  }
  return { dir, outside, name };
}

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
