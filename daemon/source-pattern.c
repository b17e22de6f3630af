// SPDX-License-Identifier: GPL-2.0-only
/* Test patterns as a source: drawn at every tick, one renderer a camera. */

#include <errno.h>
#include <stdio.h>
#include <vcam/pattern.h>

#include "source-kind.h"

static int pattern_open(struct source *source,
			const struct vcam_camera_config *cfg,
			const struct source_input *input,
			const struct vcam_frame_layout *layout, char *message,
			size_t size)
{
	struct vcam_pattern_renderer *renderer;
	int ret;

	(void)input;
	ret = vcam_pattern_renderer_new(&renderer, layout,
					&cfg->source.pattern);
	if (ret) {
		snprintf(message, size, "%s", ret == -ENOMEM ? "out of memory" :
			 "the pattern cannot be drawn in the camera's format: "
			 "choose a raw format");
		return ret;
	}
	source->data = renderer;
	return 0;
}

static int pattern_render(struct source *source,
			  const struct vcam_frame_layout *layout, void *frame,
			  const struct source_tick *tick, uint32_t *length)
{
	*length = layout->sizeimage;
	return vcam_pattern_renderer_draw(source->data, frame,
					  tick->frame_number, tick->time_ns,
					  tick->holds_earlier_frame);
}

static void pattern_close(struct source *source)
{
	vcam_pattern_renderer_free(source->data);
}

const struct source_ops source_pattern_ops = {
	.open = pattern_open,
	.render = pattern_render,
	.close = pattern_close,
};
