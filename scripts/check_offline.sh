#!/usr/bin/env bash
# make check-offline: run a one-question plain interview with the default local model under
# strace and fail if the process (or any child) tries an AF_INET/AF_INET6 connection.
# Local sockets (AF_UNIX) are fine. With arguments, trace that command instead (to test this
# script itself).
# Exit: 0 no network connection; 1 a connection was attempted (listed); 2 cannot check.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v strace >/dev/null; then
  echo "strace is not installed: apt-get install strace" >&2
  exit 2
fi

# Stop the process only at connect() where strace can (much less overhead than every syscall).
fast=()
if strace -f --seccomp-bpf -qq -e trace=connect -o /dev/null true 2>/dev/null; then
  fast=(--seccomp-bpf)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/data"

if [ $# -gt 0 ]; then
  cmd=("$@")
else
  if [ ! -x .venv/bin/interbot ]; then
    echo "no .venv/bin/interbot: run make setup first" >&2
    exit 2
  fi
  cmd=(.venv/bin/interbot plain --questions 1 --seed 1)
fi

# A fresh data dir, no config file and none of the user's INTERBOT_* settings (an --llm-url
# in them would be a connection the user asked for, not the default).
unset_args=()
while IFS= read -r name; do unset_args+=(-u "$name"); done < <(env | sed -n 's/^\(INTERBOT_[A-Za-z0-9_]*\)=.*/\1/p')
answer="An index is a sorted structure that lets the database find rows without scanning the whole table; I added one on the orders table and the p99 dropped from 800 to 40 ms."

echo "==> ${cmd[*]} (under strace, data dir $work/data)"
printf '%s\n' "$answer" | env "${unset_args[@]}" \
  INTERBOT_DATA_DIR="$work/data" INTERBOT_CONFIG="$work/config.toml" \
  strace -f "${fast[@]}" -qq -e trace=connect -o "$work/trace" "${cmd[@]}" >"$work/out" 2>&1
status=$?
if [ ! -s "$work/trace" ] && [ $status -ne 0 ] && grep -q "ptrace\|PTRACE" "$work/out"; then
  cat "$work/out" >&2
  echo "strace cannot trace here (ptrace not permitted); run it where ptrace is allowed" >&2
  exit 2
fi
tail -n 5 "$work/out"
if [ $status -ne 0 ]; then
  echo "the interview failed (exit $status); its output:" >&2
  cat "$work/out" >&2
  exit 2
fi

seen=$(grep -E 'sa_family=AF_INET6?[,}]' "$work/trace" || true)
if [ -n "$seen" ]; then
  echo "FAIL: network connections were attempted:" >&2
  echo "$seen" >&2
  exit 1
fi
echo "OK: no AF_INET/AF_INET6 connection ($(grep -c 'connect(' "$work/trace" || true) local connects)"
