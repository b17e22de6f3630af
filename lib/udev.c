// SPDX-License-Identifier: GPL-2.0-only
/* udev and vcam nodes: is udevd running, by-id links, waiting for udev. */

#include <errno.h>
#include <libudev.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "vcam/parse-number.h"
#include "udev-internal.h"
#include "vcam/udev.h"

#define UDEV_CONTROL "/run/udev/control"
#define UEVENT_SEQNUM "/sys/kernel/uevent_seqnum"

struct vcam_udev_wait {
	struct vcam_node_monitor *nodes;	/* udev's events */
	/* The kernel's last uevent before the wait started. */
	unsigned long long seqnum;
};

/*
 * A socket file left by a udevd that stopped refuses connections; only root
 * may connect to a live one, so a refusal for lack of permission counts.
 */
bool vcam_udev_running(void)
{
	struct sockaddr_un address = { .sun_family = AF_UNIX,
				       .sun_path = UDEV_CONTROL };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	bool running;

	if (fd < 0)
		return false;
	running = connect(fd, (struct sockaddr *)&address,
			  sizeof(address)) == 0 ||
		  errno == EACCES || errno == EPERM;
	close(fd);
	return running;
}

int vcam_udev_find_by_id(struct udev_device *device, char *link, size_t size)
{
	struct udev_list_entry *entry;

	udev_list_entry_foreach(entry,
				udev_device_get_devlinks_list_entry(device)) {
		const char *name = udev_list_entry_get_name(entry);

		if (strncmp(name, VCAM_UDEV_BY_ID_DIR,
			    strlen(VCAM_UDEV_BY_ID_DIR)) == 0 &&
		    strlen(name) < size) {
			strcpy(link, name);
			return 0;
		}
	}
	link[0] = '\0';
	return -ENOENT;
}

int vcam_udev_by_id(unsigned int node, char *link, size_t size)
{
	struct udev *udev = udev_new();
	struct udev_device *device;
	char sysname[32];
	int ret;

	link[0] = '\0';
	if (!udev)
		return -ENOMEM;
	snprintf(sysname, sizeof(sysname), "video%u", node);
	device = udev_device_new_from_subsystem_sysname(udev, "video4linux",
							sysname);
	ret = device ? vcam_udev_find_by_id(device, link, size) : -ENODEV;
	udev_device_unref(device);
	udev_unref(udev);
	return ret;
}

static unsigned long long read_kernel_seqnum(void)
{
	FILE *file = fopen(UEVENT_SEQNUM, "re");
	char text[32] = "";
	unsigned long value;

	if (!file)
		return 0;
	if (!fgets(text, sizeof(text), file))
		text[0] = '\0';
	fclose(file);
	text[strcspn(text, "\n")] = '\0';
	return vcam_parse_unsigned(text, 10, 0, (unsigned long)-1, &value) ?
	       0 : value;
}

int vcam_udev_wait_start(struct vcam_udev_wait **wait)
{
	struct vcam_udev_wait *w = calloc(1, sizeof(*w));
	int ret;

	*wait = NULL;
	if (!w)
		return -ENOMEM;
	ret = vcam_node_monitor_open(&w->nodes, true);
	if (ret) {
		vcam_udev_wait_free(w);
		return ret;
	}
	/* Read after the monitor listens: the new node's uevent comes later. */
	w->seqnum = read_kernel_seqnum();
	*wait = w;
	return 0;
}

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Whether event is udev's "add" of node, newer than the wait. */
static bool is_the_new_node(const struct vcam_udev_wait *wait,
			    const struct vcam_node_event *event,
			    unsigned int node)
{
	return event->action == VCAM_NODE_ADDED && event->node == node &&
	       event->seqnum > wait->seqnum;
}

int vcam_udev_wait_node(struct vcam_udev_wait *wait, unsigned int node,
			int timeout_ms)
{
	struct pollfd pfd = { .fd = vcam_node_monitor_fd(wait->nodes),
			      .events = POLLIN };
	long long deadline = now_ms() + timeout_ms;

	for (;;) {
		long long left = deadline - now_ms();
		struct vcam_node_event event;
		int ready;

		if (left <= 0)
			return -ETIMEDOUT;
		ready = poll(&pfd, 1, (int)left);
		if (ready < 0 && errno != EINTR)
			return -errno;
		if (ready > 0 &&
		    vcam_node_monitor_receive(wait->nodes, &event) == 1 &&
		    is_the_new_node(wait, &event, node))
			return 0;
	}
}

void vcam_udev_wait_free(struct vcam_udev_wait *wait)
{
	if (!wait)
		return;
	vcam_node_monitor_free(wait->nodes);
	free(wait);
}
