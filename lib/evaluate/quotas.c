/* Quotas: what each unit in scope achieved, whether it met the quota, and the quota's result. */
#include <stdlib.h>
#include <string.h>

#include "evaluate/eval.h"

static int32_t aggregate_of(const danvan_dataset *ds, const char *metric) {
  const danvan_entity *m = dvi_ev_find(ds, metric, DANVAN_KIND_METRIC);
  const dvi_value *a = m ? dvi_val(m, DANVAN_F_AGGREGATE) : NULL;
  if (!a) return EV_AGG_SUM;
  if (strcmp(a->u.s, "max") == 0) return EV_AGG_MAX;
  if (strcmp(a->u.s, "min") == 0) return EV_AGG_MIN;
  if (strcmp(a->u.s, "last") == 0) return EV_AGG_LAST;
  return EV_AGG_SUM;
}

static ev_dec dec_field(const danvan_entity *e, int32_t field, int64_t c, int32_t s, bool *has) {
  const dvi_value *v = dvi_val(e, field);
  ev_dec d = {c, s};
  if (has) *has = v != NULL;
  if (v) {
    d.c = v->u.i;
    d.s = v->scale;
  }
  return d;
}

static int32_t add_metric(danvan_evaluation *ev, ev_quota *q, const char *id) {
  const char *in = dvi_ev_intern(ev, id);
  if (!in) return dvi_error(DANVAN_ENOMEM, "out of memory");
  q->metrics[q->nmetrics] = in;
  q->aggs[q->nmetrics] = aggregate_of(ev->ds, id);
  q->nmetrics++;
  return DANVAN_OK;
}

static int32_t add_unit(ev_quota *q, const danvan_entity *org, uint32_t *cap) {
  if (dvi_ptrmap_get(&q->unit_index, org) >= 0) return DANVAN_OK;
  if (q->nunits == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 8;
    const danvan_entity **u = dvi_realloc(q->units, ncap * sizeof *u);
    if (!u) return dvi_error(DANVAN_ENOMEM, "out of memory");
    q->units = u;
    *cap = ncap;
  }
  q->units[q->nunits] = org;
  if (!dvi_ptrmap_put(&q->unit_index, org, (int32_t)q->nunits))
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  q->nunits++;
  return DANVAN_OK;
}

