// SPDX-License-Identifier: GPL-2.0-only
/* CPU accounting and the copy baselines; see cpu.h. */

#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu.h"
#include "stamp.h"
#include "stats.h"

#define COPY_WARMUPS 4
#define COPY_REPEATS 21
/* A producer renders into a ring of buffers, not into one. */
#define COPY_TARGETS 4

int bench_cpu_read(struct bench_cpu_times *times)
{
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal;
	FILE *stat = fopen("/proc/stat", "re");
	int fields;

	if (!stat)
		return -errno;
	fields = fscanf(stat, "cpu %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			" %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64,
			&user, &nice, &system, &idle, &iowait, &irq, &softirq,
			&steal);
	fclose(stat);
	if (fields != 8)
		return -EPROTO;
	times->busy_ticks = user + nice + system + irq + softirq + steal;
	return 0;
}

double bench_cpu_busy_seconds(const struct bench_cpu_times *before,
			      const struct bench_cpu_times *after)
{
	return (double)(after->busy_ticks - before->busy_ticks) /
	       (double)sysconf(_SC_CLK_TCK);
}

static void fill_image(uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++)
		data[i] = (uint8_t)(i * 31 + 7);
}

static double median_ms(struct bench_samples *samples)
{
	return (double)bench_samples_percentile(samples, 0.5) / 1e6;
}

static int measure_memcpy(uint8_t *const *targets, const uint8_t *src,
			  size_t size, double *ms)
{
	struct bench_samples samples = { 0 };
	int ret = 0;

	for (int i = 0; i < COPY_WARMUPS + COPY_REPEATS && !ret; i++) {
		uint64_t start = bench_now_ns();

		memcpy(targets[i % COPY_TARGETS], src, size);
		if (i >= COPY_WARMUPS)
			ret = bench_samples_add(&samples, bench_now_ns() - start);
	}
	*ms = median_ms(&samples);
	bench_samples_free(&samples);
	return ret;
}

static int write_all(int fd, const uint8_t *data, size_t size)
{
	while (size) {
		ssize_t written = write(fd, data, size);

		if (written < 0)
			return -errno;
		data += written;
		size -= (size_t)written;
	}
	return 0;
}

static int measure_pread(int fd, uint8_t *dst, size_t size, double *ms)
{
	struct bench_samples samples = { 0 };
	int ret = 0;

	for (int i = 0; i < COPY_WARMUPS + COPY_REPEATS && !ret; i++) {
		uint64_t start = bench_now_ns();
		ssize_t got = pread(fd, dst, size, 0);

		if (got != (ssize_t)size)
			ret = got < 0 ? -errno : -EIO;
		else if (i >= COPY_WARMUPS)
			ret = bench_samples_add(&samples, bench_now_ns() - start);
	}
	*ms = median_ms(&samples);
	bench_samples_free(&samples);
	return ret;
}

static int measure_kernel_copy(uint8_t *dst, const uint8_t *src, size_t size,
			       double *ms)
{
	int fd = memfd_create("vcam-bench-frame", MFD_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = write_all(fd, src, size);
	if (!ret)
		ret = measure_pread(fd, dst, size, ms);
	close(fd);
	return ret;
}

static void free_targets(uint8_t **targets)
{
	for (int i = 0; i < COPY_TARGETS; i++)
		free(targets[i]);
}

static int allocate_targets(uint8_t **targets, size_t size)
{
	for (int i = 0; i < COPY_TARGETS; i++) {
		targets[i] = malloc(size);
		if (!targets[i])
			return -ENOMEM;
		memset(targets[i], 0, size);
	}
	return 0;
}

/* On the CPU the producer thread runs on (see run.c); restored after. */
static bool pin_to_producer_cpu(cpu_set_t *saved)
{
	cpu_set_t producer_cpu;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2 ||
	    sched_getaffinity(0, sizeof(*saved), saved))
		return false;
	CPU_ZERO(&producer_cpu);
	CPU_SET(0, &producer_cpu);
	return sched_setaffinity(0, sizeof(producer_cpu), &producer_cpu) == 0;
}

int bench_copy_costs_measure(size_t size, struct bench_copy_costs *costs)
{
	uint8_t *targets[COPY_TARGETS] = { NULL };
	uint8_t *src = malloc(size);
	int ret = src ? allocate_targets(targets, size) : -ENOMEM;
	cpu_set_t saved;
	bool pinned = pin_to_producer_cpu(&saved);

	if (!ret) {
		fill_image(src, size);
		ret = measure_memcpy(targets, src, size, &costs->memcpy_ms);
	}
	if (!ret)
		ret = measure_kernel_copy(targets[0], src, size,
					  &costs->kernel_copy_ms);
	free(src);
	free_targets(targets);
	if (pinned)
		sched_setaffinity(0, sizeof(saved), &saved);
	return ret;
}
