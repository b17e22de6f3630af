// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the JPEG decoding path (header, decode, fitting into a
 * frame). The first four bytes choose the frame: its format and size; the
 * rest is the JPEG. The frame sits at the end of its allocation so that
 * AddressSanitizer catches any write past it.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <vcam/format.h>
#include <vcam/jpeg.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24,
};

static struct vcam_jpeg_decoder *decoder;

/* Picks an even frame size of 2..128 pixels and a format from selector. */
static int choose_layout(const uint8_t selector[4],
			 struct vcam_frame_layout *layout)
{
	uint32_t fourcc = formats[selector[0] % 4];
	uint32_t width = 2u * (1u + selector[1] % 64u);
	uint32_t height = 2u * (1u + selector[2] % 64u);
	uint32_t padding = selector[3] % 4u == 0 ? 0 : 2u * (selector[3] % 8u);
	uint32_t bytesperline = 0;

	if (padding && fourcc != V4L2_PIX_FMT_NV12 &&
	    fourcc != V4L2_PIX_FMT_YUV420)
		bytesperline = width * (fourcc == V4L2_PIX_FMT_RGB24 ? 3 : 2) +
			       padding;
	return vcam_frame_layout_init(layout, fourcc, width, height,
				      bytesperline);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcam_frame_layout layout;
	uint32_t width, height;
	uint8_t *frame;
	int ret;

	if (size < 4)
		return 0;
	if (!decoder && vcam_jpeg_decoder_new(&decoder))
		abort();
	if (choose_layout(data, &layout))
		abort();
	frame = malloc(layout.sizeimage);
	if (!frame)
		return 0;
	ret = vcam_jpeg_decode(decoder, data + 4, size - 4, &layout, frame);
	if (ret && !vcam_jpeg_decoder_error(decoder)[0])
		abort();
	if (ret != 0 && ret != -EBADMSG && ret != -ENOTSUP && ret != -E2BIG &&
	    ret != -ENOMEM)
		abort();
	vcam_jpeg_get_size(decoder, data + 4, size - 4, &width, &height);
	free(frame);
	return 0;
}
