/* Rules over numbers: total-sum, total-product, implausible, quota-range, quota-target,
   attachment-range. All arithmetic is exact (decimals), never binary floating point. */
#include <stdio.h>
#include <string.h>

#include "validate/vinternal.h"

typedef struct dec {
  int64_t c;
  int32_t s;
} dec;

static bool get_dec(const danvan_entity *e, int32_t field, dec *out) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return false;
  out->c = v->u.i;
  out->s = v->scale;
  return true;
}

static bool dec_add(dec *acc, dec x) { return dvi_decimal_add(&acc->c, &acc->s, acc->c, acc->s, x.c, x.s) == DANVAN_OK; }
static bool dec_mul(dec *out, dec a, dec b) {
  return danvan_decimal_mul(&out->c, &out->s, a.c, a.s, b.c, b.s) == DANVAN_OK;
}
static int dec_cmp(dec a, dec b) { return dvi_decimal_cmp(a.c, a.s, b.c, b.s); }

/* Units that measure an amount rather than count things (documented in docs/rules.md). */
static bool count_unit(const char *unit) {
  static const char *const amounts[] = {"m", "km", "m2", "km2", "ha", "kg", "ton", "t", "l",
                                        "VND", "đồng", "USD", "percent", "%", "minute", "hour",
                                        "day", "week", "month", "year", NULL};
  if (!unit || !*unit) return false;
  for (size_t i = 0; amounts[i]; i++)
    if (strcmp(unit, amounts[i]) == 0) return false;
  return true;
}

static bool money_unit(const char *unit) {
  return unit && (strcmp(unit, "VND") == 0 || strcmp(unit, "đồng") == 0);
}

static const char *metric_unit(const dvv_ctx *c, const char *metric_id) {
  const danvan_entity *m = metric_id ? dvv_find(c->ds, metric_id) : NULL;
  return (m && dvi_desc(m)->kind == DANVAN_KIND_METRIC) ? dvv_str(m, DANVAN_F_UNIT) : NULL;
}

/* Quantity of a metric a task carries: its own measures of the metric, or, when it has none,
   the sum over its sub-tasks. Returns false when neither carries the metric. */
static bool task_qty(const danvan_entity *t, const char *metric, dec *out, bool *overflow) {
  dec sum = {0, 0};
  bool found = false;
  for (const danvan_entity *me = dvi_kid_first(t, DANVAN_KIND_MEASURE); me;
       me = dvi_kid_next(me, DANVAN_KIND_MEASURE)) {
    const char *m = dvv_str(me, DANVAN_F_METRIC);
    dec v = {0, 0};
    if (m && strcmp(m, metric) == 0 && get_dec(me, DANVAN_F_VALUE, &v)) {
      if (!dec_add(&sum, v)) *overflow = true;
      found = true;
    }
  }
  if (!found) {
    for (const danvan_entity *st = dvi_kid_first(t, DANVAN_KIND_TASK); st;
         st = dvi_kid_next(st, DANVAN_KIND_TASK)) {
      dec v = {0, 0};
      if (task_qty(st, metric, &v, overflow)) {
        if (!dec_add(&sum, v)) *overflow = true;
        found = true;
      }
    }
  }
  *out = sum;
  return found;
}

