# Helpers that add Criterion test programs.

# vcam_add_unit_test(<name> SOURCES <file>... [LIBRARIES <lib>...])
# A host test: built and registered with ctest as unit/<name>.
function(vcam_add_unit_test name)
	cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
	add_executable(${name} ${arg_SOURCES})
	target_link_libraries(${name} PRIVATE vcam_build_flags
		PkgConfig::criterion ${arg_LIBRARIES})
	add_test(NAME unit/${name} COMMAND ${name} --jobs=1)
endfunction()

# vcam_add_vm_test_program(<name> SOURCES <file>... [LIBRARIES <lib>...])
# A test that needs the module: built here, run inside every test VM.
function(vcam_add_vm_test_program name)
	cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES")
	add_executable(${name} ${arg_SOURCES})
	target_link_libraries(${name} PRIVATE vcam_build_flags
		PkgConfig::criterion ${arg_LIBRARIES})
	set_property(GLOBAL APPEND PROPERTY VCAM_VM_TEST_PROGRAMS
		"$<TARGET_FILE:${name}>")
endfunction()
