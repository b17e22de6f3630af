/* SPDX-License-Identifier: GPL-2.0+ WITH Linux-syscall-note */
/*
 * vcam: a virtual V4L2 camera fed by a userspace producer.
 *
 * The ioctl numbers, structure layouts and status bits below are
 * binary-compatible with the "media: Virtual camera driver" RFC (2026).
 */

#ifndef _UAPI_LINUX_VCAM_H
#define _UAPI_LINUX_VCAM_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: vcam uAPI
 *
 * A producer opens ``/dev/vcam`` and creates one capture device
 * (``/dev/videoN``) per open file with %VCAM_IOC_CREATE. The capture device
 * exists for as long as that file stays open; closing it removes the device
 * at once. Consumers that still hold it open get ``ENODEV``, one waiting
 * in ``VIDIOC_DQBUF`` or read() wakes with ``EIO``, and poll() reports
 * ``POLLERR``, as for an unplugged camera.
 *
 * No consumer can make the producer wait: the ioctls below, poll() and
 * close() on ``/dev/vcam`` never wait for a consumer's ioctl, read() or
 * mmap, even one whose memory stalls every access (userfaultfd, FUSE).
 *
 * Frames travel as DMA-BUFs owned by the producer: the producer hands one
 * to the driver with %VCAM_IOC_QUEUE and gets it back with
 * %VCAM_IOC_DEQUEUE once the driver no longer needs it. A producer that
 * queues without dequeuing eventually runs out of frames.
 *
 * %VCAM_IOC_STATUS and %VCAM_IOC_WAIT tell the producer whether a consumer
 * is streaming, so that it need not produce frames nobody watches.
 *
 * Until %VCAM_IOC_CREATE has succeeded on a file, every other ioctl on it
 * fails with ``ENOTTY``.
 *
 * poll() on the file reports ``EPOLLIN`` while a frame can be taken back
 * with %VCAM_IOC_DEQUEUE, and ``EPOLLPRI`` when the status bits changed
 * since the producer last read them with %VCAM_IOC_STATUS or
 * %VCAM_IOC_WAIT, or the frame interval a consumer negotiated changed since
 * it last read it with %VCAM_IOC_G_INTERVAL; once the producer used
 * %VCAM_IOC_G_INTERVAL or %VCAM_IOC_S_INTERVAL, reading one does not hide a
 * change of the other (before, reading the status marks both read, so that
 * a producer written for the RFC, which cannot read the interval, does not
 * see ``EPOLLPRI`` forever). One thread can thus drive many cameras from
 * one event loop. Before %VCAM_IOC_CREATE, poll() reports nothing and wakes
 * when the camera appears, which counts as a change of the status bits.
 *
 * Consumers see the timestamp of a frame as the ``CLOCK_MONOTONIC`` time at
 * which its producer queued it, or at which the consumer started streaming
 * for a frame queued before; the producer's own timestamp is returned to it
 * unchanged by %VCAM_IOC_DEQUEUE. Frame sequence numbers count the frames
 * queued (or committed, or reported dropped, see %VCAM_IOC_COMMIT) while a
 * consumer streams, so a gap means a dropped frame. Both strictly increase
 * in the order the consumer dequeues frames.
 *
 * When the consumer falls behind, at most one frame waits for a capture
 * buffer: a newer frame replaces it, and the replaced one returns to the
 * producer at once and counts as dropped. The producer never stalls on a
 * slow consumer and the consumer always receives the newest frame.
 *
 * The capture buffers of one camera hold at most 512 MiB together, at least
 * two frames of any size, whoever allocated them: ``VIDIOC_REQBUFS`` gives
 * fewer buffers than asked for rather than more, ``VIDIOC_CREATE_BUFS``
 * fewer or fails with ``ENOBUFS``, and ``VIDIOC_QBUF`` of a
 * ``V4L2_MEMORY_USERPTR`` or ``V4L2_MEMORY_DMABUF`` buffer that would pass
 * the bound fails with ``ENOBUFS``.
 */

/* The ioctl type character shared by every vcam ioctl. */
#define VCAM_IOC_BASE 'v'

/**
 * enum vcam_status - camera status bits reported by %VCAM_IOC_STATUS
 * @VCAM_STATUS_IDLE: no consumer is streaming from the capture device.
 * @VCAM_STATUS_STREAMING: a consumer is streaming from the capture device.
 *
 * Exactly one of the two bits is set at any time.
 */
enum vcam_status {
	VCAM_STATUS_IDLE = 1U << 0,
	VCAM_STATUS_STREAMING = 1U << 1,
};

