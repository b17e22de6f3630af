/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the stream sources (Y4M files and pipes, MJPEG pipes) share: reading
 * frames from a descriptor in the event loop.
 *
 * A paced stream (the default) reads only while a consumer streams, and
 * then only one frame ahead, taken at the camera's tick: the writer of a
 * pipe waits, costing nothing, while nobody watches, and is paced by the
 * consumer while someone does. A live stream reads all the time, keeps the
 * newest frame and hands it over as it arrives (self-paced). Regular files
 * are read at the tick and loop. At the end of a FIFO, vcamd opens it
 * again for its next writer; at the end of the standard input a camera
 * keeps showing the last frame. Each read has a budget, so that a fast
 * writer cannot hold the event loop.
 */
#ifndef VCAMD_SOURCE_STREAM_H
#define VCAMD_SOURCE_STREAM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source-kind.h"

struct stream;

/* What a format found at the start of the buffer. */
struct stream_chunk {
	size_t consumed;	/* bytes to drop from the buffer */
	size_t frame_offset;	/* of a frame in the dropped bytes */
	size_t frame_length;	/* 0: no frame (a header, skipped bytes) */
	bool frames_start;	/* after this chunk: where a file loops to */
	bool format_changed;	/* earlier frames no longer convert */
};

struct stream_format {
	const char *name;	/* "Y4M", "MJPEG": for the log */
	/*
	 * Looks at the bytes at the start of data: 0 with *chunk filled;
	 * -EAGAIN when more bytes are needed (size is below the buffer
	 * size); -EINVAL when the stream is unusable, with a reason.
	 */
	int (*next)(struct stream *stream, const uint8_t *data, size_t size,
		    struct stream_chunk *chunk, char *reason,
		    size_t reason_size);
	/* Bytes the buffer must hold now, and the largest frame. */
	size_t (*buffer_size)(const struct stream *stream);
	size_t (*frame_size)(const struct stream *stream);
	/* Every frame is frame_size bytes (raw video), not at most that. */
	bool frames_fill_frame_size;
	/* A frame into a camera's frame: 0 or -errno. */
	int (*convert)(struct stream *stream, const uint8_t *frame,
		       size_t length, const struct vcam_frame_layout *layout,
		       void *out, uint32_t *out_length);
	/* A new stream starts: the FIFO's next writer. */
	void (*reset)(struct stream *stream);
	/* The rate the stream asks for, if it says. */
	bool (*frame_rate)(const struct stream *stream, uint32_t *numerator,
			   uint32_t *denominator);
	void (*free)(struct stream *stream);
};

/* One stored frame. */
struct stream_frame {
	uint8_t *data;
	size_t length;
	bool valid;
};

struct stream {
	struct source *source;
	const struct stream_format *format;
	void *format_data;
	char path[PATH_MAX];	/* VCAM_SOURCE_STDIN for a passed one */
	int fd;
	bool regular;		/* a file: read at the tick, looped */
	bool fifo;		/* opened by path: reopened at its end */
	bool live;
	bool loop;
	bool ended;		/* nothing more will come */
	bool hung_up;		/* epoll said the writer left */
	uint8_t *buffer;
	size_t used;
	size_t capacity;
	uint64_t offset;	/* of the buffer's first byte in the stream */
	uint64_t frames_start;	/* where frames start, for looping */
	uint64_t frames_since_loop;
	struct stream_frame ready;	/* read ahead, not shown yet */
	struct stream_frame shown;
	size_t frame_capacity;
	uint64_t taken_ns;	/* when ready became shown */
	bool logged_error;
};

/*
 * Opens the stream cfg names (input for "-") for source, with format and
 * its format_data. On failure the caller frees format_data.
 */
int stream_open(struct stream **stream, struct source *source,
		const struct vcam_camera_source *cfg,
		const struct source_input *input,
		const struct stream_format *format, void *format_data,
		char *message, size_t size);

/* Reads a regular file until its first frame (for its header). */
void stream_prime(struct stream *stream);

/* The source ops of every stream kind, given the stream in source->data. */
void stream_start(struct source *source);
void stream_stop(struct source *source);
int stream_render(struct source *source,
		  const struct vcam_frame_layout *layout, void *frame,
		  const struct source_tick *tick, uint32_t *length);
void stream_on_event(struct source *source, uint32_t events);
bool stream_frame_rate(const struct source *source, uint32_t *numerator,
		       uint32_t *denominator);
void stream_close(struct source *source);

/* Logs a warning about the stream once, naming it. */
void stream_warn_once(struct stream *stream, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

#endif
