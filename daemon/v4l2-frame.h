/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A real device's frame into a camera's: copied when the modes match,
 * JPEG relayed to MJPEG cameras and decoded for raw ones, and raw YUYV,
 * YU12 and NV12 converted (and fitted) as Y4M frames are. The planes of a
 * device frame are unpacked once for every camera it feeds, and a JPEG is
 * decoded once for every camera of one layout.
 */
#ifndef VCAMD_V4L2_FRAME_H
#define VCAMD_V4L2_FRAME_H

#include <linux/videodev2.h>
#include <stdbool.h>
#include <stdint.h>
#include <vcam/format.h>
#include <vcam/jpeg.h>
#include <vcam/y4m.h>

struct v4l2_frame_converter {
	struct vcam_jpeg_decoder *decoder;
	uint8_t *decoded;	/* a JPEG decoded for several cameras */
	size_t decoded_size;
	struct vcam_frame_layout decoded_layout;
	uint64_t decoded_id;	/* the frame decoded holds; 0: none */
	uint8_t *planes;		/* the frame unpacked, as Y4M's */
	size_t planes_size;
	struct vcam_y4m_header header;	/* of planes */
	uint64_t unpacked;		/* the frame planes hold; 0: none */
};

/*
 * One device frame: data of bytes in mode format; id changes per frame.
 * shared: other cameras will ask for it too, so a JPEG decoded for one
 * is kept for the next of the same layout.
 */
struct v4l2_frame {
	const struct v4l2_pix_format *format;
	const uint8_t *data;
	uint32_t bytes;
	uint64_t id;
	bool shared;
};

/*
 * Writes frame into out, of layout; *length is the payload. 0, or -errno
 * with a few words saying why in reason: -EBADMSG for a frame shorter
 * than its mode or a JPEG that does not decode, -EFBIG for a JPEG larger
 * than the camera's frame, -ENOMEM.
 */
int v4l2_frame_convert(struct v4l2_frame_converter *converter,
		       const struct v4l2_frame *frame,
		       const struct vcam_frame_layout *layout, void *out,
		       uint32_t *length, char *reason, size_t reason_size);

/*
 * Whether frame, in a buffer of capacity bytes, is a frame of layout as it
 * is (the same raw mode, or a JPEG for an MJPEG camera), so that its
 * buffer can be queued without a copy: true with the payload in *length.
 */
bool v4l2_frame_as_is(const struct v4l2_frame *frame, size_t capacity,
		      const struct vcam_frame_layout *layout,
		      uint32_t *length);

void v4l2_frame_converter_free(struct v4l2_frame_converter *converter);

#endif
