/* Rules over dates: period-order, outside-period, deadline-before-end, basis-after-plan,
   basis-mismatch, child-outside-parent, draft. */
#include <stdio.h>
#include <string.h>

#include "validate/vinternal.h"

static bool datetime_date(const danvan_entity *e, int32_t field, int32_t *date, int32_t *minutes) {
  const dvi_value *v = dvi_val(e, field);
  return v && danvan_datetime_to_parts(date, minutes, v->u.i) == DANVAN_OK;
}

/* ---- period-order ------------------------------------------------------------------------- */
static void rule_period_order(dvv_ctx *c, const danvan_entity *e) {
  int32_t k = dvi_desc(e)->kind, a, b;
  char s1[32], s2[32];
  if ((k == DANVAN_KIND_PLAN || k == DANVAN_KIND_TASK || k == DANVAN_KIND_QUOTA ||
       k == DANVAN_KIND_DUTY || k == DANVAN_KIND_REPORT) &&
      dvv_date(e, DANVAN_F_START, &a) && dvv_date(e, DANVAN_F_END, &b) && dvv_date_cmp(a, b) == 1)
    dvv_report(c, DVV_R_PERIOD_ORDER, e, DVV_M_PERIOD_DATES,
               DVV_ARGS(dvv_fmt_date(s1, a), dvv_fmt_date(s2, b)));
  if ((k == DANVAN_KIND_LOCALITY || k == DANVAN_KIND_ORGANISATION) && dvv_date(e, DANVAN_F_FROM, &a) &&
      dvv_date(e, DANVAN_F_TO, &b) && dvv_date_cmp(a, b) == 1)
    dvv_report(c, DVV_R_PERIOD_ORDER, e, DVV_M_PERIOD_VALIDITY,
               DVV_ARGS(dvv_fmt_date(s1, a), dvv_fmt_date(s2, b)));
  if (k == DANVAN_KIND_DUTY) {
    const dvi_value *ws = dvi_val(e, DANVAN_F_WINDOW_START), *dt = dvi_val(e, DANVAN_F_DUE_TIME);
    if (ws && dt && ws->u.i > dt->u.i) {
      dvi_time_write(s1, (int32_t)ws->u.i);
      dvi_time_write(s2, (int32_t)dt->u.i);
      dvv_report(c, DVV_R_PERIOD_ORDER, e, DVV_M_PERIOD_WINDOW, DVV_ARGS(s1, s2));
    }
  }
  if (k == DANVAN_KIND_REPORT && dvv_date(e, DANVAN_F_START, &a)) {
    int32_t sd;
    const dvi_value *sub = dvi_val(e, DANVAN_F_SUBMITTED);
    if (sub && datetime_date(e, DANVAN_F_SUBMITTED, &sd, NULL) && sd < a) {
      dvi_datetime_write(s1, sub->u.i);
      dvv_report(c, DVV_R_PERIOD_ORDER, e, DVV_M_PERIOD_SUBMITTED, DVV_ARGS(s1, dvv_fmt_date(s2, a)));
    }
  }
}

/* ---- outside-period ----------------------------------------------------------------------- */
typedef struct period {
  int32_t start, end; /* 0 when not set */
} period;

static period plan_period(const danvan_entity *plan) {
  period p = {0, 0};
  if (plan) {
    dvv_date(plan, DANVAN_F_START, &p.start);
    dvv_date(plan, DANVAN_F_END, &p.end);
  }
  return p;
}

static void outside(dvv_ctx *c, const danvan_entity *e, const danvan_entity *plan, period p,
                    int label, int32_t date, bool check_start, bool check_end) {
  bool out = (check_start && p.start && dvv_date_cmp(date, p.start) == -1) ||
             (check_end && p.end && dvv_date_cmp(date, p.end) == 1);
  if (!out) return;
  char s1[16], s2[16], s3[16];
  dvv_report(c, DVV_R_OUTSIDE_PERIOD, e, DVV_M_OUTSIDE,
             DVV_ARGS(dvv_msg(c->lang, label), dvv_fmt_date(s1, date), danvan_entity_id(plan),
                      p.start ? dvv_fmt_date(s2, p.start) : "…", p.end ? dvv_fmt_date(s3, p.end) : "…"));
}

