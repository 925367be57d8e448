/*
 * Fuzz target: the value parsers and normalisers (lib/text/, lib/core/values.c).
 *
 * The input, up to its first NUL byte, is given to every danvan_vn_* parser and every
 * danvan_text_* normaliser, at its start and at the start of each of its first words (as the
 * text importer walks a document), and whole to the core parsers (danvan_decimal_parse,
 * danvan_date_parse, danvan_datetime_parse, danvan_time_parse) and the name look-ups.
 *
 * Properties: a parser that fails leaves its outputs unchanged, returns a documented status
 * and records an error whose offset lies within the text; one that succeeds reads at least
 * one byte and no more than the text, ends on a character boundary, and gives values in their
 * documented ranges; normalising twice changes nothing; a match key has no blank at either
 * end and no double blank; what the core parsers read formats and parses back to the same
 * value.
 */
#include "fuzz.h"

#define SENT32 ((int32_t)0x5A5A5A5A)
#define SENT64 ((int64_t)0x5A5A5A5A5A5A5A5ALL)
#define SENTZ ((size_t)0x5A5A5A5A)

static const char *cur_text; /* the text the current parser was given */

static void check_status(const char *fn, int32_t rc) {
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_EPARSE || rc == DANVAN_ELIMIT,
               "%s returned %s", fn, danvan_status_name(rc));
  if (rc) {
    fuzz_check_error(rc);
    int64_t off = danvan_error_offset();
    FUZZ_REQUIRE(off <= (int64_t)strlen(cur_text), "%s: error offset %lld beyond %zu bytes", fn,
                 (long long)off, strlen(cur_text));
  }
}

/* Does position i of s fall inside a well-formed multi-byte UTF-8 sequence? (A stray
   continuation byte of invalid input is not "inside" anything.) */
static int inside_char(const char *str, size_t i) {
  const unsigned char *s = (const unsigned char *)str;
  size_t start = i;
  while (start > 0 && i - start < 3 && (s[start] & 0xC0) == 0x80) start--;
  if (start == i) return 0;
  size_t n = s[start] >= 0xF0 && s[start] < 0xF8 ? 4 : s[start] >= 0xE0 ? 3 : s[start] >= 0xC0 ? 2 : 1;
  if (start + n <= i) return 0;
  for (size_t k = start + 1; k < start + n; k++)
    if ((s[k] & 0xC0) != 0x80) return 0;
  return 1;
}

static void check_consumed(const char *fn, size_t consumed) {
  size_t len = strlen(cur_text);
  FUZZ_REQUIRE(consumed >= 1 && consumed <= len, "%s read %zu of %zu bytes", fn, consumed, len);
  FUZZ_REQUIRE(!inside_char(cur_text, consumed), "%s stopped inside a character (%zu)", fn,
               consumed);
}

static void check_date(const char *fn, int32_t date, int partial_ok) {
  char *s = NULL;
  FUZZ_REQUIRE(danvan_date_format(&s, date) == DANVAN_OK, "%s gave date %d", fn, (int)date);
  danvan_free(s);
  FUZZ_REQUIRE(partial_ok || date % 100 != 0, "%s gave a partial date %d", fn, (int)date);
}

#define UNCHANGED32(v) FUZZ_REQUIRE((v) == SENT32, "output " #v " changed on failure")
#define UNCHANGED64(v) FUZZ_REQUIRE((v) == SENT64, "output " #v " changed on failure")
#define UNCHANGEDZ(v) FUZZ_REQUIRE((v) == SENTZ, "output " #v " changed on failure")

