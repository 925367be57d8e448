/* Core model: kinds and fields, datasets, entities, ids, values through entities, selectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <danvan/danvan.h>

static int setup(void **state) {
  danvan_dataset *ds = NULL;
  if (danvan_dataset_new(&ds) != DANVAN_OK) return -1;
  *state = ds;
  return 0;
}

static int teardown(void **state) {
  danvan_dataset_free(*state);
  return 0;
}

static danvan_entity *add(danvan_entity *parent, int32_t kind, const char *id) {
  danvan_entity *e = NULL;
  assert_int_equal(danvan_entity_add(&e, parent, kind, id), DANVAN_OK);
  assert_non_null(e);
  return e;
}

static void set(danvan_entity *e, int32_t field, const char *value) {
  int32_t rc = danvan_entity_set(e, field, value);
  if (rc != DANVAN_OK) fail_msg("set %s=%s: %s", danvan_field_name(field), value, danvan_error_message());
}

static const char *get(const danvan_entity *e, int32_t field) {
  const char *s = NULL;
  assert_int_equal(danvan_entity_get_string(&s, e, field), DANVAN_OK);
  return s;
}

static void assert_formats(const danvan_entity *e, int32_t field, const char *want) {
  char *s = NULL;
  assert_int_equal(danvan_entity_format(&s, e, field), DANVAN_OK);
  assert_non_null(s);
  assert_string_equal(s, want);
  danvan_free(s);
}

/* ---- the kind table ----------------------------------------------------------------------- */
static void test_kind_table(void **state) {
  (void)state;
  int32_t k, f;
  assert_string_equal(danvan_kind_name(DANVAN_KIND_PLAN), "plan");
  assert_string_equal(danvan_kind_name(DANVAN_KIND_DATASET), "danvan");
  assert_null(danvan_kind_name(DANVAN_KIND_COUNT));
  assert_null(danvan_kind_name(-3));
  assert_int_equal(danvan_kind_lookup(&k, "quota"), DANVAN_OK);
  assert_int_equal(k, DANVAN_KIND_QUOTA);
  assert_int_equal(danvan_kind_lookup(&k, "nope"), DANVAN_ENOTFOUND);
  assert_string_equal(danvan_field_name(DANVAN_F_WINDOW_START), "window-start");
  assert_int_equal(danvan_field_lookup(&f, "due-time"), DANVAN_OK);
  assert_int_equal(f, DANVAN_F_DUE_TIME);
  assert_int_equal(danvan_field_lookup(&f, "nope"), DANVAN_ENOTFOUND);
  /* every field name round-trips and every kind's fields are known */
  for (int32_t i = 1; i < DANVAN_FIELD_COUNT; i++) {
    assert_non_null(danvan_field_name(i));
    assert_int_equal(danvan_field_lookup(&f, danvan_field_name(i)), DANVAN_OK);
    assert_int_equal(f, i);
  }
  for (int32_t kind = 1; kind < DANVAN_KIND_COUNT; kind++) {
    assert_int_equal(danvan_kind_lookup(&k, danvan_kind_name(kind)), DANVAN_OK);
    assert_int_equal(k, kind);
    for (size_t i = 0; i < danvan_kind_field_count(kind); i++) {
      int32_t field = danvan_kind_field(kind, i);
      assert_true(field > 0 && field < DANVAN_FIELD_COUNT);
      assert_true(danvan_kind_field_type(kind, field) > 0);
    }
  }
  /* canonical order of the plan's attributes starts as in the format */
  assert_int_equal(danvan_kind_field(DANVAN_KIND_PLAN, 0), DANVAN_F_ID);
  assert_int_equal(danvan_kind_field(DANVAN_KIND_PLAN, 1), DANVAN_F_TYPE);
  assert_int_equal(danvan_kind_field(DANVAN_KIND_PLAN, 99), 0);
  assert_int_equal(danvan_kind_field_type(DANVAN_KIND_DUTY, DANVAN_F_WEEKENDS), DANVAN_TYPE_BOOL);
  assert_int_equal(danvan_kind_field_type(DANVAN_KIND_DUTY, DANVAN_F_NAME), 0);
  assert_int_equal(danvan_kind_field_is_partial_date(DANVAN_KIND_PLAN, DANVAN_F_DATE), 1);
  assert_int_equal(danvan_kind_field_is_partial_date(DANVAN_KIND_PLAN, DANVAN_F_START), 0);
  assert_int_equal(danvan_kind_field_target(DANVAN_KIND_TASK, DANVAN_F_LEAD), DANVAN_KIND_ORGANISATION);
  assert_int_equal(danvan_kind_field_target(DANVAN_KIND_SELECTOR, DANVAN_F_UNDER), DANVAN_KIND_ANY);
  assert_int_equal(danvan_kind_field_target(DANVAN_KIND_TASK, DANVAN_F_START), -1);
  assert_string_equal(danvan_kind_field_enum(DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, 0), "daily");
  assert_string_equal(danvan_kind_field_enum(DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, 6), "once");
  assert_null(danvan_kind_field_enum(DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, 7));
  assert_null(danvan_kind_field_enum(DANVAN_KIND_DUTY, DANVAN_F_START, 0));
  assert_int_equal(danvan_kind_child_kind_count(DANVAN_KIND_DATASET), 6);
  assert_int_equal(danvan_kind_child_kind(DANVAN_KIND_DATASET, 0), DANVAN_KIND_METRIC);
  assert_int_equal(danvan_kind_child_kind(DANVAN_KIND_DATASET, 5), DANVAN_KIND_REPORT);
  assert_int_equal(danvan_kind_child_kind(DANVAN_KIND_DATASET, 6), 0);
  assert_int_equal(danvan_kind_child_kind(DANVAN_KIND_SECTION, 1), DANVAN_KIND_SECTION);
}

