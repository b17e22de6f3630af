// SPDX-License-Identifier: GPL-2.0-only
/*
 * The YUV4MPEG2 header parser and the conversion of Y4M frames into frames
 * of every raw camera format. Expected bytes are worked out here from the
 * Y4M and V4L2 format definitions.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "vcam/format.h"
#include "vcam/y4m.h"

static char reason[512];

static int parse(const char *text, struct vcam_y4m_header *header)
{
	return vcam_y4m_parse_header(text, strlen(text), header, reason,
				     sizeof(reason));
}

Test(y4m_header, reads_what_ffmpeg_writes)
{
	const char *text = "YUV4MPEG2 W64 H48 F25:1 Ip A1:1 C420jpeg "
			   "XYSCSS=420JPEG XCOLORRANGE=LIMITED\nFRAME\n";
	struct vcam_y4m_header h;

	cr_assert_eq(parse(text, &h), 0);
	cr_expect_eq(h.width, 64);
	cr_expect_eq(h.height, 48);
	cr_expect_eq(h.rate_numerator, 25);
	cr_expect_eq(h.rate_denominator, 1);
	cr_expect_eq(h.chroma, VCAM_Y4M_420JPEG);
	cr_expect_not(h.full_range);
	cr_expect_eq(h.length, strchr(text, '\n') - text + 1);
	cr_expect_eq(h.frame_size, 64 * 48 * 3 / 2);
}

Test(y4m_header, takes_420jpeg_without_a_colour_space)
{
	struct vcam_y4m_header h;

	cr_assert_eq(parse("YUV4MPEG2 W4 H2\n", &h), 0);
	cr_expect_eq(h.chroma, VCAM_Y4M_420JPEG);
	cr_expect_eq(h.rate_numerator, 0);
	cr_expect_eq(h.frame_size, 8 + 2 * 2);
}

struct chroma_case {
	char tag[16];
	enum vcam_y4m_chroma chroma;
	uint32_t chroma_width, chroma_height;	/* of a 5x3 image */
};

