/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket protocol between vcamctl and vcamd, version 1.
 *
 * Transport
 *   A Unix stream socket, /run/vcam/vcamd.sock by default (vcamd --socket,
 *   vcamctl's $VCAM_SOCKET). vcamd makes it mode 0600 owned by root, or 0660
 *   with the group of the [vcamd] control-group setting: only root and that
 *   group may talk to vcamd. One request per connection: the client writes
 *   one request line, vcamd answers and closes the connection.
 *
 * Request
 *   VCAM/1 VERB KEY=VALUE ...\n
 *   At most VCAM_PROTOCOL_LINE_MAX bytes with the newline. Words are
 *   separated by one space. VERB is upper-case letters and '-'; KEY is
 *   lower-case letters, digits and '-'; VALUE is percent-encoded: every byte
 *   other than letters, digits and "-._~/:+,@" is written %XX (upper-case hex),
 *   so a camera name "Front Desk" travels as "Front%20Desk". A key appears
 *   at most once; at most VCAM_PROTOCOL_FIELDS_MAX keys.
 *
 * Response: a status line, then zero or more item lines, then EOF.
 *   OK KEY=VALUE ...\n            success, with the verb's results
 *   ERROR CODE SENTENCE\n         failure: CODE is one of the words below,
 *                                 SENTENCE (plain text, no newline) says what
 *                                 went wrong and what to do
 *   CAMERA KEY=VALUE ...\n        one item of LIST, after "OK"
 *
 * Verbs                     keys                         OK answer
 *   VERSION                 -                            version= protocol=
 *   CREATE                  name= [size= format= fps=    name= node=
 *                           frames= source= live=
 *                           remove-at-end= prefix=]
 *                           (values as in vcamd.conf)
 *   DESTROY                 name= or node=               name= node=
 *   LIST                    -                            count=, then a CAMERA
 *                                                        line per camera: name=
 *                                                        node= source= origin=
 *   SET-SOURCE              (name= or node=) source=     name= node= source=
 *                           [live= remove-at-end=
 *                           prefix=]
 *   node= is the N of /dev/videoN. origin= is "config" for a camera of the
 *   configuration files, "runtime" for one made with CREATE (a reload with
 *   SIGHUP keeps those). A source switched with SET-SOURCE on a configured
 *   camera lasts until a reload recreates the camera.
 *
 * Passing a stream (an addition to version 1: older vcamd refuse the "-")
 *   source=y4m:- and source=mjpeg:- make vcamd read a stream the client
 *   passes: the request's bytes carry, as SCM_RIGHTS ancillary data of the
 *   sendmsg() that sends its first byte, one open descriptor (a pipe, a
 *   socket or a file) that vcamd reads from then on; the client may close
 *   its own copy once the answer came. Without a descriptor, vcamd answers
 *   "invalid". A descriptor sent with any other request is closed unread;
 *   vcamd keeps at most one per request (VCAM_PROTOCOL_FDS_MAX are read).
 *   prefix=HEX     the bytes the client already read from the stream (to
 *                  learn its size and rate), as upper- or lower-case hex,
 *                  at most VCAM_PROTOCOL_PREFIX_MAX bytes: vcamd reads
 *                  them before the descriptor's
 *   live=yes|no    read the stream even while no consumer streams,
 *                  keeping the newest frame (default no: read only while
 *                  one streams, so that the writer waits)
 *   remove-at-end=yes|no  remove the camera when the stream ends (default
 *                  no: it keeps showing the last frame)
 *
 * Error codes
 *   too-long      the request exceeds VCAM_PROTOCOL_LINE_MAX bytes
 *   malformed     not "VCAM/N VERB KEY=VALUE..." with valid words and escapes
 *   version       a protocol version other than 1
 *   unknown-verb  a verb not listed above
 *   invalid       a missing, unknown or bad key or value
 *   exists        the camera name is taken
 *   not-found     no camera of vcamd has that name or node
 *   failed        vcamd could not do it (its log says why)
 *   busy          vcamd serves too many connections; try again
 *   timeout       the request was not complete within a few seconds
 */
#ifndef VCAM_PROTOCOL_H
#define VCAM_PROTOCOL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VCAM_PROTOCOL_VERSION 1
#define VCAM_PROTOCOL_DEFAULT_SOCKET "/run/vcam/vcamd.sock"
/* Bytes of one line, with its newline. */
#define VCAM_PROTOCOL_LINE_MAX 4096
#define VCAM_PROTOCOL_FIELDS_MAX 16
/* Descriptors vcamd reads from one request's ancillary data. */
#define VCAM_PROTOCOL_FDS_MAX 4
/* Bytes of a prefix= value once decoded. */
#define VCAM_PROTOCOL_PREFIX_MAX 1024

struct vcam_protocol_field {
	const char *key;
	const char *value;
};

/* A decoded line; word, keys and values point into text. */
struct vcam_protocol_line {
	char text[VCAM_PROTOCOL_LINE_MAX + 1];
	const char *word;		/* the verb, "OK", "ERROR" or "CAMERA" */
	const char *error_code;		/* for "ERROR" lines */
	const char *error_message;	/* for "ERROR" lines */
	struct vcam_protocol_field fields[VCAM_PROTOCOL_FIELDS_MAX];
	size_t field_count;
};

/*
 * Writes "VCAM/1 VERB KEY=VALUE...\n" into buf, skipping fields whose value
 * is NULL. Returns its length, -EINVAL for a verb or key that is not a valid
 * word, or -EMSGSIZE if it would not fit in size or VCAM_PROTOCOL_LINE_MAX.
 */
int vcam_protocol_format_request(char *buf, size_t size, const char *verb,
				 const struct vcam_protocol_field *fields,
				 size_t count);

/* The same for a response line such as "OK ..." or "CAMERA ...". */
int vcam_protocol_format_line(char *buf, size_t size, const char *word,
			      const struct vcam_protocol_field *fields,
			      size_t count);

/*
 * Writes "ERROR CODE SENTENCE\n", with any control character of sentence
 * made a space and the sentence cut to fit. Returns its length or -EMSGSIZE.
 */
int vcam_protocol_format_error(char *buf, size_t size, const char *code,
			       const char *sentence);

/*
 * Decodes a request of length bytes (its newline optional; no NUL needed).
 * Returns 0; -EMSGSIZE if it is, with its newline, longer than
 * VCAM_PROTOCOL_LINE_MAX; -EPROTO if it is malformed; -EPROTONOSUPPORT for
 * a version other than 1. It does not judge the verb: the caller compares
 * line->word.
 */
int vcam_protocol_parse_request(const char *request, size_t length,
				struct vcam_protocol_line *line);

/* Decodes one response line ("OK ...", "ERROR ...", "CAMERA ..."): as above. */
int vcam_protocol_parse_line(const char *text, size_t length,
			     struct vcam_protocol_line *line);

/* The value of key in line, or NULL. */
const char *vcam_protocol_get(const struct vcam_protocol_line *line,
			      const char *key);

/* The error code word for a result of the parse functions. */
const char *vcam_protocol_parse_error_code(int error);

/*
 * Writes size bytes of data as hex, NUL-terminated, into text of
 * text_size bytes: 0, or -ENOSPC.
 */
int vcam_protocol_hex_encode(const void *data, size_t size, char *text,
			     size_t text_size);

/*
 * Decodes hex text into data, of at most size bytes: the byte count, or
 * -EINVAL for an odd length or a character that is not hex, -ENOSPC.
 */
int vcam_protocol_hex_decode(const char *text, void *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_PROTOCOL_H */
