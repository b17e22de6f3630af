/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BT.601 limited-range conversion of 16-bit R'G'B' (0..65535), in integers
 * and rounded to nearest: Y' = 0.299 R' + 0.587 G' + 0.114 B',
 * Y = 16 + 219 Y', Cb = 128 + 224 (B' - Y') / 1.772,
 * Cr = 128 + 224 (R' - Y') / 1.402.
 * Chroma takes the sums of 1, 2 or 4 pixels and returns their average.
 */
#ifndef VCAM_YCBCR_H
#define VCAM_YCBCR_H

#include <stdint.h>

#include "pattern-internal.h"

static inline uint8_t vcam_rgb16_to_8bit(uint16_t value)
{
	return (uint8_t)(((uint32_t)value * 255u + VCAM_RGB16_MAX / 2) /
			 VCAM_RGB16_MAX);
}

static inline uint8_t vcam_luma(struct vcam_rgb16 c)
{
	const uint64_t den = 1000ull * VCAM_RGB16_MAX;
	uint64_t num = 16 * den +
		       219ull * (299ull * c.r + 587ull * c.g + 114ull * c.b);

	return (uint8_t)((num + den / 2) / den);
}

/* Sums of count pixels' components. */
struct vcam_rgb_sum {
	int64_t r, g, b;
};

static inline uint8_t vcam_chroma_blue(struct vcam_rgb_sum s,
				       unsigned int count)
{
	const int64_t den = 1772ll * VCAM_RGB16_MAX * count;
	int64_t num = 128 * den + 224 * (886 * s.b - 299 * s.r - 587 * s.g);

	return (uint8_t)((num + den / 2) / den);
}

static inline uint8_t vcam_chroma_red(struct vcam_rgb_sum s,
				      unsigned int count)
{
	const int64_t den = 1402ll * VCAM_RGB16_MAX * count;
	int64_t num = 128 * den + 224 * (701 * s.r - 587 * s.g - 114 * s.b);

	return (uint8_t)((num + den / 2) / den);
}

static inline struct vcam_rgb_sum vcam_rgb_sum_of(const struct vcam_rgb16 *a,
						  const struct vcam_rgb16 *b)
{
	return (struct vcam_rgb_sum){
		.r = (int64_t)a->r + b->r,
		.g = (int64_t)a->g + b->g,
		.b = (int64_t)a->b + b->b,
	};
}

static inline struct vcam_rgb_sum vcam_rgb_sum_add(struct vcam_rgb_sum x,
						   struct vcam_rgb_sum y)
{
	return (struct vcam_rgb_sum){
		.r = x.r + y.r, .g = x.g + y.g, .b = x.b + y.b,
	};
}

#endif /* VCAM_YCBCR_H */
