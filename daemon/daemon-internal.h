/* SPDX-License-Identifier: GPL-2.0-only */
/* What the event loop (daemon.c) shares with the control socket (control*.c). */
#ifndef VCAMD_DAEMON_INTERNAL_H
#define VCAMD_DAEMON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vcam/config.h>
#include <vcam/dmabuf.h>

#include "camera.h"
#include "daemon.h"

enum watch_kind {
	WATCH_SIGNALS,
	WATCH_STATUS,
	WATCH_TIMER,
	WATCH_CONTROL_LISTEN,
	WATCH_CONTROL_CLIENT,
	WATCH_CONTROL_TIMEOUT,
};

/* What an epoll event is about: a camera's, or the control socket's data. */
struct watch {
	enum watch_kind kind;
	struct camera *camera;
	void *data;
};

struct running_camera {
	struct camera camera;
	bool runtime;		/* made over the control socket: reloads keep it */
	struct watch status_watch;
	struct watch timer_watch;
};

struct control;

struct daemon {
	const struct daemon_paths *paths;
	bool lending;		/* frames may go into consumers' buffers */
	int epoll_fd;
	int signal_fd;
	struct watch signal_watch;
	struct vcam_dmabuf_allocator *allocator;
	enum vcam_dmabuf_backend backend;
	struct running_camera **cameras;
	size_t camera_count;
	struct control *control;
	char control_group[VCAM_GROUP_NAME_MAX];	/* "": root only */
};

int daemon_watch_fd(struct daemon *daemon, int fd, uint32_t events,
		    struct watch *watch);

/* Starts a camera and adds it to daemon->cameras: 0 or -errno (logged). */
int daemon_start_camera(struct daemon *daemon,
			const struct vcam_camera_config *cfg, bool runtime);

/* Stops daemon->cameras[index]; the last camera takes its place. */
void daemon_stop_camera(struct daemon *daemon, size_t index);

#endif
