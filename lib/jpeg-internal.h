/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the JPEG decoder hands to the code that fits its output into a frame.
 */
#ifndef VCAM_JPEG_INTERNAL_H
#define VCAM_JPEG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "vcam/format.h"

/* A decoded image as full-range Y'CbCr planes at their own subsampling. */
struct vcam_decoded_yuv {
	uint32_t width, height;		/* of the image, in pixels */
	const uint8_t *plane[3];	/* Y', Cb, Cr; chroma NULL if grey */
	uint32_t stride[3];
	uint32_t chroma_factor_x;	/* image pixels per chroma sample */
	uint32_t chroma_factor_y;
	bool limited_range;		/* already BT.601 limited: kept as is */
};

/* A decoded image as packed R, G, B bytes. */
struct vcam_decoded_rgb {
	uint32_t width, height;
	const uint8_t *pixels;
	uint32_t stride;
};

/* The start of row in plane of a frame laid out as layout says. */
static inline uint8_t *vcam_frame_row(const struct vcam_frame_layout *layout,
				      uint8_t *frame, unsigned int plane,
				      uint32_t row)
{
	return frame + layout->plane_offset[plane] +
	       (size_t)layout->plane_stride[plane] * row;
}

/* The source pixel under the centre of destination pixel i (jpeg-fit.c). */
uint32_t vcam_fit_nearest(uint32_t i, uint32_t dst_len, uint32_t src_len);

/*
 * jpeg-fit.c: scaling into a frame of a raw format (a YUV one for
 * vcam_fit_yuv, RGB24 for vcam_fit_rgb). Return 0 or -ENOMEM.
 */
int vcam_fit_yuv(const struct vcam_decoded_yuv *image,
		 const struct vcam_frame_layout *layout, uint8_t *frame);
int vcam_fit_rgb(const struct vcam_decoded_rgb *image,
		 const struct vcam_frame_layout *layout, uint8_t *frame);

/*
 * yuv-same-size.c: vcam_fit_yuv's result, faster, for a limited-range 4:2:2
 * or 4:2:0 image into a YUYV (or, from 4:2:0, NV12 or YU12) frame of its
 * own size. Returns false, touching nothing, for any other case.
 */
bool vcam_fit_yuv_same_size(const struct vcam_decoded_yuv *image,
			    const struct vcam_frame_layout *layout,
			    uint8_t *frame);

#endif /* VCAM_JPEG_INTERNAL_H */
