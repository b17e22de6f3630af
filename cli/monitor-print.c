// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl monitor's lines: one per event of a camera. */

#include "monitor.h"
#include "vcamctl.h"

static const char *state_name(const struct vcam_device *device)
{
	return device->streaming ? "streaming" : "idle";
}

/* What follows the camera's node and name, after a colon. */
static void print_details(FILE *out, const struct vcam_camera_event *event)
{
	const struct vcam_device *d = &event->device;
	char rate[16];

	cli_format_rate(d, rate, sizeof(rate));
	switch (event->kind) {
	case VCAM_CAMERA_ADDED:
		fprintf(out, ": %s %ux%u at %s fps, %s, link %s", d->fourcc,
			d->width, d->height, rate, state_name(d),
			event->by_id[0] ? event->by_id : "none");
		break;
	case VCAM_CAMERA_STREAMING:
		fputs(": a consumer started streaming", out);
		break;
	case VCAM_CAMERA_IDLE:
		fputs(": the consumer stopped streaming", out);
		break;
	case VCAM_CAMERA_INTERVAL:
		fprintf(out, ": %s fps (%u/%u s per frame)", rate,
			d->interval_numerator, d->interval_denominator);
		break;
	case VCAM_CAMERA_REMOVED:
		break;
	}
}

void monitor_print_event(FILE *out, const struct vcam_camera_event *event)
{
	fprintf(out, "%-9s /dev/video%u %s", vcam_camera_event_name(event->kind),
		event->device.node, event->device.name);
	print_details(out, event);
	fputc('\n', out);
}

void monitor_print_event_json(FILE *out,
			      const struct vcam_camera_event *event)
{
	const struct vcam_device *d = &event->device;
	char node[24];

	snprintf(node, sizeof(node), "/dev/video%u", d->node);
	fprintf(out, "{\"event\":\"%s\",\"seqnum\":%llu,\"node\":",
		vcam_camera_event_name(event->kind), event->seqnum);
	cli_json_string(out, node);
	fputs(",\"name\":", out);
	cli_json_string(out, d->name);
	fputs(",\"format\":", out);
	cli_json_string(out, d->fourcc);
	fprintf(out, ",\"width\":%u,\"height\":%u,"
		"\"interval\":{\"numerator\":%u,\"denominator\":%u},"
		"\"state\":\"%s\",\"by_id\":", d->width, d->height,
		d->interval_numerator, d->interval_denominator,
		state_name(d));
	cli_json_optional_string(out, event->by_id);
	fputs("}\n", out);
}
