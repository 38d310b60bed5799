#!/usr/bin/env bash
# tlbmodel.sh - ACCEL=model (docs/tlbmodel.md): the QEMU plugin's modelled
# TLB must show the invariants any correct model shows, twice the same:
#   refill after a global flush touching K pages: K 4 KiB DTLB misses per op,
#     plus one of the harness's own 4 KiB pages (the same for every K)
#   kmap_atomic map_touch_unmap: exactly one DTLB miss (and walk) per op
#   kmap hit, which touches nothing: no miss, no walk
#   cr3_touch: a miss for the non-global page, none for the global one
#   kmap cycle past the wrap: one full flush per 512 ops (one CPU), none below
# plus: two runs give identical tlb_model.csv and results.csv; every invlpg
# and CR3 write the plugin decodes came with its marker; the default
# image has no marker loads (the model image has); bad geometry and a
# truncated record file are refused with one line.
# Needs build/hmbench-model.elf and build/tlbmodel.so (make model; make
# test builds them). About 40 s on an idle 2-core machine.
. "$(dirname "$0")/lib.sh"

if [ ! -f build/hmbench-model.elf ] || [ ! -f build/tlbmodel.so ]; then
  fail "model image" "build/hmbench-model.elf or build/tlbmodel.so missing: run make model"
  finish
fi

# all_of "TEST1" "TEST2" ...: every test (a [ ] expression) holds; for check.
all_of() {
  local t
  for t in "$@"; do eval "[ $t ]" || return 1; done
}

# field ROW_PREFIX COLUMN CSV: the column (by header name) of the first row
# starting with ROW_PREFIX (bench,variant,param_name,param,cpu,ncpus).
field() {
  awk -F, -v p="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    index($0, p ",") == 1 { print $col[c]; exit }' "$3" 2>/dev/null
}

# The invariants run: one CPU, 1024 samples (two pkmap wraps per cycle row).
boot inv --accel model --smp 1 --mem 1G -- mode=bench bench=tlb,kmap_atomic,kmap quick samples=1024
check "model run succeeds" "status $RC: $(echo "$OUT" | tail -n 2)" [ $RC -eq 0 ]
tools/extract "$LOG" "$T/inv" --accel model >"$T/x.out" 2>&1; rc=$?
check "extract writes tlb_model.csv" "status $rc: $(cat "$T/x.out")" \
  all_of "$rc -eq 0" "-s $T/inv/tlb_model.csv"
csv=$T/inv/tlb_model.csv
check_eq "tlb_model.csv has a row per results row" \
  "$(wc -l <"$csv" 2>/dev/null | tr -d ' ')" "$(wc -l <"$T/inv/results.csv" 2>/dev/null | tr -d ' ')"

# refill K: after its global flush the op touches K pages, and the timed
# region also touches one 4 KiB page of the harness's own (in the 2 MiB
# page of the direct map that the stack guards split into 4 KiB PTEs): so
# K + 1 misses per op, the 1 the same for every K. K = 512 is past the
# L1 DTLB (96 entries) but not the STLB: K + 1 walks.
for k in 1 8 64; do
  check_eq "refill pages=$k: $k + 1 DTLB misses (4 KiB) per op" \
    "$(field "tlb,refill,pages,$k,0,1" dtlb_miss_4k "$csv")" "$((k + 1)).000000"
done
check_eq "refill pages=512: 512 + 1 walks per op" "$(field "tlb,refill,pages,512,0,1" walks "$csv")" "513.000000"
# kmap miss pushes each pkmap wrap out of its timed region (two in 1024
# samples): its ops never flush.
check_eq "kmap miss: no full flush in its timed region" \
  "$(field "kmap,miss,,,0,1" flush_full "$csv")" "0.000000"
check_eq "kmap_atomic map_touch_unmap: one DTLB miss per op" \
  "$(field "kmap_atomic,map_touch_unmap,,,0,1" dtlb_miss "$csv")" "1.000000"
check_eq "kmap_atomic map_touch_unmap: one walk per op" \
  "$(field "kmap_atomic,map_touch_unmap,,,0,1" walks "$csv")" "1.000000"
