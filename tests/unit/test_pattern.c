// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test patterns in every raw format. Expected colours come from the BT.601
 * tables (75% and 100% bars) or from the conversion formula in floating
 * point; pixels are read back with offsets worked out here from the format
 * definitions, not from the library's layout.
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

#include "vcam/format.h"
#include "vcam/pattern.h"

static const uint32_t raw_formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24,
};
#define RAW_FORMAT_COUNT (sizeof(raw_formats) / sizeof(raw_formats[0]))

/* Lines in the test frames are longer than their pixels, to test strides. */
#define LINE_PADDING 16u

struct ycbcr {
	int y, cb, cr;
};

struct rgb {
	int r, g, b;
};

struct colour {
	struct rgb rgb;
	struct ycbcr ycbcr;
};

/* BT.601 limited range, 8 bits, from the standard's colour bar tables. */
static const struct colour bars75[] = {
	{ { 191, 191, 191 }, { 180, 128, 128 } },	/* white */
	{ { 191, 191, 0 }, { 162, 44, 142 } },		/* yellow */
	{ { 0, 191, 191 }, { 131, 156, 44 } },		/* cyan */
	{ { 0, 191, 0 }, { 112, 72, 58 } },		/* green */
	{ { 191, 0, 191 }, { 84, 184, 198 } },		/* magenta */
	{ { 191, 0, 0 }, { 65, 100, 212 } },		/* red */
	{ { 0, 0, 191 }, { 35, 212, 114 } },		/* blue */
};

static const struct colour bars100[] = {
	{ { 255, 255, 255 }, { 235, 128, 128 } },	/* white */
	{ { 255, 255, 0 }, { 210, 16, 146 } },		/* yellow */
	{ { 0, 255, 255 }, { 170, 166, 16 } },		/* cyan */
	{ { 0, 255, 0 }, { 145, 54, 34 } },		/* green */
	{ { 255, 0, 255 }, { 106, 202, 222 } },		/* magenta */
	{ { 255, 0, 0 }, { 81, 90, 240 } },		/* red */
	{ { 0, 0, 255 }, { 41, 240, 110 } },		/* blue */
	{ { 0, 0, 0 }, { 16, 128, 128 } },		/* black */
};

static const struct colour white = { { 255, 255, 255 }, { 235, 128, 128 } };
static const struct colour black = { { 0, 0, 0 }, { 16, 128, 128 } };

/* n / d rounded to nearest, halves up, for d > 0. */
static int rounded(long long n, long long d)
{
	long long q = n / d, r = n % d;

	if (r < 0) {
		q -= 1;
		r += d;
	}
	return (int)(q + (2 * r >= d));
}

/*
 * BT.601 limited range of R'G'B' = (r, g, b) / scale, exactly:
 * Y = 16 + 219 Y', Cb = 128 + 224 (B' - Y') / 1.772,
 * Cr = 128 + 224 (R' - Y') / 1.402, Y' = 0.299 R' + 0.587 G' + 0.114 B'.
 */
static struct ycbcr ycbcr_of(long long r, long long g, long long b,
			     long long scale)
{
	long long luma_1000 = 299 * r + 587 * g + 114 * b;

	return (struct ycbcr){
		16 + rounded(219 * luma_1000, 1000 * scale),
		128 + rounded(224 * (1000 * b - luma_1000), 1772 * scale),
		128 + rounded(224 * (1000 * r - luma_1000), 1402 * scale),
	};
}

/* The colour of an 8-bit R'G'B' pixel 0xRRGGBB. */
static struct colour colour_of_rgb(uint32_t rgb)
{
	int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;

	return (struct colour){
		{ r, g, b }, ycbcr_of(r, g, b, 255),
	};
}

struct frame {
	struct vcam_frame_layout layout;
	uint8_t *bytes;
};

static struct frame new_frame(uint32_t fourcc, uint32_t width, uint32_t height)
{
	struct frame frame;
	uint32_t bpl = width * (fourcc == V4L2_PIX_FMT_YUYV ? 2 :
				fourcc == V4L2_PIX_FMT_RGB24 ? 3 : 1) +
		       LINE_PADDING;

