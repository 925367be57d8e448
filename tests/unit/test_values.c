/* Values: exact decimals, dates, date-times and times of day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <danvan/danvan.h>

static void assert_decimal(const char *text, int64_t coef, int32_t scale) {
  int64_t c = -1;
  int32_t s = -1;
  assert_int_equal(danvan_decimal_parse(&c, &s, text), DANVAN_OK);
  assert_int_equal(c, coef);
  assert_int_equal(s, scale);
}

static void assert_format(int64_t coef, int32_t scale, const char *want) {
  char *out = NULL;
  assert_int_equal(danvan_decimal_format(&out, coef, scale), DANVAN_OK);
  assert_string_equal(out, want);
  danvan_free(out);
}

static void test_decimal_parse(void **state) {
  (void)state;
  assert_decimal("3600000000", 3600000000LL, 0);
  assert_decimal("0.3333", 3333, 4);
  assert_decimal("-12.50", -1250, 2);
  assert_decimal("9223372036854775807", INT64_MAX, 0);
  int64_t c;
  int32_t s;
  const char *bad[] = {"", "-", "1,5", "1.2.3", "1e5", "12a", " 1", "1.", ".", "--1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(danvan_decimal_parse(&c, &s, bad[i]), DANVAN_EPARSE);
  assert_int_equal(danvan_decimal_parse(&c, &s, "9223372036854775808"), DANVAN_ELIMIT);
  assert_int_equal(danvan_decimal_parse(&c, &s, "0.1234567890123456789"), DANVAN_ELIMIT);
  assert_int_equal(danvan_decimal_parse(NULL, &s, "1"), DANVAN_EINVAL);
  assert_int_equal(danvan_error_code(), DANVAN_EINVAL);
}

static void test_decimal_format(void **state) {
  (void)state;
  assert_format(3600000000LL, 0, "3600000000");
  assert_format(3333, 4, "0.3333");
  assert_format(350, 2, "3.5");
  assert_format(20, 1, "2");
  assert_format(-5, 3, "-0.005");
  assert_format(0, 4, "0");
  assert_format(INT64_MIN, 0, "-9223372036854775808");
  char *out = NULL;
  assert_int_equal(danvan_decimal_format(&out, 1, 19), DANVAN_EINVAL);
  assert_null(out);
}

static void test_decimal_arithmetic(void **state) {
  (void)state;
  int64_t c;
  int32_t s, cmp;
  /* 3,6 tỷ + 0,5 = 3600000000.5 exactly */
  assert_int_equal(danvan_decimal_add(&c, &s, 3600000000LL, 0, 5, 1), DANVAN_OK);
  assert_int_equal(c, 36000000005LL);
  assert_int_equal(s, 1);
  /* 25 × 500000 = 12500000, not the 10500000 the Tân Phong plan states */
  assert_int_equal(danvan_decimal_mul(&c, &s, 25, 0, 500000, 0), DANVAN_OK);
  assert_int_equal(c, 12500000);
  assert_int_equal(s, 0);
  assert_int_equal(danvan_decimal_mul(&c, &s, 15, 1, 2, 0), DANVAN_OK); /* 1.5 × 2 */
  assert_int_equal(danvan_decimal_compare(&cmp, c, s, 3, 0), DANVAN_OK);
  assert_int_equal(cmp, 0);
  assert_int_equal(danvan_decimal_add(&c, &s, INT64_MAX, 0, 1, 0), DANVAN_ELIMIT);
  assert_int_equal(danvan_decimal_mul(&c, &s, INT64_MAX, 0, 2, 0), DANVAN_ELIMIT);
  assert_int_equal(danvan_decimal_compare(&cmp, 250, 2, 25, 1), DANVAN_OK);
  assert_int_equal(cmp, 0);
  assert_int_equal(danvan_decimal_compare(&cmp, 3333, 4, 1, 0), DANVAN_OK);
  assert_int_equal(cmp, -1);
  assert_int_equal(danvan_decimal_compare(&cmp, INT64_MAX, 0, 1, 18), DANVAN_OK);
  assert_int_equal(cmp, 1);
}

