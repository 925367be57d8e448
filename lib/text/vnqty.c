/* Quantities with bounds: "ít nhất 01 công trình", "300 - 500 suất", "8/8 ấp",
   "9 tuyến đường/8.900m", "99,9%". */
#include <string.h>

#include "text/vn_internal.h"

typedef struct qdec {
  int64_t coef;
  int32_t scale;
  bool set;
} qdec;

struct danvan_vn_quantity {
  int32_t bound;
  uint32_t flags;
  qdec min, max, total, second;
  char *unit, *second_unit;
  size_t unit_start, unit_end;
  size_t consumed;
};

typedef struct qualifier {
  const char *words;
  int32_t bound;
} qualifier;

static const qualifier PREFIXES[] = {
    {"ít nhất", DANVAN_VN_BOUND_AT_LEAST},    {"tối thiểu", DANVAN_VN_BOUND_AT_LEAST},
    {"không dưới", DANVAN_VN_BOUND_AT_LEAST}, {"không ít hơn", DANVAN_VN_BOUND_AT_LEAST},
    {"tối đa", DANVAN_VN_BOUND_AT_MOST},      {"không quá", DANVAN_VN_BOUND_AT_MOST},
    {"không vượt quá", DANVAN_VN_BOUND_AT_MOST}, {"nhiều nhất", DANVAN_VN_BOUND_AT_MOST},
    {"trên", DANVAN_VN_BOUND_MORE_THAN},      {"hơn", DANVAN_VN_BOUND_MORE_THAN},
    {"dưới", DANVAN_VN_BOUND_LESS_THAN},      {"khoảng", DANVAN_VN_BOUND_ABOUT},
    {"gần", DANVAN_VN_BOUND_ABOUT},           {"xấp xỉ", DANVAN_VN_BOUND_ABOUT},
    {"chừng", DANVAN_VN_BOUND_ABOUT},
};

/* Counting nouns of more than one word, so that "9 tuyến đường/8.900m" keeps its whole unit. */
static const char *const UNITS[] = {
    "hoạt động",  "công trình", "phần việc",  "mô hình",   "tuyến đường", "phần quà",
    "đội hình",   "lượt người", "đơn vị máu", "hộ gia đình", "gia đình",  "căn nhà",
    "ngôi nhà",   "con đường",  "cây số",     "đoàn viên", "thanh niên",  "thiếu nhi",
    "học sinh",   "sinh viên",  "hội viên",   "đảng viên", "chiến sĩ",    "chiến sỹ",
    "người dân",  "cán bộ",     "bài viết",   "tin bài",   "video clip",  "đơn vị",
    "chi đoàn",   "chi bộ",     "cơ sở",      "khu dân cư", "tổ chức",    "lớp học",
    "buổi học",   "suất quà",   "ngày công",  "lượt",      NULL};

/* Read the unit word at p; returns its end (p when there is none). */
static size_t read_unit(const char *s, size_t p) {
  size_t best = p, end;
  for (int i = 0; UNITS[i]; i++)
    if (dvi_vn_word(s, p, UNITS[i], &end) && end > best) best = end;
  if (best > p) return best;
  dvi_vn_ch c;
  dvi_vn_at(&c, s, p);
  if (!dvi_vn_is_letter(&c)) return p;
  while (dvi_vn_is_wordch(&c)) {
    p = c.next;
    dvi_vn_at(&c, s, p);
  }
  return p;
}

/* "%" after the number, blanks allowed; returns the end (p when absent). */
static size_t read_percent(const char *s, size_t p, bool *pct) {
  size_t end;
  if (dvi_vn_char(s, dvi_vn_skip_blank(s, p), '%', &end)) {
    *pct = true;
    return end;
  }
  return p;
}

static qdec to_qdec(const dvi_vn_num *n) { return (qdec){n->coef, n->scale, true}; }

/* Parsing state shared by the steps below. */
typedef struct qstate {
  const char *s;
  size_t p;
  int32_t prefix; /* bound from a qualifier word, 0 when none */
  bool tu, pct, range;
  dvi_vn_num n1, n2;
  dvi_vn_err *err;
} qstate;

static void read_prefix(qstate *st) {
  size_t end;
  for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++) {
    if (dvi_vn_word(st->s, st->p, PREFIXES[i].words, &end)) {
      size_t q = dvi_vn_skip_blank(st->s, end);
      /* only a qualifier when a number (or "từ") follows */
      if (dvi_vn_digit(st->s[q]) || dvi_vn_word(st->s, q, "từ", &end)) {
        st->prefix = PREFIXES[i].bound;
        st->p = q;
      }
      return;
    }
  }
}

/* "- 500", "đến 500", "tới 500" after the first number; sets n2 and range. */
static int32_t read_range_end(qstate *st) {
  static const char *const TO[] = {"đến", "tới", NULL};
  size_t q = dvi_vn_skip_blank(st->s, st->p), end;
  dvi_vn_ch c;
  dvi_vn_at(&c, st->s, q);
  if (c.cp == '-') end = c.next;
  else if (dvi_vn_words(st->s, q, TO, &end) < 0) return DANVAN_OK;
  q = dvi_vn_skip_blank(st->s, end);
  if (!dvi_vn_digit(st->s[q])) return DANVAN_OK;
  int32_t rc = dvi_vn_read_number(&st->n2, st->s, q, st->err);
  if (rc) return rc;
  st->range = true;
  st->p = read_percent(st->s, st->n2.end, &st->pct);
  return DANVAN_OK;
}