	cr_assert_eq(vcam_frame_layout_init(&frame.layout, fourcc, width,
					    height, bpl), 0);
	frame.bytes = malloc(frame.layout.sizeimage);
	cr_assert_not_null(frame.bytes);
	memset(frame.bytes, 0xaa, frame.layout.sizeimage);
	return frame;
}

static void render(struct frame *frame, struct vcam_pattern_params params,
		   uint64_t frame_number, uint64_t time_ns)
{
	int ret = vcam_pattern_render(&frame->layout, frame->bytes, &params,
				      frame_number, time_ns);

	cr_assert_eq(ret, 0, "%s: %d", frame->layout.format->name, ret);
}

static struct frame rendered(uint32_t fourcc, uint32_t width, uint32_t height,
			     struct vcam_pattern_params params,
			     uint64_t frame_number)
{
	struct frame frame = new_frame(fourcc, width, height);

	render(&frame, params, frame_number, 0);
	return frame;
}

static uint32_t fourcc_of(const struct frame *frame)
{
	return frame->layout.format->fourcc;
}

static struct rgb rgb_at(const struct frame *frame, uint32_t x, uint32_t y)
{
	const uint8_t *p = frame->bytes + y * frame->layout.bytesperline + 3 * x;

	return (struct rgb){ p[0], p[1], p[2] };
}

static struct ycbcr ycbcr_at(const struct frame *frame, uint32_t x, uint32_t y)
{
	uint32_t bpl = frame->layout.bytesperline, h = frame->layout.height;
	const uint8_t *f = frame->bytes;
	const uint8_t *pair, *chroma, *blue, *red;

	switch (fourcc_of(frame)) {
	case V4L2_PIX_FMT_YUYV:
		pair = f + y * bpl + x / 2 * 4;
		return (struct ycbcr){ pair[x % 2 * 2], pair[1], pair[3] };
	case V4L2_PIX_FMT_NV12:
		chroma = f + bpl * h + y / 2 * bpl + x / 2 * 2;
		return (struct ycbcr){ f[y * bpl + x], chroma[0], chroma[1] };
	case V4L2_PIX_FMT_YUV420:
		blue = f + bpl * h + y / 2 * (bpl / 2) + x / 2;
		red = f + bpl * h + bpl / 2 * (h / 2) + y / 2 * (bpl / 2) + x / 2;
		return (struct ycbcr){ f[y * bpl + x], *blue, *red };
	}
	cr_assert_fail("not a YUV format");
	return (struct ycbcr){ 0 };
}

static bool is_rgb(const struct frame *frame)
{
	return fourcc_of(frame) == V4L2_PIX_FMT_RGB24;
}

static void expect_colour(const struct frame *frame, uint32_t x, uint32_t y,
			  struct colour expected, const char *what)
{
	const char *format = frame->layout.format->name;

	if (is_rgb(frame)) {
		struct rgb got = rgb_at(frame, x, y);

		cr_expect(got.r == expected.rgb.r && got.g == expected.rgb.g &&
			  got.b == expected.rgb.b,
			  "%s %s at (%u, %u): R'G'B' %d %d %d, expected %d %d %d",
			  format, what, x, y, got.r, got.g, got.b,
			  expected.rgb.r, expected.rgb.g, expected.rgb.b);
	} else {
		struct ycbcr got = ycbcr_at(frame, x, y);

		cr_expect(got.y == expected.ycbcr.y &&
			  got.cb == expected.ycbcr.cb &&
			  got.cr == expected.ycbcr.cr,
			  "%s %s at (%u, %u): YCbCr %d %d %d, expected %d %d %d",
			  format, what, x, y, got.y, got.cb, got.cr,
			  expected.ycbcr.y, expected.ycbcr.cb, expected.ycbcr.cr);
	}
}

static bool same_pixel(const struct frame *a, const struct frame *b,
		       uint32_t x, uint32_t y)
{
	if (is_rgb(a)) {
		struct rgb p = rgb_at(a, x, y), q = rgb_at(b, x, y);

		return p.r == q.r && p.g == q.g && p.b == q.b;
	}
	struct ycbcr p = ycbcr_at(a, x, y), q = ycbcr_at(b, x, y);

	return p.y == q.y && p.cb == q.cb && p.cr == q.cr;
}

