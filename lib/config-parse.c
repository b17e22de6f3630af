// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing one configuration text with inih.
 *
 * inih splits "key = value" lines and calls handle_key(), but as Debian
 * builds it, it neither gives the handler line numbers nor reports sections
 * without keys, nor more than the first syntax error. So inih reads the
 * text through read_line(), which counts lines, handles section headers
 * itself and screens out lines inih would reject, reporting each.
 */

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config-internal.h"
#include "vcam/camera-config.h"

#define KEY_MAX 32		/* bits in config_parser.keys_seen */

enum section_state {
	IN_NO_SECTION,		/* before the first header */
	IN_DAEMON,
	IN_CAMERA,
	IN_IGNORED,		/* a bad header: its keys are skipped */
};

struct config_parser {
	struct vcam_config *config;
	const char *filename;
	const char *next;			/* the text not read yet */
	unsigned int line;			/* of the line inih has */
	enum section_state state;
	char section[VCAM_CONFIG_LINE_MAX + 1];	/* as written, for messages */
	struct vcam_camera_config camera;	/* when IN_CAMERA */
	bool camera_valid;
	uint32_t keys_seen;			/* bits of key table indexes */
	unsigned int key_lines[KEY_MAX];
	bool had_error;
	bool out_of_memory;
};

#define add_error(p, ...) \
	do { \
		if (vcam_config_add_error((p)->config, __VA_ARGS__)) \
			(p)->out_of_memory = true; \
	} while (0)

/*
 * Reports "FILE:LINE: [SECTION] KEY: REASON" for a key, or
 * "FILE:LINE: [SECTION]: REASON" without one. The section's camera, if
 * any, is dropped.
 */
static void report_at(struct config_parser *p, unsigned int line,
		      const char *key, const char *format, ...)
{
	char reason[CONFIG_REASON_MAX];
	va_list args;

	va_start(args, format);
	vsnprintf(reason, sizeof(reason), format, args);
	va_end(args);
	if (p->section[0] && key)
		add_error(p, "%s:%u: [%s] %s: %s", p->filename, line,
			  p->section, key, reason);
	else if (p->section[0])
		add_error(p, "%s:%u: [%s]: %s", p->filename, line, p->section,
			  reason);
	else if (key)
		add_error(p, "%s:%u: %s: %s", p->filename, line, key, reason);
	else
		add_error(p, "%s:%u: %s", p->filename, line, reason);
	p->had_error = true;
	p->camera_valid = false;
}

#define report(p, key, ...) report_at((p), (p)->line, (key), __VA_ARGS__)

/* Checks the finished camera section and files the camera. */
static void finish_section(struct config_parser *p)
{
	char reason[CONFIG_REASON_MAX];
	const char *key_name;
	size_t index;

	if (p->state != IN_CAMERA)
		return;
	vcam_config_key_find(CONFIG_SECTION_CAMERA, "fps", &index);
	p->camera.fps_given = p->keys_seen & (1u << index);
	if (p->camera_valid &&
	    strcmp(p->camera.source.path, VCAM_SOURCE_STDIN) == 0) {
		vcam_config_key_find(CONFIG_SECTION_CAMERA, "source", &index);
		report_at(p, p->key_lines[index], "source",
			  "- is the standard input of vcamctl create: in a file, name a FIFO or a file");
	}
	if (p->camera_valid) {
		key_name = vcam_camera_config_check(&p->camera, reason,
						    sizeof(reason));
		if (key_name) {
			vcam_config_key_find(CONFIG_SECTION_CAMERA, key_name,
					     &index);
			report_at(p, p->keys_seen & (1u << index) ?
				  p->key_lines[index] : p->camera.line,
				  key_name, "%s", reason);
		}
	}
	if (vcam_config_add_camera(p->config, &p->camera, p->camera_valid))
		p->out_of_memory = true;
}

static void start_camera(struct config_parser *p, const char *name)
{
	const struct vcam_camera_config *defined;

	p->state = IN_IGNORED;
	if (!vcam_camera_name_is_valid(name)) {
		report(p, NULL,
		       "invalid camera name '%s': expected "
		       VCAM_CAMERA_NAME_RULE, name);
		return;
	}
	defined = vcam_config_find_camera(p->config, name);
	if (defined) {
		report(p, NULL,
		       "camera '%s' is already defined at %s:%u: rename or remove one of them",
		       name, defined->file, defined->line);
		return;
	}
	memset(&p->camera, 0, sizeof(p->camera));
	vcam_config_set_defaults(CONFIG_SECTION_CAMERA, &p->camera);
	strcpy(p->camera.name, name);
	snprintf(p->camera.file, sizeof(p->camera.file), "%s", p->filename);
	p->camera.line = p->line;
	p->camera_valid = true;
	p->state = IN_CAMERA;
}

static const char *skip_blanks(const char *text)
{
	while (isspace((unsigned char)*text))
		text++;
	return text;
}

static bool is_comment_or_blank(const char *text)
{
	text = skip_blanks(text);
	return !*text || *text == ';' || *text == '#';
}

