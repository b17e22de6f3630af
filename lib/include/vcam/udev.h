/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam cameras as udev sees them (libudev): whether systemd-udevd runs, the
 * /dev/v4l/by-id link of a camera, waiting until udev has set up a new
 * camera's node, and the events of cameras: added, removed, a consumer
 * starting or stopping to stream, the frame interval changing (the driver's
 * "change" uevents carry VCAM_EVENT, VCAM_STATE and VCAM_INTERVAL; see
 * vcam(4)).
 */
#ifndef VCAM_UDEV_H
#define VCAM_UDEV_H

#include <stdbool.h>
#include <stddef.h>

#include "vcam/devices.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where udev's links to vcam cameras are, and the longest link kept. */
#define VCAM_UDEV_BY_ID_DIR "/dev/v4l/by-id/"
#define VCAM_UDEV_LINK_MAX 256

/* Whether systemd-udevd runs: its control socket /run/udev/control answers. */
bool vcam_udev_running(void);

/*
 * Writes the /dev/v4l/by-id link udev made for /dev/videoN into link.
 * Returns 0, -ENOENT if there is none (udev does not run, has not
 * processed the node yet, or its rules make none), -ENODEV if the node
 * does not exist, -ENOMEM.
 */
int vcam_udev_by_id(unsigned int node, char *link, size_t size);

/*
 * Waiting until udev has processed a node that does not exist yet: start
 * before the camera is created (udev's events are watched from then on),
 * then wait for its node. vcam_udev_wait_node() returns 0 once udev has
 * processed the node's "add" event (its group, mode and links are set),
 * -ETIMEDOUT after timeout_ms milliseconds, or another -errno.
 */
struct vcam_udev_wait;
int vcam_udev_wait_start(struct vcam_udev_wait **wait);
int vcam_udev_wait_node(struct vcam_udev_wait *wait, unsigned int node,
			int timeout_ms);
void vcam_udev_wait_free(struct vcam_udev_wait *wait);

enum vcam_camera_event_kind {
	VCAM_CAMERA_ADDED,
	VCAM_CAMERA_REMOVED,
	VCAM_CAMERA_STREAMING,	/* a consumer started streaming */
	VCAM_CAMERA_IDLE,	/* the consumer stopped streaming */
	VCAM_CAMERA_INTERVAL,	/* the frame interval in force changed */
};

/* One event, with what is known of the camera right after it. */
struct vcam_camera_event {
	enum vcam_camera_event_kind kind;
	unsigned long long seqnum;	/* the kernel's uevent number */
	struct vcam_device device;
	char by_id[VCAM_UDEV_LINK_MAX];	/* "" if there is none */
};

/* "added", "removed", "streaming", "idle" or "interval". */
const char *vcam_camera_event_name(enum vcam_camera_event_kind kind);

/*
 * Reads the values of a change uevent's VCAM_EVENT, VCAM_STATE and
 * VCAM_INTERVAL into *kind and device's streaming and interval. Returns 0,
 * or -EINVAL for a value that is missing or unknown (device unchanged).
 */
int vcam_camera_event_parse_change(const char *what, const char *state,
				   const char *interval,
				   enum vcam_camera_event_kind *kind,
				   struct vcam_device *device);

/*
 * The uevents of every V4L2 node (/dev/videoN), whatever its driver, from
 * udev when systemd-udevd runs (the node's group, mode and links are set
 * when its "add" is read), otherwise straight from the kernel (devtmpfs
 * made the node already; no links). Poll the descriptor for input, then
 * call vcam_node_monitor_receive(): 1 with *event filled, 0 when what
 * arrived was no add, remove or change of a videoN node.
 * vcam_node_monitor_new() returns 0 or -errno.
 */
enum vcam_node_action {
	VCAM_NODE_ADDED,
	VCAM_NODE_REMOVED,
	VCAM_NODE_CHANGED,
};

struct vcam_node_event {
	enum vcam_node_action action;
	unsigned int node;		/* the N of /dev/videoN */
	unsigned long long seqnum;	/* the kernel's uevent number */
	char devnode[64];		/* its path, as the event names it */
};

struct vcam_node_monitor;
int vcam_node_monitor_new(struct vcam_node_monitor **monitor);
bool vcam_node_monitor_from_udev(const struct vcam_node_monitor *monitor);
int vcam_node_monitor_fd(const struct vcam_node_monitor *monitor);
int vcam_node_monitor_receive(struct vcam_node_monitor *monitor,
			      struct vcam_node_event *event);
void vcam_node_monitor_free(struct vcam_node_monitor *monitor);

/*
 * Events of vcam cameras, read from a node monitor: from udev when
 * systemd-udevd runs, otherwise
 * straight from the kernel (then without by-id links). Poll the descriptor
 * for input, then call vcam_udev_monitor_receive(): 1 with *event filled,
 * 0 when what arrived was no event of a vcam camera, or -errno.
 * vcam_udev_monitor_new() returns 0 or -errno.
 */
struct vcam_udev_monitor;
int vcam_udev_monitor_new(struct vcam_udev_monitor **monitor);
bool vcam_udev_monitor_from_udev(const struct vcam_udev_monitor *monitor);
int vcam_udev_monitor_fd(const struct vcam_udev_monitor *monitor);
int vcam_udev_monitor_receive(struct vcam_udev_monitor *monitor,
			      struct vcam_camera_event *event);
void vcam_udev_monitor_free(struct vcam_udev_monitor *monitor);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_UDEV_H */
