// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the header of a stream piped into vcamctl, so that the camera
 * gets its size and rate: vcamd reads the rest, after these bytes (passed
 * as prefix=).
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <vcam/y4m.h>

#include "vcamctl.h"

struct prefix {
	uint8_t bytes[VCAM_PROTOCOL_PREFIX_MAX];
	size_t length;
};

bool cli_source_is_stdin(const char *spec)
{
	return spec && (strcmp(spec, "y4m:-") == 0 ||
			strcmp(spec, "mjpeg:-") == 0);
}

/* Appends count bytes of standard input: 0, -ENODATA at its end, -ENOSPC. */
static int take(struct prefix *prefix, size_t count)
{
	if (count > sizeof(prefix->bytes) - prefix->length)
		return -ENOSPC;
	while (count) {
		ssize_t got = read(STDIN_FILENO, prefix->bytes + prefix->length,
				   count);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			return -ENODATA;
		prefix->length += (size_t)got;
		count -= (size_t)got;
	}
	return 0;
}

static int read_y4m(const char *subcommand, struct prefix *prefix,
		    struct cli_stream_header *header)
{
	struct vcam_y4m_header y4m;
	char reason[256];
	int ret;

	/* A byte at a time: what follows the newline is vcamd's to read. */
	do {
		ret = take(prefix, 1);
		if (!ret)
			ret = vcam_y4m_parse_header(prefix->bytes,
						    prefix->length, &y4m,
						    reason, sizeof(reason));
	} while (ret == -EAGAIN);
	if (ret == -ENODATA)
		cli_error(subcommand, "standard input ended before a "
			  "YUV4MPEG2 header came");
	else if (ret == -EINVAL)
		cli_error(subcommand, "standard input: %s", reason);
	else if (ret)
		cli_error(subcommand, "cannot read standard input: %s",
			  strerror(-ret));
	if (ret)
		return -1;
	header->width = y4m.width;
	header->height = y4m.height;
	header->rate_numerator = y4m.rate_numerator;
	header->rate_denominator = y4m.rate_denominator;
	return 0;
}

static bool is_frame_header(uint8_t marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
	       marker != 0xc8 && marker != 0xcc;
}

/* Reads markers up to the frame header (SOFn); its size into header. */
static int walk_jpeg(struct prefix *prefix, struct cli_stream_header *header)
{
	int ret = take(prefix, 2);

	if (ret)
		return ret;
	if (prefix->bytes[0] != 0xff || prefix->bytes[1] != 0xd8)
		return -EBADMSG;
	for (;;) {
		size_t at = prefix->length, length;
		const uint8_t *segment;

		ret = take(prefix, 4);
		if (ret)
			return ret;
		segment = prefix->bytes + at;
		if (segment[0] != 0xff || segment[1] < 0xc0 ||
		    segment[1] == 0xd8 || segment[1] == 0xd9)
			return -EBADMSG;
		length = (size_t)segment[2] << 8 | segment[3];
		if (length < 2)
			return -EBADMSG;
		ret = take(prefix, length - 2);
		if (ret)
			return ret;
		segment = prefix->bytes + at;
		if (is_frame_header(segment[1])) {
			if (length < 8)
				return -EBADMSG;
			header->height = (unsigned int)(segment[5] << 8 |
							segment[6]);
			header->width = (unsigned int)(segment[7] << 8 |
						       segment[8]);
			return 0;
		}
	}
}

static int read_mjpeg(const char *subcommand, struct prefix *prefix,
		      struct cli_stream_header *header)
{
	int ret = walk_jpeg(prefix, header);

	if (ret == -ENODATA)
		cli_error(subcommand, "standard input ended before a JPEG "
			  "came");
	else if (ret == -EBADMSG)
		cli_error(subcommand, "standard input does not start with a "
			  "JPEG: write it with ffmpeg -f mjpeg, or give --size");
	else if (ret == -ENOSPC)
		cli_error(subcommand, "the first JPEG's header is longer than "
			  "%d bytes: give its size with --size",
			  VCAM_PROTOCOL_PREFIX_MAX);
	else if (ret)
		cli_error(subcommand, "cannot read standard input: %s",
			  strerror(-ret));
	return ret ? -1 : 0;
}

int cli_read_stream_header(const char *subcommand, const char *spec,
			   bool want_size, struct cli_stream_header *header)
{
	static struct prefix prefix;
	int ret = 0;

	memset(header, 0, sizeof(*header));
	prefix.length = 0;
	if (isatty(STDIN_FILENO)) {
		cli_error(subcommand, "%s reads standard input, which is a "
			  "terminal: pipe a stream in, as in ffmpeg ... -f "
			  "yuv4mpegpipe - | vcamctl %s ... --source y4m:-",
			  spec, subcommand);
		return -1;
	}
	if (strcmp(spec, "y4m:-") == 0)
		ret = read_y4m(subcommand, &prefix, header);
	else if (want_size)
		ret = read_mjpeg(subcommand, &prefix, header);
	if (ret)
		return -1;
	vcam_protocol_hex_encode(prefix.bytes, prefix.length,
				 header->prefix_hex,
				 sizeof(header->prefix_hex));
	return 0;
}
