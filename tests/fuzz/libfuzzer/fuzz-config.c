// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the configuration parser, through its parse-from-string
 * entry point. Every input must parse or be rejected with errors, and every
 * error must be a non-empty sentence.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/config.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcam_config config;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	vcam_config_init(&config);
	if (vcam_config_parse_string(&config, text, "fuzz.conf") == -EINVAL &&
	    config.error_count == 0)
		abort();
	for (size_t i = 0; i < config.error_count; i++)
		if (!config.errors[i] || !config.errors[i][0])
			abort();
	vcam_config_free(&config);
	free(text);
	return 0;
}
