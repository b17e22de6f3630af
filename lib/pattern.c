// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test patterns: names, argument checks and the render loop.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names.h"
#include "pattern-internal.h"

static const char *const pattern_names[VCAM_PATTERN_COUNT] = {
	[VCAM_PATTERN_SMPTE] = "smpte",
	[VCAM_PATTERN_BARS100] = "bars100",
	[VCAM_PATTERN_MOVING] = "moving",
	[VCAM_PATTERN_CHECKER] = "checker",
	[VCAM_PATTERN_SOLID] = "solid",
	[VCAM_PATTERN_GRADIENT] = "gradient",
	[VCAM_PATTERN_NOISE] = "noise",
};

int vcam_pattern_by_name(const char *name, enum vcam_pattern *kind)
{
	if (!name || !kind)
		return -EINVAL;
	for (int i = 0; i < VCAM_PATTERN_COUNT; i++) {
		if (strcasecmp(pattern_names[i], name) == 0) {
			*kind = (enum vcam_pattern)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *vcam_pattern_name(enum vcam_pattern kind)
{
	if ((unsigned int)kind >= VCAM_PATTERN_COUNT)
		return NULL;
	return pattern_names[kind];
}

int vcam_pattern_list_names(char *buf, size_t size)
{
	return vcam_join_names(buf, size, pattern_names, VCAM_PATTERN_COUNT);
}

static bool params_are_valid(const struct vcam_pattern_params *params)
{
	return (unsigned int)params->kind < VCAM_PATTERN_COUNT &&
	       params->rgb <= 0xffffff;
}

/*
 * The caller's layout, checked against the layout rules: only its format,
 * size and bytesperline are trusted.
 */
static int checked_layout(const struct vcam_frame_layout *given,
			  struct vcam_frame_layout *checked)
{
	int ret;

	if (!given->format || given->format->compressed)
		return -EINVAL;
	ret = vcam_frame_layout_init(checked, given->format->fourcc,
				     given->width, given->height,
				     given->bytesperline);
	if (ret)
		return ret;
	if (checked->sizeimage != given->sizeimage)
		return -EINVAL;
	return 0;
}

/*
 * Rows are drawn a step (one row, or two for 4:2:0) at a time into one half
 * of rows; the other half holds the previous step. Most patterns repeat rows,
 * so a step equal to the previous one is copied in the frame, not converted.
 */
struct render_state {
	const struct vcam_frame_layout *layout;
	uint8_t *frame;
	const struct vcam_overlay *overlay;	/* NULL if none */
	struct vcam_pattern_source source;
	struct vcam_rgb16 *rows;		/* 2 steps of 2 rows */
};

static struct vcam_rgb16 *step_rows(const struct render_state *state,
				    unsigned int half)
{
	return state->rows + (size_t)half * 2 * state->layout->width;
}

static void draw_step(struct render_state *state, uint32_t y,
		      unsigned int step, struct vcam_rgb16 *rows)
{
	uint32_t width = state->layout->width;

	for (unsigned int i = 0; i < step; i++) {
		struct vcam_rgb16 *row = rows + (size_t)i * width;

		vcam_pattern_source_row(&state->source, y + i, row);
		if (state->overlay)
			vcam_overlay_draw_row(state->overlay, y + i, row, width);
	}
}

/* Draws rows first..end - 1; first and end are multiples of the step. */
static void render_rows(struct render_state *state, uint32_t first,
			uint32_t end)
{
	const struct vcam_frame_layout *layout = state->layout;
	unsigned int step = vcam_rows_per_write(layout);
	size_t step_size = (size_t)step * layout->width * sizeof(*state->rows);
	unsigned int current = 0;

	for (uint32_t y = first; y < end; y += step) {
		struct vcam_rgb16 *rows = step_rows(state, current);
		const struct vcam_rgb16 *previous = step_rows(state, !current);

		draw_step(state, y, step, rows);
		if (y > first && memcmp(rows, previous, step_size) == 0)
			vcam_copy_rows(layout, state->frame, y - step, y);
		else
			vcam_write_rows(layout, state->frame, y, rows,
					rows + layout->width);
		current = !current;
	}
}

int vcam_pattern_render_rows(const struct vcam_frame_layout *layout,
			     void *frame,
			     const struct vcam_pattern_params *params,
			     uint64_t frame_number, uint64_t time_ns,
			     uint32_t first, uint32_t end)
{
	struct vcam_overlay overlay;
	struct render_state state = { .layout = layout, .frame = frame };

	state.rows = calloc(4 * (size_t)layout->width, sizeof(*state.rows));
	if (!state.rows)
		return -ENOMEM;
	vcam_pattern_source_init(&state.source, params, layout->width,
				 frame_number);
	if (params->overlay || params->label) {
		vcam_overlay_init(&overlay, layout->height, frame_number,
				  time_ns, params->label);
		state.overlay = &overlay;
	}
	render_rows(&state, first, end);
	free(state.rows);
	return 0;
}

int vcam_pattern_check(const struct vcam_frame_layout *layout,
		       const struct vcam_pattern_params *params,
		       struct vcam_frame_layout *checked)
{
	if (!layout || !params || !params_are_valid(params))
		return -EINVAL;
	return checked_layout(layout, checked);
}

int vcam_pattern_render(const struct vcam_frame_layout *layout, void *frame,
			const struct vcam_pattern_params *params,
			uint64_t frame_number, uint64_t time_ns)
{
	struct vcam_frame_layout checked;
	int ret;

	if (!frame)
		return -EINVAL;
	ret = vcam_pattern_check(layout, params, &checked);
	if (ret)
		return ret;
	return vcam_pattern_render_rows(&checked, frame, params, frame_number,
					time_ns, 0, checked.height);
}
