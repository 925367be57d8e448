/* Validation built through the API: each rule on a small dataset that breaks it, the same
   dataset without the mistake, and the diagnostics list itself (order, cap, languages, XML). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <danvan/danvan.h>

/* ---- building ----------------------------------------------------------------------------- */
/* add(parent, kind, id, field, value, field, value, …, 0) */
static danvan_entity *add(danvan_entity *parent, int32_t kind, const char *id, ...) {
  danvan_entity *e = NULL;
  assert_int_equal(danvan_entity_add(&e, parent, kind, id), DANVAN_OK);
  va_list ap;
  va_start(ap, id);
  for (;;) {
    int32_t f = va_arg(ap, int32_t);
    if (!f) break;
    const char *v = va_arg(ap, const char *);
    int32_t rc = danvan_entity_set(e, f, v);
    if (rc) fprintf(stderr, "set %d=%s: %s\n", (int)f, v, danvan_error_message());
    assert_int_equal(rc, DANVAN_OK);
  }
  va_end(ap);
  return e;
}

static danvan_entity *find(danvan_dataset *ds, const char *id) {
  danvan_entity *e = NULL;
  assert_int_equal(danvan_dataset_find(&e, ds, id), DANVAN_OK);
  return e;
}

/* A clean commune plan in the shape of seed 002. */
static danvan_dataset *base(void) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  danvan_entity *r = danvan_dataset_root(ds);
  add(r, DANVAN_KIND_METRIC, "road-cleared", DANVAN_F_UNIT, "m", 0);
  add(r, DANVAN_KIND_METRIC, "route", DANVAN_F_UNIT, "route", 0);
  add(r, DANVAN_KIND_METRIC, "house", DANVAN_F_UNIT, "house", DANVAN_F_MIN_UNIT_COST, "20000000",
      DANVAN_F_MAX_UNIT_COST, "200000000", 0);
  add(r, DANVAN_KIND_METRIC, "gift-value", DANVAN_F_UNIT, "VND", 0);
  add(r, DANVAN_KIND_LOCALITY, "tan-bien", DANVAN_F_KIND, "district", DANVAN_F_NAME, "Tân Biên",
      DANVAN_F_TO, "2025-06-30", 0);
  add(r, DANVAN_KIND_LOCALITY, "tan-phong", DANVAN_F_KIND, "commune", DANVAN_F_NAME, "Tân Phong",
      DANVAN_F_PARENT, "tan-bien", 0);
  add(r, DANVAN_KIND_LOCALITY, "ap-cau", DANVAN_F_KIND, "hamlet", DANVAN_F_NAME, "Cầu",
      DANVAN_F_PARENT, "tan-phong", 0);
  add(r, DANVAN_KIND_LOCALITY, "ap-trai-bi", DANVAN_F_KIND, "hamlet", DANVAN_F_NAME, "Trại Bí",
      DANVAN_F_PARENT, "tan-phong", 0);
  add(r, DANVAN_KIND_PERSON, "p-xanh", DANVAN_F_NAME, "Trương Thị Kim Xanh", 0);
  add(r, DANVAN_KIND_PERSON, "p-giang", DANVAN_F_NAME, "Nguyễn Thế Giang", 0);
  add(r, DANVAN_KIND_ORGANISATION, "bcd-tan-bien", DANVAN_F_KIND, "steering-committee",
      DANVAN_F_LOCALITY, "tan-bien", 0);
  danvan_entity *bcd = add(r, DANVAN_KIND_ORGANISATION, "bcd-tan-phong", DANVAN_F_KIND,
                           "steering-committee", DANVAN_F_LOCALITY, "tan-phong", DANVAN_F_PARENT,
                           "bcd-tan-bien", DANVAN_F_NAME, "BCĐ xã Tân Phong", 0);
  danvan_entity *m = add(bcd, DANVAN_KIND_MEMBER, NULL, DANVAN_F_PERSON, "p-xanh", DANVAN_F_ROLE, "head", 0);
  add(m, DANVAN_KIND_AREA, NULL, DANVAN_F_LOCALITY, "ap-cau", 0);
  m = add(bcd, DANVAN_KIND_MEMBER, NULL, DANVAN_F_PERSON, "p-giang", DANVAN_F_ROLE, "member", 0);
  add(m, DANVAN_KIND_AREA, NULL, DANVAN_F_LOCALITY, "ap-trai-bi", 0);
  add(r, DANVAN_KIND_ORGANISATION, "bchqs-tan-phong", DANVAN_F_KIND, "military-command",
      DANVAN_F_LOCALITY, "tan-phong", DANVAN_F_PARENT, "bcd-tan-phong", 0);
  add(r, DANVAN_KIND_ORGANISATION, "bt-ap-cau", DANVAN_F_KIND, "village-board", DANVAN_F_LOCALITY,
      "ap-cau", DANVAN_F_PARENT, "bcd-tan-phong", 0);
  danvan_entity *plan = add(r, DANVAN_KIND_PLAN, "tan-phong-2024-2", DANVAN_F_TYPE, "KH",
                            DANVAN_F_NUMBER, "15", DANVAN_F_SYMBOL, "KH/BCĐ", DANVAN_F_DATE,
                            "2024-12-04", DANVAN_F_START, "2024-12-10", DANVAN_F_END, "2024-12-24",
                            0);
  (void)plan;
  return ds;
}

