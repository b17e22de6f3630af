// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA-BUF backend: dumb buffers of a DRM device (vgem, or a real GPU),
 * exported as dma-bufs (PRIME).
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xf86drm.h>

#include "dmabuf-backend.h"

/* Dumb buffers are allocated as rows of one page each. */
#define ROW_BYTES 4096u
#define BYTES_PER_PIXEL 4u

/* The N of a "cardN" entry, or -1 for any other name. */
static long card_number(const char *name)
{
	char *end;
	unsigned long number;

	if (strncmp(name, "card", 4) != 0 || name[4] < '0' || name[4] > '9')
		return -1;
	errno = 0;
	number = strtoul(name + 4, &end, 10);
	if (errno != 0 || *end != '\0' || number > INT_MAX)
		return -1;
	return (long)number;
}

static bool can_create_a_dumb_buffer(int fd)
{
	struct drm_mode_create_dumb probe = {
		.width = 1,
		.height = 1,
		.bpp = 32,
	};

	if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &probe) != 0)
		return false;
	drmCloseBufferHandle(fd, probe.handle);
	return true;
}

/*
 * Render-only drivers such as vgem answer no capability queries beyond a
 * few, DRM_CAP_DUMB_BUFFER not among them: ask those by trying.
 */
static bool has_dumb_buffers(int fd)
{
	uint64_t has_dumb = 0;

	if (drmGetCap(fd, DRM_CAP_DUMB_BUFFER, &has_dumb) == 0)
		return has_dumb != 0;
	return can_create_a_dumb_buffer(fd);
}

/* Returns the device fd, -ENODEV if it has no dumb buffers, or -errno. */
static int open_card_with_dumb_buffers(const char *dri_path, const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dri_path, name) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!has_dumb_buffers(fd)) {
		close(fd);
		return -ENODEV;
	}
	return fd;
}

/*
 * Keeps the more telling of two failures: a device that exists but cannot
 * be used (-EACCES...) over one without dumb buffers over none at all.
 */
static int worse_error(int current, int candidate)
{
	if (current == -ENOENT)
		return candidate;
	if (current == -ENODEV && candidate != -ENOENT)
		return candidate;
	return current;
}

/* Opens the lowest-numbered card that has dumb buffers. */
static int drm_open_device(const char *dev_root)
{
	char dri_path[PATH_MAX];
	long best_number = -1;
	int best_fd = -ENOENT;
	struct dirent *entry;
	DIR *dri;
	int ret;

	ret = vcam_dmabuf_device_path(dri_path, sizeof(dri_path), dev_root,
				      "/dev/dri");
	if (ret < 0)
		return ret;
	dri = opendir(dri_path);
	if (!dri)
		return -errno;
	while ((entry = readdir(dri))) {
		long number = card_number(entry->d_name);
		int fd;

		if (number < 0 || (best_fd >= 0 && number > best_number))
			continue;
		fd = open_card_with_dumb_buffers(dri_path, entry->d_name);
		if (fd < 0) {
			if (best_fd < 0)
				best_fd = worse_error(best_fd, fd);
			continue;
		}
		if (best_fd >= 0)
			close(best_fd);
		best_fd = fd;
		best_number = number;
	}
	closedir(dri);
	return best_fd;
}

static int drm_alloc(int drm_fd, size_t size, size_t *allocated)
{
	struct drm_mode_create_dumb request = {
		.width = ROW_BYTES / BYTES_PER_PIXEL,
		.bpp = BYTES_PER_PIXEL * 8,
	};
	int dmabuf_fd = -1;
	int ret;

	if (size / ROW_BYTES > UINT32_MAX)
		return -EINVAL;
	request.height = (uint32_t)((size + ROW_BYTES - 1) / ROW_BYTES);
	if (drmIoctl(drm_fd, DRM_IOCTL_MODE_CREATE_DUMB, &request) != 0)
		return -errno;
	ret = drmPrimeHandleToFD(drm_fd, request.handle, DRM_CLOEXEC | DRM_RDWR,
				 &dmabuf_fd);
	if (ret != 0)
		ret = -errno;
	/* The dma-buf keeps the buffer alive without the GEM handle. */
	drmCloseBufferHandle(drm_fd, request.handle);
	if (ret < 0)
		return ret;
	*allocated = (size_t)request.size;
	return dmabuf_fd;
}

const struct vcam_dmabuf_backend_ops vcam_dmabuf_drm_ops = {
	.open_device = drm_open_device,
	.alloc = drm_alloc,
};
