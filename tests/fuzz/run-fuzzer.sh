#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzzer.sh FUZZER CORPUS DICT OUTDIR: the test of one libFuzzer target
# (tests/fuzz/meson.build). First every seed in CORPUS once, then a bounded
# run of KONTOR_FUZZ_SECONDS (default 60) over a copy of CORPUS in a
# temporary directory, so the source tree never changes. DICT is used when
# it exists. A crashing input is written to OUTDIR as crash-NAME-…, and its
# path printed; the exit status is then non-zero.

set -eu

fuzzer=$1
corpus=$2
dict=$3
outdir=$4
seconds=${KONTOR_FUZZ_SECONDS:-60}
name=$(basename "$fuzzer")

set -- -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$outdir/crash-$name-"
if [ -f "$dict" ]; then
  set -- "$@" -dict="$dict"
fi

report () {
  echo "$name: FAILED; crashing input:" >&2
  ls -1 "$outdir/crash-$name-"* >&2 2>/dev/null || echo "  (none written)" >&2
  exit 1
}

echo "$name: the seed corpus ($corpus)"
"$fuzzer" "$@" "$corpus"/* || report

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$corpus"/* "$work"/

echo "$name: fuzzing for ${seconds}s"
"$fuzzer" "$@" -max_total_time="$seconds" -print_final_stats=1 "$work" || report
echo "$name: no crash; the corpus grew to $(ls "$work" | wc -l) inputs"