/* ---- datasets and entities ---------------------------------------------------------------- */
static void test_add_find_remove(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds), *found = NULL;
  assert_int_equal(danvan_entity_kind(root), DANVAN_KIND_DATASET);
  assert_null(danvan_entity_parent(root));
  danvan_entity *plan = add(root, DANVAN_KIND_PLAN, "p1");
  danvan_entity *t1 = add(plan, DANVAN_KIND_TASK, "t1");
  danvan_entity *t2 = add(t1, DANVAN_KIND_TASK, "t2"); /* sub-task */
  add(root, DANVAN_KIND_METRIC, "m1");
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_PLAN), 1);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_METRIC), 1);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_ANY), 2);
  assert_int_equal(danvan_dataset_entity_count(ds), 4);
  assert_ptr_equal(danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0), plan);
  assert_null(danvan_dataset_get(ds, DANVAN_KIND_PLAN, 1));
  assert_ptr_equal(danvan_entity_parent(t2), t1);
  assert_ptr_equal(danvan_entity_dataset(t2), ds);
  assert_string_equal(danvan_entity_id(t2), "t2");
  assert_int_equal(danvan_dataset_find(&found, ds, "t2"), DANVAN_OK);
  assert_ptr_equal(found, t2);
  assert_int_equal(danvan_dataset_find(&found, ds, "zz"), DANVAN_ENOTFOUND);
  /* a kind the parent cannot hold, an id on a kind without ids, a bad id */
  danvan_entity *bad = (danvan_entity *)1;
  assert_int_equal(danvan_entity_add(&bad, root, DANVAN_KIND_TASK, "x"), DANVAN_EINVAL);
  assert_null(bad);
  assert_int_equal(danvan_entity_add(NULL, plan, DANVAN_KIND_ISSUER, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_add(NULL, plan, DANVAN_KIND_TASK, "1bad"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_add(NULL, plan, DANVAN_KIND_DATASET, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_add(NULL, NULL, DANVAN_KIND_PLAN, NULL), DANVAN_EINVAL);
  /* removing a task removes its sub-task's id too */
  assert_int_equal(danvan_entity_remove(t1), DANVAN_OK);
  assert_int_equal(danvan_dataset_find(&found, ds, "t2"), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_dataset_find(&found, ds, "t1"), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_TASK), 0);
  assert_int_equal(danvan_dataset_entity_count(ds), 2);
  assert_int_equal(danvan_entity_remove(root), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_remove(NULL), DANVAN_EINVAL);
}

static void test_children_order(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *plan = add(danvan_dataset_root(ds), DANVAN_KIND_PLAN, "p");
  danvan_entity *sec = add(plan, DANVAN_KIND_SECTION, NULL);
  danvan_entity *a = add(sec, DANVAN_KIND_TEXT, NULL);
  danvan_entity *b = add(sec, DANVAN_KIND_SECTION, NULL);
  danvan_entity *c = add(sec, DANVAN_KIND_TEXT, NULL);
  assert_int_equal(danvan_entity_child_count(sec, DANVAN_KIND_ANY), 3);
  assert_ptr_equal(danvan_entity_child(sec, DANVAN_KIND_ANY, 0), a);
  assert_ptr_equal(danvan_entity_child(sec, DANVAN_KIND_ANY, 1), b);
  assert_ptr_equal(danvan_entity_child(sec, DANVAN_KIND_ANY, 2), c);
  assert_int_equal(danvan_entity_child_count(sec, DANVAN_KIND_TEXT), 2);
  assert_ptr_equal(danvan_entity_child(sec, DANVAN_KIND_TEXT, 1), c);
  assert_null(danvan_entity_child(sec, DANVAN_KIND_TEXT, 2));
  assert_int_equal(danvan_entity_child_count(sec, DANVAN_KIND_TASK), 0);
  assert_int_equal(danvan_entity_child_count(sec, 999), 0);
  assert_int_equal(danvan_entity_remove(b), DANVAN_OK);
  assert_ptr_equal(danvan_entity_child(sec, DANVAN_KIND_ANY, 1), c);
}

/* Children are a circular list: removing the first, a middle one, the newest (with and
   without children of its own added after it) and then adding again keeps every list in
   order; a child of a removed entity cannot be removed again. */
static void test_remove_keeps_order(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds);
  char id[16];
  danvan_entity *r[6];
  for (int i = 0; i < 6; i++) {
    snprintf(id, sizeof id, "r%d", i);
    r[i] = add(root, DANVAN_KIND_REPORT, id);
  }
  danvan_entity *v = add(r[5], DANVAN_KIND_VALUE, NULL); /* added after r5: r5 is still last */
  assert_int_equal(danvan_entity_remove(r[5]), DANVAN_OK);
  assert_int_equal(danvan_entity_remove(v), DANVAN_EINVAL); /* went with its report */
  assert_int_equal(danvan_entity_remove(r[0]), DANVAN_OK);
  assert_int_equal(danvan_entity_remove(r[2]), DANVAN_OK);
  assert_int_equal(danvan_entity_remove(r[4]), DANVAN_OK); /* newest, after other removals */
  danvan_entity *n = add(root, DANVAN_KIND_REPORT, "n");
  danvan_entity *want[] = {r[1], r[3], n};
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_REPORT), 3);
  assert_int_equal(danvan_entity_child_count(root, DANVAN_KIND_ANY), 3);
  for (size_t i = 0; i < 3; i++) {
    assert_ptr_equal(danvan_dataset_get(ds, DANVAN_KIND_REPORT, i), want[i]);
    assert_ptr_equal(danvan_entity_child(root, DANVAN_KIND_ANY, i), want[i]);
  }
  assert_int_equal(danvan_entity_remove(n), DANVAN_OK);
  assert_int_equal(danvan_entity_remove(r[3]), DANVAN_OK);
  assert_int_equal(danvan_entity_remove(r[1]), DANVAN_OK);
  assert_int_equal(danvan_entity_child_count(root, DANVAN_KIND_ANY), 0);
  assert_int_equal(danvan_dataset_entity_count(ds), 0);
  danvan_entity *again = add(root, DANVAN_KIND_REPORT, "r1"); /* its id is free again */
  assert_ptr_equal(danvan_dataset_get(ds, DANVAN_KIND_REPORT, 0), again);
}

