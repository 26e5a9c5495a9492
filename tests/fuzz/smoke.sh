#!/usr/bin/env bash
# A short fuzz run of every target, for CI: each libFuzzer binary of BUILD (a -DMERA_FUZZ=ON
# tree) runs for SECONDS on a copy of its committed corpus in a temporary folder (the fuzzer adds
# to the folder it is given; the committed corpus stays as it is). Fails on the first crash,
# sanitizer report, oracle abort, timeout or memory blow-up, and leaves the input that did it
# (crash-*, timeout-*, oom-*) in the temporary folder, named in the output.
# Usage: tests/fuzz/smoke.sh BUILD [SECONDS]
set -euo pipefail
build=${1:?usage: smoke.sh BUILD [SECONDS]}
seconds=${2:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/mera-fuzz-smoke.XXXXXX)
for corpus in "$here"/corpus/*/; do
  name=$(basename "$corpus")
  bin="$build/$name"
  [[ -x "$bin" ]] || { echo "smoke: $bin is missing (was $build configured with -DMERA_FUZZ=ON?)" >&2; exit 1; }
  mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
  cp "$corpus"* "$work/$name/corpus/"
  dict=()
  case $name in fuzz_submission_*) dict=(-dict="$here/submission.dict") ;; esac
  echo "smoke: $name for ${seconds}s"
  if ! "$bin" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
       -artifact_prefix="$work/$name/artifacts/" -print_final_stats=1 "$work/$name/corpus" >"$work/$name/log" 2>&1; then
    tail -n 60 "$work/$name/log" >&2
    echo "smoke: $name FAILED; its input is in $work/$name/artifacts/" >&2
    exit 1
  fi
  grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec" "$work/$name/log" | tr '\n' ' '
  echo
done
rm -rf "$work"
echo "smoke: every fuzz target ran ${seconds}s without a crash"
