# Install rules and package files: headers, the library, rehabplanConfig.cmake with its
# version file (target rehabplan::rehabplan) and rehabplan.pc; the CLI; the JSON Schemas and
# the FHIR definitions. Of the library only the C API is installed.
#
# Components (cmake --install <build> --component C):
#   runtime      librehabplan.so.1 (and its version)
#   development  headers, the namelink or librehabplan.a, the CMake package, rehabplan.pc
#   cli          bin/rehabplan
#   schemas      share/rehabplan/schema/*.json (from schema/*.json): the JSON Schemas (draft 2020-12) of every
#                document rehabplan reads or writes, for systems that write or check them;
#                share/rehabplan/fhir/*.json: the CodeSystems and StructureDefinitions of the
#                FHIR export. Those are FHIR conformance resources, not JSON Schemas, so they
#                have their own folder: a FHIR server loads them to resolve the bundles' codes
#                and extensions, and a tool that reads schema/*.json as schemas never meets them.
include(CMakePackageConfigHelpers)

set(REHABPLAN_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/rehabplan" CACHE STRING
    "Where rehabplanConfig.cmake is installed, relative to the prefix")
set(REHABPLAN_PKGCONFIG_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where rehabplan.pc is installed, relative to the prefix")

# The static library brings its link dependencies (threads, simdjson) to consumers; the shared
# one has none.
if(REHABPLAN_SHARED)
  set(REHABPLAN_CONFIG_DEPENDENCIES "")
else()
  set(REHABPLAN_CONFIG_DEPENDENCIES "include(CMakeFindDependencyMacro)\nfind_dependency(Threads)\nfind_dependency(simdjson)")
endif()
configure_package_config_file(cmake/rehabplanConfig.cmake.in
  ${PROJECT_BINARY_DIR}/rehabplanConfig.cmake
  INSTALL_DESTINATION ${REHABPLAN_CMAKE_DIR})
# Same major version = same ABI promise.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rehabplanConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)

# pkg-config: static consumers also need the C++ runtime and threads (Libs.private), as the
# CMake target gives them: the C++ runtime libraries computed in CMakeLists.txt
# (REHABPLAN_CXX_RUNTIME) and FindThreads' flag or library.
set(REHABPLAN_PC_LIBS_PRIVATE "")
foreach(lib IN LISTS REHABPLAN_CXX_RUNTIME)
  if(lib MATCHES "^-" OR IS_ABSOLUTE "${lib}")
    list(APPEND REHABPLAN_PC_LIBS_PRIVATE "${lib}")
  else()
    list(APPEND REHABPLAN_PC_LIBS_PRIVATE "-l${lib}")
  endif()
endforeach()
if(CMAKE_THREAD_LIBS_INIT)
  list(APPEND REHABPLAN_PC_LIBS_PRIVATE ${CMAKE_THREAD_LIBS_INIT})
endif()
list(APPEND REHABPLAN_PC_LIBS_PRIVATE -lsimdjson)
list(JOIN REHABPLAN_PC_LIBS_PRIVATE " " REHABPLAN_PC_LIBS_PRIVATE)
if(REHABPLAN_SHARED)
  set(REHABPLAN_PC_CFLAGS "")
else()
  set(REHABPLAN_PC_CFLAGS "-DREHABPLAN_STATIC")
endif()
# Absolute install dirs are used as given, relative ones are joined to ${prefix}.
foreach(dir INCLUDEDIR LIBDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(REHABPLAN_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(REHABPLAN_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
# The prefix is found from where rehabplan.pc is installed (${pcfiledir}), so the file stays
# right after `cmake --install --prefix P`, DESTDIR or moving the tree, like the CMake package.
if(IS_ABSOLUTE "${REHABPLAN_PKGCONFIG_DIR}")
  set(REHABPLAN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH REHABPLAN_PC_UP "/${REHABPLAN_PKGCONFIG_DIR}" "/")
  set(REHABPLAN_PC_PREFIX "\${pcfiledir}/${REHABPLAN_PC_UP}")
endif()
configure_file(cmake/rehabplan.pc.in ${PROJECT_BINARY_DIR}/rehabplan.pc @ONLY)

# The build tree is a package too: find_package(rehabplan) with rehabplan_DIR=<build dir>.
export(TARGETS rehabplan NAMESPACE rehabplan:: FILE ${PROJECT_BINARY_DIR}/rehabplanTargets.cmake)

if(REHABPLAN_INSTALL)
  install(TARGETS rehabplan EXPORT rehabplanTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
  install(FILES include/rehabplan/rehabplan.h ${PROJECT_BINARY_DIR}/include/rehabplan/version.h
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rehabplan COMPONENT development)
  install(EXPORT rehabplanTargets NAMESPACE rehabplan:: DESTINATION ${REHABPLAN_CMAKE_DIR}
    COMPONENT development)
  install(FILES ${PROJECT_BINARY_DIR}/rehabplanConfig.cmake ${PROJECT_BINARY_DIR}/rehabplanConfigVersion.cmake
    DESTINATION ${REHABPLAN_CMAKE_DIR} COMPONENT development)
  install(FILES ${PROJECT_BINARY_DIR}/rehabplan.pc DESTINATION ${REHABPLAN_PKGCONFIG_DIR}
    COMPONENT development)

  if(TARGET rehabplan_cli)
    install(TARGETS rehabplan_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
  endif()
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/schema/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rehabplan/schema
    COMPONENT schemas FILES_MATCHING PATTERN "*.json" PATTERN fhir EXCLUDE)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/schema/fhir/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rehabplan/fhir COMPONENT schemas
    FILES_MATCHING PATTERN "*.json")
endif()
