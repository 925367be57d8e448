/* Datasets, entities, ids and field values. */
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

/* ---- id index: open addressing, linear probing -------------------------------------------
   Each slot keeps a 32-bit hash of its key beside it, so probes and growth compare hashes and
   only touch a key's string when the hashes agree (the strings are scattered in the arena:
   reading them is what costs at scale). */
static uint32_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return (uint32_t)(h ^ (h >> 32));
}

static void idmap_free(dvi_idmap *m) {
  dvi_free(m->keys);
  dvi_free(m->vals);
  dvi_free(m->hashes);
  memset(m, 0, sizeof *m);
}

static bool key_eq(const dvi_idmap *m, size_t i, uint32_t h, const char *key) {
  return m->hashes[i] == h && strcmp(m->keys[i], key) == 0;
}

static danvan_entity *idmap_get(const dvi_idmap *m, const char *key) {
  if (!m->cap) return NULL;
  size_t mask = m->cap - 1;
  uint32_t h = hash_str(key);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (!m->keys[i]) return NULL;
    if (key_eq(m, i, h, key)) return m->vals[i];
  }
}

static bool idmap_grow(dvi_idmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  const char **keys = dvi_calloc(cap, sizeof *keys);
  danvan_entity **vals = dvi_calloc(cap, sizeof *vals);
  uint32_t *hashes = dvi_calloc(cap, sizeof *hashes);
  if (!keys || !vals || !hashes) {
    dvi_free(keys);
    dvi_free(vals);
    dvi_free(hashes);
    return false;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = m->hashes[i] & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
    hashes[j] = m->hashes[i];
  }
  dvi_free(m->keys);
  dvi_free(m->vals);
  dvi_free(m->hashes);
  m->keys = keys;
  m->vals = vals;
  m->hashes = hashes;
  m->cap = cap;
  return true;
}

/* Returns false on ENOMEM. When the key is taken, the entity created first keeps it; a key
   that is already present never needs memory. */
static bool idmap_put(dvi_idmap *m, const char *key, danvan_entity *e) {
  uint32_t h = hash_str(key);
  if (m->cap) {
    size_t mask = m->cap - 1;
    for (size_t i = h & mask; m->keys[i]; i = (i + 1) & mask)
      if (key_eq(m, i, h, key)) {
        if (m->vals[i] == e) return true;
        m->dups++;
        if (e->seq < m->vals[i]->seq) {
          m->keys[i] = key;
          m->vals[i] = e;
        }
        return true;
      }
  }
  if ((m->len + 1) * 4 > m->cap * 3 && !idmap_grow(m)) return false;
  size_t mask = m->cap - 1;
  size_t i = h & mask;
  while (m->keys[i]) i = (i + 1) & mask;
  m->keys[i] = key;
  m->vals[i] = e;
  m->hashes[i] = h;
  m->len++;
  return true;
}

/* Backward-shift deletion keeps probe chains intact. */
static void idmap_del(dvi_idmap *m, const char *key, const danvan_entity *e) {
  if (!m->cap) return;
  size_t mask = m->cap - 1;
  uint32_t h = hash_str(key);
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    if (!m->keys[i]) return;
    if (key_eq(m, i, h, key)) break;
  }
  if (m->vals[i] != e) return; /* a duplicate is being removed; the indexed one stays */
  size_t j = i;
  for (;;) {
    m->keys[i] = NULL;
    m->vals[i] = NULL;
    for (;;) {
      j = (j + 1) & mask;
      if (!m->keys[j]) {
        m->len--;
        return;
      }
      size_t home = m->hashes[j] & mask;
      /* can the entry at j move to the hole at i? */
      if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) break;
    }
    m->keys[i] = m->keys[j];
    m->vals[i] = m->vals[j];
    m->hashes[i] = m->hashes[j];
    i = j;
  }
}

/* ---- datasets ----------------------------------------------------------------------------- */
int32_t danvan_dataset_new(danvan_dataset **out) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  danvan_dataset *ds = dvi_calloc(1, sizeof *ds);
  if (!ds) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_arena_init(&ds->arena);
  ds->refs = 1;
  ds->root.desc = dvi_kind(DANVAN_KIND_DATASET);
  ds->root.ds = ds;
  ds->files = dvi_calloc(4, sizeof *ds->files);
  if (!ds->files) {
    dvi_free(ds);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  ds->files[0] = "";
  ds->nfiles = 1;
  *out = ds;
  return DANVAN_OK;
}

