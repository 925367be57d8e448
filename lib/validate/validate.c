/* The validation driver: indexes over the dataset, reporting, element paths, and the public
   entry points. The rules themselves live in rules_*.c. */
#include <stdio.h>
#include <string.h>

#include "validate/vinternal.h"

#if defined(__has_include)
#  if __has_include("danvan/xml.h")
#    include "danvan/xml.h"
#    define DVV_HAVE_XML 1
#  endif
#endif

/* ---- a small hash map: (owner pointer, string) -> pointer --------------------------------- */
struct dvv_map {
  const void **owners;
  const char **keys;
  void **vals;
  size_t cap, len;
};

static uint64_t map_hash(const void *owner, const char *s) {
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)owner;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h ^ (h >> 29);
}

dvv_map *dvv_map_new(void) { return dvi_calloc(1, sizeof(dvv_map)); }

void dvv_map_free(dvv_map *m) {
  if (!m) return;
  dvi_free(m->owners);
  dvi_free(m->keys);
  dvi_free(m->vals);
  dvi_free(m);
}

static bool map_grow(dvv_map *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  const void **owners = dvi_calloc(cap, sizeof *owners);
  const char **keys = dvi_calloc(cap, sizeof *keys);
  void **vals = dvi_calloc(cap, sizeof *vals);
  if (!owners || !keys || !vals) {
    dvi_free(owners);
    dvi_free(keys);
    dvi_free(vals);
    return false;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = map_hash(m->owners[i], m->keys[i]) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    owners[j] = m->owners[i];
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
  }
  dvi_free(m->owners);
  dvi_free(m->keys);
  dvi_free(m->vals);
  m->owners = owners;
  m->keys = keys;
  m->vals = vals;
  m->cap = cap;
  return true;
}

/* The value slot of a key, inserted (NULL) when absent; NULL on ENOMEM. */
static void **map_slot(dvv_map *m, const void *owner, const char *key) {
  if ((m->len + 1) * 4 > m->cap * 3 && !map_grow(m)) return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = map_hash(owner, key) & mask;; i = (i + 1) & mask) {
    if (!m->keys[i]) {
      m->owners[i] = owner;
      m->keys[i] = key;
      m->vals[i] = NULL;
      m->len++;
      return &m->vals[i];
    }
    if (m->owners[i] == owner && strcmp(m->keys[i], key) == 0) return &m->vals[i];
  }
}

bool dvv_map_put(dvv_map *m, const void *owner, const char *key, void *val) {
  if ((m->len + 1) * 4 > m->cap * 3 && !map_grow(m)) return false;
  size_t mask = m->cap - 1;
  for (size_t i = map_hash(owner, key) & mask;; i = (i + 1) & mask) {
    if (!m->keys[i]) {
      m->owners[i] = owner;
      m->keys[i] = key;
      m->vals[i] = val;
      m->len++;
      return true;
    }
    if (m->owners[i] == owner && strcmp(m->keys[i], key) == 0) return true;
  }
}

void *dvv_map_get(const dvv_map *m, const void *owner, const char *key) {
  if (!m->cap) return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = map_hash(owner, key) & mask;; i = (i + 1) & mask) {
    if (!m->keys[i]) return NULL;
    if (m->owners[i] == owner && strcmp(m->keys[i], key) == 0) return m->vals[i];
  }
}

/* ---- helpers ------------------------------------------------------------------------------ */
const danvan_entity *dvv_ref(const danvan_entity *e, int32_t field, int32_t kind) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return NULL;
  const danvan_entity *t = dvv_find(dvi_ds_of(e), v->u.s);
  return (t && (kind == DANVAN_KIND_ANY || dvi_desc(t)->kind == kind)) ? t : NULL;
}

const char *dvv_str(const danvan_entity *e, int32_t field) {
  const dvi_value *v = dvi_val(e, field);
  return v ? v->u.s : NULL;
}

bool dvv_date(const danvan_entity *e, int32_t field, int32_t *out) {
  const dvi_value *v = dvi_val(e, field);
  if (!v) return false;
  *out = (int32_t)v->u.i;
  return true;
}

