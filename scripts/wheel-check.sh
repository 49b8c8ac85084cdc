#!/usr/bin/env bash
# Builds the Python wheel (maturin, `bindings = "bin"`), installs it into a fresh virtualenv and
# runs it there: `pitfix --version` gives Cargo.toml's version, `pitfix diff demo/` prints a diff
# (exit 1), and `python -m pitfix rules` lists the transforms. maturin comes from target/py-tools
# (installed with pip when missing); the wheel goes to target/wheel-check/dist and the
# virtualenv to target/wheel-check/venv, both made anew on every run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tools="$root/target/py-tools"
work="$root/target/wheel-check"
export PIP_DISABLE_PIP_VERSION_CHECK=1
if ! "$tools/bin/maturin" --version >/dev/null 2>&1; then
    python3 -m venv "$tools"
    "$tools/bin/pip" install --quiet "maturin>=1.7,<2"
fi

fail() {
    echo "wheel-check: FAILED: $*" >&2
    exit 1
}

rm -rf "$work"
mkdir -p "$work/dist"
echo "wheel-check: building the wheel"
"$tools/bin/maturin" build --release --locked --quiet --out "$work/dist" >&2
wheels=("$work"/dist/pitfix-*.whl)
[ "${#wheels[@]}" -eq 1 ] && [ -f "${wheels[0]}" ] || fail "expected one wheel in $work/dist"
echo "wheel-check: built $(basename "${wheels[0]}")"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "${wheels[0]}"
bin="$work/venv/bin"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
out=$("$bin/pitfix" --version) || fail "pitfix --version exited $?"
[ "$out" = "pitfix $version" ] || fail "pitfix --version printed '$out', expected 'pitfix $version'"
echo "wheel-check: \$ pitfix --version -> $out"

status=0
"$bin/pitfix" diff --no-cache demo/ > "$work/demo.diff" 2> "$work/demo.err" || status=$?
[ "$status" -eq 1 ] || fail "pitfix diff demo/ exited $status, expected 1: $(cat "$work/demo.err")"
grep -q '^diff --git a/demo/' "$work/demo.diff" || fail "pitfix diff demo/ printed no diff"
echo "wheel-check: \$ pitfix diff demo/ -> exit 1, $(grep -c '^diff --git' "$work/demo.diff") files; $(head -n 1 "$work/demo.err")"

out=$("$bin/python" -m pitfix rules) || fail "python -m pitfix rules exited $?"
grep -q '^is-literal ' <<< "$out" || fail "python -m pitfix rules does not list is-literal: $out"
echo "wheel-check: \$ python -m pitfix rules -> $(($(wc -l <<< "$out") - 1)) transforms"

status=0
"$bin/python" -m pitfix explain no-such-rule > /dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "python -m pitfix passed on exit code $status, expected 2"
echo "wheel-check: ok"
