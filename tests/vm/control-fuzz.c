// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sends malformed requests to vcamd's control socket and checks that each
 * gets an ERROR line, then that vcamd still answers VERSION.
 * Usage: vcam-control-fuzz SOCKET [COUNT [SEED]]
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/control.h>
#include <vcam/protocol.h>

#include "parse-number.h"

#define REQUEST_MAX (2 * VCAM_PROTOCOL_LINE_MAX)

static const char *const prefixes[] = {
	"", "VCAM/1 ", "VCAM/1 CREATE ", "VCAM/1 CREATE name=", "VCAM/2 ",
	"VCAM/1 DESTROY node=", "VCAM/1 SET-SOURCE name=x source=", "VCAM/",
};

static size_t random_below(size_t limit)
{
	return (size_t)random() % limit;
}

/* A request that vcam_protocol_parse_request() or vcamd must refuse. */
static size_t make_request(char *request)
{
	const char *prefix = prefixes[random_below(sizeof(prefixes) /
						   sizeof(prefixes[0]))];
	size_t length = strlen(prefix);
	size_t tail = random_below(8) ? random_below(64) :
					random_below(REQUEST_MAX - length - 1);

	memcpy(request, prefix, length);
	/* '"' is valid nowhere in a request: the first line stays malformed. */
	request[length++] = '"';
	for (size_t i = 0; i < tail; i++) {
		/* Mostly bytes that the protocol forbids or misplaces. */
		static const char awkward[] = " =%\n\r\t\"'\\\0\x7f\xff";

		request[length++] = random_below(3) ?
			awkward[random_below(sizeof(awkward) - 1)] :
			(char)random_below(256);
	}
	return length;
}

static bool is_error_answer(const char *response, int length)
{
	static struct vcam_protocol_line line;
	const char *newline = memchr(response, '\n', (size_t)(length > 0 ? length : 0));

	if (length <= 0 || !newline ||
	    vcam_protocol_parse_line(response, (size_t)(newline - response),
				     &line))
		return false;
	return strcmp(line.word, "ERROR") == 0;
}

int main(int argc, char **argv)
{
	static char request[REQUEST_MAX], response[VCAM_PROTOCOL_LINE_MAX * 4];
	unsigned long count = 1000, seed = 1;
	unsigned long refused = 0;
	int length;

	if (argc < 2 || (argc > 2 && vcam_parse_unsigned(argv[2], 10, 1,
							  1000000, &count)) ||
	    (argc > 3 && vcam_parse_unsigned(argv[3], 10, 0, 1ul << 31, &seed))) {
		fprintf(stderr, "usage: vcam-control-fuzz SOCKET [COUNT [SEED]]\n");
		return 2;
	}
	srandom((unsigned int)seed);
	for (unsigned long i = 0; i < count; i++) {
		size_t size = make_request(request);

		length = vcam_control_exchange(argv[1], request, size,
					       response, sizeof(response));
		if (length < 0 && length != -ECONNRESET && length != -EPIPE) {
			fprintf(stderr, "request %lu: %s\n", i,
				strerror(-length));
			return 1;
		}
		if (is_error_answer(response, length))
			refused++;
		else
			fprintf(stderr, "request %lu (%zu bytes, `%.40s'): "
				"answered `%.80s' (%d)\n", i, size, request,
				length > 0 ? response : "", length);
	}
	printf("%lu of %lu malformed requests answered with ERROR\n", refused,
	       count);
	length = vcam_control_exchange(argv[1], "VCAM/1 VERSION\n", 15,
				       response, sizeof(response));
	if (length <= 0 || strncmp(response, "OK ", 3) != 0) {
		fprintf(stderr, "vcamd no longer answers VERSION\n");
		return 1;
	}
	return refused == count ? 0 : 1;
}
