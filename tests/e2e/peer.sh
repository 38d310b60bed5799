#!/usr/bin/env bash
# peer.sh - the peer kernel (docs/peer.md): Debian's Linux 6.1 with the
# benchmark of peer/linux built in. It builds (from the tarball the first
# time, the cached build after: the second tools/peer-build must do
# nothing), its config has what peer/linux/config asks for, a quick icount
# run gives every table in hmbench's protocol and passes tools/extract,
# two runs give identical rows and match results/baseline/peer-icount,
# a bad guest word ends with status 2, and tools/compare --peer lines its
# rows up with hmbench's baseline key for key and draws peer.png; a quick
# icount run with 2 CPUs lines up the ncpus=2 rows (the concurrent ones,
# one per CPU, included).
. "$(dirname "$0")/lib.sh"

start=$SECONDS
tools/peer-build >"$T/build.out" 2>&1; rc=$?
check "peer kernel builds" "status $rc: $(tail -n 3 "$T/build.out")" [ $rc -eq 0 ]
[ $rc -eq 0 ] || finish
echo "# peer kernel build: $((SECONDS - start)) s"
t0=$SECONDS
tools/peer-build >"$T/build2.out" 2>&1; rc=$?
check "cached peer build is reused" "status $rc, $((SECONDS - t0)) s: $(head -n 2 "$T/build2.out")" \
  [ $rc -eq 0 ] && [ ! -s "$T/build2.out" ] && [ $((SECONDS - t0)) -le 10 ]
version=$(tools/peer-build --print-version)
check "peer kernel is Linux 6.1" "version '$version'" grep -qE '^6\.1\.[0-9]+$' <<<"$version"
missing=$(grep '^CONFIG_' peer/linux/config | grep -vxFf build/peer/config)
check_eq "peer config has every option of peer/linux/config" "$missing" ""

KERNEL=linux tools/icount-run "$T/a" >"$T/a.out" 2>&1; rca=$?
check "peer icount run 1 succeeds" "status $rca: $(tail -n 2 "$T/a.out")" [ $rca -eq 0 ]
KERNEL=linux tools/icount-run "$T/b" >"$T/b.out" 2>&1; rcb=$?
check "peer icount run 2 succeeds" "status $rcb: $(tail -n 2 "$T/b.out")" [ $rcb -eq 0 ]
for t in kmap kmap_atomic page_alloc shootdown tlb vmalloc; do
  check_grep "peer log has table $t" "^@end $t rows=[1-9][0-9]* crc32=" "$T/a/serial.log"
done
check_grep "peer meta.csv says impl=linux-$version" "^impl,linux-$version\$" "$T/a/meta.csv"
check_grep "peer meta.csv has the config options" "^config_highmem64g,y\$" "$T/a/meta.csv"
check "peer rows are insns" "unit column is not insns" \
  awk -F, 'NR > 1 && $8 != "insns" { bad = 1 } END { exit bad || NR < 2 }' "$T/a/results.csv"
check "two peer icount runs give identical rows" "$(diff "$T/a/results.csv" "$T/b/results.csv" | head -n 4)" \
  cmp -s "$T/a/results.csv" "$T/b/results.csv"
tools/compare results/baseline/peer-icount "$T/a" >"$T/cmpb.out" 2>&1; rc=$?
check "fresh peer run within 2% of results/baseline/peer-icount" \
  "compare exit $rc: $(grep -E 'REGRESS|missing|refus|usage' "$T/cmpb.out" | head -n 3)" [ $rc -eq 0 ]

boot badword --kernel linux --accel tcg --timeout 120 -- samples=0
check_eq "peer: samples=0 ends with status 2" "$RC" "2"
check "peer: samples=0 gives one cmdline line" "log: $(grep -a cmdline: "$LOG" | head -n 2)" log_has '^cmdline: samples=0: '
boot badbench --kernel linux --accel tcg --timeout 120 -- bench=nosuch
check_eq "peer: bench=nosuch ends with status 2" "$RC" "2"

