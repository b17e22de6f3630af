// SPDX-License-Identifier: GPL-2.0-only
#include "daemon.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <vcam/config.h>
#include <vcam/dmabuf.h>
#include <vcam/udev.h>

#include "control.h"
#include "daemon-internal.h"
#include "log.h"
#include "notify.h"

static int load_config(const struct daemon_paths *paths,
		       struct vcam_config *config)
{
	int ret;

	vcam_config_init(config);
	ret = vcam_config_load(config, paths->main_file, paths->dropin_dir);
	for (size_t i = 0; i < config->error_count; i++)
		vcamd_log(LOG_ERR, NULL, "%s", config->errors[i]);
	return ret;
}

int daemon_check_config(const struct daemon_paths *paths)
{
	struct vcam_config config;
	int ret = load_config(paths, &config);

	for (size_t i = 0; i < config.camera_count; i++)
		printf("camera %s: %ux%u, %u/%u s per frame\n",
		       config.cameras[i].name, config.cameras[i].width,
		       config.cameras[i].height,
		       config.cameras[i].interval_numerator,
		       config.cameras[i].interval_denominator);
	printf("%zu camera(s) configured, %zu problem(s)\n",
	       config.camera_count, config.error_count);
	vcam_config_free(&config);
	return ret ? 1 : 0;
}

int daemon_watch_fd(struct daemon *daemon, int fd, uint32_t events,
		    struct watch *watch)
{
	struct epoll_event event = { .events = events, .data.ptr = watch };

	return epoll_ctl(daemon->epoll_fd, EPOLL_CTL_ADD, fd, &event) ?
	       -errno : 0;
}

void daemon_stop_camera(struct daemon *daemon, size_t index)
{
	struct running_camera *running = daemon->cameras[index];

	vcamd_log(LOG_INFO, running->camera.config.name, "removed");
	camera_stop(&running->camera);
	free(running);
	daemon->cameras[index] = daemon->cameras[--daemon->camera_count];
}

int daemon_start_camera(struct daemon *daemon,
			const struct vcam_camera_config *cfg, bool runtime,
			const struct source_input *input)
{
	struct running_camera *running = calloc(1, sizeof(*running));
	struct running_camera **cameras;
	int ret;

	cameras = realloc(daemon->cameras,
			  (daemon->camera_count + 1) * sizeof(*cameras));
	if (!running || !cameras) {
		vcamd_log(LOG_ERR, cfg->name, "out of memory");
		free(running);
		if (cameras)
			daemon->cameras = cameras;
		return -ENOMEM;
	}
	daemon->cameras = cameras;
	ret = camera_start(&running->camera, cfg, daemon->allocator,
			   daemon->lending, daemon->sources, input);
	if (ret) {
		free(running);
		return ret;
	}
	running->runtime = runtime;
	running->status_watch =
		(struct watch){ WATCH_STATUS, &running->camera, NULL };
	running->timer_watch =
		(struct watch){ WATCH_TIMER, &running->camera, NULL };
	ret = daemon_watch_fd(daemon, running->camera.producer.fd, EPOLLPRI,
			      &running->status_watch);
	if (!ret)
		ret = daemon_watch_fd(daemon, running->camera.timer_fd, EPOLLIN,
				      &running->timer_watch);
	if (ret) {
		vcamd_log(LOG_ERR, cfg->name, "cannot watch the camera: %s",
			  strerror(-ret));
		camera_stop(&running->camera);
		free(running);
		return ret;
	}
	daemon->cameras[daemon->camera_count++] = running;
	return 0;
}

static const struct vcam_camera_config *
find_config(const struct vcam_config *config, const char *name)
{
	for (size_t i = 0; i < config->camera_count; i++) {
		if (strcmp(config->cameras[i].name, name) == 0)
			return &config->cameras[i];
	}
	return NULL;
}

static const struct vcam_camera_config *
find_rejected(const struct vcam_config *config, const char *name)
{
	for (size_t i = 0; i < config->rejected_count; i++) {
		if (strcmp(config->rejected[i].name, name) == 0)
			return &config->rejected[i];
	}
	return NULL;
}

/* A running camera's settings against its section; the rate a stream's
 * header gave the camera counts as unset. */
