// SPDX-License-Identifier: GPL-2.0-only
/* A sysfs tree with vcam cameras in a temporary folder (fake-sysfs.h). */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <criterion/criterion.h>

#include "fake-sysfs.h"

static char root[] = "/tmp/vcam-sysfs-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	file = fopen(path, "w");
	cr_assert_not_null(file, "%s", path);
	fputs(text, file);
	fclose(file);
}

static void add_camera(const char *entry, const char *name, const char *state)
{
	char dir[PATH_MAX], vcam[PATH_MAX + 8];

	snprintf(dir, sizeof(dir), "%s/%s", root, entry);
	snprintf(vcam, sizeof(vcam), "%s/vcam", dir);
	mkdir(dir, 0755);
	mkdir(vcam, 0755);
	write_file(dir, "name", name);
	write_file(vcam, "fourcc", "YUYV\n");
	write_file(vcam, "width", "640\n");
	write_file(vcam, "height", "480\n");
	write_file(vcam, "sizeimage", "614400\n");
	write_file(vcam, "interval", "1001/30000\n");
	write_file(vcam, "state", state);
	write_file(vcam, "frames_delivered", "12345678901\n");
	write_file(vcam, "frames_dropped", "7\n");
	write_file(vcam, "producer_pid", "42\n");
}

const char *fake_sysfs_make(void)
{
	char other[PATH_MAX];

	cr_assert_not_null(mkdtemp(root));
	add_camera("video10", "Front Desk\n", "streaming\n");
	add_camera("video2", "Bars\n", "idle\n");
	snprintf(other, sizeof(other), "%s/video0", root);
	mkdir(other, 0755);
	write_file(other, "name", "uvcvideo\n");
	return root;
}

void fake_sysfs_remove(void)
{
	char command[PATH_MAX + 16];

	snprintf(command, sizeof(command), "rm -rf %s", root);
	cr_expect_eq(system(command), 0);
}

