/* SPDX-License-Identifier: GPL-2.0-only */
/* The checked number parser, for the library's own files: see vcam/. */
#include "vcam/parse-number.h"
