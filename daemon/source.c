// SPDX-License-Identifier: GPL-2.0-only
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/pattern.h>

#include "source-mjpeg.h"

struct source {
	enum vcam_source_kind kind;
	struct vcam_frame_layout layout;
	struct vcam_pattern_renderer *pattern;
	struct mjpeg_source *mjpeg;
};

static int open_pattern(struct source *s, const struct vcam_camera_config *cfg,
			char *message, size_t size)
{
	int ret = vcam_pattern_renderer_new(&s->pattern, &s->layout,
					    &cfg->source.pattern);

	if (ret)
		snprintf(message, size, "%s", ret == -ENOMEM ? "out of memory" :
			 "the pattern cannot be drawn in the camera's format: "
			 "choose a raw format");
	return ret;
}

int source_open(struct source **source, const struct vcam_camera_config *cfg,
		const struct vcam_frame_layout *layout, char *message,
		size_t size)
{
	struct source *s = calloc(1, sizeof(*s));
	int ret = 0;

	if (!s) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	s->kind = cfg->source.kind;
	s->layout = *layout;
	if (s->kind == VCAM_SOURCE_MJPEG)
		ret = mjpeg_source_open(&s->mjpeg, cfg->name, &cfg->source,
					layout, message, size);
	else
		ret = open_pattern(s, cfg, message, size);
	if (ret) {
		free(s);
		return ret;
	}
	*source = s;
	return 0;
}

int source_render(struct source *source, void *frame, uint64_t frame_number,
		  uint64_t time_ns, bool holds_earlier_frame, uint32_t *length)
{
	if (source->kind == VCAM_SOURCE_MJPEG)
		return mjpeg_source_render(source->mjpeg, frame, length);
	*length = source->layout.sizeimage;
	return vcam_pattern_renderer_draw(source->pattern, frame, frame_number,
					  time_ns, holds_earlier_frame);
}

void source_close(struct source *source)
{
	if (!source)
		return;
	if (source->mjpeg)
		mjpeg_source_close(source->mjpeg);
	vcam_pattern_renderer_free(source->pattern);
	free(source);
}
