/*
 * Text importer: the facts of the four seed documents, checked against values read in the
 * texts by hand; the genre texts of tests/data/import (a commune report, a state-style
 * district plan, a school plan); NFD and HTML/CRLF copies of seeds giving the same dataset;
 * nothing of the body dropped; the API's arguments, options, results and errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define SEED(name) DANVAN_SHARED_DIR "/seeds/" name
#define DATA(name) DANVAN_SOURCE_DIR "/tests/data/import/" name

#define SEED_000 SEED("000_tinh-doan-tay-ninh-2020-dot2.txt")
#define SEED_001 SEED("001_tinh-doan-tra-vinh-2021-dan-van-kheo.txt")
#define SEED_002 SEED("002_xa-tan-phong-2024-dot2.txt")
#define SEED_004 SEED("004_bdv-bchqs-quang-ngai-2021.txt")

/* ---- helpers ------------------------------------------------------------------------------- */
typedef struct doc {
  danvan_dataset *ds;
  danvan_import_result *res;
  danvan_entity *plan;
} doc;

static void load(doc *d, const char *path) {
  memset(d, 0, sizeof *d);
  assert_int_equal(danvan_dataset_new(&d->ds), DANVAN_OK);
  int32_t rc = danvan_import_file_result(&d->res, d->ds, path, NULL);
  if (rc != DANVAN_OK) fail_msg("import %s: %s", path, danvan_error_message());
  d->plan = danvan_import_result_entity(d->res);
  assert_non_null(d->plan);
}

static void unload(doc *d) {
  danvan_import_result_free(d->res);
  danvan_dataset_free(d->ds);
}

/* A field as text in the format's notation; "" when unset. Several results stay valid at once. */
static const char *fmt(const danvan_entity *e, int32_t field) {
  static char ring[16][1024];
  static int next;
  char *out = ring[next++ % 16];
  char *v = NULL;
  assert_non_null(e);
  assert_int_equal(danvan_entity_format(&v, e, field), DANVAN_OK);
  snprintf(out, 1024, "%s", v ? v : "");
  danvan_free(v);
  return out;
}

static void eq(const danvan_entity *e, int32_t field, const char *want) {
  const char *got = fmt(e, field);
  if (strcmp(got, want) != 0)
    fail_msg("%s %s: got \"%s\", want \"%s\"", danvan_kind_name(danvan_entity_kind(e)), danvan_field_name(field),
             got, want);
}

static void unset(const danvan_entity *e, int32_t field) {
  if (danvan_entity_has(e, field))
    fail_msg("%s %s should be unset, is \"%s\"", danvan_kind_name(danvan_entity_kind(e)), danvan_field_name(field),
             fmt(e, field));
}

static danvan_entity *child(const danvan_entity *e, int32_t kind, size_t i) {
  danvan_entity *c = danvan_entity_child(e, kind, i);
  if (!c) fail_msg("no %s #%zu", danvan_kind_name(kind), i);
  return c;
}

static danvan_entity *ref(const danvan_entity *e, int32_t field) {
  danvan_entity *t = NULL;
  if (danvan_entity_resolve(&t, e, field, 0) != DANVAN_OK)
    fail_msg("%s %s does not resolve: %s", danvan_kind_name(danvan_entity_kind(e)), danvan_field_name(field),
             danvan_error_message());
  return t;
}

/* The child of a kind whose lines are exactly `lines` ("31-31"). */
static danvan_entity *at_lines(const danvan_entity *e, int32_t kind, const char *lines) {
  size_t n = danvan_entity_child_count(e, kind);
  for (size_t i = 0; i < n; i++) {
    danvan_entity *c = danvan_entity_child(e, kind, i);
    if (strcmp(fmt(c, DANVAN_F_LINES), lines) == 0) return c;
  }
  fail_msg("no %s with lines %s", danvan_kind_name(kind), lines);
  return NULL;
}

/* The i-th child of a kind whose field has a value. */
static danvan_entity *with(const danvan_entity *e, int32_t kind, int32_t field, const char *value, size_t i) {
  size_t n = danvan_entity_child_count(e, kind);
  for (size_t k = 0; k < n; k++) {
    danvan_entity *c = danvan_entity_child(e, kind, k);
    if (strcmp(fmt(c, field), value) == 0 && i-- == 0) return c;
  }
  fail_msg("no %s with %s=%s", danvan_kind_name(kind), danvan_field_name(field), value);
  return NULL;
}

static danvan_entity *find(const doc *d, const char *id) {
  danvan_entity *e = NULL;
  if (danvan_dataset_find(&e, d->ds, id) != DANVAN_OK) fail_msg("no entity %s", id);
  return e;
}

static void issuer_is(const doc *d, size_t i, const char *name, const char *kind) {
  danvan_entity *org = ref(child(d->plan, DANVAN_KIND_ISSUER, i), DANVAN_F_ORG);
  eq(org, DANVAN_F_NAME, name);
  eq(org, DANVAN_F_KIND, kind);
}

static void selector_is(const danvan_entity *owner, const char *kind, const char *level, const char *tags,
                        const char *orgs) {
  danvan_entity *s = child(owner, DANVAN_KIND_SELECTOR, 0);
  eq(s, DANVAN_F_KIND, kind);
  eq(s, DANVAN_F_LEVEL, level);
  eq(s, DANVAN_F_TAGS, tags);
  eq(s, DANVAN_F_ORGS, orgs);
}

static void signer_is(const danvan_entity *sig, const char *name, const char *rank, const char *authority,
                      const char *position) {
  danvan_entity *p = ref(sig, DANVAN_F_PERSON);
  eq(p, DANVAN_F_NAME, name);
  eq(p, DANVAN_F_RANK, rank);
  eq(sig, DANVAN_F_AUTHORITY, authority);
  eq(sig, DANVAN_F_POSITION, position);
}

static void purposes_are(const doc *d, const char *const *want, size_t n) {
  assert_int_equal(danvan_entity_child_count(d->plan, DANVAN_KIND_RECIPIENT), n);
  for (size_t i = 0; i < n; i++) eq(child(d->plan, DANVAN_KIND_RECIPIENT, i), DANVAN_F_PURPOSE, want[i]);
}

static void measure_is(const danvan_entity *task, size_t i, const char *metric, const char *value) {
  danvan_entity *m = child(task, DANVAN_KIND_MEASURE, i);
  eq(m, DANVAN_F_METRIC, metric);
  eq(m, DANVAN_F_VALUE, value);
}

static bool has_finding(const doc *d, uint32_t line, const char *rule) {
  for (size_t i = 0; i < danvan_import_result_count(d->res); i++)
    if (danvan_import_result_line(d->res, i) == line && strcmp(danvan_import_result_rule(d->res, i), rule) == 0)
      return true;
  return false;
}

/* ---- nothing of the body dropped ----------------------------------------------------------- */
static void mark(const danvan_entity *e, unsigned char *covered, size_t n) {
  int32_t kind = danvan_entity_kind(e);
  if ((kind == DANVAN_KIND_TEXT || (kind == DANVAN_KIND_SECTION && danvan_entity_has(e, DANVAN_F_HEADING))) &&
      danvan_entity_has(e, DANVAN_F_LINES)) {
    const char *v = fmt(e, DANVAN_F_LINES);
    unsigned long a = strtoul(v, NULL, 10), b = strtoul(strchr(v, '-') + 1, NULL, 10);
    if (kind == DANVAN_KIND_SECTION) b = a; /* a heading covers its own line */
    for (unsigned long l = a; l <= b && l < n; l++) covered[l] = 1;
  }
  size_t k = danvan_entity_child_count(e, DANVAN_KIND_SECTION);
  for (size_t i = 0; i < k; i++) mark(danvan_entity_child(e, DANVAN_KIND_SECTION, i), covered, n);
  k = danvan_entity_child_count(e, DANVAN_KIND_TEXT);
  for (size_t i = 0; i < k; i++) mark(danvan_entity_child(e, DANVAN_KIND_TEXT, i), covered, n);
}

/* Every line from first to last of the file with letters or digits lies in the text (or the
   heading) of some section. */
