// SPDX-License-Identifier: GPL-2.0-only
/* The control protocol's lines: what is written, what is read, what is refused. */

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <criterion/criterion.h>

#include "vcam/protocol.h"

static struct vcam_protocol_line line;

static int parse_request(const char *text)
{
	return vcam_protocol_parse_request(text, strlen(text), &line);
}

Test(protocol, writes_a_request_with_percent_encoded_values)
{
	const struct vcam_protocol_field fields[] = {
		{ "name", "Front Desk" }, { "size", "640x480" },
		{ "source", "mjpeg:/tmp/a b%.mjpeg" }, { "fps", NULL },
	};
	char buf[256];
	int length = vcam_protocol_format_request(buf, sizeof(buf), "CREATE",
						  fields, 4);

	cr_assert_str_eq(buf, "VCAM/1 CREATE name=Front%20Desk size=640x480 "
			 "source=mjpeg:/tmp/a%20b%25.mjpeg\n");
	cr_expect_eq(length, (int)strlen(buf));
}

Test(protocol, reads_back_what_it_writes)
{
	const struct vcam_protocol_field fields[] = {
		{ "name", "A b=c%d\te" }, { "node", "3" },
	};
	char buf[256];

	cr_assert_gt(vcam_protocol_format_request(buf, sizeof(buf), "DESTROY",
						  fields, 2), 0);
	cr_assert_eq(parse_request(buf), 0);
	cr_expect_str_eq(line.word, "DESTROY");
	cr_expect_eq(line.field_count, 2);
	cr_expect_str_eq(vcam_protocol_get(&line, "name"), "A b=c%d\te");
	cr_expect_str_eq(vcam_protocol_get(&line, "node"), "3");
	cr_expect_null(vcam_protocol_get(&line, "size"));
}

Test(protocol, reads_a_request_without_newline_or_fields)
{
	cr_assert_eq(parse_request("VCAM/1 LIST"), 0);
	cr_expect_str_eq(line.word, "LIST");
	cr_expect_eq(line.field_count, 0);
}

Test(protocol, refuses_a_request_that_does_not_fit)
{
	const struct vcam_protocol_field fields[] = { { "name", "x" } };
	char buf[10];

	cr_expect_eq(vcam_protocol_format_request(buf, sizeof(buf), "CREATE",
						  fields, 1), -EMSGSIZE);
}

Test(protocol, refuses_to_write_bad_verbs_and_keys)
{
	const struct vcam_protocol_field fields[] = { { "Na me", "x" } };
	char buf[64];

	cr_expect_eq(vcam_protocol_format_request(buf, sizeof(buf), "list",
						  NULL, 0), -EINVAL);
	cr_expect_eq(vcam_protocol_format_request(buf, sizeof(buf), "LIST",
						  fields, 1), -EINVAL);
}

struct malformed_case {
	const char *request;
	int error;
};

static const struct malformed_case malformed_cases[] = {
	{ "", -EPROTO },
	{ "\n", -EPROTO },
	{ "VCAM/1\n", -EPROTO },
	{ "VCAM/1 \n", -EPROTO },
	{ "LIST\n", -EPROTO },
	{ "vcam/1 LIST\n", -EPROTO },
	{ "VCAM/ LIST\n", -EPROTO },
	{ "VCAM/x LIST\n", -EPROTO },
	{ "VCAM/2 LIST\n", -EPROTONOSUPPORT },
	{ "VCAM/10 LIST\n", -EPROTONOSUPPORT },
	{ "VCAM/1 list\n", -EPROTO },
	{ "VCAM/1  LIST\n", -EPROTO },
	{ "VCAM/1 LIST \n", -EPROTO },
	{ "VCAM/1 CREATE name\n", -EPROTO },
	{ "VCAM/1 CREATE =x\n", -EPROTO },
	{ "VCAM/1 CREATE Name=x\n", -EPROTO },
	{ "VCAM/1 CREATE name=a name=b\n", -EPROTO },
	{ "VCAM/1 CREATE name=a%2\n", -EPROTO },
	{ "VCAM/1 CREATE name=a%zz\n", -EPROTO },
	{ "VCAM/1 CREATE name=a%00b\n", -EPROTO },
	{ "VCAM/1 CREATE name=a b\n", -EPROTO },
	{ "VCAM/1 CREATE name=\"a\"\n", -EPROTO },
	{ "VCAM/1 LIST\nVCAM/1 LIST\n", -EPROTO },
	{ "VCAM/1 LIST\r\n", -EPROTO },
	{ "VCAM/1 CREATE a=1 b=1 c=1 d=1 e=1 f=1 g=1 h=1 i=1 j=1 k=1 l=1 "
	  "m=1 n=1 o=1 p=1 q=1\n", -EPROTO },
};

Test(protocol, refuses_malformed_requests)
{
	for (size_t i = 0; i < sizeof(malformed_cases) /
			       sizeof(malformed_cases[0]); i++) {
		const struct malformed_case *c = &malformed_cases[i];

		cr_expect_eq(parse_request(c->request), c->error,
			     "request `%s'", c->request);
	}
}

Test(protocol, refuses_a_request_with_a_nul_byte)
{
	cr_expect_eq(vcam_protocol_parse_request("VCAM/1 LIST\0x\n", 14, &line),
		     -EPROTO);
}

