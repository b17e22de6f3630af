/* SPDX-License-Identifier: GPL-2.0-only */
/* The results, printed as Markdown tables (they go into the README). */

#ifndef BENCH_TABLE_H
#define BENCH_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "run.h"

/* A case's outcome over its repeats. */
struct bench_summary {
	const char *title;		/* the path's */
	uint32_t width;
	uint32_t height;
	bool failed;
	char error[512];
	struct bench_result median;	/* the run of median frames/s */
	struct bench_integrity all;	/* every run's together */
	const struct bench_copy_costs *costs;	/* of this frame size */
};

void bench_table_print_costs_header(FILE *out);
void bench_table_print_costs(FILE *out, uint32_t width, uint32_t height,
			     const struct bench_copy_costs *costs);

void bench_table_print_header(FILE *out);
void bench_table_print_row(FILE *out, const struct bench_summary *summary);

double bench_result_frames_per_second(const struct bench_result *result);

#endif /* BENCH_TABLE_H */