static void body_kept(const doc *d, const char *path, unsigned first, unsigned last) {
  unsigned char covered[512];
  memset(covered, 0, sizeof covered);
  size_t n = danvan_entity_child_count(d->plan, DANVAN_KIND_SECTION);
  for (size_t i = 0; i < n; i++) mark(danvan_entity_child(d->plan, DANVAN_KIND_SECTION, i), covered, sizeof covered);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char line[8192];
  unsigned no = 0;
  while (fgets(line, sizeof line, f)) {
    no++;
    if (no < first || no > last) continue;
    bool content = false;
    for (const char *p = line; *p; p++)
      if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
          (unsigned char)*p >= 0xC3)
        content = true;
    if (content && !covered[no]) fail_msg("%s: line %u is in no section: %s", path, no, line);
  }
  fclose(f);
}

/* ---- seed 000: Tỉnh đoàn Tây Ninh, round II/2020 (no header) -------------------------------- */
static void test_seed_000(void **state) {
  (void)state;
  doc d;
  load(&d, SEED_000);
  danvan_entity *plan = d.plan;
  /* header: missing altogether */
  eq(plan, DANVAN_F_TYPE, "KH");
  unset(plan, DANVAN_F_NUMBER);
  unset(plan, DANVAN_F_SYMBOL);
  unset(plan, DANVAN_F_DATE);
  unset(plan, DANVAN_F_PLACE);
  eq(plan, DANVAN_F_TITLE,
     "Triển khai thực hiện phối hợp liên ngành làm công tác dân vận đợt II/2020 (16/12 – 30/12/2020)");
  eq(plan, DANVAN_F_CAMPAIGN, "Phối hợp liên ngành làm công tác dân vận");
  eq(plan, DANVAN_F_PHASE, "2");
  eq(plan, DANVAN_F_YEAR, "2020");
  eq(plan, DANVAN_F_START, "2020-12-16");
  eq(plan, DANVAN_F_END, "2020-12-30");
  eq(plan, DANVAN_F_LINES, "3-100");
  /* the issuer is named by the opening sentence; its province by the body */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_ISSUER), 1);
  issuer_is(&d, 0, "Ban Thường vụ Tỉnh đoàn", "youth-union");
  danvan_entity *issuer = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(ref(issuer, DANVAN_F_LOCALITY), DANVAN_F_NAME, "Tây Ninh");
  /* basis */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_BASIS), 1);
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_TYPE, "KH");
  eq(b, DANVAN_F_NUMBER, "01");
  eq(b, DANVAN_F_SYMBOL, "KH/BCĐ");
  eq(b, DANVAN_F_DATE, "2020-12-02");
  eq(b, DANVAN_F_LINES, "6-6");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_NAME, "Ban Chỉ đạo công tác vận động quần chúng");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_KIND, "steering-committee");
  /* objectives and requirements */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_OBJECTIVE), 1);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_REQUIREMENT), 1);
  eq(child(plan, DANVAN_KIND_REQUIREMENT, 0), DANVAN_F_LINES, "12-12");
  /* quotas: the province's own (a. Cấp tỉnh) */
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "31-31");
  eq(q, DANVAN_F_MIN, "1");
  eq(q, DANVAN_F_MAX, "1");
  selector_is(q, "", "", "", danvan_entity_id(issuer));
  q = at_lines(plan, DANVAN_KIND_QUOTA, "32-32");
  eq(q, DANVAN_F_MIN, "1");
  unset(q, DANVAN_F_MAX);
  q = at_lines(plan, DANVAN_KIND_QUOTA, "33-33"); /* … dân tộc thiểu số hoặc … tôn giáo */
  eq(q, DANVAN_F_MIN, "1");
  assert_int_equal(danvan_entity_item_count(q, DANVAN_F_METRICS), 2);
  q = at_lines(plan, DANVAN_KIND_QUOTA, "35-35");
  eq(q, DANVAN_F_MIN, "2");
  eq(q, DANVAN_F_MAX, "2");
  /* every district-level union (100% huyện, thị xã, thành phố) */
  static const char *const LINES_100[] = {"40-40", "41-41", "42-42", "43-43", "44-44"};
  for (size_t i = 0; i < 5; i++) {
    q = at_lines(plan, DANVAN_KIND_QUOTA, LINES_100[i]);
    eq(q, DANVAN_F_COVERAGE, "1");
    eq(q, DANVAN_F_MODE, "each");
    selector_is(q, "youth-union", "district district-town city", "", "");
  }
  q = at_lines(plan, DANVAN_KIND_QUOTA, "40-40"); /* nông thôn mới hoặc đô thị văn minh */
  assert_int_equal(danvan_entity_item_count(q, DANVAN_F_METRICS), 2);
  eq(ref(q, DANVAN_F_METRICS), DANVAN_F_NAME, "công trình, phần việc tham gia xây dựng nông thôn mới");
  danvan_entity *m2 = NULL;
  assert_int_equal(danvan_entity_resolve(&m2, q, DANVAN_F_METRICS, 1), DANVAN_OK);
  eq(m2, DANVAN_F_NAME, "công trình, phần việc tham gia xây dựng đô thị văn minh");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "41-41"); /* ít nhất từ 300 - 500 suất */
  eq(q, DANVAN_F_MIN, "300");
  eq(q, DANVAN_F_MAX, "500");
  eq(ref(q, DANVAN_F_METRIC), DANVAN_F_UNIT, "portion");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "43-43"); /* ít nhất 150 ĐVM */
  eq(q, DANVAN_F_MIN, "150");
  eq(ref(q, DANVAN_F_METRIC), DANVAN_F_UNIT, "blood-unit");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "46-46"); /* Đối với các huyện biên giới */
  eq(q, DANVAN_F_MIN, "1");
  unset(q, DANVAN_F_COVERAGE);
  selector_is(q, "youth-union", "district", "border", "");
  q = with(plan, DANVAN_KIND_QUOTA, DANVAN_F_LINES, "48-48", 0); /* … hoặc đồng bào dân tộc thiểu số */
  assert_int_equal(danvan_entity_item_count(q, DANVAN_F_METRICS), 2);
  selector_is(q, "youth-union", "district district-town city", "", "");
  q = with(plan, DANVAN_KIND_QUOTA, DANVAN_F_LINES, "48-48", 1); /* 01 hoạt động … thanh niên công nhân */
  eq(q, DANVAN_F_MIN, "1");
  selector_is(q, "youth-union", "district district-town city", "", "");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "52-52"); /* 100% xã, phường, thị trấn Đoàn */
  eq(q, DANVAN_F_COVERAGE, "1");
  selector_is(q, "youth-union", "commune ward town", "", "");
  /* the province's own activity without a number is a task */
  danvan_entity *t = at_lines(plan, DANVAN_KIND_TASK, "30-30");
  eq(t, DANVAN_F_LEAD, danvan_entity_id(issuer));
  /* duties */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_DUTY), 2);
  danvan_entity *daily = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "daily", 0);
  eq(daily, DANVAN_F_DUE_TIME, "12:00");
  eq(daily, DANVAN_F_WEEKENDS, "true");
  eq(daily, DANVAN_F_CHANNEL, "mailto:bandkthtntn@gmail.com");
  eq(daily, DANVAN_F_TO, danvan_entity_id(issuer)); /* "về Tỉnh đoàn" */
  eq(ref(daily, DANVAN_F_VIA), DANVAN_F_NAME, "Ban Phong trào");
  eq(ref(daily, DANVAN_F_VIA), DANVAN_F_EMAIL, "bandkthtntn@gmail.com");
  eq(daily, DANVAN_F_LINES, "78-78");
  selector_is(daily, "youth-union", "district district-town city", "", "");
  danvan_entity *once = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "once", 0);
  eq(once, DANVAN_F_DUE_DATE, "2021-01-02"); /* "trước 03/01/2021": the day before, at the end of it */
  eq(once, DANVAN_F_DUE_TIME, "24:00");
  eq(once, DANVAN_F_CHANNEL, "mailto:bandkthtntn@gmail.com");
  /* recipients and signature */
  static const char *const P[] = {"report", "report", "report", "report", "implement", "implement", "implement",
                                  "archive"};
  purposes_are(&d, P, 8);
  eq(child(plan, DANVAN_KIND_RECIPIENT, 7), DANVAN_F_TEXT, "Lưu Website");
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_SIGNATURE), 1);
  danvan_entity *sig = child(plan, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Nguyễn Thị Trúc Mai", "", "TM", "Phó Bí thư");
  eq(sig, DANVAN_F_FOR, danvan_entity_id(issuer));
  eq(sig, DANVAN_F_LINES, "95-100");
  /* the sentence that gives the province's own report (no frequency) is reported */
  assert_true(has_finding(&d, 64, "unplaced"));
  body_kept(&d, SEED_000, 6, 82);
  unload(&d);
}

