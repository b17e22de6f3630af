/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One camera's settings from text, as vcamd.conf writes them: for cameras
 * made at run time over the control socket and for vcamctl's own checks.
 * Every parser writes its field only when the whole value is good; otherwise
 * it returns -EINVAL and writes a reason such as
 * "invalid value '12x': expected WIDTHxHEIGHT, each 2..8192".
 */
#ifndef VCAM_CAMERA_CONFIG_H
#define VCAM_CAMERA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "vcam/config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The defaults of a [camera NAME] section, with an empty name. */
void vcam_camera_config_defaults(struct vcam_camera_config *camera);

/* The driver's rule for camera names, for messages. */
#define VCAM_CAMERA_NAME_RULE "1..63 ASCII letters, digits and spaces, " \
	"starting and ending with a letter or digit"

/* Whether name follows VCAM_CAMERA_NAME_RULE, whatever the locale. */
bool vcam_camera_name_is_valid(const char *name);

/* "size" into camera->width and height; "fps" into its interval. */
int vcam_config_parse_size(const char *value, void *camera, char *reason,
			   size_t reason_size);
int vcam_config_parse_fps(const char *value, void *camera, char *reason,
			  size_t reason_size);
/* Into a uint32_t fourcc; the reason lists the known formats. */
int vcam_config_parse_format(const char *value, void *fourcc, char *reason,
			     size_t reason_size);
/* Into an unsigned int, 2..32. */
int vcam_config_parse_frames(const char *value, void *frames, char *reason,
			     size_t reason_size);
/* yes, no, true, false, on, off, 1 or 0 into a bool. */
int vcam_config_parse_bool(const char *value, void *flag, char *reason,
			   size_t reason_size);
/*
 * "pattern:NAME", "mjpeg:/PATH", "y4m:/PATH", "mjpeg:-" or "y4m:-" into a
 * struct vcam_camera_source.
 */
int vcam_config_parse_source(const char *value, void *source, char *reason,
			     size_t reason_size);

/*
 * Checks the values that depend on each other. Returns NULL if they fit, or
 * the key to blame ("size", "source", ...) with a reason written.
 */
const char *vcam_camera_config_check(const struct vcam_camera_config *camera,
				     char *reason, size_t reason_size);

/* Writes source as the parser reads it ("y4m:/PATH"); 0 or -ENOSPC. */
int vcam_camera_source_format(const struct vcam_camera_source *source,
			      char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_CAMERA_CONFIG_H */
