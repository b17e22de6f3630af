// SPDX-License-Identifier: GPL-2.0-only
/*
 * The overlay: frame number and time in white on a black box at the top
 * left of the frame (geometry documented in vcam/pattern.h).
 */

#include <inttypes.h>
#include <stdio.h>

#include "pattern-internal.h"

#define OVERLAY_MARGIN 8u
#define NS_PER_MS 1000000ull
#define MS_PER_DAY (24ull * 3600 * 1000)

/* Cells of the glyph grid, in unscaled pixels. */
#define CELL_WIDTH (VCAM_FONT_WIDTH + 1)
#define CELL_HEIGHT (VCAM_FONT_HEIGHT + 1)
#define PADDING 2u

static const struct vcam_rgb16 overlay_text = {
	VCAM_RGB16_MAX, VCAM_RGB16_MAX, VCAM_RGB16_MAX
};
static const struct vcam_rgb16 overlay_background = { 0, 0, 0 };

static int format_text(char *text, size_t size, uint64_t frame_number,
		       uint64_t time_ns)
{
	uint64_t ms = time_ns / NS_PER_MS % MS_PER_DAY;

	return snprintf(text, size, "FRAME %08" PRIu64 " %02u:%02u:%02u.%03u",
			frame_number, (unsigned int)(ms / 3600000),
			(unsigned int)(ms / 60000 % 60),
			(unsigned int)(ms / 1000 % 60),
			(unsigned int)(ms % 1000));
}

void vcam_overlay_init(struct vcam_overlay *overlay, uint32_t frame_height,
		       uint64_t frame_number, uint64_t time_ns,
		       const char *label)
{
	char text[VCAM_OVERLAY_TEXT_MAX];
	int length = label ? snprintf(text, sizeof(text), "%.*s",
				      VCAM_LABEL_MAX, label) :
		     format_text(text, sizeof(text), frame_number, time_ns);

	/* The longest text, with a 20-digit frame number, fits. */
	overlay->length = (uint32_t)length;
	for (uint32_t i = 0; i < overlay->length; i++)
		overlay->glyphs[i] = vcam_font_glyph(text[i]);
	overlay->scale = frame_height / 240 ? frame_height / 240 : 1;
	overlay->x = OVERLAY_MARGIN;
	overlay->y = OVERLAY_MARGIN;
	overlay->width = overlay->scale *
			 (CELL_WIDTH * overlay->length + 2 * PADDING);
	overlay->height = overlay->scale * (CELL_HEIGHT + 2 * PADDING);
}

/* Whether the pixel at (column, row) of the text area, in unscaled pixels, is lit. */
static bool text_pixel_is_lit(const struct vcam_overlay *overlay,
			      uint32_t column, uint32_t row)
{
	uint32_t character = column / CELL_WIDTH;
	uint32_t glyph_column = column % CELL_WIDTH;

	if (character >= overlay->length || glyph_column >= VCAM_FONT_WIDTH ||
	    row >= VCAM_FONT_HEIGHT)
		return false;
	return overlay->glyphs[character][row] >>
	       (VCAM_FONT_WIDTH - 1 - glyph_column) & 1;
}

void vcam_overlay_draw_row(const struct vcam_overlay *overlay, uint32_t y,
			   struct vcam_rgb16 *row, uint32_t width)
{
	uint32_t scale = overlay->scale;
	uint32_t end = overlay->x + overlay->width;
	uint32_t text_row;

	if (y < overlay->y || y >= overlay->y + overlay->height)
		return;
	if (end > width)
		end = width;
	text_row = (y - overlay->y) / scale;
	for (uint32_t x = overlay->x; x < end; x++) {
		uint32_t text_column = (x - overlay->x) / scale;
		bool lit = text_row >= PADDING && text_column >= PADDING &&
			   text_pixel_is_lit(overlay, text_column - PADDING,
					     text_row - PADDING);

		row[x] = lit ? overlay_text : overlay_background;
	}
}
