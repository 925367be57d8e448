/* Datasets, entities, ids and field values. */
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

/* ---- records ------------------------------------------------------------------------------
   See struct danvan_entity in internal.h for the layout. Cells are read and written with
   memcpy: they are packed without alignment. */
static inline uint32_t get_u32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline void put_u32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }

/* A date (yyyymmdd, day 0 for a month) in 3 bytes; a date-time (seconds) in 5. */
static void put_date(unsigned char *c, int32_t d) {
  uint32_t v = (uint32_t)(d / 10000) << 9 | (uint32_t)(d / 100 % 100) << 5 | (uint32_t)(d % 100);
  c[0] = (unsigned char)v;
  c[1] = (unsigned char)(v >> 8);
  c[2] = (unsigned char)(v >> 16);
}
static int32_t get_date(const unsigned char *c) {
  uint32_t v = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16;
  return (int32_t)((v >> 9) * 10000 + (v >> 5 & 15) * 100 + (v & 31));
}
static void put_datetime(unsigned char *c, int64_t t) {
  uint64_t u = (uint64_t)t;
  for (int i = 0; i < 5; i++) c[i] = (unsigned char)(u >> (8 * i));
}
static int64_t get_datetime(const unsigned char *c) {
  uint64_t u = 0;
  for (int i = 0; i < 5; i++) u |= (uint64_t)c[i] << (8 * i);
  if (u >> 39 & 1) u |= ~(uint64_t)0 << 40;
  return (int64_t)u;
}

static inline unsigned char *inline_rec(const danvan_entity *e) {
  return (unsigned char *)(uintptr_t)(e + 1);
}

static inline uint32_t inline_mask(const danvan_entity *e, const dvi_kind_desc *kd) {
  const unsigned char *p = inline_rec(e);
  switch (kd->mask_bytes) {
    case 1: return p[0];
    case 2: return (uint32_t)p[0] | (uint32_t)p[1] << 8;
    case 3: return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    default: return get_u32(p);
  }
}

static inline unsigned char *full_rec(const danvan_entity *e) {
  return dvi_arena_ptr(&dvi_ds_of(e)->arena, get_u32(inline_rec(e)));
}

/* The cell of field idx, or NULL when the entity has none (or it is not set). */
static unsigned char *cell_at(const danvan_entity *e, const dvi_kind_desc *kd, int idx) {
  if (e->flags & DVI_EF_FULL) {
    unsigned char *r = full_rec(e);
    return (get_u32(r) >> idx & 1) ? r + kd->full_off[idx] : NULL;
  }
  uint32_t m = inline_mask(e, kd);
  if (!(m >> idx & 1)) return NULL;
  if (idx == kd->text_index && (e->flags & DVI_EF_TEXTRES)) return NULL;
  size_t off = kd->mask_bytes;
  for (int j = 0; j < idx; j++)
    if (m >> j & 1) off += kd->width[j];
  return inline_rec(e) + off;
}

/* Move the record to a full one (every field has a cell). */
static int32_t make_full(danvan_entity *e, const dvi_kind_desc *kd) {
  if (e->flags & DVI_EF_FULL) return DANVAN_OK;
  danvan_dataset *ds = dvi_ds_of(e);
  dvi_h h;
  unsigned char *r = dvi_arena_alloc_h(&ds->arena, kd->full_size, &h);
  if (!r) return dvi_error(DANVAN_ENOMEM, "out of memory");
  uint32_t pres = 0;
  for (size_t i = 0; i < kd->nfields; i++) {
    const unsigned char *c = cell_at(e, kd, (int)i);
    if (!c) continue;
    memcpy(r + kd->full_off[i], c, kd->width[i]);
    pres |= 1u << i;
  }
  put_u32(r, pres);
  put_u32(inline_rec(e), h);
  e->flags = (uint8_t)((e->flags | DVI_EF_FULL) & ~DVI_EF_TEXTRES);
  return DANVAN_OK;
}

/* A cell to write field idx into (marked present), or NULL on ENOMEM. */
static unsigned char *cell_for_write(danvan_entity *e, const dvi_kind_desc *kd, int idx) {
  if (!(e->flags & DVI_EF_FULL)) {
    if (inline_mask(e, kd) >> idx & 1) {
      if (idx == kd->text_index) e->flags = (uint8_t)(e->flags & ~DVI_EF_TEXTRES);
      return cell_at(e, kd, idx);
    }
    if (make_full(e, kd)) return NULL;
  }
  unsigned char *r = full_rec(e);
  put_u32(r, get_u32(r) | 1u << idx);
  return r + kd->full_off[idx];
}

/* Unset field idx of an entity whose record is full. */
static void clear_field(danvan_entity *e, int idx) {
  unsigned char *r = full_rec(e);
  put_u32(r, get_u32(r) & ~(1u << idx));
}

bool dvi_has(const danvan_entity *e, int idx) { return cell_at(e, dvi_desc(e), idx) != NULL; }

uint32_t dvi_present(const danvan_entity *e) {
  const dvi_kind_desc *kd = dvi_desc(e);
  if (e->flags & DVI_EF_FULL) return get_u32(full_rec(e));
  uint32_t m = inline_mask(e, kd);
  if ((e->flags & DVI_EF_TEXTRES) && kd->text_index >= 0) m &= ~(1u << kd->text_index);
  return m;
}

typedef struct list_block {
  uint32_t text, n;
  const char *items[];
} list_block;

const dvi_value *dvi_val_idx(const danvan_entity *e, int idx, dvi_value *out) {
  const dvi_kind_desc *kd = dvi_desc(e);
  const unsigned char *c = cell_at(e, kd, idx);
  if (!c) return NULL;
  const dvi_field_desc *fd = &kd->fields[idx];
  memset(out, 0, sizeof *out);
  out->set = 1;
  switch (fd->type) {
    case DANVAN_TYPE_ENUM: out->u.s = fd->enums[c[0]]; break;
    case DANVAN_TYPE_BOOL: out->u.i = c[0]; break;
    case DANVAN_TYPE_TIME: {
      uint16_t t;
      memcpy(&t, c, 2);
      out->u.i = t;
      break;
    }
    case DANVAN_TYPE_DATE: out->u.i = get_date(c); break;
    case DANVAN_TYPE_DATETIME: out->u.i = get_datetime(c); break;
    case DANVAN_TYPE_INT: memcpy(&out->u.i, c, 8); break;
    case DANVAN_TYPE_DECIMAL:
      memcpy(&out->u.i, c, 8);
      out->scale = (int8_t)c[8];
      break;
    case DANVAN_TYPE_REFS:
    case DANVAN_TYPE_TOKENS: {
      const danvan_dataset *ds = dvi_ds_of(e);
      const list_block *b = dvi_arena_ptr(&ds->arena, get_u32(c));
      out->u.s = dvi_arena_ptr(&ds->arena, b->text);
      out->nitems = b->n;
      out->items = b->n ? (const char **)(uintptr_t)b->items : NULL;
      break;
    }
    default: out->u.s = dvi_arena_ptr(&dvi_ds_of(e)->arena, get_u32(c)); break;
  }
  return out;
}

