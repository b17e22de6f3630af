/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where cameras' frames come from. A source is an object of one kind
 * (source-pattern.c, source-mjpeg.c, source-y4m.c, source-mjpeg-stream.c,
 * source-v4l2.c) behind struct source_ops, kept in a registry. Cameras
 * whose sources read one thing that cannot be read twice (the same FIFO,
 * the same device) share one source, and so does a camera whose source is
 * camera:NAME with camera NAME; the registry starts a source when the first
 * of its cameras starts streaming and stops it after the last stops.
 *
 * Paced sources (patterns, files, and pipes that wait for the consumer)
 * are asked for a frame at every tick of a camera's timer. Self-paced ones
 * (live pipes, devices that stream) hand each frame over as it arrives: the registry calls the
 * on_frame of every streaming camera, which then asks for it. All of it
 * runs in vcamd's one event loop: a source's descriptor is watched there,
 * never read in a thread of its own.
 */
#ifndef VCAMD_SOURCE_H
#define VCAMD_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vcam/config.h>
#include <vcam/format.h>

struct source;
struct source_registry;

/* A camera that uses a source: how the source calls it back. */
struct source_user {
	void *context;			/* the camera */
	const char *name;		/* its name, for the log */
	/* A self-paced source has a new frame. */
	void (*on_frame)(struct source_user *user);
	/* The stream ended (the writer closed the pipe). */
	void (*on_end)(struct source_user *user);
	/* The source became self-paced, or stopped being so. */
	void (*on_pacing)(struct source_user *user);
	bool streaming;
	struct source_user *next;	/* the source's list */
};

/* What a camera asks for at a tick. */
struct source_tick {
	uint64_t frame_number;
	uint64_t time_ns;		/* CLOCK_MONOTONIC */
	uint64_t interval_ns;		/* of the camera */
	bool holds_earlier_frame;	/* see source_render() */
};

/*
 * The stream of a "-" source: the descriptor vcamctl passed (the source
 * takes it) and the bytes vcamctl already read from it (its header).
 */
struct source_input {
	int fd;
	const uint8_t *prefix;
	size_t prefix_length;
};

/* The registry watches sources' descriptors on epoll_fd. */
int source_registry_new(struct source_registry **registry, int epoll_fd);
void source_registry_free(struct source_registry *registry);

/*
 * The source cfg names, for a camera of layout, opened or shared. input is
 * the stream of a "-" source, or NULL; the source takes its descriptor,
 * and closes it on failure. Errors go in message as a sentence naming
 * what to do.
 */
int source_get(struct source_registry *registry,
	       const struct vcam_camera_config *cfg,
	       const struct source_input *input,
	       const struct vcam_frame_layout *layout,
	       struct source_user *user, struct source **source,
	       char *message, size_t size);

/* The user no longer uses source; the last one closes it. */
void source_put(struct source *source, struct source_user *user);

/* The user's consumer started or stopped streaming. */
void source_set_streaming(struct source *source, struct source_user *user,
			  bool streaming);

/* Whether the source hands frames over itself (no timer needed). */
bool source_is_self_paced(const struct source *source);

/*
 * The frame rate the source's data asks for, if it says: true with
 * numerator / denominator frames per second.
 */
bool source_frame_rate(const struct source *source, uint32_t *numerator,
		       uint32_t *denominator);

/*
 * Writes the source's current frame into frame memory of layout; *length
 * is the payload. holds_earlier_frame: frame memory holds a frame this
 * source rendered before, so only what changed need be drawn. Returns 0,
 * or -ENODATA when the source has nothing to give (a file without a good
 * frame, a pipe before its first frame): the caller shows a placeholder.
 */
int source_render(struct source *source,
		  const struct vcam_frame_layout *layout, void *frame,
		  const struct source_tick *tick, uint32_t *length);

/* An epoll event on a descriptor the source watches. */
void source_on_event(struct source *source, uint32_t events);

/*
 * Whether vcamd hears of V4L2 nodes added and removed (a udev monitor
 * runs): sources that relay a device then wait for its node to come back
 * instead of trying it every second.
 */
void source_registry_set_hotplug(struct source_registry *registry,
				 bool hotplug);

/* A V4L2 node devnode was added (added) or removed: sources are told. */
void source_registry_on_node(struct source_registry *registry,
			     const char *devnode, bool added);

/*
 * A frame a source can give as memory of its own, queued to the driver as
 * it is rather than copied (source_export()); given back with
 * source_release() once the driver is done with it, and not before: until
 * then the source keeps that memory out of its device's hands, even after
 * the camera moved to another source (the source outlives its last user
 * until its last frame comes back).
 */
struct source_export {
	struct source *source;	/* whose frame it is */
	int fd;			/* a DMA-BUF, the source's: do not close */
	uint32_t length;	/* payload */
	unsigned int buffer;	/* which of the source's */
	uint64_t generation;	/* of the source's memory */
};

/*
 * The source's current frame, when it is one of layout byte for byte in
 * memory the source can export: 0 with *export, -ENODATA when there is no
 * frame, -ENOTSUP when the frame must be rendered.
 */
int source_export(struct source *source,
		  const struct vcam_frame_layout *layout,
		  struct source_export *export);

/* The driver is done with an exported frame. */
void source_release(const struct source_export *export);

#endif
