// SPDX-License-Identifier: GPL-2.0-only
/*
 * The MJPEG file reader: maps the file and hands out its images in order.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
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
	bool in_garbage;	/* pos is inside a run already counted */
	struct vcam_mjpeg_stats stats;
};

static void count_garbage(struct vcam_mjpeg_reader *reader, size_t bytes)
{
	if (bytes == 0)
		return;
	if (!reader->in_garbage)
		reader->stats.garbage_runs++;
	reader->stats.garbage_bytes += bytes;
}

/* Counts the run of garbage that ends at end. */
static void end_garbage(struct vcam_mjpeg_reader *reader, size_t start,
			size_t end)
{
	count_garbage(reader, end - start);
	reader->in_garbage = false;
}

/*
 * Finds the next complete image from reader->pos on, skipping what is not
 * one, as long as it starts within budget bytes. Returns 0, -ENOMSG or
 * -ENODATA as vcam_mjpeg_next() does, or -EAGAIN when no image starts
 * within the budget: the next call goes on from there.
 */
static int find_image(struct vcam_mjpeg_reader *reader,
		      struct vcam_jpeg_image *image, size_t budget)
{
	size_t garbage_start = reader->pos;
	size_t start = reader->pos;
	size_t limit = reader->size - reader->pos > budget ?
		       reader->pos + budget : reader->size;
	size_t end;

	for (;;) {
		/* An SOI whose first byte is before limit counts. */
		start = vcam_jpeg_find_soi(reader->data, limit < reader->size ?
					   limit + 1 : limit, start);
		if (start >= limit && limit < reader->size) {
			count_garbage(reader, limit - garbage_start);
			reader->in_garbage = true;
			reader->pos = limit;
			return -EAGAIN;
		}
		if (start >= limit) {
			end_garbage(reader, garbage_start, reader->size);
			reader->pos = reader->size;
			return -ENOMSG;
		}
		switch (vcam_jpeg_scan_image(reader->data, reader->size, start,
					     &end)) {
		case VCAM_JPEG_COMPLETE:
			end_garbage(reader, garbage_start, start);
			*image = (struct vcam_jpeg_image){
				.data = reader->data + start,
				.size = end - start,
				.offset = start,
			};
			reader->pos = end;
			return 0;
		case VCAM_JPEG_TRUNCATED:
			end_garbage(reader, garbage_start, start);
			reader->stats.truncations++;
			reader->pos = reader->size;
			return -ENODATA;
		case VCAM_JPEG_MALFORMED:
			start++;
			break;
		}
	}
}

int vcam_mjpeg_next_within(struct vcam_mjpeg_reader *reader,
			   struct vcam_jpeg_image *image, size_t budget)
{
	int ret;

	if (!reader || !image || budget == 0)
		return -EINVAL;
	ret = find_image(reader, image, budget);
	if (ret == 0)
		reader->stats.images++;
	return ret;
}

int vcam_mjpeg_next(struct vcam_mjpeg_reader *reader,
		    struct vcam_jpeg_image *image)
{
	return vcam_mjpeg_next_within(reader, image, SIZE_MAX);
}

void vcam_mjpeg_rewind(struct vcam_mjpeg_reader *reader)
{
	if (reader) {
		reader->pos = 0;
		reader->in_garbage = false;
	}
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
	int ret = find_image(reader, &image, SIZE_MAX);

	reader->pos = 0;
	reader->in_garbage = false;
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