check_eq "kmap_atomic map_touch_unmap: one invlpg per op" \
  "$(field "kmap_atomic,map_touch_unmap,,,0,1" flush_one "$csv")" "1.000000"
for c in dtlb_miss walks itlb_miss flush_full; do
  check_eq "kmap hit: $c 0" "$(field "kmap,hit,,,0,1" $c "$csv")" "0.000000"
done
check_eq "cr3_touch nonglobal: one miss per op" \
  "$(field "tlb,cr3_touch,page,nonglobal,0,1" dtlb_miss "$csv")" "1.000000"
check_eq "cr3_touch global: no miss" \
  "$(field "tlb,cr3_touch,page,global,0,1" dtlb_miss "$csv")" "0.000000"
check_eq "cr3_reload: one full flush per op, nothing non-global to drop" \
  "$(field "tlb,cr3_reload,,,0,1" flush_full "$csv")/$(field "tlb,cr3_reload,,,0,1" dropped_per_full "$csv")" \
  "1.000000/0.00"
check_eq "pge_toggle: one full flush per op" "$(field "tlb,pge_toggle,,,0,1" flush_full "$csv")" "1.000000"
for w in 1 256 512; do
  check_eq "kmap cycle working_set=$w: no full flush" \
    "$(field "kmap,cycle,working_set,$w,0,1" flush_full "$csv")" "0.000000"
done
for w in 513 1024 4096; do
  check_eq "kmap cycle working_set=$w: one full flush per 512 ops" \
    "$(field "kmap,cycle,working_set,$w,0,1" flush_full "$csv")" "$(awk 'BEGIN { printf "%.6f", 1 / 512 }')"
done
check "kmap cycle past the wrap walks, below it does not" "walks at 512 / 1024: $(field "kmap,cycle,working_set,512,0,1" walks "$csv") / $(field "kmap,cycle,working_set,1024,0,1" walks "$csv")" \
  awk -v a="$(field "kmap,cycle,working_set,512,0,1" walks "$csv")" \
      -v b="$(field "kmap,cycle,working_set,1024,0,1" walks "$csv")" 'BEGIN { exit !(a == 0 && b > 0) }'

# Determinism: two runs on two CPUs, everything identical.
for r in d1 d2; do
  boot $r --accel model --smp 2 --mem 1G -- mode=bench bench=tlb,kmap_atomic,kmap quick samples=1024
  tools/extract "$LOG" "$T/$r" --accel model >/dev/null 2>&1 || fail "extract $r" "refused"
done
check "determinism: two runs give identical tlb_model.csv" \
  "$(diff "$T/d1/tlb_model.csv" "$T/d2/tlb_model.csv" 2>&1 | head -n 3)" cmp -s "$T/d1/tlb_model.csv" "$T/d2/tlb_model.csv"
check "determinism: two runs give identical results.csv" \
  "$(diff "$T/d1/results.csv" "$T/d2/results.csv" 2>&1 | head -n 3)" cmp -s "$T/d1/results.csv" "$T/d2/results.csv"
check "two-CPU rows are modelled per CPU" "no kmap_atomic map_unmap row of cpu 1" \
  grep -q '^kmap_atomic,map_unmap,,,1,2,' "$T/d1/tlb_model.csv"

# Per CPU: in the kmap cycle past the wrap on two CPUs (1024 ops each),
# the 2048 ops share one pkmap, so 4 wraps: CPU 0 does one full flush per
# 512 ops of the two together, and the other CPU flushes at each of them
# too (counted on CPU 0's row as remote: its flush comes by IPI).
c2="kmap,cycle,working_set,1024,0,2"
q512=$(awk 'BEGIN { printf "%.6f", 2 / 512 }')
check_eq "kmap cycle on 2 CPUs: CPU 0 flushes once per 512 ops of both" "$(field "$c2" flush_full "$T/d1/tlb_model.csv")" "$q512"
check_eq "kmap cycle on 2 CPUs: the other CPU flushes at every wrap" "$(field "$c2" remote_flush_full "$T/d1/tlb_model.csv")" "$q512"