/* Luma, or red for RGB24: enough to tell black, grey and white apart. */
static int level_at(const struct frame *frame, uint32_t x, uint32_t y)
{
	return is_rgb(frame) ? rgb_at(frame, x, y).r : ycbcr_at(frame, x, y).y;
}

static void free_frame(struct frame *frame)
{
	free(frame->bytes);
	frame->bytes = NULL;
}

static void expect_bars(const struct frame *frame,
			const struct colour *bars, uint32_t count)
{
	uint32_t w = frame->layout.width, h = frame->layout.height;
	uint32_t rows[] = { 0, 1, h / 2, h - 1 };

	for (uint32_t i = 0; i < count; i++)
		for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
			expect_colour(frame, (2 * i + 1) * w / (2 * count),
				      rows[r], bars[i], "bar");
}

static const struct vcam_pattern_params smpte = { .kind = VCAM_PATTERN_SMPTE };

Test(pattern, smpte_bars_have_bt601_values_in_every_raw_format)
{
	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 640, 480, smpte, 0);

		expect_bars(&frame, bars75, 7);
		free_frame(&frame);
	}
}

Test(pattern, smpte_bars_in_yuyv_have_bt601_limited_values)
{
	struct frame frame = rendered(V4L2_PIX_FMT_YUYV, 1280, 720, smpte, 0);

	expect_colour(&frame, 1280 / 14 * 3, 360, bars75[1], "75% yellow");
	expect_bars(&frame, bars75, 7);
	free_frame(&frame);
}

Test(pattern, bars100_have_eight_bars_with_bt601_values_in_every_raw_format)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_BARS100 };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 640, 480, params, 0);

		expect_bars(&frame, bars100, 8);
		free_frame(&frame);
	}
}

Test(pattern, bars_fill_frames_whose_width_is_not_a_multiple_of_the_bars)
{
	struct frame frame = rendered(V4L2_PIX_FMT_RGB24, 101, 3, smpte, 0);

	expect_colour(&frame, 0, 0, bars75[0], "first bar");
	expect_colour(&frame, 100, 2, bars75[6], "last bar");
	free_frame(&frame);
}

Test(pattern, solid_colours_follow_the_bt601_formula_everywhere)
{
	static const uint32_t colours[] = {
		0x336699, 0xff8000, 0x123456, 0x000000, 0xffffff, 0x808080,
	};

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		for (size_t c = 0; c < sizeof(colours) / sizeof(colours[0]); c++) {
			struct vcam_pattern_params params = {
				.kind = VCAM_PATTERN_SOLID, .rgb = colours[c],
			};
			struct frame frame = rendered(raw_formats[f], 64, 48,
						      params, 0);

			for (uint32_t y = 0; y < 48; y += 7)
				for (uint32_t x = 0; x < 64; x += 5)
					expect_colour(&frame, x, y,
						      colour_of_rgb(colours[c]),
						      "solid");
			free_frame(&frame);
		}
	}
}

Test(pattern, solid_colours_round_like_the_exact_formula_across_the_colour_cube)
{
	struct frame frame = new_frame(V4L2_PIX_FMT_YUYV, 2, 2);

	for (uint32_t r = 0; r < 256; r += 5) {
		for (uint32_t g = 0; g < 256; g += 5) {
			for (uint32_t b = 0; b < 256; b += 5) {
				uint32_t rgb = r << 16 | g << 8 | b;
				struct vcam_pattern_params params = {
					.kind = VCAM_PATTERN_SOLID, .rgb = rgb,
				};

				render(&frame, params, 0, 0);
				expect_colour(&frame, 1, 1, colour_of_rgb(rgb),
					      "solid");
			}
		}
	}
	free_frame(&frame);
}

/*
 * In a 44-pixel frame the 75% bars change at x = 7, inside the chroma pair
 * of pixels 6 and 7: white and yellow, whose average is (6, 6, 3) / 8.
 */
