#!/usr/bin/env bash
# tests/e2e/smp.sh - SMP bring-up, cross-CPU calls and shootdowns in the
# guest under QEMU TCG: self-tests at -smp 1, 2, 4, 8 with -m 128M and -m 3G
# (3G puts the ACPI tables above the 896 MiB direct map), the ap_hold
# timeout path, bad ap_hold values, the BIOS-area RSDP scan, and a smoke
# run of bench=shootdown at -smp 4. Each boot's wall time is printed as a
# "# " comment line.
. "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -f build/hmbench.elf ] || { fail smp_image "no build/hmbench.elf (run make first)"; finish; }

# boot LOG SMP MEM WORDS...: one guest run through tools/run; sets $status
# to its exit status (0..3 the guest's, 124 timeout, 125 no @done line) and
# $secs to its wall time.
boot() {
  local log=$1 smp=$2 mem=$3 t0=$SECONDS; shift 3
  tools/run --accel tcg --smp "$smp" --mem "$mem" --timeout 300 --log "$log" -- "$@" \
    >/dev/null 2>&1; status=$?
  secs=$((SECONDS - t0))
  echo "# smp=$smp mem=$mem $*: status $status, ${secs} s"
}

meta() { sed -n "s/^@meta $1=\([^\r]*\).*/\1/p" "$2" | head -1; }

for mem in 128M 3G; do
  for n in 1 2 4 8; do
    id="smp=$n,mem=$mem"; log=$TMP/st-$n-$mem.log
    boot "$log" "$n" "$mem" mode=selftest
    check_eq "selftest_status $id" "$status" 0
    check_eq "cpus_requested $id" "$(meta cpus_requested "$log")" "$n"
    check_eq "cpus_online $id" "$(meta cpus_online "$log")" "$n"
    check_eq "ap_online_lines $id" "$(grep -c '^smp: CPU [0-9]* (APIC id [0-9]*) online' "$log")" $((n - 1))
    check_grep "selftest_no_failures $id" '^SUMMARY: [0-9]+ tests, 0 failures' "$log"
    if [ "$n" -ge 2 ]; then
      check_grep "stale_tlb_shootdown $id" '^PASS: smp_stale_tlb_shootdown: smp_stale_tlb_gone_after_shootdown' "$log"
      # TCG keeps a per-vCPU software TLB: without the shootdown B must still
      # read the cleared mapping (the control that shows the check can fail)
      check_grep "stale_tlb_control $id" '^PASS: smp_stale_tlb_shootdown: smp_stale_tlb_visible_without_shootdown' "$log"
      check_grep "call_stress $id" '^PASS: smp_call_stress: smp_call_stress_counts' "$log"
      check_grep "percpu_identity $id" '^PASS: smp_percpu_identity' "$log"
    fi
    if [ "$mem" = 3G ]; then        # the tables must have come through the fixmap window
      rsdt=$(sed -n 's/^acpi: .* [RX]SDT at \(0x[0-9a-f]*\).*/\1/p' "$log")
      if [ -n "$rsdt" ] && [ $((rsdt)) -ge $((0x38000000)) ]; then ok "acpi_above_direct_map $id"
      else fail "acpi_above_direct_map $id" "root table at '${rsdt:-none}', want >= 896 MiB"; fi
    fi
  done
done

log=$TMP/hold.log
boot "$log" 4 128M mode=selftest ap_hold=2
check_eq "ap_hold_status" "$status" 0
check_grep "ap_hold_reported" '^smp: CPU 2 \(APIC id 2\) did not start within [0-9]+ ms' "$log"
check_eq "ap_hold_cpus_requested" "$(meta cpus_requested "$log")" 4
check_eq "ap_hold_cpus_online" "$(meta cpus_online "$log")" 3
check_grep "ap_hold_selftest" '^PASS: smp_online: smp_ap_hold_only_that_cpu_missing' "$log"
check_eq "ap_hold_cpu2_silent" "$(grep -c '^smp: CPU 2 .* online' "$log")" 0

