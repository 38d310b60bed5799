#!/usr/bin/env bash
# robust_tools.sh - the host tools against a hostile user (issue 12): a
# refused extract leaves the run it was aimed at untouched, a damaged table
# header or a deleted table is refused, option and error lines are one
# clean line (no control bytes, no traceback), compare refuses runs of
# different accelerators. No guest boot.
. "$(dirname "$0")/lib.sh"
X=$ROOT/tools/extract

# one_clean_line FILE: exactly one line, only printable ASCII.
one_clean_line() {
  [ "$(wc -l <"$1")" -eq 1 ] && ! LC_ALL=C grep -q '[^ -~]' "$1" && ! grep -q Traceback "$1"
}

export -f one_clean_line

# --- item 3: a refused extract destroys nothing.
"$ROOT/tests/fixtures/mklog" >"$TMP/good.log"
"$X" "$TMP/good.log" "$TMP/run" --accel tcg >/dev/null 2>&1
echo "a chart" >"$TMP/run/tlb.png"
( cd "$TMP/run" && sha1sum results.csv meta.csv serial.log tlb.png ) >"$TMP/before"
head -n 40 "$TMP/good.log" >"$TMP/bad.log"
"$X" "$TMP/bad.log" "$TMP/run" 2>"$TMP/bad.err"; rc=$?
check_eq "extract refuses a truncated log into an existing run: exit 1" "$rc" 1
check "a refused extract leaves the existing run untouched" "$(ls "$TMP/run"; cat "$TMP/bad.err")" \
  bash -c 'cd "$1/run" && sha1sum -c --quiet "$1/before"' _ "$TMP"
"$X" "$TMP/bad.log" "$TMP/fresh" 2>/dev/null
check "a refused extract into a new folder creates nothing" "$(ls -a "$TMP/fresh" 2>&1)" test ! -e "$TMP/fresh"
check "a refused extract leaves no temporary folder" "$(ls -a "$TMP")" \
  bash -c '! ls -a "$1" | grep -q -e "^\.run" -e "^\.fresh" -e tmp' _ "$TMP"
"$ROOT/tests/fixtures/mklog" --drop kmap >"$TMP/other.log"
"$X" "$TMP/other.log" "$TMP/run" --accel tcg >/dev/null 2>&1
check_eq "an accepted extract replaces the run whole (no stale chart beside new rows)" \
  "$(ls "$TMP/run" | grep -c png)" 0

# --- item 4: the header and the set of tables are protected.
# refused NAME FAULT_RE: extract $TMP/NAME.log is refused with one line.
refused() {
  "$X" "$TMP/$1.log" "$TMP/$1" 2>"$TMP/$1.err"; local rc=$?
  if [ $rc -ne 1 ]; then fail "refuses $1" "exit $rc, want 1 ($(cat "$TMP/$1.err"))"
  elif ! one_clean_line "$TMP/$1.err"; then fail "refuses $1" "not one line: $(cat "$TMP/$1.err")"
  elif ! grep -Eq -- "$2" "$TMP/$1.err"; then fail "refuses $1" "'$(cat "$TMP/$1.err")' does not match /$2/"
  else ok "refuses $1: $(sed "s|$TMP/||" "$TMP/$1.err")"; fi
}
sed 's/,p50,/,p5O,/' "$TMP/good.log" >"$TMP/header.log"
refused header 'table tlb: .*(crc32|header)'
python3 - "$TMP/good.log" "$TMP/deleted.log" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
b = lines.index("@begin kmap"); e = next(i for i, l in enumerate(lines) if l.startswith("@end kmap "))
open(sys.argv[2], "w").write("\n".join(lines[:b] + lines[e + 1:]))
PY
refused deleted 'kmap'
grep -v '^@tables ' "$TMP/good.log" >"$TMP/nomanifest.log"
refused nomanifest '@tables'
sed 's/^\(@tables .*\)kmap:\([0-9]*\)/\1kmap:9\2/' "$TMP/good.log" >"$TMP/manifestcrc.log"
refused manifestcrc '@tables.*crc32'

# --- item 8: option and error lines.
"$X" "$TMP/good.log" "$TMP/u" --accel >/dev/null 2>"$TMP/noval.err"; rc=$?
check_eq "extract --accel without a value: exit 2" "$rc" 2
check_grep "extract --accel without a value says so" '^extract: option --accel needs a value' "$TMP/noval.err"

mkdir -p "$TMP/ctl"
printf 'bench,\033[2J\a\x01evil\n1,2\n' >"$TMP/ctl/results.csv"
"$ROOT/tools/plot" "$TMP/ctl" >/dev/null 2>"$TMP/plotctl.err"; rc=$?
check "plot: bad results.csv refused with one clean line" "exit $rc: $(od -c "$TMP/plotctl.err" | head -3)" \
  bash -c '[ $1 -eq 1 ] && "$2" "$3"' _ $rc one_clean_line "$TMP/plotctl.err"
"$ROOT/tools/compare" "$TMP/ctl" "$TMP/run" >/dev/null 2>"$TMP/cmpctl.err"; rc=$?
check "compare: bad results.csv refused with one clean line" "exit $rc: $(od -c "$TMP/cmpctl.err" | head -3)" \
  bash -c '[ $1 -eq 2 ] && "$2" "$3"' _ $rc one_clean_line "$TMP/cmpctl.err"
"$ROOT/tools/compare" "$TMP/run" "$TMP/run" --threshold $'\033[31m' >/dev/null 2>"$TMP/cmpthr.err"
check "compare: a bad option value is echoed without control bytes" "$(od -c "$TMP/cmpthr.err" | head -3)" \
  one_clean_line "$TMP/cmpthr.err"

# plot on a read-only run directory: one line, exit 1, no traceback.
"$X" "$TMP/good.log" "$TMP/ro" --accel tcg >/dev/null 2>&1
chmod a-w "$TMP/ro"
if [ "$(id -u)" = 0 ]; then   # root writes anyway: run plot as nobody
  chmod a+rx "$TMP"
  env PATH=/usr/local/bin:/usr/bin:/bin setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$ROOT/tools/plot" "$TMP/ro" >/dev/null 2>"$TMP/ro.err"; rc=$?
else
  "$ROOT/tools/plot" "$TMP/ro" >/dev/null 2>"$TMP/ro.err"; rc=$?
fi
chmod u+w "$TMP/ro"
check "plot on a read-only run: exit 1, one line naming the folder" "exit $rc: $(cat "$TMP/ro.err")" \
  bash -c '[ $1 -eq 1 ] && "$2" "$3" && grep -q "^plot: .*cannot write" "$3"' _ $rc one_clean_line "$TMP/ro.err"

# compare refuses runs of different accelerators (same unit).
"$X" "$TMP/good.log" "$TMP/kvm" --accel kvm >/dev/null 2>&1
"$ROOT/tools/compare" "$TMP/run" "$TMP/kvm" >/dev/null 2>"$TMP/accel.err"; rc=$?
check "compare refuses different accel (tcg vs kvm): exit 2, one line" "exit $rc: $(cat "$TMP/accel.err")" \
  bash -c '[ $1 -eq 2 ] && "$2" "$3" && grep -q "accel" "$3"' _ $rc one_clean_line "$TMP/accel.err"
finish
