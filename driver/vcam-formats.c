// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: the pixel formats a camera can carry and their frame layout.
 */

#include <linux/kernel.h>
#include <linux/videodev2.h>

#include "vcam.h"

/* Bound for one JPEG frame of the camera's size. */
#define VCAM_JPEG_HEADROOM 16384

static const struct vcam_format vcam_formats[] = {
	{
		.fourcc = V4L2_PIX_FMT_YUYV,
		.bytes_per_pixel = 2,
		.size_num = 1, .size_den = 1,
		.width_align = 2, .height_align = 1,
		.colorspace = V4L2_COLORSPACE_SMPTE170M,
		.yuv = true,
	},
	{
		.fourcc = V4L2_PIX_FMT_NV12,
		.bytes_per_pixel = 1,
		.size_num = 3, .size_den = 2,
		.width_align = 2, .height_align = 2,
		.colorspace = V4L2_COLORSPACE_SMPTE170M,
		.yuv = true,
	},
	{
		.fourcc = V4L2_PIX_FMT_YUV420,
		.bytes_per_pixel = 1,
		.size_num = 3, .size_den = 2,
		.width_align = 2, .height_align = 2,
		.colorspace = V4L2_COLORSPACE_SMPTE170M,
		.yuv = true,
	},
	{
		.fourcc = V4L2_PIX_FMT_RGB24,
		.bytes_per_pixel = 3,
		.size_num = 1, .size_den = 1,
		.width_align = 1, .height_align = 1,
		.colorspace = V4L2_COLORSPACE_SRGB,
	},
	{
		.fourcc = V4L2_PIX_FMT_MJPEG,
		.bytes_per_pixel = 0,
		.width_align = 1, .height_align = 1,
		.colorspace = V4L2_COLORSPACE_JPEG,
		.yuv = true,
	},
};

bool vcam_format_compressed(const struct vcam_format *format)
{
	return !format->bytes_per_pixel;
}

/*
 * Whether frames of the format may be said to be in the colorspace. BT878
 * is deprecated (no driver may report it), RAW is for sensor data, not
 * Y'CbCr, and JPEG is for JPEG only (v4l2-compliance checks all three).
 */
static bool vcam_colorspace_valid(const struct vcam_format *format,
				  u32 colorspace)
{
	switch (colorspace) {
	case V4L2_COLORSPACE_BT878:
		return false;
	case V4L2_COLORSPACE_RAW:
		return !format->yuv;
	case V4L2_COLORSPACE_JPEG:
		return vcam_format_compressed(format);
	default:
		return colorspace <= V4L2_COLORSPACE_DCI_P3;
	}
}

const struct vcam_format *vcam_format_find(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vcam_formats); i++) {
		if (vcam_formats[i].fourcc == fourcc)
			return &vcam_formats[i];
	}
	return NULL;
}

/**
 * vcam_format_fill() - complete a producer's format description
 * @pix: format to check and complete
 *
 * Fills in the defaults the producer may leave zero (size, bytesperline,
 * colorspace) and the derived sizeimage.
 *
 * JPEG is full-range BT.601 Y'CbCr whatever its colorspace, so MJPEG is
 * reported so rather than as the colorspace's default, limited range.
 *
 * Return: 0, or -EINVAL if the format is unknown, the size out of range or
 * not aligned as the format needs, the bytesperline not the format's, or
 * the colorspace unknown or not one for the format.
 */
int vcam_format_fill(struct v4l2_pix_format *pix)
{
	const struct vcam_format *format = vcam_format_find(pix->pixelformat);
	u32 bytesperline;

	if (!format)
		return -EINVAL;
	if (!pix->width)
		pix->width = VCAM_DEFAULT_WIDTH;
	if (!pix->height)
		pix->height = VCAM_DEFAULT_HEIGHT;
	if (pix->width < VCAM_MIN_SIZE || pix->width > VCAM_MAX_SIZE ||
	    pix->height < VCAM_MIN_SIZE || pix->height > VCAM_MAX_SIZE)
		return -EINVAL;
	if (pix->width % format->width_align ||
	    pix->height % format->height_align)
		return -EINVAL;

	bytesperline = pix->width * format->bytes_per_pixel;
	if (pix->bytesperline && pix->bytesperline != bytesperline)
		return -EINVAL;
	pix->bytesperline = bytesperline;

	if (format->bytes_per_pixel)
		pix->sizeimage = bytesperline * pix->height *
				 format->size_num / format->size_den;
	else
		pix->sizeimage = pix->width * pix->height * 3 +
				 VCAM_JPEG_HEADROOM;

	if (pix->colorspace == V4L2_COLORSPACE_DEFAULT)
		pix->colorspace = format->colorspace;
	if (!vcam_colorspace_valid(format, pix->colorspace))
		return -EINVAL;

	pix->field = V4L2_FIELD_NONE;
	pix->priv = 0;
	pix->flags = 0;
	pix->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	pix->quantization = V4L2_QUANTIZATION_DEFAULT;
	pix->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	if (format->fourcc == V4L2_PIX_FMT_MJPEG) {
		pix->ycbcr_enc = V4L2_YCBCR_ENC_601;
		pix->quantization = V4L2_QUANTIZATION_FULL_RANGE;
	}
	return 0;
}
