// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checked number parsing: strtoul with an end pointer and a range, after
 * making sure it sees digits only.
 */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "parse-number.h"

static size_t count_digits(const char *text, int base)
{
	size_t count = 0;

	while (base == 16 ? isxdigit((unsigned char)text[count]) :
			    isdigit((unsigned char)text[count]))
		count++;
	return count;
}

int vcam_parse_unsigned_prefix(const char *text, int base, unsigned long min,
			       unsigned long max, unsigned long *value,
			       const char **end)
{
	size_t digits = count_digits(text, base);
	unsigned long number;
	char *number_end;

	if (!digits || (base != 10 && base != 16))
		return -EINVAL;
	errno = 0;
	number = strtoul(text, &number_end, base);
	/* strtoul takes "0x" in base 16, which count_digits() stops at. */
	if (number_end != text + digits)
		return -EINVAL;
	if (errno == ERANGE || number < min || number > max)
		return -ERANGE;
	*value = number;
	*end = number_end;
	return 0;
}

int vcam_parse_unsigned(const char *text, int base, unsigned long min,
			unsigned long max, unsigned long *value)
{
	unsigned long number;
	const char *end;
	int ret;

	ret = vcam_parse_unsigned_prefix(text, base, min, max, &number, &end);
	if (ret)
		return ret;
	if (*end)
		return -EINVAL;
	*value = number;
	return 0;
}
