#!/usr/bin/env bash
# robust_bench.sh - make bench / tools/bench against a hostile user (issue
# 12): bad variables and run ids are one line and start nothing, a run
# never replaces another, a failed run leaves no results folder, and Ctrl-C
# (SIGINT to the process group, as a terminal sends it) or SIGTERM stops
# QEMU within a few seconds and leaves results/latest as it was. Results go
# to $T/results (HMBENCH_RESULTS), never to the repository's results/.
. "$(dirname "$0")/lib.sh"
need_image
export HMBENCH_RESULTS=$T/results ACCEL=tcg MEM=256M SMP=1
R=$HMBENCH_RESULTS

# bench_one NAME VAR=VALUE...: tools/bench with the variables; RC, OUT.
bench_one() {
  local n=$1; shift
  OUT=$(env "$@" tools/bench 2>&1); RC=$?
  echo "$OUT" >"$T/$n.out"
}
# listing: what $R holds, hidden entries and link targets included.
listing() { ls -la "$R" 2>/dev/null | awk 'NR > 1 { print $1, $NF, $(NF-2) }' | grep -v ' \.\.\? ' ; }

# --- item 2: a good run, then the same id again, then "latest".
bench_one first RUN_ID=first ARGS="bench=tlb quick"
check_eq "a quick bench run succeeds" "$RC" 0
check "results/latest points at it" "$(listing)" test "$(readlink "$R/latest")" = first
sum=$(cd "$R/first" && sha1sum *)
before=$(listing)
for bad in "RUN_ID=first" "RUN_ID=latest" "RUN_ID=../escape" "RUN_ID=a/b" "SMP=foo" "MEM=12" \
           "ACCEL=warp" "ARGS=mode=selftest"; do
  t0=$SECONDS
  if [ "${bad%%=*}" = ARGS ]; then bench_one bad "$bad"
  else bench_one bad "$bad" ARGS="bench=tlb quick"; fi
  check "'$bad' refused: status 2, one line, at once" "exit $RC after $((SECONDS - t0)) s: $OUT" \
    bash -c '[ $1 -eq 2 ] && [ "$(wc -l <<<"$2")" -eq 1 ] && [ $3 -le 5 ]' _ $RC "$OUT" $((SECONDS - t0))
  check "'$bad' leaves results as they were" "before: $before, after: $(listing)" \
    test "$before" = "$(listing)"
done
check_grep "mode= in ARGS points to make test" "make test" "$T/bad.out"
check "the first run is untouched" "changed" bash -c 'cd "$1/first" && [ "$(sha1sum *)" = "$2" ]' _ "$R" "$sum"

# --- a failed guest run: no results folder, the log kept in build/.
bench_one failed RUN_ID=failed ARGS="bogus=1"
check "a failed guest run: status 2, no results folder" "exit $RC; $(listing)" \
  bash -c '[ $1 -eq 2 ] && [ "$2" = "$3" ]' _ $RC "$before" "$(listing)"
check_grep "a failed guest run says why (the guest's cmdline line)" "run: guest: cmdline: unknown key in 'bogus=1'" "$T/failed.out"
check "a failed guest run keeps its log in build/" "no build/bench-failed.log" [ -s build/bench-failed.log ]
rm -f build/bench-failed.log build/bench-failed.log.meta

# --- item 1: signals. interrupt SIG HOW: start `make bench` in its own
# session with SIGINT at its default (as a terminal's foreground job), wait
# until its QEMU runs, send SIG to the group (HOW=group) or to tools/bench
# alone (HOW=bench); everything must be gone within 3 s, nothing kept.
qemu_in() { pgrep -f "qemu-system-i386 .*file:[^ ]*$n" >/dev/null; }
interrupt() {
  local sig=$1 how=$2 n=sig$1$2 i pid
  ( exec setsid env --default-signal=INT make --no-print-directory bench RUN_ID=$n \
      ARGS="samples=20000" >"$T/$n.out" 2>&1 </dev/null ) &
  pid=$!
  for i in $(seq 150); do qemu_in && break; sleep 0.2; done
  sleep 1
  if [ "$how" = group ]; then kill -"$sig" -- -"$pid"
  else kill -"$sig" "$(pgrep -g "$pid" -f '^bash tools/bench' | head -n 1)"; fi
  for i in $(seq 15); do qemu_in || break; sleep 0.2; done
  if qemu_in; then fail "$n: QEMU gone within 3 s" "still runs"; kill $(pgrep -f "qemu-system-i386 .*file:[^ ]*$n")
  else ok "$n: QEMU gone within 3 s"; fi
  for i in $(seq 15); do pgrep -g "$pid" >/dev/null || break; sleep 0.2; done
  check "$n: no process of the run is left" "$(pgrep -a -g "$pid")" bash -c '! pgrep -g "$1" >/dev/null' _ "$pid"
  kill -KILL -- -"$pid" 2>/dev/null
  wait "$pid"
  check "$n: no run kept, results/latest unchanged" "before: $before, after: $(listing); $(cat "$T/$n.out")" \
    test "$before" = "$(listing)"
  check_grep "$n: says it was interrupted" "^bench: interrupted \(SIG$sig\)" "$T/$n.out"
}
interrupt INT group
interrupt TERM bench
finish
