// SPDX-License-Identifier: GPL-2.0-only
/*
 * JPEG decoding with libjpeg-turbo's TurboJPEG API, into a scratch buffer
 * (or straight into an RGB24 frame of the image's size), then fitted into
 * the frame by jpeg-fit.c.
 */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/videodev2.h>
#include <turbojpeg.h>

#include "jpeg-internal.h"
#include "vcam/jpeg.h"

/* Warnings (corrupt or truncated data) fail the decoding too. */
#define DECODE_FLAGS TJFLAG_STOPONWARNING

struct vcam_jpeg_decoder {
	tjhandle handle;
	uint8_t *scratch;
	size_t scratch_size;
	char error[200];
};

/* What the JPEG's header says. */
struct jpeg_header {
	int width, height;
	int subsampling;	/* TJSAMP_* */
	int colorspace;		/* TJCS_* */
};

int vcam_jpeg_decoder_new(struct vcam_jpeg_decoder **decoder)
{
	struct vcam_jpeg_decoder *result;

	if (!decoder)
		return -EINVAL;
	result = calloc(1, sizeof(*result));
	if (!result)
		return -ENOMEM;
	result->handle = tjInitDecompress();
	if (!result->handle) {
		free(result);
		return -ENOMEM;
	}
	*decoder = result;
	return 0;
}

void vcam_jpeg_decoder_free(struct vcam_jpeg_decoder *decoder)
{
	if (!decoder)
		return;
	tjDestroy(decoder->handle);
	free(decoder->scratch);
	free(decoder);
}

const char *vcam_jpeg_decoder_error(const struct vcam_jpeg_decoder *decoder)
{
	return decoder ? decoder->error : "";
}

static int fail(struct vcam_jpeg_decoder *decoder, int error,
		const char *reason)
{
	snprintf(decoder->error, sizeof(decoder->error), "%s", reason);
	return error;
}

static int fail_turbojpeg(struct vcam_jpeg_decoder *decoder)
{
	return fail(decoder, -EBADMSG, tjGetErrorStr2(decoder->handle));
}

static int read_header(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		       size_t size, struct jpeg_header *header)
{
	/* TurboJPEG leaves these as they are for a JPEG of tables only. */
	*header = (struct jpeg_header){ 0 };
	if (size > ULONG_MAX)
		return fail(decoder, -EBADMSG, "JPEG too long");
	if (tjDecompressHeader3(decoder->handle, jpeg, (unsigned long)size,
				&header->width, &header->height,
				&header->subsampling, &header->colorspace))
		return fail_turbojpeg(decoder);
	if (header->width <= 0 || header->height <= 0)
		return fail(decoder, -EBADMSG, "JPEG of no pixels");
	return 0;
}

int vcam_jpeg_get_size(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		       size_t size, uint32_t *width, uint32_t *height)
{
	struct jpeg_header header;
	int ret;

	if (!decoder || !jpeg || !width || !height)
		return -EINVAL;
	decoder->error[0] = '\0';
	ret = read_header(decoder, jpeg, size, &header);
	if (ret)
		return ret;
	*width = (uint32_t)header.width;
	*height = (uint32_t)header.height;
	return 0;
}

static int check_decodable(struct vcam_jpeg_decoder *decoder,
			   const struct jpeg_header *header)
{
	if (header->width > (int)VCAM_SIZE_MAX ||
	    header->height > (int)VCAM_SIZE_MAX)
		return fail(decoder, -E2BIG, "JPEG larger than 8192 pixels");
	if (header->colorspace == TJCS_CMYK || header->colorspace == TJCS_YCCK)
		return fail(decoder, -ENOTSUP, "CMYK JPEG");
	if (header->subsampling < 0 || header->subsampling >= TJ_NUMSAMP)
		return fail(decoder, -ENOTSUP, "unknown chroma subsampling");
	return 0;
}

static uint8_t *scratch(struct vcam_jpeg_decoder *decoder, size_t size)
{
	uint8_t *bigger;

	if (size <= decoder->scratch_size)
		return decoder->scratch;
	bigger = realloc(decoder->scratch, size);
	if (!bigger)
		return NULL;
	decoder->scratch = bigger;
	decoder->scratch_size = size;
	return bigger;
}

static int decode_rgb(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		      size_t size, const struct jpeg_header *header,
		      uint8_t *pixels, uint32_t stride)
{
	if (tjDecompress2(decoder->handle, jpeg, (unsigned long)size, pixels,
			  header->width, (int)stride, header->height, TJPF_RGB,
			  DECODE_FLAGS))
		return fail_turbojpeg(decoder);
	return 0;
}

