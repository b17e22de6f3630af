// SPDX-License-Identifier: GPL-2.0-only
/* The events of vcam cameras: names, and the driver's change uevents read. */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "vcam/parse-number.h"
#include "vcam/udev.h"

const char *vcam_camera_event_name(enum vcam_camera_event_kind kind)
{
	switch (kind) {
	case VCAM_CAMERA_ADDED:
		return "added";
	case VCAM_CAMERA_REMOVED:
		return "removed";
	case VCAM_CAMERA_STREAMING:
		return "streaming";
	case VCAM_CAMERA_IDLE:
		return "idle";
	case VCAM_CAMERA_INTERVAL:
		return "interval";
	}
	return "unknown";
}

/* "N/D" seconds per frame, both 1..UINT32_MAX. */
static int parse_interval(const char *text, uint32_t *numerator,
			  uint32_t *denominator)
{
	unsigned long n, d;
	const char *end;

	if (vcam_parse_unsigned_prefix(text, 10, 1, UINT32_MAX, &n, &end) ||
	    *end != '/' ||
	    vcam_parse_unsigned(end + 1, 10, 1, UINT32_MAX, &d))
		return -EINVAL;
	*numerator = (uint32_t)n;
	*denominator = (uint32_t)d;
	return 0;
}

static int parse_state(const char *text, bool *streaming)
{
	if (strcmp(text, "streaming") == 0)
		*streaming = true;
	else if (strcmp(text, "idle") == 0)
		*streaming = false;
	else
		return -EINVAL;
	return 0;
}

int vcam_camera_event_parse_change(const char *what, const char *state,
				   const char *interval,
				   enum vcam_camera_event_kind *kind,
				   struct vcam_device *device)
{
	uint32_t numerator, denominator;
	bool streaming;

	if (!what || !state || !interval || parse_state(state, &streaming) ||
	    parse_interval(interval, &numerator, &denominator))
		return -EINVAL;
	if (strcmp(what, "state") == 0)
		*kind = streaming ? VCAM_CAMERA_STREAMING : VCAM_CAMERA_IDLE;
	else if (strcmp(what, "interval") == 0)
		*kind = VCAM_CAMERA_INTERVAL;
	else
		return -EINVAL;
	device->streaming = streaming;
	device->interval_numerator = numerator;
	device->interval_denominator = denominator;
	return 0;
}
