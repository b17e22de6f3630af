// SPDX-License-Identifier: GPL-2.0-only
/* The cameras of list and status: gathered from sysfs and vcamd, printed. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/udev.h>

#include "vcamctl.h"

#define LIST_RESPONSE_MAX (256 * 1024)

static const char *sysfs_dir(void)
{
	const char *dir = getenv("VCAM_SYSFS");

	return dir && *dir ? dir : VCAM_DEVICES_SYSFS_DIR;
}

/* udev's links are of the real cameras, not of a $VCAM_SYSFS copy. */
static void add_links(struct cli_camera *cameras, size_t count)
{
	if (strcmp(sysfs_dir(), VCAM_DEVICES_SYSFS_DIR) != 0)
		return;
	for (size_t i = 0; i < count; i++)
		vcam_udev_by_id(cameras[i].device.node, cameras[i].by_id,
				sizeof(cameras[i].by_id));
}

/* Copies the source vcamd gives a CAMERA line to the camera on its node. */
static void add_source(struct cli_camera *cameras, size_t count,
		       const struct vcam_protocol_line *item)
{
	const char *node = vcam_protocol_get(item, "node");
	const char *source = vcam_protocol_get(item, "source");
	const char *origin = vcam_protocol_get(item, "origin");
	char node_path[32];
	unsigned int number;

	snprintf(node_path, sizeof(node_path), "/dev/video%s", node ? node : "");
	if (!source || !origin || vcam_devices_parse_node(node_path, &number))
		return;
	for (size_t i = 0; i < count; i++) {
		if (cameras[i].device.node == number) {
			snprintf(cameras[i].source, sizeof(cameras[i].source),
				 "%s", source);
			snprintf(cameras[i].origin, sizeof(cameras[i].origin),
				 "%s", origin);
		}
	}
}

/* Adds the sources vcamd knows; false if vcamd could not be asked. */
static bool add_sources(const char *subcommand, struct cli_camera *cameras,
			size_t count)
{
	static struct vcam_protocol_line status, item;
	char *response = malloc(LIST_RESPONSE_MAX);
	const char *items, *end;
	bool answered;

	if (!response)
		return false;
	answered = cli_ask_vcamd(subcommand, "LIST", NULL, 0, true, response,
				 LIST_RESPONSE_MAX, &status, &items) == 0;
	for (; answered && *items; items = end + 1) {
		end = strchr(items, '\n');
		if (!end)
			break;
		if (vcam_protocol_parse_line(items, (size_t)(end - items),
					     &item) == 0 &&
		    strcmp(item.word, "CAMERA") == 0)
			add_source(cameras, count, &item);
	}
	free(response);
	return answered;
}

int cli_cameras_gather(const char *subcommand, struct cli_camera **cameras,
		       size_t *count, bool *vcamd_running)
{
	struct vcam_device *devices;
	int ret = vcam_devices_list(sysfs_dir(), &devices, count);

	*cameras = NULL;
	*vcamd_running = false;
	if (ret) {
		cli_error(subcommand, "cannot read %s: %s", sysfs_dir(),
			  strerror(-ret));
		return ret;
	}
	*cameras = calloc(*count ? *count : 1, sizeof(**cameras));
	if (!*cameras) {
		free(devices);
		cli_error(subcommand, "out of memory");
		return -ENOMEM;
	}
	for (size_t i = 0; i < *count; i++)
		(*cameras)[i].device = devices[i];
	free(devices);
	add_links(*cameras, *count);
	*vcamd_running = add_sources(subcommand, *cameras, *count);
	return 0;
}

int cli_cameras_find(const struct cli_camera *cameras, size_t count,
		     const char *which)
{
	unsigned int node;
	bool by_node = vcam_devices_parse_node(which, &node) == 0;

	for (size_t i = 0; i < count; i++) {
		if (by_node ? cameras[i].device.node == node :
			      strcmp(cameras[i].device.name, which) == 0)
			return (int)i;
	}
	return -1;
}

void cli_format_rate(const struct vcam_device *device, char *buf,
		     size_t size)
{
	uint32_t numerator = device->interval_numerator;
	uint32_t denominator = device->interval_denominator;

	if (!numerator)
		snprintf(buf, size, "?");
	else if (denominator % numerator == 0)
		snprintf(buf, size, "%u", denominator / numerator);
	else
		snprintf(buf, size, "%.2f", (double)denominator / numerator);
}

