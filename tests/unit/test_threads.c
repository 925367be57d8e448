/*
 * Threads: several threads work at once, each on its own dataset, while sharing the
 * library's read-only tables (the kind table, libxml2's set-up and the compiled schema, each
 * initialised once on first use) and each keeping its own last error; and several threads
 * read one dataset at once (validation, evaluation), each evaluation keeping it alive.
 * Run under ThreadSanitizer by `make check-tsan` (docs/robustness.md says what may be shared).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define THREADS 4
#define ORGS 300

typedef struct job {
  int index;
  int failures;
  size_t matched;
  char last_error[64];
} job;

static void *work(void *arg) {
  job *j = arg;
  for (int round = 0; round < 5; round++) {
    danvan_dataset *ds = NULL;
    if (danvan_dataset_new(&ds)) {
      j->failures++;
      continue;
    }
    danvan_entity *root = danvan_dataset_root(ds), *e = NULL, *plan = NULL, *q = NULL, *s = NULL;
    char id[32];
    for (int i = 0; i < ORGS; i++) {
      snprintf(id, sizeof id, "t%d-org-%d", j->index, i);
      if (danvan_entity_add(&e, root, DANVAN_KIND_ORGANISATION, id) ||
          danvan_entity_set(e, DANVAN_F_KIND, i % 3 ? "youth-union" : "police"))
        j->failures++;
    }
    if (danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, "p") ||
        danvan_entity_add(&q, plan, DANVAN_KIND_QUOTA, "q") ||
        danvan_entity_add(&s, q, DANVAN_KIND_SELECTOR, NULL) ||
        danvan_entity_set(s, DANVAN_F_KIND, "youth-union"))
      j->failures++;
    danvan_entity_list *l = NULL;
    if (danvan_selector_resolve(&l, q, 0)) j->failures++;
    j->matched = danvan_entity_list_count(l);
    danvan_entity_list_free(l);
    /* each thread's last error is its own */
    int32_t d;
    snprintf(id, sizeof id, "2021-02-%d", 30 + j->index % 2);
    if (danvan_date_parse(&d, id) != DANVAN_EPARSE) j->failures++;
    snprintf(j->last_error, sizeof j->last_error, "%s", danvan_error_message());
    if (!strstr(j->last_error, id)) j->failures++;
    danvan_dataset_free(ds);
  }
  return NULL;
}

/* ---- load, validate, evaluate, import: each thread its own datasets ----------------------- */
#define DATA DANVAN_SOURCE_DIR "/examples/data/"
#define PLAN_ID "tan-phong-2024-2"
#define ROUNDS 3

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0, k;
  char *buf = malloc(cap + 1);
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *p = realloc(buf, (cap *= 2) + 1);
      if (!p) free(buf);
      buf = p;
    }
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  *len = n;
  return buf;
}

/* Inputs and the results of one thread alone, which every thread must reproduce. */
static struct {
  char *plan, *reports, *text;
  size_t plan_len, reports_len, text_len;
  int64_t as_of;
  size_t findings_en, findings_vi;
  char *export_xml, *evaluation_xml, *import_xml;
} ref;

typedef struct outcome {
  size_t findings_en, findings_vi;
  char *export_xml, *evaluation_xml, *import_xml;
  int32_t rc;
  const char *step;
} outcome;

static danvan_dataset *load_plan_and_reports(outcome *o) {
  danvan_dataset *ds = NULL;
  if ((o->rc = danvan_dataset_load_memory(&ds, ref.plan, ref.plan_len, "plan.xml", NULL))) {
    o->step = "load";
    return NULL;
  }
  if ((o->rc = danvan_dataset_merge_memory(ds, ref.reports, ref.reports_len, "reports.xml", NULL))) {
    o->step = "merge";
    danvan_dataset_free(ds);
    return NULL;
  }
  return ds;
}

static size_t validate_count(const danvan_dataset *ds, const char *lang, outcome *o) {
  danvan_validate_options *vo = NULL;
  danvan_diagnostics *d = NULL;
  size_t n = 0;
  if ((o->rc = danvan_validate_options_new(&vo)) ||
      (o->rc = danvan_validate_options_set_language(vo, lang)) ||
      (o->rc = danvan_validate(&d, ds, vo)))
    o->step = "validate";
  n = danvan_diagnostics_total(d);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(vo);
  return n;
}

