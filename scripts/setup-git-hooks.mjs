// `pnpm install` runs this (the root "prepare" script): point git at .githooks so every commit is checked.
// Outside a git checkout (a tarball, a CI cache) there is nothing to set up.
import { execFileSync } from "node:child_process";

try {
  execFileSync("git", ["rev-parse", "--git-dir"], { stdio: "ignore" });
  execFileSync("git", ["config", "core.hooksPath", ".githooks"], { stdio: "ignore" });
  execFileSync("git", ["config", "blame.ignoreRevsFile", ".git-blame-ignore-revs"], { stdio: "ignore" });
} catch {
  // Not a git checkout, or git is missing: hooks are a convenience, never a reason for install to fail.
}
