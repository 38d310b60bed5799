#!/usr/bin/env bash
# matrix_cfg.sh - tests/matrix.cfg and its runner (matrix_lib.sh) without
# booting anything: the file parses, every group but kvm names a script
# that boots it, the KVM cases are declared, the runner refuses to boot a
# kvm-nested entry itself, and each kind of malformed file is refused with
# one "matrix: FILE:LINE: why" line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"

check "matrix.cfg parses" "$(_matrix_table 2>&1 >/dev/null)" _matrix_table
groups=$(awk -F'\t' '$2 == "groups" { print $3 }' <<<"$_MATRIX" | tr ' ' '\n' | sort -u)
for g in $groups; do
  check "group $g has its script" "no tests/e2e/$g.sh" test -f "tests/e2e/$g.sh"
  [ "$g" = kvm ] || check "tests/e2e/$g.sh boots group $g" "it never calls matrix_names/matrix_run $g" \
    grep -Eq "matrix_(names|run) $g\b" "tests/e2e/$g.sh"
done
for n in kvm-probe kvm-selftest-smp1 kvm-selftest-smp2 kvm-selftest-smp4 kvm-crash-gp kvm-bad-mode; do
  check_eq "$n declared accel=kvm-nested" "$(matrix_get "$n" accel)" kvm-nested
done
matrix_boot kvm-crash-gp >/dev/null
check "kvm-nested entries are not booted here" "RC $RC: $OUT" [ "$RC" = 125 ]
matrix_boot no-such-entry >/dev/null
check "an unknown entry is refused" "RC $RC: $OUT" [ "$RC" = 125 ]

# bad NAME WANT TEXT: a file holding TEXT is refused with one line containing WANT.
bad() {
  local err
  printf '%s\n' "$3" >"$T/bad.cfg"
  err=$(MATRIX_CFG=$T/bad.cfg _matrix_table 2>&1 >/dev/null); local rc=$?
  if [ $rc -ne 0 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == "matrix: $T/bad.cfg"*"$2"* ]]; then ok "refuses $1"
  else fail "refuses $1" "status $rc, said '$err', want one line with '$2'"; fi
}
bad "an unknown key" 'unknown key "memory"' $'[a]\ngroups = x\nmemory = 1G'
bad "a repeated entry" 'entry "a" declared twice' $'[a]\ngroups = x\n[a]\ngroups = y'
bad "an entry without groups" '[b] has no groups line' $'[a]\ngroups = x\n[b]\nsmp = 2'
bad "a bad accel" 'accel must be tcg' $'[a]\ngroups = x\naccel = kvm'
bad "an empty groups value" 'groups has no value' $'[a]\ngroups ='
bad "an empty expect" 'expect has no value' $'[a]\ngroups = x\nexpect ='
bad "a zero timeout" 'timeout must be above 0' $'[a]\ngroups = x\ntimeout = 0'
bad "a bad mem" 'mem must be <N>M or <N>G' $'[a]\ngroups = x\nmem = lots'
bad "a command outside kvm-nested" '[a] has a command but accel tcg' $'[a]\ngroups = x\ncommand = echo hi'
bad "a cpu on a kvm-nested entry" '[a] is kvm-nested and names a cpu' $'[a]\ngroups = x\naccel = kvm-nested\ncpu = qemu32'
bad "a non-number smp" 'smp must be a number' $'[a]\ngroups = x\nsmp = two'
bad "a key given twice" 'mem given twice' $'[a]\ngroups = x\nmem = 1G\nmem = 2G'
bad "a line before any entry" 'before the first [name] line' $'groups = x'
bad "a line that is not key = value" 'is not key = value' $'[a]\ngroups x'
bad "an empty file" 'no entries' '# nothing'
finish
