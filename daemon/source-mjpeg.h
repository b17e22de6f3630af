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
#include <vcam/mjpeg.h>

struct mjpeg_source;

int mjpeg_source_open(struct mjpeg_source **source, const char *camera,
		      const struct vcam_camera_source *cfg,
		      const struct vcam_frame_layout *layout, char *message,
		      size_t size);

/*
 * Writes the next frame, reading at most two images: when neither decodes,
 * the last good frame again. At the end of a file that does not loop, or of
 * a pass over a looping one without a good image, the file is read no
 * further and every frame is the last good one. -ENODATA while there is no
 * good frame to show.
 */
int mjpeg_source_render(struct mjpeg_source *source, void *frame,
			uint32_t *length);

/* What the file's reader counted since it was opened, rewinds included. */
void mjpeg_source_get_stats(const struct mjpeg_source *source,
			    struct vcam_mjpeg_stats *stats);

void mjpeg_source_close(struct mjpeg_source *source);

#endif
