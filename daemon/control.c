// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control socket's connections: non-blocking accept, a bounded buffer
 * per connection, a time limit per connection, one answer and close.
 */
#include "control.h"

#include <errno.h>
#include <grp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>
#include <vcam/protocol.h>

#include "daemon-internal.h"
#include "log.h"

#define CLIENTS_MAX 16
#define CLIENT_TIMEOUT_S 5
#define RESPONSE_MAX (256 * 1024)

struct client {
	struct control *control;
	int fd;			/* -1: the slot is free */
	int timer_fd;
	struct watch watch;
	struct watch timer_watch;
	int passed_fd;		/* a stream sent with the request, or -1 */
	size_t used;
	char request[VCAM_PROTOCOL_LINE_MAX + 1];
};

struct control {
	struct daemon *daemon;
	int listen_fd;
	struct watch listen_watch;
	struct sockaddr_un address;
	struct client clients[CLIENTS_MAX];
	char response[RESPONSE_MAX];
};

static void send_response(int fd, const char *response, size_t length)
{
	/* A client that does not read its answer only loses it. */
	if (send(fd, response, length, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		vcamd_log(LOG_DEBUG, NULL, "control socket: cannot answer: %s",
			  strerror(errno));
}

static void send_error(int fd, const char *code, const char *sentence)
{
	char line[512];
	int length = vcam_protocol_format_error(line, sizeof(line), code,
						sentence);

	if (length > 0)
		send_response(fd, line, (size_t)length);
}

/*
 * Reads what is left of an over-long request, so that closing does not
 * reset the connection before the client reads the answer. Bounded: a
 * client that keeps sending loses its answer.
 */
static void discard_input(int fd)
{
	char scrap[4096];

	for (int i = 0; i < 16; i++) {
		if (read(fd, scrap, sizeof(scrap)) <= 0)
			return;
	}
}

static void drop_client(struct client *client)
{
	if (client->timer_fd >= 0)
		close(client->timer_fd);
	if (client->passed_fd >= 0)
		close(client->passed_fd);
	close(client->fd);
	client->fd = -1;
	client->timer_fd = -1;
	client->passed_fd = -1;
	client->used = 0;
}

static void answer(struct client *client, size_t length)
{
	struct control *control = client->control;
	size_t response_length = control_answer(control->daemon,
						client->request, length,
						&client->passed_fd,
						control->response,
						sizeof(control->response));

	send_response(client->fd, control->response, response_length);
	discard_input(client->fd);
	drop_client(client);
}

static int arm_timeout(struct client *client)
{
	struct itimerspec spec = { .it_value.tv_sec = CLIENT_TIMEOUT_S };

	client->timer_fd = timerfd_create(CLOCK_MONOTONIC,
					  TFD_NONBLOCK | TFD_CLOEXEC);
	if (client->timer_fd < 0)
		return -errno;
	return timerfd_settime(client->timer_fd, 0, &spec, NULL) ? -errno : 0;
}

static struct client *free_slot(struct control *control)
{
	for (size_t i = 0; i < CLIENTS_MAX; i++) {
		if (control->clients[i].fd < 0)
			return &control->clients[i];
	}
	return NULL;
}

static void start_client(struct control *control, int fd)
{
	struct client *client = free_slot(control);
	struct daemon *daemon = control->daemon;

	if (!client) {
		send_error(fd, "busy", "vcamd serves too many connections; "
			   "try again");
		close(fd);
		return;
	}
	client->fd = fd;
	client->passed_fd = -1;
	client->used = 0;
	client->watch = (struct watch){ WATCH_CONTROL_CLIENT, NULL, client };
	client->timer_watch =
		(struct watch){ WATCH_CONTROL_TIMEOUT, NULL, client };
	if (arm_timeout(client) ||
	    daemon_watch_fd(daemon, client->fd, EPOLLIN, &client->watch) ||
	    daemon_watch_fd(daemon, client->timer_fd, EPOLLIN,
			    &client->timer_watch)) {
		vcamd_log(LOG_ERR, NULL, "control socket: cannot watch a "
			  "connection: %s", strerror(errno));
		send_error(fd, "failed", "vcamd cannot serve the connection");
		drop_client(client);
	}
}

static void accept_clients(struct control *control)
{
	int fd;

	while ((fd = accept4(control->listen_fd, NULL, NULL,
			     SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0)
		start_client(control, fd);
	if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
	    errno != ECONNABORTED)
		vcamd_log(LOG_ERR, NULL, "control socket: accept: %s",
			  strerror(errno));
}

/* Keeps the first descriptor passed with the request; closes others. */
static void keep_passed_fds(struct client *client, struct msghdr *message)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(message); c;
	     c = CMSG_NXTHDR(message, c)) {
		size_t count;
		int fds[VCAM_PROTOCOL_FDS_MAX];

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		memcpy(fds, CMSG_DATA(c), count * sizeof(int));
		for (size_t i = 0; i < count; i++) {
			if (client->passed_fd < 0)
				client->passed_fd = fds[i];
			else
				close(fds[i]);
		}
	}
}

/* Bytes of the request, with any descriptor passed along. */
static ssize_t receive(struct client *client, size_t room)
{
	union {
		char buf[CMSG_SPACE(VCAM_PROTOCOL_FDS_MAX * sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { client->request + client->used, room };
	struct msghdr message = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	ssize_t got = recvmsg(client->fd, &message, MSG_CMSG_CLOEXEC);

	if (got >= 0)
		keep_passed_fds(client, &message);
	return got;
}

/* Reads what the client sent; answers once a line, EOF or too much came. */
static void read_request(struct client *client)
{
	size_t room = sizeof(client->request) - client->used;
	ssize_t got = receive(client, room);
	char *newline;

	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (got < 0 || (got == 0 && client->used == 0)) {
		drop_client(client);
		return;
	}
	newline = memchr(client->request + client->used, '\n', (size_t)got);
	client->used += (size_t)got;
	if (newline)
		answer(client, (size_t)(newline - client->request) + 1);
	else if (got == 0 || client->used == sizeof(client->request))
		answer(client, client->used);
}

void control_on_event(struct control *control, struct watch *watch,
		      uint32_t events)
{
	struct client *client = watch->data;

	if (watch->kind == WATCH_CONTROL_LISTEN) {
		accept_clients(control);
	} else if (watch->kind == WATCH_CONTROL_TIMEOUT) {
		send_error(client->fd, "timeout", "the request did not "
			   "arrive within 5 seconds");
		drop_client(client);
	} else if (events & EPOLLIN) {
		read_request(client);
	} else {
		drop_client(client);
	}
}

/* Removes a socket file no vcamd answers on; -EADDRINUSE if one does. */
static int remove_stale_socket(const struct sockaddr_un *address)
{
	struct stat st;
	int fd, ret;

	if (lstat(address->sun_path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	ret = connect(fd, (const struct sockaddr *)address, sizeof(*address));
	close(fd);
	if (ret == 0)
		return -EADDRINUSE;
	return unlink(address->sun_path) ? -errno : 0;
}

void control_set_group(struct control *control, const char *group)
{
	const char *path = control->address.sun_path;
	struct group *entry = NULL;

	if (group[0]) {
		entry = getgrnam(group);
		if (!entry)
			vcamd_log(LOG_ERR, NULL, "control-group %s does not "
				  "exist: the control socket is for root only",
				  group);
	}
	if (chown(path, 0, entry ? entry->gr_gid : 0) ||
	    chmod(path, entry ? 0660 : 0600))
		vcamd_log(LOG_ERR, NULL, "cannot set the owner of %s: %s",
			  path, strerror(errno));
}

static int listen_on(struct control *control, const char *path)
{
	struct sockaddr_un *address = &control->address;
	mode_t old_mask;
	int ret;

	if (strlen(path) >= sizeof(address->sun_path))
		return -ENAMETOOLONG;
	address->sun_family = AF_UNIX;
	strcpy(address->sun_path, path);
	ret = remove_stale_socket(address);
	if (ret)
		return ret;
	control->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
				    SOCK_CLOEXEC, 0);
	if (control->listen_fd < 0)
		return -errno;
	/* Nobody but root may connect before the group is set. */
	old_mask = umask(0177);
	ret = bind(control->listen_fd, (struct sockaddr *)address,
		   sizeof(*address));
	umask(old_mask);
	if (ret || listen(control->listen_fd, CLIENTS_MAX))
		return -errno;
	return 0;
}

/* Makes /run/vcam for the default path; other folders must exist. */
static void make_parent_folder(const char *path)
{
	char folder[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	if (strlen(path) >= sizeof(folder))
		return;
	strcpy(folder, path);
	slash = strrchr(folder, '/');
	if (slash && slash != folder) {
		*slash = '\0';
		mkdir(folder, 0755);
	}
}

int control_open(struct control **control, struct daemon *daemon,
		 const char *path, const char *group)
{
	struct control *c = calloc(1, sizeof(*c));
	int ret;

	if (!c) {
		vcamd_log(LOG_ERR, NULL, "out of memory");
		return -ENOMEM;
	}
	c->daemon = daemon;
	c->listen_fd = -1;
	for (size_t i = 0; i < CLIENTS_MAX; i++)
		c->clients[i] = (struct client){ .control = c, .fd = -1,
						 .timer_fd = -1,
						 .passed_fd = -1 };
	make_parent_folder(path);
	ret = listen_on(c, path);
	if (ret) {
		vcamd_log(LOG_ERR, NULL, "cannot listen on %s: %s%s", path,
			  strerror(-ret), ret == -EADDRINUSE ?
			  " (another vcamd is running)" : "");
		if (c->listen_fd >= 0)
			close(c->listen_fd);
		free(c);
		return ret;
	}
	control_set_group(c, group);
	c->listen_watch = (struct watch){ WATCH_CONTROL_LISTEN, NULL, c };
	ret = daemon_watch_fd(daemon, c->listen_fd, EPOLLIN, &c->listen_watch);
	if (ret) {
		vcamd_log(LOG_ERR, NULL, "cannot watch %s: %s", path,
			  strerror(-ret));
		control_close(c);
		return ret;
	}
	vcamd_log(LOG_INFO, NULL, "control socket %s", path);
	*control = c;
	return 0;
}

void control_close(struct control *control)
{
	if (!control)
		return;
	for (size_t i = 0; i < CLIENTS_MAX; i++) {
		if (control->clients[i].fd >= 0)
			drop_client(&control->clients[i]);
	}
	close(control->listen_fd);
	unlink(control->address.sun_path);
	free(control);
}
