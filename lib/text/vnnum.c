/* Vietnamese numbers ("10.500 000", "3,6", "01") and money ("3,6 tỷ đồng", "500 000đ"). */
#include <string.h>

#include "text/vn_internal.h"

static const int64_t POW10[19] = {1LL,
                                  10LL,
                                  100LL,
                                  1000LL,
                                  10000LL,
                                  100000LL,
                                  1000000LL,
                                  10000000LL,
                                  100000000LL,
                                  1000000000LL,
                                  10000000000LL,
                                  100000000000LL,
                                  1000000000000LL,
                                  10000000000000LL,
                                  100000000000000LL,
                                  1000000000000000LL,
                                  10000000000000000LL,
                                  100000000000000000LL,
                                  1000000000000000000LL};

/* ---- numbers ------------------------------------------------------------------------------ */

/* Append n digits at s[pos] to *v; false on overflow. */
static bool add_digits(int64_t *v, const char *s, size_t pos, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int d = s[pos + i] - '0';
    if (*v > (INT64_MAX - d) / 10) return false;
    *v = *v * 10 + d;
  }
  return true;
}

/* Offset after a thousands separator at p ('.' or one blank character), or 0 when none. */
static size_t group_sep(const char *s, size_t p, bool *is_dot) {
  if (s[p] == '.') {
    *is_dot = true;
    return p + 1;
  }
  dvi_vn_ch c;
  dvi_vn_at(&c, s, p);
  *is_dot = false;
  return c.cp == ' ' ? c.next : 0;
}

/* Read the groups after the first one; updates *p, o->coef and o->flags. */
static int32_t read_groups(dvi_vn_num *o, const char *s, size_t *p, dvi_vn_err *err) {
  bool dot = false, blank = false;
  for (;;) {
    bool is_dot;
    size_t q = group_sep(s, *p, &is_dot);
    if (!q || dvi_vn_ndigits(s, q) != 3) break;
    if (!add_digits(&o->coef, s, q, 3)) return dvi_vn_fail(err, DANVAN_ELIMIT, q, "number too large");
    if (is_dot) dot = true;
    else blank = true;
    *p = q + 3;
  }
  if (dot || blank) o->flags |= DANVAN_VN_NUM_GROUPED;
  if (dot && blank) o->flags |= DANVAN_VN_NUM_MIXED_GROUPS;
  return DANVAN_OK;
}

/* Read the decimals after ',' (or a lone '.'); updates *p, coef, scale, flags. */
static int32_t read_decimals(dvi_vn_num *o, const char *s, size_t *p, dvi_vn_err *err) {
  if (s[*p] != ',' && s[*p] != '.') return DANVAN_OK;
  size_t nd = dvi_vn_ndigits(s, *p + 1);
  if (s[*p] == ',' && nd > 0) {
    if (nd == 3 && !(o->flags & DANVAN_VN_NUM_GROUPED)) o->flags |= DANVAN_VN_NUM_COMMA_THREE;
  } else if (s[*p] == '.' && (nd == 1 || nd == 2) && !(o->flags & DANVAN_VN_NUM_GROUPED)) {
    o->flags |= DANVAN_VN_NUM_DOT_DECIMAL;
  } else {
    return DANVAN_OK;
  }
  if (nd > DANVAN_DECIMAL_MAX_SCALE)
    return dvi_vn_fail(err, DANVAN_ELIMIT, *p + 1, "too many decimals (at most 18)");
  if (!add_digits(&o->coef, s, *p + 1, nd))
    return dvi_vn_fail(err, DANVAN_ELIMIT, *p + 1, "number too large");
  o->scale = (int32_t)nd;
  *p += 1 + nd;
  return DANVAN_OK;
}

int32_t dvi_vn_read_number(dvi_vn_num *out, const char *s, size_t pos, dvi_vn_err *err) {
  dvi_vn_num o = {0, 0, 0, pos};
  size_t n1 = dvi_vn_ndigits(s, pos);
  if (n1 == 0) return dvi_vn_fail(err, DANVAN_EPARSE, pos, "expected a number");
  if (!add_digits(&o.coef, s, pos, n1)) return dvi_vn_fail(err, DANVAN_ELIMIT, pos, "number too large");
  size_t p = pos + n1;
  if (n1 > 1 && s[pos] == '0') o.flags |= DANVAN_VN_NUM_LEADING_ZERO;
  int32_t rc;
  if (n1 <= 3 && !(o.flags & DANVAN_VN_NUM_LEADING_ZERO) && (rc = read_groups(&o, s, &p, err)))
    return rc;
  if ((rc = read_decimals(&o, s, &p, err))) return rc;
  o.end = p;
  *out = o;
  return DANVAN_OK;
}

int32_t dvi_vn_to_whole(int64_t *out, int64_t coef, int32_t scale, int32_t exp) {
  int32_t e = exp - scale;
  if (e >= 0) {
    if (e > 18 || (coef != 0 && coef > INT64_MAX / POW10[e])) return DANVAN_ELIMIT;
    *out = coef * POW10[e];
    return DANVAN_OK;
  }
  if (-e > 18) return coef == 0 ? (*out = 0, DANVAN_OK) : DANVAN_EPARSE;
  if (coef % POW10[-e] != 0) return DANVAN_EPARSE;
  *out = coef / POW10[-e];
  return DANVAN_OK;
}

