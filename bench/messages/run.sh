#!/usr/bin/env bash
# The cost of a message's language (issue 14.6): `mera submit` of a file whose every report has
# three errors (a value that is not a number, a fraction where a whole number goes, a share over
# 1), so the time goes into reading and into making and printing diagnostics; run in English and
# in Russian (LANG=ru_RU.UTF-8) under GNU time, best of REPEATS runs. Run by hand on a release
# build (never as a timed test):
#   cmake -S . -B build -G Ninja && cmake --build build
#   bash bench/messages/run.sh            # REPORTS=20000 REPEATS=3 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
mera=${MERA:-build/mera}
reports=${REPORTS:-20000}
repeats=${REPEATS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

line='{"form": "families", "unit": "org1", "period": "2021Q2", "values": {"families": "десять", "children": 12.5, "by_risk": {"low": 1, "medium": 1, "high": 1}, "satisfied": 1.5}}'
for ((i = 0; i < reports; ++i)); do echo "$line"; done >"$work/bad.jsonl"
(cd tests/golden/submit && "$OLDPWD/$mera" init --db "$work/mera.db" model >/dev/null)
for language in C.UTF-8 ru_RU.UTF-8; do
  best=""
  for ((r = 0; r < repeats; ++r)); do
    set +e
    env -u LC_MESSAGES LC_ALL= LANG="$language" /usr/bin/time -f "%e %M" -o "$work/time" "$mera" submit --db "$work/mera.db" "$work/bad.jsonl" >"$work/out" 2>&1
    set -e
    read -r secs kb < <(tail -n 1 "$work/time")
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; best_kb=$kb; fi
  done
  printf '%-12s %6d reports  %6d diagnostics  %6.2f s  %5.0f MB peak  printed %s bytes\n' "$language" "$reports" \
    "$(grep -c ': \(error\|ошибка\): ' "$work/out")" "$best" "$(awk -v k="$best_kb" 'BEGIN { print k / 1024 }')" "$(wc -c <"$work/out")"
done