static void test_duplicate_ids(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds), *found = NULL;
  danvan_entity *a = add(root, DANVAN_KIND_METRIC, "x");
  danvan_entity *b = add(root, DANVAN_KIND_LOCALITY, "x"); /* accepted: dup-id reports it */
  assert_int_equal(danvan_dataset_find(&found, ds, "x"), DANVAN_OK);
  assert_ptr_equal(found, a);
  assert_int_equal(danvan_entity_remove(a), DANVAN_OK);
  assert_int_equal(danvan_dataset_find(&found, ds, "x"), DANVAN_OK);
  assert_ptr_equal(found, b); /* the other one takes over */
  /* renaming updates the index */
  set(b, DANVAN_F_ID, "y");
  assert_int_equal(danvan_dataset_find(&found, ds, "x"), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_dataset_find(&found, ds, "y"), DANVAN_OK);
  assert_int_equal(danvan_entity_unset(b, DANVAN_F_ID), DANVAN_OK);
  assert_int_equal(danvan_dataset_find(&found, ds, "y"), DANVAN_ENOTFOUND);
  assert_null(danvan_entity_id(b));
}

static void test_many_ids(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds), *found = NULL;
  char id[32];
  for (int i = 0; i < 5000; i++) {
    snprintf(id, sizeof id, "org-%d", i);
    add(root, DANVAN_KIND_ORGANISATION, id);
  }
  /* remove every third and check the rest are all still found (probe chains intact) */
  for (int i = 0; i < 5000; i += 3) {
    snprintf(id, sizeof id, "org-%d", i);
    assert_int_equal(danvan_dataset_find(&found, ds, id), DANVAN_OK);
    assert_int_equal(danvan_entity_remove(found), DANVAN_OK);
  }
  for (int i = 0; i < 5000; i++) {
    snprintf(id, sizeof id, "org-%d", i);
    assert_int_equal(danvan_dataset_find(&found, ds, id), i % 3 ? DANVAN_OK : DANVAN_ENOTFOUND);
    if (i % 3) assert_string_equal(danvan_entity_id(found), id);
  }
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_ORGANISATION), 5000 - 1667);
}

