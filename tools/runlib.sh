# shellcheck shell=bash
# tools/runlib.sh - shell helpers shared by tools/run and tools/bochs.
# Sourced, never run. The caller sets RL_NAME (the prefix of its messages).
#
# Exit codes of both runners (README "Exit statuses"): the guest's status 0..3 from its
# "@done status=N" line, 124 on timeout, 125 when the guest stopped or
# reset without an "@done" line. A bad option is one line and status 2.

RL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# rl_die MSG [CODE]: one line on stderr, exit CODE (default 2).
rl_die() {
  echo "$RL_NAME: $1" >&2
  exit "${2:-2}"
}

# rl_mem_mib SIZE: prints SIZE ("128M", "8G") in MiB; fails (status 1) on
# anything else or outside 32M..64G, the range hmbench supports.
rl_mem_mib() {
  local n unit
  [[ $1 =~ ^([1-9][0-9]{0,5})([MG])$ ]] || return 1
  n=${BASH_REMATCH[1]}; unit=${BASH_REMATCH[2]}
  [ "$unit" = G ] && n=$((n * 1024))
  [ "$n" -ge 32 ] && [ "$n" -le 65536 ] || return 1
  echo "$n"
}

# rl_check_smp N / rl_check_timeout S: validate, or die with one line.
rl_check_smp() {
  [[ $1 =~ ^[1-9][0-9]?$ ]] && [ "$1" -le 16 ] ||
    rl_die "bad --smp '$1': want a CPU count 1..16"
}
rl_check_timeout() {
  [[ $1 =~ ^[1-9][0-9]{0,5}$ ]] ||
    rl_die "bad --timeout '$1': want whole seconds 1..999999"
}

# rl_need_value OPT ARGC: die unless the option OPT has a value after it.
rl_need_value() {
  [ "$2" -ge 2 ] || rl_die "option $1 needs a value"
}

# rl_default_log: a fresh log path under build/, unique per run.
rl_default_log() {
  mkdir -p "$RL_ROOT/build"
  echo "$RL_ROOT/build/run-$(date +%Y%m%d-%H%M%S)-$$.log"
}

# rl_make_iso TMPDIR WORDS...: builds the per-run ISO of build/hmbench.elf
# with WORDS on its multiboot2 line as TMPDIR/hmbench.iso and prints its
# path. The ELF is the only input, so nothing can go stale between runs.
# Dies with status 2 if the ELF is missing or mkiso refuses a word.
rl_make_iso() {
  local dir=$1; shift
  local elf=${HMBENCH_ELF:-$RL_ROOT/build/hmbench.elf}
  [ -f "$elf" ] || rl_die "no image $elf: run make first"
  "$RL_ROOT/tools/mkiso" "$elf" "$dir/hmbench.iso" "$@" >&2 ||
    rl_die "could not build the boot ISO (see the line above)"
  echo "$dir/hmbench.iso"
}

# rl_done_status LOG: prints N from the last "@done status=N" line of LOG,
# or nothing when there is none. Tolerates CR LF and a missing final LF
# (Bochs may stop before the UART sends the last bytes).
rl_done_status() {
  [ -f "$1" ] || return 0
  tr -d '\r' <"$1" | grep -a -o '^@done status=[0-9]\{1,9\}' | tail -n 1 | sed 's/^@done status=//'
}

# rl_now: seconds since the epoch with milliseconds.
rl_now() {
  date +%s.%3N
}

# rl_elapsed START: seconds since START (from rl_now), 2 decimals.
rl_elapsed() {
  awk -v s="$1" -v e="$(rl_now)" 'BEGIN { printf "%.2f", e - s }'
}

# rl_host_cpu: the host's CPU model name, for the run's metadata.
rl_host_cpu() {
  sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1
}

