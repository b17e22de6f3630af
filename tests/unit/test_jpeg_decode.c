// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decoding JPEG images made by TurboJPEG into frames of every raw format.
 * Expected Y'CbCr values come from the BT.601 limited-range formula in
 * floating point; JPEG is lossy, so values may be off by TOLERANCE.
 * Pixels are read back with offsets worked out here from the format
 * definitions, not from the library's layout.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <turbojpeg.h>

#include "jpeg-samples.h"
#include "vcam/format.h"
#include "vcam/jpeg.h"

#define TOLERANCE 3
#define LINE_PADDING 8u
#define PADDING_BYTE 0xA5

static const uint32_t yuv_formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
};
#define YUV_FORMAT_COUNT (sizeof(yuv_formats) / sizeof(yuv_formats[0]))

static const uint32_t test_colours[] = {
	0xFFFFFF, 0x000000, 0xBFBF00, 0x00BFBF, 0x00BF00, 0xBF00BF,
	0xBF0000, 0x0000BF, 0x808080, 0x123456,
};
#define COLOUR_COUNT (sizeof(test_colours) / sizeof(test_colours[0]))

struct ycbcr {
	int y, cb, cr;
};

static struct vcam_jpeg_decoder *decoder;
static struct vcam_frame_layout layout;
static uint8_t *frame;

static void make_decoder(void)
{
	cr_assert_eq(vcam_jpeg_decoder_new(&decoder), 0);
}

static void free_decoder(void)
{
	vcam_jpeg_decoder_free(decoder);
	decoder = NULL;
	free(frame);
	frame = NULL;
}

TestSuite(jpeg_decode, .init = make_decoder, .fini = free_decoder);

/* A frame with padded lines, filled with PADDING_BYTE. */
static void make_frame(uint32_t fourcc, uint32_t width, uint32_t height)
{
	const struct vcam_format_info *format = vcam_format_by_fourcc(fourcc);
	uint32_t bpl = width * format->bytes_per_pixel + LINE_PADDING;

	cr_assert_eq(vcam_frame_layout_init(&layout, fourcc, width, height,
					    bpl), 0);
	free(frame);
	frame = malloc(layout.sizeimage);
	cr_assert_not_null(frame);
	memset(frame, PADDING_BYTE, layout.sizeimage);
}

static void decode_ok(const struct bytes *jpeg)
{
	int ret = vcam_jpeg_decode(decoder, jpeg->data, jpeg->size, &layout,
				   frame);

	cr_assert_eq(ret, 0, "vcam_jpeg_decode: %s (%s)", strerror(-ret),
		     vcam_jpeg_decoder_error(decoder));
}

static struct ycbcr bt601_limited(uint32_t rgb)
{
	double r = (rgb >> 16 & 0xFF) / 255.0;
	double g = (rgb >> 8 & 0xFF) / 255.0;
	double b = (rgb & 0xFF) / 255.0;
	double luma = 0.299 * r + 0.587 * g + 0.114 * b;

	return (struct ycbcr){
		.y = (int)lround(16 + 219 * luma),
		.cb = (int)lround(128 + 224 * (b - luma) / 1.772),
		.cr = (int)lround(128 + 224 * (r - luma) / 1.402),
	};
}

static struct ycbcr read_yuyv(uint32_t x, uint32_t y)
{
	const uint8_t *pair = frame + y * layout.bytesperline + x / 2 * 4;

	return (struct ycbcr){ pair[x % 2 * 2], pair[1], pair[3] };
}

static struct ycbcr read_nv12(uint32_t x, uint32_t y)
{
	uint32_t bpl = layout.bytesperline;
	const uint8_t *chroma = frame + layout.height * bpl + y / 2 * bpl +
				x / 2 * 2;

	return (struct ycbcr){ frame[y * bpl + x], chroma[0], chroma[1] };
}

static struct ycbcr read_yu12(uint32_t x, uint32_t y)
{
	uint32_t bpl = layout.bytesperline;
	const uint8_t *cb_plane = frame + layout.height * bpl;
	const uint8_t *cr_plane = cb_plane + layout.height / 2 * (bpl / 2);
	size_t chroma = y / 2 * (bpl / 2) + x / 2;

	return (struct ycbcr){ frame[y * bpl + x], cb_plane[chroma],
			       cr_plane[chroma] };
}

