#!/usr/bin/env bash
# The evaluation benchmark (issue 4): every indicator of bench/nation/model for every unit
# (organizations, regions, the country) and every year 2019..2023, by `mera eval` and by the
# hand-written SQL of indicators.sql over the same SQLite file, in one run. Reports wall time
# and peak memory of each, the ratio mera/SQL, and compares the two outputs value by value.
# Builds nothing. Run by hand on a release build (see docs/benchmarks.md):
#
#   MERA=build-rel/mera bash bench/nation/run.sh                     # full size: 5,000,000 cases
#   CASES=20000 REGIONS=10 ORGS=4 bash bench/nation/run.sh           # a small run
#   WORK=/tmp/nation bash bench/nation/run.sh   # keep the data and database in /tmp/nation; a
#                                               # later run with the same WORK reuses the database
# Needs python3, sqlite3 and GNU time (/usr/bin/time): apt-get install -y time sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
mera=${MERA:-build-rel/mera}
regions=${REGIONS:-85}
orgs=${ORGS:-40}
cases=${CASES:-5000000}
years=(2019 2020 2021 2022 2023)
if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
db=$work/mera.db
for tool in "$mera" sqlite3 python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 2; }
done

measure() {  # label, output file, command...: runs it, prints wall seconds and peak memory
  local label=$1 out=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >"$out"
  read -r secs kb <"$work/$label.time"
  printf '%-28s %8.2f s %8.0f MB peak\n' "$label" "$secs" "$((kb / 1024))"
}

# ---- the data set and the database ----------------------------------------------------------
if [[ -f $db ]]; then
  echo "reusing $db ($(du -h "$db" | cut -f1))"
else
  start=$(date +%s.%N)
  python3 bench/nation/generate.py "$work/data" --regions "$regions" --orgs "$orgs" --cases "$cases"
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "generated in %.1f s\n", b - a }'
  "$mera" init --db "$db" bench/nation/model
  "$mera" units import --db "$db" "$work/data/units.csv"
  measure mera_submit "$work/submit.log" "$mera" submit --db "$db" "$work"/data/families_*.jsonl "$work"/data/cases_*.jsonl
  tail -n 1 "$work/submit.log"
  echo "database: $(du -h "$db" | cut -f1); $(sqlite3 "$db" 'SELECT count(*) FROM submissions') submissions"
fi
cat "$db" >/dev/null  # the file in the page cache, whoever runs first

# ---- the SQL yardstick ----------------------------------------------------------------------
measure sql "$work/sql.csv" sqlite3 "$db" ".read bench/nation/indicators.sql"
sql_secs=$(cut -d' ' -f1 "$work/sql.time")
echo "SQL: $(($(wc -l <"$work/sql.csv") - 1)) values"

# ---- mera eval ------------------------------------------------------------------------------
if ! "$mera" --help | grep -q '^  eval '; then
  echo "mera eval: not in $mera yet; only the SQL side was measured"
  exit 0
fi
mera_secs=0
mera_kb=0
: >"$work/mera.csv"
for y in "${years[@]}"; do
  measure "mera_eval_$y" "$work/mera_$y.csv" "$mera" eval --db "$db" --all --period "$y" --format csv
  cat "$work/mera_$y.csv" >>"$work/mera.csv"
  read -r secs kb <"$work/mera_eval_$y.time"
  mera_secs=$(awk -v a="$mera_secs" -v b="$secs" 'BEGIN { print a + b }')
  mera_kb=$((kb > mera_kb ? kb : mera_kb))
done
printf '%-28s %8.2f s %8.0f MB peak\n' "mera eval, 5 processes" "$mera_secs" "$((mera_kb / 1024))"
awk -v a="$mera_secs" -v b="$sql_secs" 'BEGIN { printf "ratio mera/SQL (time), one process a year: %.2f\n", a / b }'

# The five years in one process: the rows are read once and every year evaluated over them
# (the way a user asks for a series: --period 2019..2023). The figure the issue's aim is about.
measure mera_eval_range "$work/mera_range.csv" "$mera" eval --db "$db" --all --period "${years[0]}..${years[-1]}" --format csv
range_secs=$(cut -d' ' -f1 "$work/mera_eval_range.time")
awk -v a="$range_secs" -v b="$sql_secs" 'BEGIN { printf "ratio mera/SQL (time), one process for all years: %.2f\n", a / b }'

# ---- the same values? -----------------------------------------------------------------------
python3 bench/nation/compare.py "$work/mera.csv" "$work/sql.csv"
python3 bench/nation/compare.py "$work/mera_range.csv" "$work/sql.csv"
