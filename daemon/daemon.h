/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcamd's cameras and its one event loop: signals, and per camera the
 * driver's status events and the frame timer.
 */
#ifndef VCAMD_DAEMON_H
#define VCAMD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>

struct daemon_paths {
	const char *main_file;
	const char *dropin_dir;
	const char *socket_path;	/* the control socket */
};

/* Loads the configuration and prints every problem; 0 if there were none. */
int daemon_check_config(const struct daemon_paths *paths);

/*
 * Creates the configured cameras, opens the control socket, tells systemd
 * it is ready and serves until SIGTERM or SIGINT; SIGHUP reloads the
 * configuration. lending: whether frames may be rendered straight into
 * consumers' buffers. Returns the exit status.
 */
int daemon_run(const struct daemon_paths *paths, bool lending);

#endif
