// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uevents of every V4L2 node (/dev/videoN), whatever its driver: from
 * udev when systemd-udevd runs, so that the node's group, mode and links
 * are set by the time its "add" is read, else straight from the kernel,
 * whose devtmpfs has made the node before it sends the event. The events
 * of vcam cameras (udev-monitor.c) and vcamd's real cameras come from here.
 */

#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcam/parse-number.h"
#include "udev-internal.h"
#include "vcam/udev.h"

struct vcam_node_monitor {
	struct udev *udev;
	struct udev_monitor *monitor;
	bool from_udev;
};

int vcam_node_monitor_new(struct vcam_node_monitor **monitor)
{
	return vcam_node_monitor_open(monitor, vcam_udev_running());
}

int vcam_node_monitor_open(struct vcam_node_monitor **monitor,
			   bool from_udev)
{
	struct vcam_node_monitor *m = calloc(1, sizeof(*m));
	int ret = -ENOMEM;

	*monitor = NULL;
	if (!m)
		return -ENOMEM;
	m->from_udev = from_udev;
	m->udev = udev_new();
	if (m->udev)
		m->monitor = udev_monitor_new_from_netlink(m->udev,
							   m->from_udev ?
							   "udev" : "kernel");
	if (!m->monitor) {
		/* libudev says why in errno: no netlink (a sandbox), memory. */
		ret = errno > 0 ? -errno : -ENOMEM;
		goto err;
	}
	ret = udev_monitor_filter_add_match_subsystem_devtype(m->monitor,
							      "video4linux",
							      NULL);
	if (!ret)
		ret = udev_monitor_enable_receiving(m->monitor);
	if (ret)
		goto err;
	*monitor = m;
	return 0;

err:
	vcam_node_monitor_free(m);
	return ret < 0 ? ret : -EIO;
}

bool vcam_node_monitor_from_udev(const struct vcam_node_monitor *monitor)
{
	return monitor->from_udev;
}

int vcam_node_monitor_fd(const struct vcam_node_monitor *monitor)
{
	return udev_monitor_get_fd(monitor->monitor);
}

static int parse_action(const char *action, enum vcam_node_action *parsed)
{
	static const char *const names[] = {
		[VCAM_NODE_ADDED] = "add",
		[VCAM_NODE_REMOVED] = "remove",
		[VCAM_NODE_CHANGED] = "change",
	};

	for (size_t i = 0; action && i < sizeof(names) / sizeof(names[0]);
	     i++) {
		if (strcmp(action, names[i]) == 0) {
			*parsed = (enum vcam_node_action)i;
			return 0;
		}
	}
	return -EINVAL;
}

/* Fills event from device; -EINVAL when it is no videoN node's add,
 * remove or change. */
static int describe(struct udev_device *device, struct vcam_node_event *event)
{
	const char *sysname = udev_device_get_sysname(device);
	const char *devnode = udev_device_get_devnode(device);
	unsigned long node;

	memset(event, 0, sizeof(*event));
	if (!sysname || strncmp(sysname, "video", 5) != 0 ||
	    vcam_parse_unsigned(sysname + 5, 10, 0, (unsigned int)-1, &node) ||
	    parse_action(udev_device_get_action(device), &event->action))
		return -EINVAL;
	event->node = (unsigned int)node;
	event->seqnum = udev_device_get_seqnum(device);
	if (devnode && strlen(devnode) < sizeof(event->devnode))
		strcpy(event->devnode, devnode);
	else
		snprintf(event->devnode, sizeof(event->devnode), "/dev/%s",
			 sysname);
	return 0;
}

struct udev_device *vcam_node_monitor_receive_device(
	struct vcam_node_monitor *monitor, struct vcam_node_event *event)
{
	struct udev_device *device =
		udev_monitor_receive_device(monitor->monitor);

	if (device && describe(device, event)) {
		udev_device_unref(device);
		return NULL;
	}
	return device;
}

int vcam_node_monitor_receive(struct vcam_node_monitor *monitor,
			      struct vcam_node_event *event)
{
	struct udev_device *device =
		vcam_node_monitor_receive_device(monitor, event);

	if (!device)
		return 0;
	udev_device_unref(device);
	return 1;
}

void vcam_node_monitor_free(struct vcam_node_monitor *monitor)
{
	if (!monitor)
		return;
	udev_monitor_unref(monitor->monitor);
	udev_unref(monitor->udev);
	free(monitor);
}
