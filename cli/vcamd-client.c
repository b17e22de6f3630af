// SPDX-License-Identifier: GPL-2.0-only
/* Asking vcamd something over its control socket. */

#include <string.h>
#include <vcam/control.h>

#include "vcamctl.h"

/* Splits off the first line of response as the status line. */
static int read_status(const char *subcommand, const char *response,
		       size_t length, struct vcam_protocol_line *status,
		       const char **items)
{
	const char *newline = memchr(response, '\n', length);
	size_t line_length = newline ? (size_t)(newline - response) : length;

	if (vcam_protocol_parse_line(response, line_length, status)) {
		cli_error(subcommand, "vcamd sent an answer vcamctl does not "
			  "understand: are both of the same release?");
		return -1;
	}
	if (strcmp(status->word, "ERROR") == 0) {
		cli_error(subcommand, "%s", status->error_message);
		return -1;
	}
	if (strcmp(status->word, "OK") != 0) {
		cli_error(subcommand, "vcamd answered `%s' instead of OK",
			  status->word);
		return -1;
	}
	*items = newline ? newline + 1 : response + length;
	return 0;
}

int cli_ask_vcamd(const char *subcommand, const char *verb,
		  const struct vcam_protocol_field *fields, size_t count,
		  bool quiet, char *response, size_t size,
		  struct vcam_protocol_line *status, const char **items)
{
	return cli_ask_vcamd_fd(subcommand, verb, fields, count, -1, quiet,
				response, size, status, items);
}

int cli_ask_vcamd_fd(const char *subcommand, const char *verb,
		     const struct vcam_protocol_field *fields, size_t count,
		     int passed_fd, bool quiet, char *response, size_t size,
		     struct vcam_protocol_line *status, const char **items)
{
	const char *socket_path = vcam_control_socket_path();
	char request[VCAM_PROTOCOL_LINE_MAX];
	char message[512];
	int length;

	length = vcam_protocol_format_request(request, sizeof(request), verb,
					      fields, count);
	if (length < 0) {
		cli_error(subcommand, "the request is too long for vcamd");
		return -1;
	}
	length = vcam_control_exchange_fd(socket_path, request,
					  (size_t)length, passed_fd, response,
					  size);
	if (length < 0) {
		if (quiet)
			return length;
		cli_daemon_error_message(length, socket_path, message,
					 sizeof(message));
		cli_error(subcommand, "%s", message);
		return -1;
	}
	return read_status(subcommand, response, (size_t)length, status,
			   items);
}

struct vcam_protocol_field cli_camera_field(const char *which, char *node)
{
	unsigned int number;

	if (vcam_devices_parse_node(which, &number))
		return (struct vcam_protocol_field){ "name", which };
	snprintf(node, 16, "%u", number);
	return (struct vcam_protocol_field){ "node", node };
}