const char *dvv_fmt_date(char *buf, int32_t date) {
  dvi_date_write(buf, date);
  return buf;
}

const char *dvv_fmt_dec(char *buf, int64_t coef, int32_t scale) {
  dvi_decimal_write(buf, coef, scale);
  return buf;
}

int dvv_date_cmp(int32_t a, int32_t b) {
  if (a % 100 && b % 100) return (a > b) - (a < b);
  int32_t ma = a / 100, mb = b / 100; /* compare year-month */
  if (ma != mb) return (ma > mb) - (ma < mb);
  return (a == b) ? 0 : 2;
}

const danvan_entity *dvv_plan_of(const danvan_entity *e) {
  for (; e; e = dvi_parent(e))
    if (dvi_desc(e)->kind == DANVAN_KIND_PLAN) return e;
  return NULL;
}

const char *dvv_kind_word(const dvv_ctx *c, int32_t kind) {
  int m;
  switch (kind) {
    case DANVAN_KIND_METRIC: m = DVV_M_K_METRIC; break;
    case DANVAN_KIND_LOCALITY: m = DVV_M_K_LOCALITY; break;
    case DANVAN_KIND_PERSON: m = DVV_M_K_PERSON; break;
    case DANVAN_KIND_ORGANISATION: m = DVV_M_K_ORGANISATION; break;
    case DANVAN_KIND_PLAN: m = DVV_M_K_PLAN; break;
    case DANVAN_KIND_TASK: m = DVV_M_K_TASK; break;
    case DANVAN_KIND_DUTY: m = DVV_M_K_DUTY; break;
    case DANVAN_KIND_REPORT: m = DVV_M_K_REPORT; break;
    case DANVAN_KIND_QUOTA: m = DVV_M_K_QUOTA; break;
    case DANVAN_KIND_TOTAL: m = DVV_M_K_TOTAL; break;
    case DANVAN_KIND_EVENT: m = DVV_M_K_EVENT; break;
    case DANVAN_KIND_ANY: m = DVV_M_K_ORG_OR_LOC; break;
    default: m = DVV_M_K_ENTITY; break;
  }
  return dvv_msg(c->lang, m);
}

/* ---- element paths ------------------------------------------------------------------------ */
static const char *elem_name(const danvan_entity *e) {
  if (dvi_desc(e)->kind == DANVAN_KIND_SELECTOR && dvi_parent(e))
    return dvi_desc(dvi_parent(e))->kind == DANVAN_KIND_DUTY ? "reporters" : "scope";
  return dvi_desc(e)->name;
}

static void add_path(dvi_buf *b, const danvan_entity *e) {
  const danvan_entity *parent = dvi_parent(e);
  if (!parent) {
    dvi_buf_adds(b, "/danvan");
    return;
  }
  add_path(b, parent);
  const dvi_kind_desc *pd = dvi_desc(parent);
  int slot = pd->child_slot[dvi_desc(e)->kind];
  if (slot >= 0 && (size_t)slot < pd->nslots && pd->slots[slot].wrapper)
    dvi_buf_printf(b, "/%s", pd->slots[slot].wrapper);
  dvi_buf_printf(b, "/%s", elem_name(e));
  const char *id = danvan_entity_id(e);
  if (id) {
    dvi_buf_printf(b, "[@id='%s']", id);
    return;
  }
  uint32_t pos = 1, i = 1;
  for (const danvan_entity *s = dvi_kid_first(parent, e->kind); s; s = dvi_kid_next(s, e->kind), i++)
    if (s == e) pos = i;
  dvi_buf_printf(b, "[%u]", (unsigned)pos);
}

