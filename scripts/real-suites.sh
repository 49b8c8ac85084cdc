#!/usr/bin/env bash
# Real test suites judge pitfix's rewrites. For each pinned project below: download its sdist from
# PyPI, unpack it, make a virtualenv with the project installed editable (so the suite runs the
# unpacked source) plus pinned test requirements, run its pytest suite, then run
# `pitfix check --output-format json`, `pitfix diff` and `pitfix apply` (every transform,
# --unsafe-fixes) on the project's library AND its tests, run the suite again and compare.
# A test that passed before and fails (or errors, or is no longer collected) after is a rewrite that
# broke it: the script reruns those tests, restores pitfix's changed files one at a time to find
# which file's rewrite broke them, and prints that file's hunks.
#
# Usage: scripts/real-suites.sh [PROJECT...]        (default: every project of the table below)
#   PITFIX=/path/to/pitfix    the binary to judge (default: `cargo build --release`, target/release)
#   REAL_SUITES_DIR=DIR       the work folder (default: target/real-suites); sdists are kept there
#   SCOPE=lib                 rewrite the library only, so the tests stay the untouched judge
#                             (default SCOPE=all: the library and its tests, counted apart)
#   PYTHON=python3.11         the interpreter of the virtualenvs (default python3)
#   SUITE_TIMEOUT=600         seconds one suite run may take
# Per project the work folder holds: src/ (a git checkout of the sdist, pitfix's changes applied),
# findings.json, pitfix.diff (every rewrite, to read by hand), rewrites.txt, before/after outcome
# lists and pytest logs, and broken.txt / culprits.txt when a rewrite broke a test.
# Exit code: 1 when a rewrite broke a test, else 0 (also when a project could not be installed or
# its suite did not run: the table says so and the script goes on with the next project).
# Needs network for PyPI (downloads, installs); the suites themselves run with HTTP(S) proxies
# pointed at a closed port, so a test that reaches for the network fails fast, before and after.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${REAL_SUITES_DIR:-$root/target/real-suites}
scope=${SCOPE:-all}
python=${PYTHON:-python3}
suite_timeout=${SUITE_TIMEOUT:-600}
pytest_pin=pytest==8.3.3
hypothesis_pin=hypothesis==6.112.2
freezegun_pin=freezegun==1.5.1

# name | version | library paths | test paths | pinned requirements (runtime + tests) | pytest args
# Paths are relative to the unpacked sdist. Test paths inside a library path are given to pitfix
# once (through the library path) and counted as tests.
projects=$(cat <<EOF
attrs|24.2.0|src|tests|$pytest_pin $hypothesis_pin cloudpickle==3.1.0 Pympler==1.1|
boltons|24.1.0|boltons|tests|$pytest_pin|
cachetools|5.5.0|src|tests|$pytest_pin|
itsdangerous|2.2.0|src|tests|$pytest_pin $freezegun_pin|
jinja2|3.1.4|src|tests|$pytest_pin MarkupSafe==2.1.5 trio==0.27.0|
marshmallow|3.23.1|src|tests|$pytest_pin simplejson==3.19.3 packaging==24.2|
more-itertools|10.5.0|more_itertools|tests|$pytest_pin|
packaging|24.2|src|tests|$pytest_pin pretend==1.0.9|
pyparsing|3.2.0|pyparsing|tests|$pytest_pin railroad-diagrams==3.0.1 Jinja2==3.1.4|--ignore=tests/test_matplotlib_cases.py
python-dateutil|2.9.0.post0|src|tests|$pytest_pin pytest-cov==5.0.0 six==1.16.0 $freezegun_pin $hypothesis_pin|
sqlparse|0.5.1|sqlparse|tests|$pytest_pin|
tabulate|0.9.0|tabulate|test|$pytest_pin wcwidth==0.2.13|
toolz|1.0.0|toolz tlz|toolz/tests|$pytest_pin|
EOF
)

