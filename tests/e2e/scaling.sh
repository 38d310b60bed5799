#!/usr/bin/env bash
# scaling.sh - the SMP scaling rows: mode=bench bench=kmap_atomic,kmap,vmalloc
# quick at -smp 4 (TCG, 2G) must give, for every ncpus 1..4, a progress
# line outside the tables, one row per CPU (cpus 0..ncpus-1) for
# kmap_atomic map_unmap/map_touch_unmap and kmap hit/cycle working_set=1024,
# and one cpu-0 row for vmalloc lazy/eager pages=1, every p50 > 0; eager
# must cost more with 4 CPUs than with 1 (its flush reaches them all);
# tools/extract must accept the log and tools/plot draw smp_scaling.png.
# Then the self-tests tlb_park (a parked CPU keeps a stale entry, rejoining
# removes it) and pcp_cross_cpu (no page lost on the per-CPU lists across
# CPUs; parking drains them) at -smp 2.
. "$(dirname "$0")/lib.sh"
need_image

boot bench-smp4 --accel tcg --smp 4 --mem 2G --timeout 300 -- mode=bench \
  bench=kmap_atomic,kmap,vmalloc quick
check "bench status 0" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 0 ]
for b in kmap_atomic kmap vmalloc; do
  for n in 1 2 3 4; do
    check "$b progress ncpus=$n" "no '-- bench $b ncpus=$n' line" log_has "^-- bench $b ncpus=$n\b"
  done
done

# The log's tables, as "bench/variant/param/ncpus/cpu p50" lines; a progress
# or other stray line inside a table is reported as "junk".
got=$(python3 - "$LOG" <<'PY'
import sys
inside = None
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\r\n")
    if line.startswith("@begin "):
        inside, hdr = line.split()[1], True
        continue
    if inside and line.startswith("@end "):
        inside = None
        continue
    if inside:
        if hdr:
            hdr = False
            continue
        f = line.split(",")
        if len(f) != 16 or f[0] != inside:
            print("junk %s: %s" % (inside, line[:60]))
            continue
        print("%s/%s/%s/%s/%s %s" % (f[0], f[1], f[3], f[5], f[4], f[9]))
PY
)
check "no stray lines in tables" "$(grep '^junk' <<<"$got" | head -n 2)" \
  bash -c "! grep -q '^junk' <<<'$got'"
# p50 KEY: the p50 of one row, empty when the row is missing.
p50() { awk -v k="$1" '$1 == k { print $2; exit }' <<<"$got"; }
for n in 1 2 3 4; do
  for key in kmap_atomic/map_unmap/ kmap_atomic/map_touch_unmap/ kmap/hit/ kmap/cycle/1024; do
    rows=0 pos=0
    for ((c = 0; c < n; c++)); do
      v=$(p50 "$key/$n/$c")
      [ -n "$v" ] && rows=$((rows + 1))
      [ -n "$v" ] && [ "$v" -gt 0 ] && pos=$((pos + 1))
    done
    extra=$(grep -c "^$key/$n/[$n-9]" <<<"$got")
    check "$key ncpus=$n rows per cpu" "$rows rows of cpus 0..$((n - 1)), $extra beyond" \
      [ "$rows" -eq "$n" ] && [ "$extra" -eq 0 ]
    check "$key ncpus=$n p50 > 0" "$pos of $n rows have p50 > 0" [ "$pos" -eq "$n" ]
  done
  for key in vmalloc/lazy/1 vmalloc/eager/1; do
    v=$(p50 "$key/$n/0")
    check "$key ncpus=$n p50 > 0" "p50 '${v:-missing}'" [ -n "$v" ] && [ "${v:-0}" -gt 0 ]
  done
done
e1=$(p50 vmalloc/eager/1/1/0) e4=$(p50 vmalloc/eager/1/4/0)
check "vmalloc eager costs more with 4 CPUs" "p50 ${e1:-none} at 1 CPU, ${e4:-none} at 4" \
  [ "${e4:-0}" -gt "${e1:-0}" ]

run=$T/run
check "extract accepts the log" "tools/extract failed: $(tools/extract "$LOG" "$run" --accel tcg 2>&1 | tail -n 1)" \
  test -s "$run/results.csv"
tools/plot "$run" >/dev/null 2>&1
check "plot draws smp_scaling.png" "no $run/smp_scaling.png" test -s "$run/smp_scaling.png"

boot park-smp2 --accel tcg --smp 2 --mem 256M --timeout 120 -- mode=selftest test=tlb_park,pcp_cross_cpu
check "tlb_park, pcp_cross_cpu status 0" "runner exit $RC: $(log_line '^FAIL: ')" [ "$RC" -eq 0 ]
for t in tlb_park/tlb_park_no_shootdown tlb_park/tlb_park_stale_while_parked tlb_park/tlb_park_rejoin_flushes \
         tlb_park/tlb_park_rejoin_no_stale pcp_cross_cpu/pcp_alloc_both_cpus \
         pcp_cross_cpu/pcp_free_other_cpu_no_loss pcp_cross_cpu/pcp_park_drains; do
  t=${t/\//: }                          # group/name: the line is 'PASS: group: name'
  check "PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
done
finish
