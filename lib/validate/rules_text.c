/* Rules over the text the model keeps (objectives, sections, titles, notes …):
   anniversary-span and weekday-date. The text is NFC UTF-8; the patterns are matched on bytes. */
#include <stdio.h>
#include <string.h>

#include "validate/vinternal.h"

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Skip spaces, including NO-BREAK SPACE (C2 A0). */
static size_t skip_spaces(const char *s, size_t i, size_t n) {
  for (;;) {
    if (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) i += 2;
    else return i;
  }
}

/* A dash: '-', EN DASH (E2 80 93) or EM DASH (E2 80 94). Returns its length or 0. */
static size_t dash_len(const char *s, size_t i, size_t n) {
  if (i < n && s[i] == '-') return 1;
  if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
    return 3;
  return 0;
}

/* Read 1..max digits. */
static bool read_num(const char *s, size_t *i, size_t n, int minlen, int maxlen, int32_t *out) {
  int32_t v = 0;
  int k = 0;
  while (*i < n && is_digit(s[*i]) && k < maxlen) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    k++;
  }
  if (k < minlen || (*i < n && is_digit(s[*i]))) return false;
  *out = v;
  return true;
}

/* d/m/yyyy (also with '.' or '-' between the parts, the same separator twice). */
typedef struct tdate {
  int32_t d, m, y;
  size_t from, to; /* byte range in the text */
} tdate;

static bool read_date(const char *s, size_t *i, size_t n, tdate *out) {
  size_t p = *i;
  out->from = p;
  if (!read_num(s, &p, n, 1, 2, &out->d) || p >= n) return false;
  char sep = s[p];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  p++;
  if (!read_num(s, &p, n, 1, 2, &out->m) || p >= n || s[p] != sep) return false;
  p++;
  if (!read_num(s, &p, n, 4, 4, &out->y)) return false;
  out->to = p;
  *i = p;
  return true;
}

static int32_t ymd(const tdate *t) { return t->y * 10000 + t->m * 100 + t->d; }

static char *excerpt(const char *s, size_t from, size_t to) {
  return dvi_strndup(s + from, to - from);
}

static const char *date_text(char *buf, const char *s, const tdate *t) {
  size_t len = t->to - t->from;
  if (len > 15) len = 15;
  memcpy(buf, s + t->from, len);
  buf[len] = '\0';
  return buf;
}

/* "N năm <title> (d/m/y1 - d/m/y2)" */
static void scan_anniversaries(dvv_ctx *c, const danvan_entity *e, const char *s, size_t n) {
  static const char NAM[] = "n\xC4\x83m"; /* năm */
  for (size_t open = 0; open < n; open++) {
    if (s[open] != '(') continue;
    size_t p = skip_spaces(s, open + 1, n);
    tdate a, b;
    if (!read_date(s, &p, n, &a)) continue;
    p = skip_spaces(s, p, n);
    size_t dl = dash_len(s, p, n);
    if (!dl) continue;
    p = skip_spaces(s, p + dl, n);
    if (!read_date(s, &p, n, &b)) continue;
    p = skip_spaces(s, p, n);
    if (p >= n || s[p] != ')') continue;
    size_t close = p + 1;
    /* back from '(' over the title to the number */
    size_t q = open, limit = open > 400 ? open - 400 : 0;
    while (q > limit && !is_digit(s[q - 1]) && !strchr("()[];,:\n", s[q - 1])) q--;
    if (q == 0 || !is_digit(s[q - 1])) continue;
    size_t title = q; /* just after the number */
    size_t numend = q;
    while (q > 0 && is_digit(s[q - 1]) && numend - q < 3) q--;
    if (q > 0 && (is_digit(s[q - 1]) || s[q - 1] == '/' || s[q - 1] == '.')) continue;
    int32_t years = 0;
    for (size_t k = q; k < numend; k++) years = years * 10 + (s[k] - '0');
    size_t t = skip_spaces(s, title, n);
    if (t == title || t + 4 > n || memcmp(s + t, NAM, 4) != 0) continue;
    size_t after = t + 4;
    if (after >= n || skip_spaces(s, after, n) == after) continue;
    char *ex = excerpt(s, q, close);
    if (!ex) {
      c->failed = true;
      return;
    }
    char d1[16], d2[16], d3[16], d4[16];
    date_text(d1, s, &a);
    date_text(d2, s, &b);
    if (!dvi_date_valid(ymd(&a), false)) {
      dvv_report(c, DVV_R_ANNIVERSARY_SPAN, e, DVV_M_ANNIV_BADDATE, DVV_ARGS(ex, d1));
    } else if (!dvi_date_valid(ymd(&b), false)) {
      dvv_report(c, DVV_R_ANNIVERSARY_SPAN, e, DVV_M_ANNIV_BADDATE, DVV_ARGS(ex, d2));
    } else {
      if (b.y - a.y != years) {
        snprintf(d3, sizeof d3, "%d", (int)(b.y - a.y));
        snprintf(d4, sizeof d4, "%d", (int)years);
        dvv_report(c, DVV_R_ANNIVERSARY_SPAN, e, DVV_M_ANNIV_YEARS, DVV_ARGS(ex, d1, d2, d3, d4));
      }
      if (a.d != b.d || a.m != b.m) {
        snprintf(d3, sizeof d3, "%d/%d", (int)a.d, (int)a.m);
        snprintf(d4, sizeof d4, "%d/%d", (int)b.d, (int)b.m);
        dvv_report(c, DVV_R_ANNIVERSARY_SPAN, e, DVV_M_ANNIV_DAY, DVV_ARGS(ex, d3, d4));
      }
    }
    dvi_free(ex);
    open = close - 1;
  }
}

