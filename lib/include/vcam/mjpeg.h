/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading MJPEG files: raw concatenated JPEG images, as `ffmpeg -f mjpeg`
 * writes them, one image at a time.
 *
 * Images are found by walking their JPEG markers, not by searching for EOI.
 * Bytes that are not part of an image (before, between or after images,
 * including anything that starts with SOI but is not a well-formed image)
 * are skipped and counted as garbage.
 *
 * The file is mapped into memory: images point into the mapping and stay
 * valid until the reader is closed. Truncating the file while it is open
 * makes later accesses fault (SIGBUS), as with any mapped file.
 */
#ifndef VCAM_MJPEG_H
#define VCAM_MJPEG_H

#include <stddef.h>
#include <stdint.h>

struct vcam_mjpeg_reader;

/* One complete JPEG image, from its SOI to its EOI inclusive. */
struct vcam_jpeg_image {
	const uint8_t *data;
	size_t size;
	uint64_t offset;	/* of its SOI in the file */
};

/* Counts since the reader was opened, rewinds included. */
struct vcam_mjpeg_stats {
	uint64_t images;		/* complete images returned */
	uint64_t garbage_runs;		/* runs of skipped bytes */
	uint64_t garbage_bytes;		/* bytes in those runs */
	uint64_t truncations;		/* times a truncated image was met */
};

/*
 * Opens the MJPEG file at path and checks that it holds a JPEG image.
 * Returns 0, or -errno: from open(), fstat() or mmap() if the file cannot be
 * opened, -EISDIR for a directory, -ENODEV for anything else that is not a
 * regular file, -ENOMSG if the file holds no JPEG image (an empty file
 * included), -ENODATA if its first image is truncated, -EINVAL for a NULL
 * argument, -ENOMEM.
 */
int vcam_mjpeg_open(const char *path, struct vcam_mjpeg_reader **reader);

/* Unmaps and closes the file; NULL is ignored. */
void vcam_mjpeg_close(struct vcam_mjpeg_reader *reader);

/*
 * Sets *image to the next complete image. Returns 0; -ENOMSG at the end of
 * the file (call vcam_mjpeg_rewind() to loop); -ENODATA if the file ends in
 * the middle of an image, which is not returned (the next call returns
 * -ENOMSG); -EINVAL for a NULL argument.
 */
int vcam_mjpeg_next(struct vcam_mjpeg_reader *reader,
		    struct vcam_jpeg_image *image);

/*
 * The same, skipping at most budget bytes (at least 1) before the next image
 * starts: -EAGAIN when none starts within them, and the next call goes on
 * from there, so that a caller bounds the work of each call. An image that
 * starts within the budget is returned whatever its size.
 */
int vcam_mjpeg_next_within(struct vcam_mjpeg_reader *reader,
			   struct vcam_jpeg_image *image, size_t budget);

/* Goes back to the first image. */
void vcam_mjpeg_rewind(struct vcam_mjpeg_reader *reader);

/* The file's size in bytes. */
uint64_t vcam_mjpeg_file_size(const struct vcam_mjpeg_reader *reader);

void vcam_mjpeg_get_stats(const struct vcam_mjpeg_reader *reader,
			  struct vcam_mjpeg_stats *stats);

#endif /* VCAM_MJPEG_H */
