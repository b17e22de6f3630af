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
#include "watch.h"

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
	struct source_registry *sources;
	struct vcam_node_monitor *nodes;	/* NULL: none */
	struct watch nodes_watch;
	struct running_camera **cameras;
	size_t camera_count;
	struct control *control;
	char control_group[VCAM_GROUP_NAME_MAX];	/* "": root only */
};

int daemon_watch_fd(struct daemon *daemon, int fd, uint32_t events,
		    struct watch *watch);

/*
 * Starts a camera and adds it to daemon->cameras: 0 or -errno (logged).
 * input: the stream of a "-" source, or NULL.
 */
int daemon_start_camera(struct daemon *daemon,
			const struct vcam_camera_config *cfg, bool runtime,
			const struct source_input *input);

/* Stops daemon->cameras[index]; the last camera takes its place. */
void daemon_stop_camera(struct daemon *daemon, size_t index);

#endif
