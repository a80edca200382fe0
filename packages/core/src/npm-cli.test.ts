import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isNpmNotFound, type NpmRun, npmEnvFor, npmErrorCode, npmFailure, runNpm } from "./npm-cli.js";

const work = mkdtempSync(join(tmpdir(), "npm-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH holding only a fake `npm` that runs the given shell body. */
function fakeNpmPath(name: string, body: string): string {
  const bin = join(work, name);
  mkdirSync(bin);
  writeFileSync(join(bin, "npm"), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, "npm"), 0o755);
  return `${bin}:/bin:/usr/bin`;
}

const failed = (stderr: string, stdout = ""): NpmRun => ({ code: 1, stdout, stderr, timedOut: false });

describe.runIf(process.platform !== "win32")("runNpm", () => {
  it("passes the arguments, captures the output and forces ignore-scripts", async () => {
    const PATH = fakeNpmPath("echoing", 'echo "args:$*"; echo "scripts:$npm_config_ignore_scripts" >&2; exit 3');
    const run = await runNpm(["view", "x"], {
      cwd: work,
      env: { PATH, npm_config_ignore_scripts: "false" },
      timeoutMs: 10_000,
    });
    expect(run).toEqual({ code: 3, stdout: "args:view x\n", stderr: "scripts:true\n", timedOut: false });
  });

  it("kills npm at the timeout instead of hanging", async () => {
    const PATH = fakeNpmPath("hanging", "exec sleep 30");
    const started = Date.now();
    const run = await runNpm(["pack"], { cwd: work, env: { PATH }, timeoutMs: 300 });
    expect(run.timedOut).toBe(true);
    expect(run.code).toBeNull();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("says why npm could not start when there is none on PATH", async () => {
    const run = await runNpm(["pack"], { cwd: work, env: { PATH: join(work, "nowhere") }, timeoutMs: 10_000 });
    expect(run.spawnError).toBe("ENOENT");
  });
});

describe("npmEnvFor", () => {
  const env = { PATH: "/bin", npm_config_local_prefix: "/repo", npm_config_registry: "http://enclosing/" };

  it("keeps a package manager's exported config inside the project it was read from", () => {
    expect(npmEnvFor("/repo/marketplace", env)).toBe(env);
  });

  it("drops it for a folder outside that project, so npm reads the folder's own .npmrc", () => {
    expect(npmEnvFor("/elsewhere/marketplace", env)).toEqual({ PATH: "/bin" });
  });
});

describe("reading npm's failures", () => {
  const notFound = failed(
    "npm error code E404\nnpm error 404 Not Found - GET http://r/@acme%2fx\nnpm error A complete log of this run can be found in: /l\n",
  );

  it("takes npm's error code and its first error lines, without the log pointer", () => {
    expect(npmErrorCode(notFound)).toBe("E404");
    expect(npmFailure(notFound)).toBe("404 Not Found - GET http://r/@acme%2fx");
    expect(isNpmNotFound(notFound)).toBe(true);
  });

  it("falls back to the last lines when npm printed no error lines, and to the exit code when it printed nothing", () => {
    expect(npmFailure(failed("first\nsecond\nthird\n"))).toBe("second / third");
    expect(npmFailure(failed(""))).toBe("npm exited with code 1");
    expect(isNpmNotFound(failed("npm error code ECONNREFUSED"))).toBe(false);
  });
});