Test(pattern, chroma_is_the_average_of_the_pixels_it_covers)
{
	struct ycbcr average = ycbcr_of(6, 6, 3, 8);

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 44, 4, smpte, 0);
		struct ycbcr left, right;

		if (is_rgb(&frame)) {
			expect_colour(&frame, 6, 1, bars75[0], "white");
			expect_colour(&frame, 7, 1, bars75[1], "yellow");
			free_frame(&frame);
			continue;
		}
		left = ycbcr_at(&frame, 6, 1);
		right = ycbcr_at(&frame, 7, 1);
		cr_expect_eq(left.y, bars75[0].ycbcr.y);
		cr_expect_eq(right.y, bars75[1].ycbcr.y);
		cr_expect(left.cb == average.cb && left.cr == average.cr,
			  "%s: Cb %d Cr %d, expected %d %d",
			  frame.layout.format->name, left.cb, left.cr,
			  average.cb, average.cr);
		cr_expect(right.cb == left.cb && right.cr == left.cr);
		free_frame(&frame);
	}
}

Test(pattern, checker_alternates_white_and_black_cells_of_the_given_size)
{
	struct vcam_pattern_params params = {
		.kind = VCAM_PATTERN_CHECKER, .cell = 16,
	};

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 64, 64, params, 0);

		expect_colour(&frame, 8, 8, white, "cell (0, 0)");
		expect_colour(&frame, 24, 8, black, "cell (1, 0)");
		expect_colour(&frame, 8, 24, black, "cell (0, 1)");
		expect_colour(&frame, 24, 24, white, "cell (1, 1)");
		expect_colour(&frame, 15, 15, white, "end of cell (0, 0)");
		expect_colour(&frame, 16, 15, black, "start of cell (1, 0)");
		free_frame(&frame);
	}
}

Test(pattern, checker_cells_are_32_pixels_by_default)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_CHECKER };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 128, 64, params, 0);

		expect_colour(&frame, 16, 16, white, "cell (0, 0)");
		expect_colour(&frame, 48, 16, black, "cell (1, 0)");
		expect_colour(&frame, 48, 48, white, "cell (1, 1)");
		free_frame(&frame);
	}
}

Test(pattern, gradient_rises_from_black_to_white_in_grey)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_GRADIENT };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 640, 4, params, 0);
		int previous = -1;

		expect_colour(&frame, 0, 1, black, "left edge");
		expect_colour(&frame, 639, 1, white, "right edge");
		for (uint32_t x = 0; x < 640; x++) {
			struct colour grey = colour_of_rgb(
				(uint32_t)lround(255.0 * x / 639) * 0x010101u);
			int level = level_at(&frame, x, 2);
			int expected = is_rgb(&frame) ? grey.rgb.r : grey.ycbcr.y;

			/* The ramp is made at 16 bits: 8-bit rounding may differ by 1. */
			cr_expect_leq(abs(level - expected), 1, "%s x=%u: %d, expected %d",
				      frame.layout.format->name, x, level, expected);
			cr_expect_geq(level, previous, "%s x=%u",
				      frame.layout.format->name, x);
			previous = level;
			if (is_rgb(&frame)) {
				struct rgb p = rgb_at(&frame, x, 2);

				cr_expect(p.r == p.g && p.g == p.b);
			} else {
				struct ycbcr p = ycbcr_at(&frame, x, 2);

				cr_expect(p.cb == 128 && p.cr == 128);
			}
		}
		free_frame(&frame);
	}
}

/* The moving bar of a 640-pixel frame is 40 pixels wide, 4 pixels a frame. */
Test(pattern, moving_bar_moves_four_pixels_a_frame)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_MOVING };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame first = rendered(raw_formats[f], 640, 480, params, 0);
		struct frame tenth = rendered(raw_formats[f], 640, 480, params, 10);

		expect_colour(&first, 0, 240, white, "frame 0 bar start");
		expect_colour(&first, 39, 240, white, "frame 0 bar end");
		expect_colour(&first, 40, 240, black, "frame 0 after bar");
		expect_colour(&first, 639, 240, black, "frame 0 right edge");
		expect_colour(&tenth, 38, 240, black, "frame 10 before bar");
		expect_colour(&tenth, 40, 240, white, "frame 10 bar start");
		expect_colour(&tenth, 79, 479, white, "frame 10 bar end");
		expect_colour(&tenth, 80, 0, black, "frame 10 after bar");
		cr_expect_neq(memcmp(first.bytes, tenth.bytes,
				     first.layout.sizeimage), 0);
		free_frame(&first);
		free_frame(&tenth);
	}
}