/* ---- seed 001: Tỉnh đoàn Trà Vinh, "Dân vận khéo" 2021 ------------------------------------ */
static void test_seed_001(void **state) {
  (void)state;
  doc d;
  load(&d, SEED_001);
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_NUMBER, "382");
  eq(plan, DANVAN_F_SYMBOL, "KH/TĐTN-TCKT");
  eq(plan, DANVAN_F_STYLE, "union");
  eq(plan, DANVAN_F_PLACE, "Trà Vinh");
  eq(plan, DANVAN_F_DATE, "2021-06-22");
  eq(plan, DANVAN_F_TITLE, "Thực hiện Phong trào thi đua “Dân vận khéo” năm 2021");
  eq(plan, DANVAN_F_CAMPAIGN, "Phong trào thi đua “Dân vận khéo”");
  unset(plan, DANVAN_F_PHASE);
  eq(plan, DANVAN_F_YEAR, "2021");
  eq(plan, DANVAN_F_START, "2021-01-01");
  eq(plan, DANVAN_F_END, "2021-12-31");
  eq(plan, DANVAN_F_LINES, "11-85"); /* the e-signature stamp above the header is website text */
  assert_true(has_finding(&d, 8, "chrome"));
  issuer_is(&d, 0, "BCH Đoàn tỉnh Trà Vinh", "youth-union");
  danvan_entity *issuer = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(issuer, DANVAN_F_ABBR, "TĐTN");
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_NUMBER, "03");
  eq(b, DANVAN_F_SYMBOL, "KH/BCĐ");
  eq(b, DANVAN_F_DATE, "2021-05-05");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_KIND, "steering-committee");
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_OBJECTIVE), 3);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_REQUIREMENT), 1);
  eq(child(plan, DANVAN_KIND_REQUIREMENT, 0), DANVAN_F_LINES, "30-30");
  /* four provincial models, with quantities, costs and leads */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_TASK), 4);
  danvan_entity *t = at_lines(plan, DANVAN_KIND_TASK, "46-46");
  eq(t, DANVAN_F_TITLE, "Mô hình chăm lo các em thiếu nhi có hoàn cảnh khó khăn");
  eq(t, DANVAN_F_CATEGORY, "model");
  measure_is(t, 0, "child", "3000");
  eq(t, DANVAN_F_COST, "600000000");
  eq(ref(t, DANVAN_F_LEAD), DANVAN_F_NAME, "Ban Thanh thiếu nhi – Trường học");
  t = at_lines(plan, DANVAN_KIND_TASK, "47-47");
  eq(t, DANVAN_F_TITLE, "Mô hình vận động kinh phí xây dựng Nhà Nhân ái");
  measure_is(t, 0, "house", "90");
  eq(t, DANVAN_F_COST, "3600000000");
  eq(ref(t, DANVAN_F_LEAD), DANVAN_F_NAME, "Ban Phong trào");
  t = at_lines(plan, DANVAN_KIND_TASK, "48-48");
  measure_is(t, 0, "route", "9");
  unset(t, DANVAN_F_COST);
  t = at_lines(plan, DANVAN_KIND_TASK, "49-49");
  assert_int_equal(danvan_entity_child_count(t, DANVAN_KIND_MEASURE), 0);
  eq(ref(t, DANVAN_F_LEAD), DANVAN_F_NAME, "Chi đoàn Cơ quan Tỉnh đoàn");
  eq(ref(t, DANVAN_F_PARTNERS), DANVAN_F_NAME, "Công đoàn cơ sở Cơ quan Tỉnh đoàn");
  /* "thực hiện 04 mô hình … gồm:" */
  danvan_entity *tot = child(plan, DANVAN_KIND_TOTAL, 0);
  eq(tot, DANVAN_F_COUNT, "4");
  assert_int_equal(danvan_entity_item_count(tot, DANVAN_F_PARTS), 4);
  /* folded into the annual report */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_DUTY), 1);
  danvan_entity *duty = child(plan, DANVAN_KIND_DUTY, 0);
  eq(duty, DANVAN_F_FREQUENCY, "yearly");
  eq(duty, DANVAN_F_TO, danvan_entity_id(issuer)); /* Ban Thường vụ Tỉnh đoàn */
  eq(ref(duty, DANVAN_F_VIA), DANVAN_F_NAME, "Ban Tổ chức – Kiểm tra Tỉnh đoàn");
  selector_is(duty, "youth-union", "district district-town city", "", "");
  static const char *const P[] = {"report", "implement", "implement", "archive"};
  purposes_are(&d, P, 4);
  eq(child(plan, DANVAN_KIND_RECIPIENT, 0), DANVAN_F_TEXT, "Ban Dân vận TU (b/c)");
  eq(ref(child(plan, DANVAN_KIND_RECIPIENT, 0), DANVAN_F_ORG), DANVAN_F_KIND, "mass-mobilisation-board");
  /* the signature block is interleaved with "Nơi nhận" */
  danvan_entity *sig = child(plan, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Võ Minh Nhựt", "", "TM", "Phó Bí thư thường trực");
  eq(sig, DANVAN_F_LINES, "73-85");
  eq(sig, DANVAN_F_FOR, danvan_entity_id(issuer));
  body_kept(&d, SEED_001, 23, 71);
  unload(&d);
}

/* ---- seed 002: xã Tân Phong, round II/2024 ------------------------------------------------- */
typedef struct item {
  const char *lines, *loc, *metric, *value, *cost;
} item;

