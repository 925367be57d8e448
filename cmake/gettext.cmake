# The gettext catalogue of libdanvan (text domain "libdanvan"): po/vi.po is compiled to
# libdanvan.mo, installed under ${CMAKE_INSTALL_LOCALEDIR}/vi/LC_MESSAGES (the DANVAN_LOCALEDIR
# the library binds), and checked by a test. The messages are also compiled into the library
# (lib/validate/messages.def), so nothing breaks when msgfmt is missing: then the catalogue is
# neither built nor installed. po/vi.po is generated from the tables by po/update-po.py.
find_program(DANVAN_MSGFMT msgfmt)
if(DANVAN_MSGFMT)
  set(DANVAN_MO_DIR ${CMAKE_BINARY_DIR}/locale/vi/LC_MESSAGES)
  add_custom_command(OUTPUT ${DANVAN_MO_DIR}/libdanvan.mo
    COMMAND ${CMAKE_COMMAND} -E make_directory ${DANVAN_MO_DIR}
    COMMAND ${DANVAN_MSGFMT} --check -o ${DANVAN_MO_DIR}/libdanvan.mo ${CMAKE_SOURCE_DIR}/po/vi.po
    DEPENDS ${CMAKE_SOURCE_DIR}/po/vi.po
    COMMENT "Compiling the Vietnamese message catalogue")
  add_custom_target(danvan_po ALL DEPENDS ${DANVAN_MO_DIR}/libdanvan.mo)
  install(FILES ${DANVAN_MO_DIR}/libdanvan.mo
    DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/vi/LC_MESSAGES)
  if(DANVAN_TESTS)
    add_test(NAME po_check
      COMMAND ${DANVAN_MSGFMT} --check -o ${CMAKE_BINARY_DIR}/po-check.mo ${CMAKE_SOURCE_DIR}/po/vi.po)
  endif()
else()
  message(STATUS "msgfmt not found: the Vietnamese catalogue is not built (messages stay compiled in)")
endif()
