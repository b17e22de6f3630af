/* SPDX-License-Identifier: GPL-2.0-only */
/* The client side of vcamd's control socket (see vcam/protocol.h). */
#ifndef VCAM_CONTROL_H
#define VCAM_CONTROL_H

#include <stddef.h>

#include "vcam/protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The socket path: $VCAM_SOCKET if set and not empty, else the default. */
const char *vcam_control_socket_path(void);

/*
 * Sends one request (a line as vcam_protocol_format_request() writes it) to
 * the vcamd listening on socket_path and reads its whole response, at most
 * size - 1 bytes, NUL-terminated, into response. Returns its length, or:
 *   -ENOENT or -ECONNREFUSED  no vcamd listens there
 *   -EACCES or -EPERM         the socket's owner or group may not connect
 *   -EMSGSIZE                 the response did not fit
 *   -ETIMEDOUT                vcamd did not answer within a few seconds
 *   another -errno            the socket failed otherwise
 */
int vcam_control_exchange(const char *socket_path, const char *request,
			  size_t request_length, char *response, size_t size);

/*
 * The same, passing the descriptor passed_fd (unless it is -1) with the
 * request's first byte as SCM_RIGHTS (see "Passing a stream" in
 * vcam/protocol.h). The caller keeps its own copy.
 */
int vcam_control_exchange_fd(const char *socket_path, const char *request,
			     size_t request_length, int passed_fd,
			     char *response, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_CONTROL_H */
