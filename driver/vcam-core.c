// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: module entry points and the /dev/vcam control device.
 */

/**
 * DOC: Theory of operation
 *
 * Loading the module registers the misc device ``/dev/vcam``. Each open file
 * of it is one producer, which may create one virtual camera with
 * %VCAM_IOC_CREATE. Every other ioctl is meaningful only after that and
 * fails with ``ENOTTY`` before.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include <uapi/linux/vcam.h>

#include "vcam.h"

static long vcam_ctl_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	switch (cmd) {
	case VCAM_IOC_CREATE:
		/* Cameras are not implemented by this first driver yet. */
		return -EOPNOTSUPP;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations vcam_ctl_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.unlocked_ioctl = vcam_ctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice vcam_ctl_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = VCAM_DRIVER_NAME,
	.fops = &vcam_ctl_fops,
};

static int __init vcam_init(void)
{
	return misc_register(&vcam_ctl_misc);
}

static void __exit vcam_exit(void)
{
	misc_deregister(&vcam_ctl_misc);
}

module_init(vcam_init);
module_exit(vcam_exit);

MODULE_DESCRIPTION("Virtual V4L2 camera fed by a userspace producer");
MODULE_LICENSE("GPL");