/* Every field of every kind can be set from text and read back in canonical text. */
static const char *sample_for(int32_t kind, int32_t field) {
  switch (danvan_kind_field_type(kind, field)) {
    case DANVAN_TYPE_STRING: return "Ban Chỉ đạo xã Tân Phong";
    case DANVAN_TYPE_ID: return "some-id";
    case DANVAN_TYPE_REF: return "ref-1";
    case DANVAN_TYPE_REFS: return "a b c";
    case DANVAN_TYPE_TOKENS: return "border ethnic-minority";
    case DANVAN_TYPE_ENUM: return danvan_kind_field_enum(kind, field, 1);
    case DANVAN_TYPE_DATE: return "2024-12-10";
    case DANVAN_TYPE_DATETIME: return "2024-12-10T07:30:00+07:00";
    case DANVAN_TYPE_TIME: return "13:30";
    case DANVAN_TYPE_DECIMAL: return "0.3333";
    case DANVAN_TYPE_INT: return "15";
    case DANVAN_TYPE_BOOL: return "true";
    default: return NULL;
  }
}

static danvan_entity *make_of_kind(danvan_dataset *ds, int32_t kind) {
  /* find a parent chain for this kind by searching the child tables breadth-first */
  danvan_entity *root = danvan_dataset_root(ds);
  switch (kind) {
    case DANVAN_KIND_METRIC: case DANVAN_KIND_LOCALITY: case DANVAN_KIND_PERSON:
    case DANVAN_KIND_ORGANISATION: case DANVAN_KIND_PLAN: case DANVAN_KIND_REPORT:
      return add(root, kind, NULL);
    case DANVAN_KIND_MEMBER: return add(add(root, DANVAN_KIND_ORGANISATION, NULL), kind, NULL);
    case DANVAN_KIND_AREA:
      return add(add(add(root, DANVAN_KIND_ORGANISATION, NULL), DANVAN_KIND_MEMBER, NULL), kind, NULL);
    case DANVAN_KIND_TEXT: return add(add(add(root, DANVAN_KIND_PLAN, NULL), DANVAN_KIND_SECTION, NULL), kind, NULL);
    case DANVAN_KIND_MEASURE: return add(add(add(root, DANVAN_KIND_PLAN, NULL), DANVAN_KIND_TASK, NULL), kind, NULL);
    case DANVAN_KIND_SELECTOR: return add(add(add(root, DANVAN_KIND_PLAN, NULL), DANVAN_KIND_QUOTA, NULL), kind, NULL);
    case DANVAN_KIND_ATTACHMENT: return add(add(add(root, DANVAN_KIND_PLAN, NULL), DANVAN_KIND_DUTY, NULL), kind, NULL);
    case DANVAN_KIND_VALUE: case DANVAN_KIND_NOTE: return add(add(root, DANVAN_KIND_REPORT, NULL), kind, NULL);
    case DANVAN_KIND_FOREIGN: return add(root, kind, NULL);
    default: return add(add(root, DANVAN_KIND_PLAN, NULL), kind, NULL);
  }
}

static void test_every_field_round_trip(void **state) {
  danvan_dataset *ds = *state;
  size_t fields = 0;
  for (int32_t kind = 2; kind < DANVAN_KIND_COUNT; kind++) {
    danvan_entity *e = make_of_kind(ds, kind);
    for (size_t i = 0; i < danvan_kind_field_count(kind); i++) {
      int32_t field = danvan_kind_field(kind, i);
      const char *v = sample_for(kind, field);
      assert_non_null(v);
      assert_int_equal(danvan_entity_has(e, field), 0);
      set(e, field, v);
      assert_int_equal(danvan_entity_has(e, field), 1);
      assert_formats(e, field, v);
      fields++;
    }
    /* a field of no kind */
    assert_int_equal(danvan_entity_set(e, DANVAN_FIELD_COUNT, "x"), DANVAN_EINVAL);
  }
  assert_true(fields > 150);
}

