// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamd's conversion of a real device's frames: copied when the modes
 * match, unpacked from YUYV, YU12 (with padded lines) and NV12 into any raw
 * camera, JPEG relayed or decoded (once for cameras of one layout), and
 * frames that cannot be shown refused.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <linux/videodev2.h>
#include <vcam/format.h>

#include "jpeg-samples.h"
#include "v4l2-frame.h"

#define W 8
#define H 4

static struct v4l2_frame_converter converter;
static char reason[256];

static void teardown(void)
{
	v4l2_frame_converter_free(&converter);
}

TestSuite(v4l2_frame, .fini = teardown);

static struct vcam_frame_layout camera(uint32_t fourcc)
{
	struct vcam_frame_layout layout;

	cr_assert_eq(vcam_frame_layout_init(&layout, fourcc, W, H, 0), 0);
	return layout;
}

static struct v4l2_pix_format mode(uint32_t fourcc, uint32_t bytesperline)
{
	return (struct v4l2_pix_format){
		.pixelformat = fourcc, .width = W, .height = H,
		.bytesperline = bytesperline,
	};
}

/* Y = 16 + x + 10 y, Cb = 100 + x, Cr = 200 - y: every sample its own. */
static uint8_t luma(uint32_t x, uint32_t y) { return (uint8_t)(16 + x + 10 * y); }
static uint8_t cb(uint32_t x) { return (uint8_t)(100 + x); }
static uint8_t cr(uint32_t y) { return (uint8_t)(200 - y); }

static void fill_yuyv(uint8_t *data, uint32_t stride)
{
	for (uint32_t y = 0; y < H; y++) {
		for (uint32_t x = 0; x < W; x += 2) {
			uint8_t *p = data + y * stride + 2 * x;

			p[0] = luma(x, y);
			p[1] = cb(x / 2);
			p[2] = luma(x + 1, y);
			p[3] = cr(y);
		}
	}
}

/* YU12 with padded lines, or NV12: chroma of 2 x 2 blocks. */
static void fill_420(uint8_t *data, uint32_t fourcc, uint32_t stride)
{
	uint8_t *chroma = data + stride * H;

	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			data[y * stride + x] = luma(x, y);
	for (uint32_t y = 0; y < H / 2; y++) {
		for (uint32_t x = 0; x < W / 2; x++) {
			if (fourcc == V4L2_PIX_FMT_NV12) {
				chroma[y * stride + 2 * x] = cb(x);
				chroma[y * stride + 2 * x + 1] = cr(y);
			} else {
				chroma[y * stride / 2 + x] = cb(x);
				chroma[stride / 2 * (H / 2) + y * stride / 2 + x] =
					cr(y);
			}
		}
	}
}

static void expect_yu12_luma(const uint8_t *out)
{
	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			cr_expect_eq(out[y * W + x], luma(x, y),
				     "Y at %u,%u", x, y);
}

static int convert(const struct v4l2_pix_format *format, const void *data,
		   uint32_t bytes, uint64_t id,
		   const struct vcam_frame_layout *layout, void *out,
		   uint32_t *length)
{
	const struct v4l2_frame frame = { format, data, bytes, id, false };

	return v4l2_frame_convert(&converter, &frame, layout, out, length,
				  reason, sizeof(reason));
}

Test(v4l2_frame, copies_a_frame_of_the_cameras_own_mode)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUYV);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint8_t data[2 * W * H], out[2 * W * H];
	uint32_t length;

	fill_yuyv(data, 2 * W);
	cr_assert_eq(convert(&format, data, sizeof(data), 1, &layout, out,
			     &length), 0);
	cr_expect_eq(length, sizeof(out));
	cr_expect_arr_eq(out, data, sizeof(out));
}

Test(v4l2_frame, unpacks_yuyv_into_a_yu12_camera)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUV420);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint8_t data[2 * W * H], out[W * H * 3 / 2];
	uint32_t length;

	fill_yuyv(data, 2 * W);
	cr_assert_eq(convert(&format, data, sizeof(data), 1, &layout, out,
			     &length), 0, "%s", reason);
	expect_yu12_luma(out);
	/* Nearest sample: a 2 x 2 block's centre falls on its lower row. */
	cr_expect_eq(out[W * H + 1], cb(1));
	cr_expect_eq(out[W * H + W * H / 4 + (W / 2)], cr(3));
}