/**
 * struct vcam_ioc_create - argument of %VCAM_IOC_CREATE
 * @device_name: user pointer to a NUL-terminated camera name: ASCII
 *	letters, digits and spaces, starting and ending with a letter or
 *	digit. It names the capture device (its sysfs ``name``) in full; its
 *	card name (``VIDIOC_QUERYCAP``) holds the first 31 bytes.
 * @width: frame width in pixels.
 * @height: frame height in pixels.
 * @pixelformat: V4L2 fourcc of the frames the producer writes.
 * @colorspace: &enum v4l2_colorspace of the frames, or 0 for the default
 *	(SMPTE 170M for YUV formats, sRGB for RGB24, JPEG for MJPEG). MJPEG
 *	is always reported as full-range BT.601 Y'CbCr, as JPEG is.
 * @bytesperline: line stride of the frames in bytes, or 0 for the minimum.
 * @reserved: must be zero.
 * @device_nr: must be zero on input; on return, the N of ``/dev/videoN``.
 * @nr_frames: number of entries in the array @frames points to.
 * @frames: user pointer to an array of &struct vcam_frame; on return the
 *	driver has filled in each entry.
 */
struct vcam_ioc_create {
	__u64 device_name;
	__u32 width;
	__u32 height;
	__u32 pixelformat;
	__u32 colorspace;
	__u32 bytesperline;
	__u32 reserved;
	__u32 device_nr;
	__u32 nr_frames;
	__u64 frames;
};

/**
 * struct vcam_frame - one producer frame slot
 * @index: slot index, assigned by the driver.
 * @length: the size in bytes of a whole frame (the largest one for
 *	MJPEG), assigned by the driver. A DMA-BUF queued into this slot must
 *	hold that many bytes for an uncompressed format, and only its payload
 *	for MJPEG.
 */
struct vcam_frame {
	__u32 index;
	__u32 length;
};

/**
 * struct vcam_ioc_queue - argument of %VCAM_IOC_QUEUE
 * @fd: DMA-BUF file descriptor holding the frame.
 * @index: frame slot, as returned in &struct vcam_frame.
 * @length: payload length in bytes; 0 means the whole frame. A frame of
 *	an uncompressed format is whole or it is not delivered: one shorter
 *	completes the consumer's capture buffer with ``V4L2_BUF_FLAG_ERROR``.
 * @reserved: must be zero.
 * @timestamp: producer timestamp in nanoseconds.
 */
struct vcam_ioc_queue {
	__u32 fd;
	__u32 index;
	__u32 length;
	__u32 reserved;
	__u64 timestamp;
};

/**
 * struct vcam_ioc_dequeue - result of %VCAM_IOC_DEQUEUE
 * @index: frame slot the driver gives back.
 * @length: payload length in bytes of that frame.
 * @timestamp: timestamp in nanoseconds of that frame.
 */
struct vcam_ioc_dequeue {
	__u32 index;
	__u32 length;
	__u64 timestamp;
};

/**
 * struct vcam_ioc_wait - argument of %VCAM_IOC_WAIT
 * @mask: status bits (&enum vcam_status) to wait for; the call returns
 *	once all of them are set. As the bits exclude each other, exactly one
 *	must be given.
 * @status: on return, the current status bits.
 */
struct vcam_ioc_wait {
	__u64 mask;
	__u64 status;
};

/**
 * struct vcam_ioc_interval - argument of %VCAM_IOC_G_INTERVAL and
 *	%VCAM_IOC_S_INTERVAL (vcam extension)
 * @numerator: time per frame, numerator, in seconds.
 * @denominator: time per frame, denominator; 1/30 means 30 frames a second.
 *
 * The interval must lie between 1/1000 and 1/1 seconds.
 */
struct vcam_ioc_interval {
	__u32 numerator;
	__u32 denominator;
};

/**
 * struct vcam_ioc_acquire - argument of %VCAM_IOC_ACQUIRE (vcam extension)
 * @fds_held: bit N set means the producer still holds the DMA-BUF it was
 *	given for capture buffer N of @generation, so that the driver returns
 *	no new file descriptor for that buffer.
 * @generation: on input, the generation @fds_held describes; on return,
 *	the generation of the consumer's buffers, which changes whenever the
 *	consumer's buffers are freed (``VIDIOC_REQBUFS``), but not when it
 *	adds some (``VIDIOC_CREATE_BUFS``).
 * @index: on return, the capture buffer lent to the producer.
 * @fd: on return, a new DMA-BUF file descriptor (close-on-exec) of that
 *	buffer, or -1 when @fds_held says the producer already holds one.
 * @length: on return, the size in bytes of that buffer.
 * @age: on return, N when the buffer still holds, untouched, the frame the
 *	producer committed N commits ago (1: the last one), or 0 when its
 *	content is unknown; ignored on input.
 * @reserved: must be zero.
 */
struct vcam_ioc_acquire {
	__u64 fds_held;
	__u32 generation;
	__u32 index;
	__s32 fd;
	__u32 length;
	__u32 age;
	__u32 reserved;
};

