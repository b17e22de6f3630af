// SPDX-License-Identifier: GPL-2.0-only
/* Error messages and option parsing conventions of every subcommand. */

#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include "vcamctl.h"

void cli_error(const char *subcommand, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "vcamctl: %s: ", subcommand);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
}

int cli_usage_error(const char *subcommand, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "vcamctl: %s: ", subcommand);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fprintf(stderr, "; see vcamctl %s --help\n", subcommand);
	return EXIT_USAGE;
}

void cli_options_reset(void)
{
	/* 0 makes glibc's getopt start afresh, also for the unit tests. */
	optind = 0;
	opterr = 0;
}

int cli_next_option(int argc, char **argv, const char *short_options,
		    const struct option *options)
{
	char with_colon[64];
	int opt;

	snprintf(with_colon, sizeof(with_colon), ":%s", short_options);
	opt = getopt_long(argc, argv, with_colon, options, NULL);
	if (opt == ':') {
		cli_usage_error(argv[0], "option `%s' needs a value",
				argv[optind - 1]);
		return '?';
	}
	if (opt == '?') {
		if (optopt)
			cli_usage_error(argv[0], "unknown option `-%c'", optopt);
		else
			cli_usage_error(argv[0], "unknown option `%s'",
					argv[optind - 1]);
	}
	return opt;
}

int cli_parse_help_only(int argc, char **argv, void (*print_help)(void))
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	cli_options_reset();
	opt = cli_next_option(argc, argv, "h", options);
	if (opt == -1)
		return -1;
	if (opt != 'h')
		return EXIT_USAGE;
	print_help();
	return EXIT_OK;
}

int cli_parse_json_help(int argc, char **argv, bool *json,
			void (*print_help)(void))
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	*json = false;
	cli_options_reset();
	while ((opt = cli_next_option(argc, argv, "jh", options)) != -1) {
		if (opt == 'h') {
			print_help();
			return EXIT_OK;
		}
		if (opt != 'j')
			return EXIT_USAGE;
		*json = true;
	}
	return -1;
}

static void permission_message(const char *socket_path, char *buf,
			       size_t size)
{
	struct group *group = NULL;
	struct stat st;

	if (stat(socket_path, &st) == 0 && st.st_gid != 0 &&
	    (st.st_mode & 0060) == 0060)
		group = getgrgid(st.st_gid);
	if (group)
		snprintf(buf, size, "permission denied on %s: join the group "
			 "`%s' (usermod -aG %s $USER, then log in again) or "
			 "run as root", socket_path, group->gr_name,
			 group->gr_name);
	else
		snprintf(buf, size, "permission denied on %s: only root may "
			 "talk to vcamd; run as root, or name a group with "
			 "`control-group =' under [vcamd] in /etc/vcam/vcamd.conf",
			 socket_path);
}

void cli_daemon_error_message(int error, const char *socket_path, char *buf,
			      size_t size)
{
	switch (error) {
	case -ENOENT:
	case -ECONNREFUSED:
		snprintf(buf, size, "vcamd is not running: start it with "
			 "`systemctl start vcamd'");
		break;
	case -EACCES:
	case -EPERM:
		permission_message(socket_path, buf, size);
		break;
	case -ETIMEDOUT:
		snprintf(buf, size, "vcamd did not answer on %s: see "
			 "`journalctl -u vcamd'", socket_path);
		break;
	case -EMSGSIZE:
		snprintf(buf, size, "vcamd's answer on %s is too long",
			 socket_path);
		break;
	default:
		snprintf(buf, size, "cannot talk to vcamd on %s: %s",
			 socket_path, strerror(-error));
	}
}
