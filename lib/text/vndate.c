/* Dates ("ngày 22 tháng 6 năm 2021", "05/5/2021"), date ranges ("từ ngày 9-23/11/2018"),
   times ("13h30", "07 giờ 30 phút"), time windows and deadlines ("chậm nhất ngày …"). */
#include <string.h>

#include "text/vn_internal.h"

/* ---- dates -------------------------------------------------------------------------------- */

/* Dots, an ellipsis or underscores standing for a blank day; returns the end. */
static size_t skip_placeholder(const char *s, size_t p) {
  dvi_vn_ch c;
  for (;;) {
    dvi_vn_at(&c, s, p);
    if (c.cp != '.' && c.cp != 0x2026 && c.cp != '_') return p;
    p = c.next;
  }
}

/* d/m[/yyyy] with one separator among "/", "-", "." used throughout. */
static bool read_numeric(dvi_vn_dmy *o, const char *s, size_t p) {
  size_t nd = dvi_vn_ndigits(s, p);
  if (nd < 1 || nd > 2) return false;
  char sep = s[p + nd];
  if (sep != '/' && sep != '-' && sep != '.') return false;
  size_t q = p + nd + 1, nm = dvi_vn_ndigits(s, q);
  if (nm < 1 || nm > 2) return false;
  int32_t d = dvi_vn_digits_value(s, p, nd), m = dvi_vn_digits_value(s, q, nm), y = 0;
  if (d < 1 || m < 1 || m > 12) return false;
  size_t e = q + nm;
  if (s[e] == sep && dvi_vn_ndigits(s, e + 1) == 4) {
    y = dvi_vn_digits_value(s, e + 1, 4);
    e += 5;
  }
  *o = (dvi_vn_dmy){d, m, y, false, e};
  return true;
}

/* After "tháng": the month, then "/yyyy" or [","] "năm" yyyy, both optional. */
static int32_t read_month_year(dvi_vn_dmy *o, const char *s, size_t p, dvi_vn_err *err) {
  p = dvi_vn_skip_space(s, p);
  size_t nm = dvi_vn_ndigits(s, p), end;
  if (nm < 1 || nm > 2) return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected the month");
  o->m = dvi_vn_digits_value(s, p, nm);
  if (o->m < 1 || o->m > 12) return dvi_vn_fail(err, DANVAN_EPARSE, p, "no such month");
  p += nm;
  o->end = p;
  if (s[p] == '/' && dvi_vn_ndigits(s, p + 1) == 4) {
    o->y = dvi_vn_digits_value(s, p + 1, 4);
    o->end = p + 5;
    return DANVAN_OK;
  }
  size_t q = dvi_vn_skip_space(s, p);
  if (s[q] == ',') q = dvi_vn_skip_space(s, q + 1);
  if (!dvi_vn_word(s, q, "năm", &end)) return DANVAN_OK;
  q = dvi_vn_skip_space(s, end);
  if (dvi_vn_ndigits(s, q) != 4) return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected a four-digit year");
  o->y = dvi_vn_digits_value(s, q, 4);
  o->end = q + 4;
  return DANVAN_OK;
}

/* After "ngày": a numeric date, or the day (or a blank) before "tháng", or a lone day. */
static int32_t read_after_ngay(dvi_vn_dmy *o, const char *s, size_t p, dvi_vn_err *err) {
  size_t end;
  p = dvi_vn_skip_space(s, p);
  if (read_numeric(o, s, p)) return DANVAN_OK;
  size_t nd = dvi_vn_ndigits(s, p);
  if (nd > 2) return dvi_vn_fail(err, DANVAN_EPARSE, p, "a day has at most two digits");
  if (nd > 0) {
    o->d = dvi_vn_digits_value(s, p, nd);
    if (o->d < 1) return dvi_vn_fail(err, DANVAN_EPARSE, p, "no such day");
    p += nd;
  } else {
    o->blank_day = true;
    p = skip_placeholder(s, p);
  }
  o->end = p;
  size_t q = dvi_vn_skip_space(s, p);
  if (dvi_vn_word(s, q, "tháng", &end)) return read_month_year(o, s, end, err);
  if (o->blank_day) return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected a day or 'tháng'");
  return DANVAN_OK;
}