static struct ycbcr read_ycbcr(uint32_t x, uint32_t y)
{
	switch (layout.format->fourcc) {
	case V4L2_PIX_FMT_YUYV:
		return read_yuyv(x, y);
	case V4L2_PIX_FMT_NV12:
		return read_nv12(x, y);
	default:
		return read_yu12(x, y);
	}
}

static uint32_t read_rgb(uint32_t x, uint32_t y)
{
	const uint8_t *p = frame + y * layout.bytesperline + 3 * x;

	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static bool close_enough(int actual, int expected)
{
	return abs(actual - expected) <= TOLERANCE;
}

static void expect_ycbcr_at(uint32_t x, uint32_t y, uint32_t rgb)
{
	struct ycbcr want = bt601_limited(rgb);
	struct ycbcr got = read_ycbcr(x, y);

	cr_assert(close_enough(got.y, want.y) &&
		  close_enough(got.cb, want.cb) &&
		  close_enough(got.cr, want.cr),
		  "%s (%u, %u) of #%06X: Y'CbCr %d %d %d, expected %d %d %d",
		  layout.format->name, x, y, rgb, got.y, got.cb, got.cr,
		  want.y, want.cb, want.cr);
}

static void expect_rgb_at(uint32_t x, uint32_t y, uint32_t rgb)
{
	uint32_t got = read_rgb(x, y);

	for (int shift = 0; shift <= 16; shift += 8)
		cr_assert(close_enough(got >> shift & 0xFF, rgb >> shift & 0xFF),
			  "RGB24 (%u, %u): #%06X, expected #%06X", x, y, got,
			  rgb);
}

static void expect_colour_at(uint32_t x, uint32_t y, uint32_t rgb)
{
	if (layout.format->fourcc == V4L2_PIX_FMT_RGB24)
		expect_rgb_at(x, y, rgb);
	else
		expect_ycbcr_at(x, y, rgb);
}

static void expect_solid_frame(uint32_t rgb)
{
	for (uint32_t y = 0; y < layout.height; y++)
		for (uint32_t x = 0; x < layout.width; x++)
			expect_colour_at(x, y, rgb);
}

static size_t line_bytes(unsigned int plane)
{
	const struct vcam_format_info *f = layout.format;
	size_t luma = (size_t)layout.width * f->bytes_per_pixel;

	return plane == 0 || f->kind == VCAM_FORMAT_SEMIPLANAR_420 ? luma
								   : luma / 2;
}

/* Bytes past each line's pixels are still PADDING_BYTE. */
static void expect_padding_untouched(void)
{
	for (unsigned int p = 0; p < layout.num_planes; p++) {
		uint32_t rows = p == 0 ? layout.height : layout.height / 2;

		for (uint32_t row = 0; row < rows; row++) {
			const uint8_t *line = frame + layout.plane_offset[p] +
					      (size_t)row *
						      layout.plane_stride[p];

			for (size_t i = line_bytes(p);
			     i < layout.plane_stride[p]; i++)
				cr_assert_eq(line[i], PADDING_BYTE,
					     "plane %u row %u byte %zu", p,
					     row, i);
		}
	}
}

Test(jpeg_decode, gives_bt601_limited_range_values_for_solid_colours)
{
	for (size_t c = 0; c < COLOUR_COUNT; c++) {
		struct bytes jpeg = make_solid_jpeg(48, 32, test_colours[c]);

		for (size_t f = 0; f < YUV_FORMAT_COUNT; f++) {
			make_frame(yuv_formats[f], 48, 32);
			decode_ok(&jpeg);
			expect_solid_frame(test_colours[c]);
			expect_padding_untouched();
		}
		free(jpeg.data);
	}
}

Test(jpeg_decode, gives_the_original_rgb_in_rgb24_frames)
{
	for (size_t c = 0; c < COLOUR_COUNT; c++) {
		struct bytes jpeg = make_solid_jpeg(48, 32, test_colours[c]);

		make_frame(V4L2_PIX_FMT_RGB24, 48, 32);
		decode_ok(&jpeg);
		expect_solid_frame(test_colours[c]);
		expect_padding_untouched();
		free(jpeg.data);
	}
}

Test(jpeg_decode, decodes_every_chroma_subsampling)
{
	static const int subsamplings[] = {
		TJSAMP_444, TJSAMP_422, TJSAMP_420, TJSAMP_440, TJSAMP_411,
	};
	const uint32_t colour = 0xBF00BF;

	for (size_t s = 0; s < sizeof(subsamplings) / sizeof(int); s++) {
		struct sample_options options = {
			.subsampling = subsamplings[s],
		};
		struct bytes jpeg = make_jpeg(64, 32, solid_pixel, &colour,
					      &options);

		for (size_t f = 0; f < YUV_FORMAT_COUNT; f++) {
			make_frame(yuv_formats[f], 64, 32);
			decode_ok(&jpeg);
			expect_solid_frame(colour);
		}
		free(jpeg.data);
	}
}

Test(jpeg_decode, gives_neutral_chroma_for_a_greyscale_jpeg)
{
	struct sample_options grey = { .subsampling = TJSAMP_GRAY };
	const uint32_t colour = 0x606060;
	struct bytes jpeg = make_jpeg(32, 32, solid_pixel, &colour, &grey);

	for (size_t f = 0; f < YUV_FORMAT_COUNT; f++) {
		make_frame(yuv_formats[f], 32, 32);
		decode_ok(&jpeg);
		expect_solid_frame(colour);
		cr_expect_eq(read_ycbcr(5, 5).cb, 128);
		cr_expect_eq(read_ycbcr(5, 5).cr, 128);
	}
	free(jpeg.data);
}

/* Four 32 x 32 quadrants of a 64 x 64 image. */
static const uint32_t quadrant_colours[2][2] = {
	{ 0xBF0000, 0x00BF00 },
	{ 0x0000BF, 0xBFBFBF },
};

static uint32_t quadrant_pixel(uint32_t x, uint32_t y, const void *arg)
{
	(void)arg;
	return quadrant_colours[y / 32][x / 32];
}

/* The frame shows the quadrants, stretched to its size. */
static void expect_quadrants(void)
{
	for (uint32_t qy = 0; qy < 2; qy++) {
		for (uint32_t qx = 0; qx < 2; qx++) {
			uint32_t x = layout.width * (2 * qx + 1) / 4;
			uint32_t y = layout.height * (2 * qy + 1) / 4;

			expect_colour_at(x, y, quadrant_colours[qy][qx]);
		}
	}
}

Test(jpeg_decode, stretches_an_image_to_a_frame_of_another_size)
{
	static const uint32_t sizes[][2] = {
		{ 32, 16 }, { 128, 96 }, { 64, 64 }, { 200, 20 }, { 6, 4 },
	};
	static const uint32_t formats[] = {
		V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
		V4L2_PIX_FMT_RGB24,
	};
	struct sample_options sharp = { .subsampling = TJSAMP_444 };
	struct bytes jpeg = make_jpeg(64, 64, quadrant_pixel, NULL, &sharp);

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]);
		     f++) {
			make_frame(formats[f], sizes[s][0], sizes[s][1]);
			decode_ok(&jpeg);
			expect_quadrants();
			expect_padding_untouched();
		}
	}
	free(jpeg.data);
}