/* "x/y": sets n2 and returns true when the first number is followed by "/digits". */
static int32_t read_fraction(qstate *st, bool *is_fraction) {
  const char *s = st->s;
  size_t p = st->n1.end;
  *is_fraction = false;
  if (s[p] != '/' || !dvi_vn_digit(s[p + 1])) return DANVAN_OK;
  int32_t rc = dvi_vn_read_number(&st->n2, s, p + 1, st->err);
  if (rc) return rc;
  if (s[st->n2.end] == '/' && dvi_vn_digit(s[st->n2.end + 1]))
    return dvi_vn_fail(st->err, DANVAN_EPARSE, st->n1.end, "a date, not a quantity");
  *is_fraction = true;
  st->p = st->n2.end;
  return DANVAN_OK;
}

static void set_bounds(danvan_vn_quantity *q, const qstate *st, bool fraction) {
  qdec v1 = to_qdec(&st->n1);
  int32_t b = st->prefix ? st->prefix : (st->tu ? DANVAN_VN_BOUND_AT_LEAST : DANVAN_VN_BOUND_EXACT);
  if (fraction) {
    b = DANVAN_VN_BOUND_FRACTION;
    q->total = to_qdec(&st->n2);
  } else if (st->range) {
    b = DANVAN_VN_BOUND_RANGE;
  }
  q->bound = b;
  if (b != DANVAN_VN_BOUND_AT_MOST && b != DANVAN_VN_BOUND_LESS_THAN) q->min = v1;
  if (b == DANVAN_VN_BOUND_RANGE) q->max = to_qdec(&st->n2);
  else if (b != DANVAN_VN_BOUND_AT_LEAST && b != DANVAN_VN_BOUND_MORE_THAN) q->max = v1;
}

/* "trở lên" / "trở xuống" after the number or unit: changes the bound; updates *p. */
static void read_suffix(danvan_vn_quantity *q, const char *s, size_t *p) {
  size_t r = dvi_vn_skip_blank(s, *p), end;
  if (q->bound == DANVAN_VN_BOUND_RANGE || q->bound == DANVAN_VN_BOUND_FRACTION) return;
  qdec v = q->min.set ? q->min : q->max;
  if (dvi_vn_word(s, r, "trở lên", &end)) {
    q->bound = DANVAN_VN_BOUND_AT_LEAST;
    q->min = v;
    q->max.set = false;
  } else if (dvi_vn_word(s, r, "trở xuống", &end)) {
    q->bound = DANVAN_VN_BOUND_AT_MOST;
    q->max = v;
    q->min.set = false;
  } else {
    return;
  }
  *p = end;
}

static int32_t set_string(char **dst, const char *s, size_t a, size_t b) {
  return dvi_text_normalize_n(dst, s + a, b - a);
}

/* The unit after the numbers ("%" when a percent sign was read); updates *p. */
static int32_t read_main_unit(danvan_vn_quantity *q, const qstate *st, size_t *p) {
  if (st->pct) {
    q->unit_start = q->unit_end = *p;
    q->unit = dvi_strdup("%");
    return q->unit ? DANVAN_OK : DANVAN_ENOMEM;
  }
  size_t u = dvi_vn_skip_blank(st->s, *p), ue = read_unit(st->s, u);
  if (ue == u) u = *p;
  q->unit_start = u;
  q->unit_end = ue == u ? u : ue;
  if (ue > u) *p = ue;
  return set_string(&q->unit, st->s, q->unit_start, q->unit_end);
}

/* "/8.900m" after a unit: the second quantity; updates *p. */
static int32_t read_second(danvan_vn_quantity *q, qstate *st, size_t *p) {
  const char *s = st->s;
  size_t slash = dvi_vn_skip_blank(s, *p);
  if (s[slash] != '/') return DANVAN_OK;
  size_t d = dvi_vn_skip_blank(s, slash + 1);
  if (!dvi_vn_digit(s[d])) return DANVAN_OK;
  dvi_vn_num n3;
  int32_t rc = dvi_vn_read_number(&n3, s, d, st->err);
  if (rc) return rc;
  q->second = to_qdec(&n3);
  q->flags |= n3.flags;
  size_t u2 = dvi_vn_skip_blank(s, n3.end), u2e = read_unit(s, u2);
  if (u2e == u2) u2 = u2e = n3.end;
  *p = u2e;
  return set_string(&q->second_unit, s, u2, u2e);
}

