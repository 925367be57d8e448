/* The evaluation: options, begin / add report / finish, roll-up and ranking. */
#include <stdlib.h>
#include <string.h>

#include "evaluate/eval.h"
#include "xml/xml_internal.h"

/* ---- options ----------------------------------------------------------------------------- */
static const danvan_evaluate_options DEFAULTS = {1, 1, 70, 30};

int32_t danvan_evaluate_options_new(danvan_evaluate_options **out) {
  DVI_CHECK_ARG(out);
  *out = dvi_malloc(sizeof **out);
  if (!*out) return dvi_error(DANVAN_ENOMEM, "out of memory");
  **out = DEFAULTS;
  return DANVAN_OK;
}

void danvan_evaluate_options_free(danvan_evaluate_options *opts) { dvi_free(opts); }

int32_t danvan_evaluate_options_set_deadline_inclusive(danvan_evaluate_options *opts,
                                                       int32_t inclusive) {
  DVI_CHECK_ARG(opts && (inclusive == 0 || inclusive == 1));
  opts->inclusive = inclusive;
  return DANVAN_OK;
}

int32_t danvan_evaluate_options_set_locality_credit(danvan_evaluate_options *opts, int32_t on) {
  DVI_CHECK_ARG(opts && (on == 0 || on == 1));
  opts->locality_credit = on;
  return DANVAN_OK;
}

int32_t danvan_evaluate_options_set_score_weights(danvan_evaluate_options *opts,
                                                  int32_t quota_weight, int32_t timeliness_weight) {
  DVI_CHECK_ARG(opts && quota_weight >= 0 && quota_weight <= 1000 && timeliness_weight >= 0 &&
                timeliness_weight <= 1000 && quota_weight + timeliness_weight > 0);
  opts->w_quota = quota_weight;
  opts->w_time = timeliness_weight;
  return DANVAN_OK;
}

/* ---- begin ------------------------------------------------------------------------------- */
static void free_accumulators(danvan_evaluation *ev) {
  for (uint32_t i = 0; i < ev->nduties; i++) {
    dvi_free(ev->duties[i].slots);
    dvi_free(ev->duties[i].units);
    dvi_free(ev->duties[i].state);
    dvi_free(ev->duties[i].best);
    dvi_ptrmap_free(&ev->duties[i].unit_index);
  }
  dvi_free(ev->duties);
  ev->duties = NULL;
  ev->nduties = 0;
  for (uint32_t i = 0; i < ev->nquotas; i++) dvi_ev_quota_free(&ev->quotas[i]);
  dvi_free(ev->quotas);
  ev->quotas = NULL;
  ev->nquotas = 0;
  dvi_ev_seen_free(&ev->seen);
  dvi_refmap_free(&ev->orgs);
  dvi_refmap_free(&ev->locs);
  dvi_free(ev->metrics);
  ev->metrics = NULL;
  ev->nmetrics = 0;
  ev->last_duty = NULL;
  ev->ncellkeys = 0;
}

void danvan_evaluation_free(danvan_evaluation *ev) {
  if (!ev) return;
  free_accumulators(ev);
  dvi_free(ev->duty_rows);
  dvi_free(ev->slot_rows);
  dvi_free(ev->quota_rows);
  dvi_free(ev->result_rows);
  dvi_free(ev->score_rows);
  dvi_free(ev->ranking);
  dvi_free(ev->labels);
  dvi_strset_free(&ev->strs);
  dvi_arena_free(&ev->arena);
  dvi_ds_unref(ev->ds);
  dvi_free(ev);
}

static int32_t find_plan(const danvan_entity **out, const danvan_dataset *ds, const char *plan_id) {
  if (plan_id) {
    danvan_entity *p = dvi_find(ds, plan_id);
    if (!p || dvi_desc(p)->kind != DANVAN_KIND_PLAN)
      return dvi_error(DANVAN_ENOTFOUND, "no plan has the id '%s'", plan_id);
    *out = p;
    return DANVAN_OK;
  }
  size_t n = danvan_dataset_count(ds, DANVAN_KIND_PLAN);
  if (n != 1)
    return dvi_error(DANVAN_ENOTFOUND, "the dataset holds %zu plans; name the one to evaluate", n);
  *out = danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0);
  return DANVAN_OK;
}

/* The distinct metrics of the quotas, and per quota the index of each in its own list (the
   first, as a value's metric matches the first equal id), so that a value's metric is
   resolved once rather than compared with every quota's ids. */
