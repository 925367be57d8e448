/* Rules over ids and references: ref, dup-id, cycle, selector-empty-attrs, empty-scope,
   unassigned, invalid-at-date, report-scope, unit-mismatch. */
#include <stdio.h>
#include <string.h>

#include "validate/vinternal.h"

/* ---- ref ---------------------------------------------------------------------------------- */
static void check_other_plan(dvv_ctx *c, const danvan_entity *e, const char *field,
                             const char *id, const danvan_entity *target,
                             const danvan_entity *want_plan) {
  const danvan_entity *tp = dvv_plan_of(target);
  if (!want_plan || !tp || tp == want_plan) return;
  dvv_report(c, DVV_R_REF, e, DVV_M_REF_OTHER_PLAN,
             DVV_ARGS(field, id, danvan_entity_id(tp) ? danvan_entity_id(tp) : "",
                      danvan_entity_id(want_plan) ? danvan_entity_id(want_plan) : ""));
}

static void rule_ref(dvv_ctx *c, const danvan_entity *e) {
  const dvi_kind_desc *kd = dvi_desc(e);
  for (size_t i = 0; i < kd->nfields; i++) {
    const dvi_field_desc *fd = &kd->fields[i];
    const dvi_value *v = dvi_vali(e, (int)i);
    if ((fd->type != DANVAN_TYPE_REF && fd->type != DANVAN_TYPE_REFS) || !v) continue;
    uint32_t n = fd->type == DANVAN_TYPE_REFS ? v->nitems : 1;
    const char *fname = dvi_field_name(fd->field);
    for (uint32_t k = 0; k < n; k++) {
      const char *id = fd->type == DANVAN_TYPE_REFS ? v->items[k] : v->u.s;
      const danvan_entity *t = dvv_find(c->ds, id);
      if (!t) {
        dvv_report(c, DVV_R_REF, e, DVV_M_REF_MISSING,
                   DVV_ARGS(fname, id, dvv_kind_word(c, fd->target)));
        continue;
      }
      int32_t tk = dvi_desc(t)->kind;
      bool ok = fd->target == DANVAN_KIND_ANY
                    ? (tk == DANVAN_KIND_ORGANISATION || tk == DANVAN_KIND_LOCALITY)
                    : tk == fd->target;
      if (!ok) {
        dvv_report(c, DVV_R_REF, e, DVV_M_REF_KIND,
                   DVV_ARGS(fname, id, dvv_kind_word(c, tk), dvv_kind_word(c, fd->target)));
        continue;
      }
      /* references that must stay inside one plan */
      if (kd->kind == DANVAN_KIND_REPORT && fd->field == DANVAN_F_DUTY)
        check_other_plan(c, e, fname, id, t, dvv_ref(e, DANVAN_F_PLAN, DANVAN_KIND_PLAN));
      else if (kd->kind == DANVAN_KIND_TOTAL && fd->field == DANVAN_F_PARTS)
        check_other_plan(c, e, fname, id, t, dvv_plan_of(e));
      else if (kd->kind == DANVAN_KIND_VALUE && fd->field == DANVAN_F_TASK && dvi_parent(e))
        check_other_plan(c, e, fname, id, t,
                         dvv_ref(dvi_parent(e), DANVAN_F_PLAN, DANVAN_KIND_PLAN));
    }
  }
}

/* ---- dup-id ------------------------------------------------------------------------------- */
static void rule_dup_id(dvv_ctx *c, const danvan_entity *e) {
  const char *id = danvan_entity_id(e);
  if (!id) return;
  const danvan_entity *first = dvv_find(c->ds, id);
  if (!first || first == e) return;
  char where[600];
  const char *f = danvan_entity_file(first);
  if (first->line && strcmp(f, danvan_entity_file(e)) != 0)
    snprintf(where, sizeof where, "%s:%u", f, (unsigned)first->line);
  else if (first->line)
    snprintf(where, sizeof where, "%s %u", dvv_msg(c->lang, DVV_M_L_LINE), (unsigned)first->line);
  else
    snprintf(where, sizeof where, "%s", "(API)");
  dvv_report(c, DVV_R_DUP_ID, e, DVV_M_DUP_ID, DVV_ARGS(id, dvv_kind_word(c, dvi_desc(first)->kind), where));
}

