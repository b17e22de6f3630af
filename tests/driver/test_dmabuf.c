// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA-BUF allocator on a real kernel. Runs inside the test VM as root.
 *
 * Every backend whose device this kernel has is exercised; a missing heap
 * or udmabuf skips its test (Debian's 6.1 has neither, its 6.12 both).
 * Each test first runs `modprobe vgem' itself, so that a DRM device with
 * dumb buffers exists on every kernel; vgem stays loaded afterwards.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vcam/dmabuf.h>
#include <criterion/criterion.h>

#define HEAP_DEVICE "/dev/dma_heap/system"
#define UDMABUF_DEVICE "/dev/udmabuf"

/* A page, a 640x480 YUYV frame, a 1080p YUYV frame, less than a page. */
static const size_t frame_sizes[] = { 4096, 640 * 480 * 2, 1920 * 1080 * 2,
				      1000 };
#define FRAME_COUNT (sizeof(frame_sizes) / sizeof(frame_sizes[0]))

static void load_vgem(void)
{
	cr_assert_eq(system("modprobe vgem"), 0, "modprobe vgem failed");
}

TestSuite(dmabuf, .init = load_vgem);

static bool device_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* One line per backend in the suite's output, verbose or not. */
static void report(const char *what, const char *detail)
{
	fprintf(stderr, "test_dmabuf: %s: %s\n", what, detail);
}

static void skip_unless_exists(const char *backend_name, const char *path)
{
	if (device_exists(path))
		return;
	report(backend_name, "skipped, this kernel has no such device");
	cr_skip_test("no %s on this kernel", path);
}

static struct vcam_dmabuf_allocator *
open_allocator(enum vcam_dmabuf_backend backend)
{
	struct vcam_dmabuf_allocator *allocator = NULL;
	char message[512];
	int ret;

	ret = vcam_dmabuf_allocator_open(&allocator, backend);
	cr_assert_eq(ret, 0, "open %s: %s", vcam_dmabuf_backend_name(backend),
		     vcam_dmabuf_open_error_message(backend, ret, message,
						    sizeof(message)));
	return allocator;
}

static uint32_t pattern_word(size_t index, uint32_t seed)
{
	return (uint32_t)index * 2654435761u ^ seed;
}

static void write_pattern(const struct vcam_dmabuf *buf, uint32_t seed)
{
	uint32_t *words = buf->data;

	cr_assert_eq(vcam_dmabuf_begin_cpu_write(buf), 0);
	for (size_t i = 0; i < buf->size / sizeof(*words); i++)
		words[i] = pattern_word(i, seed);
	cr_assert_eq(vcam_dmabuf_end_cpu_write(buf), 0);
}

/* Reads buf back through a mapping of its own, not buf->data. */
static void expect_pattern(const struct vcam_dmabuf *buf, uint32_t seed)
{
	const uint32_t *words;
	size_t mismatches = 0;

	words = mmap(NULL, buf->size, PROT_READ, MAP_SHARED, buf->fd, 0);
	cr_assert_neq(words, MAP_FAILED, "mmap: %s", strerror(errno));
	for (size_t i = 0; i < buf->size / sizeof(*words); i++)
		mismatches += words[i] != pattern_word(i, seed);
	munmap((void *)words, buf->size);
	cr_expect_eq(mismatches, 0, "%zu of %zu words differ in a %zu-byte buffer",
		     mismatches, buf->size / sizeof(*words), buf->size);
}

static void expect_size_at_least(const struct vcam_dmabuf *buf, size_t size)
{
	cr_expect_geq(buf->size, size);
	cr_expect_eq(buf->size % (size_t)sysconf(_SC_PAGESIZE), 0,
		     "size %zu is not page-aligned", buf->size);
	cr_expect_eq(lseek(buf->fd, 0, SEEK_END), (off_t)buf->size,
		     "the dma-buf's own size differs from %zu", buf->size);
}

static void expect_distinct_fds(const struct vcam_dmabuf *bufs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		for (size_t j = i + 1; j < count; j++)
			cr_expect_neq(bufs[i].fd, bufs[j].fd);
}

/*
 * Allocates a buffer of each frame size at once, fills each with its own
 * pattern, then reads every one back: sizes, distinct fds, no aliasing.
 */
static void check_frames_from(struct vcam_dmabuf_allocator *allocator)
{
	struct vcam_dmabuf bufs[FRAME_COUNT];

	for (size_t i = 0; i < FRAME_COUNT; i++) {
		cr_assert_eq(vcam_dmabuf_alloc(allocator, frame_sizes[i],
					       &bufs[i]), 0,
			     "alloc %zu bytes", frame_sizes[i]);
		expect_size_at_least(&bufs[i], frame_sizes[i]);
	}
	expect_distinct_fds(bufs, FRAME_COUNT);
	for (size_t i = 0; i < FRAME_COUNT; i++)
		write_pattern(&bufs[i], (uint32_t)i + 1);
	for (size_t i = 0; i < FRAME_COUNT; i++) {
		expect_pattern(&bufs[i], (uint32_t)i + 1);
		vcam_dmabuf_free(&bufs[i]);
		cr_expect_eq(bufs[i].fd, -1);
	}
}

static void check_backend(enum vcam_dmabuf_backend backend)
{
	struct vcam_dmabuf_allocator *allocator = open_allocator(backend);

	cr_expect_eq(vcam_dmabuf_allocator_backend(allocator), backend);
	check_frames_from(allocator);
	vcam_dmabuf_allocator_close(allocator);
	report(vcam_dmabuf_backend_name(backend),
	       "buffers allocated, written and read back");
}

Test(dmabuf, heap_buffers_hold_what_was_written)
{
	skip_unless_exists("heap", HEAP_DEVICE);
	check_backend(VCAM_DMABUF_HEAP);
}

Test(dmabuf, udmabuf_buffers_hold_what_was_written)
{
	skip_unless_exists("udmabuf", UDMABUF_DEVICE);
	check_backend(VCAM_DMABUF_UDMABUF);
}

Test(dmabuf, drm_buffers_hold_what_was_written)
{
	check_backend(VCAM_DMABUF_DRM);
}

Test(dmabuf, auto_picks_heap_then_udmabuf_then_drm)
{
	enum vcam_dmabuf_backend expected = VCAM_DMABUF_DRM;
	struct vcam_dmabuf_allocator *allocator;
	char picked[32];

	if (device_exists(HEAP_DEVICE))
		expected = VCAM_DMABUF_HEAP;
	else if (device_exists(UDMABUF_DEVICE))
		expected = VCAM_DMABUF_UDMABUF;
	allocator = open_allocator(VCAM_DMABUF_AUTO);
	cr_expect_eq(vcam_dmabuf_allocator_backend(allocator), expected,
		     "auto picked %s, expected %s",
		     vcam_dmabuf_backend_name(
			     vcam_dmabuf_allocator_backend(allocator)),
		     vcam_dmabuf_backend_name(expected));
	check_frames_from(allocator);
	vcam_dmabuf_allocator_close(allocator);
	snprintf(picked, sizeof(picked), "picked %s",
		 vcam_dmabuf_backend_name(expected));
	report("auto", picked);
}

Test(dmabuf, buffers_outlive_their_allocator)
{
	struct vcam_dmabuf_allocator *allocator;
	struct vcam_dmabuf buf;

	allocator = open_allocator(VCAM_DMABUF_AUTO);
	cr_assert_eq(vcam_dmabuf_alloc(allocator, 1920 * 1080 * 2, &buf), 0);
	vcam_dmabuf_allocator_close(allocator);
	write_pattern(&buf, 0xc0ffee);
	expect_pattern(&buf, 0xc0ffee);
	vcam_dmabuf_free(&buf);
}
