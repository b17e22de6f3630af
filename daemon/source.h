/* SPDX-License-Identifier: GPL-2.0-only */
/* Where a camera's frames come from: a test pattern or an MJPEG file. */
#ifndef VCAMD_SOURCE_H
#define VCAMD_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vcam/config.h>
#include <vcam/format.h>

struct source;

/* Opens the source cfg names for frames of layout; errors go in message. */
int source_open(struct source **source, const struct vcam_camera_config *cfg,
		const struct vcam_frame_layout *layout, char *message,
		size_t size);

/*
 * Renders frame number `frame` into frame memory; *length is the payload.
 * holds_earlier_frame: frame memory holds a frame this source rendered
 * before, so only what changed need be drawn. Returns 0, or -ENODATA when
 * the source has nothing to give (an MJPEG file that ended without
 * looping): the caller then shows a placeholder.
 */
int source_render(struct source *source, void *frame, uint64_t frame_number,
		  uint64_t time_ns, bool holds_earlier_frame, uint32_t *length);

void source_close(struct source *source);

#endif