/**
 * enum vcam_commit_flags - flags of &struct vcam_ioc_commit
 * @VCAM_COMMIT_DISCARD: give the acquired buffer back to the consumer's
 *	queue unfilled instead of delivering it.
 */
enum vcam_commit_flags {
	VCAM_COMMIT_DISCARD = 1U << 0,
};

/**
 * struct vcam_ioc_commit - argument of %VCAM_IOC_COMMIT (vcam extension)
 * @index: the capture buffer %VCAM_IOC_ACQUIRE lent.
 * @generation: its generation, as %VCAM_IOC_ACQUIRE returned it.
 * @length: payload length in bytes; 0 means the whole frame.
 * @flags: 0 or %VCAM_COMMIT_DISCARD.
 * @dropped: frames the producer dropped since its previous commit because
 *	no buffer could be lent; the consumer's sequence numbers skip that
 *	many, and they count as dropped. At most 1048576 count, so that
 *	sequence numbers never wrap round to smaller ones.
 * @reserved: must be zero.
 */
struct vcam_ioc_commit {
	__u32 index;
	__u32 generation;
	__u32 length;
	__u32 flags;
	__u32 dropped;
	__u32 reserved[3];
};

/**
 * DOC: vcam ioctls
 *
 * Every ioctl but %VCAM_IOC_CREATE fails with ``ENOTTY`` until a camera
 * exists on the file, and every ioctl fails with ``EFAULT`` when its
 * argument cannot be read or written.
 *
 * %VCAM_IOC_CREATE: validate a &struct vcam_ioc_create and create the
 * capture device it describes. A width and height of 0 select 640x480.
 * A name may be as long as the kernel's video device name holds: 63 bytes
 * where that is 64 bytes (Linux 6.12), 31 where it is 32 (Linux 6.1).
 * Errors: ``EINVAL`` for a NULL argument, non-zero @device_nr or @reserved,
 * fewer than 2 frames, a NULL frame array, an empty name or one that does
 * not consist of ASCII letters, digits and spaces starting and ending with
 * a letter or digit (no control characters, no bytes of 0x80 and above),
 * an unknown pixel format or colorspace, a colorspace not for the format
 * (the deprecated BT878 for any; RAW for YUYV, NV12, YU12 and MJPEG; JPEG
 * for any but MJPEG), a width or height outside 2..8192 or not a multiple
 * of what the format needs (even widths for YUYV, NV12 and YU12; even
 * heights for NV12 and YU12), or a bytesperline other than 0 or the
 * format's; ``E2BIG`` for more than 32 frames or a name longer than the
 * kernel takes; ``EBUSY`` when the file already has a camera; ``ENOSPC``
 * when as many cameras exist as the module parameter ``max_cameras``
 * allows (64 unless set when the module is loaded, 1 to 256; a camera
 * counts until its producer has closed its file and the last consumer its
 * capture device); ``ENOMEM``.
 *
 * %VCAM_IOC_QUEUE: hand a frame (&struct vcam_ioc_queue) to the driver. A
 * length of 0 means the whole frame. A frame of an uncompressed format
 * shorter than the whole frame is not delivered: the capture buffer it
 * would fill completes with ``V4L2_BUF_FLAG_ERROR`` and no payload, with
 * the frame's sequence number, as in the RFC. Errors: ``EINVAL`` for
 * non-zero @reserved, an index out of range, a slot the driver already
 * holds, an fd that is not a DMA-BUF, a DMA-BUF smaller than the whole
 * frame (uncompressed formats) or than the payload (MJPEG), or a length
 * above the frame size.
 *
 * %VCAM_IOC_DEQUEUE: take back a frame the driver is done with
 * (&struct vcam_ioc_dequeue), oldest first; blocks unless the file is
 * non-blocking. Errors: ``EAGAIN`` when non-blocking and no frame is done
 * yet; ``EINVAL`` when the driver holds no frame at all; ``EINTR``.
 *
 * %VCAM_IOC_STATUS: read the current &enum vcam_status bits as a __u64.
 *
 * %VCAM_IOC_WAIT: sleep until the status bits in &struct vcam_ioc_wait.mask
 * are all set. Errors: ``EINVAL`` for an empty mask, unknown bits or both
 * %VCAM_STATUS_IDLE and %VCAM_STATUS_STREAMING, which are never set
 * together; ``EAGAIN`` when the file is non-blocking and they are not all
 * set; ``EINTR``.
 *
 * Extensions to the RFC:
 *
 * %VCAM_IOC_G_INTERVAL: read the frame interval in force, as the consumer
 * negotiated it with ``VIDIOC_S_PARM`` (or the default).
 *
 * %VCAM_IOC_S_INTERVAL: set the default frame interval, which the capture
 * device lists first in ``VIDIOC_ENUM_FRAMEINTERVALS`` and uses until a
 * consumer asks for another one. An interval a consumer chose with
 * ``VIDIOC_S_PARM`` stays in force until the last file of the capture
 * device closes, and the interval a consumer streams with until it stops:
 * only the default changes then. Errors: ``EINVAL`` for an interval
 * outside 1/1000..1/1 s.
 *
 * %VCAM_IOC_ACQUIRE and %VCAM_IOC_COMMIT let the producer render straight into
 * the capture buffers of a consumer that streams with driver-allocated
 * (``V4L2_MEMORY_MMAP``, or read()) buffers, so that no byte is copied.
 * %VCAM_IOC_ACQUIRE lends the producer the oldest buffer the consumer queued,
 * as a DMA-BUF to map and write (&struct vcam_ioc_acquire); the producer keeps
 * that file descriptor for as long as the generation stays the same and passes
 * its bit in @fds_held, and closes the descriptors of an older generation.
 * %VCAM_IOC_COMMIT delivers the buffer to the consumer with the current time
 * and the next sequence number, or with %VCAM_COMMIT_DISCARD gives it back
 * unfilled. A frame queued with %VCAM_IOC_QUEUE that still waits for a capture
 * buffer is older than the committed one: the commit returns it to the
 * producer as dropped. A producer that skipped frames because no buffer was
 * queued says how many in @dropped, so that the consumer sees the gap in the
 * sequence numbers. A consumer never holds a buffer the producer writes. One
 * buffer at a time can be acquired; when the consumer stops streaming, the
 * acquired buffer returns to it and the producer must not write it any more:
 * the driver cannot revoke the producer's mapping of the DMA-BUF, and the
 * consumer may hold the buffer again, or reuse its memory, from then on.
 * poll() reports ``EPOLLOUT`` while a buffer can be acquired. The frames
 * queued with %VCAM_IOC_QUEUE go on to work alongside.
 *
 * The age of a lent buffer lets a producer redraw only what changed since
 * that frame, as with the buffer age of EGL. The driver vouches for the
 * content only while no consumer can have written the buffers: it reports
 * 0 once a consumer mapped them writable (``PROT_WRITE``) or exported them
 * (``VIDIOC_EXPBUF``), until it allocates buffers anew, and for a buffer
 * that received a copy of a queued frame, was discarded or taken back.
 * Read-only mappings of the capture buffers cannot be made writable later.
 *
 * Errors of %VCAM_IOC_ACQUIRE: ``EINVAL`` for non-zero @reserved;
 * ``EAGAIN`` when non-blocking and the consumer has no buffer queued (a
 * blocking call sleeps until it has); ``EOPNOTSUPP`` when the consumer
 * streams with buffers of its own (``V4L2_MEMORY_USERPTR`` or
 * ``V4L2_MEMORY_DMABUF``), which only %VCAM_IOC_QUEUE can fill; ``EBUSY``
 * when the producer already holds an acquired buffer; ``EINTR``;
 * ``EMFILE``; ``ENOMEM``.
 *
 * A commit of an uncompressed format with a length shorter than the whole
 * frame completes the buffer with ``V4L2_BUF_FLAG_ERROR``, as a queued one.
 *
 * Errors of %VCAM_IOC_COMMIT: ``EINVAL`` for non-zero @reserved, unknown
 * @flags, a length above the frame size, or an index or generation other
 * than the acquired buffer's; ``ENOENT`` when the producer holds no
 * acquired buffer, in particular after the consumer stopped streaming.
 */
