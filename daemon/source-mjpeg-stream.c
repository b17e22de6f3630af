// SPDX-License-Identifier: GPL-2.0-only
/*
 * MJPEG from a FIFO or a pipe as a source (source-stream.h): JPEGs found by
 * their markers, relayed to MJPEG cameras and decoded for raw ones. What is
 * not a complete JPEG is skipped and counted.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/jpeg.h>

#include "../lib/jpeg-markers.h"
#include "log.h"
#include "source-stream.h"

/* The largest JPEG a stream may send, at least. */
#define JPEG_MAX (8u << 20)

struct mjpeg_stream_state {
	size_t capacity;
	struct vcam_jpeg_decoder *decoder;	/* for raw cameras */
	uint64_t skipped;
};

static void note_skipped(struct stream *stream, const char *why)
{
	struct mjpeg_stream_state *st = stream->format_data;

	if (st->skipped++ == 0)
		vcamd_log(LOG_WARNING, stream->source->camera, "mjpeg:%s: "
			  "skipping %s (further ones are counted, not logged)",
			  stream->path, why);
}

static int mjpeg_next(struct stream *stream, const uint8_t *data,
		      size_t size, struct stream_chunk *chunk, char *reason,
		      size_t reason_size)
{
	struct mjpeg_stream_state *st = stream->format_data;
	size_t soi = vcam_jpeg_find_soi(data, size, 0), end;

	(void)reason;
	(void)reason_size;
	if (soi == size) {
		/* Its last byte may start an SOI. */
		if (size < 2)
			return -EAGAIN;
		chunk->consumed = size - 1;
		return 0;
	}
	if (soi) {
		chunk->consumed = soi;
		return 0;
	}
	switch (vcam_jpeg_scan_image(data, size, 0, &end)) {
	case VCAM_JPEG_COMPLETE:
		chunk->consumed = end;
		chunk->frame_length = end;
		return 0;
	case VCAM_JPEG_TRUNCATED:
		if (size < st->capacity)
			return -EAGAIN;
		note_skipped(stream, "a JPEG larger than 8 MiB");
		break;
	default:
		note_skipped(stream, "bytes that are not a well-formed JPEG");
		break;
	}
	chunk->consumed = 2;	/* past this SOI, to the next */
	return 0;
}

static size_t mjpeg_size(const struct stream *stream)
{
	const struct mjpeg_stream_state *st = stream->format_data;

	return st->capacity;
}

static int relay(struct stream *stream, const uint8_t *frame, size_t length,
		 const struct vcam_frame_layout *layout, void *out,
		 uint32_t *out_length)
{
	if (length > layout->sizeimage) {
		note_skipped(stream, "a JPEG larger than the camera's frame");
		return -EFBIG;
	}
	memcpy(out, frame, length);
	*out_length = (uint32_t)length;
	return 0;
}

static int mjpeg_convert(struct stream *stream, const uint8_t *frame,
			 size_t length, const struct vcam_frame_layout *layout,
			 void *out, uint32_t *out_length)
{
	struct mjpeg_stream_state *st = stream->format_data;
	char why[256];
	int ret;

	if (layout->format->compressed)
		return relay(stream, frame, length, layout, out, out_length);
	if (!st->decoder && vcam_jpeg_decoder_new(&st->decoder))
		return -ENOMEM;
	*out_length = layout->sizeimage;
	ret = vcam_jpeg_decode(st->decoder, frame, length, layout, out);
	if (ret) {
		snprintf(why, sizeof(why), "a JPEG that does not decode: %s",
			 vcam_jpeg_decoder_error(st->decoder));
		note_skipped(stream, why);
	}
	return ret;
}

static void mjpeg_reset(struct stream *stream)
{
	(void)stream;
}

static bool mjpeg_rate(const struct stream *stream, uint32_t *numerator,
		       uint32_t *denominator)
{
	(void)stream;
	(void)numerator;
	(void)denominator;
	return false;
}

static void mjpeg_free(struct stream *stream)
{
	struct mjpeg_stream_state *st = stream->format_data;

	if (st->skipped > 1)
		vcamd_log(LOG_INFO, stream->source->camera, "mjpeg:%s: %"
			  PRIu64 " JPEG(s) or runs of bytes skipped in all",
			  stream->path, st->skipped);
	vcam_jpeg_decoder_free(st->decoder);
	free(st);
}

static const struct stream_format mjpeg_format = {
	.name = "mjpeg",
	.next = mjpeg_next,
	.buffer_size = mjpeg_size,
	.frame_size = mjpeg_size,
	.convert = mjpeg_convert,
	.reset = mjpeg_reset,
	.frame_rate = mjpeg_rate,
	.free = mjpeg_free,
};

static int mjpeg_stream_open(struct source *source,
			     const struct vcam_camera_config *cfg,
			     const struct source_input *input,
			     const struct vcam_frame_layout *layout,
			     char *message, size_t size)
{
	struct mjpeg_stream_state *st = calloc(1, sizeof(*st));
	struct stream *stream;
	int ret;

	if (!st) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	st->capacity = layout->sizeimage > JPEG_MAX ? layout->sizeimage :
		       JPEG_MAX;
	ret = stream_open(&stream, source, &cfg->source, input, &mjpeg_format,
			  st, message, size);
	if (ret)
		free(st);
	return ret;
}

const struct source_ops source_mjpeg_stream_ops = {
	.open = mjpeg_stream_open,
	.start = stream_start,
	.stop = stream_stop,
	.render = stream_render,
	.on_event = stream_on_event,
	.frame_rate = stream_frame_rate,
	.close = stream_close,
	.any_layout = true,
};
