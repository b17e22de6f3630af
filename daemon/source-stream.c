// SPDX-License-Identifier: GPL-2.0-only
/* Reading frames of a stream source in the event loop: source-stream.h. */
#include "source-stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

/* Frames one event may read from a live stream before others get a turn. */
#define LIVE_FRAMES_PER_EVENT 4
/* Reads one pump may make: a writer of bytes that never make a frame
 * cannot hold the event loop either. */
#define READS_PER_PUMP 64
/* What /proc/sys/fs/pipe-max-size lets anyone give a pipe by default. */
#define PIPE_CAPACITY_MAX (1024 * 1024)

void stream_warn_once(struct stream *s, const char *format, ...)
{
	char message[512];
	va_list args;

	if (s->logged_error)
		return;
	s->logged_error = true;
	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	vcamd_log(LOG_WARNING, s->source->camera, "%s:%s: %s", s->format->name,
		  s->path, message);
}

static bool is_stdin(const struct stream *s)
{
	return strcmp(s->path, VCAM_SOURCE_STDIN) == 0;
}

static int open_path(struct stream *s, char *message, size_t size)
{
	struct stat st;

	s->fd = open(s->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (s->fd < 0 || fstat(s->fd, &st)) {
		int error = errno;

		snprintf(message, size, "cannot open the %s source %s: %s",
			 s->format->name, s->path, strerror(error));
		return -error;
	}
	s->regular = S_ISREG(st.st_mode);
	s->fifo = S_ISFIFO(st.st_mode);
	if (!s->regular && !s->fifo) {
		snprintf(message, size, "the %s source %s is neither a file "
			 "nor a FIFO: name a file, or make a FIFO with mkfifo",
			 s->format->name, s->path);
		return -ENODEV;
	}
	return 0;
}

/* The descriptor vcamctl passed: a pipe, a socket or a file. */
static int take_input(struct stream *s, char *message, size_t size)
{
	struct stat st;
	int flags;

	if (s->fd < 0) {
		snprintf(message, size, "no stream was passed for -: use "
			 "vcamctl, which passes its standard input");
		return -EBADF;
	}
	flags = fcntl(s->fd, F_GETFL);
	if (fstat(s->fd, &st) || flags < 0 ||
	    fcntl(s->fd, F_SETFL, flags | O_NONBLOCK)) {
		snprintf(message, size, "cannot use the stream passed for -: "
			 "%s", strerror(errno));
		return -errno;
	}
	s->regular = S_ISREG(st.st_mode);
	if (!s->regular && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode)) {
		snprintf(message, size, "the standard input passed for - is "
			 "neither a pipe, a socket nor a file: pipe the "
			 "stream into vcamctl");
		return -ENODEV;
	}
	return 0;
}

/*
 * Lets a pipe of raw frames take a whole frame (up to 1 MiB): at the
 * default 64 KiB, writer and reader take turns a few dozen times a frame.
 * No larger, so that a writer gets no further ahead. Best effort.
 */
static void widen_pipe(const struct stream *s, size_t frame)
{
	struct stat st;

	if (!s->format->frames_fill_frame_size || s->fd < 0 ||
	    fstat(s->fd, &st) || !S_ISFIFO(st.st_mode))
		return;
	fcntl(s->fd, F_SETPIPE_SZ,
	      (int)(frame < PIPE_CAPACITY_MAX ? frame : PIPE_CAPACITY_MAX));
}

/* Buffers of the sizes the format asks for now. */
static int fit_buffers(struct stream *s)
{
	size_t capacity = s->format->buffer_size(s);
	size_t frame = s->format->frame_size(s);
	uint8_t *p;

	if (capacity > s->capacity) {
		p = realloc(s->buffer, capacity);
		if (!p)
			return -ENOMEM;
		s->buffer = p;
		s->capacity = capacity;
	}
	if (frame > s->frame_capacity) {
		free(s->ready.data);
		free(s->shown.data);
		s->ready = (struct stream_frame){ malloc(frame), 0, false };
		s->shown = (struct stream_frame){ malloc(frame), 0, false };
		s->frame_capacity = s->ready.data && s->shown.data ? frame : 0;
		if (!s->frame_capacity)
			return -ENOMEM;
	}
	if (frame)
		widen_pipe(s, frame);
	return 0;
}

static void drop_bytes(struct stream *s, size_t count)
{
	memmove(s->buffer, s->buffer + count, s->used - count);
	s->used -= count;
	s->offset += count;
}

static void forget_frames(struct stream *s)
{
	s->ready.valid = false;
	s->shown.valid = false;
}

