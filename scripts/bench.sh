#!/usr/bin/env bash
# Benchmark: pitfix next to Ruff and next to a parse-only pass, on a real corpus, side by side in
# one run (commands alternate, so a noisy machine slows them alike). Prints medians, peak memory
# and three tables:
#   cold     pitfix diff/check without the cache, Ruff with `--no-cache` and the rules that match
#            pitfix's transforms (the `noqa_codes` of src/transforms), and the parse-only floor
#            (a bare parse of each file; also with pitfix's per-file arenas, `parse_only_arena`,
#            and, for information, `parse_only_reparse`: a second parse of each file `diff` fixes,
#            as its fix loop parses each fixed text again);
#   warm     a second pitfix check/diff over unchanged files (the cache in `.pitfix_cache/`) next
#            to Ruff's own cached second run;
#   scaling  pitfix check on 1x, 2x and 4x copies of the corpus, and with -j 1 and -j 2.
#
# Usage: scripts/bench.sh [RUNS]        (default 5 runs of each command)
#        SCALE=0 scripts/bench.sh       (skip the scaling table)
#        BASELINE=/path/to/old/pitfix scripts/bench.sh   (also time an older build, cold, and print
#                                        this build's time over the older one's)
#        INSTRUCTIONS=1 scripts/bench.sh  (also count the cold runs' instructions with valgrind's
#                                        callgrind, on one thread: a count that other work on the
#                                        machine does not move, unlike the times; a few minutes)
# The corpus is this machine's CPython standard library plus ../shared/corpus/fetch.sh's projects.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/target/bench}
mkdir -p "$work"

cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin pitfix --example parse_only
pitfix="$root/target/release/pitfix"
parse_only="$root/target/release/examples/parse_only"

