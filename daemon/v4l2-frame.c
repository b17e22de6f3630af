// SPDX-License-Identifier: GPL-2.0-only
/* A real device's frame into a camera's: v4l2-frame.h. */
#include "v4l2-frame.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_jpeg(uint32_t fourcc)
{
	return fourcc == V4L2_PIX_FMT_MJPEG || fourcc == V4L2_PIX_FMT_JPEG;
}

static int relay_jpeg(const struct v4l2_frame *frame,
		      const struct vcam_frame_layout *layout, void *out,
		      uint32_t *length, char *reason, size_t reason_size)
{
	if (frame->bytes > layout->sizeimage) {
		snprintf(reason, reason_size, "a JPEG of %u bytes is larger "
			 "than the camera's frame", frame->bytes);
		return -EFBIG;
	}
	memcpy(out, frame->data, frame->bytes);
	*length = frame->bytes;
	return 0;
}

static bool same_layout(const struct vcam_frame_layout *a,
			const struct vcam_frame_layout *b)
{
	return a->format == b->format && a->width == b->width &&
	       a->height == b->height && a->bytesperline == b->bytesperline &&
	       a->sizeimage == b->sizeimage;
}

/* Keeps a decoded frame for the next camera of its layout, if it can. */
static void keep_decoded(struct v4l2_frame_converter *converter,
			 const struct v4l2_frame *frame,
			 const struct vcam_frame_layout *layout,
			 const void *out)
{
	converter->decoded_id = 0;
	if (converter->decoded_size < layout->sizeimage) {
		uint8_t *decoded = realloc(converter->decoded,
					   layout->sizeimage);

		if (!decoded)
			return;
		converter->decoded = decoded;
		converter->decoded_size = layout->sizeimage;
	}
	memcpy(converter->decoded, out, layout->sizeimage);
	converter->decoded_layout = *layout;
	converter->decoded_id = frame->id;
}

static int decode_jpeg(struct v4l2_frame_converter *converter,
		       const struct v4l2_frame *frame,
		       const struct vcam_frame_layout *layout, void *out,
		       uint32_t *length, char *reason, size_t reason_size)
{
	int ret;

	*length = layout->sizeimage;
	if (converter->decoded_id == frame->id &&
	    same_layout(&converter->decoded_layout, layout)) {
		memcpy(out, converter->decoded, layout->sizeimage);
		return 0;
	}
	if (!converter->decoder &&
	    vcam_jpeg_decoder_new(&converter->decoder))
		return -ENOMEM;
	ret = vcam_jpeg_decode(converter->decoder, frame->data, frame->bytes,
			       layout, out);
	if (ret) {
		snprintf(reason, reason_size, "a JPEG that does not decode: "
			 "%s", vcam_jpeg_decoder_error(converter->decoder));
		return ret == -ENOMEM ? ret : -EBADMSG;
	}
	if (frame->shared)
		keep_decoded(converter, frame, layout, out);
	return 0;
}

/* The device's frame is the camera's, byte for byte. */
static bool same_mode(const struct v4l2_pix_format *format,
		      const struct vcam_frame_layout *layout)
{
	return format->pixelformat == layout->format->fourcc &&
	       format->width == layout->width &&
	       format->height == layout->height &&
	       format->bytesperline == layout->bytesperline;
}

/* Bytes a raw frame of format holds. */
static uint64_t raw_size(const struct v4l2_pix_format *format)
{
	uint64_t luma = (uint64_t)format->bytesperline * format->height;

	switch (format->pixelformat) {
	case V4L2_PIX_FMT_YUV420:
	case V4L2_PIX_FMT_NV12:
		return luma + luma / 2;
	default:
		return luma;
	}
}

/* The Y4M header that describes the planes of format, unpacked. */
static int describe(struct v4l2_frame_converter *converter,
		    const struct v4l2_pix_format *format)
{
	char line[128], reason[256];
	int length;

	length = snprintf(line, sizeof(line), "YUV4MPEG2 W%u H%u C%s%s\n",
			  format->width, format->height,
			  format->pixelformat == V4L2_PIX_FMT_YUYV ?
			  "422" : "420jpeg",
			  format->quantization == V4L2_QUANTIZATION_FULL_RANGE ?
			  " XCOLORRANGE=FULL" : "");
	if (length < 0 || (size_t)length >= sizeof(line) ||
	    vcam_y4m_parse_header(line, (size_t)length, &converter->header,
				  reason, sizeof(reason)))
		return -EINVAL;
	if (converter->planes_size < converter->header.frame_size) {
		uint8_t *planes = realloc(converter->planes,
					  converter->header.frame_size);

		if (!planes)
			return -ENOMEM;
		converter->planes = planes;
		converter->planes_size = converter->header.frame_size;
	}
	return 0;
}

static void copy_rows(uint8_t *to, const uint8_t *from, uint32_t width,
		      uint32_t stride, uint32_t rows)
{
	for (uint32_t y = 0; y < rows; y++)
		memcpy(to + (size_t)y * width, from + (size_t)y * stride,
		       width);
}

