// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fitting a decoded image into a frame: nearest-neighbour scaling to the
 * frame's size and, for full-range Y'CbCr, BT.601 limited range.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>

#include "jpeg-internal.h"

uint32_t vcam_fit_nearest(uint32_t i, uint32_t dst_len, uint32_t src_len)
{
	return (uint32_t)(((2 * (uint64_t)i + 1) * src_len) / (2 * dst_len));
}

/* The source pixel under the centre of destination pixels 2c and 2c + 1. */
static uint32_t pair_centre(uint32_t c, uint32_t dst_len, uint32_t src_len)
{
	uint32_t pos = (uint32_t)(((2 * (uint64_t)c + 1) * src_len) / dst_len);

	return pos < src_len ? pos : src_len - 1;
}

static uint8_t limited_luma(uint8_t full)
{
	return (uint8_t)((full * 219u + 127u) / 255u + 16u);
}

/* 128 + (full - 128) * 224 / 255, rounded, in unsigned arithmetic. */
static uint8_t limited_chroma(uint8_t full)
{
	return (uint8_t)((full * 224u + 128u * 31u + 127u) / 255u);
}

/* Image columns of each frame column, and chroma columns of each pair. */
struct column_maps {
	uint32_t *luma;
	uint32_t *chroma;
};

static int make_column_maps(struct column_maps *maps,
			    const struct vcam_decoded_yuv *image,
			    uint32_t frame_width)
{
	maps->luma = malloc(frame_width * sizeof(*maps->luma));
	maps->chroma = malloc(frame_width / 2 * sizeof(*maps->chroma));
	if (!maps->luma || !maps->chroma) {
		free(maps->luma);
		free(maps->chroma);
		return -ENOMEM;
	}
	for (uint32_t x = 0; x < frame_width; x++)
		maps->luma[x] = vcam_fit_nearest(x, frame_width, image->width);
	for (uint32_t c = 0; c < frame_width / 2; c++)
		maps->chroma[c] = pair_centre(c, frame_width, image->width) /
				  image->chroma_factor_x;
	return 0;
}

static void free_column_maps(struct column_maps *maps)
{
	free(maps->luma);
	free(maps->chroma);
}

static void write_luma(uint8_t *dst, size_t step, const uint8_t *src,
		       const uint32_t *columns, uint32_t count, bool limited)
{
	for (uint32_t i = 0; i < count; i++)
		dst[i * step] = limited ? src[columns[i]] :
				limited_luma(src[columns[i]]);
}

/* src is NULL for a grey image. */
static void write_chroma(uint8_t *dst, size_t step, const uint8_t *src,
			 const uint32_t *columns, uint32_t count, bool limited)
{
	for (uint32_t i = 0; i < count; i++)
		dst[i * step] = !src ? 128 : limited ? src[columns[i]] :
				limited_chroma(src[columns[i]]);
}

static const uint8_t *luma_row(const struct vcam_decoded_yuv *image,
			       uint32_t row)
{
	return image->plane[0] + (size_t)image->stride[0] * row;
}

static const uint8_t *chroma_row(const struct vcam_decoded_yuv *image,
				 unsigned int plane, uint32_t row)
{
	if (!image->plane[plane])
		return NULL;
	return image->plane[plane] + (size_t)image->stride[plane] * row;
}

static void fit_yuyv(const struct vcam_decoded_yuv *image,
		     const struct column_maps *maps,
		     const struct vcam_frame_layout *layout, uint8_t *frame)
{
	uint32_t pairs = layout->width / 2;

	for (uint32_t y = 0; y < layout->height; y++) {
		uint32_t src_y = vcam_fit_nearest(y, layout->height,
						  image->height);
		uint32_t src_cy = src_y / image->chroma_factor_y;
		uint8_t *dst = vcam_frame_row(layout, frame, 0, y);

		write_luma(dst, 2, luma_row(image, src_y), maps->luma,
			   layout->width, image->limited_range);
		write_chroma(dst + 1, 4, chroma_row(image, 1, src_cy),
			     maps->chroma, pairs, image->limited_range);
		write_chroma(dst + 3, 4, chroma_row(image, 2, src_cy),
			     maps->chroma, pairs, image->limited_range);
	}
}