static void test_typed_access(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *plan = add(danvan_dataset_root(ds), DANVAN_KIND_PLAN, "p");
  danvan_entity *duty = add(plan, DANVAN_KIND_DUTY, "d");
  danvan_entity *task = add(plan, DANVAN_KIND_TASK, "t");
  int64_t v;
  int32_t scale;
  set(duty, DANVAN_F_WEEKENDS, "true");
  assert_int_equal(danvan_entity_get_int(&v, duty, DANVAN_F_WEEKENDS), DANVAN_OK);
  assert_int_equal(v, 1);
  assert_int_equal(danvan_entity_set_int(duty, DANVAN_F_WEEKENDS, 2), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set_int(duty, DANVAN_F_LAG_DAYS, 5), DANVAN_OK);
  assert_formats(duty, DANVAN_F_LAG_DAYS, "5");
  assert_int_equal(danvan_entity_get_int(&v, duty, DANVAN_F_START), DANVAN_ETYPE);
  assert_int_equal(danvan_entity_get_time(&v, duty, DANVAN_F_DUE_TIME), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_entity_set_time(duty, DANVAN_F_DUE_TIME, 720), DANVAN_OK);
  assert_formats(duty, DANVAN_F_DUE_TIME, "12:00");
  assert_int_equal(danvan_entity_set_time(duty, DANVAN_F_DUE_TIME, 2000), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set_time(plan, DANVAN_F_START, 20241210), DANVAN_OK);
  assert_int_equal(danvan_entity_get_time(&v, plan, DANVAN_F_START), DANVAN_OK);
  assert_int_equal(v, 20241210);
  assert_int_equal(danvan_entity_set_time(plan, DANVAN_F_START, 20241200), DANVAN_EINVAL); /* not partial */
  assert_int_equal(danvan_entity_set_time(plan, DANVAN_F_DATE, 20241200), DANVAN_OK);     /* partial ok */
  assert_formats(plan, DANVAN_F_DATE, "2024-12");
  /* exact money: 3,6 tỷ đồng */
  assert_int_equal(danvan_entity_set_decimal(task, DANVAN_F_COST, 36, -1), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set_decimal(task, DANVAN_F_COST, 3600000000LL, 0), DANVAN_OK);
  assert_int_equal(danvan_entity_get_decimal(&v, &scale, task, DANVAN_F_COST), DANVAN_OK);
  assert_int_equal(v, 3600000000LL);
  assert_int_equal(scale, 0);
  assert_formats(task, DANVAN_F_COST, "3600000000");
  assert_int_equal(danvan_entity_set_decimal(task, DANVAN_F_TITLE, 1, 0), DANVAN_ETYPE);
  const char *s = (const char *)1;
  assert_int_equal(danvan_entity_get_string(&s, task, DANVAN_F_COST), DANVAN_ETYPE);
  assert_null(s);
  assert_int_equal(danvan_entity_get_string(&s, task, DANVAN_F_TITLE), DANVAN_OK);
  assert_null(s); /* not set */
  assert_int_equal(danvan_entity_get_string(&s, task, DANVAN_F_NAME), DANVAN_EINVAL);
  /* an empty string is a value: a blank document number */
  set(plan, DANVAN_F_NUMBER, "");
  assert_int_equal(danvan_entity_has(plan, DANVAN_F_NUMBER), 1);
  assert_string_equal(get(plan, DANVAN_F_NUMBER), "");
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_NUMBER, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_has(plan, DANVAN_F_NUMBER), 0);
  /* values that do not fit their type name the field in the error */
  assert_int_equal(danvan_entity_set(duty, DANVAN_F_FREQUENCY, "fortnightly"), DANVAN_EINVAL);
  assert_non_null(strstr(danvan_error_message(), "frequency"));
  assert_int_equal(danvan_entity_set(duty, DANVAN_F_START, "10/12/2024"), DANVAN_EINVAL);
  assert_non_null(strstr(danvan_error_message(), "start"));
  assert_int_equal(danvan_entity_set(duty, DANVAN_F_WEEKENDS, "yes"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set(duty, DANVAN_F_LAG_DAYS, "1.5"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set(task, DANVAN_F_LEAD, "has space"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_set(task, DANVAN_F_COST, "99999999999999999999"), DANVAN_ELIMIT);
}

/* Fields live in compact cells (dates in 3 bytes, date-times in 5) next to the entity, and
   move to a full record when a field is set that the entity had no cell for: every value
   must survive both, at the ends of its range. */
static void test_compact_cells(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *r = add(danvan_dataset_root(ds), DANVAN_KIND_REPORT, "r");
  int64_t v;
  static const int64_t times[] = {-62135596800LL + 86400 + 1, -1, 0, 1, 1733817600LL,
                                  253402300799LL - 86400 - 1};
  for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
    assert_int_equal(danvan_entity_set_time(r, DANVAN_F_SUBMITTED, times[i]), DANVAN_OK);
    assert_int_equal(danvan_entity_get_time(&v, r, DANVAN_F_SUBMITTED), DANVAN_OK);
    assert_true(v == times[i]);
  }
  static const int64_t dates[] = {10101, 99991231, 20240229, 20241200};
  for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
    assert_int_equal(danvan_entity_set_time(r, DANVAN_F_DATE, dates[i]), DANVAN_OK);
    assert_int_equal(danvan_entity_get_time(&v, r, DANVAN_F_DATE), DANVAN_OK);
    assert_true(v == dates[i]);
  }
  /* every other field of the report set one by one, each earlier one still there */
  set(r, DANVAN_F_PLAN, "p");
  set(r, DANVAN_F_START, "2024-12-10");
  set(r, DANVAN_F_STATUS, "approved");
  set(r, DANVAN_F_TYPE, "báo cáo");
  set(r, DANVAN_F_LINES, "3-9");
  assert_string_equal(get(r, DANVAN_F_PLAN), "p");
  assert_formats(r, DANVAN_F_START, "2024-12-10");
  assert_string_equal(get(r, DANVAN_F_STATUS), "approved");
  assert_string_equal(get(r, DANVAN_F_TYPE), "báo cáo");
  assert_formats(r, DANVAN_F_DATE, "2024-12");
  assert_string_equal(danvan_entity_id(r), "r");
  /* unset, then set again; the id stays found through all of it */
  assert_int_equal(danvan_entity_unset(r, DANVAN_F_START), DANVAN_OK);
  assert_int_equal(danvan_entity_has(r, DANVAN_F_START), 0);
  assert_int_equal(danvan_entity_has(r, DANVAN_F_PLAN), 1);
  set(r, DANVAN_F_START, "2025-01-01");
  assert_formats(r, DANVAN_F_START, "2025-01-01");
  danvan_entity *found = NULL;
  assert_int_equal(danvan_dataset_find(&found, ds, "r"), DANVAN_OK);
  assert_ptr_equal(found, r);
  /* a value's number is its text: set, unset, set */
  danvan_entity *val = add(r, DANVAN_KIND_VALUE, NULL);
  assert_int_equal(danvan_entity_has(val, DANVAN_F_VALUE), 0);
  assert_int_equal(danvan_entity_set_decimal(val, DANVAN_F_VALUE, -9223372036854775807LL, 18), DANVAN_OK);
  int32_t scale;
  assert_int_equal(danvan_entity_get_decimal(&v, &scale, val, DANVAN_F_VALUE), DANVAN_OK);
  assert_true(v == -9223372036854775807LL);
  assert_int_equal(scale, 18);
  assert_int_equal(danvan_entity_unset(val, DANVAN_F_VALUE), DANVAN_OK);
  assert_int_equal(danvan_entity_has(val, DANVAN_F_VALUE), 0);
}

