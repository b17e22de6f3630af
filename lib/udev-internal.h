/* SPDX-License-Identifier: GPL-2.0-only */
/* What the udev files of vcamlib share. */
#ifndef VCAM_UDEV_INTERNAL_H
#define VCAM_UDEV_INTERNAL_H

#include <libudev.h>
#include <stddef.h>

#include "vcam/udev.h"

/* Writes device's /dev/v4l/by-id link into link: 0, or -ENOENT. */
int vcam_udev_find_by_id(struct udev_device *device, char *link, size_t size);

/*
 * vcam_node_monitor_new() with the events from udev (from_udev) or from
 * the kernel, whether systemd-udevd runs or not.
 */
int vcam_node_monitor_open(struct vcam_node_monitor **monitor,
			   bool from_udev);

/*
 * The next uevent of a videoN node, with event filled: the device, to
 * unref, or NULL when nothing or something else arrived.
 */
struct udev_device *vcam_node_monitor_receive_device(
	struct vcam_node_monitor *monitor, struct vcam_node_event *event);

#endif /* VCAM_UDEV_INTERNAL_H */