tools/compare --peer results/baseline/icount "$T/a" --chart "$T/peer.png" >"$T/cmp.out" 2>&1; rc=$?
check "compare --peer succeeds" "exit $rc: $(tail -n 2 "$T/cmp.out")" [ $rc -eq 0 ]
for row in "kmap/hit cpu0/1" "kmap/cycle working_set=4096 cpu0/1" "kmap_atomic/map_unmap cpu0/1" \
           "kmap_atomic/map_touch_unmap cpu0/1" "vmalloc/lazy pages=1024 cpu0/1" \
           "page_alloc/order3 zone=highmem cpu0/1" "shootdown/flush_one cpu0/1"; do
  check "compare --peer lines up $row" "not a side-by-side row: $(grep -F "$row" "$T/cmp.out" | head -n 1)" \
    grep -qE "^${row//./\\.} +[0-9.]+ +[0-9.]+ +[0-9.]+x " "$T/cmp.out"
done
# Every Linux row must have its hmbench row: the keys are the same.
check "every peer row has an hmbench row" "$(grep '^only in linux' "$T/cmp.out" | grep -v 'local_map' | head -n 3)" \
  bash -c "! grep '^only in linux' '$T/cmp.out' | grep -qv local_map"
check "compare --peer draws peer.png" "no PNG" bash -c "file '$T/peer.png' | grep -q PNG"

# The ncpus=2 rows, the concurrent ones (peer/linux/concurrent.c) among
# them, from a quick icount run with 2 CPUs (tools/run boots the peer with
# maxcpus=1 and it brings CPU 1 up itself, docs/peer.md), beside hmbench's
# baseline, which has them: the same keys, the same unit.
boot smp2 --kernel linux --accel icount --smp 2 --mem 1G --timeout 240 -- \
  mode=bench quick bench=kmap,kmap_atomic,shootdown
check_eq "peer icount SMP=2 run ends with status 0" "$RC" "0"
tools/extract "$LOG" "$T/smp2" --accel icount >/dev/null 2>&1 &&
  tools/compare --peer results/baseline/icount "$T/smp2" >"$T/cmp3.out" 2>&1; rc=$?
check "compare --peer of the SMP=2 run succeeds" "exit $rc: $(tail -n 2 "$T/cmp3.out")" [ $rc -eq 0 ]
for row in "kmap/hit cpu0/2" "kmap/hit cpu1/2" "kmap/cycle working_set=1024 cpu0/2" \
           "kmap/cycle working_set=1024 cpu1/2" "kmap_atomic/map_unmap cpu1/2" \
           "kmap_atomic/map_touch_unmap cpu1/2" "shootdown/ipi_roundtrip cpu0/2" \
           "shootdown/flush_one_concurrent cpu0/2" "shootdown/flush_one_concurrent cpu1/2"; do
  check "compare --peer lines up $row" "not a side-by-side row: $(grep -F "$row" "$T/cmp3.out" | head -n 1)" \
    grep -qE "^${row//./\\.} +[0-9.]+ +[0-9.]+ +[0-9.]+x " "$T/cmp3.out"
done
check "no ncpus=2 row of kmap, kmap_atomic or shootdown on one side only" \
  "$(grep '^only in' "$T/cmp3.out" | grep -E ' (kmap|kmap_atomic|shootdown)/.*/2$' | head -n 3)" \
  bash -c "! grep '^only in' '$T/cmp3.out' | grep -qE ' (kmap|kmap_atomic|shootdown)/.*/2\$'"

tools/compare results/baseline/icount "$T/a" >"$T/cmp2.out" 2>&1; rc=$?
check "compare switches to peer mode for runs of two impls" "exit $rc: $(head -n 1 "$T/cmp2.out")" \
  grep -q '^compare: peer: ' "$T/cmp2.out"
finish