static void unpack_yuyv(const struct vcam_y4m_header *h,
			const uint8_t *data, uint32_t stride, uint8_t *planes)
{
	uint8_t *cb = planes + (size_t)h->width * h->height;
	uint8_t *cr = cb + (size_t)h->chroma_width * h->chroma_height;

	for (uint32_t y = 0; y < h->height; y++) {
		const uint8_t *row = data + (size_t)y * stride;

		for (uint32_t x = 0; x < h->width; x++)
			planes[(size_t)y * h->width + x] = row[2 * x];
		for (uint32_t x = 0; x < h->chroma_width; x++) {
			cb[(size_t)y * h->chroma_width + x] = row[4 * x + 1];
			cr[(size_t)y * h->chroma_width + x] = row[4 * x + 3];
		}
	}
}

static void unpack_420(const struct vcam_y4m_header *h, uint32_t fourcc,
		       const uint8_t *data, uint32_t stride, uint8_t *planes)
{
	const uint8_t *chroma = data + (size_t)stride * h->height;
	size_t chroma_size = (size_t)h->chroma_width * h->chroma_height;
	uint8_t *cb = planes + (size_t)h->width * h->height;
	uint8_t *cr = cb + chroma_size;

	copy_rows(planes, data, h->width, stride, h->height);
	if (fourcc == V4L2_PIX_FMT_YUV420) {
		copy_rows(cb, chroma, h->chroma_width, stride / 2,
			  h->chroma_height);
		copy_rows(cr, chroma + (size_t)stride / 2 * h->chroma_height,
			  h->chroma_width, stride / 2, h->chroma_height);
		return;
	}
	for (uint32_t y = 0; y < h->chroma_height; y++) {
		const uint8_t *row = chroma + (size_t)y * stride;

		for (uint32_t x = 0; x < h->chroma_width; x++) {
			cb[(size_t)y * h->chroma_width + x] = row[2 * x];
			cr[(size_t)y * h->chroma_width + x] = row[2 * x + 1];
		}
	}
}

/* The frame's planes, unpacked once for all the cameras it feeds. */
static int unpack(struct v4l2_frame_converter *converter,
		  const struct v4l2_frame *frame)
{
	const struct v4l2_pix_format *format = frame->format;
	int ret;

	if (converter->unpacked == frame->id)
		return 0;
	ret = describe(converter, format);
	if (ret)
		return ret;
	if (format->pixelformat == V4L2_PIX_FMT_YUYV)
		unpack_yuyv(&converter->header, frame->data,
			    format->bytesperline, converter->planes);
	else
		unpack_420(&converter->header, format->pixelformat,
			   frame->data, format->bytesperline,
			   converter->planes);
	converter->unpacked = frame->id;
	return 0;
}

int v4l2_frame_convert(struct v4l2_frame_converter *converter,
		       const struct v4l2_frame *frame,
		       const struct vcam_frame_layout *layout, void *out,
		       uint32_t *length, char *reason, size_t reason_size)
{
	int ret;

	if (is_jpeg(frame->format->pixelformat))
		return layout->format->compressed ?
		       relay_jpeg(frame, layout, out, length, reason,
				  reason_size) :
		       decode_jpeg(converter, frame, layout, out, length,
				   reason, reason_size);
	if (layout->format->compressed) {
		snprintf(reason, reason_size, "the device gives raw frames and "
			 "vcamd does not encode JPEG: choose a raw format for "
			 "the camera");
		return -ENOTSUP;
	}
	if (frame->bytes < raw_size(frame->format)) {
		snprintf(reason, reason_size, "a frame of %u bytes is shorter "
			 "than its mode", frame->bytes);
		return -EBADMSG;
	}
	*length = layout->sizeimage;
	if (same_mode(frame->format, layout)) {
		memcpy(out, frame->data, layout->sizeimage);
		return 0;
	}
	ret = unpack(converter, frame);
	if (ret) {
		snprintf(reason, reason_size, "cannot convert its frames: %s",
			 strerror(-ret));
		return ret;
	}
	return vcam_y4m_convert(&converter->header, converter->planes, layout,
				out);
}

bool v4l2_frame_as_is(const struct v4l2_frame *frame, size_t capacity,
		      const struct vcam_frame_layout *layout,
		      uint32_t *length)
{
	if (is_jpeg(frame->format->pixelformat)) {
		if (!layout->format->compressed || !frame->bytes ||
		    frame->bytes > layout->sizeimage || frame->bytes > capacity)
			return false;
		*length = frame->bytes;
		return true;
	}
	if (layout->format->compressed || !same_mode(frame->format, layout) ||
	    frame->bytes < layout->sizeimage || capacity < layout->sizeimage)
		return false;
	*length = layout->sizeimage;
	return true;
}

void v4l2_frame_converter_free(struct v4l2_frame_converter *converter)
{
	vcam_jpeg_decoder_free(converter->decoder);
	free(converter->planes);
	free(converter->decoded);
	*converter = (struct v4l2_frame_converter){ 0 };
}