static void free_kids(danvan_entity *e) {
  if (!e->kids) return;
  size_t nv = e->desc->nslots + 2;
  for (size_t s = 0; s < nv; s++) {
    if (s == DVI_ALL_SLOT(e->desc))
      for (uint32_t i = 0; i < e->kids[s].n; i++) free_kids(e->kids[s].items[i]);
    dvi_free(e->kids[s].items);
  }
  dvi_free(e->kids);
  e->kids = NULL;
}

static void dataset_destroy(danvan_dataset *ds) {
  free_kids(&ds->root);
  idmap_free(&ds->ids);
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
  *out = idmap_get(&ds->ids, id);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOTFOUND, "no entity has the id '%s'", id);
}

size_t danvan_dataset_entity_count(const danvan_dataset *ds) { return ds ? ds->nentities : 0; }

const char *dvi_ds_strndup(danvan_dataset *ds, const char *s, size_t len) {
  return dvi_arena_strndup(&ds->arena, s, len);
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
static bool vec_push(dvi_vec *v, danvan_entity *e) {
  if (v->n == v->cap) {
    uint32_t cap = v->cap ? v->cap * 2 : 4;
    danvan_entity **items = dvi_realloc(v->items, cap * sizeof *items);
    if (!items) return false;
    v->items = items;
    v->cap = cap;
  }
  v->items[v->n++] = e;
  return true;
}

static void vec_remove(dvi_vec *v, const danvan_entity *e) {
  for (uint32_t i = v->n; i-- > 0;)
    if (v->items[i] == e) {
      memmove(&v->items[i], &v->items[i + 1], (v->n - i - 1) * sizeof *v->items);
      v->n--;
      return;
    }
}

int32_t dvi_entity_add(danvan_entity **out, danvan_entity *parent, const dvi_kind_desc *kd,
                       int slot) {
  danvan_dataset *ds = parent->ds;
  const dvi_kind_desc *pd = parent->desc;
  if (!parent->kids) {
    parent->kids = dvi_calloc(pd->nslots + 2, sizeof *parent->kids);
    if (!parent->kids) return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  danvan_entity *e = dvi_arena_alloc(&ds->arena, sizeof *e);
  dvi_value *vals = kd->nfields ? dvi_arena_alloc(&ds->arena, kd->nfields * sizeof *vals) : NULL;
  if (!e || (kd->nfields && !vals)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  e->desc = kd;
  e->ds = ds;
  e->parent = parent;
  e->vals = vals;
  e->seq = ds->next_seq++;
  if (!vec_push(&parent->kids[slot], e)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  if (!vec_push(&parent->kids[DVI_ALL_SLOT(pd)], e)) {
    parent->kids[slot].n--;
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
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
  int slot = parent->desc->child_slot[kind];
  if (slot < 0)
    return dvi_error(DANVAN_EINVAL, "a %s cannot contain a %s", parent->desc->name, kd->name);
  if (id && kd->id_index < 0) return dvi_error(DANVAN_EINVAL, "a %s has no id", kd->name);
  if (id && !dvi_is_ncname(id, strlen(id)))
    return dvi_error(DANVAN_EINVAL, "'%s' is not a valid id (an XML NCName)", id);
  danvan_entity *e;
  int32_t rc = dvi_entity_add(&e, parent, kd, slot);
  if (rc) return rc;
  if (id && (rc = dvi_entity_set_text(e, kd->id_index, id, strlen(id)))) {
    danvan_entity_remove(e);
    return rc;
  }
  if (out) *out = e;
  return DANVAN_OK;
}

/* After ids were removed while duplicates exist, put back the entities whose id lost its
   entry. The index only shrank, so this needs no memory and cannot fail. */
static void reindex_tree(dvi_idmap *m, danvan_entity *e) {
  if (!e->kids) return;
  dvi_vec *all = &e->kids[DVI_ALL_SLOT(e->desc)];
  for (uint32_t i = 0; i < all->n; i++) {
    danvan_entity *c = all->items[i];
    if (c->desc->id_index >= 0 && c->vals[c->desc->id_index].set)
      idmap_put(m, c->vals[c->desc->id_index].u.s, c);
    reindex_tree(m, c);
  }
}

static void rebuild_index(danvan_dataset *ds) {
  ds->ids.dups = 0;
  reindex_tree(&ds->ids, &ds->root);
}

static void unindex_tree(danvan_entity *e) {
  danvan_dataset *ds = e->ds;
  if (e->desc->id_index >= 0 && e->vals[e->desc->id_index].set)
    idmap_del(&ds->ids, e->vals[e->desc->id_index].u.s, e);
  ds->nentities--;
  if (!e->kids) return;
  dvi_vec *all = &e->kids[DVI_ALL_SLOT(e->desc)];
  for (uint32_t i = 0; i < all->n; i++) unindex_tree(all->items[i]);
}

int32_t danvan_entity_remove(danvan_entity *e) {
  DVI_CHECK_ARG(e && e->parent);
  danvan_entity *parent = e->parent;
  const dvi_kind_desc *pd = parent->desc;
  int slot = pd->child_slot[e->desc->kind];
  vec_remove(&parent->kids[slot], e);
  vec_remove(&parent->kids[DVI_ALL_SLOT(pd)], e);
  unindex_tree(e);
  if (e->ds->ids.dups) rebuild_index(e->ds);
  free_kids(e);
  e->kids = NULL;
  e->parent = NULL;
  return DANVAN_OK;
}

int32_t danvan_entity_kind(const danvan_entity *e) { return e ? e->desc->kind : 0; }
danvan_dataset *danvan_entity_dataset(const danvan_entity *e) { return e ? e->ds : NULL; }
danvan_entity *danvan_entity_parent(const danvan_entity *e) { return e ? e->parent : NULL; }

const char *danvan_entity_id(const danvan_entity *e) {
  if (!e || e->desc->id_index < 0 || !e->vals[e->desc->id_index].set) return NULL;
  return e->vals[e->desc->id_index].u.s;
}

static const dvi_vec *kids_of(const danvan_entity *e, int32_t kind) {
  if (!e || !e->kids) return NULL;
  if (kind == DANVAN_KIND_ANY) return &e->kids[DVI_ALL_SLOT(e->desc)];
  if (kind <= 0 || kind >= DANVAN_KIND_COUNT) return NULL;
  int slot = e->desc->child_slot[kind];
  return slot >= 0 ? &e->kids[slot] : NULL;
}

size_t danvan_entity_child_count(const danvan_entity *e, int32_t kind) {
  const dvi_vec *v = kids_of(e, kind);
  return v ? v->n : 0;
}

danvan_entity *danvan_entity_child(const danvan_entity *e, int32_t kind, size_t i) {
  const dvi_vec *v = kids_of(e, kind);
  return (v && i < v->n) ? v->items[i] : NULL;
}

const char *danvan_entity_file(const danvan_entity *e) { return e ? e->ds->files[e->file] : NULL; }
uint32_t danvan_entity_line(const danvan_entity *e) { return e ? e->line : 0; }
uint32_t danvan_entity_column(const danvan_entity *e) { return e ? e->column : 0; }

/* ---- fields ------------------------------------------------------------------------------- */
static int field_idx(const danvan_entity *e, int32_t field) {
  if (!e || field <= 0 || field >= DANVAN_FIELD_COUNT) return -1;
  return e->desc->field_index[field];
}

static int32_t no_field(const danvan_entity *e, int32_t field) {
  if (!e) return dvi_error(DANVAN_EINVAL, "entity is NULL");
  const char *fname = dvi_field_name(field);
  return dvi_error(DANVAN_EINVAL, "a %s has no field '%s'", e->desc->name, fname ? fname : "?");
}

int32_t danvan_entity_has(const danvan_entity *e, int32_t field) {
  int idx = field_idx(e, field);
  return idx >= 0 && e->vals[idx].set;
}

static int32_t split_items(danvan_entity *e, dvi_value *v, const char *s) {
  uint32_t n = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ') p++;
    if (!*p) break;
    n++;
    while (*p && *p != ' ') p++;
  }
  v->items = NULL;
  v->nitems = n;
  if (!n) return DANVAN_OK;
  const char **items = dvi_arena_alloc(&e->ds->arena, n * sizeof *items);
  if (!items) return dvi_error(DANVAN_ENOMEM, "out of memory");
  uint32_t k = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ') p++;
    if (!*p) break;
    const char *start = p;
    while (*p && *p != ' ') p++;
    items[k] = dvi_ds_strndup(e->ds, start, (size_t)(p - start));
    if (!items[k]) return dvi_error(DANVAN_ENOMEM, "out of memory");
    k++;
  }
  v->items = (const char **)items;
  return DANVAN_OK;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Lists are stored with single spaces between items, no leading or trailing space. */
static const char *normalize_list(danvan_entity *e, const char *s, size_t len) {
  char *out = dvi_arena_alloc(&e->ds->arena, len + 1);
  if (!out) return NULL;
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && is_space(s[i])) i++;
    if (i >= len) break;
    if (n) out[n++] = ' ';
    while (i < len && !is_space(s[i])) out[n++] = s[i++];
  }
  out[n] = '\0';
  return out;
}

int32_t dvi_entity_set_text(danvan_entity *e, int idx, const char *s, size_t len) {
  const dvi_field_desc *fd = &e->desc->fields[idx];
  dvi_value v;
  memset(&v, 0, sizeof v);
  int32_t rc = DANVAN_OK;
  int32_t i32 = 0;
  switch (fd->type) {
    case DANVAN_TYPE_ID:
    case DANVAN_TYPE_REF:
      if (!dvi_is_ncname(s, len))
        return dvi_error(DANVAN_EINVAL, "%s '%.*s' of a %s is not a valid id", dvi_field_name(fd->field),
                         (int)len, s, e->desc->name);
      /* fall through */
    case DANVAN_TYPE_STRING:
      v.u.s = dvi_ds_strndup(e->ds, s, len);
      if (!v.u.s) return dvi_error(DANVAN_ENOMEM, "out of memory");
      break;
    case DANVAN_TYPE_ENUM: {
      bool ok = false;
      for (size_t k = 0; fd->enums[k]; k++)
        if (strlen(fd->enums[k]) == len && memcmp(fd->enums[k], s, len) == 0) {
          v.u.s = fd->enums[k];
          ok = true;
        }
      if (!ok)
        return dvi_error(DANVAN_EINVAL, "'%.*s' is not an allowed %s of a %s", (int)len, s,
                         dvi_field_name(fd->field), e->desc->name);
      break;
    }
    case DANVAN_TYPE_REFS:
    case DANVAN_TYPE_TOKENS:
      v.u.s = normalize_list(e, s, len);
      if (!v.u.s) return dvi_error(DANVAN_ENOMEM, "out of memory");
      if ((rc = split_items(e, &v, v.u.s))) return rc;
      if (fd->type == DANVAN_TYPE_REFS)
        for (uint32_t k = 0; k < v.nitems; k++)
          if (!dvi_is_ncname(v.items[k], strlen(v.items[k])))
            return dvi_error(DANVAN_EINVAL, "'%s' in %s of a %s is not a valid id", v.items[k],
                             dvi_field_name(fd->field), e->desc->name);
      break;
    case DANVAN_TYPE_DATE:
      rc = dvi_date_parse(&i32, s, len, fd->partial);
      v.u.i = i32;
      break;
    case DANVAN_TYPE_DATETIME:
      rc = dvi_datetime_parse(&v.u.i, s, len);
      break;
    case DANVAN_TYPE_TIME:
      rc = dvi_time_parse(&i32, s, len);
      v.u.i = i32;
      break;
    case DANVAN_TYPE_DECIMAL:
      rc = dvi_decimal_parse(&v.u.i, &i32, s, len);
      v.scale = (int16_t)i32;
      break;
    case DANVAN_TYPE_INT: {
      int32_t sc = 0;
      rc = dvi_decimal_parse(&v.u.i, &sc, s, len);
      if (!rc && (sc != 0 || memchr(s, '.', len)))
        rc = dvi_error(DANVAN_EPARSE, "'%.*s' is not a whole number", (int)len, s);
      break;
    }
    case DANVAN_TYPE_BOOL:
      if (len == 4 && memcmp(s, "true", 4) == 0) v.u.i = 1;
      else if (len == 5 && memcmp(s, "false", 5) == 0) v.u.i = 0;
      else if (len == 1 && (s[0] == '1' || s[0] == '0')) v.u.i = s[0] == '1';
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
                     dvi_field_name(fd->field), e->desc->name, msg);
  }
  v.set = 1;
  if (idx == e->desc->id_index) {
    bool had_id = e->vals[idx].set;
    if (had_id) idmap_del(&e->ds->ids, e->vals[idx].u.s, e);
    if (!idmap_put(&e->ds->ids, v.u.s, e)) {
      if (had_id) idmap_put(&e->ds->ids, e->vals[idx].u.s, e); /* just freed room: no memory needed */
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    }
    e->vals[idx] = v;
    if (had_id && e->ds->ids.dups) rebuild_index(e->ds);
    return DANVAN_OK;
  }
  e->vals[idx] = v;
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
  bool was_id = idx == e->desc->id_index && e->vals[idx].set;
  if (was_id) idmap_del(&e->ds->ids, e->vals[idx].u.s, e);
  memset(&e->vals[idx], 0, sizeof e->vals[idx]);
  if (was_id && e->ds->ids.dups) rebuild_index(e->ds);
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
  const dvi_field_desc *fd = &e->desc->fields[idx];
  if (!is_text_type(fd->type))
    return dvi_error(DANVAN_ETYPE, "%s of a %s is not text; use danvan_entity_format()",
                     dvi_field_name(field), e->desc->name);
  if (e->vals[idx].set) *out = e->vals[idx].u.s;
  return DANVAN_OK;
}

const char *dvi_field_text(const danvan_entity *e, int idx, char *buf, size_t *len) {
  const dvi_value *v = &e->vals[idx];
  if (!v->set) return NULL;
  const dvi_field_desc *fd = &e->desc->fields[idx];
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
  int32_t t = e->desc->fields[*idx].type;
  if (t != t1 && t != t2 && t != t3)
    return dvi_error(DANVAN_ETYPE, "%s of a %s has another type", dvi_field_name(field),
                     e->desc->name);
  return DANVAN_OK;
}

static int32_t unset_error(const danvan_entity *e, int32_t field) {
  return dvi_error(DANVAN_ENOTFOUND, "%s of this %s is not set", dvi_field_name(field), e->desc->name);
}

int32_t danvan_entity_get_int(int64_t *out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_INT, DANVAN_TYPE_BOOL, DANVAN_TYPE_INT);
  if (rc) return rc;
  if (!e->vals[idx].set) return unset_error(e, field);
  *out = e->vals[idx].u.i;
  return DANVAN_OK;
}

