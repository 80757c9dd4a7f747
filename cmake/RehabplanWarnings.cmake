# Warnings for the project's own targets; errors only in our own builds
# (REHABPLAN_WERROR is OFF when rehabplan is consumed as a subproject).
function(rehabplan_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  if(REHABPLAN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