static danvan_entity *plan_of(danvan_dataset *ds) { return find(ds, "tan-phong-2024-2"); }

static void finish_plan(danvan_entity *plan) {
  add(plan, DANVAN_KIND_ISSUER, NULL, DANVAN_F_ORG, "bcd-tan-phong", 0);
  add(plan, DANVAN_KIND_SIGNATURE, NULL, DANVAN_F_PERSON, "p-xanh", DANVAN_F_POSITION,
      "Phó Bí thư Đảng ủy kiêm Trưởng Ban Chỉ đạo", DANVAN_F_FOR, "bcd-tan-phong", 0);
}

/* ---- checking ----------------------------------------------------------------------------- */
static danvan_diagnostics *run_lang(danvan_dataset *ds, const char *lang) {
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, lang), DANVAN_OK);
  danvan_diagnostics *d = NULL;
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  danvan_validate_options_free(o);
  return d;
}

static danvan_diagnostics *run(danvan_dataset *ds) { return run_lang(ds, "en"); }

static void dump(const danvan_diagnostics *d) {
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++)
    fprintf(stderr, "  [%s] %s %s: %s\n", danvan_diagnostics_rule(d, i),
            danvan_severity_name(danvan_diagnostics_severity(d, i), "en"),
            danvan_diagnostics_path(d, i), danvan_diagnostics_message(d, i));
}

static size_t count_rule(const danvan_diagnostics *d, const char *rule) {
  size_t n = 0;
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++)
    if (strcmp(danvan_diagnostics_rule(d, i), rule) == 0) n++;
  return n;
}

/* index of the first finding of rule whose message contains text, or -1 */
static long find_msg(const danvan_diagnostics *d, const char *rule, const char *text) {
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++)
    if (strcmp(danvan_diagnostics_rule(d, i), rule) == 0 &&
        strstr(danvan_diagnostics_message(d, i), text))
      return (long)i;
  return -1;
}

static void expect(danvan_dataset *ds, const char *rule, size_t n, const char *text) {
  danvan_diagnostics *d = run(ds);
  if (count_rule(d, rule) != n || (text && find_msg(d, rule, text) < 0)) {
    fprintf(stderr, "expected %zu x %s with \"%s\", got:\n", n, rule, text ? text : "");
    dump(d);
  }
  assert_int_equal(count_rule(d, rule), n);
  if (text) assert_true(find_msg(d, rule, text) >= 0);
  danvan_diagnostics_free(d);
}

/* ---- tests -------------------------------------------------------------------------------- */
static void test_clean(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  finish_plan(plan_of(ds));
  danvan_diagnostics *d = run(ds);
  if (danvan_diagnostics_count(d)) dump(d);
  assert_int_equal(danvan_diagnostics_count(d), 0);
  assert_int_equal(danvan_diagnostics_total(d), 0);
  danvan_diagnostics_free(d);
  danvan_dataset_free(ds);
}

static void test_ref(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  add(plan, DANVAN_KIND_TASK, "t1", DANVAN_F_LEAD, "nobody", 0);
  add(plan, DANVAN_KIND_TASK, "t2", DANVAN_F_LEAD, "ap-cau", 0);
  add(plan, DANVAN_KIND_RECIPIENT, NULL, DANVAN_F_ORG, "bcd-tan-bien", 0);
  expect(ds, "ref", 2, "lead 'nobody': no organisation has this id");
  expect(ds, "ref", 2, "lead 'ap-cau' names a locality, not a organisation");
  danvan_diagnostics *d = run(ds);
  long i = find_msg(d, "ref", "nobody");
  assert_string_equal(danvan_diagnostics_path(d, (size_t)i),
                      "/danvan/plan[@id='tan-phong-2024-2']/task[@id='t1']");
  assert_int_equal(danvan_diagnostics_severity(d, (size_t)i), DANVAN_SEVERITY_ERROR);
  danvan_diagnostics_free(d);
  danvan_dataset_free(ds);
}

static void test_dup_id(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  finish_plan(plan_of(ds));
  add(danvan_dataset_root(ds), DANVAN_KIND_METRIC, "house", DANVAN_F_UNIT, "house", 0);
  expect(ds, "dup-id", 1, "the id 'house' is already used by the metric");
  danvan_dataset_free(ds);
}