static void set_reading(struct stream *s, bool on)
{
	int ret;

	if (s->regular || s->fd < 0)
		return;
	ret = source_watch(s->source, s->fd, on ? EPOLLIN : 0);
	if (ret)
		vcamd_log(LOG_ERR, s->source->camera, "cannot watch %s: %s",
			  s->path, strerror(-ret));
}

static void close_fd(struct stream *s)
{
	source_unwatch(s->source);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

/* Nothing more will come: the camera keeps showing what it shows. */
static void end_stream(struct stream *s)
{
	close_fd(s);
	s->ended = true;
	/* Its last frame is shown at the cameras' own pace from now on. */
	s->source->self_paced = false;
	source_end(s->source);
}

/* The FIFO's writer left: wait for the next one, which starts afresh. */
static void reopen_fifo(struct stream *s)
{
	char message[512];

	s->hung_up = false;
	close_fd(s);
	s->used = 0;
	s->offset = 0;
	s->format->reset(s);
	if (open_path(s, message, sizeof(message))) {
		vcamd_log(LOG_ERR, s->source->camera, "%s", message);
		s->ended = true;
		return;
	}
	if (s->live || s->source->streaming)
		set_reading(s, true);
}

static void fail(struct stream *s, const char *reason)
{
	stream_warn_once(s, "%s; %s", reason, s->fifo ?
			 "waiting for the FIFO's next writer" :
			 "the camera shows its last good frame, or colour "
			 "bars");
	if (s->fifo)
		reopen_fifo(s);
	else
		end_stream(s);
}

/* Loops a file, unless a whole pass gave no frame. */
static bool loop_file(struct stream *s)
{
	if (!s->loop || !s->frames_since_loop ||
	    lseek(s->fd, (off_t)s->frames_start, SEEK_SET) < 0)
		return false;
	s->used = 0;
	s->offset = s->frames_start;
	s->frames_since_loop = 0;
	return true;
}

static void at_end(struct stream *s)
{
	const char *cut = s->used ? " in the middle of a frame" : "";

	if (s->regular && s->used)
		stream_warn_once(s, "the file ends in the middle of a frame "
				 "or header, which is left out");
	if (s->regular && loop_file(s))
		return;
	if (s->fifo) {
		/*
		 * A FIFO reads as ended before its first writer too: only
		 * one that came and left (a hang-up) is waited for anew, so
		 * that what a writer left in it is not lost.
		 */
		if (!s->hung_up && !s->offset && !s->used) {
			set_reading(s, true);
			return;
		}
		if (s->offset || s->used)
			vcamd_log(LOG_NOTICE, s->source->camera, "%s: the "
				  "writer closed the FIFO%s; waiting for the "
				  "next one", s->path, cut);
		reopen_fifo(s);
		return;
	}
	vcamd_log(LOG_NOTICE, s->source->camera, "%s:%s: the stream ended%s; "
		  "the camera keeps its last frame", s->format->name, s->path,
		  cut);
	end_stream(s);
}

static void store(struct stream *s, struct stream_frame *frame,
		  const struct stream_chunk *chunk)
{
	memcpy(frame->data, s->buffer + chunk->frame_offset,
	       chunk->frame_length);
	frame->length = chunk->frame_length;
	frame->valid = true;
}

/*
 * Finds what the buffer holds: 1 after storing a frame (in ready, or in
 * shown for a live stream), 0 when more bytes are needed, -1 after a
 * failure (handled).
 */
static int extract(struct stream *s)
{
	char reason[512];

	for (;;) {
		struct stream_chunk chunk = { 0 };
		int ret = s->format->next(s, s->buffer, s->used, &chunk,
					  reason, sizeof(reason));

		if (ret == -EAGAIN)
			return 0;
		if (ret || (chunk.format_changed && fit_buffers(s))) {
			fail(s, ret ? reason : "out of memory");
			return -1;
		}
		if (chunk.format_changed)
			forget_frames(s);
		if (chunk.frame_length)
			store(s, s->live ? &s->shown : &s->ready, &chunk);
		drop_bytes(s, chunk.consumed);
		if (chunk.frames_start)
			s->frames_start = s->offset;
		if (chunk.frame_length) {
			s->frames_since_loop++;
			return 1;
		}
	}
}

/* One read into the buffer: 1 with bytes, 0 to wait, -1 at the end. */
static int fill(struct stream *s)
{
	ssize_t got;

	if (s->used == s->capacity) {
		fail(s, "a frame is larger than vcamd's buffer for it");
		return -1;
	}
	do {
		got = read(s->fd, s->buffer + s->used, s->capacity - s->used);
	} while (got < 0 && errno == EINTR);
	if (got > 0) {
		s->used += (size_t)got;
		return 1;
	}
	if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
		set_reading(s, true);
		return 0;
	}
	if (got < 0) {
		char reason[300];

		snprintf(reason, sizeof(reason), "cannot read: %s",
			 strerror(errno));
		fail(s, reason);
	} else {
		at_end(s);
	}
	return -1;
}

