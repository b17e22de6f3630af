// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MJPEG file reader, over files of JPEG images made by TurboJPEG.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <turbojpeg.h>

#include "jpeg-samples.h"
#include "vcam/mjpeg.h"

#define SAMPLE_COUNT 3

static struct bytes samples[SAMPLE_COUNT];
static struct bytes file_bytes;
static char *file_path;
static struct vcam_mjpeg_reader *reader;

static void make_samples(void)
{
	struct sample_options progressive = {
		.subsampling = TJSAMP_444, .flags = TJFLAG_PROGRESSIVE,
	};

	samples[0] = make_solid_jpeg(64, 48, 0xFF0000);
	samples[1] = make_jpeg(40, 30, noise_pixel, NULL, NULL);
	samples[2] = make_jpeg(32, 32, noise_pixel, NULL, &progressive);
}

static void free_samples(void)
{
	for (int i = 0; i < SAMPLE_COUNT; i++) {
		free(samples[i].data);
		samples[i] = (struct bytes){ 0 };
	}
	free(file_bytes.data);
	file_bytes = (struct bytes){ 0 };
	vcam_mjpeg_close(reader);
	reader = NULL;
	if (file_path)
		remove_temp_file(file_path);
	file_path = NULL;
}

static void append(const void *data, size_t size)
{
	bytes_append(&file_bytes, data, size);
}

static void append_sample(int index)
{
	append(samples[index].data, samples[index].size);
}

static int open_file(void)
{
	file_path = write_temp_file(file_bytes.data, file_bytes.size);
	return vcam_mjpeg_open(file_path, &reader);
}

static void open_file_ok(void)
{
	int ret = open_file();

	cr_assert_eq(ret, 0, "vcam_mjpeg_open: %s", strerror(-ret));
}

static void expect_image(const struct bytes *expected)
{
	struct vcam_jpeg_image image;
	int ret = vcam_mjpeg_next(reader, &image);

	cr_assert_eq(ret, 0, "vcam_mjpeg_next: %s", strerror(-ret));
	cr_assert_eq(image.size, expected->size);
	cr_assert_eq(memcmp(image.data, expected->data, expected->size), 0);
}

static void expect_next(int expected)
{
	struct vcam_jpeg_image image;

	cr_assert_eq(vcam_mjpeg_next(reader, &image), expected);
}

TestSuite(mjpeg_reader, .init = make_samples, .fini = free_samples);

Test(mjpeg_reader, returns_every_image_byte_for_byte_in_file_order)
{
	struct vcam_mjpeg_stats stats;

	for (int i = 0; i < SAMPLE_COUNT; i++)
		append_sample(i);
	open_file_ok();
	for (int i = 0; i < SAMPLE_COUNT; i++)
		expect_image(&samples[i]);
	expect_next(-ENOMSG);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.images, SAMPLE_COUNT);
	cr_expect_eq(stats.garbage_runs, 0);
	cr_expect_eq(stats.truncations, 0);
	cr_expect_eq(vcam_mjpeg_file_size(reader), file_bytes.size);
}

Test(mjpeg_reader, gives_the_images_offsets_in_the_file)
{
	struct vcam_jpeg_image image;

	append_sample(0);
	append_sample(1);
	open_file_ok();
	cr_assert_eq(vcam_mjpeg_next(reader, &image), 0);
	cr_expect_eq(image.offset, 0);
	cr_assert_eq(vcam_mjpeg_next(reader, &image), 0);
	cr_expect_eq(image.offset, samples[0].size);
}

Test(mjpeg_reader, starts_again_from_the_first_image_after_rewind)
{
	for (int i = 0; i < SAMPLE_COUNT; i++)
		append_sample(i);
	open_file_ok();
	for (int loop = 0; loop < 3; loop++) {
		for (int i = 0; i < SAMPLE_COUNT; i++)
			expect_image(&samples[i]);
		expect_next(-ENOMSG);
		expect_next(-ENOMSG);
		vcam_mjpeg_rewind(reader);
	}
}