static bool same_settings(const struct vcam_camera_config *wanted,
			  const struct vcam_camera_config *running)
{
	bool same_rate = !wanted->fps_given && !running->fps_given;

	same_rate |= wanted->interval_numerator ==
		     running->interval_numerator &&
		     wanted->interval_denominator ==
		     running->interval_denominator;
	return wanted->width == running->width &&
	       wanted->height == running->height &&
	       wanted->fourcc == running->fourcc && same_rate &&
	       wanted->fps_given == running->fps_given &&
	       wanted->frames == running->frames &&
	       memcmp(&wanted->source, &running->source,
		      sizeof(wanted->source)) == 0;
}

/* Whether a reload leaves configured camera i as it is: unchanged, or
 * its new section has errors, which must not end a stream. */
static bool keeps_running(struct daemon *daemon, size_t i,
			  const struct vcam_config *config)
{
	const struct camera *camera = &daemon->cameras[i]->camera;
	const struct vcam_camera_config *wanted =
		find_config(config, camera->config.name);

	if (daemon->cameras[i]->runtime)
		return true;
	if (!wanted && find_rejected(config, camera->config.name)) {
		vcamd_log(LOG_WARNING, camera->config.name, "its section has "
			  "errors (logged above): it keeps running as it was "
			  "until they are fixed and vcamd reloads");
		return true;
	}
	return wanted && wanted->enabled &&
	       same_settings(wanted, &camera->config);
}

static const struct running_camera *find_running(const struct daemon *daemon,
						 const char *name)
{
	for (size_t i = 0; i < daemon->camera_count; i++) {
		if (strcmp(daemon->cameras[i]->camera.config.name, name) == 0)
			return daemon->cameras[i];
	}
	return NULL;
}

/* Starts a configured camera unless it runs, or vcamctl made its name. */
static void start_configured(struct daemon *daemon,
			     const struct vcam_camera_config *cfg)
{
	const struct running_camera *running = find_running(daemon, cfg->name);

	if (cfg->enabled && running && running->runtime)
		vcamd_log(LOG_NOTICE, cfg->name, "not created from %s: a "
			  "camera made with vcamctl has the name", cfg->file);
	else if (cfg->enabled && !running)
		daemon_start_camera(daemon, cfg, false, NULL);
}

/*
 * Cameras whose source is camera:NAME start after camera NAME, in the
 * order of a chain; those left (a loop, a missing name) are then started
 * to log why they cannot be.
 */
static void start_sharing(struct daemon *daemon,
			  const struct vcam_config *config)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t i = 0; i < config->camera_count; i++) {
			const struct vcam_camera_config *cfg =
				&config->cameras[i];

			if (cfg->source.kind != VCAM_SOURCE_CAMERA ||
			    !cfg->enabled || find_running(daemon, cfg->name) ||
			    !find_running(daemon, cfg->source.path))
				continue;
			start_configured(daemon, cfg);
			progress |= find_running(daemon, cfg->name) != NULL;
		}
	}
	for (size_t i = 0; i < config->camera_count; i++) {
		if (config->cameras[i].source.kind == VCAM_SOURCE_CAMERA)
			start_configured(daemon, &config->cameras[i]);
	}
}

/*
 * Makes the configured cameras those of config, keeping unchanged ones,
 * those whose new sections have errors and those made over the control
 * socket.
 */
static void apply_config(struct daemon *daemon,
			 const struct vcam_config *config)
{
	for (size_t i = daemon->camera_count; i-- > 0;) {
		if (!keeps_running(daemon, i, config))
			daemon_stop_camera(daemon, i);
	}
	for (size_t i = 0; i < config->camera_count; i++) {
		if (config->cameras[i].source.kind != VCAM_SOURCE_CAMERA)
			start_configured(daemon, &config->cameras[i]);
	}
	start_sharing(daemon, config);
}

