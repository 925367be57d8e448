/* danvan fmt FILE [-o OUT] — re-export a file in the canonical form of format v1. */
#include <string.h>

#include "tool.h"

/* "FILE:LINE:COL: message", as compilers print it, so editors can jump to the place. */
static void report(const char *fallback) {
  const char *file = danvan_error_file();
  if (!file[0]) file = fallback;
  if (danvan_error_line())
    fprintf(stderr, "%s:%u:%u: %s\n", file, danvan_error_line(), danvan_error_column(),
            danvan_error_message());
  else
    fprintf(stderr, "%s: %s\n", file, danvan_error_message());
}

int cmd_fmt(int argc, char **argv) {
  const char *in = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      out = argv[++i];
    } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      printf("usage: danvan fmt FILE [-o OUT]\n"
             "Write FILE in the canonical form of format v1 to standard output, or atomically\n"
             "to OUT (which may be FILE itself). FILE '-' reads standard input.\n"
             "Exit status: 0 done, 1 the output could not be written, 2 FILE could not be read.\n");
      return 0;
    } else if (!in && (argv[i][0] != '-' || argv[i][1] == '\0')) {
      in = argv[i];
    } else {
      fprintf(stderr, "usage: danvan fmt FILE [-o OUT]\n");
      return 2;
    }
  }
  if (!in) {
    fprintf(stderr, "usage: danvan fmt FILE [-o OUT]\n");
    return 2;
  }
  danvan_dataset *ds = NULL;
  int32_t rc = strcmp(in, "-") == 0 ? danvan_dataset_load_fd(&ds, 0, NULL, NULL)
                                    : danvan_dataset_load(&ds, in, NULL);
  if (rc) {
    report(in);
    return 2;
  }
  rc = out ? danvan_dataset_save(ds, out) : danvan_dataset_save_fd(ds, 1);
  if (rc) report(out ? out : "<stdout>");
  danvan_dataset_free(ds);
  return rc ? 1 : 0;
}
