# shellcheck shell=bash
# tools/runlib.sh - shell helpers shared by tools/run and tools/bochs.
# Sourced, never run. The caller sets RL_NAME (the prefix of its messages).
#
# Exit codes of both runners (DESIGN §3): the guest's status 0..3 from its
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

# rl_finish LOG TIMED_OUT EMU_NOTE: decides and prints the run's exit
# status from the log (see the header), one line "NAME: status=..." with
# the log path. EMU_NOTE is what the emulator's own exit said. Sets
# RL_STATUS.
rl_finish() {
  local log=$1 timed_out=$2 note=$3 done_st
  done_st=$(rl_done_status "$log")
  if [ "$timed_out" = 1 ]; then
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
