// SPDX-License-Identifier: GPL-2.0-only
#include "source-mjpeg.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vcam/jpeg.h>
#include <vcam/mjpeg.h>

#include "log.h"
#include "source-kind.h"

/* One image that does not decode, and the next. */
#define MJPEG_TRIES_PER_FRAME 2
/* Bytes that are no image skipped in one frame time. */
#define MJPEG_SKIP_PER_FRAME (1u << 20)

struct mjpeg_source {
	char camera[VCAM_CAMERA_NAME_MAX];
	char path[PATH_MAX];
	bool loop;
	struct vcam_frame_layout layout;
	struct vcam_mjpeg_reader *reader;
	struct vcam_jpeg_decoder *decoder;
	uint8_t *last_frame;		/* what the last good frame wrote */
	uint32_t last_length;		/* 0 until a frame was good */
	uint64_t skipped;
	bool pass_had_good;		/* since the last rewind */
	bool ended;
};

int mjpeg_source_open(struct mjpeg_source **source, const char *camera,
		      const struct vcam_camera_source *cfg,
		      const struct vcam_frame_layout *layout, char *message,
		      size_t size)
{
	struct mjpeg_source *s = calloc(1, sizeof(*s));
	int ret;

	if (!s) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	snprintf(s->camera, sizeof(s->camera), "%s", camera);
	snprintf(s->path, sizeof(s->path), "%s", cfg->path);
	s->loop = cfg->loop;
	s->layout = *layout;
	s->last_frame = malloc(layout->sizeimage);
	ret = s->last_frame ? vcam_mjpeg_open(s->path, &s->reader) : -ENOMEM;
	if (ret) {
		snprintf(message, size, "cannot open the MJPEG file %s: %s",
			 s->path, ret == -ENOMSG ? "it holds no JPEG image" :
			 strerror(-ret));
		goto err_free;
	}
	if (!layout->format->compressed) {
		ret = vcam_jpeg_decoder_new(&s->decoder);
		if (ret) {
			snprintf(message, size, "out of memory");
			goto err_free;
		}
	}
	*source = s;
	return 0;

err_free:
	mjpeg_source_close(s);
	return ret;
}

static int write_image(struct mjpeg_source *s, const struct vcam_jpeg_image *image,
		       void *frame, uint32_t *length)
{
	int ret;

	if (!s->decoder) {
		if (image->size > s->layout.sizeimage)
			return -EFBIG;
		memcpy(frame, image->data, image->size);
		*length = (uint32_t)image->size;
		return 0;
	}
	ret = vcam_jpeg_decode(s->decoder, image->data, image->size,
			       &s->layout, frame);
	*length = s->layout.sizeimage;
	return ret;
}

static void note_skipped(struct mjpeg_source *s,
			 const struct vcam_jpeg_image *image, int error)
{
	const char *why = error == -EFBIG ? "larger than the camera's frame" :
			  s->decoder ? vcam_jpeg_decoder_error(s->decoder) :
			  strerror(-error);

	if (s->skipped++ == 0)
		vcamd_log(LOG_WARNING, s->camera, "%s: skipping the JPEG at "
			  "byte %" PRIu64 ": %s (further ones are counted, "
			  "not logged)", s->path, image->offset, why);
}

/* Bytes skipped since the reader was opened. */
static uint64_t skipped_bytes(const struct mjpeg_source *s)
{
	struct vcam_mjpeg_stats stats;

	vcam_mjpeg_get_stats(s->reader, &stats);
	return stats.garbage_bytes;
}

/*
 * The next image of the file, looping if asked, skipping no more than what
 * is left of the frame's budget (-EAGAIN); -ENOMSG at the end, and at the
 * end of a pass that had no good image, since the next would not either.
 */
