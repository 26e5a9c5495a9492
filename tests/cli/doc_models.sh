#!/usr/bin/env bash
# Every ```mera block of the README and of docs/*.md is a whole model, and it stays one
# (issue 12.8): each is written to a file and must pass `mera fmt --check` and `mera check`.
# Fragments are shown as indented blocks instead and are not checked here.
# usage: doc_models.sh MERA SCRATCH_DIR FILE.md...
set -u
mera=$1 scratch=$2
shift 2
rm -rf "$scratch"
mkdir -p "$scratch"

blocks=0 failed=0
for doc in "$@"; do
  name=$(basename "$doc" .md)
  # Each block to NAME-LINE.mera, LINE being where its fence opens.
  awk -v dir="$scratch" -v name="$name" '
    /^```mera[[:space:]]*$/ && !out { out = dir "/" name "-" NR ".mera"; printf "" > out; next }
    /^```/ && out { close(out); out = ""; next }
    out { print > out }
  ' "$doc"
done
for model in "$scratch"/*.mera; do
  [[ -e $model ]] || continue
  blocks=$((blocks + 1))
  for command in "fmt --check" "check"; do
    if ! output=$("$mera" $command "$model" 2>&1); then
      failed=$((failed + 1))
      printf 'the ```mera block %s: mera %s failed:\n%s\n\n' "$(basename "$model")" "$command" "$output"
    fi
  done
done
if [[ $blocks -lt 2 ]]; then
  echo "only $blocks \`\`\`mera blocks found: the README and docs/design.md each show a whole model"
  exit 1
fi
echo "$blocks model blocks checked, $failed failures"
[[ $failed -eq 0 ]]