static int open_allocator(struct daemon *daemon, enum vcam_dmabuf_backend backend)
{
	char message[256];
	int ret;

	if (daemon->allocator && backend == daemon->backend)
		return 0;
	if (daemon->allocator)
		vcam_dmabuf_allocator_close(daemon->allocator);
	daemon->allocator = NULL;
	ret = vcam_dmabuf_allocator_open(&daemon->allocator, backend);
	if (ret) {
		vcamd_log(LOG_ERR, NULL, "%s", vcam_dmabuf_open_error_message(
			  backend, ret, message, sizeof(message)));
		return ret;
	}
	daemon->backend = backend;
	vcamd_log(LOG_INFO, NULL, "frame memory from %s",
		  vcam_dmabuf_backend_name(
			  vcam_dmabuf_allocator_backend(daemon->allocator)));
	return 0;
}

static void report_ready(const struct daemon *daemon)
{
	char state[64];

	snprintf(state, sizeof(state), "READY=1\nSTATUS=%zu camera(s)",
		 daemon->camera_count);
	vcamd_notify(state);
	vcamd_log(LOG_INFO, NULL, "ready with %zu camera(s)",
		  daemon->camera_count);
}

/* Loads the configuration and applies it; the old one stays on failure. */
static int configure(struct daemon *daemon)
{
	struct vcam_config config;
	int ret = load_config(daemon->paths, &config);

	if (ret == -ENOMEM) {
		vcamd_log(LOG_ERR, NULL, "out of memory reading the "
			  "configuration");
		vcam_config_free(&config);
		return ret;
	}
	ret = open_allocator(daemon, config.daemon.dmabuf);
	if (!ret)
		apply_config(daemon, &config);
	if (!ret) {
		strcpy(daemon->control_group, config.daemon.control_group);
		if (daemon->control)
			control_set_group(daemon->control, daemon->control_group);
	}
	vcam_config_free(&config);
	return ret;
}

static int setup_signals(struct daemon *daemon)
{
	sigset_t signals;

	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &signals, NULL))
		return -errno;
	daemon->signal_fd = signalfd(-1, &signals, SFD_NONBLOCK | SFD_CLOEXEC);
	if (daemon->signal_fd < 0)
		return -errno;
	daemon->signal_watch = (struct watch){ WATCH_SIGNALS, NULL, NULL };
	return daemon_watch_fd(daemon, daemon->signal_fd, EPOLLIN,
			&daemon->signal_watch);
}

/* Returns true when the daemon should stop. */
static bool handle_signals(struct daemon *daemon)
{
	struct signalfd_siginfo info;

	while (read(daemon->signal_fd, &info, sizeof(info)) ==
	       (ssize_t)sizeof(info)) {
		if (info.ssi_signo != SIGHUP)
			return true;
		vcamd_notify("RELOADING=1");
		vcamd_log(LOG_INFO, NULL, "reloading the configuration");
		configure(daemon);
		report_ready(daemon);
	}
	return false;
}

/*
 * Cameras made to go when their stream ends, whose stream ended (seen in
 * a source's event or at a tick): true if any went.
 */
static bool remove_done_cameras(struct daemon *daemon)
{
	bool removed = false;

	for (size_t i = daemon->camera_count; i-- > 0;) {
		if (camera_is_done(&daemon->cameras[i]->camera)) {
			daemon_stop_camera(daemon, i);
			removed = true;
		}
	}
	return removed;
}

/* A V4L2 node came or went: the sources relaying one hear of it. */
static void on_node_event(struct daemon *daemon)
{
	struct vcam_node_event event;

	if (vcam_node_monitor_receive(daemon->nodes, &event) != 1 ||
	    event.action == VCAM_NODE_CHANGED)
		return;
	vcamd_log(LOG_DEBUG, NULL, "%s %s", event.devnode,
		  event.action == VCAM_NODE_ADDED ? "added" : "removed");
	source_registry_on_node(daemon->sources, event.devnode,
				event.action == VCAM_NODE_ADDED);
}

/*
 * Handles one event. Returns false when the daemon should stop. *changed
 * says that cameras or connections may have gone, so that the batch's
 * other events may point at freed watches.
 */
