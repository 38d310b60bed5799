#!/usr/bin/env bash
# kvm.sh - the KVM path, under KVM nested in QEMU TCG (tools/nested, npt=0;
# docs/running.md says why). ONE L1 boot, tools/bench's ACCEL=nested run,
# first runs the cases in the same L1 (NESTED_PRE), leaving their logs in
# build/kvm-test/; this script then checks everything on the host.
# The cases are tests/matrix.cfg's entries of group kvm (accel=kvm-nested):
# the KVM probe says KVM is usable; the self-tests at -smp 1, 2 and 4 have
# no FAIL (with `quick`, which shrinks the two stress self-tests: under
# nested shadow paging every IPI and page-table write is a costly exit);
# crash=gp gives status 3 and a bad word status 2. Then the quick bench
# (make bench ACCEL=nested's path) gives every table with unit=cycles, and
# meta.csv has accel=kvm, hypervisor=KVMKVMKVM and the nested-KVM caveat.
# The kit is built on the first run (build/nested/, a download of about
# 70 MB) and reused afterwards. tests/run runs this script alone (its SOLO
# phase): on an idle 2-core host the session takes about 2.5 minutes, and
# any load beside it slows it many times over. Each step's time is printed
# as a "# kvm step" line; the limits (each entry's timeout, 1200 s for the
# session, KVM_TEST_TIMEOUT) leave room for a host several times slower.
# A session that stops making progress is run once more (session below).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

out=build/kvm-test
rm -rf "$out" build/bench-quick.log build/bench-quick.l1-console.log build/kvm-test.stalled-l1-console.log &&
  mkdir -p "$out" || { fail "kvm setup" "cannot create $out"; finish; }
cases=$(matrix_names kvm)
[ -n "$cases" ] || { fail "kvm cases" "no entries of group kvm in $MATRIX_CFG"; finish; }

# in_l1: what runs inside L1 before the bench. Each step leaves NAME.out
# (what the tool printed), NAME.rc (its status) and NAME.secs; nothing is
# judged there.
cat >"$out/in_l1.sh" <<EOF
o=$out
# step NAME CMD...: run CMD, keep its output and status. An L2 whose serial
# log stayed empty (tools/run's watchdog, status 125: the silent-L2 fault of
# the nesting, docs/running.md) is run once more, and NAME.retry says so;
# kvm.sh prints that as a note.
step() {
  local n=\$1 rc t0=\$SECONDS; shift
  "\$@" >"\$o/\$n.out" 2>&1; rc=\$?
  if [ \$rc = 125 ] && grep -q 'serial log stayed empty' "\$o/\$n.out"; then
    cp "\$o/\$n.out" "\$o/\$n.retry"
    "\$@" >"\$o/\$n.out" 2>&1; rc=\$?
  fi
  echo \$rc >"\$o/\$n.rc"
  echo \$((SECONDS - t0)) >"\$o/\$n.secs"
}
# Warm L1's page cache (9p under TCG) with QEMU and its firmware first, so
# the probe's clock measures KVM, not the first read of its 50 MB.
q=/usr/libexec/qemu-system-i386
step warm bash -c "cat \$q \$(ldd \$q | grep -o '/[^ ]*') /usr/share/qemu/*.bin /usr/share/seabios/*.bin >/dev/null 2>&1; true"
EOF
for n in $cases; do
  [ "$(matrix_get "$n" accel)" = kvm-nested ] || { fail "kvm case $n" "accel is not kvm-nested"; continue; }
  cmd=$(matrix_get "$n" command)
  if [ -n "$cmd" ]; then
    line="step $n env PROBE_TIMEOUT=$(matrix_get "$n" timeout 300) $cmd"
  else
    line=$(printf 'step %q tools/run --accel kvm --smp %q --mem %q --timeout %q --log %q -- %s' \
      "$n" "$(matrix_get "$n" smp 1)" "$(matrix_get "$n" mem 128M)" "$(matrix_get "$n" timeout 300)" \
      "$out/$n.log" "$(matrix_get "$n" args)")
  fi
  echo "$line" >>"$out/in_l1.sh"
done