static void fit_luma_plane(const struct vcam_decoded_yuv *image,
			   const struct column_maps *maps,
			   const struct vcam_frame_layout *layout,
			   uint8_t *frame)
{
	for (uint32_t y = 0; y < layout->height; y++) {
		uint32_t src_y = vcam_fit_nearest(y, layout->height,
						  image->height);

		write_luma(vcam_frame_row(layout, frame, 0, y), 1,
			   luma_row(image, src_y), maps->luma, layout->width,
			   image->limited_range);
	}
}

/* NV12 (one interleaved chroma plane) or YU12 (two chroma planes). */
static void fit_420_chroma(const struct vcam_decoded_yuv *image,
			   const struct column_maps *maps,
			   const struct vcam_frame_layout *layout,
			   uint8_t *frame, bool interleaved)
{
	uint32_t pairs = layout->width / 2;

	for (uint32_t cy = 0; cy < layout->height / 2; cy++) {
		uint32_t src_cy = pair_centre(cy, layout->height,
					      image->height) /
				  image->chroma_factor_y;
		const uint8_t *cb = chroma_row(image, 1, src_cy);
		const uint8_t *cr = chroma_row(image, 2, src_cy);

		if (interleaved) {
			uint8_t *dst = vcam_frame_row(layout, frame, 1, cy);

			write_chroma(dst, 2, cb, maps->chroma, pairs,
				     image->limited_range);
			write_chroma(dst + 1, 2, cr, maps->chroma, pairs,
				     image->limited_range);
		} else {
			write_chroma(vcam_frame_row(layout, frame, 1, cy), 1, cb,
				     maps->chroma, pairs, image->limited_range);
			write_chroma(vcam_frame_row(layout, frame, 2, cy), 1, cr,
				     maps->chroma, pairs, image->limited_range);
		}
	}
}

int vcam_fit_yuv(const struct vcam_decoded_yuv *image,
		 const struct vcam_frame_layout *layout, uint8_t *frame)
{
	struct column_maps maps;
	uint32_t fourcc = layout->format->fourcc;

	if (vcam_fit_yuv_same_size(image, layout, frame))
		return 0;
	if (make_column_maps(&maps, image, layout->width))
		return -ENOMEM;
	if (fourcc == V4L2_PIX_FMT_YUYV) {
		fit_yuyv(image, &maps, layout, frame);
	} else {
		fit_luma_plane(image, &maps, layout, frame);
		fit_420_chroma(image, &maps, layout, frame,
			       fourcc == V4L2_PIX_FMT_NV12);
	}
	free_column_maps(&maps);
	return 0;
}

int vcam_fit_rgb(const struct vcam_decoded_rgb *image,
		 const struct vcam_frame_layout *layout, uint8_t *frame)
{
	uint32_t *columns = malloc(layout->width * sizeof(*columns));

	if (!columns)
		return -ENOMEM;
	for (uint32_t x = 0; x < layout->width; x++)
		columns[x] = 3 * vcam_fit_nearest(x, layout->width,
						  image->width);
	for (uint32_t y = 0; y < layout->height; y++) {
		uint32_t src_y = vcam_fit_nearest(y, layout->height,
						  image->height);
		const uint8_t *src = image->pixels +
				     (size_t)image->stride * src_y;
		uint8_t *dst = vcam_frame_row(layout, frame, 0, y);

		for (uint32_t x = 0; x < layout->width; x++)
			memcpy(dst + 3 * (size_t)x, src + columns[x], 3);
	}
	free(columns);
	return 0;
}
