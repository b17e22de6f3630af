// SPDX-License-Identifier: GPL-2.0-only
/*
 * The producer's calls where the host can check them: errors as
 * sentences, and buffer lending on a file that is no vcam camera.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <criterion/criterion.h>

#include "vcam/producer.h"

static const char *message_of(enum vcam_producer_step step, int error)
{
	static char message[256];

	return vcam_producer_error_message(step, error, message,
					   sizeof(message));
}

Test(producer, an_old_driver_is_named_as_the_reason_lending_fails)
{
	cr_expect_str_eq(message_of(VCAM_PRODUCER_ACQUIRE, -ENOTTY),
			 "cannot borrow the consumer's capture buffer: the "
			 "vcam driver is older than buffer lending: update it, "
			 "or let frames be queued");
}

Test(producer, a_consumer_with_buffers_of_its_own_is_named)
{
	cr_expect(strstr(message_of(VCAM_PRODUCER_ACQUIRE, -EOPNOTSUPP),
			 "buffers of its own (USERPTR or DMABUF)"));
}

Test(producer, a_commit_after_the_consumer_stopped_says_so)
{
	cr_expect_str_eq(message_of(VCAM_PRODUCER_COMMIT, -ENOENT),
			 "cannot deliver the frame written into the consumer's "
			 "capture buffer: the consumer stopped streaming and "
			 "took its buffer back");
}

Test(producer, other_errors_fall_back_to_strerror)
{
	cr_expect_str_eq(message_of(VCAM_PRODUCER_ACQUIRE, -EIO),
			 "cannot borrow the consumer's capture buffer: "
			 "Input/output error");
	cr_expect_str_eq(message_of(VCAM_PRODUCER_QUEUE, -EINVAL),
			 "cannot queue a frame: Invalid argument");
}

Test(producer, acquiring_from_a_file_that_is_no_camera_is_enotty)
{
	struct vcam_producer producer = { .fd = open("/dev/null", O_RDWR) };
	struct vcam_lent_buffer buffer;
	uint32_t generation;

	cr_assert_geq(producer.fd, 0);
	cr_expect_eq(vcam_producer_acquire(&producer, &buffer), -ENOTTY);
	cr_expect_eq(vcam_lent_buffers_held(&producer.lent, &generation), 0);
	vcam_producer_close(&producer);
	cr_expect_eq(producer.fd, -1);
}
