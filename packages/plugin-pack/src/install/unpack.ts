/**
 * `plugin-pack unpack`: verify, then extract the very bytes that were verified (the archive is read once),
 * or write nothing at all.
 */
import { resolve } from "node:path";
import { PackError } from "../errors.js";
import { refuseUnwritableNames } from "./unwritable-names.js";
import { checkExtractTarget, extractArchive, readArchiveAt } from "../archive/index.js";
import { type VerifyReport, verificationFailure, verifyReadArchive, type VerifyOptions } from "../signing/index.js";

export async function unpack(
  path: string,
  targetDir: string,
  options: VerifyOptions,
): Promise<{ report: VerifyReport; targetDir: string }> {
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, targetDir);
  // Fail before reading anything when the target is unusable.
  checkExtractTarget(target, targetDir);
  const archive = await readArchiveAt(resolve(cwd, path), path, options.limits);
  const report = verifyReadArchive(archive, options, path);
  if (!report.ok) {
    throw new PackError(verificationFailure(report, path, "nothing was unpacked"), archive.path);
  }
  refuseUnwritableNames(archive, path, "nothing was unpacked");
  extractArchive(archive, target);
  return { report, targetDir: target };
}
