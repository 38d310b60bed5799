# shellcheck shell=bash
# tests/e2e/guest_lib.sh - helpers for the end-to-end scripts that boot
# the guest through tools/run or tools/bochs; they source it.
#
#   ok NAME / not_ok NAME WHY     print one TAP-like line, count failures
#   boot NAME ARGS...             tools/run ARGS with its log in $T/NAME.log;
#                                 sets RC, OUT (runner stdout+stderr), LOG
#   log_has REGEX                 the log (CR removed) has a matching line
#   finish                        exit 1 if any check failed

# tests/run runs every tests/e2e/*.sh; run directly, this file checks nothing.
[ "${BASH_SOURCE[0]}" != "$0" ] || exit 0

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/hmbench-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILED=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1: $2"; FAILED=$((FAILED + 1)); }

# check NAME WHY CMD...: ok if CMD succeeds, else not ok with WHY.
check() {
  local name=$1 why=$2; shift 2
  if "$@"; then ok "$name"; else not_ok "$name" "$why"; fi
}

boot() {
  local name=$1; shift
  LOG=$T/$name.log
  OUT=$(tools/run --log "$LOG" "$@" 2>&1); RC=$?
}

log_has() {
  tr -d '\r' <"$LOG" | grep -a -q -E -- "$1"
}

# log_line REGEX: the first matching log line (CR removed).
log_line() {
  tr -d '\r' <"$LOG" | grep -a -m 1 -E -- "$1"
}

# need_image: the checks boot build/hmbench.elf; without it they cannot
# run, which is a failure, not a skip.
need_image() {
  [ -f build/hmbench.elf ] && return 0
  not_ok "image" "build/hmbench.elf missing: run make first"
  exit 1
}

finish() {
  [ "$FAILED" -eq 0 ]
  exit $?
}
