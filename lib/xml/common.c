/* Small helpers shared by the reader, the writer and the schema access. */
#include <stdio.h>
#include <string.h>

#include "xml/xml_internal.h"

const char *dvi_xml_strerror(int errnum, char *buf, size_t len) {
  if (strerror_r(errnum, buf, len) != 0) snprintf(buf, len, "error %d", errnum);
  return buf;
}

int32_t dvi_xml_relocate(int32_t code, const char *file, uint32_t line, uint32_t column,
                         int64_t offset) {
  char msg[512];
  snprintf(msg, sizeof msg, "%s", danvan_error_message());
  return dvi_error_at(code, file, line, column, offset, "%s", msg);
}