static void rule_outside(dvv_ctx *c, const danvan_entity *e) {
  int32_t k = dvi_desc(e)->kind, d;
  const danvan_entity *plan =
      k == DANVAN_KIND_REPORT ? dvv_ref(e, DANVAN_F_PLAN, DANVAN_KIND_PLAN) : dvv_plan_of(e);
  if (!plan || plan == e) return;
  period p = plan_period(plan);
  if (!p.start && !p.end) return;
  switch (k) {
    case DANVAN_KIND_TASK:
    case DANVAN_KIND_QUOTA:
    case DANVAN_KIND_DUTY:
    case DANVAN_KIND_REPORT:
      if (dvv_date(e, DANVAN_F_START, &d)) outside(c, e, plan, p, DVV_M_L_START, d, true, true);
      if (dvv_date(e, DANVAN_F_END, &d)) outside(c, e, plan, p, DVV_M_L_END, d, true, true);
      /* a task due before the campaign starts is preparation work: only a late due date */
      if (k == DANVAN_KIND_TASK && dvv_date(e, DANVAN_F_DUE, &d))
        outside(c, e, plan, p, DVV_M_L_DUE, d, false, true);
      break;
    case DANVAN_KIND_EVENT:
      if (datetime_date(e, DANVAN_F_AT, &d, NULL)) outside(c, e, plan, p, DVV_M_L_AT, d, true, true);
      break;
    default: break;
  }
}

/* ---- deadline-before-end ------------------------------------------------------------------ */
static void rule_deadline(dvv_ctx *c, const danvan_entity *e) {
  int32_t k = dvi_desc(e)->kind, due, end;
  char s1[32], s2[32];
  if (k == DANVAN_KIND_DUTY) {
    const char *freq = dvv_str(e, DANVAN_F_FREQUENCY);
    if (freq && strcmp(freq, "once") == 0 && dvv_date(e, DANVAN_F_DUE_DATE, &due)) {
      /* the activity: the duty's own period, else the plan's; a submission due before the
         activity starts (plans sent in beforehand) is not a report on it */
      const danvan_entity *plan = dvv_plan_of(e);
      const danvan_entity *src = dvi_val(e, DANVAN_F_END) ? e : plan;
      int32_t start = 0;
      if (src && dvv_date(src, DANVAN_F_END, &end) &&
          !(dvv_date(src, DANVAN_F_START, &start) && dvv_date_cmp(due, start) == -1))
        if (dvv_date_cmp(due, end) == -1)
          dvv_report(c, DVV_R_DEADLINE_BEFORE_END, e, DVV_M_DEADLINE_ONCE,
                     DVV_ARGS(dvv_fmt_date(s1, due), dvv_fmt_date(s2, end)));
    }
    const dvi_value *lag = dvi_val(e, DANVAN_F_LAG_DAYS);
    if (lag && lag->u.i < 0) {
      snprintf(s1, sizeof s1, "%lld", (long long)lag->u.i);
      dvv_report(c, DVV_R_DEADLINE_BEFORE_END, e, DVV_M_DEADLINE_LAG, DVV_ARGS(s1));
    }
  } else if (k == DANVAN_KIND_TASK && dvv_date(e, DANVAN_F_DUE, &due) &&
             dvv_date(e, DANVAN_F_END, &end) && dvv_date_cmp(due, end) == -1) {
    dvv_report(c, DVV_R_DEADLINE_BEFORE_END, e, DVV_M_DEADLINE_TASK,
               DVV_ARGS(dvv_fmt_date(s1, due), dvv_fmt_date(s2, end)));
  }
}

/* ---- basis-after-plan, basis-mismatch ----------------------------------------------------- */
static bool number_eq(const char *a, const char *b) {
  while (*a == '0' && a[1]) a++;
  while (*b == '0' && b[1]) b++;
  return strcmp(a, b) == 0;
}

static bool blank(const char *s) {
  if (!s) return true;
  for (; *s; s++)
    if (*s != ' ' && *s != '\t') return false;
  return true;
}

static void mismatch(dvv_ctx *c, const danvan_entity *basis, const danvan_entity *q, int label,
                     const char *given, const char *has) {
  dvv_report(c, DVV_R_BASIS_MISMATCH, basis, DVV_M_BASIS_MISMATCH,
             DVV_ARGS(dvv_msg(c->lang, label), given, danvan_entity_id(q), has));
}

