// SPDX-License-Identifier: GPL-2.0-only
/* vcam-fuzz: options, then the supervisor. See fuzz.h. */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: vcam-fuzz [--seed N] [--ops N] [--seconds S] [--stuck S]\n"
		"                 [--verbose]\n"
		"\n"
		"Runs a producer on /dev/vcam, two consumers of its capture node,\n"
		"a sysfs reader and a process that opens and closes them at random,\n"
		"all at once, with valid, boundary and garbage arguments. Needs the\n"
		"vcam module loaded and root.\n"
		"\n"
		"  --seed N      seed of every random choice (default: from the clock);\n"
		"                printed, so that a run can be replayed\n"
		"  --ops N       operations in all (default: 20000)\n"
		"  --seconds S   stop after S seconds even if operations remain\n"
		"                (default: 0, no limit)\n"
		"  --stuck S     fail when a process makes no progress for S seconds,\n"
		"                printing its kernel stack (default: 10)\n"
		"  --verbose     print, per process and operation, how many ran and\n"
		"                how many had an ioctl that succeeded\n"
		"  -h, --help    show this help\n"
		"\n"
		"Exit status: 0 if every process ran to the end, 1 if one crashed or\n"
		"got stuck, 2 for a usage error. Kernel warnings are for the caller\n"
		"(tests/vm/run) to check.\n");
}

static int parse_u64(const char *option, const char *text, uint64_t max,
		     uint64_t *value)
{
	char *end;
	unsigned long long parsed;

	errno = 0;
	parsed = strtoull(text, &end, 10);
	if (errno || end == text || *end || text[0] == '-' || parsed > max) {
		fprintf(stderr, "vcam-fuzz: invalid %s `%s': expected a whole "
			"number from 0 to %" PRIu64 "; see vcam-fuzz --help.\n",
			option, text, max);
		return -1;
	}
	*value = parsed;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "seed", required_argument, NULL, 'S' },
		{ "ops", required_argument, NULL, 'o' },
		{ "seconds", required_argument, NULL, 's' },
		{ "stuck", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct fuzz_options options = {
		.seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 20,
		.ops = 20000,
		.stuck_seconds = 10,
	};
	uint64_t value;
	int c;

	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case 'S':
			if (parse_u64("--seed", optarg, UINT64_MAX, &options.seed))
				return 2;
			break;
		case 'o':
			if (parse_u64("--ops", optarg, UINT32_MAX, &options.ops))
				return 2;
			break;
		case 's':
			if (parse_u64("--seconds", optarg, 86400, &value))
				return 2;
			options.seconds = (unsigned int)value;
			break;
		case 't':
			if (parse_u64("--stuck", optarg, 3600, &value) || !value) {
				if (!value)
					fprintf(stderr, "vcam-fuzz: --stuck must "
						"be at least 1 second.\n");
				return 2;
			}
			options.stuck_seconds = (unsigned int)value;
			break;
		case 'v':
			options.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "vcam-fuzz: see vcam-fuzz --help.\n");
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vcam-fuzz: unexpected argument `%s'; see "
			"vcam-fuzz --help.\n", argv[optind]);
		return 2;
	}
	if (access("/dev/vcam", R_OK | W_OK)) {
		fprintf(stderr, "vcam-fuzz: cannot open /dev/vcam: %s; load the "
			"vcam module (and run as root).\n", strerror(errno));
		return 1;
	}
	printf("vcam-fuzz: seed %" PRIu64 ", %" PRIu64 " operations, %u s "
	       "limit\n", options.seed, options.ops, options.seconds);
	return fuzz_supervise(&options);
}
