/* SPDX-License-Identifier: GPL-2.0-only */
/* What an epoll event of vcamd's one event loop is about. */
#ifndef VCAMD_WATCH_H
#define VCAMD_WATCH_H

enum watch_kind {
	WATCH_SIGNALS,
	WATCH_STATUS,
	WATCH_TIMER,
	WATCH_SOURCE,
	WATCH_NODES,
	WATCH_CONTROL_LISTEN,
	WATCH_CONTROL_CLIENT,
	WATCH_CONTROL_TIMEOUT,
};

struct camera;

/* A camera's, a source's (data) or the control socket's (data). */
struct watch {
	enum watch_kind kind;
	struct camera *camera;
	void *data;
};

#endif
