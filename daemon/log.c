// SPDX-License-Identifier: GPL-2.0-only
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static bool log_debug;

void vcamd_log_set_verbose(bool verbose)
{
	log_debug = verbose;
}

/* Under systemd, a "<N>" prefix gives the journal each line's priority. */
void vcamd_log(int priority, const char *camera, const char *format, ...)
{
	char message[1024];
	va_list args;

	if (priority == LOG_DEBUG && !log_debug)
		return;
	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);

	if (getenv("JOURNAL_STREAM"))
		fprintf(stderr, "<%d>", priority);
	if (camera)
		fprintf(stderr, "vcamd: camera %s: %s\n", camera, message);
	else
		fprintf(stderr, "vcamd: %s\n", message);
}