Test(pattern, moving_bar_wraps_around_the_right_edge)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_MOVING };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 640, 8, params, 155);
		struct frame again = rendered(raw_formats[f], 640, 8, params, 315);

		expect_colour(&frame, 618, 4, black, "before bar");
		expect_colour(&frame, 620, 4, white, "bar start");
		expect_colour(&frame, 639, 4, white, "right edge");
		expect_colour(&frame, 0, 4, white, "left edge");
		expect_colour(&frame, 19, 4, white, "bar end");
		expect_colour(&frame, 20, 4, black, "after bar");
		cr_expect_eq(memcmp(frame.bytes, again.bytes,
				    frame.layout.sizeimage), 0,
			     "frames 155 and 315 are one lap apart");
		free_frame(&frame);
		free_frame(&again);
	}
}

Test(pattern, noise_is_the_same_for_the_same_frame_number)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_NOISE };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame a = rendered(raw_formats[f], 320, 240, params, 7);
		struct frame b = rendered(raw_formats[f], 320, 240, params, 7);

		cr_expect_eq(memcmp(a.bytes, b.bytes, a.layout.sizeimage), 0,
			     "%s", a.layout.format->name);
		free_frame(&a);
		free_frame(&b);
	}
}

Test(pattern, noise_differs_between_frames)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_NOISE };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame a = rendered(raw_formats[f], 320, 240, params, 7);
		struct frame b = rendered(raw_formats[f], 320, 240, params, 8);
		uint32_t differing = 0;

		for (uint32_t y = 0; y < 240; y++)
			for (uint32_t x = 0; x < 320; x++)
				differing += level_at(&a, x, y) != level_at(&b, x, y);
		cr_expect_gt(differing, 320 * 240 * 9 / 10, "%s: %u",
			     a.layout.format->name, differing);
		free_frame(&a);
		free_frame(&b);
	}
}

Test(pattern, noise_is_grey_and_spread_over_all_levels)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_NOISE };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 320, 240, params, 3);
		bool seen[256] = { false };
		int distinct = 0;

		for (uint32_t y = 0; y < 240; y++) {
			for (uint32_t x = 0; x < 320; x++) {
				int level = level_at(&frame, x, y);

				distinct += !seen[level];
				seen[level] = true;
				if (is_rgb(&frame)) {
					struct rgb p = rgb_at(&frame, x, y);

					cr_assert(p.r == p.g && p.g == p.b);
				} else {
					struct ycbcr p = ycbcr_at(&frame, x, y);

					cr_assert(p.cb == 128 && p.cr == 128);
				}
			}
		}
		cr_expect_eq(distinct, is_rgb(&frame) ? 256 : 220, "%s: %d",
			     frame.layout.format->name, distinct);
		free_frame(&frame);
	}
}

struct box {
	uint32_t x0, y0, x1, y1;	/* x1 and y1 excluded */
};

/* "FRAME 00000042 00:00:01.500": 27 characters of 6 x 8, 2 of padding. */
static struct box overlay_box(uint32_t scale)
{
	return (struct box){ 8, 8, 8 + scale * (27 * 6 + 4), 8 + scale * 12 };
}

static bool inside(struct box box, uint32_t x, uint32_t y)
{
	return x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
}

