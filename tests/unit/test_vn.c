/* Tests of the Vietnamese value parsers (vn.h). Tables of rows taken from the seed documents
   and DOMAIN-VN.md; each row runs on the text as written (NFC) and on its NFD form, where the
   values must be the same and the byte counts those of the NFD text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <pthread.h>

#include "danvan/danvan.h"
#include "danvan/vn.h"
#include "vn_test_util.h"

#define NOCHECK (-2) /* row field not checked */
#define ALL NULL     /* rest: the whole text is consumed */

static size_t g_rows; /* rows run (NFC + NFD), reported at the end */

/* Expected consumed count of in for the expected rest (NULL = all). */
static size_t want_consumed(const char *in, const char *rest) {
  return strlen(in) - (rest ? strlen(rest) : 0);
}

/* The text of a row in form f (0 NFC as written, 1 NFD), malloc'd. */
static char *form(const char *s, int f) { return f ? vt_nfd(s) : strdup(s); }

/* Check status, error offset (NFC only) and consumed; returns 1 when the row expects success. */
static int check_common(const char *what, size_t i, int f, const char *in, int32_t rc,
                        int32_t want_rc, int64_t want_off, size_t consumed, const char *rest) {
  g_rows++;
  if (rc != want_rc)
    fail_msg("%s row %zu (%s) \"%s\": rc %s (%s), want %s", what, i, f ? "NFD" : "NFC", in,
             danvan_status_name(rc), danvan_error_message(), danvan_status_name(want_rc));
  if (rc != DANVAN_OK) {
    if (danvan_error_code() != want_rc) fail_msg("%s row %zu: last error not set", what, i);
    if (!f && want_off >= 0 && danvan_error_offset() != want_off)
      fail_msg("%s row %zu \"%s\": error offset %lld, want %lld", what, i, in,
               (long long)danvan_error_offset(), (long long)want_off);
    return 0;
  }
  char *nin = form(in, f), *nrest = rest ? form(rest, f) : NULL;
  size_t want = want_consumed(nin, nrest);
  if (consumed != want)
    fail_msg("%s row %zu (%s) \"%s\": consumed %zu, want %zu", what, i, f ? "NFD" : "NFC", in,
             consumed, want);
  free(nin);
  free(nrest);
  return 1;
}

/* ---- numbers ------------------------------------------------------------------------------ */

typedef struct num_row {
  const char *in;
  int32_t rc;
  int64_t coef;
  int32_t scale;
  uint32_t flags;
  const char *rest;
  int64_t off;
} num_row;

#define LZ DANVAN_VN_NUM_LEADING_ZERO
#define GR DANVAN_VN_NUM_GROUPED
#define MX DANVAN_VN_NUM_MIXED_GROUPS
#define DOT DANVAN_VN_NUM_DOT_DECIMAL
#define C3 DANVAN_VN_NUM_COMMA_THREE