if [ -z "${PITFIX:-}" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin pitfix
  PITFIX="${CARGO_TARGET_DIR:-$root/target}/release/pitfix"
fi
pitfix=$(cd "$(dirname "$PITFIX")" && pwd)/$(basename "$PITFIX")
[ -x "$pitfix" ] || { echo "no pitfix binary at $pitfix" >&2; exit 2; }
pitfix_args=(--select ALL --unsafe-fixes)

mkdir -p "$work/sdists" "$work/plugin"
work=$(cd "$work" && pwd)

# A pytest plugin that writes every test's outcome ("passed", "failed", "skipped"; "error" for a
# module that does not collect) with its node id to $PITFIX_OUTCOMES.
cat > "$work/plugin/pitfix_outcomes.py" <<'EOF'
import os

_status = {}


def pytest_collectreport(report):
    if report.failed:
        _status[report.nodeid or "<collection>"] = "error"


def pytest_runtest_logreport(report):
    previous = _status.get(report.nodeid)
    if report.failed:
        _status[report.nodeid] = "failed"
    elif previous == "failed":
        pass
    elif report.when == "call":
        _status[report.nodeid] = "passed" if report.passed else "skipped"
    elif report.skipped and previous is None:
        _status[report.nodeid] = "skipped"


def pytest_sessionfinish(session):
    with open(os.environ["PITFIX_OUTCOMES"], "w", encoding="utf-8") as out:
        for nodeid, status in sorted(_status.items()):
            out.write(f"{status}\t{nodeid}\n")
EOF

# Small helpers on the files above, in Python (JSON, outcome lists, diffs).
cat > "$work/helper.py" <<'EOF'
import json
import sys


def outcomes(path):
    result = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                status, _, nodeid = line.rstrip("\n").partition("\t")
                result[nodeid] = status
    except FileNotFoundError:
        pass
    return result


def under(path, prefixes):
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


command, args = sys.argv[1], sys.argv[2:]
if command == "count":  # count OUTCOMES -> "passed failed skipped errors"
    values = list(outcomes(args[0]).values())
    print(*(values.count(s) for s in ("passed", "failed", "skipped", "error")))
elif command == "findings":  # findings JSON REWRITES-OUT TEST-PATH... -> "lib lib_fix tests tests_fix"
    with open(args[0], encoding="utf-8") as f:
        findings = json.load(f)
    counts = [0, 0, 0, 0]
    with open(args[1], "w", encoding="utf-8") as out:
        for item in findings:
            area = 2 if under(item["path"], args[2:]) else 0
            counts[area] += 1
            if item["fix"] is not None:
                counts[area + 1] += 1
                kind = ("tests " if area else "library ") + item["fix"]["applicability"]
                out.write(f"{item['path']}:{item['line']}:{item['column']}\t{item['rule']}\t{kind}\n")
    print(*counts)
elif command == "broken":  # broken BEFORE AFTER -> node ids that passed before and not after
    # A test that passed before and is missing after counts when its module no longer collects or
    # passes fewer tests: parametrized ids may hold the time of day and differ between two runs.
    before, after = outcomes(args[0]), outcomes(args[1])

    def module(nodeid):
        return nodeid.split("::")[0]

    def passed_in(result, path):
        return sum(1 for n, s in result.items() if s == "passed" and module(n) == path)

    for nodeid, status in sorted(before.items()):
        if status != "passed" or after.get(nodeid) in ("passed", "skipped"):
            continue
        path = module(nodeid)
        if nodeid in after or any(module(n) == path and s == "error" for n, s in after.items()) \
                or passed_in(after, path) < passed_in(before, path):
            print(nodeid)
elif command == "passing":  # passing OUTCOMES -> node ids that passed
    for nodeid, status in sorted(outcomes(args[0]).items()):
        if status == "passed":
            print(nodeid)
elif command == "split-hunks":  # split-hunks DIFF PREFIX -> PREFIX1.patch, ... one hunk each
    with open(args[0], encoding="utf-8", errors="surrogateescape") as f:
        lines = f.readlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("@@"))
    header, hunks = lines[:first], []
    for line in lines[first:]:
        if line.startswith("@@"):
            hunks.append([])
        hunks[-1].append(line)
    for n, hunk in enumerate(hunks, 1):
        with open(f"{args[1]}{n}.patch", "w", encoding="utf-8", errors="surrogateescape") as out:
            out.writelines(header + hunk)
    print(len(hunks))
