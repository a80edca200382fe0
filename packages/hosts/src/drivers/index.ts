import type { HostId } from "@agent-plugin/core";
import semver from "semver";
import { HostError } from "../errors.js";
import { claudeCodeCliDriver } from "./claude-code-cli.js";
import { codexAppServerInstallDriver } from "./codex-app-server-install.js";
import { codexCliDriver } from "./codex-cli.js";
import type { HostDriver } from "./types.js";

export const drivers: readonly HostDriver[] = [codexCliDriver, codexAppServerInstallDriver, claudeCodeCliDriver];

/** The driver that understands this host version, or a one-line error naming the versions that are understood. */
export function driverFor(host: HostId, version: string): HostDriver {
  const driver = drivers.find(
    (candidate) => candidate.host === host && semver.satisfies(version, candidate.understands),
  );
  if (driver !== undefined) return driver;
  const known = drivers
    .filter((candidate) => candidate.host === host)
    .map((candidate) => `${candidate.understands} (${candidate.id})`)
    .join(", ");
  throw new HostError(`no driver understands ${host} ${version}: this @agent-plugin/hosts drives ${host} ${known}`);
}