/* "22 tháng …" without "ngày". */
static bool day_before_thang(const char *s, size_t p) {
  size_t nd = dvi_vn_ndigits(s, p), end;
  return nd >= 1 && nd <= 2 && dvi_vn_word(s, dvi_vn_skip_space(s, p + nd), "tháng", &end);
}

int32_t dvi_vn_read_dmy(dvi_vn_dmy *out, const char *s, size_t pos, dvi_vn_err *err) {
  dvi_vn_dmy o = {0, 0, 0, false, pos};
  size_t end;
  int32_t rc;
  if (dvi_vn_word(s, pos, "ngày", &end)) rc = read_after_ngay(&o, s, end, err);
  else if (dvi_vn_word(s, pos, "tháng", &end)) rc = read_month_year(&o, s, end, err);
  else if (read_numeric(&o, s, pos)) rc = DANVAN_OK;
  else if (day_before_thang(s, pos)) rc = read_after_ngay(&o, s, pos, err);
  else rc = dvi_vn_fail(err, DANVAN_EPARSE, pos, "expected a date");
  if (rc == DANVAN_OK) *out = o;
  return rc;
}

/* The date of o, or an error when it is incomplete or does not exist. */
static int32_t dmy_value(int32_t *out, const dvi_vn_dmy *o, size_t pos, dvi_vn_err *err) {
  if (o->m == 0) return dvi_vn_fail(err, DANVAN_EPARSE, o->end, "the month is missing");
  if (o->y == 0) return dvi_vn_fail(err, DANVAN_EPARSE, o->end, "the year is missing");
  int32_t date = o->y * 10000 + o->m * 100 + o->d;
  if (!dvi_date_valid(date, true)) return dvi_vn_fail(err, DANVAN_EPARSE, pos, "no such date");
  *out = date;
  return DANVAN_OK;
}

int32_t dvi_vn_read_date(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err) {
  dvi_vn_dmy o;
  int32_t rc = dvi_vn_read_dmy(&o, s, pos, err);
  if (rc == DANVAN_OK) rc = dmy_value(out, &o, pos, err);
  if (rc == DANVAN_OK) *end = o.end;
  return rc;
}