/* The id of an entity of the index (its kind has one, and it is set). */
static const char *id_of(const danvan_entity *e) {
  const dvi_kind_desc *kd = dvi_desc(e);
  if (kd->id_index < 0) return NULL;
  const unsigned char *c = cell_at(e, kd, kd->id_index);
  return c ? dvi_arena_ptr(&dvi_ds_of(e)->arena, get_u32(c)) : NULL;
}

/* ---- id index: open addressing, linear probing -------------------------------------------
   A slot is the entity's handle and a 32-bit hash of its id: probes and growth compare
   hashes and read an id only when the hashes agree. */
static uint32_t hash_mem(const char *s, size_t len) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return (uint32_t)(h ^ (h >> 32));
}

#define SLOT_H(x) ((dvi_h)((x) >> 32))
#define SLOT_HASH(x) ((uint32_t)(x))

static void idmap_free(dvi_idmap *m) {
  dvi_free(m->slots);
  memset(m, 0, sizeof *m);
}

static bool key_eq(const danvan_dataset *ds, uint64_t slot, uint32_t h, const char *key, size_t len) {
  if (SLOT_HASH(slot) != h) return false;
  const char *id = id_of(dvi_ent(ds, SLOT_H(slot)));
  return id && strncmp(id, key, len) == 0 && id[len] == '\0';
}

/* The entity with id key[0, len) whose hash is h, or NULL. */
static danvan_entity *idmap_getn(const danvan_dataset *ds, const char *key, size_t len, uint32_t h) {
  const dvi_idmap *m = &ds->ids;
  if (!m->cap) return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint64_t x = m->slots[i];
    if (!x) return NULL;
    if (key_eq(ds, x, h, key, len)) return dvi_ent(ds, SLOT_H(x));
  }
}

static danvan_entity *idmap_get(const danvan_dataset *ds, const char *key) {
  size_t len = strlen(key);
  return idmap_getn(ds, key, len, hash_mem(key, len));
}

static bool idmap_grow(dvi_idmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  uint64_t *slots = dvi_calloc(cap, sizeof *slots);
  if (!slots) return false;
  for (size_t i = 0; i < m->cap; i++) {
    uint64_t x = m->slots[i];
    if (!x) continue;
    size_t j = SLOT_HASH(x) & (cap - 1);
    while (slots[j]) j = (j + 1) & (cap - 1);
    slots[j] = x;
  }
  dvi_free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return true;
}

void dvi_ds_prefetch_id(const danvan_dataset *ds, const char *s, size_t len) {
  const dvi_idmap *m = &ds->ids;
  if (m->cap < 4096) return; /* small enough to stay in the cache */
#if defined(__GNUC__)
  __builtin_prefetch(&m->slots[hash_mem(s, len) & (m->cap - 1)]);
#else
  (void)s;
  (void)len;
#endif
}

int32_t dvi_ds_expect_ids(danvan_dataset *ds, size_t n) {
  dvi_idmap *m = &ds->ids;
  size_t want = m->len + n;
  if (want > ((size_t)1 << 28)) want = (size_t)1 << 28;
  size_t cap = m->cap ? m->cap : 64;
  while ((want + 1) * 4 > cap * 3) cap *= 2;
  while (m->cap < cap)
    if (!idmap_grow(m)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  return DANVAN_OK;
}

/* Room for one more key (false on ENOMEM). */
static bool idmap_room(dvi_idmap *m) {
  return (m->len + 1) * 4 <= m->cap * 3 || idmap_grow(m);
}

/* Returns false on ENOMEM. When the key is taken, the entity created first keeps it; a key
   that is already present never needs memory. */
static bool idmap_put(danvan_dataset *ds, const char *key, danvan_entity *e) {
  dvi_idmap *m = &ds->ids;
  size_t len = strlen(key);
  uint32_t h = hash_mem(key, len);
  dvi_h eh = dvi_arena_handle(e);
  if (m->cap) {
    size_t mask = m->cap - 1;
    for (size_t i = h & mask; m->slots[i]; i = (i + 1) & mask)
      if (key_eq(ds, m->slots[i], h, key, len)) {
        if (SLOT_H(m->slots[i]) == eh) return true;
        m->dups++;
        if (eh < SLOT_H(m->slots[i])) m->slots[i] = (uint64_t)eh << 32 | h;
        return true;
      }
  }
  if ((m->len + 1) * 4 > m->cap * 3 && !idmap_grow(m)) return false;
  size_t mask = m->cap - 1;
  size_t i = h & mask;
  while (m->slots[i]) i = (i + 1) & mask;
  m->slots[i] = (uint64_t)eh << 32 | h;
  m->len++;
  return true;
}

/* Backward-shift deletion keeps probe chains intact. */
static void idmap_del(danvan_dataset *ds, const char *key, const danvan_entity *e) {
  dvi_idmap *m = &ds->ids;
  if (!m->cap) return;
  size_t mask = m->cap - 1;
  size_t len = strlen(key);
  uint32_t h = hash_mem(key, len);
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    if (!m->slots[i]) return;
    if (key_eq(ds, m->slots[i], h, key, len)) break;
  }
  if (SLOT_H(m->slots[i]) != dvi_arena_handle(e)) return; /* a duplicate is being removed */
  size_t j = i;
  for (;;) {
    m->slots[i] = 0;
    for (;;) {
      j = (j + 1) & mask;
      if (!m->slots[j]) {
        m->len--;
        return;
      }
      size_t home = SLOT_HASH(m->slots[j]) & mask;
      /* can the entry at j move to the hole at i? */
      if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) break;
    }
    m->slots[i] = m->slots[j];
    i = j;
  }
}