static void numbers(const char *t) {
  int64_t coef = SENT64;
  int32_t scale = SENT32;
  uint32_t flags = (uint32_t)SENT32;
  size_t n = SENTZ;
  int32_t rc = danvan_vn_number_parse_ext(&coef, &scale, &flags, &n, t);
  check_status("number_parse_ext", rc);
  if (rc) {
    UNCHANGED64(coef);
    UNCHANGED32(scale);
    UNCHANGEDZ(n);
    FUZZ_REQUIRE(flags == (uint32_t)SENT32, "flags changed on failure");
  } else {
    check_consumed("number_parse_ext", n);
    FUZZ_REQUIRE(coef >= 0 && scale >= 0 && scale <= 18, "number (%lld, %d)", (long long)coef,
                 (int)scale);
    FUZZ_REQUIRE(flags < 0x20, "number flags %x", flags);
  }
  int64_t c2 = SENT64;
  int32_t s2 = SENT32;
  size_t n2 = SENTZ;
  int32_t rc2 = danvan_vn_number_parse(&c2, &s2, &n2, t);
  FUZZ_REQUIRE(rc2 == rc && (rc || (c2 == coef && s2 == scale && n2 == n)),
               "number_parse and number_parse_ext disagree");

  int64_t dong = SENT64;
  int32_t exp = SENT32;
  n = SENTZ;
  rc = danvan_vn_money_parse_ext(&dong, &exp, &flags, &n, t);
  check_status("money_parse_ext", rc);
  if (rc) {
    UNCHANGED64(dong);
    UNCHANGED32(exp);
    UNCHANGEDZ(n);
  } else {
    check_consumed("money_parse_ext", n);
    FUZZ_REQUIRE(dong >= 0, "money %lld", (long long)dong);
    FUZZ_REQUIRE(exp == 0 || exp == 3 || exp == 6 || exp == 9, "money unit exponent %d", (int)exp);
  }
  c2 = SENT64;
  n2 = SENTZ;
  rc2 = danvan_vn_money_parse(&c2, &n2, t);
  FUZZ_REQUIRE(rc2 == rc && (rc || (c2 == dong && n2 == n)),
               "money_parse and money_parse_ext disagree");
}

static void quantity(const char *t) {
  danvan_vn_quantity *q = (danvan_vn_quantity *)&q;
  int32_t rc = danvan_vn_quantity_parse(&q, t);
  check_status("quantity_parse", rc);
  if (rc) {
    FUZZ_REQUIRE(q == (danvan_vn_quantity *)&q, "quantity output changed on failure");
    return;
  }
  int32_t b = danvan_vn_quantity_bound(q);
  FUZZ_REQUIRE(b >= DANVAN_VN_BOUND_EXACT && b <= DANVAN_VN_BOUND_FRACTION, "bound %d", (int)b);
  int has_min = b != DANVAN_VN_BOUND_AT_MOST && b != DANVAN_VN_BOUND_LESS_THAN;
  int has_max = b != DANVAN_VN_BOUND_AT_LEAST && b != DANVAN_VN_BOUND_MORE_THAN;
  FUZZ_REQUIRE(danvan_vn_quantity_has_min(q) == has_min && danvan_vn_quantity_has_max(q) == has_max,
               "bound %d: has_min %d has_max %d", (int)b, (int)danvan_vn_quantity_has_min(q),
               (int)danvan_vn_quantity_has_max(q));
  int64_t lo = 0, hi = 0, c = 0;
  int32_t ls = 0, hs = 0, s = 0, cmp = 0;
  FUZZ_REQUIRE((danvan_vn_quantity_min(&lo, &ls, q) == DANVAN_OK) == has_min, "min");
  FUZZ_REQUIRE((danvan_vn_quantity_max(&hi, &hs, q) == DANVAN_OK) == has_max, "max");
  if (b == DANVAN_VN_BOUND_RANGE) {
    FUZZ_REQUIRE(danvan_decimal_compare(&cmp, lo, ls, hi, hs) == DANVAN_OK && cmp <= 0,
                 "a range that ends below its start");
  }
  FUZZ_REQUIRE((danvan_vn_quantity_total(&c, &s, q) == DANVAN_OK) == (b == DANVAN_VN_BOUND_FRACTION),
               "total");
  int32_t src = danvan_vn_quantity_second(&c, &s, q);
  FUZZ_REQUIRE(src == DANVAN_OK || src == DANVAN_ENOTFOUND, "second: %s", danvan_status_name(src));
  size_t consumed = danvan_vn_quantity_consumed(q), us = 0, ue = 0;
  check_consumed("quantity_parse", consumed);
  FUZZ_REQUIRE(danvan_vn_quantity_unit_range(&us, &ue, q) == DANVAN_OK && us <= ue &&
                   ue <= consumed,
               "unit range %zu-%zu of %zu bytes", us, ue, consumed);
  FUZZ_REQUIRE(danvan_vn_quantity_unit(q) && danvan_vn_quantity_second_unit(q), "units");
  (void)danvan_vn_quantity_flags(q);
  danvan_vn_quantity_free(q);
}

