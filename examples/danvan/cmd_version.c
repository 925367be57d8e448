/* danvan version */
#include "tool.h"

int cmd_version(int argc, char **argv) {
  (void)argc;
  (void)argv;
  printf("danvan %s (libdanvan %s)\n", DANVAN_VERSION_STRING, danvan_version_string());
  return danvan_version_major() == DANVAN_VERSION_MAJOR ? 0 : 1;
}
