/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An MJPEG file as a camera's source: JPEGs relayed unchanged to MJPEG
 * cameras, decoded for raw ones. A JPEG that does not decode is skipped
 * and counted, and logged the first time.
 */
#ifndef VCAMD_SOURCE_MJPEG_H
#define VCAMD_SOURCE_MJPEG_H

#include <stddef.h>
#include <stdint.h>
#include <vcam/config.h>
#include <vcam/format.h>

struct mjpeg_source;

int mjpeg_source_open(struct mjpeg_source **source, const char *camera,
		      const struct vcam_camera_source *cfg,
		      const struct vcam_frame_layout *layout, char *message,
		      size_t size);

/*
 * Writes the next frame. At the end of a file that does not loop, the last
 * frame again. -ENODATA if the file has no usable frame at all.
 */
int mjpeg_source_render(struct mjpeg_source *source, void *frame,
			uint32_t *length);

void mjpeg_source_close(struct mjpeg_source *source);

#endif
