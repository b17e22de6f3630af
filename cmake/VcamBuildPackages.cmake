# Builds the Debian packages (the target `package' runs it):
#   cmake -DSOURCE_DIR=... -DBUILD_DIR=... -DOUTPUT_DIR=... [-DWERROR=ON]
#         -P cmake/VcamBuildPackages.cmake
# Configures SOURCE_DIR in BUILD_DIR for the prefix /usr with the flags
# dpkg-buildflags gives Debian packages (hardening included), without the
# kernel modules and tests, builds it, lets CPack make the packages
# (cmake/VcamPackaging.cmake) and puts them, alone, in OUTPUT_DIR.

foreach(var SOURCE_DIR BUILD_DIR OUTPUT_DIR)
	if(NOT ${var})
		message(FATAL_ERROR "VcamBuildPackages.cmake: -D${var}= is missing.")
	endif()
endforeach()

find_program(DPKG_BUILDFLAGS dpkg-buildflags)
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NOT DPKG_BUILDFLAGS OR NOT DPKG_SHLIBDEPS)
	message(FATAL_ERROR "dpkg-buildflags and dpkg-shlibdeps are needed to "
		"build the Debian packages: install the Debian package dpkg-dev "
		"(or run tests/install-deps).")
endif()

# Run in the source folder: the flags map it to `.' in debug information.
set(ENV{DEB_BUILD_MAINT_OPTIONS} "hardening=+all")
foreach(flag CFLAGS CPPFLAGS LDFLAGS)
	execute_process(COMMAND "${DPKG_BUILDFLAGS}" --get ${flag}
		WORKING_DIRECTORY "${SOURCE_DIR}"
		OUTPUT_VARIABLE ${flag}
		OUTPUT_STRIP_TRAILING_WHITESPACE
		COMMAND_ERROR_IS_FATAL ANY)
endforeach()

# Build type None: the flags are dpkg-buildflags' alone.
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BUILD_DIR}"
		-DCMAKE_BUILD_TYPE=None
		-DCMAKE_INSTALL_PREFIX=/usr
		"-DCMAKE_C_FLAGS=${CFLAGS} ${CPPFLAGS}"
		"-DCMAKE_EXE_LINKER_FLAGS=${LDFLAGS}"
		"-DCMAKE_MODULE_LINKER_FLAGS=${LDFLAGS}"
		"-DCMAKE_SHARED_LINKER_FLAGS=${LDFLAGS}"
		-DBUILD_TESTING=OFF
		-DVCAM_KERNELS=
		-DVCAM_DEBUG_KERNEL=OFF
		"-DVCAM_WERROR=${WERROR}"
		-DVCAM_PACKAGING=ON
	OUTPUT_QUIET
	COMMAND_ERROR_IS_FATAL ANY)

cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}"
		--parallel ${jobs}
	COMMAND_ERROR_IS_FATAL ANY)
file(GLOB stale "${BUILD_DIR}/*.deb")
if(stale)
	file(REMOVE ${stale})
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}"
		--target package
	OUTPUT_VARIABLE cpack_output
	ERROR_VARIABLE cpack_output
	RESULT_VARIABLE status)
if(NOT status EQUAL 0)
	message(FATAL_ERROR "CPack failed:\n${cpack_output}")
endif()

file(GLOB packages "${BUILD_DIR}/*.deb")
file(GLOB old_packages "${OUTPUT_DIR}/*.deb")
if(old_packages)
	file(REMOVE ${old_packages})
endif()
file(COPY ${packages} DESTINATION "${OUTPUT_DIR}")
foreach(package IN LISTS packages)
	get_filename_component(name "${package}" NAME)
	message(STATUS "Built ${OUTPUT_DIR}/${name}")
endforeach()
