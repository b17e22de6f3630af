// SPDX-License-Identifier: GPL-2.0-only
/*
 * Joining names into one string for messages.
 */

#include <errno.h>
#include <string.h>

#include "names.h"

static const char separator[] = ", ";

int vcam_join_names(char *buf, size_t size, const char *const *names,
		    size_t count)
{
	size_t used = 0;

	if (!buf)
		return -EINVAL;
	for (size_t i = 0; i < count; i++) {
		size_t separator_length = i ? strlen(separator) : 0;
		size_t name_length = strlen(names[i]);

		if (used + separator_length + name_length >= size) {
			if (size)
				buf[0] = '\0';
			return -ENOSPC;
		}
		memcpy(buf + used, separator, separator_length);
		used += separator_length;
		memcpy(buf + used, names[i], name_length);
		used += name_length;
	}
	if (!size)
		return -ENOSPC;
	buf[used] = '\0';
	return 0;
}
