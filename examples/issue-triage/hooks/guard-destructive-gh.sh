#!/bin/sh
# issue-triage PreToolUse hook for shell commands.
# Triage must stay reversible: labels, comments, assignees and closing an issue
# can all be undone, but deleting an issue or a label cannot, and transferring
# an issue to another repository drops its labels and milestone. This hook
# blocks those commands, whether run through `gh issue`/`gh label` or through
# `gh api` with the DELETE method.
#
# Input: the hook payload (JSON) on stdin. The command may appear as a string or
# as an argument array, so the whole payload is searched as flat text.
# Output: exit 0 to allow; exit 2 with a reason on stderr to block.

payload=$(cat)
flat=$(printf '%s' "$payload" | tr '\n\r\t' '   ')

block() {
  echo "issue-triage: blocked \"$1\". It deletes data or cannot be cleanly undone, so triage never runs it. Tell the user what you wanted to do and why, and let them run it themselves." >&2
  exit 2
}

if printf '%s' "$flat" | grep -Eq 'gh[[:space:]",]+issue[[:space:]",]+delete'; then
  block "gh issue delete"
fi
if printf '%s' "$flat" | grep -Eq 'gh[[:space:]",]+issue[[:space:]",]+transfer'; then
  block "gh issue transfer"
fi
if printf '%s' "$flat" | grep -Eq 'gh[[:space:]",]+label[[:space:]",]+delete'; then
  block "gh label delete"
fi
if printf '%s' "$flat" | grep -Eq 'gh[[:space:]",]+api' &&
  printf '%s' "$flat" | grep -Eiq '(-X|--method)[[:space:]",=]*DELETE' &&
  printf '%s' "$flat" | grep -Eq '/(issues|labels)'; then
  block "gh api --method DELETE on issues or labels"
fi

exit 0