/* ---- cycle -------------------------------------------------------------------------------- */
/* Depth-first search over `field` links (parent or successors) between entities of one kind;
   a link back to an entity on the current path closes a loop. Marks: 0 new, 1 on the path,
   2 done. Linear in the number of entities and links. */
typedef struct dfs_frame {
  const danvan_entity *e;
  uint32_t next; /* next link to follow */
} dfs_frame;

static const danvan_entity *link_of(const danvan_entity *e, int32_t field, uint32_t i) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return NULL;
  const char *id = v->items ? (i < v->nitems ? v->items[i] : NULL) : (i == 0 ? v->u.s : NULL);
  if (!id) return NULL;
  const danvan_entity *t = dvv_find(dvi_ds_of(e), id);
  return (t && dvi_desc(t)->kind == dvi_desc(e)->kind) ? t : NULL;
}

static uint32_t link_count(const danvan_entity *e, int32_t field) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return 0;
  return v->items ? v->nitems : 1;
}

static void report_loop(dvv_ctx *c, const dfs_frame *stack, size_t sp, const danvan_entity *back,
                        int32_t field) {
  size_t from = sp;
  while (from > 0 && stack[from - 1].e != back) from--;
  if (from == 0) return;
  from--;
  /* start the chain at the member first in document order */
  size_t first = from;
  for (size_t i = from; i < sp; i++)
    if (dvi_seq(stack[i].e) < dvi_seq(stack[first].e)) first = i;
  dvi_buf chain;
  dvi_buf_init(&chain);
  size_t len = sp - from;
  for (size_t k = 0; k <= len; k++) {
    const danvan_entity *m = stack[from + (first - from + k) % len].e;
    if (k) dvi_buf_adds(&chain, " → ");
    dvi_buf_adds(&chain, danvan_entity_id(m));
  }
  char *s = dvi_buf_take(&chain);
  if (!s) {
    c->failed = true;
    return;
  }
  dvv_report(c, DVV_R_CYCLE, stack[first].e, DVV_M_CYCLE,
             DVV_ARGS(dvv_msg(c->lang, field == DANVAN_F_PARENT ? DVV_M_L_PARENT : DVV_M_L_SUCCESSORS), s));
  dvi_free(s);
}

static void rule_cycle_kind(dvv_ctx *c, int32_t kind, int32_t field) {
  const dvi_hvec *v = dvi_top(c->ds, kind);
  if (!v || !v->n) return;
  memset(c->mark, 0, (size_t)c->nseq + 1);
  size_t cap = 16;
  dfs_frame *stack = dvi_malloc(cap * sizeof *stack);
  if (!stack) {
    c->failed = true;
    return;
  }
  for (uint32_t i = 0; i < v->n; i++) {
    const danvan_entity *root = dvi_top_at(c->ds, v, i);
    if (!danvan_entity_id(root) || c->mark[dvv_ix(c, root)]) continue;
    size_t sp = 0;
    stack[sp].e = root;
    stack[sp++].next = 0;
    c->mark[dvv_ix(c, root)] = 1;
    while (sp) {
      dfs_frame *top = &stack[sp - 1];
      if (top->next >= link_count(top->e, field)) {
        c->mark[dvv_ix(c, top->e)] = 2;
        sp--;
        continue;
      }
      const danvan_entity *t = link_of(top->e, field, top->next++);
      if (!t || dvv_find(c->ds, danvan_entity_id(t)) != t) continue;
      if (c->mark[dvv_ix(c, t)] == 1) {
        report_loop(c, stack, sp, t, field);
        continue;
      }
      if (c->mark[dvv_ix(c, t)] == 2) continue;
      if (sp == cap) {
        cap *= 2;
        dfs_frame *s2 = dvi_realloc(stack, cap * sizeof *stack);
        if (!s2) {
          c->failed = true;
          dvi_free(stack);
          return;
        }
        stack = s2;
      }
      c->mark[dvv_ix(c, t)] = 1;
      stack[sp].e = t;
      stack[sp++].next = 0;
    }
  }
  dvi_free(stack);
}

/* ---- selectors ---------------------------------------------------------------------------- */
static bool selector_has_attrs(const danvan_entity *sel) {
  for (size_t i = 0; i < dvi_desc(sel)->nfields; i++)
    if (dvi_has(sel, (int)i)) return true;
  return false;
}

