# Debian packages, one per install component, made by CPack's DEB generator:
#   vcam              vcamd, vcamctl, manual pages, configuration, unit, udev
#                     rules, modules-load.d and modprobe.d files (component vcam)
#   vcam-dkms         the module's DKMS source tree (component dkms)
#   vcam-dev          the uAPI header <linux/vcam.h> (component dev)
#   gstreamer1.0-vcam the GStreamer plugin with vcamsink (component gstreamer)
#
# `cmake --build build --target package' makes them in build/packages/: it
# configures a build of its own in build/deb for the prefix /usr with
# Debian's build flags (cmake/VcamBuildPackages.cmake), where VCAM_PACKAGING
# is on and the rest of this file sets CPack up. The files come from the
# same install() rules as `cmake --install'; the maintainer scripts, the
# copyright and changelog files are in conf/deb/.

option(VCAM_PACKAGING "Internal: this is the build that makes the Debian packages" OFF)
mark_as_advanced(VCAM_PACKAGING)

if(NOT VCAM_PACKAGING)
	add_custom_target(package
		COMMAND ${CMAKE_COMMAND}
			"-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
			"-DBUILD_DIR=${PROJECT_BINARY_DIR}/deb"
			"-DOUTPUT_DIR=${PROJECT_BINARY_DIR}/packages"
			"-DWERROR=${VCAM_WERROR}"
			-P "${PROJECT_SOURCE_DIR}/cmake/VcamBuildPackages.cmake"
		COMMENT "Building the Debian packages into ${PROJECT_BINARY_DIR}/packages"
		USES_TERMINAL
		VERBATIM)
	return()
endif()

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
	message(FATAL_ERROR "The Debian packages install under /usr: configure "
		"with -DCMAKE_INSTALL_PREFIX=/usr, or build them with "
		"`cmake --build build --target package'.")
endif()

set(deb_source "${PROJECT_SOURCE_DIR}/conf/deb")
set(deb_generated "${PROJECT_BINARY_DIR}/deb-control")

file(STRINGS "${deb_source}/changelog" changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^vcam \\(${PROJECT_VERSION}\\) ")
	message(FATAL_ERROR "conf/deb/changelog starts with `${changelog_head}': "
		"add an entry for vcam (${PROJECT_VERSION}), the project's version.")
endif()
# The maintainer of the packages: the one of the changelog's newest entry.
file(STRINGS "${deb_source}/changelog" changelog_trailer
	REGEX "^ -- " LIMIT_COUNT 1)
string(REGEX REPLACE "^ -- (.*>)  .*$" "\\1" VCAM_PACKAGE_MAINTAINER
	"${changelog_trailer}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME vcam)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${VCAM_PACKAGE_MAINTAINER}")
# CPack's default, so that it takes the synopsis of each package from the
# first line of its description rather than prepending this.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL vcam dkms dev gstreamer)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SOURCE vcam)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Strips the binaries (Debian would put their debug information in -dbgsym
# packages), compresses manual pages and changelogs in the staging folders,
# and lists the conffiles (cmake/VcamDebStaging.cmake).
set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_SOURCE_DIR}/cmake/VcamDebStaging.cmake")
set(CPACK_VCAM_DEB_CONTROL_DIR "${deb_generated}")

set(CPACK_DEBIAN_VCAM_PACKAGE_NAME vcam)
set(CPACK_DEBIAN_VCAM_PACKAGE_SECTION video)
# vcamd has nothing to feed without the module, and both speak its uAPI;
# vcamd.service reloads with /bin/kill (procps).
set(CPACK_DEBIAN_VCAM_PACKAGE_DEPENDS "vcam-dkms (= ${PROJECT_VERSION}), procps")
# The maintainer scripts use deb-systemd-helper as debhelper's do, with the
# same requirement.
set(CPACK_DEBIAN_VCAM_PACKAGE_PREDEPENDS "init-system-helpers (>= 1.54~)")
set(CPACK_DEBIAN_VCAM_DESCRIPTION
"virtual V4L2 camera: daemon and command line
vcam gives Linux a virtual camera whose frames come from a program instead
of a sensor; any V4L2 application captures from it as from a webcam.
This package holds vcamd, which creates the cameras configured in /etc/vcam
at boot and feeds them test patterns, MJPEG or Y4M streams while someone
watches, and vcamctl, which creates, lists and inspects cameras.")

set(CPACK_DEBIAN_DKMS_PACKAGE_NAME vcam-dkms)
set(CPACK_DEBIAN_DKMS_PACKAGE_SECTION kernel)
set(CPACK_DEBIAN_DKMS_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DKMS_PACKAGE_DEPENDS dkms)
set(CPACK_DEBIAN_DKMS_DESCRIPTION
"virtual V4L2 camera: kernel module source for DKMS
vcam gives Linux a virtual camera whose frames come from a program instead
of a sensor; any V4L2 application captures from it as from a webcam.
This package holds the source of the vcam kernel module (Linux 6.1 or
later); DKMS builds and installs it for every kernel that has its headers.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME vcam-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DEV_DESCRIPTION
"virtual V4L2 camera: uAPI header
vcam gives Linux a virtual camera whose frames come from a program instead
of a sensor; any V4L2 application captures from it as from a webcam.
This package holds <linux/vcam.h>, the interface of /dev/vcam, for programs
that create cameras and feed them frames.")

set(CPACK_DEBIAN_GSTREAMER_PACKAGE_NAME gstreamer1.0-vcam)
set(CPACK_DEBIAN_GSTREAMER_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_GSTREAMER_PACKAGE_RECOMMENDS "vcam-dkms (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_GSTREAMER_DESCRIPTION
"virtual V4L2 camera: GStreamer element vcamsink
vcam gives Linux a virtual camera whose frames come from a program instead
of a sensor; any V4L2 application captures from it as from a webcam.
This package holds the GStreamer plugin vcam, whose element vcamsink makes
any pipeline feed a camera, passing DMA-BUFs without a copy.")

# The files every package has: its copyright, its changelog, the lintian
# overrides conf/deb has for it, and its maintainer scripts.
foreach(component IN LISTS CPACK_COMPONENTS_ALL)
	string(TOUPPER "${component}" upper)
	set(package "${CPACK_DEBIAN_${upper}_PACKAGE_NAME}")
	install(FILES "${deb_source}/copyright" "${deb_source}/changelog"
		DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${package}"
		COMPONENT ${component})
	if(EXISTS "${deb_source}/${package}.lintian-overrides")
		install(FILES "${deb_source}/${package}.lintian-overrides"
			DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides"
			RENAME "${package}"
			COMPONENT ${component})
	endif()
	set(control "")
	foreach(script postinst prerm postrm)
		if(EXISTS "${deb_source}/${package}.${script}")
			configure_file("${deb_source}/${package}.${script}"
				"${deb_generated}/${package}/${script}" @ONLY)
			list(APPEND control "${deb_generated}/${package}/${script}")
		endif()
	endforeach()
	set(CPACK_DEBIAN_${upper}_PACKAGE_CONTROL_EXTRA "${control}")
endforeach()

# dpkg keeps an administrator's changes to the configuration: every file
# vcam installs under /etc is a conffile (the list is written when CPack has
# staged the files).
list(APPEND CPACK_DEBIAN_VCAM_PACKAGE_CONTROL_EXTRA
	"${deb_generated}/vcam/conffiles")

include(CPack)
