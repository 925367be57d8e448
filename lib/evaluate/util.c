/* Small helpers of the evaluation: string sets, pointer maps, exact ratios. */
#include <string.h>

#include "evaluate/eval.h"

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
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

/* ---- hashed indexes of strings ---------------------------------------------------------- */
uint64_t dvi_ev_hash(const char *s) {
  uint64_t h = hash_str(s);
  h ^= h >> 29; /* FNV's low bits are weak: mix before they pick a slot */
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

#define HI_TAG(h) ((h) >> 32)

/* Insert entry i with hash h (not present; room checked by hindex_room). */
static void hindex_put(dvi_hindex *x, uint64_t h, size_t i) {
  size_t mask = x->cap - 1;
  size_t j = (size_t)h & mask;
  while (x->slots[j]) j = (j + 1) & mask;
  x->slots[j] = (HI_TAG(h) << 32) | (uint64_t)(i + 1);
  x->len++;
}

/* Make room for one more entry; hash_of gives the hash of an indexed entry (for a rehash). */
static bool hindex_room(dvi_hindex *x, uint64_t (*hash_of)(const void *ctx, size_t i),
                        const void *ctx) {
  if ((x->len + 1) * 4 <= x->cap * 3) return true;
  size_t cap = x->cap ? x->cap * 2 : 64;
  uint64_t *slots = dvi_calloc(cap, sizeof *slots);
  if (!slots) return false;
  for (size_t j = 0; j < x->cap; j++) {
    if (!x->slots[j]) continue;
    size_t i = (size_t)(uint32_t)x->slots[j] - 1;
    uint64_t h = hash_of(ctx, i);
    size_t k = (size_t)h & (cap - 1);
    while (slots[k]) k = (k + 1) & (cap - 1);
    slots[k] = x->slots[j];
  }
  dvi_free(x->slots);
  x->slots = slots;
  x->cap = cap;
  return true;
}

/* ---- references resolved once per distinct string ------------------------------------------ */
static uint64_t ref_hash(const void *ctx, size_t i) {
  return ((const dvi_refmap *)ctx)->refs[i]->hash;
}

ev_ref *dvi_ev_resolve(danvan_evaluation *ev, dvi_refmap *m, const char *s) {
  /* Reports come in runs: the same reporter again, or the reporters in the order of their
     first reports (a file sorted by period, then unit, some units missing). Trying the last
     ref found and the two created after it saves hashing the string and a probe of the
     index (a cache miss at scale) for most reports. */
  for (size_t i = m->last; i < m->n && i <= m->last + 2; i++)
    if (m->refs[i]->key == s || strcmp(m->refs[i]->id, s) == 0) {
      /* a key is only ever text of the evaluation's dataset, alive as long as the evaluation:
         no other live string has its address */
      if (ev->stable) m->refs[i]->key = s;
      m->last = i;
      return m->refs[i];
    }
  uint64_t h = dvi_ev_hash(s);
  if (m->index.cap) {
    size_t mask = m->index.cap - 1;
    for (size_t j = (size_t)h & mask; m->index.slots[j]; j = (j + 1) & mask) {
      uint64_t v = m->index.slots[j];
      if ((v >> 32) != HI_TAG(h)) continue;
      ev_ref *r = m->refs[(uint32_t)v - 1];
      if (r->hash == h && strcmp(r->id, s) == 0) {
        if (ev->stable) r->key = s;
        m->last = (uint32_t)v - 1;
        return r;
      }
    }
  }
  if (m->n >= UINT32_MAX - 1) return NULL;
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    ev_ref **refs = dvi_realloc(m->refs, cap * sizeof *refs);
    if (!refs) return NULL;
    m->refs = refs;
    m->cap = cap;
  }
  if (!hindex_room(&m->index, ref_hash, m)) return NULL;
  ev_ref *r = dvi_arena_alloc(&ev->arena, sizeof *r);
  if (!r || !(r->id = dvi_arena_strndup(&ev->arena, s, strlen(s)))) return NULL;
  r->hash = h;
  if (ev->stable) r->key = s;
  r->e = dvi_ev_find(ev->ds, s, m->kind);
  m->refs[m->n] = r;
  hindex_put(&m->index, h, m->n);
  m->last = m->n++;
  return r;
}

/* The ref that a reference field of r's entity names in map m (NULL when none). */
static ev_ref *ref_field(danvan_evaluation *ev, dvi_refmap *m, const ev_ref *r, int32_t field,
                         int32_t *rc) {
  const dvi_value *v = r->e ? dvi_val(r->e, field) : NULL;
  if (!v) return NULL;
  ev_ref *t = dvi_ev_resolve(ev, m, v->u.s);
  if (!t) {
    *rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    return NULL;
  }
  return t->e ? t : NULL;
}

ev_ref *dvi_ev_parent(danvan_evaluation *ev, dvi_refmap *m, ev_ref *r, int32_t *rc) {
  if (!r->parent_done) {
    int32_t err = DANVAN_OK;
    ev_ref *p = ref_field(ev, m, r, DANVAN_F_PARENT, &err);
    if (err) {
      *rc = err;
      return NULL;
    }
    r->parent = p;
    r->parent_done = true;
  }
  return r->parent;
}

