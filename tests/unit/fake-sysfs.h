/* SPDX-License-Identifier: GPL-2.0-only */
/* A sysfs tree with vcam cameras in a temporary folder, for host tests. */
#ifndef VCAM_TEST_FAKE_SYSFS_H
#define VCAM_TEST_FAKE_SYSFS_H

/*
 * Makes a folder with video10 ("Front Desk", streaming), video2 ("Bars",
 * idle), both YUYV 640x480 at 1001/30000 s, and video0, not a vcam node.
 * Returns its path.
 */
const char *fake_sysfs_make(void);
void fake_sysfs_remove(void);

#endif
