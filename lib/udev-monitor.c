// SPDX-License-Identifier: GPL-2.0-only
/*
 * The events of vcam cameras, from a node monitor (udev-nodes.c). The
 * cameras seen so far are remembered, so that a removed camera is known by
 * name although its sysfs files are gone, and so that only vcam cameras
 * are reported: a node is one if it has the driver's vcam/ attributes when
 * it is added (or first changes).
 */

#include <errno.h>
#include <libudev.h>
#include <stdlib.h>
#include <string.h>

#include "udev-internal.h"
#include "vcam/udev.h"

struct vcam_udev_monitor {
	struct vcam_node_monitor *nodes;
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
	int ret;

	*monitor = NULL;
	if (!m)
		return -ENOMEM;
	ret = vcam_node_monitor_new(&m->nodes);
	/* After listening starts: a camera added meanwhile is reported. */
	if (!ret)
		ret = know_present_cameras(m);
	if (ret) {
		vcam_udev_monitor_free(m);
		return ret;
	}
	*monitor = m;
	return 0;
}

bool vcam_udev_monitor_from_udev(const struct vcam_udev_monitor *monitor)
{
	return vcam_node_monitor_from_udev(monitor->nodes);
}

int vcam_udev_monitor_fd(const struct vcam_udev_monitor *monitor)
{
	return vcam_node_monitor_fd(monitor->nodes);
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
		     const struct vcam_node_event *node_event,
		     struct vcam_camera_event *event)
{
	unsigned int node = node_event->node;

	memset(event, 0, sizeof(*event));
	event->seqnum = node_event->seqnum;
	switch (node_event->action) {
	case VCAM_NODE_ADDED:
		return on_added(m, device, node, event);
	case VCAM_NODE_REMOVED:
		return on_removed(m, node, event);
	default:
		return on_changed(m, device, node, event);
	}
}

int vcam_udev_monitor_receive(struct vcam_udev_monitor *monitor,
			      struct vcam_camera_event *event)
{
	struct vcam_node_event node_event;
	struct udev_device *device =
		vcam_node_monitor_receive_device(monitor->nodes, &node_event);
	int ret;

	if (!device)
		return 0;
	ret = translate(monitor, device, &node_event, event);
	udev_device_unref(device);
	return ret;
}

void vcam_udev_monitor_free(struct vcam_udev_monitor *monitor)
{
	if (!monitor)
		return;
	vcam_node_monitor_free(monitor->nodes);
	free(monitor->known);
	free(monitor);
}