static int32_t number_metrics(danvan_evaluation *ev) {
  size_t total = 0;
  for (uint32_t i = 0; i < ev->nquotas; i++) total += ev->quotas[i].nmetrics;
  if (!total) return DANVAN_OK;
  ev->metrics = dvi_calloc(total, sizeof *ev->metrics);
  if (!ev->metrics) return dvi_error(DANVAN_ENOMEM, "out of memory");
  for (uint32_t i = 0; i < ev->nquotas; i++) {
    const ev_quota *q = &ev->quotas[i];
    for (uint32_t m = 0; m < q->nmetrics; m++) {
      uint32_t k = 0;
      while (k < ev->nmetrics && ev->metrics[k] != q->metrics[m]) k++; /* interned */
      if (k == ev->nmetrics) ev->metrics[ev->nmetrics++] = q->metrics[m];
    }
  }
  for (uint32_t i = 0; i < ev->nquotas; i++) {
    ev_quota *q = &ev->quotas[i];
    q->cell_base = ev->ncellkeys;
    ev->ncellkeys += q->nmetrics;
    q->metric_of = dvi_malloc(ev->nmetrics * sizeof *q->metric_of);
    if (!q->metric_of) return dvi_error(DANVAN_ENOMEM, "out of memory");
    for (uint32_t k = 0; k < ev->nmetrics; k++) {
      q->metric_of[k] = -1;
      for (uint32_t m = 0; m < q->nmetrics && q->metric_of[k] < 0; m++)
        if (q->metrics[m] == ev->metrics[k]) q->metric_of[k] = (int32_t)m;
    }
  }
  return DANVAN_OK;
}

int32_t danvan_evaluation_begin(danvan_evaluation **out, const danvan_dataset *ds,
                                const char *plan_id, int64_t as_of,
                                const danvan_evaluate_options *opts) {
  DVI_CHECK_ARG(out && ds);
  *out = NULL;
  const danvan_entity *plan = NULL;
  int32_t rc = find_plan(&plan, ds, plan_id);
  if (rc) return rc;
  if (!danvan_entity_id(plan)) return dvi_error(DANVAN_ENOTFOUND, "the plan has no id");
  danvan_evaluation *ev = dvi_calloc(1, sizeof *ev);
  if (!ev) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_arena_init(&ev->arena);
  ev->ds = (danvan_dataset *)ds;
  dvi_ds_ref(ev->ds);
  ev->opts = opts ? *opts : DEFAULTS;
  ev->plan = plan;
  ev->as_of = as_of;
  ev->plan_id = dvi_ev_intern(ev, danvan_entity_id(plan));
  if (!ev->plan_id) goto nomem;
  ev->orgs.kind = DANVAN_KIND_ORGANISATION;
  ev->locs.kind = DANVAN_KIND_LOCALITY;

  size_t nduties = danvan_entity_child_count(plan, DANVAN_KIND_DUTY);
  if (nduties) {
    ev->duties = dvi_calloc(nduties, sizeof *ev->duties);
    if (!ev->duties) goto nomem;
    for (const danvan_entity *de = dvi_kid_first(plan, DANVAN_KIND_DUTY); de;
         de = dvi_kid_next(de, DANVAN_KIND_DUTY)) {
      const char *id = danvan_entity_id(de);
      if (!id) continue; /* nothing can refer to it; the validator reports it */
      ev_duty *d = &ev->duties[ev->nduties++];
      if (!(d->id = dvi_ev_intern(ev, id))) goto nomem;
      if ((rc = dvi_ev_setup_duty(ev, d, de))) goto fail;
    }
  }
  size_t nquotas = danvan_entity_child_count(plan, DANVAN_KIND_QUOTA);
  if (nquotas) {
    ev->quotas = dvi_calloc(nquotas, sizeof *ev->quotas);
    if (!ev->quotas) goto nomem;
    for (const danvan_entity *qe = dvi_kid_first(plan, DANVAN_KIND_QUOTA); qe;
         qe = dvi_kid_next(qe, DANVAN_KIND_QUOTA)) {
      const char *id = danvan_entity_id(qe);
      if (!id) continue;
      ev_quota *q = &ev->quotas[ev->nquotas++];
      if (!(q->id = dvi_ev_intern(ev, id))) goto nomem;
      if ((rc = dvi_ev_setup_quota(ev, q, qe))) goto fail;
    }
  }
  if ((rc = number_metrics(ev))) goto fail;
  *out = ev;
  return DANVAN_OK;
nomem:
  rc = dvi_error(DANVAN_ENOMEM, "out of memory");
fail:
  danvan_evaluation_free(ev);
  return rc;
}

