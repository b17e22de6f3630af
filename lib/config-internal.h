/* SPDX-License-Identifier: GPL-2.0-only */
/* What the configuration's files share: the key table, values, checks. */
#ifndef VCAM_CONFIG_INTERNAL_H
#define VCAM_CONFIG_INTERNAL_H

#include <stddef.h>

#include "vcam/config.h"

/* Room for one reason in an error message. */
#define CONFIG_REASON_MAX 512

enum config_section {
	CONFIG_SECTION_DAEMON,	/* [vcamd]: fields of struct vcam_daemon_config */
	CONFIG_SECTION_CAMERA,	/* [camera NAME]: of struct vcam_camera_config */
};

/*
 * Parses value into field; on failure returns -EINVAL, leaves field as it
 * was and writes a reason such as "invalid value 'x': expected ..." .
 */
typedef int config_value_parser(const char *value, void *field, char *reason,
				size_t reason_size);

struct config_key {
	enum config_section section;
	const char *name;
	config_value_parser *parse;
	size_t offset;			/* of the field parse() writes */
	const char *default_value;	/* in the file's syntax */
};

/* Value parsers (config-values.c). */
config_value_parser vcam_config_parse_size;	/* the whole camera */
config_value_parser vcam_config_parse_fps;	/* the whole camera */
config_value_parser vcam_config_parse_format;
config_value_parser vcam_config_parse_frames;
config_value_parser vcam_config_parse_source;
config_value_parser vcam_config_parse_color;
config_value_parser vcam_config_parse_checker_size;
config_value_parser vcam_config_parse_bool;
config_value_parser vcam_config_parse_dmabuf;
config_value_parser vcam_config_parse_group;

/* The key table (config-keys.c). */
const struct config_key *vcam_config_key_find(enum config_section section,
					      const char *name, size_t *index);
/* Fills the fields of a section's struct at base from the defaults. */
void vcam_config_set_defaults(enum config_section section, void *base);
/* "size, format, ..." for messages; 0 or -ENOSPC. */
int vcam_config_key_names(enum config_section section, char *buf,
			  size_t size);

/*
 * Checks the values of a camera that depend on each other (config-check.c).
 * Returns NULL if they fit, or the key to blame with a reason written.
 */
const char *vcam_camera_config_check(const struct vcam_camera_config *camera,
				     char *reason, size_t reason_size);

/* The config's lists (config.c); -ENOMEM or 0. */
int vcam_config_add_error(struct vcam_config *config, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
int vcam_config_add_camera(struct vcam_config *config,
			   const struct vcam_camera_config *camera,
			   bool valid);
/* The camera, valid or rejected, called name, or NULL. */
const struct vcam_camera_config *
vcam_config_find_camera(const struct vcam_config *config, const char *name);

#endif /* VCAM_CONFIG_INTERNAL_H */