static void dates(const char *t) {
  int32_t d = SENT32, e = SENT32, k = SENT32, y = SENT32;
  size_t n = SENTZ;
  int32_t rc = danvan_vn_date_parse(&d, &n, t);
  check_status("date_parse", rc);
  if (rc) {
    UNCHANGED32(d);
    UNCHANGEDZ(n);
  } else {
    check_consumed("date_parse", n);
    check_date("date_parse", d, 1);
  }
  d = SENT32, n = SENTZ;
  rc = danvan_vn_date_range_parse(&d, &e, &n, t);
  check_status("date_range_parse", rc);
  if (rc) {
    UNCHANGED32(d);
    UNCHANGED32(e);
    UNCHANGEDZ(n);
  } else {
    check_consumed("date_range_parse", n);
    check_date("date_range_parse", d, 0);
    check_date("date_range_parse", e, 0);
  }
  d = SENT32, n = SENTZ;
  rc = danvan_vn_time_parse(&d, &n, t);
  check_status("time_parse", rc);
  if (rc) {
    UNCHANGED32(d);
    UNCHANGEDZ(n);
  } else {
    check_consumed("time_parse", n);
    FUZZ_REQUIRE(d >= 0 && d <= 1440, "time %d", (int)d);
  }
  d = SENT32, e = SENT32, n = SENTZ;
  rc = danvan_vn_time_range_parse(&d, &e, &n, t);
  check_status("time_range_parse", rc);
  if (rc) {
    UNCHANGED32(d);
    UNCHANGED32(e);
    UNCHANGEDZ(n);
  } else {
    check_consumed("time_range_parse", n);
    FUZZ_REQUIRE(d >= 0 && d <= 1440 && e >= 0 && e <= 1440, "time range %d-%d", (int)d, (int)e);
  }
  d = SENT32, e = SENT32, n = SENTZ;
  rc = danvan_vn_deadline_parse(&k, &d, &e, &n, t);
  check_status("deadline_parse", rc);
  if (rc) {
    UNCHANGED32(k);
    UNCHANGED32(d);
    UNCHANGED32(e);
    UNCHANGEDZ(n);
  } else {
    check_consumed("deadline_parse", n);
    FUZZ_REQUIRE(k == DANVAN_VN_DEADLINE_EXCLUSIVE || k == DANVAN_VN_DEADLINE_INCLUSIVE,
                 "deadline kind %d", (int)k);
    FUZZ_REQUIRE(d != 0 || e != -1, "a deadline without a date or a time");
    if (d) check_date("deadline_parse", d, 1);
    FUZZ_REQUIRE(e == -1 || (e >= 0 && e <= 1440), "deadline time %d", (int)e);
  }
  d = SENT32, n = SENTZ;
  rc = danvan_vn_roman_parse(&d, &n, t);
  check_status("roman_parse", rc);
  if (rc) {
    UNCHANGED32(d);
    UNCHANGEDZ(n);
  } else {
    check_consumed("roman_parse", n);
    FUZZ_REQUIRE(d >= 1 && d <= 3999, "roman %d", (int)d);
  }
  k = SENT32, d = SENT32, n = SENTZ;
  rc = danvan_vn_phase_parse(&k, &d, &y, &n, t);
  check_status("phase_parse", rc);
  if (rc) {
    UNCHANGED32(k);
    UNCHANGED32(d);
    UNCHANGED32(y);
    UNCHANGEDZ(n);
  } else {
    check_consumed("phase_parse", n);
    int32_t max = k == DANVAN_VN_PHASE_ROUND ? 99 : k == DANVAN_VN_PHASE_QUARTER ? 4 : 3;
    FUZZ_REQUIRE(k >= DANVAN_VN_PHASE_ROUND && k <= DANVAN_VN_PHASE_SEMESTER && d >= 1 && d <= max,
                 "phase %d number %d", (int)k, (int)d);
    FUZZ_REQUIRE(y == 0 || (y >= 1 && y <= 9999), "phase year %d", (int)y);
  }
}

static void docnum(const char *t) {
  danvan_vn_docnum *d = (danvan_vn_docnum *)&d;
  int32_t rc = danvan_vn_docnum_parse(&d, t);
  check_status("docnum_parse", rc);
  if (rc) {
    FUZZ_REQUIRE(d == (danvan_vn_docnum *)&d, "docnum output changed on failure");
    return;
  }
  FUZZ_REQUIRE(danvan_vn_docnum_number(d) && danvan_vn_docnum_type(d) &&
                   danvan_vn_docnum_issuer(d) && danvan_vn_docnum_symbol(d) &&
                   danvan_vn_docnum_text(d),
               "a docnum part is NULL");
  int32_t st = danvan_vn_docnum_style(d);
  FUZZ_REQUIRE(st >= DANVAN_VN_STYLE_STATE && st <= DANVAN_VN_STYLE_UNION, "style %d", (int)st);
  check_consumed("docnum_parse", danvan_vn_docnum_consumed(d));
  (void)danvan_vn_docnum_year(d);
  danvan_vn_docnum_free(d);
}

typedef int32_t (*text_fn)(char **, const char *);

