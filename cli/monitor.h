/* SPDX-License-Identifier: GPL-2.0-only */
/* vcamctl monitor's lines, apart so that tests can check them. */
#ifndef VCAMCTL_MONITOR_H
#define VCAMCTL_MONITOR_H

#include <stdio.h>
#include <vcam/udev.h>

/* One line: a sentence for people, or a JSON object (schema in vcamctl(1)). */
void monitor_print_event(FILE *out, const struct vcam_camera_event *event);
void monitor_print_event_json(FILE *out,
			      const struct vcam_camera_event *event);

#endif