/* ---- reports ----------------------------------------------------------------------------- */
int32_t dvi_ev_report_date(const danvan_entity *r) {
  int32_t d = dvi_ev_date(r, DANVAN_F_END);
  if (!d) d = dvi_ev_date(r, DANVAN_F_START);
  const dvi_value *sub = dvi_val(r, DANVAN_F_SUBMITTED);
  if (!d && sub) danvan_datetime_to_parts(&d, NULL, sub->u.i);
  return d;
}

/* A duty of the plan (duties without an id cannot be named and are not kept). */
static ev_duty *duty_by_id(danvan_evaluation *ev, const char *id) {
  /* consecutive reports mostly name the same duty */
  if (ev->last_duty && strcmp(ev->last_duty->id, id) == 0) return (ev_duty *)ev->last_duty;
  for (uint32_t i = 0; i < ev->nduties; i++)
    if (strcmp(ev->duties[i].id, id) == 0) return (ev_duty *)(ev->last_duty = &ev->duties[i]);
  return NULL;
}

/* The evaluation's number of a metric id (ev->metrics), or -1. */
static int32_t metric_number(const danvan_evaluation *ev, const char *id) {
  for (uint32_t k = 0; k < ev->nmetrics; k++)
    if (strcmp(ev->metrics[k], id) == 0) return (int32_t)k;
  return -1;
}

/* How the repeats of a report's id are found: SEEN_ANY for a report from anywhere; SEEN_BATCH
   in a batch of the evaluation's own dataset whose ids are all distinct. */
enum { SEEN_ANY, SEEN_BATCH };

static int32_t add_report_body(danvan_evaluation *ev, const danvan_entity *r, int how);

static int32_t add_report(danvan_evaluation *ev, const danvan_entity *r, int how) {
  ev->stable = danvan_entity_dataset(r) == ev->ds;
  int32_t rc = add_report_body(ev, r, how);
  ev->stable = false;
  return rc;
}

static int32_t add_report_body(danvan_evaluation *ev, const danvan_entity *r, int how) {
  ev->tally[DANVAN_TALLY_SEEN]++;
  const dvi_value *plan = dvi_val(r, DANVAN_F_PLAN), *duty = dvi_val(r, DANVAN_F_DUTY);
  ev_duty *d = duty ? duty_by_id(ev, duty->u.s) : NULL;
  if (plan ? strcmp(plan->u.s, ev->plan_id) != 0 : (duty && !d)) {
    ev->tally[DANVAN_TALLY_OTHER_PLAN]++;
    return DANVAN_OK;
  }
  const dvi_value *status = dvi_val(r, DANVAN_F_STATUS);
  if (status && (strcmp(status->u.s, "draft") == 0 || strcmp(status->u.s, "returned") == 0)) {
    ev->tally[DANVAN_TALLY_NOT_FINAL]++;
    return DANVAN_OK;
  }
  const dvi_value *sub = dvi_val(r, DANVAN_F_SUBMITTED);
  if (sub && sub->u.i > ev->as_of) {
    ev->tally[DANVAN_TALLY_FUTURE]++;
    return DANVAN_OK;
  }
  const char *rid = NULL, *id = danvan_entity_id(r);
  if (id) {
    int32_t rc = how == SEEN_BATCH ? dvi_ev_seen_batch(ev, id, &rid)
                                   : dvi_ev_seen_add(ev, id, danvan_entity_dataset(r) == ev->ds, &rid);
    if (rc) return rc;
    if (!rid) {
      ev->tally[DANVAN_TALLY_REPEATED]++;
      return DANVAN_OK;
    }
  }
  ev->tally[DANVAN_TALLY_COUNTED]++;
  if (!sub) ev->tally[DANVAN_TALLY_UNTIMED]++;

  const dvi_value *orgv = dvi_val(r, DANVAN_F_ORG);
  ev_ref *reporter = NULL;
  if (orgv && !(reporter = dvi_ev_resolve(ev, &ev->orgs, orgv->u.s)))
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  const danvan_entity *org = reporter ? reporter->e : NULL;
  bool matched = false, credited = false;
  if (d && sub && org) {
    if (reporter->unit_duty != d) { /* consecutive reports mostly name the same duty */
      reporter->unit_duty = d;
      reporter->unit = dvi_ptrmap_get(&d->unit_index, org);
    }
    dvi_ev_match_slots(d, reporter->unit, dvi_ev_date(r, DANVAN_F_START), dvi_ev_date(r, DANVAN_F_END),
                       sub->u.i, rid, &matched);
  }

  const danvan_entity *first_value = dvi_kid_first(r, DANVAN_KIND_VALUE);
  if (orgv && first_value && ev->nmetrics) {
    const dvi_value *mode = dvi_val(r, DANVAN_F_MODE);
    bool cumulative = mode && strcmp(mode->u.s, "cumulative") == 0;
    ev_key key = {dvi_ev_report_date(r), sub ? sub->u.i : INT64_MIN, rid};
    for (const danvan_entity *v = first_value; v; v = dvi_kid_next(v, DANVAN_KIND_VALUE)) {
      const dvi_value *metric = dvi_val(v, DANVAN_F_METRIC), *val = dvi_val(v, DANVAN_F_VALUE);
      const dvi_value *loc = dvi_val(v, DANVAN_F_LOCALITY);
      if (!metric || !val) continue;
      int32_t mk = metric_number(ev, metric->u.s);
      if (mk < 0) continue; /* no quota counts it */
      ev_ref *locality = NULL;
      if (loc && !(locality = dvi_ev_resolve(ev, &ev->locs, loc->u.s)))
        return dvi_error(DANVAN_ENOMEM, "out of memory");
      ev_dec value = {val->u.i, val->scale};
      for (uint32_t k = 0; k < ev->nquotas; k++) {
        int32_t m = ev->quotas[k].metric_of[mk];
        if (m < 0) continue;
        int32_t rc = dvi_ev_quota_add(ev, &ev->quotas[k], reporter, locality, (uint32_t)m, value,
                                      cumulative, &key, &credited);
        if (rc) return rc;
      }
    }
  }
  if (matched) ev->tally[DANVAN_TALLY_MATCHED]++;
  if (credited) ev->tally[DANVAN_TALLY_CREDITED]++;
  if (!matched && !credited) ev->tally[DANVAN_TALLY_OUT_OF_SCOPE]++;
  return DANVAN_OK;
}