int32_t danvan_entity_set_int(danvan_entity *e, int32_t field, int64_t value) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_INT, DANVAN_TYPE_BOOL, DANVAN_TYPE_INT);
  if (rc) return rc;
  if (e->desc->fields[idx].type == DANVAN_TYPE_BOOL && value != 0 && value != 1)
    return dvi_error(DANVAN_EINVAL, "a boolean is 0 or 1");
  memset(&e->vals[idx], 0, sizeof e->vals[idx]);
  e->vals[idx].u.i = value;
  e->vals[idx].set = 1;
  return DANVAN_OK;
}

int32_t danvan_entity_get_decimal(int64_t *out_coef, int32_t *out_scale, const danvan_entity *e,
                                  int32_t field) {
  DVI_CHECK_ARG(out_coef && out_scale);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_INT, DANVAN_TYPE_DECIMAL);
  if (rc) return rc;
  if (!e->vals[idx].set) return unset_error(e, field);
  *out_coef = e->vals[idx].u.i;
  *out_scale = e->vals[idx].scale;
  return DANVAN_OK;
}

int32_t danvan_entity_set_decimal(danvan_entity *e, int32_t field, int64_t coef, int32_t scale) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_DECIMAL, DANVAN_TYPE_DECIMAL);
  if (rc) return rc;
  if (scale < 0 || scale > DANVAN_DECIMAL_MAX_SCALE)
    return dvi_error(DANVAN_EINVAL, "scale %d is outside 0 to 18", (int)scale);
  memset(&e->vals[idx], 0, sizeof e->vals[idx]);
  e->vals[idx].u.i = coef;
  e->vals[idx].scale = (int16_t)scale;
  e->vals[idx].set = 1;
  return DANVAN_OK;
}

