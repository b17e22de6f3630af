# The RFC's own uAPI header, taken at configure time from the RFC patch in
# the project's shared seeds, so that tests can prove a program written
# against it works unchanged with vcam. Defines the target vcam_rfc_uapi
# when the patch is there.

set(VCAM_RFC_PATCH
	"${PROJECT_SOURCE_DIR}/../shared/seeds/000_b4f1eadaeb11976f.txt"
	CACHE FILEPATH "The RFC patch whose include/uapi/linux/vcam.h the ABI tests compile against")

if(NOT EXISTS "${VCAM_RFC_PATCH}")
	message(STATUS "No RFC patch at ${VCAM_RFC_PATCH}: "
		"the RFC-header ABI tests are not built")
	return()
endif()

set(VCAM_RFC_INCLUDE_DIR "${PROJECT_BINARY_DIR}/rfc-uapi")
file(MAKE_DIRECTORY "${VCAM_RFC_INCLUDE_DIR}/linux")
# The header's lines are the patch's added lines, from its +++ line to the
# end of that file's hunk.
execute_process(
	COMMAND sed -n "/^+++ b\\/include\\/uapi\\/linux\\/vcam.h$/,/^[^+@]/s/^+\\([^+]\\|$\\)/\\1/p"
		"${VCAM_RFC_PATCH}"
	OUTPUT_FILE "${VCAM_RFC_INCLUDE_DIR}/linux/vcam.h"
	RESULT_VARIABLE _vcam_sed_result)
if(NOT _vcam_sed_result EQUAL 0)
	message(FATAL_ERROR "Could not extract the RFC header from ${VCAM_RFC_PATCH}")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${VCAM_RFC_PATCH}")
add_library(vcam_rfc_uapi INTERFACE)
target_include_directories(vcam_rfc_uapi BEFORE INTERFACE
	"${VCAM_RFC_INCLUDE_DIR}")
