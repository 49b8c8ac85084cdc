#!/usr/bin/env bash
# Benchmark: pitfix next to Ruff and next to a parse-only pass, on a real corpus, side by side in
# one run. Prints medians, the ratios pitfix/ruff and pitfix/parse-only, and peak memory.
#
# Usage: scripts/bench.sh [RUNS]        (default 5 runs of each command, alternating)
#        SCALE=1,2,4 scripts/bench.sh   (also time 1x, 2x, 4x copies of the corpus, and -j 1 vs -j 2)
#        BASELINE=/path/to/old/pitfix scripts/bench.sh   (also time an older build, alternating with
#                                        this one, and print this build's time over the older one's)
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
echo "corpus: $(find "$tree" -name '*.py' | wc -l) .py files, $(du -sh "$tree" | cut -f1)"

# One timed run: prints "seconds peak_kb" (exit codes 0 and 1 both mean success here).
measure() {
  local dir=$1; shift
  local report
  report=$(mktemp)
  (cd "$dir" && /usr/bin/time -o "$report" -f "%e %M" "$@" > /dev/null 2>&1) || true
  tail -n 1 "$report"
  rm -f "$report"
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

declare -A commands=(
  [pitfix_diff]="$pitfix diff --unsafe-fixes -q ."
  [pitfix_check]="$pitfix check -q ."
  [ruff]="$ruff check --no-cache --isolated --select B006,B023,F632,RUF008,RUF009,RUF012 --unsafe-fixes --diff ."
  [parse_only]="$parse_only ."
)
order=(pitfix_diff ruff pitfix_check parse_only)
if [ -n "${BASELINE:-}" ]; then
  commands[baseline_diff]="$BASELINE diff --unsafe-fixes -q ."
  commands[baseline_check]="$BASELINE check -q ."
  order+=(baseline_diff baseline_check)
fi

bench_tree() {
  local dir=$1 label=$2
  local -A times mems
  for ((i = 0; i < runs; i++)); do
    for name in "${order[@]}"; do
      read -r t m <<< "$(measure "$dir" ${commands[$name]})"
      times[$name]+="$t "
      mems[$name]+="$m "
    done
  done
  echo "== $label (median of $runs, alternating)"
  for name in "${order[@]}"; do
    local med peak
    med=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | median)
    peak=$(echo "${mems[$name]}" | tr ' ' '\n' | grep . | sort -n | tail -n 1)
    printf '  %-13s %7.3f s   peak %7d KB\n' "$name" "$med" "$peak"
    eval "med_$name=$med; peak_$name=$peak"
  done
  awk -v d="$med_pitfix_diff" -v c="$med_pitfix_check" -v r="$med_ruff" -v p="$med_parse_only" \
      -v md="$peak_pitfix_diff" -v mr="$peak_ruff" 'BEGIN {
    printf "  pitfix diff / ruff  = %.2f\n  pitfix check / ruff = %.2f\n", d / r, c / r
    printf "  pitfix diff / parse-only = %.2f\n  pitfix check / parse-only = %.2f\n", d / p, c / p
    printf "  peak memory pitfix diff / ruff = %.2f\n", md / mr }'
  if [ -n "${BASELINE:-}" ]; then
    awk -v d="$med_pitfix_diff" -v c="$med_pitfix_check" -v bd="$med_baseline_diff" -v bc="$med_baseline_check" \
        -v md="$peak_pitfix_diff" -v mb="$peak_baseline_diff" 'BEGIN {
      printf "  pitfix diff / baseline diff = %.2f\n  pitfix check / baseline check = %.2f\n", d / bd, c / bc
      printf "  peak memory pitfix diff / baseline diff = %.2f\n", md / mb }'
  fi
}

bench_tree "$tree" "1x corpus"

if [ -n "${SCALE:-}" ]; then
  for n in ${SCALE//,/ }; do
    [ "$n" = 1 ] && continue
    scaled="$work/tree-$n"
    if [ ! -d "$scaled" ]; then
      mkdir -p "$scaled"
      for ((k = 1; k <= n; k++)); do cp -r "$tree" "$scaled/copy-$k"; done
    fi
    times=""
    for ((i = 0; i < runs; i++)); do times+="$(measure "$scaled" $pitfix check -q . | cut -d' ' -f1) "; done
    echo "== ${n}x corpus: pitfix check median $(echo "$times" | tr ' ' '\n' | grep . | median) s"
  done
  for jobs in 1 2; do
    times=""
    for ((i = 0; i < runs; i++)); do times+="$(measure "$tree" $pitfix check -q -j $jobs . | cut -d' ' -f1) "; done
    echo "== -j $jobs: pitfix check median $(echo "$times" | tr ' ' '\n' | grep . | median) s"
  done
fi