static void test_lists_and_resolve(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds), *t = NULL;
  danvan_entity *plan = add(root, DANVAN_KIND_PLAN, "p");
  danvan_entity *org = add(root, DANVAN_KIND_ORGANISATION, "bchqs");
  add(root, DANVAN_KIND_LOCALITY, "ap-cau");
  danvan_entity *task = add(plan, DANVAN_KIND_TASK, "t");
  set(task, DANVAN_F_PARTNERS, "  bchqs\tmttq  ap-cau ");
  assert_string_equal(get(task, DANVAN_F_PARTNERS), "bchqs mttq ap-cau");
  assert_int_equal(danvan_entity_item_count(task, DANVAN_F_PARTNERS), 3);
  assert_string_equal(danvan_entity_item(task, DANVAN_F_PARTNERS, 1), "mttq");
  assert_null(danvan_entity_item(task, DANVAN_F_PARTNERS, 3));
  assert_int_equal(danvan_entity_resolve(&t, task, DANVAN_F_PARTNERS, 0), DANVAN_OK);
  assert_ptr_equal(t, org);
  assert_int_equal(danvan_entity_resolve(&t, task, DANVAN_F_PARTNERS, 1), DANVAN_ENOTFOUND);
  /* ap-cau exists but is a locality, not an organisation */
  assert_int_equal(danvan_entity_resolve(&t, task, DANVAN_F_PARTNERS, 2), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_entity_resolve(&t, task, DANVAN_F_START, 0), DANVAN_ETYPE);
  set(task, DANVAN_F_LEAD, "bchqs");
  assert_int_equal(danvan_entity_item_count(task, DANVAN_F_LEAD), 1);
  assert_string_equal(danvan_entity_item(task, DANVAN_F_LEAD, 0), "bchqs");
  assert_int_equal(danvan_entity_item_count(task, DANVAN_F_START), 0);
  assert_int_equal(danvan_entity_set(task, DANVAN_F_PARTNERS, "ok 9bad"), DANVAN_EINVAL);
}

