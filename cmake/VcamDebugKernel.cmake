# The VM harness's debug kernel (KASAN, lockdep, kmemleak, debug objects,
# list checks), built from Debian's kernel source tarball into
# <build>/debug-kernel by tests/vm/build-debug-kernel, with the config
# fragment tests/vm/debug-kernel.config merged onto tinyconfig. It is built
# once and rebuilt only when the tarball, the fragment or the script change.
# Sets VCAM_DEBUG_KERNEL_DIR, VCAM_DEBUG_KERNEL_STAMP and
# VCAM_DEBUG_KERNEL_SERIES (6.12) for the driver's build and the VM suite,
# or leaves them empty when testing is off.

set(VCAM_DEBUG_KERNEL_DIR "")
set(VCAM_DEBUG_KERNEL_STAMP "")
set(VCAM_DEBUG_KERNEL_SERIES "")
option(VCAM_DEBUG_KERNEL "Build the debug kernel and run the VM suite on it" OFF)
if(NOT BUILD_TESTING OR NOT VCAM_DEBUG_KERNEL)
	return()
endif()

file(GLOB _vcam_source_tarballs "/usr/src/linux-source-*.tar.xz")
list(SORT _vcam_source_tarballs COMPARE NATURAL ORDER DESCENDING)
list(GET _vcam_source_tarballs 0 _vcam_newest_tarball)
set(VCAM_DEBUG_KERNEL_SOURCE "${_vcam_newest_tarball}" CACHE FILEPATH
	"Kernel source tarball the debug kernel is built from")
if(NOT EXISTS "${VCAM_DEBUG_KERNEL_SOURCE}")
	message(FATAL_ERROR "No kernel source tarball for the debug kernel: "
		"install the Debian package linux-source-6.12 (or run "
		"tests/install-deps), or turn it off with -DVCAM_DEBUG_KERNEL=OFF.")
endif()

# The kernel series the tarball holds (linux-source-6.12.tar.xz: 6.12).
string(REGEX MATCH "linux-source-([0-9]+\\.[0-9]+)" _vcam_series_match
	"${VCAM_DEBUG_KERNEL_SOURCE}")
set(VCAM_DEBUG_KERNEL_SERIES "${CMAKE_MATCH_1}")
set(VCAM_DEBUG_KERNEL_CACHE "" CACHE PATH
	"Folder keeping the newest debug kernel build across build folders (empty: none)")
set(VCAM_DEBUG_KERNEL_DIR "${PROJECT_BINARY_DIR}/debug-kernel")
set(VCAM_DEBUG_KERNEL_STAMP "${VCAM_DEBUG_KERNEL_DIR}/stamp")
set(_vcam_debug_config "${PROJECT_SOURCE_DIR}/tests/vm/debug-kernel.config")
set(_vcam_debug_script "${PROJECT_SOURCE_DIR}/tests/vm/build-debug-kernel")
add_custom_command(
	OUTPUT "${VCAM_DEBUG_KERNEL_STAMP}"
	COMMAND "${_vcam_debug_script}" "${VCAM_DEBUG_KERNEL_SOURCE}"
		"${_vcam_debug_config}" "${VCAM_DEBUG_KERNEL_DIR}"
		${VCAM_DEBUG_KERNEL_CACHE}
	DEPENDS "${VCAM_DEBUG_KERNEL_SOURCE}" "${_vcam_debug_config}"
		"${_vcam_debug_script}"
	COMMENT "Building the debug kernel (a few minutes to tens of minutes, once)"
	VERBATIM)
add_custom_target(debug_kernel ALL DEPENDS "${VCAM_DEBUG_KERNEL_STAMP}")
message(STATUS "Building a debug kernel from ${VCAM_DEBUG_KERNEL_SOURCE}")