int32_t dvi_ev_setup_quota(danvan_evaluation *ev, ev_quota *q, const danvan_entity *quota) {
  q->e = quota;
  const dvi_value *num = dvi_val(quota, DANVAN_F_NUMERATOR), *den = dvi_val(quota, DANVAN_F_DENOMINATOR);
  const dvi_value *any = dvi_val(quota, DANVAN_F_METRICS), *one = dvi_val(quota, DANVAN_F_METRIC);
  uint32_t n = (num && den) ? 2 : (any && any->nitems) ? any->nitems : one ? 1 : 0;
  q->metrics = dvi_calloc(n ? n : 1, sizeof *q->metrics);
  q->aggs = dvi_calloc(n ? n : 1, sizeof *q->aggs);
  if (!q->metrics || !q->aggs) return dvi_error(DANVAN_ENOMEM, "out of memory");
  int32_t rc = DANVAN_OK;
  if (num && den) {
    q->kind = EV_Q_RATIO;
    if ((rc = add_metric(ev, q, num->u.s)) || (rc = add_metric(ev, q, den->u.s))) return rc;
  } else if (any && any->nitems) {
    q->kind = EV_Q_ANYOF;
    for (uint32_t i = 0; i < any->nitems; i++)
      if ((rc = add_metric(ev, q, any->items[i]))) return rc;
  } else {
    q->kind = EV_Q_METRIC;
    if (one && (rc = add_metric(ev, q, one->u.s))) return rc;
  }
  const dvi_value *mode = dvi_val(quota, DANVAN_F_MODE);
  q->each = !(mode && strcmp(mode->u.s, "total") == 0);
  q->start = dvi_ev_date(quota, DANVAN_F_START);
  q->end = dvi_ev_date(quota, DANVAN_F_END);
  if (!q->start) q->start = dvi_ev_date(ev->plan, DANVAN_F_START);
  if (!q->end) q->end = dvi_ev_date(ev->plan, DANVAN_F_END);
  q->min = dec_field(quota, DANVAN_F_MIN, 0, 0, &q->has_min);
  q->max = dec_field(quota, DANVAN_F_MAX, 0, 0, &q->has_max);
  q->coverage = dec_field(quota, DANVAN_F_COVERAGE, 1, 0, NULL);
  q->weight = dec_field(quota, DANVAN_F_WEIGHT, 1, 0, NULL);

  /* units in scope: the selector, else the owner, else the plan's issuers */
  uint32_t cap = 0;
  if (dvi_kid_first(quota, DANVAN_KIND_SELECTOR)) {
    danvan_entity_list *l = NULL;
    rc = danvan_selector_resolve(&l, quota, q->start);
    if (rc == DANVAN_ENOMEM) return rc;
    for (size_t i = 0; rc == DANVAN_OK && i < l->n; i++) rc = add_unit(q, l->items[i], &cap);
    danvan_entity_list_free(l);
    if (rc == DANVAN_ENOMEM) return rc;
    rc = DANVAN_OK;
  } else {
    const danvan_entity *owner = dvi_ev_ref(ev->ds, quota, DANVAN_F_OWNER, DANVAN_KIND_ORGANISATION);
    if (owner) {
      rc = add_unit(q, owner, &cap);
    } else {
      for (const danvan_entity *is = dvi_kid_first(ev->plan, DANVAN_KIND_ISSUER); is && !rc;
           is = dvi_kid_next(is, DANVAN_KIND_ISSUER)) {
        const danvan_entity *o = dvi_ev_ref(ev->ds, is, DANVAN_F_ORG, DANVAN_KIND_ORGANISATION);
        if (o) rc = add_unit(q, o, &cap);
      }
    }
  }
  return rc;
}

/* Units by locality, for the locality credit: chains in unit order. Built when a value with
   a locality below its reporter's first needs them (most report sets have none). */
