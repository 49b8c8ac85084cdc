#!/usr/bin/env bash
# Benchmark (not a timed test) of hostile input shapes: each is generated at 1x, 2x and 4x size and
# run through `pitfix diff`; prints the time per size and the ratio per doubling. Linear growth
# gives ratios near 2.0, quadratic near 4.0.
#
# Shapes: many closures in one loop (`cbs.append(lambda: m + i)`, loop-closure), many closures in
# one loop assigned to one name (`g = lambda: m + i` then `cbs.append(g)`), many fixes in one file
# (`x is 1000`, is-literal), many functions with a mutable default (mutable-default).
#
# Usage: scripts/bench-hostile.sh             (builds and runs target/release/pitfix)
#        PITFIX=/path/to/pitfix scripts/bench-hostile.sh   (times that binary, builds nothing)
#        BASE=2 scripts/bench-hostile.sh      (multiplies every base size by 2; default 1)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PITFIX:-}" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin pitfix
  PITFIX="${CARGO_TARGET_DIR:-$root/target}/release/pitfix"
fi
base=${BASE:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

closures() { # $1 = count
  echo "def f(ms):"
  echo "    cbs = []"
  echo "    for m in ms:"
  for ((i = 0; i < $1; i++)); do echo "        cbs.append(lambda: m + $i)"; done
  echo "    return cbs"
}
aliases() {
  echo "def f(ms):"
  echo "    cbs = []"
  echo "    for m in ms:"
  for ((i = 0; i < $1; i++)); do
    echo "        g = lambda: m + $i"
    echo "        cbs.append(g)"
  done
  echo "    return cbs"
}
fixes() {
  for ((i = 0; i < $1; i++)); do echo "y$i = x is 1000"; done
}
defaults() {
  for ((i = 0; i < $1; i++)); do
    echo "def f$i(a=[]):"
    echo "    a.append($i)"
    echo "    return a"
  done
}

now() { date +%s.%N; }

run_shape() { # $1 = name, $2 = generator, $3 = base count
  local prev="" n t start end
  for mult in 1 2 4; do
    n=$(($3 * base * mult))
    "$2" "$n" > "$work/$1.py"
    start=$(now)
    "$PITFIX" diff --unsafe-fixes "$work/$1.py" > /dev/null 2>&1 || [ $? -eq 1 ]
    end=$(now)
    t=$(echo "$end - $start" | bc -l)
    if [ -n "$prev" ]; then
      printf '%-16s %3dx n=%-7d %8.2f s   ratio %.2f\n' "$1" "$mult" "$n" "$t" "$(echo "$t / $prev" | bc -l)"
    else
      printf '%-16s %3dx n=%-7d %8.2f s\n' "$1" "$mult" "$n" "$t"
    fi
    prev=$t
  done
}

run_shape loop-closures closures 5000
run_shape closure-aliases aliases 1000
run_shape is-literal-fixes fixes 10000
run_shape mutable-defaults defaults 5000
