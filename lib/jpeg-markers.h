/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finding the bounds of JPEG images in a byte buffer by walking their
 * markers: segments are skipped by their length, and in the entropy-coded
 * data after SOS, stuffed 0xFF00 bytes and RSTn markers do not end anything.
 */
#ifndef VCAM_JPEG_MARKERS_H
#define VCAM_JPEG_MARKERS_H

#include <stddef.h>
#include <stdint.h>

enum vcam_jpeg_scan_result {
	VCAM_JPEG_COMPLETE,	/* an image from SOI to EOI */
	VCAM_JPEG_TRUNCATED,	/* the buffer ends before the image does */
	VCAM_JPEG_MALFORMED,	/* not a JPEG image's structure */
};

/* The offset of the next SOI at or after from, or size if there is none. */
size_t vcam_jpeg_find_soi(const uint8_t *data, size_t size, size_t from);

/*
 * Walks the image whose SOI is at start. For a complete image, *end is the
 * offset just past its EOI; otherwise *end is left as it is.
 */
enum vcam_jpeg_scan_result vcam_jpeg_scan_image(const uint8_t *data,
						size_t size, size_t start,
						size_t *end);

#endif /* VCAM_JPEG_MARKERS_H */