int32_t danvan_evaluation_add_report(danvan_evaluation *ev, const danvan_entity *report) {
  DVI_CHECK_ARG(ev && report && dvi_desc(report)->kind == DANVAN_KIND_REPORT);
  if (ev->finished) return dvi_error(DANVAN_EINVAL, "the evaluation is already finished");
  if (ev->broken) return dvi_error(DANVAN_EINVAL, "the evaluation failed earlier; free it");
  int32_t rc = add_report(ev, report, SEEN_ANY);
  if (rc) ev->broken = true;
  return rc;
}

int32_t danvan_evaluation_add_reports(danvan_evaluation *ev, const danvan_dataset *reports) {
  DVI_CHECK_ARG(ev && reports);
  size_t n = danvan_dataset_count(reports, DANVAN_KIND_REPORT);
  /* The reports of the evaluation's own dataset are distinct entities, each given once here;
     when no id of the dataset is duplicated, their ids are distinct too, so only the ids seen
     before this batch can repeat one: the batch records its ids without indexing them (they
     are indexed if a later report needs them). */
  if (reports != ev->ds || reports->ids.dups || ev->finished || ev->broken) {
    for (size_t i = 0; i < n; i++) {
      int32_t rc = danvan_evaluation_add_report(ev, danvan_dataset_get(reports, DANVAN_KIND_REPORT, i));
      if (rc) return rc;
    }
    return DANVAN_OK;
  }
  int32_t rc = dvi_ev_seen_sync(ev);
  for (size_t i = 0; i < n && !rc; i++)
    rc = add_report(ev, danvan_dataset_get(reports, DANVAN_KIND_REPORT, i), SEEN_BATCH);
  if (rc) ev->broken = true;
  return rc;
}

typedef struct stream_ctx {
  danvan_evaluation *ev;
  size_t added;
} stream_ctx;

static int32_t add_streamed(void *ctx, const danvan_entity *report) {
  stream_ctx *sc = ctx;
  int32_t rc = danvan_evaluation_add_report(sc->ev, report);
  if (!rc) sc->added++;
  return rc;
}

int32_t danvan_evaluation_add_report_file(danvan_evaluation *ev, const char *path,
                                          const danvan_xml_options *opts) {
  DVI_CHECK_ARG(ev && path);
  if (ev->finished) return dvi_error(DANVAN_EINVAL, "the evaluation is already finished");
  if (ev->broken) return dvi_error(DANVAN_EINVAL, "the evaluation failed earlier; free it");
  /* The XML reader hands over one report at a time and drops it: the file is never held.
     Reports read before an error in the file have been counted, so the evaluation cannot be
     trusted any more; it is then marked unusable. */
  stream_ctx sc = {ev, 0};
  int32_t rc = dvi_xml_stream_reports(path, opts, add_streamed, &sc);
  if (rc && sc.added) ev->broken = true;
  return rc;
}

