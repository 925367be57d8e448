/* Evaluation semantics: duty slots, edges of the deadline and window, achievements, quotas,
 * roll-up and ranking. Every expectation is computed by hand in the comments. */
#include <stdbool.h>

#include "eval_cases.h"

#define DUT DANVAN_EVAL_DUTIES
#define SLT DANVAN_EVAL_SLOTS
#define QST DANVAN_EVAL_QUOTAS
#define RES DANVAN_EVAL_RESULTS
#define SCO DANVAN_EVAL_SCORES

static danvan_evaluation *eval_daily(const danvan_evaluate_options *opts) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build_daily(ds, ds);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, "p", T("2024-12-16T14:00:00+07:00"), opts), DANVAN_OK);
  danvan_dataset_free(ds); /* the evaluation keeps it alive */
  return ev;
}

static void test_daily_counts(void **state) {
  (void)state;
  danvan_evaluation *ev = eval_daily(NULL);
  /* 3 units × d-daily + 1 unit × d-week */
  assert_int_equal(danvan_evaluation_row_count(ev, DUT), 4);
  /* bt-a d-daily: 10 on time, 11 on time (15:00:00 inclusive), 12 late (15:01), 13 early
   * (13:29 < 13:30), 14 on time (13:30 exactly), 15 missing (deadline 15:00 < as_of 16th 14:00),
   * 16 pending (deadline 16th 15:00 > as_of). due = 3+1+1+1 = 6; completeness 5/6 = 0.8333;
   * timeliness 3/6 = 0.5 */
  size_t r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, "bt-a");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_SLOTS, r), 7);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_DUE, r), 6);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 3);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_EARLY, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 1);
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_COMPLETENESS, r), "0.8333");
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_TIMELINESS, r), "0.5");
  double d = 0;
  assert_int_equal(danvan_evaluation_get_double(&d, ev, DUT, DANVAN_COL_COMPLETENESS, r), DANVAN_OK);
  assert_true(d > 0.83333 && d < 0.83334);
  /* bt-b: draft (10), returned (11), submitted after as_of (12): 10..15 missing, 16 pending */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, "bt-b");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 6);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_DUE, r), 6);
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_COMPLETENESS, r), "0");
  /* bt-c: a unit with no report at all: the same */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, "bt-c");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 6);
  /* d-week, weekdays 10 11 12 13 16: 10 on time (12:00:00 inclusive), 11 on time, 12 missing,
   * 13 late, 16 missing (12:00 < as_of 14:00); the Saturday report matches no slot */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-week", DANVAN_COL_ORG, "bt-a");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_SLOTS, r), 5);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 2);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 2);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 0);
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_TIMELINESS, r), "0.4");
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_COMPLETENESS, r), "0.6");
  danvan_evaluation_free(ev);
}

static void test_daily_slots(void **state) {
  (void)state;
  danvan_evaluation *ev = eval_daily(NULL);
  /* 3 × 7 + 5 = 26 slot rows, in duty, unit, date order */
  assert_int_equal(danvan_evaluation_row_count(ev, SLT), 26);
  const char *want[7] = {"on-time", "on-time", "late", "early", "on-time", "missing", "pending"};
  const char *reports[7] = {"r-a-10", "r-a-11", "r-a-12", "r-a-13", "r-a-14", "", ""};
  for (size_t i = 0; i < 7; i++) {
    assert_string_equal(TXT(ev, SLT, DANVAN_COL_ORG, i), "bt-a");
    assert_int_equal(INT(ev, SLT, DANVAN_COL_START, i), 20241210 + (int64_t)i);
    assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, i), want[i]);
    assert_string_equal(TXT(ev, SLT, DANVAN_COL_REPORT, i), reports[i]);
  }
  /* the deadline of the first slot: 2024-12-10 15:00:00 +07:00 */
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 0), "2024-12-10T15:00:00+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_SUBMITTED, 0), "2024-12-10T14:05:00+07:00");
  /* bulk: the status column of bt-a's slots */
  int32_t st[7];
  assert_int_equal(danvan_evaluation_fill_int32(st, 7, ev, SLT, DANVAN_COL_STATUS, 0), DANVAN_OK);
  assert_int_equal(st[2], DANVAN_SLOT_LATE);
  assert_int_equal(st[3], DANVAN_SLOT_EARLY);
  assert_int_equal(st[6], DANVAN_SLOT_PENDING);
  int32_t dl[2]; /* date-times of 2024 still fit 32 bits */
  assert_int_equal(danvan_evaluation_fill_int32(dl, 2, ev, SLT, DANVAN_COL_DEADLINE, 0), DANVAN_OK);
  assert_int_equal(dl[0], T("2024-12-10T15:00:00+07:00"));
  int64_t dl64[30];
  assert_int_equal(danvan_evaluation_fill_int64(dl64, 30, ev, SLT, DANVAN_COL_DEADLINE, 0), DANVAN_OK);
  assert_int_equal(dl64[1] - dl64[0], 86400);
  assert_int_equal(dl64[0], T("2024-12-10T15:00:00+07:00"));
  const char *orgs[30];
  assert_int_equal(danvan_evaluation_fill_string(orgs, 30, ev, SLT, DANVAN_COL_ORG, 0), DANVAN_OK);
  assert_string_equal(orgs[7], "bt-b");
  assert_string_equal(orgs[21], "bt-a"); /* d-week */
  danvan_evaluation_free(ev);
}

