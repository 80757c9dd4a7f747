# rehabplan_embed_data(OUT name1 file1 [name2 file2 ...])
# Writes a C++ file defining `std::string_view rehabplan::embedded::<name>()` for each
# file, holding its bytes, so the library carries its data and never opens data/.
function(rehabplan_embed_data out)
  set(args ${ARGN})
  set(deps)
  set(cmd ${CMAKE_COMMAND} -DOUT=${out})
  set(pairs)
  list(LENGTH args n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET args ${i} name)
    list(GET args ${j} file)
    list(APPEND deps ${file})
    list(APPEND pairs "${name}=${file}")
  endforeach()
  string(REPLACE ";" "|" pairs_arg "${pairs}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DPAIRS=${pairs_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedDataScript.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/EmbedDataScript.cmake
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