ParameterizedTestParameters(y4m_header, sizes_every_colour_space)
{
	static struct chroma_case cases[] = {
		{ "420jpeg", VCAM_Y4M_420JPEG, 3, 2 },
		{ "420mpeg2", VCAM_Y4M_420MPEG2, 3, 2 },
		{ "420paldv", VCAM_Y4M_420PALDV, 3, 2 },
		{ "420", VCAM_Y4M_420, 3, 2 },
		{ "422", VCAM_Y4M_422, 3, 3 },
		{ "444", VCAM_Y4M_444, 5, 3 },
		{ "mono", VCAM_Y4M_MONO, 0, 0 },
	};

	return cr_make_param_array(struct chroma_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct chroma_case *c, y4m_header, sizes_every_colour_space)
{
	struct vcam_y4m_header h;
	char text[64];

	snprintf(text, sizeof(text), "YUV4MPEG2 W5 H3 C%s\n", c->tag);
	cr_assert_eq(parse(text, &h), 0, "%s: %s", c->tag, reason);
	cr_expect_eq(h.chroma, c->chroma);
	cr_expect_str_eq(vcam_y4m_chroma_name(h.chroma), c->tag);
	cr_expect_eq(h.chroma_width, c->chroma_width, "%s", c->tag);
	cr_expect_eq(h.chroma_height, c->chroma_height, "%s", c->tag);
	cr_expect_eq(h.frame_size,
		     15 + 2 * c->chroma_width * c->chroma_height, "%s", c->tag);
}

Test(y4m_header, reads_full_range)
{
	struct vcam_y4m_header h;

	cr_assert_eq(parse("YUV4MPEG2 W2 H2 XCOLORRANGE=FULL\n", &h), 0);
	cr_expect(h.full_range);
}

Test(y4m_header, treats_a_zero_rate_as_unknown)
{
	struct vcam_y4m_header h;

	cr_assert_eq(parse("YUV4MPEG2 W2 H2 F0:0\n", &h), 0);
	cr_expect_eq(h.rate_numerator, 0);
	cr_expect_eq(h.rate_denominator, 0);
}

Test(y4m_header, asks_for_more_of_a_header_cut_short)
{
	struct vcam_y4m_header h;

	cr_expect_eq(parse("YUV4", &h), -EAGAIN);
	cr_expect_eq(parse("YUV4MPEG2 W64 H4", &h), -EAGAIN);
	cr_expect_eq(parse("", &h), -EAGAIN);
}

struct bad_header {
	char text[48];
	char reason[64];	/* a part of it */
};

ParameterizedTestParameters(y4m_header, refuses_bad_headers)
{
	static struct bad_header cases[] = {
		{ "YUV4MPEG3 W2 H2\n", "does not start with a YUV4MPEG2 header" },
		{ "\x89PNG\r\n", "does not start with a YUV4MPEG2 header" },
		{ "YUV4MPEG2 H2\n", "lacks the width" },
		{ "YUV4MPEG2 W2\n", "lacks the width (W) or height (H)" },
		{ "YUV4MPEG2 W0 H2\n", "invalid width `0'" },
		{ "YUV4MPEG2 W8193 H2\n", "invalid width `8193'" },
		{ "YUV4MPEG2 W2 H-2\n", "invalid height `-2'" },
		{ "YUV4MPEG2 W2 H2x\n", "invalid height `2x'" },
		{ "YUV4MPEG2 W2 H2 F25\n", "invalid frame rate `25'" },
		{ "YUV4MPEG2 W2 H2 F25:\n", "invalid frame rate" },
		{ "YUV4MPEG2 W2 H2 C420p10\n", "colour space `420p10' is not supported" },
		{ "YUV4MPEG2 W2 H2 C444alpha\n", "not supported" },
		{ "YUV4MPEG2 W2  H2\n", "empty tag" },
		{ "YUV4MPEG2 W2 H2 \n", "empty tag" },
	};

	return cr_make_param_array(struct bad_header, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bad_header *c, y4m_header, refuses_bad_headers)
{
	struct vcam_y4m_header h = { .width = 77 };

	reason[0] = '\0';
	cr_expect_eq(parse(c->text, &h), -EINVAL, "%s", c->text);
	cr_expect(strstr(reason, c->reason), "%s: %s", c->text, reason);
	cr_expect_eq(h.width, 77, "the header is left as it was");
}

Test(y4m_header, refuses_a_nul_byte)
{
	static const char text[] = "YUV4MPEG2 W2\0 H2\n";
	struct vcam_y4m_header h;

	cr_expect_eq(vcam_y4m_parse_header(text, sizeof(text) - 1, &h, reason,
					   sizeof(reason)), -EINVAL);
	cr_expect(strstr(reason, "NUL"));
}

Test(y4m_header, refuses_a_header_longer_than_its_limit)
{
	size_t size = VCAM_Y4M_HEADER_MAX + 10;
	char *text = malloc(size);
	struct vcam_y4m_header h;

	memset(text, 'X', size);
	memcpy(text, "YUV4MPEG2 W2 H2 ", 16);
	cr_expect_eq(vcam_y4m_parse_header(text, VCAM_Y4M_HEADER_MAX - 1, &h,
					   reason, sizeof(reason)), -EAGAIN);
	cr_expect_eq(vcam_y4m_parse_header(text, size, &h, reason,
					   sizeof(reason)), -EINVAL);
	cr_expect(strstr(reason, "longer than 1024 bytes"));
	free(text);
}

Test(y4m_header, refuses_null_arguments)
{
	struct vcam_y4m_header h;
	size_t length;

	cr_expect_eq(vcam_y4m_parse_header(NULL, 0, &h, reason, 1), -EINVAL);
	cr_expect_eq(vcam_y4m_parse_header("YUV4MPEG2 W2 H2\n", 16, NULL,
					   reason, 1), -EINVAL);
	cr_expect_eq(vcam_y4m_parse_frame_header(NULL, 0, &length, reason, 1),
		     -EINVAL);
}

static int parse_frame(const char *text, size_t *length)
{
	return vcam_y4m_parse_frame_header(text, strlen(text), length, reason,
					   sizeof(reason));
}

Test(y4m_frame_header, reads_frame_lines)
{
	size_t length = 0;

	cr_expect_eq(parse_frame("FRAME\nxyz", &length), 0);
	cr_expect_eq(length, 6);
	cr_expect_eq(parse_frame("FRAME Ip XFOO=1\n", &length), 0);
	cr_expect_eq(length, 16);
}

Test(y4m_frame_header, asks_for_more_or_refuses)
{
	size_t length;
	char *long_line = malloc(VCAM_Y4M_FRAME_HEADER_MAX + 1);

	cr_expect_eq(parse_frame("FRA", &length), -EAGAIN);
	cr_expect_eq(parse_frame("FRAME I", &length), -EAGAIN);
	cr_expect_eq(parse_frame("FRAMES\n", &length), -EINVAL);
	cr_expect_eq(parse_frame("\x10\x80\x80\n", &length), -EINVAL);
	cr_expect(strstr(reason, "does not start with FRAME"));
	memset(long_line, ' ', VCAM_Y4M_FRAME_HEADER_MAX + 1);
	memcpy(long_line, "FRAME", 5);
	cr_expect_eq(vcam_y4m_parse_frame_header(long_line,
						 VCAM_Y4M_FRAME_HEADER_MAX + 1,
						 &length, reason,
						 sizeof(reason)), -EINVAL);
	free(long_line);
}

/* A frame of a w x h image of colour space tag, filled by fill(). */
struct y4m_frame {
	struct vcam_y4m_header header;
	uint8_t *planes;
	uint8_t *y, *cb, *cr;
};

static void make_frame(struct y4m_frame *f, uint32_t w, uint32_t h,
		       const char *tag, const char *extra)
{
	char text[128];
	size_t luma = (size_t)w * h, chroma;

	snprintf(text, sizeof(text), "YUV4MPEG2 W%u H%u C%s%s\n", w, h, tag,
		 extra);
	cr_assert_eq(parse(text, &f->header), 0, "%s", reason);
	f->planes = malloc(f->header.frame_size);
	chroma = (size_t)f->header.chroma_width * f->header.chroma_height;
	f->y = f->planes;
	f->cb = f->planes + luma;
	f->cr = f->planes + luma + chroma;
	for (size_t i = 0; i < luma; i++)
		f->y[i] = (uint8_t)(16 + i * 7 % 220);
	for (size_t i = 0; i < chroma; i++) {
		f->cb[i] = (uint8_t)(40 + i * 11 % 180);
		f->cr[i] = (uint8_t)(200 - i * 13 % 170);
	}
}

static uint8_t *convert(const struct y4m_frame *f, uint32_t fourcc,
			uint32_t w, uint32_t h, struct vcam_frame_layout *l)
{
	uint8_t *out;

	cr_assert_eq(vcam_frame_layout_init(l, fourcc, w, h, 0), 0);
	out = malloc(l->sizeimage);
	memset(out, 0xA5, l->sizeimage);
	cr_assert_eq(vcam_y4m_convert(&f->header, f->planes, l, out), 0);
	return out;
}

Test(y4m_convert, copies_420_planes_into_yu12_of_the_same_size)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 8, 6, "420mpeg2", "");
	out = convert(&f, V4L2_PIX_FMT_YUV420, 8, 6, &l);
	cr_expect_arr_eq(out, f.planes, f.header.frame_size);
	free(out);
	free(f.planes);
}