static void test_deadline_exclusive(void **state) {
  (void)state;
  danvan_evaluate_options *o = NULL;
  assert_int_equal(danvan_evaluate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_evaluate_options_set_deadline_inclusive(o, 0), DANVAN_OK);
  assert_int_equal(danvan_evaluate_options_set_deadline_inclusive(o, 2), DANVAN_EINVAL);
  danvan_evaluation *ev = eval_daily(o);
  danvan_evaluate_options_free(o);
  /* "before 15:00": 15:00:00 on the 11th becomes late; 13:30:00 stays on time (window) */
  size_t r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, "bt-a");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 2);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), 2);
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_TIMELINESS, r), "0.3333");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 0), "2024-12-10T14:59:59+07:00");
  /* d-week: 12:00:00 on the 10th is now late: on time 1 (11th), late 2 */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-week", DANVAN_COL_ORG, "bt-a");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), 2);
  danvan_evaluation_free(ev);
}

static void test_daily_tally_and_scores(void **state) {
  (void)state;
  danvan_evaluation *ev = eval_daily(NULL);
  int64_t t[DANVAN_TALLY_COUNT];
  for (int32_t i = 0; i < DANVAN_TALLY_COUNT; i++)
    assert_int_equal(danvan_evaluation_tally(&t[i], ev, i), DANVAN_OK);
  /* 15 reports: other plan 1 (r-other), not final 2 (draft, returned), after as_of 1 (r-b-12),
   * repeated id 1 (second r-a-10); counted 10 = r-a-10..14, r-nd, w-10, w-11, w-13, w-14;
   * matched 8 (five r-a, three w-); credited 1 (r-a-10: road 150 for q1);
   * out of scope 2 (r-nd: not a reporter, not in q1's scope; w-14: a Saturday) */
  assert_int_equal(t[DANVAN_TALLY_SEEN], 15);
  assert_int_equal(t[DANVAN_TALLY_OTHER_PLAN], 1);
  assert_int_equal(t[DANVAN_TALLY_NOT_FINAL], 2);
  assert_int_equal(t[DANVAN_TALLY_FUTURE], 1);
  assert_int_equal(t[DANVAN_TALLY_REPEATED], 1);
  assert_int_equal(t[DANVAN_TALLY_COUNTED], 10);
  assert_int_equal(t[DANVAN_TALLY_MATCHED], 8);
  assert_int_equal(t[DANVAN_TALLY_CREDITED], 1);
  assert_int_equal(t[DANVAN_TALLY_OUT_OF_SCOPE], 2);
  assert_int_equal(t[DANVAN_TALLY_UNTIMED], 0);

  /* q1 (road >= 100, bt-a and bt-b): bt-a 150 (the repeated r-a-10 with 1000 is ignored) met;
   * bt-b 0 (its draft's 500 is not counted) */
  size_t r = ROW(ev, QST, DANVAN_COL_QUOTA, "q1", DANVAN_COL_ORG, "bt-a");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, r), "150");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, r), "true");
  r = ROW(ev, QST, DANVAN_COL_QUOTA, "q1", DANVAN_COL_ORG, "bt-b");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, r), "0");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, r), "false");

  /* Scores (0.7 × quota share + 0.3 × timeliness):
   * bt-a: share 1/1; timeliness (3 + 2) / (6 + 5) = 5/11 -> (70·11 + 30·5) / 1100 = 920/1100
   *       = 0.83636 -> 0.8364
   * bt-b: share 0/1, timeliness 0/6 -> 0;  bt-c: no quota row, timeliness 0/6 -> 0
   * bcd (all below it): share 1/2; timeliness 5/23 -> (70·23 + 30·5·2) / 4600 = 1910/4600
   *       = 0.41522 -> 0.4152
   * hoi-nd: nothing at or below it -> no score.
   * Ranks among hamlets: bt-a 1; bt-b and bt-c tie at 0 -> by id: bt-b 2, bt-c 3.
   * bcd is the only commune-level unit: rank 1. */
  assert_int_equal(danvan_evaluation_row_count(ev, SCO), 4);
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-a", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0.8364");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 1);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_LEVEL, r), "hamlet");
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_TIMELINESS, r), "0.4545");
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-b", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 2);
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-c", 0, NULL);
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 3);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_QUOTA_SHARE, r), "");
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bcd", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0.4152");
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_QUOTA_SHARE, r), "0.5");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 1);
  assert_int_equal(INT(ev, SCO, DANVAN_COL_DUE, r), 23);

  /* other weights: quotas only -> bt-a 1, bcd 0.5 */
  danvan_evaluate_options *o = NULL;
  assert_int_equal(danvan_evaluate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_evaluate_options_set_score_weights(o, 0, 0), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluate_options_set_score_weights(o, 1, 0), DANVAN_OK);
  danvan_evaluation *ev2 = eval_daily(o);
  danvan_evaluate_options_free(o);
  assert_string_equal(TXT(ev2, SCO, DANVAN_COL_VALUE, ROW(ev2, SCO, DANVAN_COL_ORG, "bt-a", 0, NULL)), "1");
  assert_string_equal(TXT(ev2, SCO, DANVAN_COL_VALUE, ROW(ev2, SCO, DANVAN_COL_ORG, "bcd", 0, NULL)), "0.5");
  /* bt-c has neither part defined now: no score */
  assert_int_equal(danvan_evaluation_row_count(ev2, SCO), 3);
  danvan_evaluation_free(ev2);
  danvan_evaluation_free(ev);
}