/* Unit, suffix and "/second quantity" after the numbers. */
static int32_t read_tail(danvan_vn_quantity *q, qstate *st, bool fraction) {
  size_t p = st->p;
  read_suffix(q, st->s, &p);
  int32_t rc = read_main_unit(q, st, &p);
  if (rc) return rc;
  bool has_word_unit = q->unit_end > q->unit_start;
  if (has_word_unit) read_suffix(q, st->s, &p);
  if (!fraction && has_word_unit && (rc = read_second(q, st, &p))) return rc;
  q->consumed = p;
  return DANVAN_OK;
}

static int32_t parse_quantity(danvan_vn_quantity *q, const char *s, dvi_vn_err *err) {
  qstate st = {s, dvi_vn_skip_blank(s, 0), 0, false, false, false, {0, 0, 0, 0}, {0, 0, 0, 0}, err};
  size_t end;
  read_prefix(&st);
  if (dvi_vn_word(s, st.p, "từ", &end)) {
    st.tu = true;
    st.p = dvi_vn_skip_blank(s, end);
  }
  int32_t rc = dvi_vn_read_number(&st.n1, s, st.p, err);
  if (rc) return rc;
  bool fraction;
  if ((rc = read_fraction(&st, &fraction))) return rc;
  if (!fraction) {
    st.p = read_percent(s, st.n1.end, &st.pct);
    if ((rc = read_range_end(&st))) return rc;
    if (st.range && dvi_decimal_cmp(st.n1.coef, st.n1.scale, st.n2.coef, st.n2.scale) > 0)
      return dvi_vn_fail(err, DANVAN_EPARSE, st.n1.end, "range ends below its start");
  }
  q->flags = st.n1.flags | ((fraction || st.range) ? st.n2.flags : 0);
  set_bounds(q, &st, fraction);
  return read_tail(q, &st, fraction);
}

int32_t danvan_vn_quantity_parse(danvan_vn_quantity **out, const char *text) {
  DVI_CHECK_ARG(out && text);
  danvan_vn_quantity *q = dvi_calloc(1, sizeof *q);
  if (!q) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_vn_err err = {0, 0, NULL};
  int32_t rc = parse_quantity(q, text, &err);
  if (rc) {
    danvan_vn_quantity_free(q);
    if (rc == DANVAN_ENOMEM) return dvi_error(rc, "out of memory");
    if (err.msg) return dvi_vn_raise(text, &err, "quantity");
    return rc; /* error already recorded (normalisation) */
  }
  *out = q;
  return DANVAN_OK;
}

void danvan_vn_quantity_free(danvan_vn_quantity *q) {
  if (!q) return;
  dvi_free(q->unit);
  dvi_free(q->second_unit);
  dvi_free(q);
}

int32_t danvan_vn_quantity_bound(const danvan_vn_quantity *q) { return q ? q->bound : 0; }
int32_t danvan_vn_quantity_has_min(const danvan_vn_quantity *q) { return q && q->min.set; }
int32_t danvan_vn_quantity_has_max(const danvan_vn_quantity *q) { return q && q->max.set; }

static int32_t get_dec(int64_t *out_coef, int32_t *out_scale, const qdec *d, const char *what) {
  if (!d->set) return dvi_error(DANVAN_ENOTFOUND, "the quantity has no %s", what);
  *out_coef = d->coef;
  *out_scale = d->scale;
  return DANVAN_OK;
}

int32_t danvan_vn_quantity_min(int64_t *out_coef, int32_t *out_scale, const danvan_vn_quantity *q) {
  DVI_CHECK_ARG(out_coef && out_scale && q);
  return get_dec(out_coef, out_scale, &q->min, "lower value");
}

int32_t danvan_vn_quantity_max(int64_t *out_coef, int32_t *out_scale, const danvan_vn_quantity *q) {
  DVI_CHECK_ARG(out_coef && out_scale && q);
  return get_dec(out_coef, out_scale, &q->max, "upper value");
}

int32_t danvan_vn_quantity_total(int64_t *out_coef, int32_t *out_scale,
                                 const danvan_vn_quantity *q) {
  DVI_CHECK_ARG(out_coef && out_scale && q);
  return get_dec(out_coef, out_scale, &q->total, "total (it is not a fraction)");
}

int32_t danvan_vn_quantity_second(int64_t *out_coef, int32_t *out_scale,
                                  const danvan_vn_quantity *q) {
  DVI_CHECK_ARG(out_coef && out_scale && q);
  return get_dec(out_coef, out_scale, &q->second, "second quantity");
}

const char *danvan_vn_quantity_unit(const danvan_vn_quantity *q) { return q ? q->unit : NULL; }

int32_t danvan_vn_quantity_unit_range(size_t *out_start, size_t *out_end,
                                      const danvan_vn_quantity *q) {
  DVI_CHECK_ARG(out_start && out_end && q);
  *out_start = q->unit_start;
  *out_end = q->unit_end;
  return DANVAN_OK;
}

const char *danvan_vn_quantity_second_unit(const danvan_vn_quantity *q) {
  if (!q) return NULL;
  return q->second_unit ? q->second_unit : "";
}

uint32_t danvan_vn_quantity_flags(const danvan_vn_quantity *q) { return q ? q->flags : 0; }
size_t danvan_vn_quantity_consumed(const danvan_vn_quantity *q) { return q ? q->consumed : 0; }
