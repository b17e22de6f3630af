/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcamd's control socket (protocol in <vcam/protocol.h>), served from the
 * daemon's event loop without blocking it: one request per connection.
 */
#ifndef VCAMD_CONTROL_H
#define VCAMD_CONTROL_H

#include <stddef.h>
#include <stdint.h>

struct control;
struct daemon;
struct watch;

/*
 * Listens on path, replacing a stale socket, mode 0600, or 0660 with group
 * `group' when it is not empty. Returns 0 or -errno (logged).
 */
int control_open(struct control **control, struct daemon *daemon,
		 const char *path, const char *group);

/* Gives the socket to another group ("": root only) after a reload. */
void control_set_group(struct control *control, const char *group);

/* An epoll event on one of the control socket's watches. */
void control_on_event(struct control *control, struct watch *watch,
		      uint32_t events);

/* Closes every connection and removes the socket; control may be NULL. */
void control_close(struct control *control);

/*
 * Answers one request (control-verbs.c): writes the response lines into
 * response, NUL-terminated, and returns their length. *passed_fd is a
 * descriptor sent with the request, or -1; a verb that takes it sets -1.
 */
size_t control_answer(struct daemon *daemon, const char *request,
		      size_t length, int *passed_fd, char *response,
		      size_t size);

#endif
