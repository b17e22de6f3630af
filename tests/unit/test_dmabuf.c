// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA-BUF allocator on the host: backend names, and what it reports
 * when devices are missing or are not what they claim to be. Devices are
 * looked up under a temporary folder standing in for "/".
 */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vcam/dmabuf.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

static char fake_root[256];

static void make_fake_root(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(fake_root, sizeof(fake_root), "%s/vcam-dmabuf-XXXXXX",
		 tmp ? tmp : "/tmp");
	cr_assert_not_null(mkdtemp(fake_root), "mkdtemp: %s", strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void remove_fake_root(void)
{
	nftw(fake_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Creates fake_root/relative_path, a folder if it ends with '/'. */
static void fake_device(const char *relative_path)
{
	char path[PATH_MAX];
	size_t length;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fake_root, relative_path);
	for (char *slash = strchr(path + strlen(fake_root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	length = strlen(path);
	if (path[length - 1] == '/')
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	cr_assert_geq(fd, 0, "create %s: %s", path, strerror(errno));
	close(fd);
}

static int open_in_fake_root(enum vcam_dmabuf_backend backend,
			     struct vcam_dmabuf_allocator **allocator)
{
	return vcam_dmabuf_allocator_open_at(allocator, backend, fake_root);
}

static const char *message_for(enum vcam_dmabuf_backend backend, int error)
{
	static char message[512];

	return vcam_dmabuf_open_error_message(backend, error, message,
					      sizeof(message));
}

TestSuite(dmabuf, .init = make_fake_root, .fini = remove_fake_root);

/* Parameters reach the test's process by copy: no pointers in them. */
struct name_case {
	char name[16];
	enum vcam_dmabuf_backend backend;
};

ParameterizedTestParameters(dmabuf, names_and_backends_map_both_ways)
{
	static struct name_case cases[] = {
		{ "auto", VCAM_DMABUF_AUTO },
		{ "heap", VCAM_DMABUF_HEAP },
		{ "udmabuf", VCAM_DMABUF_UDMABUF },
		{ "drm", VCAM_DMABUF_DRM },
	};

	return cr_make_param_array(struct name_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct name_case *c, dmabuf, names_and_backends_map_both_ways)
{
	enum vcam_dmabuf_backend backend = VCAM_DMABUF_DRM + 1;

	cr_expect_eq(vcam_dmabuf_backend_from_name(c->name, &backend), 0);
	cr_expect_eq(backend, c->backend, "%s gave %d", c->name, backend);
	cr_expect_str_eq(vcam_dmabuf_backend_name(c->backend), c->name);
}

Test(dmabuf, rejects_unknown_names_with_einval)
{
	static const char *const bad_names[] = {
		"", "Auto", "HEAP", " heap", "heap ", "dma-heap", "dma_heap",
		"system", "vgem", "drm0", "none",
	};

	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		enum vcam_dmabuf_backend backend = VCAM_DMABUF_HEAP;

		cr_expect_eq(vcam_dmabuf_backend_from_name(bad_names[i], &backend),
			     -EINVAL, "`%s' was accepted", bad_names[i]);
		cr_expect_eq(backend, VCAM_DMABUF_HEAP,
			     "`%s' changed the backend", bad_names[i]);
	}
}

Test(dmabuf, has_no_name_for_values_outside_the_enum)
{
	cr_expect_null(vcam_dmabuf_backend_name(VCAM_DMABUF_DRM + 1));
	cr_expect_null(vcam_dmabuf_backend_name((enum vcam_dmabuf_backend)-1));
}

Test(dmabuf, rejects_opening_a_backend_outside_the_enum)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	cr_expect_eq(open_in_fake_root(VCAM_DMABUF_DRM + 1, &allocator),
		     -EINVAL);
	cr_expect_null(allocator);
}

ParameterizedTestParameters(dmabuf, reports_enoent_when_the_device_is_missing)
{
	static enum vcam_dmabuf_backend backends[] = {
		VCAM_DMABUF_AUTO, VCAM_DMABUF_HEAP, VCAM_DMABUF_UDMABUF,
		VCAM_DMABUF_DRM,
	};

	return cr_make_param_array(enum vcam_dmabuf_backend, backends,
				   sizeof(backends) / sizeof(backends[0]));
}

ParameterizedTest(enum vcam_dmabuf_backend *backend, dmabuf,
		  reports_enoent_when_the_device_is_missing)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	cr_expect_eq(open_in_fake_root(*backend, &allocator), -ENOENT,
		     "backend %s", vcam_dmabuf_backend_name(*backend));
	cr_expect_null(allocator);
}

Test(dmabuf, reports_enametoolong_for_a_root_longer_than_a_path)
{
	struct vcam_dmabuf_allocator *allocator = NULL;
	char long_root[PATH_MAX + 2];

	memset(long_root, 'x', sizeof(long_root) - 1);
	long_root[sizeof(long_root) - 1] = '\0';
	for (enum vcam_dmabuf_backend backend = VCAM_DMABUF_HEAP;
	     backend <= VCAM_DMABUF_DRM; backend++)
		cr_expect_eq(vcam_dmabuf_allocator_open_at(&allocator, backend,
							   long_root),
			     -ENAMETOOLONG, "backend %s",
			     vcam_dmabuf_backend_name(backend));
}

Test(dmabuf, reports_enoent_for_drm_when_dev_dri_has_no_card)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	fake_device("dev/dri/");
	fake_device("dev/dri/renderD128");
	cr_expect_eq(open_in_fake_root(VCAM_DMABUF_DRM, &allocator), -ENOENT);
}

Test(dmabuf, reports_enodev_for_drm_when_no_card_has_dumb_buffers)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	fake_device("dev/dri/card0");
	cr_expect_eq(open_in_fake_root(VCAM_DMABUF_DRM, &allocator), -ENODEV);
	cr_expect_str_eq(message_for(VCAM_DMABUF_DRM, -ENODEV),
			 "the DMA-BUF allocator `drm' needs a DRM device with dumb buffers, and none in /dev/dri has them; load one with `modprobe vgem'");
}

Test(dmabuf, auto_counts_a_drm_device_without_dumb_buffers_as_missing)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	fake_device("dev/dri/card0");
	cr_expect_eq(open_in_fake_root(VCAM_DMABUF_AUTO, &allocator), -ENOENT);
}

Test(dmabuf, explains_that_nothing_is_available_and_what_to_load)
{
	cr_expect_str_eq(message_for(VCAM_DMABUF_AUTO, -ENOENT),
			 "no DMA-BUF allocator found: no /dev/dma_heap/system, no /dev/udmabuf and no DRM device with dumb buffers; load one with `modprobe vgem'");
}

Test(dmabuf, explains_what_a_requested_backend_misses)
{
	cr_expect_str_eq(message_for(VCAM_DMABUF_HEAP, -ENOENT),
			 "the DMA-BUF allocator `heap' needs /dev/dma_heap/system, which this kernel does not have (it needs CONFIG_DMABUF_HEAPS_SYSTEM); use `auto' to pick what exists");
	cr_expect_str_eq(message_for(VCAM_DMABUF_UDMABUF, -ENOENT),
			 "the DMA-BUF allocator `udmabuf' needs /dev/udmabuf, which is missing; load it with `modprobe udmabuf' (it needs CONFIG_UDMABUF) or use `auto' to pick what exists");
	cr_expect_str_eq(message_for(VCAM_DMABUF_DRM, -ENOENT),
			 "the DMA-BUF allocator `drm' needs a DRM device in /dev/dri, and there is none; load one with `modprobe vgem'");
}

Test(dmabuf, explains_permission_errors_with_the_device)
{
	cr_expect_str_eq(message_for(VCAM_DMABUF_UDMABUF, -EACCES),
			 "the DMA-BUF allocator `udmabuf' cannot open /dev/udmabuf: permission denied; run as root or as a member of the group that owns it");
	cr_expect_str_eq(message_for(VCAM_DMABUF_AUTO, -EPERM),
			 "no DMA-BUF allocator usable: cannot open /dev/dma_heap/system, /dev/udmabuf or /dev/dri/card*: permission denied; run as root or as a member of the group that owns it");
}

Test(dmabuf, explains_other_errors_with_the_system_error_text)
{
	char expected[256];

	snprintf(expected, sizeof(expected),
		 "the DMA-BUF allocator `heap' cannot open /dev/dma_heap/system: %s",
		 strerror(EMFILE));
	cr_expect_str_eq(message_for(VCAM_DMABUF_HEAP, -EMFILE), expected);
}

Test(dmabuf, truncates_the_message_to_the_buffer)
{
	char message[8];

	vcam_dmabuf_open_error_message(VCAM_DMABUF_AUTO, -ENOENT, message,
				       sizeof(message));
	cr_expect_str_eq(message, "no DMA-");
}

Test(dmabuf, auto_picks_the_heap_when_it_exists)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	fake_device("dev/dma_heap/system");
	fake_device("dev/udmabuf");
	cr_assert_eq(open_in_fake_root(VCAM_DMABUF_AUTO, &allocator), 0);
	cr_expect_eq(vcam_dmabuf_allocator_backend(allocator), VCAM_DMABUF_HEAP);
	vcam_dmabuf_allocator_close(allocator);
}