Test(protocol, refuses_a_request_longer_than_the_maximum)
{
	static char request[VCAM_PROTOCOL_LINE_MAX + 2];

	memset(request, 'a', sizeof(request));
	memcpy(request, "VCAM/1 CREATE name=", 19);
	request[VCAM_PROTOCOL_LINE_MAX] = '\n';
	cr_expect_eq(vcam_protocol_parse_request(request,
						 VCAM_PROTOCOL_LINE_MAX + 1,
						 &line), -EMSGSIZE);
	request[VCAM_PROTOCOL_LINE_MAX - 1] = '\n';
	cr_expect_eq(vcam_protocol_parse_request(request,
						 VCAM_PROTOCOL_LINE_MAX,
						 &line), 0);
}

/* Found by tests/fuzz/corpus/protocol/regression-4096-bytes-no-newline. */
Test(protocol, counts_the_missing_newline_in_the_maximum)
{
	static char request[VCAM_PROTOCOL_LINE_MAX];

	memset(request, 'a', sizeof(request));
	memcpy(request, "VCAM/1 CREATE name=", 19);
	cr_expect_eq(vcam_protocol_parse_request(request,
						 VCAM_PROTOCOL_LINE_MAX,
						 &line), -EMSGSIZE);
	cr_expect_eq(vcam_protocol_parse_line(request, VCAM_PROTOCOL_LINE_MAX,
					      &line), -EMSGSIZE);
	cr_expect_eq(vcam_protocol_parse_request(request,
						 VCAM_PROTOCOL_LINE_MAX - 1,
						 &line), 0);
}

Test(protocol, names_the_error_code_of_each_parse_failure)
{
	cr_expect_str_eq(vcam_protocol_parse_error_code(-EMSGSIZE), "too-long");
	cr_expect_str_eq(vcam_protocol_parse_error_code(-EPROTONOSUPPORT),
			 "version");
	cr_expect_str_eq(vcam_protocol_parse_error_code(-EPROTO), "malformed");
}

Test(protocol, writes_and_reads_an_error_line)
{
	char buf[128];
	int length = vcam_protocol_format_error(buf, sizeof(buf), "exists",
						"the name `A' is\ntaken");

	cr_assert_str_eq(buf, "ERROR exists the name `A' is taken\n");
	cr_assert_eq(vcam_protocol_parse_line(buf, (size_t)length, &line), 0);
	cr_expect_str_eq(line.word, "ERROR");
	cr_expect_str_eq(line.error_code, "exists");
	cr_expect_str_eq(line.error_message, "the name `A' is taken");
}

Test(protocol, cuts_a_long_error_sentence_to_fit)
{
	char buf[24];

	cr_assert_gt(vcam_protocol_format_error(buf, sizeof(buf), "failed",
						"a very long sentence indeed"),
		     0);
	cr_expect_str_eq(buf, "ERROR failed a very lo\n");
}

Test(protocol, writes_and_reads_response_lines)
{
	const struct vcam_protocol_field fields[] = {
		{ "name", "My Cam" }, { "node", "4" },
	};
	char buf[128];

	cr_assert_gt(vcam_protocol_format_line(buf, sizeof(buf), "CAMERA",
					       fields, 2), 0);
	cr_assert_str_eq(buf, "CAMERA name=My%20Cam node=4\n");
	cr_assert_eq(vcam_protocol_parse_line(buf, strlen(buf), &line), 0);
	cr_expect_str_eq(line.word, "CAMERA");
	cr_expect_str_eq(vcam_protocol_get(&line, "name"), "My Cam");
	cr_expect_eq(vcam_protocol_parse_line("ok x=1", 6, &line), -EPROTO);
	cr_expect_eq(vcam_protocol_parse_line("ERROR", 5, &line), -EPROTO);
}

Test(protocol, carries_binary_prefixes_as_hex)
{
	static const uint8_t bytes[] = { 0xff, 0xd8, 0x00, 0x10, 'Y' };
	uint8_t back[8];
	char text[16];

	cr_assert_eq(vcam_protocol_hex_encode(bytes, sizeof(bytes), text,
					      sizeof(text)), 0);
	cr_expect_str_eq(text, "FFD8001059");
	cr_expect_eq(vcam_protocol_hex_decode(text, back, sizeof(back)), 5);
	cr_expect_arr_eq(back, bytes, sizeof(bytes));
	cr_expect_eq(vcam_protocol_hex_decode("ffd8", back, sizeof(back)), 2);
	cr_expect_eq(back[0], 0xff);
	cr_expect_eq(vcam_protocol_hex_encode(bytes, sizeof(bytes), text, 10),
		     -ENOSPC);
}

Test(protocol, refuses_bad_hex)
{
	uint8_t back[4];

	cr_expect_eq(vcam_protocol_hex_decode("FFD", back, sizeof(back)),
		     -EINVAL);
	cr_expect_eq(vcam_protocol_hex_decode("FG", back, sizeof(back)),
		     -EINVAL);
	cr_expect_eq(vcam_protocol_hex_decode("0102030405", back,
					      sizeof(back)), -ENOSPC);
	cr_expect_eq(vcam_protocol_hex_decode("", back, sizeof(back)), 0);
}