static void test_periodic(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build_periodic(ds, ds);
  danvan_evaluation *ev = NULL;
  /* plan_id NULL: the only plan */
  assert_int_equal(danvan_evaluate(&ev, ds, NULL, T("2024-04-10T00:00:00+07:00"), NULL), DANVAN_OK);
  /* d-m u1: 12 months; Jan due 2024-02-05 23:59:59 (31 Jan + 5), submitted exactly then: on time;
   * Feb due 2024-03-05 (29 Feb + 5), submitted 6 March 00:00: late; Mar due 5 April: missing;
   * April .. December: 9 pending. due 3. */
  size_t r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-m", DANVAN_COL_ORG, "u1");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_SLOTS, r), 12);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 9);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_DUE, r), 3);
  /* d-m u2: Jan missing, Feb on time (report without period), Mar missing */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-m", DANVAN_COL_ORG, "u2");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 1);
  assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), 2);
  /* slot rows: d-m u1 0..11, u2 12..23, d-w 24..26, d-q 27..30, d-h 31..32, d-y 33, d-o 34 */
  assert_int_equal(danvan_evaluation_row_count(ev, SLT), 35);
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 0), "2024-02-05T23:59:59+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 1), "2024-03-05T23:59:59+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, 13), "on-time");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_REPORT, 13), "m-u2");
  /* d-w, 6..20 March, ISO weeks clipped: 6-10, 11-17, 18-20; due the next day (lag 1) */
  assert_int_equal(INT(ev, SLT, DANVAN_COL_START, 24), 20240306);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 24), 20240310);
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 24), "2024-03-11T23:59:59+07:00");
  assert_int_equal(INT(ev, SLT, DANVAN_COL_START, 25), 20240311);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 25), 20240317);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_START, 26), 20240318);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 26), 20240320);
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 26), "2024-03-21T23:59:59+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, 26), "missing");
  /* d-q: Q1 due 31 March + 10 = 10 April 17:00; the report at 10 April 00:00 (= as_of) on time */
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 27), 20240331);
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 27), "2024-04-10T17:00:00+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, 27), "on-time");
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 30), 20241231);
  /* d-h: 1 Jan - 30 Jun, 1 Jul - 31 Dec */
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 31), 20240630);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_START, 32), 20240701);
  /* d-y: the year; d-o: one slot due 29 December, end of day */
  assert_int_equal(INT(ev, SLT, DANVAN_COL_START, 33), 20240101);
  assert_int_equal(INT(ev, SLT, DANVAN_COL_END, 33), 20241231);
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_DEADLINE, 34), "2024-12-29T23:59:59+07:00");
  assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, 34), "pending");
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-o", DANVAN_COL_ORG, "u1");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_DUE, r), 0);
  /* nothing due: completeness and timeliness are 1 */
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_TIMELINESS, r), "1");
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
}

static danvan_evaluation *eval_quotas(const danvan_evaluate_options *opts) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build_quotas(ds, ds);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, "p3", T("2024-12-25T00:00:00+07:00"), opts), DANVAN_OK);
  danvan_dataset_free(ds);
  return ev;
}

#define QROW(q, org) ROW(ev, QST, DANVAN_COL_QUOTA, q, DANVAN_COL_ORG, org)
#define RROW(q) ROW(ev, RES, DANVAN_COL_QUOTA, q, 0, NULL)

