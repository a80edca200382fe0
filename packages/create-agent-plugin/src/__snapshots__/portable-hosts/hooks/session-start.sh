#!/bin/sh
# acme-docs SessionStart hook.
# Prints a few lines of context about the git repository the session runs in
# (Codex runs hooks from the session's folder, the user's workspace); the host
# adds them to the session. The hook payload on stdin is read and ignored.
# The script always exits 0, so it never blocks a session; outside a git
# repository it prints nothing.

if [ ! -t 0 ]; then
  cat >/dev/null
fi

top=$(git rev-parse --show-toplevel 2>/dev/null) || exit 0

branch=$(git -C "$top" symbolic-ref --quiet --short HEAD 2>/dev/null || echo "detached HEAD")
changes=$(git -C "$top" status --porcelain 2>/dev/null | wc -l | tr -d ' ')
last=$(git -C "$top" log -1 --format='%h %s' 2>/dev/null || true)

echo "Acme Docs context (from the acme-docs plugin):"
echo "- Repository: $(basename "$top"), branch $branch, $changes uncommitted change(s)"
if [ -n "$last" ]; then
  echo "- Last commit: $last"
fi

exit 0