static void test_seed_002(void **state) {
  (void)state;
  doc d;
  load(&d, SEED_002);
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_ID, "bcd-tan-phong-2024-2");
  eq(plan, DANVAN_F_NUMBER, ""); /* "Số      -KH/BCĐ" */
  eq(plan, DANVAN_F_SYMBOL, "KH/BCĐ");
  eq(plan, DANVAN_F_STYLE, "party");
  eq(plan, DANVAN_F_PLACE, "Tân Phong");
  eq(plan, DANVAN_F_DATE, "2024-12-04");
  eq(plan, DANVAN_F_TITLE, "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024");
  eq(plan, DANVAN_F_CAMPAIGN, "Phối hợp liên ngành làm công tác dân vận");
  eq(plan, DANVAN_F_PHASE, "2");
  eq(plan, DANVAN_F_YEAR, "2024");
  eq(plan, DANVAN_F_START, "2024-12-10");
  eq(plan, DANVAN_F_END, "2024-12-24");
  eq(plan, DANVAN_F_LINES, "9-273");
  /* the page title, date stamp and comment widget around the document */
  assert_true(has_finding(&d, 3, "chrome"));
  assert_true(has_finding(&d, 5, "chrome"));
  assert_true(has_finding(&d, 277, "chrome"));
  assert_true(has_finding(&d, 284, "chrome"));
  /* issuer: the flattened two-column header, completed by its superior's locality */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_ISSUER), 1);
  issuer_is(&d, 0, "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng xã Tân Phong",
            "steering-committee");
  danvan_entity *bcd = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(bcd, DANVAN_F_ID, "bcd-tan-phong");
  eq(bcd, DANVAN_F_ABBR, "BCĐ");
  danvan_entity *du = ref(bcd, DANVAN_F_PARENT);
  eq(du, DANVAN_F_NAME, "Đảng uỷ xã Tân Phong");
  eq(du, DANVAN_F_KIND, "party-committee");
  danvan_entity *commune = ref(bcd, DANVAN_F_LOCALITY);
  eq(commune, DANVAN_F_KIND, "commune");
  eq(commune, DANVAN_F_NAME, "Tân Phong");
  eq(ref(commune, DANVAN_F_PARENT), DANVAN_F_NAME, "Tân Biên"); /* from the higher plan's issuer */
  /* basis */
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_NUMBER, "14");
  eq(b, DANVAN_F_SYMBOL, "KH/BCĐ");
  eq(b, DANVAN_F_DATE, "2024-11-19");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_ID, "bcd-tan-bien");
  eq(ref(ref(b, DANVAN_F_ISSUER), DANVAN_F_LOCALITY), DANVAN_F_KIND, "district");
  /* "1- Mục đích" / "2- Yêu cầu" */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_OBJECTIVE), 1);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_REQUIREMENT), 3);
  eq(child(plan, DANVAN_KIND_OBJECTIVE, 0), DANVAN_F_LINES, "37-37");
  /* every "- Ấp X: …" item: one task per work item, with its length and cost */
  static const item ITEMS[] = {
      {"93-93", "ap-cau", "road-cleared", "3000", ""},       {"93-93", "ap-cau", "road-cleared", "500", ""},
      {"93-93", "ap-cau", "road-lit", "3000", "90000000"},   {"95-95", "ap-trai-bi", "road-built", "400", ""},
      {"95-95", "ap-trai-bi", "road-cleared", "1500", ""},   {"97-97", "ap-san-bay", "road-cleared", "600", ""},
      {"99-99", "ap-moi", "road-cleared", "300", ""},        {"99-99", "ap-moi", "road-lit", "400", ""},
      {"101-101", "ap-bau-dung", "road-cleared", "3000", ""}, {"103-103", "ap-go-cat", "road-cleared", "1000", ""},
      {"105-105", "ap-dong-dai", "road-patched", "500", ""}, {"107-107", "ap-xom-thap", "road-patched", "240", ""},
      {"107-107", "ap-xom-thap", "road-lit", "930", ""}};
  size_t k = 0;
  for (size_t i = 0; i < danvan_entity_child_count(plan, DANVAN_KIND_TASK) && k < 13; i++) {
    danvan_entity *t = child(plan, DANVAN_KIND_TASK, i);
    unsigned long l = strtoul(fmt(t, DANVAN_F_LINES), NULL, 10);
    if (l < 93 || l > 107) continue;
    const item *it = &ITEMS[k++];
    eq(t, DANVAN_F_LINES, it->lines);
    eq(t, DANVAN_F_LOCALITIES, it->loc);
    eq(t, DANVAN_F_CATEGORY, "public-works");
    measure_is(t, 0, it->metric, it->value);
    eq(t, DANVAN_F_COST, it->cost);
    eq(ref(t, DANVAN_F_LOCALITIES), DANVAN_F_KIND, "hamlet");
    eq(ref(ref(t, DANVAN_F_LOCALITIES), DANVAN_F_PARENT), DANVAN_F_ID, "tan-phong");
  }
  assert_int_equal(k, 13);
  eq(find(&d, "ap-xom-thap"), DANVAN_F_NAME, "Xóm Tháp");
  eq(find(&d, "ap-san-bay"), DANVAN_F_NAME, "Sân Bay"); /* "Ấp ấp Sân Bay" */
  /* houses per hamlet: the whole with its cost, the breakdown as sub-tasks */
  danvan_entity *houses = at_lines(plan, DANVAN_KIND_TASK, "109-109");
  measure_is(houses, 0, "house", "12");
  eq(houses, DANVAN_F_COST, "1080000");
  eq(houses, DANVAN_F_CURRENCY, "VND");
  static const char *const HL[] = {"ap-cau", "ap-trai-bi", "ap-san-bay", "ap-xom-thap", "ap-go-cat", "ap-bau-dung"};
  static const char *const HN[] = {"3", "1", "2", "3", "2", "1"};
  assert_int_equal(danvan_entity_child_count(houses, DANVAN_KIND_TASK), 6);
  for (size_t i = 0; i < 6; i++) {
    danvan_entity *s = child(houses, DANVAN_KIND_TASK, i);
    eq(s, DANVAN_F_LOCALITIES, HL[i]);
    measure_is(s, 0, "house", HN[i]);
  }
  /* the other activities */
  danvan_entity *t = at_lines(plan, DANVAN_KIND_TASK, "111-111");
  measure_is(t, 0, "funds-raised", "46000000");
  t = at_lines(plan, DANVAN_KIND_TASK, "113-113");
  measure_is(t, 0, "gift", "25");
  eq(t, DANVAN_F_COST, "10500000");
  t = at_lines(plan, DANVAN_KIND_TASK, "115-115");
  eq(t, DANVAN_F_START, "2024-12-10");
  eq(t, DANVAN_F_END, "2024-12-24");
  assert_int_equal(danvan_entity_item_count(t, DANVAN_F_LOCALITIES), 8);
  t = at_lines(plan, DANVAN_KIND_TASK, "131-131"); /* materials checked "trước ngày 08/12/2024" */
  eq(t, DANVAN_F_DUE, "2024-12-07");
  eq(t, DANVAN_F_LEAD, "bchqs-tan-phong");
  /* declared totals, as stated */
  danvan_entity *tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "road-cleared", 0);
  eq(tot, DANVAN_F_COUNT, "9");
  eq(tot, DANVAN_F_VALUE, "8900");
  assert_int_equal(danvan_entity_item_count(tot, DANVAN_F_PARTS), 7);
  tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "road-lit", 0);
  eq(tot, DANVAN_F_COUNT, "4");
  eq(tot, DANVAN_F_VALUE, "1330");
  assert_int_equal(danvan_entity_item_count(tot, DANVAN_F_PARTS), 3);
  tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "road-patched", 0);
  eq(tot, DANVAN_F_COUNT, "2");
  eq(tot, DANVAN_F_VALUE, "740");
  assert_int_equal(danvan_entity_item_count(tot, DANVAN_F_PARTS), 2);
  tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "road-built", 0);
  eq(tot, DANVAN_F_COUNT, "1");
  eq(tot, DANVAN_F_VALUE, "400");
  tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "house", 0);
  eq(tot, DANVAN_F_VALUE, "12");
  assert_int_equal(danvan_entity_item_count(tot, DANVAN_F_PARTS), 6);
  tot = with(plan, DANVAN_KIND_TOTAL, DANVAN_F_METRIC, "gift-value", 0);
  eq(tot, DANVAN_F_COUNT, "25");
  eq(tot, DANVAN_F_UNIT_VALUE, "500000");
  eq(tot, DANVAN_F_VALUE, "10500000");
  /* quotas: "8 ấp/8 cuộc", "Lực lượng 8/8 ấp", "01 người dân với 03 chiến sĩ" */
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "115-115");
  eq(q, DANVAN_F_MIN, "1");
  eq(q, DANVAN_F_COVERAGE, "1");
  selector_is(q, "", "hamlet", "", "");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "123-123");
  eq(q, DANVAN_F_COVERAGE, "1");
  eq(q, DANVAN_F_MODE, "each");
  selector_is(q, "", "hamlet", "", "");
  eq(child(q, DANVAN_KIND_SELECTOR, 0), DANVAN_F_UNDER, "tan-phong");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "163-163");
  eq(q, DANVAN_F_MIN, "0.3333");
  eq(q, DANVAN_F_MODE, "total");
  eq(ref(q, DANVAN_F_NUMERATOR), DANVAN_F_NAME, "người dân");
  eq(ref(q, DANVAN_F_DENOMINATOR), DANVAN_F_NAME, "chiến sĩ LLVT");
  selector_is(q, "", "", "", "bcd-tan-phong");
  /* duties */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_DUTY), 3);
  danvan_entity *daily = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "daily", 0);
  eq(daily, DANVAN_F_START, "2024-12-10");
  eq(daily, DANVAN_F_END, "2024-12-24");
  eq(daily, DANVAN_F_WINDOW_START, "13:30");
  eq(daily, DANVAN_F_DUE_TIME, "15:00");
  eq(daily, DANVAN_F_WEEKENDS, "true");
  eq(daily, DANVAN_F_TO, "bcd-tan-phong");
  eq(daily, DANVAN_F_VIA, "bchqs-tan-phong");
  eq(daily, DANVAN_F_LINES, "239-239");
  danvan_entity *plans = at_lines(plan, DANVAN_KIND_DUTY, "229-229"); /* plans sent up */
  eq(plans, DANVAN_F_FREQUENCY, "once");
  eq(plans, DANVAN_F_DUE_DATE, "2024-12-09"); /* "chậm nhất ngày 09/12/2024" includes the day */
  eq(plans, DANVAN_F_VIA, "bchqs-tan-phong");
  danvan_entity *final = at_lines(plan, DANVAN_KIND_DUTY, "235-241");
  eq(final, DANVAN_F_FREQUENCY, "once");
  eq(final, DANVAN_F_DUE_DATE, "2024-12-28"); /* "trước ngày 29/12/2024" */
  eq(final, DANVAN_F_DUE_TIME, "24:00");
  eq(final, DANVAN_F_VIA, "mttq-tan-phong");
  assert_int_equal(danvan_entity_child_count(final, DANVAN_KIND_ATTACHMENT), 4);
  eq(child(final, DANVAN_KIND_ATTACHMENT, 0), DANVAN_F_KIND, "photo");
  danvan_entity *v = child(final, DANVAN_KIND_ATTACHMENT, 1);
  eq(v, DANVAN_F_KIND, "video");
  eq(v, DANVAN_F_MIN_MINUTES, "7");
  eq(v, DANVAN_F_MAX_MINUTES, "10");
  v = child(final, DANVAN_KIND_ATTACHMENT, 3);
  eq(v, DANVAN_F_MIN_MINUTES, "3");
  eq(v, DANVAN_F_MAX_MINUTES, "5");
  eq(v, DANVAN_F_TEXT, "cá nhân");
  /* the launch */
  danvan_entity *ev = child(plan, DANVAN_KIND_EVENT, 0);
  eq(ev, DANVAN_F_KIND, "launch");
  eq(ev, DANVAN_F_AT, "2024-12-10T07:30:00+07:00");
  eq(ev, DANVAN_F_LOCALITY, "ap-cau");
  eq(ev, DANVAN_F_PLACE, "ấp Cầu (Ban CHQS xã)");
  /* the steering committee's members and the hamlets they look after */
  assert_int_equal(danvan_entity_child_count(bcd, DANVAN_KIND_MEMBER), 21);
  danvan_entity *m = child(bcd, DANVAN_KIND_MEMBER, 0);
  eq(ref(m, DANVAN_F_PERSON), DANVAN_F_NAME, "Trương Thị Kim Xanh");
  eq(m, DANVAN_F_ROLE, "head");
  eq(child(bcd, DANVAN_KIND_MEMBER, 1), DANVAN_F_ROLE, "standing-deputy");
  eq(child(bcd, DANVAN_KIND_MEMBER, 2), DANVAN_F_ROLE, "deputy");
  eq(child(bcd, DANVAN_KIND_MEMBER, 3), DANVAN_F_ROLE, "deputy");
  eq(ref(child(bcd, DANVAN_KIND_MEMBER, 3), DANVAN_F_PERSON), DANVAN_F_NAME, "Lưu Văn Khối");
  m = child(bcd, DANVAN_KIND_MEMBER, 4);
  eq(ref(m, DANVAN_F_PERSON), DANVAN_F_NAME, "Ngô Huỳnh Gấm");
  eq(m, DANVAN_F_ROLE, "member");
  eq(m, DANVAN_F_POSITION, "Phó Chủ tịch HĐND - Chủ tịch công đoàn cơ sở xã");
  eq(child(m, DANVAN_KIND_AREA, 0), DANVAN_F_LOCALITY, "ap-cau"); /* "Phụ trách xã ấp Cầu" */
  size_t areas = 0;
  for (size_t i = 0; i < 21; i++) areas += danvan_entity_child_count(child(bcd, DANVAN_KIND_MEMBER, i), DANVAN_KIND_AREA);
  assert_int_equal(areas, 8);
  /* bodies met in the text, with kinds from their names */
  eq(find(&d, "bchqs-tan-phong"), DANVAN_F_KIND, "military-command");
  eq(find(&d, "hnd-tan-phong"), DANVAN_F_KIND, "farmers-association");
  eq(find(&d, "hnd-tan-phong"), DANVAN_F_NAME, "Hội Nông dân xã");
  eq(find(&d, "mttq-tan-phong"), DANVAN_F_KIND, "fatherland-front");
  eq(find(&d, "doan-tan-phong"), DANVAN_F_KIND, "youth-union");
  eq(find(&d, "ap-cau"), DANVAN_F_KIND, "hamlet");
  /* recipients, signature */
  static const char *const P[] = {"report", "report", "report", "implement", "implement", "implement", "archive"};
  purposes_are(&d, P, 7);
  eq(child(plan, DANVAN_KIND_RECIPIENT, 1), DANVAN_F_ORG, "bcd-tan-bien"); /* Ban Chỉ đạo huyện */
  eq(child(plan, DANVAN_KIND_RECIPIENT, 6), DANVAN_F_ORG, "bcd-tan-phong"); /* Lưu Ban Chỉ đạo */
  danvan_entity *sig = child(plan, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Trương Thị Kim Xanh", "", "", "Phó Bí thư Đảng ủy kiêm Trưởng Ban Chỉ đạo");
  eq(sig, DANVAN_F_FOR, "bcd-tan-phong");
  eq(sig, DANVAN_F_PERSON, danvan_entity_id(ref(child(bcd, DANVAN_KIND_MEMBER, 0), DANVAN_F_PERSON)));
  body_kept(&d, SEED_002, 31, 243);
  unload(&d);
}

