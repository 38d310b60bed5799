#!/usr/bin/env bash
# tools_plot.sh - tools/plot on a realistic run: every expected chart is a
# real PNG, a bench without rows gets none, and bad input fails with one line.
. "$(dirname "$0")/lib.sh"
P=$ROOT/tools/plot

# is_png FILE: exists, starts with the PNG signature, and is over 5 KiB.
is_png() {
  [ -f "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
    [ "$(stat -c %s "$1")" -gt 5120 ]
}

"$ROOT/tests/fixtures/mklog" --unit insns >"$TMP/i.log"
"$ROOT/tools/extract" "$TMP/i.log" "$TMP/run" --accel icount >/dev/null 2>&1
"$P" "$TMP/run" >"$TMP/out" 2>"$TMP/err"
check_eq "plot exits 0 on a realistic run" "$? $(cat "$TMP/err")" "0 "
for c in tlb kmap kmap_atomic vmalloc vmalloc_fragmented page_alloc overview smp_scaling shootdown; do
  if is_png "$TMP/run/$c.png"; then ok "$c.png is a PNG over 5 KiB"
  else fail "$c.png is a PNG over 5 KiB" "$(ls -l "$TMP/run/$c.png" 2>&1)"; fi
done
check "the bench with no rows gets no chart" "command failed" test ! -e "$TMP/run/noop.png"
check "a non-results table gets no chart" "command failed" test ! -e "$TMP/run/tsc_calib.png"

# Without shootdown and SMP rows, those charts are not drawn.
"$ROOT/tests/fixtures/mklog" --drop shootdown --drop kmap_atomic --drop kmap >"$TMP/u.log"
"$ROOT/tools/extract" "$TMP/u.log" "$TMP/up" >/dev/null 2>&1
"$P" "$TMP/up" >/dev/null 2>&1
check "no kmap/kmap_atomic/shootdown rows: no smp_scaling.png" "command failed" test ! -e "$TMP/up/smp_scaling.png"
check "no shootdown rows: no shootdown.png" "command failed" test ! -e "$TMP/up/shootdown.png"
check "no kmap rows: no kmap.png" "command failed" test ! -e "$TMP/up/kmap.png"
check "overview.png drawn from the rows that exist" "command failed" is_png "$TMP/up/overview.png"

# The chart text (read from the kept gnuplot scripts): units, subtitle,
# the accel caveat, the axes the task asks for.
G=$TMP/gp-icount
HMBENCH_PLOT_SCRIPTS=$G "$P" "$TMP/run" >/dev/null 2>&1
check_grep "icount charts say guest instructions" 'set ylabel "guest instructions \(icount\)"' "$G/tlb.chart.gp"
check_grep "icount subtitle has accel, cpu_model, tsc_source, the icount note" \
  'accel=icount +cpu_model=QEMU Virtual CPU version 2.5\+ +tsc_source=icount +icount: 1 tick = 1 guest instruction' "$G/overview.chart.gp"
check_grep "kmap sweep on a log2 x axis" 'set logscale x 2' "$G/kmap.chart.gp"
check_grep "kmap x axis labelled working_set" 'set xlabel "working_set' "$G/kmap.chart.gp"
check_grep "kmap marks the wrap at 512" 'set arrow 1 from first 512,' "$G/kmap.chart.gp"
check_grep "kmap draws hit as a reference line" 'hit p50 = 70' "$G/kmap.chart.gp"
check_grep "vmalloc is log-log" 'set logscale y' "$G/vmalloc.chart.gp"
check_grep "p90 and p99 whiskers" 'using 1:2:2:3 with yerrorbars' "$G/vmalloc.chart.gp"
check_grep "overview shows vmalloc pages=1" '"vmalloc/lazy pages=1" 900 ' "$G/overview.p0.dat"
check_grep "smp_scaling x is ncpus 1 2 4" 'set xtics \(1, 2, 4\)' "$G/smp_scaling.chart.gp"
cp -r "$TMP/up" "$TMP/tcg"; sed -i 's/^accel,.*/accel,tcg/' "$TMP/tcg/meta.csv"
HMBENCH_PLOT_SCRIPTS=$TMP/gp-tcg "$P" "$TMP/tcg" >/dev/null 2>&1
check_grep "tcg charts say cycles and carry the TCG caveat" 'TCG: emulator time, not hardware' "$TMP/gp-tcg/tlb.chart.gp"
check_grep "cycles charts say TSC ticks" 'set ylabel "cycles \(TSC ticks\)"' "$TMP/gp-tcg/tlb.chart.gp"

# Failures: one line, non-zero.
one_line_fail() {  # NAME CMD...: CMD exits non-zero with one stderr line
  local name=$1; shift
  "$@" >/dev/null 2>"$TMP/e"; local rc=$?
  if [ $rc -ne 0 ] && [ "$(wc -l <"$TMP/e")" -eq 1 ]; then ok "$name: $(cat "$TMP/e")"
  else fail "$name" "exit $rc, stderr: $(cat "$TMP/e")"; fi
}
mkdir -p "$TMP/none"
one_line_fail "plot without results.csv" "$P" "$TMP/none"
head -1 "$TMP/run/results.csv" >"$TMP/none/results.csv"
one_line_fail "plot on an empty results.csv" "$P" "$TMP/none"
py=$(python3 -c 'import sys; print(sys.executable)')
one_line_fail "plot without gnuplot on PATH" env PATH=/nonexistent "$py" "$P" "$TMP/run"
"$P" >/dev/null 2>&1; check_eq "plot without arguments exits 2" $? 2
finish
