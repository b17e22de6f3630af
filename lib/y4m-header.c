// SPDX-License-Identifier: GPL-2.0-only
/* Parsing the header and FRAME lines of a YUV4MPEG2 stream. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "parse-number.h"
#include "vcam/y4m.h"

#define MAGIC "YUV4MPEG2"
#define FRAME_MAGIC "FRAME"
#define RATE_TERM_MAX 0xffffffffu

static const struct {
	const char *name;
	enum vcam_y4m_chroma chroma;
	uint32_t factor_x, factor_y;	/* pixels per chroma sample */
} chromas[] = {
	{ "420jpeg", VCAM_Y4M_420JPEG, 2, 2 },
	{ "420mpeg2", VCAM_Y4M_420MPEG2, 2, 2 },
	{ "420paldv", VCAM_Y4M_420PALDV, 2, 2 },
	{ "420", VCAM_Y4M_420, 2, 2 },
	{ "422", VCAM_Y4M_422, 2, 1 },
	{ "444", VCAM_Y4M_444, 1, 1 },
	{ "mono", VCAM_Y4M_MONO, 0, 0 },
};

#define CHROMA_COUNT (sizeof(chromas) / sizeof(chromas[0]))

const char *vcam_y4m_chroma_name(enum vcam_y4m_chroma chroma)
{
	for (size_t i = 0; i < CHROMA_COUNT; i++) {
		if (chromas[i].chroma == chroma)
			return chromas[i].name;
	}
	return "?";
}

static int refuse(char *reason, size_t reason_size, const char *format,
		  const char *detail)
{
	snprintf(reason, reason_size, format, detail);
	return -EINVAL;
}

/* The line at the start of data: its length without the newline. */
static int find_line(const char *data, size_t size, size_t max,
		     size_t *length)
{
	const char *newline = memchr(data, '\n', size < max ? size : max);

	if (!newline)
		return size < max ? -EAGAIN : -EINVAL;
	*length = (size_t)(newline - data);
	return 0;
}

/* A prefix of data that is not yet, or not, magic. */
static int check_magic(const char *data, size_t size, const char *magic)
{
	size_t n = strlen(magic);

	if (memcmp(data, magic, size < n ? size : n) != 0)
		return -EINVAL;
	return size < n ? -EAGAIN : 0;
}

static int parse_dimension(const char *value, uint32_t *field)
{
	unsigned long number;

	if (vcam_parse_unsigned(value, 10, 1, VCAM_SIZE_MAX, &number))
		return -EINVAL;
	*field = (uint32_t)number;
	return 0;
}

static int parse_rate(const char *value, struct vcam_y4m_header *header)
{
	unsigned long numerator, denominator;
	const char *end;

	if (vcam_parse_unsigned_prefix(value, 10, 0, RATE_TERM_MAX,
				       &numerator, &end) || *end != ':' ||
	    vcam_parse_unsigned(end + 1, 10, 0, RATE_TERM_MAX, &denominator))
		return -EINVAL;
	if (!numerator || !denominator)
		numerator = denominator = 0;
	header->rate_numerator = (uint32_t)numerator;
	header->rate_denominator = (uint32_t)denominator;
	return 0;
}

static int parse_chroma(const char *value, struct vcam_y4m_header *header)
{
	for (size_t i = 0; i < CHROMA_COUNT; i++) {
		if (strcmp(value, chromas[i].name) == 0) {
			header->chroma = chromas[i].chroma;
			return 0;
		}
	}
	return -EINVAL;
}

/* One tag, NUL-terminated in tag. */
static int parse_tag(const char *tag, struct vcam_y4m_header *header,
		     char *reason, size_t reason_size)
{
	switch (tag[0]) {
	case 'W':
		if (parse_dimension(tag + 1, &header->width))
			return refuse(reason, reason_size, "invalid width `%s' "
				      "in the YUV4MPEG2 header: expected "
				      "1..8192", tag + 1);
		return 0;
	case 'H':
		if (parse_dimension(tag + 1, &header->height))
			return refuse(reason, reason_size, "invalid height "
				      "`%s' in the YUV4MPEG2 header: expected "
				      "1..8192", tag + 1);
		return 0;
	case 'F':
		if (parse_rate(tag + 1, header))
			return refuse(reason, reason_size, "invalid frame rate "
				      "`%s' in the YUV4MPEG2 header: expected "
				      "N:D", tag + 1);
		return 0;
	case 'C':
		if (parse_chroma(tag + 1, header))
			return refuse(reason, reason_size, "the YUV4MPEG2 "
				      "colour space `%s' is not supported: "
				      "write 8-bit 420, 422, 444 or mono "
				      "(ffmpeg -pix_fmt yuv420p)", tag + 1);
		return 0;
	case 'X':
		if (strcmp(tag, "XCOLORRANGE=FULL") == 0)
			header->full_range = true;
		return 0;
	case '\0':
		return refuse(reason, reason_size, "%sthe YUV4MPEG2 header "
			      "has an empty tag (two spaces in a row)", "");
	default:
		return 0;	/* I, A and tags of later versions */
	}
}

