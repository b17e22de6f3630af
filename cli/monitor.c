// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl monitor: a line per event of a vcam camera, until interrupted. */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "monitor.h"
#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl monitor [--json]\n"
	       "Print a line for each event of a vcam camera, as udev reports "
	       "it: added,\nremoved, streaming (a consumer started), idle (it "
	       "stopped), interval (the\nframe interval changed). Runs until "
	       "interrupted (SIGINT or SIGTERM), then\nexits 0. Without "
	       "systemd-udevd, reports the kernel's events, without by-id\n"
	       "links.\n\n"
	       "  -j, --json  print a JSON object per line (schema in "
	       "vcamctl(1))\n"
	       "  -h, --help  show this help and exit\n");
}

static int parse_args(int argc, char **argv, bool *json)
{
	int ret = cli_parse_json_help(argc, argv, json, print_help);

	if (ret != -1)
		return ret;
	if (optind < argc)
		return cli_usage_error("monitor", "unexpected argument `%s'",
				       argv[optind]);
	return ARGS_PARSED;
}

/*
 * A descriptor that reads SIGINT and SIGTERM, which no longer kill. A shell
 * starts background commands with SIGINT ignored, and an ignored signal
 * never reaches the descriptor: their default comes back, blocked.
 */
static int open_signals(void)
{
	sigset_t signals;

	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &signals, NULL) ||
	    signal(SIGINT, SIG_DFL) == SIG_ERR ||
	    signal(SIGTERM, SIG_DFL) == SIG_ERR)
		return -1;
	return signalfd(-1, &signals, SFD_CLOEXEC);
}

/* Prints what the monitor has; false if standard output failed. */
static bool print_events(struct vcam_udev_monitor *monitor, bool json)
{
	struct vcam_camera_event event;

	if (vcam_udev_monitor_receive(monitor, &event) <= 0)
		return true;
	if (json)
		monitor_print_event_json(stdout, &event);
	else
		monitor_print_event(stdout, &event);
	return fflush(stdout) == 0;
}

static int watch(struct vcam_udev_monitor *monitor, int signal_fd, bool json)
{
	struct pollfd fds[] = {
		{ .fd = vcam_udev_monitor_fd(monitor), .events = POLLIN },
		{ .fd = signal_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			cli_error("monitor", "poll: %s", strerror(errno));
			return EXIT_FAILURE_CODE;
		}
		if (fds[1].revents)
			return EXIT_OK;
		if (fds[0].revents && !print_events(monitor, json)) {
			cli_error("monitor", "cannot write to standard "
				  "output: %s", strerror(errno));
			return EXIT_FAILURE_CODE;
		}
	}
}

int monitor_main(int argc, char **argv)
{
	struct vcam_udev_monitor *monitor = NULL;
	int signal_fd, err, ret;
	bool json;

	ret = parse_args(argc, argv, &json);
	if (ret != ARGS_PARSED)
		return ret;
	ret = EXIT_FAILURE_CODE;
	signal_fd = open_signals();
	if (signal_fd < 0) {
		cli_error("monitor", "cannot watch for signals: %s",
			  strerror(errno));
		return ret;
	}
	err = vcam_udev_monitor_new(&monitor);
	if (err) {
		cli_error("monitor", "cannot listen to udev's events: %s",
			  strerror(-err));
		goto out;
	}
	if (vcam_udev_monitor_from_udev(monitor))
		cli_error("monitor", "listening to udev for the events of "
			  "vcam cameras; Ctrl-C stops");
	else
		cli_error("monitor", "systemd-udevd is not running: "
			  "listening to the kernel's events, which name no "
			  "/dev/v4l/by-id links; Ctrl-C stops");
	ret = watch(monitor, signal_fd, json);
out:
	vcam_udev_monitor_free(monitor);
	close(signal_fd);
	return ret;
}
