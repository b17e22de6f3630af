// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cache of capture buffers lent by VCAM_IOC_ACQUIRE, with memfds
 * standing in for the DMA-BUFs the driver hands out.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <criterion/criterion.h>

#include "vcam/lent-buffers.h"

#define LENGTH 8192u

static int new_buffer(void)
{
	int fd = memfd_create("lent", MFD_CLOEXEC);

	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, LENGTH), 0);
	return fd;
}

static bool is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static const struct vcam_lent_mapping *take(struct vcam_lent_buffers *cache,
					    uint32_t generation,
					    uint32_t index, int fd)
{
	const struct vcam_lent_mapping *mapping = NULL;

	cr_assert_eq(vcam_lent_buffers_take(cache, generation, index, fd,
					    LENGTH, &mapping), 0);
	cr_assert_not_null(mapping);
	return mapping;
}

Test(lent_buffers, an_empty_cache_holds_nothing)
{
	struct vcam_lent_buffers cache = { 0 };
	uint32_t generation = 7;

	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 0);
	cr_expect_eq(generation, 0);
	vcam_lent_buffers_clear(&cache);
}

Test(lent_buffers, a_new_buffer_is_mapped_writable_and_held)
{
	struct vcam_lent_buffers cache = { 0 };
	int fd = new_buffer();
	const struct vcam_lent_mapping *mapping = take(&cache, 3, 5, fd);
	uint32_t generation;
	char check;

	cr_expect_eq(mapping->fd, fd);
	cr_expect_eq(mapping->length, LENGTH);
	memset(mapping->data, 'x', LENGTH);
	cr_assert_eq(pread(fd, &check, 1, LENGTH - 1), 1);
	cr_expect_eq(check, 'x');
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 1u << 5);
	cr_expect_eq(generation, 3);
	vcam_lent_buffers_clear(&cache);
	cr_expect_not(is_open(fd));
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 0);
}

Test(lent_buffers, a_held_buffer_comes_back_without_a_new_descriptor)
{
	struct vcam_lent_buffers cache = { 0 };
	int fd = new_buffer();
	const struct vcam_lent_mapping *first = take(&cache, 1, 0, fd);
	const struct vcam_lent_mapping *again = take(&cache, 1, 0, -1);

	cr_expect_eq(again->fd, fd);
	cr_expect_eq(again->data, first->data);
	cr_expect(is_open(fd));
	vcam_lent_buffers_clear(&cache);
}

Test(lent_buffers, buffers_0_and_63_are_held_side_by_side)
{
	struct vcam_lent_buffers cache = { 0 };
	uint32_t generation;

	take(&cache, 1, 0, new_buffer());
	take(&cache, 1, 63, new_buffer());
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation),
		     1u | (uint64_t)1 << 63);
	vcam_lent_buffers_clear(&cache);
}

Test(lent_buffers, a_new_generation_closes_every_buffer_of_the_old_one)
{
	struct vcam_lent_buffers cache = { 0 };
	int old0 = new_buffer(), old1 = new_buffer(), fresh = new_buffer();
	uint32_t generation;

	take(&cache, 1, 0, old0);
	take(&cache, 1, 1, old1);
	take(&cache, 2, 1, fresh);
	cr_expect_not(is_open(old0));
	cr_expect_not(is_open(old1));
	cr_expect(is_open(fresh));
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 1u << 1);
	cr_expect_eq(generation, 2);
	vcam_lent_buffers_clear(&cache);
}

Test(lent_buffers, a_new_descriptor_for_a_held_buffer_replaces_it)
{
	struct vcam_lent_buffers cache = { 0 };
	int old = new_buffer(), fresh = new_buffer();

	take(&cache, 1, 4, old);
	cr_expect_eq(take(&cache, 1, 4, fresh)->fd, fresh);
	cr_expect_not(is_open(old));
	vcam_lent_buffers_clear(&cache);
}

Test(lent_buffers, a_buffer_the_cache_does_not_hold_cannot_come_back)
{
	struct vcam_lent_buffers cache = { 0 };
	const struct vcam_lent_mapping *mapping = NULL;
	uint32_t generation;

	take(&cache, 1, 0, new_buffer());
	cr_expect_eq(vcam_lent_buffers_take(&cache, 1, 2, -1, LENGTH,
					    &mapping), -ENOENT);
	cr_expect_eq(vcam_lent_buffers_take(&cache, 2, 0, -1, LENGTH,
					    &mapping), -ENOENT);
	cr_expect_null(mapping);
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 0);
}

Test(lent_buffers, an_index_past_fds_held_is_refused_and_closed)
{
	struct vcam_lent_buffers cache = { 0 };
	const struct vcam_lent_mapping *mapping = NULL;
	int fd = new_buffer();

	cr_expect_eq(vcam_lent_buffers_take(&cache, 1, VCAM_LENT_BUFFERS_MAX,
					    fd, LENGTH, &mapping), -ERANGE);
	cr_expect_not(is_open(fd));
	cr_expect_null(mapping);
}

Test(lent_buffers, a_descriptor_that_cannot_be_mapped_is_closed)
{
	struct vcam_lent_buffers cache = { 0 };
	const struct vcam_lent_mapping *mapping = NULL;
	uint32_t generation;
	int pipe_fds[2];

	cr_assert_eq(pipe(pipe_fds), 0);
	cr_expect_lt(vcam_lent_buffers_take(&cache, 1, 0, pipe_fds[0], LENGTH,
					    &mapping), 0);
	cr_expect_not(is_open(pipe_fds[0]));
	cr_expect_null(mapping);
	cr_expect_eq(vcam_lent_buffers_held(&cache, &generation), 0);
	close(pipe_fds[1]);
}