EOF
helper() { "$python" "$work/helper.py" "$@"; }

# Runs the project's suite in $src; outcomes to $1, log to $2. Returns pytest's exit code.
run_suite() {
  local outcomes=$1 log=$2; shift 2
  local rc=0
  (
    cd "$src"
    PITFIX_OUTCOMES=$outcomes PYTHONPATH="$work/plugin" PYTHONDONTWRITEBYTECODE=1 \
      http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
      HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9 \
      no_proxy= NO_PROXY= \
      timeout "$suite_timeout" "$venv/bin/python" -m pytest -q -p no:cacheprovider \
      -p pitfix_outcomes --tb=short "$@"
  ) > "$log" 2>&1 || rc=$?
  return $rc
}

# One project, in its folder $pw; writes $pw/result (one tab-separated line) and never fails.
run_project() {
  local name=$1 version=$2 lib=$3 tests=$4 reqs=$5 extra=$6
  pw="$work/$name"
  rm -rf "$pw" && mkdir -p "$pw"
  local status="ok" findings="-" fixed="-" files="-" before="-" after="-" broken_count="-"
  local started=$SECONDS
  local -a lib_paths test_paths pitfix_paths extra_args
  read -r -a lib_paths <<< "$lib"
  read -r -a test_paths <<< "$tests"
  read -r -a extra_args <<< "$extra"
  pitfix_paths=("${lib_paths[@]}")
  local t l nested
  for t in "${test_paths[@]}"; do
    nested=no
    for l in "${lib_paths[@]}"; do [[ $t == "$l"/* ]] && nested=yes; done
    if [ "$scope" = all ] && [ $nested = no ]; then pitfix_paths+=("$t"); fi
    if [ "$scope" = lib ] && [ $nested = yes ]; then pitfix_args_scope+=(--exclude "$t"); fi
  done

  write_result() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$findings" "$fixed" \
      "$files" "$before" "$after" "$broken_count" "$status" "$((SECONDS - started))" > "$pw/result"
  }

  echo "== $name $version"
  # Download (kept between runs) and unpack.
  local sdist
  sdist=$(find "$work/sdists" -maxdepth 1 -iname "$(echo "$name" | tr '-' '?')-$version.tar.gz" | head -n 1)
  if [ -z "$sdist" ]; then
    if ! "$python" -m pip download -q --no-deps --no-binary :all: "$name==$version" \
        -d "$work/sdists" > "$pw/download.log" 2>&1; then
      status="download failed"; write_result; return
    fi
    sdist=$(find "$work/sdists" -maxdepth 1 -iname "$(echo "$name" | tr '-' '?')-$version.tar.gz" | head -n 1)
  fi
  [ -n "$sdist" ] || { status="no sdist found"; write_result; return; }
  mkdir -p "$pw/unpack"
  tar xzf "$sdist" --no-same-owner -C "$pw/unpack"
  mv "$pw/unpack"/* "$pw/src" && rmdir "$pw/unpack"
  src="$pw/src"
  (cd "$src" && git init -q . && git add -A -f . && git -c user.name=x -c user.email=x@x commit -qm sdist)

  # The virtualenv: pinned requirements, then the project itself, editable and without its deps.
  venv="$pw/venv"
  # shellcheck disable=SC2086
  if ! { "$python" -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check $reqs \
      && "$venv/bin/pip" install -q --disable-pip-version-check --no-deps -e "$src"; } \
      > "$pw/install.log" 2>&1; then
    status="install failed (install.log)"; write_result; return
  fi
  # Installing may leave build files in the tree; keep them out of pitfix's diff and git's.
  (cd "$src" && git add -A -f . && git -c user.name=x -c user.email=x@x commit -qm install --allow-empty)

  # The suite before.
  local p f s e
  run_suite "$pw/before.outcomes" "$pw/before.log" "${test_paths[@]}" "${extra_args[@]}" || true
  read -r p f s e <<< "$(helper count "$pw/before.outcomes")"
  before="$p/$((f + e))"
  if [ "$p" = 0 ]; then
    status="suite did not run (before.log)"; write_result; return
  fi

  # pitfix: findings, the diff to read, then the rewrite.
  local rc=0
  (cd "$src" && "$pitfix" check "${pitfix_args[@]}" "${pitfix_args_scope[@]}" --output-format json \
    "${pitfix_paths[@]}") > "$pw/findings.json" 2> "$pw/check.err" || rc=$?
  if [ $rc -gt 1 ]; then status="pitfix check exit $rc (check.err)"; write_result; return; fi
  local counts lf lx tf tx
  counts=$(helper findings "$pw/findings.json" "$pw/rewrites.txt" "${test_paths[@]}")
  read -r lf lx tf tx <<< "$counts"
  findings="$lf/$tf"
  rc=0
  (cd "$src" && "$pitfix" diff "${pitfix_args[@]}" "${pitfix_args_scope[@]}" "${pitfix_paths[@]}") \
    > "$pw/pitfix.diff" 2> "$pw/diff.err" || rc=$?
  if [ $rc -gt 1 ]; then status="pitfix diff exit $rc (diff.err)"; write_result; return; fi
  rc=0
  (cd "$src" && "$pitfix" apply "${pitfix_args[@]}" "${pitfix_args_scope[@]}" "${pitfix_paths[@]}") \
    > "$pw/apply.out" 2> "$pw/apply.err" || rc=$?
  if [ $rc -gt 1 ]; then status="pitfix apply exit $rc (apply.err)"; write_result; return; fi
  local n
  n=$(sed -n 's/^Fixed \([0-9]*\) problem.*/\1/p' "$pw/apply.err")
  fixed="${n:-0} ($lx/$tx)"
  git -C "$src" diff --name-only > "$pw/changed.txt"
  local lib_files=0 test_files=0
  while IFS= read -r changed; do
    [ -n "$changed" ] || continue
    local in_tests=no
    for t in "${test_paths[@]}"; do [[ $changed == "$t"/* ]] && in_tests=yes; done
    if [ $in_tests = yes ]; then test_files=$((test_files + 1)); else lib_files=$((lib_files + 1)); fi
  done < "$pw/changed.txt"
  files="$lib_files/$test_files"

  # The suite after, and what broke.
  run_suite "$pw/after.outcomes" "$pw/after.log" "${test_paths[@]}" "${extra_args[@]}" || true
  read -r p f s e <<< "$(helper count "$pw/after.outcomes")"
  after="$p/$((f + e))"
  helper broken "$pw/before.outcomes" "$pw/after.outcomes" > "$pw/broken.txt"
  broken_count=$(grep -c . "$pw/broken.txt" || true)
  if [ "$broken_count" -gt 0 ]; then
    status="REWRITE BROKE TESTS"
    # Rerun only the broken tests (log to read), then restore one changed file at a time.
    run_suite "$pw/rerun.outcomes" "$pw/rerun.log" "@$pw/broken.txt" || true
    : > "$pw/culprits.txt"
    local changed keep healed
    keep=$(mktemp)
    while IFS= read -r changed; do
      [ -n "$changed" ] || continue
      cp "$src/$changed" "$keep"
      git -C "$src" checkout -q -- "$changed"
      run_suite "$pw/bisect.outcomes" "$pw/bisect.log" "@$pw/broken.txt" || true
      healed=$(helper passing "$pw/bisect.outcomes" | grep -cxFf "$pw/broken.txt" || true)
      cp "$keep" "$src/$changed"
      [ "$healed" -gt 0 ] || continue
      # This file's rewrites broke tests: which hunk? Undo one hunk at a time (diffs without
      # context, so each hunk undoes alone), rerun, and put it back.
      git -C "$src" diff -U0 -- "$changed" > "$pw/file.patch"
      local hunks h
      hunks=$(helper split-hunks "$pw/file.patch" "$pw/hunk-")
      if [ "$hunks" -le 1 ]; then
        { echo "$changed: undoing its rewrite makes $healed of $broken_count broken tests pass"
          git -C "$src" diff -- "$changed"; } >> "$pw/culprits.txt"
        continue
      fi
      for ((h = 1; h <= hunks; h++)); do
        git -C "$src" apply -R --unidiff-zero "$pw/hunk-$h.patch"
        run_suite "$pw/bisect.outcomes" "$pw/bisect.log" "@$pw/broken.txt" || true
        healed=$(helper passing "$pw/bisect.outcomes" | grep -cxFf "$pw/broken.txt" || true)
        git -C "$src" apply --unidiff-zero "$pw/hunk-$h.patch"
        if [ "$healed" -gt 0 ]; then
          { echo "$changed: undoing this hunk makes $healed of $broken_count broken tests pass"
            sed 1,2d "$pw/hunk-$h.patch"; } >> "$pw/culprits.txt"
        fi
      done
      rm -f "$pw"/hunk-*.patch "$pw/file.patch"
    done < "$pw/changed.txt"
    rm -f "$keep"
  else
    rm -f "$pw/broken.txt"
  fi
  write_result
}

selected=("$@")
: > "$work/results.tsv"
total_start=$SECONDS
while IFS='|' read -r name version lib tests reqs extra; do
  [ -n "$name" ] || continue
  if [ ${#selected[@]} -gt 0 ] && ! printf '%s\n' "${selected[@]}" | grep -qxF "$name"; then continue; fi
  pitfix_args_scope=()
  # A project's failure is its own: report it and go on. The subshell keeps `set -e` working
  # inside run_project (bash ignores it in a function called from `||` or `if`).
  set +e
  (set -e; run_project "$name" "$version" "$lib" "$tests" "$reqs" "$extra")
  rc=$?
  set -e
  if [ $rc -ne 0 ] || [ ! -s "$work/$name/result" ]; then
    mkdir -p "$work/$name"
    printf '%s\t%s\t-\t-\t-\t-\t-\t-\tscript error (exit %s)\t-\n' "$name" "$version" "$rc" \
      > "$work/$name/result"
  fi
  cat "$work/$name/result" >> "$work/results.tsv"
done <<< "$projects"

echo
echo "pitfix: $pitfix ($("$pitfix" --version)); args: ${pitfix_args[*]}; scope: $scope; work: $work"
echo "findings: library/tests; fixed: problems fixed (fixable findings library/tests); files: changed"
echo "files library/tests; tests: passed/failed (failed counts modules that do not collect);"
echo "broken: tests that passed before the rewrite and not after"
echo
fmt='%-16s %-12s %9s %12s %7s %11s %11s %7s %5s  %s\n'
# shellcheck disable=SC2059
printf "$fmt" project version findings fixed files "tests before" "tests after" broken secs status
while IFS=$'\t' read -r name version findings fixed files before after broken status secs; do
  # shellcheck disable=SC2059
  printf "$fmt" "$name" "$version" "$findings" "$fixed" "$files" "$before" "$after" "$broken" "$secs" "$status"
done < "$work/results.tsv"
echo "total: $((SECONDS - total_start)) s"

echo
echo "Every rewrite (path:line:col, transform, where and fix safety); the diffs are in"
echo "$work/<project>/pitfix.diff:"
any_broken=0
while IFS=$'\t' read -r name _ _ _ _ _ _ broken _ _; do
  if [ -s "$work/$name/rewrites.txt" ]; then
    sed "s|^|  $name: |" "$work/$name/rewrites.txt"
  fi
  if [ "$broken" != "-" ] && [ "$broken" -gt 0 ]; then
    any_broken=1
    echo
    echo "!! $name: $broken test(s) broken by the rewrite (rerun log: $work/$name/rerun.log):"
    sed 's/^/     /' "$work/$name/broken.txt" | head -n 20
    [ "$broken" -le 20 ] || echo "     ... and $((broken - 20)) more ($work/$name/broken.txt)"
    if [ -s "$work/$name/culprits.txt" ]; then
      sed 's/^/   | /' "$work/$name/culprits.txt"
    else
      echo "   restoring no single changed file fixes them; changed: $(tr '\n' ' ' < "$work/$name/changed.txt")"
    fi
    echo
  fi
done < "$work/results.tsv"
exit $any_broken