static void rule_basis(dvv_ctx *c, const danvan_entity *b) {
  const danvan_entity *doc = dvi_parent(b);
  const danvan_entity *q = dvv_ref(b, DANVAN_F_PLAN, DANVAN_KIND_PLAN);
  int32_t bd = 0, dd, qd;
  char s1[16], s2[16];
  bool has_bd = dvv_date(b, DANVAN_F_DATE, &bd);
  if (!has_bd && q && dvv_date(q, DANVAN_F_DATE, &bd)) has_bd = true;
  if (dvv_on(c, DVV_R_BASIS_AFTER_PLAN) && has_bd && doc && dvv_date(doc, DANVAN_F_DATE, &dd) &&
      dvv_date_cmp(bd, dd) == 1)
    dvv_report(c, DVV_R_BASIS_AFTER_PLAN, b, DVV_M_BASIS_AFTER,
               DVV_ARGS(dvv_fmt_date(s1, bd), dvv_fmt_date(s2, dd)));
  if (!q || q == doc || !dvv_on(c, DVV_R_BASIS_MISMATCH)) return;
  const char *bn = dvv_str(b, DANVAN_F_NUMBER), *qn = dvv_str(q, DANVAN_F_NUMBER);
  if (!blank(bn) && !blank(qn) && !number_eq(bn, qn)) mismatch(c, b, q, DVV_M_L_NUMBER, bn, qn);
  const char *bs = dvv_str(b, DANVAN_F_SYMBOL), *qs = dvv_str(q, DANVAN_F_SYMBOL);
  if (!blank(bs) && !blank(qs) && strcmp(bs, qs) != 0) mismatch(c, b, q, DVV_M_L_SYMBOL, bs, qs);
  if (dvv_date(b, DANVAN_F_DATE, &bd) && dvv_date(q, DANVAN_F_DATE, &qd) && bd != qd)
    mismatch(c, b, q, DVV_M_L_DATE, dvv_fmt_date(s1, bd), dvv_fmt_date(s2, qd));
  const char *bi = dvv_str(b, DANVAN_F_ISSUER);
  const danvan_entity *qi0 = dvi_kid_first(q, DANVAN_KIND_ISSUER);
  if (bi && qi0) {
    bool found = false;
    for (const danvan_entity *qi = qi0; qi; qi = dvi_kid_next(qi, DANVAN_KIND_ISSUER)) {
      const char *o = dvv_str(qi, DANVAN_F_ORG);
      if (o && strcmp(o, bi) == 0) found = true;
    }
    const char *first = dvv_str(qi0, DANVAN_F_ORG);
    if (!found && first) mismatch(c, b, q, DVV_M_L_ISSUER, bi, first);
  }
}

