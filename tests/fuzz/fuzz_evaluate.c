/*
 * Fuzz target: evaluation and its outputs (lib/evaluate/, lib/output/) with fuzzed reports.
 *
 * Two paths on every input:
 * - merge: a fixed plan (tests/data/xml/full.xml, every kind and field) is loaded, the input
 *   is merged into it, and the plan is evaluated (danvan_evaluate) at a moment picked by the
 *   input's length; the same through begin / add_reports / finish must give the same XML;
 * - stream: the input is loaded on its own and its reports are given to an open evaluation
 *   of the Tân Phong plan (examples/data/tan-phong-2024-dot2.xml, loaded once, shared).
 * Every finished evaluation is written as XML, CSV (all tables, and each), text and HTML, and
 * every cell is read; all of it must succeed. XLSX is left out: libxlsxwriter writes files.
 */
#include "fuzz.h"

#define PLAN_ID "tan-phong-2024-2"

static danvan_dataset *load_file(const char *path) {
  danvan_dataset *ds = NULL;
  if (danvan_dataset_load(&ds, path, NULL) != DANVAN_OK) {
    fprintf(stderr, "cannot load %s: %s\n", path, danvan_error_message());
    abort();
  }
  return ds;
}

static void outputs(const danvan_evaluation *ev) {
  char *s = NULL;
  size_t len = 0;
  int32_t rc;
  FUZZ_REQUIRE((rc = danvan_evaluation_to_xml(&s, &len, ev)) == DANVAN_OK, "to_xml: %s",
               danvan_status_name(rc));
  danvan_free(s);
  for (int32_t t = DANVAN_EVAL_ALL; t < DANVAN_EVAL_TABLE_COUNT; t++) {
    FUZZ_REQUIRE((rc = danvan_evaluation_to_csv(&s, &len, ev, t)) == DANVAN_OK,
                 "to_csv(%d): %s", (int)t, danvan_status_name(rc));
    danvan_free(s);
  }
  FUZZ_REQUIRE((rc = danvan_evaluation_to_text(&s, &len, ev)) == DANVAN_OK, "to_text: %s",
               danvan_status_name(rc));
  danvan_free(s);
  FUZZ_REQUIRE((rc = danvan_evaluation_to_html(&s, &len, ev)) == DANVAN_OK, "to_html: %s",
               danvan_status_name(rc));
  danvan_free(s);
  for (int32_t t = DANVAN_EVAL_DUTIES; t < DANVAN_EVAL_TABLE_COUNT; t++) {
    size_t rows = danvan_evaluation_row_count(ev, t);
    for (size_t c = 0; c < danvan_evaluation_column_count(t); c++) {
      int32_t col = danvan_evaluation_column(t, c);
      for (size_t row = 0; row < rows && row < 64; row++) {
        rc = danvan_evaluation_format(&s, ev, t, col, row);
        FUZZ_REQUIRE(rc == DANVAN_OK, "format(%d, %d, %zu): %s", (int)t, (int)col, row,
                     danvan_status_name(rc));
        danvan_free(s);
      }
      double d[8];
      const char *str[8];
      if (danvan_evaluation_column_type(t, col) == DANVAN_COLUMN_STRING)
        rc = danvan_evaluation_fill_string(str, 8, ev, t, col, 0);
      else
        rc = danvan_evaluation_fill_double(d, 8, ev, t, col, 0);
      FUZZ_REQUIRE(rc == DANVAN_OK, "fill(%d, %d): %s", (int)t, (int)col, danvan_status_name(rc));
    }
  }
}

static int64_t moment(size_t size) {
  static const char *const at[] = {"2024-12-15T12:00:00+07:00", "2024-12-24T15:00:00+07:00",
                                   "2025-01-31T00:00:00+07:00"};
  int64_t t = 0;
  if (danvan_datetime_parse(&t, at[size % 3])) abort();
  return t;
}

static void merged(const uint8_t *data, size_t size) {
  static char *plan_xml;
  static size_t plan_len;
  if (!plan_xml) {
    danvan_dataset *ds = load_file(DANVAN_SOURCE_DIR "/tests/data/xml/full.xml");
    if (danvan_dataset_to_xml(&plan_xml, &plan_len, ds)) abort();
    danvan_dataset_free(ds);
  }
  danvan_dataset *ds = NULL;
  if (danvan_dataset_load_memory(&ds, plan_xml, plan_len, "plan.xml", NULL)) abort();
  if (danvan_dataset_merge_memory(ds, (const char *)data, size, "fuzz.xml", NULL) != DANVAN_OK) {
    danvan_dataset_free(ds);
    return;
  }
  danvan_evaluation *ev = NULL, *ev2 = NULL;
  int64_t as_of = moment(size);
  int32_t rc = danvan_evaluate(&ev, ds, PLAN_ID, as_of, NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_ELIMIT, "evaluate: %s", danvan_status_name(rc));
  int32_t rc2 = danvan_evaluation_begin(&ev2, ds, PLAN_ID, as_of, NULL);
  if (!rc2) rc2 = danvan_evaluation_add_reports(ev2, ds);
  if (!rc2) rc2 = danvan_evaluation_finish(ev2);
  FUZZ_REQUIRE(rc2 == rc, "evaluate gave %s, begin/add/finish %s", danvan_status_name(rc),
               danvan_status_name(rc2));
  /* the evaluation keeps the dataset alive */
  danvan_dataset_free(ds);
  if (!rc) {
    outputs(ev);
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    if (danvan_evaluation_to_xml(&a, &alen, ev) || danvan_evaluation_to_xml(&b, &blen, ev2))
      abort();
    FUZZ_REQUIRE(alen == blen && memcmp(a, b, alen) == 0,
                 "danvan_evaluate and begin/add/finish differ:\n%s\n----\n%s", a, b);
    danvan_free(a);
    danvan_free(b);
  }
  danvan_evaluation_free(ev);
  danvan_evaluation_free(ev2);
}

static void streamed(const uint8_t *data, size_t size) {
  static danvan_dataset *plan;
  if (!plan) plan = load_file(DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2.xml");
  danvan_dataset *reports = NULL;
  if (danvan_dataset_load_memory(&reports, (const char *)data, size, "fuzz.xml", NULL)) return;
  danvan_evaluation *ev = NULL;
  int32_t rc = danvan_evaluation_begin(&ev, plan, PLAN_ID, moment(size), NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK, "begin: %s", danvan_status_name(rc));
  rc = danvan_evaluation_add_reports(ev, reports);
  danvan_dataset_free(reports); /* the evaluation copied what it needs */
  if (!rc) rc = danvan_evaluation_finish(ev);
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_ELIMIT, "add_reports/finish: %s",
               danvan_status_name(rc));
  if (!rc) outputs(ev);
  danvan_evaluation_free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_watch_libxml2();
  merged(data, size);
  streamed(data, size);
  return 0;
}
