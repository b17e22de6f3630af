/* SPDX-License-Identifier: GPL-2.0-only */
/* The systemd notification protocol (sd_notify), without libsystemd. */
#ifndef VCAMD_NOTIFY_H
#define VCAMD_NOTIFY_H

/* Sends state (e.g. "READY=1") to $NOTIFY_SOCKET, if set. 0 or -errno. */
int vcamd_notify(const char *state);

#endif