/* Everything once, on this thread; the outcome's strings are the caller's to free. */
static void run_all(outcome *o) {
  memset(o, 0, sizeof *o);
  danvan_dataset *ds = load_plan_and_reports(o);
  if (!ds) return;
  o->findings_en = validate_count(ds, "en", o);
  o->findings_vi = validate_count(ds, "vi", o);
  if (!o->rc && (o->rc = danvan_dataset_to_xml(&o->export_xml, NULL, ds))) o->step = "export";
  danvan_evaluation *ev = NULL;
  if (!o->rc && (o->rc = danvan_evaluate(&ev, ds, PLAN_ID, ref.as_of, NULL))) o->step = "evaluate";
  danvan_dataset_free(ds); /* the evaluation keeps it alive */
  if (!o->rc && (o->rc = danvan_evaluation_to_xml(&o->evaluation_xml, NULL, ev)))
    o->step = "evaluation_to_xml";
  danvan_evaluation_free(ev);
  if (o->rc) return;
  /* the text importer, into a dataset of its own */
  danvan_dataset *imp = NULL;
  if ((o->rc = danvan_dataset_new(&imp)) ||
      (o->rc = danvan_import_text(NULL, imp, ref.text, ref.text_len, "plan.txt", NULL)) ||
      (o->rc = danvan_dataset_to_xml(&o->import_xml, NULL, imp)))
    o->step = "import";
  danvan_dataset_free(imp);
}

static void free_outcome(outcome *o) {
  danvan_free(o->export_xml);
  danvan_free(o->evaluation_xml);
  danvan_free(o->import_xml);
}

typedef struct worker {
  int index;
  char failure[160];
} worker;

static void *work_all(void *arg) {
  worker *w = arg;
  for (int round = 0; round < ROUNDS && !w->failure[0]; round++) {
    outcome o;
    run_all(&o);
    if (o.rc)
      snprintf(w->failure, sizeof w->failure, "%s: %s (%s)", o.step, danvan_status_name(o.rc),
               danvan_error_message());
    else if (o.findings_en != ref.findings_en || o.findings_vi != ref.findings_vi)
      snprintf(w->failure, sizeof w->failure, "findings %zu/%zu, alone %zu/%zu", o.findings_en,
               o.findings_vi, ref.findings_en, ref.findings_vi);
    else if (strcmp(o.export_xml, ref.export_xml) != 0)
      snprintf(w->failure, sizeof w->failure, "the export differs");
    else if (strcmp(o.evaluation_xml, ref.evaluation_xml) != 0)
      snprintf(w->failure, sizeof w->failure, "the evaluation differs");
    else if (strcmp(o.import_xml, ref.import_xml) != 0)
      snprintf(w->failure, sizeof w->failure, "the import differs");
    free_outcome(&o);
    /* a file the reader refuses, and its finding: this thread's error names this thread's file */
    char name[32];
    snprintf(name, sizeof name, "thread-%d.xml", w->index);
    danvan_dataset *bad = NULL;
    if (!w->failure[0] &&
        (danvan_dataset_load_memory(&bad, "<danvan/>", 9, name, NULL) != DANVAN_EINVALID ||
         strcmp(danvan_error_file(), name) != 0))
      snprintf(w->failure, sizeof w->failure, "error of another thread: %s", danvan_error_file());
    danvan_diagnostics *d = NULL;
    if (!w->failure[0] &&
        (danvan_validate_file(&d, DATA "tan-phong-2024-dot2.xml", NULL) != DANVAN_OK || !d))
      snprintf(w->failure, sizeof w->failure, "validate_file: %s", danvan_error_message());
    danvan_diagnostics_free(d);
  }
  return NULL;
}

static int setup_refs(void **state) {
  (void)state;
  ref.plan = read_file(DATA "tan-phong-2024-dot2.xml", &ref.plan_len);
  ref.reports = read_file(DATA "tan-phong-2024-dot2-reports.xml", &ref.reports_len);
  ref.text = read_file(DANVAN_SOURCE_DIR "/tests/data/import/ke-hoach-ubnd-huyen-chau-thanh-2024.txt",
                       &ref.text_len);
  if (!ref.plan || !ref.reports || !ref.text) return -1;
  return danvan_datetime_parse(&ref.as_of, "2024-12-30T00:00:00+07:00") ? -1 : 0;
}

static int teardown_refs(void **state) {
  (void)state;
  free(ref.plan);
  free(ref.reports);
  free(ref.text);
  danvan_free(ref.export_xml);
  danvan_free(ref.evaluation_xml);
  danvan_free(ref.import_xml);
  return 0;
}

static void *work_once(void *arg) {
  run_all(arg);
  return NULL;
}

static void same_outcome(const outcome *a, const outcome *b, int i) {
  if (a->rc) fail_msg("thread %d, %s: %s", i, a->step, danvan_status_name(a->rc));
  if (a->findings_en != b->findings_en || a->findings_vi != b->findings_vi)
    fail_msg("thread %d: %zu/%zu findings, %zu/%zu alone", i, a->findings_en, a->findings_vi,
             b->findings_en, b->findings_vi);
  if (strcmp(a->export_xml, b->export_xml) || strcmp(a->evaluation_xml, b->evaluation_xml) ||
      strcmp(a->import_xml, b->import_xml))
    fail_msg("thread %d: an output differs from that of one thread alone", i);
}

