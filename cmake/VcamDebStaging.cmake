# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) once the files of every package are
# staged in CPACK_TEMPORARY_INSTALL_DIRECTORY/<component>, before it packs
# them: strips programs and shared objects as dh_strip does (debug
# information, symbols a shared object does not need, and the .comment and
# .note sections), compresses manual pages and changelogs as Debian policy
# wants (gzip -9n: no name or time stamp, so the result is reproducible),
# and writes the conffiles list of vcam: every file it installs under /etc.

find_program(GZIP gzip REQUIRED)
find_program(STRIP strip REQUIRED)

foreach(component IN LISTS CPACK_COMPONENTS_ALL)
	set(stage "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/${component}")
	file(GLOB_RECURSE files LIST_DIRECTORIES false "${stage}/*")
	foreach(file IN LISTS files)
		file(READ "${file}" magic LIMIT 4 HEX)
		if(NOT magic STREQUAL "7f454c46")
			continue()
		endif()
		set(options --remove-section=.comment --remove-section=.note)
		if(file MATCHES "\\.so$")
			list(APPEND options --strip-unneeded)
		endif()
		execute_process(COMMAND "${STRIP}" ${options} "${file}"
			COMMAND_ERROR_IS_FATAL ANY)
	endforeach()
	file(GLOB_RECURSE compress LIST_DIRECTORIES false
		"${stage}/usr/share/man/*"
		"${stage}/usr/share/doc/*/changelog")
	list(FILTER compress EXCLUDE REGEX "\\.gz$")
	foreach(file IN LISTS compress)
		execute_process(COMMAND "${GZIP}" -9nf "${file}"
			COMMAND_ERROR_IS_FATAL ANY)
	endforeach()
endforeach()

set(stage "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/vcam")
file(GLOB_RECURSE conffiles LIST_DIRECTORIES false RELATIVE "${stage}"
	"${stage}/etc/*")
list(SORT conffiles)
list(TRANSFORM conffiles PREPEND "/")
list(JOIN conffiles "\n" conffiles)
file(WRITE "${CPACK_VCAM_DEB_CONTROL_DIR}/vcam/conffiles" "${conffiles}\n")
