#!/usr/bin/env bash
# tools_debug.sh - make debug's pieces: tools/debug writes build/hmbench.gdb
# (symbols, i386, target remote, break main) and starts QEMU stopped at the
# reset vector with a gdb stub; gdb attaches with the script and runs to
# main. The QEMU is ended by gdb's kill, or by its pid here.
. "$(dirname "$0")/lib.sh"
need_image
command -v gdb >/dev/null || { not_ok "gdb" "gdb not installed (make deps)"; exit 1; }

port=$((20000 + $$ % 20000))
out=$(tools/debug --no-wait --port "$port" -- mode=selftest 2>&1); rc=$?
pid=$(sed -n 's/^debug: qemu pid \([0-9]*\) .*/\1/p' <<<"$out")
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
check "debug starts" "exit $rc: $out" [ $rc -eq 0 ] 
check "debug says how to attach" "got: $out" grep -q "attach with: gdb -x .*build/hmbench.gdb" <<<"$out"
g=build/hmbench.gdb
check "gdb script: symbols" "no 'file .../build/hmbench.elf'" grep -q '^file .*build/hmbench.elf$' "$g"
check "gdb script: i386" "no 'set architecture i386'" grep -q -x 'set architecture i386' "$g"
check "gdb script: target" "no 'target remote localhost:$port'" grep -q -x "target remote localhost:$port" "$g"
check "gdb script: break main" "no 'break main'" grep -q -x 'break main' "$g"

sleep 0.5
gout=$(timeout 60 gdb -q -batch -x "$g" -ex 'printf "eip0=%x\n", $eip' -ex continue \
  -ex 'printf "eip1=%x\n", $eip' -ex kill </dev/null 2>&1)
check "qemu waits at the reset vector" "gdb said: $(tail -n 3 <<<"$gout")" grep -q '^eip0=fff0$' <<<"$gout"
check "gdb runs to main" "gdb said: $(tail -n 3 <<<"$gout")" grep -q '^Breakpoint 1, main ' <<<"$gout"
want=$(nm build/hmbench.elf | awk '$3 == "main" { sub(/^0+/, "", $1); print $1 }')
check "stopped at main's address" "want eip1=$want" grep -q "^eip1=$want\$" <<<"$gout"
finish
