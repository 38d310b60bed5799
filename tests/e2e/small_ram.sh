#!/usr/bin/env bash
# small_ram.sh - self-tests on a machine with very little RAM (mem_mib=,
# Linux's mem=). Every size in the sweep ends one of two ways: status 0,
# where a self-test that cannot fit says SKIP with its reason and nothing
# FAILs, or, below what the image and its boot allocations need, status 3
# with the one "too little RAM" line. Never a FAIL, a hang or a reset.
. "$(dirname "$0")/lib.sh"
need_image
log_lacks() { ! log_has "$1"; }

booted=0 first="" order=ok
for mib in 4 5 6 7 8 10; do
  n=mem_mib-$mib
  boot "$n" --accel tcg --smp 2 --mem 128M --timeout 120 -- mode=selftest quick "mem_mib=$mib"
  case $RC in
    0)
      booted=$((booted + 1)); first=${first:-$mib}
      check "$n: no FAIL" "$(log_line '^FAIL: ')" log_lacks '^FAIL: '
      check "$n: SUMMARY with 0 failures" "$(log_line '^SUMMARY: ')" \
        log_has '^SUMMARY: [0-9]+ tests, 0 failures, [0-9]+ skipped$' ;;
    3)
      [ -z "$first" ] || order="$mib MiB panics although $first MiB booted"
      check "$n: status 3 is the too-little-RAM panic" "$(log_line 'fatal')" \
        log_has '^hmbench: fatal: .*too little RAM' ;;
    *)
      fail "$n: status 0 or 3" "runner exit $RC: $(log_line '^FAIL: ') $(tail -n 1 <<<"$OUT")" ;;
  esac
done
# The boundary is one size: below it the panic, from it up a boot (where it
# lies moves with the image's own needs; 7 MiB and up boot today).
check "one boundary: panics below, boots from there up" "$order" [ "$order" = ok ]
check "7, 8 and 10 MiB boot" "only $booted sizes booted, the first at ${first:-none} MiB" \
  eval '[ -n "$first" ] && [ "$first" -le 7 ]'
# The two tests that need room say so instead of failing, at the smallest
# size that boots.
LOG=$T/mem_mib-${first:-none}.log
check "mem_mib=${first:-none}: vmalloc_readback skips with its need" "$(log_line 'vmalloc_600_pages')" \
  log_has '^SKIP: vmalloc_readback: vmalloc_600_pages \(needs 600 free pages, has [0-9]+\)$'
check "mem_mib=${first:-none}: vmalloc_exhaustion skips with its need" "$(log_line 'vmalloc_exhaustion_null')" \
  log_has '^SKIP: vmalloc_exhaustion: vmalloc_exhaustion_null_no_leak \(needs 1024 free pages for one 4 MiB area, has [0-9]+\)$'
LOG=$T/mem_mib-4.log
check "mem_mib=4: too little RAM, status 3" "$(log_line 'fatal')" log_has '^@done status=3$'
finish
