// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading the configuration from the main file and the drop-in directory.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config-internal.h"

#define FILE_SIZE_MAX (1024 * 1024)

static const char dropin_suffix[] = ".conf";

static int read_all(int fd, char *text, size_t size)
{
	size_t done = 0;

	while (done < size) {
		ssize_t ret = read(fd, text + done, size - done);

		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -errno;
		if (ret == 0)
			break;
		done += (size_t)ret;
	}
	text[done] = '\0';
	return 0;
}

/* The contents of a regular file, NUL-terminated, into *text. */
static int read_text(const char *path, char **text)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = fstat(fd, &st) ? -errno : 0;
	if (!ret && !S_ISREG(st.st_mode))
		ret = -EISDIR;
	else if (!ret && st.st_size > FILE_SIZE_MAX)
		ret = -EFBIG;
	if (!ret) {
		*text = malloc((size_t)st.st_size + 1);
		ret = *text ? read_all(fd, *text, (size_t)st.st_size) : -ENOMEM;
		if (ret) {
			free(*text);
			*text = NULL;
		}
	}
	close(fd);
	return ret;
}

static const char *read_error_reason(int error)
{
	if (error == -EFBIG)
		return "larger than 1 MiB, which no configuration needs";
	if (error == -EISDIR)
		return "not a regular file";
	return strerror(-error);
}

static int load_file(struct vcam_config *config, const char *path)
{
	char *text = NULL;
	int ret;

	ret = read_text(path, &text);
	if (ret == -ENOMEM)
		return ret;
	if (ret) {
		if (vcam_config_add_error(config, "%s: cannot read: %s", path,
					  read_error_reason(ret)))
			return -ENOMEM;
		return -EINVAL;
	}
	ret = vcam_config_parse_string(config, text, path);
	free(text);
	return ret;
}

static int is_dropin_name(const struct dirent *entry)
{
	size_t length = strlen(entry->d_name);
	size_t suffix_length = strlen(dropin_suffix);

	return entry->d_name[0] != '.' && length > suffix_length &&
	       strcmp(entry->d_name + length - suffix_length,
		      dropin_suffix) == 0;
}

/* Byte order, whatever the locale. */
static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool is_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether to read the directory entry at path; main may be NULL. */
static bool is_dropin_file(const char *path, const struct stat *main)
{
	struct stat st;

	/* A broken link or an unreadable entry is load_file()'s to report. */
	if (stat(path, &st))
		return true;
	return S_ISREG(st.st_mode) && !(main && is_same_file(&st, main));
}

/* Keeps the worst result: -ENOMEM over -EINVAL over 0. */
static int worse(int ret, int other)
{
	if (ret == -ENOMEM || other == -ENOMEM)
		return -ENOMEM;
	return ret ? ret : other;
}

static int load_dropins(struct vcam_config *config, const char *dir,
			const struct stat *main)
{
	struct dirent **entries;
	int count, ret = 0;

	count = scandir(dir, &entries, is_dropin_name, compare_names);
	if (count < 0 && errno == ENOENT)
		return 0;
	if (count < 0) {
		ret = vcam_config_add_error(config, "%s: cannot read: %s", dir,
					    strerror(errno));
		return ret ? ret : -EINVAL;
	}
	for (int i = 0; i < count; i++) {
		char *path;

		if (asprintf(&path, "%s/%s", dir, entries[i]->d_name) < 0) {
			path = NULL;
			ret = -ENOMEM;
		}
		else if (is_dropin_file(path, main))
			ret = worse(ret, load_file(config, path));
		free(path);
		free(entries[i]);
	}
	free(entries);
	return ret;
}

int vcam_config_load(struct vcam_config *config, const char *main_path,
		     const char *dropin_dir)
{
	struct stat main_stat;
	bool main_exists = main_path && stat(main_path, &main_stat) == 0;
	int ret = 0;

	if (main_path && (main_exists || errno != ENOENT))
		ret = load_file(config, main_path);
	if (dropin_dir)
		ret = worse(ret, load_dropins(config, dropin_dir,
					      main_exists ? &main_stat : NULL));
	return ret;
}
