/* Small helpers of the evaluation: string sets, pointer maps, exact ratios. */
#include <string.h>

#include "evaluate/eval.h"

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static uint64_t hash_ptr(const void *p) {
  uint64_t h = (uint64_t)(uintptr_t)p;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

/* ---- string sets ------------------------------------------------------------------------- */
static bool strset_grow(dvi_strset *set) {
  size_t cap = set->cap ? set->cap * 2 : 64;
  const char **keys = dvi_calloc(cap, sizeof *keys);
  if (!keys) return false;
  for (size_t i = 0; i < set->cap; i++) {
    if (!set->keys[i]) continue;
    size_t j = hash_str(set->keys[i]) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = set->keys[i];
  }
  dvi_free(set->keys);
  set->keys = keys;
  set->cap = cap;
  return true;
}

const char *dvi_ev_lookup(const dvi_strset *set, const char *s) {
  if (!set->cap || !s) return NULL;
  size_t mask = set->cap - 1;
  for (size_t i = hash_str(s) & mask;; i = (i + 1) & mask) {
    if (!set->keys[i]) return NULL;
    if (strcmp(set->keys[i], s) == 0) return set->keys[i];
  }
}

const char *dvi_strset_add(dvi_strset *set, dvi_arena *arena, const char *s, bool *added) {
  if (added) *added = false;
  const char *have = dvi_ev_lookup(set, s);
  if (have) return have;
  if ((set->len + 1) * 4 > set->cap * 3 && !strset_grow(set)) return NULL;
  char *copy = dvi_arena_strndup(arena, s, strlen(s));
  if (!copy) return NULL;
  size_t mask = set->cap - 1;
  size_t i = hash_str(s) & mask;
  while (set->keys[i]) i = (i + 1) & mask;
  set->keys[i] = copy;
  set->len++;
  if (added) *added = true;
  return copy;
}

void dvi_strset_free(dvi_strset *set) {
  dvi_free(set->keys);
  memset(set, 0, sizeof *set);
}

const char *dvi_ev_intern(danvan_evaluation *ev, const char *s) {
  return dvi_strset_add(&ev->strs, &ev->arena, s, NULL);
}

/* ---- pointer maps ------------------------------------------------------------------------ */
static bool ptrmap_grow(dvi_ptrmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 32;
  const void **keys = dvi_calloc(cap, sizeof *keys);
  int32_t *vals = dvi_calloc(cap, sizeof *vals);
  if (!keys || !vals) {
    dvi_free(keys);
    dvi_free(vals);
    return false;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = hash_ptr(m->keys[i]) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
  }
  dvi_free(m->keys);
  dvi_free(m->vals);
  m->keys = keys;
  m->vals = vals;
  m->cap = cap;
  return true;
}

bool dvi_ptrmap_put(dvi_ptrmap *m, const void *key, int32_t val) {
  if ((m->len + 1) * 4 > m->cap * 3 && !ptrmap_grow(m)) return false;
  size_t mask = m->cap - 1;
  size_t i = hash_ptr(key) & mask;
  for (; m->keys[i]; i = (i + 1) & mask)
    if (m->keys[i] == key) return true; /* first value stays */
  m->keys[i] = key;
  m->vals[i] = val;
  m->len++;
  return true;
}

bool dvi_ptrmap_set(dvi_ptrmap *m, const void *key, int32_t val) {
  if ((m->len + 1) * 4 > m->cap * 3 && !ptrmap_grow(m)) return false;
  size_t mask = m->cap - 1;
  size_t i = hash_ptr(key) & mask;
  for (; m->keys[i]; i = (i + 1) & mask)
    if (m->keys[i] == key) {
      m->vals[i] = val;
      return true;
    }
  m->keys[i] = key;
  m->vals[i] = val;
  m->len++;
  return true;
}

int32_t dvi_ptrmap_get(const dvi_ptrmap *m, const void *key) {
  if (!m->cap || !key) return -1;
  size_t mask = m->cap - 1;
  for (size_t i = hash_ptr(key) & mask;; i = (i + 1) & mask) {
    if (!m->keys[i]) return -1;
    if (m->keys[i] == key) return m->vals[i];
  }
}

void dvi_ptrmap_free(dvi_ptrmap *m) {
  dvi_free(m->keys);
  dvi_free(m->vals);
  memset(m, 0, sizeof *m);
}

/* ---- exact ratios ------------------------------------------------------------------------ */
int64_t dvi_frac_e4(uint64_t num, uint64_t den) {
  if (!den) return 0;
  uint64_t q = num / den, r = num % den;
  if (q > (uint64_t)INT64_MAX / 10000 - 1) return INT64_MAX;
  int64_t out = (int64_t)q;
  /* four digits and a fifth for rounding, by long division */
  for (int k = 0; k < 5; k++) {
    int digit;
    if (r > UINT64_MAX / 10) { /* huge denominator: finish in long double */
      long double rest = (long double)r / (long double)den;
      for (; k < 5; k++) {
        rest *= 10;
        digit = (int)rest;
        rest -= digit;
        if (k < 4) out = out * 10 + digit;
        else if (digit >= 5) out++;
      }
      return out;
    }
    r *= 10;
    digit = (int)(r / den);
    r %= den;
    if (k < 4) out = out * 10 + digit;
    else if (digit >= 5) out++;
  }
  return out;
}

size_t dvi_e4_write(char *buf, int64_t e4) { return dvi_decimal_write(buf, e4, 4); }

/* ---- entity access ----------------------------------------------------------------------- */
int32_t dvi_ev_date(const danvan_entity *e, int32_t field) {
  const dvi_value *v = e ? dvi_val(e, field) : NULL;
  return (v && dvi_date_valid((int32_t)v->u.i, false)) ? (int32_t)v->u.i : 0;
}

const danvan_entity *dvi_ev_find(const danvan_dataset *ds, const char *id, int32_t kind) {
  danvan_entity *t = id ? dvi_find(ds, id) : NULL;
  return (t && dvi_desc(t)->kind == kind) ? t : NULL;
}

const danvan_entity *dvi_ev_ref(const danvan_dataset *ds, const danvan_entity *e, int32_t field,
                                int32_t kind) {
  const dvi_value *v = e ? dvi_val(e, field) : NULL;
  return v ? dvi_ev_find(ds, v->u.s, kind) : NULL;
}

double dvi_ev_double(ev_dec d) {
  double p = 1; /* powers of ten up to 1e18 are exact doubles */
  for (int32_t i = 0; i < d.s; i++) p *= 10;
  return (double)d.c / p;
}
