// SPDX-License-Identifier: GPL-2.0-only
/* The list of paths; see path.h. */

#include <string.h>

#include "path.h"

const struct bench_path *const bench_paths[] = {
	&bench_path_vcam_copy,
	&bench_path_vcam_import,
	&bench_path_vcam_lend,
	&bench_path_loopback_write,
	&bench_path_loopback_mmap,
	NULL,
};

const struct bench_path *bench_path_by_name(const char *name)
{
	for (size_t i = 0; bench_paths[i]; i++)
		if (!strcmp(bench_paths[i]->name, name))
			return bench_paths[i];
	return NULL;
}
