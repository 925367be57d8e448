/* danvan validate [--lang vi|en] [--format text|xml] [--werror] [--max N] [--as-of DATE]
                   [--no-schema] [--together] FILE...

   Each FILE is validated on its own; with --together the files are loaded into one dataset
   (the first loaded, the others merged: a plan and its reports) and validated as one.

   Prints one line per finding, FILE:LINE:COL: SEVERITY: MESSAGE [RULE], or an XML document.
   Exit status: 0 no errors (warnings allowed unless --werror), 1 errors found, 2 a file could
   not be read or parsed (or bad usage). */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static int usage(void) {
  fprintf(stderr,
          "usage: danvan validate [--lang vi|en] [--format text|xml] [--werror] [--max N]\n"
          "                       [--as-of YYYY-MM-DD] [--no-schema] [--together] FILE...\n");
  return 2;
}

int cmd_validate(int argc, char **argv) {
  const char *lang = NULL, *format = "text";
  int werror = 0, schema = 1, together = 0;
  long max = -1;
  int32_t as_of = 0;
  int first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
    const char *a = argv[first];
    if (strcmp(a, "--") == 0) {
      first++;
      break;
    } else if (strcmp(a, "--lang") == 0 && first + 1 < argc) {
      lang = argv[++first];
    } else if (strcmp(a, "--format") == 0 && first + 1 < argc) {
      format = argv[++first];
    } else if (strcmp(a, "--werror") == 0) {
      werror = 1;
    } else if (strcmp(a, "--together") == 0) {
      together = 1;
    } else if (strcmp(a, "--no-schema") == 0) {
      schema = 0;
    } else if (strcmp(a, "--max") == 0 && first + 1 < argc) {
      char *end = NULL;
      max = strtol(argv[++first], &end, 10);
      if (!end || *end || max < 0) return usage();
    } else if (strcmp(a, "--as-of") == 0 && first + 1 < argc) {
      if (danvan_date_parse(&as_of, argv[++first]) != DANVAN_OK || as_of % 100 == 0) return usage();
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage();
      return 0;
    } else {
      return usage();
    }
  }
  if (first >= argc || (strcmp(format, "text") != 0 && strcmp(format, "xml") != 0)) return usage();
  danvan_validate_options *opts = NULL;
  if (danvan_validate_options_new(&opts) != DANVAN_OK) {
    tool_report_error("validate");
    return 2;
  }
  if (danvan_validate_options_set_language(opts, lang) != DANVAN_OK) {
    danvan_validate_options_free(opts);
    return usage();
  }
  if (max >= 0) danvan_validate_options_set_max_findings(opts, (size_t)max);
  if (as_of) danvan_validate_options_set_as_of(opts, as_of);
  danvan_validate_options_set_schema(opts, schema);
  int xml = strcmp(format, "xml") == 0;
  if (xml) printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n");
  int status = 0;
  int last = together ? first + 1 : argc;
  for (int i = first; i < last; i++) {
    danvan_diagnostics *d = NULL;
    int32_t rc = together ? danvan_validate_files(&d, (const char *const *)(argv + first),
                                                  (size_t)(argc - first), opts)
                          : danvan_validate_file(&d, argv[i], opts);
    if (rc != DANVAN_OK) {
      tool_report_error("validate");
      status = 2;
      continue;
    }
    const char *dlang = danvan_diagnostics_language(d);
    size_t n = danvan_diagnostics_count(d);
    for (size_t k = 0; k < n; k++)
      if (strcmp(danvan_diagnostics_rule(d, k), "xml") == 0) status = 2;
    if (xml) {
      char *text = NULL;
      if (danvan_diagnostics_to_xml(&text, d) == DANVAN_OK) fputs(text, stdout);
      danvan_free(text);
    } else {
      for (size_t k = 0; k < n; k++) {
        const char *file = danvan_diagnostics_file(d, k);
        printf("%s:%u:%u: %s: %s [%s]\n", file[0] ? file : argv[i], danvan_diagnostics_line(d, k),
               danvan_diagnostics_column(d, k),
               danvan_severity_name(danvan_diagnostics_severity(d, k), dlang),
               danvan_diagnostics_message(d, k), danvan_diagnostics_rule(d, k));
      }
      size_t total = danvan_diagnostics_total(d);
      if (total > n)
        fprintf(stderr, "danvan: %s: %zu more findings not shown (--max)\n", argv[i], total - n);
    }
    size_t errors = danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_ERROR);
    size_t warnings = danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_WARNING);
    if (status < 1 && (errors || (werror && warnings))) status = 1;
    danvan_diagnostics_free(d);
  }
  if (xml) printf("</danvan>\n");
  danvan_validate_options_free(opts);
  return status;
}