# The default image carries no marker load (a load from the window
# TLBMARK_BASE = 0xbfe00000 .. 0xbfffffff); the model image does.
# A marker load names the window as a constant address, or as a negative
# displacement from a register holding the op's offset (0xbfe00000 =
# -0x40200000).
markers() { objdump -d --no-show-raw-insn "$1" | grep -c -E "[^$]0xbf[ef][0-9a-f]{5}|-0x40[12][0-9a-f]{5}\("; }
check_eq "default image: no marker loads" "$(markers build/hmbench.elf)" 0
check "default image: no marker flag (every marker reads tlbmark_on)" "nm finds tlbmark_on in build/hmbench.elf" \
  bash -c "! nm build/hmbench.elf | grep -qw tlbmark_on"
check "model image: marker loads" "none found in build/hmbench-model.elf" [ "$(markers build/hmbench-model.elf)" -gt 0 ]

# Bad input: one line and status 2; a truncated record file is refused.
OUT=$(tools/run --accel model --tlbmodel stlb=10:3 -- bench=tlb 2>&1); rc=$?
check "--tlbmodel stlb=10:3 refused with status 2, one line" "status $rc: $OUT" \
  all_of "$rc -eq 2" "$(echo "$OUT" | wc -l) -eq 1"
OUT=$(tools/run --accel icount --tlbmodel stlb=16:4 -- bench=tlb 2>&1); rc=$?
check "--tlbmodel without --accel model refused" "status $rc: $OUT" [ $rc -eq 2 ]
# A guest that stopped inside a table (fatal, status 3) measured rows it
# never printed: extract keeps the printed ones with their records.
python3 - "$T/d1.log" "$T/pan.log" <<'PY'
import sys, zlib
lines = open(sys.argv[1], encoding="latin-1").read().replace("\r", "").split("\n")
end = next(i for i, l in enumerate(lines) if l.startswith("@end ") and ".raw" not in l)
name, rows = lines[end].split()[1], lines[end].split()[2].split("=")[1]
lst = "%s:%s" % (name, rows)
out = lines[:end + 1] + ["hmbench: fatal: stopped inside the next table (test)",
                         "@tables %s crc32=%08x" % (lst, zlib.crc32((lst + "\n").encode())),
                         "@done status=3", ""]
open(sys.argv[2], "w", encoding="latin-1").write("\n".join(out))
PY
cp "$T/d1.log.tlb" "$T/pan.log.tlb"
OUT=$(tools/extract "$T/pan.log" "$T/pan" --accel model 2>&1); rc=$?
check "a model run that stopped inside a table still extracts its printed rows" "status $rc: $OUT" \
  all_of "$rc -eq 0" "-s $T/pan/tlb_model.csv" \
  "$(wc -l <"$T/pan/tlb_model.csv" 2>/dev/null || echo 0) -eq $(wc -l <"$T/pan/results.csv" 2>/dev/null || echo -1)"
cp "$T/d1.log" "$T/cut.log"; grep -v '^end ' "$T/d1.log.tlb" >"$T/cut.log.tlb"
OUT=$(tools/extract "$T/cut.log" "$T/cut" --accel model 2>&1); rc=$?
check "extract refuses a record file without its end line" "status $rc: $OUT" \
  all_of "$rc -eq 1" "! -e $T/cut" "$(echo "$OUT" | wc -l) -eq 1"
# A flush without its marker (an invlpg the guest did not announce) is refused.
perl -pe 'if (!$d && s/ xinvlpg=([1-9][0-9]*) / " xinvlpg=" . ($1 + 1) . " "/e) { $d = 1 }' "$T/d1.log.tlb" >"$T/cut.log.tlb"
OUT=$(tools/extract "$T/cut.log" "$T/cut" --accel model 2>&1); rc=$?
check "extract refuses records where an invlpg ran without its marker" "status $rc: $OUT" \
  all_of "$rc -eq 1" "! -e $T/cut"
rm -f "$T/cut.log.tlb"
OUT=$(tools/extract "$T/cut.log" "$T/cut" --accel model 2>&1); rc=$?
check "extract refuses a model run without its records" "status $rc: $OUT" [ $rc -eq 1 ]
finish
