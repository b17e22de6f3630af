// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam-bench: compares the ways a producer can get frames to an MMAP
 * consumer, through vcam and through v4l2loopback, for several frame
 * sizes: frames/s, CPU per frame, latency and integrity, as Markdown
 * tables on stdout. Runs as root in a VM with vcam.ko, vgem and (for the
 * v4l2loopback paths) v4l2loopback loaded; tests/bench/run does all that.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-number.h"
#include "path.h"
#include "table.h"

#define MAX_SIZES 8
#define MAX_REPEATS 15

struct frame_size {
	uint32_t width;
	uint32_t height;
};

struct options {
	const struct bench_path *paths[8];
	size_t nr_paths;
	struct frame_size sizes[MAX_SIZES];
	size_t nr_sizes;
	unsigned long measure_ms;
	unsigned long paced_ms;
	unsigned long repeats;
	unsigned long fps;
	unsigned long hold_us;
	const char *loopback_node;
};

static const char usage_text[] =
	"Usage: vcam-bench [OPTION]...\n"
	"Measure frames/s, CPU per frame, latency and integrity of every path\n"
	"from a producer to an MMAP consumer, and print Markdown tables.\n"
	"\n"
	"  -p, --paths LIST       paths, comma-separated (default: all): copy,\n"
	"                         import, lend, lb-write, lb-mmap\n"
	"  -s, --sizes LIST       WxH sizes, comma-separated (default:\n"
	"                         640x480,1280x720,1920x1080,3840x2160)\n"
	"  -d, --duration MS      measured time of an unpaced run (default 2000)\n"
	"  -r, --repeats N        unpaced runs per case; the median is shown\n"
	"                         (default 5)\n"
	"  -f, --fps N            rate of the paced runs, 0 for none (default 30)\n"
	"      --paced-duration MS  measured time of a paced run (default 3000)\n"
	"      --hold US          how long the consumer holds each frame\n"
	"                         (default 200)\n"
	"  -l, --loopback NODE    v4l2loopback's /dev/videoN; without it the\n"
	"                         lb-* paths are left out\n"
	"  -h, --help             show this help\n";

static int usage_error(const char *format, const char *value)
{
	fprintf(stderr, "vcam-bench: ");
	fprintf(stderr, format, value);
	fprintf(stderr, "; see vcam-bench --help\n");
	return 2;
}

static int parse_size(const char *text, struct frame_size *size)
{
	unsigned long width, height;
	const char *end;

	if (vcam_parse_unsigned_prefix(text, 10, 48, 8192, &width, &end) ||
	    *end != 'x' ||
	    vcam_parse_unsigned(end + 1, 10, 32, 8192, &height) || width % 2)
		return -EINVAL;
	size->width = (uint32_t)width;
	size->height = (uint32_t)height;
	return 0;
}

static int parse_sizes(char *list, struct options *opts)
{
	char *saveptr = NULL;

	opts->nr_sizes = 0;
	for (char *item = strtok_r(list, ",", &saveptr); item;
	     item = strtok_r(NULL, ",", &saveptr)) {
		if (opts->nr_sizes == MAX_SIZES)
			return usage_error("more than 8 sizes in `%s'", list);
		if (parse_size(item, &opts->sizes[opts->nr_sizes++]))
			return usage_error("invalid size `%s': expected WxH, "
					   "an even W of 48..8192 and an H of "
					   "32..8192", item);
	}
	return 0;
}

static int parse_paths(char *list, struct options *opts)
{
	char *saveptr = NULL;

	opts->nr_paths = 0;
	for (char *item = strtok_r(list, ",", &saveptr); item;
	     item = strtok_r(NULL, ",", &saveptr)) {
		const struct bench_path *path = bench_path_by_name(item);

		if (!path)
			return usage_error("unknown path `%s': expected copy, "
					   "import, lend, lb-write or lb-mmap",
					   item);
		if (opts->nr_paths < 8)
			opts->paths[opts->nr_paths++] = path;
	}
	return 0;
}

static int parse_number(const char *text, unsigned long min,
			unsigned long max, unsigned long *value,
			const char *what)
{
	if (vcam_parse_unsigned(text, 10, min, max, value)) {
		fprintf(stderr, "vcam-bench: invalid %s `%s': expected a "
			"number of %lu..%lu; see vcam-bench --help\n", what,
			text, min, max);
		return 2;
	}
	return 0;
}

static void default_options(struct options *opts)
{
	static const struct frame_size sizes[] = {
		{ 640, 480 }, { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 },
	};

	*opts = (struct options){ .measure_ms = 2000, .paced_ms = 3000,
				  .repeats = 5, .fps = 30, .hold_us = 200 };
	memcpy(opts->sizes, sizes, sizeof(sizes));
	opts->nr_sizes = sizeof(sizes) / sizeof(sizes[0]);
	for (size_t i = 0; bench_paths[i]; i++)
		opts->paths[opts->nr_paths++] = bench_paths[i];
}

static int parse_option(int opt, struct options *opts)
{
	switch (opt) {
	case 'p':
		return parse_paths(optarg, opts);
	case 's':
		return parse_sizes(optarg, opts);
	case 'd':
		return parse_number(optarg, 100, 600000, &opts->measure_ms,
				    "duration");
	case 'P':
		return parse_number(optarg, 100, 600000, &opts->paced_ms,
				    "paced duration");
	case 'r':
		return parse_number(optarg, 1, MAX_REPEATS, &opts->repeats,
				    "number of repeats");
	case 'f':
		return parse_number(optarg, 0, 1000, &opts->fps, "rate");
	case 'H':
		return parse_number(optarg, 0, 1000000, &opts->hold_us,
				    "hold time");
	case 'l':
		opts->loopback_node = optarg;
		return 0;
	case 'h':
		fputs(usage_text, stdout);
		exit(0);
	default:
		fprintf(stderr, "vcam-bench: see vcam-bench --help\n");
		return 2;
	}
}

