/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding one JPEG image into a frame of a raw format (YUYV, NV12, YU12,
 * RGB24), with libjpeg-turbo.
 *
 * Size: an image whose size differs from the frame's is stretched to fill
 * the whole frame, each axis on its own (the aspect ratio is not kept),
 * with nearest-neighbour sampling: output pixel x takes source pixel
 * floor((x + 1/2) * source_width / frame_width), and likewise for y. A
 * chroma sample of the frame takes the source's chroma sample under the
 * centre of the pixels it covers.
 *
 * Colours: JPEG (JFIF) holds full-range BT.601 Y'CbCr. YUYV, NV12 and YU12
 * frames get BT.601 limited-range values, as the test patterns do:
 * Y = 16 + Y' * 219 / 255 and C = 128 + (C' - 128) * 224 / 255, rounded to
 * nearest. RGB24 frames get libjpeg-turbo's own R, G, B conversion. A
 * greyscale JPEG gives neutral chroma (128).
 *
 * A JPEG that does not decode cleanly, including one that libjpeg-turbo
 * would decode with a warning (truncated or corrupt data), is an error.
 */
#ifndef VCAM_JPEG_H
#define VCAM_JPEG_H

#include <stddef.h>
#include <stdint.h>

#include "vcam/format.h"

/* Images above VCAM_SIZE_MAX in width or height are refused (-E2BIG). */

struct vcam_jpeg_decoder;

/* A decoder keeps its buffers from one image to the next. 0 or -ENOMEM. */
int vcam_jpeg_decoder_new(struct vcam_jpeg_decoder **decoder);

/* NULL is ignored. */
void vcam_jpeg_decoder_free(struct vcam_jpeg_decoder *decoder);

/*
 * Reads the size of the image in the JPEG's header. Returns 0, -EBADMSG if
 * the header does not parse, or -EINVAL for a NULL argument.
 */
int vcam_jpeg_get_size(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		       size_t size, uint32_t *width, uint32_t *height);

/*
 * Decodes the JPEG of size bytes at jpeg into frame, which holds
 * layout->sizeimage bytes; bytes past each line's pixels are left as they
 * are. Returns 0, or -EINVAL for a NULL argument or a compressed or invalid
 * layout, -EBADMSG if the JPEG does not decode cleanly, -ENOTSUP for a
 * colour space or subsampling the decoder cannot output (CMYK, for one),
 * -E2BIG for an image too large, or -ENOMEM. On error the frame holds
 * anything and must not be shown; vcam_jpeg_decoder_error() says why.
 */
int vcam_jpeg_decode(struct vcam_jpeg_decoder *decoder, const void *jpeg,
		     size_t size, const struct vcam_frame_layout *layout,
		     void *frame);

/* Why the last call failed, in a few words ("" if it did not). */
const char *vcam_jpeg_decoder_error(const struct vcam_jpeg_decoder *decoder);

#endif /* VCAM_JPEG_H */
