/*
 * Fuzz target: validation (lib/validate/), on whatever the XML reader accepts, and the whole
 * file path (danvan_validate_file: reader, schema pass, rules) on every input.
 *
 * Properties:
 * - danvan_validate() succeeds on any dataset that loaded, in both languages, with and
 *   without a cap and an as-of date; findings are sorted by file, line, column and rule id,
 *   each with a known rule id, a severity, a message; the count respects the cap and the
 *   total counts every finding; the list converts to XML;
 * - danvan_validate_file() succeeds on any input; an input the reader refuses gives a finding
 *   of rule "xml" at the place the reader reported; one it accepts gives none.
 */
#include <unistd.h>

#include "fuzz.h"

static int known_rule(const char *id) {
  for (size_t i = 0; i < danvan_rule_count(); i++)
    if (strcmp(danvan_rule_id(i), id) == 0) return 1;
  return 0;
}

static void check_list(const danvan_diagnostics *d, size_t cap) {
  size_t n = danvan_diagnostics_count(d), total = danvan_diagnostics_total(d);
  FUZZ_REQUIRE(n <= total, "%zu findings kept of %zu", n, total);
  FUZZ_REQUIRE(cap == 0 ? n == total : n == (total < cap ? total : cap),
               "%zu findings kept of %zu with a cap of %zu", n, total, cap);
  size_t by_sev = 0;
  for (int32_t s = DANVAN_SEVERITY_ERROR; s <= DANVAN_SEVERITY_INFO; s++)
    by_sev += danvan_diagnostics_severity_total(d, s);
  FUZZ_REQUIRE(by_sev == total, "severity totals %zu, total %zu", by_sev, total);
  for (size_t i = 0; i < n; i++) {
    const char *rule = danvan_diagnostics_rule(d, i), *msg = danvan_diagnostics_message(d, i);
    int32_t sev = danvan_diagnostics_severity(d, i);
    FUZZ_REQUIRE(rule && known_rule(rule), "finding %zu has rule '%s'", i, rule ? rule : "(null)");
    FUZZ_REQUIRE(sev >= DANVAN_SEVERITY_ERROR && sev <= DANVAN_SEVERITY_INFO,
                 "finding %zu has severity %d", i, (int)sev);
    FUZZ_REQUIRE(msg && msg[0], "finding %zu (%s) has no message", i, rule);
    FUZZ_REQUIRE(danvan_diagnostics_file(d, i) && danvan_diagnostics_path(d, i),
                 "finding %zu lacks a file or a path", i);
    if (i == 0) continue;
    int c = strcmp(danvan_diagnostics_file(d, i - 1), danvan_diagnostics_file(d, i));
    if (!c) c = (danvan_diagnostics_line(d, i - 1) > danvan_diagnostics_line(d, i)) -
                (danvan_diagnostics_line(d, i - 1) < danvan_diagnostics_line(d, i));
    if (!c) c = (danvan_diagnostics_column(d, i - 1) > danvan_diagnostics_column(d, i)) -
                (danvan_diagnostics_column(d, i - 1) < danvan_diagnostics_column(d, i));
    if (!c) c = strcmp(danvan_diagnostics_rule(d, i - 1), rule);
    FUZZ_REQUIRE(c <= 0, "findings %zu and %zu are out of order", i - 1, i);
  }
  char *xml = NULL;
  int32_t rc = danvan_diagnostics_to_xml(&xml, d);
  FUZZ_REQUIRE(rc == DANVAN_OK && xml, "diagnostics_to_xml: %s", danvan_status_name(rc));
  danvan_free(xml);
}

static void validate(const danvan_dataset *ds, const char *lang, size_t cap, int32_t as_of) {
  danvan_validate_options *o = NULL;
  if (danvan_validate_options_new(&o) || danvan_validate_options_set_language(o, lang) ||
      danvan_validate_options_set_max_findings(o, cap) ||
      danvan_validate_options_set_as_of(o, as_of))
    abort();
  danvan_diagnostics *d = NULL;
  int32_t rc = danvan_validate(&d, ds, o);
  FUZZ_REQUIRE(rc == DANVAN_OK && d, "validate (%s): %s", lang, danvan_status_name(rc));
  check_list(d, cap);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
}

static char path[64];

static void validate_file(int32_t load_rc, uint32_t line, uint32_t column) {
  danvan_validate_options *o = NULL;
  if (danvan_validate_options_new(&o) || danvan_validate_options_set_language(o, "en") ||
      danvan_validate_options_set_max_findings(o, 0))
    abort();
  danvan_diagnostics *d = NULL;
  int32_t rc = danvan_validate_file(&d, path, o);
  FUZZ_REQUIRE(rc == DANVAN_OK && d, "validate_file: %s", danvan_status_name(rc));
  check_list(d, 0);
  int xml_at_place = 0, xml_any = 0;
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++) {
    if (strcmp(danvan_diagnostics_rule(d, i), "xml") != 0) continue;
    xml_any = 1;
    if (danvan_diagnostics_line(d, i) == line && danvan_diagnostics_column(d, i) == column &&
        strcmp(danvan_diagnostics_file(d, i), path) == 0)
      xml_at_place = 1;
  }
  if (load_rc)
    FUZZ_REQUIRE(xml_at_place, "no finding of rule xml at %u:%u for a file the reader refuses "
                               "(%s)", line, column, danvan_status_name(load_rc));
  else
    FUZZ_REQUIRE(!xml_any, "a finding of rule xml for a file the reader accepts");
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_watch_libxml2();
  if (!path[0]) {
    setenv("DANVAN_SCHEMA", DANVAN_SOURCE_DIR "/schema/danvan-1.xsd", 1);
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%.30s/danvan-fuzz-%ld.xml", tmp && tmp[0] ? tmp : "/tmp",
             (long)getpid());
  }
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_load_memory(&ds, (const char *)data, size, path, NULL);
  uint32_t line = danvan_error_line(), column = danvan_error_column();
  if (rc == DANVAN_OK) {
    validate(ds, "en", 0, 0);
    validate(ds, "vi", 3, 20250701);
  }
  danvan_dataset_free(ds);

  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) abort();
  validate_file(rc, line, column);
  unlink(path);
  return 0;
}
