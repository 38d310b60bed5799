#!/usr/bin/env bash
# guest_cmdline.sh - bad guest command lines through the real runner: each
# ends with status 2 and exactly one "cmdline:" line that quotes the bad
# word (and, for a bad value, names its key).
. "$(dirname "$0")/lib.sh"
need_image

# bad NAME WORD KEYRE: boot with WORD, want status 2 and one cmdline line
# quoting WORD and matching KEYRE.
bad() {
  local n=$1 word=$2 keyre=$3 line count
  boot "$n" --accel tcg --timeout 60 -- "$word"
  check "$n status 2" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 2 ]
  check "$n @done status=2" "no '@done status=2' line" log_has '^@done status=2$'
  count=$(tr -d '\r' <"$LOG" | grep -a -c '^cmdline: ')
  line=$(log_line '^cmdline: ')
  check "$n one cmdline line" "want 1 'cmdline:' line, got $count" [ "$count" -eq 1 ]
  check "$n line quotes the word" "line does not quote '$word': $line" \
    grep -q -F -- "'$word'" <<<"$line"
  check "$n line names the key" "line does not match /$keyre/: $line" \
    grep -q -E -- "$keyre" <<<"$line"
  check "$n nothing ran" "selftests ran after a bad word" \
    bash -c "! tr -d '\r' <'$LOG' | grep -a -q -E '^(PASS|FAIL|SUMMARY):'"
}

bad mode-nonsense mode=nonsense '(^|[^a-z])mode[^=]'
bad unknown-key frobnicate=1 'unknown key'
bad samples-abc samples=abc '(^|[^a-z])samples[^=]'
bad samples-huge samples=99999999999999999999 '(^|[^a-z])samples[^=]'
finish
