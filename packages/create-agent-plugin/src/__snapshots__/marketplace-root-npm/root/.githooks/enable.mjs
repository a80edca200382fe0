// Makes git run the hooks in .githooks/ (the pre-commit lint). `npm install` runs this as the
// "prepare" script. It only acts when this folder is the top of its git repository: inside a
// larger repository it leaves that repository's hooks setting alone, and without git it does nothing.
import { execFileSync } from "node:child_process";

const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

try {
  if (git("rev-parse", "--show-prefix") === "") git("config", "core.hooksPath", ".githooks");
} catch {
  // Not a git repository yet (run `npm install` again after `git init`), or git is not installed.
}
