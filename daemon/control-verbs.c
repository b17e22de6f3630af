// SPDX-License-Identifier: GPL-2.0-only
/* The control socket's verbs: what vcamd does for each request. */
#include "control.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <vcam/camera-config.h>
#include <vcam/devices.h>
#include <vcam/protocol.h>

#include "daemon-internal.h"
#include "log.h"
#include "source.h"

#ifndef VCAM_VERSION
#define VCAM_VERSION "unknown"
#endif

#define REASON_MAX 512

/* The response being written; its first failure sticks. */
struct reply {
	char *buf;
	size_t size;
	size_t used;
};

static void reply_line(struct reply *reply, const char *word,
		       const struct vcam_protocol_field *fields, size_t count)
{
	int length = vcam_protocol_format_line(reply->buf + reply->used,
					       reply->size - reply->used, word,
					       fields, count);

	if (length > 0)
		reply->used += (size_t)length;
}

static void reply_error(struct reply *reply, const char *code,
			const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void reply_error(struct reply *reply, const char *code,
			const char *format, ...)
{
	char sentence[REASON_MAX];
	va_list args;
	int length;

	va_start(args, format);
	vsnprintf(sentence, sizeof(sentence), format, args);
	va_end(args);
	reply->used = 0;
	length = vcam_protocol_format_error(reply->buf, reply->size, code,
					    sentence);
	if (length > 0)
		reply->used = (size_t)length;
}

/* Fails with an "invalid" error if line has a key not in allowed. */
static bool only_keys(struct reply *reply,
		      const struct vcam_protocol_line *line,
		      const char *const *allowed, size_t count)
{
	for (size_t i = 0; i < line->field_count; i++) {
		bool known = false;

		for (size_t j = 0; j < count; j++)
			known |= strcmp(line->fields[i].key, allowed[j]) == 0;
		if (!known) {
			reply_error(reply, "invalid", "unknown key `%s' for %s",
				    line->fields[i].key, line->word);
			return false;
		}
	}
	return true;
}

static struct running_camera *find_by_name(struct daemon *daemon,
					   const char *name, size_t *index)
{
	for (size_t i = 0; i < daemon->camera_count; i++) {
		if (strcmp(daemon->cameras[i]->camera.config.name, name) == 0) {
			*index = i;
			return daemon->cameras[i];
		}
	}
	return NULL;
}

/* The camera a request names with name= or node=; replies if none. */
static struct running_camera *
find_requested(struct daemon *daemon, const struct vcam_protocol_line *line,
	       struct reply *reply, size_t *index)
{
	const char *name = vcam_protocol_get(line, "name");
	const char *node_text = vcam_protocol_get(line, "node");
	struct running_camera *found = NULL;
	char node_path[32];
	unsigned int node;

	if (!name == !node_text) {
		reply_error(reply, "invalid", "%s needs a camera name= or "
			    "node=, one of them", line->word);
		return NULL;
	}
	if (name) {
		found = find_by_name(daemon, name, index);
		if (!found)
			reply_error(reply, "not-found", "vcamd runs no camera "
				    "called `%s': `vcamctl list' shows the "
				    "cameras", name);
		return found;
	}
	snprintf(node_path, sizeof(node_path), "/dev/video%s", node_text);
	if (vcam_devices_parse_node(node_path, &node)) {
		reply_error(reply, "invalid", "invalid node `%s': expected "
			    "the N of /dev/videoN", node_text);
		return NULL;
	}
	for (size_t i = 0; i < daemon->camera_count && !found; i++) {
		if (daemon->cameras[i]->camera.producer.node == node) {
			*index = i;
			found = daemon->cameras[i];
		}
	}
	if (!found)
		reply_error(reply, "not-found", "/dev/video%u is not a camera "
			    "of vcamd: `vcamctl list' shows the cameras", node);
	return found;
}

static void reply_camera(struct reply *reply, const char *word,
			 const struct running_camera *running)
{
	const struct camera *camera = &running->camera;
	char node[16], source[PATH_MAX + 16];
	const struct vcam_protocol_field fields[] = {
		{ "name", camera->config.name },
		{ "node", node },
		{ "source", source },
		{ "origin", running->runtime ? "runtime" : "config" },
	};

	snprintf(node, sizeof(node), "%u", camera->producer.node);
	vcam_camera_source_format(&camera->config.source, source,
				  sizeof(source));
	reply_line(reply, word, fields, 4);
}

typedef int value_parser(const char *value, void *field, char *reason,
			 size_t reason_size);

/* Parses the value of key, if given, into field; replies on failure. */
static bool parse_key(struct reply *reply,
		      const struct vcam_protocol_line *line, const char *key,
		      value_parser *parse, void *field)
{
	const char *value = vcam_protocol_get(line, key);
	char reason[REASON_MAX];

	if (!value || parse(value, field, reason, sizeof(reason)) == 0)
		return true;
	reply_error(reply, "invalid", "%s: %s", key, reason);
	return false;
}

/* live= and remove-at-end=, and that a "-" source comes with a stream. */
static bool parse_stream_keys(struct reply *reply,
			      const struct vcam_protocol_line *line,
			      struct vcam_camera_source *source, int fd)
{
	bool from_stdin = strcmp(source->path, VCAM_SOURCE_STDIN) == 0 &&
			  source->kind != VCAM_SOURCE_PATTERN;

	if (!parse_key(reply, line, "live", vcam_config_parse_bool,
		       &source->live) ||
	    !parse_key(reply, line, "remove-at-end", vcam_config_parse_bool,
		       &source->remove_at_end))
		return false;
	if (from_stdin && fd < 0) {
		reply_error(reply, "invalid", "the source - needs the stream "
			    "passed with the request: vcamctl passes its "
			    "standard input");
		return false;
	}
	if (!from_stdin && vcam_protocol_get(line, "prefix")) {
		reply_error(reply, "invalid", "prefix= goes with a source "
			    "read from a passed stream (y4m:- or mjpeg:-) "
			    "only");
		return false;
	}
	return true;
}

/*
 * The stream passed for a "-" source, with its prefix decoded: 1, 0 if the
 * source reads no passed stream, -1 after replying.
 */
static int stream_input(struct reply *reply,
			const struct vcam_protocol_line *line,
			const struct vcam_camera_source *source, int fd,
			struct source_input *input, uint8_t *prefix)
{
	const char *text = vcam_protocol_get(line, "prefix");
	int length = text ? vcam_protocol_hex_decode(text, prefix,
				VCAM_PROTOCOL_PREFIX_MAX) : 0;

	if (length < 0) {
		reply_error(reply, "invalid", "prefix: expected at most %d "
			    "bytes in hex", VCAM_PROTOCOL_PREFIX_MAX);
		return -1;
	}
	*input = (struct source_input){ fd, prefix, (size_t)length };
	return strcmp(source->path, VCAM_SOURCE_STDIN) == 0 &&
	       source->kind != VCAM_SOURCE_PATTERN;
}

static bool check_camera(struct reply *reply,
			 const struct vcam_camera_config *cfg)
{
	char reason[REASON_MAX];
	const char *key = vcam_camera_config_check(cfg, reason,
						   sizeof(reason));

	if (key)
		reply_error(reply, "invalid", "%s: %s", key, reason);
	return !key;
}

static bool parse_camera(struct reply *reply,
			 const struct vcam_protocol_line *line,
			 struct vcam_camera_config *cfg)
{
	const char *name = vcam_protocol_get(line, "name");

	vcam_camera_config_defaults(cfg);
	if (!name || !vcam_camera_name_is_valid(name)) {
		reply_error(reply, "invalid", "invalid camera name `%s': "
			    "expected " VCAM_CAMERA_NAME_RULE,
			    name ? name : "");
		return false;
	}
	strcpy(cfg->name, name);
	cfg->enabled = true;
	cfg->fps_given = vcam_protocol_get(line, "fps") != NULL;
	return parse_key(reply, line, "size", vcam_config_parse_size, cfg) &&
	       parse_key(reply, line, "format", vcam_config_parse_format,
			 &cfg->fourcc) &&
	       parse_key(reply, line, "fps", vcam_config_parse_fps, cfg) &&
	       parse_key(reply, line, "frames", vcam_config_parse_frames,
			 &cfg->frames) &&
	       parse_key(reply, line, "source", vcam_config_parse_source,
			 &cfg->source) &&
	       check_camera(reply, cfg);
}

static void do_create(struct daemon *daemon,
		      const struct vcam_protocol_line *line, int *fd,
		      struct reply *reply)
{
	static const char *const keys[] = { "name", "size", "format", "fps",
					    "frames", "source", "live",
					    "remove-at-end", "prefix" };
	uint8_t prefix[VCAM_PROTOCOL_PREFIX_MAX];
	struct vcam_camera_config cfg;
	struct running_camera *taken;
	struct source_input input;
	int passed;
	size_t index;
	int ret;

	if (!only_keys(reply, line, keys, 9) ||
	    !parse_camera(reply, line, &cfg) ||
	    !parse_stream_keys(reply, line, &cfg.source, *fd))
		return;
	taken = find_by_name(daemon, cfg.name, &index);
	if (taken) {
		reply_error(reply, "exists", "the name `%s' is taken by "
			    "/dev/video%u: choose another name or destroy "
			    "that camera first", cfg.name,
			    taken->camera.producer.node);
		return;
	}
	passed = stream_input(reply, line, &cfg.source, *fd, &input, prefix);
	if (passed < 0)
		return;
	if (passed)
		*fd = -1;	/* the camera takes it */
	ret = daemon_start_camera(daemon, &cfg, true, passed ? &input : NULL);
	if (ret) {
		reply_error(reply, "failed", "vcamd cannot create camera `%s': "
			    "%s (its log says more: journalctl -u vcamd)",
			    cfg.name, strerror(-ret));
		return;
	}
	vcamd_log(LOG_INFO, cfg.name, "created over the control socket");
	reply_camera(reply, "OK", daemon->cameras[daemon->camera_count - 1]);
}

static void do_destroy(struct daemon *daemon,
		       const struct vcam_protocol_line *line, int *fd,
		       struct reply *reply)
{
	static const char *const keys[] = { "name", "node" };
	struct running_camera *running;
	size_t index;

	(void)fd;
	if (!only_keys(reply, line, keys, 2))
		return;
	running = find_requested(daemon, line, reply, &index);
	if (!running)
		return;
	reply_camera(reply, "OK", running);
	daemon_stop_camera(daemon, index);
}

static void do_list(struct daemon *daemon,
		    const struct vcam_protocol_line *line, int *fd,
		    struct reply *reply)
{
	char count[24];
	const struct vcam_protocol_field fields[] = { { "count", count } };

	(void)fd;
	if (!only_keys(reply, line, NULL, 0))
		return;
	snprintf(count, sizeof(count), "%zu", daemon->camera_count);
	reply_line(reply, "OK", fields, 1);
	for (size_t i = 0; i < daemon->camera_count; i++)
		reply_camera(reply, "CAMERA", daemon->cameras[i]);
}

static void do_set_source(struct daemon *daemon,
			  const struct vcam_protocol_line *line, int *fd,
			  struct reply *reply)
{
	static const char *const keys[] = { "name", "node", "source", "live",
					    "remove-at-end", "prefix" };
	uint8_t prefix[VCAM_PROTOCOL_PREFIX_MAX];
	struct vcam_camera_config cfg;
	struct running_camera *running;
	struct source_input input;
	char message[REASON_MAX];
	size_t index;
	int passed;

	if (!only_keys(reply, line, keys, 6))
		return;
	running = find_requested(daemon, line, reply, &index);
	if (!running)
		return;
	cfg = running->camera.config;
	if (!vcam_protocol_get(line, "source")) {
		reply_error(reply, "invalid", "SET-SOURCE needs a source=");
		return;
	}
	cfg.source.live = false;
	cfg.source.remove_at_end = false;
	if (!parse_key(reply, line, "source", vcam_config_parse_source,
		       &cfg.source) || !check_camera(reply, &cfg) ||
	    !parse_stream_keys(reply, line, &cfg.source, *fd))
		return;
	passed = stream_input(reply, line, &cfg.source, *fd, &input, prefix);
	if (passed < 0)
		return;
	if (passed)
		*fd = -1;	/* the camera takes it */
	if (camera_set_source(&running->camera, &cfg.source,
			      passed ? &input : NULL, message,
			      sizeof(message))) {
		reply_error(reply, "failed", "%s", message);
		return;
	}
	vcamd_log(LOG_INFO, cfg.name, "source switched to %s",
		  vcam_protocol_get(line, "source"));
	reply_camera(reply, "OK", running);
}

static void do_version(struct daemon *daemon,
		       const struct vcam_protocol_line *line, int *fd,
		       struct reply *reply)
{
	char protocol[8];
	const struct vcam_protocol_field fields[] = {
		{ "version", VCAM_VERSION }, { "protocol", protocol },
	};

	(void)daemon;
	(void)fd;
	if (!only_keys(reply, line, NULL, 0))
		return;
	snprintf(protocol, sizeof(protocol), "%d", VCAM_PROTOCOL_VERSION);
	reply_line(reply, "OK", fields, 2);
}

static const struct {
	const char *verb;
	void (*handle)(struct daemon *daemon,
		       const struct vcam_protocol_line *line, int *fd,
		       struct reply *reply);
} verbs[] = {
	{ "CREATE", do_create },
	{ "DESTROY", do_destroy },
	{ "LIST", do_list },
	{ "SET-SOURCE", do_set_source },
	{ "VERSION", do_version },
};

static const char *parse_error_sentence(int error)
{
	switch (error) {
	case -EMSGSIZE:
		return "the request is longer than 4096 bytes";
	case -EPROTONOSUPPORT:
		return "vcamd speaks protocol VCAM/1 only: use a vcamctl of "
		       "the same release";
	default:
		return "malformed request: expected `VCAM/1 VERB KEY=VALUE...'";
	}
}

size_t control_answer(struct daemon *daemon, const char *request,
		      size_t length, int *passed_fd, char *response,
		      size_t size)
{
	static struct vcam_protocol_line line;
	struct reply reply = { response, size, 0 };
	int ret = vcam_protocol_parse_request(request, length, &line);

	response[0] = '\0';
	if (ret) {
		reply_error(&reply, vcam_protocol_parse_error_code(ret), "%s",
			    parse_error_sentence(ret));
		return reply.used;
	}
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(line.word, verbs[i].verb) == 0) {
			verbs[i].handle(daemon, &line, passed_fd, &reply);
			return reply.used;
		}
	}
	reply_error(&reply, "unknown-verb", "unknown verb `%s': known verbs "
		    "are CREATE, DESTROY, LIST, SET-SOURCE, VERSION",
		    line.word);
	return reply.used;
}
