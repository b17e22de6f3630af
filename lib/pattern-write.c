// SPDX-License-Identifier: GPL-2.0-only
/*
 * Conversion of rendered 16-bit R'G'B' rows into the bytes of a frame.
 */

#include <string.h>
#include <linux/videodev2.h>

#include "pattern-internal.h"
#include "ycbcr.h"

static uint8_t *plane_row(const struct vcam_frame_layout *layout,
			  uint8_t *frame, unsigned int plane, uint32_t row)
{
	return frame + layout->plane_offset[plane] +
	       (size_t)layout->plane_stride[plane] * row;
}

static void write_rgb24(uint8_t *dst, const struct vcam_rgb16 *row,
			uint32_t width)
{
	for (uint32_t x = 0; x < width; x++) {
		*dst++ = vcam_rgb16_to_8bit(row[x].r);
		*dst++ = vcam_rgb16_to_8bit(row[x].g);
		*dst++ = vcam_rgb16_to_8bit(row[x].b);
	}
}

static void write_yuyv(uint8_t *dst, const struct vcam_rgb16 *row,
		       uint32_t width)
{
	for (uint32_t x = 0; x < width; x += 2) {
		struct vcam_rgb_sum pair = vcam_rgb_sum_of(&row[x], &row[x + 1]);

		*dst++ = vcam_luma(row[x]);
		*dst++ = vcam_chroma_blue(pair, 2);
		*dst++ = vcam_luma(row[x + 1]);
		*dst++ = vcam_chroma_red(pair, 2);
	}
}

static void write_luma(uint8_t *dst, const struct vcam_rgb16 *row,
		       uint32_t width)
{
	for (uint32_t x = 0; x < width; x++)
		dst[x] = vcam_luma(row[x]);
}

static struct vcam_rgb_sum block_sum(const struct vcam_rgb16 *top,
				     const struct vcam_rgb16 *bottom,
				     uint32_t x)
{
	return vcam_rgb_sum_add(vcam_rgb_sum_of(&top[x], &top[x + 1]),
				vcam_rgb_sum_of(&bottom[x], &bottom[x + 1]));
}

static void write_nv12(const struct vcam_frame_layout *layout, uint8_t *frame,
		       uint32_t y, const struct vcam_rgb16 *top,
		       const struct vcam_rgb16 *bottom)
{
	uint8_t *chroma = plane_row(layout, frame, 1, y / 2);

	write_luma(plane_row(layout, frame, 0, y), top, layout->width);
	write_luma(plane_row(layout, frame, 0, y + 1), bottom, layout->width);
	for (uint32_t x = 0; x < layout->width; x += 2) {
		struct vcam_rgb_sum block = block_sum(top, bottom, x);

		*chroma++ = vcam_chroma_blue(block, 4);
		*chroma++ = vcam_chroma_red(block, 4);
	}
}

static void write_yu12(const struct vcam_frame_layout *layout, uint8_t *frame,
		       uint32_t y, const struct vcam_rgb16 *top,
		       const struct vcam_rgb16 *bottom)
{
	uint8_t *blue = plane_row(layout, frame, 1, y / 2);
	uint8_t *red = plane_row(layout, frame, 2, y / 2);

	write_luma(plane_row(layout, frame, 0, y), top, layout->width);
	write_luma(plane_row(layout, frame, 0, y + 1), bottom, layout->width);
	for (uint32_t x = 0; x < layout->width; x += 2) {
		struct vcam_rgb_sum block = block_sum(top, bottom, x);

		*blue++ = vcam_chroma_blue(block, 4);
		*red++ = vcam_chroma_red(block, 4);
	}
}

unsigned int vcam_rows_per_write(const struct vcam_frame_layout *layout)
{
	bool is_420 = layout->format->kind == VCAM_FORMAT_SEMIPLANAR_420 ||
		      layout->format->kind == VCAM_FORMAT_PLANAR_420;

	return is_420 ? 2 : 1;
}

void vcam_write_rows(const struct vcam_frame_layout *layout, uint8_t *frame,
		     uint32_t y, const struct vcam_rgb16 *top,
		     const struct vcam_rgb16 *bottom)
{
	switch (layout->format->fourcc) {
	case V4L2_PIX_FMT_RGB24:
		write_rgb24(plane_row(layout, frame, 0, y), top, layout->width);
		break;
	case V4L2_PIX_FMT_YUYV:
		write_yuyv(plane_row(layout, frame, 0, y), top, layout->width);
		break;
	case V4L2_PIX_FMT_NV12:
		write_nv12(layout, frame, y, top, bottom);
		break;
	case V4L2_PIX_FMT_YUV420:
		write_yu12(layout, frame, y, top, bottom);
		break;
	}
}

static void copy_plane_row(const struct vcam_frame_layout *layout,
			   uint8_t *frame, unsigned int plane, uint32_t from,
			   uint32_t to, size_t length)
{
	memcpy(plane_row(layout, frame, plane, to),
	       plane_row(layout, frame, plane, from), length);
}

void vcam_copy_rows(const struct vcam_frame_layout *layout, uint8_t *frame,
		    uint32_t from, uint32_t to)
{
	uint32_t width = layout->width;

	switch (layout->format->fourcc) {
	case V4L2_PIX_FMT_RGB24:
		copy_plane_row(layout, frame, 0, from, to, 3 * (size_t)width);
		break;
	case V4L2_PIX_FMT_YUYV:
		copy_plane_row(layout, frame, 0, from, to, 2 * (size_t)width);
		break;
	case V4L2_PIX_FMT_NV12:
		copy_plane_row(layout, frame, 0, from, to, width);
		copy_plane_row(layout, frame, 0, from + 1, to + 1, width);
		copy_plane_row(layout, frame, 1, from / 2, to / 2, width);
		break;
	case V4L2_PIX_FMT_YUV420:
		copy_plane_row(layout, frame, 0, from, to, width);
		copy_plane_row(layout, frame, 0, from + 1, to + 1, width);
		copy_plane_row(layout, frame, 1, from / 2, to / 2, width / 2);
		copy_plane_row(layout, frame, 2, from / 2, to / 2, width / 2);
		break;
	}
}