static const char *state_name(const struct vcam_device *device)
{
	return device->streaming ? "streaming" : "idle";
}

void cli_cameras_print_table(FILE *out, const struct cli_camera *cameras,
			     size_t count)
{
	char node[24], size[24], rate[16];

	fprintf(out, "%-12s %-20s %-6s %-10s %-6s %-10s %-16s %s\n", "NODE",
		"NAME", "FORMAT", "SIZE", "FPS", "STATE", "SOURCE", "LINK");
	for (size_t i = 0; i < count; i++) {
		const struct vcam_device *d = &cameras[i].device;

		snprintf(node, sizeof(node), "/dev/video%u", d->node);
		snprintf(size, sizeof(size), "%ux%u", d->width, d->height);
		cli_format_rate(d, rate, sizeof(rate));
		fprintf(out, "%-12s %-20s %-6s %-10s %-6s %-10s %-16s %s\n",
			node, d->name, d->fourcc, size, rate, state_name(d),
			cameras[i].source[0] ? cameras[i].source : "-",
			cameras[i].by_id[0] ? cameras[i].by_id : "-");
	}
}

void cli_cameras_print_details(FILE *out, const struct cli_camera *cameras,
			       size_t count, bool vcamd_running)
{
	char rate[16];

	for (size_t i = 0; i < count; i++) {
		const struct cli_camera *c = &cameras[i];
		const struct vcam_device *d = &c->device;

		cli_format_rate(d, rate, sizeof(rate));
		fprintf(out, "%s/dev/video%u: %s\n", i ? "\n" : "", d->node,
			d->name);
		fprintf(out, "  format:   %s %ux%u, %u bytes per frame\n",
			d->fourcc, d->width, d->height, d->sizeimage);
		fprintf(out, "  rate:     %s fps (%u/%u s per frame)\n", rate,
			d->interval_numerator, d->interval_denominator);
		fprintf(out, "  state:    %s\n", state_name(d));
		fprintf(out, "  frames:   %llu delivered, %llu dropped\n",
			(unsigned long long)d->frames_delivered,
			(unsigned long long)d->frames_dropped);
		fprintf(out, "  link:     %s\n", c->by_id[0] ? c->by_id :
			"none (udev has made no /dev/v4l/by-id link)");
		fprintf(out, "  producer: pid %ld\n", d->producer_pid);
		if (c->source[0])
			fprintf(out, "  source:   %s (%s camera of vcamd)\n",
				c->source, strcmp(c->origin, "runtime") == 0 ?
				"a runtime" : "a configured");
		else
			fprintf(out, "  source:   %s\n", vcamd_running ?
				"not a camera of vcamd" :
				"unknown (vcamd is not running)");
	}
}

static void print_json_camera(FILE *out, const struct cli_camera *c)
{
	const struct vcam_device *d = &c->device;
	char node[24];

	snprintf(node, sizeof(node), "/dev/video%u", d->node);
	fputs("{\"node\":", out);
	cli_json_string(out, node);
	fputs(",\"name\":", out);
	cli_json_string(out, d->name);
	fputs(",\"format\":", out);
	cli_json_string(out, d->fourcc);
	fprintf(out, ",\"width\":%u,\"height\":%u,\"sizeimage\":%u,"
		"\"interval\":{\"numerator\":%u,\"denominator\":%u},"
		"\"state\":\"%s\",\"frames_delivered\":%llu,"
		"\"frames_dropped\":%llu,\"producer_pid\":%ld,\"source\":",
		d->width, d->height, d->sizeimage, d->interval_numerator,
		d->interval_denominator, state_name(d),
		(unsigned long long)d->frames_delivered,
		(unsigned long long)d->frames_dropped, d->producer_pid);
	cli_json_optional_string(out, c->source);
	fputs(",\"origin\":", out);
	cli_json_optional_string(out, c->origin);
	fputs(",\"by_id\":", out);
	cli_json_optional_string(out, c->by_id);
	fputc('}', out);
}

void cli_cameras_print_json(FILE *out, const struct cli_camera *cameras,
			    size_t count, bool vcamd_running)
{
	fprintf(out, "{\"vcamd_running\":%s,\"cameras\":[",
		vcamd_running ? "true" : "false");
	for (size_t i = 0; i < count; i++) {
		if (i)
			fputc(',', out);
		print_json_camera(out, &cameras[i]);
	}
	fputs("]}\n", out);
}