static bool dispatch(struct daemon *daemon, const struct epoll_event *event,
		     bool *changed)
{
	struct watch *watch = event->data.ptr;

	*changed = false;
	switch (watch->kind) {
	case WATCH_SIGNALS:
		*changed = true;
		return !handle_signals(daemon);
	case WATCH_STATUS:
		camera_on_status_change(watch->camera);
		*changed = remove_done_cameras(daemon);
		return true;
	case WATCH_TIMER:
		camera_on_timer(watch->camera);
		*changed = remove_done_cameras(daemon);
		return true;
	case WATCH_SOURCE:
		*changed = true;
		source_on_event(watch->data, event->events);
		remove_done_cameras(daemon);
		return true;
	case WATCH_NODES:
		*changed = true;
		on_node_event(daemon);
		remove_done_cameras(daemon);
		return true;
	default:
		*changed = true;
		control_on_event(daemon->control, watch, event->events);
		return true;
	}
}

/* Cameras at one rate tick together: one wake-up serves this many. */
#define EVENT_BATCH 64

static void serve(struct daemon *daemon)
{
	struct epoll_event events[EVENT_BATCH];

	for (;;) {
		int count = epoll_wait(daemon->epoll_fd, events, EVENT_BATCH,
				       -1);
		bool changed = false;

		if (count < 0 && errno != EINTR) {
			vcamd_log(LOG_ERR, NULL, "epoll_wait: %s",
				  strerror(errno));
			return;
		}
		/* Events left after a change come back: all are level-triggered. */
		for (int i = 0; i < count && !changed; i++) {
			if (!dispatch(daemon, &events[i], &changed))
				return;
		}
	}
}

/*
 * Real cameras come back when their node does: the sources hear of V4L2
 * nodes added and removed from udev (or the kernel, when systemd-udevd
 * does not run). Without that, they try an unplugged camera every second.
 */
static void watch_nodes(struct daemon *daemon)
{
	int ret = vcam_node_monitor_new(&daemon->nodes);

	if (!ret) {
		daemon->nodes_watch = (struct watch){ WATCH_NODES, NULL, NULL };
		ret = daemon_watch_fd(daemon,
				      vcam_node_monitor_fd(daemon->nodes),
				      EPOLLIN, &daemon->nodes_watch);
	}
	if (ret) {
		vcamd_log(LOG_NOTICE, NULL, "cannot watch V4L2 devices come "
			  "and go (%s): an unplugged real camera is tried "
			  "again every second instead", strerror(-ret));
		vcam_node_monitor_free(daemon->nodes);
		daemon->nodes = NULL;
		return;
	}
	vcamd_log(LOG_INFO, NULL, "hears of V4L2 devices plugged and unplugged "
		  "from %s", vcam_node_monitor_from_udev(daemon->nodes) ?
		  "udev" : "the kernel (systemd-udevd does not run)");
	source_registry_set_hotplug(daemon->sources, true);
}

/* The control socket, with the group of the configuration just applied. */
static int open_control(struct daemon *daemon)
{
	return control_open(&daemon->control, daemon,
			    daemon->paths->socket_path, daemon->control_group);
}

static void teardown(struct daemon *daemon)
{
	control_close(daemon->control);
	while (daemon->camera_count)
		daemon_stop_camera(daemon, daemon->camera_count - 1);
	free(daemon->cameras);
	source_registry_free(daemon->sources);
	vcam_node_monitor_free(daemon->nodes);
	if (daemon->allocator)
		vcam_dmabuf_allocator_close(daemon->allocator);
	if (daemon->signal_fd >= 0)
		close(daemon->signal_fd);
	if (daemon->epoll_fd >= 0)
		close(daemon->epoll_fd);
}

int daemon_run(const struct daemon_paths *paths, bool lending)
{
	struct daemon daemon = {
		.paths = paths, .lending = lending, .epoll_fd = -1,
		.signal_fd = -1,
	};
	int status = 1;

	daemon.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (daemon.epoll_fd < 0 || setup_signals(&daemon) ||
	    source_registry_new(&daemon.sources, daemon.epoll_fd)) {
		vcamd_log(LOG_ERR, NULL, "cannot set up the event loop: %s",
			  strerror(errno));
		goto out;
	}
	/* Before any camera: a second vcamd stops here, creating none. */
	if (open_control(&daemon))
		goto out;
	watch_nodes(&daemon);
	if (configure(&daemon))
		goto out;
	report_ready(&daemon);
	serve(&daemon);
	vcamd_notify("STOPPING=1");
	vcamd_log(LOG_INFO, NULL, "stopping");
	status = 0;
out:
	teardown(&daemon);
	return status;
}
