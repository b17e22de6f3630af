// SPDX-License-Identifier: GPL-2.0-only
/* The source registry: opening, sharing, starting and stopping sources. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "source-kind.h"

struct source_registry {
	int epoll_fd;
	bool hotplug;
	struct source *sources;
};

int source_registry_new(struct source_registry **registry, int epoll_fd)
{
	struct source_registry *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->epoll_fd = epoll_fd;
	*registry = r;
	return 0;
}

void source_registry_free(struct source_registry *registry)
{
	free(registry);
}

static bool is_fifo(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

static bool is_stdin(const struct vcam_camera_source *cfg)
{
	return strcmp(cfg->path, VCAM_SOURCE_STDIN) == 0;
}

static const struct source_ops *ops_for(const struct vcam_camera_source *cfg)
{
	switch (cfg->kind) {
	case VCAM_SOURCE_MJPEG:
		return is_stdin(cfg) || is_fifo(cfg->path) ?
		       &source_mjpeg_stream_ops : &source_mjpeg_file_ops;
	case VCAM_SOURCE_Y4M:
		return &source_y4m_ops;
	case VCAM_SOURCE_V4L2:
		return &source_v4l2_ops;
	default:
		return &source_pattern_ops;
	}
}

/*
 * What cameras naming the same thing share: a FIFO can have one reader
 * only, and a device is opened once (by its node: /dev/v4l/by-id/ links
 * name the same one). Files and patterns are opened per camera, at its own
 * pace.
 */
static void make_key(const struct vcam_camera_source *cfg, char *key,
		     size_t size)
{
	char node[PATH_MAX];

	key[0] = '\0';
	if (cfg->kind == VCAM_SOURCE_V4L2)
		snprintf(key, size, "%d:%s", (int)cfg->kind,
			 realpath(cfg->path, node) ? node : cfg->path);
	else if (cfg->kind != VCAM_SOURCE_PATTERN &&
		 cfg->kind != VCAM_SOURCE_CAMERA && !is_stdin(cfg) &&
		 is_fifo(cfg->path))
		snprintf(key, size, "%d:%s", (int)cfg->kind, cfg->path);
}

static struct source *find_shared(struct source_registry *registry,
				  const char *key)
{
	for (struct source *s = registry->sources; s && key[0]; s = s->next) {
		if (strcmp(s->key, key) == 0)
			return s;
	}
	return NULL;
}

static void add_user(struct source *source, struct source_user *user)
{
	user->streaming = false;
	user->next = source->users;
	source->users = user;
}

static int open_source(struct source_registry *registry,
		       const struct vcam_camera_config *cfg,
		       const struct source_input *input,
		       const struct vcam_frame_layout *layout,
		       struct source **source, char *message, size_t size)
{
	struct source *s = calloc(1, sizeof(*s));
	int ret;