static void expect_overlay_in_box(uint32_t fourcc, uint32_t width,
				  uint32_t height, uint32_t scale)
{
	struct vcam_pattern_params with = { .kind = VCAM_PATTERN_SMPTE,
					     .overlay = true };
	struct frame plain = new_frame(fourcc, width, height);
	struct frame overlaid = new_frame(fourcc, width, height);
	struct box box = overlay_box(scale);
	uint32_t lit = 0, dark = 0;

	render(&plain, smpte, 42, 1500000000ull);
	render(&overlaid, with, 42, 1500000000ull);
	for (uint32_t y = 0; y < height; y++) {
		for (uint32_t x = 0; x < width; x++) {
			int level = level_at(&overlaid, x, y);

			if (!inside(box, x, y)) {
				cr_assert(same_pixel(&plain, &overlaid, x, y),
					  "%s: (%u, %u) changed outside the overlay",
					  plain.layout.format->name, x, y);
				continue;
			}
			lit += level == (is_rgb(&overlaid) ? 255 : 235);
			dark += level == (is_rgb(&overlaid) ? 0 : 16);
		}
	}
	cr_expect_gt(lit, 50 * scale * scale, "%s", plain.layout.format->name);
	cr_expect_gt(dark, lit, "%s", plain.layout.format->name);
	expect_colour(&overlaid, box.x0, box.y0, black, "overlay corner");
	expect_colour(&overlaid, box.x1 - 1, box.y1 - 1, black, "overlay corner");
	free_frame(&plain);
	free_frame(&overlaid);
}

Test(pattern, overlay_changes_pixels_in_its_box_only)
{
	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		expect_overlay_in_box(raw_formats[f], 320, 240, 1);
		expect_overlay_in_box(raw_formats[f], 640, 480, 2);
	}
}

Test(pattern, overlay_shows_the_frame_number_and_the_time)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_SOLID,
					      .rgb = 0x2040c0,
					      .overlay = true };
	struct frame base = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	struct frame next_frame = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	struct frame later = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	size_t size = base.layout.sizeimage;

	render(&base, params, 42, 1500000000ull);
	render(&next_frame, params, 43, 1500000000ull);
	render(&later, params, 42, 2500000000ull);
	cr_expect_neq(memcmp(base.bytes, next_frame.bytes, size), 0);
	cr_expect_neq(memcmp(base.bytes, later.bytes, size), 0);
	free_frame(&base);
	free_frame(&next_frame);
	free_frame(&later);
}

/* "NO SIGNAL": 9 characters, in the overlay's box, the same every frame. */
Test(pattern, a_label_is_drawn_in_the_overlays_box_instead_of_the_counter)
{
	struct vcam_pattern_params labelled = { .kind = VCAM_PATTERN_SMPTE,
						.label = "NO SIGNAL" };
	struct frame plain = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	struct frame first = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	struct frame later = new_frame(V4L2_PIX_FMT_YUYV, 320, 240);
	struct box box = { 8, 8, 8 + 9 * 6 + 4, 8 + 12 };
	uint32_t lit = 0;

	render(&plain, smpte, 42, 1500000000ull);
	render(&first, labelled, 42, 1500000000ull);
	render(&later, labelled, 43, 2500000000ull);
	cr_expect_eq(memcmp(first.bytes, later.bytes, first.layout.sizeimage),
		     0, "the label does not change with the frame or time");
	for (uint32_t y = 0; y < 240; y++) {
		for (uint32_t x = 0; x < 320; x++) {
			if (!inside(box, x, y)) {
				cr_assert(same_pixel(&plain, &first, x, y),
					  "(%u, %u) changed outside the label",
					  x, y);
				continue;
			}
			lit += level_at(&first, x, y) == 235;
		}
	}
	/* The lit pixels of N, O, S, I, G, N, A and L at scale 1. */
	cr_expect_eq(lit, 17 + 16 + 15 + 11 + 18 + 17 + 18 + 11);
	expect_colour(&first, box.x1 - 1, box.y1 - 1, black, "label corner");
	free_frame(&plain);
	free_frame(&first);
	free_frame(&later);
}

Test(pattern, overlay_is_clipped_to_small_frames)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_SOLID,
					      .rgb = 0x336699,
					      .overlay = true };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame tiny = rendered(raw_formats[f], 2, 2, params, 1);
		struct frame narrow = rendered(raw_formats[f], 40, 16, params, 1);

		expect_colour(&tiny, 1, 1, colour_of_rgb(0x336699), "tiny frame");
		expect_colour(&narrow, 6, 9, colour_of_rgb(0x336699),
			      "left of the overlay");
		expect_colour(&narrow, 39, 9, black, "overlay at the edge");
		free_frame(&tiny);
		free_frame(&narrow);
	}
}