if [ ! -x "$work/venv/bin/ruff" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet ruff==0.17.5
fi
ruff="$work/venv/bin/ruff"
# The Ruff codes pitfix's transforms answer to, as they are added.
codes=$(grep -rhoE 'noqa_codes: &\[[^]]*\]' "$root/src/transforms" | grep -oE '[A-Z]+[0-9]+' | sort -u | paste -sd, -)

corpus=$(bash "$root/../shared/corpus/fetch.sh" "$root/.corpus" | tail -n 1)
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
tree="$work/tree-1"
if [ ! -d "$tree" ]; then
  mkdir -p "$tree"
  cp -r "$stdlib" "$tree/stdlib"
  cp -r "$corpus" "$tree/projects"
  # Installed packages are skipped by every tool measured here; copying them only costs disk.
  rm -rf "$tree/stdlib/site-packages"
fi
echo "corpus: $(find "$tree" -name '*.py' | wc -l) .py files, $(du -sh "$tree" | cut -f1); Ruff rules: $codes"

# One timed run: prints "seconds peak_kb cpu_seconds" (exit codes 0 and 1 both mean success here).
# The time is taken around the run to the nanosecond (GNU time prints hundredths, 2% of a
# half-second run); starting GNU time itself, alike for every command, is in it. The CPU time
# (user + system, in hundredths) moves less than the wall time when other work shares the machine.
measure() {
  local dir=$1; shift
  local report start end
  report=$(mktemp)
  start=$(date +%s%N)
  (cd "$dir" && /usr/bin/time -o "$report" -f "%M %U %S" "$@" > /dev/null 2>&1) || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$report")" | awk '{ printf "%.3f %d %.2f\n", $1 / 1000, $2, $3 + $4 }'
  rm -f "$report"
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

declare -A commands=(
  [pitfix_diff]="$pitfix diff --no-cache --unsafe-fixes -q ."
  [pitfix_check]="$pitfix check --no-cache -q ."
  [ruff]="$ruff check --no-cache --isolated --select $codes --unsafe-fixes --diff ."
  [parse_only]="$parse_only ."
  [parse_only_arena]="$parse_only --arena ."
  [parse_only_reparse]="$parse_only --reparse $work/fixed-files ."
  [warm_check]="$pitfix check -q ."
  [warm_diff]="$pitfix diff --unsafe-fixes -q ."
  [ruff_warm]="$ruff check --isolated --select $codes ."
)
declare -A times mems cpus

# Runs the named commands RUNS times each in DIR, alternating, and prints their medians.
time_commands() {
  local dir=$1; shift
  local name
  for name in "$@"; do times[$name]=""; mems[$name]=""; cpus[$name]=""; done
  for ((i = 0; i < runs; i++)); do
    for name in "$@"; do
      read -r t m c <<< "$(measure "$dir" ${commands[$name]})"
      times[$name]+="$t "
      mems[$name]+="$m "
      cpus[$name]+="$c "
    done
  done
  for name in "$@"; do
    local med peak cpu
    med=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | median)
    peak=$(echo "${mems[$name]}" | tr ' ' '\n' | grep . | sort -n | tail -n 1)
    cpu=$(echo "${cpus[$name]}" | tr ' ' '\n' | grep . | median)
    printf '  %-15s %7.3f s   peak %7d KB   cpu %6.2f s\n' "$name" "$med" "$peak" "$cpu"
    eval "med_$name=$med; peak_$name=$peak; cpu_$name=$cpu"
  done
}

# The files `pitfix diff` fixes, for `parse_only_reparse`; and how many of them the floor finds
# and parses twice (a path the diff header writes otherwise than the walk would be missed), which
# is the count printed with its ratio.
(cd "$tree" && "$pitfix" diff --no-cache --unsafe-fixes -q . 2> /dev/null || true) | sed -n 's#^+++ b/##p' | cut -f1 > "$work/fixed-files"
reparsed=$(cd "$tree" && $parse_only --reparse "$work/fixed-files" . | sed -n 's/.*, \([0-9]*\) of them twice$/\1/p')
if [ "$reparsed" != "$(wc -l < "$work/fixed-files")" ]; then
  echo "note: the parse-only floor parses $reparsed of the $(wc -l < "$work/fixed-files") files diff fixes twice" >&2
fi

echo "== cold (median of $runs, alternating)"
cold=(pitfix_diff ruff pitfix_check parse_only parse_only_arena parse_only_reparse)
if [ -n "${BASELINE:-}" ]; then
  commands[baseline_diff]="$BASELINE diff --no-cache --unsafe-fixes -q ."
  commands[baseline_check]="$BASELINE check --no-cache -q ."
  cold+=(baseline_diff baseline_check)
fi
rm -rf "$tree/.pitfix_cache" "$tree/.ruff_cache"
time_commands "$tree" "${cold[@]}"
awk -v d="$med_pitfix_diff" -v c="$med_pitfix_check" -v r="$med_ruff" -v p="$med_parse_only" -v pa="$med_parse_only_arena" \
    -v pr="$med_parse_only_reparse" -v nf="$reparsed" \
    -v md="$peak_pitfix_diff" -v mc="$peak_pitfix_check" -v mr="$peak_ruff" \
    -v cd="$cpu_pitfix_diff" -v cc="$cpu_pitfix_check" -v cp="$cpu_parse_only" -v cr="$cpu_ruff" 'BEGIN {
  printf "  pitfix diff / ruff        = %.2f   (target <= 0.8)\n  pitfix check / ruff       = %.2f   (target <= 0.8)\n", d / r, c / r
  printf "  pitfix diff / parse-only  = %.2f   (target <= 1.3)\n  pitfix check / parse-only = %.2f   (target <= 1.3)\n", d / p, c / p
  printf "  next to a parse-only pass with the same arenas: diff %.2f, check %.2f\n", d / pa, c / pa
  printf "  diff next to a parse-only pass that parses the %d files diff fixes twice, as its fix loop must: %.2f\n", nf, d / pr
  printf "  by CPU time (user + system): diff / parse-only %.2f, check / parse-only %.2f, diff / ruff %.2f\n", cd / cp, cc / cp, cd / cr
  printf "  peak memory pitfix diff / ruff = %.2f, pitfix check / ruff = %.2f   (target <= 1.0)\n", md / mr, mc / mr }'
if [ -n "${BASELINE:-}" ]; then
  awk -v d="$med_pitfix_diff" -v c="$med_pitfix_check" -v bd="$med_baseline_diff" -v bc="$med_baseline_check" \
      -v md="$peak_pitfix_diff" -v mb="$peak_baseline_diff" 'BEGIN {
    printf "  pitfix diff / baseline diff = %.2f\n  pitfix check / baseline check = %.2f\n", d / bd, c / bc
    printf "  peak memory pitfix diff / baseline diff = %.2f\n", md / mb }'
fi