/* ---- pointer map -------------------------------------------------------------------------- */
static size_t ptr_hash(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

void *dvi_pmap_get(const dvi_pmap *m, const void *key) {
  if (!m->cap) return NULL;
  for (size_t i = ptr_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->keys[i]) return NULL;
    if (m->keys[i] == key) return m->vals[i];
  }
}

bool dvi_pmap_put(dvi_pmap *m, const void *key, void *val) {
  if ((m->len + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 16;
    const void **keys = dvi_calloc(cap, sizeof *keys);
    void **vals = dvi_calloc(cap, sizeof *vals);
    if (!keys || !vals) {
      dvi_free(keys);
      dvi_free(vals);
      return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i]) continue;
      size_t j = ptr_hash(m->keys[i]) & (cap - 1);
      while (keys[j]) j = (j + 1) & (cap - 1);
      keys[j] = m->keys[i];
      vals[j] = m->vals[i];
    }
    dvi_free(m->keys);
    dvi_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
  }
  size_t i = ptr_hash(key) & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
  if (!m->keys[i]) m->len++;
  m->keys[i] = key;
  m->vals[i] = val;
  return true;
}

void dvi_pmap_free(dvi_pmap *m) {
  dvi_free(m->keys);
  dvi_free(m->vals);
  memset(m, 0, sizeof *m);
}

dvi_xattr *dvi_xattrs(const danvan_entity *e) {
  return (e->flags & DVI_EF_XATTRS) ? dvi_pmap_get(&dvi_ds_of(e)->xattrs, e) : NULL;
}

int32_t dvi_set_xattrs(danvan_entity *e, dvi_xattr *list) {
  if (!dvi_pmap_put(&dvi_ds_of(e)->xattrs, e, list)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  e->flags |= DVI_EF_XATTRS;
  return DANVAN_OK;
}

/* ---- datasets ----------------------------------------------------------------------------- */
#define NTOP(ds) (dvi_kind(DANVAN_KIND_DATASET)->nslots + 1)

int32_t danvan_dataset_new(danvan_dataset **out) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  danvan_dataset *ds = dvi_calloc(1, sizeof *ds);
  if (!ds) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_arena_init(&ds->arena);
  ds->arena.owner = ds;
  ds->refs = 1;
  static uint64_t serials = 0;
  ds->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
  ds->root.kind = DANVAN_KIND_DATASET;
  ds->root.flags = DVI_EF_ROOT;
  ds->files = dvi_calloc(4, sizeof *ds->files);
  ds->top = dvi_calloc(NTOP(ds), sizeof *ds->top);
  if (!ds->files || !ds->top) {
    dvi_free(ds->files);
    dvi_free(ds->top);
    dvi_free(ds);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  ds->files[0] = "";
  ds->nfiles = 1;
  *out = ds;
  return DANVAN_OK;
}

static void dataset_destroy(danvan_dataset *ds) {
  for (size_t i = 0; i < NTOP(ds); i++) dvi_free(ds->top[i].items);
  dvi_free(ds->top);
  idmap_free(&ds->ids);
  dvi_pmap_free(&ds->xattrs);
  dvi_free(ds->files);
  dvi_arena_free(&ds->arena);
  dvi_free(ds);
}

void dvi_ds_ref(danvan_dataset *ds) { __atomic_add_fetch(&ds->refs, 1, __ATOMIC_RELAXED); }

void dvi_ds_unref(danvan_dataset *ds) {
  if (ds && __atomic_sub_fetch(&ds->refs, 1, __ATOMIC_ACQ_REL) == 0) dataset_destroy(ds);
}

void danvan_dataset_free(danvan_dataset *ds) { dvi_ds_unref(ds); }

danvan_entity *danvan_dataset_root(danvan_dataset *ds) { return ds ? &ds->root : NULL; }

size_t danvan_dataset_count(const danvan_dataset *ds, int32_t kind) {
  return ds ? danvan_entity_child_count(&ds->root, kind) : 0;
}

danvan_entity *danvan_dataset_get(const danvan_dataset *ds, int32_t kind, size_t i) {
  return ds ? danvan_entity_child(&ds->root, kind, i) : NULL;
}

int32_t danvan_dataset_find(danvan_entity **out, const danvan_dataset *ds, const char *id) {
  DVI_CHECK_ARG(out && ds && id);
  *out = idmap_get(ds, id);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOTFOUND, "no entity has the id '%s'", id);
}

size_t danvan_dataset_entity_count(const danvan_dataset *ds) { return ds ? ds->nentities : 0; }

const char *dvi_ds_strndup(danvan_dataset *ds, const char *s, size_t len) {
  return dvi_arena_strndup(&ds->arena, s, len);
}

static dvi_h str_h(danvan_dataset *ds, const char *s, size_t len) {
  dvi_h h = 0;
  char *p = dvi_arena_alloc_h(&ds->arena, len + 1, &h);
  if (!p) return 0;
  memcpy(p, s, len);
  p[len] = '\0';
  return h;
}

int32_t dvi_ds_add_file(danvan_dataset *ds, const char *name, uint16_t *out_index) {
  for (uint32_t i = 0; i < ds->nfiles; i++)
    if (strcmp(ds->files[i], name) == 0) {
      *out_index = (uint16_t)i;
      return DANVAN_OK;
    }
  if (ds->nfiles >= UINT16_MAX) return dvi_error(DANVAN_ELIMIT, "too many files in one dataset");
  if ((ds->nfiles & (ds->nfiles - 1)) == 0 && ds->nfiles >= 4) {
    const char **f = dvi_realloc(ds->files, ds->nfiles * 2 * sizeof *f);
    if (!f) return dvi_error(DANVAN_ENOMEM, "out of memory");
    ds->files = f;
  }
  const char *copy = dvi_ds_strndup(ds, name, strlen(name));
  if (!copy) return dvi_error(DANVAN_ENOMEM, "out of memory");
  ds->files[ds->nfiles] = copy;
  *out_index = (uint16_t)ds->nfiles++;
  return DANVAN_OK;
}

/* ---- entities ----------------------------------------------------------------------------- */
static bool hvec_reserve(dvi_hvec *v) {
  if (v->n == v->cap) {
    uint32_t cap = v->cap ? v->cap * 2 : 4;
    dvi_h *items = dvi_realloc(v->items, cap * sizeof *items);
    if (!items) return false;
    v->items = items;
    v->cap = cap;
  }
  return true;
}