static int decode_into_rgb24(struct vcam_jpeg_decoder *decoder,
			     const void *jpeg, size_t size,
			     const struct jpeg_header *header,
			     const struct vcam_frame_layout *layout,
			     uint8_t *frame)
{
	struct vcam_decoded_rgb image = {
		.width = (uint32_t)header->width,
		.height = (uint32_t)header->height,
		.stride = 3 * (uint32_t)header->width,
	};
	int ret;

	if (image.width == layout->width && image.height == layout->height)
		return decode_rgb(decoder, jpeg, size, header, frame,
				  layout->bytesperline);
	image.pixels = scratch(decoder, (size_t)image.stride * image.height);
	if (!image.pixels)
		return fail(decoder, -ENOMEM, "out of memory");
	ret = decode_rgb(decoder, jpeg, size, header,
			 (uint8_t *)image.pixels, image.stride);
	if (ret)
		return ret;
	if (vcam_fit_rgb(&image, layout, frame))
		return fail(decoder, -ENOMEM, "out of memory");
	return 0;
}

/* Lays out the image's planes in the scratch buffer. */
static int plan_planes(struct vcam_jpeg_decoder *decoder,
		       const struct jpeg_header *header,
		       struct vcam_decoded_yuv *image, uint8_t *planes[3],
		       int strides[3])
{
	int count = header->subsampling == TJSAMP_GRAY ? 1 : 3;
	size_t offsets[3] = { 0 };
	size_t total = 0;
	uint8_t *buffer;

	for (int i = 0; i < count; i++) {
		unsigned long plane_size = tjPlaneSizeYUV(i, header->width, 0,
							  header->height,
							  header->subsampling);

		strides[i] = tjPlaneWidth(i, header->width,
					  header->subsampling);
		if (plane_size == (unsigned long)-1 || strides[i] <= 0)
			return fail_turbojpeg(decoder);
		offsets[i] = total;
		total += plane_size;
	}
	buffer = scratch(decoder, total);
	if (!buffer)
		return fail(decoder, -ENOMEM, "out of memory");
	*image = (struct vcam_decoded_yuv){
		.width = (uint32_t)header->width,
		.height = (uint32_t)header->height,
		.chroma_factor_x = (uint32_t)tjMCUWidth[header->subsampling] / 8,
		.chroma_factor_y = (uint32_t)tjMCUHeight[header->subsampling] / 8,
	};
	for (int i = 0; i < 3; i++) {
		planes[i] = i < count ? buffer + offsets[i] : NULL;
		image->plane[i] = planes[i];
		image->stride[i] = i < count ? (uint32_t)strides[i] : 0;
	}
	return 0;
}

static int decode_into_yuv(struct vcam_jpeg_decoder *decoder,
			   const void *jpeg, size_t size,
			   const struct jpeg_header *header,
			   const struct vcam_frame_layout *layout,
			   uint8_t *frame)
{
	struct vcam_decoded_yuv image;
	uint8_t *planes[3];
	int strides[3] = { 0 };
	int ret;

	ret = plan_planes(decoder, header, &image, planes, strides);
	if (ret)
		return ret;
	if (tjDecompressToYUVPlanes(decoder->handle, jpeg, (unsigned long)size,
				    planes, header->width, strides,
				    header->height, DECODE_FLAGS))
		return fail_turbojpeg(decoder);
	if (vcam_fit_yuv(&image, layout, frame))
		return fail(decoder, -ENOMEM, "out of memory");
	return 0;
}

static bool layout_is_raw(const struct vcam_frame_layout *layout)
{
	return layout->format && !layout->format->compressed &&
	       layout->width >= VCAM_SIZE_MIN && layout->height >= VCAM_SIZE_MIN;
}

int vcam_jpeg_decode(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		     size_t size, const struct vcam_frame_layout *layout,
		     void *frame)
{
	struct jpeg_header header;
	int ret;

	if (!decoder || !jpeg || !layout || !frame)
		return -EINVAL;
	decoder->error[0] = '\0';
	if (!layout_is_raw(layout))
		return fail(decoder, -EINVAL, "not a raw frame layout");
	ret = read_header(decoder, jpeg, size, &header);
	if (ret == 0)
		ret = check_decodable(decoder, &header);
	if (ret)
		return ret;
	if (layout->format->fourcc == V4L2_PIX_FMT_RGB24)
		return decode_into_rgb24(decoder, jpeg, size, &header, layout,
					 frame);
	return decode_into_yuv(decoder, jpeg, size, &header, layout, frame);
}
