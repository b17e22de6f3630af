// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test JPEG images and temporary files.
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <turbojpeg.h>

#include "jpeg-samples.h"

uint32_t solid_pixel(uint32_t x, uint32_t y, const void *arg)
{
	(void)x;
	(void)y;
	return *(const uint32_t *)arg;
}

uint32_t noise_pixel(uint32_t x, uint32_t y, const void *arg)
{
	uint32_t h = x * 0x9E3779B1u ^ y * 0x85EBCA77u;

	(void)arg;
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 12;
	return (h & 0xFF) * 0x010101u;
}

static uint8_t *render_rgb(uint32_t width, uint32_t height, pixel_fn pixel,
			   const void *arg)
{
	uint8_t *rgb = malloc((size_t)width * height * 3);
	uint8_t *p = rgb;

	cr_assert_not_null(rgb);
	for (uint32_t y = 0; y < height; y++) {
		for (uint32_t x = 0; x < width; x++) {
			uint32_t colour = pixel(x, y, arg);

			*p++ = (uint8_t)(colour >> 16);
			*p++ = (uint8_t)(colour >> 8);
			*p++ = (uint8_t)colour;
		}
	}
	return rgb;
}

static void set_restart(const char *restart)
{
	if (restart)
		setenv("TJ_RESTART", restart, 1);
	else
		unsetenv("TJ_RESTART");
}

struct bytes make_jpeg(uint32_t width, uint32_t height, pixel_fn pixel,
		       const void *arg, const struct sample_options *options)
{
	static const struct sample_options defaults = { 0 };
	const struct sample_options *o = options ? options : &defaults;
	uint8_t *rgb = render_rgb(width, height, pixel, arg);
	tjhandle handle = tjInitCompress();
	unsigned char *jpeg = NULL;
	unsigned long size = 0;
	struct bytes result;
	int ret;

	cr_assert_not_null(handle);
	set_restart(o->restart);
	ret = tjCompress2(handle, rgb, (int)width, 0, (int)height, TJPF_RGB,
			  &jpeg, &size,
			  o->subsampling ? o->subsampling : TJSAMP_420,
			  o->quality ? o->quality : 100, o->flags);
	set_restart(NULL);
	cr_assert_eq(ret, 0, "tjCompress2: %s", tjGetErrorStr2(handle));
	result.size = size;
	result.data = malloc(size);
	cr_assert_not_null(result.data);
	memcpy(result.data, jpeg, size);
	tjFree(jpeg);
	tjDestroy(handle);
	free(rgb);
	return result;
}

struct bytes make_solid_jpeg(uint32_t width, uint32_t height, uint32_t rgb)
{
	return make_jpeg(width, height, solid_pixel, &rgb, NULL);
}

void bytes_append(struct bytes *buffer, const void *data, size_t size)
{
	buffer->data = realloc(buffer->data, buffer->size + size + 1);
	cr_assert_not_null(buffer->data);
	if (size)
		memcpy(buffer->data + buffer->size, data, size);
	buffer->size += size;
}

char *write_temp_file(const void *data, size_t size)
{
	char *path = strdup("/tmp/vcam-test-mjpeg-XXXXXX");
	int fd;

	cr_assert_not_null(path);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0, "mkstemp failed");
	cr_assert_eq(write(fd, data, size), (ssize_t)size);
	close(fd);
	return path;
}

void remove_temp_file(char *path)
{
	unlink(path);
	free(path);
}

static size_t find_marker(const struct bytes *jpeg, size_t from, uint8_t code)
{
	for (size_t i = from; i + 1 < jpeg->size; i++)
		if (jpeg->data[i] == 0xFF && jpeg->data[i + 1] == code)
			return i;
	return jpeg->size;
}

int entropy_data_has(const struct bytes *jpeg, uint8_t code)
{
	size_t sos = find_marker(jpeg, 0, 0xDA);
	size_t header_end;

	if (sos + 4 > jpeg->size)
		return 0;
	header_end = sos + 2 + (jpeg->data[sos + 2] << 8 | jpeg->data[sos + 3]);
	return find_marker(jpeg, header_end, code) < jpeg->size;
}