/* ---- finish: duties ---------------------------------------------------------------------- */
static int32_t finish_duties(danvan_evaluation *ev) {
  size_t nrows = 0, nslots = 0;
  for (uint32_t i = 0; i < ev->nduties; i++) {
    nrows += ev->duties[i].nunits;
    nslots += (size_t)ev->duties[i].nunits * ev->duties[i].nslots;
  }
  ev->duty_rows = dvi_calloc(nrows ? nrows : 1, sizeof *ev->duty_rows);
  ev->slot_rows = dvi_calloc(nslots ? nslots : 1, sizeof *ev->slot_rows);
  if (!ev->duty_rows || !ev->slot_rows) return dvi_error(DANVAN_ENOMEM, "out of memory");
  for (uint32_t i = 0; i < ev->nduties; i++) {
    const ev_duty *d = &ev->duties[i];
    for (uint32_t u = 0; u < d->nunits; u++) {
      ev_duty_row *row = &ev->duty_rows[ev->nduty_rows++];
      row->duty = d->id;
      row->org = danvan_entity_id(d->units[u]); /* the dataset's (kept alive): no copy */
      if (!row->org) return dvi_error(DANVAN_ENOMEM, "out of memory");
      for (uint32_t s = 0; s < d->nslots; s++) {
        const ev_slotdef *def = &d->slots[s];
        size_t k = (size_t)s * d->nunits + u;
        const ev_slotstate *st = &d->state[k];
        int8_t best = d->best[k];
        int32_t status = best ? best
                         : ev->as_of > def->last ? DANVAN_SLOT_MISSING
                                                 : DANVAN_SLOT_PENDING;
        ev_slot_row *sr = &ev->slot_rows[ev->nslot_rows++];
        sr->duty = d->id;
        sr->org = row->org;
        sr->start = def->start;
        sr->end = def->end;
        sr->deadline = def->last;
        sr->status = status;
        if (best) {
          sr->report = st->report;
          sr->submitted = st->submitted;
          sr->has_submitted = true;
        }
        row->slots++;
        switch (status) {
          case DANVAN_SLOT_ON_TIME: row->on_time++; break;
          case DANVAN_SLOT_EARLY: row->early++; break;
          case DANVAN_SLOT_LATE: row->late++; break;
          case DANVAN_SLOT_MISSING: row->missing++; break;
          default: row->pending++; break;
        }
      }
      row->due = row->on_time + row->early + row->late + row->missing;
    }
  }
  return DANVAN_OK;
}

/* ---- finish: quotas ---------------------------------------------------------------------- */
static int32_t finish_quotas(danvan_evaluation *ev) {
  size_t nrows = 0;
  for (uint32_t i = 0; i < ev->nquotas; i++) nrows += ev->quotas[i].nunits;
  ev->quota_rows = dvi_calloc(nrows ? nrows : 1, sizeof *ev->quota_rows);
  ev->result_rows = dvi_calloc(ev->nquotas ? ev->nquotas : 1, sizeof *ev->result_rows);
  if (!ev->quota_rows || !ev->result_rows) return dvi_error(DANVAN_ENOMEM, "out of memory");
  for (uint32_t i = 0; i < ev->nquotas; i++) {
    ev_quota *q = &ev->quotas[i];
    int32_t rc = dvi_ev_quota_finish(ev, q, &ev->quota_rows[ev->nquota_rows],
                                     &ev->result_rows[ev->nresult_rows]);
    if (rc) return rc;
    ev->nquota_rows += q->nunits;
    ev->nresult_rows++;
  }
  return DANVAN_OK;
}

/* ---- finish: roll-up and ranking --------------------------------------------------------- */
typedef struct rollup {
  bool any;
  uint64_t wsum, wmet;
  int64_t due, on_time;
} rollup;

/* Visit an organisation and its ancestors once each (a cycle in the data stops the walk).
   Parents are followed through the evaluation's organisation map (each resolved once). */
static size_t ancestors(danvan_evaluation *ev, const dvi_ptrmap *index, const char *org_id,
                        int32_t *out, size_t cap, int32_t *rc) {
  size_t n = 0;
  ev_ref *a = dvi_ev_resolve(ev, &ev->orgs, org_id);
  if (!a) {
    *rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    return 0;
  }
  for (; a && a->e && n < cap; a = dvi_ev_parent(ev, &ev->orgs, a, rc)) {
    int32_t k = dvi_ptrmap_get(index, a->e);
    if (k < 0) break;
    bool seen = false;
    for (size_t j = 0; j < n; j++) seen = seen || out[j] == k;
    if (seen) break;
    out[n++] = k;
  }
  return n;
}

