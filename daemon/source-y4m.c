// SPDX-License-Identifier: GPL-2.0-only
/*
 * YUV4MPEG2 files, FIFOs and pipes as a source (source-stream.h), each
 * frame converted straight into the frame the consumer gets.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/y4m.h>

#include "source-stream.h"

struct y4m_state {
	bool have_header;
	struct vcam_y4m_header header;
};

static bool same_frames(const struct vcam_y4m_header *a,
			const struct vcam_y4m_header *b)
{
	return a->width == b->width && a->height == b->height &&
	       a->chroma == b->chroma && a->full_range == b->full_range;
}

static int y4m_next(struct stream *stream, const uint8_t *data, size_t size,
		    struct stream_chunk *chunk, char *reason,
		    size_t reason_size)
{
	struct y4m_state *st = stream->format_data;
	struct vcam_y4m_header header;
	size_t length;
	int ret;

	if (!st->have_header) {
		ret = vcam_y4m_parse_header(data, size, &header, reason,
					    reason_size);
		if (ret)
			return ret;
		chunk->consumed = header.length;
		chunk->frames_start = true;
		chunk->format_changed = !same_frames(&header, &st->header) ||
					!stream->shown.valid;
		st->header = header;
		st->have_header = true;
		return 0;
	}
	ret = vcam_y4m_parse_frame_header(data, size, &length, reason,
					  reason_size);
	if (ret)
		return ret;
	if (size < length + st->header.frame_size)
		return -EAGAIN;
	chunk->consumed = length + st->header.frame_size;
	chunk->frame_offset = length;
	chunk->frame_length = st->header.frame_size;
	return 0;
}

static size_t y4m_buffer_size(const struct stream *stream)
{
	const struct y4m_state *st = stream->format_data;

	return st->have_header ? VCAM_Y4M_FRAME_HEADER_MAX +
				 st->header.frame_size : VCAM_Y4M_HEADER_MAX;
}

static size_t y4m_frame_size(const struct stream *stream)
{
	const struct y4m_state *st = stream->format_data;

	return st->have_header ? st->header.frame_size : 0;
}

static int y4m_convert(struct stream *stream, const uint8_t *frame,
		       size_t length, const struct vcam_frame_layout *layout,
		       void *out, uint32_t *out_length)
{
	const struct y4m_state *st = stream->format_data;

	(void)length;
	*out_length = layout->sizeimage;
	return vcam_y4m_convert(&st->header, frame, layout, out);
}

static void y4m_reset(struct stream *stream)
{
	struct y4m_state *st = stream->format_data;

	st->have_header = false;
}

static bool y4m_rate(const struct stream *stream, uint32_t *numerator,
		     uint32_t *denominator)
{
	const struct y4m_state *st = stream->format_data;

	if (!st->have_header || !st->header.rate_numerator)
		return false;
	*numerator = st->header.rate_numerator;
	*denominator = st->header.rate_denominator;
	return true;
}

static void y4m_free(struct stream *stream)
{
	free(stream->format_data);
}

static const struct stream_format y4m_format = {
	.name = "y4m",
	.next = y4m_next,
	.buffer_size = y4m_buffer_size,
	.frame_size = y4m_frame_size,
	.frames_fill_frame_size = true,
	.convert = y4m_convert,
	.reset = y4m_reset,
	.frame_rate = y4m_rate,
	.free = y4m_free,
};

static int y4m_open(struct source *source,
		    const struct vcam_camera_config *cfg,
		    const struct source_input *input,
		    const struct vcam_frame_layout *layout, char *message,
		    size_t size)
{
	struct y4m_state *st = calloc(1, sizeof(*st));
	struct stream *stream;
	int ret;

	(void)layout;
	if (!st) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	ret = stream_open(&stream, source, &cfg->source, input, &y4m_format,
			  st, message, size);
	if (ret) {
		free(st);
		return ret;
	}
	stream_prime(stream);
	if (stream->regular && !stream->ready.valid) {
		snprintf(message, size, "the Y4M file %s holds no frame vcamd "
			 "can show (the line above says why): write it with "
			 "ffmpeg -f yuv4mpegpipe -pix_fmt yuv420p",
			 cfg->source.path);
		stream_close(source);
		return -EINVAL;
	}
	return 0;
}

const struct source_ops source_y4m_ops = {
	.open = y4m_open,
	.start = stream_start,
	.stop = stream_stop,
	.render = stream_render,
	.on_event = stream_on_event,
	.frame_rate = stream_frame_rate,
	.close = stream_close,
	.any_layout = true,
};
