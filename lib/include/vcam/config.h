/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcamd's configuration: the main INI file and its drop-ins.
 *
 * Files
 *   vcam_config_load() reads the main file (by default /etc/vcam/vcamd.conf),
 *   then every "*.conf" in the drop-in directory (by default /etc/vcam) in
 *   byte-wise lexical order, skipping hidden files and the main file itself.
 *   A missing main file or directory is not an error: there are then fewer
 *   (perhaps no) cameras.
 *
 * Syntax (inih): "key = value" lines under "[section]" headers; lines whose
 *   first non-blank character is ';' or '#' are comments, and so is the rest
 *   of a line from " ;" on. Leading blanks are ignored (there are no
 *   continuation lines). A line holds at most VCAM_CONFIG_LINE_MAX
 *   characters. Section names, keys and values are case-sensitive, except
 *   format and pattern names and yes/no words.
 *
 * Sections
 *   [vcamd]        daemon settings; may appear in several files, a later
 *                  value replaces an earlier one.
 *   [camera NAME]  one camera. NAME is 1..63 ASCII letters, digits and
 *                  spaces, starting and ending with a letter or digit (the
 *                  driver's rule; Linux 6.1 takes 31 bytes at most). A name
 *                  defined twice, in one file or across files, is an error
 *                  for the later definition.
 *
 * [vcamd] keys
 *   key            value                               default
 *   dmabuf         auto, heap, udmabuf or drm          auto
 *   control-group  group allowed on the control        (none: root only)
 *                  socket; empty for none
 *
 * [camera NAME] keys
 *   key            value                               default
 *   size           WIDTHxHEIGHT, each 2..8192          640x480
 *   format         YUYV, NV12, YU12, RGB24 or MJPEG    YUYV
 *                  (or an alias of vcam_format_by_name())
 *   fps            1..1000, integer or fraction        30
 *                  (30000/1001)
 *   frames         frame buffers, 2..32                4
 *   source         pattern:NAME (a vcam_pattern_by_    pattern:smpte
 *                  name() name), mjpeg:/ABS/PATH or
 *                  y4m:/ABS/PATH (a file or a FIFO),
 *                  v4l2:/dev/... (a real capture
 *                  device) or camera:NAME (the source
 *                  of camera NAME, shared)
 *   color          RRGGBB or #RRGGBB, for solid        FFFFFF
 *   checker-size   checker squares in pixels, 1..4096  32
 *   overlay        frame counter and clock: yes/no     no
 *   loop           replay an MJPEG or Y4M file at its  yes
 *                  end
 *   live           read a FIFO even while nobody       no
 *                  watches, keeping the newest frame
 *   enabled        create this camera                  yes
 *   yes/no values: yes, no, true, false, on, off, 1, 0.
 *
 * After a camera's section, its values are checked together: the size must
 * suit the format (e.g. even widths for YUYV), an MJPEG camera needs an
 * mjpeg:, v4l2: or camera: source (vcamd does not encode JPEG) and cannot
 * show the overlay.
 * A file cannot name the standard-input stream "-" (only vcamctl can).
 *
 * Errors
 *   Every problem is one string in config->errors, shaped
 *   "FILE:LINE: [SECTION] KEY: REASON" or, for a whole section or line,
 *   "FILE:LINE: [SECTION]: REASON" ("FILE:LINE: REASON" outside sections).
 *   Any error in a camera's section drops that camera (it goes to
 *   config->rejected instead of config->cameras); other cameras are kept.
 *   Errors in [vcamd] leave the setting as it was. The library never prints.
 */
#ifndef VCAM_CONFIG_H
#define VCAM_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcam/dmabuf.h"
#include "vcam/pattern.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VCAM_CONFIG_DEFAULT_DIR "/etc/vcam"
#define VCAM_CONFIG_DEFAULT_MAIN "/etc/vcam/vcamd.conf"

/* The longest line, in characters, inih reads as Debian builds it. */
#define VCAM_CONFIG_LINE_MAX 198

/*
 * Bytes of a camera name with its NUL, the most the driver takes (on Linux
 * 6.12; kernels whose video device names are shorter, such as 6.1, take 31
 * bytes and refuse longer names with E2BIG).
 */
#define VCAM_CAMERA_NAME_MAX 64

/* Bytes of a group name with its NUL. */
#define VCAM_GROUP_NAME_MAX 33

enum vcam_source_kind {
	VCAM_SOURCE_PATTERN,
	VCAM_SOURCE_MJPEG,
	VCAM_SOURCE_Y4M,
	VCAM_SOURCE_V4L2,	/* a real capture device, relayed */
	VCAM_SOURCE_CAMERA,	/* the source of another camera */
};

/* The path of a stream read from the descriptor vcamctl passes (y4m:-). */
#define VCAM_SOURCE_STDIN "-"

struct vcam_camera_source {
	enum vcam_source_kind kind;
	struct vcam_pattern_params pattern;	/* used by pattern sources */
	/* mjpeg, y4m: absolute, or VCAM_SOURCE_STDIN; v4l2: the device
	 * (absolute); camera: the other camera's name */
	char path[PATH_MAX];
	bool loop;		/* files: restart at the end */
	bool live;		/* pipes: read even while nobody watches */
	bool remove_at_end;	/* remove the camera when its stream ends */
};

struct vcam_camera_config {
	char name[VCAM_CAMERA_NAME_MAX];
	uint32_t width;
	uint32_t height;
	uint32_t fourcc;			/* V4L2_PIX_FMT_* */
	/* Seconds per frame, in lowest terms: 30000/1001 fps is 1001/30000. */
	uint32_t interval_numerator;
	uint32_t interval_denominator;
	unsigned int frames;
	bool fps_given;		/* fps was set, not the default */
	struct vcam_camera_source source;
	bool enabled;
	char file[PATH_MAX];			/* where its section starts */
	unsigned int line;
};

struct vcam_daemon_config {
	enum vcam_dmabuf_backend dmabuf;
	char control_group[VCAM_GROUP_NAME_MAX];	/* "": root only */
};

struct vcam_config {
	struct vcam_daemon_config daemon;
	struct vcam_camera_config *cameras;	/* valid ones, in file order */
	size_t camera_count;
	struct vcam_camera_config *rejected;	/* sections with errors */
	size_t rejected_count;
	char **errors;				/* see "Errors" above */
	size_t error_count;
};

/* Empties config: default daemon settings, no cameras, no errors. */
void vcam_config_init(struct vcam_config *config);

/* Frees what config holds and leaves it as vcam_config_init() does. */
void vcam_config_free(struct vcam_config *config);

/*
 * Adds the cameras and settings of text to config, naming it filename in
 * errors. Returns 0, -EINVAL if text had errors (they are in config->errors;
 * its good cameras are added all the same) or -ENOMEM.
 */
int vcam_config_parse_string(struct vcam_config *config, const char *text,
			     const char *filename);

/*
 * Adds the main file and then the drop-ins of dropin_dir to config (see
 * "Files" above); either may be NULL to skip it. A file or directory that
 * exists but cannot be read is an error in config->errors. Returns 0,
 * -EINVAL if any file had errors, or -ENOMEM.
 */
int vcam_config_load(struct vcam_config *config, const char *main_path,
		     const char *dropin_dir);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_CONFIG_H */
