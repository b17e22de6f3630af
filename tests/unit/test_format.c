// SPDX-License-Identifier: GPL-2.0-only
/*
 * The format table and the frame layout rules. Expected sizes are worked out
 * by hand from the rules the driver shares, not from the library.
 */

#include <errno.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

#include "vcam/format.h"

struct alias_case {
	const char *name;
	uint32_t fourcc;
};

static const struct alias_case alias_cases[] = {
	{ "yuyv", V4L2_PIX_FMT_YUYV },	{ "YUYV", V4L2_PIX_FMT_YUYV },
	{ "yuy2", V4L2_PIX_FMT_YUYV },	{ "YuY2", V4L2_PIX_FMT_YUYV },
	{ "nv12", V4L2_PIX_FMT_NV12 },	{ "NV12", V4L2_PIX_FMT_NV12 },
	{ "yu12", V4L2_PIX_FMT_YUV420 },	{ "YU12", V4L2_PIX_FMT_YUV420 },
	{ "i420", V4L2_PIX_FMT_YUV420 },	{ "I420", V4L2_PIX_FMT_YUV420 },
	{ "rgb24", V4L2_PIX_FMT_RGB24 },	{ "RGB24", V4L2_PIX_FMT_RGB24 },
	{ "rgb3", V4L2_PIX_FMT_RGB24 },	{ "Rgb3", V4L2_PIX_FMT_RGB24 },
	{ "mjpeg", V4L2_PIX_FMT_MJPEG },	{ "MJPEG", V4L2_PIX_FMT_MJPEG },
	{ "mjpg", V4L2_PIX_FMT_MJPEG },	{ "MJPG", V4L2_PIX_FMT_MJPEG },
};

Test(format, every_alias_finds_its_format_ignoring_case)
{
	for (size_t i = 0; i < sizeof(alias_cases) / sizeof(alias_cases[0]); i++) {
		const struct vcam_format_info *format =
			vcam_format_by_name(alias_cases[i].name);

		cr_assert_not_null(format, "%s", alias_cases[i].name);
		cr_expect_eq(format->fourcc, alias_cases[i].fourcc, "%s",
			     alias_cases[i].name);
	}
}

Test(format, unknown_or_missing_names_find_nothing)
{
	cr_expect_null(vcam_format_by_name("h264"));
	cr_expect_null(vcam_format_by_name(""));
	cr_expect_null(vcam_format_by_name("yuyv "));
	cr_expect_null(vcam_format_by_name("yu"));
	cr_expect_null(vcam_format_by_name(NULL));
}

Test(format, fourccs_find_formats_with_canonical_names)
{
	static const struct alias_case canonical[] = {
		{ "YUYV", V4L2_PIX_FMT_YUYV },
		{ "NV12", V4L2_PIX_FMT_NV12 },
		{ "YU12", V4L2_PIX_FMT_YUV420 },
		{ "RGB24", V4L2_PIX_FMT_RGB24 },
		{ "MJPEG", V4L2_PIX_FMT_MJPEG },
	};

	for (size_t i = 0; i < 5; i++) {
		const struct vcam_format_info *format =
			vcam_format_by_fourcc(canonical[i].fourcc);

		cr_assert_not_null(format);
		cr_expect_str_eq(format->name, canonical[i].name);
	}
	cr_expect_eq(V4L2_PIX_FMT_RGB24, v4l2_fourcc('R', 'G', 'B', '3'));
	cr_expect_eq(V4L2_PIX_FMT_MJPEG, v4l2_fourcc('M', 'J', 'P', 'G'));
	cr_expect_null(vcam_format_by_fourcc(V4L2_PIX_FMT_H264));
	cr_expect_null(vcam_format_by_fourcc(0));
}

Test(format, only_mjpeg_is_compressed)
{
	cr_assert_eq(vcam_format_count(), 5);
	for (size_t i = 0; i < vcam_format_count(); i++) {
		const struct vcam_format_info *format = vcam_format_at(i);

		cr_expect_eq(format->compressed,
			     format->fourcc == V4L2_PIX_FMT_MJPEG, "%s",
			     format->name);
	}
	cr_expect_null(vcam_format_at(vcam_format_count()));
}

Test(format, name_list_is_comma_separated_canonical_names)
{
	char buf[64];

	cr_assert_eq(vcam_format_list_names(buf, sizeof(buf)), 0);
	cr_expect_str_eq(buf, "YUYV, NV12, YU12, RGB24, MJPEG");
}