static void test_cycle(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  finish_plan(plan_of(ds));
  assert_int_equal(danvan_entity_set(find(ds, "tan-bien"), DANVAN_F_PARENT, "ap-cau"), DANVAN_OK);
  expect(ds, "cycle", 1, "the parent chain loops: tan-bien → ap-cau → tan-phong → tan-bien");
  /* an organisation that is its own parent */
  assert_int_equal(danvan_entity_set(find(ds, "tan-bien"), DANVAN_F_PARENT, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_set(find(ds, "bt-ap-cau"), DANVAN_F_PARENT, "bt-ap-cau"), DANVAN_OK);
  expect(ds, "cycle", 1, "bt-ap-cau → bt-ap-cau");
  danvan_dataset_free(ds);
}

static void test_period_order(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  add(plan, DANVAN_KIND_TASK, "t1", DANVAN_F_LEAD, "bchqs-tan-phong", DANVAN_F_START, "2024-12-20",
      DANVAN_F_END, "2024-12-12", 0);
  add(plan, DANVAN_KIND_DUTY, "d1", DANVAN_F_FREQUENCY, "daily", DANVAN_F_WINDOW_START, "15:00",
      DANVAN_F_DUE_TIME, "13:30", 0);
  expect(ds, "period-order", 2, "starts on 2024-12-20, after it ends on 2024-12-12");
  expect(ds, "period-order", 2, "opens at 15:00, after the cut-off 13:30");
  danvan_dataset_free(ds);
}

static void test_outside_period(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  /* preparation due before the campaign is fine; a task ending after it is not */
  add(plan, DANVAN_KIND_TASK, "t-prep", DANVAN_F_LEAD, "bchqs-tan-phong", DANVAN_F_DUE, "2024-12-09", 0);
  add(plan, DANVAN_KIND_TASK, "t-late", DANVAN_F_LEAD, "bchqs-tan-phong", DANVAN_F_START,
      "2024-12-20", DANVAN_F_END, "2024-12-28", 0);
  add(plan, DANVAN_KIND_EVENT, "e-launch", DANVAN_F_AT, "2024-12-10T07:30:00+07:00", 0);
  expect(ds, "outside-period", 1,
         "the end 2024-12-28 is outside the period of plan 'tan-phong-2024-2' (2024-12-10 to 2024-12-24)");
  danvan_dataset_free(ds);
}

static void test_deadline(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  add(plan, DANVAN_KIND_DUTY, "d-final", DANVAN_F_FREQUENCY, "once", DANVAN_F_DUE_DATE, "2024-12-29", 0);
  /* plans sent in before the campaign starts (seed 002: "chậm nhất ngày 09/12/2024") */
  add(plan, DANVAN_KIND_DUTY, "d-plans", DANVAN_F_FREQUENCY, "once", DANVAN_F_DUE_DATE, "2024-12-09", 0);
  expect(ds, "deadline-before-end", 0, NULL);
  add(plan, DANVAN_KIND_DUTY, "d-early", DANVAN_F_FREQUENCY, "once", DANVAN_F_DUE_DATE, "2024-12-20", 0);
  expect(ds, "deadline-before-end", 1, "due on 2024-12-20, before the activity it reports on ends (2024-12-24)");
  danvan_dataset_free(ds);
}

static void test_basis(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *root = danvan_dataset_root(ds), *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *parent = add(root, DANVAN_KIND_PLAN, "tan-bien-2024-2", DANVAN_F_NUMBER, "14",
                              DANVAN_F_SYMBOL, "KH/BCĐ", DANVAN_F_DATE, "2024-11-19", DANVAN_F_START,
                              "2024-12-10", DANVAN_F_END, "2024-12-22", 0);
  add(parent, DANVAN_KIND_ISSUER, NULL, DANVAN_F_ORG, "bcd-tan-bien", 0);
  add(parent, DANVAN_KIND_SIGNATURE, NULL, DANVAN_F_PERSON, "p-xanh", DANVAN_F_POSITION, "x", 0);
  danvan_entity *pd = add(parent, DANVAN_KIND_DUTY, "d-district", DANVAN_F_FREQUENCY, "once",
                          DANVAN_F_DUE_DATE, "2024-12-27", 0);
  add(pd, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_KIND, "steering-committee", DANVAN_F_LEVEL, "commune", 0);
  add(plan, DANVAN_KIND_BASIS, NULL, DANVAN_F_NUMBER, "014", DANVAN_F_SYMBOL, "KH/BCĐ", DANVAN_F_DATE,
      "2024-11-19", DANVAN_F_ISSUER, "bcd-tan-bien", DANVAN_F_PLAN, "tan-bien-2024-2", 0);
  danvan_entity *d = add(plan, DANVAN_KIND_DUTY, "d-final", DANVAN_F_FREQUENCY, "once",
                         DANVAN_F_DUE_DATE, "2024-12-29", 0);
  add(d, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_ORGS, "bchqs-tan-phong", 0);
  expect(ds, "basis-after-plan", 0, NULL);
  expect(ds, "basis-mismatch", 0, NULL);
  /* the child's period ends after the parent's, its final report is due after the parent's */
  expect(ds, "child-outside-parent", 2, "is not inside the period of plan 'tan-bien-2024-2'");
  expect(ds, "child-outside-parent", 2, "due on 2024-12-29, after the deadline 2024-12-27 of duty 'd-district'");
  /* a basis dated after the plan, and disagreeing with the linked plan */
  danvan_entity *b = danvan_entity_child(plan, DANVAN_KIND_BASIS, 0);
  assert_int_equal(danvan_entity_set(b, DANVAN_F_DATE, "2024-12-19"), DANVAN_OK);
  expect(ds, "basis-after-plan", 1, "dated 2024-12-19, after this document (2024-12-04)");
  expect(ds, "basis-mismatch", 1, "the date '2024-12-19', but plan 'tan-bien-2024-2' has '2024-11-19'");
  danvan_dataset_free(ds);
}

/* seed 002: "9 tuyến đường/8.900m" over seven routes that add up to 9.900 m */
static void test_total_sum(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  static const char *const lens[] = {"3000", "500", "1500", "600", "300", "3000", "1000"};
  char parts[200] = "";
  for (int i = 0; i < 7; i++) {
    char id[16];
    snprintf(id, sizeof id, "t-r%d", i);
    danvan_entity *t = add(plan, DANVAN_KIND_TASK, id, DANVAN_F_LEAD, "bchqs-tan-phong", 0);
    add(t, DANVAN_KIND_MEASURE, NULL, DANVAN_F_METRIC, "road-cleared", DANVAN_F_VALUE, lens[i], 0);
    strcat(parts, i ? " " : "");
    strcat(parts, id);
  }
  danvan_entity *tot = add(plan, DANVAN_KIND_TOTAL, "tot-cleared", DANVAN_F_METRIC, "road-cleared",
                           DANVAN_F_VALUE, "8900", DANVAN_F_COUNT, "9", DANVAN_F_PARTS, parts, 0);
  expect(ds, "total-sum", 2, "declares 8900 m, but its parts add up to 9900 m");
  expect(ds, "total-sum", 2, "declares a count of 9, but its parts make 7");
  /* a part that is three routes: counts come from the route measures, others count 1 */
  add(find(ds, "t-r0"), DANVAN_KIND_MEASURE, NULL, DANVAN_F_METRIC, "route", DANVAN_F_VALUE, "3", 0);
  assert_int_equal(danvan_entity_set(tot, DANVAN_F_VALUE, "9900"), DANVAN_OK);
  expect(ds, "total-sum", 0, NULL);
  danvan_dataset_free(ds);
}

/* seed 002: houses per hamlet sum to the declared 12 */
static void test_total_sum_houses(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *t = add(plan, DANVAN_KIND_TASK, "t-houses", DANVAN_F_LEAD, "bcd-tan-phong", 0);
  danvan_entity *a = add(t, DANVAN_KIND_TASK, "t-h-cau", 0);
  add(a, DANVAN_KIND_MEASURE, NULL, DANVAN_F_METRIC, "house", DANVAN_F_VALUE, "3", 0);
  danvan_entity *b = add(t, DANVAN_KIND_TASK, "t-h-trai-bi", 0);
  add(b, DANVAN_KIND_MEASURE, NULL, DANVAN_F_METRIC, "house", DANVAN_F_VALUE, "1", 0);
  add(plan, DANVAN_KIND_TOTAL, "tot-houses", DANVAN_F_METRIC, "house", DANVAN_F_COUNT, "4",
      DANVAN_F_PARTS, "t-h-cau t-h-trai-bi", 0);
  add(plan, DANVAN_KIND_TOTAL, "tot-houses-2", DANVAN_F_METRIC, "house", DANVAN_F_VALUE, "5",
      DANVAN_F_PARTS, "t-houses", 0);
  expect(ds, "total-sum", 1, "declares 5 house, but its parts add up to 4 house");
  danvan_dataset_free(ds);
}

static void test_total_product(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *t = add(plan, DANVAN_KIND_TOTAL, "tot-gifts", DANVAN_F_METRIC, "gift-value",
                         DANVAN_F_COUNT, "25", DANVAN_F_UNIT_VALUE, "500000", DANVAN_F_VALUE, "10500000", 0);
  expect(ds, "total-product", 1, "25 × 500000 = 12500000, not the stated 10500000");
  assert_int_equal(danvan_entity_set(t, DANVAN_F_VALUE, "12500000.00"), DANVAN_OK);
  expect(ds, "total-product", 0, NULL);
  danvan_dataset_free(ds);
}

static void test_implausible(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *t = add(plan, DANVAN_KIND_TASK, "t-houses", DANVAN_F_LEAD, "bcd-tan-phong",
                         DANVAN_F_COST, "1080000", 0);
  add(t, DANVAN_KIND_MEASURE, NULL, DANVAN_F_METRIC, "house", DANVAN_F_VALUE, "12", 0);
  expect(ds, "implausible", 1,
         "a cost of 1080000 VND for 12 house is 90000 VND per house, outside the plausible range 20000000 to 200000000 VND");
  /* seed 001: 90 houses for 3,6 tỷ = 40 triệu each */
  assert_int_equal(danvan_entity_set(t, DANVAN_F_COST, "480000000"), DANVAN_OK);
  expect(ds, "implausible", 0, NULL);
  danvan_dataset_free(ds);
}

static void test_quota_range(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *q = add(plan, DANVAN_KIND_QUOTA, "q1", DANVAN_F_METRIC, "house", DANVAN_F_MIN, "500",
                         DANVAN_F_MAX, "300", DANVAN_F_COVERAGE, "1.5", 0);
  add(q, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_ORGS, "bt-ap-cau", 0);
  danvan_entity *r = add(plan, DANVAN_KIND_QUOTA, "q-ratio", DANVAN_F_NUMERATOR, "house",
                         DANVAN_F_MIN, "0", DANVAN_F_MODE, "total", 0);
  add(r, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_ORGS, "bcd-tan-phong", 0);
  expect(ds, "quota-range", 4, "min 500 is greater than max 300");
  expect(ds, "quota-range", 4, "coverage 1.5 is outside (0, 1]");
  expect(ds, "quota-range", 4, "needs both a numerator and a denominator");
  expect(ds, "quota-range", 4, "greater than 0, not 0");
  danvan_dataset_free(ds);
}

static void test_scope(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *q = add(plan, DANVAN_KIND_QUOTA, "q1", DANVAN_F_METRIC, "house", DANVAN_F_MIN, "1", 0);
  add(q, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_KIND, "youth-union", DANVAN_F_LEVEL, "district", 0);
  danvan_entity *q2 = add(plan, DANVAN_KIND_QUOTA, "q2", DANVAN_F_METRIC, "house", DANVAN_F_MIN, "1", 0);
  add(q2, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_KIND, "village-board", DANVAN_F_UNDER, "tan-phong", 0);
  danvan_entity *d = add(plan, DANVAN_KIND_DUTY, "d1", DANVAN_F_FREQUENCY, "daily", 0);
  add(d, DANVAN_KIND_SELECTOR, NULL, 0);
  expect(ds, "empty-scope", 1, "matches no organisation");
  expect(ds, "selector-empty-attrs", 1, "has no attribute");
  danvan_diagnostics *dg = run(ds);
  long i = find_msg(dg, "empty-scope", "");
  assert_string_equal(danvan_diagnostics_path(dg, (size_t)i),
                      "/danvan/plan[@id='tan-phong-2024-2']/quota[@id='q1']/scope[1]");
  i = find_msg(dg, "selector-empty-attrs", "");
  assert_string_equal(danvan_diagnostics_path(dg, (size_t)i),
                      "/danvan/plan[@id='tan-phong-2024-2']/duty[@id='d1']/reporters[1]");
  danvan_diagnostics_free(dg);
  danvan_dataset_free(ds);
}

static void test_unassigned(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *t = add(plan, DANVAN_KIND_TASK, "t1", DANVAN_F_LEAD, "bcd-tan-phong", 0);
  add(t, DANVAN_KIND_TASK, "t1a", 0); /* inherits the lead */
  add(plan, DANVAN_KIND_TASK, "t2", 0);
  expect(ds, "unassigned", 1, "the task has no lead organisation");
  add(danvan_dataset_root(ds), DANVAN_KIND_LOCALITY, "ap-san-bay", DANVAN_F_KIND, "hamlet",
      DANVAN_F_NAME, "Sân Bay", DANVAN_F_PARENT, "tan-phong", 0);
  expect(ds, "unassigned", 2, "no member of 'BCĐ xã Tân Phong' is responsible for 'Sân Bay' (ap-san-bay)");
  danvan_dataset_free(ds);
}

static void test_unit_mismatch(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *q = add(plan, DANVAN_KIND_QUOTA, "q1", DANVAN_F_METRICS, "house road-cleared",
                         DANVAN_F_MIN, "1", 0);
  add(q, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_ORGS, "bt-ap-cau", 0);
  expect(ds, "unit-mismatch", 1, "different units: house (house), road-cleared (m)");
  danvan_dataset_free(ds);
}

static void test_report_scope(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *d = add(plan, DANVAN_KIND_DUTY, "d-daily", DANVAN_F_FREQUENCY, "daily",
                         DANVAN_F_METRICS, "road-cleared", 0);
  add(d, DANVAN_KIND_SELECTOR, NULL, DANVAN_F_KIND, "village-board", DANVAN_F_UNDER, "tan-phong", 0);
  danvan_entity *r = add(danvan_dataset_root(ds), DANVAN_KIND_REPORT, "r1", DANVAN_F_PLAN,
                         "tan-phong-2024-2", DANVAN_F_DUTY, "d-daily", DANVAN_F_ORG, "bt-ap-cau",
                         DANVAN_F_START, "2024-12-10", DANVAN_F_END, "2024-12-10", 0);
  add(r, DANVAN_KIND_VALUE, NULL, DANVAN_F_METRIC, "road-cleared", DANVAN_F_VALUE, "1200", 0);
  expect(ds, "report-scope", 0, NULL);
  add(r, DANVAN_KIND_VALUE, NULL, DANVAN_F_METRIC, "gift-value", DANVAN_F_VALUE, "1", 0);
  assert_int_equal(danvan_entity_set(r, DANVAN_F_ORG, "bchqs-tan-phong"), DANVAN_OK);
  expect(ds, "report-scope", 2, "organisation 'bchqs-tan-phong' is not among the reporters of duty 'd-daily'");
  expect(ds, "report-scope", 2, "plan 'tan-phong-2024-2' does not count metric 'gift-value'");
  danvan_dataset_free(ds);
}

static void test_invalid_at_date(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  add(plan, DANVAN_KIND_RECIPIENT, NULL, DANVAN_F_ORG, "bcd-tan-bien", 0);
  assert_int_equal(danvan_entity_set(find(ds, "bcd-tan-bien"), DANVAN_F_TO, "2025-06-30"), DANVAN_OK);
  expect(ds, "invalid-at-date", 0, NULL);
  /* the same plan dated after the reform */
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_DATE, "2025-08-04"), DANVAN_OK);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_START, "2025-08-10"), DANVAN_OK);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_END, "2025-08-24"), DANVAN_OK);
  assert_int_equal(danvan_entity_set(find(ds, "bcd-tan-bien"), DANVAN_F_SUCCESSORS, "bcd-tan-phong"), DANVAN_OK);
  expect(ds, "invalid-at-date", 1,
         "organisation 'bcd-tan-bien' is not valid on 2025-08-04 (valid … to 2025-06-30); successor: bcd-tan-phong");
  /* as-of: the 2024 plan checked today */
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_DATE, "2024-12-04"), DANVAN_OK);
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, "en"), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_as_of(o, 20250801), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_as_of(o, 20250800), DANVAN_EINVAL);
  danvan_diagnostics *d = NULL;
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_true(find_msg(d, "invalid-at-date", "not valid on 2025-08-01") >= 0);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
  danvan_dataset_free(ds);
}

