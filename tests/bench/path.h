/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The producer side of each path the benchmark compares. A path opens its
 * camera (and says which node a consumer captures from and how), produces
 * one frame per call and closes. Every function returns 0 or a negative
 * errno after bench_run_fail(); produce() returns -ECANCELED when the run
 * stops while it waits.
 */

#ifndef BENCH_PATH_H
#define BENCH_PATH_H

#include <stddef.h>

#include "consumer.h"
#include "run.h"

struct bench_path {
	const char *name;	/* for --paths */
	const char *title;	/* for the table */
	bool needs_loopback;
	int (*open)(struct bench_run *run,
		    struct bench_consumer_request *consumer,
		    char *node, size_t node_size);
	int (*produce)(struct bench_run *run);
	void (*close)(struct bench_run *run);
};

extern const struct bench_path bench_path_vcam_copy;
extern const struct bench_path bench_path_vcam_import;
extern const struct bench_path bench_path_vcam_lend;
extern const struct bench_path bench_path_loopback_write;
extern const struct bench_path bench_path_loopback_mmap;

/* Every path, in table order, NULL-terminated. */
extern const struct bench_path *const bench_paths[];

const struct bench_path *bench_path_by_name(const char *name);

#endif /* BENCH_PATH_H */