Test(jpeg_decode, fills_a_frame_from_an_image_of_odd_size)
{
	const uint32_t colour = 0x00BFBF;
	struct bytes jpeg = make_solid_jpeg(37, 23, colour);

	for (size_t f = 0; f < YUV_FORMAT_COUNT; f++) {
		make_frame(yuv_formats[f], 40, 30);
		decode_ok(&jpeg);
		expect_solid_frame(colour);
	}
	make_frame(V4L2_PIX_FMT_RGB24, 41, 29);
	decode_ok(&jpeg);
	expect_solid_frame(colour);
	free(jpeg.data);
}

Test(jpeg_decode, reads_the_image_size_from_the_header)
{
	struct bytes jpeg = make_solid_jpeg(37, 23, 0);
	uint32_t width = 0, height = 0;

	cr_assert_eq(vcam_jpeg_get_size(decoder, jpeg.data, jpeg.size, &width,
					&height), 0);
	cr_expect_eq(width, 37);
	cr_expect_eq(height, 23);
	free(jpeg.data);
}

static int decode(const void *data, size_t size)
{
	return vcam_jpeg_decode(decoder, data, size, &layout, frame);
}

Test(jpeg_decode, fails_on_a_jpeg_truncated_anywhere)
{
	struct bytes jpeg = make_jpeg(32, 32, noise_pixel, NULL, NULL);

	for (size_t f = 0; f < YUV_FORMAT_COUNT; f++) {
		make_frame(yuv_formats[f], 32, 32);
		for (size_t cut = 0; cut < jpeg.size; cut++) {
			uint8_t *copy = malloc(cut + 1);
			int ret;

			memcpy(copy, jpeg.data, cut);
			ret = decode(copy, cut);
			cr_assert_eq(ret, -EBADMSG, "cut at %zu of %zu: %d (%s)",
				     cut, jpeg.size, ret,
				     vcam_jpeg_decoder_error(decoder));
			cr_assert_neq(vcam_jpeg_decoder_error(decoder)[0],
				      '\0');
			free(copy);
		}
	}
	free(jpeg.data);
}