static void test_draft(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  add(plan, DANVAN_KIND_ISSUER, NULL, DANVAN_F_ORG, "bcd-tan-phong", 0);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_NUMBER, ""), DANVAN_OK);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_DATE, "2024-12"), DANVAN_OK);
  expect(ds, "draft", 3, "the plan has a blank number");
  expect(ds, "draft", 3, "the plan's date 2024-12 has no day");
  expect(ds, "draft", 3, "the plan has no signature");
  danvan_diagnostics *d = run(ds);
  assert_int_equal(danvan_diagnostics_severity(d, 0), DANVAN_SEVERITY_INFO);
  assert_int_equal(danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_INFO), 3);
  assert_int_equal(danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_ERROR), 0);
  danvan_diagnostics_free(d);
  add(plan, DANVAN_KIND_SIGNATURE, NULL, DANVAN_F_PERSON, "p-xanh", 0);
  expect(ds, "draft", 3, "the signature has no position");
  danvan_dataset_free(ds);
}

static void test_text_rules(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  /* seed 002's objective: right */
  add(plan, DANVAN_KIND_OBJECTIVE, NULL, DANVAN_F_TEXT,
      "kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944-22/12/2024), 35 năm "
      "Ngày hội quốc phòng toàn dân (22/12/1989 – 22/12/2024), tờ tin Thứ năm - 12/12/2024 07:14",
      0);
  expect(ds, "anniversary-span", 0, NULL);
  expect(ds, "weekday-date", 0, NULL);
  /* seed 002, section IV: a mistyped start date; and made-up slips */
  danvan_entity *s = add(plan, DANVAN_KIND_SECTION, NULL, DANVAN_F_LABEL, "IV", 0);
  add(s, DANVAN_KIND_TEXT, NULL, DANVAN_F_TEXT,
      "nhân dịp kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (2/12/1944-22/12/2024), "
      "76 năm Ngày thành lập Quân đội (22/12/1944 – 22/12/2021); họp ngày Thứ Hai, ngày 12/12/2024; "
      "Chủ nhật 15/12/2024",
      0);
  expect(ds, "anniversary-span", 2,
         "\"80 năm Ngày thành lập Quân đội nhân dân Việt Nam (2/12/1944-22/12/2024)\": an anniversary "
         "starts and ends on the same day and month, but 2/12 and 22/12 differ");
  expect(ds, "anniversary-span", 2, "from 22/12/1944 to 22/12/2021 is 77 years, not 76");
  expect(ds, "weekday-date", 1, "\"Thứ Hai, ngày 12/12/2024\": 12/12/2024 was a Thursday, not a Monday");
  danvan_diagnostics *d = run_lang(ds, "vi");
  assert_true(find_msg(d, "weekday-date", "ngày 12/12/2024 là Thứ Năm, không phải Thứ Hai") >= 0);
  danvan_diagnostics_free(d);
  danvan_dataset_free(ds);
}

