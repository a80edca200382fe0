#!/bin/sh
# issue-triage SessionStart hook.
# Prints a few lines of triage context (repository, labels file, issue templates,
# CODEOWNERS, gh CLI) that the host adds to the session. The hook payload on
# stdin is read and ignored. The script always exits 0, so it can never block a
# session; outside a git repository it prints nothing.

if [ ! -t 0 ]; then
  cat >/dev/null
fi

top=$(git rev-parse --show-toplevel 2>/dev/null) || exit 0

remote=$(git -C "$top" remote get-url origin 2>/dev/null || true)
repo=$(printf '%s\n' "$remote" | sed -n \
  -e 's#^git@github\.com:\(.*\)$#\1#p' \
  -e 's#^ssh://git@github\.com/\(.*\)$#\1#p' \
  -e 's#^https://github\.com/\(.*\)$#\1#p' | sed -e 's#\.git$##' -e 's#/$##')
branch=$(git -C "$top" symbolic-ref --quiet --short HEAD 2>/dev/null || echo "detached HEAD")

echo "Issue triage context (from the issue-triage plugin):"
if [ -n "$repo" ]; then
  echo "- GitHub repository: $repo (current branch: $branch)"
else
  echo "- No GitHub remote named origin; ask the user which repository to triage."
fi

labels=""
for candidate in .github/labels.yml .github/labels.yaml .github/labels.json labels.yml; do
  if [ -f "$top/$candidate" ]; then
    labels=$candidate
    break
  fi
done
if [ -n "$labels" ]; then
  echo "- Label definitions: $labels (use only these labels)"
else
  echo "- No labels file found; use the labels that already exist on the repository."
fi

if [ -d "$top/.github/ISSUE_TEMPLATE" ]; then
  templates=$(cd "$top/.github/ISSUE_TEMPLATE" && ls -1 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')
  [ -n "$templates" ] && echo "- Issue templates: $templates"
fi

for candidate in .github/CODEOWNERS CODEOWNERS docs/CODEOWNERS; do
  if [ -f "$top/$candidate" ]; then
    echo "- Code owners: $candidate (use it to suggest assignees)"
    break
  fi
done

if command -v gh >/dev/null 2>&1; then
  echo "- gh CLI is installed; deleting or transferring issues and deleting labels is blocked by a hook."
fi

exit 0