void dvv_report(dvv_ctx *c, int rule, const danvan_entity *e, int msg, const char *const *args) {
  if (c->failed || !dvv_on(c, rule)) return;
  const char *file = e ? danvan_entity_file(e) : "";
  uint32_t line = e ? e->line : 0, column = e ? e->column : 0;
  if (!dvv_diags_admit(c->d, rule, file, line, column)) return;
  dvi_buf path, text;
  dvi_buf_init(&path);
  dvi_buf_init(&text);
  if (e) add_path(&path, e);
  else dvi_buf_adds(&path, "");
  dvv_expand(&text, dvv_msg(c->lang, msg), args);
  dvi_buf_reserve(&path, 0);
  dvi_buf_reserve(&text, 0);
  if (path.failed || text.failed ||
      !dvv_diags_add(c->d, rule, file, line, column, path.data ? path.data : "",
                     text.data ? text.data : ""))
    c->failed = true;
  dvi_buf_free(&path);
  dvi_buf_free(&text);
}

/* ---- indexes ------------------------------------------------------------------------------ */
static bool collect(dvv_ctx *c) {
  size_t n = c->ds->nentities;
  c->all = dvi_calloc(n + 1, sizeof *c->all);
  size_t cap = 64, sp = 0;
  const danvan_entity **stack = dvi_malloc(cap * sizeof *stack);
  if (!c->all || !stack) {
    dvi_free(stack);
    return false;
  }
  stack[sp++] = &c->ds->root;
  while (sp) {
    const danvan_entity *e = stack[--sp];
    if (e != &c->ds->root) {
      if (c->nall >= n) break; /* cannot happen: the count is kept by the core */
      c->all[c->nall++] = (danvan_entity *)e;
    }
    size_t nk = 0;
    for (const danvan_entity *k = dvi_kid_first(e, DANVAN_KIND_ANY); k; k = dvi_kid_next(k, DANVAN_KIND_ANY))
      nk++;
    if (sp + nk > cap) {
      while (sp + nk > cap) cap *= 2;
      const danvan_entity **s2 = dvi_realloc(stack, cap * sizeof *stack);
      if (!s2) {
        dvi_free(stack);
        return false;
      }
      stack = s2;
    }
    /* pushed in reverse, so they come off the stack in order */
    size_t at = sp + nk;
    for (const danvan_entity *k = dvi_kid_first(e, DANVAN_KIND_ANY); k; k = dvi_kid_next(k, DANVAN_KIND_ANY))
      stack[--at] = k;
    sp += nk;
  }
  dvi_free(stack);
  return true;
}

static bool build_indexes(dvv_ctx *c) {
  /* organisations and localities are numbered for the arrays below */
  const dvi_hvec *tops[2] = {dvi_top(c->ds, DANVAN_KIND_ORGANISATION), dvi_top(c->ds, DANVAN_KIND_LOCALITY)};
  size_t nix = 0;
  for (int t = 0; t < 2; t++)
    for (uint32_t i = 0; tops[t] && i < tops[t]->n; i++) {
      nix++;
      if (!dvi_pmap_put(&c->ix, dvi_top_at(c->ds, tops[t], i), (void *)(uintptr_t)nix)) return false;
    }
  c->nseq = (uint32_t)nix;
  size_t n = nix + 1;
  c->mark = dvi_calloc(n, 1);
  c->org_next = dvi_calloc(n, sizeof *c->org_next);
  c->loc_child = dvi_calloc(n, sizeof *c->loc_child);
  c->loc_sib = dvi_calloc(n, sizeof *c->loc_sib);
  c->orgs_by_kind = dvv_map_new();
  c->plan_metrics = dvv_map_new();
  if (!c->mark || !c->org_next || !c->loc_child || !c->loc_sib ||
      !c->orgs_by_kind || !c->plan_metrics || !collect(c))
    return false;
  /* organisations by kind (a chain per kind, in reverse document order), localities' children */
  const dvi_hvec *orgs = dvi_top(c->ds, DANVAN_KIND_ORGANISATION);
  for (uint32_t i = orgs ? orgs->n : 0; i-- > 0;) {
    danvan_entity *o = dvi_top_at(c->ds, orgs, i);
    const char *k = dvv_str(o, DANVAN_F_KIND);
    if (!k) continue;
    void **slot = map_slot(c->orgs_by_kind, NULL, k);
    if (!slot) return false;
    c->org_next[dvv_ix(c, o)] = *slot;
    *slot = o;
  }
  const dvi_hvec *locs = dvi_top(c->ds, DANVAN_KIND_LOCALITY);
  for (uint32_t i = locs ? locs->n : 0; i-- > 0;) {
    danvan_entity *l = dvi_top_at(c->ds, locs, i);
    const danvan_entity *p = dvv_ref(l, DANVAN_F_PARENT, DANVAN_KIND_LOCALITY);
    if (!p || p == l) continue;
    c->loc_sib[dvv_ix(c, l)] = c->loc_child[dvv_ix(c, p)];
    c->loc_child[dvv_ix(c, p)] = l;
  }
  /* metrics each plan counts (report-scope) */
  static const int32_t fields[] = {DANVAN_F_METRIC, DANVAN_F_METRICS, DANVAN_F_NUMERATOR,
                                   DANVAN_F_DENOMINATOR};
  for (size_t i = 0; i < c->nall; i++) {
    const danvan_entity *e = c->all[i];
    int32_t k = dvi_desc(e)->kind;
    if (k != DANVAN_KIND_MEASURE && k != DANVAN_KIND_TOTAL && k != DANVAN_KIND_QUOTA &&
        k != DANVAN_KIND_DUTY)
      continue;
    const danvan_entity *plan = dvv_plan_of(e);
    if (!plan) continue;
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
      const dvi_value *v = dvi_val(e, fields[f]);
      if (!v) continue;
      if (v->items) {
        for (uint32_t j = 0; j < v->nitems; j++)
          if (!dvv_map_put(c->plan_metrics, plan, v->items[j], (void *)plan)) return false;
      } else if (!dvv_map_put(c->plan_metrics, plan, v->u.s, (void *)plan)) {
        return false;
      }
    }
  }
  return true;
}

