// SPDX-License-Identifier: GPL-2.0-only
/* Encoding and decoding the lines of the control protocol (vcam/protocol.h). */

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vcam/protocol.h"

#define VERSION_PREFIX "VCAM/"

struct writer {
	char *buf;
	size_t size;
	size_t used;
	bool overflow;
};

static void put_char(struct writer *w, char c)
{
	if (w->used + 1 >= w->size || w->used + 1 > VCAM_PROTOCOL_LINE_MAX) {
		w->overflow = true;
		return;
	}
	w->buf[w->used++] = c;
	w->buf[w->used] = '\0';
}

static void put_text(struct writer *w, const char *text)
{
	while (*text)
		put_char(w, *text++);
}

static bool is_plain_value_char(unsigned char c)
{
	return isalnum(c) || strchr("-._~/:+,@", c);
}

static void put_value(struct writer *w, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (is_plain_value_char(*p) && isascii(*p)) {
			put_char(w, (char)*p);
		} else {
			put_char(w, '%');
			put_char(w, hex[*p >> 4]);
			put_char(w, hex[*p & 0xf]);
		}
	}
}

static bool is_word(const char *word, bool upper)
{
	if (!*word)
		return false;
	for (const char *p = word; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool letter = upper ? isupper(c) : islower(c) || isdigit(c);

		if (!isascii(c) || !(letter || c == '-'))
			return false;
	}
	return true;
}

static int put_fields(struct writer *w,
		      const struct vcam_protocol_field *fields, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (!fields[i].value)
			continue;
		if (!is_word(fields[i].key, false))
			return -EINVAL;
		put_char(w, ' ');
		put_text(w, fields[i].key);
		put_char(w, '=');
		put_value(w, fields[i].value);
	}
	put_char(w, '\n');
	return w->overflow ? -EMSGSIZE : (int)w->used;
}

int vcam_protocol_format_request(char *buf, size_t size, const char *verb,
				 const struct vcam_protocol_field *fields,
				 size_t count)
{
	struct writer w = { buf, size, 0, false };
	char version[16];

	if (!is_word(verb, true))
		return -EINVAL;
	snprintf(version, sizeof(version), VERSION_PREFIX "%d ",
		 VCAM_PROTOCOL_VERSION);
	put_text(&w, version);
	put_text(&w, verb);
	return put_fields(&w, fields, count);
}

int vcam_protocol_format_line(char *buf, size_t size, const char *word,
			      const struct vcam_protocol_field *fields,
			      size_t count)
{
	struct writer w = { buf, size, 0, false };

	if (!is_word(word, true))
		return -EINVAL;
	put_text(&w, word);
	return put_fields(&w, fields, count);
}

int vcam_protocol_format_error(char *buf, size_t size, const char *code,
			       const char *sentence)
{
	struct writer w = { buf, size, 0, false };

	put_text(&w, "ERROR ");
	put_text(&w, code);
	put_char(&w, ' ');
	if (w.overflow)
		return -EMSGSIZE;
	/* Leaves room for the newline. */
	for (const char *p = sentence; *p && w.used + 2 < size &&
	     w.used + 1 < VCAM_PROTOCOL_LINE_MAX; p++)
		put_char(&w, iscntrl((unsigned char)*p) ? ' ' : *p);
	put_char(&w, '\n');
	return w.overflow ? -EMSGSIZE : (int)w.used;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes a value in place; rejects bad escapes and control characters. */
static int decode_value(char *value)
{
	char *out = value;

	for (char *in = value; *in; in++) {
		int high, low;

		if (*in != '%') {
			if (!is_plain_value_char((unsigned char)*in) ||
			    !isascii((unsigned char)*in))
				return -EPROTO;
			*out++ = *in;
			continue;
		}
		high = hex_digit(in[1]);
		low = high < 0 ? -1 : hex_digit(in[2]);
		if (low < 0 || (high == 0 && low == 0))
			return -EPROTO;
		*out++ = (char)(high << 4 | low);
		in += 2;
	}
	*out = '\0';
	return 0;
}

static int add_field(struct vcam_protocol_line *line, char *word)
{
	char *equals = strchr(word, '=');

	if (!equals || line->field_count == VCAM_PROTOCOL_FIELDS_MAX)
		return -EPROTO;
	*equals = '\0';
	if (!is_word(word, false) || vcam_protocol_get(line, word) ||
	    decode_value(equals + 1))
		return -EPROTO;
	line->fields[line->field_count].key = word;
	line->fields[line->field_count].value = equals + 1;
	line->field_count++;
	return 0;
}

/* Next space-separated word of *cursor, or NULL; empty words are malformed. */
static char *next_word(char **cursor, bool *empty)
{
	char *word = *cursor;
	char *space;

	if (!word)
		return NULL;
	space = strchr(word, ' ');
	if (space) {
		*space = '\0';
		*cursor = space + 1;
	} else {
		*cursor = NULL;
	}
	if (!*word)
		*empty = true;
	return word;
}

/*
 * Copies text into line->text without its newline; checks size and bytes.
 * The maximum counts the newline, present or not, as the encoder does.
 */
static int load_text(struct vcam_protocol_line *line, const char *text,
		     size_t length)
{
	memset(line, 0, sizeof(*line));
	if (length && text[length - 1] == '\n')
		length--;
	if (length + 1 > VCAM_PROTOCOL_LINE_MAX)
		return -EMSGSIZE;
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\0' || text[i] == '\n')
			return -EPROTO;
	}
	memcpy(line->text, text, length);
	line->text[length] = '\0';
	return 0;
}

