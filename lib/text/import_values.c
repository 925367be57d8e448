/*
 * Text importer: scanners for Vietnamese numbers, money, dates, date ranges, times and
 * document numbers, working on matching keys (lower case, dashes unified) and returning key
 * offsets so that the caller can cut the surrounding text.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/import_internal.h"

static bool dig(char ch) { return ch >= '0' && ch <= '9'; }

static size_t run_digits(const char *k, size_t n, size_t p) {
  size_t q = p;
  while (q < n && dig(k[q])) q++;
  return q - p;
}

static bool mul_add(int64_t *v, int64_t m, int64_t a) {
  if (*v > (INT64_MAX - a) / m) return false;
  *v = *v * m + a;
  return true;
}

bool dvi_imp_num_at(const imp_str *x, size_t pos, imp_num *out) {
  const char *k = x->k;
  size_t n = x->kn;
  memset(out, 0, sizeof *out);
  if (pos >= n || !dig(k[pos])) return false;
  size_t p = pos;
  size_t d = run_digits(k, n, p);
  if (d > 15) return false;
  int64_t v = 0;
  for (size_t i = 0; i < d; i++) v = v * 10 + (k[p + i] - '0');
  out->ndigits = (int)d;
  out->lead_zero = d > 1 && k[p] == '0';
  p += d;
  int32_t scale = 0;
  bool first_short = d <= 3;
  char group_sep = 0;
  for (;;) {
    if (p + 3 < n + 1 && p < n && (k[p] == '.' || (k[p] == ' ' && first_short)) &&
        run_digits(k, n, p + 1) == 3 && (group_sep == 0 || group_sep == k[p] ||
                                          (group_sep == '.' && k[p] == ' ') ||
                                          (group_sep == ' ' && k[p] == '.'))) {
      /* a space group is only taken when a number follows that ends the group */
      if (k[p] == ' ' && !group_sep) {
        /* "500 000đ" yes; "25 100" (two numbers) is rare, accept */
      }
      group_sep = k[p];
      if (!mul_add(&v, 1000, (k[p + 1] - '0') * 100 + (k[p + 2] - '0') * 10 + (k[p + 3] - '0')))
        return false;
      out->grouped = true;
      p += 4;
      continue;
    }
    break;
  }
  /* decimal part: ',' (Vietnamese) or a lone '.' + 1-2 digits (copied English style) */
  if (p + 1 < n && (k[p] == ',' || (k[p] == '.' && !out->grouped)) && dig(k[p + 1])) {
    size_t dd = run_digits(k, n, p + 1);
    bool ok = k[p] == ',' ? dd <= 6 : dd <= 2;
    if (ok && !(k[p] == ',' && p + 1 + dd < n && k[p + 1 + dd] == ',' )) {
      for (size_t i = 0; i < dd; i++)
        if (!mul_add(&v, 10, k[p + 1 + i] - '0')) return false;
      scale = (int32_t)dd;
      p += 1 + dd;
    }
  }
  out->coef = v;
  out->scale = scale;
  out->k1 = pos;
  out->k2 = p;
  return true;
}

bool dvi_imp_num_next(const imp_str *x, size_t pos, imp_num *out) {
  for (size_t p = pos; p < x->kn; p++) {
    if (!dig(x->k[p])) continue;
    if (p > 0 && dvi_imp_is_alnum_at(x->k, x->kn, p - 1)) {
      /* inside a word or a number: skip to its end */
      while (p < x->kn && dig(x->k[p])) p++;
      continue;
    }
    if (dvi_imp_num_at(x, p, out)) return true;
  }
  return false;
}

/* ---- money --------------------------------------------------------------------------------- */
typedef struct unit_word {
  const char *w;
  int64_t mult;
} unit_word;

static const unit_word MONEY_WORDS[] = {
    {"tỷ đồng", 1000000000LL}, {"tỉ đồng", 1000000000LL}, {"tỷ", 1000000000LL},
    {"tỉ", 1000000000LL},      {"triệu đồng", 1000000LL}, {"triệu", 1000000LL},
    {"tr.đ", 1000000LL},       {"trđ", 1000000LL},        {"tr đ", 1000000LL},
    {"tr", 1000000LL},         {"nghìn đồng", 1000LL},    {"ngàn đồng", 1000LL},
    {"nghìn", 1000LL},         {"ngàn", 1000LL},          {"đồng", 1},
    {"vnđ", 1},                {"vnd", 1},                {"đ", 1},
    {NULL, 0}};