# session: the one L1 boot, make bench ACCEL=nested's own path with the
# cases first, watched from the host. L1 itself can hang: seen once in
# about twenty sessions on an idle host, both L1 vCPUs busy and an L2's
# serial log empty for ten minutes, with no watchdog inside L1 firing.
# Every step writes its files as it goes and a running L2 its log, and
# the watchdogs inside L1 end a silent L2 within 120 s; so when no file
# under $out (or build/nested/, where a first run downloads and unpacks
# the kit) changes for KVM_STALL seconds (default 300), L1 is taken as
# hung: the session is stopped (its L1 console kept in
# build/kvm-test.stalled-l1-console.log) and the status is 200.
session() {
  local pid newest stall=${KVM_STALL:-300}
  ACCEL=nested SMP=2 MEM=1G ARGS=quick RUN_ID=quick HMBENCH_RESULTS=$out/results \
    NESTED_TIMEOUT=${KVM_TEST_TIMEOUT:-1200} \
    NESTED_PRE="export PROBE_TIMEOUT=120 HMBENCH_BOOT_TIMEOUT=120; bash $out/in_l1.sh" \
    tools/bench >"$out/bench.out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    newest=$(find "$out" build/nested -type f -printf '%T@\n' 2>/dev/null | sort -n | tail -n 1)
    if [ $(( $(date +%s) - ${newest%.*} )) -gt "$stall" ]; then
      cp "$(ls -t "$out"/results/.partial-*/l1-console.log 2>/dev/null | head -n 1)" \
        build/kvm-test.stalled-l1-console.log 2>/dev/null
      kill -TERM "$pid"; wait "$pid"
      return 200
    fi
  done
  wait "$pid"
}

start=$SECONDS
session; rc=$?
if [ $rc = 200 ]; then
  echo "# note: the L1 session stalled (no file under $out changed for ${KVM_STALL:-300} s; its console is in build/kvm-test.stalled-l1-console.log): running it once more"
  find "$out" -mindepth 1 ! -name in_l1.sh -exec rm -rf {} +
  session; rc=$?
fi
echo "# L1 session: $((SECONDS - start)) s"
for n in warm $cases; do
  [ -f "$out/$n.secs" ] && echo "# kvm step $n: $(cat "$out/$n.secs") s, status $(cat "$out/$n.rc" 2>/dev/null)"
  [ -f "$out/$n.retry" ] && echo "# note: $n was run twice: its first L2 stayed silent (docs/running.md)"
done
run=$out/results/quick
check_eq "kvm nested quick bench status" "$rc" 0
if [ "$rc" != 0 ]; then
  # What the session said last, and where L1 was: a failure here is rare
  # and far from the machine it happened on.
  tr -d '\r' <"$out/bench.out" | grep -v '^ ' | tail -n 8 | sed 's/^/# bench.out: /'
  for f in build/bench-quick.log build/bench-quick.l1-console.log; do
    [ -f "$f" ] && tr -d '\r' <"$f" | grep -a -v '^$' | tail -n 5 | sed "s|^|# $(basename "$f"): |"
  done
fi
last=${cases##*$'\n'}
check "kvm nested ran the cases" "no step status from L1: $(grep -h '^nested: ' "$out/bench.out" 2>/dev/null | tail -n 1)" \
  test -f "$out/$last.rc"

# Each case as matrix_check sees a boot: RC, OUT, and LOG (the serial log
# of a guest boot, or what a command printed).
for n in $cases; do
  RC=$(cat "$out/$n.rc" 2>/dev/null || echo none)
  OUT=$(cat "$out/$n.out" 2>/dev/null)
  LOG=$out/$n.log
  [ -n "$(matrix_get "$n" command)" ] && LOG=$out/$n.out
  [ -f "$LOG" ] || LOG=/dev/null
  matrix_check "$n"
done

for b in tlb page_alloc kmap kmap_atomic vmalloc shootdown; do
  check "kvm quick bench table $b" "no $b rows in $run/results.csv" grep -q "^$b," "$run/results.csv"
done
check "kvm quick bench unit=cycles" "a row whose unit is not cycles" \
  awk -F, 'NR > 1 && $8 != "cycles" { bad = 1 } NR > 1 { n++ } END { exit bad || !n }' "$run/results.csv"
check_grep "kvm quick bench meta accel=kvm" '^accel,kvm$' "$run/meta.csv"
check_grep "kvm quick bench meta hypervisor" '^hypervisor,KVMKVMKVM$' "$run/meta.csv"
check_grep "kvm quick bench meta nested caveat" '^accel_note,"KVM nested in TCG: exits of an emulated host, not hardware"$' "$run/meta.csv"
check_grep "kvm quick bench summary caveat" 'KVM nested in TCG: exits of an emulated host, not hardware' "$out/bench.out"
finish