static void test_quotas(void **state) {
  (void)state;
  danvan_evaluation *ev = eval_quotas(NULL);
  /* q-road: under bcd, village boards of hamlets = bt-a, bt-b, bt-c.
   * bt-a: 600 (own) + 500 (chi-doan-a, a descendant) = 1100 >= 1000: met.
   * bt-b: cumulative reports exist: the latest (end 14th) = 900; the later increment 400 is not
   *       added; the draft 5000 is not counted: 900 < 1000, not met.
   * bt-c: no report of its own; bchqs (commune) reported 1200 for locality ap-c, which is bt-c's
   *       locality and lies below bchqs's commune: 1200, met.
   * result: 2 of 3 = 0.6667 < coverage 1: not met; total (each value once) 600+500+900+1200 = 3200
   * (outsider's 9999 credits nobody; r-jan lies after the quota period) */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-road", "bt-a")), "1100");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-road", "bt-a")), "true");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-road", "bt-b")), "900");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-road", "bt-b")), "false");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-road", "bt-c")), "1200");
  size_t r = RROW("q-road");
  assert_int_equal(INT(ev, RES, DANVAN_COL_UNITS, r), 3);
  assert_int_equal(INT(ev, RES, DANVAN_COL_MET_UNITS, r), 2);
  assert_string_equal(TXT(ev, RES, DANVAN_COL_COVERAGE, r), "0.6667");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "false");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, r), "3200");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_REQUIRED, r), "1");
  /* q-road-60: the same with coverage 0.6: 0.6667 >= 0.6, met */
  r = RROW("q-road-60");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "true");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_REQUIRED, r), "0.6");
  /* q-ntm: any-of ntm-work + urban-work >= 2, border village boards only (bt-c, by its
   * locality's tag): 1 + 1 = 2, met */
  r = RROW("q-ntm");
  assert_int_equal(INT(ev, RES, DANVAN_COL_UNITS, r), 1);
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-ntm", "bt-c")), "2");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "true");
  /* q-ratio (total): bt-a 10/30 = 0.3333, bt-b 5/20 = 0.25; together 15/50 = 0.3 < 0.3333 */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-ratio", "bt-a")), "0.3333");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-ratio", "bt-b")), "0.25");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-ratio", "bt-a")), "false");
  r = RROW("q-ratio");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, r), "0.3");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "false");
  assert_int_equal(INT(ev, RES, DANVAN_COL_MET_UNITS, r), 0);
  /* q-ratio-each: bt-a: 10 >= 0.3333 × 30 = 9.999, met; bt-b 0.25 not; 1 of 2 < 1 */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-ratio-each", "bt-a")), "true");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-ratio-each", "bt-b")), "false");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_COVERAGE, RROW("q-ratio-each")), "0.5");
  /* q-house (total, 2..3): bt-a 1, bt-b 0 (a unit with no report), bt-c 1: total 2, met;
   * each unit's row carries the quota's result */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-house", "bt-b")), "0");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_MET, QROW("q-house", "bt-b")), "true");
  r = RROW("q-house");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, r), "2");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "true");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MIN, r), "2");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MAX, r), "3");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MODE, r), "total");
  /* q-pct: aggregate max over 70, 85, 60 = 85 >= 80 */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-pct", "bt-a")), "85");
  /* q-dup (total) over bcd and bt-a: bcd 3200 (everything below it), bt-a 1100; the total
   * counts each value once: 3200, not 4300 */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-dup", "bcd")), "3200");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-dup", "bt-a")), "1100");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, RROW("q-dup")), "3200");
  int64_t c = 0;
  int32_t s = 0;
  assert_int_equal(danvan_evaluation_get_decimal(&c, &s, ev, RES, DANVAN_COL_ACHIEVED, RROW("q-ratio")), DANVAN_OK);
  assert_int_equal(c, 3000);
  assert_int_equal(s, 4);
  danvan_evaluation_free(ev);
}

static void test_quota_scores(void **state) {
  (void)state;
  danvan_evaluation *ev = eval_quotas(NULL);
  /* No duties: score = quota share (weights: q-road 2, others 1).
   * bt-a rows: q-road 2 met, q-road-60 met, q-ratio not, q-ratio-each met, q-house met,
   *   q-pct met, q-dup met (total 3200 >= 1) -> 7/8 = 0.875
   * bt-b: q-road 2 not, q-road-60 not, q-ratio not, q-ratio-each not, q-house met -> 1/6
   *   = 0.1667
   * bt-c: q-road 2 met, q-road-60 met, q-ntm met, q-house met -> 5/5 = 1
   * bcd: its own q-dup row (met) plus all rows below: (7+1+5+1)/(8+6+5+1) = 14/20 = 0.7
   * chi-doan-a, bchqs, outsider: no rows at or below them: no score.
   * hamlets ranked: bt-c 1, bt-a 2, bt-b 3 */
  assert_int_equal(danvan_evaluation_row_count(ev, SCO), 4);
  size_t r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-a", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0.875");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 2);
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-b", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0.1667");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 3);
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bt-c", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "1");
  assert_int_equal(INT(ev, SCO, DANVAN_COL_RANK, r), 1);
  r = ROW(ev, SCO, DANVAN_COL_ORG, "bcd", 0, NULL);
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_VALUE, r), "0.7");
  assert_string_equal(TXT(ev, SCO, DANVAN_COL_TIMELINESS, r), "");
  danvan_evaluation_free(ev);
}

static void test_locality_credit_off(void **state) {
  (void)state;
  danvan_evaluate_options *o = NULL;
  assert_int_equal(danvan_evaluate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_evaluate_options_set_locality_credit(o, 0), DANVAN_OK);
  danvan_evaluation *ev = eval_quotas(o);
  danvan_evaluate_options_free(o);
  /* bchqs's 1200 for ap-c no longer credits bt-c: 1 of 3 met; 0.3333 < 0.6 */
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED, QROW("q-road", "bt-c")), "0");
  assert_int_equal(INT(ev, RES, DANVAN_COL_MET_UNITS, RROW("q-road")), 1);
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, RROW("q-road-60")), "false");
  /* the total only counts values that credit some unit in scope: 600 + 500 + 900 */
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, RROW("q-road")), "2000");
  danvan_evaluation_free(ev);
}