/* The Tây Ninh 2020 shape: district unions, two of them on the border; communes below. */
static void build_youth_union_tree(danvan_dataset *ds) {
  danvan_entity *root = danvan_dataset_root(ds);
  danvan_entity *e;
  e = add(root, DANVAN_KIND_LOCALITY, "tay-ninh");
  set(e, DANVAN_F_KIND, "province");
  const char *districts[] = {"tan-bien", "chau-thanh", "hoa-thanh"};
  for (int i = 0; i < 3; i++) {
    e = add(root, DANVAN_KIND_LOCALITY, districts[i]);
    set(e, DANVAN_F_KIND, "district");
    set(e, DANVAN_F_PARENT, "tay-ninh");
    if (i < 2) set(e, DANVAN_F_TAGS, "border");
    if (i == 0) set(e, DANVAN_F_TO, "2025-06-30");
  }
  e = add(root, DANVAN_KIND_LOCALITY, "tan-phong");
  set(e, DANVAN_F_KIND, "commune");
  set(e, DANVAN_F_PARENT, "tan-bien");
  e = add(root, DANVAN_KIND_ORGANISATION, "tinh-doan");
  set(e, DANVAN_F_KIND, "youth-union");
  set(e, DANVAN_F_LOCALITY, "tay-ninh");
  char id[40];
  for (int i = 0; i < 3; i++) {
    snprintf(id, sizeof id, "hd-%s", districts[i]);
    e = add(root, DANVAN_KIND_ORGANISATION, id);
    set(e, DANVAN_F_KIND, "youth-union");
    set(e, DANVAN_F_LOCALITY, districts[i]);
    set(e, DANVAN_F_PARENT, "tinh-doan");
    if (i == 0) set(e, DANVAN_F_TO, "2025-06-30");
  }
  e = add(root, DANVAN_KIND_ORGANISATION, "xd-tan-phong");
  set(e, DANVAN_F_KIND, "youth-union");
  set(e, DANVAN_F_LOCALITY, "tan-phong");
  set(e, DANVAN_F_PARENT, "hd-tan-bien");
  e = add(root, DANVAN_KIND_ORGANISATION, "bchqs-tan-phong");
  set(e, DANVAN_F_KIND, "military-command");
  set(e, DANVAN_F_LOCALITY, "tan-phong");
}

static danvan_entity *selector(danvan_dataset *ds, const char *const *attrs) {
  danvan_entity *plan = add(danvan_dataset_root(ds), DANVAN_KIND_PLAN, NULL);
  danvan_entity *q = add(plan, DANVAN_KIND_QUOTA, NULL);
  danvan_entity *s = add(q, DANVAN_KIND_SELECTOR, NULL);
  for (size_t i = 0; attrs[i]; i += 2) {
    int32_t f;
    assert_int_equal(danvan_field_lookup(&f, attrs[i]), DANVAN_OK);
    set(s, f, attrs[i + 1]);
  }
  return s;
}

static void assert_matches(danvan_entity *sel, int32_t date, const char *want) {
  danvan_entity_list *l = NULL;
  assert_int_equal(danvan_selector_resolve(&l, sel, date), DANVAN_OK);
  char got[256] = "";
  for (size_t i = 0; i < danvan_entity_list_count(l); i++) {
    if (i) strcat(got, " ");
    strcat(got, danvan_entity_id(danvan_entity_list_get(l, i)));
  }
  assert_null(danvan_entity_list_get(l, danvan_entity_list_count(l)));
  danvan_entity_list_free(l);
  assert_string_equal(got, want);
}

static void test_selectors(void **state) {
  danvan_dataset *ds = *state;
  build_youth_union_tree(ds);
  const char *every_district[] = {"kind", "youth-union", "level", "district", NULL};
  assert_matches(selector(ds, every_district), 0, "hd-tan-bien hd-chau-thanh hd-hoa-thanh");
  const char *border[] = {"kind", "youth-union", "level", "district", "tags", "border", NULL};
  assert_matches(selector(ds, border), 0, "hd-tan-bien hd-chau-thanh");
  /* after the 2025 reform the Tân Biên union no longer exists */
  assert_matches(selector(ds, border), 20250701, "hd-chau-thanh");
  const char *under_org[] = {"under", "tinh-doan", NULL};
  assert_matches(selector(ds, under_org), 0, "hd-tan-bien hd-chau-thanh hd-hoa-thanh xd-tan-phong");
  const char *under_loc[] = {"under", "tan-bien", NULL};
  assert_matches(selector(ds, under_loc), 0, "hd-tan-bien xd-tan-phong bchqs-tan-phong");
  const char *two_kinds[] = {"kind", "military-command youth-union", "level", "commune", NULL};
  assert_matches(selector(ds, two_kinds), 0, "xd-tan-phong bchqs-tan-phong");
  const char *list[] = {"orgs", "bchqs-tan-phong tinh-doan nobody", NULL};
  assert_matches(selector(ds, list), 0, "tinh-doan bchqs-tan-phong");
  const char *none[] = {"kind", "police", NULL};
  assert_matches(selector(ds, none), 0, "");
  const char *unknown_under[] = {"under", "nowhere", NULL};
  assert_matches(selector(ds, unknown_under), 0, "");
  /* a quota resolves through its scope; an empty selector is an error */
  const char *empty[] = {NULL};
  danvan_entity *s = selector(ds, empty);
  danvan_entity_list *l = NULL;
  assert_int_equal(danvan_selector_resolve(&l, s, 0), DANVAN_EINVAL);
  assert_null(l);
  assert_int_equal(danvan_selector_resolve(&l, danvan_entity_parent(s), 0), DANVAN_EINVAL);
  danvan_entity *q = danvan_entity_parent(selector(ds, border));
  assert_int_equal(danvan_selector_resolve(&l, q, 0), DANVAN_OK);
  assert_int_equal(danvan_entity_list_count(l), 2);
  danvan_entity_list_free(l);
  assert_int_equal(danvan_selector_resolve(&l, danvan_dataset_root(ds), 0), DANVAN_EINVAL);
}