/* ---- seed 004: Ban Dân vận Tỉnh ủy + Bộ CHQS Quảng Ngãi 2021 -------------------------------- */
static void test_seed_004(void **state) {
  (void)state;
  doc d;
  load(&d, SEED_004);
  danvan_entity *plan = d.plan;
  unset(plan, DANVAN_F_NUMBER);
  unset(plan, DANVAN_F_DATE);
  eq(plan, DANVAN_F_TITLE, "Phối hợp thực hiện công tác dân vận năm 2021");
  eq(plan, DANVAN_F_START, "2021-01-01");
  eq(plan, DANVAN_F_END, "2021-12-31");
  eq(plan, DANVAN_F_YEAR, "2021");
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_ISSUER), 2);
  issuer_is(&d, 0, "Ban Dân vận Tỉnh ủy", "mass-mobilisation-board");
  issuer_is(&d, 1, "Bộ Chỉ huy Quân sự tỉnh", "military-command");
  danvan_entity *bdv = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  danvan_entity *bchqs = ref(child(plan, DANVAN_KIND_ISSUER, 1), DANVAN_F_ORG);
  eq(ref(bdv, DANVAN_F_LOCALITY), DANVAN_F_NAME, "Quảng Ngãi");
  /* a basis without number or date, kept as text */
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_TYPE, "CTr");
  unset(b, DANVAN_F_NUMBER);
  unset(b, DANVAN_F_DATE);
  assert_non_null(strstr(fmt(b, DANVAN_F_TEXT), "Ban Dân vận Trung ương và Tổng cục Chính trị"));
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_OBJECTIVE), 2);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_REQUIREMENT), 1);
  /* "Chủ động lựa chọn 2 - 3 mô hình" under "2. Bộ Chỉ huy Quân sự tỉnh" */
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "42-42");
  eq(q, DANVAN_F_MIN, "2");
  eq(q, DANVAN_F_MAX, "3");
  selector_is(q, "", "", "", danvan_entity_id(bchqs));
  /* "Định kỳ báo cáo hàng quý", "Định kỳ 6 tháng … tổng kết" */
  danvan_entity *qd = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "quarterly", 0);
  eq(qd, DANVAN_F_LINES, "48-48");
  selector_is(qd, "mass-mobilisation-board military-command", "district district-town city", "", "");
  eq(with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "half-yearly", 0), DANVAN_F_LINES, "50-50");
  /* two signers without titles; the colonel signs for the military command */
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_SIGNATURE), 2);
  danvan_entity *s1 = child(plan, DANVAN_KIND_SIGNATURE, 0), *s2 = child(plan, DANVAN_KIND_SIGNATURE, 1);
  signer_is(s1, "Võ Tấn Tài", "Đại tá", "", "");
  eq(s1, DANVAN_F_FOR, danvan_entity_id(bchqs));
  signer_is(s2, "Lê Văn Dũng", "", "", "");
  eq(s2, DANVAN_F_FOR, danvan_entity_id(bdv));
  static const char *const P[] = {"report",    "report",    "report",    "report",    "implement", "implement",
                                  "implement", "implement", "implement", "implement", "archive"};
  purposes_are(&d, P, 11);
  eq(child(plan, DANVAN_KIND_RECIPIENT, 4), DANVAN_F_ORG, danvan_entity_id(bdv));
  eq(child(plan, DANVAN_KIND_RECIPIENT, 0), DANVAN_F_TEXT, "Ban Dân vận Trung ương");
  body_kept(&d, SEED_004, 6, 54);
  unload(&d);
}