static int parse_fields(struct vcam_protocol_line *line, char *cursor)
{
	bool empty = false;
	char *word;

	while ((word = next_word(&cursor, &empty))) {
		if (empty || add_field(line, word))
			return -EPROTO;
	}
	return 0;
}

static int parse_version(const char *word)
{
	unsigned long version = 0;
	const char *digits = word + strlen(VERSION_PREFIX);

	if (strncmp(word, VERSION_PREFIX, strlen(VERSION_PREFIX)) != 0 ||
	    !*digits || strlen(digits) > 6)
		return -EPROTO;
	for (const char *p = digits; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -EPROTO;
		version = version * 10 + (unsigned long)(*p - '0');
	}
	return version == VCAM_PROTOCOL_VERSION ? 0 : -EPROTONOSUPPORT;
}

int vcam_protocol_parse_request(const char *request, size_t length,
				struct vcam_protocol_line *line)
{
	char *cursor = line->text;
	bool empty = false;
	char *version, *verb;
	int ret = load_text(line, request, length);

	if (ret)
		return ret;
	version = next_word(&cursor, &empty);
	verb = next_word(&cursor, &empty);
	if (!verb || empty)
		return -EPROTO;
	ret = parse_version(version);
	if (ret)
		return ret;
	if (!is_word(verb, true))
		return -EPROTO;
	line->word = verb;
	return parse_fields(line, cursor);
}

static int parse_error_line(struct vcam_protocol_line *line, char *cursor)
{
	bool empty = false;
	char *code = next_word(&cursor, &empty);

	if (!code || empty || !is_word(code, false))
		return -EPROTO;
	line->error_code = code;
	line->error_message = cursor ? cursor : "";
	return 0;
}

int vcam_protocol_parse_line(const char *text, size_t length,
			     struct vcam_protocol_line *line)
{
	char *cursor = line->text;
	bool empty = false;
	char *word;
	int ret = load_text(line, text, length);

	if (ret)
		return ret;
	word = next_word(&cursor, &empty);
	if (empty || !is_word(word, true))
		return -EPROTO;
	line->word = word;
	if (strcmp(word, "ERROR") == 0)
		return parse_error_line(line, cursor);
	return parse_fields(line, cursor);
}

const char *vcam_protocol_get(const struct vcam_protocol_line *line,
			      const char *key)
{
	for (size_t i = 0; i < line->field_count; i++) {
		if (strcmp(line->fields[i].key, key) == 0)
			return line->fields[i].value;
	}
	return NULL;
}

const char *vcam_protocol_parse_error_code(int error)
{
	switch (error) {
	case -EMSGSIZE:
		return "too-long";
	case -EPROTONOSUPPORT:
		return "version";
	default:
		return "malformed";
	}
}

int vcam_protocol_hex_encode(const void *data, size_t size, char *text,
			     size_t text_size)
{
	static const char digits[] = "0123456789ABCDEF";
	const uint8_t *bytes = data;

	if (text_size < 2 * size + 1)
		return -ENOSPC;
	for (size_t i = 0; i < size; i++) {
		text[2 * i] = digits[bytes[i] >> 4];
		text[2 * i + 1] = digits[bytes[i] & 15];
	}
	text[2 * size] = '\0';
	return 0;
}

int vcam_protocol_hex_decode(const char *text, void *data, size_t size)
{
	size_t length = strlen(text);
	uint8_t *bytes = data;

	if (length % 2)
		return -EINVAL;
	if (length / 2 > size)
		return -ENOSPC;
	for (size_t i = 0; i < length / 2; i++) {
		int high = hex_digit(text[2 * i]);
		int low = hex_digit(text[2 * i + 1]);

		if (high < 0 || low < 0)
			return -EINVAL;
		bytes[i] = (uint8_t)(high << 4 | low);
	}
	return (int)(length / 2);
}
