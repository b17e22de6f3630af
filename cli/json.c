// SPDX-License-Identifier: GPL-2.0-only
/* The JSON strings of vcamctl's machine-readable output. */

#include "vcamctl.h"

void cli_json_string(FILE *out, const char *text)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

void cli_json_optional_string(FILE *out, const char *text)
{
	if (text[0])
		cli_json_string(out, text);
	else
		fputs("null", out);
}
