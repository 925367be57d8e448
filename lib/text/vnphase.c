/* Roman numerals ("XIII") and phases ("đợt II/2020", "quý III năm 2021"). */
#include <string.h>

#include "text/vn_internal.h"

#define ROMAN_MAX_LEN 15 /* MMMDCCCLXXXVIII, the longest canonical numeral */

static int32_t roman_digit(char c) {
  switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
  }
}

/* Write the canonical numeral of v (1..3999) into buf (>= 16 bytes). */
static void roman_write(char *buf, int32_t v) {
  static const struct {
    int32_t v;
    const char *s;
  } T[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
           {40, "XL"},  {10, "X"},   {9, "IX"},  {5, "V"},    {4, "IV"},  {1, "I"}};
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
    for (; v >= T[i].v; v -= T[i].v) strcat(buf, T[i].s);
}

int32_t dvi_vn_read_roman(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err) {
  bool lower = s[pos] >= 'a' && s[pos] <= 'z';
  char run[ROMAN_MAX_LEN + 1];
  size_t n = 0;
  for (; n <= ROMAN_MAX_LEN; n++) {
    char c = s[pos + n];
    if (lower != (c >= 'a' && c <= 'z')) break;
    c = lower ? (char)(c - 'a' + 'A') : c;
    if (!roman_digit(c)) break;
    if (n < ROMAN_MAX_LEN) run[n] = c;
  }
  if (n == 0) return dvi_vn_fail(err, DANVAN_EPARSE, pos, "expected a Roman numeral");
  dvi_vn_ch c;
  dvi_vn_at(&c, s, pos + n);
  if (n > ROMAN_MAX_LEN || dvi_vn_is_wordch(&c))
    return dvi_vn_fail(err, DANVAN_EPARSE, pos, "not a Roman numeral");
  run[n] = '\0';
  int32_t v = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t d = roman_digit(run[i]);
    v += (i + 1 < n && d < roman_digit(run[i + 1])) ? -d : d;
  }
  char canon[2 * ROMAN_MAX_LEN];
  if (v < 1 || v > 3999) return dvi_vn_fail(err, DANVAN_EPARSE, pos, "not a canonical Roman numeral");
  roman_write(canon, v);
  if (strcmp(canon, run) != 0)
    return dvi_vn_fail(err, DANVAN_EPARSE, pos, "not a canonical Roman numeral");
  *out = v;
  *end = pos + n;
  return DANVAN_OK;
}

int32_t danvan_vn_roman_parse(int32_t *out, size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out && text);
  dvi_vn_err err = {0, 0, NULL};
  int32_t v = 0;
  size_t end = 0;
  if (dvi_vn_read_roman(&v, &end, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "Roman numeral");
  *out = v;
  if (out_consumed) *out_consumed = end;
  return DANVAN_OK;
}

/* ---- phases ------------------------------------------------------------------------------- */

static const struct {
  const char *word;
  int32_t kind, max;
} PHASES[] = {{"đợt", DANVAN_VN_PHASE_ROUND, 99},
              {"quý", DANVAN_VN_PHASE_QUARTER, 4},
              {"học kỳ", DANVAN_VN_PHASE_SEMESTER, 3},
              {"học kì", DANVAN_VN_PHASE_SEMESTER, 3}};

/* The year after a phase number: "/yyyy" or "năm yyyy"; 0 and *p unchanged when absent. */
static int32_t read_phase_year(const char *s, size_t *p) {
  size_t end;
  if (s[*p] == '/' && dvi_vn_ndigits(s, *p + 1) == 4) {
    *p += 5;
    return dvi_vn_digits_value(s, *p - 4, 4);
  }
  if (!dvi_vn_word(s, dvi_vn_skip_blank(s, *p), "năm", &end)) return 0;
  size_t q = dvi_vn_skip_blank(s, end);
  if (dvi_vn_ndigits(s, q) != 4) return 0;
  *p = q + 4;
  return dvi_vn_digits_value(s, q, 4);
}

typedef struct phase {
  int32_t kind, number, year;
  size_t end;
} phase;

static int32_t read_phase(phase *ph, const char *s, size_t p, dvi_vn_err *err) {
  size_t w = 0, i;
  for (i = 0; i < sizeof PHASES / sizeof PHASES[0]; i++)
    if (dvi_vn_word(s, p, PHASES[i].word, &w)) break;
  if (i == sizeof PHASES / sizeof PHASES[0])
    return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected 'đợt', 'quý' or 'học kỳ'");
  p = dvi_vn_skip_blank(s, w);
  size_t nd = dvi_vn_ndigits(s, p);
  int32_t num;
  if (nd > 0) {
    if (nd > 2) return dvi_vn_fail(err, DANVAN_EPARSE, p, "phase number out of range");
    num = dvi_vn_digits_value(s, p, nd);
    w = p + nd;
  } else {
    int32_t rc = dvi_vn_read_roman(&num, &w, s, p, err);
    if (rc) return rc;
  }
  if (num < 1 || num > PHASES[i].max)
    return dvi_vn_fail(err, DANVAN_EPARSE, p, "phase number out of range");
  ph->kind = PHASES[i].kind;
  ph->number = num;
  ph->year = read_phase_year(s, &w);
  ph->end = w;
  return DANVAN_OK;
}

int32_t danvan_vn_phase_parse(int32_t *out_kind, int32_t *out_number, int32_t *out_year,
                              size_t *out_consumed, const char *text) {
  DVI_CHECK_ARG(out_kind && out_number && out_year && text);
  dvi_vn_err err = {0, 0, NULL};
  phase ph = {0, 0, 0, 0};
  if (read_phase(&ph, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "phase");
  *out_kind = ph.kind;
  *out_number = ph.number;
  *out_year = ph.year;
  if (out_consumed) *out_consumed = ph.end;
  return DANVAN_OK;
}