static void ctx_free(dvv_ctx *c) {
  dvi_free(c->all);
  dvi_free(c->mark);
  dvi_pmap_free(&c->ix);
  dvi_pmap_free(&c->memo);
  dvi_free(c->org_next);
  dvi_free(c->loc_child);
  dvi_free(c->loc_sib);
  dvv_map_free(c->orgs_by_kind);
  dvv_map_free(c->plan_metrics);
}

/* ---- memo of id lookups -------------------------------------------------------------------- */
static DVI_TLS dvv_ctx *current; /* the validation running on this thread */
static const char no_entity; /* remembered: no entity has that id */

const danvan_entity *dvv_find(const danvan_dataset *ds, const char *id) {
  dvv_ctx *c = current;
  if (!c || c->ds != ds) return dvi_find(ds, id);
  void *v = dvi_pmap_get(&c->memo, id);
  if (v) return v == &no_entity ? NULL : v;
  danvan_entity *t = dvi_find(ds, id);
  if (!dvi_pmap_put(&c->memo, id, t ? (void *)t : (void *)(uintptr_t)&no_entity)) c->failed = true;
  return t;
}

/* ---- entry points ------------------------------------------------------------------------- */
static int32_t run(danvan_diagnostics *d, const danvan_dataset *ds,
                   const danvan_validate_options *opts, int lang) {
  dvv_ctx c;
  memset(&c, 0, sizeof c);
  c.ds = ds;
  c.d = d;
  c.opts = opts;
  c.lang = lang;
  if (!build_indexes(&c)) {
    ctx_free(&c);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  current = &c;
  dvv_rules_model(&c);
  dvv_rules_dates(&c);
  dvv_rules_numbers(&c);
  dvv_rules_text(&c);
  current = NULL;
  ctx_free(&c);
  if (c.failed) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvv_diags_finish(d);
  return DANVAN_OK;
}

int32_t danvan_validate(danvan_diagnostics **out, const danvan_dataset *ds,
                        const danvan_validate_options *opts) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  DVI_CHECK_ARG(ds);
  danvan_validate_options *defaults = NULL;
  if (!opts) {
    int32_t rc = danvan_validate_options_new(&defaults);
    if (rc) return rc;
    opts = defaults;
  }
  int lang = dvv_resolve_lang(opts);
  danvan_diagnostics *d = NULL;
  int32_t rc = dvv_diags_new(&d, opts, lang);
  if (!rc) rc = run(d, ds, opts, lang);
  danvan_validate_options_free(defaults);
  if (rc) {
    danvan_diagnostics_free(d);
    return rc;
  }
  *out = d;
  return DANVAN_OK;
}

