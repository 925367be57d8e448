/* Exact decimals, dates, date-times and times of day. */
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

static const int64_t POW10[19] = {1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL,
                                  10000000LL, 100000000LL, 1000000000LL, 10000000000LL,
                                  100000000000LL, 1000000000000LL, 10000000000000LL,
                                  100000000000000LL, 1000000000000000LL, 10000000000000000LL,
                                  100000000000000000LL, 1000000000000000000LL};

/* ---- decimals ----------------------------------------------------------------------------- */
int32_t dvi_decimal_parse(int64_t *coef, int32_t *scale, const char *s, size_t len) {
  size_t i = 0;
  bool neg = false;
  if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  uint64_t v = 0;
  int32_t sc = 0;
  size_t digits = 0;
  bool dot = false;
  for (; i < len; i++) {
    char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return dvi_error(DANVAN_EPARSE, "'%.*s' is not a decimal number", (int)len, s);
    if (v > (UINT64_MAX - 9) / 10) return dvi_error(DANVAN_ELIMIT, "'%.*s' is too large", (int)len, s);
    v = v * 10 + (uint64_t)(c - '0');
    digits++;
    if (dot && ++sc > DANVAN_DECIMAL_MAX_SCALE)
      return dvi_error(DANVAN_ELIMIT, "'%.*s' has more than 18 decimals", (int)len, s);
  }
  if (!digits || (dot && s[len - 1] == '.'))
    return dvi_error(DANVAN_EPARSE, "'%.*s' is not a decimal number", (int)len, s);
  if (v > (uint64_t)INT64_MAX) return dvi_error(DANVAN_ELIMIT, "'%.*s' is too large", (int)len, s);
  *coef = neg ? -(int64_t)v : (int64_t)v;
  *scale = sc;
  return DANVAN_OK;
}

size_t dvi_decimal_write(char *buf, int64_t coef, int32_t scale) {
  /* drop trailing zeros after the point */
  while (scale > 0 && coef % 10 == 0) {
    coef /= 10;
    scale--;
  }
  uint64_t mag = coef < 0 ? (uint64_t)0 - (uint64_t)coef : (uint64_t)coef;
  char digits[24];
  int nd = 0;
  do {
    digits[nd++] = (char)('0' + (int)(mag % 10));
    mag /= 10;
  } while (mag);
  while (nd <= scale) digits[nd++] = '0';
  size_t n = 0;
  if (coef < 0) buf[n++] = '-';
  for (int i = nd - 1; i >= 0; i--) {
    buf[n++] = digits[i];
    if (i == scale && scale > 0) buf[n++] = '.';
  }
  buf[n] = '\0';
  return n;
}

/* Multiply by 10^k with overflow check. */
static bool scale_up(int64_t *v, int32_t k) {
  if (k == 0) return true;
  if (k > 18) return *v == 0;
  int64_t p = POW10[k];
  if (*v > INT64_MAX / p || *v < INT64_MIN / p) return false;
  *v *= p;
  return true;
}

int32_t dvi_decimal_add(int64_t *oc, int32_t *os, int64_t ac, int32_t as, int64_t bc, int32_t bs) {
  int32_t s = as > bs ? as : bs;
  if (!scale_up(&ac, s - as) || !scale_up(&bc, s - bs))
    return dvi_error(DANVAN_ELIMIT, "decimal sum overflows");
  if ((bc > 0 && ac > INT64_MAX - bc) || (bc < 0 && ac < INT64_MIN - bc))
    return dvi_error(DANVAN_ELIMIT, "decimal sum overflows");
  *oc = ac + bc;
  *os = s;
  return DANVAN_OK;
}

int dvi_decimal_cmp(int64_t ac, int32_t as, int64_t bc, int32_t bs) {
  int32_t s = as > bs ? as : bs;
  int64_t a = ac, b = bc;
  bool oka = scale_up(&a, s - as), okb = scale_up(&b, s - bs);
  if (oka && okb) return (a > b) - (a < b);
  /* one side overflowed when scaled: compare integer parts, then the rest */
  int64_t ai = ac / POW10[as], bi = bc / POW10[bs];
  if (ai != bi) return (ai > bi) - (ai < bi);
  long double fa = (long double)(ac % POW10[as]) / (long double)POW10[as];
  long double fb = (long double)(bc % POW10[bs]) / (long double)POW10[bs];
  return (fa > fb) - (fa < fb);
}

static bool scale_ok(int32_t s) { return s >= 0 && s <= DANVAN_DECIMAL_MAX_SCALE; }

