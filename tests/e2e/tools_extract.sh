#!/usr/bin/env bash
# tools_extract.sh - tools/extract on crafted good and bad serial logs.
. "$(dirname "$0")/lib.sh"
X=$ROOT/tools/extract
H=bench,variant,param_name,param,cpu,ncpus,samples,unit,min,p50,p90,p99,max,mean,stddev,overhead
R1=tlb,floor,,,0,1,1000,cycles,88,90,99,117,180,94.5,7.2,24
R2=tlb,invlpg,,,0,1,1000,cycles,130,135,148,175,270,141.7,10.8,24
R3=kmap,hit,,,0,1,1000,cycles,200,210,231,273,420,220.5,16.8,24

# crc LINE...: zlib's crc32 of the lines, each with '\n', as 8 hex digits.
crc() { printf '%s\n' "$@" | python3 -c 'import sys, zlib; print("%08x" % zlib.crc32(sys.stdin.buffer.read()))'; }
# table NAME HEADER ROW...: a correct @begin..@end block (the CRC covers the
# header and the rows).
table() {
  local name=$1 header=$2; shift 2
  printf '@begin %s\n%s\n' "$name" "$header"
  [ $# -gt 0 ] && printf '%s\n' "$@"
  printf '@end %s rows=%d crc32=%s\n' "$name" $# "$(crc "$header" "$@")"
}
# seal: a filter that puts the right @tables manifest (every table so far,
# with its row count) before each @done line, so that a test log is refused
# only for the fault it was made with.
seal() {
  python3 -c '
import sys, zlib
items, cur = [], None
for line in sys.stdin.read().splitlines(keepends=True):
    bare = line.rstrip("\r\n")
    if bare.startswith("@begin "):
        cur, rows = bare[7:], -1
    elif bare.startswith("@end ") and cur is not None:
        items.append("%s:%d" % (cur, rows)); cur = None
    elif cur is not None and bare:
        rows += 1
    elif bare.startswith("@done"):
        text = ",".join(items) or "-"
        print("@tables %s crc32=%08x" % (text, zlib.crc32((text + "\n").encode())))
    print(line, end="")
' ; }
# run_x NAME [ARGS...]: extract $TMP/NAME.log into $TMP/NAME, keeping status
# in $rc and stderr in $TMP/NAME.err.
run_x() {
  local n=$1; shift
  "$X" "$TMP/$n.log" "$TMP/$n" "$@" 2>"$TMP/$n.err" >/dev/null; rc=$?
}

# --- a good log: free text, \r, CRLF, @meta, two bench tables and others.
{
  printf 'GRUB loading.\r\n\rhmbench booting...\r\n'
  printf '@meta git_rev=abc123\n@meta cpu_model=Some CPU @ 2.00GHz\n'
  printf '@meta tsc_source=cpuid\n'
  table tlb "$H" "$R1" "$R2"
  echo 'progress: 50%'
  table kmap "$H" "$R3"
  # Pinned by hand, not by our code: IEEE CRC-32 of "123456789" is the
  # standard check value cbf43926; with the contract's '\n' after each row
  # it is e0117757 (gzip's trailer of printf '123456789\n' agrees).
  # header "value\n": cbbf828d (gzip agrees for printf 'value\n123456789\n').
  printf '@begin check\r\nvalue\r\n123456789\r\n@end check rows=1 crc32=CBBF828D\r\n'
  printf 'bye\n@done status=0\r\n'
} | seal | sed 's/$/\r/' >"$TMP/good.log"
HMBENCH_ACCEL= run_x good --accel tcg
check_eq "extract good log exits 0" "$rc $(cat "$TMP/good.err")" "0 "
check_eq "results.csv is the header then rows in log order" \
  "$(cat "$TMP/good/results.csv" 2>&1)" "$(printf '%s\n' "$H" "$R1" "$R2" "$R3")"
check_eq "a non-results table gets its own csv (CRC check value accepted)" \
  "$(cat "$TMP/good/check.csv" 2>&1)" "$(printf 'value\n123456789')"
check "serial.log is a raw copy" "command failed" cmp "$TMP/good.log" "$TMP/good/serial.log"
meta() { grep "^$2," "$TMP/$1/meta.csv" | cut -d, -f2-; }
check_eq "meta.csv keeps @meta lines in order" \
  "$(cut -d, -f1 "$TMP/good/meta.csv" | head -4 | tr '\n' ' ')" "key git_rev cpu_model tsc_source "
check_eq "meta.csv value with spaces and @" "$(meta good cpu_model)" "Some CPU @ 2.00GHz"
check_eq "meta.csv accel from --accel" "$(meta good accel)" tcg
check_eq "meta.csv guest_status from @done" "$(meta good guest_status)" 0
check "meta.csv host_cpu is filled in" "command failed" test -n "$(meta good host_cpu)"
check "meta.csv host_kernel is filled in" "command failed" test -n "$(meta good host_kernel)"
HMBENCH_ACCEL=icount run_x good
check_eq "accel from HMBENCH_ACCEL" "$(meta good accel)" icount
HMBENCH_ACCEL= run_x good
check_eq "accel defaults to unknown" "$(meta good accel)" unknown

# --- extracting in place (LOG is OUTDIR/serial.log) works.
mkdir -p "$TMP/inplace"; cp "$TMP/good.log" "$TMP/inplace/serial.log"
"$X" "$TMP/inplace/serial.log" "$TMP/inplace" 2>"$TMP/inplace.err"
check_eq "extract in place" "$? $(wc -l <"$TMP/inplace/results.csv") $(cat "$TMP/inplace.err")" "0 4 "

# --- a failed guest still extracts, exit 0, status in meta.csv.
{ table tlb "$H" "$R1"; echo '@done status=1'; } | seal >"$TMP/failed.log"
run_x failed
check_eq "guest status 1 extracts with exit 0" "$rc $(meta failed guest_status)" "0 1"

# --- bad logs: exit 1, one stderr line naming the table and the fault,
# and the run folder aimed at left as it was (here: a results.csv from
# before, no serial.log).
# bad NAME TABLE FAULT_RE: run extract on $TMP/NAME.log and check all that.
bad() {
  local n=$1 t=$2 re=$3 want
  mkdir -p "$TMP/$n"; echo stale >"$TMP/$n/results.csv"
  seal <"$TMP/$n.log" >"$TMP/$n.sealed" && mv "$TMP/$n.sealed" "$TMP/$n.log"
  run_x "$n"
  if [ -n "$t" ]; then want="^extract: $TMP/$n.log: table $t: .*$re"
  else want="^extract: $TMP/$n.log: .*$re"; fi
  if [ $rc -ne 1 ]; then fail "refuses $n" "exit $rc, want 1"
  elif [ "$(wc -l <"$TMP/$n.err")" -ne 1 ]; then fail "refuses $n" "stderr is not one line: $(cat "$TMP/$n.err")"
  elif ! grep -Eq -- "$want" "$TMP/$n.err"; then fail "refuses $n" "stderr '$(cat "$TMP/$n.err")' does not match /$want/"
  elif [ -e "$TMP/$n/serial.log" ] || [ "$(cat "$TMP/$n/results.csv")" != stale ]; then fail "refuses $n" "the run folder changed: $(ls "$TMP/$n")"
  else ok "refuses $n: $(cat "$TMP/$n.err" | sed "s|$TMP/||")"; fi
}
{ printf '@begin tlb\n%s\n%s\n' "$H" "$R1"; } >"$TMP/truncated.log"
bad truncated tlb 'truncated'
{ printf '@begin tlb\n%s\n%s\n@done status=0\n' "$H" "$R1"; } >"$TMP/truncdone.log"
bad truncdone tlb 'truncated'
{ table tlb "$H" "$R1" "$R2" | sed 's/rows=2/rows=3/'; echo '@done status=0'; } >"$TMP/rowcount.log"
bad rowcount tlb 'row count.*rows=3.*found 2'
{ table tlb "$H" "$R1" "$R2"; echo '@done status=0'; } | sed "s/^$R2\$/${R2/,24/,25}/" >"$TMP/crc.log"
bad crc tlb 'crc32 mismatch'
{ table tlb "$H" "$R1"; } >"$TMP/nodone.log"
bad nodone "" 'no @done'
printf '@begin check\nvalue\n123456789\n@end check rows=1 crc32=e0117757\n@done status=0\n' >"$TMP/nonl.log"
bad nonl check 'crc32 mismatch.*says e0117757, header and rows give cbbf828d'
{ table tlb "$H" "$R1" "$R2,extra"; echo '@done status=0'; } >"$TMP/fields.log"
bad fields tlb 'row has 17 fields, header has 16'
{ printf '@begin tlb\n%s\n' "$H"; table kmap "$H" "$R3"; } >"$TMP/nested.log"
bad nested tlb 'nested'
{ table tlb "$H" "$R1"; table tlb "$H" "$R2"; echo '@done status=0'; } >"$TMP/dup.log"
bad dup tlb 'duplicate table'
{ table tlb "$H" "${R1/,cycles,/,bogus,}"; echo '@done status=0'; } >"$TMP/unit.log"
bad unit tlb 'unit .*bogus'
{ table kmap "$H" "$R1"; echo '@done status=0'; } >"$TMP/benchname.log"
bad benchname kmap 'bench .*tlb.* not the table name'
{ printf '@begin ../../evil\nv\n1\n@end ../../evil rows=1 crc32=83dcefb7\n@done status=0\n'; } >"$TMP/path.log"
bad path "" 'bad table name'
{ table tlb "$H" "$R1"; echo '@done status=7'; } >"$TMP/status.log"
bad status "" 'bad @done'
{ echo '@meta bad key=1'; table tlb "$H" "$R1"; echo '@done status=0'; } >"$TMP/metakey.log"
bad metakey "" 'bad @meta'
{ echo '@meta accel=kvm'; table tlb "$H" "$R1"; echo '@done status=0'; } >"$TMP/metahost.log"
bad metahost "" 'reserved'

# --- shell payloads are data: never executed, stored literally or refused.
pw=$TMP/pwned
{
  echo "@meta cmdline=\$(touch $pw.1) \`touch $pw.2\`"
  echo "@meta cpu_model=Evil \`touch $pw.5\` \$(touch $pw.6) '\"; system('touch $pw.7')"
  table tlb "$H" "tlb,\$(touch $pw.3),,,0,1,1000,cycles,1,2,3,4,5,6,7,8"
  echo '@done status=0'
} | seal >"$TMP/payload.log"
run_x payload
check_eq "payload log extracts as data" "$rc" 0
check_eq "payload kept literally in meta.csv" "$(meta payload cmdline)" "\$(touch $pw.1) \`touch $pw.2\`"
{ printf '@begin $(touch %s.4)\nv\n@end x rows=0 crc32=00000000\n@done status=0\n' "$pw"; } >"$TMP/payname.log"
bad payname "" 'bad table name'
check "no payload executed by extract" "command failed" test ! -e "$pw.1" -a ! -e "$pw.2" -a ! -e "$pw.3" -a ! -e "$pw.4"
HMBENCH_PLOT_SCRIPTS=$TMP/gp "$ROOT/tools/plot" "$TMP/payload" >/dev/null 2>&1
check_eq "plot draws the payload run" "$(ls "$TMP/payload" | grep -c png)" 1
check_grep "the payload's cpu_model reaches the chart subtitle, defused" 'cpu_model=Evil \?touch' "$TMP/gp/tlb.chart.gp"
check "payload never reaches a gnuplot script as code" "command failed" test -z "$(grep -lF -e '`' -e '$(' -e "system('" "$TMP"/gp/*.gp)"
"$ROOT/tools/summary" "$TMP/payload" >/dev/null 2>&1
"$ROOT/tools/compare" "$TMP/payload" "$TMP/payload" >/dev/null 2>&1
check "no payload executed by plot, summary, compare" "command failed" test -z "$(ls "$TMP" | grep pwned)"

# --- usage errors exit 2.
"$X" >/dev/null 2>&1; check_eq "no arguments: exit 2" $? 2
"$X" "$TMP/good.log" "$TMP/u" --accel warp >/dev/null 2>&1; check_eq "bad --accel: exit 2" $? 2
"$X" "$TMP/absent.log" "$TMP/u" 2>"$TMP/absent.err"; rc=$?
check_eq "unreadable log: exit 1, one line" "$rc $(wc -l <"$TMP/absent.err")" "1 1"
finish
