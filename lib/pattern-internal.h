/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the parts of the pattern renderer share: patterns are drawn a row at
 * a time in 16-bit R'G'B', then converted to the frame's format.
 */
#ifndef VCAM_PATTERN_INTERNAL_H
#define VCAM_PATTERN_INTERNAL_H

#include <stdint.h>

#include "vcam/format.h"
#include "vcam/pattern.h"

#define VCAM_RGB16_MAX 65535u

struct vcam_rgb16 {
	uint16_t r, g, b;
};

/* pattern-source.c: the pattern itself. */
struct vcam_pattern_source {
	const struct vcam_pattern_params *params;
	uint32_t width;
	uint64_t frame_number;
	uint64_t noise_state;
};

void vcam_pattern_source_init(struct vcam_pattern_source *source,
			      const struct vcam_pattern_params *params,
			      uint32_t width, uint64_t frame_number);
/* Rows must be asked for from top to bottom, each once. */
void vcam_pattern_source_row(struct vcam_pattern_source *source, uint32_t y,
			     struct vcam_rgb16 *row);

/* pattern-overlay.c: the frame counter and clock. */
#define VCAM_OVERLAY_TEXT_MAX 48
#define VCAM_LABEL_MAX 40

struct vcam_overlay {
	const uint8_t *glyphs[VCAM_OVERLAY_TEXT_MAX];	/* one per character */
	uint32_t length;				/* in characters */
	uint32_t x, y;		/* top left corner of the box */
	uint32_t width, height;	/* of the box, before clipping */
	uint32_t scale;
};

/* The box of the frame number and time, or of label if not NULL. */
void vcam_overlay_init(struct vcam_overlay *overlay, uint32_t frame_height,
		       uint64_t frame_number, uint64_t time_ns,
		       const char *label);
void vcam_overlay_draw_row(const struct vcam_overlay *overlay, uint32_t y,
			   struct vcam_rgb16 *row, uint32_t width);

/* pattern-font.c: 5 x 7 glyphs, one byte per row, bit 4 the leftmost pixel. */
#define VCAM_FONT_WIDTH 5u
#define VCAM_FONT_HEIGHT 7u

const uint8_t *vcam_font_glyph(char c);

/* pattern-write.c: conversion of rows into the frame's format. */
unsigned int vcam_rows_per_write(const struct vcam_frame_layout *layout);
/* Writes row y, or rows y and y + 1 for 4:2:0 formats (bottom is row y + 1). */
void vcam_write_rows(const struct vcam_frame_layout *layout, uint8_t *frame,
		     uint32_t y, const struct vcam_rgb16 *top,
		     const struct vcam_rgb16 *bottom);
/* Copies the pixels written from row from (and from + 1 for 4:2:0) to row to. */
void vcam_copy_rows(const struct vcam_frame_layout *layout, uint8_t *frame,
		    uint32_t from, uint32_t to);

/* pattern.c: the render loop. */
/* Checks render arguments; *checked is layout as the layout rules make it. */
int vcam_pattern_check(const struct vcam_frame_layout *layout,
		       const struct vcam_pattern_params *params,
		       struct vcam_frame_layout *checked);
/*
 * Renders rows first..end - 1 of a checked layout, as vcam_pattern_render()
 * renders them; first and end are multiples of vcam_rows_per_write(). Only
 * patterns whose rows do not depend on the rows above (all but "noise") may
 * start below row 0.
 */
int vcam_pattern_render_rows(const struct vcam_frame_layout *layout,
			     void *frame,
			     const struct vcam_pattern_params *params,
			     uint64_t frame_number, uint64_t time_ns,
			     uint32_t first, uint32_t end);

#endif /* VCAM_PATTERN_INTERNAL_H */
