/* compat/boot/percpu.h - smp_processor_id() and NR_CPUS are Linux's. */
#include <linux/smp.h>
#include <linux/threads.h>