static void test_attachment_and_target(void **state) {
  (void)state;
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  danvan_entity *d = add(plan, DANVAN_KIND_DUTY, "d-final", DANVAN_F_FREQUENCY, "once",
                         DANVAN_F_DUE_DATE, "2024-12-29", 0);
  add(d, DANVAN_KIND_ATTACHMENT, NULL, DANVAN_F_KIND, "video", DANVAN_F_MIN_MINUTES, "10",
      DANVAN_F_MAX_MINUTES, "7", 0);
  add(plan, DANVAN_KIND_QUOTA, "q-vague", 0);
  expect(ds, "attachment-range", 1, "min-minutes 10 is greater than max-minutes 7");
  expect(ds, "quota-target", 2, "names nothing to measure");
  expect(ds, "quota-target", 2, "has no target");
  danvan_dataset_free(ds);
}

/* ---- the list ----------------------------------------------------------------------------- */
static danvan_dataset *many_findings(void) {
  danvan_dataset *ds = base();
  danvan_entity *plan = plan_of(ds);
  finish_plan(plan);
  for (int i = 0; i < 5; i++) {
    char id[8];
    snprintf(id, sizeof id, "t%d", i);
    add(plan, DANVAN_KIND_TASK, id, DANVAN_F_LEAD, "nobody", 0);
  }
  return ds;
}

