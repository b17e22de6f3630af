// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers for the values of configuration keys. Each writes its field only
 * when the whole value is good, and otherwise says what would be.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config-internal.h"
#include "parse-number.h"
#include "vcam/camera-config.h"
#include "vcam/format.h"

#define FPS_MIN 1u
#define FPS_MAX 1000u
#define FPS_TERM_MAX 1000000u	/* numerator or denominator of a fraction */
#define FRAMES_MIN 2u
#define FRAMES_MAX 32u
#define CHECKER_SIZE_MIN 1u
#define CHECKER_SIZE_MAX 4096u
#define COLOR_DIGITS 6

static int invalid(char *reason, size_t reason_size, const char *value,
		   const char *expected)
{
	snprintf(reason, reason_size, "invalid value '%s': expected %s", value,
		 expected);
	return -EINVAL;
}

int vcam_config_parse_size(const char *value, void *field, char *reason,
			   size_t reason_size)
{
	struct vcam_camera_config *camera = field;
	unsigned long width, height;
	const char *end;

	if (vcam_parse_unsigned_prefix(value, 10, VCAM_SIZE_MIN, VCAM_SIZE_MAX,
				       &width, &end) ||
	    *end != 'x' ||
	    vcam_parse_unsigned(end + 1, 10, VCAM_SIZE_MIN, VCAM_SIZE_MAX,
				&height))
		return invalid(reason, reason_size, value,
			       "WIDTHxHEIGHT, each 2..8192");
	camera->width = (uint32_t)width;
	camera->height = (uint32_t)height;
	return 0;
}

static unsigned long greatest_common_divisor(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long rest = a % b;

		a = b;
		b = rest;
	}
	return a;
}

/* Reads "N" or "N/D" into a fraction of terms 1..FPS_TERM_MAX. */
static int parse_fraction(const char *value, unsigned long *numerator,
			  unsigned long *denominator)
{
	const char *end;

	if (vcam_parse_unsigned_prefix(value, 10, 1, FPS_TERM_MAX, numerator,
				       &end))
		return -EINVAL;
	if (!*end) {
		*denominator = 1;
		return 0;
	}
	if (*end != '/')
		return -EINVAL;
	return vcam_parse_unsigned(end + 1, 10, 1, FPS_TERM_MAX, denominator);
}

int vcam_config_parse_fps(const char *value, void *field, char *reason,
			  size_t reason_size)
{
	struct vcam_camera_config *camera = field;
	unsigned long numerator, denominator, divisor;

	if (parse_fraction(value, &numerator, &denominator) ||
	    numerator < FPS_MIN * denominator ||
	    numerator > FPS_MAX * denominator)
		return invalid(reason, reason_size, value,
			       "1..1000 frames per second, as an integer (30) or a fraction (30000/1001)");
	divisor = greatest_common_divisor(numerator, denominator);
	/* The interval is the inverse of the rate. */
	camera->interval_numerator = (uint32_t)(denominator / divisor);
	camera->interval_denominator = (uint32_t)(numerator / divisor);
	return 0;
}

int vcam_config_parse_format(const char *value, void *field, char *reason,
			     size_t reason_size)
{
	const struct vcam_format_info *format = vcam_format_by_name(value);
	char names[128];
	uint32_t *fourcc = field;

	if (!format) {
		vcam_format_list_names(names, sizeof(names));
		snprintf(reason, reason_size,
			 "unknown format '%s': known formats are %s", value,
			 names);
		return -EINVAL;
	}
	*fourcc = format->fourcc;
	return 0;
}

static int parse_bounded(const char *value, unsigned int *field,
			 unsigned long min, unsigned long max, char *reason,
			 size_t reason_size)
{
	char expected[64];
	unsigned long number;

	if (vcam_parse_unsigned(value, 10, min, max, &number)) {
		snprintf(expected, sizeof(expected), "an integer %lu..%lu",
			 min, max);
		return invalid(reason, reason_size, value, expected);
	}
	*field = (unsigned int)number;
	return 0;
}

int vcam_config_parse_frames(const char *value, void *field, char *reason,
			     size_t reason_size)
{
	return parse_bounded(value, field, FRAMES_MIN, FRAMES_MAX, reason,
			     reason_size);
}