#define VCAM_IOC_CREATE		_IOWR(VCAM_IOC_BASE, 0x00, struct vcam_ioc_create)
#define VCAM_IOC_QUEUE		_IOW(VCAM_IOC_BASE, 0x01, struct vcam_ioc_queue)
#define VCAM_IOC_DEQUEUE	_IOR(VCAM_IOC_BASE, 0x02, struct vcam_ioc_dequeue)
#define VCAM_IOC_STATUS		_IOR(VCAM_IOC_BASE, 0x03, __u64)
#define VCAM_IOC_WAIT		_IOWR(VCAM_IOC_BASE, 0x04, struct vcam_ioc_wait)
#define VCAM_IOC_G_INTERVAL	_IOR(VCAM_IOC_BASE, 0x05, struct vcam_ioc_interval)
#define VCAM_IOC_S_INTERVAL	_IOW(VCAM_IOC_BASE, 0x06, struct vcam_ioc_interval)
#define VCAM_IOC_ACQUIRE	_IOWR(VCAM_IOC_BASE, 0x07, struct vcam_ioc_acquire)
#define VCAM_IOC_COMMIT		_IOW(VCAM_IOC_BASE, 0x08, struct vcam_ioc_commit)

#endif /* _UAPI_LINUX_VCAM_H */