static void hvec_remove(dvi_hvec *v, dvi_h h) {
  for (uint32_t i = v->n; i-- > 0;)
    if (v->items[i] == h) {
      memmove(&v->items[i], &v->items[i + 1], (v->n - i - 1) * sizeof *v->items);
      v->n--;
      return;
    }
}

static dvi_hvec *top_vec(const danvan_dataset *ds, int32_t kind) {
  int slot = dvi_kind(DANVAN_KIND_DATASET)->child_slot[kind];
  return slot >= 0 ? &ds->top[slot] : NULL;
}

const dvi_hvec *dvi_top(const danvan_dataset *ds, int32_t kind) { return top_vec(ds, kind); }

int32_t dvi_entity_add_r(danvan_entity **out, danvan_entity *parent, const dvi_kind_desc *kd,
                         uint32_t reserve) {
  danvan_dataset *ds = dvi_ds_of(parent);
  bool top = (parent->flags & DVI_EF_ROOT) != 0;
  if (kd->nfields < 32) reserve &= (1u << kd->nfields) - 1;
  size_t size = sizeof(danvan_entity) + kd->mask_bytes;
  for (size_t i = 0; i < kd->nfields; i++)
    if (reserve >> i & 1) size += kd->width[i];
  if (top && !hvec_reserve(top_vec(ds, kd->kind))) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_h h;
  danvan_entity *e = dvi_arena_alloc_h(&ds->arena, size, &h);
  if (!e) return dvi_error(DANVAN_ENOMEM, "out of memory");
  e->kind = (uint8_t)kd->kind;
  unsigned char *m = inline_rec(e);
  memcpy(m, &reserve, kd->mask_bytes); /* little-endian: the low bytes */
  if (kd->text_index >= 0 && (reserve >> kd->text_index & 1)) e->flags |= DVI_EF_TEXTRES;
  if (top) {
    e->flags |= DVI_EF_TOP;
    dvi_hvec *tv = top_vec(ds, kd->kind);
    tv->items[tv->n++] = h; /* room was made */
  } else {
    e->parent = dvi_arena_handle(parent);
  }
  if (top) {
    ds->hint_prev = parent->last;
    ds->hint_child = h;
  }
  if (!parent->last) {
    e->next = h;
  } else {
    danvan_entity *last = dvi_ent(ds, parent->last);
    e->next = last->next;
    last->next = h;
  }
  parent->last = h;
  ds->gen++;
  ds->nentities++;
  if (out) *out = e;
  return DANVAN_OK;
}

int32_t danvan_entity_add(danvan_entity **out, danvan_entity *parent, int32_t kind, const char *id) {
  if (out) *out = NULL;
  DVI_CHECK_ARG(parent);
  const dvi_kind_desc *kd = dvi_kind(kind);
  if (!kd || kind == DANVAN_KIND_DATASET)
    return dvi_error(DANVAN_EINVAL, "%d is not a kind of entity that can be added", (int)kind);
  int slot = dvi_desc(parent)->child_slot[kind];
  if (slot < 0)
    return dvi_error(DANVAN_EINVAL, "a %s cannot contain a %s", dvi_desc(parent)->name, kd->name);
  if (id && kd->id_index < 0) return dvi_error(DANVAN_EINVAL, "a %s has no id", kd->name);
  if (id && !dvi_is_ncname(id, strlen(id)))
    return dvi_error(DANVAN_EINVAL, "'%s' is not a valid id (an XML NCName)", id);
  danvan_entity *e;
  int32_t rc = dvi_entity_add_r(&e, parent, kd, id ? 1u << kd->id_index : 0);
  if (rc) return rc;
  if (id && (rc = dvi_entity_set_text(e, kd->id_index, id, strlen(id)))) {
    danvan_entity_remove(e);
    return rc;
  }
  if (out) *out = e;
  return DANVAN_OK;
}

danvan_entity *dvi_kid_first(const danvan_entity *e, int32_t kind) {
  if (!e->last || (e->flags & DVI_EF_GONE)) return NULL;
  const danvan_dataset *ds = dvi_ds_of(e);
  danvan_entity *last = dvi_ent(ds, e->last);
  for (danvan_entity *c = dvi_ent(ds, last->next);; c = dvi_ent(ds, c->next)) {
    if (kind == DANVAN_KIND_ANY || c->kind == kind) return c;
    if (c == last) return NULL;
  }
}

danvan_entity *dvi_kid_next(const danvan_entity *c, int32_t kind) {
  const danvan_entity *p = dvi_parent(c);
  if (!p) return NULL;
  const danvan_dataset *ds = dvi_ds_of(c);
  dvi_h last = p->last;
  for (;;) {
    if (dvi_arena_handle(c) == last) return NULL;
    c = dvi_ent(ds, c->next);
    if (kind == DANVAN_KIND_ANY || c->kind == kind) return (danvan_entity *)(uintptr_t)c;
  }
}

/* After ids were removed while duplicates exist, put back the entities whose id lost its
   entry. The index only shrank, so this needs no memory and cannot fail. */
static void reindex_tree(danvan_dataset *ds, danvan_entity *e) {
  for (danvan_entity *c = dvi_kid_first(e, DANVAN_KIND_ANY); c; c = dvi_kid_next(c, DANVAN_KIND_ANY)) {
    const char *id = id_of(c);
    if (id) idmap_put(ds, id, c);
    reindex_tree(ds, c);
  }
}

static void rebuild_index(danvan_dataset *ds) {
  ds->ids.dups = 0;
  reindex_tree(ds, &ds->root);
}

static void unindex_tree(danvan_dataset *ds, danvan_entity *e) {
  const char *id = id_of(e);
  if (id) idmap_del(ds, id, e);
  ds->nentities--;
  for (danvan_entity *c = dvi_kid_first(e, DANVAN_KIND_ANY); c; c = dvi_kid_next(c, DANVAN_KIND_ANY))
    unindex_tree(ds, c);
}

