# shellcheck shell=bash
# tests/e2e/matrix_lib.sh - the one runner of the boot matrix declared in
# tests/matrix.cfg (its header describes the entries). A script sources
# lib.sh, then this file, and boots the entries of its group:
#
#   matrix_names GROUP       the names of GROUP's entries, in file order
#   matrix_get NAME KEY [DEF]   the entry's value (expect: one per line), or
#                            DEF when the key is not given
#   matrix_boot NAME         boots the entry through tools/run (lib.sh's
#                            boot: sets RC, OUT, LOG; the log's CRs are
#                            removed) and prints "# NAME: ..., status RC, S s"
#   matrix_check NAME        checks the status and every expect line; a
#                            mode=selftest run that must pass also gets
#                            "no FAIL" and "SUMMARY ... 0 failures"
#   matrix_run GROUP         matrix_boot and matrix_check for each entry
#
# A malformed file (a key outside the list, a repeated name, an entry with
# no groups, a bad number) stops the script with one "matrix: FILE:LINE:"
# line and a failed check. MATRIX_CFG names another file (for tests).

MATRIX_CFG=${MATRIX_CFG:-$ROOT/tests/matrix.cfg}

# _matrix_table: the file as "name<TAB>key<TAB>value" lines, validated.
_matrix_table() {
  awk -v F="$MATRIX_CFG" '
    function die(why) { printf "matrix: %s:%d: %s\n", F, FNR, why > "/dev/stderr"; bad = 1; exit 2 }
    /^[ \t]*(#|$)/ { next }
    /^\[/ {
      if (!match($0, /^\[[A-Za-z0-9_.=-]+\][ \t]*$/)) die("bad entry line \"" $0 "\"")
      name = substr($0, 2, index($0, "]") - 2)
      if (name in seen) die("entry \"" name "\" declared twice")
      seen[name] = 1; order[++n] = name; next
    }
    {
      if (name == "") die("\"" $0 "\" before the first [name] line")
      eq = index($0, "=")
      if (!eq) die("\"" $0 "\" is not key = value")
      key = substr($0, 1, eq - 1); val = substr($0, eq + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", key); gsub(/^[ \t]+|[ \t]+$/, "", val)
      if (key !~ /^(groups|accel|smp|mem|cpu|timeout|args|command|status|expect)$/)
        die("unknown key \"" key "\" in [" name "]")
      if (val == "") die(key " has no value in [" name "]")
      if (key ~ /^(smp|timeout|status)$/ && val !~ /^[0-9]+$/) die(key " must be a number, not \"" val "\"")
      if (key ~ /^(smp|timeout)$/ && val + 0 == 0) die(key " must be above 0 in [" name "]")
      if (key == "mem" && val !~ /^[1-9][0-9]*[MG]$/) die("mem must be <N>M or <N>G, not \"" val "\"")
      if (key == "accel" && val !~ /^(tcg|icount|bochs|kvm-nested)$/)
        die("accel must be tcg, icount, bochs or kvm-nested, not \"" val "\"")
      if (key != "expect" && ((name, key) in got)) die(key " given twice in [" name "]")
      got[name, key] = 1
      if (key == "groups") hasgroups[name] = 1
      if (key == "accel") accel[name] = val
      if (key == "command" || key == "cpu") only_l1[name] = only_l1[name] " " key
      printf "%s\t%s\t%s\n", name, key, val
    }
    END {
      if (bad) exit 2
      if (n == 0) { printf "matrix: %s: no entries\n", F > "/dev/stderr"; exit 2 }
      for (i = 1; i <= n; i++) if (!(order[i] in hasgroups)) {
        printf "matrix: %s: [%s] has no groups line\n", F, order[i] > "/dev/stderr"; exit 2 }
      # A command runs only inside the L1 of kvm.sh, where the probe picks the CPU.
      for (i = 1; i <= n; i++) {
        a = (order[i] in accel) ? accel[order[i]] : "tcg"
        if (only_l1[order[i]] ~ /command/ && a != "kvm-nested") {
          printf "matrix: %s: [%s] has a command but accel %s (only kvm-nested entries run one)\n", F, order[i], a > "/dev/stderr"; exit 2 }
        if (only_l1[order[i]] ~ /cpu/ && a == "kvm-nested") {
          printf "matrix: %s: [%s] is kvm-nested and names a cpu (in L1 the probe picks it)\n", F, order[i] > "/dev/stderr"; exit 2 }
      }
    }' "$MATRIX_CFG"
}

# The table, read once; a bad file ends the script here.
if ! _MATRIX=$(_matrix_table 2>"$T/matrix.err"); then
  fail "matrix file" "$(head -n 1 "$T/matrix.err")"
  finish
fi

matrix_names() {
  awk -F'\t' -v g="$1" '$2 == "groups" && (" " $3 " ") ~ (" " g " ") { print $1 }' <<<"$_MATRIX"
}

matrix_get() {
  local v
  v=$(awk -F'\t' -v n="$1" -v k="$2" '$1 == n && $2 == k { print $3 }' <<<"$_MATRIX")
  if [ -n "$v" ]; then printf '%s\n' "$v"; elif [ $# -ge 3 ]; then printf '%s\n' "$3"; fi
}

matrix_boot() {
  local n=$1 accel smp mem cpu timeout t0=$SECONDS
  local -a words opts
  accel=$(matrix_get "$n" accel tcg)
  if [ -z "$(matrix_get "$n" groups)" ]; then
    RC=125 OUT="no entry [$n] in $MATRIX_CFG" LOG=/dev/null
    echo "# $n: $OUT"; return
  fi
  if [ "$accel" = kvm-nested ]; then
    RC=125 OUT="[$n] is accel=kvm-nested: it runs inside tests/e2e/kvm.sh's L1" LOG=/dev/null
    echo "# $n: $OUT"; return
  fi
  smp=$(matrix_get "$n" smp 1); mem=$(matrix_get "$n" mem 128M)
  cpu=$(matrix_get "$n" cpu); timeout=$(matrix_get "$n" timeout 300)
  read -r -a words <<<"$(matrix_get "$n" args)"
  opts=(--accel "$accel" --smp "$smp" --timeout "$timeout")
  [ "$accel" = bochs ] || opts+=(--mem "$mem")
  HMBENCH_CPU=$cpu boot "$n" "${opts[@]}" -- "${words[@]}"
  [ -f "$LOG" ] && sed -i 's/\r$//' "$LOG"
  echo "# $n: accel=$accel smp=$smp mem=$mem${cpu:+ cpu=$cpu} ${words[*]}: status $RC, $((SECONDS - t0)) s"
}

matrix_check() {
  local n=$1 want re
  want=$(matrix_get "$n" status 0)
  check "$n status $want" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" = "$want" ]
  if [ "$want" = 0 ] && [[ " $(matrix_get "$n" args) " == *" mode=selftest "* ]]; then
    check "$n no FAIL" "$(log_line '^FAIL: ')" bash -c "! grep -a -q '^FAIL: ' '$LOG'"
    check "$n SUMMARY 0 failures" "$(log_line '^SUMMARY: ')" log_has '^SUMMARY: [0-9]+ tests, 0 failures'
  fi
  while IFS= read -r re; do
    [ -n "$re" ] && check "$n: /$re/" "no line matching it in $LOG" log_has "$re"
  done <<<"$(matrix_get "$n" expect)"
}

matrix_run() {
  local n
  for n in $(matrix_names "$1"); do
    matrix_boot "$n"
    matrix_check "$n"
  done
}