Test(v4l2_frame, reads_yu12_with_padded_lines_into_a_yuyv_camera)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUYV);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUV420, 2 * W);
	uint8_t data[2 * W * H * 3 / 2], out[2 * W * H];
	uint32_t length;

	memset(data, 0xEE, sizeof(data));
	fill_420(data, V4L2_PIX_FMT_YUV420, 2 * W);
	cr_assert_eq(convert(&format, data, sizeof(data), 1, &layout, out,
			     &length), 0, "%s", reason);
	for (uint32_t y = 0; y < H; y++) {
		for (uint32_t x = 0; x < W; x += 2) {
			const uint8_t *p = out + y * 2 * W + 2 * x;

			cr_expect_eq(p[0], luma(x, y));
			cr_expect_eq(p[1], cb(x / 2), "Cb at %u,%u", x, y);
			cr_expect_eq(p[2], luma(x + 1, y));
			cr_expect_eq(p[3], cr(y / 2), "Cr at %u,%u", x, y);
		}
	}
}

Test(v4l2_frame, reads_nv12_into_a_yu12_camera)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUV420);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_NV12, W);
	uint8_t data[W * H * 3 / 2], out[W * H * 3 / 2];
	uint32_t length;

	fill_420(data, V4L2_PIX_FMT_NV12, W);
	cr_assert_eq(convert(&format, data, sizeof(data), 1, &layout, out,
			     &length), 0, "%s", reason);
	expect_yu12_luma(out);
	for (uint32_t i = 0; i < W / 2; i++)
		cr_expect_eq(out[W * H + W / 2 + i], cb(i));
	cr_expect_eq(out[W * H + W * H / 4 + W / 2], cr(1));
}

Test(v4l2_frame, unpacks_a_frame_again_only_when_it_is_new)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUV420);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint8_t data[2 * W * H], out[W * H * 3 / 2];
	uint32_t length;

	fill_yuyv(data, 2 * W);
	cr_assert_eq(convert(&format, data, sizeof(data), 7, &layout, out,
			     &length), 0);
	data[0] = 99;
	cr_assert_eq(convert(&format, data, sizeof(data), 7, &layout, out,
			     &length), 0);
	cr_expect_eq(out[0], luma(0, 0), "frame 7 was unpacked once");
	cr_assert_eq(convert(&format, data, sizeof(data), 8, &layout, out,
			     &length), 0);
	cr_expect_eq(out[0], 99);
}

Test(v4l2_frame, refuses_a_frame_shorter_than_its_mode)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUYV);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint8_t data[2 * W * H], out[2 * W * H];
	uint32_t length;

	cr_expect_eq(convert(&format, data, sizeof(data) - 1, 1, &layout, out,
			     &length), -EBADMSG);
	cr_expect_str_eq(reason, "a frame of 63 bytes is shorter than its mode");
}

Test(v4l2_frame, refuses_raw_frames_for_an_mjpeg_camera)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_MJPEG);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint8_t data[2 * W * H];
	uint8_t *out = malloc(layout.sizeimage);
	uint32_t length;

	cr_expect_eq(convert(&format, data, sizeof(data), 1, &layout, out,
			     &length), -ENOTSUP);
	cr_expect_str_eq(reason, "the device gives raw frames and vcamd does not encode JPEG: choose a raw format for the camera");
	free(out);
}

Test(v4l2_frame, relays_jpeg_to_an_mjpeg_camera_as_it_is)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_MJPEG);
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_MJPEG, 0);
	static const uint8_t jpeg[] = { 0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9 };
	uint8_t *out = malloc(layout.sizeimage);
	uint32_t length;

	cr_assert_eq(convert(&format, jpeg, sizeof(jpeg), 1, &layout, out,
			     &length), 0);
	cr_expect_eq(length, sizeof(jpeg));
	cr_expect_arr_eq(out, jpeg, sizeof(jpeg));
	free(out);
}

/* Decodes jpeg as frame id, shared or not, into a fresh YUYV frame. */
static uint8_t *decode(const struct bytes *jpeg, uint64_t id, bool shared,
		       const struct vcam_frame_layout *layout)
{
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_MJPEG, 0);
	const struct v4l2_frame frame = {
		&format, jpeg->data, (uint32_t)jpeg->size, id, shared
	};
	uint8_t *out = calloc(1, layout->sizeimage);
	uint32_t length;

	cr_assert_not_null(out);
	cr_assert_eq(v4l2_frame_convert(&converter, &frame, layout, out,
					&length, reason, sizeof(reason)), 0,
		     "%s", reason);
	return out;
}

