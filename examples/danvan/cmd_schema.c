/* danvan schema — print the XML schema (XSD) of format v1. */
#include <string.h>

#include "tool.h"

int cmd_schema(int argc, char **argv) {
  if (argc > 1 && (strcmp(argv[1], "--path") == 0)) {
    printf("%s\n", danvan_schema_path());
    return 0;
  }
  if (argc > 1) {
    fprintf(stderr, "usage: danvan schema [--path]\n");
    return 2;
  }
  char *xsd = NULL;
  if (danvan_schema_text(&xsd) != DANVAN_OK) {
    tool_report_error("schema");
    fprintf(stderr, "danvan: set DANVAN_SCHEMA to the path of danvan-1.xsd to use another copy\n");
    return 1;
  }
  fputs(xsd, stdout);
  danvan_free(xsd);
  return fflush(stdout) == 0 ? 0 : 1;
}
