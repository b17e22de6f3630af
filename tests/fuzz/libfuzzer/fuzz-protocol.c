// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the control protocol's decoder. A request that decodes
 * must encode again and decode to the same verb and fields; response lines
 * decode or are refused.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/protocol.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const struct vcam_protocol_line *line)
{
	static struct vcam_protocol_line again;
	char text[VCAM_PROTOCOL_LINE_MAX + 1];
	int length;

	length = vcam_protocol_format_request(text, sizeof(text), line->word,
					      line->fields, line->field_count);
	/* Decoding drops nothing, so what it accepted must fit again. */
	if (length < 0)
		abort();
	if (vcam_protocol_parse_request(text, (size_t)length, &again))
		abort();
	if (strcmp(again.word, line->word) ||
	    again.field_count != line->field_count)
		abort();
	for (size_t i = 0; i < line->field_count; i++)
		if (strcmp(again.fields[i].key, line->fields[i].key) ||
		    strcmp(again.fields[i].value, line->fields[i].value))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vcam_protocol_line line;

	if (vcam_protocol_parse_request((const char *)data, size, &line) == 0)
		check_round_trip(&line);
	vcam_protocol_parse_line((const char *)data, size, &line);
	return 0;
}
