// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration keys: section, name, value parser, field and default.
 * vcam/config.h documents them for users; keep the two in step.
 */

#include <errno.h>
#include <string.h>

#include "config-internal.h"
#include "names.h"

#define CAMERA_FIELD(member) offsetof(struct vcam_camera_config, member)
#define DAEMON_FIELD(member) offsetof(struct vcam_daemon_config, member)

static const struct config_key keys[] = {
	{ CONFIG_SECTION_DAEMON, "dmabuf", vcam_config_parse_dmabuf,
	  DAEMON_FIELD(dmabuf), "auto" },
	{ CONFIG_SECTION_DAEMON, "control-group", vcam_config_parse_group,
	  DAEMON_FIELD(control_group), "" },

	/* size and fps set two fields each, so they take the whole camera. */
	{ CONFIG_SECTION_CAMERA, "size", vcam_config_parse_size,
	  0, "640x480" },
	{ CONFIG_SECTION_CAMERA, "format", vcam_config_parse_format,
	  CAMERA_FIELD(fourcc), "YUYV" },
	{ CONFIG_SECTION_CAMERA, "fps", vcam_config_parse_fps,
	  0, "30" },
	{ CONFIG_SECTION_CAMERA, "frames", vcam_config_parse_frames,
	  CAMERA_FIELD(frames), "4" },
	{ CONFIG_SECTION_CAMERA, "source", vcam_config_parse_source,
	  CAMERA_FIELD(source), "pattern:smpte" },
	{ CONFIG_SECTION_CAMERA, "color", vcam_config_parse_color,
	  CAMERA_FIELD(source.pattern.rgb), "FFFFFF" },
	{ CONFIG_SECTION_CAMERA, "checker-size",
	  vcam_config_parse_checker_size,
	  CAMERA_FIELD(source.pattern.cell), "32" },
	{ CONFIG_SECTION_CAMERA, "overlay", vcam_config_parse_bool,
	  CAMERA_FIELD(source.pattern.overlay), "no" },
	{ CONFIG_SECTION_CAMERA, "loop", vcam_config_parse_bool,
	  CAMERA_FIELD(source.loop), "yes" },
	{ CONFIG_SECTION_CAMERA, "live", vcam_config_parse_bool,
	  CAMERA_FIELD(source.live), "no" },
	{ CONFIG_SECTION_CAMERA, "enabled", vcam_config_parse_bool,
	  CAMERA_FIELD(enabled), "yes" },
};

#define KEY_COUNT (sizeof(keys) / sizeof(keys[0]))

const struct config_key *vcam_config_key_find(enum config_section section,
					      const char *name, size_t *index)
{
	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (keys[i].section == section &&
		    strcmp(keys[i].name, name) == 0) {
			*index = i;
			return &keys[i];
		}
	}
	return NULL;
}

void vcam_config_set_defaults(enum config_section section, void *base)
{
	char reason[CONFIG_REASON_MAX];

	/* The unit tests check that every default parses. */
	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (keys[i].section == section)
			keys[i].parse(keys[i].default_value,
				      (char *)base + keys[i].offset, reason,
				      sizeof(reason));
	}
}

int vcam_config_key_names(enum config_section section, char *buf,
			  size_t size)
{
	const char *names[KEY_COUNT];
	size_t count = 0;

	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (keys[i].section == section)
			names[count++] = keys[i].name;
	}
	return vcam_join_names(buf, size, names, count);
}
