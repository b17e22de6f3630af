// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MJPEG file reader: maps the file and hands out its images in order.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "jpeg-markers.h"
#include "vcam/mjpeg.h"

struct vcam_mjpeg_reader {
	const uint8_t *data;
	size_t size;
	size_t pos;		/* where the search for the next image starts */
	struct vcam_mjpeg_stats stats;
};

static void count_garbage(struct vcam_mjpeg_reader *reader, size_t bytes)
{
	if (bytes == 0)
		return;
	reader->stats.garbage_runs++;
	reader->stats.garbage_bytes += bytes;
}

/*
 * Finds the next complete image from reader->pos on, skipping what is not
 * one. Returns 0, -ENOMSG or -ENODATA as vcam_mjpeg_next() does.
 */
static int find_image(struct vcam_mjpeg_reader *reader,
		      struct vcam_jpeg_image *image)
{
	size_t garbage_start = reader->pos;
	size_t start = reader->pos;
	size_t end;

	for (;;) {
		start = vcam_jpeg_find_soi(reader->data, reader->size, start);
		if (start == reader->size) {
			count_garbage(reader, reader->size - garbage_start);
			reader->pos = reader->size;
			return -ENOMSG;
		}
		switch (vcam_jpeg_scan_image(reader->data, reader->size, start,
					     &end)) {
		case VCAM_JPEG_COMPLETE:
			count_garbage(reader, start - garbage_start);
			*image = (struct vcam_jpeg_image){
				.data = reader->data + start,
				.size = end - start,
				.offset = start,
			};
			reader->pos = end;
			return 0;
		case VCAM_JPEG_TRUNCATED:
			count_garbage(reader, start - garbage_start);
			reader->stats.truncations++;
			reader->pos = reader->size;
			return -ENODATA;
		case VCAM_JPEG_MALFORMED:
			start++;
			break;
		}
	}
}

int vcam_mjpeg_next(struct vcam_mjpeg_reader *reader,
		    struct vcam_jpeg_image *image)
{
	int ret;

	if (!reader || !image)
		return -EINVAL;
	ret = find_image(reader, image);
	if (ret == 0)
		reader->stats.images++;
	return ret;
}

void vcam_mjpeg_rewind(struct vcam_mjpeg_reader *reader)
{
	if (reader)
		reader->pos = 0;
}

uint64_t vcam_mjpeg_file_size(const struct vcam_mjpeg_reader *reader)
{
	return reader ? reader->size : 0;
}

void vcam_mjpeg_get_stats(const struct vcam_mjpeg_reader *reader,
			  struct vcam_mjpeg_stats *stats)
{
	if (reader && stats)
		*stats = reader->stats;
}

static int check_regular_file(int fd, size_t *size)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -ENODEV;
	if ((uint64_t)st.st_size > SIZE_MAX)
		return -EFBIG;
	*size = (size_t)st.st_size;
	return 0;
}

static int map_file(const char *path, const uint8_t **data, size_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	void *map;
	int ret;

	if (fd < 0)
		return -errno;
	ret = check_regular_file(fd, size);
	if (ret == 0 && *size == 0)
		ret = -ENOMSG;
	if (ret == 0) {
		map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			ret = -errno;
		} else {
			madvise(map, *size, MADV_SEQUENTIAL);
			*data = map;
		}
	}
	close(fd);
	return ret;
}

/* Checks that the file starts, maybe after garbage, with a complete image. */
static int check_first_image(struct vcam_mjpeg_reader *reader)
{
	struct vcam_jpeg_image image;
	int ret = find_image(reader, &image);

	reader->pos = 0;
	reader->stats = (struct vcam_mjpeg_stats){ 0 };
	return ret;
}

int vcam_mjpeg_open(const char *path, struct vcam_mjpeg_reader **reader)
{
	struct vcam_mjpeg_reader *result;
	int ret;

	if (!path || !reader)
		return -EINVAL;
	result = calloc(1, sizeof(*result));
	if (!result)
		return -ENOMEM;
	ret = map_file(path, &result->data, &result->size);
	if (ret == 0)
		ret = check_first_image(result);
	if (ret) {
		vcam_mjpeg_close(result);
		return ret;
	}
	*reader = result;
	return 0;
}

void vcam_mjpeg_close(struct vcam_mjpeg_reader *reader)
{
	if (!reader)
		return;
	if (reader->data)
		munmap((void *)reader->data, reader->size);
	free(reader);
}