/* Copies text up to end, without blanks around it, into buf. */
static void copy_trimmed(char *buf, const char *text, const char *end)
{
	text = skip_blanks(text);
	while (end > text && isspace((unsigned char)end[-1]))
		end--;
	memcpy(buf, text, (size_t)(end - text));
	buf[end - text] = '\0';
}

static const char camera_keyword[] = "camera";

/* Reads "[vcamd]" or "[camera NAME]" (line starts with '['). */
static void start_section(struct config_parser *p, const char *line)
{
	const char *close = strchr(line, ']');
	size_t keyword_length = strlen(camera_keyword);

	finish_section(p);
	p->state = IN_IGNORED;
	p->section[0] = '\0';
	p->keys_seen = 0;
	if (!close) {
		report(p, NULL,
		       "section header without ']': expected [vcamd] or [camera NAME]");
		return;
	}
	copy_trimmed(p->section, line + 1, close);
	if (!is_comment_or_blank(close + 1))
		report(p, NULL, "unexpected text after ']'");
	else if (strcmp(p->section, "vcamd") == 0)
		p->state = IN_DAEMON;
	else if (strncmp(p->section, camera_keyword, keyword_length) == 0 &&
		 (!p->section[keyword_length] ||
		  isspace((unsigned char)p->section[keyword_length])))
		start_camera(p, skip_blanks(p->section + keyword_length));
	else
		report(p, NULL,
		       "unknown section: expected [vcamd] or [camera NAME]");
}

/* Whether inih finds '=' or ':' before an inline comment (" ;"). */
static bool has_separator(const char *line)
{
	for (const char *c = line; *c; c++) {
		if (*c == '=' || *c == ':')
			return true;
		if (*c == ';' && c > line && isspace((unsigned char)c[-1]))
			return false;
	}
	return false;
}

/* Whether inih should see line; reports the lines it should not. */
static bool screen_line(struct config_parser *p, const char *line)
{
	if (is_comment_or_blank(line))
		return true;
	if (line[0] == '[') {
		start_section(p, line);
		return false;
	}
	if (!has_separator(line)) {
		report(p, NULL, "expected KEY = VALUE, [vcamd] or [camera NAME]");
		return false;
	}
	return true;
}

static const char utf8_bom[] = "\xef\xbb\xbf";

/* inih's ini_reader: the next line, without leading blanks. */
static char *read_line(char *buffer, int size, void *stream)
{
	struct config_parser *p = stream;
	const char *start = p->next;
	const char *end;
	size_t length;

	if (!*start)
		return NULL;
	end = strchrnul(start, '\n');
	p->next = *end ? end + 1 : end;
	p->line++;
	if (p->line == 1 && strncmp(start, utf8_bom, strlen(utf8_bom)) == 0)
		start += strlen(utf8_bom);
	while (start < end && isspace((unsigned char)*start))
		start++;
	length = (size_t)(end - start);
	buffer[0] = '\0';
	if (length + 2 > (size_t)size) {
		report(p, NULL, "line longer than %d characters: shorten it",
		       size - 2);
		return buffer;
	}
	memcpy(buffer, start, length);
	buffer[length] = '\0';
	if (!screen_line(p, buffer))
		buffer[0] = '\0';
	return buffer;
}

static void set_key(struct config_parser *p, enum config_section section,
		    void *base, const char *name, const char *value)
{
	char reason[CONFIG_REASON_MAX];
	const struct config_key *key;
	size_t index;

	key = vcam_config_key_find(section, name, &index);
	if (!key) {
		vcam_config_key_names(section, reason, sizeof(reason));
		report(p, name, "unknown key: known keys are %s", reason);
		return;
	}
	if (p->keys_seen & (1u << index)) {
		report(p, name, "set again (first at line %u): keep one",
		       p->key_lines[index]);
		return;
	}
	p->keys_seen |= 1u << index;
	p->key_lines[index] = p->line;
	if (key->parse(value, (char *)base + key->offset, reason,
		       sizeof(reason)))
		report(p, name, "%s", reason);
}

static int handle_key(void *user, const char *section, const char *name,
		      const char *value)
{
	struct config_parser *p = user;

	(void)section;	/* read_line() follows sections */
	switch (p->state) {
	case IN_NO_SECTION:
		report(p, name,
		       "key outside a section: put it under [camera NAME] or [vcamd]");
		break;
	case IN_DAEMON:
		set_key(p, CONFIG_SECTION_DAEMON, &p->config->daemon, name,
			value);
		break;
	case IN_CAMERA:
		set_key(p, CONFIG_SECTION_CAMERA, &p->camera, name, value);
		break;
	case IN_IGNORED:
		break;
	}
	return 1;
}

int vcam_config_parse_string(struct vcam_config *config, const char *text,
			     const char *filename)
{
	struct config_parser p = {
		.config = config,
		.filename = filename,
		.next = text,
	};

	/* read_line() reports every line inih could reject. */
	if (ini_parse_stream(read_line, &p, handle_key, &p) < 0)
		return -ENOMEM;
	finish_section(&p);
	if (p.out_of_memory)
		return -ENOMEM;
	return p.had_error ? -EINVAL : 0;
}