static int next_image(struct mjpeg_source *s, struct vcam_jpeg_image *image,
		      uint64_t budget_end)
{
	uint64_t skipped = skipped_bytes(s);
	int ret;

	if (skipped >= budget_end)
		return -EAGAIN;
	ret = vcam_mjpeg_next_within(s->reader, image, budget_end - skipped);
	if (ret != -ENOMSG && ret != -ENODATA)
		return ret;
	if (!s->loop || !s->pass_had_good)
		return -ENOMSG;
	s->pass_had_good = false;
	vcam_mjpeg_rewind(s->reader);
	skipped = skipped_bytes(s);
	if (skipped >= budget_end)
		return -EAGAIN;
	return vcam_mjpeg_next_within(s->reader, image, budget_end - skipped);
}

static int repeat_last(struct mjpeg_source *s, void *frame, uint32_t *length)
{
	if (!s->last_length)
		return -ENODATA;
	memcpy(frame, s->last_frame, s->last_length);
	*length = s->last_length;
	return 0;
}

static void note_end(struct mjpeg_source *s)
{
	const char *shown = s->last_length ? "repeating its last frame" :
			    "nothing to show";

	s->ended = true;
	if (s->loop)
		vcamd_log(LOG_WARNING, s->camera, "%s: no JPEG of the file can "
			  "be shown (%" PRIu64 " skipped); %s until the source "
			  "is set again (vcamctl set-source) or vcamd reloads",
			  s->path, s->skipped, shown);
	else
		vcamd_log(LOG_NOTICE, s->camera, "%s ended after %" PRIu64
			  " skipped JPEG(s); %s", s->path, s->skipped, shown);
}

/*
 * Reads at most MJPEG_TRIES_PER_FRAME images and skips at most
 * MJPEG_SKIP_PER_FRAME bytes that are not one, so that a file of images
 * that do not decode, or of garbage, costs no more per frame than one of
 * good images: while it skips them, the last good frame is shown again.
 */
int mjpeg_source_render(struct mjpeg_source *s, void *frame, uint32_t *length)
{
	uint64_t budget_end;
	int ret;

	if (s->ended)
		return repeat_last(s, frame, length);
	budget_end = skipped_bytes(s) + MJPEG_SKIP_PER_FRAME;
	for (int tries = 0; tries < MJPEG_TRIES_PER_FRAME; tries++) {
		struct vcam_jpeg_image image;

		ret = next_image(s, &image, budget_end);
		if (ret == -ENOMSG)
			note_end(s);
		if (ret)
			break;
		ret = write_image(s, &image, frame, length);
		if (!ret) {
			memcpy(s->last_frame, frame, *length);
			s->last_length = *length;
			s->pass_had_good = true;
			return 0;
		}
		note_skipped(s, &image, ret);
	}
	return repeat_last(s, frame, length);
}

void mjpeg_source_get_stats(const struct mjpeg_source *s,
			    struct vcam_mjpeg_stats *stats)
{
	vcam_mjpeg_get_stats(s->reader, stats);
}

void mjpeg_source_close(struct mjpeg_source *s)
{
	if (!s)
		return;
	vcam_mjpeg_close(s->reader);
	vcam_jpeg_decoder_free(s->decoder);
	free(s->last_frame);
	free(s);
}

/* As a source of the registry (source-kind.h): one reader a camera. */

static int file_open(struct source *source,
		     const struct vcam_camera_config *cfg,
		     const struct source_input *input,
		     const struct vcam_frame_layout *layout, char *message,
		     size_t size)
{
	struct mjpeg_source *mjpeg;
	int ret;

	(void)input;
	ret = mjpeg_source_open(&mjpeg, cfg->name, &cfg->source, layout,
				message, size);
	if (!ret)
		source->data = mjpeg;
	return ret;
}

static int file_render(struct source *source,
		       const struct vcam_frame_layout *layout, void *frame,
		       const struct source_tick *tick, uint32_t *length)
{
	(void)layout;
	(void)tick;
	return mjpeg_source_render(source->data, frame, length);
}

static void file_close(struct source *source)
{
	mjpeg_source_close(source->data);
}

const struct source_ops source_mjpeg_file_ops = {
	.open = file_open,
	.render = file_render,
	.close = file_close,
};
