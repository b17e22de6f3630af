// SPDX-License-Identifier: GPL-2.0-only
/* Frame stamps and integrity accounting; see stamp.h. */

#include <string.h>
#include <time.h>

#include "stamp.h"

#define STAMP_MAGIC 0x7663616d62656e63ULL	/* "vcambenc" */

uint64_t bench_now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static uint64_t stamp_check(uint64_t sequence, uint64_t time_ns)
{
	return (sequence * 0x9e3779b97f4a7c15ULL) ^ time_ns ^ STAMP_MAGIC;
}

void bench_stamp_frame(uint8_t *frame, size_t size, uint64_t sequence)
{
	struct bench_stamp stamp = { .sequence = sequence,
				     .time_ns = bench_now_ns() };

	stamp.check = stamp_check(stamp.sequence, stamp.time_ns);
	memcpy(frame, &stamp, sizeof(stamp));
	memcpy(frame + size - sizeof(stamp), &stamp, sizeof(stamp));
}

void bench_render_frame(uint8_t *frame, const uint8_t *image, size_t size,
			uint64_t sequence)
{
	memcpy(frame, image, size);
	bench_stamp_frame(frame, size, sequence);
}

void bench_stamps_read(const uint8_t *frame, size_t size,
		       struct bench_stamps *stamps)
{
	memcpy(&stamps->head, frame, sizeof(stamps->head));
	memcpy(&stamps->tail, frame + size - sizeof(stamps->tail),
	       sizeof(stamps->tail));
}

static bool stamp_valid(const struct bench_stamp *stamp)
{
	return stamp->sequence &&
	       stamp->check == stamp_check(stamp->sequence, stamp->time_ns);
}

static bool stamp_equal(const struct bench_stamp *a,
			const struct bench_stamp *b)
{
	return a->sequence == b->sequence && a->time_ns == b->time_ns &&
	       a->check == b->check;
}

bool bench_stamps_intact(const struct bench_stamps *stamps)
{
	return stamp_valid(&stamps->head) &&
	       stamp_equal(&stamps->head, &stamps->tail);
}

bool bench_stamps_equal(const struct bench_stamps *a,
			const struct bench_stamps *b)
{
	return stamp_equal(&a->head, &b->head) &&
	       stamp_equal(&a->tail, &b->tail);
}

bool bench_integrity_arrived(struct bench_integrity *integrity,
			     const struct bench_stamps *stamps, bool counting)
{
	uint64_t sequence = stamps->head.sequence;
	uint64_t last = integrity->last_sequence;

	if (!bench_stamps_intact(stamps)) {
		if (counting) {
			integrity->torn++;
			integrity->delivered++;
		}
		return false;
	}
	if (last && sequence <= last) {
		if (counting)
			integrity->duplicated++;
		return false;
	}
	if (counting) {
		integrity->delivered++;
		if (last)
			integrity->dropped += sequence - last - 1;
	}
	integrity->last_sequence = sequence;
	return true;
}

void bench_integrity_released(struct bench_integrity *integrity,
			      const struct bench_stamps *at_arrival,
			      const struct bench_stamps *at_release,
			      bool counting)
{
	if (counting && !bench_stamps_equal(at_arrival, at_release))
		integrity->overwritten++;
}

void bench_integrity_add(struct bench_integrity *sum,
			 const struct bench_integrity *part)
{
	sum->delivered += part->delivered;
	sum->dropped += part->dropped;
	sum->duplicated += part->duplicated;
	sum->torn += part->torn;
	sum->overwritten += part->overwritten;
}
