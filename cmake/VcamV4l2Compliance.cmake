# Upstream v4l2-compliance, built from the v4l-utils release tarball in the
# project's shared vendor folder: the version linux-media reviewers run,
# newer than Debian's. It is configured with meson and built with ninja into
# a prefix inside the build folder; nothing is installed anywhere else, and
# its rpath makes it use its own libv4l2, not the system's.
# Sets VCAM_V4L2_COMPLIANCE to the program, or to - when the tarball is
# missing (the VM suite then runs only Debian's v4l2-compliance).

set(VCAM_V4L_UTILS_TARBALL
	"${PROJECT_SOURCE_DIR}/../shared/vendor/v4l-utils-1.32.0.tar.xz"
	CACHE FILEPATH "The v4l-utils release tarball v4l2-compliance is built from")

set(VCAM_V4L2_COMPLIANCE -)
if(NOT EXISTS "${VCAM_V4L_UTILS_TARBALL}")
	message(WARNING "No v4l-utils tarball at ${VCAM_V4L_UTILS_TARBALL}: "
		"the VM suite runs only Debian's v4l2-compliance; point "
		"-DVCAM_V4L_UTILS_TARBALL= at v4l-utils-1.32.0.tar.xz.")
	return()
endif()

find_program(VCAM_MESON meson)
find_program(VCAM_NINJA NAMES ninja ninja-build)
if(NOT VCAM_MESON OR NOT VCAM_NINJA)
	message(FATAL_ERROR "Building v4l2-compliance needs meson and ninja: "
		"run tests/install-deps.")
endif()

set(_v4l_utils_dir "${PROJECT_BINARY_DIR}/v4l-utils")
set(_v4l_utils_source "${_v4l_utils_dir}/source")
set(_v4l_utils_build "${_v4l_utils_dir}/build")
set(_v4l_utils_prefix "${_v4l_utils_dir}/prefix")
set(VCAM_V4L2_COMPLIANCE "${_v4l_utils_prefix}/bin/v4l2-compliance")

# Everything but the v4l2 tools and their libraries is off; the udev and
# systemd folders point into the prefix so that nothing lands outside it.
add_custom_command(
	OUTPUT "${VCAM_V4L2_COMPLIANCE}"
	COMMAND ${CMAKE_COMMAND} -E rm -rf "${_v4l_utils_dir}"
	COMMAND ${CMAKE_COMMAND} -E make_directory "${_v4l_utils_source}"
	COMMAND tar -xJf "${VCAM_V4L_UTILS_TARBALL}" -C "${_v4l_utils_source}"
	COMMAND "${VCAM_MESON}" setup --prefix "${_v4l_utils_prefix}"
		--libdir lib --buildtype release
		-Dbpf=disabled -Dgconv=disabled -Dlibdvbv5=disabled
		-Dqv4l2=disabled -Dqvidcap=disabled -Dv4l2-tracer=disabled
		-Ddoxygen-doc=disabled -Dv4l-plugins=false -Dv4l-wrappers=false
		"-Dudevdir=${_v4l_utils_prefix}/lib/udev"
		"-Dsystemdsystemunitdir=${_v4l_utils_prefix}/lib/systemd/system"
		"-Dc_link_args=-Wl,-rpath,${_v4l_utils_prefix}/lib"
		"-Dcpp_link_args=-Wl,-rpath,${_v4l_utils_prefix}/lib"
		"${_v4l_utils_build}" "${_v4l_utils_source}"
	COMMAND "${VCAM_NINJA}" -C "${_v4l_utils_build}" -j 2 --quiet
	COMMAND "${VCAM_MESON}" install -C "${_v4l_utils_build}" --no-rebuild --quiet
	DEPENDS "${VCAM_V4L_UTILS_TARBALL}"
	COMMENT "Building v4l2-compliance from ${VCAM_V4L_UTILS_TARBALL}"
	VERBATIM)
add_custom_target(v4l2_compliance ALL DEPENDS "${VCAM_V4L2_COMPLIANCE}")