/* ---- variants of the seeds give the same dataset ------------------------------------------- */
static char *xml_of(const char *path) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_import_file(NULL, ds, path, NULL), DANVAN_OK);
  char *xml = NULL;
  size_t len = 0;
  assert_int_equal(danvan_dataset_to_xml(&xml, &len, ds), DANVAN_OK);
  danvan_dataset_free(ds);
  return xml;
}

static void test_nfd_copy(void **state) {
  (void)state;
  char *a = xml_of(SEED_002), *b = xml_of(DATA("002-nfd.txt"));
  assert_string_equal(a, b);
  danvan_free(a);
  danvan_free(b);
}

static void test_html_crlf_copy(void **state) {
  (void)state;
  char *a = xml_of(SEED_000), *b = xml_of(DATA("000-html-crlf.txt"));
  assert_string_equal(a, b);
  danvan_free(a);
  danvan_free(b);
  /* the page around it is reported */
  doc d;
  load(&d, DATA("000-html-crlf.txt"));
  assert_true(has_finding(&d, 1, "chrome"));
  assert_true(has_finding(&d, 101, "chrome"));
  unload(&d);
}

/* ---- other genres ------------------------------------------------------------------------ */
static void test_commune_report(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("bao-cao-xa-an-binh-2023.txt"));
  danvan_entity *r = d.plan;
  assert_int_equal(danvan_entity_kind(r), DANVAN_KIND_REPORT);
  eq(r, DANVAN_F_ID, "bc-ubnd-an-binh-2023");
  eq(r, DANVAN_F_TYPE, "BC");
  eq(r, DANVAN_F_NUMBER, "45");
  eq(r, DANVAN_F_SYMBOL, "BC-UBND");
  eq(r, DANVAN_F_STYLE, "state");
  eq(r, DANVAN_F_PLACE, "An Bình");
  eq(r, DANVAN_F_DATE, "2023-12-25");
  eq(r, DANVAN_F_TITLE, "Kết quả thực hiện công tác dân vận chính quyền năm 2023");
  eq(r, DANVAN_F_START, "2023-01-01");
  eq(r, DANVAN_F_END, "2023-12-31");
  danvan_entity *issuer = ref(child(r, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(issuer, DANVAN_F_NAME, "Ủy ban nhân dân xã An Bình");
  eq(issuer, DANVAN_F_KIND, "peoples-committee");
  assert_int_equal(danvan_entity_child_count(r, DANVAN_KIND_BASIS), 2);
  danvan_entity *b = child(r, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_NUMBER, "12");
  eq(b, DANVAN_F_SYMBOL, "KH-UBND");
  eq(b, DANVAN_F_DATE, "2023-01-15");
  eq(b, DANVAN_F_ISSUER, danvan_entity_id(issuer));
  b = child(r, DANVAN_KIND_BASIS, 1);
  eq(b, DANVAN_F_TYPE, "CV");
  eq(b, DANVAN_F_NUMBER, "231");
  eq(b, DANVAN_F_SYMBOL, "CV/HU");
  eq(b, DANVAN_F_DATE, "2023-12-01");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_NAME, "Huyện ủy Châu Thành");
  eq(ref(ref(issuer, DANVAN_F_LOCALITY), DANVAN_F_PARENT), DANVAN_F_NAME, "Châu Thành");
  assert_true(danvan_entity_child_count(r, DANVAN_KIND_NOTE) >= 8);
  /* a closing in two columns: "Nơi nhận: … TM. ỦY BAN NHÂN DÂN" */
  danvan_entity *sig = child(r, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Nguyễn Văn Hùng", "", "TM", "Chủ tịch");
  eq(sig, DANVAN_F_FOR, danvan_entity_id(issuer));
  unload(&d);
}

static void test_state_plan(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("ke-hoach-ubnd-huyen-chau-thanh-2024.txt"));
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_NUMBER, "21");
  eq(plan, DANVAN_F_SYMBOL, "KH-UBND");
  eq(plan, DANVAN_F_STYLE, "state");
  eq(plan, DANVAN_F_PLACE, "Châu Thành");
  eq(plan, DANVAN_F_DATE, "2024-03-15");
  eq(plan, DANVAN_F_START, "2024-01-01");
  eq(plan, DANVAN_F_END, "2024-12-31");
  issuer_is(&d, 0, "Ủy ban nhân dân huyện Châu Thành", "peoples-committee");
  danvan_entity *issuer = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_TYPE, "NĐ");
  eq(b, DANVAN_F_NUMBER, "59");
  eq(b, DANVAN_F_SYMBOL, "NĐ-CP");
  eq(b, DANVAN_F_DATE, "2023-08-14");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_NAME, "Chính phủ");
  b = child(plan, DANVAN_KIND_BASIS, 1);
  eq(b, DANVAN_F_NUMBER, "45");
  eq(b, DANVAN_F_SYMBOL, "KH/HU");
  eq(b, DANVAN_F_DATE, "2024-01-20");
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_OBJECTIVE), 1);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_REQUIREMENT), 1);
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "26-26");
  eq(q, DANVAN_F_COVERAGE, "1");
  selector_is(q, "peoples-committee", "commune town", "", "");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "28-28"); /* Mỗi cơ quan chuyên môn … */
  eq(q, DANVAN_F_MIN, "2");
  selector_is(q, "department", "", "", "");
  eq(child(q, DANVAN_KIND_SELECTOR, 0), DANVAN_F_UNDER, danvan_entity_id(issuer));
  q = at_lines(plan, DANVAN_KIND_QUOTA, "30-30");
  selector_is(q, "peoples-committee", "commune", "ethnic-minority", "");
  danvan_entity *du = at_lines(plan, DANVAN_KIND_DUTY, "36-36");
  eq(du, DANVAN_F_FREQUENCY, "once");
  eq(du, DANVAN_F_DUE_DATE, "2024-03-31");
  eq(ref(du, DANVAN_F_VIA), DANVAN_F_NAME, "Phòng Nội vụ");
  eq(du, DANVAN_F_TO, danvan_entity_id(issuer));
  du = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "quarterly", 0);
  eq(du, DANVAN_F_CHANNEL, "mailto:phongnoivu.chauthanh@gmail.com");
  selector_is(du, "peoples-committee", "commune town", "", "");
  du = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "once", 1); /* báo cáo năm gửi trước ngày 15/12/2024 */
  eq(du, DANVAN_F_DUE_DATE, "2024-12-14");
  eq(du, DANVAN_F_TO, danvan_entity_id(issuer));
  static const char *const P[] = {"report", "report", "implement", "archive"};
  purposes_are(&d, P, 4);
  danvan_entity *sig = child(plan, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Trần Thị Lan", "", "KT", "Phó Chủ tịch");
  eq(sig, DANVAN_F_FOR, danvan_entity_id(issuer));
  body_kept(&d, DATA("ke-hoach-ubnd-huyen-chau-thanh-2024.txt"), 10, 38);
  unload(&d);
}