for bad in "ap_hold=3:names no AP" "ap_hold=0:ap_hold"; do
  log=$TMP/bad.log
  boot "$log" 2 128M mode=selftest "${bad%%:*}"
  check_eq "bad_${bad%%:*}_status" "$status" 2
  check_grep "bad_${bad%%:*}_says_why" "^cmdline: .*${bad#*:}" "$log"
done

log=$TMP/scan.log
boot "$log" 2 128M mode=selftest test=smp_online rsdp=scan
check_eq "rsdp_scan_status" "$status" 0
check_grep "rsdp_scan_used" '^acpi: RSDP revision [0-9]+ \(BIOS scan, forced\)' "$log"
check_eq "rsdp_scan_cpus_online" "$(meta cpus_online "$log")" 2

log=$TMP/shootdown.log
boot "$log" 4 128M mode=bench bench=shootdown quick
check_eq "shootdown_status" "$status" 0
for n in 1 2 3 4; do check_grep "shootdown_progress_ncpus=$n" "^-- bench shootdown ncpus=$n\b" "$log"; done
# rows: ipi_roundtrip 2..4, flush_one 1..4, flush_pkmap_range 1..4, and
# flush_one_concurrent one row per CPU for ncpus 2..4 (2+3+4)
got=$(python3 - "$log" <<'PY'
import sys, zlib
rows, inside, out = [], False, []
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\r\n")
    if line == "@begin shootdown": inside, hdr = True, True; continue
    if inside and line.startswith("@end shootdown"):
        f = dict(kv.split("=") for kv in line.split()[2:])
        crc = zlib.crc32((header + "\n").encode())    # the CRC covers the header too
        for r in rows: crc = zlib.crc32((r + "\n").encode(), crc)
        if int(f["rows"]) != len(rows) or int(f["crc32"], 16) != crc: out.append("bad-end")
        inside = False; continue
    if inside:
        if hdr: hdr, header = False, line; continue
        if not line.startswith("shootdown,"): out.append("junk:" + line[:40]); continue
        rows.append(line)
keys = sorted("%s/%s/%s" % (r.split(",")[1], r.split(",")[5], r.split(",")[4]) for r in rows)
print(" ".join(out + keys))
PY
)
want=$( { for n in 2 3 4; do echo "ipi_roundtrip/$n/0"; done
          for n in 1 2 3 4; do echo "flush_one/$n/0"; echo "flush_pkmap_range/$n/0"; done
          for n in 2 3 4; do for c in $(seq 0 $((n - 1))); do echo "flush_one_concurrent/$n/$c"; done; done
        } | sort | tr '\n' ' ' | sed 's/ $//')
check_eq "shootdown_table_rows" "$got" "$want"
if [ -x tools/extract ]; then
  check "shootdown_log_extracts" "command failed" tools/extract "$log" "$TMP/shootdown-run"
fi
# Bochs models the local APIC and SIPIs on its own terms: two CPUs there too.
if command -v bochs >/dev/null; then
  log=$TMP/bochs.log
  boot_bochs() {
    local t0=$SECONDS
    tools/run --accel bochs --smp 2 --timeout 300 --log "$log" -- mode=selftest >/dev/null 2>&1
    status=$?; echo "# bochs smp=2 mode=selftest: status $status, $((SECONDS - t0)) s"
  }
  boot_bochs
  check_eq "bochs_smp2_status" "$status" 0
  check_eq "bochs_smp2_cpus_online" "$(meta cpus_online "$log")" 2
  check_grep "bochs_smp2_stale_tlb_shootdown" '^PASS: smp_stale_tlb_shootdown: smp_stale_tlb_gone_after_shootdown' "$log"
else
  fail "bochs_smp2" "bochs is not installed (make deps)"
fi
finish
