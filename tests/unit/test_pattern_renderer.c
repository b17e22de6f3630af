// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pattern renderer must give exactly the frames vcam_pattern_render()
 * gives, for every pattern and raw format, with and without the overlay,
 * with padded lines, and at sizes that clip the overlay.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "vcam/format.h"
#include "vcam/pattern.h"

static const uint32_t raw_formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24,
};
#define RAW_FORMAT_COUNT (sizeof(raw_formats) / sizeof(raw_formats[0]))

struct size_case {
	uint32_t width, height;
	uint32_t line_padding;		/* bytes past the pixels of a line */
};

/* 720p; a padded frame; one shorter than the overlay; the smallest. */
static struct size_case sizes[] = {
	{ 1280, 720, 0 }, { 320, 240, 16 }, { 64, 14, 0 }, { 2, 2, 0 },
};

ParameterizedTestParameters(pattern_renderer, draws_what_render_draws)
{
	return cr_make_param_array(struct size_case, sizes,
				   sizeof(sizes) / sizeof(sizes[0]));
}

static uint32_t bytes_per_line(uint32_t fourcc, uint32_t width,
			       uint32_t padding)
{
	struct vcam_frame_layout minimal;

	cr_assert_eq(vcam_frame_layout_init(&minimal, fourcc, width, 2, 0), 0);
	return padding ? minimal.bytesperline + padding : 0;
}

/* Both ways, into frames prefilled with the same bytes. */
static void expect_same_frames(const struct vcam_frame_layout *layout,
			       const struct vcam_pattern_params *params)
{
	struct vcam_pattern_renderer *renderer;
	uint8_t *expected = malloc(layout->sizeimage);
	uint8_t *got = malloc(layout->sizeimage);

	cr_assert(expected && got);
	cr_assert_eq(vcam_pattern_renderer_new(&renderer, layout, params), 0);
	memset(expected, 0xaa, layout->sizeimage);
	memset(got, 0xaa, layout->sizeimage);
	/* Odd frames are drawn over the frame before. */
	for (uint64_t frame = 0; frame < 4; frame++) {
		uint64_t time_ns = frame * 33333333ull + 3723004000000ull;

		cr_assert_eq(vcam_pattern_render(layout, expected, params,
						 frame, time_ns), 0);
		cr_assert_eq(vcam_pattern_renderer_draw(renderer, got, frame,
							time_ns, frame % 2), 0);
		cr_assert_eq(memcmp(expected, got, layout->sizeimage), 0,
			     "%s %ux%u (bytesperline %u) pattern %s%s, frame "
			     "%llu", layout->format->name, layout->width,
			     layout->height, layout->bytesperline,
			     vcam_pattern_name(params->kind),
			     params->overlay ? " with overlay" : "",
			     (unsigned long long)frame);
	}
	vcam_pattern_renderer_free(renderer);
	free(expected);
	free(got);
}

ParameterizedTest(struct size_case *size, pattern_renderer,
		  draws_what_render_draws)
{
	for (size_t f = 0; f < RAW_FORMAT_COUNT; f++) {
		struct vcam_frame_layout layout;

		cr_assert_eq(vcam_frame_layout_init(&layout, raw_formats[f],
				size->width, size->height,
				bytes_per_line(raw_formats[f], size->width,
					       size->line_padding)), 0);
		for (int kind = 0; kind < VCAM_PATTERN_COUNT; kind++) {
			struct vcam_pattern_params params = {
				.kind = (enum vcam_pattern)kind,
				.rgb = 0x336699, .cell = 8,
			};

			expect_same_frames(&layout, &params);
			params.overlay = true;
			expect_same_frames(&layout, &params);
		}
	}
}

Test(pattern_renderer, rejects_what_render_rejects)
{
	struct vcam_pattern_params smpte = { .kind = VCAM_PATTERN_SMPTE };
	struct vcam_pattern_params bad_colour = {
		.kind = VCAM_PATTERN_SOLID, .rgb = 0x1000000,
	};
	struct vcam_pattern_params unknown = { .kind = VCAM_PATTERN_COUNT };
	struct vcam_pattern_renderer *renderer = NULL;
	struct vcam_frame_layout mjpeg, yuyv;

	cr_assert_eq(vcam_frame_layout_init(&mjpeg, V4L2_PIX_FMT_MJPEG, 64, 48,
					    0), 0);
	cr_assert_eq(vcam_frame_layout_init(&yuyv, V4L2_PIX_FMT_YUYV, 64, 48,
					    0), 0);
	cr_expect_eq(vcam_pattern_renderer_new(&renderer, &mjpeg, &smpte),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_renderer_new(&renderer, &yuyv, &bad_colour),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_renderer_new(&renderer, &yuyv, &unknown),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_renderer_new(&renderer, NULL, &smpte),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_renderer_new(&renderer, &yuyv, NULL),
		     -EINVAL);
	cr_expect_eq(vcam_pattern_renderer_new(NULL, &yuyv, &smpte), -EINVAL);
	cr_expect_null(renderer);
	vcam_pattern_renderer_free(NULL);
}
