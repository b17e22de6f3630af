// SPDX-License-Identifier: GPL-2.0-only
/*
 * The caps vcamsink takes, and the camera they ask for.
 *
 * The pad accepts sizes beyond what the driver allows, so that a caps
 * filter asking for one ends in a sentence saying what fits rather than in
 * a failed negotiation.
 */

#include <errno.h>
#include <string.h>
#include <linux/videodev2.h>

#include "gstvcamsink.h"

static const struct {
	GstVideoFormat video;
	uint32_t fourcc;
} raw_formats[] = {
	{ GST_VIDEO_FORMAT_YUY2, V4L2_PIX_FMT_YUYV },
	{ GST_VIDEO_FORMAT_NV12, V4L2_PIX_FMT_NV12 },
	{ GST_VIDEO_FORMAT_I420, V4L2_PIX_FMT_YUV420 },
	{ GST_VIDEO_FORMAT_RGB, V4L2_PIX_FMT_RGB24 },
};

GstCaps *gst_vcam_sink_template_caps(void)
{
	GstCaps *caps = gst_caps_new_empty();
	GValue formats = G_VALUE_INIT, format = G_VALUE_INIT;
	GstStructure *raw, *jpeg;

	g_value_init(&formats, GST_TYPE_LIST);
	g_value_init(&format, G_TYPE_STRING);
	for (size_t i = 0; i < G_N_ELEMENTS(raw_formats); i++) {
		g_value_set_static_string(&format, gst_video_format_to_string(
						   raw_formats[i].video));
		gst_value_list_append_value(&formats, &format);
	}
	raw = gst_structure_new("video/x-raw",
				"width", GST_TYPE_INT_RANGE, 1, G_MAXINT,
				"height", GST_TYPE_INT_RANGE, 1, G_MAXINT,
				"framerate", GST_TYPE_FRACTION_RANGE,
				0, 1, G_MAXINT, 1, NULL);
	gst_structure_take_value(raw, "format", &formats);
	g_value_unset(&format);
	jpeg = gst_structure_new("image/jpeg",
				 "width", GST_TYPE_INT_RANGE, 1, G_MAXINT,
				 "height", GST_TYPE_INT_RANGE, 1, G_MAXINT,
				 "framerate", GST_TYPE_FRACTION_RANGE,
				 0, 1, G_MAXINT, 1, NULL);
	gst_caps_append_structure(caps, raw);
	gst_caps_append_structure(caps, jpeg);
	return caps;
}

static uint32_t fourcc_of(GstVideoFormat video)
{
	for (size_t i = 0; i < G_N_ELEMENTS(raw_formats); i++) {
		if (raw_formats[i].video == video)
			return raw_formats[i].fourcc;
	}
	return 0;
}

static gboolean read_size(const GstStructure *s, gint *width, gint *height,
			  gchar **error)
{
	if (gst_structure_get_int(s, "width", width) &&
	    gst_structure_get_int(s, "height", height))
		return TRUE;
	*error = g_strdup("The caps give no width and height: put a caps "
			  "filter with width= and height= before vcamsink.");
	return FALSE;
}

static gboolean layout_for(struct gst_vcam_format *format, uint32_t fourcc,
			   gint width, gint height, gchar **error)
{
	const struct vcam_format_info *info = vcam_format_by_fourcc(fourcc);

	if (width < (gint)VCAM_SIZE_MIN || height < (gint)VCAM_SIZE_MIN ||
	    width > (gint)VCAM_SIZE_MAX || height > (gint)VCAM_SIZE_MAX) {
		*error = g_strdup_printf("A vcam camera cannot be %dx%d: its "
					 "width and height lie between %u and "
					 "%u; scale the video first, e.g. with "
					 "videoscale ! video/x-raw,width=1280,"
					 "height=720.", width, height,
					 VCAM_SIZE_MIN, VCAM_SIZE_MAX);
		return FALSE;
	}
	if (vcam_frame_layout_init(&format->layout, fourcc, (uint32_t)width,
				   (uint32_t)height, 0)) {
		*error = g_strdup_printf("A %s camera cannot be %dx%d: %s needs "
					 "a width that is a multiple of %u and "
					 "a height that is a multiple of %u; "
					 "scale or crop the video to fit.",
					 info->name, width, height, info->name,
					 info->width_align, info->height_align);
		return FALSE;
	}
	return TRUE;
}

static gboolean raw_format(struct gst_vcam_format *format, GstCaps *caps,
			   gchar **error)
{
	const GstStructure *s = gst_caps_get_structure(caps, 0);
	gint width, height;
	uint32_t fourcc;

	if (!read_size(s, &width, &height, error))
		return FALSE;
	if (!gst_video_info_from_caps(&format->info, caps)) {
		*error = g_strdup("The caps do not describe raw video vcamsink "
				  "can take: convert it with videoconvert.");
		return FALSE;
	}
	fourcc = fourcc_of(GST_VIDEO_INFO_FORMAT(&format->info));
	if (!fourcc) {
		*error = g_strdup_printf("vcam cameras take YUY2, NV12, I420 or "
					 "RGB, not %s: put videoconvert before "
					 "vcamsink.",
					 GST_VIDEO_INFO_NAME(&format->info));
		return FALSE;
	}
	return layout_for(format, fourcc, width, height, error);
}

gboolean gst_vcam_format_from_caps(struct gst_vcam_format *format,
				   GstCaps *caps, gchar **error)
{
	const GstStructure *s = gst_caps_get_structure(caps, 0);
	gint width, height;
	gboolean ok;

	memset(format, 0, sizeof(*format));
	if (gst_structure_has_name(s, "image/jpeg"))
		ok = read_size(s, &width, &height, error) &&
		     layout_for(format, V4L2_PIX_FMT_MJPEG, width, height,
				error);
	else
		ok = raw_format(format, caps, error);
	if (!ok)
		return FALSE;
	if (!gst_structure_get_fraction(s, "framerate", (gint *)&format->rate_num,
					(gint *)&format->rate_den) ||
	    (gint)format->rate_num <= 0 || (gint)format->rate_den <= 0) {
		format->rate_num = 0;
		format->rate_den = 1;
	}
	return TRUE;
}

gboolean gst_vcam_format_same_frames(const struct gst_vcam_format *a,
				     const struct gst_vcam_format *b)
{
	return a->layout.format == b->layout.format &&
	       a->layout.width == b->layout.width &&
	       a->layout.height == b->layout.height;
}
