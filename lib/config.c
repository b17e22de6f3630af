// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration's lifetime and its lists of cameras and errors.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-internal.h"

void vcam_config_init(struct vcam_config *config)
{
	memset(config, 0, sizeof(*config));
	vcam_config_set_defaults(CONFIG_SECTION_DAEMON, &config->daemon);
}

void vcam_config_free(struct vcam_config *config)
{
	for (size_t i = 0; i < config->error_count; i++)
		free(config->errors[i]);
	free(config->errors);
	free(config->cameras);
	free(config->rejected);
	vcam_config_init(config);
}

int vcam_config_add_error(struct vcam_config *config, const char *format, ...)
{
	va_list args;
	char **errors;
	char *error;
	int ret;

	va_start(args, format);
	ret = vasprintf(&error, format, args);
	va_end(args);
	if (ret < 0)
		return -ENOMEM;
	errors = reallocarray(config->errors, config->error_count + 1,
			      sizeof(*errors));
	if (!errors) {
		free(error);
		return -ENOMEM;
	}
	errors[config->error_count++] = error;
	config->errors = errors;
	return 0;
}

static int append_camera(struct vcam_camera_config **cameras, size_t *count,
			 const struct vcam_camera_config *camera)
{
	struct vcam_camera_config *grown;

	grown = reallocarray(*cameras, *count + 1, sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	grown[(*count)++] = *camera;
	*cameras = grown;
	return 0;
}

int vcam_config_add_camera(struct vcam_config *config,
			   const struct vcam_camera_config *camera, bool valid)
{
	if (valid)
		return append_camera(&config->cameras, &config->camera_count,
				     camera);
	return append_camera(&config->rejected, &config->rejected_count,
			     camera);
}

static const struct vcam_camera_config *
find_in(const struct vcam_camera_config *cameras, size_t count,
	const char *name)
{
	for (size_t i = 0; i < count; i++) {
		if (strcmp(cameras[i].name, name) == 0)
			return &cameras[i];
	}
	return NULL;
}

const struct vcam_camera_config *
vcam_config_find_camera(const struct vcam_config *config, const char *name)
{
	const struct vcam_camera_config *camera;

	camera = find_in(config->cameras, config->camera_count, name);
	if (!camera)
		camera = find_in(config->rejected, config->rejected_count,
				 name);
	return camera;
}