int32_t danvan_entity_get_time(int64_t *out, const danvan_entity *e, int32_t field) {
  DVI_CHECK_ARG(out);
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DATE, DANVAN_TYPE_DATETIME, DANVAN_TYPE_TIME);
  if (rc) return rc;
  if (!e->vals[idx].set) return unset_error(e, field);
  *out = e->vals[idx].u.i;
  return DANVAN_OK;
}

int32_t danvan_entity_set_time(danvan_entity *e, int32_t field, int64_t value) {
  int idx;
  int32_t rc = typed(e, field, &idx, DANVAN_TYPE_DATE, DANVAN_TYPE_DATETIME, DANVAN_TYPE_TIME);
  if (rc) return rc;
  const dvi_field_desc *fd = &e->desc->fields[idx];
  bool ok = fd->type == DANVAN_TYPE_DATE
                ? (value >= 0 && value <= INT32_MAX && dvi_date_valid((int32_t)value, fd->partial))
            : fd->type == DANVAN_TYPE_TIME ? (value >= 0 && value <= 1440)
                                           : (value > -62135596800LL && value < 253402300799LL);
  if (!ok)
    return dvi_error(DANVAN_EINVAL, "%lld is not a valid value for %s of a %s", (long long)value,
                     dvi_field_name(field), e->desc->name);
  memset(&e->vals[idx], 0, sizeof e->vals[idx]);
  e->vals[idx].u.i = value;
  e->vals[idx].set = 1;
  return DANVAN_OK;
}

