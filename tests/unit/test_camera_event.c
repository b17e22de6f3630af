// SPDX-License-Identifier: GPL-2.0-only
/* The driver's change uevents as vcamlib reads them (vcam/udev.h). */

#include <errno.h>
#include <string.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <vcam/udev.h>

/* Criterion runs each test in a new process: parameters hold no pointers. */
#define MISSING "(missing)"

struct change_case {
	char what[16], state[16], interval[32];
	int ret;
	enum vcam_camera_event_kind kind;
	bool streaming;
	unsigned int numerator, denominator;
};

ParameterizedTestParameters(camera_event, reads_change_uevents)
{
	static struct change_case cases[] = {
		{ "state", "streaming", "1/30", 0, VCAM_CAMERA_STREAMING, true, 1, 30 },
		{ "state", "idle", "1001/30000", 0, VCAM_CAMERA_IDLE, false, 1001, 30000 },
		{ "interval", "streaming", "1/15", 0, VCAM_CAMERA_INTERVAL, true, 1, 15 },
		{ "interval", "idle", "4294967295/4294967295", 0, VCAM_CAMERA_INTERVAL, false, 4294967295U, 4294967295U },
		{ MISSING, "idle", "1/30", -EINVAL, 0, false, 7, 7 },
		{ "state", MISSING, "1/30", -EINVAL, 0, false, 7, 7 },
		{ "state", "idle", MISSING, -EINVAL, 0, false, 7, 7 },
		{ "format", "idle", "1/30", -EINVAL, 0, false, 7, 7 },
		{ "state", "paused", "1/30", -EINVAL, 0, false, 7, 7 },
		{ "state", "Idle", "1/30", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "0/30", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "1/0", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "1/", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "30", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "1/30 ", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "-1/30", -EINVAL, 0, false, 7, 7 },
		{ "interval", "idle", "4294967296/1", -EINVAL, 0, false, 7, 7 },
		{ "", "", "", -EINVAL, 0, false, 7, 7 },
	};

	return cr_make_param_array(struct change_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

static const char *value(const char *text)
{
	return strcmp(text, MISSING) == 0 ? NULL : text;
}

ParameterizedTest(struct change_case *c, camera_event, reads_change_uevents)
{
	struct vcam_device device = { .interval_numerator = 7,
				      .interval_denominator = 7 };
	enum vcam_camera_event_kind kind = VCAM_CAMERA_ADDED;
	int ret = vcam_camera_event_parse_change(value(c->what),
						 value(c->state),
						 value(c->interval), &kind,
						 &device);

	cr_assert_eq(ret, c->ret, "%s %s %s", c->what, c->state, c->interval);
	cr_expect_eq(device.interval_numerator, c->numerator);
	cr_expect_eq(device.interval_denominator, c->denominator);
	cr_expect_eq(device.streaming, c->streaming);
	if (!ret)
		cr_expect_eq(kind, c->kind);
	else
		cr_expect_eq(kind, VCAM_CAMERA_ADDED, "unchanged on error");
}

Test(camera_event, names_every_kind)
{
	cr_expect_str_eq(vcam_camera_event_name(VCAM_CAMERA_ADDED), "added");
	cr_expect_str_eq(vcam_camera_event_name(VCAM_CAMERA_REMOVED), "removed");
	cr_expect_str_eq(vcam_camera_event_name(VCAM_CAMERA_STREAMING), "streaming");
	cr_expect_str_eq(vcam_camera_event_name(VCAM_CAMERA_IDLE), "idle");
	cr_expect_str_eq(vcam_camera_event_name(VCAM_CAMERA_INTERVAL), "interval");
}
