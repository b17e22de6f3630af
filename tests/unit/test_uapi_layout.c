// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uAPI must stay byte-compatible with the RFC's: the numbers below are
 * worked out by hand from the RFC's definitions, not from our header.
 */

#include <stddef.h>
#include <linux/vcam.h>
#include <criterion/criterion.h>

Test(uapi, ioctl_numbers_match_the_rfc)
{
	cr_expect_eq(VCAM_IOC_CREATE, 0xc0307600u);
	cr_expect_eq(VCAM_IOC_QUEUE, 0x40187601u);
	cr_expect_eq(VCAM_IOC_DEQUEUE, 0x80107602u);
	cr_expect_eq(VCAM_IOC_STATUS, 0x80087603u);
	cr_expect_eq(VCAM_IOC_WAIT, 0xc0107604u);
}

Test(uapi, status_bits_match_the_rfc)
{
	cr_expect_eq(VCAM_STATUS_IDLE, 1);
	cr_expect_eq(VCAM_STATUS_STREAMING, 2);
}

Test(uapi, create_layout_matches_the_rfc)
{
	cr_expect_eq(sizeof(struct vcam_ioc_create), 48);
	cr_expect_eq(offsetof(struct vcam_ioc_create, device_name), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_create, width), 8);
	cr_expect_eq(offsetof(struct vcam_ioc_create, height), 12);
	cr_expect_eq(offsetof(struct vcam_ioc_create, pixelformat), 16);
	cr_expect_eq(offsetof(struct vcam_ioc_create, colorspace), 20);
	cr_expect_eq(offsetof(struct vcam_ioc_create, bytesperline), 24);
	cr_expect_eq(offsetof(struct vcam_ioc_create, reserved), 28);
	cr_expect_eq(offsetof(struct vcam_ioc_create, device_nr), 32);
	cr_expect_eq(offsetof(struct vcam_ioc_create, nr_frames), 36);
	cr_expect_eq(offsetof(struct vcam_ioc_create, frames), 40);
}

Test(uapi, frame_layout_matches_the_rfc)
{
	cr_expect_eq(sizeof(struct vcam_frame), 8);
	cr_expect_eq(offsetof(struct vcam_frame, index), 0);
	cr_expect_eq(offsetof(struct vcam_frame, length), 4);
}

Test(uapi, queue_layout_matches_the_rfc)
{
	cr_expect_eq(sizeof(struct vcam_ioc_queue), 24);
	cr_expect_eq(offsetof(struct vcam_ioc_queue, fd), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_queue, index), 4);
	cr_expect_eq(offsetof(struct vcam_ioc_queue, length), 8);
	cr_expect_eq(offsetof(struct vcam_ioc_queue, reserved), 12);
	cr_expect_eq(offsetof(struct vcam_ioc_queue, timestamp), 16);
}

Test(uapi, dequeue_layout_matches_the_rfc)
{
	cr_expect_eq(sizeof(struct vcam_ioc_dequeue), 16);
	cr_expect_eq(offsetof(struct vcam_ioc_dequeue, index), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_dequeue, length), 4);
	cr_expect_eq(offsetof(struct vcam_ioc_dequeue, timestamp), 8);
}

Test(uapi, wait_layout_matches_the_rfc)
{
	cr_expect_eq(sizeof(struct vcam_ioc_wait), 16);
	cr_expect_eq(offsetof(struct vcam_ioc_wait, mask), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_wait, status), 8);
}

#ifdef VCAM_IOC_G_INTERVAL
/* vcam's additive extensions, absent from the RFC's header. */
Test(uapi, interval_extension_uses_new_numbers)
{
	cr_expect_eq(VCAM_IOC_G_INTERVAL, 0x80087605u);
	cr_expect_eq(VCAM_IOC_S_INTERVAL, 0x40087606u);
	cr_expect_eq(sizeof(struct vcam_ioc_interval), 8);
	cr_expect_eq(offsetof(struct vcam_ioc_interval, numerator), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_interval, denominator), 4);
}
#endif

#ifdef VCAM_IOC_ACQUIRE
/* Fixed layouts without padding: the same on 32- and 64-bit userspace. */
Test(uapi, lending_extension_uses_new_numbers)
{
	cr_expect_eq(VCAM_IOC_ACQUIRE, 0xc0207607u);
	cr_expect_eq(VCAM_IOC_COMMIT, 0x40207608u);
	cr_expect_eq(sizeof(struct vcam_ioc_acquire), 32);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, fds_held), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, generation), 8);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, index), 12);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, fd), 16);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, length), 20);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, age), 24);
	cr_expect_eq(offsetof(struct vcam_ioc_acquire, reserved), 28);
	cr_expect_eq(sizeof(struct vcam_ioc_commit), 32);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, index), 0);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, generation), 4);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, length), 8);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, flags), 12);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, dropped), 16);
	cr_expect_eq(offsetof(struct vcam_ioc_commit, reserved), 20);
	cr_expect_eq(VCAM_COMMIT_DISCARD, 1);
}
#endif
