# Read by ctest after the list doctest_discover_tests writes (tests/CMakeLists.txt; its own
# PROPERTIES LABELS would be overwritten by the suites' labels it appends): every doctest case
# is `unit`. The generated-plan property tests (REHABPLAN_PROPERTY_CASES random cases, 300 and
# 200 by default) are also `property`: a few seconds each, they keep `ctest -L unit` within
# the minute; with more cases, `ctest -L unit -LE property` leaves them out.
foreach(test IN LISTS rehabplan_tests_TESTS)
  if(test MATCHES "^(generator|replan) property:")
    set_tests_properties("${test}" PROPERTIES LABELS "unit;property")
  else()
    set_tests_properties("${test}" PROPERTIES LABELS unit)
  endif()
endforeach()