/* Weekday words after "Thứ"/"thứ" (ISO numbers) and "Chủ nhật"/"CN" (7). */
typedef struct wd_word {
  const char *text; /* after the first letter, which is matched without case */
  char first;
  int32_t iso;
} wd_word;

static const wd_word WEEKDAYS[] = {
    {"ai", 'h', 1},           {"a", 'b', 2},          {"\xC6\xB0", 't', 3}, /* Hai Ba Tư */
    {"\xC4\x83m", 'n', 4},    {"\xC3\xA1u", 's', 5}, /* Năm Sáu */
    {"\xE1\xBA\xA3y", 'b', 6}, {"\xE1\xBA\xA9y", 'b', 6}, /* Bảy Bẩy */
    {NULL, 0, 0}};

static char lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch; }

static bool word_end(const char *s, size_t i, size_t n) {
  return i >= n || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (unsigned char)s[i] >= 0x80 || is_digit(s[i]));
}

/* The weekday named at s[i] ("Thứ năm", "Thứ 5", "Chủ nhật", "CN"): ISO number and the end. */
static int32_t read_weekday(const char *s, size_t i, size_t n, size_t *end) {
  static const char THU[] = "h\xE1\xBB\xA9";   /* hứ */
  static const char CHU[] = "h\xE1\xBB\xA7";   /* hủ */
  static const char NHAT[] = "h\xE1\xBA\xADt"; /* hật */
  if (i > 0 && !word_end(s, i - 1, n)) return 0;
  char f = lower(s[i]);
  if (f == 't' && i + 5 <= n && memcmp(s + i + 1, THU, 4) == 0) {
    size_t p = skip_spaces(s, i + 5, n);
    if (p == i + 5 || p >= n) return 0;
    if (s[p] >= '2' && s[p] <= '7' && word_end(s, p + 1, n)) {
      *end = p + 1;
      return s[p] - '1';
    }
    for (const wd_word *w = WEEKDAYS; w->text; w++) {
      size_t len = strlen(w->text);
      if (lower(s[p]) == w->first && p + 1 + len <= n && memcmp(s + p + 1, w->text, len) == 0 &&
          word_end(s, p + 1 + len, n)) {
        *end = p + 1 + len;
        return w->iso;
      }
    }
    return 0;
  }
  if (f == 'c' && i + 5 <= n && memcmp(s + i + 1, CHU, 4) == 0) {
    size_t p = skip_spaces(s, i + 5, n);
    if (p == i + 5 || p + 6 > n || lower(s[p]) != 'n' || memcmp(s + p + 1, NHAT, 5) != 0) return 0;
    if (!word_end(s, p + 6, n)) return 0;
    *end = p + 6;
    return 7;
  }
  if (s[i] == 'C' && i + 1 < n && s[i + 1] == 'N' && word_end(s, i + 2, n)) {
    *end = i + 2;
    return 7;
  }
  return 0;
}

static void scan_weekdays(dvv_ctx *c, const danvan_entity *e, const char *s, size_t n) {
  static const char NGAY[] = "ng\xC3\xA0y"; /* ngày */
  for (size_t i = 0; i < n; i++) {
    size_t end = 0;
    int32_t wd = read_weekday(s, i, n, &end);
    if (!wd) continue;
    /* separators: spaces, dashes, commas, "ngày" */
    size_t p = end;
    for (int guard = 0; guard < 6; guard++) {
      size_t q = skip_spaces(s, p, n);
      size_t dl = dash_len(s, q, n);
      if (dl) q += dl;
      else if (q < n && s[q] == ',') q++;
      else if (q + 5 <= n && memcmp(s + q, NGAY, 5) == 0) q += 5;
      if (q == p) break;
      p = q;
    }
    tdate d;
    size_t q = p;
    if (!read_date(s, &q, n, &d) || !dvi_date_valid(ymd(&d), false)) continue;
    int32_t actual = 0;
    if (danvan_date_weekday(&actual, ymd(&d)) != DANVAN_OK || actual == wd) continue;
    char *ex = excerpt(s, i, d.to);
    if (!ex) {
      c->failed = true;
      return;
    }
    char dt[16];
    dvv_report(c, DVV_R_WEEKDAY_DATE, e, DVV_M_WEEKDAY,
               DVV_ARGS(ex, date_text(dt, s, &d), dvv_msg(c->lang, DVV_M_W_1 + actual - 1),
                        dvv_msg(c->lang, DVV_M_W_1 + wd - 1)));
    dvi_free(ex);
    i = d.to - 1;
  }
}

void dvv_rules_text(dvv_ctx *c) {
  bool anniv = dvv_on(c, DVV_R_ANNIVERSARY_SPAN), week = dvv_on(c, DVV_R_WEEKDAY_DATE);
  if (!anniv && !week) return;
  for (size_t i = 0; i < c->nall && !c->failed; i++) {
    const danvan_entity *e = c->all[i];
    const dvi_kind_desc *kd = dvi_desc(e);
    for (size_t f = 0; f < kd->nfields; f++) {
      const dvi_value *v = kd->fields[f].type == DANVAN_TYPE_STRING ? dvi_vali(e, (int)f) : NULL;
      if (!v) continue;
      const char *s = v->u.s;
      size_t n = strlen(s);
      if (n < 8) continue;
      if (anniv && memchr(s, '(', n)) scan_anniversaries(c, e, s, n);
      if (week) scan_weekdays(c, e, s, n);
    }
  }
}