/* The `under` entity of a selector: NULL when absent; *bad when it does not resolve. */
static const danvan_entity *selector_under(const danvan_entity *sel, bool *bad) {
  *bad = false;
  const char *u = dvv_str(sel, DANVAN_F_UNDER);
  if (!u) return NULL;
  const danvan_entity *t = dvv_find(dvi_ds_of(sel), u);
  if (!t || (dvi_desc(t)->kind != DANVAN_KIND_ORGANISATION && dvi_desc(t)->kind != DANVAN_KIND_LOCALITY)) {
    *bad = true;
    return NULL;
  }
  return t;
}

/* Whether any organisation matches: candidates from the explicit list, else from the
   organisations of the selector's kinds, else all organisations. */
static bool selector_matches_any(dvv_ctx *c, const danvan_entity *sel, const danvan_entity *under) {
  const dvi_value *orgs = dvi_val(sel, DANVAN_F_ORGS), *kinds = dvi_val(sel, DANVAN_F_KIND);
  if (orgs) {
    for (uint32_t i = 0; i < orgs->nitems; i++) {
      const danvan_entity *o = dvv_find(c->ds, orgs->items[i]);
      if (o && dvi_desc(o)->kind == DANVAN_KIND_ORGANISATION && dvi_selector_matches(sel, o, under, 0))
        return true;
    }
    return false;
  }
  if (kinds) {
    for (uint32_t i = 0; i < kinds->nitems; i++)
      for (const danvan_entity *o = dvv_map_get(c->orgs_by_kind, NULL, kinds->items[i]); o;
           o = c->org_next[dvv_ix(c, o)])
        if (dvi_selector_matches(sel, o, under, 0)) return true;
    return false;
  }
  const dvi_hvec *all = dvi_top(c->ds, DANVAN_KIND_ORGANISATION);
  for (uint32_t i = 0; all && i < all->n; i++)
    if (dvi_selector_matches(sel, dvi_top_at(c->ds, all, i), under, 0)) return true;
  return false;
}

static void rule_selector(dvv_ctx *c, const danvan_entity *sel) {
  if (!selector_has_attrs(sel)) {
    dvv_report(c, DVV_R_SELECTOR_EMPTY_ATTRS, sel, DVV_M_SELECTOR_EMPTY, DVV_ARGS(""));
    return;
  }
  if (!dvv_on(c, DVV_R_EMPTY_SCOPE)) return;
  bool bad;
  const danvan_entity *under = selector_under(sel, &bad);
  if (bad) return; /* the ref rule reports it */
  if (!selector_matches_any(c, sel, under))
    dvv_report(c, DVV_R_EMPTY_SCOPE, sel, DVV_M_EMPTY_SCOPE, DVV_ARGS(""));
}

/* ---- unassigned --------------------------------------------------------------------------- */
static void rule_unassigned_task(dvv_ctx *c, const danvan_entity *t) {
  for (const danvan_entity *p = t; p && dvi_desc(p)->kind == DANVAN_KIND_TASK; p = dvi_parent(p))
    if (dvi_val(p, DANVAN_F_LEAD)) return;
  dvv_report(c, DVV_R_UNASSIGNED, t, DVV_M_UNASSIGNED_TASK, DVV_ARGS(""));
}

static bool valid_on(const danvan_entity *e, int32_t date) {
  int32_t from, to;
  if (!date) return true;
  if (dvv_date(e, DANVAN_F_FROM, &from) && dvv_date_cmp(date, from) == -1) return false;
  if (dvv_date(e, DANVAN_F_TO, &to) && dvv_date_cmp(date, to) == 1) return false;
  return true;
}

static int32_t plan_ref_date(const dvv_ctx *c, const danvan_entity *plan) {
  int32_t d;
  if (c->opts->as_of) return c->opts->as_of;
  if (dvv_date(plan, DANVAN_F_DATE, &d) && d % 100) return d;
  if (dvv_date(plan, DANVAN_F_START, &d)) return d;
  if (dvv_date(plan, DANVAN_F_DATE, &d)) return d;
  return 0;
}

