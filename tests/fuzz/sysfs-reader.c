// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sysfs reader: reads every attribute of every video4linux device, and
 * of /dev/vcam's misc device, while cameras come and go; writes to a few.
 */

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX_FILES 256

struct sysfs_reader {
	char files[MAX_FILES][PATH_MAX];
	unsigned int count;
};

static void add_dir(struct sysfs_reader *r, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *entry;

	if (!d)
		return;
	while ((entry = readdir(d)) && r->count < MAX_FILES) {
		if (entry->d_name[0] == '.' || entry->d_type == DT_DIR ||
		    entry->d_type == DT_LNK || !strcmp(entry->d_name, "uevent"))
			continue;
		snprintf(r->files[r->count++], sizeof(r->files[0]), "%s/%s",
			 dir, entry->d_name);
	}
	closedir(d);
}

/* Lists the attributes of the devices there are now. */
static void op_scan(struct fuzz_worker *w, void *ctx)
{
	struct sysfs_reader *r = ctx;
	DIR *d = opendir("/sys/class/video4linux");
	struct dirent *entry;
	char dir[PATH_MAX];

	(void)w;
	r->count = 0;
	add_dir(r, "/sys/class/misc/vcam");
	if (!d)
		return;
	while ((entry = readdir(d))) {
		if (entry->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "/sys/class/video4linux/%s",
			 entry->d_name);
		add_dir(r, dir);
	}
	closedir(d);
}

static void op_read(struct fuzz_worker *w, void *ctx)
{
	struct sysfs_reader *r = ctx;
	char buf[8192];
	int fd;

	if (!r->count)
		return;
	fd = open(r->files[fuzz_below(&w->rng, r->count)], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fuzz_percent(&w->rng, 20))
		usleep(fuzz_below(&w->rng, 2000));	/* let the device go */
	while (read(fd, buf, fuzz_percent(&w->rng, 80) ? sizeof(buf) :
		    1 + fuzz_below(&w->rng, 16)) > 0)
		;
	close(fd);
}

/* Every vcam attribute is read-only: a write must be refused. */
static void op_write(struct fuzz_worker *w, void *ctx)
{
	struct sysfs_reader *r = ctx;
	const char text[] = "1\n";
	int fd;

	if (!r->count)
		return;
	fd = open(r->files[fuzz_below(&w->rng, r->count)], O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	write(fd, text, sizeof(text) - 1);
	close(fd);
}

static const struct fuzz_op sysfs_ops[] = {
	{ "list sysfs attributes", op_scan, 1 },
	{ "read a sysfs attribute", op_read, 20 },
	{ "write a sysfs attribute", op_write, 1 },
};

int fuzz_sysfs_reader_run(struct fuzz_worker *w)
{
	struct sysfs_reader r = { .count = 0 };

	fuzz_worker_loop(w, sysfs_ops, sizeof(sysfs_ops) / sizeof(sysfs_ops[0]),
			 &r);
	return 0;
}
