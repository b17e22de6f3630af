/* SPDX-License-Identifier: GPL-2.0-only */
/* Lists of names for messages such as "known formats: YUYV, NV12". */
#ifndef VCAM_NAMES_H
#define VCAM_NAMES_H

#include <stddef.h>

/*
 * Writes names[0] to names[count - 1], separated by ", ", into buf.
 * Returns 0, -EINVAL if buf is NULL or -ENOSPC if size is too small (buf then
 * holds "").
 */
int vcam_join_names(char *buf, size_t size, const char *const *names,
		    size_t count);

#endif /* VCAM_NAMES_H */
