// SPDX-License-Identifier: GPL-2.0-only
/* The results as Markdown tables; see table.h. */

#include <inttypes.h>

#include "table.h"

void bench_table_print_costs_header(FILE *out)
{
	fprintf(out, "| size | memcpy of a frame (ms) | kernel copy of a frame "
		"(ms) |\n|---|---:|---:|\n");
}

void bench_table_print_costs(FILE *out, uint32_t width, uint32_t height,
			     const struct bench_copy_costs *costs)
{
	fprintf(out, "| %ux%u | %.3f | %.3f |\n", width, height,
		costs->memcpy_ms, costs->kernel_copy_ms);
	fflush(out);
}

void bench_table_print_header(FILE *out)
{
	fprintf(out, "| path | size | frames/s | CPU ms/frame | x memcpy | "
		"x kernel copy | producer ms/frame | consumer ms/frame | "
		"render ms | latency median (ms) | latency p99 (ms) | "
		"frames | dropped | duplicated | torn | overwritten |\n"
		"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		"---:|---:|---:|---:|\n");
}

double bench_result_frames_per_second(const struct bench_result *result)
{
	return result->seconds > 0 ?
		       (double)result->integrity.delivered / result->seconds :
		       0;
}

static double ms_per_frame(const struct bench_result *result,
			   double seconds)
{
	return result->integrity.delivered ?
		       seconds * 1000 / (double)result->integrity.delivered :
		       0;
}

static void print_failure(FILE *out, const struct bench_summary *summary)
{
	fprintf(out, "| %s | %ux%u | failed: %s ||||||||||||||\n", summary->title,
		summary->width, summary->height, summary->error);
}

void bench_table_print_row(FILE *out, const struct bench_summary *summary)
{
	const struct bench_result *median = &summary->median;
	const struct bench_integrity *all = &summary->all;
	double cpu_ms = ms_per_frame(median, median->busy_seconds);

	if (summary->failed) {
		print_failure(out, summary);
	} else {
		fprintf(out, "| %s | %ux%u | %.0f | %.2f | %.2f | %.2f | %.2f | "
			"%.2f | %.2f | %.2f | %.2f | %" PRIu64 " | %" PRIu64 " | %" PRIu64 " | %"
			PRIu64 " | %" PRIu64 " |\n",
			summary->title, summary->width, summary->height,
			bench_result_frames_per_second(median), cpu_ms,
			cpu_ms / summary->costs->memcpy_ms,
			cpu_ms / summary->costs->kernel_copy_ms,
			ms_per_frame(median, median->producer_seconds),
			ms_per_frame(median, median->consumer_seconds),
			median->render_ms, median->latency_median_ms, median->latency_p99_ms,
			all->delivered, all->dropped, all->duplicated,
			all->torn, all->overwritten);
	}
	fflush(out);
}
