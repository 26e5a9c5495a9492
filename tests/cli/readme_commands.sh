#!/usr/bin/env bash
# Every command the README shows runs, in the README's order, as a reader would type it from the
# repository (issue 12.8): the lines of its shell blocks (indented or fenced, not ```mera) that
# start with mera, build/mera, rm, cp, sed or mkdir, run with bash from a scratch folder that
# holds a copy of examples/ and build/mera. A line must exit 0 unless its comment says otherwise
# ("# ... exit 1"). The set-up lines (cmake, .ci/) are CI's own and are not run here.
# usage: readme_commands.sh README.md MERA SOURCE_DIR SCRATCH_DIR
set -u
readme=$1 mera=$2 source=$3 scratch=$4

rm -rf "$scratch"
mkdir -p "$scratch/build" "$scratch/bin"
cp -r "$source/examples" "$scratch/examples"  # a copy: no README line may change the sources
ln -s "$mera" "$scratch/build/mera"
ln -s "$mera" "$scratch/bin/mera"              # for lines that say `mera ...`
export PATH="$scratch/bin:$PATH" MERA_USER=readme

# "LINE<TAB>COMMAND" for each command line of a shell block.
commands() {
  awk '
    /^```/ { if (fence) { fence = 0 } else { fence = 1; shell = ($0 !~ /^```mera/) } ; next }
    { code = 0; text = $0 }
    fence && shell { code = 1 }
    !fence && /^    / && (blank || incode) { code = 1; sub(/^    /, "", text) }
    { incode = !fence && code; blank = ($0 ~ /^[[:space:]]*$/) }
    code && text ~ /^(build\/mera|mera|rm|cp|sed|mkdir)( |$)/ && text !~ /(cmake |\.ci\/)/ { print NR "\t" text }
  ' "$1"
}

run=0 failed=0
while IFS=$'\t' read -r line command; do
  expected=0
  if [[ $command =~ \#.*exit\ ([0-9]+) ]]; then expected=${BASH_REMATCH[1]}; fi
  output=$(cd "$scratch" && bash -c "set -o pipefail; $command" 2>&1)
  status=$?
  run=$((run + 1))
  if [[ $status -ne $expected ]]; then
    failed=$((failed + 1))
    printf '%s:%s: exit %s, expected %s: %s\n%s\n\n' "$readme" "$line" "$status" "$expected" "$command" "$output"
  fi
done < <(commands "$readme")

if [[ $run -lt 20 ]]; then
  echo "only $run commands found in $readme: the extraction is broken"
  exit 1
fi
echo "$run commands of $readme run, $failed failed"
[[ $failed -eq 0 ]]