Test(v4l2_frame, decodes_a_shared_jpeg_once_for_cameras_of_one_layout)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUYV);
	struct bytes red = make_solid_jpeg(W, H, 0xFF0000);
	uint8_t *first = decode(&red, 5, true, &layout);
	uint8_t *again;

	/* The same frame id: what was decoded, though the bytes changed. */
	memset(red.data + red.size / 2, 0, red.size / 2);
	again = decode(&red, 5, true, &layout);
	cr_expect_arr_eq(again, first, layout.sizeimage);
	free(again);
	free(first);
	free(red.data);
}

Test(v4l2_frame, decodes_every_jpeg_that_is_not_shared)
{
	struct vcam_frame_layout layout = camera(V4L2_PIX_FMT_YUYV);
	struct bytes red = make_solid_jpeg(W, H, 0xFF0000);
	struct bytes blue = make_solid_jpeg(W, H, 0x0000FF);
	uint8_t *first = decode(&red, 5, false, &layout);
	uint8_t *second = decode(&blue, 5, false, &layout);

	cr_expect_neq(memcmp(first, second, layout.sizeimage), 0);
	free(first);
	free(second);
	free(red.data);
	free(blue.data);
}

Test(v4l2_frame, decodes_a_shared_jpeg_again_for_another_layout)
{
	struct vcam_frame_layout yuyv = camera(V4L2_PIX_FMT_YUYV);
	struct vcam_frame_layout nv12 = camera(V4L2_PIX_FMT_NV12);
	struct bytes red = make_solid_jpeg(W, H, 0xFF0000);
	uint8_t *first = decode(&red, 5, true, &yuyv);
	uint8_t *other = decode(&red, 5, true, &nv12);

	/* NV12 red: luma 81 everywhere, then Cb 90 and Cr 240 pairs. */
	cr_expect_eq(other[0], first[0]);
	cr_expect_eq(other[W * H], 90);
	cr_expect_eq(other[W * H + 1], 240);
	free(first);
	free(other);
	free(red.data);
}

/* v4l2_frame_as_is(): which frames may be queued in the device's buffer. */
static bool as_is(const struct v4l2_pix_format *format, uint32_t bytes,
		  size_t capacity, uint32_t fourcc, uint32_t *length)
{
	struct vcam_frame_layout layout = camera(fourcc);
	struct v4l2_frame frame = { .format = format, .bytes = bytes };

	return v4l2_frame_as_is(&frame, capacity, &layout, length);
}

Test(v4l2_frame, queues_a_whole_frame_of_the_cameras_mode_as_it_is)
{
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	uint32_t length = 0;

	cr_assert(as_is(&format, 2 * W * H, 4096, V4L2_PIX_FMT_YUYV, &length));
	cr_assert_eq(length, 2 * W * H);
}

Test(v4l2_frame, copies_a_frame_of_another_mode_a_short_one_or_a_small_buffer)
{
	struct v4l2_pix_format yuyv = mode(V4L2_PIX_FMT_YUYV, 2 * W);
	struct v4l2_pix_format padded = mode(V4L2_PIX_FMT_YUYV, 2 * W + 16);
	uint32_t length;

	cr_assert_not(as_is(&yuyv, 2 * W * H, 4096, V4L2_PIX_FMT_YUV420,
			    &length));
	cr_assert_not(as_is(&padded, (2 * W + 16) * H, 4096,
			    V4L2_PIX_FMT_YUYV, &length));
	cr_assert_not(as_is(&yuyv, 2 * W * H - 1, 4096, V4L2_PIX_FMT_YUYV,
			    &length));
	cr_assert_not(as_is(&yuyv, 2 * W * H, 2 * W * H - 1,
			    V4L2_PIX_FMT_YUYV, &length));
	cr_assert_not(as_is(&yuyv, 2 * W * H, 4096, V4L2_PIX_FMT_MJPEG,
			    &length));
}

Test(v4l2_frame, queues_a_jpeg_for_an_mjpeg_camera_with_its_payload)
{
	struct v4l2_pix_format format = mode(V4L2_PIX_FMT_MJPEG, 0);
	uint32_t length = 0;

	cr_assert(as_is(&format, 7, 4096, V4L2_PIX_FMT_MJPEG, &length));
	cr_assert_eq(length, 7);
	cr_assert_not(as_is(&format, 0, 4096, V4L2_PIX_FMT_MJPEG, &length));
	cr_assert_not(as_is(&format, 7, 4096, V4L2_PIX_FMT_YUYV, &length));
}
