#!/usr/bin/env bash
# Runs pitfix over real code and checks its promises: no panic, every rewritten file parses (judged
# by CPython's ast), a second run changes nothing, and the printed diff applies with `git apply` to
# the same bytes `pitfix apply` writes.
# Usage: scripts/corpus-check.sh [PITFIX-ARGS...]   e.g. scripts/corpus-check.sh --unsafe-fixes
# The corpus is CPython's standard library of this machine plus ../shared/corpus/fetch.sh's projects.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
pitfix="$root/target/release/pitfix"
corpus=$(bash "$root/../shared/corpus/fetch.sh" "$root/.corpus" | tail -n 1)
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
cp -r "$stdlib" "$work/tree/stdlib"
cp -r "$corpus" "$work/tree/projects"
# The standard library's own test data holds deliberately broken files; keep them: pitfix must
# report them and go on.
cd "$work/tree"
git init -q . && git add -A >/dev/null 2>&1 && git -c user.name=x -c user.email=x@x commit -qm base >/dev/null

files=$(find . -name '*.py' -not -path './.git/*' | wc -l)
set +e
"$pitfix" diff --select ALL -q "$@" . > "$work/first.diff" 2> "$work/first.err"
code=$?
set -e
echo "files: $files; first diff exit: $code; diff lines: $(wc -l < "$work/first.diff")"
if grep -q "panicked" "$work/first.err"; then echo "FAIL: panic"; grep -A3 panicked "$work/first.err"; exit 1; fi
[ "$code" -le 1 ] || { echo "FAIL: exit $code"; tail "$work/first.err"; exit 1; }
echo "file errors reported: $(wc -l < "$work/first.err") (syntax errors in test data, undecodable files)"
grep -c "fixes dropped" "$work/first.err" | sed 's/^/fixes dropped: /' || true

git apply --whitespace=nowarn "$work/first.diff"
git diff > "$work/git-applied.diff"
git stash -q
"$pitfix" apply --select ALL -q "$@" . 2> /dev/null
git diff > "$work/pitfix-applied.diff"
cmp -s "$work/git-applied.diff" "$work/pitfix-applied.diff" || { echo "FAIL: git apply and pitfix apply differ"; exit 1; }
echo "git apply of the diff == pitfix apply: yes"

changed=$(git diff --name-only)
bad=0
for f in $changed; do
  python3 -c 'import ast,sys; ast.parse(open(sys.argv[1],"rb").read())' "$f" 2>/dev/null || { echo "FAIL: does not parse: $f"; bad=1; }
done
echo "rewritten files: $(echo "$changed" | grep -c . || true); all parse with CPython: $([ $bad = 0 ] && echo yes || echo no)"

set +e
"$pitfix" diff --select ALL -q "$@" . > "$work/second.diff" 2>/dev/null
set -e
[ -s "$work/second.diff" ] && { echo "FAIL: second run changes more:"; head -40 "$work/second.diff"; exit 1; }
echo "second run: no changes"
[ $bad = 0 ]
