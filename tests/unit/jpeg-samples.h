/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test JPEG images made with TurboJPEG's compressor, and temporary files
 * built from them, so that the tests need no binary fixtures.
 */
#ifndef VCAM_TEST_JPEG_SAMPLES_H
#define VCAM_TEST_JPEG_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

struct bytes {
	uint8_t *data;
	size_t size;
};

/* What the image holds: a 0xRRGGBB colour per pixel. */
typedef uint32_t (*pixel_fn)(uint32_t x, uint32_t y, const void *arg);

struct sample_options {
	int subsampling;	/* TJSAMP_*, 4:2:0 if 0 */
	int quality;		/* 1..100, 100 if 0 */
	int flags;		/* TJFLAG_* */
	const char *restart;	/* TJ_RESTART value, e.g. "1", or NULL */
};

/* A JPEG image of width x height pixels; free its data with free(). */
struct bytes make_jpeg(uint32_t width, uint32_t height, pixel_fn pixel,
		       const void *arg, const struct sample_options *options);

/* A JPEG image of one colour, 4:2:0 at quality 100. */
struct bytes make_solid_jpeg(uint32_t width, uint32_t height, uint32_t rgb);

/* Pixel functions: one colour (arg: a uint32_t), grey noise (arg unused). */
uint32_t solid_pixel(uint32_t x, uint32_t y, const void *arg);
uint32_t noise_pixel(uint32_t x, uint32_t y, const void *arg);

/* Appends size bytes to buffer. */
void bytes_append(struct bytes *buffer, const void *data, size_t size);

/* Writes buffer to a new temporary file; returns its path, to free(). */
char *write_temp_file(const void *data, size_t size);

/* Removes the file and frees path. */
void remove_temp_file(char *path);

/* Whether the entropy-coded data of jpeg holds the marker 0xFF code. */
int entropy_data_has(const struct bytes *jpeg, uint8_t code);

#endif /* VCAM_TEST_JPEG_SAMPLES_H */
