// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamd's MJPEG source: what a render shows and how many images it may
 * read, over files of good and refused JPEGs made by TurboJPEG.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <linux/videodev2.h>
#include <vcam/config.h>
#include <vcam/format.h>
#include <vcam/mjpeg.h>

#include "jpeg-samples.h"
#include "source-mjpeg.h"

#define RED 0xFF0000
#define BLUE 0x0000FF

static struct vcam_frame_layout layout;
static struct bytes file_bytes;
static char *file_path;
static struct mjpeg_source *source;
static uint8_t *frame;

static void setup(void)
{
	cr_assert_eq(vcam_frame_layout_init(&layout, V4L2_PIX_FMT_RGB24, 16, 16,
					    0), 0);
	frame = malloc(layout.sizeimage);
	cr_assert_not_null(frame);
}

static void teardown(void)
{
	mjpeg_source_close(source);
	source = NULL;
	if (file_path)
		remove_temp_file(file_path);
	file_path = NULL;
	free(file_bytes.data);
	file_bytes = (struct bytes){ 0 };
	free(frame);
}

static void append_solid(uint32_t rgb)
{
	struct bytes jpeg = make_solid_jpeg(16, 16, rgb);

	bytes_append(&file_bytes, jpeg.data, jpeg.size);
	free(jpeg.data);
}

/* A well-formed JPEG whose header says 16000x12000: refused at once. */
static void append_too_large(void)
{
	struct bytes jpeg = make_solid_jpeg(16, 16, RED);
	size_t i;

	for (i = 2; i + 8 < jpeg.size; i++)
		if (jpeg.data[i] == 0xFF && jpeg.data[i + 1] == 0xC0)
			break;
	cr_assert_lt(i + 8, jpeg.size, "the sample has no SOF0 marker");
	jpeg.data[i + 5] = 12000 >> 8;
	jpeg.data[i + 6] = 12000 & 0xFF;
	jpeg.data[i + 7] = 16000 >> 8;
	jpeg.data[i + 8] = 16000 & 0xFF;
	bytes_append(&file_bytes, jpeg.data, jpeg.size);
	free(jpeg.data);
}

static void open_source(void)
{
	struct vcam_camera_source cfg = {
		.kind = VCAM_SOURCE_MJPEG,
		.loop = true,
	};
	char message[256] = "";

	file_path = write_temp_file(file_bytes.data, file_bytes.size);
	snprintf(cfg.path, sizeof(cfg.path), "%s", file_path);
	cr_assert_eq(mjpeg_source_open(&source, "Test", &cfg, &layout, message,
				       sizeof(message)), 0, "%s", message);
}

static uint64_t images_read(void)
{
	struct vcam_mjpeg_stats stats;

	mjpeg_source_get_stats(source, &stats);
	return stats.images;
}

static void assert_frame_is(uint32_t rgb)
{
	const uint8_t want[3] = { rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF };

	for (int c = 0; c < 3; c++)
		cr_assert_leq(abs(frame[c] - want[c]), 2,
			      "channel %d is %u, expected %u", c, frame[c],
			      want[c]);
}

TestSuite(mjpeg_source, .init = setup, .fini = teardown);

Test(mjpeg_source, reads_at_most_two_images_a_render_when_none_decodes)
{
	uint32_t length = 0;

	for (int i = 0; i < 3; i++)
		append_too_large();
	open_source();
	for (int render = 0; render < 20; render++) {
		uint64_t before = images_read();

		cr_assert_eq(mjpeg_source_render(source, frame, &length),
			     -ENODATA);
		cr_assert_leq(images_read() - before, 2,
			      "render %d read %llu images", render,
			      (unsigned long long)(images_read() - before));
	}
}

Test(mjpeg_source, stops_reading_after_a_whole_pass_without_a_good_image)
{
	uint32_t length = 0;
	uint64_t after_ten;

	for (int i = 0; i < 3; i++)
		append_too_large();
	open_source();
	for (int render = 0; render < 10; render++)
		mjpeg_source_render(source, frame, &length);
	after_ten = images_read();
	cr_assert_leq(after_ten, 4, "%llu images read for a file of 3",
		      (unsigned long long)after_ten);
	for (int render = 0; render < 10; render++)
		cr_assert_eq(mjpeg_source_render(source, frame, &length),
			     -ENODATA);
	cr_assert_eq(images_read(), after_ten);
}

Test(mjpeg_source, skips_at_most_a_mebibyte_of_garbage_a_render)
{
	static uint8_t zeros[3 << 20];
	struct vcam_mjpeg_stats before, after;
	uint32_t length = 0;

	append_solid(RED);
	bytes_append(&file_bytes, zeros, sizeof(zeros));
	open_source();
	for (int render = 0; render < 12; render++) {
		mjpeg_source_get_stats(source, &before);
		cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
		assert_frame_is(RED);
		mjpeg_source_get_stats(source, &after);
		cr_assert_leq(after.garbage_bytes - before.garbage_bytes,
			      1u << 20, "render %d skipped %llu bytes", render,
			      (unsigned long long)(after.garbage_bytes -
						   before.garbage_bytes));
	}
	mjpeg_source_get_stats(source, &after);
	cr_assert_geq(after.images, 3, "the file was not looped");
}

Test(mjpeg_source, skips_a_refused_image_between_good_ones)
{
	uint32_t length = 0;

	append_solid(RED);
	append_too_large();
	append_solid(BLUE);
	open_source();
	cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
	cr_assert_eq(length, layout.sizeimage);
	assert_frame_is(RED);
	cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
	assert_frame_is(BLUE);
	cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
	assert_frame_is(RED);
}

Test(mjpeg_source, repeats_the_last_good_frame_while_it_skips_bad_ones)
{
	uint32_t length = 0;
	int reds = 0;

	append_solid(RED);
	for (int i = 0; i < 6; i++)
		append_too_large();
	append_solid(BLUE);
	open_source();
	for (int render = 0; render < 4; render++) {
		uint64_t before = images_read();

		cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
		cr_assert_leq(images_read() - before, 2);
		assert_frame_is(RED);
		reds++;
	}
	cr_assert_eq(mjpeg_source_render(source, frame, &length), 0);
	assert_frame_is(BLUE);
	cr_assert_eq(reds, 4);
}