int32_t danvan_vn_number_parse_ext(int64_t *out_coef, int32_t *out_scale, uint32_t *out_flags,
                                   size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_coef && out_scale && out_flags && text);
  dvi_vn_err err = {0, 0, NULL};
  dvi_vn_num n = {0, 0, 0, 0};
  if (dvi_vn_read_number(&n, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "number");
  *out_coef = n.coef;
  *out_scale = n.scale;
  *out_flags = n.flags;
  if (out_consumed) *out_consumed = n.end;
  return DANVAN_OK;
}

int32_t danvan_vn_number_parse(int64_t *out_coef, int32_t *out_scale, size_t *out_consumed,
                               const char *text) {
  uint32_t flags;
  return danvan_vn_number_parse_ext(out_coef, out_scale, &flags, out_consumed, text);
}

/* ---- money -------------------------------------------------------------------------------- */

typedef struct money_unit {
  const char *word;
  int32_t exp;
  bool currency; /* the word includes "đồng" */
} money_unit;

static const money_unit MULTIPLIERS[] = {
    {"nghìn", 3, false}, {"ngàn", 3, false}, {"triệu", 6, false}, {"trđ", 6, true},
    {"tr.đ", 6, true},   {"tr", 6, false},   {"tỷ", 9, false},    {"tỉ", 9, false},
};
static const char *const CURRENCIES[] = {"đồng", "đ", "vnđ", "vnd", NULL};

/* A multiplier at p (blanks before it allowed); the index in MULTIPLIERS or -1. */
static int multiplier_at(const char *s, size_t p, size_t *end) {
  size_t q = dvi_vn_skip_blank(s, p);
  for (size_t i = 0; i < sizeof MULTIPLIERS / sizeof MULTIPLIERS[0]; i++)
    if (dvi_vn_word(s, q, MULTIPLIERS[i].word, end)) return (int)i;
  return -1;
}

typedef struct money_acc {
  int64_t total;
  int32_t first_exp;
  uint32_t flags;
  bool currency;
} money_acc;

/* Add n × 10^exp to the total. */
static int32_t money_add(money_acc *a, const dvi_vn_num *n, int32_t exp, dvi_vn_err *err,
                         size_t pos) {
  int64_t v;
  int32_t rc = dvi_vn_to_whole(&v, n->coef, n->scale, exp);
  if (rc == DANVAN_EPARSE) return dvi_vn_fail(err, rc, pos, "amount is not a whole number of đồng");
  if (rc || v > INT64_MAX - a->total) return dvi_vn_fail(err, DANVAN_ELIMIT, pos, "amount too large");
  a->total += v;
  a->flags |= n->flags;
  return DANVAN_OK;
}

/* After "1 tỷ", further "200 triệu" parts with a smaller multiplier; updates *p. */
static int32_t money_compound(money_acc *a, const char *s, size_t *p, int32_t exp,
                              dvi_vn_err *err) {
  for (;;) {
    size_t q = dvi_vn_skip_blank(s, *p), end;
    dvi_vn_num n;
    if (!dvi_vn_digit(s[q]) || dvi_vn_read_number(&n, s, q, NULL)) return DANVAN_OK;
    int m = multiplier_at(s, n.end, &end);
    if (m < 0 || MULTIPLIERS[m].exp >= exp) return DANVAN_OK;
    int32_t rc = money_add(a, &n, MULTIPLIERS[m].exp, err, q);
    if (rc) return rc;
    exp = MULTIPLIERS[m].exp;
    a->currency = MULTIPLIERS[m].currency;
    *p = end;
    if (a->currency) return DANVAN_OK;
  }
}

static int32_t read_money(money_acc *a, size_t *end, const char *s, size_t pos, dvi_vn_err *err) {
  dvi_vn_num n;
  int32_t rc = dvi_vn_read_number(&n, s, pos, err);
  if (rc) return rc;
  size_t p = n.end, q;
  int m = multiplier_at(s, p, &q);
  int32_t exp = m < 0 ? 0 : MULTIPLIERS[m].exp;
  *a = (money_acc){0, exp, 0, m >= 0 && MULTIPLIERS[m].currency};
  if ((rc = money_add(a, &n, exp, err, pos))) return rc;
  if (m >= 0) {
    p = q;
    if (!a->currency && (rc = money_compound(a, s, &p, exp, err))) return rc;
  }
  if (!a->currency && dvi_vn_words(s, dvi_vn_skip_blank(s, p), CURRENCIES, &q) >= 0) {
    a->currency = true;
    p = q;
  }
  if (m < 0 && !a->currency)
    return dvi_vn_fail(err, DANVAN_EPARSE, n.end, "expected a money unit (đồng, triệu, tỷ …)");
  *end = p;
  return DANVAN_OK;
}

int32_t danvan_vn_money_parse_ext(int64_t *out_dong, int32_t *out_unit_exp, uint32_t *out_flags,
                                  size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_dong && out_unit_exp && out_flags && text);
  dvi_vn_err err = {0, 0, NULL};
  money_acc a = {0, 0, 0, false};
  size_t end = 0;
  if (read_money(&a, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "money");
  *out_dong = a.total;
  *out_unit_exp = a.first_exp;
  *out_flags = a.flags;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

int32_t danvan_vn_money_parse(int64_t *out_dong, size_t *out_consumed, const char *text) {
  int32_t exp;
  uint32_t flags;
  return danvan_vn_money_parse_ext(out_dong, &exp, &flags, out_consumed, text);
}
