// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam-test-producer: creates a camera, runs a command with $VCAM_DEVICE
 * set to its capture node, and feeds it frames while a consumer streams.
 * Exits with the command's status. For the VM tests.
 *
 * Usage: vcam-test-producer [-f FOURCC] [-s WIDTHxHEIGHT] [-n FRAMES]
 *                           -- COMMAND [ARG]...
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/vcam.h>
#include <linux/videodev2.h>
#include <vcam/dmabuf.h>

#define MAX_FRAMES 32

struct options {
	uint32_t fourcc;
	uint32_t width, height;
	uint32_t nr_frames;
	char **command;
};

struct camera {
	int fd;
	uint32_t node;
	uint32_t nr_frames;
	struct vcam_frame frames[MAX_FRAMES];
	struct vcam_dmabuf bufs[MAX_FRAMES];
	bool owned[MAX_FRAMES];
	uint64_t sequence;
};

static int usage(void)
{
	fprintf(stderr, "usage: vcam-test-producer [-f FOURCC] "
		"[-s WIDTHxHEIGHT] [-n FRAMES] -- COMMAND [ARG]...\n");
	return 2;
}

static int parse_options(int argc, char **argv, struct options *opts)
{
	int opt;

	*opts = (struct options){ V4L2_PIX_FMT_YUYV, 640, 480, 4, NULL };
	while ((opt = getopt(argc, argv, "f:s:n:")) != -1) {
		switch (opt) {
		case 'f':
			if (strlen(optarg) != 4)
				return -1;
			opts->fourcc = v4l2_fourcc(optarg[0], optarg[1],
						   optarg[2], optarg[3]);
			break;
		case 's':
			if (sscanf(optarg, "%ux%u", &opts->width,
				   &opts->height) != 2)
				return -1;
			break;
		case 'n':
			opts->nr_frames = (uint32_t)strtoul(optarg, NULL, 10);
			if (opts->nr_frames > MAX_FRAMES)
				return -1;
			break;
		default:
			return -1;
		}
	}
	if (optind >= argc)
		return -1;
	opts->command = argv + optind;
	return 0;
}

static int create_camera(struct camera *cam, const struct options *opts,
			 struct vcam_dmabuf_allocator *allocator)
{
	struct vcam_ioc_create request = {
		.device_name = (uintptr_t)"vcam test",
		.width = opts->width,
		.height = opts->height,
		.pixelformat = opts->fourcc,
		.nr_frames = opts->nr_frames,
		.frames = (uintptr_t)cam->frames,
	};

	cam->fd = open("/dev/vcam", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (cam->fd < 0 || ioctl(cam->fd, VCAM_IOC_CREATE, &request)) {
		perror("vcam-test-producer: create");
		return -1;
	}
	cam->node = request.device_nr;
	cam->nr_frames = opts->nr_frames;
	for (uint32_t i = 0; i < cam->nr_frames; i++) {
		int ret = vcam_dmabuf_alloc(allocator, cam->frames[i].length,
					    &cam->bufs[i]);

		if (ret) {
			fprintf(stderr, "vcam-test-producer: allocate: %s\n",
				strerror(-ret));
			return -1;
		}
		cam->owned[i] = true;
	}
	return 0;
}

/* Each frame is one byte value, changing per frame. */
static void produce(struct camera *cam)
{
	struct vcam_ioc_dequeue done;
	__u64 status;

	while (ioctl(cam->fd, VCAM_IOC_DEQUEUE, &done) == 0)
		cam->owned[done.index] = true;
	if (ioctl(cam->fd, VCAM_IOC_STATUS, &status) ||
	    !(status & VCAM_STATUS_STREAMING))
		return;
	for (uint32_t i = 0; i < cam->nr_frames; i++) {
		struct vcam_ioc_queue request = {
			.fd = (uint32_t)cam->bufs[i].fd,
			.index = i,
			.length = cam->frames[i].length,
			.timestamp = cam->sequence,
		};

		if (!cam->owned[i])
			continue;
		vcam_dmabuf_begin_cpu_write(&cam->bufs[i]);
		memset(cam->bufs[i].data, (int)(cam->sequence & 0xff),
		       cam->frames[i].length);
		vcam_dmabuf_end_cpu_write(&cam->bufs[i]);
		if (ioctl(cam->fd, VCAM_IOC_QUEUE, &request) == 0) {
			cam->owned[i] = false;
			cam->sequence++;
		}
		return;
	}
}

static pid_t start_command(const struct camera *cam, char **command)
{
	char device[32];
	pid_t pid;

	snprintf(device, sizeof(device), "/dev/video%u", cam->node);
	pid = fork();
	if (pid == 0) {
		setenv("VCAM_DEVICE", device, 1);
		execvp(command[0], command);
		perror(command[0]);
		_exit(127);
	}
	return pid;
}

/* Feeds frames at up to 100 per second until the command exits. */
static int run(struct camera *cam, pid_t child)
{
	int status;

	for (;;) {
		struct pollfd pfd = { .fd = cam->fd, .events = POLLIN | POLLPRI };

		if (waitpid(child, &status, WNOHANG) == child)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		poll(&pfd, 1, 10);
		produce(cam);
	}
}

int main(int argc, char **argv)
{
	struct vcam_dmabuf_allocator *allocator;
	struct camera cam = { 0 };
	struct options opts;
	char message[256];
	int ret;

	if (parse_options(argc, argv, &opts))
		return usage();
	ret = vcam_dmabuf_allocator_open(&allocator, VCAM_DMABUF_AUTO);
	if (ret) {
		fprintf(stderr, "vcam-test-producer: %s\n",
			vcam_dmabuf_open_error_message(VCAM_DMABUF_AUTO, ret,
						       message,
						       sizeof(message)));
		return 1;
	}
	if (create_camera(&cam, &opts, allocator))
		return 1;
	return run(&cam, start_command(&cam, opts.command));
}