/* Rows of each plane: where they start, how many bytes are pixels. */
struct plane_rows {
	uint32_t offset, stride, used, count;
};

static size_t planes_of(const struct frame *frame, struct plane_rows *planes)
{
	uint32_t w = frame->layout.width, h = frame->layout.height;
	uint32_t bpl = frame->layout.bytesperline;

	switch (fourcc_of(frame)) {
	case V4L2_PIX_FMT_YUYV:
		planes[0] = (struct plane_rows){ 0, bpl, 2 * w, h };
		return 1;
	case V4L2_PIX_FMT_RGB24:
		planes[0] = (struct plane_rows){ 0, bpl, 3 * w, h };
		return 1;
	case V4L2_PIX_FMT_NV12:
		planes[0] = (struct plane_rows){ 0, bpl, w, h };
		planes[1] = (struct plane_rows){ bpl * h, bpl, w, h / 2 };
		return 2;
	default:
		planes[0] = (struct plane_rows){ 0, bpl, w, h };
		planes[1] = (struct plane_rows){ bpl * h, bpl / 2, w / 2, h / 2 };
		planes[2] = (struct plane_rows){ bpl * h + bpl / 2 * (h / 2),
						 bpl / 2, w / 2, h / 2 };
		return 3;
	}
}

Test(pattern, bytes_past_the_pixels_of_each_line_are_left_untouched)
{
	struct vcam_pattern_params params = { .kind = VCAM_PATTERN_NOISE,
					      .overlay = true };

	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct frame frame = rendered(raw_formats[f], 64, 32, params, 1);
		struct plane_rows planes[3];
		size_t count = planes_of(&frame, planes);

		for (size_t p = 0; p < count; p++) {
			for (uint32_t row = 0; row < planes[p].count; row++) {
				const uint8_t *line = frame.bytes + planes[p].offset +
						      row * planes[p].stride;

				for (uint32_t i = planes[p].used;
				     i < planes[p].stride; i++)
					cr_assert_eq(line[i], 0xaa,
						     "%s plane %zu row %u byte %u",
						     frame.layout.format->name,
						     p, row, i);
			}
		}
		free_frame(&frame);
	}
}

Test(pattern, every_pattern_renders_in_every_raw_format_at_the_smallest_size)
{
	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		for (int kind = 0; kind < VCAM_PATTERN_COUNT; kind++) {
			struct vcam_pattern_params params = {
				.kind = (enum vcam_pattern)kind, .overlay = true,
			};
			struct frame frame = rendered(raw_formats[f], 2, 2,
						      params, 5);

			free_frame(&frame);
		}
	}
}

Test(pattern, mjpeg_is_not_a_raw_format)
{
	struct vcam_frame_layout layout;
	uint8_t frame[64];

	cr_assert_eq(vcam_frame_layout_init(&layout, V4L2_PIX_FMT_MJPEG, 4, 2,
					    0), 0);
	cr_expect_eq(vcam_pattern_render(&layout, frame, &smpte, 0, 0), -EINVAL);
}

Test(pattern, unknown_patterns_and_colours_are_rejected)
{
	struct frame frame = new_frame(V4L2_PIX_FMT_YUYV, 16, 16);
	struct vcam_pattern_params unknown = { .kind = VCAM_PATTERN_COUNT };
	struct vcam_pattern_params negative = { .kind = (enum vcam_pattern)-1 };
	struct vcam_pattern_params too_bright = { .kind = VCAM_PATTERN_SOLID,
						  .rgb = 0x1000000 };
	const struct vcam_frame_layout *l = &frame.layout;

	cr_expect_eq(vcam_pattern_render(l, frame.bytes, &unknown, 0, 0), -EINVAL);
	cr_expect_eq(vcam_pattern_render(l, frame.bytes, &negative, 0, 0), -EINVAL);
	cr_expect_eq(vcam_pattern_render(l, frame.bytes, &too_bright, 0, 0),
		     -EINVAL);
	for (size_t i = 0; i < l->sizeimage; i++)
		cr_assert_eq(frame.bytes[i], 0xaa, "byte %zu was written", i);
	free_frame(&frame);
}