/* ---- total-sum, total-product ------------------------------------------------------------- */
static void rule_total_sum(dvv_ctx *c, const danvan_entity *t) {
  const dvi_value *parts = dvi_val(t, DANVAN_F_PARTS);
  const char *metric = dvv_str(t, DANVAN_F_METRIC);
  if (!parts || !parts->nitems || !metric) return;
  const char *unit = metric_unit(c, metric);
  dec sum = {0, 0}, v = {0, 0};
  bool carried = false, overflow = false;
  uint32_t nparts = 0;
  for (uint32_t i = 0; i < parts->nitems; i++) {
    const danvan_entity *p = dvv_find(c->ds, parts->items[i]);
    if (!p || dvi_desc(p)->kind != DANVAN_KIND_TASK) continue; /* the ref rule reports it */
    nparts++;
    if (task_qty(p, metric, &v, &overflow)) {
      carried = true;
      if (!dec_add(&sum, v)) overflow = true;
    }
  }
  if (!carried && money_unit(unit)) { /* a money total over parts that state costs */
    for (uint32_t i = 0; i < parts->nitems; i++) {
      const danvan_entity *p = dvv_find(c->ds, parts->items[i]);
      if (p && dvi_desc(p)->kind == DANVAN_KIND_TASK && get_dec(p, DANVAN_F_COST, &v)) {
        carried = true;
        if (!dec_add(&sum, v)) overflow = true;
      }
    }
  }
  if (overflow || nparts == 0) return;
  char s1[48], s2[48];
  dec stated = {0, 0};
  if (carried && get_dec(t, DANVAN_F_VALUE, &stated) && dec_cmp(stated, sum) != 0)
    dvv_report(c, DVV_R_TOTAL_SUM, t, DVV_M_TOTAL_VALUE,
               DVV_ARGS(dvv_fmt_dec(s1, stated.c, stated.s), unit ? unit : "",
                        dvv_fmt_dec(s2, sum.c, sum.s)));
  if (!get_dec(t, DANVAN_F_COUNT, &stated)) return;
  dec count = {nparts, 0};
  if (count_unit(unit)) {
    if (carried) count = sum;
  } else {
    /* the count metric: the first count-unit metric measured by a part */
    const char *cm = NULL;
    for (uint32_t i = 0; i < parts->nitems && !cm; i++) {
      const danvan_entity *p = dvv_find(c->ds, parts->items[i]);
      const danvan_entity *me = (p && dvi_desc(p)->kind == DANVAN_KIND_TASK) ? dvi_kid_first(p, DANVAN_KIND_MEASURE) : NULL;
      for (; me && !cm; me = dvi_kid_next(me, DANVAN_KIND_MEASURE)) {
        const char *m = dvv_str(me, DANVAN_F_METRIC);
        if (m && strcmp(m, metric) != 0 && count_unit(metric_unit(c, m))) cm = m;
      }
    }
    if (cm) {
      count.c = 0;
      count.s = 0;
      for (uint32_t i = 0; i < parts->nitems; i++) {
        const danvan_entity *p = dvv_find(c->ds, parts->items[i]);
        if (!p || dvi_desc(p)->kind != DANVAN_KIND_TASK) continue;
        dec one = {1, 0};
        if (!task_qty(p, cm, &v, &overflow)) v = one;
        if (!dec_add(&count, v)) overflow = true;
      }
      if (overflow) return;
    }
  }
  if (dec_cmp(stated, count) != 0)
    dvv_report(c, DVV_R_TOTAL_SUM, t, DVV_M_TOTAL_COUNT,
               DVV_ARGS(dvv_fmt_dec(s1, stated.c, stated.s), dvv_fmt_dec(s2, count.c, count.s)));
}

static void rule_total_product(dvv_ctx *c, const danvan_entity *t) {
  dec count = {0, 0}, unit = {0, 0}, value = {0, 0}, prod = {0, 0};
  if (!get_dec(t, DANVAN_F_COUNT, &count) || !get_dec(t, DANVAN_F_UNIT_VALUE, &unit) ||
      !get_dec(t, DANVAN_F_VALUE, &value) || !dec_mul(&prod, count, unit))
    return;
  if (dec_cmp(prod, value) == 0) return;
  char s1[48], s2[48], s3[48], s4[48];
  dvv_report(c, DVV_R_TOTAL_PRODUCT, t, DVV_M_TOTAL_PRODUCT,
             DVV_ARGS(dvv_fmt_dec(s1, count.c, count.s), dvv_fmt_dec(s2, unit.c, unit.s),
                      dvv_fmt_dec(s3, prod.c, prod.s), dvv_fmt_dec(s4, value.c, value.s)));
}

/* ---- implausible -------------------------------------------------------------------------- */
/* a / b for display only, at most two decimals */
static const char *fmt_ratio(char *buf, dec a, dec b) {
  long double x = (long double)a.c, y = (long double)b.c;
  for (int32_t i = 0; i < a.s; i++) x /= 10;
  for (int32_t i = 0; i < b.s; i++) y /= 10;
  snprintf(buf, 48, "%.2Lf", y != 0 ? x / y : 0.0L);
  size_t n = strlen(buf);
  while (n > 0 && buf[n - 1] == '0') buf[--n] = '\0';
  if (n > 0 && buf[n - 1] == '.') buf[--n] = '\0';
  return buf;
}