static void test_cap_and_order(void **state) {
  (void)state;
  danvan_dataset *ds = many_findings();
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, "en"), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_max_findings(o, 2), DANVAN_OK);
  danvan_diagnostics *d = NULL;
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_count(d), 2);
  assert_int_equal(danvan_diagnostics_total(d), 5);
  assert_int_equal(danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_ERROR), 5);
  /* the first two in order (same place and rule: the order they were found in) */
  assert_non_null(strstr(danvan_diagnostics_path(d, 0), "task[@id='t0']"));
  assert_non_null(strstr(danvan_diagnostics_path(d, 1), "task[@id='t1']"));
  assert_null(danvan_diagnostics_rule(d, 2));
  assert_int_equal(danvan_diagnostics_severity(d, 2), 0);
  assert_int_equal(danvan_diagnostics_line(d, 0), 0);
  assert_string_equal(danvan_diagnostics_file(d, 0), "");
  danvan_diagnostics_free(d);
  /* unlimited */
  assert_int_equal(danvan_validate_options_set_max_findings(o, 0), DANVAN_OK);
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_count(d), 5);
  danvan_diagnostics_free(d);
  /* a rule switched off */
  assert_int_equal(danvan_validate_options_set_rule(o, "ref", 0), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_rule(o, "no-such-rule", 0), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_total(d), 0);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
  danvan_dataset_free(ds);
}

