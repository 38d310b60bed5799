#!/usr/bin/env bash
# tests/e2e/smp.sh - SMP bring-up, cross-CPU calls and shootdowns in the
# guest under QEMU TCG (group smp of tests/matrix.cfg): self-tests at -smp
# 1, 2, 4, 8 with -m 128M and -m 3G (3G puts the ACPI tables above the
# 896 MiB direct map), the ap_hold timeout path, bad ap_hold values, the
# BIOS-area RSDP scan, a smoke run of bench=shootdown at -smp 4, and two
# CPUs under Bochs. Each boot's wall time is printed as a "# " comment line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

meta() { sed -n "s/^@meta $1=\([^\r]*\).*/\1/p" "$2" | head -1; }

for name in $(matrix_names smp); do
  case $name in smp-bochs-*) command -v bochs >/dev/null || { fail "$name" "bochs is not installed (make deps)"; continue; } ;; esac
  matrix_boot "$name"
  matrix_check "$name"
  log=$LOG n=$(matrix_get "$name" smp 1) mem=$(matrix_get "$name" mem 128M) id=$name
  case $name in
    smp-[0-9]*)
      check_eq "cpus_requested $id" "$(meta cpus_requested "$log")" "$n"
      check_eq "cpus_online $id" "$(meta cpus_online "$log")" "$n"
      check_eq "ap_online_lines $id" "$(grep -c '^smp: CPU [0-9]* (APIC id [0-9]*) online' "$log")" $((n - 1))
      if [ "$n" -ge 2 ]; then
        check_grep "stale_tlb_shootdown $id" '^PASS: smp_stale_tlb_shootdown: smp_stale_tlb_gone_after_shootdown$' "$log"
        # TCG keeps a per-vCPU software TLB: without the shootdown B must still
        # read the cleared mapping (the control that shows the check can fail)
        check_grep "stale_tlb_control $id" '^PASS: smp_stale_tlb_shootdown: smp_stale_tlb_visible_without_shootdown$' "$log"
        check_grep "call_stress $id" '^PASS: smp_call_stress: smp_call_stress_counts$' "$log"
        check_grep "percpu_identity $id" '^PASS: smp_percpu_identity$' "$log"
      fi
      if [ "$mem" = 3G ]; then        # the tables must have come through the fixmap window
        rsdt=$(sed -n 's/^acpi: .* [RX]SDT at \(0x[0-9a-f]*\).*/\1/p' "$log")
        if [ -n "$rsdt" ] && [ $((rsdt)) -ge $((0x38000000)) ]; then ok "acpi_above_direct_map $id"
        else fail "acpi_above_direct_map $id" "root table at '${rsdt:-none}', want >= 896 MiB"; fi
      fi ;;
    smp-ap_hold)
      check_eq "ap_hold_cpu2_silent" "$(grep -c '^smp: CPU 2 .* online' "$log")" 0 ;;
    smp-shootdown)
      shootdown_log=$log ;;
  esac
done

log=${shootdown_log:-/dev/null}
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
finish