static void test_cycle_does_not_hang(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *root = danvan_dataset_root(ds);
  danvan_entity *a = add(root, DANVAN_KIND_ORGANISATION, "a");
  danvan_entity *b = add(root, DANVAN_KIND_ORGANISATION, "b");
  set(a, DANVAN_F_PARENT, "b");
  set(b, DANVAN_F_PARENT, "a");
  add(root, DANVAN_KIND_ORGANISATION, "top");
  const char *under[] = {"under", "top", NULL};
  assert_matches(selector(ds, under), 0, "");
}

static void test_list_keeps_dataset_alive(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  build_youth_union_tree(ds);
  const char *every[] = {"kind", "youth-union", NULL};
  danvan_entity_list *l = NULL;
  assert_int_equal(danvan_selector_resolve(&l, selector(ds, every), 0), DANVAN_OK);
  danvan_dataset_free(ds); /* the list still holds it */
  assert_int_equal(danvan_entity_list_count(l), 5);
  assert_string_equal(danvan_entity_id(danvan_entity_list_get(l, 4)), "xd-tan-phong");
  danvan_entity_list_free(l);
  danvan_entity_list_free(NULL);
  danvan_dataset_free(NULL);
}

static void test_null_arguments(void **state) {
  (void)state;
  assert_int_equal(danvan_dataset_new(NULL), DANVAN_EINVAL);
  assert_null(danvan_dataset_root(NULL));
  assert_int_equal(danvan_dataset_count(NULL, DANVAN_KIND_PLAN), 0);
  assert_null(danvan_dataset_get(NULL, DANVAN_KIND_PLAN, 0));
  assert_int_equal(danvan_dataset_entity_count(NULL), 0);
  assert_int_equal(danvan_entity_kind(NULL), 0);
  assert_null(danvan_entity_dataset(NULL));
  assert_null(danvan_entity_parent(NULL));
  assert_null(danvan_entity_id(NULL));
  assert_null(danvan_entity_file(NULL));
  assert_int_equal(danvan_entity_line(NULL), 0);
  assert_int_equal(danvan_entity_column(NULL), 0);
  assert_int_equal(danvan_entity_has(NULL, DANVAN_F_ID), 0);
  assert_int_equal(danvan_entity_set(NULL, DANVAN_F_ID, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_unset(NULL, DANVAN_F_ID), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_child_count(NULL, DANVAN_KIND_ANY), 0);
  assert_null(danvan_entity_child(NULL, DANVAN_KIND_ANY, 0));
  assert_int_equal(danvan_entity_item_count(NULL, DANVAN_F_TAGS), 0);
  assert_null(danvan_entity_item(NULL, DANVAN_F_TAGS, 0));
  assert_int_equal(danvan_entity_list_count(NULL), 0);
  assert_null(danvan_entity_list_get(NULL, 0));
  char *s = NULL;
  assert_int_equal(danvan_entity_format(&s, NULL, DANVAN_F_ID), DANVAN_EINVAL);
  assert_int_equal(danvan_entity_format(NULL, NULL, DANVAN_F_ID), DANVAN_EINVAL);
}

static void test_api_entities_have_no_location(void **state) {
  danvan_dataset *ds = *state;
  danvan_entity *p = add(danvan_dataset_root(ds), DANVAN_KIND_PLAN, "p");
  assert_string_equal(danvan_entity_file(p), "");
  assert_int_equal(danvan_entity_line(p), 0);
  assert_int_equal(danvan_entity_column(p), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kind_table),
      cmocka_unit_test_setup_teardown(test_add_find_remove, setup, teardown),
      cmocka_unit_test_setup_teardown(test_children_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_remove_keeps_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
      cmocka_unit_test_setup_teardown(test_many_ids, setup, teardown),
      cmocka_unit_test_setup_teardown(test_every_field_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_typed_access, setup, teardown),
      cmocka_unit_test_setup_teardown(test_compact_cells, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lists_and_resolve, setup, teardown),
      cmocka_unit_test_setup_teardown(test_selectors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cycle_does_not_hang, setup, teardown),
      cmocka_unit_test(test_list_keeps_dataset_alive),
      cmocka_unit_test(test_null_arguments),
      cmocka_unit_test_setup_teardown(test_api_entities_have_no_location, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