static void test_languages(void **state) {
  (void)state;
  danvan_dataset *ds = many_findings();
  danvan_diagnostics *d = run_lang(ds, "vi");
  assert_string_equal(danvan_diagnostics_language(d), "vi");
  assert_string_equal(danvan_diagnostics_message(d, 0), "lead 'nobody': không có tổ chức nào mang mã này");
  danvan_diagnostics_free(d);
  /* from the environment */
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, "fr"), DANVAN_EINVAL);
  unsetenv("LC_ALL");
  setenv("LC_MESSAGES", "vi_VN.UTF-8", 1);
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_string_equal(danvan_diagnostics_language(d), "vi");
  danvan_diagnostics_free(d);
  setenv("LC_MESSAGES", "C.UTF-8", 1);
  setenv("LANG", "vi_VN.UTF-8", 1);
  assert_int_equal(danvan_validate(&d, ds, o), DANVAN_OK);
  assert_string_equal(danvan_diagnostics_language(d), "en");
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
  assert_string_equal(danvan_severity_name(DANVAN_SEVERITY_ERROR, "vi"), "lỗi");
  assert_string_equal(danvan_severity_name(DANVAN_SEVERITY_WARNING, "vi"), "cảnh báo");
  assert_string_equal(danvan_severity_name(DANVAN_SEVERITY_INFO, "vi"), "thông tin");
  assert_string_equal(danvan_severity_name(DANVAN_SEVERITY_WARNING, "en"), "warning");
  assert_null(danvan_severity_name(0, "en"));
  assert_null(danvan_severity_name(1, "de"));
  danvan_dataset_free(ds);
}

static void test_catalogue(void **state) {
  (void)state;
  static const char *const ids[] = {
      "xml", "schema", "ref", "dup-id", "cycle", "period-order", "outside-period",
      "deadline-before-end", "basis-after-plan", "child-outside-parent", "total-sum",
      "total-product", "implausible", "quota-range", "empty-scope", "unassigned", "unit-mismatch",
      "report-scope", "invalid-at-date", "draft", "selector-empty-attrs", "anniversary-span",
      "weekday-date", "basis-mismatch", "attachment-range", "quota-target"};
  assert_int_equal(danvan_rule_count(), sizeof ids / sizeof ids[0]);
  for (size_t i = 0; i < danvan_rule_count(); i++) {
    assert_string_equal(danvan_rule_id(i), ids[i]);
    assert_true(danvan_rule_severity(i) >= 1 && danvan_rule_severity(i) <= 3);
    assert_non_null(danvan_rule_summary(i, "vi"));
    assert_non_null(danvan_rule_summary(i, "en"));
  }
  assert_null(danvan_rule_id(danvan_rule_count()));
  assert_int_equal(danvan_rule_severity(99), 0);
  assert_string_equal(danvan_rule_id(19), "draft");
  assert_int_equal(danvan_rule_severity(19), DANVAN_SEVERITY_INFO);
}