/* NV12 of a w x 4 frame of 4:2:0: the luma, then Cb and Cr interleaved. */
static void expect_nv12(uint32_t w)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, w, 4, "420", "");
	out = convert(&f, V4L2_PIX_FMT_NV12, w, 4, &l);
	cr_expect_arr_eq(out, f.y, w * 4);
	for (size_t i = 0; i < w; i++) {
		cr_expect_eq(out[w * 4 + 2 * i], f.cb[i], "w %u Cb %zu", w, i);
		cr_expect_eq(out[w * 4 + 2 * i + 1], f.cr[i], "w %u Cr %zu", w,
			     i);
	}
	free(out);
	free(f.planes);
}

/* Widths that take the rows eight pixels at a time, a pair at a time, and
 * both. */
Test(y4m_convert, interleaves_chroma_for_nv12)
{
	expect_nv12(4);
	expect_nv12(8);
	expect_nv12(22);
}

/* YUYV of a w x h frame of colour space tag: each chroma row serves
 * rows_per_chroma rows. */
static void expect_yuyv(uint32_t w, uint32_t h, const char *tag,
			uint32_t rows_per_chroma)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, w, h, tag, "");
	out = convert(&f, V4L2_PIX_FMT_YUYV, w, h, &l);
	for (size_t row = 0; row < h; row++) {
		for (size_t pair = 0; pair < w / 2; pair++) {
			const uint8_t *p = out + row * w * 2 + pair * 4;
			size_t c = row / rows_per_chroma * (w / 2) + pair;

			cr_expect_eq(p[0], f.y[row * w + 2 * pair],
				     "w %u row %zu pair %zu", w, row, pair);
			cr_expect_eq(p[1], f.cb[c], "w %u row %zu pair %zu", w,
				     row, pair);
			cr_expect_eq(p[2], f.y[row * w + 2 * pair + 1],
				     "w %u row %zu pair %zu", w, row, pair);
			cr_expect_eq(p[3], f.cr[c], "w %u row %zu pair %zu", w,
				     row, pair);
		}
	}
	free(out);
	free(f.planes);
}

Test(y4m_convert, packs_422_into_yuyv)
{
	expect_yuyv(4, 2, "422", 1);
	expect_yuyv(8, 2, "422", 1);
	expect_yuyv(22, 3, "422", 1);
}

/* Each chroma row of 4:2:0 serves the two YUYV rows it covers. */
Test(y4m_convert, packs_420_into_yuyv)
{
	expect_yuyv(6, 4, "420jpeg", 2);
	expect_yuyv(22, 4, "420jpeg", 2);
}

