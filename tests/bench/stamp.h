/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame stamps and the integrity checks they allow. The producer renders a
 * frame, then writes the same stamp (sequence number and CLOCK_MONOTONIC
 * time) into its first and its last bytes. The consumer reads both when it
 * dequeues the frame and again just before it gives the buffer back.
 */

#ifndef BENCH_STAMP_H
#define BENCH_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bench_stamp {
	uint64_t sequence;
	uint64_t time_ns;
	uint64_t check;		/* ties the two others together */
};

/* The two stamps of a frame as the consumer read them. */
struct bench_stamps {
	struct bench_stamp head;
	struct bench_stamp tail;
};

/* The smallest frame that holds two stamps. */
#define BENCH_STAMPED_FRAME_MIN (2 * sizeof(struct bench_stamp))

uint64_t bench_now_ns(void);

/* Writes the stamp of sequence, timed now, at both ends of frame. */
void bench_stamp_frame(uint8_t *frame, size_t size, uint64_t sequence);

/* "Renders" a frame: copies image into frame, then stamps it. */
void bench_render_frame(uint8_t *frame, const uint8_t *image, size_t size,
			uint64_t sequence);

void bench_stamps_read(const uint8_t *frame, size_t size,
		       struct bench_stamps *stamps);

/* Both stamps valid and equal: the frame is one frame, not a mix. */
bool bench_stamps_intact(const struct bench_stamps *stamps);

bool bench_stamps_equal(const struct bench_stamps *a,
			const struct bench_stamps *b);

/*
 * What the consumer saw. A frame is torn when its stamps differ, dropped
 * when its sequence number was skipped, duplicated when it arrives again,
 * overwritten when its stamps changed while the consumer held it.
 */
struct bench_integrity {
	uint64_t delivered;	/* distinct frames received, torn included */
	uint64_t dropped;
	uint64_t duplicated;
	uint64_t torn;
	uint64_t overwritten;
	uint64_t last_sequence;	/* 0 before the first intact frame */
};

/*
 * Accounts for a frame the consumer dequeued; counts only if counting.
 * Returns true when the frame is new and intact, so that its latency means
 * something.
 */
bool bench_integrity_arrived(struct bench_integrity *integrity,
			     const struct bench_stamps *stamps, bool counting);

/* Accounts for the frame's second reading, just before it is requeued. */
void bench_integrity_released(struct bench_integrity *integrity,
			      const struct bench_stamps *at_arrival,
			      const struct bench_stamps *at_release,
			      bool counting);

void bench_integrity_add(struct bench_integrity *sum,
			 const struct bench_integrity *part);

#endif /* BENCH_STAMP_H */
