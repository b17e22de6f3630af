# Kernel releases to build the module for. Default: every installed kernel
# whose headers are installed (/lib/modules/<release>/build).

set(_vcam_found_kernels "")
file(GLOB _vcam_kernel_makefiles LIST_DIRECTORIES false
	"/lib/modules/*/build/Makefile")
foreach(makefile IN LISTS _vcam_kernel_makefiles)
	string(REGEX REPLACE "^/lib/modules/([^/]+)/build/Makefile$" "\\1"
		release "${makefile}")
	list(APPEND _vcam_found_kernels "${release}")
endforeach()
list(SORT _vcam_found_kernels COMPARE NATURAL)

set(VCAM_KERNELS "${_vcam_found_kernels}" CACHE STRING
	"Kernel releases to build the vcam module for (list; default: every release with headers in /lib/modules)")

if(NOT VCAM_KERNELS AND NOT _vcam_found_kernels)
	message(WARNING "No kernel headers found under /lib/modules, so the vcam "
		"module will not be built: install linux-headers-amd64 (or run "
		"tests/install-deps), or name a kernel with -DVCAM_KERNELS=<release>.")
endif()

foreach(release IN LISTS VCAM_KERNELS)
	if(NOT EXISTS "/lib/modules/${release}/build/Makefile")
		message(FATAL_ERROR "No headers for kernel ${release} in "
			"/lib/modules/${release}/build: install linux-headers-${release}.")
	endif()
endforeach()
message(STATUS "Building the vcam module for: ${VCAM_KERNELS}")
