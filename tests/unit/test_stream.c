/* Streamed evaluation of report files: one report at a time, and what a reading error leaves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define DATA DANVAN_SOURCE_DIR "/examples/data/"

static char *write_temp(const char *text) {
  char *path = strdup("/tmp/danvan-stream-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  size_t len = strlen(text);
  assert_int_equal(write(fd, text, len), (ssize_t)len);
  close(fd);
  return path;
}

static danvan_evaluation *begin(danvan_dataset **ds) {
  int64_t as_of;
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_dataset_load(ds, DATA "tan-phong-2024-dot2.xml", NULL), DANVAN_OK);
  assert_int_equal(danvan_datetime_parse(&as_of, "2024-12-30T00:00:00+07:00"), DANVAN_OK);
  assert_int_equal(danvan_evaluation_begin(&ev, *ds, "tan-phong-2024-2", as_of, NULL), DANVAN_OK);
  return ev;
}

static char *to_xml(danvan_evaluation *ev) {
  char *xml = NULL;
  size_t len = 0;
  assert_int_equal(danvan_evaluation_to_xml(&xml, &len, ev), DANVAN_OK);
  return xml;
}

/* Streaming the report file gives the same result as merging it into the plan's dataset. */
static void test_stream_equals_merge(void **state) {
  (void)state;
  danvan_dataset *ds = NULL, *merged = NULL;
  danvan_evaluation *ev = begin(&ds);
  assert_int_equal(danvan_evaluation_add_report_file(ev, DATA "tan-phong-2024-dot2-reports.xml", NULL),
                   DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_OK);
  int64_t seen = 0;
  assert_int_equal(danvan_evaluation_tally(&seen, ev, DANVAN_TALLY_SEEN), DANVAN_OK);
  assert_int_equal(seen, 116);
  char *streamed = to_xml(ev);

  danvan_evaluation *ev2 = NULL;
  assert_int_equal(danvan_dataset_load(&merged, DATA "tan-phong-2024-dot2.xml", NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_merge(merged, DATA "tan-phong-2024-dot2-reports.xml", NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluate(&ev2, merged, "tan-phong-2024-2", danvan_evaluation_as_of(ev), NULL),
                   DANVAN_OK);
  char *whole = to_xml(ev2);
  assert_string_equal(streamed, whole);
  danvan_free(streamed);
  danvan_free(whole);
  danvan_evaluation_free(ev);
  danvan_evaluation_free(ev2);
  danvan_dataset_free(ds);
  danvan_dataset_free(merged);
}

static const char *HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n";
static const char *REPORT =
    "  <report id=\"r-x\" plan=\"tan-phong-2024-2\" duty=\"d-daily\" org=\"bt-ap-cau\" start=\"2024-12-10\""
    " end=\"2024-12-10\" submitted=\"2024-12-10T14:00:00+07:00\" mode=\"increment\" status=\"submitted\">\n"
    "    <value metric=\"road-cleared\">100</value>\n  </report>\n";

/* An error after a report leaves that report counted: the evaluation refuses to go on. */
static void test_error_after_a_report_breaks_the_evaluation(void **state) {
  (void)state;
  char text[2048];
  snprintf(text, sizeof text, "%s%s  <report id=\"r-y\" plan=\"tan-phong-2024-2\" start=\"2024-13-01\"/>\n</danvan>\n",
           HEAD, REPORT);
  char *path = write_temp(text);
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = begin(&ds);
  assert_int_equal(danvan_evaluation_add_report_file(ev, path, NULL), DANVAN_EINVALID);
  assert_string_equal(danvan_error_file(), path);
  assert_int_equal(danvan_error_line(), 6);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_EINVAL);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  unlink(path);
  free(path);
}

/* An error before the first report adds nothing: the evaluation goes on. */
static void test_error_before_any_report_keeps_it_usable(void **state) {
  (void)state;
  char text[2048];
  snprintf(text, sizeof text, "%s  <nonsense/>\n%s</danvan>\n", HEAD, REPORT);
  char *bad = write_temp(text);
  snprintf(text, sizeof text, "%s%s</danvan>\n", HEAD, REPORT);
  char *good = write_temp(text);
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = begin(&ds);
  assert_int_equal(danvan_evaluation_add_report_file(ev, bad, NULL), DANVAN_EINVALID);
  assert_int_equal(danvan_evaluation_add_report_file(ev, "/nonexistent/reports.xml", NULL), DANVAN_EIO);
  assert_int_equal(danvan_evaluation_add_report_file(ev, good, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_OK);
  int64_t seen = 0;
  assert_int_equal(danvan_evaluation_tally(&seen, ev, DANVAN_TALLY_SEEN), DANVAN_OK);
  assert_int_equal(seen, 1);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  unlink(bad);
  unlink(good);
  free(bad);
  free(good);
}

/* Many reports in one file: each is released after use (checked by ASan/valgrind for leaks
   and by the result: every report was seen, none twice). */
static void test_many_reports(void **state) {
  (void)state;
  const size_t n = 3000;
  size_t cap = n * 400 + 200, len = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  len += (size_t)snprintf(text + len, cap - len, "%s", HEAD);
  for (size_t i = 0; i < n; i++)
    len += (size_t)snprintf(text + len, cap - len,
                            "  <report id=\"r-%zu\" plan=\"tan-phong-2024-2\" duty=\"d-daily\" org=\"bt-ap-moi\""
                            " start=\"2024-12-%02zu\" end=\"2024-12-%02zu\" submitted=\"2024-12-%02zuT14:00:00+07:00\">\n"
                            "    <value metric=\"road-lit\">1</value>\n  </report>\n",
                            i, 10 + i % 15, 10 + i % 15, 10 + i % 15);
  len += (size_t)snprintf(text + len, cap - len, "</danvan>\n");
  char *path = write_temp(text);
  free(text);
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = begin(&ds);
  assert_int_equal(danvan_evaluation_add_report_file(ev, path, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_OK);
  int64_t seen = 0;
  assert_int_equal(danvan_evaluation_tally(&seen, ev, DANVAN_TALLY_SEEN), DANVAN_OK);
  assert_int_equal(seen, (int64_t)n);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  unlink(path);
  free(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_stream_equals_merge),
      cmocka_unit_test(test_error_after_a_report_breaks_the_evaluation),
      cmocka_unit_test(test_error_before_any_report_keeps_it_usable),
      cmocka_unit_test(test_many_reports),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
