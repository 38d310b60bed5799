# tests/e2e/lib.sh - helpers for end-to-end test scripts (source it).
#
# Every check prints one line, as tests/run expects:
#   ok - <name>
#   not ok - <name>: <why>
# and the script ends with `finish`, which exits 1 if any check failed.
#
#   ok NAME                 record a pass
#   fail NAME WHY           record a failure
#   check NAME CMD...       pass if CMD exits 0 (its output is discarded)
#   check_eq NAME GOT WANT  pass if the two strings are equal
#   check_grep NAME RE FILE pass if FILE has a line matching the ERE RE
#   finish                  exit 0 if every check passed, else 1
# Also: ROOT (the repository root) and TMP (a scratch folder removed at exit).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hmbench-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_failures=0
_checks=0

ok() { _checks=$((_checks + 1)); echo "ok - $1"; }

fail() {
  _checks=$((_checks + 1)); _failures=$((_failures + 1))
  echo "not ok - $1: ${2//$'\n'/ }"
}

check() {
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "command failed: $*"; fi
}

check_eq() {
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

check_grep() {
  if grep -Eq -- "$2" "$3" 2>/dev/null; then ok "$1"
  else fail "$1" "no line matching /$2/ in $3: $(head -c 300 "$3" 2>/dev/null)"; fi
}

# finish: the script's exit status; a script with no checks at all fails.
finish() {
  if [ $_checks -eq 0 ]; then echo "not ok - $(basename "$0"): no checks ran"; exit 1; fi
  [ $_failures -eq 0 ] && exit 0
  exit 1
}