ev_ref *dvi_ev_locality(danvan_evaluation *ev, ev_ref *r, int32_t *rc) {
  if (!r->locality_done) {
    int32_t err = DANVAN_OK;
    ev_ref *l = ref_field(ev, &ev->locs, r, DANVAN_F_LOCALITY, &err);
    if (err) {
      *rc = err;
      return NULL;
    }
    r->locality = l;
    r->locality_done = true;
  }
  return r->locality;
}

void dvi_refmap_free(dvi_refmap *m) {
  dvi_free(m->index.slots);
  dvi_free(m->refs);
  int32_t kind = m->kind;
  memset(m, 0, sizeof *m);
  m->kind = kind;
}

/* ---- report ids seen ------------------------------------------------------------------------ */
#define SEEN_CTRL(h) ((uint8_t)(0x80u | (uint8_t)((h) >> 57)))

static void seen_put(ev_seen *s, const char *id, uint64_t h) {
  size_t mask = s->cap - 1;
  size_t j = (size_t)h & mask;
  while (s->ctrl[j]) j = (j + 1) & mask;
  s->keys[j] = id;
  s->ctrl[j] = SEEN_CTRL(h);
  s->len++;
}

static bool seen_room(ev_seen *s, size_t more) {
  if ((s->len + more) * 4 <= s->cap * 3) return true;
  size_t cap = s->cap ? s->cap : 256;
  while ((s->len + more) * 4 > cap * 3) cap *= 2;
  const char **keys = dvi_malloc(cap * sizeof *keys);
  uint8_t *ctrl = dvi_calloc(cap, 1);
  if (!keys || !ctrl) {
    dvi_free(keys);
    dvi_free(ctrl);
    return false;
  }
  const char **okeys = s->keys;
  uint8_t *octrl = s->ctrl;
  size_t ocap = s->cap;
  s->keys = keys;
  s->ctrl = ctrl;
  s->cap = cap;
  s->len = 0;
  for (size_t j = 0; j < ocap; j++)
    if (octrl[j]) seen_put(s, okeys[j], dvi_ev_hash(okeys[j]));
  dvi_free(okeys);
  dvi_free(octrl);
  return true;
}

static bool seen_has(const ev_seen *s, const char *id, uint64_t h) {
  if (!s->len) return false;
  size_t mask = s->cap - 1;
  uint8_t c = SEEN_CTRL(h);
  for (size_t j = (size_t)h & mask; s->ctrl[j]; j = (j + 1) & mask)
    if (s->ctrl[j] == c && strcmp(s->keys[j], id) == 0) return true;
  return false;
}

int32_t dvi_ev_seen_sync(danvan_evaluation *ev) {
  ev_seen *s = &ev->seen;
  if (!s->npending) return DANVAN_OK;
  if (!seen_room(s, s->npending)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  for (size_t i = 0; i < s->npending; i++) seen_put(s, s->pending[i], dvi_ev_hash(s->pending[i]));
  dvi_free(s->pending);
  s->pending = NULL;
  s->npending = s->cappending = 0;
  return DANVAN_OK;
}

int32_t dvi_ev_seen_add(danvan_evaluation *ev, const char *id, bool own, const char **rid) {
  ev_seen *s = &ev->seen;
  *rid = NULL;
  int32_t rc = dvi_ev_seen_sync(ev);
  if (rc) return rc;
  uint64_t h = dvi_ev_hash(id);
  if (seen_has(s, id, h)) return DANVAN_OK;
  const char *keep = own ? id : dvi_arena_strndup(&ev->arena, id, strlen(id));
  if (!keep || !seen_room(s, 1)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  seen_put(s, keep, h);
  *rid = keep;
  return DANVAN_OK;
}

int32_t dvi_ev_seen_batch(danvan_evaluation *ev, const char *id, const char **rid) {
  ev_seen *s = &ev->seen;
  *rid = NULL;
  if (s->len && seen_has(s, id, dvi_ev_hash(id))) return DANVAN_OK;
  if (s->npending == s->cappending) {
    size_t cap = s->cappending ? s->cappending * 2 : 256;
    const char **p = dvi_realloc(s->pending, cap * sizeof *p);
    if (!p) return dvi_error(DANVAN_ENOMEM, "out of memory");
    s->pending = p;
    s->cappending = cap;
  }
  s->pending[s->npending++] = id;
  *rid = id;
  return DANVAN_OK;
}

void dvi_ev_seen_free(ev_seen *s) {
  dvi_free(s->keys);
  dvi_free(s->ctrl);
  dvi_free(s->pending);
  memset(s, 0, sizeof *s);
}

/* ---- pointer maps ------------------------------------------------------------------------ */
bool dvi_ptrmap_put(dvi_ptrmap *m, const void *key, int32_t val) {
  if (dvi_pmap_get(m, key)) return true; /* first value stays */
  return dvi_pmap_put(m, key, (void *)(uintptr_t)((uint32_t)val + 1u));
}

bool dvi_ptrmap_set(dvi_ptrmap *m, const void *key, int32_t val) {
  return dvi_pmap_put(m, key, (void *)(uintptr_t)((uint32_t)val + 1u));
}

int32_t dvi_ptrmap_get(const dvi_ptrmap *m, const void *key) {
  uintptr_t v = key ? (uintptr_t)dvi_pmap_get(m, key) : 0;
  return v ? (int32_t)(v - 1) : -1;
}

void dvi_ptrmap_free(dvi_ptrmap *m) { dvi_pmap_free(m); }

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
