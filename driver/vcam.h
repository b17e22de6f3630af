/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam: private definitions shared by the driver's source files.
 */

#ifndef _VCAM_H
#define _VCAM_H

#include <linux/types.h>

#define VCAM_DRIVER_NAME "vcam"

#endif /* _VCAM_H */