	if (!s) {
		if (input)
			close(input->fd);
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	s->registry = registry;
	s->watched_fd = -1;
	s->watch = (struct watch){ WATCH_SOURCE, NULL, s };
	s->ops = ops_for(&cfg->source);
	s->config = cfg->source;
	make_key(&cfg->source, s->key, sizeof(s->key));
	snprintf(s->camera, sizeof(s->camera), "%s", cfg->name);
	ret = s->ops->open(s, cfg, input, layout, message, size);
	if (ret) {
		source_unwatch(s);
		free(s);
		return ret;
	}
	s->next = registry->sources;
	registry->sources = s;
	*source = s;
	return 0;
}

/* The source a camera of that name uses, or NULL. */
static struct source *find_used_by(struct source_registry *registry,
				   const char *name)
{
	for (struct source *s = registry->sources; s; s = s->next) {
		for (struct source_user *u = s->users; u; u = u->next) {
			if (strcmp(u->name, name) == 0)
				return s;
		}
	}
	return NULL;
}

/*
 * camera:NAME: the source of camera NAME itself when any camera can use
 * it, else the same settings (a pattern or file is drawn per camera).
 * Returns 0 with *shared, or 0 with *resolved to open, or -errno.
 */
static int resolve_camera(struct source_registry *registry,
			  const struct vcam_camera_config *cfg,
			  struct source **shared,
			  struct vcam_camera_config *resolved, char *message,
			  size_t size)
{
	const char *name = cfg->source.path;
	struct source *other;

	if (strcmp(name, cfg->name) == 0) {
		snprintf(message, size, "its source camera:%s names the camera "
			 "itself: name another camera", name);
		return -ELOOP;
	}
	other = find_used_by(registry, name);
	if (!other) {
		snprintf(message, size, "its source camera:%s names no "
			 "running camera: create camera %s first (camera: "
			 "sources cannot form a loop)", name, name);
		return -ENOENT;
	}
	if (other->ops->any_layout) {
		*shared = other;
		return 0;
	}
	*resolved = *cfg;
	resolved->source = other->config;
	return 0;
}

int source_get(struct source_registry *registry,
	       const struct vcam_camera_config *cfg,
	       const struct source_input *input,
	       const struct vcam_frame_layout *layout,
	       struct source_user *user, struct source **source,
	       char *message, size_t size)
{
	char key[sizeof(((struct source *)0)->key)];
	struct vcam_camera_config resolved;
	struct source *shared = NULL;
	int ret;

	if (cfg->source.kind == VCAM_SOURCE_CAMERA) {
		ret = resolve_camera(registry, cfg, &shared, &resolved,
				     message, size);
		if (ret) {
			if (input)
				close(input->fd);
			return ret;
		}
		if (!shared)
			cfg = &resolved;
	}
	make_key(&cfg->source, key, sizeof(key));
	if (!shared)
		shared = find_shared(registry, key);
	if (shared) {
		vcamd_log(LOG_INFO, cfg->name, "shares the source of camera "
			  "%s", shared->camera);
		*source = shared;
	} else {
		ret = open_source(registry, cfg, input, layout, source,
				  message, size);
		if (ret)
			return ret;
	}
	add_user(*source, user);
	return 0;
}

static void unlink_source(struct source *source)
{
	struct source **link = &source->registry->sources;

	while (*link && *link != source)
		link = &(*link)->next;
	if (*link)
		*link = source->next;
}

static void close_if_unused(struct source *source)
{
	if (source->users || source->exported)
		return;
	source_unwatch(source);
	source->ops->close(source);
	free(source);
}

void source_put(struct source *source, struct source_user *user)
{
	struct source_user **link;

	if (!source)
		return;
	source_set_streaming(source, user, false);
	for (link = &source->users; *link; link = &(*link)->next) {
		if (*link == user) {
			*link = user->next;
			break;
		}
	}
	if (source->users) {
		/* Its log lines name a camera that uses it: the same one while
		 * it does. */
		if (strcmp(source->camera, user->name) == 0)
			snprintf(source->camera, sizeof(source->camera), "%s",
				 source->users->name);
		return;
	}
	/* No camera can share it any more; it closes when it can. */
	unlink_source(source);
	close_if_unused(source);
}

void source_set_streaming(struct source *source, struct source_user *user,
			  bool streaming)
{
	if (user->streaming == streaming)
		return;
	user->streaming = streaming;
	if (streaming && source->streaming++ == 0 && source->ops->start)
		source->ops->start(source);
	else if (!streaming && --source->streaming == 0 && source->ops->stop)
		source->ops->stop(source);
}

bool source_is_self_paced(const struct source *source)
{
	return source->self_paced;
}

bool source_frame_rate(const struct source *source, uint32_t *numerator,
		       uint32_t *denominator)
{
	return source->ops->frame_rate &&
	       source->ops->frame_rate(source, numerator, denominator);
}

int source_render(struct source *source,
		  const struct vcam_frame_layout *layout, void *frame,
		  const struct source_tick *tick, uint32_t *length)
{
	return source->ops->render(source, layout, frame, tick, length);
}

void source_on_event(struct source *source, uint32_t events)
{
	if (source->ops->on_event)
		source->ops->on_event(source, events);
}

int source_watch(struct source *source, int fd, uint32_t events)
{
	struct epoll_event event = { .events = events,
				     .data.ptr = &source->watch };
	int op = EPOLL_CTL_MOD;

	/* Removed, not muted: epoll reports a hang-up even then. */
	if (!events) {
		source_unwatch(source);
		return 0;
	}
	if (fd != source->watched_fd) {
		source_unwatch(source);
		op = EPOLL_CTL_ADD;
	} else if (events == source->watched_events) {
		return 0;
	}
	if (epoll_ctl(source->registry->epoll_fd, op, fd, &event))
		return -errno;
	source->watched_fd = fd;
	source->watched_events = events;
	return 0;
}

void source_unwatch(struct source *source)
{
	if (source->watched_fd < 0)
		return;
	epoll_ctl(source->registry->epoll_fd, EPOLL_CTL_DEL,
		  source->watched_fd, NULL);
	source->watched_fd = -1;
	source->watched_events = 0;
}

void source_set_self_paced(struct source *source, bool self_paced)
{
	if (source->self_paced == self_paced)
		return;
	source->self_paced = self_paced;
	for (struct source_user *user = source->users; user;
	     user = user->next) {
		if (user->on_pacing)
			user->on_pacing(user);
	}
}

void source_push_frame(struct source *source)
{
	for (struct source_user *user = source->users; user;
	     user = user->next) {
		if (user->streaming && user->on_frame)
			user->on_frame(user);
	}
}

void source_end(struct source *source)
{
	for (struct source_user *user = source->users; user;
	     user = user->next) {
		if (user->on_end)
			user->on_end(user);
	}
}

void source_registry_set_hotplug(struct source_registry *registry,
				 bool hotplug)
{
	registry->hotplug = hotplug;
}

bool source_hotplug(const struct source *source)
{
	return source->registry->hotplug;
}

void source_registry_on_node(struct source_registry *registry,
			     const char *devnode, bool added)
{
	for (struct source *s = registry->sources; s; s = s->next) {
		if (s->ops->on_node)
			s->ops->on_node(s, devnode, added);
	}
}

int source_export(struct source *source,
		  const struct vcam_frame_layout *layout,
		  struct source_export *export)
{
	int ret;

	if (!source->ops->export_frame)
		return -ENOTSUP;
	ret = source->ops->export_frame(source, layout, export);
	if (ret)
		return ret;
	export->source = source;
	source->exported++;
	return 0;
}

void source_release(const struct source_export *export)
{
	struct source *source = export->source;

	if (source->ops->release_frame)
		source->ops->release_frame(source, export);
	source->exported--;
	close_if_unused(source);
}
