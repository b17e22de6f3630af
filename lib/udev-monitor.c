// SPDX-License-Identifier: GPL-2.0-only
/*
 * The events of vcam cameras, from a udev monitor on "video4linux". The
 * cameras seen so far are remembered, so that a removed camera is known by
 * name although its sysfs files are gone, and so that only vcam cameras
 * are reported: a node is one if it has the driver's vcam/ attributes when
 * it is added (or first changes).
 */

#include <errno.h>
#include <libudev.h>
#include <stdlib.h>
#include <string.h>

#include "vcam/parse-number.h"
#include "udev-internal.h"
#include "vcam/udev.h"

struct vcam_udev_monitor {
	struct udev *udev;
	struct udev_monitor *monitor;
	bool from_udev;
	struct vcam_camera_event *known;	/* one per camera */
	size_t nr_known;
};

static int known_find(const struct vcam_udev_monitor *m, unsigned int node)
{
	for (size_t i = 0; i < m->nr_known; i++) {
		if (m->known[i].device.node == node)
			return (int)i;
	}
	return -1;
}

static int known_put(struct vcam_udev_monitor *m,
		     const struct vcam_camera_event *event)
{
	int index = known_find(m, event->device.node);
	struct vcam_camera_event *grown;

	if (index >= 0) {
		m->known[index] = *event;
		return 0;
	}
	grown = realloc(m->known, (m->nr_known + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	grown[m->nr_known++] = *event;
	m->known = grown;
	return 0;
}

static void known_drop(struct vcam_udev_monitor *m, int index)
{
	m->known[index] = m->known[--m->nr_known];
}

/* Remembers the cameras that exist when the monitor starts. */
static int know_present_cameras(struct vcam_udev_monitor *m)
{
	struct vcam_camera_event event = { 0 };
	struct vcam_device *devices;
	size_t count;
	int ret = vcam_devices_list(VCAM_DEVICES_SYSFS_DIR, &devices, &count);

	for (size_t i = 0; !ret && i < count; i++) {
		event.device = devices[i];
		vcam_udev_by_id(devices[i].node, event.by_id,
				sizeof(event.by_id));
		ret = known_put(m, &event);
	}
	free(devices);
	return ret;
}

int vcam_udev_monitor_new(struct vcam_udev_monitor **monitor)
{
	struct vcam_udev_monitor *m = calloc(1, sizeof(*m));
	int ret = -ENOMEM;

	*monitor = NULL;
	if (!m)
		return -ENOMEM;
	m->from_udev = vcam_udev_running();
	m->udev = udev_new();
	if (m->udev)
		m->monitor = udev_monitor_new_from_netlink(m->udev,
							   m->from_udev ?
							   "udev" : "kernel");
	if (!m->monitor)
		goto err;
	ret = udev_monitor_filter_add_match_subsystem_devtype(m->monitor,
							      "video4linux",
							      NULL);
	if (!ret)
		ret = udev_monitor_enable_receiving(m->monitor);
	/* After listening starts: a camera added meanwhile is reported. */
	if (!ret)
		ret = know_present_cameras(m);
	if (ret)
		goto err;
	*monitor = m;
	return 0;

err:
	vcam_udev_monitor_free(m);
	return ret < 0 ? ret : -EIO;
}

bool vcam_udev_monitor_from_udev(const struct vcam_udev_monitor *monitor)
{
	return monitor->from_udev;
}

int vcam_udev_monitor_fd(const struct vcam_udev_monitor *monitor)
{
	return udev_monitor_get_fd(monitor->monitor);
}

static int on_added(struct vcam_udev_monitor *m, struct udev_device *device,
		    unsigned int node, struct vcam_camera_event *event)
{
	int ret;

	/* Not a vcam camera, or already gone again. */
	if (vcam_devices_read(VCAM_DEVICES_SYSFS_DIR, node, &event->device))
		return 0;
	event->kind = VCAM_CAMERA_ADDED;
	vcam_udev_find_by_id(device, event->by_id, sizeof(event->by_id));
	ret = known_put(m, event);
	return ret ? ret : 1;
}

static int on_removed(struct vcam_udev_monitor *m, unsigned int node,
		      struct vcam_camera_event *event)
{
	int index = known_find(m, node);
	unsigned long long seqnum = event->seqnum;

	if (index < 0)
		return 0;
	*event = m->known[index];
	event->kind = VCAM_CAMERA_REMOVED;
	event->seqnum = seqnum;
	known_drop(m, index);
	return 1;
}

static int on_changed(struct vcam_udev_monitor *m, struct udev_device *device,
		      unsigned int node, struct vcam_camera_event *event)
{
	const char *what = udev_device_get_property_value(device, "VCAM_EVENT");
	int index = known_find(m, node);
	char by_id[VCAM_UDEV_LINK_MAX];
	int ret;

	/* Other change events (udevadm trigger) say nothing new. */
	if (!what)
		return 0;
	if (index >= 0) {
		event->device = m->known[index].device;
		strcpy(event->by_id, m->known[index].by_id);
	} else if (vcam_devices_read(VCAM_DEVICES_SYSFS_DIR, node,
				     &event->device)) {
		return 0;
	}
	if (vcam_camera_event_parse_change(what,
			udev_device_get_property_value(device, "VCAM_STATE"),
			udev_device_get_property_value(device, "VCAM_INTERVAL"),
			&event->kind, &event->device))
		return 0;
	if (vcam_udev_find_by_id(device, by_id, sizeof(by_id)) == 0)
		strcpy(event->by_id, by_id);
	ret = known_put(m, event);
	return ret ? ret : 1;
}

static int translate(struct vcam_udev_monitor *m, struct udev_device *device,
		     struct vcam_camera_event *event)
{
	const char *action = udev_device_get_action(device);
	const char *sysname = udev_device_get_sysname(device);
	unsigned long node;

	if (!action || !sysname || strncmp(sysname, "video", 5) != 0 ||
	    vcam_parse_unsigned(sysname + 5, 10, 0, (unsigned int)-1, &node))
		return 0;
	memset(event, 0, sizeof(*event));
	event->seqnum = udev_device_get_seqnum(device);
	if (strcmp(action, "add") == 0)
		return on_added(m, device, (unsigned int)node, event);
	if (strcmp(action, "remove") == 0)
		return on_removed(m, (unsigned int)node, event);
	if (strcmp(action, "change") == 0)
		return on_changed(m, device, (unsigned int)node, event);
	return 0;
}

int vcam_udev_monitor_receive(struct vcam_udev_monitor *monitor,
			      struct vcam_camera_event *event)
{
	struct udev_device *device =
		udev_monitor_receive_device(monitor->monitor);
	int ret;

	if (!device)
		return 0;
	ret = translate(monitor, device, event);
	udev_device_unref(device);
	return ret;
}

void vcam_udev_monitor_free(struct vcam_udev_monitor *monitor)
{
	if (!monitor)
		return;
	udev_monitor_unref(monitor->monitor);
	udev_unref(monitor->udev);
	free(monitor->known);
	free(monitor);
}
