/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU accounting: system-wide busy time from /proc/stat (so that kernel
 * threads and interrupts doing a path's work count too), and the two units
 * the benchmark expresses CPU per frame in: one user-space memcpy of a
 * frame and one kernel copy of a frame (pread from a memfd into user memory).
 */

#ifndef BENCH_CPU_H
#define BENCH_CPU_H

#include <stddef.h>
#include <stdint.h>

struct bench_cpu_times {
	uint64_t busy_ticks;	/* user, nice, system, irq, softirq, steal */
};

/* Returns 0 or a negative errno. */
int bench_cpu_read(struct bench_cpu_times *times);

/* Busy CPU seconds, all CPUs together, between two readings. */
double bench_cpu_busy_seconds(const struct bench_cpu_times *before,
			      const struct bench_cpu_times *after);

struct bench_copy_costs {
	double memcpy_ms;	/* median glibc memcpy of one frame into
				   one of 4 buffers in turn */
	double kernel_copy_ms;	/* median pread of one frame from a memfd */
};

/* Measures both copies for frames of size bytes; 0 or a negative errno. */
int bench_copy_costs_measure(size_t size, struct bench_copy_costs *costs);

#endif /* BENCH_CPU_H */
