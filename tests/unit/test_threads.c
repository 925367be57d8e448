/*
 * Threads: several threads work at once, each on its own dataset, while sharing the
 * library's read-only tables (the kind table is initialised once on first use) and each
 * keeping its own last error. Run under ThreadSanitizer by `make check-tsan`.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_threads_separate_datasets)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
