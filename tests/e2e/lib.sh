# shellcheck shell=bash
# tests/e2e/lib.sh - helpers for the end-to-end test scripts (they source it;
# tests/run skips *lib.sh when it collects scripts).
#
# Every check prints one line, as tests/run expects:
#   ok - <name>
#   not ok - <name>: <why>
# and the script ends with `finish`, which exits 1 if any check failed (or
# if no check ran at all).
#
#   ok NAME                 record a pass
#   fail NAME WHY           record a failure (not_ok is the same)
#   check NAME WHY CMD...   pass if CMD exits 0 (its output is discarded),
#                           else fail with WHY
#   check_eq NAME GOT WANT  pass if the two strings are equal
#   check_grep NAME RE FILE pass if FILE has a line matching the ERE RE
#   boot NAME ARGS...       tools/run --log $T/NAME.log ARGS; sets RC, OUT
#                           (the runner's stdout+stderr) and LOG
#   log_has RE / log_line RE   the log (CR removed) has / its first line matching RE
#   need_image              fail and stop when build/hmbench.elf is missing
#   fixture_run NAME ARGS...   tests/fixtures/mklog ARGS into $TMP/NAME.log,
#                           extracted into the run directory $TMP/NAME
#   finish                  exit 0 if every check passed, else 1
# Also: ROOT (the repository root, and the working directory) and TMP (= T,
# a scratch folder removed at exit).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 1
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hmbench-test.XXXXXX")
T=$TMP
trap 'rm -rf "$TMP"' EXIT
_failures=0
_checks=0

ok() { _checks=$((_checks + 1)); echo "ok - $1"; }

fail() {
  _checks=$((_checks + 1)); _failures=$((_failures + 1))
  echo "not ok - $1: ${2//$'\n'/ }"
}
not_ok() { fail "$@"; }

check() {
  local name=$1 why=$2; shift 2
  if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "$why"; fi
}

check_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

check_grep() {
  if grep -Eq -- "$2" "$3" 2>/dev/null; then ok "$1"
  else fail "$1" "no line matching /$2/ in $3: $(head -c 300 "$3" 2>/dev/null)"; fi
}

boot() {
  local name=$1; shift
  LOG=$T/$name.log
  OUT=$(tools/run --log "$LOG" "$@" 2>&1); RC=$?
}

log_has() {
  tr -d '\r' <"$LOG" | grep -a -q -E -- "$1"
}

log_line() {
  tr -d '\r' <"$LOG" | grep -a -m 1 -E -- "$1"
}

# need_image: the checks boot build/hmbench.elf; without it they cannot
# run, which is a failure, not a skip.
need_image() {
  [ -f build/hmbench.elf ] && return 0
  fail "image" "build/hmbench.elf missing: run make first"
  exit 1
}

fixture_run() {
  local n=$1; shift
  "$ROOT/tests/fixtures/mklog" "$@" >"$TMP/$n.log" &&
    "$ROOT/tools/extract" "$TMP/$n.log" "$TMP/$n" >/dev/null
}

finish() {
  if [ $_checks -eq 0 ]; then echo "not ok - $(basename "$0"): no checks ran"; exit 1; fi
  [ $_failures -eq 0 ] && exit 0
  exit 1
}
