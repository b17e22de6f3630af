// SPDX-License-Identifier: GPL-2.0-only
/*
 * The patterns themselves, drawn a row at a time in 16-bit R'G'B'.
 */

#include "pattern-internal.h"

#define FULL VCAM_RGB16_MAX
/* 75% of full scale, rounded: 0.75 * 65535 = 49151.25. */
#define THREE_QUARTERS 49151u

#define MOVING_STEP 4u

static const struct vcam_rgb16 black = { 0, 0, 0 };
static const struct vcam_rgb16 white = { FULL, FULL, FULL };

/* White, yellow, cyan, green, magenta, red, blue, black at level v. */
#define BAR_COLOURS(v)                                                       \
	{ v, v, v }, { v, v, 0 }, { 0, v, v }, { 0, v, 0 },                  \
	{ v, 0, v }, { v, 0, 0 }, { 0, 0, v }, { 0, 0, 0 }

static const struct vcam_rgb16 bars75[] = { BAR_COLOURS(THREE_QUARTERS) };
static const struct vcam_rgb16 bars100[] = { BAR_COLOURS(FULL) };

static void fill_bars(struct vcam_rgb16 *row, uint32_t width,
		      const struct vcam_rgb16 *colours, uint32_t count)
{
	for (uint32_t x = 0; x < width; x++)
		row[x] = colours[(uint64_t)x * count / width];
}

static void fill_moving(struct vcam_rgb16 *row, uint32_t width,
			uint64_t frame_number)
{
	uint32_t bar_width = width / 16 > 2 ? width / 16 : 2;
	uint32_t left = (uint32_t)(frame_number % width * MOVING_STEP % width);

	for (uint32_t x = 0; x < width; x++) {
		uint32_t from_left = (x + width - left) % width;

		row[x] = from_left < bar_width ? white : black;
	}
}

static void fill_checker(struct vcam_rgb16 *row, uint32_t width, uint32_t y,
			 unsigned int cell)
{
	if (!cell)
		cell = VCAM_PATTERN_DEFAULT_CELL;
	for (uint32_t x = 0; x < width; x++)
		row[x] = (x / cell + y / cell) % 2 ? black : white;
}

static uint16_t widen(uint32_t eight_bits)
{
	return (uint16_t)(eight_bits * 257u);
}

static void fill_solid(struct vcam_rgb16 *row, uint32_t width, uint32_t rgb)
{
	struct vcam_rgb16 colour = {
		widen(rgb >> 16 & 0xff), widen(rgb >> 8 & 0xff), widen(rgb & 0xff)
	};

	for (uint32_t x = 0; x < width; x++)
		row[x] = colour;
}

static void fill_gradient(struct vcam_rgb16 *row, uint32_t width)
{
	uint32_t last = width - 1;

	for (uint32_t x = 0; x < width; x++) {
		uint16_t level = (uint16_t)(((uint64_t)x * FULL + last / 2) / last);

		row[x] = (struct vcam_rgb16){ level, level, level };
	}
}

/* splitmix64: a small generator whose every seed gives a good sequence. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void fill_noise(struct vcam_rgb16 *row, uint32_t width, uint64_t *state)
{
	uint64_t bits = 0;

	for (uint32_t x = 0; x < width; x++) {
		uint16_t level;

		if (x % 8 == 0)
			bits = next_random(state);
		level = widen(bits & 0xff);
		bits >>= 8;
		row[x] = (struct vcam_rgb16){ level, level, level };
	}
}

void vcam_pattern_source_init(struct vcam_pattern_source *source,
			      const struct vcam_pattern_params *params,
			      uint32_t width, uint64_t frame_number)
{
	*source = (struct vcam_pattern_source){
		.params = params,
		.width = width,
		.frame_number = frame_number,
		.noise_state = frame_number,
	};
}

void vcam_pattern_source_row(struct vcam_pattern_source *source, uint32_t y,
			     struct vcam_rgb16 *row)
{
	const struct vcam_pattern_params *params = source->params;
	uint32_t width = source->width;

	switch (params->kind) {
	case VCAM_PATTERN_SMPTE:
		fill_bars(row, width, bars75, 7);
		break;
	case VCAM_PATTERN_BARS100:
		fill_bars(row, width, bars100, 8);
		break;
	case VCAM_PATTERN_MOVING:
		fill_moving(row, width, source->frame_number);
		break;
	case VCAM_PATTERN_CHECKER:
		fill_checker(row, width, y, params->cell);
		break;
	case VCAM_PATTERN_SOLID:
		fill_solid(row, width, params->rgb);
		break;
	case VCAM_PATTERN_GRADIENT:
		fill_gradient(row, width);
		break;
	case VCAM_PATTERN_NOISE:
		fill_noise(row, width, &source->noise_state);
		break;
	case VCAM_PATTERN_COUNT:
		break;
	}
}
