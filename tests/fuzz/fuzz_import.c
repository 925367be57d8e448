/*
 * Fuzz target: the text importer (lib/text/import*.c, include/danvan/import.h).
 *
 * Properties on every input:
 * - the import succeeds, or fails with EPARSE (nothing that looks like a document) — never
 *   another status for an input of this size;
 * - on success the result names the new plan or report, its findings have a line within the
 *   text, a known severity, a rule and a message;
 * - the dataset it built exports to XML, and the export loads and exports again to the same
 *   bytes; it validates; an imported plan evaluates (or hits a documented limit) and its
 *   evaluation is written in every text format;
 * - importing the same text again into the same dataset succeeds too (ids made unique).
 */
#include "fuzz.h"

/* Lines as the importer counts them: LF, CR LF and a lone CR each end one. */
static uint32_t count_lines(const uint8_t *data, size_t size) {
  uint32_t n = 1;
  for (size_t i = 0; i < size; i++)
    n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
  return n;
}

static void check_export(const danvan_dataset *ds) {
  char *out = NULL, *out2 = NULL;
  size_t len = 0, len2 = 0;
  int32_t rc = danvan_dataset_to_xml(&out, &len, ds);
  FUZZ_REQUIRE(rc == DANVAN_OK, "an imported dataset does not export: %s", danvan_status_name(rc));
  danvan_dataset *again = NULL;
  rc = danvan_dataset_load_memory(&again, out, len, "import.xml", NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK, "the export of an import does not load: %s\n%s",
               danvan_status_name(rc), out);
  FUZZ_REQUIRE(danvan_dataset_to_xml(&out2, &len2, again) == DANVAN_OK && len2 == len &&
                   memcmp(out, out2, len) == 0,
               "export, import, export changes the bytes of an imported dataset");
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(again);
}

static void check_validate_evaluate(const danvan_dataset *ds, const danvan_entity *doc) {
  danvan_validate_options *o = NULL;
  danvan_diagnostics *d = NULL;
  if (danvan_validate_options_new(&o) || danvan_validate_options_set_language(o, "en")) abort();
  int32_t rc = danvan_validate(&d, ds, o);
  FUZZ_REQUIRE(rc == DANVAN_OK, "an imported dataset does not validate: %s", danvan_status_name(rc));
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
  if (danvan_entity_kind(doc) != DANVAN_KIND_PLAN) return;
  danvan_evaluation *ev = NULL;
  int64_t as_of = 0;
  if (danvan_datetime_parse(&as_of, "2025-01-31T00:00:00+07:00")) abort();
  rc = danvan_evaluate(&ev, ds, danvan_entity_id(doc), as_of, NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_ELIMIT, "an imported plan does not evaluate: %s",
               danvan_status_name(rc));
  if (!rc) {
    char *s = NULL;
    size_t len = 0;
    FUZZ_REQUIRE(danvan_evaluation_to_xml(&s, &len, ev) == DANVAN_OK, "to_xml");
    danvan_free(s);
    FUZZ_REQUIRE(danvan_evaluation_to_csv(&s, &len, ev, DANVAN_EVAL_ALL) == DANVAN_OK, "to_csv");
    danvan_free(s);
    FUZZ_REQUIRE(danvan_evaluation_to_text(&s, &len, ev) == DANVAN_OK, "to_text");
    danvan_free(s);
    FUZZ_REQUIRE(danvan_evaluation_to_html(&s, &len, ev) == DANVAN_OK, "to_html");
    danvan_free(s);
  }
  danvan_evaluation_free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_watch_libxml2();
  danvan_dataset *ds = NULL;
  if (danvan_dataset_new(&ds)) abort();
  danvan_import_result *res = NULL;
  danvan_error_clear();
  int32_t rc = danvan_import_text_result(&res, ds, (const char *)data, size, "fuzz.txt", NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_EPARSE, "import returned %s",
               danvan_status_name(rc));
  if (rc) {
    fuzz_check_error(rc);
    FUZZ_REQUIRE(res == NULL, "a failed import gave a result");
    danvan_dataset_free(ds);
    return 0;
  }
  const danvan_entity *doc = danvan_import_result_entity(res);
  FUZZ_REQUIRE(doc != NULL, "an import without its document");
  int32_t kind = danvan_entity_kind(doc);
  FUZZ_REQUIRE(kind == DANVAN_KIND_PLAN || kind == DANVAN_KIND_REPORT, "imported a %s",
               danvan_kind_name(kind));
  uint32_t lines = count_lines(data, size), prev = 0;
  for (size_t i = 0; i < danvan_import_result_count(res); i++) {
    uint32_t line = danvan_import_result_line(res, i);
    int32_t sev = danvan_import_result_severity(res, i);
    const char *rule = danvan_import_result_rule(res, i), *msg = danvan_import_result_message(res, i);
    FUZZ_REQUIRE(line >= 1 && line <= lines, "finding %zu at line %u of %u", i, line, lines);
    FUZZ_REQUIRE(line >= prev, "findings out of line order (%u after %u)", line, prev);
    prev = line;
    FUZZ_REQUIRE(sev == DANVAN_IMPORT_INFO || sev == DANVAN_IMPORT_WARNING, "severity %d", (int)sev);
    FUZZ_REQUIRE(rule && rule[0] && msg && msg[0], "finding %zu without a rule or message", i);
  }
  check_export(ds);
  check_validate_evaluate(ds, doc);
  danvan_import_result_free(res);

  /* the same text again, into the same dataset */
  danvan_entity *second = NULL;
  rc = danvan_import_text(&second, ds, (const char *)data, size, "again.txt", NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK && second, "a second import of the same text: %s",
               danvan_status_name(rc));
  check_export(ds);
  danvan_dataset_free(ds);
  return 0;
}