/* ======================================================================================== */
/* Streaming and determinism. */
static char *xml_of(const danvan_evaluation *ev) {
  char *x = NULL;
  size_t n = 0;
  assert_int_equal(danvan_evaluation_to_xml(&x, &n, ev), DANVAN_OK);
  assert_int_equal(strlen(x), n);
  return x;
}

typedef void (*builder)(danvan_dataset *, danvan_dataset *);

static void check_streaming(builder build, const char *plan, const char *as_of) {
  /* one dataset */
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build(ds, ds);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, plan, T(as_of), NULL), DANVAN_OK);
  char *a = xml_of(ev);
  /* twice: same bytes */
  danvan_evaluation *ev2 = NULL;
  assert_int_equal(danvan_evaluate(&ev2, ds, plan, T(as_of), NULL), DANVAN_OK);
  char *b = xml_of(ev2);
  assert_string_equal(a, b);
  danvan_free(b);
  danvan_evaluation_free(ev2);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);

  /* plan and reports in two datasets, reports given one at a time in reverse order */
  danvan_dataset *pd = NULL, *rd = NULL;
  assert_int_equal(danvan_dataset_new(&pd), DANVAN_OK);
  assert_int_equal(danvan_dataset_new(&rd), DANVAN_OK);
  build(pd, rd);
  assert_int_equal(danvan_dataset_count(pd, DANVAN_KIND_REPORT), 0);
  assert_int_equal(danvan_evaluation_begin(&ev, pd, plan, T(as_of), NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_row_count(ev, DANVAN_EVAL_DUTIES), 0); /* not finished */
  char *tmp = NULL;
  assert_int_equal(danvan_evaluation_to_xml(&tmp, NULL, ev), DANVAN_EINVAL);
  for (size_t i = danvan_dataset_count(rd, DANVAN_KIND_REPORT); i-- > 0;)
    assert_int_equal(danvan_evaluation_add_report(ev, danvan_dataset_get(rd, DANVAN_KIND_REPORT, i)), DANVAN_OK);
  danvan_dataset_free(rd); /* the evaluation kept nothing of the reports */
  danvan_dataset_free(pd);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluation_add_report(ev, NULL), DANVAN_EINVAL);
  b = xml_of(ev);
  assert_string_equal(a, b);
  danvan_free(a);
  danvan_free(b);
  danvan_evaluation_free(ev);
}

static void test_streaming_periodic(void **state) {
  (void)state;
  check_streaming(build_periodic, "p2", "2024-04-10T00:00:00+07:00");
}

static void test_streaming_quotas(void **state) {
  (void)state;
  check_streaming(build_quotas, "p3", "2024-12-25T00:00:00+07:00");
}

/* The daily dataset has a repeated id, so report order matters there (the first one wins);
 * in document order the streamed result equals the one-dataset result. */
static void test_streaming_daily(void **state) {
  (void)state;
  danvan_dataset *ds = NULL, *pd = NULL, *rd = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_dataset_new(&pd), DANVAN_OK);
  assert_int_equal(danvan_dataset_new(&rd), DANVAN_OK);
  build_daily(ds, ds);
  build_daily(pd, rd);
  int64_t at = T("2024-12-16T14:00:00+07:00");
  danvan_evaluation *a = NULL, *b = NULL;
  assert_int_equal(danvan_evaluate(&a, ds, "p", at, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_begin(&b, pd, "p", at, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_add_reports(b, rd), DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(b), DANVAN_OK);
  char *xa = xml_of(a), *xb = xml_of(b);
  assert_string_equal(xa, xb);
  danvan_free(xa);
  danvan_free(xb);
  danvan_evaluation_free(a);
  danvan_evaluation_free(b);
  danvan_dataset_free(ds);
  danvan_dataset_free(pd);
  danvan_dataset_free(rd);
}

static void test_errors(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, NULL, 0, NULL), DANVAN_ENOTFOUND); /* no plan */
  assert_null(ev);
  assert_int_equal(danvan_evaluate(NULL, ds, "x", 0, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluate(&ev, NULL, "x", 0, NULL), DANVAN_EINVAL);
  build_periodic(ds, ds);
  assert_int_equal(danvan_evaluate(&ev, ds, "u1", 0, NULL), DANVAN_ENOTFOUND); /* not a plan */
  assert_int_equal(danvan_evaluate(&ev, ds, "p2", T("2024-04-10T00:00:00+07:00"), NULL), DANVAN_OK);
  const char *s = NULL;
  int64_t i = 0;
  assert_int_equal(danvan_evaluation_get_string(&s, ev, DUT, DANVAN_COL_DUE, 0), DANVAN_ETYPE);
  assert_int_equal(danvan_evaluation_get_int(&i, ev, DUT, DANVAN_COL_ACHIEVED, 0), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluation_get_int(&i, ev, DUT, DANVAN_COL_DUE, 1000), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluation_get_string(&s, ev, SLT, DANVAN_COL_REPORT, 2), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_evaluation_column_type(DUT, DANVAN_COL_DUE), DANVAN_COLUMN_INT);
  assert_int_equal(danvan_evaluation_column_type(DUT, DANVAN_COL_RANK), 0);
  assert_int_equal(danvan_evaluation_column_count(SCO), 8);
  assert_int_equal(danvan_evaluation_column(SCO, 0), DANVAN_COL_ORG);
  assert_string_equal(danvan_evaluation_column_name(DANVAN_COL_MET_UNITS), "met-units");
  assert_string_equal(danvan_evaluation_table_name(RES), "quota-result");
  assert_null(danvan_evaluation_table_name(99));
  assert_string_equal(danvan_slot_status_name(DANVAN_SLOT_MISSING), "missing");
  assert_string_equal(danvan_evaluation_plan_id(ev), "p2");
  assert_string_equal(danvan_evaluation_label(ev, "u1"), "Đơn vị 1");
  assert_null(danvan_evaluation_label(ev, "nobody"));
  int64_t big[2];
  assert_int_equal(danvan_evaluation_fill_int64(big, 2, ev, DUT, DANVAN_COL_DUE, 999), DANVAN_EINVAL);
  assert_int_equal(danvan_evaluation_fill_int64(big, 2, ev, DUT, DANVAN_COL_DUTY, 0), DANVAN_ETYPE);
  danvan_evaluation_free(ev);
  danvan_evaluation_free(NULL);
  danvan_dataset_free(ds);
}

