// SPDX-License-Identifier: GPL-2.0-only
/*
 * Converting a YUV4MPEG2 frame into a camera's frame: YUV formats through
 * the JPEG decoder's fitting, RGB24 by the BT.601 matrix here.
 */

#include <errno.h>
#include <stdlib.h>
#include <linux/videodev2.h>

#include "jpeg-internal.h"
#include "vcam/y4m.h"

/* Coefficients scaled by 2^16, rounded: see vcam/y4m.h. */
struct yuv_matrix {
	int32_t y_offset, y_gain;
	int32_t r_cr, g_cb, g_cr, b_cb;
};

static const struct yuv_matrix limited_matrix = {
	16, 76309, 104597, 25675, 53279, 132201,
};

static const struct yuv_matrix full_matrix = {
	0, 65536, 91881, 22554, 46802, 116130,
};

static uint8_t clamp_8bit(int32_t scaled)
{
	int32_t value = (scaled + 32768) >> 16;

	return (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value);
}

static void yuv_to_rgb(const struct yuv_matrix *m, uint8_t y, uint8_t cb,
		       uint8_t cr, uint8_t *rgb)
{
	int32_t luma = ((int32_t)y - m->y_offset) * m->y_gain;
	int32_t u = (int32_t)cb - 128, v = (int32_t)cr - 128;

	rgb[0] = clamp_8bit(luma + m->r_cr * v);
	rgb[1] = clamp_8bit(luma - m->g_cb * u - m->g_cr * v);
	rgb[2] = clamp_8bit(luma + m->b_cb * u);
}

/* The frame's planes as the fitting code takes them. */
static void describe_planes(const struct vcam_y4m_header *header,
			    const uint8_t *planes,
			    struct vcam_decoded_yuv *image)
{
	size_t luma = (size_t)header->width * header->height;
	size_t chroma = (size_t)header->chroma_width * header->chroma_height;

	*image = (struct vcam_decoded_yuv){
		.width = header->width,
		.height = header->height,
		.plane = { planes, NULL, NULL },
		.stride = { header->width, header->chroma_width,
			    header->chroma_width },
		.chroma_factor_x = 1,
		.chroma_factor_y = 1,
		.limited_range = !header->full_range,
	};
	if (!header->chroma_width)
		return;
	image->plane[1] = planes + luma;
	image->plane[2] = planes + luma + chroma;
	image->chroma_factor_x = header->width > header->chroma_width ? 2 : 1;
	image->chroma_factor_y = header->height > header->chroma_height ? 2 : 1;
}

static int fit_rgb(const struct vcam_decoded_yuv *image,
		   const struct yuv_matrix *matrix,
		   const struct vcam_frame_layout *layout, uint8_t *frame)
{
	uint32_t *columns = malloc(layout->width * sizeof(*columns));

	if (!columns)
		return -ENOMEM;
	for (uint32_t x = 0; x < layout->width; x++)
		columns[x] = vcam_fit_nearest(x, layout->width, image->width);
	for (uint32_t y = 0; y < layout->height; y++) {
		uint32_t src_y = vcam_fit_nearest(y, layout->height,
						  image->height);
		uint32_t src_cy = src_y / image->chroma_factor_y;
		const uint8_t *luma = image->plane[0] +
				      (size_t)image->stride[0] * src_y;
		const uint8_t *cb = image->plane[1] ? image->plane[1] +
				    (size_t)image->stride[1] * src_cy : NULL;
		const uint8_t *cr = image->plane[2] ? image->plane[2] +
				    (size_t)image->stride[2] * src_cy : NULL;
		uint8_t *dst = frame + (size_t)layout->bytesperline * y;

		for (uint32_t x = 0; x < layout->width; x++) {
			uint32_t cx = columns[x] / image->chroma_factor_x;

			yuv_to_rgb(matrix, luma[columns[x]], cb ? cb[cx] : 128,
				   cr ? cr[cx] : 128, dst + 3 * (size_t)x);
		}
	}
	free(columns);
	return 0;
}

int vcam_y4m_convert(const struct vcam_y4m_header *header,
		     const uint8_t *planes,
		     const struct vcam_frame_layout *layout, void *frame)
{
	struct vcam_decoded_yuv image;

	if (!header || !planes || !layout || !frame || !layout->format ||
	    layout->format->compressed)
		return -EINVAL;
	describe_planes(header, planes, &image);
	if (layout->format->fourcc == V4L2_PIX_FMT_RGB24)
		return fit_rgb(&image, header->full_range ? &full_matrix :
			       &limited_matrix, layout, frame);
	return vcam_fit_yuv(&image, layout, frame);
}