int32_t danvan_entity_remove(danvan_entity *e) {
  DVI_CHECK_ARG(e && dvi_parent(e));
  danvan_dataset *ds = dvi_ds_of(e);
  danvan_entity *parent = dvi_parent(e);
  dvi_h h = dvi_arena_handle(e);
  if (!parent->last)
    return dvi_error(DANVAN_EINVAL, "this %s was removed with its parent", dvi_desc(e)->name);
  /* unlink from the circular list: find the one before */
  danvan_entity *prev;
  bool top = (e->flags & DVI_EF_TOP) != 0;
  if (top && ds->hint_child == h && parent->last == h) {
    /* the newest top-level entity (a streamed report): its predecessor was noted when it was
       added, and the root's list has not changed at its end since */
    prev = ds->hint_prev ? dvi_ent(ds, ds->hint_prev) : e;
  } else {
    prev = dvi_ent(ds, parent->last);
    while (prev->next != h) prev = dvi_ent(ds, prev->next);
  }
  if (prev == e) {
    parent->last = 0;
  } else {
    prev->next = e->next;
    if (parent->last == h) parent->last = dvi_arena_handle(prev);
  }
  if (top) {
    hvec_remove(top_vec(ds, e->kind), h);
    ds->hint_child = 0; /* the one before the new last is not known */
  }
  unindex_tree(ds, e);
  if (ds->ids.dups) rebuild_index(ds);
  e->flags = (uint8_t)((e->flags & ~DVI_EF_TOP) | DVI_EF_GONE);
  e->parent = 0;
  e->next = h;
  e->last = 0;
  ds->gen++;
  return DANVAN_OK;
}

void dvi_root_truncate(danvan_dataset *ds, size_t keep) {
  danvan_entity *root = &ds->root;
  if (!root->last) return;
  danvan_entity *last = dvi_ent(ds, root->last);
  danvan_entity *kept = NULL; /* the last child kept */
  danvan_entity *c = dvi_ent(ds, last->next);
  for (size_t i = 0; i < keep; i++) {
    kept = c;
    if (c == last) return; /* nothing after it */
    c = dvi_ent(ds, c->next);
  }
  danvan_entity *first = kept ? dvi_ent(ds, kept->next) : c;
  danvan_entity *head = dvi_ent(ds, last->next); /* the first child of all */
  /* the removed ones are the newest of each kind: the ends of the per-kind vectors */
  danvan_entity *x = first;
  for (;;) {
    danvan_entity *next = x == last ? NULL : dvi_ent(ds, x->next);
    top_vec(ds, x->kind)->n--;
    unindex_tree(ds, x);
    x->flags = (uint8_t)((x->flags & ~DVI_EF_TOP) | DVI_EF_GONE);
    x->next = dvi_arena_handle(x);
    x->last = 0;
    if (!next) break;
    x = next;
  }
  if (kept) {
    kept->next = dvi_arena_handle(head);
    root->last = dvi_arena_handle(kept);
  } else {
    root->last = 0;
  }
  ds->hint_child = 0;
  ds->gen++;
}

int32_t danvan_entity_kind(const danvan_entity *e) { return e ? e->kind : 0; }
danvan_dataset *danvan_entity_dataset(const danvan_entity *e) { return e ? dvi_ds_of(e) : NULL; }
danvan_entity *danvan_entity_parent(const danvan_entity *e) { return e ? dvi_parent(e) : NULL; }

const char *danvan_entity_id(const danvan_entity *e) { return e ? id_of(e) : NULL; }

static bool kind_ok(int32_t kind) {
  return kind == DANVAN_KIND_ANY || (kind > 0 && kind < DANVAN_KIND_COUNT);
}

size_t danvan_entity_child_count(const danvan_entity *e, int32_t kind) {
  if (!e || !kind_ok(kind)) return 0;
  if (e->flags & DVI_EF_ROOT) { /* the per-kind vectors count the root's children */
    const danvan_dataset *ds = dvi_ds_of(e);
    if (kind != DANVAN_KIND_ANY) {
      const dvi_hvec *v = top_vec(ds, kind);
      return v ? v->n : 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < NTOP(ds); i++) n += ds->top[i].n;
    return n;
  }
  if (kind != DANVAN_KIND_ANY && dvi_desc(e)->child_slot[kind] < 0) return 0;
  size_t n = 0;
  for (danvan_entity *c = dvi_kid_first(e, kind); c; c = dvi_kid_next(c, kind)) n++;
  return n;
}

/* Indexed access walks the siblings; a per-thread cursor makes a loop over i linear. */
static DVI_TLS struct {
  const danvan_entity *parent;
  uint64_t serial; /* of the dataset: an address can be reused by another */
  uint32_t gen;
  int32_t kind;
  size_t i;
  danvan_entity *c;
} cursor;

danvan_entity *danvan_entity_child(const danvan_entity *e, int32_t kind, size_t i) {
  if (!e || !kind_ok(kind)) return NULL;
  const danvan_dataset *ds = dvi_ds_of(e);
  if ((e->flags & DVI_EF_ROOT) && kind != DANVAN_KIND_ANY) {
    const dvi_hvec *v = top_vec(ds, kind);
    return (v && i < v->n) ? dvi_ent(ds, v->items[i]) : NULL;
  }
  if (kind != DANVAN_KIND_ANY && dvi_desc(e)->child_slot[kind] < 0) return NULL;
  danvan_entity *c;
  size_t at;
  if (cursor.parent == e && cursor.serial == ds->serial && cursor.gen == ds->gen && cursor.kind == kind &&
      cursor.c && cursor.i <= i) {
    c = cursor.c;
    at = cursor.i;
  } else {
    c = dvi_kid_first(e, kind);
    at = 0;
  }
  while (c && at < i) {
    c = dvi_kid_next(c, kind);
    at++;
  }
  if (c) {
    cursor.parent = e;
    cursor.serial = ds->serial;
    cursor.gen = ds->gen;
    cursor.kind = kind;
    cursor.i = at;
    cursor.c = c;
  }
  return c;
}

const char *danvan_entity_file(const danvan_entity *e) { return e ? dvi_ds_of(e)->files[e->file] : NULL; }
uint32_t danvan_entity_line(const danvan_entity *e) { return e ? e->line : 0; }
uint32_t danvan_entity_column(const danvan_entity *e) { return e ? e->column : 0; }

/* ---- fields ------------------------------------------------------------------------------- */
static int field_idx(const danvan_entity *e, int32_t field) {
  if (!e || field <= 0 || field >= DANVAN_FIELD_COUNT) return -1;
  return dvi_desc(e)->field_index[field];
}