static char *normalise(text_fn fn, const char *name, const char *t) {
  char *out = (char *)&out;
  int32_t rc = fn(&out, t);
  FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_EPARSE || rc == DANVAN_ELIMIT, "%s: %s", name,
               danvan_status_name(rc));
  if (rc) {
    fuzz_check_error(rc);
    FUZZ_REQUIRE(out == (char *)&out || out == NULL, "%s: output changed on failure", name);
    return NULL;
  }
  FUZZ_REQUIRE(out != NULL, "%s gave NULL", name);
  return out;
}

static void texts(const char *t) {
  char *n1 = normalise(danvan_text_normalize, "normalize", t);
  if (n1) {
    char *n2 = normalise(danvan_text_normalize, "normalize (again)", n1);
    FUZZ_REQUIRE(n2 && strcmp(n1, n2) == 0, "normalize is not idempotent");
    danvan_free(n2);
  }
  char *k = normalise(danvan_text_match_key, "match_key", t);
  FUZZ_REQUIRE(!k == !n1, "normalize and match_key disagree on the text's validity");
  if (k) {
    size_t len = strlen(k);
    FUZZ_REQUIRE(!len || (k[0] != ' ' && k[len - 1] != ' '), "match key with an outer blank");
    FUZZ_REQUIRE(!strstr(k, "  "), "match key with a double blank");
  }
  char *m = normalise(danvan_text_strip_markup, "strip_markup", t);
  danvan_free(n1);
  danvan_free(k);
  danvan_free(m);
}

static void core(const char *t) {
  int64_t c = 0, c2 = 0;
  int32_t s = 0, s2 = 0, cmp = 1;
  char *out = NULL;
  cur_text = t;
  if (danvan_decimal_parse(&c, &s, t) == DANVAN_OK) {
    FUZZ_REQUIRE(danvan_decimal_format(&out, c, s) == DANVAN_OK, "decimal_format");
    FUZZ_REQUIRE(danvan_decimal_parse(&c2, &s2, out) == DANVAN_OK &&
                     danvan_decimal_compare(&cmp, c, s, c2, s2) == DANVAN_OK && cmp == 0,
                 "decimal '%s' formats as '%s'", t, out);
    danvan_free(out);
    int32_t rc = danvan_decimal_add(&c2, &s2, c, s, c, s);
    FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_ELIMIT, "decimal_add: %s", danvan_status_name(rc));
    rc = danvan_decimal_mul(&c2, &s2, c, s, c, s);
    FUZZ_REQUIRE(rc == DANVAN_OK || rc == DANVAN_ELIMIT, "decimal_mul: %s", danvan_status_name(rc));
  }
  int32_t d = 0, d2 = 0;
  if (danvan_date_parse(&d, t) == DANVAN_OK) {
    FUZZ_REQUIRE(danvan_date_format(&out, d) == DANVAN_OK, "date_format(%d)", (int)d);
    FUZZ_REQUIRE(danvan_date_parse(&d2, out) == DANVAN_OK && d2 == d, "date '%s' -> '%s'", t, out);
    danvan_free(out);
  }
  int64_t dt = 0, dt2 = 0;
  if (danvan_datetime_parse(&dt, t) == DANVAN_OK) {
    FUZZ_REQUIRE(danvan_datetime_format(&out, dt) == DANVAN_OK, "datetime_format(%lld)",
                 (long long)dt);
    FUZZ_REQUIRE(danvan_datetime_parse(&dt2, out) == DANVAN_OK && dt2 == dt,
                 "date-time '%s' -> '%s'", t, out);
    danvan_free(out);
  }
  if (danvan_time_parse(&d, t) == DANVAN_OK) {
    FUZZ_REQUIRE(danvan_time_format(&out, d) == DANVAN_OK, "time_format(%d)", (int)d);
    FUZZ_REQUIRE(danvan_time_parse(&d2, out) == DANVAN_OK && d2 == d, "time '%s' -> '%s'", t, out);
    danvan_free(out);
  }
  int32_t id = 0;
  (void)danvan_kind_lookup(&id, t);
  (void)danvan_field_lookup(&id, t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_watch_libxml2();
  char *text = fuzz_cstring(data, size);
  core(text);
  texts(text);
  /* the parsers at the start of the text and of each of its first words */
  int starts = 0;
  for (const char *p = text; *p && starts < 24; p++) {
    if (p != text && p[-1] != ' ' && p[-1] != '\n' && p[-1] != '\t') continue;
    cur_text = p;
    numbers(p);
    quantity(p);
    dates(p);
    docnum(p);
    starts++;
  }
  if (!text[0]) { /* the empty text too */
    cur_text = text;
    numbers(text);
    quantity(text);
    dates(text);
    docnum(text);
  }
  free(text);
  return 0;
}