/* ======================================================================================== */
/* The Tân Phong example (examples/data, README "The Tân Phong report set"). */
#define TP_PLAN DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2.xml"
#define TP_REPORTS DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2-reports.xml"

static const struct {
  const char *org;
  int on_time, early, late, missing;
} TP_TABLE[8] = {
    /* examples/data/README.md: board, on time, early, late (total), missing; due 15 each */
    {"bt-ap-cau", 15, 0, 0, 0},      {"bt-ap-trai-bi", 10, 3, 0, 2},
    {"bt-ap-san-bay", 12, 0, 2, 1},  {"bt-ap-moi", 10, 1, 4, 0},
    {"bt-ap-bau-dung", 10, 1, 3, 1}, {"bt-ap-go-cat", 11, 1, 3, 0},
    {"bt-ap-dong-dai", 13, 0, 1, 1}, {"bt-ap-xom-thap", 12, 0, 3, 0},
};

/* An independent tally, straight from the report entities: a (board, day) slot is on time
 * when a report covering that day was submitted between 13:30:00 and 15:00:00 of that day,
 * early before, late after; missing without a report. Nothing of the library's evaluation. */
static void tp_hand_tally(const danvan_dataset *ds, const char *org, int *on, int *early,
                          int *late, int *missing) {
  int status[15] = {0}; /* 0 none, 1 on time, 2 early, 3 late (days 10..24) */
  for (size_t i = 0; i < danvan_dataset_count(ds, DANVAN_KIND_REPORT); i++) {
    const danvan_entity *r = danvan_dataset_get(ds, DANVAN_KIND_REPORT, i);
    const char *o = NULL, *duty = NULL;
    danvan_entity_get_string(&o, r, DANVAN_F_ORG);
    danvan_entity_get_string(&duty, r, DANVAN_F_DUTY);
    if (!o || strcmp(o, org) != 0 || !duty || strcmp(duty, "d-daily") != 0) continue;
    int64_t day = 0, sub = 0;
    assert_int_equal(danvan_entity_get_time(&day, r, DANVAN_F_START), DANVAN_OK);
    assert_int_equal(danvan_entity_get_time(&sub, r, DANVAN_F_SUBMITTED), DANVAN_OK);
    assert_true(day >= 20241210 && day <= 20241224);
    int64_t open = 0, close = 0;
    assert_int_equal(danvan_datetime_from_parts(&open, (int32_t)day, 13 * 60 + 30), DANVAN_OK);
    assert_int_equal(danvan_datetime_from_parts(&close, (int32_t)day, 15 * 60), DANVAN_OK);
    int st = sub < open ? 2 : sub <= close ? 1 : 3;
    int *slot = &status[day - 20241210];
    assert_int_equal(*slot, 0); /* at most one report per slot in this set */
    *slot = st;
  }
  *on = *early = *late = *missing = 0;
  for (int d = 0; d < 15; d++) {
    if (status[d] == 1) (*on)++;
    else if (status[d] == 2) (*early)++;
    else if (status[d] == 3) (*late)++;
    else (*missing)++;
  }
}

static danvan_evaluation *tp_eval(const danvan_dataset *ds, const char *as_of) {
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, "tan-phong-2024-2", T(as_of), NULL), DANVAN_OK);
  return ev;
}