static void test_xml_output(void **state) {
  (void)state;
  danvan_dataset *ds = many_findings();
  danvan_diagnostics *d = run(ds);
  char *xml = NULL;
  assert_int_equal(danvan_diagnostics_to_xml(&xml, d), DANVAN_OK);
  assert_non_null(strstr(xml, "<validation xmlns=\"urn:danvan:1\" language=\"en\" total=\"5\" errors=\"5\""));
  assert_non_null(strstr(xml, "<finding rule=\"ref\" severity=\"error\" file=\"\" line=\"0\" column=\"0\" "
                              "path=\"/danvan/plan[@id='tan-phong-2024-2']/task[@id='t0']\">lead 'nobody'"));
  danvan_free(xml);
  assert_int_equal(danvan_diagnostics_to_xml(&xml, NULL), DANVAN_EINVAL);
  danvan_diagnostics_free(d);
  danvan_dataset_free(ds);
}

static void test_args(void **state) {
  (void)state;
  danvan_diagnostics *d = NULL;
  assert_int_equal(danvan_validate(NULL, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_validate(&d, NULL, NULL), DANVAN_EINVAL);
  assert_null(d);
  assert_int_equal(danvan_validate_file(&d, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_diagnostics_count(NULL), 0);
  assert_int_equal(danvan_diagnostics_total(NULL), 0);
  assert_null(danvan_diagnostics_message(NULL, 0));
  danvan_diagnostics_free(NULL);
  danvan_validate_options_free(NULL);
  assert_int_equal(danvan_validate_options_set_schema(NULL, 1), DANVAN_EINVAL);
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_schema(o, 2), DANVAN_EINVAL);
  assert_int_equal(danvan_validate_options_set_schema(o, 0), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, NULL), DANVAN_OK);
  danvan_validate_options_free(o);
  /* an empty dataset is valid; defaults when opts is NULL */
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_validate(&d, ds, NULL), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_count(d), 0);
  danvan_diagnostics_free(d);
  danvan_dataset_free(ds);
}

/* The list copies its strings: it outlives the dataset. */
static void test_outlives_dataset(void **state) {
  (void)state;
  danvan_dataset *ds = many_findings();
  danvan_diagnostics *d = run(ds);
  danvan_dataset_free(ds);
  assert_string_equal(danvan_diagnostics_message(d, 0), "lead 'nobody': no organisation has this id");
  danvan_diagnostics_free(d);
}

/* po/vi.po holds every message of the compiled-in tables with the same translation. */
static void po_escape(char *out, size_t cap, const char *s) {
  size_t n = 0;
  for (; *s && n + 3 < cap; s++) {
    if (*s == '"' || *s == '\\') out[n++] = '\\';
    out[n++] = *s;
  }
  out[n] = '\0';
}

static void test_po_in_sync(void **state) {
  (void)state;
  static const char *const pairs[][2] = {
#define DVV_MSG(e, en, vi) {en, vi},
#include "validate/messages.def"
#undef DVV_MSG
#define DVV_RULE(e, id, sev, en, vi) {en, vi},
#include "validate/rules.def"
#undef DVV_RULE
  };
  FILE *f = fopen(DANVAN_SOURCE_DIR "/po/vi.po", "rb");
  assert_non_null(f);
  static char po[1 << 18];
  size_t len = fread(po, 1, sizeof po - 1, f);
  fclose(f);
  po[len] = '\0';
  int missing = 0;
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    char en[1024], vi[1024], want[2200];
    po_escape(en, sizeof en, pairs[i][0]);
    po_escape(vi, sizeof vi, pairs[i][1]);
    snprintf(want, sizeof want, "msgid \"%s\"\nmsgstr \"%s\"\n", en, vi);
    if (!strstr(po, want)) {
      fprintf(stderr, "po/vi.po lacks or differs: %s (run po/update-po.py)\n", want);
      missing++;
    }
  }
  assert_int_equal(missing, 0);
}

int main(void) {
  setenv("LC_ALL", "C", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean),          cmocka_unit_test(test_ref),
      cmocka_unit_test(test_dup_id),         cmocka_unit_test(test_cycle),
      cmocka_unit_test(test_period_order),   cmocka_unit_test(test_outside_period),
      cmocka_unit_test(test_deadline),       cmocka_unit_test(test_basis),
      cmocka_unit_test(test_total_sum),      cmocka_unit_test(test_total_sum_houses),
      cmocka_unit_test(test_total_product),  cmocka_unit_test(test_implausible),
      cmocka_unit_test(test_quota_range),    cmocka_unit_test(test_scope),
      cmocka_unit_test(test_unassigned),     cmocka_unit_test(test_unit_mismatch),
      cmocka_unit_test(test_report_scope),   cmocka_unit_test(test_invalid_at_date),
      cmocka_unit_test(test_draft),          cmocka_unit_test(test_text_rules),
      cmocka_unit_test(test_attachment_and_target), cmocka_unit_test(test_cap_and_order),
      cmocka_unit_test(test_languages),      cmocka_unit_test(test_catalogue),
      cmocka_unit_test(test_xml_output),     cmocka_unit_test(test_args),
      cmocka_unit_test(test_outlives_dataset), cmocka_unit_test(test_po_in_sync),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
