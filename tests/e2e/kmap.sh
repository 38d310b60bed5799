#!/usr/bin/env bash
# kmap.sh - the kmap self-tests booted at 128M (no highmem: SKIPs with a
# reason), 8G and 63G, and the test-only misuse words: kmap_exhaust,
# kmap_atomic_too_deep and kmap_atomic_out_of_order must stop with status 3
# and their line; without the highmem they need, status 2 and a line.
# Boots through tools/run when it exists, else QEMU directly (TCG).
. "$(dirname "$0")/lib.sh"
ELF=$ROOT/build/hmbench.elf
[ -f "$ELF" ] || { fail "kmap: image" "no $ELF (run make first)"; finish; }

# boot NAME MEM CPU WORDS...: one boot; its guest status in $st, log $TMP/NAME.log.
boot() {
  local name=$1 mem=$2 cpu=$3 log=$TMP/$1.log rc; shift 3
  if [ -x "$ROOT/tools/run" ]; then
    HMBENCH_CPU=$cpu "$ROOT/tools/run" --accel tcg --smp "${SMP:-1}" --mem "$mem" --timeout 300 \
      --log "$log" -- "$@" >"$TMP/$name.run" 2>&1
    st=$?
    sed -i 's/\r$//' "$log"
    return
  fi
  "$ROOT/tools/mkiso" "$ELF" "$TMP/$name.iso" "$@" >/dev/null 2>&1 || { st=125; return; }
  timeout 300 qemu-system-i386 -cpu "$cpu" -accel tcg -smp "${SMP:-1}" -m "$mem" -no-reboot \
    -object "memory-backend-ram,id=ram0,size=$mem,reserve=off" -machine memory-backend=ram0 \
    -device isa-debug-exit,iobase=0xf4,iosize=4 -serial "file:$log" -monitor none \
    -display none -boot d -net none -cdrom "$TMP/$name.iso" >/dev/null 2>&1
  rc=$?; rm -f "$TMP/$name.iso"
  sed -i 's/\r$//' "$log"
  if [ $rc -eq 124 ]; then st=124
  elif ! grep -q '^@done status=' "$log"; then st=125
  else st=$((rc >> 1)); fi
}

# selftests NAME MEM CPU PASSRE [SKIPRE]: status 0, no FAIL, PASSRE passes,
# SKIPRE (if given) is skipped with a reason.
selftests() {
  local name=$1 mem=$2 cpu=$3 pass=$4 skip=${5:-}
  boot "$name" "$mem" "$cpu" mode=selftest
  check_eq "kmap selftests $name: status" "$st" 0
  if grep -q '^FAIL:' "$TMP/$name.log"; then fail "kmap selftests $name: no FAIL" "$(grep '^FAIL:' "$TMP/$name.log" | head -3)"
  else ok "kmap selftests $name: no FAIL"; fi
  check_grep "kmap selftests $name: $pass passes" "^PASS: $pass\$" "$TMP/$name.log"
  [ -z "$skip" ] || check_grep "kmap selftests $name: $skip skipped with a reason" "^SKIP: $skip \(.+\)\$" "$TMP/$name.log"
}

selftests 128m 128M qemu32 kmap_dma_roundtrip 'kmap_(wrap_one_flush_each|highmem_roundtrip)'
check_grep "kmap selftests 128m: the wrap test says why it skips" '^SKIP: kmap_wrap: kmap_wrap_one_flush_each \(needs 1024 free highmem pages, has 0\)' "$TMP/128m.log"
selftests 8g 8G qemu32 kmap_wrap_old_slot_faults kmap_above_4g_roundtrip
check_grep "kmap selftests 8g: one global flush per wrap" '^PASS: kmap_wrap: kmap_wrap_one_flush_each$' "$TMP/8g.log"
check_grep "kmap selftests 8g: kmap_atomic nests to KM_MAX_IDX" '^PASS: kmap_atomic_nest: kmap_atomic_nest_to_max$' "$TMP/8g.log"
# qemu32 has 32 physical bits (no PSE36): RAM above 4 GiB needs +pse36.
selftests 8g_pse36 8G qemu32,+pse36 kmap_above_4g_roundtrip
selftests 63g 63G qemu32 kmap_highmem_roundtrip kmap_above_4g_roundtrip

# SMP: CPUs fighting over a nearly full pkmap (waits, shootdowns), and the
# wrap's flush counted on every CPU.
for n in 2 4; do
  SMP=$n boot smp$n 2G qemu32 mode=selftest test=kmap_smp,kmap_wrap,kmap_atomic_nest
  check_eq "kmap selftests smp=$n: status" "$st" 0
  check_grep "kmap selftests smp=$n: contended kmap on every CPU" '^PASS: kmap_smp: kmap_smp_contended$' "$TMP/smp$n.log"
  check_grep "kmap selftests smp=$n: one global flush per CPU per wrap" '^PASS: kmap_wrap: kmap_wrap_one_flush_each$' "$TMP/smp$n.log"
done

# misuse NAME MEM WORD STATUS RE: the word ends the run with STATUS and a line matching RE.
misuse() {
  boot "$1" "$2" qemu32 "$3"
  check_eq "kmap word $3 at $2: status $4" "$st" "$4"
  check_grep "kmap word $3 at $2: says why" "$5" "$TMP/$1.log"
}
misuse exhaust 1G kmap_exhaust 3 'kmap: pkmap pool exhausted: all 512 entries in use on one CPU'
misuse deep 1G kmap_atomic_too_deep 3 'BUG: kmap_atomic: nested deeper than KM_MAX_IDX \(16\)'
misuse order 1G kmap_atomic_out_of_order 3 'BUG: kunmap_atomic\(0x[0-9a-f]+\) out of order on CPU 0'
misuse exhaust_lowmem 128M kmap_exhaust 2 '^kmap_exhaust: needs 513 free highmem pages, this machine has 0'
SMP=2 misuse exhaust_smp 1G kmap_exhaust 2 '^kmap_exhaust: needs one CPU \(2 online\)'
misuse deep_lowmem 128M kmap_atomic_too_deep 2 '^kmap_atomic_too_deep: needs 17 free highmem pages'
finish