Test(mjpeg_reader, rewinds_in_the_middle_of_the_file)
{
	append_sample(0);
	append_sample(1);
	open_file_ok();
	expect_image(&samples[0]);
	vcam_mjpeg_rewind(reader);
	expect_image(&samples[0]);
	expect_image(&samples[1]);
}

Test(mjpeg_reader, skips_and_counts_garbage_before_between_and_after_images)
{
	static const uint8_t leading[] = "not a jpeg";
	/* Stray marker bytes, an SOI that starts no image, an EOI. */
	static const uint8_t between[] = {
		0x00, 0xFF, 0xFF, 0xD8, 0x00, 0x12, 0xFF, 0xD9, 0xFF,
	};
	static const uint8_t trailing[] = { 0xFF, 0xD9, 0x0A };
	struct vcam_mjpeg_stats stats;

	append(leading, sizeof(leading));
	append_sample(0);
	append(between, sizeof(between));
	append_sample(1);
	append_sample(2);
	append(trailing, sizeof(trailing));
	open_file_ok();
	for (int i = 0; i < SAMPLE_COUNT; i++)
		expect_image(&samples[i]);
	expect_next(-ENOMSG);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.images, SAMPLE_COUNT);
	cr_expect_eq(stats.garbage_runs, 3);
	cr_expect_eq(stats.garbage_bytes,
		     sizeof(leading) + sizeof(between) + sizeof(trailing));
}

Test(mjpeg_reader, skips_an_image_cut_short_by_the_next_one_as_garbage)
{
	struct vcam_mjpeg_stats stats;
	size_t cut = samples[1].size / 2;

	append_sample(0);
	append(samples[1].data, cut);
	append_sample(2);
	open_file_ok();
	expect_image(&samples[0]);
	expect_image(&samples[2]);
	expect_next(-ENOMSG);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.garbage_runs, 1);
	cr_expect_eq(stats.garbage_bytes, cut);
}

Test(mjpeg_reader, reports_a_truncated_last_image_after_the_complete_ones)
{
	struct vcam_mjpeg_stats stats;

	append_sample(0);
	append_sample(1);
	append(samples[2].data, samples[2].size / 2);
	open_file_ok();
	expect_image(&samples[0]);
	expect_image(&samples[1]);
	expect_next(-ENODATA);
	expect_next(-ENOMSG);
	vcam_mjpeg_rewind(reader);
	expect_image(&samples[0]);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.truncations, 1);
	cr_expect_eq(stats.images, 3);
}

Test(mjpeg_reader, reports_an_image_truncated_at_any_byte)
{
	const struct bytes *last = &samples[1];

	for (size_t cut = 2; cut < last->size; cut++) {
		append_sample(0);
		append(last->data, cut);
		open_file_ok();
		expect_image(&samples[0]);
		expect_next(-ENODATA);
		vcam_mjpeg_close(reader);
		reader = NULL;
		remove_temp_file(file_path);
		file_path = NULL;
		file_bytes.size = 0;
	}
}

Test(mjpeg_reader, keeps_stuffed_bytes_and_restart_markers_inside_the_image)
{
	struct sample_options restarts = { .restart = "1" };
	struct bytes noisy = make_jpeg(64, 64, noise_pixel, NULL, &restarts);

	cr_assert(entropy_data_has(&noisy, 0x00), "no stuffed 0xFF00 byte");
	cr_assert(entropy_data_has(&noisy, 0xD0), "no RST0 marker");
	cr_assert(entropy_data_has(&noisy, 0xD1), "no RST1 marker");
	append(noisy.data, noisy.size);
	append_sample(0);
	append(noisy.data, noisy.size);
	open_file_ok();
	expect_image(&noisy);
	expect_image(&samples[0]);
	expect_image(&noisy);
	expect_next(-ENOMSG);
	free(noisy.data);
}