Test(format, name_list_needs_room_for_every_name_and_the_terminator)
{
	const char *expected = "YUYV, NV12, YU12, RGB24, MJPEG";
	char buf[64];

	cr_expect_eq(vcam_format_list_names(buf, strlen(expected)), -ENOSPC);
	cr_expect_str_eq(buf, "");
	cr_expect_eq(vcam_format_list_names(buf, 0), -ENOSPC);
	cr_expect_eq(vcam_format_list_names(NULL, 64), -EINVAL);
	cr_expect_eq(vcam_format_list_names(buf, strlen(expected) + 1), 0);
	cr_expect_str_eq(buf, expected);
}

static struct vcam_frame_layout layout_of(uint32_t fourcc, uint32_t width,
					  uint32_t height, uint32_t bpl)
{
	struct vcam_frame_layout layout;
	int ret = vcam_frame_layout_init(&layout, fourcc, width, height, bpl);

	cr_assert_eq(ret, 0, "%ux%u bpl %u: %d", width, height, bpl, ret);
	return layout;
}

static int layout_error(uint32_t fourcc, uint32_t width, uint32_t height,
			uint32_t bpl)
{
	struct vcam_frame_layout layout;

	return vcam_frame_layout_init(&layout, fourcc, width, height, bpl);
}

Test(format, yuyv_has_two_bytes_per_pixel_in_one_plane)
{
	struct vcam_frame_layout l = layout_of(V4L2_PIX_FMT_YUYV, 640, 480, 0);

	cr_expect_eq(l.bytesperline, 1280);
	cr_expect_eq(l.sizeimage, 614400);
	cr_expect_eq(l.num_planes, 1);
	cr_expect_eq(l.plane_offset[0], 0);
	cr_expect_eq(l.plane_stride[0], 1280);
	cr_expect_eq(l.width, 640);
	cr_expect_eq(l.height, 480);
	cr_expect_eq(l.format->fourcc, V4L2_PIX_FMT_YUYV);
}

Test(format, rgb24_has_three_bytes_per_pixel_and_any_width)
{
	struct vcam_frame_layout l = layout_of(V4L2_PIX_FMT_RGB24, 641, 481, 0);

	cr_expect_eq(l.bytesperline, 1923);
	cr_expect_eq(l.sizeimage, 1923 * 481);
	cr_expect_eq(l.num_planes, 1);
	cr_expect_eq(l.plane_stride[0], 1923);
}

Test(format, nv12_has_an_interleaved_chroma_plane_after_luma)
{
	struct vcam_frame_layout l = layout_of(V4L2_PIX_FMT_NV12, 640, 480, 0);

	cr_expect_eq(l.bytesperline, 640);
	cr_expect_eq(l.sizeimage, 460800);
	cr_expect_eq(l.num_planes, 2);
	cr_expect_eq(l.plane_offset[0], 0);
	cr_expect_eq(l.plane_stride[0], 640);
	cr_expect_eq(l.plane_offset[1], 307200);
	cr_expect_eq(l.plane_stride[1], 640);
}

Test(format, yu12_has_u_then_v_planes_of_half_stride)
{
	struct vcam_frame_layout l = layout_of(V4L2_PIX_FMT_YUV420, 640, 480, 0);

	cr_expect_eq(l.bytesperline, 640);
	cr_expect_eq(l.sizeimage, 460800);
	cr_expect_eq(l.num_planes, 3);
	cr_expect_eq(l.plane_stride[0], 640);
	cr_expect_eq(l.plane_offset[1], 307200);
	cr_expect_eq(l.plane_stride[1], 320);
	cr_expect_eq(l.plane_offset[2], 384000);
	cr_expect_eq(l.plane_stride[2], 320);
}

Test(format, mjpeg_has_no_stride_and_a_bound_for_one_jpeg)
{
	struct vcam_frame_layout l = layout_of(V4L2_PIX_FMT_MJPEG, 641, 481, 0);

	cr_expect_eq(l.bytesperline, 0);
	cr_expect_eq(l.sizeimage, 641 * 481 * 3 + 16384);
	cr_expect_eq(l.num_planes, 0);
}

Test(format, smallest_and_largest_sizes_are_accepted)
{
	struct vcam_frame_layout l;

	l = layout_of(V4L2_PIX_FMT_NV12, 2, 2, 0);
	cr_expect_eq(l.sizeimage, 6);
	l = layout_of(V4L2_PIX_FMT_YUV420, 2, 2, 0);
	cr_expect_eq(l.sizeimage, 6);
	cr_expect_eq(l.plane_offset[1], 4);
	cr_expect_eq(l.plane_offset[2], 5);
	l = layout_of(V4L2_PIX_FMT_YUYV, 2, 3, 0);
	cr_expect_eq(l.sizeimage, 12);
	l = layout_of(V4L2_PIX_FMT_RGB24, 8192, 8192, 0);
	cr_expect_eq(l.sizeimage, 8192u * 8192u * 3u);
	l = layout_of(V4L2_PIX_FMT_MJPEG, 8192, 8192, 0);
	cr_expect_eq(l.sizeimage, 8192u * 8192u * 3u + 16384u);
	l = layout_of(V4L2_PIX_FMT_YUV420, 8192, 8192, 0);
	cr_expect_eq(l.sizeimage, 8192u * 8192u * 3u / 2u);
}

