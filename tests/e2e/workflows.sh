#!/usr/bin/env bash
# tests/e2e/workflows.sh - the GitHub Actions workflows cannot run here, so
# they are checked: every .github/workflows/*.yml passes action-validator
# (tools/validate-workflows, an npm package installed once into build/), a
# broken copy does not, and the KVM job is what docs/running.md promises.
. "$(dirname "$0")/lib.sh"
kvm=.github/workflows/kvm.yml

out=$(tools/validate-workflows 2>&1); rc=$?
echo "$out" | sed 's/^/# /' | head -n 20
check_eq "every workflow passes action-validator" "$rc" 0
check "the validator saw the kvm workflow" "$(head -c 300 <<<"$out")" grep -q "^ok .*/kvm.yml$" <<<"$out"

# Broken copies must fail: a misspelled key, a job without runs-on, bad YAML.
sed 's/^    runs-on:/    run-on:/' "$kvm" >"$T/misspelled.yml"
sed '/^    runs-on:/d; s/^    steps:/    stepz:/' "$kvm" >"$T/nosteps.yml"
printf 'name: x\non: push\njobs:\n  a:\n   runs-on: [\n' >"$T/syntax.yml"
for b in misspelled nosteps syntax; do
  tools/validate-workflows "$T/$b.yml" >"$T/$b.out" 2>&1; rc=$?
  check_eq "a broken workflow ($b) is refused" "$rc" 1
done

# The KVM job: on the runner itself, /dev/kvm opened up, make bench ACCEL=kvm,
# results/ uploaded.
check "kvm job runs on the runner, not in a container" "has container:" \
  bash -c "grep -q '^    runs-on: ubuntu-latest' $kvm && ! grep -q '^ *container:' $kvm"
check_grep "kvm job opens /dev/kvm with a udev rule" 'KERNEL=="kvm", GROUP="kvm", MODE="0666"' "$kvm"
check_grep "kvm job runs make bench ACCEL=kvm" '^ +run: make bench ACCEL=kvm' "$kvm"
check_grep "kvm job uploads results/" '^ +results/kvm-\$\{\{ github.run_id \}\}/$' "$kvm"
finish
