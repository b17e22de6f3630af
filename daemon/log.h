/* SPDX-License-Identifier: GPL-2.0-only */
/* vcamd's log: one line per event on stderr, naming its camera. */
#ifndef VCAMD_LOG_H
#define VCAMD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Whether LOG_DEBUG lines are written; they are not by default. */
void vcamd_log_set_verbose(bool verbose);

/* camera may be NULL for lines about the daemon as a whole. */
void vcamd_log(int priority, const char *camera, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#endif
