#!/usr/bin/env bash
# mem.sh - the memory issue's boot matrix under TCG: self-tests at 1G, 3G,
# 63G (RAM up to exactly 64 GiB: highmem far above 4 GiB) and 64G (RAM past
# what the CPU model addresses: ignored with a log line, the run passes),
# the page_alloc bench in every zone, and too little RAM: mem_mib= (Linux's
# mem=) limits the guest below what the image and the boot allocations need,
# which must be one clear "too little RAM" line and status 3, not a hang.
. "$(dirname "$0")/lib.sh"
need_image
log_lacks() { ! log_has "$1"; }

for mem in 1G 3G 63G; do
  t0=$(date +%s.%N)
  boot "selftest-$mem" --accel tcg --mem "$mem" --smp 1 --timeout 240 -- mode=selftest
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  check "selftest $mem status 0" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
  check "selftest $mem no FAIL" "$(log_line '^FAIL: ')" log_lacks '^FAIL: '
  echo "# selftest at $mem: $secs s from runner start to exit"
done
LOG=$T/selftest-63G.log
check "63G: highmem above 4 GiB exists" "no PASS: highmem_above_4g: highmem_above_4g_exists" log_has '^PASS: highmem_above_4g: highmem_above_4g_exists$'
check "63G: kmap round trip above 4 GiB" "no PASS: kmap_zones: kmap_above_4g_roundtrip" log_has '^PASS: kmap_zones: kmap_above_4g_roundtrip$'
check "63G: no RAM ignored" "$(log_line '^@meta phys_ignored_bytes=')" log_has '^@meta phys_ignored_bytes=0$'
check "63G: 16M pages of mem_map" "$(log_line '^@meta max_pfn=')" log_has '^@meta max_pfn=16777216$'
echo "# 63G: $(log_line '^mm: mem_map at')"

boot selftest-64G --accel tcg --mem 64G --smp 1 --timeout 240 -- mode=selftest
check "64G status 0" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
check "64G: the unaddressable RAM is ignored with a log line" "no memblock line about ignored RAM" \
  log_has 'ignor'
check "64G: phys_ignored_bytes > 0" "$(log_line '^@meta phys_ignored_bytes=')" \
  log_has '^@meta phys_ignored_bytes=[1-9][0-9]*$'

boot pa-8G --accel tcg --mem 8G --smp 1 --timeout 120 -- mode=bench bench=page_alloc quick
check "page_alloc bench status 0" "runner exit $RC" [ "$RC" -eq 0 ]
for z in dma normal highmem; do
  for o in order0 order3; do
    check "page_alloc $o zone=$z row" "no row" log_has "^page_alloc,$o,zone,$z,0,1,"
  done
done
check "page_alloc log extracts" "extract refused it" tools/extract "$LOG" "$T/pa"

for mib in 2 4; do
  boot "limit-$mib" --accel tcg --mem 128M --timeout 60 -- mode=selftest "mem_mib=$mib"
  check "mem_mib=$mib status 3" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 3 ]
  check "mem_mib=$mib says too little RAM" "$(log_line 'fatal')" log_has '^hmbench: fatal: .*too little RAM'
done
boot limit-16 --accel tcg --mem 128M --timeout 60 -- mode=selftest test=alloc_free_every_zone mem_mib=16
check "mem_mib=16 boots and passes" "runner exit $RC" [ "$RC" -eq 0 ]
check "mem_mib=16 ignores the rest with a line" "$(log_line '^mem: mem_mib')" log_has '^mem: mem_mib=16: ignoring'
finish
