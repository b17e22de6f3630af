// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pattern renderer: a pattern that does not change between frames is
 * drawn once and copied (a copy costs a fiftieth of drawing a 720p frame),
 * and only the rows of the overlay are drawn for each frame.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pattern-internal.h"

struct vcam_pattern_renderer {
	struct vcam_frame_layout layout;
	struct vcam_pattern_params params;
	uint8_t *base;		/* the frame without overlay; NULL: none */
	uint32_t row_bytes[VCAM_MAX_PLANES];	/* pixel bytes of a line */
	uint32_t overlay_first, overlay_end;	/* the overlay's rows */
};

static bool is_static(enum vcam_pattern kind)
{
	return kind != VCAM_PATTERN_MOVING && kind != VCAM_PATTERN_NOISE;
}

/* The rows the overlay box covers, clipped to the frame. */
static void find_overlay_rows(struct vcam_pattern_renderer *renderer)
{
	struct vcam_overlay overlay;
	uint32_t height = renderer->layout.height;

	vcam_overlay_init(&overlay, height, 0, 0, renderer->params.label);
	renderer->overlay_first = overlay.y < height ? overlay.y : height;
	renderer->overlay_end = overlay.y + overlay.height < height ?
				overlay.y + overlay.height : height;
}

static int draw_base(struct vcam_pattern_renderer *renderer)
{
	struct vcam_pattern_params plain = renderer->params;
	struct vcam_frame_layout minimal;
	int ret;

	plain.overlay = false;
	renderer->base = malloc(renderer->layout.sizeimage);
	if (!renderer->base)
		return -ENOMEM;
	ret = vcam_frame_layout_init(&minimal, renderer->layout.format->fourcc,
				     renderer->layout.width,
				     renderer->layout.height, 0);
	if (ret)
		return ret;
	for (unsigned int i = 0; i < minimal.num_planes; i++)
		renderer->row_bytes[i] = minimal.plane_stride[i];
	find_overlay_rows(renderer);
	return vcam_pattern_render_rows(&renderer->layout, renderer->base,
					&plain, 0, 0, 0,
					renderer->layout.height);
}

int vcam_pattern_renderer_new(struct vcam_pattern_renderer **renderer,
			      const struct vcam_frame_layout *layout,
			      const struct vcam_pattern_params *params)
{
	struct vcam_pattern_renderer *new_renderer;
	int ret;

	if (!renderer)
		return -EINVAL;
	new_renderer = calloc(1, sizeof(*new_renderer));
	if (!new_renderer)
		return -ENOMEM;
	ret = vcam_pattern_check(layout, params, &new_renderer->layout);
	if (!ret) {
		new_renderer->params = *params;
		if (is_static(params->kind))
			ret = draw_base(new_renderer);
	}
	if (ret) {
		vcam_pattern_renderer_free(new_renderer);
		return ret;
	}
	*renderer = new_renderer;
	return 0;
}

static uint32_t plane_rows(const struct vcam_frame_layout *layout,
			   unsigned int plane)
{
	return plane ? layout->height / 2 : layout->height;
}

/* Copies the base's pixels; bytes past each line's pixels stay as they are. */
static void copy_base(const struct vcam_pattern_renderer *renderer,
		      uint8_t *frame)
{
	const struct vcam_frame_layout *layout = &renderer->layout;

	for (unsigned int plane = 0; plane < layout->num_planes; plane++) {
		uint32_t offset = layout->plane_offset[plane];
		uint32_t stride = layout->plane_stride[plane];
		uint32_t rows = plane_rows(layout, plane);

		if (stride == renderer->row_bytes[plane]) {
			memcpy(frame + offset, renderer->base + offset,
			       (size_t)stride * rows);
			continue;
		}
		for (uint32_t row = 0; row < rows; row++)
			memcpy(frame + offset + (size_t)stride * row,
			       renderer->base + offset + (size_t)stride * row,
			       renderer->row_bytes[plane]);
	}
}

int vcam_pattern_renderer_draw(const struct vcam_pattern_renderer *renderer,
			       void *frame, uint64_t frame_number,
			       uint64_t time_ns, bool holds_earlier_frame)
{
	if (!renderer->base)
		return vcam_pattern_render_rows(&renderer->layout, frame,
						&renderer->params,
						frame_number, time_ns, 0,
						renderer->layout.height);
	if (!holds_earlier_frame)
		copy_base(renderer, frame);
	if (!renderer->params.overlay)
		return 0;
	return vcam_pattern_render_rows(&renderer->layout, frame,
					&renderer->params, frame_number,
					time_ns, renderer->overlay_first,
					renderer->overlay_end);
}

void vcam_pattern_renderer_free(struct vcam_pattern_renderer *renderer)
{
	if (!renderer)
		return;
	free(renderer->base);
	free(renderer);
}
