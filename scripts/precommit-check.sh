#!/usr/bin/env bash
# Runs this repository's pre-commit hooks (.pre-commit-hooks.yaml) on a sample repository with
# `pre-commit try-repo`, as a user's `.pre-commit-config.yaml` would:
#   1. `pitfix` on a file with a trap fails, and fixes the file (the clean file stays as it is);
#   2. `pitfix` again passes;
#   3. `pitfix-check` on the trap fails and names it, changing nothing.
# try-repo installs the repository at HEAD (commit first; uncommitted changes are not seen) into
# a fresh environment on every call: pip builds the wheel with maturin. To keep that quick the
# builds share one cargo target folder (target/precommit) and use the dev profile.
# pre-commit comes from target/py-tools (installed with pip when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/target/py-tools"
if ! "$tools/bin/pre-commit" --version >/dev/null 2>&1; then
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet "pre-commit>=3,<5"
fi
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "precommit-check: note: try-repo tests HEAD; uncommitted changes are not part of the run" >&2
fi
export CARGO_TARGET_DIR="$root/target/precommit"
export MATURIN_PEP517_ARGS="--profile dev"
export PIP_DISABLE_PIP_VERSION_CHECK=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample="$work/sample"
mkdir -p "$sample"
cat > "$sample/trap.py" <<'PY'
def retry(status, attempts):
    if status is "timeout":
        return attempts + 1
    return 0
PY
cat > "$sample/clean.py" <<'PY'
def retry(status, attempts):
    if status == "timeout":
        return attempts + 1
    return 0
PY
cp "$sample/trap.py" "$work/trap.orig"
cp "$sample/clean.py" "$work/clean.orig"
git -C "$sample" init --quiet
git -C "$sample" add trap.py clean.py
git -C "$sample" -c user.name=pitfix -c user.email=pitfix@example.invalid commit --quiet -m sample

fail() {
    echo "precommit-check: FAILED: $1" >&2
    echo "--- output:" >&2
    cat "$work/out" >&2
    exit 1
}

# Runs `pre-commit try-repo <this repo> HOOK --all-files` in the sample; sets $status.
try_repo() {
    status=0
    (cd "$sample" && "$tools/bin/pre-commit" try-repo "$root" "$1" --all-files --color never) > "$work/out" 2>&1 || status=$?
    echo "\$ pre-commit try-repo <pitfix> $1 --all-files  (exit $status)"
    sed -n '/^\[WARNING\]/d; /^=\+$/,$p' "$work/out" | grep -v '^=\+$' || true
}

try_repo pitfix
[ "$status" -eq 1 ] || fail "pitfix on a trap: exit $status, expected 1"
grep -q "files were modified by this hook" "$work/out" || fail "pitfix did not report a modified file"
grep -q 'if status == "timeout":' "$sample/trap.py" || fail "trap.py was not fixed"
cmp -s "$sample/clean.py" "$work/clean.orig" || fail "clean.py changed"

try_repo pitfix
[ "$status" -eq 0 ] || fail "pitfix a second time: exit $status, expected 0"
grep -q "Passed" "$work/out" || fail "pitfix a second time did not pass"

cp "$work/trap.orig" "$sample/trap.py"
try_repo pitfix-check
[ "$status" -eq 1 ] || fail "pitfix-check on a trap: exit $status, expected 1"
grep -q "trap.py:2:8: is-literal" "$work/out" || fail "pitfix-check did not name the trap"
cmp -s "$sample/trap.py" "$work/trap.orig" || fail "pitfix-check changed trap.py"
echo "precommit-check: ok (pitfix fixed and failed, then passed; pitfix-check reported the trap)"