static const num_row NUMS[] = {
    {"3.000 em", DANVAN_OK, 3000, 0, GR, " em", 0},
    {"8.900m", DANVAN_OK, 8900, 0, GR, "m", 0},
    {"3,6 tỷ đồng", DANVAN_OK, 36, 1, 0, " tỷ đồng", 0},
    {"99,9%", DANVAN_OK, 999, 1, 0, "%", 0},
    {"500 000đ", DANVAN_OK, 500000, 0, GR, "đ", 0},
    {"10.500 000đ", DANVAN_OK, 10500000, 0, GR | MX, "đ", 0},
    {"5000m", DANVAN_OK, 5000, 0, 0, "m", 0},
    {"01 hoạt động", DANVAN_OK, 1, 0, LZ, " hoạt động", 0},
    {"09 tuyến đường", DANVAN_OK, 9, 0, LZ, " tuyến đường", 0},
    {"1.330m", DANVAN_OK, 1330, 0, GR, "m", 0},
    {"1,08 triệu đồng", DANVAN_OK, 108, 2, 0, " triệu đồng", 0},
    {"664,7 triệu", DANVAN_OK, 6647, 1, 0, " triệu", 0},
    {"1,50", DANVAN_OK, 150, 2, 0, ALL, 0},
    {"1.5 triệu", DANVAN_OK, 15, 1, DOT, " triệu", 0},
    {"2.25", DANVAN_OK, 225, 2, DOT, ALL, 0},
    {"1,500", DANVAN_OK, 1500, 3, C3, ALL, 0},
    {"1.234,5", DANVAN_OK, 12345, 1, GR, ALL, 0},
    {"10.035 xã", DANVAN_OK, 10035, 0, GR, " xã", 0},
    {"63.619 thôn", DANVAN_OK, 63619, 0, GR, " thôn", 0},
    {"1 000 000 đồng", DANVAN_OK, 1000000, 0, GR, " đồng", 0},
    {"1\xc2\xa0" "000", DANVAN_OK, 1000, 0, GR, ALL, 0},
    {"1.2345", DANVAN_OK, 1, 0, 0, ".2345", 0},
    {"1.234.5", DANVAN_OK, 1234, 0, GR, ".5", 0},
    {"12.12.2024", DANVAN_OK, 1212, 2, DOT, ".2024", 0},
    {"300 - 500 suất", DANVAN_OK, 300, 0, 0, " - 500 suất", 0},
    {"2021 2022", DANVAN_OK, 2021, 0, 0, " 2022", 0},
    {"2021.500", DANVAN_OK, 2021, 0, 0, ".500", 0},
    {"12 căn, Trại Bí", DANVAN_OK, 12, 0, 0, " căn, Trại Bí", 0},
    {"7, 4,15", DANVAN_OK, 7, 0, 0, ", 4,15", 0},
    {"150.", DANVAN_OK, 150, 0, 0, ".", 0},
    {"150,", DANVAN_OK, 150, 0, 0, ",", 0},
    {"12 000x", DANVAN_OK, 12000, 0, GR, "x", 0},
    {"12 0000", DANVAN_OK, 12, 0, 0, " 0000", 0},
    {"0", DANVAN_OK, 0, 0, 0, ALL, 0},
    {"007", DANVAN_OK, 7, 0, LZ, ALL, 0},
    {"01.000", DANVAN_OK, 1, 0, LZ, ".000", 0},
    {"  42", DANVAN_OK, 42, 0, 0, ALL, 0},
    {"8/8 ấp", DANVAN_OK, 8, 0, 0, "/8 ấp", 0},
    {"9223372036854775807", DANVAN_OK, INT64_MAX, 0, 0, ALL, 0},
    {"9.223.372.036.854.775.807", DANVAN_OK, INT64_MAX, 0, GR, ALL, 0},
    {"0,123456789012345678", DANVAN_OK, 123456789012345678, 18, 0, ALL, 0},
    {"9223372036854775808", DANVAN_ELIMIT, 0, 0, 0, ALL, 0},
    {"99.999.999.999.999.999.999", DANVAN_ELIMIT, 0, 0, 0, ALL, NOCHECK},
    {"0,1234567890123456789", DANVAN_ELIMIT, 0, 0, 0, ALL, 2},
    {"922337203685477580,8", DANVAN_ELIMIT, 0, 0, 0, ALL, NOCHECK},
    {"abc", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {"", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {"   ", DANVAN_EPARSE, 0, 0, 0, ALL, 3},
    {"-5", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {".5", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {",5", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {"\xff" "12", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
    {"một", DANVAN_EPARSE, 0, 0, 0, ALL, 0},
};

static void test_number(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof NUMS / sizeof NUMS[0]; i++) {
    const num_row *r = &NUMS[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int64_t coef = -1;
      int32_t scale = -1;
      uint32_t flags = 99;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_number_parse_ext(&coef, &scale, &flags, &consumed, in);
      if (check_common("number", i, f, r->in, rc, r->rc, r->off, consumed, r->rest)) {
        if (coef != r->coef || scale != r->scale || flags != r->flags)
          fail_msg("number row %zu \"%s\": (%lld, %d, flags %u), want (%lld, %d, %u)", i, r->in,
                   (long long)coef, (int)scale, flags, (long long)r->coef, (int)r->scale, r->flags);
        int64_t c2;
        int32_t s2;
        assert_int_equal(danvan_vn_number_parse(&c2, &s2, NULL, in), DANVAN_OK);
        assert_true(c2 == coef && s2 == scale);
      } else {
        assert_true(coef == -1 && scale == -1 && flags == 99); /* outputs untouched */
      }
      free(in);
    }
  }
}

/* ---- money -------------------------------------------------------------------------------- */

typedef struct money_row {
  const char *in;
  int32_t rc;
  int64_t dong;
  int32_t exp;
  const char *rest;
} money_row;

static const money_row MONEY[] = {
    {"3,6 tỷ đồng", DANVAN_OK, 3600000000LL, 9, ALL},
    {"600 triệu đồng", DANVAN_OK, 600000000LL, 6, ALL},
    {"1,08 triệu đồng", DANVAN_OK, 1080000LL, 6, ALL},
    {"10.500 000đ", DANVAN_OK, 10500000LL, 0, ALL},
    {"500 000đ, trị giá", DANVAN_OK, 500000LL, 0, ", trị giá"},
    {"46 triệu đồng", DANVAN_OK, 46000000LL, 6, ALL},
    {"90 triệu đồng.", DANVAN_OK, 90000000LL, 6, "."},
    {"664,7 triệu đồng", DANVAN_OK, 664700000LL, 6, ALL},
    {"2 tỉ đồng", DANVAN_OK, 2000000000LL, 9, ALL},
    {"2 tỷ", DANVAN_OK, 2000000000LL, 9, ALL},
    {"500 nghìn đồng", DANVAN_OK, 500000LL, 3, ALL},
    {"500 ngàn đồng", DANVAN_OK, 500000LL, 3, ALL},
    {"1,5 nghìn đồng", DANVAN_OK, 1500LL, 3, ALL},
    {"1.000.000 VNĐ", DANVAN_OK, 1000000LL, 0, ALL},
    {"1.000.000 VND", DANVAN_OK, 1000000LL, 0, ALL},
    {"1.000.000 vnđ)", DANVAN_OK, 1000000LL, 0, ")"},
    {"1.000.000 đồng/người", DANVAN_OK, 1000000LL, 0, "/người"},
    {"90 tr", DANVAN_OK, 90000000LL, 6, ALL},
    {"90 trđ", DANVAN_OK, 90000000LL, 6, ALL},
    {"90 tr.đ", DANVAN_OK, 90000000LL, 6, ALL},
    {"90tr.", DANVAN_OK, 90000000LL, 6, "."},
    {"1,5tr", DANVAN_OK, 1500000LL, 6, ALL},
    {"600 triệu", DANVAN_OK, 600000000LL, 6, ALL},
    {"1 tỷ 200 triệu đồng", DANVAN_OK, 1200000000LL, 9, ALL},
    {"2 triệu 500 nghìn đồng", DANVAN_OK, 2500000LL, 6, ALL},
    {"1 tỷ 200 triệu 300 nghìn", DANVAN_OK, 1200300000LL, 9, ALL},
    {"2 triệu 3 tỷ", DANVAN_OK, 2000000LL, 6, " 3 tỷ"},
    {"3,6 TỶ ĐỒNG", DANVAN_OK, 3600000000LL, 9, ALL},
    {"Ðồng", DANVAN_EPARSE, 0, 0, ALL},
    {"5 Ðồng", DANVAN_OK, 5LL, 0, ALL},
    {"3,6 ty dong", DANVAN_OK, 3600000000LL, 9, ALL},
    {"0 đồng", DANVAN_OK, 0LL, 0, ALL},
    {"25 phần quà", DANVAN_EPARSE, 0, 0, ALL},
    {"500 đơn vị", DANVAN_EPARSE, 0, 0, ALL},
    {"500 triệuđ", DANVAN_EPARSE, 0, 0, ALL},
    {"1,5 đồng", DANVAN_EPARSE, 0, 0, ALL},
    {"1,0005 nghìn đồng", DANVAN_EPARSE, 0, 0, ALL},
    {"10.000.000.000 tỷ đồng", DANVAN_ELIMIT, 0, 0, ALL},
    {"9.223.372.036.854.775.807 đồng", DANVAN_OK, INT64_MAX, 0, ALL},
    {"9 tỷ 9.223.372.036 tỷ", DANVAN_OK, 9000000000LL, 9, " 9.223.372.036 tỷ"},
    {"9.223.372.036 tỷ 855 triệu", DANVAN_ELIMIT, 0, 0, ALL},
    {"đồng", DANVAN_EPARSE, 0, 0, ALL},
    {"", DANVAN_EPARSE, 0, 0, ALL},
};

static void test_money(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof MONEY / sizeof MONEY[0]; i++) {
    const money_row *r = &MONEY[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int64_t dong = -1;
      int32_t exp = -1;
      uint32_t flags;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_money_parse_ext(&dong, &exp, &flags, &consumed, in);
      if (check_common("money", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (dong != r->dong || exp != r->exp)
          fail_msg("money row %zu \"%s\": %lld (exp %d), want %lld (exp %d)", i, r->in,
                   (long long)dong, (int)exp, (long long)r->dong, (int)r->exp);
        int64_t d2;
        assert_int_equal(danvan_vn_money_parse(&d2, NULL, in), DANVAN_OK);
        assert_true(d2 == dong);
      } else {
        assert_true(dong == -1);
      }
      free(in);
    }
  }
}

/* ---- quantities --------------------------------------------------------------------------- */

typedef struct qty_row {
  const char *in;
  int32_t rc;
  int32_t bound;
  const char *min, *max, *total; /* "coef/scale", NULL when absent */
  const char *unit;
  const char *second, *second_unit;
  const char *rest;
} qty_row;

#define EX DANVAN_VN_BOUND_EXACT
#define GE DANVAN_VN_BOUND_AT_LEAST
#define GT DANVAN_VN_BOUND_MORE_THAN
#define LE DANVAN_VN_BOUND_AT_MOST
#define LT DANVAN_VN_BOUND_LESS_THAN
#define RG DANVAN_VN_BOUND_RANGE
#define AB DANVAN_VN_BOUND_ABOUT
#define FR DANVAN_VN_BOUND_FRACTION
#define QERR(text, rc) {text, rc, 0, NULL, NULL, NULL, NULL, NULL, NULL, ALL}

static const qty_row QTYS[] = {
    {"ít nhất 01 công trình", DANVAN_OK, GE, "1/0", NULL, NULL, "công trình", NULL, "", ALL},
    {"ít nhất 01 công trình, phần việc", DANVAN_OK, GE, "1/0", NULL, NULL, "công trình", NULL, "", ", phần việc"},
    {"tối thiểu 5 mô hình", DANVAN_OK, GE, "5/0", NULL, NULL, "mô hình", NULL, "", ALL},
    {"ít nhất 150 ĐVM", DANVAN_OK, GE, "150/0", NULL, NULL, "ĐVM", NULL, "", ALL},
    {"150 ĐVM trở lên", DANVAN_OK, GE, "150/0", NULL, NULL, "ĐVM", NULL, "", ALL},
    {"5 trở lên", DANVAN_OK, GE, "5/0", NULL, NULL, "", NULL, "", ALL},
    {"từ 18 tuổi trở lên", DANVAN_OK, GE, "18/0", NULL, NULL, "tuổi", NULL, "", ALL},
    {"từ 5 người", DANVAN_OK, GE, "5/0", NULL, NULL, "người", NULL, "", ALL},
    {"không quá 3 hoạt động", DANVAN_OK, LE, NULL, "3/0", NULL, "hoạt động", NULL, "", ALL},
    {"tối đa 10 phút", DANVAN_OK, LE, NULL, "10/0", NULL, "phút", NULL, "", ALL},
    {"10 người trở xuống", DANVAN_OK, LE, NULL, "10/0", NULL, "người", NULL, "", ALL},
    {"trên 50 người", DANVAN_OK, GT, "50/0", NULL, NULL, "người", NULL, "", ALL},
    {"hơn 1.000 lượt người", DANVAN_OK, GT, "1000/0", NULL, NULL, "lượt người", NULL, "", ALL},
    {"dưới 18 tuổi", DANVAN_OK, LT, NULL, "18/0", NULL, "tuổi", NULL, "", ALL},
    {"khoảng 600 triệu đồng", DANVAN_OK, AB, "600/0", "600/0", NULL, "triệu", NULL, "", " đồng"},
    {"300 - 500 suất", DANVAN_OK, RG, "300/0", "500/0", NULL, "suất", NULL, "", ALL},
    {"từ 300 - 500 suất", DANVAN_OK, RG, "300/0", "500/0", NULL, "suất", NULL, "", ALL},
    {"từ 300 đến 500", DANVAN_OK, RG, "300/0", "500/0", NULL, "", NULL, "", ALL},
    {"từ 300 tới 500 suất.", DANVAN_OK, RG, "300/0", "500/0", NULL, "suất", NULL, "", "."},
    {"ít nhất từ 300 - 500 suất", DANVAN_OK, RG, "300/0", "500/0", NULL, "suất", NULL, "", ALL},
    {"02 hoạt động tuyên truyền", DANVAN_OK, EX, "2/0", "2/0", NULL, "hoạt động", NULL, "", " tuyên truyền"},
    {"2 - 3 mô hình dân vận khéo", DANVAN_OK, RG, "2/0", "3/0", NULL, "mô hình", NULL, "", " dân vận khéo"},
    {"07-10 phút;", DANVAN_OK, RG, "7/0", "10/0", NULL, "phút", NULL, "", ";"},
    {"05–07 phút", DANVAN_OK, RG, "5/0", "7/0", NULL, "phút", NULL, "", ALL},
    {"8/8 ấp", DANVAN_OK, FR, "8/0", "8/0", "8/0", "ấp", NULL, "", ALL},
    {"21/21 huyện", DANVAN_OK, FR, "21/0", "21/0", "21/0", "huyện", NULL, "", ALL},
    {"02/03 lớp", DANVAN_OK, FR, "2/0", "2/0", "3/0", "lớp", NULL, "", ALL},
    {"9 tuyến đường/8.900m;", DANVAN_OK, EX, "9/0", "9/0", NULL, "tuyến đường", "8900/0", "m", ";"},
    {"04 tuyến đường/1.330m", DANVAN_OK, EX, "4/0", "4/0", NULL, "tuyến đường", "1330/0", "m", ALL},
    {"01 tuyến/400m,", DANVAN_OK, EX, "1/0", "1/0", NULL, "tuyến", "400/0", "m", ","},
    {"8 ấp/8 cuộc", DANVAN_OK, EX, "8/0", "8/0", NULL, "ấp", "8/0", "cuộc", ALL},
    {"100%", DANVAN_OK, EX, "100/0", "100/0", NULL, "%", NULL, "", ALL},
    {"99,9%", DANVAN_OK, EX, "999/1", "999/1", NULL, "%", NULL, "", ALL},
    {"100% huyện", DANVAN_OK, EX, "100/0", "100/0", NULL, "%", NULL, "", " huyện"},
    {"90 - 100%", DANVAN_OK, RG, "90/0", "100/0", NULL, "%", NULL, "", ALL},
    {"ít nhất 90 %", DANVAN_OK, GE, "90/0", NULL, NULL, "%", NULL, "", ALL},
    {"3.000 em, kinh phí", DANVAN_OK, EX, "3000/0", "3000/0", NULL, "em", NULL, "", ", kinh phí"},
    {"90 căn", DANVAN_OK, EX, "90/0", "90/0", NULL, "căn", NULL, "", ALL},
    {"01 người dân với 03 chiến sĩ", DANVAN_OK, EX, "1/0", "1/0", NULL, "người dân", NULL, "", " với 03 chiến sĩ"},
    {"01 Đội hình hoạt động", DANVAN_OK, EX, "1/0", "1/0", NULL, "Đội hình", NULL, "", " hoạt động"},
    {"3 m2", DANVAN_OK, EX, "3/0", "3/0", NULL, "m2", NULL, "", ALL},
    {"12", DANVAN_OK, EX, "12/0", "12/0", NULL, "", NULL, "", ALL},
    {"1,5 km", DANVAN_OK, EX, "15/1", "15/1", NULL, "km", NULL, "", ALL},
    {"15 ngày (từ", DANVAN_OK, EX, "15/0", "15/0", NULL, "ngày", NULL, "", " (từ"},
    {"ít nhất\xc2\xa0" "01\xc2\xa0" "công\xc2\xa0trình", DANVAN_OK, GE, "1/0", NULL, NULL, "công trình", NULL, "", ALL},
    {"500 - 500", DANVAN_OK, RG, "500/0", "500/0", NULL, "", NULL, "", ALL},
    QERR("500 - 300 suất", DANVAN_EPARSE),
    QERR("22/12/2024", DANVAN_EPARSE),
    QERR("tổng số 90 căn", DANVAN_EPARSE),
    QERR("ít nhất", DANVAN_EPARSE),
    QERR("trên địa bàn", DANVAN_EPARSE),
    QERR("abc", DANVAN_EPARSE),
    QERR("", DANVAN_EPARSE),
    QERR("99999999999999999999 người", DANVAN_ELIMIT),
    QERR("1 - 99999999999999999999", DANVAN_ELIMIT),
};

/* Compare an optional decimal with "coef/scale" or NULL (absent). */
static void check_dec(const char *what, size_t i, int32_t rc, int64_t coef, int32_t scale,
                      const char *want) {
  if (!want) {
    if (rc != DANVAN_ENOTFOUND) fail_msg("qty row %zu: %s should be absent", i, what);
    return;
  }
  char got[64];
  snprintf(got, sizeof got, "%lld/%d", (long long)coef, (int)scale);
  if (rc != DANVAN_OK || strcmp(got, want) != 0)
    fail_msg("qty row %zu: %s %s, want %s", i, what, rc ? "absent" : got, want);
}

static void check_qty(const qty_row *r, size_t i, const danvan_vn_quantity *q) {
  int64_t c = 0;
  int32_t s = 0;
  if (danvan_vn_quantity_bound(q) != r->bound)
    fail_msg("qty row %zu \"%s\": bound %d, want %d", i, r->in, (int)danvan_vn_quantity_bound(q),
             (int)r->bound);
  int32_t rc = danvan_vn_quantity_min(&c, &s, q);
  check_dec("min", i, rc, c, s, r->min);
  rc = danvan_vn_quantity_max(&c, &s, q);
  check_dec("max", i, rc, c, s, r->max);
  rc = danvan_vn_quantity_total(&c, &s, q);
  check_dec("total", i, rc, c, s, r->total);
  rc = danvan_vn_quantity_second(&c, &s, q);
  check_dec("second", i, rc, c, s, r->second);
  assert_int_equal(danvan_vn_quantity_has_min(q), r->min != NULL);
  assert_int_equal(danvan_vn_quantity_has_max(q), r->max != NULL);
  if (strcmp(danvan_vn_quantity_unit(q), r->unit) != 0)
    fail_msg("qty row %zu \"%s\": unit \"%s\", want \"%s\"", i, r->in, danvan_vn_quantity_unit(q),
             r->unit);
  if (strcmp(danvan_vn_quantity_second_unit(q), r->second_unit) != 0)
    fail_msg("qty row %zu: second unit \"%s\", want \"%s\"", i, danvan_vn_quantity_second_unit(q),
             r->second_unit);
}

static void test_quantity(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof QTYS / sizeof QTYS[0]; i++) {
    const qty_row *r = &QTYS[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      danvan_vn_quantity *q = NULL;
      danvan_error_clear();
      int32_t rc = danvan_vn_quantity_parse(&q, in);
      size_t consumed = danvan_vn_quantity_consumed(q);
      if (check_common("quantity", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        check_qty(r, i, q);
        size_t a, b;
        assert_int_equal(danvan_vn_quantity_unit_range(&a, &b, q), DANVAN_OK);
        assert_true(a <= b && b <= consumed);
        if (strcmp(r->unit, "%") != 0 && b > a) {
          char *slice = strndup(in + a, b - a), *norm = NULL;
          assert_int_equal(danvan_text_normalize(&norm, slice), DANVAN_OK);
          assert_string_equal(norm, r->unit);
          danvan_free(norm);
          free(slice);
        }
      } else {
        assert_null(q);
      }
      danvan_vn_quantity_free(q);
      free(in);
    }
  }
}

static void test_quantity_getters_null(void **state) {
  (void)state;
  int64_t c;
  int32_t s;
  size_t a, b;
  danvan_vn_quantity *q = NULL;
  assert_int_equal(danvan_vn_quantity_parse(NULL, "1"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_parse(&q, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_bound(NULL), 0);
  assert_int_equal(danvan_vn_quantity_has_min(NULL), 0);
  assert_int_equal(danvan_vn_quantity_has_max(NULL), 0);
  assert_int_equal(danvan_vn_quantity_min(&c, &s, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_max(&c, &s, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_total(&c, &s, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_second(&c, &s, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_quantity_unit_range(&a, &b, NULL), DANVAN_EINVAL);
  assert_null(danvan_vn_quantity_unit(NULL));
  assert_null(danvan_vn_quantity_second_unit(NULL));
  assert_int_equal(danvan_vn_quantity_flags(NULL), 0);
  assert_int_equal(danvan_vn_quantity_consumed(NULL), 0);
  danvan_vn_quantity_free(NULL);
  assert_int_equal(danvan_vn_quantity_parse(&q, "1.5 - 02 người"), DANVAN_OK);
  assert_int_equal(danvan_vn_quantity_flags(q), DANVAN_VN_NUM_DOT_DECIMAL | DANVAN_VN_NUM_LEADING_ZERO);
  assert_int_equal(danvan_vn_quantity_min(NULL, &s, q), DANVAN_EINVAL);
  danvan_vn_quantity_free(q);
}

/* ---- dates -------------------------------------------------------------------------------- */

typedef struct date_row {
  const char *in;
  int32_t rc;
  int32_t date;
  const char *rest;
  int64_t off;
} date_row;

static const date_row DATES[] = {
    {"ngày 22 tháng 6 năm 2021", DANVAN_OK, 20210622, ALL, 0},
    {"Trà Vinh, ngày 22 tháng 6 năm 2021", DANVAN_EPARSE, 0, ALL, 0},
    {"ngày 04 tháng 12 năm 2024\xc2\xa0\xc2\xa0", DANVAN_OK, 20241204, "\xc2\xa0\xc2\xa0", 0},
    {"Ngày 01 tháng 02 năm 2023", DANVAN_OK, 20230201, ALL, 0},
    {"NGÀY 22 THÁNG 6 NĂM 2021", DANVAN_OK, 20210622, ALL, 0},
    {"ngày    tháng 12 năm 2024", DANVAN_OK, 20241200, ALL, 0},
    {"ngày\xc2\xa0\xc2\xa0\xc2\xa0 tháng 12 năm 2024", DANVAN_OK, 20241200, ALL, 0},
    {"ngày … tháng 12 năm 2024", DANVAN_OK, 20241200, ALL, 0},
    {"ngày ..... tháng 12 năm 2024", DANVAN_OK, 20241200, ALL, 0},
    {"ngày 22 tháng 6, năm 2021", DANVAN_OK, 20210622, ALL, 0},
    {"22 tháng 6 năm 2021", DANVAN_OK, 20210622, ALL, 0},
    {"ngay 22 thang 6 nam 2021", DANVAN_OK, 20210622, ALL, 0},
    {"ngày 22\ntháng 6\nnăm 2021", DANVAN_OK, 20210622, ALL, 0},
    {"ngày 22tháng 6 năm2021", DANVAN_OK, 20210622, ALL, 0},
    {"22/12/2024", DANVAN_OK, 20241222, ALL, 0},
    {"05/5/2021 của", DANVAN_OK, 20210505, " của", 0},
    {"01-10-1997", DANVAN_OK, 19971001, ALL, 0},
    {"12.12.2024", DANVAN_OK, 20241212, ALL, 0},
    {"ngày 02/12/2020 của Ban", DANVAN_OK, 20201202, " của Ban", 0},
    {"22/06/2021 13:17:38", DANVAN_OK, 20210622, " 13:17:38", 0},
    {"03/01/2021.**", DANVAN_OK, 20210103, ".**", 0},
    {"29/02/2024", DANVAN_OK, 20240229, ALL, 0},
    {"tháng 12/2021.", DANVAN_OK, 20211200, ".", 0},
    {"tháng 12 năm 2021", DANVAN_OK, 20211200, ALL, 0},
    {"Tháng 5 năm 2025", DANVAN_OK, 20250500, ALL, 0},
    {"30/02/2021", DANVAN_EPARSE, 0, ALL, 0},
    {"29/02/2021", DANVAN_EPARSE, 0, ALL, 0},
    {"31/04/2024", DANVAN_EPARSE, 0, ALL, 0},
    {"32/12/2024", DANVAN_EPARSE, 0, ALL, 0},
    {"00/12/2024", DANVAN_EPARSE, 0, ALL, 0},
    {"22/13/2024", DANVAN_EPARSE, 0, ALL, 0},
    {"22/12", DANVAN_EPARSE, 0, ALL, 5},
    {"22/12/24", DANVAN_EPARSE, 0, ALL, 5},
    {"22-12/2024", DANVAN_EPARSE, 0, ALL, 5},
    {"ngày 22 tháng 6", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"ngày 31 tháng 6 năm 2021", DANVAN_EPARSE, 0, ALL, 0},
    {"ngày 22 tháng 13 năm 2021", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"ngày 22 tháng 6 năm 21", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"ngày 123 tháng 1 năm 2020", DANVAN_EPARSE, 0, ALL, 6},
    {"ngày tháng năm", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"ngày", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"tháng", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"tháng 12", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"ngày hôm nay", DANVAN_EPARSE, 0, ALL, NOCHECK},
    {"2024", DANVAN_EPARSE, 0, ALL, 0},
    {"abc", DANVAN_EPARSE, 0, ALL, 0},
    {"", DANVAN_EPARSE, 0, ALL, 0},
};

static void test_date(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof DATES / sizeof DATES[0]; i++) {
    const date_row *r = &DATES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t date = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_date_parse(&date, &consumed, in);
      if (check_common("date", i, f, r->in, rc, r->rc, r->off, consumed, r->rest)) {
        if (date != r->date)
          fail_msg("date row %zu \"%s\": %d, want %d", i, r->in, (int)date, (int)r->date);
      } else {
        assert_int_equal(date, -1);
      }
      free(in);
    }
  }
}

typedef struct range_row {
  const char *in;
  int32_t rc;
  int32_t start, end;
  const char *rest;
} range_row;

static const range_row RANGES[] = {
    {"16/12 – 30/12/2020", DANVAN_OK, 20201216, 20201230, ALL},
    {"16/12 – 30/12/2020)**", DANVAN_OK, 20201216, 20201230, ")**"},
    {"từ ngày 10/12 - 24/12/2024", DANVAN_OK, 20241210, 20241224, ALL},
    {"Từ ngày 10/12 đến ngày 24/12/2024 tại", DANVAN_OK, 20241210, 20241224, " tại"},
    {"từ ngày 9-23/11/2018", DANVAN_OK, 20181109, 20181123, ALL},
    {"(22/12/1944 – 22/12/2020)", DANVAN_OK, 19441222, 20201222, ALL},
    {"(22/12/1989-22/12/2024),", DANVAN_OK, 19891222, 20241222, ","},
    {"(15/10/1930\n - 15/10/2021)", DANVAN_OK, 19301015, 20211015, ALL},
    {"(03/02/1930 - 03\n/02/2021)", DANVAN_EPARSE, 0, 0, ALL},
    {"từ ngày 10/12/2024 đến ngày 24/12/2024 (qua", DANVAN_OK, 20241210, 20241224, " (qua"},
    {"từ ngày 10 đến ngày 24 tháng 12 năm 2024", DANVAN_OK, 20241210, 20241224, ALL},
    {"ngày 10 tháng 12 đến ngày 24 tháng 12 năm 2024", DANVAN_OK, 20241210, 20241224, ALL},
    {"từ ngày 10-12/12/2024", DANVAN_OK, 20241210, 20241212, ALL},
    {"10/12 đến hết 24/12/2024", DANVAN_OK, 20241210, 20241224, ALL},
    {"10/12 tới 24/12/2024", DANVAN_OK, 20241210, 20241224, ALL},
    {"25/12 - 05/01/2021", DANVAN_OK, 20201225, 20210105, ALL},
    {"28-3/1/2021", DANVAN_OK, 20201228, 20210103, ALL},
    {"12.12 - 24.12.2024", DANVAN_OK, 20241212, 20241224, ALL},
    {"22/12/2024 - 22/12/1944", DANVAN_OK, 20241222, 19441222, ALL}, /* a validator's business */
    {"16/12", DANVAN_EPARSE, 0, 0, ALL},
    {"16/12 - 30/12", DANVAN_EPARSE, 0, 0, ALL},
    {"30/02 - 05/03/2021", DANVAN_EPARSE, 0, 0, ALL},
    {"10/12/2024 - 31/02/2025", DANVAN_EPARSE, 0, 0, ALL},
    {"10/12/2024 đến", DANVAN_EPARSE, 0, 0, ALL},
    {"tháng 11 - 24/12/2024", DANVAN_EPARSE, 0, 0, ALL},
    {"abc", DANVAN_EPARSE, 0, 0, ALL},
    {"", DANVAN_EPARSE, 0, 0, ALL},
};

static void test_date_range(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++) {
    const range_row *r = &RANGES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t a = -1, b = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_date_range_parse(&a, &b, &consumed, in);
      if (check_common("date range", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (a != r->start || b != r->end)
          fail_msg("range row %zu \"%s\": %d..%d, want %d..%d", i, r->in, (int)a, (int)b,
                   (int)r->start, (int)r->end);
      } else {
        assert_true(a == -1 && b == -1);
      }
      free(in);
    }
  }
}

/* ---- times -------------------------------------------------------------------------------- */

typedef struct time_row {
  const char *in;
  int32_t rc;
  int32_t minutes;
  const char *rest;
} time_row;

static const time_row TIMES[] = {
    {"12h", DANVAN_OK, 720, ALL},
    {"12h.**", DANVAN_OK, 720, ".**"},
    {"13h30", DANVAN_OK, 810, ALL},
    {"15h00 về", DANVAN_OK, 900, " về"},
    {"8H", DANVAN_OK, 480, ALL},
    {"07 giờ 30 phút, ngày 10/12/2024", DANVAN_OK, 450, ", ngày 10/12/2024"},
    {"lúc 07 giờ 30 phút", DANVAN_OK, 450, ALL},
    {"vào lúc 7 giờ", DANVAN_OK, 420, ALL},
    {"đúng 7 giờ", DANVAN_OK, 420, ALL},
    {"7 giờ", DANVAN_OK, 420, ALL},
    {"7giờ", DANVAN_OK, 420, ALL},
    {"15 giờ 00", DANVAN_OK, 900, ALL},
    {"7 giờ 5 ngày", DANVAN_OK, 420, " 5 ngày"},
    {"07h 30 phút", DANVAN_OK, 450, ALL},
    {"07h 30", DANVAN_OK, 420, " 30"},
    {"13h30'", DANVAN_OK, 810, ALL},
    {"13h30p", DANVAN_OK, 810, ALL},
    {"13h30 phút", DANVAN_OK, 810, ALL},
    {"13:17:38", DANVAN_OK, 797, ALL},
    {"13:17:38\n +07.00", DANVAN_OK, 797, "\n +07.00"},
    {"13:17", DANVAN_OK, 797, ALL},
    {"07:14", DANVAN_OK, 434, ALL},
    {"2 giờ chiều", DANVAN_OK, 840, ALL},
    {"1 giờ trưa", DANVAN_OK, 780, ALL},
    {"11 giờ trưa", DANVAN_OK, 660, ALL},
    {"7 giờ tối", DANVAN_OK, 1140, ALL},
    {"10 giờ đêm", DANVAN_OK, 1320, ALL},
    {"2 giờ đêm", DANVAN_OK, 120, ALL},
    {"7 giờ sáng", DANVAN_OK, 420, ALL},
    {"14 giờ chiều", DANVAN_OK, 840, ALL},
    {"24h", DANVAN_OK, 1440, ALL},
    {"24:00", DANVAN_OK, 1440, ALL},
    {"0h", DANVAN_OK, 0, ALL},
    {"25h", DANVAN_EPARSE, 0, ALL},
    {"24h30", DANVAN_EPARSE, 0, ALL},
    {"13h75", DANVAN_EPARSE, 0, ALL},
    {"13:7", DANVAN_EPARSE, 0, ALL},
    {"13:17:99", DANVAN_EPARSE, 0, ALL},
    {"12", DANVAN_EPARSE, 0, ALL},
    {"12ha", DANVAN_EPARSE, 0, ALL},
    {"123h", DANVAN_EPARSE, 0, ALL},
    {"h30", DANVAN_EPARSE, 0, ALL},
    {"12/12/2024", DANVAN_EPARSE, 0, ALL},
    {"lúc", DANVAN_EPARSE, 0, ALL},
    {"", DANVAN_EPARSE, 0, ALL},
};

static void test_time(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof TIMES / sizeof TIMES[0]; i++) {
    const time_row *r = &TIMES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t t = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_time_parse(&t, &consumed, in);
      if (check_common("time", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (t != r->minutes) fail_msg("time row %zu \"%s\": %d, want %d", i, r->in, (int)t, (int)r->minutes);
      } else {
        assert_int_equal(t, -1);
      }
      free(in);
    }
  }
}

static const range_row TIME_RANGES[] = {
    {"từ 13h30 đến 15h00", DANVAN_OK, 810, 900, ALL},
    {"từ 13h30 đến 15h00 về Ban", DANVAN_OK, 810, 900, " về Ban"},
    {"7h30 - 11h", DANVAN_OK, 450, 660, ALL},
    {"13h30-15h00", DANVAN_OK, 810, 900, ALL},
    {"13h30 – 15h", DANVAN_OK, 810, 900, ALL},
    {"từ 7 giờ đến 11 giờ 30 phút", DANVAN_OK, 420, 690, ALL},
    {"Từ 22h tới 2h", DANVAN_OK, 1320, 120, ALL},
    {"từ 13h30", DANVAN_EPARSE, 0, 0, ALL},
    {"13h30 đến", DANVAN_EPARSE, 0, 0, ALL},
    {"13h30 - 25h", DANVAN_EPARSE, 0, 0, ALL},
    {"từ ngày", DANVAN_EPARSE, 0, 0, ALL},
};

static void test_time_range(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof TIME_RANGES / sizeof TIME_RANGES[0]; i++) {
    const range_row *r = &TIME_RANGES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t a = -1, b = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_time_range_parse(&a, &b, &consumed, in);
      if (check_common("time range", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (a != r->start || b != r->end)
          fail_msg("time range row %zu \"%s\": %d-%d, want %d-%d", i, r->in, (int)a, (int)b,
                   (int)r->start, (int)r->end);
      }
      free(in);
    }
  }
}

typedef struct deadline_row {
  const char *in;
  int32_t rc, kind, date, minutes;
  const char *rest;
} deadline_row;

#define EXCL DANVAN_VN_DEADLINE_EXCLUSIVE
#define INCL DANVAN_VN_DEADLINE_INCLUSIVE

static const deadline_row DEADLINES[] = {
    {"trước 12h", DANVAN_OK, EXCL, 0, 720, ALL},
    {"trước 12h.**", DANVAN_OK, EXCL, 0, 720, ".**"},
    {"trước 03/01/2021.", DANVAN_OK, EXCL, 20210103, -1, "."},
    {"trước ngày 29/12/2024, để cơ quan", DANVAN_OK, EXCL, 20241229, -1, ", để cơ quan"},
    {"Trước ngày 08/12/2024", DANVAN_OK, EXCL, 20241208, -1, ALL},
    {"chậm nhất ngày 09/12/2024", DANVAN_OK, INCL, 20241209, -1, ALL},
    {"chậm nhất là ngày 09/12/2024", DANVAN_OK, INCL, 20241209, -1, ALL},
    {"chậm nhất vào ngày 09/12/2024", DANVAN_OK, INCL, 20241209, -1, ALL},
    {"muộn nhất 15/01/2025", DANVAN_OK, INCL, 20250115, -1, ALL},
    {"hạn chót 15/01/2025", DANVAN_OK, INCL, 20250115, -1, ALL},
    {"trước 17h ngày 20/12/2024", DANVAN_OK, EXCL, 20241220, 1020, ALL},
    {"trước 17 giờ 00, ngày 20/12/2024", DANVAN_OK, EXCL, 20241220, 1020, ALL},
    {"trước ngày 20/12/2024, lúc 17h", DANVAN_OK, EXCL, 20241220, 1020, ALL},
    {"trước ngày 20/12/2024 17h30", DANVAN_OK, EXCL, 20241220, 1050, ALL},
    {"trước vào lúc 9h", DANVAN_OK, EXCL, 0, 540, ALL},
    {"trước tháng 12/2024", DANVAN_OK, EXCL, 20241200, -1, ALL},
    {"trước khi", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"trước", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"sau ngày 1/1/2024", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"trước 30/02/2021", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"chậm nhất ngày 32/12/2024", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"", DANVAN_EPARSE, 0, 0, 0, ALL},
};

static void test_deadline(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof DEADLINES / sizeof DEADLINES[0]; i++) {
    const deadline_row *r = &DEADLINES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t kind = -9, date = -9, minutes = -9;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_deadline_parse(&kind, &date, &minutes, &consumed, in);
      if (check_common("deadline", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (kind != r->kind || date != r->date || minutes != r->minutes)
          fail_msg("deadline row %zu \"%s\": (%d, %d, %d), want (%d, %d, %d)", i, r->in,
                   (int)kind, (int)date, (int)minutes, (int)r->kind, (int)r->date, (int)r->minutes);
      } else {
        assert_true(kind == -9 && date == -9 && minutes == -9);
      }
      free(in);
    }
  }
}

/* ---- Roman numerals and phases ------------------------------------------------------------ */

static const time_row ROMANS[] = {
    {"XIII", DANVAN_OK, 13, ALL},      {"I", DANVAN_OK, 1, ALL},
    {"II/2020", DANVAN_OK, 2, "/2020"}, {"IV", DANVAN_OK, 4, ALL},
    {"IX", DANVAN_OK, 9, ALL},          {"XIV", DANVAN_OK, 14, ALL},
    {"XL", DANVAN_OK, 40, ALL},         {"XCIX", DANVAN_OK, 99, ALL},
    {"MCMXLIV", DANVAN_OK, 1944, ALL},  {"MMMCMXCIX", DANVAN_OK, 3999, ALL},
    {"MMMDCCCLXXXVIII", DANVAN_OK, 3888, ALL},
    {"xiii", DANVAN_OK, 13, ALL},       {"XV)", DANVAN_OK, 15, ")"},
    {"XII của", DANVAN_OK, 12, " của"},  {"  III.", DANVAN_OK, 3, "."},
    {"IIII", DANVAN_EPARSE, 0, ALL},    {"IC", DANVAN_EPARSE, 0, ALL},
    {"VX", DANVAN_EPARSE, 0, ALL},      {"VV", DANVAN_EPARSE, 0, ALL},
    {"MMMM", DANVAN_EPARSE, 0, ALL},    {"Lưu", DANVAN_EPARSE, 0, ALL},
    {"Xiii", DANVAN_EPARSE, 0, ALL},    {"XIIIa", DANVAN_EPARSE, 0, ALL},
    {"XIII2", DANVAN_EPARSE, 0, ALL},   {"ABC", DANVAN_EPARSE, 0, ALL},
    {"MMMDCCCLXXXVIIII", DANVAN_EPARSE, 0, ALL},
    {"12", DANVAN_EPARSE, 0, ALL},      {"", DANVAN_EPARSE, 0, ALL},
};

static void test_roman(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof ROMANS / sizeof ROMANS[0]; i++) {
    const time_row *r = &ROMANS[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t v = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_roman_parse(&v, &consumed, in);
      if (check_common("roman", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (v != r->minutes) fail_msg("roman row %zu \"%s\": %d, want %d", i, r->in, (int)v, (int)r->minutes);
      }
      free(in);
    }
  }
}

typedef struct phase_row {
  const char *in;
  int32_t rc, kind, number, year;
  const char *rest;
} phase_row;

#define RND DANVAN_VN_PHASE_ROUND
#define QTR DANVAN_VN_PHASE_QUARTER
#define SEM DANVAN_VN_PHASE_SEMESTER

static const phase_row PHASES[] = {
    {"đợt II/2020", DANVAN_OK, RND, 2, 2020, ALL},
    {"đợt II/2020 (16/12", DANVAN_OK, RND, 2, 2020, " (16/12"},
    {"đợt II năm 2024", DANVAN_OK, RND, 2, 2024, ALL},
    {"đợt II năm 2020.", DANVAN_OK, RND, 2, 2020, "."},
    {"đợt I/2020;", DANVAN_OK, RND, 1, 2020, ";"},
    {"đợt 2", DANVAN_OK, RND, 2, 0, ALL},
    {"Đợt 1 năm nay", DANVAN_OK, RND, 1, 0, " năm nay"},
    {"ĐỢT II/2020", DANVAN_OK, RND, 2, 2020, ALL},
    {"quý III/2021", DANVAN_OK, QTR, 3, 2021, ALL},
    {"Quý IV năm 2024", DANVAN_OK, QTR, 4, 2024, ALL},
    {"quý 4", DANVAN_OK, QTR, 4, 0, ALL},
    {"học kỳ I năm học 2024-2025", DANVAN_OK, SEM, 1, 0, " năm học 2024-2025"},
    {"học kì II", DANVAN_OK, SEM, 2, 0, ALL},
    {"quý V", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"quý 5", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"quý 0", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"đợt 100", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"đợt", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"đợt ra quân", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"đợtII", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"quy chế", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"năm 2024", DANVAN_EPARSE, 0, 0, 0, ALL},
    {"", DANVAN_EPARSE, 0, 0, 0, ALL},
};

static void test_phase(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof PHASES / sizeof PHASES[0]; i++) {
    const phase_row *r = &PHASES[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      int32_t kind = -1, number = -1, year = -1;
      size_t consumed = 0;
      danvan_error_clear();
      int32_t rc = danvan_vn_phase_parse(&kind, &number, &year, &consumed, in);
      if (check_common("phase", i, f, r->in, rc, r->rc, NOCHECK, consumed, r->rest)) {
        if (kind != r->kind || number != r->number || year != r->year)
          fail_msg("phase row %zu \"%s\": (%d, %d, %d), want (%d, %d, %d)", i, r->in, (int)kind,
                   (int)number, (int)year, (int)r->kind, (int)r->number, (int)r->year);
      }
      free(in);
    }
  }
}

/* ---- document numbers --------------------------------------------------------------------- */

typedef struct doc_row {
  const char *in;
  int32_t rc;
  const char *number, *type, *issuer, *symbol, *text;
  int32_t year, style;
  const char *rest;
} doc_row;

#define PARTY DANVAN_VN_STYLE_PARTY
#define STATE DANVAN_VN_STYLE_STATE
#define UNION DANVAN_VN_STYLE_UNION
#define DERR(text, rc) {text, rc, NULL, NULL, NULL, NULL, NULL, 0, 0, ALL}

static const doc_row DOCS[] = {
    {"Số 14-KH/BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"Số: 382 -KH/TĐTN-TCKT", DANVAN_OK, "382", "KH", "TĐTN-TCKT", "KH/TĐTN-TCKT", "382-KH/TĐTN-TCKT", 0, UNION, ALL},
    {"Số      -KH/BCĐ", DANVAN_OK, "", "KH", "BCĐ", "KH/BCĐ", "-KH/BCĐ", 0, PARTY, ALL},
    {"Số\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0 -KH/BCĐ\xc2\xa0\xc2\xa0", DANVAN_OK, "", "KH", "BCĐ", "KH/BCĐ", "-KH/BCĐ", 0, PARTY, "\xc2\xa0\xc2\xa0"},
    {"01-KH/BCĐ ngày 02/12/2020", DANVAN_OK, "01", "KH", "BCĐ", "KH/BCĐ", "01-KH/BCĐ", 0, PARTY, " ngày 02/12/2020"},
    {"03-KH/BCĐ, ngày 05/5/2021", DANVAN_OK, "03", "KH", "BCĐ", "KH/BCĐ", "03-KH/BCĐ", 0, PARTY, ", ngày 05/5/2021"},
    {"số 14-KH/BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"SỐ 14-KH/BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"số 14 – KH/BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"Số 14 KH/BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"Số 14-KH / BCĐ", DANVAN_OK, "14", "KH", "BCĐ", "KH/BCĐ", "14-KH/BCĐ", 0, PARTY, ALL},
    {"Số 36-HD/VPTW", DANVAN_OK, "36", "HD", "VPTW", "HD/VPTW", "36-HD/VPTW", 0, PARTY, ALL},
    {"11-QÐi/TW", DANVAN_OK, "11", "QĐi", "TW", "QĐi/TW", "11-QĐi/TW", 0, PARTY, ALL},
    {"1341-CV/BDVTU.", DANVAN_OK, "1341", "CV", "BDVTU", "CV/BDVTU", "1341-CV/BDVTU", 0, PARTY, "."},
    {"147-CTHĐ/TU", DANVAN_OK, "147", "CTHĐ", "TU", "CTHĐ/TU", "147-CTHĐ/TU", 0, PARTY, ALL},
    {"367-QĐ/TWĐTN-VP", DANVAN_OK, "367", "QĐ", "TWĐTN-VP", "QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", 0, UNION, ALL},
    {"23-KH/ĐTN", DANVAN_OK, "23", "KH", "ĐTN", "KH/ĐTN", "23-KH/ĐTN", 0, UNION, ALL},
    {"01-KH/TWD", DANVAN_OK, "01", "KH", "TWD", "KH/TWD", "01-KH/TWD", 0, UNION, ALL},
    {"05-KH/TDTN", DANVAN_OK, "05", "KH", "TDTN", "KH/TDTN", "05-KH/TDTN", 0, UNION, ALL},
    {"Số: 21/KH-UBND", DANVAN_OK, "21", "KH", "UBND", "KH-UBND", "21/KH-UBND", 0, STATE, ALL},
    {"4544/KH-UBND ngày", DANVAN_OK, "4544", "KH", "UBND", "KH-UBND", "4544/KH-UBND", 0, STATE, " ngày"},
    {"Số: 21 / KH-UBND", DANVAN_OK, "21", "KH", "UBND", "KH-UBND", "21/KH-UBND", 0, STATE, ALL},
    {"Số      /KH-UBND", DANVAN_OK, "", "KH", "UBND", "KH-UBND", "/KH-UBND", 0, STATE, ALL},
    {"01/QCPH/UBND-UBMTTQ", DANVAN_OK, "01", "QCPH", "UBND-UBMTTQ", "QCPH/UBND-UBMTTQ", "01/QCPH/UBND-UBMTTQ", 0, STATE, ALL},
    {"30/2020/NĐ-CP", DANVAN_OK, "30", "NĐ", "CP", "NĐ-CP", "30/2020/NĐ-CP", 2020, STATE, ALL},
    {"09/2019/NĐ-CP (24/01/2019)", DANVAN_OK, "09", "NĐ", "CP", "NĐ-CP", "09/2019/NĐ-CP", 2019, STATE, " (24/01/2019)"},
    {"01/2011/TT-BNV", DANVAN_OK, "01", "TT", "BNV", "TT-BNV", "01/2011/TT-BNV", 2011, STATE, ALL},
    {"202/2025/QH15", DANVAN_OK, "202", "", "QH15", "QH15", "202/2025/QH15", 2025, STATE, ALL},
    {"123/UBND-VP", DANVAN_OK, "123", "", "UBND-VP", "UBND-VP", "123/UBND-VP", 0, STATE, ALL},
    {"12/PGD&ĐT-THCS", DANVAN_OK, "12", "", "PGD&ĐT-THCS", "PGD&ĐT-THCS", "12/PGD&ĐT-THCS", 0, STATE, ALL},
    {"12/CV-THPT", DANVAN_OK, "12", "CV", "THPT", "CV-THPT", "12/CV-THPT", 0, STATE, ALL},
    {"15/QĐ–UBND", DANVAN_OK, "15", "QĐ", "UBND", "QĐ-UBND", "15/QĐ-UBND", 0, STATE, ALL},
    DERR("Số", DANVAN_EPARSE),
    DERR("Số:", DANVAN_EPARSE),
    DERR("KH/BCĐ", DANVAN_EPARSE),
    DERR("14", DANVAN_EPARSE),
    DERR("Số 14 ngày 02/12", DANVAN_EPARSE),
    DERR("Số 14-/BCĐ", DANVAN_EPARSE),
    DERR("Số 14-KH", DANVAN_EPARSE),
    DERR("Số 14-KH/", DANVAN_EPARSE),
    DERR("Số 14/", DANVAN_EPARSE),
    DERR("Số 1234567890-KH/BCĐ", DANVAN_ELIMIT),
    DERR("số lượng", DANVAN_EPARSE),
    DERR("abc", DANVAN_EPARSE),
    DERR("", DANVAN_EPARSE),
};

static void test_docnum(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof DOCS / sizeof DOCS[0]; i++) {
    const doc_row *r = &DOCS[i];
    for (int f = 0; f < 2; f++) {
      char *in = form(r->in, f);
      danvan_vn_docnum *d = NULL;
      danvan_error_clear();
      int32_t rc = danvan_vn_docnum_parse(&d, in);
      if (check_common("docnum", i, f, r->in, rc, r->rc, NOCHECK, danvan_vn_docnum_consumed(d),
                       r->rest)) {
        const char *got[] = {danvan_vn_docnum_number(d), danvan_vn_docnum_type(d),
                             danvan_vn_docnum_issuer(d), danvan_vn_docnum_symbol(d),
                             danvan_vn_docnum_text(d)};
        const char *want[] = {r->number, r->type, r->issuer, r->symbol, r->text};
        for (int k = 0; k < 5; k++)
          if (strcmp(got[k], want[k]) != 0)
            fail_msg("docnum row %zu \"%s\" part %d: \"%s\", want \"%s\"", i, r->in, k, got[k], want[k]);
        assert_int_equal(danvan_vn_docnum_year(d), r->year);
        assert_int_equal(danvan_vn_docnum_style(d), r->style);
      } else {
        assert_null(d);
      }
      danvan_vn_docnum_free(d);
      free(in);
    }
  }
}

static void test_docnum_null(void **state) {
  (void)state;
  danvan_vn_docnum *d = NULL;
  assert_int_equal(danvan_vn_docnum_parse(NULL, "14-KH/BCĐ"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_docnum_parse(&d, NULL), DANVAN_EINVAL);
  assert_null(danvan_vn_docnum_number(NULL));
  assert_null(danvan_vn_docnum_type(NULL));
  assert_null(danvan_vn_docnum_issuer(NULL));
  assert_null(danvan_vn_docnum_symbol(NULL));
  assert_null(danvan_vn_docnum_text(NULL));
  assert_int_equal(danvan_vn_docnum_year(NULL), 0);
  assert_int_equal(danvan_vn_docnum_style(NULL), 0);
  assert_int_equal(danvan_vn_docnum_consumed(NULL), 0);
  danvan_vn_docnum_free(NULL);
}

/* ---- arguments ---------------------------------------------------------------------------- */

static void test_null_arguments(void **state) {
  (void)state;
  int64_t c;
  int32_t s, a, b, k;
  uint32_t fl;
  size_t n;
  assert_int_equal(danvan_vn_number_parse(NULL, &s, &n, "1"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_number_parse(&c, NULL, &n, "1"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_number_parse(&c, &s, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_number_parse_ext(&c, &s, NULL, &n, "1"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_money_parse(NULL, &n, "1 đồng"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_money_parse(&c, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_money_parse_ext(&c, NULL, &fl, &n, "1 đ"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_money_parse_ext(&c, &s, NULL, &n, "1 đ"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_date_parse(NULL, &n, "22/12/2024"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_date_parse(&a, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_date_range_parse(NULL, &b, &n, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_date_range_parse(&a, NULL, &n, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_time_parse(NULL, &n, "12h"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_time_parse(&a, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_time_range_parse(NULL, &b, &n, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_time_range_parse(&a, NULL, &n, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_deadline_parse(NULL, &a, &b, &n, "trước 12h"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_deadline_parse(&k, NULL, &b, &n, "trước 12h"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_deadline_parse(&k, &a, NULL, &n, "trước 12h"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_deadline_parse(&k, &a, &b, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_roman_parse(NULL, &n, "X"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_roman_parse(&a, &n, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_phase_parse(NULL, &a, &b, &n, "đợt 2"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_phase_parse(&k, NULL, &b, &n, "đợt 2"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_phase_parse(&k, &a, NULL, &n, "đợt 2"), DANVAN_EINVAL);
  assert_int_equal(danvan_vn_phase_parse(&k, &a, &b, &n, NULL), DANVAN_EINVAL);
  /* out_consumed may be NULL */
  assert_int_equal(danvan_vn_date_parse(&a, NULL, "22/12/2024"), DANVAN_OK);
  assert_int_equal(danvan_vn_time_parse(&a, NULL, "12h"), DANVAN_OK);
  assert_int_equal(danvan_vn_roman_parse(&a, NULL, "X"), DANVAN_OK);
}

/* A successful parse that tried other forms first leaves the last error alone. */
static void test_success_keeps_last_error(void **state) {
  (void)state;
  int32_t a, b;
  danvan_error_clear();
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, "từ ngày 10-12/12/2024"), DANVAN_OK);
  assert_int_equal(danvan_error_code(), DANVAN_OK);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, "ngày 30 tháng 2 năm 2021"), DANVAN_EPARSE);
  assert_non_null(strstr(danvan_error_message(), "date"));
  assert_int_equal(danvan_error_line(), 1);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, "22/12/2024"), DANVAN_OK);
  assert_int_equal(danvan_error_code(), DANVAN_EPARSE);
  /* line and column of an error on a later line */
  assert_int_equal(danvan_vn_date_parse(&a, NULL, "ngày 22\ntháng 13 năm 2021"), DANVAN_EPARSE);
  assert_int_equal(danvan_error_line(), 2);
  assert_int_equal(danvan_error_column(), 8);
  assert_int_equal(danvan_error_offset(), 16);
}

/* ---- seeds -------------------------------------------------------------------------------- */

/* The phrase in a seed that starts with needle (NULL when the seed is missing). */
static const char *at(const char *seed, const char *needle) {
  const char *p = seed ? strstr(seed, needle) : NULL;
  if (seed && !p) fail_msg("\"%s\" not found in the seed", needle);
  return p;
}

static void test_seed_phrases(void **state) {
  (void)state;
  char *s0 = vt_read_seed(VT_SEEDS[0]), *s1 = vt_read_seed(VT_SEEDS[1]),
       *s2 = vt_read_seed(VT_SEEDS[2]), *s4 = vt_read_seed(VT_SEEDS[3]);
  if (!s0 || !s1 || !s2 || !s4) skip();
  int32_t a, b, c;
  int64_t v;
  danvan_vn_docnum *d;
  danvan_vn_quantity *q;
  /* seed 000 */
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, at(s0, "16/12 – 30/12/2020")), DANVAN_OK);
  assert_true(a == 20201216 && b == 20201230);
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, at(s0, "(22/12/1944")), DANVAN_OK);
  assert_true(a == 19441222 && b == 20201222);
  assert_int_equal(danvan_vn_phase_parse(&a, &b, &c, NULL, at(s0, "đợt II/2020")), DANVAN_OK);
  assert_true(a == RND && b == 2 && c == 2020);
  assert_int_equal(danvan_vn_docnum_parse(&d, at(s0, "01-KH/BCĐ")), DANVAN_OK);
  assert_string_equal(danvan_vn_docnum_text(d), "01-KH/BCĐ");
  danvan_vn_docnum_free(d);
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s0, "từ **300") + 5), DANVAN_EPARSE);
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s0, "300 - 500")), DANVAN_OK);
  assert_int_equal(danvan_vn_quantity_bound(q), RG);
  danvan_vn_quantity_free(q);
  assert_int_equal(danvan_vn_deadline_parse(&a, &b, &c, NULL, at(s0, "trước 12h")), DANVAN_OK);
  assert_true(a == EXCL && b == 0 && c == 720);
  assert_int_equal(danvan_vn_deadline_parse(&a, &b, &c, NULL, at(s0, "trước 03/01/2021")), DANVAN_OK);
  assert_true(a == EXCL && b == 20210103 && c == -1);
  assert_int_equal(danvan_vn_roman_parse(&a, NULL, at(s0, "XIII của")), DANVAN_OK);
  assert_int_equal(a, 13);
  /* seed 001 */
  assert_int_equal(danvan_vn_docnum_parse(&d, at(s1, "Số: 382")), DANVAN_OK);
  assert_string_equal(danvan_vn_docnum_symbol(d), "KH/TĐTN-TCKT");
  assert_int_equal(danvan_vn_docnum_style(d), UNION);
  danvan_vn_docnum_free(d);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s1, "ngày 22 tháng 6")), DANVAN_OK);
  assert_int_equal(a, 20210622);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s1, "22/06/2021")), DANVAN_OK);
  assert_int_equal(danvan_vn_time_parse(&b, NULL, at(s1, "13:17:38")), DANVAN_OK);
  assert_true(a == 20210622 && b == 797);
  assert_int_equal(danvan_vn_money_parse(&v, NULL, at(s1, "3,6 tỷ")), DANVAN_OK);
  assert_true(v == 3600000000LL);
  assert_int_equal(danvan_vn_money_parse(&v, NULL, at(s1, "600 triệu")), DANVAN_OK);
  assert_true(v == 600000000LL);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s1, "05/5/2021")), DANVAN_OK);
  assert_int_equal(a, 20210505);
  /* seed 002 */
  assert_int_equal(danvan_vn_docnum_parse(&d, at(s2, "Số\xc2\xa0")), DANVAN_OK);
  assert_string_equal(danvan_vn_docnum_text(d), "-KH/BCĐ");
  assert_string_equal(danvan_vn_docnum_number(d), "");
  danvan_vn_docnum_free(d);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s2, "ngày 04 tháng 12")), DANVAN_OK);
  assert_int_equal(a, 20241204);
  assert_int_equal(danvan_vn_money_parse(&v, NULL, at(s2, "10.500 000đ")), DANVAN_OK);
  assert_true(v == 10500000LL);
  assert_int_equal(danvan_vn_money_parse(&v, NULL, at(s2, "1,08 triệu")), DANVAN_OK);
  assert_true(v == 1080000LL);
  assert_int_equal(danvan_vn_money_parse(&v, NULL, at(s2, "46 triệu")), DANVAN_OK);
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s2, "9 tuyến đường/8.900m")), DANVAN_OK);
  assert_string_equal(danvan_vn_quantity_second_unit(q), "m");
  danvan_vn_quantity_free(q);
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s2, "8/8 ấp")), DANVAN_OK);
  assert_int_equal(danvan_vn_quantity_bound(q), FR);
  danvan_vn_quantity_free(q);
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s2, "07-10 phút")), DANVAN_OK);
  assert_int_equal(danvan_vn_quantity_bound(q), RG);
  danvan_vn_quantity_free(q);
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, at(s2, "từ ngày 10/12 - 24")), DANVAN_OK);
  assert_true(a == 20241210 && b == 20241224);
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, at(s2, "Từ ngày 10/12 đến")), DANVAN_OK);
  assert_true(a == 20241210 && b == 20241224);
  assert_int_equal(danvan_vn_time_range_parse(&a, &b, NULL, at(s2, "từ 13h30")), DANVAN_OK);
  assert_true(a == 810 && b == 900);
  assert_int_equal(danvan_vn_deadline_parse(&a, &b, &c, NULL, at(s2, "chậm nhất ngày")), DANVAN_OK);
  assert_true(a == INCL && b == 20241209);
  assert_int_equal(danvan_vn_deadline_parse(&a, &b, &c, NULL, at(s2, "trước ngày 29")), DANVAN_OK);
  assert_true(a == EXCL && b == 20241229);
  assert_int_equal(danvan_vn_time_parse(&a, NULL, at(s2, "07 giờ 30 phút")), DANVAN_OK);
  assert_int_equal(a, 450);
  assert_int_equal(danvan_vn_phase_parse(&a, &b, &c, NULL, at(s2, "đợt II năm 2024")), DANVAN_OK);
  assert_true(b == 2 && c == 2024);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s2, "12/12/2024 07:14")), DANVAN_OK);
  assert_int_equal(danvan_vn_docnum_parse(&d, at(s2, "14-KH/BCĐ")), DANVAN_OK);
  danvan_vn_docnum_free(d);
  /* seed 004 */
  assert_int_equal(danvan_vn_quantity_parse(&q, at(s4, "2 - 3 mô hình")), DANVAN_OK);
  assert_string_equal(danvan_vn_quantity_unit(q), "mô hình");
  danvan_vn_quantity_free(q);
  assert_int_equal(danvan_vn_date_parse(&a, NULL, at(s4, "tháng 12/2021")), DANVAN_OK);
  assert_int_equal(a, 20211200);
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, at(s4, "(15/10/1930")), DANVAN_OK);
  assert_true(a == 19301015 && b == 20211015);
  free(s0);
  free(s1);
  free(s2);
  free(s4);
}

