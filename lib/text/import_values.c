/*
 * Text importer: numbers, money, quantities, dates, date ranges, times, deadlines, phases
 * and document numbers in the text of a line. The reading is done by the public parsers of
 * vn.h; this file finds where to call them (key offsets, word starts) and converts what they
 * consumed back to key offsets, so that the passes can cut the text around a value.
 */
#include <stdlib.h>
#include <string.h>

#include "danvan/vn.h"
#include "text/import_internal.h"

static bool dig(char ch) { return ch >= '0' && ch <= '9'; }

/* The key offset of a text offset: the first key byte produced at or after it. */
static size_t key_of(const imp_str *x, size_t text_off) {
  size_t lo = 0, hi = x->kn;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (x->map[mid] < text_off) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static const char *text_at(const imp_str *x, size_t pos) { return x->s + x->map[pos < x->kn ? pos : x->kn]; }

static size_t end_key(const imp_str *x, size_t pos, size_t consumed) {
  size_t t = x->map[pos < x->kn ? pos : x->kn] + consumed;
  /* consumed text may end in trailing blanks: do not count them */
  while (t > x->map[pos] && x->s[t - 1] == ' ') t--;
  return key_of(x, t);
}

/* ---- numbers ------------------------------------------------------------------------------- */
bool dvi_imp_num_at(const imp_str *x, size_t pos, imp_num *out) {
  memset(out, 0, sizeof *out);
  if (pos >= x->kn || !dig(x->k[pos])) return false;
  int64_t coef;
  int32_t scale;
  uint32_t flags = 0;
  size_t used = 0;
  if (danvan_vn_number_parse_ext(&coef, &scale, &flags, &used, text_at(x, pos)) != DANVAN_OK) return false;
  out->coef = coef;
  out->scale = scale;
  out->k1 = pos;
  out->k2 = end_key(x, pos, used);
  out->lead_zero = (flags & DANVAN_VN_NUM_LEADING_ZERO) != 0;
  out->grouped = (flags & DANVAN_VN_NUM_GROUPED) != 0;
  size_t d = 0;
  while (pos + d < x->kn && dig(x->k[pos + d])) d++;
  out->ndigits = (int)d;
  return true;
}

bool dvi_imp_num_next(const imp_str *x, size_t pos, imp_num *out) {
  for (size_t p = pos; p < x->kn; p++) {
    if (!dig(x->k[p])) continue;
    if (p > 0 && dvi_imp_is_alnum_at(x->k, x->kn, p - 1)) {
      while (p < x->kn && dig(x->k[p])) p++;
      continue;
    }
    if (dvi_imp_num_at(x, p, out)) return true;
  }
  return false;
}

/* ---- money --------------------------------------------------------------------------------- */
bool dvi_imp_money_at(const imp_str *x, size_t pos, imp_money *out) {
  if (pos >= x->kn || !dig(x->k[pos])) return false;
  int64_t dong;
  size_t used = 0;
  if (danvan_vn_money_parse(&dong, &used, text_at(x, pos)) != DANVAN_OK) return false;
  size_t k2 = end_key(x, pos, used);
  /* the unit must end a word ("3 trường" is not money) */
  if (k2 < x->kn && dvi_imp_is_alnum_at(x->k, x->kn, k2)) return false;
  out->vnd = dong;
  out->k1 = pos;
  out->k2 = k2;
  return true;
}

bool dvi_imp_money_next(const imp_str *x, size_t pos, size_t end, imp_money *out) {
  imp_num num;
  for (size_t p = pos; p < end && dvi_imp_num_next(x, p, &num) && num.k1 < end; p = num.k2 + 1)
    if (dvi_imp_money_at(x, num.k1, out)) return true;
  return false;
}

/* ---- quantities ---------------------------------------------------------------------------- */
bool dvi_imp_qty_at(imp_ctx *c, const imp_str *x, size_t pos, imp_qty *out) {
  memset(out, 0, sizeof *out);
  if (pos >= x->kn) return false;
  danvan_vn_quantity *q = NULL;
  int32_t rc = danvan_vn_quantity_parse(&q, text_at(x, pos));
  if (rc == DANVAN_ENOMEM) {
    dvi_imp_nomem(c);
    return false;
  }
  if (rc) return false;
  out->bound = danvan_vn_quantity_bound(q);
  out->has_min = danvan_vn_quantity_has_min(q) != 0;
  out->has_max = danvan_vn_quantity_has_max(q) != 0;
  if (out->has_min) danvan_vn_quantity_min(&out->min_coef, &out->min_scale, q);
  if (out->has_max) danvan_vn_quantity_max(&out->max_coef, &out->max_scale, q);
  out->has_total = danvan_vn_quantity_total(&out->total_coef, &out->total_scale, q) == DANVAN_OK;
  out->has_second = danvan_vn_quantity_second(&out->second_coef, &out->second_scale, q) == DANVAN_OK;
  const char *u = danvan_vn_quantity_unit(q);
  const char *su = danvan_vn_quantity_second_unit(q);
  out->unit = dvi_imp_strndup(c, u ? u : "", u ? strlen(u) : 0);
  out->second_unit = dvi_imp_strndup(c, su ? su : "", su ? strlen(su) : 0);
  size_t us = 0, ue = 0;
  danvan_vn_quantity_unit_range(&us, &ue, q);
  size_t base = x->map[pos];
  out->k1 = pos;
  out->k2 = end_key(x, pos, danvan_vn_quantity_consumed(q));
  out->uk1 = key_of(x, base + us);
  out->uk2 = key_of(x, base + ue);
  danvan_vn_quantity_free(q);
  return out->unit && out->second_unit;
}

/* ---- dates --------------------------------------------------------------------------------- */
bool dvi_imp_date_at(const imp_str *x, size_t pos, imp_date *out) {
  memset(out, 0, sizeof *out);
  if (pos >= x->kn) return false;
  if (pos > 0 && (dvi_imp_is_alnum_at(x->k, x->kn, pos - 1) || x->k[pos - 1] == '/')) return false;
  int32_t v;
  size_t used = 0;
  if (danvan_vn_date_parse(&v, &used, text_at(x, pos)) != DANVAN_OK) return false;
  out->y = v / 10000;
  out->m = v / 100 % 100;
  out->d = v % 100;
  out->k1 = pos;
  out->k2 = end_key(x, pos, used);
  return true;
}

bool dvi_imp_date_next(const imp_str *x, size_t pos, size_t end, imp_date *out) {
  if (end > x->kn) end = x->kn;
  for (size_t p = pos; p < end; p++) {
    char ch = x->k[p];
    if ((dig(ch) || ch == 'n' || ch == 't') && dvi_imp_is_word_start(x->k, p) && dvi_imp_date_at(x, p, out) &&
        out->k1 < end)
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
  if (pos >= x->kn) return false;
  if (pos > 0 && dvi_imp_is_alnum_at(x->k, x->kn, pos - 1)) return false;
  size_t used = 0;
  if (danvan_vn_date_range_parse(start, end, &used, text_at(x, pos)) != DANVAN_OK) return false;
  /* a range of whole months is read with day 00: make it days */
  if (*start % 100 == 0) *start += 1;
  if (*end % 100 == 0) {
    int32_t y = *end / 10000, m = *end / 100 % 100, next, last;
    if (danvan_date_from_ymd(&next, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) == DANVAN_OK &&
        danvan_date_add_days(&last, next, -1) == DANVAN_OK)
      *end = last;
  }
  *k2 = end_key(x, pos, used);
  return true;
}

bool dvi_imp_range_next(const imp_str *x, size_t pos, size_t endk, int32_t *start, int32_t *end,
                        size_t *k1, size_t *k2) {
  if (endk > x->kn) endk = x->kn;
  for (size_t p = pos; p < endk; p++) {
    char ch = x->k[p];
    if (!(dig(ch) || ch == 'n' || ch == 't' || ch == '(')) continue;
    if (!dvi_imp_is_word_start(x->k, p) && ch != '(') continue;
    if (dvi_imp_range_at(x, p, start, end, k2)) {
      *k1 = p;
      return true;
    }
  }
  return false;
}

/* ---- times --------------------------------------------------------------------------------- */
bool dvi_imp_time_at(const imp_str *x, size_t pos, int32_t *minutes, size_t *k2) {
  if (pos >= x->kn || !dig(x->k[pos])) return false;
  if (pos > 0 && dvi_imp_is_alnum_at(x->k, x->kn, pos - 1)) return false;
  size_t used = 0;
  if (danvan_vn_time_parse(minutes, &used, text_at(x, pos)) != DANVAN_OK) return false;
  *k2 = end_key(x, pos, used);
  /* "12h" must not run into a word ("12ha") */
  if (*k2 < x->kn && dvi_imp_is_alnum_at(x->k, x->kn, *k2) && x->k[*k2 - 1] != ' ') return false;
  return true;
}

bool dvi_imp_time_next(const imp_str *x, size_t pos, size_t end, int32_t *minutes, size_t *k1,
                       size_t *k2) {
  if (end > x->kn) end = x->kn;
  for (size_t p = pos; p < end; p++) {
    if (!dig(x->k[p])) continue;
    if (p > 0 && (dvi_imp_is_alnum_at(x->k, x->kn, p - 1) || x->k[p - 1] == '/' || x->k[p - 1] == '.' ||
                  x->k[p - 1] == ',')) {
      while (p + 1 < end && dig(x->k[p + 1])) p++;
      continue;
    }
    imp_date d;
    if (dvi_imp_date_at(x, p, &d)) {
      p = d.k2;
      continue;
    }
    if (dvi_imp_time_at(x, p, minutes, k2)) {
      *k1 = p;
      return true;
    }
    while (p + 1 < end && dig(x->k[p + 1])) p++;
  }
  return false;
}

bool dvi_imp_window_at(const imp_str *x, size_t pos, int32_t *from, int32_t *to, size_t *k2) {
  if (pos >= x->kn) return false;
  size_t used = 0;
  if (danvan_vn_time_range_parse(from, to, &used, text_at(x, pos)) != DANVAN_OK) return false;
  *k2 = end_key(x, pos, used);
  return true;
}

bool dvi_imp_deadline_next(const imp_str *x, size_t pos, int32_t *kind, int32_t *date, int32_t *minutes,
                           size_t *k1) {
  static const char *const MARKS[] = {"trước", "chậm nhất", "muộn nhất", "hạn chót", "hạn cuối", NULL};
  for (size_t p = pos; p < x->kn; p++) {
    if (x->k[p] == ' ' || !dvi_imp_is_word_start(x->k, p)) continue;
    for (const char *const *m = MARKS; *m; m++) {
      if (!dvi_imp_at_word(x, p, *m)) continue;
      size_t used = 0;
      if (danvan_vn_deadline_parse(kind, date, minutes, &used, text_at(x, p)) == DANVAN_OK) {
        *k1 = p;
        return true;
      }
    }
  }
  return false;
}

/* ---- Roman numerals and phases ------------------------------------------------------------- */
int32_t dvi_imp_roman(const char *s, size_t n, size_t *len) {
  /* section labels and rounds: upper case I, V, X only (C., D., L., M. are letters) */
  size_t l = 0;
  while (l < n && l < 7 && (s[l] == 'I' || s[l] == 'V' || s[l] == 'X')) l++;
  if (!l) return 0;
  char buf[8];
  memcpy(buf, s, l);
  buf[l] = '\0';
  int32_t v;
  size_t used = 0;
  if (danvan_vn_roman_parse(&v, &used, buf) != DANVAN_OK || used != l) return 0;
  *len = l;
  return v;
}

bool dvi_imp_phase_at(const imp_str *x, size_t pos, int32_t *kind, int32_t *number, int32_t *year,
                      size_t *k2) {
  if (pos >= x->kn) return false;
  size_t used = 0;
  if (danvan_vn_phase_parse(kind, number, year, &used, text_at(x, pos)) != DANVAN_OK) return false;
  *k2 = end_key(x, pos, used);
  return true;
}

/* ---- document numbers ---------------------------------------------------------------------- */
bool dvi_imp_docnum_at(imp_ctx *c, const imp_str *x, size_t pos, imp_docnum *out) {
  memset(out, 0, sizeof *out);
  if (pos >= x->kn) return false;
  danvan_vn_docnum *d = NULL;
  int32_t rc = danvan_vn_docnum_parse(&d, text_at(x, pos));
  if (rc == DANVAN_ENOMEM) {
    dvi_imp_nomem(c);
    return false;
  }
  if (rc) return false;
  const char *num = danvan_vn_docnum_number(d), *type = danvan_vn_docnum_type(d),
             *sym = danvan_vn_docnum_symbol(d);
  out->number = dvi_imp_strndup(c, num, strlen(num));
  out->type = dvi_imp_strndup(c, type, strlen(type));
  out->symbol = dvi_imp_strndup(c, sym, strlen(sym));
  switch (danvan_vn_docnum_style(d)) {
    case DANVAN_VN_STYLE_STATE: out->style = "state"; break;
    case DANVAN_VN_STYLE_UNION: out->style = "union"; break;
    default: out->style = "party"; break;
  }
  out->k1 = pos;
  out->k2 = end_key(x, pos, danvan_vn_docnum_consumed(d));
  danvan_vn_docnum_free(d);
  return out->number && out->type && out->symbol;
}
