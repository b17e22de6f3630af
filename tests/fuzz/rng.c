// SPDX-License-Identifier: GPL-2.0-only
/* Random numbers, and the values, pointers and fds drawn from them. */

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/mman.h>

#include "fuzz.h"

static const uint32_t boundaries[] = {
	0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 255, 256, 4095, 4096, 4097,
	8191, 8192, 8193, 65535, 65536, 0x7fffffff, 0x80000000, 0xfffffffe,
	0xffffffff,
};

/* A mapped page followed by an unmapped one, for straddling arguments. */
static uint8_t *edge_page;
static uint8_t *hole;

void fuzz_rng_init_pages(void)
{
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (two == MAP_FAILED)
		abort();
	munmap(two + page, page);
	edge_page = two;
	hole = two + page;
}

void fuzz_rng_seed(struct fuzz_rng *rng, uint64_t seed, uint64_t stream)
{
	rng->state = seed ^ (stream * 0x9e3779b97f4a7c15ULL);
	fuzz_u64(rng);
}

uint64_t fuzz_u64(struct fuzz_rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t fuzz_below(struct fuzz_rng *rng, uint32_t n)
{
	return n ? (uint32_t)(fuzz_u64(rng) % n) : 0;
}

bool fuzz_percent(struct fuzz_rng *rng, unsigned int percent)
{
	return fuzz_below(rng, 100) < percent;
}

uint32_t fuzz_u32(struct fuzz_rng *rng, const uint32_t *valid, size_t count)
{
	uint32_t roll = fuzz_below(rng, 100);

	if (count && roll < 75)
		return valid[fuzz_below(rng, (uint32_t)count)];
	if (roll < 90)
		return boundaries[fuzz_below(rng, sizeof(boundaries) /
						  sizeof(boundaries[0]))];
	return (uint32_t)fuzz_u64(rng);
}

void *fuzz_bad_pointer(struct fuzz_rng *rng)
{
	switch (fuzz_below(rng, 5)) {
	case 0:
		return NULL;
	case 1:
		return hole;
	case 2:
		return (void *)0xffff888000000000ULL;	/* the kernel's */
	case 3:
		return (void *)(uintptr_t)fuzz_u64(rng);
	default:
		return (void *)-1L;
	}
}

void *fuzz_pointer(struct fuzz_rng *rng, void *good, size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	uint32_t roll = fuzz_below(rng, 100);

	if (roll < 85 || !edge_page)
		return good;
	/* The start readable, the rest in the hole. */
	if (roll < 92 && size > 1 && size <= (size_t)page)
		return edge_page + page - size / 2;
	return fuzz_bad_pointer(rng);
}

int fuzz_bad_fd(struct fuzz_rng *rng)
{
	static int null_fd = -1;

	switch (fuzz_below(rng, 5)) {
	case 0:
		return -1;
	case 1:
		return INT_MAX;
	case 2:
		return 1000;	/* closed, as far as the fuzzer knows */
	case 3:
		if (null_fd < 0)
			null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		return null_fd;
	default:
		return (int)fuzz_u64(rng);
	}
}
