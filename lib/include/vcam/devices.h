/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vcam cameras that exist, as the driver shows them in sysfs:
 * /sys/class/video4linux/videoN/name and videoN/vcam/{fourcc, width, height,
 * sizeimage, interval, state, frames_delivered, frames_dropped,
 * producer_pid}. Readable by anyone, with or without vcamd.
 */
#ifndef VCAM_DEVICES_H
#define VCAM_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcam/config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VCAM_DEVICES_SYSFS_DIR "/sys/class/video4linux"

struct vcam_device {
	unsigned int node;			/* the N of /dev/videoN */
	char name[VCAM_CAMERA_NAME_MAX];
	char fourcc[5];
	uint32_t width;
	uint32_t height;
	uint32_t sizeimage;
	uint32_t interval_numerator;		/* seconds per frame */
	uint32_t interval_denominator;
	bool streaming;
	uint64_t frames_delivered;
	uint64_t frames_dropped;
	long producer_pid;
};

/*
 * Reads every vcam camera under sysfs_dir (VCAM_DEVICES_SYSFS_DIR, or a copy
 * for tests) into a new array, sorted by node; free it with free(). A camera
 * that vanishes while being read is left out. Returns 0 (with *count 0 and
 * *devices NULL when there are none, also when sysfs_dir does not exist),
 * -ENOMEM, or another -errno if sysfs_dir cannot be read.
 */
int vcam_devices_list(const char *sysfs_dir, struct vcam_device **devices,
		      size_t *count);

/*
 * Reads the camera at /dev/videoN from sysfs_dir into *device. Returns 0, or
 * -ENODEV if there is no vcam camera at that node.
 */
int vcam_devices_read(const char *sysfs_dir, unsigned int node,
		      struct vcam_device *device);

/*
 * The index in devices of the camera that which names: a node "/dev/videoN"
 * or a camera name. -ENOENT if none.
 */
int vcam_devices_find(const struct vcam_device *devices, size_t count,
		      const char *which);

/* Parses "/dev/videoN" into *node: 0 or -EINVAL. */
int vcam_devices_parse_node(const char *text, unsigned int *node);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_DEVICES_H */