int32_t danvan_decimal_parse(int64_t *out_coef, int32_t *out_scale, const char *text) {
  DVI_CHECK_ARG(out_coef && out_scale && text);
  return dvi_decimal_parse(out_coef, out_scale, text, strlen(text));
}

int32_t danvan_decimal_format(char **out, int64_t coef, int32_t scale) {
  DVI_CHECK_ARG(out && scale_ok(scale));
  char buf[48];
  size_t n = dvi_decimal_write(buf, coef, scale);
  *out = dvi_strndup(buf, n);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

int32_t danvan_decimal_add(int64_t *out_coef, int32_t *out_scale, int64_t a_coef, int32_t a_scale,
                           int64_t b_coef, int32_t b_scale) {
  DVI_CHECK_ARG(out_coef && out_scale && scale_ok(a_scale) && scale_ok(b_scale));
  return dvi_decimal_add(out_coef, out_scale, a_coef, a_scale, b_coef, b_scale);
}

int32_t danvan_decimal_mul(int64_t *out_coef, int32_t *out_scale, int64_t a_coef, int32_t a_scale,
                           int64_t b_coef, int32_t b_scale) {
  DVI_CHECK_ARG(out_coef && out_scale && scale_ok(a_scale) && scale_ok(b_scale));
  int64_t r;
  if (__builtin_mul_overflow(a_coef, b_coef, &r))
    return dvi_error(DANVAN_ELIMIT, "decimal product overflows");
  int32_t s = a_scale + b_scale;
  while (s > DANVAN_DECIMAL_MAX_SCALE) {
    if (r % 10) return dvi_error(DANVAN_ELIMIT, "decimal product has too many decimals");
    r /= 10;
    s--;
  }
  *out_coef = r;
  *out_scale = s;
  return DANVAN_OK;
}

int32_t danvan_decimal_compare(int32_t *out, int64_t a_coef, int32_t a_scale, int64_t b_coef,
                               int32_t b_scale) {
  DVI_CHECK_ARG(out && scale_ok(a_scale) && scale_ok(b_scale));
  *out = dvi_decimal_cmp(a_coef, a_scale, b_coef, b_scale);
  return DANVAN_OK;
}

/* ---- dates -------------------------------------------------------------------------------- */
static bool leap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int32_t month_days(int32_t y, int32_t m) {
  static const int32_t d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool dvi_date_valid(int32_t date, bool allow_partial) {
  int32_t y = date / 10000, m = date / 100 % 100, d = date % 100;
  if (y < 1 || y > 9999 || m < 1 || m > 12) return false;
  if (d == 0) return allow_partial;
  return d <= month_days(y, m);
}

/* Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's civil algorithm. */
int64_t dvi_date_to_days(int32_t date) {
  int64_t y = date / 10000, m = date / 100 % 100, d = date % 100;
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int32_t dvi_days_to_date(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  return (int32_t)(y * 10000 + m * 100 + d);
}

static bool read_digits(const char *s, size_t len, size_t *pos, size_t n, int32_t *out) {
  int32_t v = 0;
  if (*pos + n > len) return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

int32_t dvi_date_parse(int32_t *out, const char *s, size_t len, bool allow_partial) {
  size_t p = 0;
  int32_t y, m, d = 0;
  if (!read_digits(s, len, &p, 4, &y) || p >= len || s[p++] != '-' || !read_digits(s, len, &p, 2, &m))
    goto bad;
  if (p < len) {
    if (s[p++] != '-' || !read_digits(s, len, &p, 2, &d) || p != len || d == 0) goto bad;
  } else if (!allow_partial) {
    return dvi_error(DANVAN_EPARSE, "'%.*s' is a partial date; a full date YYYY-MM-DD is needed",
                     (int)len, s);
  }
  if (!dvi_date_valid(y * 10000 + m * 100 + d, allow_partial)) goto bad;
  *out = y * 10000 + m * 100 + d;
  return DANVAN_OK;
bad:
  return dvi_error(DANVAN_EPARSE, "'%.*s' is not a valid date (YYYY-MM-DD%s)", (int)len, s,
                   allow_partial ? " or YYYY-MM" : "");
}

size_t dvi_date_write(char *buf, int32_t date) {
  int32_t y = date / 10000, m = date / 100 % 100, d = date % 100;
  int n = d ? snprintf(buf, 16, "%04d-%02d-%02d", (int)y, (int)m, (int)d)
            : snprintf(buf, 16, "%04d-%02d", (int)y, (int)m);
  return n > 0 ? (size_t)n : 0;
}

int32_t danvan_date_parse(int32_t *out, const char *text) {
  DVI_CHECK_ARG(out && text);
  return dvi_date_parse(out, text, strlen(text), true);
}

int32_t danvan_date_format(char **out, int32_t date) {
  DVI_CHECK_ARG(out);
  if (!dvi_date_valid(date, true)) return dvi_error(DANVAN_EINVAL, "%d is not a valid date", (int)date);
  char buf[16];
  size_t n = dvi_date_write(buf, date);
  *out = dvi_strndup(buf, n);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

int32_t danvan_date_from_ymd(int32_t *out, int32_t year, int32_t month, int32_t day) {
  DVI_CHECK_ARG(out);
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 0 || day > 31 ||
      !dvi_date_valid(year * 10000 + month * 100 + day, true))
    return dvi_error(DANVAN_EINVAL, "%d-%d-%d is not a valid date", (int)year, (int)month, (int)day);
  *out = year * 10000 + month * 100 + day;
  return DANVAN_OK;
}

int32_t danvan_date_add_days(int32_t *out, int32_t date, int32_t days) {
  DVI_CHECK_ARG(out && dvi_date_valid(date, false));
  int32_t r = dvi_days_to_date(dvi_date_to_days(date) + days);
  if (!dvi_date_valid(r, false)) return dvi_error(DANVAN_EINVAL, "date out of range");
  *out = r;
  return DANVAN_OK;
}

int32_t danvan_date_diff_days(int32_t *out, int32_t a, int32_t b) {
  DVI_CHECK_ARG(out && dvi_date_valid(a, false) && dvi_date_valid(b, false));
  *out = (int32_t)(dvi_date_to_days(b) - dvi_date_to_days(a));
  return DANVAN_OK;
}

int32_t danvan_date_weekday(int32_t *out, int32_t date) {
  DVI_CHECK_ARG(out && dvi_date_valid(date, false));
  int64_t z = dvi_date_to_days(date); /* 1970-01-01 was a Thursday (4) */
  int64_t w = ((z % 7) + 7 + 3) % 7;  /* 0 = Monday */
  *out = (int32_t)w + 1;
  return DANVAN_OK;
}

/* ---- date-times and times ----------------------------------------------------------------- */
int32_t dvi_datetime_parse(int64_t *out, const char *s, size_t len) {
  size_t p = 0;
  int32_t date, hh, mm, ss = 0;
  if (len < 16 || s[10] != 'T') goto bad;
  if (dvi_date_parse(&date, s, 10, false) != DANVAN_OK) goto bad;
  p = 11;
  if (!read_digits(s, len, &p, 2, &hh) || p >= len || s[p++] != ':' || !read_digits(s, len, &p, 2, &mm))
    goto bad;
  if (p < len && s[p] == ':') {
    p++;
    if (!read_digits(s, len, &p, 2, &ss)) goto bad;
  }
  if (hh > 23 || mm > 59 || ss > 59) goto bad;
  int64_t offset = DANVAN_VN_OFFSET_SECONDS;
  if (p < len) {
    if (s[p] == 'Z' && p + 1 == len) {
      offset = 0;
    } else if ((s[p] == '+' || s[p] == '-') && len - p == 6 && s[p + 3] == ':') {
      int32_t oh, om;
      size_t q = p + 1;
      if (!read_digits(s, len, &q, 2, &oh)) goto bad;
      q++;
      if (!read_digits(s, len, &q, 2, &om) || oh > 14 || om > 59) goto bad;
      offset = (oh * 3600 + om * 60) * (s[p] == '-' ? -1 : 1);
    } else {
      goto bad;
    }
  }
  *out = dvi_date_to_days(date) * 86400 + hh * 3600 + mm * 60 + ss - offset;
  return DANVAN_OK;
bad:
  return dvi_error(DANVAN_EPARSE, "'%.*s' is not a valid date-time (YYYY-MM-DDThh:mm:ss+07:00)",
                   (int)len, s);
}

size_t dvi_datetime_write(char *buf, int64_t t) {
  int64_t local = t + DANVAN_VN_OFFSET_SECONDS;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  int64_t secs = local - days * 86400;
  int32_t date = dvi_days_to_date(days);
  int n = snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", (int)(date / 10000),
                   (int)(date / 100 % 100), (int)(date % 100), (int)(secs / 3600),
                   (int)(secs / 60 % 60), (int)(secs % 60));
  return n > 0 ? (size_t)n : 0;
}

int32_t danvan_datetime_parse(int64_t *out, const char *text) {
  DVI_CHECK_ARG(out && text);
  return dvi_datetime_parse(out, text, strlen(text));
}

static bool datetime_in_range(int64_t t) {
  return t >= -62135596800LL + 86400 && t < 253402300799LL - 86400;
}

int32_t danvan_datetime_format(char **out, int64_t datetime) {
  DVI_CHECK_ARG(out && datetime_in_range(datetime));
  char buf[32];
  size_t n = dvi_datetime_write(buf, datetime);
  *out = dvi_strndup(buf, n);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

int32_t danvan_datetime_from_parts(int64_t *out, int32_t date, int32_t minutes) {
  DVI_CHECK_ARG(out && dvi_date_valid(date, false) && minutes >= 0 && minutes <= 1440);
  *out = dvi_date_to_days(date) * 86400 + (int64_t)minutes * 60 - DANVAN_VN_OFFSET_SECONDS;
  return DANVAN_OK;
}

int32_t danvan_datetime_to_parts(int32_t *out_date, int32_t *out_minutes, int64_t datetime) {
  DVI_CHECK_ARG(out_date && datetime_in_range(datetime));
  int64_t local = datetime + DANVAN_VN_OFFSET_SECONDS;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  *out_date = dvi_days_to_date(days);
  if (out_minutes) *out_minutes = (int32_t)((local - days * 86400) / 60);
  return DANVAN_OK;
}

int32_t dvi_time_parse(int32_t *out, const char *s, size_t len) {
  size_t p = 0;
  int32_t hh, mm;
  if (len != 5 || !read_digits(s, len, &p, 2, &hh) || s[p++] != ':' ||
      !read_digits(s, len, &p, 2, &mm) || mm > 59 || hh > 24 || (hh == 24 && mm != 0))
    return dvi_error(DANVAN_EPARSE, "'%.*s' is not a valid time of day (hh:mm)", (int)len, s);
  *out = hh * 60 + mm;
  return DANVAN_OK;
}

size_t dvi_time_write(char *buf, int32_t minutes) {
  int n = snprintf(buf, 8, "%02d:%02d", (int)(minutes / 60), (int)(minutes % 60));
  return n > 0 ? (size_t)n : 0;
}

int32_t danvan_time_parse(int32_t *out, const char *text) {
  DVI_CHECK_ARG(out && text);
  return dvi_time_parse(out, text, strlen(text));
}

int32_t danvan_time_format(char **out, int32_t minutes) {
  DVI_CHECK_ARG(out && minutes >= 0 && minutes <= 1440);
  char buf[8];
  size_t n = dvi_time_write(buf, minutes);
  *out = dvi_strndup(buf, n);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

/* ---- names -------------------------------------------------------------------------------- */
/* Name characters, ASCII part: 1 may start a name, 2 may only follow; every byte >= 0x80
   is taken as a letter (the schema checks the rest). */
static const uint8_t NC[256] = {
    ['-'] = 2, ['.'] = 2, ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
    ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2, ['_'] = 1,
#define R26(a) [a] = 1, [a + 1] = 1, [a + 2] = 1, [a + 3] = 1, [a + 4] = 1, [a + 5] = 1, \
    [a + 6] = 1, [a + 7] = 1, [a + 8] = 1, [a + 9] = 1, [a + 10] = 1, [a + 11] = 1,     \
    [a + 12] = 1, [a + 13] = 1, [a + 14] = 1, [a + 15] = 1, [a + 16] = 1, [a + 17] = 1, \
    [a + 18] = 1, [a + 19] = 1, [a + 20] = 1, [a + 21] = 1, [a + 22] = 1, [a + 23] = 1, \
    [a + 24] = 1, [a + 25] = 1
    R26('a'), R26('A'),
#undef R26
#define R16(a) [a] = 1, [a + 1] = 1, [a + 2] = 1, [a + 3] = 1, [a + 4] = 1, [a + 5] = 1, \
    [a + 6] = 1, [a + 7] = 1, [a + 8] = 1, [a + 9] = 1, [a + 10] = 1, [a + 11] = 1,     \
    [a + 12] = 1, [a + 13] = 1, [a + 14] = 1, [a + 15] = 1
    R16(0x80), R16(0x90), R16(0xa0), R16(0xb0), R16(0xc0), R16(0xd0), R16(0xe0), R16(0xf0),
#undef R16
};

bool dvi_is_ncname(const char *s, size_t len) {
  if (len == 0 || NC[(unsigned char)s[0]] != 1) return false;
  for (size_t i = 1; i < len; i++)
    if (!NC[(unsigned char)s[i]]) return false;
  return true;
}