static int32_t loc_chains(danvan_evaluation *ev, ev_quota *q) {
  if (q->loc_next) return DANVAN_OK;
  q->loc_next = dvi_malloc(q->nunits * sizeof *q->loc_next);
  if (!q->loc_next) return dvi_error(DANVAN_ENOMEM, "out of memory");
  for (uint32_t k = q->nunits; k-- > 0;) {
    const danvan_entity *lu = dvi_ev_ref(ev->ds, q->units[k], DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
    q->loc_next[k] = -1;
    if (!lu) continue;
    int32_t head = dvi_ptrmap_get(&q->loc_first, lu);
    if (head >= 0) q->loc_next[k] = head;
    if (!dvi_ptrmap_set(&q->loc_first, lu, (int32_t)k)) {
      dvi_free(q->loc_next);
      q->loc_next = NULL;
      dvi_ptrmap_free(&q->loc_first);
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    }
  }
  return DANVAN_OK;
}

void dvi_ev_quota_free(ev_quota *q) {
  for (uint32_t i = 0; i < q->ncells; i++) dvi_free(q->cells[i].units);
  dvi_free(q->cells);
  dvi_free(q->cell_slots);
  dvi_free(q->metrics);
  dvi_free(q->aggs);
  dvi_free(q->metric_of);
  dvi_free(q->units);
  dvi_free(q->loc_next);
  dvi_ptrmap_free(&q->unit_index);
  dvi_ptrmap_free(&q->loc_first);
}

int dvi_ev_key_cmp(const ev_key *a, const ev_key *b) {
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  if (a->submitted != b->submitted) return a->submitted < b->submitted ? -1 : 1;
  if (a->report == b->report) return 0;
  if (!a->report) return -1;
  if (!b->report) return 1;
  return strcmp(a->report, b->report);
}

/* ---- cells ------------------------------------------------------------------------------- */
static uint64_t cell_hash(const char *r, const char *l, uint32_t m) {
  uint64_t h = (uint64_t)(uintptr_t)r * 0x9E3779B97F4A7C15ULL;
  h ^= (uint64_t)(uintptr_t)l * 0xC2B2AE3D27D4EB4FULL + m;
  h ^= h >> 31;
  return h * 0xff51afd7ed558ccdULL;
}

static bool cells_rehash(ev_quota *q, size_t cap) {
  uint32_t *slots = dvi_calloc(cap, sizeof *slots);
  if (!slots) return false;
  for (uint32_t i = 0; i < q->ncells; i++) {
    const ev_cell *c = &q->cells[i];
    size_t j = cell_hash(c->reporter, c->locality, c->metric) & (cap - 1);
    while (slots[j]) j = (j + 1) & (cap - 1);
    slots[j] = i + 1;
  }
  dvi_free(q->cell_slots);
  q->cell_slots = slots;
  q->cell_cap = cap;
  return true;
}

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

/* Append unit k to a growable list once. */
static bool push_unit(int32_t **units, uint32_t *n, uint32_t *cap, int32_t k) {
  for (uint32_t i = 0; i < *n; i++)
    if ((*units)[i] == k) return true;
  if (*n == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 4;
    int32_t *u = dvi_realloc(*units, ncap * sizeof *u);
    if (!u) return false;
    *units = u;
    *cap = ncap;
  }
  (*units)[(*n)++] = k;
  return true;
}

/* The units of q credited by values of `rep` carrying `loc`. Parents are followed through
   the evaluation's reference maps (each resolved once), as dvi_ev_ref() would find them. */
static int32_t credit(danvan_evaluation *ev, ev_quota *q, ev_cell *c, ev_ref *rep, ev_ref *loc) {
  const danvan_dataset *ds = ev->ds;
  if (!rep->e || !q->nunits) return DANVAN_OK;
  int32_t *units = NULL;
  uint32_t n = 0, cap = 0;
  bool ok = true;
  int32_t rc = DANVAN_OK;
  /* organisation tree: the reporter and its ancestors */
  size_t guard = ds->nentities + 1;
  for (ev_ref *a = rep; a && guard-- && ok && !rc; a = dvi_ev_parent(ev, &ev->orgs, a, &rc)) {
    int32_t k = dvi_ptrmap_get(&q->unit_index, a->e);
    if (k >= 0) ok = push_unit(&units, &n, &cap, k);
  }
  /* locality tree: units of the value's area below the reporter's own area */
  ev_ref *lv = ev->opts.locality_credit && loc && loc->e ? loc : NULL;
  ev_ref *lr = lv && !rc ? dvi_ev_locality(ev, rep, &rc) : NULL;
  if (lv && lr && lv->e != lr->e && ok && !rc) {
    /* is the value's locality strictly below the reporter's? (bounded against cycles) */
    bool below = false;
    guard = ds->nentities + 1;
    for (ev_ref *p = dvi_ev_parent(ev, &ev->locs, lv, &rc); p && guard-- && !below && !rc;
         p = dvi_ev_parent(ev, &ev->locs, p, &rc))
      below = p->e == lr->e;
    if (below && !rc) rc = loc_chains(ev, q);
    /* the localities from the value's up to (not including) the reporter's */
    guard = ds->nentities + 1;
    for (ev_ref *l = lv; below && l && l->e != lr->e && guard-- && ok && !rc;
         l = dvi_ev_parent(ev, &ev->locs, l, &rc))
      for (int32_t k = dvi_ptrmap_get(&q->loc_first, l->e); k >= 0 && ok; k = q->loc_next[k])
        ok = push_unit(&units, &n, &cap, k);
  }
  if (!ok || rc) {
    dvi_free(units);
    return rc ? rc : dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  if (n) qsort(units, n, sizeof *units, cmp_i32);
  c->units = units;
  c->nunits = n;
  return DANVAN_OK;
}

static int32_t find_cell(danvan_evaluation *ev, ev_quota *q, ev_ref *rep, ev_ref *loc,
                         uint32_t m, ev_cell **out) {
  const char *reporter = rep->id, *locality = loc ? loc->id : NULL;
  /* values without a locality: the reporter's own cache of its cells */
  uint32_t *known = NULL;
  if (!loc) {
    if (!rep->cells && !(rep->cells = dvi_arena_alloc(&ev->arena, ev->ncellkeys * sizeof *rep->cells)))
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    known = &rep->cells[q->cell_base + m];
    if (*known) {
      *out = &q->cells[*known - 1];
      return DANVAN_OK;
    }
  }
  if (q->cell_cap) {
    size_t mask = q->cell_cap - 1;
    for (size_t j = cell_hash(reporter, locality, m) & mask; q->cell_slots[j]; j = (j + 1) & mask) {
      ev_cell *c = &q->cells[q->cell_slots[j] - 1];
      if (c->reporter == reporter && c->locality == locality && c->metric == m) {
        if (known) *known = q->cell_slots[j];
        *out = c;
        return DANVAN_OK;
      }
    }
  }
  if (((size_t)q->ncells + 1) * 4 > q->cell_cap * 3 &&
      !cells_rehash(q, q->cell_cap ? q->cell_cap * 2 : 64))
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  if (q->ncells == q->capcells) {
    uint32_t cap = q->capcells ? q->capcells * 2 : 16;
    ev_cell *cells = dvi_realloc(q->cells, cap * sizeof *cells);
    if (!cells) return dvi_error(DANVAN_ENOMEM, "out of memory");
    q->cells = cells;
    q->capcells = cap;
  }
  ev_cell *c = &q->cells[q->ncells];
  memset(c, 0, sizeof *c);
  c->reporter = reporter;
  c->locality = locality;
  c->metric = m;
  int32_t rc = credit(ev, q, c, rep, loc);
  if (rc) return rc;
  size_t mask = q->cell_cap - 1;
  size_t j = cell_hash(reporter, locality, m) & mask;
  while (q->cell_slots[j]) j = (j + 1) & mask;
  q->cell_slots[j] = ++q->ncells;
  if (known) *known = q->ncells;
  *out = c;
  return DANVAN_OK;
}

/* Combine b into a by an aggregate (not last). */
static int32_t combine(ev_dec *a, ev_dec b, int32_t agg) {
  switch (agg) {
    case EV_AGG_MAX:
      if (dvi_decimal_cmp(b.c, b.s, a->c, a->s) > 0) *a = b;
      return DANVAN_OK;
    case EV_AGG_MIN:
      if (dvi_decimal_cmp(b.c, b.s, a->c, a->s) < 0) *a = b;
      return DANVAN_OK;
    default:
      return dvi_decimal_add(&a->c, &a->s, a->c, a->s, b.c, b.s);
  }
}

int32_t dvi_ev_quota_add(danvan_evaluation *ev, ev_quota *q, ev_ref *reporter,
                         ev_ref *locality, uint32_t m, ev_dec value, bool cumulative,
                         const ev_key *key, bool *credited) {
  if (q->start && key->date && key->date < q->start) return DANVAN_OK;
  if (q->end && key->date && key->date > q->end) return DANVAN_OK;
  ev_cell *c = NULL;
  int32_t rc = find_cell(ev, q, reporter, locality, m, &c);
  if (rc) return rc;
  if (!c->nunits) return DANVAN_OK;
  *credited = true;
  int32_t agg = q->aggs[m];
  if (cumulative) {
    int k = c->has_cum ? dvi_ev_key_cmp(key, &c->cum_key) : 1;
    if (k > 0 || (k == 0 && agg == EV_AGG_LAST)) {
      c->cum = value;
      c->cum_key = *key;
      c->has_cum = true;
    } else if (k == 0) {
      return combine(&c->cum, value, agg);
    }
    return DANVAN_OK;
  }
  if (!c->has_inc) {
    c->inc = value;
    c->inc_key = *key;
    c->has_inc = true;
    return DANVAN_OK;
  }
  if (agg == EV_AGG_LAST) {
    if (dvi_ev_key_cmp(key, &c->inc_key) >= 0) {
      c->inc = value;
      c->inc_key = *key;
    }
    return DANVAN_OK;
  }
  if (dvi_ev_key_cmp(key, &c->inc_key) > 0) c->inc_key = *key;
  return combine(&c->inc, value, agg);
}

/* ---- results ----------------------------------------------------------------------------- */
typedef struct acc {
  bool has;
  ev_dec v;
  ev_key key;
} acc;

static int32_t acc_add(acc *a, ev_dec v, const ev_key *key, int32_t agg) {
  if (!a->has) {
    a->has = true;
    a->v = v;
    a->key = *key;
    return DANVAN_OK;
  }
  if (agg == EV_AGG_LAST) {
    if (dvi_ev_key_cmp(key, &a->key) > 0) {
      a->v = v;
      a->key = *key;
    }
    return DANVAN_OK;
  }
  return combine(&a->v, v, agg);
}

static bool mul_dec(ev_dec a, ev_dec b, ev_dec *out) {
  int64_t r;
  if (__builtin_mul_overflow(a.c, b.c, &r)) return false;
  int32_t s = a.s + b.s;
  while (s > DANVAN_DECIMAL_MAX_SCALE) {
    if (r % 10) return false;
    r /= 10;
    s--;
  }
  out->c = r;
  out->s = s;
  return true;
}

static long double dec_ld(ev_dec d) {
  long double v = (long double)d.c;
  for (int32_t i = 0; i < d.s; i++) v /= 10;
  return v;
}

/* Compare n/d with t exactly when possible (d > 0). */
static int ratio_cmp(ev_dec n, ev_dec d, ev_dec t) {
  ev_dec p;
  if (mul_dec(t, d, &p)) return dvi_decimal_cmp(n.c, n.s, p.c, p.s);
  long double r = dec_ld(n) / dec_ld(d), x = dec_ld(t);
  return (r > x) - (r < x);
}

/* n/d rounded half away from zero to 4 decimals, as a decimal of scale 4. */
static ev_dec ratio_e4(ev_dec n, ev_dec d) {
  ev_dec out = {0, 4};
  bool neg = (n.c < 0) != (d.c < 0);
  uint64_t nc = n.c < 0 ? (uint64_t)0 - (uint64_t)n.c : (uint64_t)n.c;
  uint64_t dc = d.c < 0 ? (uint64_t)0 - (uint64_t)d.c : (uint64_t)d.c;
  /* n/d = nc·10^d.s / (dc·10^n.s) */
  bool ok = true;
  for (int32_t i = 0; i < d.s && ok; i++) ok = !__builtin_mul_overflow(nc, 10u, &nc);
  for (int32_t i = 0; i < n.s && ok; i++) ok = !__builtin_mul_overflow(dc, 10u, &dc);
  int64_t e4;
  if (ok) {
    e4 = dvi_frac_e4(nc, dc);
  } else {
    long double r = dec_ld(n) / dec_ld(d);
    if (r < 0) r = -r;
    e4 = (int64_t)(r * 10000.0L + 0.5L);
  }
  out.c = neg ? -e4 : e4;
  return out;
}

/* The quota's value from per-metric accumulators; *has false when undefined. */
static int32_t quota_value(const ev_quota *q, const acc *a, ev_dec *out, bool *has, bool *met) {
  *has = true;
  ev_dec v = {0, 0};
  if (q->kind == EV_Q_RATIO) {
    ev_dec n = a[0].has ? a[0].v : v, d = a[1].has ? a[1].v : v;
    if (d.c <= 0) {
      *has = false;
      *met = false;
      *out = v;
      return DANVAN_OK;
    }
    *out = ratio_e4(n, d);
    *met = (!q->has_min || ratio_cmp(n, d, q->min) >= 0) &&
           (!q->has_max || ratio_cmp(n, d, q->max) <= 0) && (q->has_min || q->has_max || n.c > 0);
    return DANVAN_OK;
  }
  for (uint32_t m = 0; m < q->nmetrics; m++)
    if (a[m].has) {
      int32_t rc = dvi_decimal_add(&v.c, &v.s, v.c, v.s, a[m].v.c, a[m].v.s);
      if (rc) return rc;
    }
  *out = v;
  *met = (!q->has_min || dvi_decimal_cmp(v.c, v.s, q->min.c, q->min.s) >= 0) &&
         (!q->has_max || dvi_decimal_cmp(v.c, v.s, q->max.c, q->max.s) <= 0) &&
         (q->has_min || q->has_max || v.c > 0);
  return DANVAN_OK;
}

static const ev_key *cell_value(const ev_cell *c, ev_dec *v) {
  if (c->has_cum) {
    *v = c->cum;
    return &c->cum_key;
  }
  *v = c->inc;
  return &c->inc_key;
}

int32_t dvi_ev_quota_finish(danvan_evaluation *ev, ev_quota *q, ev_quota_row *rows,
                            ev_result_row *res) {
  (void)ev;
  uint32_t nm = q->nmetrics ? q->nmetrics : 1;
  acc *units = dvi_calloc((size_t)q->nunits * nm + nm, sizeof *units);
  if (!units) return dvi_error(DANVAN_ENOMEM, "out of memory");
  acc *total = units + (size_t)q->nunits * nm;
  int32_t rc = DANVAN_OK;
  for (uint32_t i = 0; i < q->ncells && !rc; i++) {
    const ev_cell *c = &q->cells[i];
    if (!c->nunits || (!c->has_cum && !c->has_inc)) continue;
    ev_dec v;
    const ev_key *key = cell_value(c, &v);
    int32_t agg = q->aggs[c->metric];
    for (uint32_t k = 0; k < c->nunits && !rc; k++)
      rc = acc_add(&units[(size_t)c->units[k] * nm + c->metric], v, key, agg);
    if (!rc) rc = acc_add(&total[c->metric], v, key, agg);
  }
  int64_t met_units = 0;
  bool total_has = false, total_met = false;
  ev_dec total_v = {0, 0};
  if (!rc) rc = quota_value(q, total, &total_v, &total_has, &total_met);
  for (uint32_t k = 0; k < q->nunits && !rc; k++) {
    ev_quota_row *r = &rows[k];
    r->quota = q->id;
    r->org = danvan_entity_id(q->units[k]); /* the dataset's string (kept alive) */
    if (!r->org) rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    bool met = false;
    if (!rc) rc = quota_value(q, &units[(size_t)k * nm], &r->achieved, &r->has_achieved, &met);
    r->met = q->each ? met : total_met;
    r->weight = q->weight;
    if (r->met) met_units++;
  }
  dvi_free(units);
  if (rc) return rc;
  res->quota = q->id;
  res->mode = q->each ? "each" : "total";
  res->units = q->nunits;
  res->met_units = met_units;
  res->required = q->coverage;
  res->has_achieved = total_has;
  res->achieved = total_v;
  res->has_min = q->has_min;
  res->min = q->min;
  res->has_max = q->has_max;
  res->max = q->max;
  res->weight = q->weight;
  if (!q->nunits) {
    res->met = false;
  } else if (!q->each) {
    res->met = total_met;
  } else {
    /* met_units / units >= coverage  <=>  met_units · 10^s >= coef · units */
    ev_dec lhs = {met_units, 0}, units_d = {q->nunits, 0}, rhs;
    if (mul_dec(q->coverage, units_d, &rhs))
      res->met = dvi_decimal_cmp(lhs.c, lhs.s, rhs.c, rhs.s) >= 0;
    else
      res->met = (long double)met_units >= dec_ld(q->coverage) * (long double)q->nunits;
  }
  return DANVAN_OK;
}