static void size_planes(struct vcam_y4m_header *header)
{
	uint64_t luma = (uint64_t)header->width * header->height;

	header->chroma_width = header->chroma_height = 0;
	for (size_t i = 0; i < CHROMA_COUNT; i++) {
		if (chromas[i].chroma != header->chroma || !chromas[i].factor_x)
			continue;
		header->chroma_width = (header->width + chromas[i].factor_x -
					1) / chromas[i].factor_x;
		header->chroma_height = (header->height +
					 chromas[i].factor_y - 1) /
					chromas[i].factor_y;
	}
	header->frame_size = (size_t)(luma + 2ull * header->chroma_width *
				      header->chroma_height);
}

static int parse_tags(char *line, struct vcam_y4m_header *header,
		      char *reason, size_t reason_size)
{
	char *tag = line;

	while (tag) {
		char *space = strchr(tag, ' ');
		int ret;

		if (space)
			*space = '\0';
		ret = parse_tag(tag, header, reason, reason_size);
		if (ret)
			return ret;
		tag = space ? space + 1 : NULL;
	}
	return 0;
}

int vcam_y4m_parse_header(const void *data, size_t size,
			  struct vcam_y4m_header *header, char *reason,
			  size_t reason_size)
{
	char line[VCAM_Y4M_HEADER_MAX];
	struct vcam_y4m_header result = { .chroma = VCAM_Y4M_420JPEG };
	size_t length;
	int ret;

	if (!data || !header || !reason)
		return -EINVAL;
	ret = check_magic(data, size, MAGIC " ");
	if (ret == -EINVAL)
		return refuse(reason, reason_size, "%sthe stream does not "
			      "start with a YUV4MPEG2 header: write it with "
			      "ffmpeg -f yuv4mpegpipe", "");
	if (ret)
		return ret;
	ret = find_line(data, size, VCAM_Y4M_HEADER_MAX, &length);
	if (ret == -EINVAL)
		return refuse(reason, reason_size, "the YUV4MPEG2 header is "
			      "longer than %s bytes", "1024");
	if (ret)
		return ret;
	if (memchr(data, '\0', length))
		return refuse(reason, reason_size, "%sthe YUV4MPEG2 header "
			      "holds a NUL byte", "");
	memcpy(line, (const char *)data + strlen(MAGIC " "),
	       length - strlen(MAGIC " "));
	line[length - strlen(MAGIC " ")] = '\0';
	ret = parse_tags(line, &result, reason, reason_size);
	if (ret)
		return ret;
	if (!result.width || !result.height)
		return refuse(reason, reason_size, "%sthe YUV4MPEG2 header "
			      "lacks the width (W) or height (H)", "");
	result.length = length + 1;
	size_planes(&result);
	*header = result;
	return 0;
}

int vcam_y4m_parse_frame_header(const void *data, size_t size, size_t *length,
				char *reason, size_t reason_size)
{
	size_t line_length;
	int ret;

	if (!data || !length || !reason)
		return -EINVAL;
	ret = check_magic(data, size, FRAME_MAGIC);
	if (ret == -EINVAL)
		return refuse(reason, reason_size, "%sa frame does not start "
			      "with FRAME: the stream is cut or corrupt", "");
	if (ret)
		return ret;
	ret = find_line(data, size, VCAM_Y4M_FRAME_HEADER_MAX, &line_length);
	if (ret == -EINVAL)
		return refuse(reason, reason_size, "a FRAME line is longer "
			      "than %s bytes", "1024");
	if (ret)
		return ret;
	if (line_length > strlen(FRAME_MAGIC) &&
	    ((const char *)data)[strlen(FRAME_MAGIC)] != ' ')
		return refuse(reason, reason_size, "%sa frame does not start "
			      "with FRAME: the stream is cut or corrupt", "");
	*length = line_length + 1;
	return 0;
}