/* First in the program: the threads race to every first-use initialisation (kind table,
   libxml2, the schema); each outcome must be that of the main thread meanwhile. Then more
   rounds, each compared with it. */
static void test_threads_load_validate_evaluate_import(void **state) {
  (void)state;
  pthread_t t[THREADS];
  outcome first[THREADS];
  for (int i = 0; i < THREADS; i++)
    assert_int_equal(pthread_create(&t[i], NULL, work_once, &first[i]), 0);
  outcome alone;
  run_all(&alone);
  for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_join(t[i], NULL), 0);
  if (alone.rc) fail_msg("alone, %s: %s", alone.step, danvan_status_name(alone.rc));
  for (int i = 0; i < THREADS; i++) {
    same_outcome(&first[i], &alone, i);
    free_outcome(&first[i]);
  }
  ref.findings_en = alone.findings_en;
  ref.findings_vi = alone.findings_vi;
  ref.export_xml = alone.export_xml;
  ref.evaluation_xml = alone.evaluation_xml;
  ref.import_xml = alone.import_xml;
  assert_true(ref.findings_en > 0);

  worker w[THREADS];
  memset(w, 0, sizeof w);
  for (int i = 0; i < THREADS; i++) {
    w[i].index = i;
    assert_int_equal(pthread_create(&t[i], NULL, work_all, &w[i]), 0);
  }
  for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_join(t[i], NULL), 0);
  for (int i = 0; i < THREADS; i++)
    if (w[i].failure[0]) fail_msg("thread %d: %s", i, w[i].failure);
}

/* ---- one dataset, read by several threads at once ----------------------------------------- */
typedef struct reader_job {
  const danvan_dataset *ds;
  danvan_evaluation *ev; /* handed back: freed by the main thread after the dataset */
  size_t findings;
  char failure[160];
} reader_job;

static void *read_shared(void *arg) {
  reader_job *j = arg;
  outcome o = {0};
  for (int round = 0; round < ROUNDS && !j->failure[0]; round++) {
    j->findings = validate_count(j->ds, round % 2 ? "vi" : "en", &o);
    if (o.rc || j->findings != (round % 2 ? ref.findings_vi : ref.findings_en)) {
      snprintf(j->failure, sizeof j->failure, "validate: %s, %zu findings",
               danvan_status_name(o.rc), j->findings);
      break;
    }
    danvan_evaluation *ev = NULL;
    char *xml = NULL;
    int32_t rc = danvan_evaluate(&ev, j->ds, PLAN_ID, ref.as_of, NULL);
    if (!rc) rc = danvan_evaluation_to_xml(&xml, NULL, ev);
    if (rc || strcmp(xml, ref.evaluation_xml) != 0)
      snprintf(j->failure, sizeof j->failure, "evaluate: %s", danvan_status_name(rc));
    danvan_free(xml);
    if (round + 1 == ROUNDS) j->ev = ev;
    else danvan_evaluation_free(ev);
  }
  return NULL;
}

static void test_threads_share_one_dataset(void **state) {
  (void)state;
  assert_non_null(ref.evaluation_xml); /* from the test before */
  outcome o = {0};
  danvan_dataset *ds = load_plan_and_reports(&o);
  assert_non_null(ds);
  pthread_t t[THREADS];
  reader_job j[THREADS];
  memset(j, 0, sizeof j);
  for (int i = 0; i < THREADS; i++) {
    j[i].ds = ds;
    assert_int_equal(pthread_create(&t[i], NULL, read_shared, &j[i]), 0);
  }
  for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_join(t[i], NULL), 0);
  danvan_dataset_free(ds); /* the evaluations handed back keep it alive */
  for (int i = 0; i < THREADS; i++) {
    if (j[i].failure[0]) fail_msg("thread %d: %s", i, j[i].failure);
    assert_non_null(j[i].ev);
    assert_string_equal(danvan_evaluation_plan_id(j[i].ev), PLAN_ID);
    danvan_evaluation_free(j[i].ev);
  }
}

static void test_threads_separate_datasets(void **state) {
  (void)state;
  pthread_t t[THREADS];
  job jobs[THREADS];
  memset(jobs, 0, sizeof jobs);
  for (int i = 0; i < THREADS; i++) {
    jobs[i].index = i;
    assert_int_equal(pthread_create(&t[i], NULL, work, &jobs[i]), 0);
  }
  for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_join(t[i], NULL), 0);
  for (int i = 0; i < THREADS; i++) {
    assert_int_equal(jobs[i].failures, 0);
    assert_int_equal(jobs[i].matched, ORGS - ORGS / 3);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_load_validate_evaluate_import),
      cmocka_unit_test(test_threads_share_one_dataset),
      cmocka_unit_test(test_threads_separate_datasets),
  };
  return cmocka_run_group_tests(tests, setup_refs, teardown_refs);
}