static void test_school_plan(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("ke-hoach-truong-thcs-tan-phong-2024-2025.txt"));
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_NUMBER, "15");
  eq(plan, DANVAN_F_SYMBOL, "KH-THCSTP");
  eq(plan, DANVAN_F_PLACE, "Tân Phong");
  eq(plan, DANVAN_F_DATE, "2024-09-20");
  eq(plan, DANVAN_F_START, "2024-09-01"); /* năm học 2024 - 2025 */
  eq(plan, DANVAN_F_END, "2025-05-31");
  issuer_is(&d, 0, "Trường THCS Tân Phong", "school");
  danvan_entity *school = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(ref(school, DANVAN_F_PARENT), DANVAN_F_NAME, "Phòng GD&ĐT huyện Tân Biên");
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_TYPE, "HD");
  eq(b, DANVAN_F_NUMBER, "120");
  eq(b, DANVAN_F_DATE, "2024-09-10");
  eq(b, DANVAN_F_ISSUER, fmt(school, DANVAN_F_PARENT)); /* one Phòng GD&ĐT, however written */
  b = child(plan, DANVAN_KIND_BASIS, 1);
  eq(b, DANVAN_F_SYMBOL, "KH/CB");
  eq(b, DANVAN_F_DATE, "2024-09-12");
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "20-20");
  eq(q, DANVAN_F_MIN, "1");
  selector_is(q, "department", "", "", "");
  q = at_lines(plan, DANVAN_KIND_QUOTA, "22-22"); /* "Tổ chức 02 buổi" under "CHỈ TIÊU" */
  eq(q, DANVAN_F_MIN, "2");
  eq(q, DANVAN_F_MAX, "2");
  danvan_entity *du = at_lines(plan, DANVAN_KIND_DUTY, "28-28");
  eq(du, DANVAN_F_DUE_DATE, "2025-05-14");
  eq(ref(du, DANVAN_F_TO), DANVAN_F_NAME, "Ban Giám hiệu");
  du = at_lines(plan, DANVAN_KIND_DUTY, "30-30");
  eq(du, DANVAN_F_DUE_DATE, "2025-01-09");
  eq(du, DANVAN_F_TO, fmt(school, DANVAN_F_PARENT));
  signer_is(child(plan, DANVAN_KIND_SIGNATURE, 0), "Lê Thị Hoa", "", "", "Hiệu trưởng");
  unload(&d);
}


static void test_central_guidance(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("huong-dan-bdvtw-2022.txt"));
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_TYPE, "HD");
  eq(plan, DANVAN_F_NUMBER, "25");
  eq(plan, DANVAN_F_SYMBOL, "HD/BDVTW");
  eq(plan, DANVAN_F_STYLE, "party");
  eq(plan, DANVAN_F_PLACE, "Hà Nội");
  eq(plan, DANVAN_F_DATE, "2022-03-10");
  eq(plan, DANVAN_F_START, "2021-01-01"); /* giai đoạn 2021 - 2025 */
  eq(plan, DANVAN_F_END, "2025-12-31");
  issuer_is(&d, 0, "Ban Dân vận Trung ương", "mass-mobilisation-board");
  danvan_entity *issuer = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  eq(ref(issuer, DANVAN_F_PARENT), DANVAN_F_NAME, "Ban Chấp hành Trung ương");
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_TYPE, "KL");
  eq(b, DANVAN_F_NUMBER, "114");
  eq(b, DANVAN_F_SYMBOL, "KL/TW");
  eq(b, DANVAN_F_DATE, "2015-07-14");
  eq(ref(b, DANVAN_F_ISSUER), DANVAN_F_NAME, "Ban Bí thư");
  danvan_entity *q = at_lines(plan, DANVAN_KIND_QUOTA, "18-18");
  eq(q, DANVAN_F_MIN, "3");
  danvan_entity *du = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "half-yearly", 0);
  eq(du, DANVAN_F_TO, danvan_entity_id(issuer));
  eq(ref(du, DANVAN_F_VIA), DANVAN_F_NAME, "Vụ Địa phương");
  danvan_entity *sig = child(plan, DANVAN_KIND_SIGNATURE, 0);
  signer_is(sig, "Phạm Tất Thắng", "", "KT", "Phó Trưởng Ban");
  eq(sig, DANVAN_F_FOR, danvan_entity_id(issuer));
  unload(&d);
}

static void test_village_plan(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("ke-hoach-chi-bo-ap-bau-dung-2024.txt"));
  danvan_entity *plan = d.plan;
  unset(plan, DANVAN_F_NUMBER);
  eq(plan, DANVAN_F_PLACE, "Bàu Đưng");
  eq(plan, DANVAN_F_DATE, "2024-12-02");
  issuer_is(&d, 0, "Chi bộ ấp Bàu Đưng", "party-committee");
  danvan_entity *issuer = ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG);
  danvan_entity *hamlet = ref(issuer, DANVAN_F_LOCALITY);
  eq(hamlet, DANVAN_F_KIND, "hamlet");
  eq(ref(hamlet, DANVAN_F_PARENT), DANVAN_F_NAME, "Tân Phong"); /* from the commune's plan it implements */
  danvan_entity *b = child(plan, DANVAN_KIND_BASIS, 0);
  eq(b, DANVAN_F_NUMBER, "15");
  eq(b, DANVAN_F_SYMBOL, "KH/ĐU");
  eq(b, DANVAN_F_DATE, "2024-11-20");
  danvan_entity *t = at_lines(plan, DANVAN_KIND_TASK, "11-11");
  eq(t, DANVAN_F_TITLE, "Làm mới 01 tuyến đường tổ 2 dài 350m");
  measure_is(t, 0, "route", "1");
  measure_is(t, 1, "length", "350");
  eq(t, DANVAN_F_COST, "45000000");
  danvan_entity *du = with(plan, DANVAN_KIND_DUTY, DANVAN_F_FREQUENCY, "weekly", 0);
  eq(du, DANVAN_F_TO, danvan_entity_id(issuer));
  signer_is(child(plan, DANVAN_KIND_SIGNATURE, 0), "Nguyễn Văn Tâm", "", "TM", "Bí thư");
  static const char *const P[] = {"report", "archive"};
  purposes_are(&d, P, 2);
  unload(&d);
}

/* A header copied from a legal-text website: everything on one line, table cells on lines
   holding only '|', the date broken over two lines. */
static void test_flattened_header(void **state) {
  (void)state;
  doc d;
  load(&d, DATA("ke-hoach-ubnd-tinh-dong-nai-flattened.txt"));
  danvan_entity *plan = d.plan;
  eq(plan, DANVAN_F_NUMBER, "4544");
  eq(plan, DANVAN_F_SYMBOL, "KH-UBND");
  eq(plan, DANVAN_F_STYLE, "state");
  eq(plan, DANVAN_F_PLACE, "Biên Hòa");
  eq(plan, DANVAN_F_DATE, "2024-04-03");
  eq(plan, DANVAN_F_LINES, "1-11");
  issuer_is(&d, 0, "Ủy ban nhân dân tỉnh Đồng Nai", "peoples-committee");
  assert_int_equal(danvan_import_result_count(d.res), 0);
  unload(&d);
}