/* ---- child-outside-parent ----------------------------------------------------------------- */
/* Does the duty's reporters selector take in one of the plan's issuers? */
static bool duty_covers_issuer(const danvan_entity *duty, const danvan_entity *plan) {
  const danvan_entity *sel = dvi_kid_first(duty, DANVAN_KIND_SELECTOR);
  if (!sel || !dvi_kid_first(plan, DANVAN_KIND_ISSUER)) return false;
  const danvan_entity *under = NULL;
  const char *u = dvv_str(sel, DANVAN_F_UNDER);
  if (u) {
    under = dvv_find(dvi_ds_of(sel), u);
    if (!under) return false;
  }
  for (const danvan_entity *is = dvi_kid_first(plan, DANVAN_KIND_ISSUER); is;
       is = dvi_kid_next(is, DANVAN_KIND_ISSUER)) {
    const danvan_entity *o = dvv_ref(is, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
    if (o && dvi_selector_matches(sel, o, under, 0)) return true;
  }
  return false;
}

/* The latest deadline among the parent's duties of a frequency that concern the child plan
   (those whose reporters include an issuer of the child; all of them when none does).
   field: DUE_DATE for once duties, DUE_TIME for daily ones. */
static const danvan_entity *parent_deadline(const danvan_entity *parent, const danvan_entity *child,
                                            const char *freq, int32_t field, int64_t *out) {
  const danvan_entity *best = NULL;
  for (int pass = 0; pass < 2 && !best; pass++)
    for (const danvan_entity *d = dvi_kid_first(parent, DANVAN_KIND_DUTY); d;
         d = dvi_kid_next(d, DANVAN_KIND_DUTY)) {
      const char *f = dvv_str(d, DANVAN_F_FREQUENCY);
      const dvi_value *v = dvi_val(d, field);
      if (!f || strcmp(f, freq) != 0 || !v) continue;
      if (pass == 0 && !duty_covers_issuer(d, child)) continue;
      if (!best || v->u.i > *out) {
        best = d;
        *out = v->u.i;
      }
    }
  return best;
}

static void rule_child(dvv_ctx *c, const danvan_entity *plan) {
  for (const danvan_entity *ba = dvi_kid_first(plan, DANVAN_KIND_BASIS); ba;
       ba = dvi_kid_next(ba, DANVAN_KIND_BASIS)) {
    const danvan_entity *q = dvv_ref(ba, DANVAN_F_PLAN, DANVAN_KIND_PLAN);
    if (!q || q == plan) continue;
    period pp = plan_period(plan), qp = plan_period(q);
    char s[5][32];
    if ((pp.start && qp.start && dvv_date_cmp(pp.start, qp.start) == -1) ||
        (pp.end && qp.end && dvv_date_cmp(pp.end, qp.end) == 1))
      dvv_report(c, DVV_R_CHILD_OUTSIDE_PARENT, plan, DVV_M_CHILD_PERIOD,
                 DVV_ARGS(pp.start ? dvv_fmt_date(s[0], pp.start) : "…",
                          pp.end ? dvv_fmt_date(s[1], pp.end) : "…", danvan_entity_id(q),
                          qp.start ? dvv_fmt_date(s[2], qp.start) : "…",
                          qp.end ? dvv_fmt_date(s[3], qp.end) : "…"));
    for (const danvan_entity *d = dvi_kid_first(plan, DANVAN_KIND_DUTY); d;
         d = dvi_kid_next(d, DANVAN_KIND_DUTY)) {
      const char *f = dvv_str(d, DANVAN_F_FREQUENCY);
      if (!f) continue;
      int64_t limit = 0;
      const dvi_value *v;
      if (strcmp(f, "once") == 0 && (v = dvi_val(d, DANVAN_F_DUE_DATE))) {
        const danvan_entity *pd = parent_deadline(q, plan, "once", DANVAN_F_DUE_DATE, &limit);
        if (pd && dvv_date_cmp((int32_t)v->u.i, (int32_t)limit) == 1)
          dvv_report(c, DVV_R_CHILD_OUTSIDE_PARENT, d, DVV_M_CHILD_DEADLINE,
                     DVV_ARGS(dvv_fmt_date(s[0], (int32_t)v->u.i), dvv_fmt_date(s[1], (int32_t)limit),
                              danvan_entity_id(pd), danvan_entity_id(q)));
      } else if (strcmp(f, "daily") == 0 && (v = dvi_val(d, DANVAN_F_DUE_TIME))) {
        const danvan_entity *pd = parent_deadline(q, plan, "daily", DANVAN_F_DUE_TIME, &limit);
        if (pd && v->u.i > limit) {
          dvi_time_write(s[0], (int32_t)v->u.i);
          dvi_time_write(s[1], (int32_t)limit);
          dvv_report(c, DVV_R_CHILD_OUTSIDE_PARENT, d, DVV_M_CHILD_DUE_TIME,
                     DVV_ARGS(s[0], s[1], danvan_entity_id(pd), danvan_entity_id(q)));
        }
      }
    }
  }
}

/* ---- draft -------------------------------------------------------------------------------- */
static void rule_draft(dvv_ctx *c, const danvan_entity *plan) {
  int32_t d;
  char s[16];
  if (blank(dvv_str(plan, DANVAN_F_NUMBER)))
    dvv_report(c, DVV_R_DRAFT, plan, DVV_M_DRAFT_NUMBER, DVV_ARGS(""));
  if (!dvv_date(plan, DANVAN_F_DATE, &d))
    dvv_report(c, DVV_R_DRAFT, plan, DVV_M_DRAFT_NODATE, DVV_ARGS(""));
  else if (d % 100 == 0)
    dvv_report(c, DVV_R_DRAFT, plan, DVV_M_DRAFT_DAY, DVV_ARGS(dvv_fmt_date(s, d)));
  if (!dvi_kid_first(plan, DANVAN_KIND_SIGNATURE)) {
    dvv_report(c, DVV_R_DRAFT, plan, DVV_M_DRAFT_NOSIG, DVV_ARGS(""));
    return;
  }
  for (const danvan_entity *sg = dvi_kid_first(plan, DANVAN_KIND_SIGNATURE); sg;
       sg = dvi_kid_next(sg, DANVAN_KIND_SIGNATURE)) {
    if (!dvi_val(sg, DANVAN_F_PERSON))
      dvv_report(c, DVV_R_DRAFT, sg, DVV_M_DRAFT_SIG_PERSON, DVV_ARGS(""));
    else if (blank(dvv_str(sg, DANVAN_F_POSITION)))
      dvv_report(c, DVV_R_DRAFT, sg, DVV_M_DRAFT_SIG_POSITION, DVV_ARGS(""));
  }
}

void dvv_rules_dates(dvv_ctx *c) {
  for (size_t i = 0; i < c->nall && !c->failed; i++) {
    const danvan_entity *e = c->all[i];
    if (dvv_on(c, DVV_R_PERIOD_ORDER)) rule_period_order(c, e);
    if (dvv_on(c, DVV_R_OUTSIDE_PERIOD)) rule_outside(c, e);
    if (dvv_on(c, DVV_R_DEADLINE_BEFORE_END)) rule_deadline(c, e);
    switch (dvi_desc(e)->kind) {
      case DANVAN_KIND_BASIS: rule_basis(c, e); break;
      case DANVAN_KIND_PLAN:
        if (dvv_on(c, DVV_R_CHILD_OUTSIDE_PARENT)) rule_child(c, e);
        if (dvv_on(c, DVV_R_DRAFT)) rule_draft(c, e);
        break;
      default: break;
    }
  }
}