static void rule_implausible_task(dvv_ctx *c, const danvan_entity *t) {
  dec cost = {0, 0};
  const char *cur = dvv_str(t, DANVAN_F_CURRENCY);
  if (!get_dec(t, DANVAN_F_COST, &cost) || (cur && strcmp(cur, "VND") != 0)) return;
  dec lo = {0, 0}, hi = {0, 0};
  bool hi_inf = false, overflow = false;
  int n = 0;
  const danvan_entity *only = NULL, *only_metric = NULL;
  dvi_buf what;
  dvi_buf_init(&what);
  for (const danvan_entity *me = dvi_kid_first(t, DANVAN_KIND_MEASURE); me;
       me = dvi_kid_next(me, DANVAN_KIND_MEASURE)) {
    const danvan_entity *m = dvv_ref(me, DANVAN_F_METRIC, DANVAN_KIND_METRIC);
    dec q = {0, 0}, mn = {0, 0}, mx = {0, 0}, x = {0, 0};
    if (!m || !get_dec(me, DANVAN_F_VALUE, &q) || q.c <= 0) continue;
    bool has_min = get_dec(m, DANVAN_F_MIN_UNIT_COST, &mn), has_max = get_dec(m, DANVAN_F_MAX_UNIT_COST, &mx);
    if (!has_min && !has_max) continue;
    n++;
    only = me;
    only_metric = m;
    if (has_min && (!dec_mul(&x, q, mn) || !dec_add(&lo, x))) overflow = true;
    if (!has_max) hi_inf = true;
    else if (!dec_mul(&x, q, mx) || !dec_add(&hi, x)) overflow = true;
    char s[48];
    const char *u = dvv_str(m, DANVAN_F_UNIT);
    dvi_buf_printf(&what, "%s%s %s", n > 1 ? ", " : "", dvv_fmt_dec(s, q.c, q.s), u ? u : danvan_entity_id(m));
  }
  bool bad = n > 0 && !overflow && (dec_cmp(cost, lo) < 0 || (!hi_inf && dec_cmp(cost, hi) > 0));
  char *list = bad ? dvi_buf_take(&what) : NULL;
  dvi_buf_free(&what);
  if (!bad) return;
  if (!list) {
    c->failed = true;
    return;
  }
  char s1[48], s2[48], s3[48], s4[48], s5[48];
  const char *unbounded = dvv_msg(c->lang, DVV_M_L_UNBOUNDED);
  if (n == 1) {
    dec q = {0, 0}, mn = {0, 0}, mx = {0, 0};
    get_dec(only, DANVAN_F_VALUE, &q);
    const char *u = dvv_str(only_metric, DANVAN_F_UNIT);
    dvv_report(c, DVV_R_IMPLAUSIBLE, t, DVV_M_IMPLAUSIBLE_ONE,
               DVV_ARGS(dvv_fmt_dec(s1, cost.c, cost.s), dvv_fmt_dec(s2, q.c, q.s),
                        u ? u : danvan_entity_id(only_metric), fmt_ratio(s3, cost, q),
                        get_dec(only_metric, DANVAN_F_MIN_UNIT_COST, &mn) ? dvv_fmt_dec(s4, mn.c, mn.s) : "0",
                        get_dec(only_metric, DANVAN_F_MAX_UNIT_COST, &mx) ? dvv_fmt_dec(s5, mx.c, mx.s) : unbounded));
  } else {
    dvv_report(c, DVV_R_IMPLAUSIBLE, t, DVV_M_IMPLAUSIBLE_MANY,
               DVV_ARGS(dvv_fmt_dec(s1, cost.c, cost.s), dvv_fmt_dec(s2, lo.c, lo.s),
                        hi_inf ? unbounded : dvv_fmt_dec(s3, hi.c, hi.s), list));
  }
  dvi_free(list);
}

static void rule_implausible_total(dvv_ctx *c, const danvan_entity *t) {
  const danvan_entity *m = dvv_ref(t, DANVAN_F_METRIC, DANVAN_KIND_METRIC);
  dec mn = {0, 0}, mx = {0, 0}, unit = {0, 0}, value = {0, 0}, count = {0, 0}, x = {0, 0};
  if (!m) return;
  bool has_min = get_dec(m, DANVAN_F_MIN_UNIT_COST, &mn), has_max = get_dec(m, DANVAN_F_MAX_UNIT_COST, &mx);
  if (!has_min && !has_max) return;
  char s1[48], s2[48], s3[48];
  const char *unbounded = dvv_msg(c->lang, DVV_M_L_UNBOUNDED);
  bool bad = false;
  if (get_dec(t, DANVAN_F_UNIT_VALUE, &unit)) {
    bad = (has_min && dec_cmp(unit, mn) < 0) || (has_max && dec_cmp(unit, mx) > 0);
    dvv_fmt_dec(s1, unit.c, unit.s);
  } else if (money_unit(dvv_str(m, DANVAN_F_UNIT)) && get_dec(t, DANVAN_F_VALUE, &value) &&
             get_dec(t, DANVAN_F_COUNT, &count) && count.c > 0) {
    if (has_min && dec_mul(&x, count, mn) && dec_cmp(value, x) < 0) bad = true;
    if (has_max && dec_mul(&x, count, mx) && dec_cmp(value, x) > 0) bad = true;
    fmt_ratio(s1, value, count);
  }
  if (bad)
    dvv_report(c, DVV_R_IMPLAUSIBLE, t, DVV_M_IMPLAUSIBLE_UNIT,
               DVV_ARGS(s1, has_min ? dvv_fmt_dec(s2, mn.c, mn.s) : "0",
                        has_max ? dvv_fmt_dec(s3, mx.c, mx.s) : unbounded, danvan_entity_id(m)));
}

