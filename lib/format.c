// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pixel-format table and the frame layout rules shared with the driver.
 */

#include <errno.h>
#include <strings.h>
#include <linux/videodev2.h>

#include "names.h"
#include "vcam/format.h"

static const char *const yuyv_aliases[] = { "yuyv", "yuy2", NULL };
static const char *const nv12_aliases[] = { "nv12", NULL };
static const char *const yu12_aliases[] = { "yu12", "i420", NULL };
static const char *const rgb24_aliases[] = { "rgb24", "rgb3", NULL };
static const char *const mjpeg_aliases[] = { "mjpeg", "mjpg", NULL };

static const struct vcam_format_info formats[] = {
	{
		.fourcc = V4L2_PIX_FMT_YUYV,
		.name = "YUYV",
		.aliases = yuyv_aliases,
		.kind = VCAM_FORMAT_PACKED,
		.bytes_per_pixel = 2,
		.width_align = 2,
		.height_align = 1,
	},
	{
		.fourcc = V4L2_PIX_FMT_NV12,
		.name = "NV12",
		.aliases = nv12_aliases,
		.kind = VCAM_FORMAT_SEMIPLANAR_420,
		.bytes_per_pixel = 1,
		.width_align = 2,
		.height_align = 2,
	},
	{
		.fourcc = V4L2_PIX_FMT_YUV420,
		.name = "YU12",
		.aliases = yu12_aliases,
		.kind = VCAM_FORMAT_PLANAR_420,
		.bytes_per_pixel = 1,
		.width_align = 2,
		.height_align = 2,
	},
	{
		.fourcc = V4L2_PIX_FMT_RGB24,
		.name = "RGB24",
		.aliases = rgb24_aliases,
		.kind = VCAM_FORMAT_PACKED,
		.bytes_per_pixel = 3,
		.width_align = 1,
		.height_align = 1,
	},
	{
		.fourcc = V4L2_PIX_FMT_MJPEG,
		.name = "MJPEG",
		.aliases = mjpeg_aliases,
		.compressed = true,
		.kind = VCAM_FORMAT_COMPRESSED,
		.bytes_per_pixel = 0,
		.width_align = 1,
		.height_align = 1,
	},
};

#define FORMAT_COUNT (sizeof(formats) / sizeof(formats[0]))

size_t vcam_format_count(void)
{
	return FORMAT_COUNT;
}

const struct vcam_format_info *vcam_format_at(size_t index)
{
	return index < FORMAT_COUNT ? &formats[index] : NULL;
}

const struct vcam_format_info *vcam_format_by_fourcc(uint32_t fourcc)
{
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (formats[i].fourcc == fourcc)
			return &formats[i];
	return NULL;
}

static bool format_has_alias(const struct vcam_format_info *format,
			     const char *name)
{
	for (const char *const *alias = format->aliases; *alias; alias++)
		if (strcasecmp(*alias, name) == 0)
			return true;
	return false;
}

const struct vcam_format_info *vcam_format_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < FORMAT_COUNT; i++)
		if (format_has_alias(&formats[i], name))
			return &formats[i];
	return NULL;
}

int vcam_format_list_names(char *buf, size_t size)
{
	const char *names[FORMAT_COUNT];

	for (size_t i = 0; i < FORMAT_COUNT; i++)
		names[i] = formats[i].name;
	return vcam_join_names(buf, size, names, FORMAT_COUNT);
}

static bool size_is_valid(const struct vcam_format_info *format,
			  uint32_t width, uint32_t height)
{
	return width >= VCAM_SIZE_MIN && width <= VCAM_SIZE_MAX &&
	       height >= VCAM_SIZE_MIN && height <= VCAM_SIZE_MAX &&
	       width % format->width_align == 0 &&
	       height % format->height_align == 0;
}

static int compressed_layout(struct vcam_frame_layout *layout,
			     uint32_t bytesperline)
{
	if (bytesperline != 0)
		return -EINVAL;
	layout->sizeimage = layout->width * layout->height * 3 +
			    VCAM_MJPEG_HEADROOM;
	return 0;
}

/* bpl * h * numerator / denominator, or -EINVAL if it needs 32 bits or more. */
static int set_sizeimage(struct vcam_frame_layout *layout, uint32_t numerator,
			 uint32_t denominator)
{
	uint64_t size = (uint64_t)layout->bytesperline * layout->height *
			numerator / denominator;

	if (size > UINT32_MAX)
		return -EINVAL;
	layout->sizeimage = (uint32_t)size;
	return 0;
}

static int packed_layout(struct vcam_frame_layout *layout)
{
	layout->num_planes = 1;
	layout->plane_stride[0] = layout->bytesperline;
	return set_sizeimage(layout, 1, 1);
}

static int semiplanar_420_layout(struct vcam_frame_layout *layout)
{
	uint32_t bpl = layout->bytesperline;

	layout->num_planes = 2;
	layout->plane_stride[0] = bpl;
	layout->plane_offset[1] = bpl * layout->height;
	layout->plane_stride[1] = bpl;
	return set_sizeimage(layout, 3, 2);
}

static int planar_420_layout(struct vcam_frame_layout *layout)
{
	uint32_t bpl = layout->bytesperline;
	uint32_t luma_size = bpl * layout->height;

	if (bpl % 2)
		return -EINVAL;
	layout->num_planes = 3;
	layout->plane_stride[0] = bpl;
	layout->plane_offset[1] = luma_size;
	layout->plane_stride[1] = bpl / 2;
	layout->plane_offset[2] = luma_size + (bpl / 2) * (layout->height / 2);
	layout->plane_stride[2] = bpl / 2;
	return set_sizeimage(layout, 3, 2);
}

int vcam_frame_layout_init(struct vcam_frame_layout *layout, uint32_t fourcc,
			   uint32_t width, uint32_t height,
			   uint32_t bytesperline)
{
	const struct vcam_format_info *format = vcam_format_by_fourcc(fourcc);
	struct vcam_frame_layout result = {
		.format = format,
		.width = width,
		.height = height,
	};
	uint32_t min_bytesperline;
	int ret;

	if (!layout || !format || !size_is_valid(format, width, height))
		return -EINVAL;
	if (format->kind == VCAM_FORMAT_COMPRESSED) {
		ret = compressed_layout(&result, bytesperline);
	} else {
		min_bytesperline = width * format->bytes_per_pixel;
		if (bytesperline && bytesperline < min_bytesperline)
			return -EINVAL;
		result.bytesperline = bytesperline ? bytesperline
						   : min_bytesperline;
		if (format->kind == VCAM_FORMAT_PACKED)
			ret = packed_layout(&result);
		else if (format->kind == VCAM_FORMAT_SEMIPLANAR_420)
			ret = semiplanar_420_layout(&result);
		else
			ret = planar_420_layout(&result);
	}
	if (ret)
		return ret;
	*layout = result;
	return 0;
}
