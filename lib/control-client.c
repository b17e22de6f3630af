// SPDX-License-Identifier: GPL-2.0-only
/* One request and its response over vcamd's control socket. */

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "vcam/control.h"

#define ANSWER_TIMEOUT_MS 10000

const char *vcam_control_socket_path(void)
{
	const char *path = getenv("VCAM_SOCKET");

	return path && *path ? path : VCAM_PROTOCOL_DEFAULT_SOCKET;
}

static int connect_to(const char *socket_path)
{
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(socket_path) >= sizeof(address.sun_path))
		return -ENAMETOOLONG;
	strcpy(address.sun_path, socket_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&address, sizeof(address))) {
		int ret = -errno;

		close(fd);
		return ret;
	}
	return fd;
}

/* The first byte of the request, with passed_fd as SCM_RIGHTS. */
static ssize_t send_with_fd(int fd, const char *data, int passed_fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { (void *)data, 1 };
	struct msghdr message = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&message);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &passed_fd, sizeof(int));
	return sendmsg(fd, &message, MSG_NOSIGNAL);
}

static int send_all(int fd, const char *data, size_t length, int passed_fd)
{
	while (length) {
		ssize_t sent = passed_fd >= 0 ?
			       send_with_fd(fd, data, passed_fd) :
			       send(fd, data, length, MSG_NOSIGNAL);

		if (sent < 0 && errno == EINTR)
			continue;
		if (sent < 0)
			return -errno;
		data += sent;
		length -= (size_t)sent;
		passed_fd = -1;
	}
	return 0;
}

static int receive_all(int fd, char *response, size_t size)
{
	size_t used = 0;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t got;
		int ready = poll(&pfd, 1, ANSWER_TIMEOUT_MS);

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0)
			return -errno;
		if (ready == 0)
			return -ETIMEDOUT;
		if (used + 1 >= size)
			return -EMSGSIZE;
		got = read(fd, response + used, size - 1 - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			break;
		used += (size_t)got;
	}
	response[used] = '\0';
	return (int)used;
}

int vcam_control_exchange(const char *socket_path, const char *request,
			  size_t request_length, char *response, size_t size)
{
	return vcam_control_exchange_fd(socket_path, request, request_length,
					-1, response, size);
}

int vcam_control_exchange_fd(const char *socket_path, const char *request,
			     size_t request_length, int passed_fd,
			     char *response, size_t size)
{
	int fd = connect_to(socket_path);
	int ret;

	if (fd < 0)
		return fd;
	ret = send_all(fd, request, request_length, passed_fd);
	/* The request is complete: vcamd answers at EOF at the latest. */
	if (!ret && shutdown(fd, SHUT_WR))
		ret = -errno;
	if (!ret)
		ret = receive_all(fd, response, size);
	close(fd);
	return ret;
}