/* A single finding about a whole file (parse error, schema error). */
static int32_t file_finding(danvan_diagnostics *d, int rule, int msg, const char *file,
                            uint32_t line, uint32_t column, const char *detail) {
  if (!dvv_diags_admit(d, rule, file, line, column)) return DANVAN_OK;
  dvi_buf text;
  dvi_buf_init(&text);
  dvv_expand(&text, dvv_msg(d->lang, msg), DVV_ARGS(detail));
  char *m = dvi_buf_take(&text);
  bool ok = m && dvv_diags_add(d, rule, file, line, column, "", m);
  dvi_free(m);
  return ok ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

/* Load one file (the first) or merge it into ds, with the schema checked during the same parse
   when it is on; a file the reader refuses gives an "xml" finding and *bad. EIO and ENOMEM are
   returned. */
static int32_t load_one(danvan_dataset **ds, danvan_diagnostics *d, const char *path,
                        const danvan_validate_options *opts, bool *bad) {
  int32_t rc;
  if (opts->schema && opts->enabled[DVV_R_SCHEMA]) /* the schema checked during the load */
    rc = dvv_schema_load(ds, d, path);
  else
    rc = *ds ? danvan_dataset_merge(*ds, path, NULL) : danvan_dataset_load(ds, path, NULL);
  if (rc == DANVAN_OK || rc == DANVAN_EIO || rc == DANVAN_ENOMEM || rc == DANVAN_EINVAL) return rc;
  /* EPARSE, EINVALID, EUNSUPPORTED, ELIMIT: the reader refuses the file */
  *bad = true;
  const char *file = danvan_error_file();
  char msg[600];
  snprintf(msg, sizeof msg, "%s", danvan_error_message());
  char where[600];
  snprintf(where, sizeof where, "%s", file[0] && strcmp(file, "<memory>") != 0 ? file : path);
  uint32_t line = danvan_error_line(), column = danvan_error_column();
  if (rc == DANVAN_EINVALID && opts->schema) { /* the schema pass tells more */
    size_t found = 0;
    int32_t src = dvv_schema_pass(d, path, &found);
    if (src == DANVAN_ENOMEM) return src;
  }
  return file_finding(d, DVV_R_XML, DVV_M_XML, where, line, column, msg);
}

int32_t danvan_validate_files(danvan_diagnostics **out, const char *const *paths, size_t count,
                              const danvan_validate_options *opts) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  DVI_CHECK_ARG(paths && count > 0);
  for (size_t i = 0; i < count; i++) DVI_CHECK_ARG(paths[i]);
#ifndef DVV_HAVE_XML
  (void)opts;
  (void)file_finding;
  return dvi_error(DANVAN_EUNSUPPORTED, "this libdanvan was built without its XML reader");
#else
  danvan_validate_options *defaults = NULL;
  if (!opts) {
    int32_t rc = danvan_validate_options_new(&defaults);
    if (rc) return rc;
    opts = defaults;
  }
  int lang = dvv_resolve_lang(opts);
  danvan_diagnostics *d = NULL;
  danvan_dataset *ds = NULL;
  bool bad = false;
  int32_t rc = dvv_diags_new(&d, opts, lang);
  for (size_t i = 0; !rc && i < count; i++) {
    bool this_bad = false;
    rc = load_one(&ds, d, paths[i], opts, &this_bad);
    if (this_bad) bad = true;
  }
  if (!rc && !bad && ds) rc = run(d, ds, opts, lang);
  else if (!rc) dvv_diags_finish(d);
  danvan_dataset_free(ds);
  danvan_validate_options_free(defaults);
  if (rc) {
    danvan_diagnostics_free(d);
    return rc;
  }
  *out = d;
  return DANVAN_OK;
#endif
}

int32_t danvan_validate_file(danvan_diagnostics **out, const char *path,
                             const danvan_validate_options *opts) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  DVI_CHECK_ARG(path);
  return danvan_validate_files(out, &path, 1, opts);
}