size_t danvan_entity_item_count(const danvan_entity *e, int32_t field) {
  int idx = field_idx(e, field);
  if (idx < 0 || !e->vals[idx].set) return 0;
  int32_t t = e->desc->fields[idx].type;
  if (t == DANVAN_TYPE_REFS || t == DANVAN_TYPE_TOKENS) return e->vals[idx].nitems;
  return t == DANVAN_TYPE_REF ? 1 : 0;
}

const char *danvan_entity_item(const danvan_entity *e, int32_t field, size_t i) {
  int idx = field_idx(e, field);
  if (idx < 0 || !e->vals[idx].set) return NULL;
  int32_t t = e->desc->fields[idx].type;
  if (t == DANVAN_TYPE_REFS || t == DANVAN_TYPE_TOKENS)
    return i < e->vals[idx].nitems ? e->vals[idx].items[i] : NULL;
  return (t == DANVAN_TYPE_REF && i == 0) ? e->vals[idx].u.s : NULL;
}

int32_t danvan_entity_resolve(danvan_entity **out, const danvan_entity *e, int32_t field, size_t i) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  int idx = field_idx(e, field);
  if (idx < 0) return no_field(e, field);
  const dvi_field_desc *fd = &e->desc->fields[idx];
  if (fd->type != DANVAN_TYPE_REF && fd->type != DANVAN_TYPE_REFS)
    return dvi_error(DANVAN_ETYPE, "%s of a %s is not a reference", dvi_field_name(field), e->desc->name);
  const char *id = danvan_entity_item(e, field, i);
  if (!id) return dvi_error(DANVAN_ENOTFOUND, "%s of this %s has no item %zu", dvi_field_name(field), e->desc->name, i);
  danvan_entity *t = idmap_get(&e->ds->ids, id);
  if (!t || (fd->target != DANVAN_KIND_ANY && t->desc->kind != fd->target))
    return dvi_error(DANVAN_ENOTFOUND, "%s '%s' names no %s", dvi_field_name(field), id,
                     fd->target != DANVAN_KIND_ANY ? dvi_kind(fd->target)->name : "entity");
  *out = t;
  return DANVAN_OK;
}

danvan_entity *dvi_find(const danvan_dataset *ds, const char *id) { return idmap_get(&ds->ids, id); }

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