if [ "${INSTRUCTIONS:-0}" != 0 ] && ! command -v valgrind > /dev/null; then
  echo "== instructions: skipped, valgrind is not installed"
elif [ "${INSTRUCTIONS:-0}" != 0 ]; then
  echo "== instructions (valgrind --tool=callgrind, one thread; the same count on a busy machine)"
  # Prints the instructions a command executes in the corpus, on one thread (`-j 1`, and
  # RAYON_NUM_THREADS for the parse-only pass); nothing, and a note, when the command fails
  # (exit codes 0 and 1 both mean success here; valgrind exits with the command's code).
  instructions() {
    local out rc=0
    out=$(cd "$tree" && RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null) || rc=$?
    if [ "$rc" -gt 1 ]; then
      echo "note: exit code $rc under valgrind: $*" >&2
      return 0
    fi
    echo "$out" | sed -n 's/.*refs: *//p' | tr -d ,
  }
  i_diff=$(instructions "$pitfix" diff --no-cache --unsafe-fixes -q -j 1 .)
  i_check=$(instructions "$pitfix" check --no-cache -q -j 1 .)
  i_parse=$(instructions "$parse_only" .)
  i_reparse=$(instructions "$parse_only" --reparse "$work/fixed-files" .)
  if [ -z "$i_diff" ] || [ -z "$i_check" ] || [ -z "$i_parse" ] || [ -z "$i_reparse" ]; then
    echo "  not every run could be counted: no ratios"
  else
    awk -v d="$i_diff" -v c="$i_check" -v p="$i_parse" -v r="$i_reparse" 'BEGIN {
      printf "  pitfix diff %.2f G, pitfix check %.2f G, parse-only %.2f G, parse-only with the fixed files twice %.2f G\n", d / 1e9, c / 1e9, p / 1e9, r / 1e9
      printf "  by instructions: diff / parse-only %.2f, check / parse-only %.2f, diff / parse-only with the fixed files twice %.2f\n", d / p, c / p, d / r }'
  fi
fi

echo "== warm: second runs over unchanged files (median of $runs, alternating)"
rm -rf "$tree/.pitfix_cache" "$tree/.ruff_cache"
for name in warm_check warm_diff ruff_warm; do measure "$tree" ${commands[$name]} > /dev/null; done
time_commands "$tree" warm_check warm_diff ruff_warm
awk -v c="$med_warm_check" -v d="$med_warm_diff" -v r="$med_ruff_warm" 'BEGIN {
  printf "  warm pitfix check / warm ruff = %.2f   (target <= 0.5)\n  warm pitfix diff / warm ruff  = %.2f   (target <= 0.5)\n", c / r, d / r }'
rm -rf "$tree/.pitfix_cache" "$tree/.ruff_cache"

if [ "${SCALE:-1}" != 0 ]; then
  echo "== scaling: pitfix check --no-cache (median of $runs)"
  printf '  %-10s %8s %9s %12s\n' size files seconds "per 1x"
  for n in 1 2 4; do
    scaled="$work/tree-$n"
    if [ ! -d "$scaled" ]; then
      mkdir -p "$scaled"
      for ((k = 1; k <= n; k++)); do cp -r "$tree" "$scaled/copy-$k"; done
    fi
    list=""
    for ((i = 0; i < runs; i++)); do list+="$(measure "$scaled" $pitfix check --no-cache -q . | cut -d' ' -f1) "; done
    med=$(echo "$list" | tr ' ' '\n' | grep . | median)
    awk -v n="$n" -v f="$(find "$scaled" -name '*.py' | wc -l)" -v t="$med" 'BEGIN { printf "  %-10s %8d %9.3f %12.3f\n", n "x", f, t, t / n }'
  done
  one=""; two=""
  for ((i = 0; i < runs; i++)); do
    one+="$(measure "$tree" $pitfix check --no-cache -q -j 1 . | cut -d' ' -f1) "
    two+="$(measure "$tree" $pitfix check --no-cache -q -j 2 . | cut -d' ' -f1) "
  done
  m1=$(echo "$one" | tr ' ' '\n' | grep . | median)
  m2=$(echo "$two" | tr ' ' '\n' | grep . | median)
  awk -v a="$m1" -v b="$m2" 'BEGIN { printf "  -j 1: %.3f s   -j 2: %.3f s   speedup %.2f   (target >= 1.6)\n", a, b, a / b }'
fi
