// SPDX-License-Identifier: GPL-2.0-only
/*
 * The JPEG marker walker (ITU-T T.81 annex B).
 */

#include <stdbool.h>
#include <string.h>

#include "jpeg-markers.h"

#define MARKER_PREFIX 0xFF
#define MARKER_TEM 0x01
#define MARKER_RST0 0xD0
#define MARKER_RST7 0xD7
#define MARKER_SOI 0xD8
#define MARKER_EOI 0xD9
#define MARKER_SOS 0xDA
#define MARKER_FIRST_SEGMENT 0xC0	/* 0x02..0xBF are reserved */

/* Where the walk is: pos is the offset of the next byte to read. */
struct walk {
	const uint8_t *data;
	size_t size;
	size_t pos;
	bool seen_scan;
};

size_t vcam_jpeg_find_soi(const uint8_t *data, size_t size, size_t from)
{
	while (from + 1 < size) {
		const uint8_t *prefix = memchr(data + from, MARKER_PREFIX,
					       size - from - 1);

		if (!prefix)
			break;
		from = (size_t)(prefix - data);
		if (data[from + 1] == MARKER_SOI)
			return from;
		from++;
	}
	return size;
}

static bool is_restart(uint8_t code)
{
	return code >= MARKER_RST0 && code <= MARKER_RST7;
}

/*
 * Reads a marker at pos, skipping fill bytes (0xFF) before its code.
 * Returns false at the end of the data; *code is 0 if no marker is there.
 */
static bool read_marker(struct walk *walk, uint8_t *code)
{
	if (walk->pos >= walk->size)
		return false;
	if (walk->data[walk->pos] != MARKER_PREFIX) {
		*code = 0;
		return true;
	}
	while (walk->pos < walk->size && walk->data[walk->pos] == MARKER_PREFIX)
		walk->pos++;
	if (walk->pos >= walk->size)
		return false;
	*code = walk->data[walk->pos++];
	return true;
}

/* Skips a segment's length field and payload. */
static enum vcam_jpeg_scan_result skip_segment(struct walk *walk)
{
	size_t length;

	if (walk->size - walk->pos < 2)
		return VCAM_JPEG_TRUNCATED;
	length = (size_t)walk->data[walk->pos] << 8 | walk->data[walk->pos + 1];
	if (length < 2)
		return VCAM_JPEG_MALFORMED;
	if (walk->size - walk->pos < length)
		return VCAM_JPEG_TRUNCATED;
	walk->pos += length;
	return VCAM_JPEG_COMPLETE;
}

/*
 * Skips entropy-coded data up to the marker that ends it, leaving pos on
 * that marker's first 0xFF.
 */
static enum vcam_jpeg_scan_result skip_entropy_data(struct walk *walk)
{
	for (;;) {
		const uint8_t *prefix;
		size_t next;

		prefix = memchr(walk->data + walk->pos, MARKER_PREFIX,
				walk->size - walk->pos);
		if (!prefix)
			return VCAM_JPEG_TRUNCATED;
		walk->pos = (size_t)(prefix - walk->data);
		next = walk->pos + 1;
		while (next < walk->size && walk->data[next] == MARKER_PREFIX)
			next++;
		if (next >= walk->size)
			return VCAM_JPEG_TRUNCATED;
		if (walk->data[next] != 0x00 && !is_restart(walk->data[next]))
			return VCAM_JPEG_COMPLETE;
		walk->pos = next + 1;
	}
}

static enum vcam_jpeg_scan_result walk_segment(struct walk *walk,
					       uint8_t code)
{
	enum vcam_jpeg_scan_result result;

	if (code == MARKER_TEM)
		return VCAM_JPEG_COMPLETE;
	if (code < MARKER_FIRST_SEGMENT || is_restart(code) ||
	    code == MARKER_SOI)
		return VCAM_JPEG_MALFORMED;
	result = skip_segment(walk);
	if (result != VCAM_JPEG_COMPLETE || code != MARKER_SOS)
		return result;
	walk->seen_scan = true;
	return skip_entropy_data(walk);
}

enum vcam_jpeg_scan_result vcam_jpeg_scan_image(const uint8_t *data,
						size_t size, size_t start,
						size_t *end)
{
	struct walk walk = { .data = data, .size = size, .pos = start + 2 };
	enum vcam_jpeg_scan_result result;
	uint8_t code;

	if (start > size || size - start < 2 || data[start] != MARKER_PREFIX ||
	    data[start + 1] != MARKER_SOI)
		return VCAM_JPEG_MALFORMED;
	for (;;) {
		if (!read_marker(&walk, &code))
			return VCAM_JPEG_TRUNCATED;
		if (code == 0)
			return VCAM_JPEG_MALFORMED;
		if (code == MARKER_EOI)
			break;
		result = walk_segment(&walk, code);
		if (result != VCAM_JPEG_COMPLETE)
			return result;
	}
	if (!walk.seen_scan)
		return VCAM_JPEG_MALFORMED;
	*end = walk.pos;
	return VCAM_JPEG_COMPLETE;
}
