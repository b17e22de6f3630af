/* SPDX-License-Identifier: GPL-2.0-only */
/* What the files of the producer's typed calls share. */
#ifndef VCAM_PRODUCER_INTERNAL_H
#define VCAM_PRODUCER_INTERNAL_H

/* ioctl(), repeated when a signal interrupts it: 0 or -errno. */
int vcam_producer_ioctl(int fd, unsigned long request, void *arg);

#endif