static bool scale_weight(ev_dec w, int32_t scale, uint64_t *out) {
  if (w.c <= 0) {
    *out = 0;
    return true;
  }
  uint64_t v = (uint64_t)w.c;
  for (int32_t i = w.s; i < scale; i++)
    if (__builtin_mul_overflow(v, 10u, &v)) return false;
  *out = v;
  return true;
}

static int cmp_scores(const void *a, const void *b) {
  const ev_score_row *x = *(ev_score_row *const *)a;
  const ev_score_row *y = *(ev_score_row *const *)b;
  if (x->depth != y->depth) return x->depth < y->depth ? -1 : 1;
  if (x->value_e4 != y->value_e4) return x->value_e4 > y->value_e4 ? -1 : 1;
  return strcmp(x->org, y->org);
}

static int64_t score_e4(const danvan_evaluation *ev, const rollup *r, bool use_q, bool use_t) {
  uint64_t wq = (uint64_t)ev->opts.w_quota, wt = (uint64_t)ev->opts.w_time;
  if (use_q && !use_t) return dvi_frac_e4(r->wmet, r->wsum);
  if (use_t && !use_q) return dvi_frac_e4((uint64_t)r->on_time, (uint64_t)r->due);
  /* (wq·wmet/wsum + wt·on/due) / (wq + wt) = (wq·wmet·due + wt·on·wsum) / ((wq+wt)·wsum·due) */
  uint64_t a, b, num, den, due = (uint64_t)r->due, on = (uint64_t)r->on_time;
  if (!__builtin_mul_overflow(wq, r->wmet, &a) && !__builtin_mul_overflow(a, due, &a) &&
      !__builtin_mul_overflow(wt, on, &b) && !__builtin_mul_overflow(b, r->wsum, &b) &&
      !__builtin_add_overflow(a, b, &num) && !__builtin_mul_overflow(wq + wt, r->wsum, &den) &&
      !__builtin_mul_overflow(den, due, &den))
    return dvi_frac_e4(num, den);
  long double s = ((long double)wq * (long double)r->wmet / (long double)r->wsum +
                   (long double)wt * (long double)on / (long double)due) /
                  (long double)(wq + wt);
  return (int64_t)(s * 10000.0L + 0.5L);
}