static void test_tan_phong(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  if (danvan_dataset_load(&ds, TP_PLAN, NULL) != DANVAN_OK)
    fail_msg("%s: %s", TP_PLAN, danvan_error_message());
  assert_int_equal(danvan_dataset_merge(ds, TP_REPORTS, NULL), DANVAN_OK);
  danvan_evaluation *ev = tp_eval(ds, "2024-12-25T00:00:00+07:00");
  int sum_on = 0, sum_due = 0;
  for (size_t k = 0; k < 8; k++) {
    int on, early, late, missing;
    tp_hand_tally(ds, TP_TABLE[k].org, &on, &early, &late, &missing);
    /* the hand tally agrees with the README ... */
    assert_int_equal(on, TP_TABLE[k].on_time);
    assert_int_equal(early, TP_TABLE[k].early);
    assert_int_equal(late, TP_TABLE[k].late);
    assert_int_equal(missing, TP_TABLE[k].missing);
    /* ... and so does the evaluation */
    size_t r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, TP_TABLE[k].org);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_DUE, r), 15);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), on);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_EARLY, r), early);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_LATE, r), late);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_MISSING, r), missing);
    assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 0);
    sum_on += on;
    sum_due += 15;
  }
  /* totals of the README: 93 on time of 120 */
  assert_int_equal(sum_on, 93);
  assert_int_equal(sum_due, 120);
  /* README ratios: trai-bi 0.8667 / 0.6667, san-bay 0.9333 / 0.8 */
  size_t r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-daily", DANVAN_COL_ORG, "bt-ap-trai-bi");
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_COMPLETENESS, r), "0.8667");
  assert_string_equal(TXT(ev, DUT, DANVAN_COL_TIMELINESS, r), "0.6667");
  /* the edges of the window: 13:30:00 and 15:00:00 on time, 13:29:00 early, 15:01:00 late */
  static const struct { const char *org; int32_t day; const char *status; } edges[] = {
      {"bt-ap-trai-bi", 20241212, "on-time"}, {"bt-ap-san-bay", 20241215, "on-time"},
      {"bt-ap-go-cat", 20241217, "early"},    {"bt-ap-xom-thap", 20241219, "late"}};
  for (size_t k = 0; k < 4; k++) {
    bool found = false;
    for (size_t i = 0; i < danvan_evaluation_row_count(ev, SLT) && !found; i++)
      if (strcmp(TXT(ev, SLT, DANVAN_COL_ORG, i), edges[k].org) == 0 &&
          INT(ev, SLT, DANVAN_COL_START, i) == edges[k].day) {
        assert_string_equal(TXT(ev, SLT, DANVAN_COL_STATUS, i), edges[k].status);
        found = true;
      }
    assert_true(found);
  }
  /* d-final (once, due 28/12 until 24:00): pending on 25/12; d-plans (due 9/12): 11 missing */
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-final", DANVAN_COL_ORG, "bchqs-tan-phong");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_PENDING, r), 1);
  int64_t missing = 0;
  for (size_t i = 0; i < danvan_evaluation_row_count(ev, DUT); i++)
    if (strcmp(TXT(ev, DUT, DANVAN_COL_DUTY, i), "d-plans") == 0) missing += INT(ev, DUT, DANVAN_COL_MISSING, i);
  assert_int_equal(missing, 11);
  /* q-hamlets: boards with >= 1 propaganda session: 6 of 8 (Trại Bí, Sân Bay have 0): 0.75 */
  r = ROW(ev, RES, DANVAN_COL_QUOTA, "q-hamlets", 0, NULL);
  assert_int_equal(INT(ev, RES, DANVAN_COL_UNITS, r), 8);
  assert_int_equal(INT(ev, RES, DANVAN_COL_MET_UNITS, r), 6);
  assert_string_equal(TXT(ev, RES, DANVAN_COL_COVERAGE, r), "0.75");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "false");
  assert_string_equal(TXT(ev, QST, DANVAN_COL_ACHIEVED,
                          ROW(ev, QST, DANVAN_COL_QUOTA, "q-hamlets", DANVAN_COL_ORG, "bt-ap-trai-bi")), "0");
  /* q-ratio: citizens / soldiers over bcd-tan-phong and below: 575 / 1315 = 0.43726 -> 0.4373
   * (the military command's cumulative final report is not under bcd-tan-phong) */
  r = ROW(ev, RES, DANVAN_COL_QUOTA, "q-ratio", 0, NULL);
  assert_string_equal(TXT(ev, RES, DANVAN_COL_ACHIEVED, r), "0.4373");
  assert_string_equal(TXT(ev, RES, DANVAN_COL_MET, r), "true");
  danvan_evaluation_free(ev);

  /* after the final report (27/12 16:20): d-final on time */
  ev = tp_eval(ds, "2024-12-30T00:00:00+07:00");
  r = ROW(ev, DUT, DANVAN_COL_DUTY, "d-final", DANVAN_COL_ORG, "bchqs-tan-phong");
  assert_int_equal(INT(ev, DUT, DANVAN_COL_ON_TIME, r), 1);
  char *merged = NULL;
  assert_int_equal(danvan_evaluation_to_xml(&merged, NULL, ev), DANVAN_OK);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);

  /* streaming: the plan alone, then the report file read on its own */
  assert_int_equal(danvan_dataset_load(&ds, TP_PLAN, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_begin(&ev, ds, "tan-phong-2024-2", T("2024-12-30T00:00:00+07:00"), NULL), DANVAN_OK);
  danvan_dataset_free(ds);
  assert_int_equal(danvan_evaluation_add_report_file(ev, DANVAN_SOURCE_DIR "/no/such/file.xml", NULL), DANVAN_EIO);
  assert_int_equal(danvan_evaluation_add_report_file(ev, TP_REPORTS, NULL), DANVAN_OK);
  assert_int_equal(danvan_evaluation_finish(ev), DANVAN_OK);
  char *streamed = NULL;
  assert_int_equal(danvan_evaluation_to_xml(&streamed, NULL, ev), DANVAN_OK);
  assert_string_equal(merged, streamed);
  danvan_free(merged);
  danvan_free(streamed);
  danvan_evaluation_free(ev);
}