/* 444 into 420: a chroma sample of the frame takes the source's sample
 * under the centre of the 2x2 pixels it covers (here, its bottom right). */
Test(y4m_convert, samples_444_chroma_for_yu12)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 4, 4, "444", "");
	out = convert(&f, V4L2_PIX_FMT_YUV420, 4, 4, &l);
	cr_expect_arr_eq(out, f.y, 16);
	for (size_t cy = 0; cy < 2; cy++) {
		for (size_t cx = 0; cx < 2; cx++) {
			size_t src = (2 * cy + 1) * 4 + 2 * cx + 1;

			cr_expect_eq(out[16 + cy * 2 + cx], f.cb[src]);
			cr_expect_eq(out[20 + cy * 2 + cx], f.cr[src]);
		}
	}
	free(out);
	free(f.planes);
}

Test(y4m_convert, gives_mono_neutral_chroma)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 4, 2, "mono", "");
	out = convert(&f, V4L2_PIX_FMT_NV12, 4, 2, &l);
	cr_expect_arr_eq(out, f.y, 8);
	for (size_t i = 8; i < 12; i++)
		cr_expect_eq(out[i], 128);
	free(out);
	free(f.planes);
}

Test(y4m_convert, scales_full_range_to_limited)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 2, 2, "444", " XCOLORRANGE=FULL");
	memset(f.y, 0, 2);
	memset(f.y + 2, 255, 2);
	memset(f.cb, 0, 4);
	memset(f.cr, 255, 4);
	out = convert(&f, V4L2_PIX_FMT_YUYV, 2, 2, &l);
	cr_expect_eq(out[0], 16);
	cr_expect_eq(out[4], 235);
	cr_expect_eq(out[1], 16);
	cr_expect_eq(out[3], 240);
	free(out);
	free(f.planes);
}

struct rgb_case {
	uint8_t y, cb, cr;
	bool full;
	uint8_t r, g, b;
};

ParameterizedTestParameters(y4m_convert, computes_rgb_by_bt601)
{
	static struct rgb_case cases[] = {
		{ 235, 128, 128, false, 255, 255, 255 },
		{ 16, 128, 128, false, 0, 0, 0 },
		{ 126, 128, 128, false, 128, 128, 128 },
		/* 75% bars as the patterns write them */
		{ 65, 100, 212, false, 191, 0, 0 },
		{ 131, 156, 44, false, 0, 191, 191 },
		{ 255, 128, 128, true, 255, 255, 255 },
		{ 0, 255, 128, true, 0, 0, 226 },
		/* out of range: clamped */
		{ 255, 255, 255, false, 255, 125, 255 },
	};

	return cr_make_param_array(struct rgb_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct rgb_case *c, y4m_convert, computes_rgb_by_bt601)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 2, 2, "444", c->full ? " XCOLORRANGE=FULL" : "");
	memset(f.y, c->y, 4);
	memset(f.cb, c->cb, 4);
	memset(f.cr, c->cr, 4);
	out = convert(&f, V4L2_PIX_FMT_RGB24, 2, 2, &l);
	for (size_t i = 0; i < 4; i++) {
		cr_expect(abs(out[3 * i] - c->r) <= 1, "R %u of %u/%u/%u",
			  out[3 * i], c->y, c->cb, c->cr);
		cr_expect(abs(out[3 * i + 1] - c->g) <= 1, "G %u of %u/%u/%u",
			  out[3 * i + 1], c->y, c->cb, c->cr);
		cr_expect(abs(out[3 * i + 2] - c->b) <= 1, "B %u of %u/%u/%u",
			  out[3 * i + 2], c->y, c->cb, c->cr);
	}
	free(out);
	free(f.planes);
}

Test(y4m_convert, stretches_a_smaller_image_by_nearest_pixel)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t *out;

	make_frame(&f, 2, 2, "444", "");
	out = convert(&f, V4L2_PIX_FMT_YUV420, 4, 4, &l);
	for (size_t y = 0; y < 4; y++) {
		for (size_t x = 0; x < 4; x++)
			cr_expect_eq(out[y * 4 + x], f.y[y / 2 * 2 + x / 2]);
	}
	free(out);
	free(f.planes);
}

Test(y4m_convert, refuses_a_compressed_layout)
{
	struct vcam_frame_layout l;
	struct y4m_frame f;
	uint8_t out[64];

	make_frame(&f, 2, 2, "420", "");
	cr_assert_eq(vcam_frame_layout_init(&l, V4L2_PIX_FMT_MJPEG, 2, 2, 0),
		     0);
	cr_expect_eq(vcam_y4m_convert(&f.header, f.planes, &l, out), -EINVAL);
	cr_expect_eq(vcam_y4m_convert(NULL, f.planes, &l, out), -EINVAL);
	free(f.planes);
}
