/* SPDX-License-Identifier: GPL-2.0-only */
/* What vcamctl's subcommands share: exit codes, messages, vcamd, cameras. */
#ifndef VCAMCTL_H
#define VCAMCTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <vcam/devices.h>
#include <vcam/protocol.h>
#include <vcam/udev.h>

/* Exit codes (documented in vcamctl(1)). */
#define EXIT_OK 0
#define EXIT_FAILURE_CODE 1
#define EXIT_USAGE 2
/* An argument parser's answer: go on with the subcommand. */
#define ARGS_PARSED (-1)

/* Subcommands: argv[0] is the subcommand's name. */
int create_main(int argc, char **argv);
int destroy_main(int argc, char **argv);
int list_main(int argc, char **argv);
int status_main(int argc, char **argv);
int set_source_main(int argc, char **argv);
int monitor_main(int argc, char **argv);

/* Prints "vcamctl: SUBCOMMAND: MESSAGE\n" to stderr. */
void cli_error(const char *subcommand, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Parses the options of a subcommand with getopt_long and the usual
 * conventions: returns the option, or '?' after printing a usage error
 * for an unknown option or a missing value. Call cli_options_reset() first.
 */
void cli_options_reset(void);
int cli_next_option(int argc, char **argv, const char *short_options,
		    const struct option *options);

/*
 * For subcommands whose only option is --help: parses the options and
 * returns -1 to go on with the arguments from optind, or the exit status
 * (0 after printing the help, 2 after a usage error).
 */
int cli_parse_help_only(int argc, char **argv, void (*print_help)(void));

/* The same for subcommands whose options are --json and --help. */
int cli_parse_json_help(int argc, char **argv, bool *json,
			void (*print_help)(void));

/* Prints a usage error with the hint "see vcamctl SUB --help"; returns 2. */
int cli_usage_error(const char *subcommand, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* The sentence that says why vcamd could not be reached and what to do. */
void cli_daemon_error_message(int error, const char *socket_path, char *buf,
			      size_t size);

/*
 * Sends VERB with fields to vcamd and reads the response into response
 * (a status line, then item lines). On success *status is the "OK" line and
 * *items the item lines. Prints the reason and returns -1 on failure: vcamd
 * unreachable or answering ERROR. Quiet (returns the -errno) when quiet is
 * set and vcamd cannot be reached.
 */
int cli_ask_vcamd(const char *subcommand, const char *verb,
		  const struct vcam_protocol_field *fields, size_t count,
		  bool quiet, char *response, size_t size,
		  struct vcam_protocol_line *status, const char **items);

/* The same, passing the descriptor passed_fd with the request. */
int cli_ask_vcamd_fd(const char *subcommand, const char *verb,
		     const struct vcam_protocol_field *fields, size_t count,
		     int passed_fd, bool quiet, char *response, size_t size,
		     struct vcam_protocol_line *status, const char **items);

/*
 * A stream source on standard input ("y4m:-", "mjpeg:-"), read up to
 * what says its size and rate (stream-header.c).
 */
struct cli_stream_header {
	char prefix_hex[2 * VCAM_PROTOCOL_PREFIX_MAX + 1];	/* read */
	unsigned int width, height;	/* 0: unknown */
	unsigned int rate_numerator, rate_denominator;	/* 0: unknown */
};

/* Whether a source spec reads standard input. */
bool cli_source_is_stdin(const char *spec);

/*
 * Checks that standard input is not a terminal and reads the stream's
 * header from it: the Y4M header line, or a JPEG's markers up to its frame
 * header when want_size. Prints the reason and returns -1 on failure.
 */
int cli_read_stream_header(const char *subcommand, const char *spec,
			   bool want_size, struct cli_stream_header *header);

/*
 * The field that names a camera to vcamd: node=N for "/dev/videoN" (N is
 * written into node, of 16 bytes), name=which otherwise.
 */
struct vcam_protocol_field cli_camera_field(const char *which, char *node);

/* A camera as list and status show it: the driver's view plus vcamd's. */
struct cli_camera {
	struct vcam_device device;
	char source[VCAM_PROTOCOL_LINE_MAX];	/* "" if vcamd does not run it */
	char origin[16];			/* "config", "runtime" or "" */
	char by_id[VCAM_UDEV_LINK_MAX];		/* udev's link, or "" */
};

/*
 * Reads the cameras from sysfs ($VCAM_SYSFS or /sys/class/video4linux) and
 * adds the source of those vcamd runs; *vcamd_running says whether vcamd
 * answered. Returns 0 or -errno (printed).
 */
int cli_cameras_gather(const char *subcommand, struct cli_camera **cameras,
		       size_t *count, bool *vcamd_running);

/* The index of the camera called which, or at node which; -1 if none. */
int cli_cameras_find(const struct cli_camera *cameras, size_t count,
		     const char *which);

/* Frames per second as "30" or "29.97" ("?" if unknown). */
void cli_format_rate(const struct vcam_device *device, char *buf,
		     size_t size);

/* The list table (list) and the detailed blocks (status). */
void cli_cameras_print_table(FILE *out, const struct cli_camera *cameras,
			     size_t count);
void cli_cameras_print_details(FILE *out, const struct cli_camera *cameras,
			       size_t count, bool vcamd_running);
/* A JSON string, escaped; "" as null for the optional one (json.c). */
void cli_json_string(FILE *out, const char *text);
void cli_json_optional_string(FILE *out, const char *text);

/* The JSON document of list --json and status --json. */
void cli_cameras_print_json(FILE *out, const struct cli_camera *cameras,
			    size_t count, bool vcamd_running);

#endif