static void test_date(void **state) {
  (void)state;
  int32_t d;
  char *out = NULL;
  assert_int_equal(danvan_date_parse(&d, "2024-12-04"), DANVAN_OK);
  assert_int_equal(d, 20241204);
  assert_int_equal(danvan_date_parse(&d, "2024-12"), DANVAN_OK);
  assert_int_equal(d, 20241200);
  assert_int_equal(danvan_date_format(&out, d), DANVAN_OK);
  assert_string_equal(out, "2024-12");
  danvan_free(out);
  assert_int_equal(danvan_date_parse(&d, "2024-02-29"), DANVAN_OK);
  const char *bad[] = {"2021-02-29", "2024-13-01", "2024-00-10", "2024-1-5", "24-12-04",
                       "2024-12-04T", "2024/12/04", "2024-12-00", ""};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(danvan_date_parse(&d, bad[i]), DANVAN_EPARSE);
  assert_int_equal(danvan_date_from_ymd(&d, 2020, 12, 16), DANVAN_OK);
  assert_int_equal(d, 20201216);
  assert_int_equal(danvan_date_from_ymd(&d, 2021, 2, 29), DANVAN_EINVAL);
  assert_int_equal(danvan_date_from_ymd(&d, 2021, 6, 0), DANVAN_OK); /* partial */
  assert_int_equal(danvan_date_format(&out, 20241304), DANVAN_EINVAL);
}

static void test_date_arithmetic(void **state) {
  (void)state;
  int32_t d, n, w;
  /* the 15 days of the Tân Phong round: 10/12 .. 24/12/2024 */
  assert_int_equal(danvan_date_diff_days(&n, 20241210, 20241224), DANVAN_OK);
  assert_int_equal(n, 14);
  assert_int_equal(danvan_date_add_days(&d, 20241224, 8), DANVAN_OK);
  assert_int_equal(d, 20250101);
  assert_int_equal(danvan_date_add_days(&d, 20240301, -1), DANVAN_OK);
  assert_int_equal(d, 20240229);
  assert_int_equal(danvan_date_add_days(&d, 19700101, -1), DANVAN_OK);
  assert_int_equal(d, 19691231);
  /* the page stamp of seed 002: "Thứ năm - 12/12/2024": a Thursday */
  assert_int_equal(danvan_date_weekday(&w, 20241212), DANVAN_OK);
  assert_int_equal(w, 4);
  assert_int_equal(danvan_date_weekday(&w, 20241215), DANVAN_OK); /* Sunday */
  assert_int_equal(w, 7);
  assert_int_equal(danvan_date_weekday(&w, 20241200), DANVAN_EINVAL); /* partial */
  assert_int_equal(danvan_date_add_days(&d, 99991231, 1), DANVAN_EINVAL);
}

