#!/usr/bin/env bash
# Every command the README shows runs, in the README's order, as a reader would type it from the
# repository (issue 12.8): the lines of its shell blocks (indented or fenced, not ```mera) that
# start with mera, build/mera, rm, cp, sed, mkdir, printf, curl or kill, run with bash from a
# scratch folder that holds a copy of examples/ and build/mera. A line must exit 0 unless its
# comment says otherwise ("# ... exit 1"). The set-up lines (cmake, .ci/) are CI's own and are
# not run here.
# The service's walk-through: a line `... mera serve ... --listen 127.0.0.1:8080 2> LOG &` starts
# the server in the background on a free port instead (--listen 127.0.0.1:0, the port read from
# LOG), every later 127.0.0.1:8080 means that port, and `kill %1` stops it with SIGTERM and must
# see it exit 0. A server still running at the end is stopped, and fails the run.
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
    code && text ~ /^(build\/mera|mera|rm|cp|sed|mkdir|printf|curl|kill)( |$)/ && text !~ /(cmake |\.ci\/)/ { print NR "\t" text }
  ' "$1"
}

run=0 failed=0 server=0 port=

# Starts `command` (a mera serve line ending in &) in the background on a free port; the port is
# read from the log the line sends standard error to. 0 when it does not start.
start_server() {
  local command=${1%&} log
  command=${command//127.0.0.1:8080/127.0.0.1:0}
  [[ $command =~ 2\>\ *([^ ]+) ]] && log=$scratch/${BASH_REMATCH[1]} || return 1
  rm -f "$log"
  (cd "$scratch" && exec bash -c "exec $command" < /dev/null) &
  server=$!
  for _ in $(seq 600); do  # a generous while, in short looks: a busy machine starts slowly
    if [[ -f $log ]] && port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log") && [[ -n $port ]]; then return 0; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" 2>/dev/null
  return 1
}

stop_server() {
  [[ $server -ne 0 ]] || return 1
  kill -TERM "$server" && wait "$server"
  local status=$?
  server=0
  return $status
}
trap '[[ $server -ne 0 ]] && kill -KILL "$server"' EXIT

while IFS=$'\t' read -r line command; do
  expected=0
  if [[ $command =~ \#.*exit\ ([0-9]+) ]]; then expected=${BASH_REMATCH[1]}; fi
  if [[ $command =~ mera\ serve\ .*\&[[:space:]]*(#.*)?$ ]]; then
    command=${command%%#*}
    command=${command%"${command##*[![:space:]]}"}  # the comment and trailing blanks gone, the & last
    start_server "$command" > "$scratch/serve-start.txt" 2>&1  # not in $(...): this shell keeps the pid
    status=$?
    output=$(cat "$scratch/serve-start.txt")
  elif [[ $command =~ ^kill\ %1 ]]; then
    stop_server > "$scratch/serve-stop.txt" 2>&1  # here, not in $(...): only this shell may wait for it
    status=$?
    output=$(cat "$scratch/serve-stop.txt")
  else
    [[ -n $port ]] && command=${command//127.0.0.1:8080/127.0.0.1:$port}
    output=$(cd "$scratch" && bash -c "set -o pipefail; $command" 2>&1)
    status=$?
  fi
  run=$((run + 1))
  if [[ $status -ne $expected ]]; then
    failed=$((failed + 1))
    printf '%s:%s: exit %s, expected %s: %s\n%s\n\n' "$readme" "$line" "$status" "$expected" "$command" "$output"
  fi
done < <(commands "$readme")

if [[ $server -ne 0 ]]; then
  failed=$((failed + 1))
  echo "$readme: mera serve was still running at the end: the README must stop it (kill %1)"
  stop_server
fi
if [[ $run -lt 20 ]]; then
  echo "only $run commands found in $readme: the extraction is broken"
  exit 1
fi
echo "$run commands of $readme run, $failed failed"
[[ $failed -eq 0 ]]