int32_t danvan_vn_date_parse(int32_t *out_date, size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_date && text);
  dvi_vn_err err = {0, 0, NULL};
  int32_t date = 0;
  size_t end = 0;
  if (dvi_vn_read_date(&date, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "date");
  *out_date = date;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

/* ---- date ranges -------------------------------------------------------------------------- */

/* A range separator at p ("-", "đến hết", "đến", "tới"); the end after it and blanks, or 0. */
static size_t range_sep(const char *s, size_t p) {
  static const char *const WORDS[] = {"đến hết", "đến", "tới", NULL};
  size_t q = dvi_vn_skip_space(s, p), end;
  dvi_vn_ch c;
  dvi_vn_at(&c, s, q);
  if (c.cp == '-') end = c.next;
  else if (dvi_vn_words(s, q, WORDS, &end) < 0) return 0;
  return dvi_vn_skip_space(s, end);
}

/* Give the start the end's year (and month) when it lacks them; step back when that puts the
   start after the end. */
static void carry(dvi_vn_dmy *a, const dvi_vn_dmy *b) {
  bool cm = a->m == 0, cy = a->y == 0;
  if (cm) a->m = b->m;
  if (cy) a->y = b->y;
  int32_t sa = a->y * 10000 + a->m * 100 + a->d, sb = b->y * 10000 + b->m * 100 + b->d;
  if (sa <= sb) return;
  if (cm) {
    if (--a->m == 0) {
      a->m = 12;
      a->y--;
    }
  } else if (cy) {
    a->y--;
  }
}

/* The rest of a range after its start a: separator, end date, carry, checks. */
static int32_t range_rest(int32_t *start, int32_t *end, size_t *pend, dvi_vn_dmy a,
                          const char *s, dvi_vn_err *err) {
  size_t q = range_sep(s, a.end);
  if (!q) return dvi_vn_fail(err, DANVAN_EPARSE, a.end, "expected '-' or 'đến' between two dates");
  dvi_vn_dmy b;
  int32_t rc = dvi_vn_read_dmy(&b, s, q, err);
  if (rc) return rc;
  if (b.d == 0 || b.m == 0 || b.y == 0)
    return dvi_vn_fail(err, DANVAN_EPARSE, b.end, "the end of a range must be a full date");
  if (a.d == 0) return dvi_vn_fail(err, DANVAN_EPARSE, a.end, "the start of a range needs a day");
  carry(&a, &b);
  int32_t sa = a.y * 10000 + a.m * 100 + a.d, sb = b.y * 10000 + b.m * 100 + b.d;
  if (!dvi_date_valid(sa, false)) return dvi_vn_fail(err, DANVAN_EPARSE, a.end, "no such start date");
  if (!dvi_date_valid(sb, false)) return dvi_vn_fail(err, DANVAN_EPARSE, q, "no such end date");
  *start = sa;
  *end = sb;
  *pend = b.end;
  return DANVAN_OK;
}

/* The start as a lone day ("9" in "9-23/11/2018"), after an optional "ngày". */
static bool read_lone_day(dvi_vn_dmy *o, const char *s, size_t p) {
  size_t end;
  if (dvi_vn_word(s, p, "ngày", &end)) p = dvi_vn_skip_space(s, end);
  size_t nd = dvi_vn_ndigits(s, p);
  if (nd < 1 || nd > 2) return false;
  *o = (dvi_vn_dmy){dvi_vn_digits_value(s, p, nd), 0, 0, false, p + nd};
  return o->d > 0;
}

static int32_t read_range(int32_t *start, int32_t *end, size_t *pend, const char *s, size_t p,
                          dvi_vn_err *err) {
  size_t w;
  bool paren = s[p] == '(';
  if (paren) p = dvi_vn_skip_blank(s, p + 1);
  if (dvi_vn_word(s, p, "từ", &w)) p = dvi_vn_skip_space(s, w);
  dvi_vn_dmy a;
  int32_t rc = dvi_vn_read_dmy(&a, s, p, err);
  if (rc == DANVAN_OK) rc = range_rest(start, end, pend, a, s, err);
  if (rc && read_lone_day(&a, s, p)) rc = range_rest(start, end, pend, a, s, err);
  if (rc) return rc;
  if (paren) {
    size_t q = dvi_vn_skip_blank(s, *pend);
    if (s[q] == ')') *pend = q + 1;
  }
  return DANVAN_OK;
}

int32_t danvan_vn_date_range_parse(int32_t *out_start, int32_t *out_end, size_t *out_consumed,
                                   const char *text) {
  DVI_CHECK_ARG(out_start && out_end && text);
  dvi_vn_err err = {0, 0, NULL};
  int32_t a = 0, b = 0;
  size_t end = 0;
  if (read_range(&a, &b, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "date range");
  *out_start = a;
  *out_end = b;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

/* ---- times -------------------------------------------------------------------------------- */

/* Minutes after "h": "30", "30'", "30p", " 30 phút"; updates *p and *m. */
static void read_h_minutes(const char *s, size_t *p, int32_t *m) {
  size_t end, q;
  if (dvi_vn_ndigits(s, *p) == 2) {
    *m = dvi_vn_digits_value(s, *p, 2);
    *p += 2;
    q = dvi_vn_skip_blank(s, *p);
    if (s[*p] == '\'') *p += 1;
    else if (dvi_vn_word(s, *p, "p", &end) || dvi_vn_word(s, q, "phút", &end)) *p = end;
    return;
  }
  q = dvi_vn_skip_blank(s, *p);
  size_t nd = dvi_vn_ndigits(s, q);
  if (nd >= 1 && nd <= 2 && dvi_vn_word(s, dvi_vn_skip_blank(s, q + nd), "phút", &end)) {
    *m = dvi_vn_digits_value(s, q, nd);
    *p = end;
  }
}

/* Minutes after "giờ": " 30 phút" or " 00"; updates *p and *m. */
static void read_gio_minutes(const char *s, size_t *p, int32_t *m) {
  size_t q = dvi_vn_skip_blank(s, *p), end;
  size_t nd = dvi_vn_ndigits(s, q);
  if (nd < 1 || nd > 2) return;
  if (dvi_vn_word(s, dvi_vn_skip_blank(s, q + nd), "phút", &end)) {
    *m = dvi_vn_digits_value(s, q, nd);
    *p = end;
  } else if (nd == 2) {
    *m = dvi_vn_digits_value(s, q, nd);
    *p = q + 2;
  }
}

/* ":mm[:ss]" after the hour; false when malformed. */
static bool read_colon(const char *s, size_t *p, int32_t *m) {
  if (dvi_vn_ndigits(s, *p + 1) != 2) return false;
  *m = dvi_vn_digits_value(s, *p + 1, 2);
  *p += 3;
  if (s[*p] == ':' && dvi_vn_ndigits(s, *p + 1) == 2) {
    if (dvi_vn_digits_value(s, *p + 1, 2) > 59) return false;
    *p += 3;
  }
  return true;
}

/* "sáng", "trưa", "chiều", "tối", "đêm" after a time: shift the hour; updates *p. */
static void read_day_part(const char *s, size_t *p, int32_t *h) {
  static const char *const PARTS[] = {"sáng", "trưa", "chiều", "tối", "đêm", NULL};
  size_t end;
  int i = dvi_vn_words(s, dvi_vn_skip_blank(s, *p), PARTS, &end);
  if (i < 0) return;
  *p = end;
  if ((i == 1 && *h >= 1 && *h <= 4) || ((i == 2 || i == 3) && *h >= 1 && *h < 12) ||
      (i == 4 && *h >= 6 && *h < 12))
    *h += 12;
}

/* The hour mark after the hour digits at *p: ':', 'h' or "giờ"; false when there is none. */
static bool read_hour_mark(const char *s, size_t *p, int32_t *m) {
  size_t end;
  if (s[*p] == ':') return read_colon(s, p, m);
  dvi_vn_ch c;
  dvi_vn_at(&c, s, *p);
  if (c.cp == 'h') {
    dvi_vn_ch after;
    dvi_vn_at(&after, s, c.next);
    if (dvi_vn_is_letter(&after)) return false; /* "12ha" */
    *p = c.next;
    read_h_minutes(s, p, m);
    return true;
  }
  if (!dvi_vn_word(s, dvi_vn_skip_blank(s, *p), "giờ", &end)) return false;
  *p = end;
  read_gio_minutes(s, p, m);
  return true;
}

int32_t dvi_vn_read_time(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err) {
  static const char *const PREFIX[] = {"vào lúc", "lúc", "đúng", "vào", NULL};
  size_t p = pos, w;
  if (dvi_vn_words(s, p, PREFIX, &w) >= 0) p = dvi_vn_skip_blank(s, w);
  size_t nh = dvi_vn_ndigits(s, p);
  if (nh < 1 || nh > 2) return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected an hour");
  int32_t h = dvi_vn_digits_value(s, p, nh), m = 0;
  size_t start = p;
  p += nh;
  if (!read_hour_mark(s, &p, &m))
    return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected 'h', 'giờ' or ':' after the hour");
  read_day_part(s, &p, &h);
  if (h > 24 || m > 59 || (h == 24 && m != 0))
    return dvi_vn_fail(err, DANVAN_EPARSE, start, "no such time of day");
  *out = h * 60 + m;
  *end = p;
  return DANVAN_OK;
}

int32_t danvan_vn_time_parse(int32_t *out_minutes, size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_minutes && text);
  dvi_vn_err err = {0, 0, NULL};
  int32_t t = 0;
  size_t end = 0;
  if (dvi_vn_read_time(&t, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "time");
  *out_minutes = t;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

static int32_t read_time_range(int32_t *a, int32_t *b, size_t *end, const char *s, size_t p,
                               dvi_vn_err *err) {
  static const char *const TO[] = {"đến", "tới", NULL};
  size_t w;
  if (dvi_vn_word(s, p, "từ", &w)) p = dvi_vn_skip_blank(s, w);
  int32_t rc = dvi_vn_read_time(a, &p, s, p, err);
  if (rc) return rc;
  size_t q = dvi_vn_skip_blank(s, p);
  dvi_vn_ch c;
  dvi_vn_at(&c, s, q);
  if (c.cp == '-') w = c.next;
  else if (dvi_vn_words(s, q, TO, &w) < 0)
    return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected '-' or 'đến' between two times");
  return dvi_vn_read_time(b, end, s, dvi_vn_skip_blank(s, w), err);
}

int32_t danvan_vn_time_range_parse(int32_t *out_start, int32_t *out_end, size_t *out_consumed,
                                   const char *text) {
  DVI_CHECK_ARG(out_start && out_end && text);
  dvi_vn_err err = {0, 0, NULL};
  int32_t a = 0, b = 0;
  size_t end = 0;
  if (read_time_range(&a, &b, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "time range");
  *out_start = a;
  *out_end = b;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

/* ---- deadlines ---------------------------------------------------------------------------- */

/* After the time or date of a deadline: [","] and the other one, if there. */
static size_t after_comma(const char *s, size_t p) {
  size_t q = dvi_vn_skip_blank(s, p);
  return s[q] == ',' ? dvi_vn_skip_blank(s, q + 1) : q;
}

typedef struct deadline {
  int32_t kind, date, minutes;
  size_t end;
} deadline;

static int32_t read_deadline_value(deadline *d, const char *s, size_t p, dvi_vn_err *err) {
  size_t e;
  dvi_vn_err probe = {0, 0, NULL};
  if (dvi_vn_read_time(&d->minutes, &e, s, p, &probe) == DANVAN_OK) {
    d->end = e;
    size_t q = after_comma(s, e);
    if (dvi_vn_read_date(&d->date, &e, s, q, NULL) == DANVAN_OK) d->end = e;
    return DANVAN_OK;
  }
  int32_t rc = dvi_vn_read_date(&d->date, &e, s, p, err);
  if (rc) {
    if (probe.off > err->off) *err = probe;
    return rc;
  }
  d->end = e;
  size_t q = after_comma(s, e);
  if (dvi_vn_read_time(&d->minutes, &e, s, q, NULL) == DANVAN_OK) d->end = e;
  return DANVAN_OK;
}

static int32_t read_deadline(deadline *d, const char *s, size_t p, dvi_vn_err *err) {
  static const char *const INCLUSIVE[] = {"chậm nhất", "muộn nhất", "hạn chót", "hạn cuối", NULL};
  size_t w;
  if (dvi_vn_word(s, p, "trước", &w)) d->kind = DANVAN_VN_DEADLINE_EXCLUSIVE;
  else if (dvi_vn_words(s, p, INCLUSIVE, &w) >= 0) d->kind = DANVAN_VN_DEADLINE_INCLUSIVE;
  else return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected 'trước' or 'chậm nhất'");
  p = dvi_vn_skip_blank(s, w);
  if (d->kind == DANVAN_VN_DEADLINE_INCLUSIVE && dvi_vn_word(s, p, "là", &w))
    p = dvi_vn_skip_blank(s, w);
  if (dvi_vn_word(s, p, "vào", &w) && !dvi_vn_word(s, dvi_vn_skip_blank(s, w), "lúc", &w))
    p = dvi_vn_skip_blank(s, w);
  return read_deadline_value(d, s, p, err);
}

int32_t danvan_vn_deadline_parse(int32_t *out_kind, int32_t *out_date, int32_t *out_minutes,
                                 size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_kind && out_date && out_minutes && text);
  dvi_vn_err err = {0, 0, NULL};
  deadline d = {0, 0, -1, 0};
  if (read_deadline(&d, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "deadline");
  *out_kind = d.kind;
  *out_date = d.date;
  *out_minutes = d.minutes;
  if (out_consumed) *out_consumed = d.end;
  return DANVAN_OK;
}
