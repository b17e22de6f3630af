// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks across a camera's keys, once its whole section is read.
 */

#include <linux/videodev2.h>
#include <stdio.h>

#include "config-internal.h"
#include "vcam/format.h"

static const char *check_size(const struct vcam_camera_config *camera,
			      char *reason, size_t reason_size)
{
	const struct vcam_format_info *format =
		vcam_format_by_fourcc(camera->fourcc);
	struct vcam_frame_layout layout;

	if (!vcam_frame_layout_init(&layout, camera->fourcc, camera->width,
				    camera->height, 0))
		return NULL;
	if (camera->width % format->width_align)
		snprintf(reason, reason_size,
			 "%ux%u does not suit format %s: the width must be a multiple of %u",
			 camera->width, camera->height, format->name,
			 format->width_align);
	else if (camera->height % format->height_align)
		snprintf(reason, reason_size,
			 "%ux%u does not suit format %s: the height must be a multiple of %u",
			 camera->width, camera->height, format->name,
			 format->height_align);
	else
		snprintf(reason, reason_size,
			 "%ux%u does not suit format %s: the frame is too large",
			 camera->width, camera->height, format->name);
	return "size";
}

/* vcamd relays MJPEG files and devices to MJPEG cameras as they are. */
static const char *check_mjpeg(const struct vcam_camera_config *camera,
			       char *reason, size_t reason_size)
{
	if (camera->fourcc != V4L2_PIX_FMT_MJPEG)
		return NULL;
	if (camera->source.kind != VCAM_SOURCE_MJPEG &&
	    camera->source.kind != VCAM_SOURCE_V4L2 &&
	    camera->source.kind != VCAM_SOURCE_CAMERA) {
		snprintf(reason, reason_size,
			 "MJPEG cameras need an MJPEG source, as vcamd does not encode JPEG: set source = mjpeg:/PATH/FILE.mjpeg or v4l2:/dev/videoN, or choose a raw format");
		return "format";
	}
	if (camera->source.pattern.overlay) {
		snprintf(reason, reason_size,
			 "MJPEG cameras show the file's frames as they are, without the overlay: set overlay = no or choose a raw format");
		return "overlay";
	}
	return NULL;
}

const char *vcam_camera_config_check(const struct vcam_camera_config *camera,
				     char *reason, size_t reason_size)
{
	const char *key = check_size(camera, reason, reason_size);

	if (!key)
		key = check_mjpeg(camera, reason, reason_size);
	return key;
}
