// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamd-bench-consumers: streams from many capture nodes at once, MMAP,
 * from one poll loop, and counts the frames each delivers in a measured
 * window. It touches no pixel, so that it costs little next to the
 * producer being measured.
 *
 * Prints "measuring" once every node has delivered a frame and the
 * warm-up is over, then, after the window, one line per node
 * ("NODE FRAMES") and a total: "total NODES FRAMES SECONDS".
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "parse-number.h"

#define MAX_NODES 256
#define MAX_BUFFERS 32

struct node {
	const char *path;
	int fd;
	unsigned int buffers;
	void *maps[MAX_BUFFERS];
	size_t lengths[MAX_BUFFERS];
	unsigned long frames;		/* in the window */
	bool delivered;			/* at least one frame yet */
};

struct options {
	unsigned int buffers;
	double warmup, seconds;
	int protection;		/* of the buffers' mappings */
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int fail(const struct node *node, const char *what)
{
	fprintf(stderr, "vcamd-bench-consumers: %s: %s: %s\n", node->path,
		what, strerror(errno));
	return -1;
}

static int map_buffers(struct node *node, int protection)
{
	for (unsigned int i = 0; i < node->buffers; i++) {
		struct v4l2_buffer buf = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP, .index = i,
		};

		if (ioctl(node->fd, VIDIOC_QUERYBUF, &buf))
			return fail(node, "VIDIOC_QUERYBUF");
		node->lengths[i] = buf.length;
		node->maps[i] = mmap(NULL, buf.length, protection, MAP_SHARED,
				     node->fd, buf.m.offset);
		if (node->maps[i] == MAP_FAILED)
			return fail(node, "mmap");
		if (ioctl(node->fd, VIDIOC_QBUF, &buf))
			return fail(node, "VIDIOC_QBUF");
	}
	return 0;
}

static int start(struct node *node, const struct options *options)
{
	struct v4l2_requestbuffers req = {
		.count = options->buffers, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	node->fd = open(node->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (node->fd < 0)
		return fail(node, "open");
	if (ioctl(node->fd, VIDIOC_REQBUFS, &req))
		return fail(node, "VIDIOC_REQBUFS");
	node->buffers = req.count < MAX_BUFFERS ? req.count : MAX_BUFFERS;
	if (map_buffers(node, options->protection))
		return -1;
	if (ioctl(node->fd, VIDIOC_STREAMON, &type))
		return fail(node, "VIDIOC_STREAMON");
	return 0;
}

/* Dequeues and requeues every frame the node has ready. */
static int take_frames(struct node *node, bool counting)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};

	while (ioctl(node->fd, VIDIOC_DQBUF, &buf) == 0) {
		if (!(buf.flags & V4L2_BUF_FLAG_ERROR)) {
			node->delivered = true;
			node->frames += counting;
		}
		if (ioctl(node->fd, VIDIOC_QBUF, &buf))
			return fail(node, "VIDIOC_QBUF");
	}
	return errno == EAGAIN ? 0 : fail(node, "VIDIOC_DQBUF");
}

static bool all_delivered(const struct node *nodes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (!nodes[i].delivered)
			return false;
	}
	return true;
}

static int stream(struct node *nodes, size_t count,
		  const struct options *options)
{
	struct pollfd fds[MAX_NODES];
	double window_start = 0, warmup_end = now_s() + options->warmup;
	bool counting = false;

	for (size_t i = 0; i < count; i++)
		fds[i] = (struct pollfd){ .fd = nodes[i].fd, .events = POLLIN };
	for (;;) {
		double now = now_s();

		if (!counting && now >= warmup_end &&
		    all_delivered(nodes, count)) {
			counting = true;
			window_start = now;
			printf("measuring\n");
			fflush(stdout);
		}
		if (counting && now - window_start >= options->seconds)
			break;
		if (poll(fds, count, 100) < 0 && errno != EINTR)
			return fail(&nodes[0], "poll");
		for (size_t i = 0; i < count; i++) {
			if ((fds[i].revents & POLLIN) &&
			    take_frames(&nodes[i], counting))
				return -1;
		}
	}
	return 0;
}

static void report(const struct node *nodes, size_t count, double seconds)
{
	unsigned long total = 0;

	for (size_t i = 0; i < count; i++) {
		printf("%s %lu\n", nodes[i].path, nodes[i].frames);
		total += nodes[i].frames;
	}
	printf("total %zu %lu %.3f\n", count, total, seconds);
}

static void stop(struct node *node)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (node->fd < 0)
		return;
	ioctl(node->fd, VIDIOC_STREAMOFF, &type);
	for (unsigned int i = 0; i < node->buffers; i++) {
		if (node->maps[i] && node->maps[i] != MAP_FAILED)
			munmap(node->maps[i], node->lengths[i]);
	}
	close(node->fd);
}

static void usage(FILE *out)
{
	fprintf(out, "Usage: vcamd-bench-consumers [--buffers N] "
		"[--warmup SECONDS] [--seconds SECONDS] [--writable] NODE...\n"
		"Streams every capture NODE (MMAP, N buffers, default 4) from "
		"one poll loop;\nafter the warm-up (default 2 s) and a frame "
		"from each, prints \"measuring\",\ncounts frames for SECONDS "
		"(default 10) and prints them per node and in total.\n"
		"The buffers are mapped read-only, or with --writable "
		"read-write, as ffmpeg\nand browsers map them.\n");
}

static int parse_options(int argc, char **argv, struct options *options)
{
	static const struct option long_options[] = {
		{ "buffers", required_argument, NULL, 'b' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "seconds", required_argument, NULL, 's' },
		{ "writable", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long value;
	int opt;

	*options = (struct options){ .buffers = 4, .warmup = 2, .seconds = 10,
				     .protection = PROT_READ };
	while ((opt = getopt_long(argc, argv, "b:w:s:Wh", long_options,
				  NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			exit(0);
		}
		if (opt == 'W') {
			options->protection = PROT_READ | PROT_WRITE;
			continue;
		}
		if (opt == '?' || vcam_parse_unsigned(optarg, 10, 0, 3600, &value)) {
			usage(stderr);
			return -1;
		}
		if (opt == 'b')
			options->buffers = (unsigned int)value;
		else if (opt == 'w')
			options->warmup = (double)value;
		else
			options->seconds = (double)value;
	}
	if (optind == argc || argc - optind > MAX_NODES ||
	    options->buffers < 2 || options->buffers > MAX_BUFFERS ||
	    options->seconds < 1) {
		usage(stderr);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct node nodes[MAX_NODES];
	struct options options;
	size_t count;
	int ret = 1;

	if (parse_options(argc, argv, &options))
		return 2;
	count = (size_t)(argc - optind);
	for (size_t i = 0; i < count; i++)
		nodes[i] = (struct node){ .path = argv[optind + i], .fd = -1 };
	for (size_t i = 0; i < count; i++) {
		if (start(&nodes[i], &options))
			goto out;
	}
	if (stream(nodes, count, &options))
		goto out;
	report(nodes, count, options.seconds);
	ret = 0;
out:
	for (size_t i = 0; i < count; i++)
		stop(&nodes[i]);
	return ret;
}
