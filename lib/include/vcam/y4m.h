/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * YUV4MPEG2 (Y4M) streams, as `ffmpeg -f yuv4mpegpipe` writes them.
 *
 * A stream is a header line, then frames, each a line starting with FRAME
 * followed by the frame's planes: Y, then Cb and Cr (none for mono), 8 bits
 * per sample, without padding.
 *
 * Header: "YUV4MPEG2" and space-separated tags, each a letter and a value:
 *   W<width> H<height>   required, 1..8192 each
 *   F<num>:<den>         frames per second; absent or 0:0 means unknown
 *   C<colour space>      420jpeg (the default), 420mpeg2, 420paldv, 420,
 *                        422, 444 or mono; others (10-bit ones, 411, 444
 *                        with alpha) are refused
 *   XCOLORRANGE=FULL     full-range samples (otherwise limited, BT.601)
 *   I, A and any other tag are read past: frames are shown as progressive.
 *
 * Conversion into a frame of a raw camera format (YUYV, NV12, YU12, RGB24)
 * fits the picture as JPEG images are fitted (vcam/jpeg.h): each axis
 * stretched on its own, nearest sample. YUV formats get BT.601 limited
 * range (full-range streams are scaled as JPEGs are; a mono stream gets
 * neutral chroma). RGB24 gets R'G'B' by the BT.601 matrix of the stream's
 * range, rounded to nearest and clamped.
 */
#ifndef VCAM_Y4M_H
#define VCAM_Y4M_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcam/format.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest header line and FRAME line, with their newlines. */
#define VCAM_Y4M_HEADER_MAX 1024u
#define VCAM_Y4M_FRAME_HEADER_MAX 1024u

enum vcam_y4m_chroma {
	VCAM_Y4M_420JPEG,
	VCAM_Y4M_420MPEG2,
	VCAM_Y4M_420PALDV,
	VCAM_Y4M_420,
	VCAM_Y4M_422,
	VCAM_Y4M_444,
	VCAM_Y4M_MONO,
};

struct vcam_y4m_header {
	uint32_t width;
	uint32_t height;
	uint32_t rate_numerator;	/* frames per second: num/den; 0 if */
	uint32_t rate_denominator;	/* the stream does not say */
	enum vcam_y4m_chroma chroma;
	bool full_range;
	size_t length;		/* of the header line, with its newline */
	uint32_t chroma_width;	/* of the Cb and Cr planes; 0 for mono */
	uint32_t chroma_height;
	size_t frame_size;		/* bytes of one frame's planes */
};

/*
 * Parses the stream header at the start of data (size bytes; no NUL
 * needed). Returns 0; -EAGAIN if data ends before the header's newline
 * and could still become a header (fewer than VCAM_Y4M_HEADER_MAX bytes);
 * -EINVAL for anything else, with a sentence saying why (and what to do)
 * in reason.
 */
int vcam_y4m_parse_header(const void *data, size_t size,
			  struct vcam_y4m_header *header, char *reason,
			  size_t reason_size);

/*
 * Parses the FRAME line at the start of data: 0 with *length its bytes,
 * newline included; -EAGAIN or -EINVAL (with reason) as above.
 */
int vcam_y4m_parse_frame_header(const void *data, size_t size, size_t *length,
				char *reason, size_t reason_size);

/* The colour space's name as the C tag writes it ("420jpeg"). */
const char *vcam_y4m_chroma_name(enum vcam_y4m_chroma chroma);

/*
 * Converts one frame's planes (header->frame_size bytes at planes) into
 * frame, of layout (a raw format). Returns 0, -EINVAL for a compressed
 * layout or a NULL argument, or -ENOMEM.
 */
int vcam_y4m_convert(const struct vcam_y4m_header *header,
		     const uint8_t *planes,
		     const struct vcam_frame_layout *layout, void *frame);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_Y4M_H */
