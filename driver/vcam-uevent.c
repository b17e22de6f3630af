// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: "change" uevents on the capture node when a consumer starts or
 * stops streaming or the frame interval changes, for udev and its
 * listeners (vcamctl monitor).
 *
 * The changes happen under &vcam_device.state_lock, a spinlock, and sending
 * a uevent allocates and may sleep: each change is noted in a small queue
 * under the lock, and a work item sends the uevents, in order, without it.
 * Once the camera is dead nothing is noted, and vcam_uevent_flush() waits
 * for the work, so that no uevent follows the node's removal.
 */

#include <linux/kobject.h>
#include <linux/workqueue.h>

#include "vcam.h"

/**
 * vcam_uevent_note() - queue a uevent with the camera's state
 * @cam: the camera, with &vcam_device.state_lock held
 * @what: what changed
 *
 * When the queue is full, the newest entry is replaced: the last uevent
 * always tells the state in force.
 */
void vcam_uevent_note(struct vcam_device *cam, enum vcam_uevent_what what)
{
	struct vcam_uevent *event;

	lockdep_assert_held(&cam->state_lock);
	if (cam->dead)
		return;
	if (cam->nr_uevents < VCAM_MAX_UEVENTS)
		cam->nr_uevents++;
	event = &cam->uevents[(cam->first_uevent + cam->nr_uevents - 1) %
			      VCAM_MAX_UEVENTS];
	event->what = what;
	event->streaming = cam->status & VCAM_STATUS_STREAMING;
	event->interval = cam->interval;
	schedule_work(&cam->uevent_work);
}

static bool vcam_uevent_pop(struct vcam_device *cam, struct vcam_uevent *event)
{
	bool popped;

	spin_lock(&cam->state_lock);
	popped = cam->nr_uevents;
	if (popped) {
		*event = cam->uevents[cam->first_uevent];
		cam->first_uevent = (cam->first_uevent + 1) % VCAM_MAX_UEVENTS;
		cam->nr_uevents--;
	}
	spin_unlock(&cam->state_lock);
	return popped;
}

static void vcam_uevent_send(struct vcam_device *cam,
			     const struct vcam_uevent *event)
{
	char what[32], state[32], interval[48];
	char *envp[4];
	int ret;

	snprintf(what, sizeof(what), "VCAM_EVENT=%s",
		 event->what == VCAM_UEVENT_INTERVAL ? "interval" : "state");
	snprintf(state, sizeof(state), "VCAM_STATE=%s",
		 event->streaming ? "streaming" : "idle");
	snprintf(interval, sizeof(interval), "VCAM_INTERVAL=%u/%u",
		 event->interval.numerator, event->interval.denominator);
	envp[0] = what;
	envp[1] = state;
	envp[2] = interval;
	envp[3] = NULL;
	ret = kobject_uevent_env(&cam->vdev.dev.kobj, KOBJ_CHANGE, envp);
	if (ret)
		dev_dbg(&cam->vdev.dev, "change uevent not sent: %d\n", ret);
}

void vcam_uevent_work(struct work_struct *work)
{
	struct vcam_device *cam = container_of(work, struct vcam_device,
					       uevent_work);
	struct vcam_uevent event;

	while (vcam_uevent_pop(cam, &event))
		vcam_uevent_send(cam, &event);
}

/**
 * vcam_uevent_flush() - send what is queued, before the node goes
 * @cam: the camera, already dead, so that nothing more is queued
 *
 * Sleeps: call it without any of the camera's locks.
 */
void vcam_uevent_flush(struct vcam_device *cam)
{
	flush_work(&cam->uevent_work);
}