static void test_datetime(void **state) {
  (void)state;
  int64_t t, t2;
  char *out = NULL;
  assert_int_equal(danvan_datetime_parse(&t, "2024-12-10T07:30:00+07:00"), DANVAN_OK);
  assert_int_equal(t, 1733790600LL); /* 2024-12-10T00:30:00Z */
  assert_int_equal(danvan_datetime_parse(&t2, "2024-12-10T00:30:00Z"), DANVAN_OK);
  assert_int_equal(t, t2);
  assert_int_equal(danvan_datetime_parse(&t2, "2024-12-10T07:30"), DANVAN_OK); /* Vietnam time */
  assert_int_equal(t, t2);
  assert_int_equal(danvan_datetime_format(&out, t), DANVAN_OK);
  assert_string_equal(out, "2024-12-10T07:30:00+07:00");
  danvan_free(out);
  /* 23:30 UTC is already the next day in Vietnam */
  assert_int_equal(danvan_datetime_parse(&t, "2024-12-23T23:30:00Z"), DANVAN_OK);
  int32_t date, minutes;
  assert_int_equal(danvan_datetime_to_parts(&date, &minutes, t), DANVAN_OK);
  assert_int_equal(date, 20241224);
  assert_int_equal(minutes, 6 * 60 + 30);
  assert_int_equal(danvan_datetime_from_parts(&t2, 20241224, 390), DANVAN_OK);
  assert_int_equal(t, t2);
  const char *bad[] = {"2024-12-10", "2024-12-10T25:00", "2024-12-10T07:30:00+7",
                       "2024-12-10 07:30", "2024-12-10T07:61", "2024-02-30T00:00"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(danvan_datetime_parse(&t, bad[i]), DANVAN_EPARSE);
  assert_int_equal(danvan_datetime_from_parts(&t, 20241200, 0), DANVAN_EINVAL);
}

static void test_time(void **state) {
  (void)state;
  int32_t m;
  char *out = NULL;
  assert_int_equal(danvan_time_parse(&m, "13:30"), DANVAN_OK);
  assert_int_equal(m, 810);
  assert_int_equal(danvan_time_parse(&m, "24:00"), DANVAN_OK);
  assert_int_equal(m, 1440);
  assert_int_equal(danvan_time_parse(&m, "24:01"), DANVAN_EPARSE);
  assert_int_equal(danvan_time_parse(&m, "7:30"), DANVAN_EPARSE);
  assert_int_equal(danvan_time_parse(&m, "12h"), DANVAN_EPARSE);
  assert_int_equal(danvan_time_format(&out, 900), DANVAN_OK);
  assert_string_equal(out, "15:00");
  danvan_free(out);
  assert_int_equal(danvan_time_format(&out, 1441), DANVAN_EINVAL);
}

static void test_status_and_version(void **state) {
  (void)state;
  assert_string_equal(danvan_status_name(DANVAN_ENOTFOUND), "DANVAN_ENOTFOUND");
  assert_string_equal(danvan_status_name(DANVAN_DONE), "DANVAN_DONE");
  assert_string_equal(danvan_status_name(-999), "DANVAN_UNKNOWN");
  assert_int_equal(danvan_version_major(), DANVAN_VERSION_MAJOR);
  assert_int_equal(danvan_version_minor(), DANVAN_VERSION_MINOR);
  assert_int_equal(danvan_version_patch(), DANVAN_VERSION_PATCH);
  assert_string_equal(danvan_version_string(), DANVAN_VERSION_STRING);
  danvan_free(NULL);
}

static void test_error_record(void **state) {
  (void)state;
  int32_t d;
  danvan_error_clear();
  assert_int_equal(danvan_error_code(), DANVAN_OK);
  assert_string_equal(danvan_error_message(), "");
  assert_int_equal(danvan_error_offset(), -1);
  assert_int_equal(danvan_date_parse(&d, "2021-02-30"), DANVAN_EPARSE);
  assert_int_equal(danvan_error_code(), DANVAN_EPARSE);
  assert_non_null(strstr(danvan_error_message(), "2021-02-30"));
  assert_string_equal(danvan_error_file(), "");
  assert_int_equal(danvan_error_line(), 0);
  assert_int_equal(danvan_error_column(), 0);
  /* a successful call leaves the record alone */
  assert_int_equal(danvan_date_parse(&d, "2021-02-28"), DANVAN_OK);
  assert_int_equal(danvan_error_code(), DANVAN_EPARSE);
  danvan_error_clear();
  assert_int_equal(danvan_error_code(), DANVAN_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decimal_parse),     cmocka_unit_test(test_decimal_format),
      cmocka_unit_test(test_decimal_arithmetic), cmocka_unit_test(test_date),
      cmocka_unit_test(test_date_arithmetic),   cmocka_unit_test(test_datetime),
      cmocka_unit_test(test_time),              cmocka_unit_test(test_status_and_version),
      cmocka_unit_test(test_error_record),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
