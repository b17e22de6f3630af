// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the YUV4MPEG2 header and FRAME line parsers, and the
 * conversion of the first frame into small frames of every raw format.
 * What parses must be consistent: the header's newline where its length
 * says, planes that add up to its frame size.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <vcam/format.h>
#include <vcam/y4m.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24,
};

static void check_header(const struct vcam_y4m_header *h, const uint8_t *data,
			 size_t size)
{
	uint64_t planes = (uint64_t)h->width * h->height +
			  2ull * h->chroma_width * h->chroma_height;

	if (h->length > size || h->length > VCAM_Y4M_HEADER_MAX ||
	    data[h->length - 1] != '\n' || planes != h->frame_size ||
	    !h->width || h->width > VCAM_SIZE_MAX || !h->height ||
	    h->height > VCAM_SIZE_MAX)
		abort();
}

/* The first frame, into a small frame of each format. */
static void convert_first(const struct vcam_y4m_header *h,
			  const uint8_t *data, size_t size)
{
	static uint8_t out[16 * 12 * 3];
	struct vcam_frame_layout layout;
	char reason[256];
	size_t line;

	if (vcam_y4m_parse_frame_header(data, size, &line, reason,
					sizeof(reason)))
		return;
	if (line > size || data[line - 1] != '\n' ||
	    size - line < h->frame_size)
		return;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (vcam_frame_layout_init(&layout, formats[i], 16, 12, 0) ||
		    vcam_y4m_convert(h, data + line, &layout, out))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcam_y4m_header header;
	char reason[256];
	int ret;

	ret = vcam_y4m_parse_header(data, size, &header, reason,
				    sizeof(reason));
	if (ret == -EINVAL && !reason[0])
		abort();
	if (ret)
		return 0;
	check_header(&header, data, size);
	/* Large frames cost time without reaching new code. */
	if (header.frame_size <= 1u << 20)
		convert_first(&header, data + header.length,
			      size - header.length);
	return 0;
}