static bool money_unit(const imp_str *x, size_t p, int64_t *mult, size_t *end) {
  size_t q = p;
  if (q < x->kn && x->k[q] == ' ') q++;
  for (const unit_word *u = MONEY_WORDS; u->w; u++)
    if (dvi_imp_at_word(x, q, u->w)) {
      *mult = u->mult;
      *end = q + strlen(u->w);
      return true;
    }
  return false;
}

static bool scale_value(int64_t coef, int32_t scale, int64_t mult, int64_t *out) {
  int64_t v = coef;
  if (mult > 1 && v > INT64_MAX / mult) return false;
  v *= mult;
  for (int32_t i = 0; i < scale; i++) v /= 10;
  *out = v;
  return true;
}

bool dvi_imp_money_at(const imp_str *x, size_t pos, imp_money *out) {
  imp_num num;
  if (!dvi_imp_num_at(x, pos, &num)) return false;
  int64_t mult;
  size_t end;
  if (!money_unit(x, num.k2, &mult, &end)) return false;
  int64_t v;
  if (!scale_value(num.coef, num.scale, mult, &v)) return false;
  /* "1 tỷ 200 triệu đồng" */
  if (mult >= 1000000LL) {
    size_t q = dvi_imp_skip_space(x, end);
    imp_num n2;
    int64_t m2;
    size_t e2;
    if (dvi_imp_num_at(x, q, &n2) && money_unit(x, n2.k2, &m2, &e2) && m2 < mult) {
      int64_t v2;
      if (scale_value(n2.coef, n2.scale, m2, &v2) && v <= INT64_MAX - v2) {
        v += v2;
        end = e2;
      }
    }
  }
  out->vnd = v;
  out->k1 = pos;
  out->k2 = end;
  return true;
}

bool dvi_imp_money_next(const imp_str *x, size_t pos, size_t end, imp_money *out) {
  imp_num num;
  for (size_t p = pos; p < end && dvi_imp_num_next(x, p, &num) && num.k1 < end; p = num.k2 + 1) {
    if (dvi_imp_money_at(x, num.k1, out)) return true;
  }
  return false;
}

/* ---- dates --------------------------------------------------------------------------------- */
static bool valid_dm(int32_t d, int32_t m) { return d >= 1 && d <= 31 && m >= 1 && m <= 12; }

static int32_t read_int(const char *k, size_t n, size_t p, size_t maxd, size_t *len) {
  size_t d = run_digits(k, n, p);
  if (d == 0 || d > maxd) return -1;
  int32_t v = 0;
  for (size_t i = 0; i < d; i++) v = v * 10 + (k[p + i] - '0');
  *len = d;
  return v;
}

/* A blank placeholder: spaces, dots, ellipses, underscores. */
static size_t skip_blank(const char *k, size_t n, size_t p) {
  while (p < n && (k[p] == ' ' || k[p] == '.' || k[p] == '_' || k[p] == '-' || k[p] == '/')) p++;
  return p;
}

/* "ngày D tháng M năm Y" with any part blank; returns true when at least the year is there
   or day and month are. */
