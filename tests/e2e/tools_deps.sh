#!/usr/bin/env bash
# tools_deps.sh - make deps: with everything installed it does nothing,
# quickly; with a package missing (simulated by stub dpkg-query/apt-get/id
# first on PATH) it runs apt-get update before installing only what is
# missing, and is idempotent; without root or sudo it prints one line
# naming what to install and exits 1.
. "$(dirname "$0")/lib.sh"

t0=$(date +%s%N)
out=$(tools/deps 2>&1); rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "deps with nothing missing" "exit $rc: $out" [ $rc -eq 0 ]
check "deps silent when nothing missing" "said: $out" [ -z "$out" ]
check "deps fast when nothing missing" "took $ms ms" [ $ms -lt 1000 ]

# Stubs: dpkg-query reports every package installed except those listed in
# $T/missing; apt-get logs its arguments and "installs" by emptying it.
bin=$T/bin; mkdir -p "$bin"
cat >"$bin/dpkg-query" <<'STUB'
#!/usr/bin/env bash
for p in "$@"; do
  case "$p" in -*) continue ;; esac
  grep -qx "$p" "$STUBDIR/missing" || echo "$p ii "
done
STUB
cat >"$bin/apt-get" <<'STUB'
#!/usr/bin/env bash
echo "$*" >>"$STUBDIR/apt.log"
case "$1" in install) : >"$STUBDIR/missing" ;; esac
STUB
printf '#!/bin/sh\necho "${STUB_UID:-0}"\n' >"$bin/id"
printf '#!/bin/sh\nexit 1\n' >"$bin/sudo"
chmod +x "$bin"/*
export STUBDIR=$T

echo bochs >"$T/missing"; : >"$T/apt.log"
out=$(PATH=$bin:$PATH tools/deps 2>&1); rc=$?
check "deps installs the missing one" "exit $rc: $out" [ $rc -eq 0 ]
check "deps updates first" "apt-get calls: $(tr '\n' ';' <"$T/apt.log")" \
  bash -c '[ "$(sed -n 1p "$1")" = "update -q" ] && grep -q -x -- "install -y -q --no-install-recommends bochs" "$1"' _ "$T/apt.log"
: >"$T/apt.log"
out=$(PATH=$bin:$PATH tools/deps 2>&1); rc=$?
check "deps idempotent" "exit $rc, apt-get calls: $(cat "$T/apt.log")" \
  bash -c '[ $1 -eq 0 ] && [ ! -s "$2" ]' _ $rc "$T/apt.log"

echo gdb >"$T/missing"; : >"$T/apt.log"
out=$(PATH=$bin:$PATH STUB_UID=1000 tools/deps 2>&1); rc=$?
check "deps without root or sudo exits 1" "exit $rc" [ $rc -eq 1 ]
check "deps without root names what to install" "said: $out" \
  bash -c '[ "$(wc -l <<<"$1")" -eq 1 ] && grep -q "apt-get install -y gdb" <<<"$1"' _ "$out"
check "deps without root runs no apt-get" "apt-get calls: $(cat "$T/apt.log")" [ ! -s "$T/apt.log" ]
finish
