/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pixel formats vcam knows: names, fourccs and frame layouts.
 *
 * The layout rules here are the driver's: a size the library accepts is a
 * size VCAM_IOC_CREATE accepts, with the same bytesperline and sizeimage.
 */
#ifndef VCAM_FORMAT_H
#define VCAM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VCAM_SIZE_MIN 2u
#define VCAM_SIZE_MAX 8192u

/* Room for one JPEG frame on top of w * h * 3 bytes. */
#define VCAM_MJPEG_HEADROOM 16384u

#define VCAM_MAX_PLANES 3

/* How the bytes of a frame are arranged. */
enum vcam_format_kind {
	VCAM_FORMAT_PACKED,		/* one plane: YUYV, RGB24 */
	VCAM_FORMAT_SEMIPLANAR_420,	/* Y plane, interleaved CbCr plane: NV12 */
	VCAM_FORMAT_PLANAR_420,		/* Y, Cb and Cr planes: YU12 */
	VCAM_FORMAT_COMPRESSED,		/* a JPEG per frame: MJPEG */
};

struct vcam_format_info {
	uint32_t fourcc;		/* V4L2_PIX_FMT_* */
	const char *name;		/* canonical name, e.g. "YUYV" */
	const char *const *aliases;	/* lookup names, NULL-terminated */
	bool compressed;
	enum vcam_format_kind kind;
	uint32_t bytes_per_pixel;	/* of the first plane; 0 if compressed */
	uint32_t width_align;		/* width must be a multiple of this */
	uint32_t height_align;		/* height must be a multiple of this */
};

struct vcam_frame_layout {
	const struct vcam_format_info *format;
	uint32_t width;
	uint32_t height;
	uint32_t bytesperline;		/* of the first plane; 0 for MJPEG */
	uint32_t sizeimage;		/* bytes of a whole frame (bound for MJPEG) */
	unsigned int num_planes;	/* 0 for MJPEG */
	uint32_t plane_offset[VCAM_MAX_PLANES];
	uint32_t plane_stride[VCAM_MAX_PLANES];
};

/* The number of known formats, and each of them by index (NULL past the end). */
size_t vcam_format_count(void);
const struct vcam_format_info *vcam_format_at(size_t index);

/* The format with this fourcc, or NULL. */
const struct vcam_format_info *vcam_format_by_fourcc(uint32_t fourcc);

/* The format one of whose aliases is name, ignoring case, or NULL. */
const struct vcam_format_info *vcam_format_by_name(const char *name);

/*
 * Writes the canonical names, separated by ", ", into buf (for messages such
 * as "known formats: YUYV, NV12, ..."). Returns 0, -EINVAL if buf is NULL or
 * -ENOSPC if size is too small (buf then holds an empty string).
 */
int vcam_format_list_names(char *buf, size_t size);

/*
 * Fills layout for a frame of the format fourcc, width x height pixels and
 * bytesperline bytes per line (0: the minimum for the format).
 * Returns 0, or -EINVAL if the format is unknown or the combination invalid:
 * width or height outside 2..8192, odd width for YUYV, NV12 and YU12, odd
 * height for NV12 and YU12, bytesperline below the minimum (non-zero for
 * MJPEG), odd bytesperline for YU12, or a frame of 4 GiB or more.
 */
int vcam_frame_layout_init(struct vcam_frame_layout *layout, uint32_t fourcc,
			   uint32_t width, uint32_t height,
			   uint32_t bytesperline);

#endif /* VCAM_FORMAT_H */
