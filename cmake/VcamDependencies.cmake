# Finds the libraries vcam builds against, through pkg-config. A missing one
# stops the configuration with the Debian package that provides it.

find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
	message(FATAL_ERROR "pkg-config was not found: install the Debian package "
		"pkg-config (or run tests/install-deps).")
endif()

# vcam_require_package(<target> <pkg-config module> <Debian package>)
# Defines the imported target PkgConfig::<target>.
function(vcam_require_package target module debian_package)
	pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
	if(NOT ${target}_FOUND)
		message(FATAL_ERROR "The library ${module} was not found through "
			"pkg-config: install the Debian package ${debian_package} "
			"(apt-get install ${debian_package}, or run tests/install-deps).")
	endif()
	message(STATUS "Found ${module} ${${target}_VERSION}")
endfunction()

vcam_require_package(udev libudev libudev-dev)
vcam_require_package(drm libdrm libdrm-dev)
vcam_require_package(turbojpeg libturbojpeg libturbojpeg0-dev)
vcam_require_package(inih inih libinih-dev)
vcam_require_package(gstreamer gstreamer-1.0 libgstreamer1.0-dev)
vcam_require_package(gstreamer_video gstreamer-video-1.0
	libgstreamer-plugins-base1.0-dev)
vcam_require_package(gstreamer_allocators gstreamer-allocators-1.0
	libgstreamer-plugins-base1.0-dev)
if(BUILD_TESTING)
	vcam_require_package(criterion criterion libcriterion-dev)
endif()
