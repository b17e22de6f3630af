/* SPDX-License-Identifier: GPL-2.0-only */
/* The one checked parser every number in vcam's text input goes through. */
#ifndef VCAM_PARSE_NUMBER_H
#define VCAM_PARSE_NUMBER_H

/*
 * Parses the number at the start of text, written with the digits of base
 * (10 or 16) only: no blank, sign or "0x". Sets *value and *end, the first
 * character after the digits. Returns 0, -EINVAL if text does not start with
 * a digit, or -ERANGE if the number is outside min..max.
 */
int vcam_parse_unsigned_prefix(const char *text, int base, unsigned long min,
			       unsigned long max, unsigned long *value,
			       const char **end);

/* The same, for text that is nothing but the number. */
int vcam_parse_unsigned(const char *text, int base, unsigned long min,
			unsigned long max, unsigned long *value);

#endif /* VCAM_PARSE_NUMBER_H */