# rl_finish LOG TIMED_OUT EMU_NOTE [silent]: decides and prints the run's
# exit status from the log (see the header), one line "NAME: status=..."
# with the log path. EMU_NOTE is what the emulator's own exit said; with
# "silent" the watchdog stopped a run whose log stayed empty (125, and
# EMU_NOTE says why). Sets RL_STATUS.
rl_finish() {
  local log=$1 timed_out=$2 note=$3 silent=${4:-} done_st
  done_st=$(rl_done_status "$log")
  if [ "$silent" = silent ]; then
    RL_STATUS=125
    echo "$RL_NAME: status=125 ($note) log=$log"
  elif [ "$timed_out" = 1 ]; then
    RL_STATUS=124
    echo "$RL_NAME: status=124 (timeout: killed after ${RL_TIMEOUT}s${done_st:+, though the log has @done status=$done_st}) log=$log"
  elif [ -n "$done_st" ] && [ "$done_st" -le 3 ]; then
    RL_STATUS=$done_st
    echo "$RL_NAME: status=$done_st (@done; $note) log=$log"
  elif [ -n "$done_st" ]; then
    RL_STATUS=125
    echo "$RL_NAME: status=125 (@done status=$done_st is out of range 0..3; $note) log=$log"
  else
    RL_STATUS=125
    echo "$RL_NAME: status=125 (no @done line: the guest stopped or reset; $note) log=$log"
  fi
}

# rl_check_iso FILE: die (status 2, one line) unless FILE is an ISO 9660
# image with an El Torito boot record, what a BIOS boots from a CD: the
# primary volume descriptor ("CD001" at byte 32769) and the boot record
# ("EL TORITO SPECIFICATION" at byte 34823, sector 17).
rl_check_iso() {
  local f=$1
  # bytes F SKIP COUNT: those bytes of F, NULs shown as '?' (bash would
  # warn about, and drop, a NUL in a command substitution).
  bytes() { dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | LC_ALL=C tr '\0' '?'; }
  [ -f "$f" ] || rl_die "bad --iso '$f': no such file"
  [ -r "$f" ] || rl_die "bad --iso '$f': not readable"
  [ "$(bytes "$f" 32769 5)" = CD001 ] ||
    rl_die "bad --iso '$f': not an ISO 9660 image (make one with tools/mkiso)"
  [ "$(bytes "$f" 34823 23)" = "EL TORITO SPECIFICATION" ] ||
    rl_die "bad --iso '$f': an ISO 9660 image, but not bootable (no El Torito record)"
}

# rl_open_log LOG: create its folder (documented: a missing one is made),
# truncate LOG, or die with one line (no shell message).
rl_open_log() {
  [ ! -d "$1" ] || rl_die "cannot write the log '$1': it is a folder"
  { mkdir -p "$(dirname "$1")" && : >"$1"; } 2>/dev/null ||
    rl_die "cannot write the log '$1'"
}

# rl_watch_empty_log LOG PID FLAG: a background watchdog; if LOG is still
# empty after RL_BOOT_TIMEOUT seconds (HMBENCH_BOOT_TIMEOUT, default 60),
# nothing booted: it creates FLAG and sends SIGTERM to PID. Sets
# RL_WATCHDOG to its pid.
rl_watch_empty_log() {
  RL_BOOT_TIMEOUT=${HMBENCH_BOOT_TIMEOUT:-60}
  [[ $RL_BOOT_TIMEOUT =~ ^[1-9][0-9]{0,5}$ ]] ||
    rl_die "bad HMBENCH_BOOT_TIMEOUT '$RL_BOOT_TIMEOUT': want whole seconds"
  ( sleep "$RL_BOOT_TIMEOUT" & s=$!
    trap 'kill $s 2>/dev/null; exit 0' TERM
    wait $s
    [ -s "$1" ] || { : >"$3"; kill -TERM "$2" 2>/dev/null; } ) &
  RL_WATCHDOG=$!
}

# rl_stop_children: SIGTERM each pid in RL_CHILDREN (QEMU's timeout
# wrapper forwards it to QEMU; the probe and the watchdog stop theirs) and
# wait for them, so nothing outlives the runner.
rl_stop_children() {
  local p
  for p in "${RL_CHILDREN[@]}"; do
    [ -n "$p" ] && kill -TERM "$p" 2>/dev/null
  done
  for p in "${RL_CHILDREN[@]}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null
  done
  RL_CHILDREN=()
}

# rl_echo_guest_errors LOG: repeat on stderr the guest lines that say why
# it stopped - "cmdline: ...", "BUG: ...", "...fatal: ..." and panics -
# one line each (at most 5, 300 characters), as "NAME: guest: LINE".
rl_echo_guest_errors() {
  [ -f "$1" ] || return 0
  tr -d '\r' <"$1" | LC_ALL=C grep -a -E '^(cmdline: |BUG: )|fatal: |^panic|[Kk]ernel panic' |
    head -n 5 | LC_ALL=C tr -c '[:print:]\n' '?' | cut -c1-300 | sed "s/^/$RL_NAME: guest: /" >&2
}