static bool date_words(const imp_str *x, size_t pos, imp_date *out) {
  const char *k = x->k;
  size_t n = x->kn, p = pos, l;
  memset(out, 0, sizeof *out);
  bool had_ngay = false;
  if (dvi_imp_at_word(x, p, "ngày")) {
    had_ngay = true;
    p += strlen("ngày");
    p = skip_blank(k, n, p);
    int32_t d = read_int(k, n, p, 2, &l);
    if (d >= 0) {
      out->d = d;
      p += l;
      p = dvi_imp_skip_space(x, p);
    }
  }
  if (!dvi_imp_at_word(x, p, "tháng")) return false;
  p += strlen("tháng");
  p = skip_blank(k, n, p);
  int32_t m = read_int(k, n, p, 2, &l);
  if (m >= 0) {
    out->m = m;
    p += l;
  }
  size_t save = p;
  p = skip_blank(k, n, p);
  if (dvi_imp_at_word(x, p, "năm")) {
    p += strlen("năm");
    p = skip_blank(k, n, p);
    int32_t y = read_int(k, n, p, 4, &l);
    if (y >= 1000) {
      out->y = y;
      p += l;
    } else {
      p = save;
    }
  } else if (p < n && dig(k[p]) && save < n && (k[save] == '/' || k[save] == '-')) {
    /* "tháng 12/2021" */
    int32_t y = read_int(k, n, p, 4, &l);
    if (y >= 1000) {
      out->y = y;
      p += l;
    } else {
      p = save;
    }
  } else {
    p = save;
  }
  if (out->m && (out->m > 12)) return false;
  if (out->d && out->d > 31) return false;
  if (!out->y && !(out->d && out->m)) {
    if (!(had_ngay && out->m)) return false;
  }
  out->k1 = pos;
  out->k2 = p;
  return true;
}

static bool date_numeric(const imp_str *x, size_t pos, imp_date *out) {
  const char *k = x->k;
  size_t n = x->kn, p = pos, l;
  memset(out, 0, sizeof *out);
  if (pos > 0 && (dvi_imp_is_alnum_at(k, n, pos - 1) || k[pos - 1] == '/' || k[pos - 1] == ','))
    return false;
  int32_t d = read_int(k, n, p, 2, &l);
  if (d < 0) return false;
  p += l;
  if (p >= n) return false;
  char sep = k[p];
  if (sep != '/' && sep != '-' && sep != '.') return false;
  p++;
  int32_t m = read_int(k, n, p, 2, &l);
  if (m < 0 || !valid_dm(d, m)) return false;
  p += l;
  if (p < n && k[p] == sep && p + 1 < n && dig(k[p + 1])) {
    int32_t y = read_int(k, n, p + 1, 4, &l);
    if (y >= 1000 && l == 4) {
      out->y = y;
      p += 1 + l;
    } else if (l == 2 && y >= 0) {
      out->y = 2000 + y;
      p += 1 + l;
    } else {
      return false;
    }
  } else if (sep != '/') {
    return false; /* "1.000", "2-3" are not dates */
  }
  if (p < n && dig(k[p])) return false;
  out->d = d;
  out->m = m;
  out->k1 = pos;
  out->k2 = p;
  return true;
}

bool dvi_imp_date_at(const imp_str *x, size_t pos, imp_date *out) {
  if (date_words(x, pos, out)) return true;
  if (dvi_imp_at_word(x, pos, "ngày")) {
    size_t p = dvi_imp_skip_space(x, pos + strlen("ngày"));
    if (date_numeric(x, p, out)) {
      out->k1 = pos;
      return true;
    }
    return false;
  }
  return date_numeric(x, pos, out);
}

bool dvi_imp_date_next(const imp_str *x, size_t pos, size_t end, imp_date *out) {
  if (end > x->kn) end = x->kn;
  for (size_t p = pos; p < end; p++) {
    char ch = x->k[p];
    if ((dig(ch) || ch == 'n' || ch == 't') && dvi_imp_is_word_start(x->k, p) &&
        dvi_imp_date_at(x, p, out) && out->k1 < end)
      return true;
  }
  return false;
}

int32_t dvi_imp_date_value(const imp_date *d, int32_t year_default) {
  int32_t y = d->y ? d->y : year_default;
  if (!y || !d->m) return 0;
  int32_t v;
  if (danvan_date_from_ymd(&v, y, d->m, d->d) != DANVAN_OK) return 0;
  return v;
}

