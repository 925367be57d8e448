/* Where the installed XML schema (XSD) of format v1 lives, and its text (built into the
   library). Validation against it belongs to the validation layer. */
#include <stdlib.h>
#include <string.h>

#include "xml/xml_internal.h"

#ifndef DANVAN_DATADIR
#  define DANVAN_DATADIR "/usr/local/share/danvan"
#endif

const char *danvan_schema_path(void) {
  const char *env = getenv("DANVAN_SCHEMA");
  return (env && *env) ? env : DANVAN_DATADIR "/danvan-1.xsd";
}

int32_t danvan_schema_text(char **out) {
  DVI_CHECK_ARG(out);
  *out = dvi_strndup((const char *)dvi_schema_xsd, dvi_schema_xsd_len);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}
