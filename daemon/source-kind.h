/* SPDX-License-Identifier: GPL-2.0-only */
/* What a kind of source implements, and what the registry offers it. */
#ifndef VCAMD_SOURCE_KIND_H
#define VCAMD_SOURCE_KIND_H

#include "source.h"
#include "watch.h"

struct source_ops {
	/* Fills source->data. input as for source_get(). */
	int (*open)(struct source *source,
		    const struct vcam_camera_config *cfg,
		    const struct source_input *input,
		    const struct vcam_frame_layout *layout, char *message,
		    size_t size);
	/* The first user starts streaming, the last stops (optional). */
	void (*start)(struct source *source);
	void (*stop)(struct source *source);
	int (*render)(struct source *source,
		      const struct vcam_frame_layout *layout, void *frame,
		      const struct source_tick *tick, uint32_t *length);
	/* An event on the descriptor source_watch() registered (optional). */
	void (*on_event)(struct source *source, uint32_t events);
	/* Optional: the rate the data asks for, as source_frame_rate(). */
	bool (*frame_rate)(const struct source *source, uint32_t *numerator,
			   uint32_t *denominator);
	/* Optional: a V4L2 node appeared or went, as source_registry_on_node(). */
	void (*on_node)(struct source *source, const char *devnode,
			bool added);
	/* Optional: as source_export() and source_release(). */
	int (*export_frame)(struct source *source,
			    const struct vcam_frame_layout *layout,
			    struct source_export *export);
	void (*release_frame)(struct source *source,
			      const struct source_export *export);
	void (*close)(struct source *source);
	/* render takes any camera's layout: camera:NAME shares the source
	 * itself, not a copy of its settings. */
	bool any_layout;
};

struct source {
	const struct source_ops *ops;
	void *data;			/* the kind's own state */
	struct vcam_camera_source config;	/* what it was opened from */
	struct source_registry *registry;
	char key[PATH_MAX + 16];	/* "": never shared */
	char camera[VCAM_CAMERA_NAME_MAX];	/* who opened it, for the log */
	bool self_paced;		/* set by open */
	struct source_user *users;
	unsigned int streaming;		/* users streaming */
	unsigned int exported;		/* frames the driver holds */
	int watched_fd;			/* -1: none */
	uint32_t watched_events;
	struct watch watch;
	struct source *next;		/* the registry's list */
};

extern const struct source_ops source_pattern_ops;
extern const struct source_ops source_mjpeg_file_ops;
extern const struct source_ops source_mjpeg_stream_ops;
extern const struct source_ops source_y4m_ops;
extern const struct source_ops source_v4l2_ops;

/*
 * Watches fd for events (0: not at all), replacing the descriptor watched
 * before. 0 or -errno.
 */
int source_watch(struct source *source, int fd, uint32_t events);

/* Stops watching the descriptor, before the kind closes it. */
void source_unwatch(struct source *source);

/*
 * Whether the source hands frames over itself from now on: every user is
 * told, so that a camera ticks while it does not.
 */
void source_set_self_paced(struct source *source, bool self_paced);

/* Whether V4L2 nodes' uevents reach the sources (source_registry_set_hotplug()). */
bool source_hotplug(const struct source *source);

/* A self-paced source has a frame: every streaming user is told. */
void source_push_frame(struct source *source);

/* The stream ended: every user is told. */
void source_end(struct source *source);

#endif