bool dvi_imp_range_at(const imp_str *x, size_t pos, int32_t *start, int32_t *end, size_t *k2) {
  const char *k = x->k;
  size_t n = x->kn, p = pos;
  if (dvi_imp_at_word(x, p, "từ")) p = dvi_imp_skip_space(x, p + strlen("từ"));
  if (dvi_imp_at_word(x, p, "ngày")) p = dvi_imp_skip_space(x, p + strlen("ngày"));
  imp_date a, b;
  size_t l;
  /* "9-23/11/2018": a bare day before the dash */
  int32_t d0 = read_int(k, n, p, 2, &l);
  bool bare_day = false;
  if (d0 > 0 && d0 <= 31) {
    size_t q = p + l;
    size_t q2 = dvi_imp_skip_space(x, q);
    if (q2 < n && k[q2] == '-') {
      size_t q3 = dvi_imp_skip_space(x, q2 + 1);
      if (dvi_imp_date_at(x, q3, &b) && b.m && !(q < n && k[q] == '/')) {
        memset(&a, 0, sizeof a);
        a.d = d0;
        a.k1 = p;
        a.k2 = q;
        bare_day = true;
      }
    }
  }
  if (!bare_day) {
    if (!dvi_imp_date_at(x, p, &a)) return false;
    size_t q = dvi_imp_skip_space(x, a.k2);
    bool sep = false;
    if (q < n && k[q] == '-') {
      q++;
      sep = true;
    } else if (dvi_imp_at_word(x, q, "đến")) {
      q += strlen("đến");
      sep = true;
    } else if (dvi_imp_at_word(x, q, "tới")) {
      q += strlen("tới");
      sep = true;
    }
    if (!sep) return false;
    q = dvi_imp_skip_space(x, q);
    if (dvi_imp_at_word(x, q, "ngày")) q = dvi_imp_skip_space(x, q + strlen("ngày"));
    if (!dvi_imp_date_at(x, q, &b)) return false;
  }
  if (!b.y && a.y) b.y = a.y;
  if (!a.y) a.y = b.y;
  if (!a.m) a.m = b.m;
  if (!a.d && !b.d) {
    /* "tháng 6 - tháng 8/2021": whole months */
    int32_t s = dvi_imp_date_value(&a, 0), e = 0;
    imp_date bb = b;
    if (bb.m && bb.y) {
      static const int32_t ML[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bb.d = ML[bb.m - 1];
      if (bb.m == 2 && ((bb.y % 4 == 0 && bb.y % 100 != 0) || bb.y % 400 == 0)) bb.d = 29;
    }
    a.d = 1;
    s = dvi_imp_date_value(&a, 0);
    e = dvi_imp_date_value(&bb, 0);
    if (!s || !e) return false;
    *start = s;
    *end = e;
    *k2 = b.k2;
    return true;
  }
  if (!a.d || !b.d) return false;
  int32_t s = dvi_imp_date_value(&a, 0), e = dvi_imp_date_value(&b, 0);
  if (!s || !e) return false;
  if (s > e && a.y == b.y && a.m > b.m && !bare_day) {
    /* "25/12 - 05/01/2021": the start is in the previous year */
    a.y--;
    s = dvi_imp_date_value(&a, 0);
  }
  *start = s;
  *end = e;
  *k2 = b.k2;
  return true;
}

bool dvi_imp_range_next(const imp_str *x, size_t pos, size_t endk, int32_t *start, int32_t *end,
                        size_t *k1, size_t *k2) {
  if (endk > x->kn) endk = x->kn;
  for (size_t p = pos; p < endk; p++) {
    char ch = x->k[p];
    if (!(dig(ch) || ch == 'n' || ch == 't')) continue;
    if (!dvi_imp_is_word_start(x->k, p)) continue;
    if (dvi_imp_range_at(x, p, start, end, k2)) {
      *k1 = p;
      return true;
    }
  }
  return false;
}

/* ---- times --------------------------------------------------------------------------------- */
bool dvi_imp_time_at(const imp_str *x, size_t pos, int32_t *minutes, size_t *k2) {
  const char *k = x->k;
  size_t n = x->kn, p = pos, l;
  if (pos > 0 && dvi_imp_is_alnum_at(k, n, pos - 1)) return false;
  int32_t h = read_int(k, n, p, 2, &l);
  if (h < 0 || h > 24) return false;
  p += l;
  int32_t m = 0;
  if (p < n && (k[p] == 'h' || k[p] == 'g') && !(p + 1 < n && k[p] == 'g' && !dig(k[p + 1]))) {
    p++;
    size_t q = p;
    if (q < n && k[q] == ' ' && q + 1 < n && dig(k[q + 1])) q++;
    int32_t mm = read_int(k, n, q, 2, &l);
    if (mm >= 0 && mm < 60) {
      m = mm;
      p = q + l;
      if (dvi_imp_at_word(x, dvi_imp_skip_space(x, p), "phút"))
        p = dvi_imp_skip_space(x, p) + strlen("phút");
      else if (p < n && k[p] == '\'')
        p++;
    } else if (p < n && dvi_imp_is_alnum_at(k, n, p)) {
      return false; /* "12ha" */
    }
  } else if (p < n && k[p] == ':' && p + 1 < n && dig(k[p + 1])) {
    int32_t mm = read_int(k, n, p + 1, 2, &l);
    if (mm < 0 || mm >= 60 || l != 2) return false;
    m = mm;
    p += 1 + l;
    if (p + 2 < n && k[p] == ':' && dig(k[p + 1]) && dig(k[p + 2])) p += 3;
  } else {
    size_t q = dvi_imp_skip_space(x, p);
    if (!dvi_imp_at_word(x, q, "giờ")) return false;
    p = q + strlen("giờ");
    size_t r = dvi_imp_skip_space(x, p);
    int32_t mm = read_int(k, n, r, 2, &l);
    if (mm >= 0 && mm < 60) {
      size_t r2 = dvi_imp_skip_space(x, r + l);
      if (dvi_imp_at_word(x, r2, "phút")) {
        m = mm;
        p = r2 + strlen("phút");
      } else if (r2 >= n || !dvi_imp_is_alnum_at(k, n, r2) || dvi_imp_at_word(x, r2, "ngày")) {
        m = mm;
        p = r + l;
      }
    }
  }
  if (h == 24 && m) return false;
  *minutes = h * 60 + m;
  *k2 = p;
  return true;
}

bool dvi_imp_time_next(const imp_str *x, size_t pos, size_t end, int32_t *minutes, size_t *k1,
                       size_t *k2) {
  if (end > x->kn) end = x->kn;
  for (size_t p = pos; p < end; p++) {
    if (!dig(x->k[p])) continue;
    if (p > 0 && (dvi_imp_is_alnum_at(x->k, x->kn, p - 1) || x->k[p - 1] == '/' ||
                  x->k[p - 1] == '.' || x->k[p - 1] == ','))
      continue;
    imp_date d;
    if (dvi_imp_date_at(x, p, &d)) {
      p = d.k2;
      continue;
    }
    if (dvi_imp_time_at(x, p, minutes, k2)) {
      *k1 = p;
      return true;
    }
  }
  return false;
}

/* ---- document numbers ---------------------------------------------------------------------- */
static bool sym_char(int32_t cp) {
  if (cp == '&') return true;
  if (cp < 128) return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
  return utf8proc_isupper(cp) || utf8proc_islower(cp);
}

static bool is_upper_or_digit(int32_t cp) {
  if (cp >= '0' && cp <= '9') return true;
  if (cp < 128) return cp >= 'A' && cp <= 'Z';
  return utf8proc_isupper(cp);
}

/* A symbol token at text offset *i: starts upper case or digit; returns its length. */
static size_t sym_token(const char *s, size_t n, size_t i) {
  size_t j = i;
  if (j >= n) return 0;
  size_t q = j;
  int32_t cp = dvi_imp_cp(s, n, &q);
  if (!is_upper_or_digit(cp)) return 0;
  while (j < n) {
    q = j;
    cp = dvi_imp_cp(s, n, &q);
    if (!sym_char(cp)) break;
    j = q;
  }
  return j - i;
}

static size_t skip_sp(const char *s, size_t n, size_t i) {
  while (i < n && s[i] == ' ') i++;
  return i;
}

/* A dash at s[i]: '-', en dash or em dash; returns its length. */
static size_t dash_at(const char *s, size_t n, size_t i) {
  if (i < n && s[i] == '-') return 1;
  if (i + 2 < n && (memcmp(s + i, "\xE2\x80\x93", 3) == 0 || memcmp(s + i, "\xE2\x80\x94", 3) == 0))
    return 3;
  return 0;
}

bool dvi_imp_docnum_at(imp_ctx *c, const imp_str *x, size_t pos, imp_docnum *out) {
  memset(out, 0, sizeof *out);
  size_t kp = pos;
  if (dvi_imp_at_word(x, kp, "số")) {
    kp += strlen("số");
    while (kp < x->kn && (x->k[kp] == ' ' || x->k[kp] == ':' || x->k[kp] == '.')) kp++;
  }
  const char *s = x->s;
  size_t n = x->n;
  size_t i = x->map[kp];
  /* number */
  size_t a = i;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  size_t num_end = i;
  i = skip_sp(s, n, i);
  size_t dl = dash_at(s, n, i);
  bool party = false, state = false;
  size_t t1 = 0, t1l = 0;
  if (dl) {
    i = skip_sp(s, n, i + dl);
    party = true;
  } else if (i < n && s[i] == '/') {
    i = skip_sp(s, n, i + 1);
    state = true;
  } else if (num_end > a) {
    party = true; /* "382 KH/TĐTN": the hyphen was lost */
  } else {
    return false;
  }
  t1 = i;
  t1l = sym_token(s, n, i);
  if (!t1l) return false;
  i += t1l;
  size_t sym_start = t1;
  if (party) {
    i = skip_sp(s, n, i);
    if (i >= n || s[i] != '/') return false;
    i = skip_sp(s, n, i + 1);
    size_t l = sym_token(s, n, i);
    if (!l) return false;
    i += l;
    for (;;) {
      size_t d2 = dash_at(s, n, i);
      size_t l2 = d2 ? sym_token(s, n, i + d2) : 0;
      if (!l2) break;
      i += d2 + l2;
    }
    out->style = "party";
  } else {
    /* state: TYPE-ISSUER…, or YEAR/TYPE-ISSUER, or TYPE/ISSUER-… */
    size_t last = i;
    for (;;) {
      size_t d2 = dash_at(s, n, i);
      size_t l2 = 0;
      if (d2) l2 = sym_token(s, n, i + d2);
      else if (i < n && s[i] == '/') l2 = sym_token(s, n, i + 1), d2 = 1;
      if (!l2) break;
      i += d2 + l2;
      last = i;
    }
    i = last;
    out->style = "state";
  }
  /* the symbol as written, without spaces, dashes unified */
  dvi_buf b;
  dvi_buf_init(&b);
  for (size_t q = sym_start; q < i;) {
    size_t dl2 = dash_at(s, n, q);
    if (dl2) {
      dvi_buf_addc(&b, '-');
      q += dl2;
      continue;
    }
    if (s[q] == ' ') {
      q++;
      continue;
    }
    dvi_buf_addc(&b, s[q]);
    q++;
  }
  char *sym = dvi_buf_take(&b);
  if (!sym) return dvi_imp_nomem(c);
  out->symbol = dvi_imp_strndup(c, sym, strlen(sym));
  dvi_free(sym);
  if (!out->symbol) return false;
  out->number = dvi_imp_strndup(c, s + a, num_end - a);
  /* the type: the first token (state: skip a year) */
  size_t tl = t1l;
  const char *tp = s + t1;
  if (state && t1l == 4 && tp[0] >= '0' && tp[0] <= '9') {
    const char *sl = strchr(out->symbol, '/');
    if (sl) {
      tp = sl + 1;
      tl = strcspn(tp, "-/");
    }
  }
  out->type = dvi_imp_strndup(c, tp, tl);
  /* Youth Union symbols: the issuer part names a Đoàn body */
  if (party) {
    const char *sl = strchr(out->symbol, '/');
    if (sl && (strstr(sl, "ĐTN") || strstr(sl, "TWĐ") || strstr(sl, "TĐ") || strstr(sl, "HĐTN")))
      out->style = "union";
  }
  /* key range: find the key offset of text offset i */
  size_t k2 = kp;
  while (k2 < x->kn && x->map[k2] < i) k2++;
  out->k1 = pos;
  out->k2 = k2;
  return out->number && out->type;
}