static int32_t no_field(const danvan_entity *e, int32_t field) {
  if (!e) return dvi_error(DANVAN_EINVAL, "entity is NULL");
  const char *fname = dvi_field_name(field);
  return dvi_error(DANVAN_EINVAL, "a %s has no field '%s'", dvi_desc(e)->name, fname ? fname : "?");
}

int32_t danvan_entity_has(const danvan_entity *e, int32_t field) {
  int idx = field_idx(e, field);
  return idx >= 0 && dvi_has(e, idx);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* A list field: its text with single spaces between items, and the items. */
static dvi_h make_list(danvan_dataset *ds, const dvi_field_desc *fd, const char *kind_name,
                       const char *s, size_t len, int32_t *rc) {
  *rc = DANVAN_OK;
  dvi_h th;
  char *out = dvi_arena_alloc_h(&ds->arena, len + 1, &th);
  if (!out) {
    *rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    return 0;
  }
  size_t n = 0;
  uint32_t items = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && is_space(s[i])) i++;
    if (i >= len) break;
    if (n) out[n++] = ' ';
    items++;
    while (i < len && !is_space(s[i])) out[n++] = s[i++];
  }
  out[n] = '\0';
  dvi_h bh;
  list_block *b = dvi_arena_alloc_h(&ds->arena, sizeof *b + items * sizeof(char *), &bh);
  if (!b) {
    *rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    return 0;
  }
  b->text = th;
  b->n = items;
  uint32_t k = 0;
  for (char *p = out; *p;) {
    char *start = p;
    while (*p && *p != ' ') p++;
    size_t l = (size_t)(p - start);
    char *item = dvi_arena_strndup(&ds->arena, start, l);
    if (!item) {
      *rc = dvi_error(DANVAN_ENOMEM, "out of memory");
      return 0;
    }
    if (fd->type == DANVAN_TYPE_REFS && !dvi_is_ncname(item, l)) {
      *rc = dvi_error(DANVAN_EINVAL, "'%s' in %s of a %s is not a valid id", item,
                      dvi_field_name(fd->field), kind_name);
      return 0;
    }
    b->items[k++] = item;
    if (*p) p++;
  }
  return bh;
}

int32_t dvi_entity_set_text(danvan_entity *e, int idx, const char *s, size_t len) {
  const dvi_kind_desc *kd = dvi_desc(e);
  const dvi_field_desc *fd = &kd->fields[idx];
  danvan_dataset *ds = dvi_ds_of(e);
  unsigned char cell[9];
  memset(cell, 0, sizeof cell);
  int32_t rc = DANVAN_OK;
  int32_t i32 = 0;
  int64_t i64 = 0;
  const char *idtext = NULL;
  switch (fd->type) {
    case DANVAN_TYPE_ID:
    case DANVAN_TYPE_REF:
      if (!dvi_is_ncname(s, len))
        return dvi_error(DANVAN_EINVAL, "%s '%.*s' of a %s is not a valid id", dvi_field_name(fd->field),
                         (int)len, s, kd->name);
      if (fd->type == DANVAN_TYPE_REF) {
        /* a reference to a known id shares that id's text (ids are never changed in place,
           so the text stays what it was even when the id is later set anew) */
        uint32_t h = hash_mem(s, len);
        unsigned slot = h & 63;
        if (ds->refcache[slot].text && ds->refcache[slot].hash == h) {
          const char *t = dvi_arena_ptr(&ds->arena, ds->refcache[slot].text);
          if (strncmp(t, s, len) == 0 && t[len] == '\0') {
            put_u32(cell, ds->refcache[slot].text);
            break;
          }
        }
        const danvan_entity *t = idmap_getn(ds, s, len, h);
        if (t) {
          const dvi_kind_desc *td = dvi_desc(t);
          memcpy(cell, cell_at(t, td, td->id_index), 4);
          ds->refcache[slot].hash = h;
          ds->refcache[slot].text = get_u32(cell);
          break;
        }
      }
      /* fall through */
    case DANVAN_TYPE_STRING: {
      dvi_h h = str_h(ds, s, len);
      if (!h) return dvi_error(DANVAN_ENOMEM, "out of memory");
      put_u32(cell, h);
      if (fd->type == DANVAN_TYPE_ID) idtext = dvi_arena_ptr(&ds->arena, h);
      break;
    }
    case DANVAN_TYPE_ENUM: {
      bool ok = false;
      for (size_t k = 0; fd->enums[k]; k++)
        if (strlen(fd->enums[k]) == len && memcmp(fd->enums[k], s, len) == 0) {
          cell[0] = (unsigned char)k;
          ok = true;
        }
      if (!ok)
        return dvi_error(DANVAN_EINVAL, "'%.*s' is not an allowed %s of a %s", (int)len, s,
                         dvi_field_name(fd->field), kd->name);
      break;
    }
    case DANVAN_TYPE_REFS:
    case DANVAN_TYPE_TOKENS: {
      dvi_h h = make_list(ds, fd, kd->name, s, len, &rc);
      if (rc) return rc;
      put_u32(cell, h);
      break;
    }
    case DANVAN_TYPE_DATE:
      rc = dvi_date_parse(&i32, s, len, fd->partial);
      put_date(cell, rc ? 0 : i32);
      break;
    case DANVAN_TYPE_DATETIME:
      rc = dvi_datetime_parse(&i64, s, len);
      put_datetime(cell, rc ? 0 : i64);
      break;
    case DANVAN_TYPE_TIME: {
      rc = dvi_time_parse(&i32, s, len);
      uint16_t t = (uint16_t)i32;
      memcpy(cell, &t, 2);
      break;
    }
    case DANVAN_TYPE_DECIMAL:
      rc = dvi_decimal_parse(&i64, &i32, s, len);
      memcpy(cell, &i64, 8);
      cell[8] = (unsigned char)(int8_t)i32;
      break;
    case DANVAN_TYPE_INT: {
      int32_t sc = 0;
      rc = dvi_decimal_parse(&i64, &sc, s, len);
      if (!rc && (sc != 0 || memchr(s, '.', len)))
        rc = dvi_error(DANVAN_EPARSE, "'%.*s' is not a whole number", (int)len, s);
      memcpy(cell, &i64, 8);
      break;
    }
    case DANVAN_TYPE_BOOL:
      if (len == 4 && memcmp(s, "true", 4) == 0) cell[0] = 1;
      else if (len == 5 && memcmp(s, "false", 5) == 0) cell[0] = 0;
      else if (len == 1 && (s[0] == '1' || s[0] == '0')) cell[0] = s[0] == '1';
      else rc = dvi_error(DANVAN_EPARSE, "'%.*s' is not a boolean (true or false)", (int)len, s);
      break;
    default:
      return dvi_error(DANVAN_EINVAL, "unknown field type");
  }
  if (rc) {
    /* name the field in the message */
    char msg[400];
    snprintf(msg, sizeof msg, "%s", danvan_error_message());
    return dvi_error(rc == DANVAN_ELIMIT ? DANVAN_ELIMIT : DANVAN_EINVAL, "%s of a %s: %s",
                     dvi_field_name(fd->field), kd->name, msg);
  }
  if (idx == kd->id_index) {
    /* everything that can fail first (room in the index, the cell); then the index reads the
       id from the entity: write it, then index it */
    if (!idmap_room(&ds->ids) || !cell_for_write(e, kd, idx))
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    const char *old = id_of(e);
    if (old) idmap_del(ds, old, e);
    memcpy(cell_for_write(e, kd, idx), cell, 4); /* the cell exists: no memory needed */
    idmap_put(ds, idtext, e);                    /* room was made: cannot fail */
    if (old && ds->ids.dups) rebuild_index(ds);
    return DANVAN_OK;
  }
  unsigned char *c = cell_for_write(e, kd, idx);
  if (!c) return dvi_error(DANVAN_ENOMEM, "out of memory");
  memcpy(c, cell, kd->width[idx]);
  return DANVAN_OK;
}