Test(jpeg_decode, survives_any_single_corrupt_byte)
{
	static const uint32_t formats[] = {
		V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_RGB24,
	};
	struct sample_options restarts = { .restart = "1" };
	struct bytes jpeg = make_jpeg(32, 32, noise_pixel, NULL, &restarts);
	uint8_t *copy = malloc(jpeg.size);
	int failures = 0;

	for (size_t f = 0; f < 2; f++) {
		make_frame(formats[f], 32, 32);
		for (size_t i = 0; i < jpeg.size; i++) {
			int ret;

			memcpy(copy, jpeg.data, jpeg.size);
			copy[i] ^= 0xFF;
			ret = decode(copy, jpeg.size);
			cr_assert(ret == 0 || ret == -EBADMSG ||
				  ret == -ENOTSUP || ret == -E2BIG,
				  "byte %zu: %d", i, ret);
			failures += ret != 0;
		}
	}
	cr_expect_gt(failures, 0);
	free(copy);
	free(jpeg.data);
}

Test(jpeg_decode, fails_on_data_that_is_not_a_jpeg)
{
	static const uint8_t text[] = "this is not a JPEG image at all";

	make_frame(V4L2_PIX_FMT_NV12, 32, 32);
	cr_expect_eq(decode(text, sizeof(text)), -EBADMSG);
	cr_expect_neq(vcam_jpeg_decoder_error(decoder)[0], '\0');
}

/* The offset of the SOF0 segment's height field. */
static size_t sof0_size_offset(const struct bytes *jpeg)
{
	for (size_t i = 0; i + 9 < jpeg->size; i++)
		if (jpeg->data[i] == 0xFF && jpeg->data[i + 1] == 0xC0)
			return i + 5;
	cr_assert_fail("no SOF0 in the JPEG");
	return 0;
}

Test(jpeg_decode, refuses_an_image_larger_than_a_camera_can_be)
{
	struct bytes jpeg = make_solid_jpeg(16, 16, 0);
	size_t at = sof0_size_offset(&jpeg);

	jpeg.data[at] = 9000 >> 8;	/* height 9000 */
	jpeg.data[at + 1] = 9000 & 0xFF;
	make_frame(V4L2_PIX_FMT_YUYV, 16, 16);
	cr_expect_eq(decode(jpeg.data, jpeg.size), -E2BIG);
	free(jpeg.data);
}

Test(jpeg_decode, refuses_a_compressed_layout_and_null_arguments)
{
	struct bytes jpeg = make_solid_jpeg(16, 16, 0);
	struct vcam_frame_layout mjpeg;
	uint8_t buffer[64];
	uint32_t width, height;

	cr_assert_eq(vcam_frame_layout_init(&mjpeg, V4L2_PIX_FMT_MJPEG, 16, 16,
					    0), 0);
	cr_expect_eq(vcam_jpeg_decode(decoder, jpeg.data, jpeg.size, &mjpeg,
				      buffer), -EINVAL);
	cr_expect_eq(vcam_jpeg_decode(NULL, jpeg.data, jpeg.size, &mjpeg,
				      buffer), -EINVAL);
	cr_expect_eq(vcam_jpeg_decode(decoder, jpeg.data, jpeg.size, NULL,
				      buffer), -EINVAL);
	cr_expect_eq(vcam_jpeg_get_size(decoder, NULL, 0, &width, &height),
		     -EINVAL);
	cr_expect_eq(vcam_jpeg_decoder_new(NULL), -EINVAL);
	free(jpeg.data);
}