int vcam_config_parse_checker_size(const char *value, void *field,
				   char *reason, size_t reason_size)
{
	return parse_bounded(value, field, CHECKER_SIZE_MIN, CHECKER_SIZE_MAX,
			     reason, reason_size);
}

static const char pattern_prefix[] = "pattern:";
static const char mjpeg_prefix[] = "mjpeg:";
static const char y4m_prefix[] = "y4m:";
static const char v4l2_prefix[] = "v4l2:";
static const char camera_prefix[] = "camera:";

static bool starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static int parse_pattern_source(const char *name,
				struct vcam_camera_source *source,
				char *reason, size_t reason_size)
{
	enum vcam_pattern kind;
	char names[128];

	if (vcam_pattern_by_name(name, &kind)) {
		vcam_pattern_list_names(names, sizeof(names));
		snprintf(reason, reason_size,
			 "unknown pattern '%s': known patterns are %s", name,
			 names);
		return -EINVAL;
	}
	source->kind = VCAM_SOURCE_PATTERN;
	source->pattern.kind = kind;
	source->path[0] = '\0';
	return 0;
}

/* Sets a source of kind to path, which must fit. */
static int set_path(const char *path, enum vcam_source_kind kind,
		    const char *what, struct vcam_camera_source *source,
		    char *reason, size_t reason_size)
{
	if (strlen(path) >= sizeof(source->path)) {
		snprintf(reason, reason_size,
			 "%s path longer than %zu characters", what,
			 sizeof(source->path) - 1);
		return -EINVAL;
	}
	source->kind = kind;
	strcpy(source->path, path);
	return 0;
}

/* An absolute path, or "-" for the stream vcamctl passes. */
static int parse_stream_source(const char *path, enum vcam_source_kind kind,
			       struct vcam_camera_source *source,
			       char *reason, size_t reason_size)
{
	const char *what = kind == VCAM_SOURCE_Y4M ? "Y4M file" : "MJPEG file";

	if (path[0] != '/' && strcmp(path, VCAM_SOURCE_STDIN) != 0) {
		snprintf(reason, reason_size,
			 "%s '%s' is not an absolute path: start it with /",
			 what, path);
		return -EINVAL;
	}
	return set_path(path, kind, what, source, reason, reason_size);
}

/* A device node or a link to one, such as /dev/v4l/by-id/... */
static int parse_device_source(const char *path,
			       struct vcam_camera_source *source,
			       char *reason, size_t reason_size)
{
	if (path[0] != '/') {
		snprintf(reason, reason_size,
			 "V4L2 device '%s' is not an absolute path: name it as /dev/videoN or /dev/v4l/by-id/...",
			 path);
		return -EINVAL;
	}
	return set_path(path, VCAM_SOURCE_V4L2, "V4L2 device", source, reason,
			reason_size);
}

static int parse_camera_source(const char *name,
			       struct vcam_camera_source *source,
			       char *reason, size_t reason_size)
{
	if (!vcam_camera_name_is_valid(name)) {
		snprintf(reason, reason_size,
			 "'%s' is not a camera name: name another camera of vcamd, as camera:NAME",
			 name);
		return -EINVAL;
	}
	source->kind = VCAM_SOURCE_CAMERA;
	strcpy(source->path, name);
	return 0;
}

int vcam_config_parse_source(const char *value, void *field, char *reason,
			     size_t reason_size)
{
	if (starts_with(value, pattern_prefix))
		return parse_pattern_source(value + strlen(pattern_prefix),
					    field, reason, reason_size);
	if (starts_with(value, mjpeg_prefix))
		return parse_stream_source(value + strlen(mjpeg_prefix),
					   VCAM_SOURCE_MJPEG, field, reason,
					   reason_size);
	if (starts_with(value, y4m_prefix))
		return parse_stream_source(value + strlen(y4m_prefix),
					   VCAM_SOURCE_Y4M, field, reason,
					   reason_size);
	if (starts_with(value, v4l2_prefix))
		return parse_device_source(value + strlen(v4l2_prefix), field,
					   reason, reason_size);
	if (starts_with(value, camera_prefix))
		return parse_camera_source(value + strlen(camera_prefix),
					   field, reason, reason_size);
	return invalid(reason, reason_size, value,
		       "pattern:NAME, mjpeg:/PATH/FILE.mjpeg, y4m:/PATH/FILE.y4m, v4l2:/dev/videoN or camera:NAME");
}