static int32_t finish_scores(danvan_evaluation *ev) {
  const dvi_hvec *orgs = dvi_top(ev->ds, DANVAN_KIND_ORGANISATION);
  size_t norgs = orgs ? orgs->n : 0;
  if (!norgs) return DANVAN_OK;
  int32_t rc = DANVAN_OK;
  dvi_ptrmap index;
  memset(&index, 0, sizeof index);
  rollup *ru = dvi_calloc(norgs, sizeof *ru);
  int32_t *chain = dvi_malloc(norgs * sizeof *chain);
  ev_score_row **order = NULL;
  if (!ru || !chain) goto nomem;
  for (size_t i = 0; i < norgs; i++)
    if (!dvi_ptrmap_put(&index, dvi_top_at(ev->ds, orgs, i), (int32_t)i)) goto nomem;

  int32_t scale = 0;
  for (size_t i = 0; i < ev->nquota_rows; i++)
    if (ev->quota_rows[i].weight.s > scale) scale = ev->quota_rows[i].weight.s;
  for (size_t i = 0; i < ev->nquota_rows; i++) {
    const ev_quota_row *row = &ev->quota_rows[i];
    uint64_t w;
    if (!scale_weight(row->weight, scale, &w)) {
      rc = dvi_error(DANVAN_ELIMIT, "the weight of quota '%s' does not fit", row->quota);
      goto done;
    }
    size_t n = ancestors(ev, &index, row->org, chain, norgs, &rc);
    if (rc) goto done;
    for (size_t k = 0; k < n; k++) {
      rollup *r = &ru[chain[k]];
      r->any = true;
      if (__builtin_add_overflow(r->wsum, w, &r->wsum) ||
          (row->met && __builtin_add_overflow(r->wmet, w, &r->wmet))) {
        rc = dvi_error(DANVAN_ELIMIT, "quota weights do not fit");
        goto done;
      }
    }
  }
  for (size_t i = 0; i < ev->nduty_rows; i++) {
    const ev_duty_row *row = &ev->duty_rows[i];
    size_t n = ancestors(ev, &index, row->org, chain, norgs, &rc);
    if (rc) goto done;
    for (size_t k = 0; k < n; k++) {
      rollup *r = &ru[chain[k]];
      r->any = true;
      r->due += row->due;
      r->on_time += row->on_time;
    }
  }
  ev->score_rows = dvi_calloc(norgs, sizeof *ev->score_rows);
  if (!ev->score_rows) goto nomem;
  for (size_t i = 0; i < norgs; i++) {
    const rollup *r = &ru[i];
    bool use_q = r->wsum > 0 && ev->opts.w_quota > 0, use_t = r->due > 0 && ev->opts.w_time > 0;
    if (!r->any || (!use_q && !use_t)) continue;
    const danvan_entity *org = dvi_top_at(ev->ds, orgs, i);
    ev_score_row *s = &ev->score_rows[ev->nscore_rows++];
    if (!(s->org = danvan_entity_id(org))) goto nomem; /* the dataset's string */
    const danvan_entity *loc = dvi_ev_ref(ev->ds, org, DANVAN_F_LOCALITY, DANVAN_KIND_LOCALITY);
    const dvi_value *lk = loc ? dvi_val(loc, DANVAN_F_KIND) : NULL;
    if (lk && !(s->level = dvi_ev_intern(ev, lk->u.s))) goto nomem;
    s->depth = -1;
    if (loc) {
      /* the ancestors through the locality map: siblings share them, each resolved once */
      size_t guard = ev->ds->nentities + 1;
      const dvi_value *pv = dvi_val(loc, DANVAN_F_PARENT);
      ev_ref *l = NULL;
      if (pv && !(l = dvi_ev_resolve(ev, &ev->locs, pv->u.s))) goto nomem;
      if (l && !l->e) l = NULL;
      s->depth = 0;
      for (; l && guard--; l = dvi_ev_parent(ev, &ev->locs, l, &rc)) s->depth++;
      if (rc) goto done;
    }
    s->value_e4 = score_e4(ev, r, use_q, use_t);
    s->has_share = r->wsum > 0;
    if (s->has_share) {
      s->share_e4 = dvi_frac_e4(r->wmet, r->wsum);
      s->share = (double)r->wmet / (double)r->wsum;
    }
    s->due = r->due;
    s->on_time = r->on_time;
  }
  order = dvi_malloc((ev->nscore_rows ? ev->nscore_rows : 1) * sizeof *order);
  if (!order) goto nomem;
  for (size_t i = 0; i < ev->nscore_rows; i++) order[i] = &ev->score_rows[i];
  qsort(order, ev->nscore_rows, sizeof *order, cmp_scores);
  for (size_t i = 0, rank = 0; i < ev->nscore_rows; i++) {
    ev_score_row *s = order[i];
    const ev_score_row *prev = i ? order[i - 1] : NULL;
    bool same_level = prev && prev->depth == s->depth;
    rank = same_level ? rank + 1 : 1;
    s->rank = (int64_t)rank;
  }
  ev->ranking = dvi_malloc((ev->nscore_rows ? ev->nscore_rows : 1) * sizeof *ev->ranking);
  if (!ev->ranking) goto nomem;
  for (size_t i = 0; i < ev->nscore_rows; i++) ev->ranking[i] = (size_t)(order[i] - ev->score_rows);
  goto done;
nomem:
  rc = dvi_error(DANVAN_ENOMEM, "out of memory");
done:
  dvi_free(order);
  dvi_free(ru);
  dvi_free(chain);
  dvi_ptrmap_free(&index);
  return rc;
}

/* ---- finish: labels ---------------------------------------------------------------------- */
static int cmp_labels(const void *a, const void *b) {
  return strcmp(((const ev_label *)a)->id, ((const ev_label *)b)->id);
}