int32_t danvan_entity_set(danvan_entity *e, int32_t field, const char *value) {
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  if (!value) return danvan_entity_unset(e, field);
  return dvi_entity_set_text(e, idx, value, strlen(value));
}

int32_t danvan_entity_unset(danvan_entity *e, int32_t field) {
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  const dvi_kind_desc *kd = dvi_desc(e);
  danvan_dataset *ds = dvi_ds_of(e);
  if (!cell_at(e, kd, idx)) return DANVAN_OK;
  if (make_full(e, kd)) return dvi_error(DANVAN_ENOMEM, "out of memory"); /* unset = a bit */
  const char *old = idx == kd->id_index ? id_of(e) : NULL;
  if (old) idmap_del(ds, old, e);
  clear_field(e, idx);
  if (old && ds->ids.dups) rebuild_index(ds);
  return DANVAN_OK;
}

static bool is_text_type(int32_t t) {
  return t == DANVAN_TYPE_STRING || t == DANVAN_TYPE_ID || t == DANVAN_TYPE_REF ||
         t == DANVAN_TYPE_REFS || t == DANVAN_TYPE_TOKENS || t == DANVAN_TYPE_ENUM;
}

int32_t danvan_entity_get_string(const char **out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  const dvi_field_desc *fd = &dvi_desc(e)->fields[idx];
  if (!is_text_type(fd->type))
    return dvi_error(DANVAN_ETYPE, "%s of a %s is not text; use danvan_entity_format()",
                     dvi_field_name(field), dvi_desc(e)->name);
  const dvi_value *v = dvi_vali(e, idx);
  if (v) *out = v->u.s;
  return DANVAN_OK;
}

const char *dvi_field_text(const danvan_entity *e, int idx, char *buf, size_t *len) {
  dvi_value tmp;
  const dvi_value *v = dvi_val_idx(e, idx, &tmp);
  if (!v) return NULL;
  const dvi_field_desc *fd = &dvi_desc(e)->fields[idx];
  size_t n = 0;
  switch (fd->type) {
    case DANVAN_TYPE_DATE: n = dvi_date_write(buf, (int32_t)v->u.i); break;
    case DANVAN_TYPE_DATETIME: n = dvi_datetime_write(buf, v->u.i); break;
    case DANVAN_TYPE_TIME: n = dvi_time_write(buf, (int32_t)v->u.i); break;
    case DANVAN_TYPE_DECIMAL: n = dvi_decimal_write(buf, v->u.i, v->scale); break;
    case DANVAN_TYPE_INT: n = (size_t)snprintf(buf, 32, "%lld", (long long)v->u.i); break;
    case DANVAN_TYPE_BOOL: n = (size_t)snprintf(buf, 8, "%s", v->u.i ? "true" : "false"); break;
    default:
      if (len) *len = strlen(v->u.s);
      return v->u.s;
  }
  if (len) *len = n;
  return buf;
}

int32_t danvan_entity_format(char **out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  char buf[64];
  size_t len = 0;
  const char *t = dvi_field_text(e, idx, buf, &len);
  if (!t) return DANVAN_OK;
  *out = dvi_strndup(t, len);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

static int32_t typed(const danvan_entity *e, int32_t field, int *idx, int32_t t1, int32_t t2,
                     int32_t t3) {
  *idx = field_idx(e, field);
  if (*idx < 0) return no_field(e, field);
  int32_t t = dvi_desc(e)->fields[*idx].type;
  if (t != t1 && t != t2 && t != t3)
    return dvi_error(DANVAN_ETYPE, "%s of a %s has another type", dvi_field_name(field),
                     dvi_desc(e)->name);
  return DANVAN_OK;
}

static int32_t unset_error(const danvan_entity *e, int32_t field) {
  return dvi_error(DANVAN_ENOTFOUND, "%s of this %s is not set", dvi_field_name(field), dvi_desc(e)->name);
}

/* Store a scalar value (already checked) into field idx. */
static int32_t put_scalar(danvan_entity *e, int idx, int64_t value, int32_t scale) {
  const dvi_kind_desc *kd = dvi_desc(e);
  unsigned char cell[9] = {0};
  switch (kd->fields[idx].type) {
    case DANVAN_TYPE_BOOL: cell[0] = (unsigned char)value; break;
    case DANVAN_TYPE_TIME: {
      uint16_t t = (uint16_t)value;
      memcpy(cell, &t, 2);
      break;
    }
    case DANVAN_TYPE_DATE: put_date(cell, (int32_t)value); break;
    case DANVAN_TYPE_DATETIME: put_datetime(cell, value); break;
    default:
      memcpy(cell, &value, 8);
      cell[8] = (unsigned char)(int8_t)scale;
      break;
  }
  unsigned char *c = cell_for_write(e, kd, idx);
  if (!c) return dvi_error(DANVAN_ENOMEM, "out of memory");
  memcpy(c, cell, kd->width[idx]);
  return DANVAN_OK;
}

int32_t danvan_entity_get_int(int64_t *out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_INT, DANVAN_TYPE_BOOL, DANVAN_TYPE_INT);
  if (rc) return rc;
  const dvi_value *v = dvi_vali(e, idx);
  if (!v) return unset_error(e, field);
  *out = v->u.i;
  return DANVAN_OK;
}

