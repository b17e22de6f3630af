// SPDX-License-Identifier: GPL-2.0-only
/* Reading the vcam cameras from sysfs (vcam/devices.h). */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-number.h"
#include "vcam/devices.h"

#define NODE_PREFIX "/dev/video"
#define DIR_PREFIX "video"
#define ATTRIBUTE_MAX 64

/* Reads the one-line attribute dir/file without its newline. */
static int read_attribute(const char *dir, const char *file, char *value,
			  size_t size)
{
	char path[PATH_MAX];
	FILE *stream;
	size_t length;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	stream = fopen(path, "re");
	if (!stream)
		return -errno;
	if (!fgets(value, (int)size, stream))
		value[0] = '\0';
	fclose(stream);
	length = strcspn(value, "\n");
	value[length] = '\0';
	return 0;
}

static int read_number(const char *dir, const char *file, unsigned long max,
		       unsigned long *number)
{
	char value[ATTRIBUTE_MAX];
	int ret = read_attribute(dir, file, value, sizeof(value));

	return ret ? ret : vcam_parse_unsigned(value, 10, 0, max, number);
}

static int read_u32(const char *dir, const char *file, uint32_t *field)
{
	unsigned long number;
	int ret = read_number(dir, file, UINT32_MAX, &number);

	if (!ret)
		*field = (uint32_t)number;
	return ret;
}

static int read_u64(const char *dir, const char *file, uint64_t *field)
{
	unsigned long number;
	int ret = read_number(dir, file, ULONG_MAX, &number);

	if (!ret)
		*field = number;
	return ret;
}

static int read_interval(const char *dir, struct vcam_device *device)
{
	char value[ATTRIBUTE_MAX];
	unsigned long numerator, denominator;
	const char *end;
	int ret = read_attribute(dir, "interval", value, sizeof(value));

	if (ret)
		return ret;
	if (vcam_parse_unsigned_prefix(value, 10, 0, UINT32_MAX, &numerator,
				       &end) || *end != '/' ||
	    vcam_parse_unsigned(end + 1, 10, 1, UINT32_MAX, &denominator))
		return -EINVAL;
	device->interval_numerator = (uint32_t)numerator;
	device->interval_denominator = (uint32_t)denominator;
	return 0;
}

static int read_state(const char *dir, struct vcam_device *device)
{
	char value[ATTRIBUTE_MAX];
	unsigned long pid;
	int ret = read_attribute(dir, "state", value, sizeof(value));

	if (ret)
		return ret;
	device->streaming = strcmp(value, "streaming") == 0;
	ret = read_number(dir, "producer_pid", LONG_MAX, &pid);
	device->producer_pid = (long)pid;
	return ret;
}

/* Fills device from sysfs_dir/entry; -ENODEV if it is no vcam camera. */
static int read_device(const char *sysfs_dir, const char *entry,
		       struct vcam_device *device)
{
	char dir[PATH_MAX], vcam_dir[PATH_MAX + 8];
	unsigned long node;
	int ret;

	memset(device, 0, sizeof(*device));
	if (strncmp(entry, DIR_PREFIX, strlen(DIR_PREFIX)) != 0 ||
	    vcam_parse_unsigned(entry + strlen(DIR_PREFIX), 10, 0, UINT_MAX,
				&node))
		return -ENODEV;
	device->node = (unsigned int)node;
	if (snprintf(dir, sizeof(dir), "%s/%s", sysfs_dir, entry) >=
	    (int)sizeof(dir) - 5)
		return -ENODEV;
	snprintf(vcam_dir, sizeof(vcam_dir), "%s/vcam", dir);
	if (read_attribute(vcam_dir, "fourcc", device->fourcc,
			   sizeof(device->fourcc)))
		return -ENODEV;
	ret = read_attribute(dir, "name", device->name, sizeof(device->name));
	if (!ret)
		ret = read_u32(vcam_dir, "width", &device->width);
	if (!ret)
		ret = read_u32(vcam_dir, "height", &device->height);
	if (!ret)
		ret = read_u32(vcam_dir, "sizeimage", &device->sizeimage);
	if (!ret)
		ret = read_interval(vcam_dir, device);
	if (!ret)
		ret = read_state(vcam_dir, device);
	if (!ret)
		ret = read_u64(vcam_dir, "frames_delivered",
			       &device->frames_delivered);
	if (!ret)
		ret = read_u64(vcam_dir, "frames_dropped",
			       &device->frames_dropped);
	return ret ? -ENODEV : 0;
}

int vcam_devices_read(const char *sysfs_dir, unsigned int node,
		      struct vcam_device *device)
{
	char entry[32];

	snprintf(entry, sizeof(entry), DIR_PREFIX "%u", node);
	return read_device(sysfs_dir, entry, device);
}

static int by_node(const void *a, const void *b)
{
	const struct vcam_device *x = a, *y = b;

	return (x->node > y->node) - (x->node < y->node);
}

static int append(struct vcam_device **devices, size_t *count,
		  const struct vcam_device *device)
{
	struct vcam_device *grown =
		realloc(*devices, (*count + 1) * sizeof(**devices));

	if (!grown)
		return -ENOMEM;
	grown[(*count)++] = *device;
	*devices = grown;
	return 0;
}

int vcam_devices_list(const char *sysfs_dir, struct vcam_device **devices,
		      size_t *count)
{
	struct vcam_device device;
	struct dirent *entry;
	DIR *dir = opendir(sysfs_dir);
	int ret = 0;

	*devices = NULL;
	*count = 0;
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while (!ret && (entry = readdir(dir))) {
		if (read_device(sysfs_dir, entry->d_name, &device) == 0)
			ret = append(devices, count, &device);
	}
	closedir(dir);
	if (ret) {
		free(*devices);
		*devices = NULL;
		*count = 0;
		return ret;
	}
	if (*count)
		qsort(*devices, *count, sizeof(**devices), by_node);
	return 0;
}

int vcam_devices_parse_node(const char *text, unsigned int *node)
{
	unsigned long number;

	if (strncmp(text, NODE_PREFIX, strlen(NODE_PREFIX)) != 0 ||
	    vcam_parse_unsigned(text + strlen(NODE_PREFIX), 10, 0, UINT_MAX,
				&number))
		return -EINVAL;
	*node = (unsigned int)number;
	return 0;
}

int vcam_devices_find(const struct vcam_device *devices, size_t count,
		      const char *which)
{
	unsigned int node;
	bool by_node_number = vcam_devices_parse_node(which, &node) == 0;

	for (size_t i = 0; i < count; i++) {
		if (by_node_number ? devices[i].node == node :
				     strcmp(devices[i].name, which) == 0)
			return (int)i;
	}
	return -ENOENT;
}
