// SPDX-License-Identifier: GPL-2.0-only
/*
 * The common case of fitting, done without column maps: a limited-range
 * image with 2:1 horizontal chroma (4:2:0 or 4:2:2) into a YUV frame of the
 * same size, row by row, each source byte read once.
 */

#include <string.h>
#include <linux/videodev2.h>

#include "jpeg-internal.h"

static const uint8_t *image_row(const struct vcam_decoded_yuv *image,
				unsigned int plane, uint32_t row)
{
	return image->plane[plane] + (size_t)image->stride[plane] * row;
}

static void pack_yuyv_row(uint8_t *dst, const uint8_t *luma,
			  const uint8_t *cb, const uint8_t *cr, uint32_t pairs)
{
	for (uint32_t c = 0; c < pairs; c++) {
		dst[4 * c] = luma[2 * c];
		dst[4 * c + 1] = cb[c];
		dst[4 * c + 2] = luma[2 * c + 1];
		dst[4 * c + 3] = cr[c];
	}
}

static void interleave_row(uint8_t *dst, const uint8_t *cb, const uint8_t *cr,
			   uint32_t pairs)
{
	for (uint32_t c = 0; c < pairs; c++) {
		dst[2 * c] = cb[c];
		dst[2 * c + 1] = cr[c];
	}
}

static void copy_yuyv(const struct vcam_decoded_yuv *image,
		      const struct vcam_frame_layout *layout, uint8_t *frame)
{
	for (uint32_t y = 0; y < layout->height; y++) {
		uint32_t cy = y / image->chroma_factor_y;

		pack_yuyv_row(vcam_frame_row(layout, frame, 0, y), image_row(image, 0, y),
			      image_row(image, 1, cy), image_row(image, 2, cy),
			      layout->width / 2);
	}
}

/* 4:2:0 only: each chroma row of the frame is the image's of that row. */
static void copy_420(const struct vcam_decoded_yuv *image,
		     const struct vcam_frame_layout *layout, uint8_t *frame,
		     bool interleaved)
{
	uint32_t pairs = layout->width / 2;

	for (uint32_t y = 0; y < layout->height; y++)
		memcpy(vcam_frame_row(layout, frame, 0, y), image_row(image, 0, y),
		       layout->width);
	for (uint32_t cy = 0; cy < layout->height / 2; cy++) {
		const uint8_t *cb = image_row(image, 1, cy);
		const uint8_t *cr = image_row(image, 2, cy);

		if (interleaved) {
			interleave_row(vcam_frame_row(layout, frame, 1, cy), cb, cr,
				       pairs);
		} else {
			memcpy(vcam_frame_row(layout, frame, 1, cy), cb, pairs);
			memcpy(vcam_frame_row(layout, frame, 2, cy), cr, pairs);
		}
	}
}

bool vcam_fit_yuv_same_size(const struct vcam_decoded_yuv *image,
			    const struct vcam_frame_layout *layout,
			    uint8_t *frame)
{
	uint32_t fourcc = layout->format->fourcc;

	if (image->width != layout->width || image->height != layout->height ||
	    !image->limited_range || !image->plane[1] || !image->plane[2] ||
	    image->chroma_factor_x != 2 || layout->width % 2)
		return false;
	if (fourcc == V4L2_PIX_FMT_YUYV) {
		copy_yuyv(image, layout, frame);
		return true;
	}
	if (image->chroma_factor_y != 2 || layout->height % 2)
		return false;
	if (fourcc != V4L2_PIX_FMT_NV12 && fourcc != V4L2_PIX_FMT_YUV420)
		return false;
	copy_420(image, layout, frame, fourcc == V4L2_PIX_FMT_NV12);
	return true;
}