Test(dmabuf, auto_picks_udmabuf_when_there_is_no_heap)
{
	struct vcam_dmabuf_allocator *allocator = NULL;

	fake_device("dev/udmabuf");
	fake_device("dev/dri/card0");
	cr_assert_eq(open_in_fake_root(VCAM_DMABUF_AUTO, &allocator), 0);
	cr_expect_eq(vcam_dmabuf_allocator_backend(allocator),
		     VCAM_DMABUF_UDMABUF);
	vcam_dmabuf_allocator_close(allocator);
}

Test(dmabuf, alloc_rejects_size_zero_and_leaves_a_freeable_buffer)
{
	struct vcam_dmabuf_allocator *allocator = NULL;
	struct vcam_dmabuf buf;

	fake_device("dev/dma_heap/system");
	cr_assert_eq(open_in_fake_root(VCAM_DMABUF_HEAP, &allocator), 0);
	cr_expect_eq(vcam_dmabuf_alloc(allocator, 0, &buf), -EINVAL);
	cr_expect_eq(buf.fd, -1);
	vcam_dmabuf_free(&buf);
	vcam_dmabuf_allocator_close(allocator);
}

ParameterizedTestParameters(dmabuf, alloc_passes_on_the_device_error)
{
	static enum vcam_dmabuf_backend backends[] = {
		VCAM_DMABUF_HEAP, VCAM_DMABUF_UDMABUF,
	};

	return cr_make_param_array(enum vcam_dmabuf_backend, backends,
				   sizeof(backends) / sizeof(backends[0]));
}

/* A regular file in place of the device refuses the allocation ioctl. */
ParameterizedTest(enum vcam_dmabuf_backend *backend, dmabuf,
		  alloc_passes_on_the_device_error)
{
	struct vcam_dmabuf_allocator *allocator = NULL;
	struct vcam_dmabuf buf;

	fake_device("dev/dma_heap/system");
	fake_device("dev/udmabuf");
	cr_assert_eq(open_in_fake_root(*backend, &allocator), 0);
	cr_expect_eq(vcam_dmabuf_alloc(allocator, 4096, &buf), -ENOTTY);
	cr_expect_eq(buf.fd, -1);
	vcam_dmabuf_allocator_close(allocator);
}