Test(format, sizes_outside_2_to_8192_are_rejected)
{
	for (size_t i = 0; i < vcam_format_count(); i++) {
		uint32_t fourcc = vcam_format_at(i)->fourcc;

		cr_expect_eq(layout_error(fourcc, 0, 480, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 640, 0, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 1, 480, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 640, 1, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 8194, 480, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 640, 8194, 0), -EINVAL);
		cr_expect_eq(layout_error(fourcc, 8193, 8193, 0), -EINVAL);
	}
}

Test(format, odd_sizes_are_rejected_where_chroma_is_subsampled)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUYV, 641, 480, 0), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUYV, 640, 481, 0), 0);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_NV12, 641, 480, 0), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_NV12, 640, 481, 0), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUV420, 641, 480, 0), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUV420, 640, 481, 0), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_RGB24, 3, 3, 0), 0);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_MJPEG, 3, 3, 0), 0);
}

Test(format, unknown_fourcc_or_missing_layout_is_rejected)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_H264, 640, 480, 0), -EINVAL);
	cr_expect_eq(layout_error(0, 640, 480, 0), -EINVAL);
	cr_expect_eq(vcam_frame_layout_init(NULL, V4L2_PIX_FMT_YUYV, 640, 480,
					    0), -EINVAL);
}

Test(format, larger_bytesperline_is_kept_and_sizes_follow_it)
{
	struct vcam_frame_layout l;

	l = layout_of(V4L2_PIX_FMT_YUYV, 640, 480, 1536);
	cr_expect_eq(l.bytesperline, 1536);
	cr_expect_eq(l.sizeimage, 1536 * 480);
	l = layout_of(V4L2_PIX_FMT_RGB24, 641, 2, 1925);
	cr_expect_eq(l.bytesperline, 1925);
	cr_expect_eq(l.sizeimage, 3850);
	l = layout_of(V4L2_PIX_FMT_NV12, 640, 480, 641);
	cr_expect_eq(l.sizeimage, 641 * 480 * 3 / 2);
	cr_expect_eq(l.plane_offset[1], 641 * 480);
	cr_expect_eq(l.plane_stride[1], 641);
	l = layout_of(V4L2_PIX_FMT_YUV420, 640, 480, 704);
	cr_expect_eq(l.sizeimage, 704 * 480 * 3 / 2);
	cr_expect_eq(l.plane_offset[1], 704 * 480);
	cr_expect_eq(l.plane_stride[1], 352);
	cr_expect_eq(l.plane_offset[2], 704 * 480 + 352 * 240);
	cr_expect_eq(l.plane_stride[2], 352);
}

Test(format, bytesperline_equal_to_the_minimum_is_the_same_as_zero)
{
	struct vcam_frame_layout given = layout_of(V4L2_PIX_FMT_YUYV, 320, 240, 640);
	struct vcam_frame_layout computed = layout_of(V4L2_PIX_FMT_YUYV, 320, 240, 0);

	cr_expect_eq(given.bytesperline, computed.bytesperline);
	cr_expect_eq(given.sizeimage, computed.sizeimage);
}

Test(format, bytesperline_below_the_minimum_is_rejected)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUYV, 640, 480, 1279), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_NV12, 640, 480, 639), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUV420, 640, 480, 638), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_RGB24, 640, 480, 1919), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_RGB24, 640, 480, 1), -EINVAL);
}

Test(format, mjpeg_rejects_any_bytesperline)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_MJPEG, 640, 480, 1), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_MJPEG, 640, 480, 1920), -EINVAL);
}

Test(format, yu12_rejects_odd_bytesperline)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUV420, 640, 480, 641), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUV420, 640, 480, 642), 0);
}

Test(format, frames_of_4_gib_or_more_are_rejected)
{
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUYV, 640, 8192, 524288), -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_NV12, 640, 8192, 0xffffffffu),
		     -EINVAL);
	cr_expect_eq(layout_error(V4L2_PIX_FMT_YUYV, 640, 8192, 524287), 0);
}

Test(format, a_rejected_layout_leaves_the_output_untouched)
{
	struct vcam_frame_layout layout = { .width = 7 };

	cr_expect_eq(vcam_frame_layout_init(&layout, V4L2_PIX_FMT_YUYV, 641,
					    480, 0), -EINVAL);
	cr_expect_eq(layout.width, 7);
}