Test(pattern, zero_or_inconsistent_layouts_are_rejected)
{
	struct frame frame = new_frame(V4L2_PIX_FMT_NV12, 16, 16);
	struct vcam_frame_layout zero_width = frame.layout;
	struct vcam_frame_layout zero_height = frame.layout;
	struct vcam_frame_layout zero = { 0 };
	struct vcam_frame_layout wrong_size = frame.layout;
	struct vcam_frame_layout short_lines = frame.layout;

	zero_width.width = 0;
	zero_height.height = 0;
	zero.format = frame.layout.format;
	wrong_size.sizeimage += 1;
	short_lines.bytesperline = 8;
	cr_expect_eq(vcam_pattern_render(&zero_width, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&zero_height, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&zero, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&wrong_size, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&short_lines, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	free_frame(&frame);
}

Test(pattern, missing_arguments_are_rejected)
{
	struct frame frame = new_frame(V4L2_PIX_FMT_RGB24, 16, 16);
	struct vcam_frame_layout no_format = frame.layout;

	no_format.format = NULL;
	cr_expect_eq(vcam_pattern_render(NULL, frame.bytes, &smpte, 0, 0), -EINVAL);
	cr_expect_eq(vcam_pattern_render(&frame.layout, NULL, &smpte, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&frame.layout, frame.bytes, NULL, 0, 0),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_render(&no_format, frame.bytes, &smpte, 0, 0),
		     -EINVAL);
	free_frame(&frame);
}

Test(pattern_names, every_name_finds_its_pattern_and_back)
{
	static const char *const names[] = {
		"smpte", "bars100", "moving", "checker", "solid", "gradient",
		"noise",
	};

	cr_assert_eq(sizeof(names) / sizeof(names[0]), VCAM_PATTERN_COUNT);
	for (int i = 0; i < VCAM_PATTERN_COUNT; i++) {
		enum vcam_pattern kind = VCAM_PATTERN_COUNT;

		cr_expect_eq(vcam_pattern_by_name(names[i], &kind), 0, "%s",
			     names[i]);
		cr_expect_str_eq(vcam_pattern_name(kind), names[i]);
	}
}

Test(pattern_names, names_are_found_ignoring_case)
{
	enum vcam_pattern kind = VCAM_PATTERN_COUNT;

	cr_expect_eq(vcam_pattern_by_name("SMPTE", &kind), 0);
	cr_expect_eq(kind, VCAM_PATTERN_SMPTE);
	cr_expect_eq(vcam_pattern_by_name("Gradient", &kind), 0);
	cr_expect_eq(kind, VCAM_PATTERN_GRADIENT);
}

Test(pattern_names, unknown_names_are_rejected_and_leave_the_kind_alone)
{
	enum vcam_pattern kind = VCAM_PATTERN_NOISE;

	cr_expect_eq(vcam_pattern_by_name("zebra", &kind), -EINVAL);
	cr_expect_eq(vcam_pattern_by_name("", &kind), -EINVAL);
	cr_expect_eq(vcam_pattern_by_name("smpte ", &kind), -EINVAL);
	cr_expect_eq(vcam_pattern_by_name(NULL, &kind), -EINVAL);
	cr_expect_eq(vcam_pattern_by_name("smpte", NULL), -EINVAL);
	cr_expect_eq(kind, VCAM_PATTERN_NOISE);
	cr_expect_null(vcam_pattern_name(VCAM_PATTERN_COUNT));
	cr_expect_null(vcam_pattern_name((enum vcam_pattern)-1));
}

Test(pattern_names, name_list_is_comma_separated)
{
	char buf[80];

	cr_assert_eq(vcam_pattern_list_names(buf, sizeof(buf)), 0);
	cr_expect_str_eq(buf,
			 "smpte, bars100, moving, checker, solid, gradient, noise");
	cr_expect_eq(vcam_pattern_list_names(buf, 10), -ENOSPC);
	cr_expect_str_eq(buf, "");
	cr_expect_eq(vcam_pattern_list_names(NULL, 10), -EINVAL);
}