static int32_t add_label(danvan_evaluation *ev, size_t *cap, dvi_ptrmap *done, const char *id,
                         int32_t field) {
  /* one pointer per id and entity (interned, or the entity's own string): a row's organisation
     already labelled (same field) adds nothing new */
  if (dvi_ptrmap_get(done, id) == field) return DANVAN_OK;
  if (!dvi_ptrmap_put(done, id, field)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  danvan_entity *e = dvi_find(ev->ds, id);
  dvi_value buf; /* not dvi_val(): its value would end with the `if` below */
  const dvi_value *v = e ? dvi_val_into(e, field, &buf) : NULL;
  if (!v && e && field == DANVAN_F_NAME) v = dvi_val_into(e, DANVAN_F_ABBR, &buf);
  if (!v || !v->u.s[0]) return DANVAN_OK;
  if (ev->nlabels == *cap) {
    size_t ncap = *cap ? *cap * 2 : 32;
    ev_label *l = dvi_realloc(ev->labels, ncap * sizeof *l);
    if (!l) return dvi_error(DANVAN_ENOMEM, "out of memory");
    ev->labels = l;
    *cap = ncap;
  }
  const char *text = dvi_ev_intern(ev, v->u.s);
  if (!text) return dvi_error(DANVAN_ENOMEM, "out of memory");
  ev->labels[ev->nlabels].id = id;
  ev->labels[ev->nlabels].text = text;
  ev->nlabels++;
  return DANVAN_OK;
}

static int32_t finish_labels(danvan_evaluation *ev) {
  size_t cap = 0;
  int32_t rc = DANVAN_OK;
  dvi_ptrmap done;
  memset(&done, 0, sizeof done);
  for (uint32_t i = 0; i < ev->nduties && !rc; i++) rc = add_label(ev, &cap, &done, ev->duties[i].id, DANVAN_F_TITLE);
  for (uint32_t i = 0; i < ev->nquotas && !rc; i++) rc = add_label(ev, &cap, &done, ev->quotas[i].id, DANVAN_F_TITLE);
  for (size_t i = 0; i < ev->nduty_rows && !rc; i++) rc = add_label(ev, &cap, &done, ev->duty_rows[i].org, DANVAN_F_NAME);
  for (size_t i = 0; i < ev->nquota_rows && !rc; i++) rc = add_label(ev, &cap, &done, ev->quota_rows[i].org, DANVAN_F_NAME);
  for (size_t i = 0; i < ev->nscore_rows && !rc; i++) rc = add_label(ev, &cap, &done, ev->score_rows[i].org, DANVAN_F_NAME);
  rc = rc ? rc : add_label(ev, &cap, &done, ev->plan_id, DANVAN_F_TITLE);
  dvi_ptrmap_free(&done);
  if (rc || !ev->nlabels) return rc;
  /* sort and drop repeats (equal ids, compared as strings) */
  qsort(ev->labels, ev->nlabels, sizeof *ev->labels, cmp_labels);
  size_t n = 1;
  for (size_t i = 1; i < ev->nlabels; i++)
    if (strcmp(ev->labels[i].id, ev->labels[n - 1].id) != 0) ev->labels[n++] = ev->labels[i];
  ev->nlabels = n;
  return DANVAN_OK;
}

const char *danvan_evaluation_label(const danvan_evaluation *ev, const char *id) {
  if (!ev || !id || !ev->nlabels) return NULL;
  ev_label key = {id, NULL};
  const ev_label *l = bsearch(&key, ev->labels, ev->nlabels, sizeof key, cmp_labels);
  return l ? l->text : NULL;
}

int32_t danvan_evaluation_finish(danvan_evaluation *ev) {
  DVI_CHECK_ARG(ev);
  if (ev->finished) return dvi_error(DANVAN_EINVAL, "the evaluation is already finished");
  if (ev->broken) return dvi_error(DANVAN_EINVAL, "the evaluation failed earlier; free it");
  int32_t rc = finish_duties(ev);
  if (!rc) rc = finish_quotas(ev);
  if (!rc) rc = finish_scores(ev);
  if (!rc) rc = finish_labels(ev);
  if (rc) {
    ev->broken = true;
    return rc;
  }
  free_accumulators(ev);
  ev->finished = true;
  return DANVAN_OK;
}

int32_t danvan_evaluate(danvan_evaluation **out, const danvan_dataset *ds, const char *plan_id,
                        int64_t as_of, const danvan_evaluate_options *opts) {
  DVI_CHECK_ARG(out && ds);
  *out = NULL;
  danvan_evaluation *ev = NULL;
  int32_t rc = danvan_evaluation_begin(&ev, ds, plan_id, as_of, opts);
  if (!rc) rc = danvan_evaluation_add_reports(ev, ds);
  if (!rc) rc = danvan_evaluation_finish(ev);
  if (rc) {
    danvan_evaluation_free(ev);
    return rc;
  }
  *out = ev;
  return DANVAN_OK;
}

/* ---- metadata ---------------------------------------------------------------------------- */
const char *danvan_evaluation_plan_id(const danvan_evaluation *ev) { return ev ? ev->plan_id : NULL; }
int64_t danvan_evaluation_as_of(const danvan_evaluation *ev) { return ev ? ev->as_of : 0; }

int32_t danvan_evaluation_tally(int64_t *out, const danvan_evaluation *ev, int32_t which) {
  DVI_CHECK_ARG(out && ev && which >= 0 && which < DANVAN_TALLY_COUNT);
  *out = ev->tally[which];
  return DANVAN_OK;
}