static int parse_options(int argc, char **argv, struct options *opts)
{
	static const struct option long_options[] = {
		{ "paths", required_argument, NULL, 'p' },
		{ "sizes", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 'd' },
		{ "paced-duration", required_argument, NULL, 'P' },
		{ "repeats", required_argument, NULL, 'r' },
		{ "fps", required_argument, NULL, 'f' },
		{ "hold", required_argument, NULL, 'H' },
		{ "loopback", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, ret;

	default_options(opts);
	while ((opt = getopt_long(argc, argv, "p:s:d:r:f:l:h", long_options,
				  NULL)) != -1) {
		ret = parse_option(opt, opts);
		if (ret)
			return ret;
	}
	if (optind < argc)
		return usage_error("unexpected argument `%s'", argv[optind]);
	return 0;
}

static uint8_t *prepare_image(size_t size)
{
	uint8_t *image = malloc(size);

	for (size_t i = 0; image && i < size; i++)
		image[i] = (uint8_t)(i * 31 + 7);
	return image;
}

static int compare_fps(const void *a, const void *b)
{
	double x = bench_result_frames_per_second(a);
	double y = bench_result_frames_per_second(b);

	return (x > y) - (x < y);
}

/* Runs a case repeats times; the summary holds the median run. */
static void run_repeated(const struct bench_case *bcase, const uint8_t *image,
			 unsigned long repeats, struct bench_summary *summary)
{
	struct bench_result results[MAX_REPEATS];

	for (unsigned long i = 0; i < repeats; i++) {
		results[i] = (struct bench_result){ 0 };
		if (bench_run_case(bcase, image, &results[i], summary->error,
				   sizeof(summary->error))) {
			summary->failed = true;
			fprintf(stderr, "vcam-bench: %s at %ux%u: %s\n",
				summary->title, bcase->width, bcase->height,
				summary->error);
			return;
		}
		bench_integrity_add(&summary->all, &results[i].integrity);
	}
	qsort(results, repeats, sizeof(results[0]), compare_fps);
	summary->median = results[repeats / 2];
}

static bool path_selected(const struct options *opts,
			  const struct bench_path *path)
{
	return !path->needs_loopback || opts->loopback_node;
}

/* Returns the number of cases that failed. */
static int run_table(const struct options *opts, unsigned int fps,
		     const struct bench_copy_costs *costs)
{
	int failed = 0;

	bench_table_print_header(stdout);
	for (size_t p = 0; p < opts->nr_paths; p++) {
		for (size_t s = 0; s < opts->nr_sizes; s++) {
			const struct frame_size *size = &opts->sizes[s];
			size_t frame_size = (size_t)size->width * size->height * 2;
			struct bench_case bcase = {
				.path = opts->paths[p],
				.width = size->width,
				.height = size->height,
				.fps = fps,
				.measure_ms = (unsigned int)(fps ? opts->paced_ms :
							    opts->measure_ms),
				.hold_us = (unsigned int)opts->hold_us,
				.loopback_node = opts->loopback_node,
			};
			struct bench_summary summary = {
				.title = bcase.path->title,
				.width = size->width,
				.height = size->height,
				.costs = &costs[s],
			};
			uint8_t *image;

			if (!path_selected(opts, bcase.path))
				continue;
			image = prepare_image(frame_size);
			if (!image) {
				fprintf(stderr, "vcam-bench: out of memory\n");
				return failed + 1;
			}
			run_repeated(&bcase, image, fps ? 1 : opts->repeats,
				     &summary);
			bench_table_print_row(stdout, &summary);
			failed += summary.failed;
			free(image);
		}
	}
	return failed;
}

static int measure_costs(const struct options *opts,
			 struct bench_copy_costs *costs)
{
	bench_table_print_costs_header(stdout);
	for (size_t s = 0; s < opts->nr_sizes; s++) {
		const struct frame_size *size = &opts->sizes[s];
		int ret = bench_copy_costs_measure(
			(size_t)size->width * size->height * 2, &costs[s]);

		if (ret) {
			fprintf(stderr, "vcam-bench: measuring the copy of a "
				"%ux%u frame failed: %s\n", size->width,
				size->height, strerror(-ret));
			return 1;
		}
		bench_table_print_costs(stdout, size->width, size->height,
					&costs[s]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct bench_copy_costs costs[MAX_SIZES];
	struct options opts;
	int failed, ret = parse_options(argc, argv, &opts);

	if (ret)
		return ret;
	printf("### One copy of a YUYV frame\n\n");
	if (measure_costs(&opts, costs))
		return 1;
	printf("\n### Unpaced: the producer as fast as the path lets it "
	       "(median of %lu runs of %lu ms)\n\n", opts.repeats,
	       opts.measure_ms);
	failed = run_table(&opts, 0, costs);
	if (opts.fps) {
		printf("\n### Paced at %lu frames/s (one run of %lu ms)\n\n",
		       opts.fps, opts.paced_ms);
		failed += run_table(&opts, (unsigned int)opts.fps, costs);
	}
	return failed ? 1 : 0;
}
