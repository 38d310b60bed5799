/*
 * multiboot.S - the Multiboot2 header GRUB looks for (first 32 KiB, 8-byte
 * aligned), followed by a Multiboot1 header. The image is a Multiboot2
 * kernel; the Multiboot1 header exists only so that a test can boot it with
 * GRUB's legacy `multiboot` command and check that _start refuses the
 * wrong magic (status 3). Addresses come from the ELF program headers.
 */
#define MB2_MAGIC   0xE85250D6
#define MB2_ARCH    0                   /* i386 protected mode */
#define MB1_MAGIC   0x1BADB002
#define MB1_FLAGS   0x00000002          /* bit 1: memory info */

    .section .multiboot, "a"
    .balign 8
mb2_header:
    .long MB2_MAGIC
    .long MB2_ARCH
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + MB2_ARCH + (mb2_header_end - mb2_header))
    /* information request: cmdline(1), mmap(6), ACPI old(14), ACPI new(15) */
    .balign 8
    .short 1, 1                         /* type 1, optional: ACPI may be absent */
    .long 8 + 4 * 4
    .long 1, 6, 14, 15
    .balign 8
    .short 0, 0                         /* end tag */
    .long 8
mb2_header_end:

    .balign 4
mb1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)