/*
 * Reads until a frame waits in ready (paced) or, live, until the budget is
 * spent or the writer has nothing more; a live stream's new frames are
 * handed over once.
 */
static void pump(struct stream *s)
{
	int frames = 0, reads = 0;

	while (!s->ended && s->fd >= 0) {
		int ret;

		if (reads++ == READS_PER_PUMP) {
			set_reading(s, true);	/* the rest at the next event */
			break;
		}
		if (!s->live && s->ready.valid) {
			set_reading(s, false);
			break;
		}
		ret = extract(s);
		if (ret < 0)
			break;
		if (ret > 0 && s->live && ++frames == LIVE_FRAMES_PER_EVENT) {
			set_reading(s, true);	/* the rest at the next event */
			break;
		}
		if (ret == 0 && fill(s) <= 0)
			break;
	}
	if (frames)
		source_push_frame(s->source);
}

int stream_open(struct stream **stream, struct source *source,
		const struct vcam_camera_source *cfg,
		const struct source_input *input,
		const struct stream_format *format, void *format_data,
		char *message, size_t size)
{
	struct stream *s = calloc(1, sizeof(*s));
	int ret;

	if (!s) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	*s = (struct stream){
		.source = source, .format = format, .format_data = format_data,
		.fd = -1, .live = cfg->live, .loop = cfg->loop,
	};
	snprintf(s->path, sizeof(s->path), "%s", cfg->path);
	if (is_stdin(s)) {
		s->fd = input ? input->fd : -1;
		ret = take_input(s, message, size);
	} else {
		ret = open_path(s, message, size);
	}
	if (!ret && fit_buffers(s)) {
		snprintf(message, size, "out of memory");
		ret = -ENOMEM;
	}
	if (!ret && input && input->prefix_length) {
		if (input->prefix_length > s->capacity) {
			snprintf(message, size, "the stream's header is too "
				 "long");
			ret = -EINVAL;
		} else {
			memcpy(s->buffer, input->prefix, input->prefix_length);
			s->used = input->prefix_length;
		}
	}
	if (ret) {
		if (s->fd >= 0)
			close(s->fd);
		free(s->buffer);
		free(s->ready.data);
		free(s->shown.data);
		free(s);
		return ret;
	}
	if (s->regular)
		s->live = false;
	source->self_paced = s->live;
	source->data = s;
	*stream = s;
	if (s->live)
		pump(s);
	return 0;
}

void stream_prime(struct stream *s)
{
	if (s->regular)
		pump(s);
}

void stream_start(struct source *source)
{
	struct stream *s = source->data;

	if (!s->live && !s->regular)
		pump(s);
}

void stream_stop(struct source *source)
{
	struct stream *s = source->data;

	if (!s->live)
		set_reading(s, false);
}

/* Whether the tick may take a new frame: once per camera interval. */
static bool due(const struct stream *s, const struct source_tick *tick)
{
	return !s->taken_ns || tick->time_ns - s->taken_ns >=
			       tick->interval_ns / 2;
}

static void take_ready(struct stream *s, uint64_t now)
{
	struct stream_frame shown = s->shown;

	s->shown = s->ready;
	s->ready = shown;
	s->ready.valid = false;
	s->taken_ns = now;
}

int stream_render(struct source *source,
		  const struct vcam_frame_layout *layout, void *frame,
		  const struct source_tick *tick, uint32_t *length)
{
	struct stream *s = source->data;

	if (!s->live && due(s, tick)) {
		if (s->regular && !s->ready.valid)
			pump(s);
		if (s->ready.valid) {
			take_ready(s, tick->time_ns);
			if (!s->regular)
				pump(s);
		}
	}
	if (!s->shown.valid)
		return -ENODATA;
	return s->format->convert(s, s->shown.data, s->shown.length, layout,
				  frame, length);
}

void stream_on_event(struct source *source, uint32_t events)
{
	struct stream *s = source->data;

	s->hung_up = events & EPOLLHUP;
	pump(s);
	s->hung_up = false;
}

bool stream_frame_rate(const struct source *source, uint32_t *numerator,
		       uint32_t *denominator)
{
	const struct stream *s = source->data;

	return s->format->frame_rate(s, numerator, denominator);
}

void stream_close(struct source *source)
{
	struct stream *s = source->data;

	close_fd(s);
	s->format->free(s);
	free(s->buffer);
	free(s->ready.data);
	free(s->shown.data);
	free(s);
}