int vcam_config_parse_color(const char *value, void *field, char *reason,
			    size_t reason_size)
{
	const char *digits = value[0] == '#' ? value + 1 : value;
	unsigned long rgb;
	uint32_t *color = field;

	if (strlen(digits) != COLOR_DIGITS ||
	    vcam_parse_unsigned(digits, 16, 0, 0xffffff, &rgb))
		return invalid(reason, reason_size, value,
			       "RRGGBB or #RRGGBB in hexadecimal, e.g. FF8000 for orange");
	*color = (uint32_t)rgb;
	return 0;
}

static const char *const true_words[] = { "yes", "true", "on", "1" };
static const char *const false_words[] = { "no", "false", "off", "0" };

static bool is_one_of(const char *value, const char *const *words,
		      size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (strcasecmp(value, words[i]) == 0)
			return true;
	}
	return false;
}

int vcam_config_parse_bool(const char *value, void *field, char *reason,
			   size_t reason_size)
{
	bool *flag = field;
	size_t count = sizeof(true_words) / sizeof(true_words[0]);

	if (is_one_of(value, true_words, count))
		*flag = true;
	else if (is_one_of(value, false_words, count))
		*flag = false;
	else
		return invalid(reason, reason_size, value,
			       "yes, no, true, false, on, off, 1 or 0");
	return 0;
}

int vcam_config_parse_dmabuf(const char *value, void *field, char *reason,
			     size_t reason_size)
{
	enum vcam_dmabuf_backend *backend = field;

	if (vcam_dmabuf_backend_from_name(value, backend)) {
		snprintf(reason, reason_size,
			 "unknown DMA-BUF allocator '%s': known allocators are auto, heap, udmabuf, drm",
			 value);
		return -EINVAL;
	}
	return 0;
}

static bool is_group_character(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* Group names as shadow-utils makes them. */
static bool is_group_name(const char *name)
{
	size_t length = strlen(name);

	if (!length || length >= VCAM_GROUP_NAME_MAX || name[0] == '-')
		return false;
	for (size_t i = 0; i < length; i++) {
		if (!is_group_character(name[i]))
			return false;
	}
	return true;
}

/* "" means no group. */
int vcam_config_parse_group(const char *value, void *field, char *reason,
			    size_t reason_size)
{
	char *group = field;

	if (value[0] && !is_group_name(value))
		return invalid(reason, reason_size, value,
			       "a group name of up to 32 letters, digits, '_', '-' and '.', not starting with '-', or nothing for root only");
	strcpy(group, value);
	return 0;
}

static bool is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

bool vcam_camera_name_is_valid(const char *name)
{
	size_t length = strlen(name);

	if (!length || length >= VCAM_CAMERA_NAME_MAX ||
	    !is_ascii_alnum(name[0]) || !is_ascii_alnum(name[length - 1]))
		return false;
	for (size_t i = 0; i < length; i++) {
		if (!is_ascii_alnum(name[i]) && name[i] != ' ')
			return false;
	}
	return true;
}

void vcam_camera_config_defaults(struct vcam_camera_config *camera)
{
	memset(camera, 0, sizeof(*camera));
	vcam_config_set_defaults(CONFIG_SECTION_CAMERA, camera);
}

int vcam_camera_source_format(const struct vcam_camera_source *source,
			      char *buf, size_t size)
{
	const char *pattern = vcam_pattern_name(source->pattern.kind);
	const char *prefix = pattern_prefix;
	int length;

	switch (source->kind) {
	case VCAM_SOURCE_MJPEG:
		prefix = mjpeg_prefix;
		break;
	case VCAM_SOURCE_Y4M:
		prefix = y4m_prefix;
		break;
	case VCAM_SOURCE_V4L2:
		prefix = v4l2_prefix;
		break;
	case VCAM_SOURCE_CAMERA:
		prefix = camera_prefix;
		break;
	default:
		break;
	}
	if (source->kind == VCAM_SOURCE_PATTERN)
		length = snprintf(buf, size, "%s%s", prefix,
				  pattern ? pattern : "?");
	else
		length = snprintf(buf, size, "%s%s", prefix, source->path);
	return length < 0 || (size_t)length >= size ? -ENOSPC : 0;
}