int32_t danvan_entity_set_int(danvan_entity *e, int32_t field, int64_t value) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_INT, DANVAN_TYPE_BOOL, DANVAN_TYPE_INT);
  if (rc) return rc;
  if (dvi_desc(e)->fields[idx].type == DANVAN_TYPE_BOOL && value != 0 && value != 1)
    return dvi_error(DANVAN_EINVAL, "a boolean is 0 or 1");
  return put_scalar(e, idx, value, 0);
}

int32_t danvan_entity_get_decimal(int64_t *out_coef, int32_t *out_scale, const danvan_entity *e,
                                  int32_t field) {
  DVI_CHECK_ARG(out_coef && out_scale);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_INT, DANVAN_TYPE_DECIMAL);
  if (rc) return rc;
  const dvi_value *v = dvi_vali(e, idx);
  if (!v) return unset_error(e, field);
  *out_coef = v->u.i;
  *out_scale = v->scale;
  return DANVAN_OK;
}

int32_t danvan_entity_set_decimal(danvan_entity *e, int32_t field, int64_t coef, int32_t scale) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_DECIMAL);
  if (rc) return rc;
  if (scale < 0 || scale > DANVAN_DECIMAL_MAX_SCALE)
    return dvi_error(DANVAN_EINVAL, "scale %d is outside 0 to 18", (int)scale);
  return put_scalar(e, idx, coef, scale);
}

int32_t danvan_entity_get_time(int64_t *out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DATE, DANVAN_TYPE_DATETIME, DANVAN_TYPE_TIME);
  if (rc) return rc;
  const dvi_value *v = dvi_vali(e, idx);
  if (!v) return unset_error(e, field);
  *out = v->u.i;
  return DANVAN_OK;
}

int32_t danvan_entity_set_time(danvan_entity *e, int32_t field, int64_t value) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DATE, DANVAN_TYPE_DATETIME, DANVAN_TYPE_TIME);
  if (rc) return rc;
  const dvi_field_desc *fd = &dvi_desc(e)->fields[idx];
  bool ok = fd->type == DANVAN_TYPE_DATE
                ? (value >= 0 && value <= INT32_MAX && dvi_date_valid((int32_t)value, fd->partial))
            : fd->type == DANVAN_TYPE_TIME ? (value >= 0 && value <= 1440)
                                           : (value > -62135596800LL && value < 253402300799LL);
  if (!ok)
    return dvi_error(DANVAN_EINVAL, "%lld is not a valid value for %s of a %s", (long long)value,
                     dvi_field_name(field), dvi_desc(e)->name);
  return put_scalar(e, idx, value, 0);
}

size_t danvan_entity_item_count(const danvan_entity *e, int32_t field) {
  int idx = field_idx(e, field);
  const dvi_value *v = idx >= 0 ? dvi_vali(e, idx) : NULL;
  if (!v) return 0;
  int32_t t = dvi_desc(e)->fields[idx].type;
  if (t == DANVAN_TYPE_REFS || t == DANVAN_TYPE_TOKENS) return v->nitems;
  return t == DANVAN_TYPE_REF ? 1 : 0;
}

const char *danvan_entity_item(const danvan_entity *e, int32_t field, size_t i) {
  int idx = field_idx(e, field);
  const dvi_value *v = idx >= 0 ? dvi_vali(e, idx) : NULL;
  if (!v) return NULL;
  int32_t t = dvi_desc(e)->fields[idx].type;
  if (t == DANVAN_TYPE_REFS || t == DANVAN_TYPE_TOKENS) return i < v->nitems ? v->items[i] : NULL;
  return (t == DANVAN_TYPE_REF && i == 0) ? v->u.s : NULL;
}

int32_t danvan_entity_resolve(danvan_entity **out, const danvan_entity *e, int32_t field, size_t i) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  const dvi_field_desc *fd = &dvi_desc(e)->fields[idx];
  if (fd->type != DANVAN_TYPE_REF && fd->type != DANVAN_TYPE_REFS)
    return dvi_error(DANVAN_ETYPE, "%s of a %s is not a reference", dvi_field_name(field), dvi_desc(e)->name);
  const char *id = danvan_entity_item(e, field, i);
  if (!id) return dvi_error(DANVAN_ENOTFOUND, "%s of this %s has no item %zu", dvi_field_name(field), dvi_desc(e)->name, i);
  danvan_entity *t = idmap_get(dvi_ds_of(e), id);
  if (!t || (fd->target != DANVAN_KIND_ANY && t->kind != fd->target))
    return dvi_error(DANVAN_ENOTFOUND, "%s '%s' names no %s", dvi_field_name(field), id,
                     fd->target != DANVAN_KIND_ANY ? dvi_kind(fd->target)->name : "entity");
  *out = t;
  return DANVAN_OK;
}

danvan_entity *dvi_find(const danvan_dataset *ds, const char *id) { return idmap_get(ds, id); }

/* ---- lists -------------------------------------------------------------------------------- */
int32_t dvi_list_push(danvan_entity_list *l, danvan_entity *e) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    danvan_entity **items = dvi_realloc(l->items, cap * sizeof *items);
    if (!items) return dvi_error(DANVAN_ENOMEM, "out of memory");
    l->items = items;
    l->cap = cap;
  }
  l->items[l->n++] = e;
  return DANVAN_OK;
}

size_t danvan_entity_list_count(const danvan_entity_list *list) { return list ? list->n : 0; }

danvan_entity *danvan_entity_list_get(const danvan_entity_list *list, size_t i) {
  return (list && i < list->n) ? list->items[i] : NULL;
}

void danvan_entity_list_free(danvan_entity_list *list) {
  if (!list) return;
  dvi_ds_unref(list->ds);
  dvi_free(list->items);
  dvi_free(list);
}