/* ======================================================================================== */
/* Allocation failures: the test program interposes malloc and friends (glibc), so the N-th
 * allocation after arming fails, for N = 1, 2, … until a whole run succeeds. Every run must
 * end in DANVAN_OK or DANVAN_ENOMEM, never crash, and leak nothing (valgrind and the
 * sanitizer build check the last part; under the sanitizer the interposition is off). */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define HAVE_ALLOC_SWEEP 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);
static long fail_countdown = 0; /* > 0: armed */
static int fail_hit = 0;
static int should_fail(void) {
  if (fail_countdown <= 0) return 0;
  if (--fail_countdown == 0) {
    fail_hit = 1;
    return 1;
  }
  return 0;
}
static long live = 0; /* blocks allocated and not freed: a leak check of its own */
void *malloc(size_t n) {
  void *p = should_fail() ? NULL : __libc_malloc(n);
  if (p) live++;
  return p;
}
void *calloc(size_t n, size_t m) {
  void *p = should_fail() ? NULL : __libc_calloc(n, m);
  if (p) live++;
  return p;
}
void *realloc(void *q, size_t n) {
  void *p = should_fail() ? NULL : __libc_realloc(q, n);
  if (p && !q) live++;
  return p;
}
/* the arena's chunks are aligned to their size */
int posix_memalign(void **out, size_t align, size_t n) {
  void *p = should_fail() ? NULL : __libc_memalign(align, n);
  if (!p) return 12; /* ENOMEM */
  live++;
  *out = p;
  return 0;
}
void free(void *p) {
  if (p) live--;
  __libc_free(p);
}

static int32_t sweep_once(const danvan_dataset *ds, const char *plan, int64_t at) {
  danvan_evaluation *ev = NULL;
  int32_t rc = danvan_evaluate(&ev, ds, plan, at, NULL);
  char *x = NULL;
  if (rc == DANVAN_OK) rc = danvan_evaluation_to_xml(&x, NULL, ev);
  danvan_free(x);
  x = NULL;
  if (rc == DANVAN_OK) rc = danvan_evaluation_to_text(&x, NULL, ev);
  danvan_free(x);
  x = NULL;
  if (rc == DANVAN_OK) rc = danvan_evaluation_to_html(&x, NULL, ev);
  danvan_free(x);
  x = NULL;
  if (rc == DANVAN_OK) rc = danvan_evaluation_to_csv(&x, NULL, ev, DANVAN_EVAL_ALL);
  danvan_free(x);
  danvan_evaluation_free(ev);
  return rc;
}

static void sweep(builder build, const char *plan, const char *as_of) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build(ds, ds);
  int64_t at = T(as_of);
  long n;
  for (n = 1; n < 100000; n++) {
    fail_hit = 0;
    fail_countdown = n;
    long before = live;
    int32_t rc = sweep_once(ds, plan, at);
    fail_countdown = 0;
    if (live != before) fail_msg("allocation %ld: %ld blocks leaked", n, live - before);
    if (!fail_hit && n == 1) { /* the interposition is not active (valgrind replaces malloc) */
      danvan_dataset_free(ds);
      skip();
    }
    if (!fail_hit) {
      assert_int_equal(rc, DANVAN_OK);
      break;
    }
    if (rc != DANVAN_OK && rc != DANVAN_ENOMEM) fail_msg("allocation %ld: status %d", n, (int)rc);
  }
  if (getenv("DANVAN_SWEEP_VERBOSE")) fprintf(stderr, "%s: %ld allocations\n", plan, n);
  assert_true(n > 10 && n < 100000);
  danvan_dataset_free(ds);
}
#endif

static void test_alloc_failures(void **state) {
  (void)state;
#ifdef HAVE_ALLOC_SWEEP
  sweep(build_daily, "p", "2024-12-16T14:00:00+07:00");
  sweep(build_quotas, "p3", "2024-12-25T00:00:00+07:00");
#else
  skip();
#endif
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_daily_counts),
      cmocka_unit_test(test_daily_slots),
      cmocka_unit_test(test_deadline_exclusive),
      cmocka_unit_test(test_daily_tally_and_scores),
      cmocka_unit_test(test_periodic),
      cmocka_unit_test(test_quotas),
      cmocka_unit_test(test_quota_scores),
      cmocka_unit_test(test_locality_credit_off),
      cmocka_unit_test(test_streaming_periodic),
      cmocka_unit_test(test_streaming_quotas),
      cmocka_unit_test(test_streaming_daily),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_tan_phong),
      cmocka_unit_test(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
