/**
 * `plugin-pack install npm:@scope/name@range`: npm resolves the range and fetches the version; the registry's
 * signature and provenance must verify where the registry has them, and the plugin's own signature against --trust;
 * then it installs exactly as an archive does.
 */
import { fetchNpmArchive, type NpmFacts } from "../npm/index.js";
import { verificationFailure, verifyArchive } from "../signing/index.js";
import { install, type InstallOptions, type InstallReport, InstallVerificationError } from "./install.js";

export interface NpmInstallReport extends InstallReport {
  npm: NpmFacts;
}

export async function installNpm(
  argument: string,
  options: InstallOptions & { env?: NodeJS.ProcessEnv },
): Promise<NpmInstallReport> {
  const cwd = options.cwd ?? process.cwd();
  const fetched = await fetchNpmArchive(argument, { cwd, env: options.env ?? process.env });
  const label = `npm:${fetched.npm.name}@${fetched.npm.version}`;
  try {
    if (fetched.problems.length > 0) {
      // The registry's word failed: report it with the plugin's own verification, and install nothing.
      const verified = await verifyArchive(fetched.archive, options);
      const report = {
        ...verified,
        archive: label,
        ok: false,
        problems: [...fetched.problems, ...verified.problems],
      };
      throw new InstallVerificationError(verificationFailure(report, label, "nothing was installed"), report);
    }
    const report = await install(fetched.archive, { ...options, cwd, label });
    return { ...report, archive: { ...report.archive, path: label }, npm: fetched.npm };
  } finally {
    fetched.remove();
  }
}