/* ---- the API ------------------------------------------------------------------------------- */
static void test_api_errors(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  danvan_entity *e = NULL;
  danvan_import_result *r = NULL;
  danvan_import_options *o = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_import_text(&e, NULL, "x", 1, NULL, NULL), DANVAN_EINVAL);
  assert_null(e);
  assert_int_equal(danvan_import_text(&e, ds, NULL, 1, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_import_text_result(NULL, ds, "x", 1, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_import_file(&e, ds, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_import_file(&e, ds, "/nonexistent/plan.txt", NULL), DANVAN_EIO);
  assert_string_equal(danvan_error_file(), "/nonexistent/plan.txt");
  assert_int_equal(danvan_import_file_result(&r, ds, "/nonexistent/plan.txt", NULL), DANVAN_EIO);
  assert_null(r);
  /* nothing that looks like a document */
  assert_int_equal(danvan_import_text(&e, ds, " \n\n\t ", 5, "blank.txt", NULL), DANVAN_EPARSE);
  assert_int_equal(danvan_import_text(&e, ds, "", 0, NULL, NULL), DANVAN_EPARSE);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_PLAN), 0);
  /* options */
  assert_int_equal(danvan_import_options_new(NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_import_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_import_options_set_id(o, "1 not an id"), DANVAN_EINVAL);
  assert_int_equal(danvan_import_options_set_id(NULL, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_import_options_set_report_chrome(NULL, 0), DANVAN_EINVAL);
  assert_int_equal(danvan_import_options_set_id(o, "my-plan"), DANVAN_OK);
  assert_int_equal(danvan_import_options_set_id(o, NULL), DANVAN_OK);
  assert_int_equal(danvan_import_options_set_id(o, "my-plan"), DANVAN_OK);
  assert_int_equal(danvan_import_options_set_report_chrome(o, 0), DANVAN_OK);
  assert_int_equal(danvan_import_file_result(&r, ds, SEED_002, o), DANVAN_OK);
  assert_string_equal(danvan_entity_id(danvan_import_result_entity(r)), "my-plan");
  for (size_t i = 0; i < danvan_import_result_count(r); i++)
    assert_string_not_equal(danvan_import_result_rule(r, i), "chrome");
  /* out of range, NULL */
  size_t n = danvan_import_result_count(r);
  assert_int_equal(danvan_import_result_line(r, n), 0);
  assert_int_equal(danvan_import_result_severity(r, n), -1);
  assert_null(danvan_import_result_rule(r, n));
  assert_null(danvan_import_result_message(r, n));
  assert_int_equal(danvan_import_result_count(NULL), 0);
  assert_null(danvan_import_result_entity(NULL));
  /* the result keeps the dataset alive */
  danvan_dataset_free(ds);
  assert_string_equal(danvan_entity_id(danvan_import_result_entity(r)), "my-plan");
  danvan_import_result_free(r);
  danvan_import_result_free(NULL);
  danvan_import_options_free(o);
  danvan_import_options_free(NULL);
}

static void test_api_text(void **state) {
  (void)state;
  /* a plan in memory, not NUL-terminated, with bytes that are not UTF-8 */
  static const char text[] =
      "BCH ĐOÀN XÃ TÂN LỘC       ĐOÀN TNCS HỒ CHÍ MINH\n"
      "Số: 07-KH/ĐTN\n"
      "Cà Mau, ngày    tháng 3 năm 2025\n"
      "KẾ HOẠCH\n"
      "Tổ chức Tháng Thanh niên năm 2025\n"
      "I. NỘI DUNG\n"
      "- Mỗi chi đoàn tổ chức ít nhất 01 công trình thanh niên \xff\xfe.\n"
      "XYZ";
  danvan_dataset *ds = NULL;
  danvan_import_result *r = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_import_text_result(&r, ds, text, sizeof text - 4, NULL, NULL), DANVAN_OK);
  danvan_entity *plan = danvan_import_result_entity(r);
  eq(plan, DANVAN_F_NUMBER, "07");
  eq(plan, DANVAN_F_SYMBOL, "KH/ĐTN");
  eq(plan, DANVAN_F_STYLE, "union");
  eq(plan, DANVAN_F_DATE, "2025-03"); /* the day left blank */
  eq(plan, DANVAN_F_PLACE, "Cà Mau");
  eq(plan, DANVAN_F_TITLE, "Tổ chức Tháng Thanh niên năm 2025");
  eq(plan, DANVAN_F_START, "2025-01-01");
  eq(ref(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG), DANVAN_F_NAME, "BCH Đoàn xã Tân Lộc");
  assert_string_equal(danvan_entity_file(plan), "<memory>");
  assert_int_equal(danvan_entity_line(plan), 1);
  bool bad = false;
  for (size_t i = 0; i < danvan_import_result_count(r); i++)
    if (strcmp(danvan_import_result_rule(r, i), "encoding") == 0) {
      bad = true;
      assert_int_equal(danvan_import_result_line(r, i), 7);
      assert_non_null(strstr(danvan_import_result_message(r, i), "2 byte(s)"));
      assert_int_equal(danvan_import_result_severity(r, i), DANVAN_IMPORT_WARNING);
    }
  assert_true(bad);
  /* a second document in the same dataset reuses the bodies it shares, and gets its own ids */
  danvan_import_result *r2 = NULL;
  assert_int_equal(danvan_import_text_result(&r2, ds, text, sizeof text - 4, "again.txt", NULL), DANVAN_OK);
  danvan_entity *plan2 = danvan_import_result_entity(r2);
  assert_ptr_not_equal(plan, plan2);
  assert_string_not_equal(danvan_entity_id(plan), danvan_entity_id(plan2));
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_PLAN), 2);
  eq(child(plan2, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG, fmt(child(plan, DANVAN_KIND_ISSUER, 0), DANVAN_F_ORG));
  assert_string_equal(danvan_entity_file(plan2), "again.txt");
  danvan_import_result_free(r2);
  danvan_import_result_free(r);
  danvan_dataset_free(ds);
}

/* Two seeds into one dataset: every id stays unique and every reference resolves. */
static void refs_resolve(const danvan_entity *e) {
  int32_t kind = danvan_entity_kind(e);
  for (size_t i = 0; i < danvan_kind_field_count(kind); i++) {
    int32_t f = danvan_kind_field(kind, i);
    int32_t t = danvan_kind_field_type(kind, f);
    if (t != DANVAN_TYPE_REF && t != DANVAN_TYPE_REFS) continue;
    for (size_t k = 0; k < danvan_entity_item_count(e, f); k++) {
      danvan_entity *target = NULL;
      if (danvan_entity_resolve(&target, e, f, k) != DANVAN_OK)
        fail_msg("%s %s '%s' does not resolve", danvan_kind_name(kind), danvan_field_name(f), danvan_entity_item(e, f, k));
    }
  }
  for (size_t i = 0; i < danvan_entity_child_count(e, DANVAN_KIND_ANY); i++)
    refs_resolve(danvan_entity_child(e, DANVAN_KIND_ANY, i));
}

static void test_many_into_one(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  static const char *const FILES[] = {SEED_000, SEED_001, SEED_002, SEED_004, DATA("bao-cao-xa-an-binh-2023.txt"),
                                      DATA("ke-hoach-ubnd-huyen-chau-thanh-2024.txt"),
                                      DATA("ke-hoach-truong-thcs-tan-phong-2024-2025.txt")};
  for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++)
    assert_int_equal(danvan_import_file(NULL, ds, FILES[i], NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_PLAN), 6);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_REPORT), 1);
  refs_resolve(danvan_dataset_root(ds));
  /* the XML layer reads back what the importer built */
  char *xml = NULL;
  size_t len = 0;
  assert_int_equal(danvan_dataset_to_xml(&xml, &len, ds), DANVAN_OK);
  danvan_dataset *back = NULL;
  assert_int_equal(danvan_dataset_load_memory(&back, xml, len, "imported.xml", NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_entity_count(back), danvan_dataset_entity_count(ds));
  danvan_free(xml);
  danvan_dataset_free(back);
  danvan_dataset_free(ds);
}

/* A NUL byte inside the text does not cut the line: it is replaced and reported. */
static void test_nul_is_not_dropped(void **state) {
  (void)state;
  static const char text[] = "KẾ HOẠCH\nPhối hợp\0 làm công tác dân vận năm 2025\n";
  danvan_dataset *ds = NULL;
  danvan_import_result *r = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  assert_int_equal(danvan_import_text_result(&r, ds, text, sizeof text - 1, NULL, NULL), DANVAN_OK);
  const char *title = NULL;
  assert_int_equal(danvan_entity_get_string(&title, danvan_import_result_entity(r), DANVAN_F_TITLE), DANVAN_OK);
  assert_non_null(title);
  assert_non_null(strstr(title, "làm công tác dân vận năm 2025")); /* the text after the NUL is kept */
  assert_non_null(strstr(title, "\xEF\xBF\xBD"));                  /* the NUL is replaced */
  bool reported = false;
  for (size_t i = 0; i < danvan_import_result_count(r); i++)
    if (strcmp(danvan_import_result_rule(r, i), "encoding") == 0) {
      reported = true;
      assert_int_equal(danvan_import_result_line(r, i), 2);
    }
  assert_true(reported);
  danvan_import_result_free(r);
  danvan_dataset_free(ds);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seed_000),      cmocka_unit_test(test_seed_001),
      cmocka_unit_test(test_seed_002),      cmocka_unit_test(test_seed_004),
      cmocka_unit_test(test_nfd_copy),      cmocka_unit_test(test_html_crlf_copy),
      cmocka_unit_test(test_commune_report), cmocka_unit_test(test_state_plan),
      cmocka_unit_test(test_school_plan),   cmocka_unit_test(test_central_guidance),
      cmocka_unit_test(test_village_plan),  cmocka_unit_test(test_flattened_header),
      cmocka_unit_test(test_api_errors),    cmocka_unit_test(test_nul_is_not_dropped),
      cmocka_unit_test(test_api_text),      cmocka_unit_test(test_many_into_one),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
