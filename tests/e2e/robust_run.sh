#!/usr/bin/env bash
# robust_run.sh - tools/run against a hostile user (issue 12): --iso takes
# only a bootable ISO, a run whose log stays empty ends early with one line,
# the guest's cmdline:/BUG:/fatal: lines reach the terminal, Ctrl-C and
# SIGTERM stop QEMU at once, and no message carries bash internals.
. "$(dirname "$0")/lib.sh"
need_image

# one_line_no_bash TEXT: one line, no "line N:" or job report from bash.
one_line_no_bash() {
  [ "$(wc -l <<<"$1")" -eq 1 ] && ! grep -Eq 'line [0-9]+:|Aborted|Killed|core dumped' <<<"$1"
}
export -f one_line_no_bash

# --- item 5: --iso must name a bootable ISO (El Torito), else one line, 2.
: >"$T/empty.iso"
for bad in /etc/passwd "$T/empty.iso" build/hmbench.elf "$T"; do
  t0=$SECONDS
  out=$(tools/run --accel tcg --timeout 60 --log "$T/iso.log" --iso "$bad" 2>&1); rc=$?
  check "--iso $bad refused: status 2, one line" "exit $rc after $((SECONDS - t0)) s: $out" \
    bash -c '[ $1 -eq 2 ] && one_line_no_bash "$2" && grep -q "bad --iso" <<<"$2"' _ $rc "$out"
done

# A bootable ISO that never writes to the serial port (GRUB on the VGA
# console only, sleeping): the run ends once the boot stage is over.
mkdir -p "$T/silent/boot/grub"
printf 'set timeout=0\nmenuentry silent {\n  sleep 600\n}\n' >"$T/silent/boot/grub/grub.cfg"
grub-mkrescue -o "$T/silent.iso" "$T/silent" >/dev/null 2>&1
t0=$SECONDS
out=$(HMBENCH_BOOT_TIMEOUT=6 tools/run --accel tcg --timeout 120 --log "$T/silent.log" --iso "$T/silent.iso" 2>&1); rc=$?
check "silent guest: ends within 20 s, not at --timeout" "took $((SECONDS - t0)) s" [ $((SECONDS - t0)) -le 20 ]
check "silent guest: status 125 and says the log stayed empty" "exit $rc: $out" \
  bash -c '[ $1 -eq 125 ] && grep -q "^run: status=125 (the serial log stayed empty for 6 s" <<<"$2"' _ $rc "$out"

# --- item 6: the guest's error lines reach the terminal (stderr).
boot cmd --accel tcg --timeout 60 --log "$T/new/dir/cmd.log" -- mode=nonsense
err=$(tools/run --accel tcg --timeout 60 --log "$T/cmd2.log" -- mode=nonsense 2>&1 >/dev/null)
check "cmdline error echoed on stderr" "stderr: $err" \
  grep -q "^run: guest: cmdline: bad value in 'mode=nonsense': mode must be one of bench|selftest$" <<<"$err"
check "--log into a missing folder creates it (documented)" "no $T/new/dir/cmd.log" [ -s "$T/new/dir/cmd.log" ]
err=$(tools/run --accel tcg --timeout 60 --log "$T/de.log" -- crash=de 2>&1 >/dev/null)
check "fatal line echoed on stderr, once" "stderr: $err" \
  bash -c '[ "$(grep -c "^run: guest: hmbench: fatal: CPU exception 0" <<<"$1")" -eq 1 ]' _ "$err"
err=$(tools/run --accel tcg --timeout 60 --mem 2G --log "$T/bug.log" -- kmap_atomic_too_deep 2>&1 >/dev/null)
check "BUG line echoed on stderr" "stderr: $err" grep -q "^run: guest: .*BUG: kmap_atomic" <<<"$err"

# --- item 8: messages without bash internals.
out=$(tools/run --accel tcg --log "$T" -- quick 2>&1); rc=$?
check "--log naming a folder: status 2, one line" "exit $rc: $out" \
  bash -c '[ $1 -eq 2 ] && one_line_no_bash "$2" && grep -q "^run: cannot write the log" <<<"$2"' _ $rc "$out"
mkdir -p "$T/fakebin"
printf '#!/bin/sh\ncase "$1" in --version) echo "QEMU emulator version 0";; *) kill -ABRT $$;; esac\n' \
  >"$T/fakebin/qemu-system-i386"
chmod +x "$T/fakebin/qemu-system-i386"
out=$(PATH=$T/fakebin:$PATH tools/run --accel tcg --timeout 60 --log "$T/abrt.log" -- quick 2>&1); rc=$?
check "QEMU killed by SIGABRT: status 125, no bash job report" "exit $rc: $out" \
  bash -c '[ $1 -eq 125 ] && ! grep -Eq "line [0-9]+:|Aborted" <<<"$2" && grep -q "QEMU died of SIGABRT" <<<"$2"' _ $rc "$out"

# --- item 1: Ctrl-C (SIGINT to the process group, as a terminal sends it)
# and SIGTERM stop the runner and its QEMU within a few seconds.
# interrupt SIG NAME: start tools/run in its own session, wait until its
# QEMU runs, send SIG to the whole group, check everything is gone.
# as_terminal_job CMD... &: exec CMD in a new session (its pid is its process
# group) with SIGINT at its default, as a shell with job control starts a
# foreground job (a plain `cmd &` here would inherit SIGINT ignored).
as_terminal_job() {
  exec setsid env --default-signal=INT "$@"
}
qemu_of() { pgrep -f "qemu-system-i386 .*file:$1" >/dev/null; }
interrupt() {
  local sig=$1 n=$2 log=$T/$2.log i
  as_terminal_job tools/run --accel tcg --smp 2 --mem 256M --timeout 300 --log "$log" -- mode=bench \
    >"$T/$n.out" 2>&1 </dev/null &
  local pid=$!
  for i in $(seq 100); do qemu_of "$log" && [ -s "$log" ] && break; sleep 0.2; done
  kill -"$sig" -- -"$pid"
  for i in $(seq 15); do kill -0 "$pid" 2>/dev/null || qemu_of "$log" || break; sleep 0.2; done
  if qemu_of "$log"; then fail "SIG$sig stops QEMU within 3 s" "QEMU still runs"; kill $(pgrep -f "qemu-system-i386 .*file:$log")
  else ok "SIG$sig stops QEMU within 3 s"; fi
  if kill -0 "$pid" 2>/dev/null; then fail "SIG$sig ends tools/run" "still running"; kill -KILL -- -"$pid"
  else ok "SIG$sig ends tools/run"; fi
  wait "$pid"; local rc=$?
  check "SIG$sig: status 130 and says interrupted" "exit $rc: $(cat "$T/$n.out")" \
    bash -c '{ [ $1 -eq 130 ] || [ $1 -eq 143 ]; } && grep -q "^run: interrupted" "$2"' _ $rc "$T/$n.out"
}
interrupt INT sigint
interrupt TERM sigterm
finish
