// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GStreamer plugin "vcam": its one element, vcamsink.
 */

#include "gstvcamsink.h"

#define PACKAGE "vcam"

static gboolean plugin_init(GstPlugin *plugin)
{
	GST_DEBUG_CATEGORY_INIT(gst_vcam_sink_debug, "vcamsink", 0,
				"vcam camera sink");
	return gst_element_register(plugin, "vcamsink", GST_RANK_NONE,
				    GST_TYPE_VCAM_SINK);
}

GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, vcam,
		  "Feeds vcam virtual cameras from GStreamer pipelines",
		  plugin_init, VCAM_VERSION, "GPL", "vcam",
		  "https://github.com/vcam/vcam")
