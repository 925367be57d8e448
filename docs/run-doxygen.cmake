# Run doxygen on docs/Doxyfile for a given build tree, writing the HTML into OUTPUT_DIR.
# cmake -DDOXYGEN=doxygen -DSOURCE_DIR=<src> -DBINARY_DIR=<build> -DOUTPUT_DIR=<dir>
#       -P docs/run-doxygen.cmake
# Used by the `docs` test; `make docs` runs doxygen on docs/Doxyfile directly.
foreach(v DOXYGEN SOURCE_DIR BINARY_DIR OUTPUT_DIR)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run-doxygen.cmake: -D${v}=... is required")
  endif()
endforeach()
file(MAKE_DIRECTORY ${OUTPUT_DIR})
file(WRITE ${OUTPUT_DIR}/Doxyfile.test
  "@INCLUDE = ${SOURCE_DIR}/docs/Doxyfile\n"
  "OUTPUT_DIRECTORY = ${OUTPUT_DIR}\n"
  "INPUT = ${SOURCE_DIR}/include/danvan ${BINARY_DIR}/include/danvan/version.h\n"
  "STRIP_FROM_PATH = ${SOURCE_DIR}/include ${BINARY_DIR}/include\n"
  "STRIP_FROM_INC_PATH = ${SOURCE_DIR}/include ${BINARY_DIR}/include\n"
  "INCLUDE_PATH = ${SOURCE_DIR}/include ${BINARY_DIR}/include\n")
execute_process(COMMAND ${DOXYGEN} ${OUTPUT_DIR}/Doxyfile.test
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "doxygen reported problems in the public headers (see above)")
endif()
message(STATUS "doxygen: no warnings; HTML in ${OUTPUT_DIR}/html")