static void rule_unassigned_plan(dvv_ctx *c, const danvan_entity *plan) {
#define EACH(v, parent, kind) (const danvan_entity *v = dvi_kid_first(parent, kind); v; v = dvi_kid_next(v, kind))
  if (!dvi_kid_first(plan, DANVAN_KIND_ISSUER)) return;
  /* mark what the issuers' members are responsible for (mark bit 4) */
  bool any = false;
  for EACH(is, plan, DANVAN_KIND_ISSUER) {
    const danvan_entity *org = dvv_ref(is, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
    if (!org) continue;
    for EACH(mem, org, DANVAN_KIND_MEMBER) {
      for EACH(ar, mem, DANVAN_KIND_AREA) {
        const danvan_entity *loc = dvv_ref(ar, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
        if (loc) {
          c->mark[dvv_ix(c, loc)] |= 4;
          any = true;
        }
      }
    }
  }
  int32_t date = plan_ref_date(c, plan);
  for EACH(is, plan, DANVAN_KIND_ISSUER) {
    if (!any) break;
    const danvan_entity *org = dvv_ref(is, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
    const danvan_entity *area = org ? dvv_ref(org, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY) : NULL;
    if (!area || (c->mark[dvv_ix(c, area)] & 8)) continue; /* no area, or done for another issuer */
    c->mark[dvv_ix(c, area)] |= 8;
    /* the whole area is covered when it or an ancestor is someone's responsibility */
    bool whole = false;
    size_t guard = c->nseq;
    for (const danvan_entity *p = area; p && guard--; p = dvv_ref(p, DANVAN_F_PARENT, DANVAN_KIND_LOCALITY))
      if (c->mark[dvv_ix(c, p)] & 4) whole = true;
    if (whole) continue;
    for (const danvan_entity *ch = c->loc_child[dvv_ix(c, area)]; ch; ch = c->loc_sib[dvv_ix(c, ch)]) {
      if ((c->mark[dvv_ix(c, ch)] & 4) || !valid_on(ch, date)) continue;
      const char *oname = dvv_str(org, DANVAN_F_NAME);
      const char *lname = dvv_str(ch, DANVAN_F_NAME);
      dvv_report(c, DVV_R_UNASSIGNED, is, DVV_M_UNASSIGNED_LOC,
                 DVV_ARGS(oname ? oname : danvan_entity_id(org), lname ? lname : danvan_entity_id(ch),
                          danvan_entity_id(ch)));
    }
  }
  /* clear the marks */
  for EACH(is, plan, DANVAN_KIND_ISSUER) {
    const danvan_entity *org = dvv_ref(is, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
    if (!org) continue;
    const danvan_entity *area = dvv_ref(org, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
    if (area) c->mark[dvv_ix(c, area)] = 0;
    for EACH(mem, org, DANVAN_KIND_MEMBER) {
      for EACH(ar, mem, DANVAN_KIND_AREA) {
        const danvan_entity *loc = dvv_ref(ar, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
        if (loc) c->mark[dvv_ix(c, loc)] = 0;
      }
    }
  }
#undef EACH
}

/* ---- invalid-at-date ---------------------------------------------------------------------- */
static int32_t report_ref_date(const dvv_ctx *c, const danvan_entity *r) {
  int32_t d;
  if (c->opts->as_of) return c->opts->as_of;
  if (dvv_date(r, DANVAN_F_END, &d) || dvv_date(r, DANVAN_F_START, &d)) return d;
  const dvi_value *s = dvi_val(r, DANVAN_F_SUBMITTED);
  if (s && danvan_datetime_to_parts(&d, NULL, s->u.i) == DANVAN_OK) return d;
  if (dvv_date(r, DANVAN_F_DATE, &d)) return d;
  return 0;
}

static void check_valid(dvv_ctx *c, const danvan_entity *user, const danvan_entity *t, int32_t date) {
  if (valid_on(t, date)) return;
  char d0[16], d1[16], d2[16];
  int32_t from, to;
  const char *sfrom = dvv_date(t, DANVAN_F_FROM, &from) ? dvv_fmt_date(d1, from) : "…";
  const char *sto = dvv_date(t, DANVAN_F_TO, &to) ? dvv_fmt_date(d2, to) : "…";
  const dvi_value *succ = dvi_val(t, DANVAN_F_SUCCESSORS);
  const char *kw = dvv_kind_word(c, dvi_desc(t)->kind);
  if (succ && succ->nitems) {
    dvi_buf b;
    dvi_buf_init(&b);
    for (uint32_t i = 0; i < succ->nitems; i++) {
      if (i) dvi_buf_adds(&b, ", ");
      dvi_buf_adds(&b, succ->items[i]);
    }
    char *s = dvi_buf_take(&b);
    if (!s) {
      c->failed = true;
      return;
    }
    dvv_report(c, DVV_R_INVALID_AT_DATE, user, DVV_M_INVALID_AT_SUCC,
               DVV_ARGS(kw, danvan_entity_id(t), dvv_fmt_date(d0, date), sfrom, sto, s));
    dvi_free(s);
  } else {
    dvv_report(c, DVV_R_INVALID_AT_DATE, user, DVV_M_INVALID_AT,
               DVV_ARGS(kw, danvan_entity_id(t), dvv_fmt_date(d0, date), sfrom, sto));
  }
}

static void rule_invalid_at(dvv_ctx *c, const danvan_entity *e) {
  /* the document the entity belongs to gives the date */
  const danvan_entity *doc = e;
  while (doc && dvi_desc(doc)->kind != DANVAN_KIND_PLAN && dvi_desc(doc)->kind != DANVAN_KIND_REPORT)
    doc = dvi_parent(doc);
  if (!doc) return;
  int32_t date = dvi_desc(doc)->kind == DANVAN_KIND_PLAN ? plan_ref_date(c, doc) : report_ref_date(c, doc);
  if (!date) return;
  if (date % 100 == 0) date += 1; /* a partial date: its first day */
  const dvi_kind_desc *kd = dvi_desc(e);
  for (size_t i = 0; i < kd->nfields; i++) {
    const dvi_field_desc *fd = &kd->fields[i];
    if ((fd->type != DANVAN_TYPE_REF && fd->type != DANVAN_TYPE_REFS) || !dvi_has(e, (int)i)) continue;
    if (fd->target != DANVAN_KIND_ORGANISATION && fd->target != DANVAN_KIND_LOCALITY &&
        fd->target != DANVAN_KIND_ANY)
      continue;
    if (fd->field == DANVAN_F_SUCCESSORS) continue;
    const dvi_value *v = dvi_vali(e, (int)i);
    uint32_t n = fd->type == DANVAN_TYPE_REFS ? v->nitems : 1;
    for (uint32_t k = 0; k < n; k++) {
      const danvan_entity *t = dvv_find(c->ds, fd->type == DANVAN_TYPE_REFS ? v->items[k] : v->u.s);
      if (t && (dvi_desc(t)->kind == DANVAN_KIND_ORGANISATION || dvi_desc(t)->kind == DANVAN_KIND_LOCALITY))
        check_valid(c, e, t, date);
    }
  }
}

/* ---- report-scope ------------------------------------------------------------------------- */
static void rule_report_scope(dvv_ctx *c, const danvan_entity *r) {
  const danvan_entity *duty = dvv_ref(r, DANVAN_F_DUTY, DANVAN_KIND_DUTY);
  const danvan_entity *org = dvv_ref(r, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
  const danvan_entity *sel0 = duty ? dvi_kid_first(duty, DANVAN_KIND_SELECTOR) : NULL;
  if (org && sel0 && selector_has_attrs(sel0)) {
    bool bad;
    const danvan_entity *under = selector_under(sel0, &bad);
    if (!bad && !dvi_selector_matches(sel0, org, under, 0))
      dvv_report(c, DVV_R_REPORT_SCOPE, r, DVV_M_REPORT_ORG,
                 DVV_ARGS(danvan_entity_id(org), danvan_entity_id(duty)));
  }
  const danvan_entity *plan = dvv_ref(r, DANVAN_F_PLAN, DANVAN_KIND_PLAN);
  for (const danvan_entity *va = plan ? dvi_kid_first(r, DANVAN_KIND_VALUE) : NULL; va;
       va = dvi_kid_next(va, DANVAN_KIND_VALUE)) {
    const char *m = dvv_str(va, DANVAN_F_METRIC);
    if (m && !dvv_map_get(c->plan_metrics, plan, m))
      dvv_report(c, DVV_R_REPORT_SCOPE, va, DVV_M_REPORT_METRIC,
                 DVV_ARGS(danvan_entity_id(plan), m));
  }
}

/* ---- unit-mismatch ------------------------------------------------------------------------ */
static void rule_unit_anyof(dvv_ctx *c, const danvan_entity *q) {
  const dvi_value *v = dvi_val(q, DANVAN_F_METRICS);
  if (!v || v->nitems < 2) return;
  const char *unit0 = NULL;
  bool differ = false;
  for (uint32_t i = 0; i < v->nitems; i++) {
    const danvan_entity *m = dvv_find(c->ds, v->items[i]);
    const char *u = (m && dvi_desc(m)->kind == DANVAN_KIND_METRIC) ? dvv_str(m, DANVAN_F_UNIT) : NULL;
    if (!u) continue;
    if (!unit0) unit0 = u;
    else if (strcmp(u, unit0) != 0) differ = true;
  }
  if (!differ) return;
  dvi_buf b;
  dvi_buf_init(&b);
  for (uint32_t i = 0; i < v->nitems; i++) {
    const danvan_entity *m = dvv_find(c->ds, v->items[i]);
    const char *u = (m && dvi_desc(m)->kind == DANVAN_KIND_METRIC) ? dvv_str(m, DANVAN_F_UNIT) : NULL;
    dvi_buf_printf(&b, "%s%s (%s)", i ? ", " : "", v->items[i], u ? u : "?");
  }
  char *s = dvi_buf_take(&b);
  if (!s) {
    c->failed = true;
    return;
  }
  dvv_report(c, DVV_R_UNIT_MISMATCH, q, DVV_M_UNIT_ANYOF, DVV_ARGS(s));
  dvi_free(s);
}

static void rule_unit_currency(dvv_ctx *c, const danvan_entity *t) {
  const char *cur = dvv_str(t, DANVAN_F_CURRENCY);
  if (!cur || strcmp(cur, "VND") == 0 || !dvi_val(t, DANVAN_F_COST)) return;
  for (const danvan_entity *me = dvi_kid_first(t, DANVAN_KIND_MEASURE); me;
       me = dvi_kid_next(me, DANVAN_KIND_MEASURE)) {
    const danvan_entity *m = dvv_ref(me, DANVAN_F_METRIC, DANVAN_KIND_METRIC);
    if (m && (dvi_val(m, DANVAN_F_MIN_UNIT_COST) || dvi_val(m, DANVAN_F_MAX_UNIT_COST))) {
      dvv_report(c, DVV_R_UNIT_MISMATCH, t, DVV_M_UNIT_CURRENCY, DVV_ARGS(cur));
      return;
    }
  }
}

/* ---- driver ------------------------------------------------------------------------------- */
void dvv_rules_model(dvv_ctx *c) {
  if (dvv_on(c, DVV_R_CYCLE)) {
    rule_cycle_kind(c, DANVAN_KIND_LOCALITY, DANVAN_F_PARENT);
    rule_cycle_kind(c, DANVAN_KIND_ORGANISATION, DANVAN_F_PARENT);
    rule_cycle_kind(c, DANVAN_KIND_LOCALITY, DANVAN_F_SUCCESSORS);
    rule_cycle_kind(c, DANVAN_KIND_ORGANISATION, DANVAN_F_SUCCESSORS);
  }
  memset(c->mark, 0, (size_t)c->nseq + 1);
  for (size_t i = 0; i < c->nall && !c->failed; i++) {
    const danvan_entity *e = c->all[i];
    int32_t k = dvi_desc(e)->kind;
    if (k == DANVAN_KIND_FOREIGN) continue;
    if (dvv_on(c, DVV_R_REF)) rule_ref(c, e);
    if (dvv_on(c, DVV_R_DUP_ID)) rule_dup_id(c, e);
    if (dvv_on(c, DVV_R_INVALID_AT_DATE)) rule_invalid_at(c, e);
    switch (k) {
      case DANVAN_KIND_SELECTOR: rule_selector(c, e); break;
      case DANVAN_KIND_TASK:
        if (dvv_on(c, DVV_R_UNASSIGNED)) rule_unassigned_task(c, e);
        if (dvv_on(c, DVV_R_UNIT_MISMATCH)) rule_unit_currency(c, e);
        break;
      case DANVAN_KIND_PLAN:
        if (dvv_on(c, DVV_R_UNASSIGNED)) rule_unassigned_plan(c, e);
        break;
      case DANVAN_KIND_QUOTA:
        if (dvv_on(c, DVV_R_UNIT_MISMATCH)) rule_unit_anyof(c, e);
        break;
      case DANVAN_KIND_REPORT:
        if (dvv_on(c, DVV_R_REPORT_SCOPE)) rule_report_scope(c, e);
        break;
      default: break;
    }
  }
}