Test(mjpeg_reader, does_not_end_an_image_at_marker_bytes_inside_a_segment)
{
	/* A comment whose text holds EOI and SOI, and fill bytes before EOI. */
	static const uint8_t comment[] = {
		0xFF, 0xFE, 0x00, 0x08, 0xFF, 0xD9, 0xFF, 0xD8, 0xFF, 0xD9,
	};
	struct bytes crafted = { 0 };
	const struct bytes *base = &samples[0];

	bytes_append(&crafted, base->data, 2);
	bytes_append(&crafted, comment, sizeof(comment));
	bytes_append(&crafted, base->data + 2, base->size - 4);
	bytes_append(&crafted, "\xFF\xFF\xFF", 3);
	bytes_append(&crafted, base->data + base->size - 2, 2);
	append(crafted.data, crafted.size);
	append_sample(1);
	open_file_ok();
	expect_image(&crafted);
	expect_image(&samples[1]);
	expect_next(-ENOMSG);
	free(crafted.data);
}

Test(mjpeg_reader, stops_skipping_garbage_at_the_byte_budget_and_goes_on)
{
	static const uint8_t zeros[10000];
	struct vcam_jpeg_image image;
	struct vcam_mjpeg_stats stats;

	append_sample(0);
	append(zeros, sizeof(zeros));
	append_sample(1);
	open_file_ok();
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), 0);
	cr_assert_eq(image.size, samples[0].size);
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), -EAGAIN);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.garbage_bytes, 4096);
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), -EAGAIN);
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), 0);
	cr_assert_eq(image.size, samples[1].size);
	cr_assert_eq(memcmp(image.data, samples[1].data, image.size), 0);
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), -ENOMSG);
	vcam_mjpeg_get_stats(reader, &stats);
	cr_expect_eq(stats.images, 2);
	cr_expect_eq(stats.garbage_runs, 1);
	cr_expect_eq(stats.garbage_bytes, sizeof(zeros));
}

Test(mjpeg_reader, finds_an_image_that_starts_at_the_budget_edge)
{
	static const uint8_t zeros[4095];
	struct vcam_jpeg_image image;

	append_sample(0);
	append(zeros, sizeof(zeros));
	append_sample(1);
	open_file_ok();
	expect_image(&samples[0]);
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 4096), 0);
	cr_assert_eq(image.size, samples[1].size);
}

Test(mjpeg_reader, refuses_a_budget_of_no_bytes)
{
	struct vcam_jpeg_image image;

	append_sample(0);
	open_file_ok();
	cr_assert_eq(vcam_mjpeg_next_within(reader, &image, 0), -EINVAL);
}

Test(mjpeg_reader, rejects_an_empty_file)
{
	cr_expect_eq(open_file(), -ENOMSG);
	cr_expect_null(reader);
}

Test(mjpeg_reader, rejects_a_file_without_a_jpeg_image)
{
	static const uint8_t garbage[] = { 0xFF, 0xD8, 0x00, 0xFF, 0xD9, 'x' };

	append(garbage, sizeof(garbage));
	cr_expect_eq(open_file(), -ENOMSG);
}

Test(mjpeg_reader, rejects_a_file_whose_only_image_is_truncated)
{
	append(samples[0].data, samples[0].size - 1);
	cr_expect_eq(open_file(), -ENODATA);
}

Test(mjpeg_reader, accepts_garbage_before_the_first_image)
{
	append("garbage", 7);
	append_sample(0);
	open_file_ok();
	expect_image(&samples[0]);
}

Test(mjpeg_reader, returns_the_open_error_of_a_missing_file)
{
	cr_expect_eq(vcam_mjpeg_open("/nonexistent/vcam.mjpeg", &reader),
		     -ENOENT);
}

Test(mjpeg_reader, refuses_a_directory)
{
	cr_expect_eq(vcam_mjpeg_open("/tmp", &reader), -EISDIR);
}

Test(mjpeg_reader, refuses_null_arguments)
{
	struct vcam_jpeg_image image;

	cr_expect_eq(vcam_mjpeg_open(NULL, &reader), -EINVAL);
	cr_expect_eq(vcam_mjpeg_open("/tmp", NULL), -EINVAL);
	cr_expect_eq(vcam_mjpeg_next(NULL, &image), -EINVAL);
}
