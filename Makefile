# hmbench - see README.md. Targets: all deps bench peer test bochs debug plot model clean.
# Sources are found by glob, so a new file needs no edit here:
#   image:      boot/*.S boot/*.c hm/*.c bench/*.c
#   host tests: tests/unit/test_*.c, each linked with HOST_SRC below.

ACCEL ?= auto
SMP   ?=
MEM   ?=
ARGS  ?=
TLBMODEL ?=
export ACCEL SMP MEM ARGS TLBMODEL

BUILD := build
CC    ?= gcc
KCFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-builtin -nostdinc -isystem $(shell $(CC) -m32 -print-file-name=include) \
	-mno-sse -mno-mmx -mno-80387 -mgeneral-regs-only -fno-omit-frame-pointer \
	-fno-strict-aliasing -fno-asynchronous-unwind-tables -std=gnu11 -O2 -g \
	-Wall -Wextra -Werror -I. -I$(BUILD)
KASFLAGS := -m32 -I. -g -Wa,--noexecstack
KLDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 --no-warn-rwx-segments -T boot/linker.ld
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name)

IMG_SRC := $(sort $(wildcard boot/*.S) $(wildcard boot/*.c) $(wildcard hm/*.c) $(wildcard bench/*.c))
IMG_OBJ := $(patsubst %,$(BUILD)/img/%.o,$(IMG_SRC))

# Files that also build natively for the host unit tests (no asm, no ports).
BOOT_PORTABLE := boot/cmdline.c boot/format.c bench/crc32.c
HOST_SRC := $(filter-out hm/arch_x86.c,$(wildcard hm/*.c)) $(wildcard tests/sim/*.c) \
	$(wildcard $(BOOT_PORTABLE)) tools/tlbmodel/tlb.c
HCFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -I. -DHM_HOST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
HOST_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/host/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps bench peer peer-kernel test unit bochs debug plot baseline peer-baseline model clean
all: $(BUILD)/hmbench.elf $(BUILD)/hmbench.iso $(BUILD)/tlbmodel.so

# build/gitrev.h changes only when the revision does, so only main.c rebuilds.
GIT_REV := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
$(shell mkdir -p $(BUILD); echo '#define GIT_REV "$(GIT_REV)"' > $(BUILD)/gitrev.h.new; \
  cmp -s $(BUILD)/gitrev.h.new $(BUILD)/gitrev.h || mv $(BUILD)/gitrev.h.new $(BUILD)/gitrev.h)

$(BUILD)/img/%.c.o: %.c $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/img/%.S.o: %.S $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/hmbench.elf: $(IMG_OBJ) boot/linker.ld
	ld $(KLDFLAGS) -o $@ $(IMG_OBJ) $(LIBGCC)
	@grub-file --is-x86-multiboot2 $@ || { echo "error: $@ has no Multiboot2 header in its first 32 KiB" >&2; rm -f $@; exit 1; }

$(BUILD)/hmbench.iso: $(BUILD)/hmbench.elf tools/mkiso
	tools/mkiso $< $@

# ACCEL=model (docs/tlbmodel.md): the same sources built with HM_TLB_MODEL
# (marker loads for the plugin) into an image of their own, so the default
# image never carries a marker; and the plugin, for the host.
MODEL_OBJ := $(patsubst %,$(BUILD)/model/%.o,$(IMG_SRC))
$(BUILD)/model/%.c.o: %.c $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -DHM_TLB_MODEL -MMD -MP -c $< -o $@
$(BUILD)/model/%.S.o: %.S $(MAKEFILE_LIST)
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -DHM_TLB_MODEL -MMD -MP -c $< -o $@
$(BUILD)/hmbench-model.elf: $(MODEL_OBJ) boot/linker.ld
	ld $(KLDFLAGS) -o $@ $(MODEL_OBJ) $(LIBGCC)
$(BUILD)/hmbench-model.iso: $(BUILD)/hmbench-model.elf tools/mkiso
	tools/mkiso $< $@

PLUGIN_SRC := tools/tlbmodel/plugin.c tools/tlbmodel/tlb.c
$(BUILD)/tlbmodel.so: $(PLUGIN_SRC) $(wildcard tools/tlbmodel/*.h) boot/layout.h boot/tlbmark.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. -fPIC -shared -fvisibility=hidden -o $@ $(PLUGIN_SRC)

model: $(BUILD)/hmbench-model.iso $(BUILD)/tlbmodel.so

$(BUILD)/host/%: tests/unit/%.c $(HOST_SRC) $(wildcard hm/*.h tests/sim/*.h tests/unit/*.h boot/*.h bench/*.h tools/tlbmodel/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HCFLAGS) -o $@ $< $(HOST_SRC)

unit: $(HOST_TESTS)

deps:
	@tools/deps

# The main job: install what is missing, build, boot, extract, plot, summarise.
bench: deps
	@$(MAKE) --no-print-directory all $(if $(filter model,$(ACCEL)),model)
	@tools/bench

# The peer (docs/peer.md): Debian's Linux 6.1 with the same benchmark built
# in, booted the same way; same variables and run directory as make bench.
peer-kernel: deps
	@tools/peer-build

peer: peer-kernel
	@KERNEL=linux tools/bench

# Every test; the last line is "N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory -j$(shell nproc) all unit model
	@tools/../tests/run

# SMP=, MEM= and ARGS= (guest words) apply here too.
RUN_OPTS = $(if $(SMP),--smp $(SMP)) $(if $(MEM),--mem $(MEM)) -- $(ARGS)
bochs: all
	tools/bochs --interactive $(RUN_OPTS)

debug: all
	tools/debug $(RUN_OPTS)

plot:
	@test -n "$(RUN)" || { echo "usage: make plot RUN=results/<run-id>" >&2; exit 2; }
	tools/plot $(RUN)

# Regenerate the committed icount baseline (an intended change to the
# instruction counts updates it in the same commit, and says so).
baseline: all
	tools/icount-run results/baseline/icount

# The same for the peer kernel (results/baseline/peer-icount), with
# peer.png beside hmbench's baseline and the side-by-side as compare.txt.
peer-baseline: peer-kernel
	KERNEL=linux tools/icount-run results/baseline/peer-icount
	tools/compare --peer results/baseline/icount results/baseline/peer-icount \
	  --chart results/baseline/peer-icount/peer.png >results/baseline/peer-icount/compare.txt

clean:
	rm -rf $(BUILD)

# (build/peer is the kernel's tree: its .d files are not ours)
-include $(shell find $(BUILD) -path $(BUILD)/peer -prune -o -name '*.d' -print 2>/dev/null)