/* ---- quota-range, quota-target ------------------------------------------------------------ */
static void rule_quota(dvv_ctx *c, const danvan_entity *q) {
  dec mn = {0, 0}, mx = {0, 0}, cov = {0, 0}, w = {0, 0};
  char s1[48], s2[48];
  bool has_min = get_dec(q, DANVAN_F_MIN, &mn), has_max = get_dec(q, DANVAN_F_MAX, &mx);
  bool num = dvi_val(q, DANVAN_F_NUMERATOR) != NULL, den = dvi_val(q, DANVAN_F_DENOMINATOR) != NULL;
  if (dvv_on(c, DVV_R_QUOTA_RANGE)) {
    if (has_min && has_max && dec_cmp(mn, mx) > 0)
      dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_MINMAX,
                 DVV_ARGS(dvv_fmt_dec(s1, mn.c, mn.s), dvv_fmt_dec(s2, mx.c, mx.s)));
    if (get_dec(q, DANVAN_F_COVERAGE, &cov) && (cov.c <= 0 || dec_cmp(cov, (dec){1, 0}) > 0))
      dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_COVERAGE, DVV_ARGS(dvv_fmt_dec(s1, cov.c, cov.s)));
    if (num != den) dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_RATIO_HALF, DVV_ARGS(""));
    if (num || den) {
      if (has_min && mn.c <= 0)
        dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_RATIO, DVV_ARGS(dvv_fmt_dec(s1, mn.c, mn.s)));
      if (has_max && mx.c <= 0)
        dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_RATIO, DVV_ARGS(dvv_fmt_dec(s1, mx.c, mx.s)));
    }
    if (get_dec(q, DANVAN_F_WEIGHT, &w) && w.c < 0)
      dvv_report(c, DVV_R_QUOTA_RANGE, q, DVV_M_QUOTA_WEIGHT, DVV_ARGS(dvv_fmt_dec(s1, w.c, w.s)));
  }
  if (dvv_on(c, DVV_R_QUOTA_TARGET)) {
    if (!dvi_val(q, DANVAN_F_METRIC) && !dvi_val(q, DANVAN_F_METRICS) && !num && !den)
      dvv_report(c, DVV_R_QUOTA_TARGET, q, DVV_M_QUOTA_NOTHING, DVV_ARGS(""));
    if (!has_min && !has_max) dvv_report(c, DVV_R_QUOTA_TARGET, q, DVV_M_QUOTA_NOTARGET, DVV_ARGS(""));
  }
}

static void rule_attachment(dvv_ctx *c, const danvan_entity *a) {
  dec mn = {0, 0}, mx = {0, 0};
  char s1[48], s2[48];
  if (get_dec(a, DANVAN_F_MIN_MINUTES, &mn) && get_dec(a, DANVAN_F_MAX_MINUTES, &mx) && dec_cmp(mn, mx) > 0)
    dvv_report(c, DVV_R_ATTACHMENT_RANGE, a, DVV_M_ATTACH_RANGE,
               DVV_ARGS(dvv_fmt_dec(s1, mn.c, mn.s), dvv_fmt_dec(s2, mx.c, mx.s)));
}

void dvv_rules_numbers(dvv_ctx *c) {
  for (size_t i = 0; i < c->nall && !c->failed; i++) {
    const danvan_entity *e = c->all[i];
    switch (dvi_desc(e)->kind) {
      case DANVAN_KIND_TOTAL:
        if (dvv_on(c, DVV_R_TOTAL_SUM)) rule_total_sum(c, e);
        if (dvv_on(c, DVV_R_TOTAL_PRODUCT)) rule_total_product(c, e);
        if (dvv_on(c, DVV_R_IMPLAUSIBLE)) rule_implausible_total(c, e);
        break;
      case DANVAN_KIND_TASK:
        if (dvv_on(c, DVV_R_IMPLAUSIBLE)) rule_implausible_task(c, e);
        break;
      case DANVAN_KIND_QUOTA: rule_quota(c, e); break;
      case DANVAN_KIND_ATTACHMENT:
        if (dvv_on(c, DVV_R_ATTACHMENT_RANGE)) rule_attachment(c, e);
        break;
      default: break;
    }
  }
}
