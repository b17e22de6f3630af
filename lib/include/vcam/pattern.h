/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test patterns, rendered into a frame of any raw format vcam knows.
 *
 * Colours: RGB24 frames hold R, G, B bytes in that order. YUYV, NV12 and
 * YU12 frames hold BT.601 limited-range values (Y 16..235, Cb and Cr
 * 16..240), rounded to nearest from the exact conversion. A chroma sample is
 * the average of the pixels it covers: two side by side in YUYV, a 2 x 2
 * block in NV12 and YU12.
 *
 * The patterns:
 * - "smpte": the top section of SMPTE ECR 1-1978 bars over the whole frame,
 *   seven 75% bars of equal width: white, yellow, cyan, green, magenta, red,
 *   blue. 75% is exactly 0.75 before conversion to Y'CbCr (so 75% yellow is
 *   Y=162 Cb=44 Cr=142) and 191 in RGB24.
 * - "bars100": eight 100% bars: white, yellow, cyan, green, magenta, red,
 *   blue, black.
 * - "moving": a white vertical bar, 1/16 of the width (at least 2 pixels),
 *   on black; its left edge is at x = 4 * frame_number modulo the width, and
 *   it wraps around the right edge.
 * - "checker": white and black squares of `cell` pixels (32 if 0), white at
 *   the top left.
 * - "solid": the colour `rgb` (0xRRGGBB) everywhere.
 * - "gradient": a grey ramp from black at the left column to white at the
 *   right column.
 * - "noise": grey noise from a pseudo-random generator seeded with the frame
 *   number: the same frame number gives the same frame.
 *
 * The overlay, when asked for, is a black box at (8, 8) holding the text
 * "FRAME <n> HH:MM:SS.mmm" in white: n is the frame number, at least 8
 * digits, and the time is time_ns modulo one day. Glyphs are 5 x 7 pixels on
 * a 6 x 8 grid, scaled by s = max(1, height / 240); the box is
 * (6 * s * characters + 4 * s) x (12 * s) pixels, clipped to the frame. It
 * starts and ends on even coordinates, so no chroma sample outside it
 * changes.
 * A label, when given, is drawn in the same box instead of the frame number
 * and time, whether or not the overlay is asked for: at most 40 characters
 * of capital letters, digits, ':', '.' and spaces (others are drawn as
 * spaces), so that a placeholder says what it is ("NO SIGNAL").
 */
#ifndef VCAM_PATTERN_H
#define VCAM_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcam/format.h"

enum vcam_pattern {
	VCAM_PATTERN_SMPTE,
	VCAM_PATTERN_BARS100,
	VCAM_PATTERN_MOVING,
	VCAM_PATTERN_CHECKER,
	VCAM_PATTERN_SOLID,
	VCAM_PATTERN_GRADIENT,
	VCAM_PATTERN_NOISE,
	VCAM_PATTERN_COUNT
};

#define VCAM_PATTERN_DEFAULT_CELL 32u

struct vcam_pattern_params {
	enum vcam_pattern kind;
	uint32_t rgb;		/* "solid": 0xRRGGBB */
	unsigned int cell;	/* "checker": square size in pixels, 0: default */
	bool overlay;		/* draw the frame counter and time */
	const char *label;	/* NULL, or text drawn in the overlay's box;
				 * kept valid while a renderer uses it */
};

/* Sets *kind to the pattern called name (ignoring case): 0 or -EINVAL. */
int vcam_pattern_by_name(const char *name, enum vcam_pattern *kind);

/* The name of a pattern, or NULL if kind is not one. */
const char *vcam_pattern_name(enum vcam_pattern kind);

/*
 * Writes the pattern names, separated by ", ", into buf. Returns 0, -EINVAL
 * if buf is NULL or -ENOSPC if size is too small (buf then holds "").
 */
int vcam_pattern_list_names(char *buf, size_t size);

/*
 * Renders frame number frame_number of a pattern into frame, which holds
 * layout->sizeimage bytes; bytes past each line's pixels are left as they
 * are. time_ns is the time the overlay shows.
 * Returns 0, -EINVAL for a compressed or invalid layout, an unknown pattern,
 * a colour above 0xFFFFFF or a NULL argument, or -ENOMEM.
 */
int vcam_pattern_render(const struct vcam_frame_layout *layout, void *frame,
			const struct vcam_pattern_params *params,
			uint64_t frame_number, uint64_t time_ns);

/*
 * A renderer draws one pattern's frames, byte for byte as
 * vcam_pattern_render() does, at a fraction of the cost for patterns that
 * stay the same from frame to frame ("smpte", "bars100", "checker",
 * "solid", "gradient"): their frame is drawn once, then copied, and only
 * the overlay's rows are drawn anew.
 * vcam_pattern_renderer_new() returns 0, -EINVAL for arguments
 * vcam_pattern_render() rejects, or -ENOMEM.
 */
struct vcam_pattern_renderer;

int vcam_pattern_renderer_new(struct vcam_pattern_renderer **renderer,
			      const struct vcam_frame_layout *layout,
			      const struct vcam_pattern_params *params);

/*
 * Renders frame number frame_number into frame: 0 or -ENOMEM. With
 * holds_earlier_frame, frame holds a frame this renderer drew before, and
 * only what differs from it is drawn.
 */
int vcam_pattern_renderer_draw(const struct vcam_pattern_renderer *renderer,
			       void *frame, uint64_t frame_number,
			       uint64_t time_ns, bool holds_earlier_frame);

void vcam_pattern_renderer_free(struct vcam_pattern_renderer *renderer);

#endif /* VCAM_PATTERN_H */