/* Every parser at every character of every seed, as written and in NFD: never crash, never
   read past the end, consumed within the text. */
static void sweep(const char *text) {
  size_t len = strlen(text);
  for (size_t i = 0; i < len; i++) {
    if (((unsigned char)text[i] & 0xC0) == 0x80) continue;
    const char *p = text + i;
    size_t rest = len - i, n = 0;
    int64_t c;
    int32_t a, b, k;
    uint32_t fl;
    if (danvan_vn_number_parse_ext(&c, &a, &fl, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_money_parse_ext(&c, &a, &fl, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_date_parse(&a, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_date_range_parse(&a, &b, &n, p) == DANVAN_OK) assert_true(n <= rest && a > 0);
    if (danvan_vn_time_parse(&a, &n, p) == DANVAN_OK) assert_true(n <= rest && a <= 1440);
    if (danvan_vn_time_range_parse(&a, &b, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_deadline_parse(&k, &a, &b, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_roman_parse(&a, &n, p) == DANVAN_OK) assert_true(n <= rest);
    if (danvan_vn_phase_parse(&k, &a, &b, &n, p) == DANVAN_OK) assert_true(n <= rest);
    danvan_vn_quantity *q = NULL;
    if (danvan_vn_quantity_parse(&q, p) == DANVAN_OK) assert_true(danvan_vn_quantity_consumed(q) <= rest);
    danvan_vn_quantity_free(q);
    danvan_vn_docnum *d = NULL;
    if (danvan_vn_docnum_parse(&d, p) == DANVAN_OK) assert_true(danvan_vn_docnum_consumed(d) <= rest);
    danvan_vn_docnum_free(d);
  }
}

static void test_seed_sweep(void **state) {
  (void)state;
  for (int i = 0; VT_SEEDS[i]; i++) {
    char *text = vt_read_seed(VT_SEEDS[i]);
    if (!text) skip();
    char *nfd = vt_nfd(text);
    sweep(text);
    sweep(nfd);
    free(nfd);
    free(text);
  }
}

/* Garbage: random bytes, truncated UTF-8, long digit runs. */
static void test_garbage(void **state) {
  (void)state;
  uint32_t x = 12345;
  char buf[256];
  for (int round = 0; round < 3000; round++) {
    size_t n = (size_t)(round % 40) + 1;
    for (size_t i = 0; i < n; i++) {
      x = x * 1103515245u + 12345u;
      static const char alphabet[] = "0123456789.,/- hđ%:ngàytháng\xc2\xa0\xcc\x81\xff\xe2\x80\x93XIV()";
      buf[i] = (round & 1) ? alphabet[(x >> 16) % (sizeof alphabet - 1)] : (char)((x >> 16) & 0xFF);
      if (buf[i] == 0) buf[i] = '1';
    }
    buf[n] = '\0';
    sweep(buf);
  }
  char big[5000];
  memset(big, '9', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  int64_t c;
  int32_t s;
  assert_int_equal(danvan_vn_number_parse(&c, &s, NULL, big), DANVAN_ELIMIT);
  for (size_t i = 0; i + 1 < sizeof big; i++) big[i] = (i % 4 == 1) ? '.' : '1';
  assert_int_equal(danvan_vn_number_parse(&c, &s, NULL, big), DANVAN_ELIMIT);
  sweep(big);
}


/* ---- threads ------------------------------------------------------------------------------ */

/* Run the date and document-number tables; returns the number of mismatches. */
static void *thread_body(void *arg) {
  size_t *bad = arg;
  for (int round = 0; round < 20; round++) {
    for (size_t i = 0; i < sizeof DATES / sizeof DATES[0]; i++) {
      int32_t date = 0;
      int32_t rc = danvan_vn_date_parse(&date, NULL, DATES[i].in);
      if (rc != DATES[i].rc || (rc == DANVAN_OK && date != DATES[i].date)) (*bad)++;
      if (rc != DANVAN_OK && danvan_error_code() != rc) (*bad)++; /* per-thread last error */
    }
    for (size_t i = 0; i < sizeof DOCS / sizeof DOCS[0]; i++) {
      danvan_vn_docnum *d = NULL;
      int32_t rc = danvan_vn_docnum_parse(&d, DOCS[i].in);
      if (rc != DOCS[i].rc || (rc == DANVAN_OK && strcmp(danvan_vn_docnum_text(d), DOCS[i].text) != 0))
        (*bad)++;
      danvan_vn_docnum_free(d);
      char *key = NULL;
      if (danvan_text_match_key(&key, "ĐẢNG UỶ XÃ") != DANVAN_OK || strcmp(key, "đảng ủy xã") != 0)
        (*bad)++;
      danvan_free(key);
    }
  }
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  enum { N = 4 };
  pthread_t t[N];
  size_t bad[N] = {0};
  for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&t[i], NULL, thread_body, &bad[i]), 0);
  for (int i = 0; i < N; i++) {
    pthread_join(t[i], NULL);
    assert_int_equal(bad[i], 0);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number),         cmocka_unit_test(test_money),
      cmocka_unit_test(test_quantity),       cmocka_unit_test(test_quantity_getters_null),
      cmocka_unit_test(test_date),           cmocka_unit_test(test_date_range),
      cmocka_unit_test(test_time),           cmocka_unit_test(test_time_range),
      cmocka_unit_test(test_deadline),       cmocka_unit_test(test_roman),
      cmocka_unit_test(test_phase),          cmocka_unit_test(test_docnum),
      cmocka_unit_test(test_docnum_null),    cmocka_unit_test(test_null_arguments),
      cmocka_unit_test(test_success_keeps_last_error),
      cmocka_unit_test(test_seed_phrases),   cmocka_unit_test(test_seed_sweep),
      cmocka_unit_test(test_garbage),        cmocka_unit_test(test_threads),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  printf("table rows run (NFC + NFD): %zu\n", g_rows);
  return rc;
}
