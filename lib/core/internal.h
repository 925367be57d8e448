/*
 * Private interface of the core layer: allocator, arena, errors, the kind table and the
 * entity layout. Included by every layer of the library; never installed.
 */
#ifndef DVI_INTERNAL_H
#define DVI_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "danvan/danvan.h"

#if defined(__GNUC__)
#  define DVI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#  define DVI_TLS __thread
#else
#  define DVI_PRINTF(a, b)
#  define DVI_TLS _Thread_local
#endif

/* ---- allocator: every allocation of the library goes through these ---------------------- */
void *dvi_malloc(size_t size);
void *dvi_calloc(size_t n, size_t size);
void *dvi_realloc(void *ptr, size_t size);
void dvi_free(void *ptr);
char *dvi_strdup(const char *s);
char *dvi_strndup(const char *s, size_t len);
/* Test hook (static builds only reach it): when > 0, the N-th allocation from now fails. */
extern long dvi_alloc_fail_countdown;

/* ---- errors: set the thread's last error and return the code ------------------------------ */
int32_t dvi_error(int32_t code, const char *fmt, ...) DVI_PRINTF(2, 3);
int32_t dvi_error_at(int32_t code, const char *file, uint32_t line, uint32_t column,
                     int64_t offset, const char *fmt, ...) DVI_PRINTF(6, 7);
int32_t dvi_error_v(int32_t code, const char *file, uint32_t line, uint32_t column,
                    int64_t offset, const char *fmt, va_list ap) DVI_PRINTF(6, 0);
/* Shorthand for argument checks. */
#define DVI_CHECK_ARG(cond)                                                                  \
  do {                                                                                       \
    if (!(cond)) return dvi_error(DANVAN_EINVAL, "%s: invalid argument: %s", __func__, #cond); \
  } while (0)

/* ---- growable buffer ---------------------------------------------------------------------- */
typedef struct dvi_buf {
  char *data;
  size_t len, cap;
  bool failed; /* an allocation failed: contents are incomplete */
} dvi_buf;
void dvi_buf_init(dvi_buf *b);
void dvi_buf_free(dvi_buf *b);
bool dvi_buf_reserve(dvi_buf *b, size_t extra);
void dvi_buf_add(dvi_buf *b, const char *s, size_t len);
void dvi_buf_adds(dvi_buf *b, const char *s);
void dvi_buf_addc(dvi_buf *b, char c);
void dvi_buf_printf(dvi_buf *b, const char *fmt, ...) DVI_PRINTF(2, 3);
/* Hand the contents over as a NUL-terminated dvi_malloc'd string (NULL when failed). */
char *dvi_buf_take(dvi_buf *b);

/* ---- arena: bump allocation freed all at once ------------------------------------------------
   Chunks of DVI_CHUNK bytes aligned to their size, so the chunk (and the dataset that owns
   the arena, written in each chunk's header) is found from any pointer into its first
   DVI_CHUNK bytes. Every allocation has a 32-bit handle: chunk number << 15 | offset / 8;
   handles grow with allocation order inside the current chunk, and the current chunk only
   moves to a newer one, so handles of small blocks (entities) follow creation order. */
#define DVI_CHUNK_SHIFT 18
#define DVI_CHUNK ((size_t)1 << DVI_CHUNK_SHIFT) /* 256 KiB */
#define DVI_H_SHIFT (DVI_CHUNK_SHIFT - 3)
#define DVI_H_MAXCHUNKS ((uint32_t)1 << (32 - DVI_H_SHIFT))
typedef uint32_t dvi_h; /* 0: none */
typedef struct dvi_arena {
  char **chunks;      /* by number */
  uint32_t nchunks, cap;
  uint32_t cur;       /* number of the chunk that serves small blocks */
  bool has_cur;
  size_t used;        /* bytes used in the current chunk, header included */
  size_t used_bytes;
  void *owner;        /* written into each chunk's header */
  char *spare;        /* one released chunk kept for reuse */
} dvi_arena;
/* A point to come back to: what was allocated after it can be released at once. */
typedef struct dvi_arena_mark {
  uint32_t nchunks, cur;
  bool has_cur;
  size_t used, used_bytes;
} dvi_arena_mark;
dvi_arena_mark dvi_arena_get_mark(const dvi_arena *a);
/* Release everything allocated after the mark; the memory must no longer be referenced. */
void dvi_arena_release(dvi_arena *a, dvi_arena_mark m);
void dvi_arena_init(dvi_arena *a);
void dvi_arena_free(dvi_arena *a);
void *dvi_arena_alloc(dvi_arena *a, size_t size); /* 8-byte aligned, zeroed; NULL on ENOMEM */
/* The same, also giving the block's handle. */
void *dvi_arena_alloc_h(dvi_arena *a, size_t size, dvi_h *h);
char *dvi_arena_strndup(dvi_arena *a, const char *s, size_t len);
static inline void *dvi_arena_ptr(const dvi_arena *a, dvi_h h) {
  return a->chunks[h >> DVI_H_SHIFT] + ((size_t)(h & ((1u << DVI_H_SHIFT) - 1)) << 3);
}
typedef struct dvi_chunk_head {
  void *owner;
  uint32_t number;
  uint32_t pad;
} dvi_chunk_head;
static inline const dvi_chunk_head *dvi_chunk_of(const void *p) {
  return (const dvi_chunk_head *)((uintptr_t)p & ~(uintptr_t)(DVI_CHUNK - 1));
}
/* Handle of a block allocated from an arena (within its chunk's first DVI_CHUNK bytes). */
static inline dvi_h dvi_arena_handle(const void *p) {
  const dvi_chunk_head *c = dvi_chunk_of(p);
  return (c->number << DVI_H_SHIFT) | (dvi_h)(((uintptr_t)p - (uintptr_t)c) >> 3);
}

/* ---- values ------------------------------------------------------------------------------ */
int32_t dvi_decimal_parse(int64_t *coef, int32_t *scale, const char *s, size_t len);
/* Writes the canonical text of a decimal into buf (at least 48 bytes); returns its length. */
size_t dvi_decimal_write(char *buf, int64_t coef, int32_t scale);
int32_t dvi_decimal_add(int64_t *oc, int32_t *os, int64_t ac, int32_t as, int64_t bc, int32_t bs);
int dvi_decimal_cmp(int64_t ac, int32_t as, int64_t bc, int32_t bs);
int32_t dvi_date_parse(int32_t *out, const char *s, size_t len, bool allow_partial);
size_t dvi_date_write(char *buf, int32_t date); /* buf >= 16 */
bool dvi_date_valid(int32_t date, bool allow_partial);
int64_t dvi_date_to_days(int32_t date);   /* days since 1970-01-01 of a full date */
int32_t dvi_days_to_date(int64_t days);
int32_t dvi_datetime_parse(int64_t *out, const char *s, size_t len);
size_t dvi_datetime_write(char *buf, int64_t t); /* buf >= 32 */
int32_t dvi_time_parse(int32_t *out, const char *s, size_t len);
size_t dvi_time_write(char *buf, int32_t minutes); /* buf >= 8 */
bool dvi_is_ncname(const char *s, size_t len);

/* ---- kind table --------------------------------------------------------------------------- */
typedef struct dvi_field_desc {
  int32_t field;            /* DANVAN_F_* */
  int32_t type;             /* DANVAN_TYPE_* */
  const char *elem;         /* NULL: attribute or text of the entity's element; else the
                               name of a single child element that carries it (grouped) */
  const char *attr;         /* attribute name; NULL: text content (of the element or group) */
  int32_t target;           /* REF/REFS: target kind (DANVAN_KIND_ANY: several) */
  const char *const *enums; /* ENUM: NULL-terminated list of allowed words */
  bool partial;             /* DATE: partial dates allowed */
} dvi_field_desc;

typedef struct dvi_slot_desc {
  int32_t kind;        /* child kind; 0 for a group element carrying grouped fields */
  const char *elem;    /* element name of the child or group */
  const char *wrapper; /* container element written around the children (top level), or NULL */
  int32_t rank;        /* slots of equal rank are written interleaved in document order */
} dvi_slot_desc;

typedef struct dvi_kind_desc {
  int32_t kind;
  const char *name;
  const dvi_field_desc *fields;
  size_t nfields;
  const dvi_slot_desc *slots; /* canonical order of the content */
  size_t nslots;
  int8_t field_index[DANVAN_FIELD_COUNT]; /* field -> index in fields, -1 when absent */
  int8_t child_slot[DANVAN_KIND_COUNT];   /* child kind -> slot index, -1 when not allowed */
  int8_t id_index;                        /* index of DANVAN_F_ID, -1 when the kind has none */
  /* storage of the entity's fields (see struct danvan_entity) */
  int8_t text_index;       /* index of the text content of the element itself, or -1 */
  uint8_t mask_bytes;      /* width of an inline record's field mask: 1 to 4 */
  uint8_t width[32];       /* bytes of each field's cell */
  uint16_t full_off[32];   /* offset of each cell in a full record (after its 4-byte mask) */
  uint16_t full_size;      /* bytes of a full record, mask included */
} dvi_kind_desc;

const dvi_kind_desc *dvi_kind(int32_t kind); /* NULL for an unknown kind */
const char *dvi_field_name(int32_t field);
/* Child kind for an element name inside a parent kind (handles scope/reporters), or 0. */
int32_t dvi_child_kind_by_elem(const dvi_kind_desc *parent, const char *elem, size_t len);
/* Slot index of a group element in a kind, or -1. */
int dvi_group_slot(const dvi_kind_desc *kd, const char *elem, size_t len);
/* Field index for an attribute of the element itself (elem == NULL), or of a group element. */
int dvi_field_by_attr(const dvi_kind_desc *kd, const char *group, const char *attr, size_t len);
/* Field index of the text content of the element itself (group NULL) or of a group, or -1. */
int dvi_text_field(const dvi_kind_desc *kd, const char *group);

/* ---- entities ----------------------------------------------------------------------------
   An entity is a 24-byte header followed by its record: the fields that are set, each in a
   cell of its own width (string, id, ref, lists: 4-byte handle of the text; enum, bool: 1
   byte; time 2; date 3; date-time 5; int 8; decimal 8 + 1 scale byte), in field order,
   preceded by a mask of the fields present (1 to 4 bytes, kd->mask_bytes). A field set
   later that has no cell moves the record to a full one (every field's cell at a fixed
   offset, 4-byte presence mask first), whose handle then sits where the mask was
   (DVI_EF_FULL). Children are a circular list through `next`, the parent pointing at the
   last. Root children also sit in per-kind vectors of the dataset (indexed access). */
typedef struct dvi_value {
  union {
    const char *s; /* STRING ID REF REFS TOKENS ENUM: the text as stored */
    int64_t i;     /* DATE (yyyymmdd) DATETIME TIME INT BOOL; DECIMAL coefficient */
  } u;
  const char **items; /* REFS TOKENS: the split items */
  uint32_t nitems;
  int16_t scale; /* DECIMAL */
  uint8_t set;
} dvi_value;

/* An attribute of another namespace, kept for export. */
typedef struct dvi_xattr {
  const char *ns, *prefix, *local, *value;
  struct dvi_xattr *next;
} dvi_xattr;

#define DVI_EF_ROOT 1u     /* the dataset's root (inside struct danvan_dataset) */
#define DVI_EF_FULL 2u     /* the record moved to a full record */
#define DVI_EF_TEXTRES 4u  /* the text field has a cell but is not set yet */
#define DVI_EF_XATTRS 8u   /* foreign attributes in ds->xattrs */
#define DVI_EF_TOP 16u     /* a child of the root */
#define DVI_EF_GONE 32u    /* removed from its parent */

struct danvan_entity {
  uint8_t kind;
  uint8_t flags;    /* DVI_EF_* */
  uint16_t file;    /* index into ds->files */
  dvi_h parent;     /* 0 for the root, removed entities and children of the root */
  dvi_h next;       /* next sibling (the last child's next is the first) */
  dvi_h last;       /* last child, 0 when none */
  uint32_t line, column;
  /* the record follows */
};

typedef struct dvi_idmap {
  uint64_t *slots; /* entity handle << 32 | hash; 0: empty */
  size_t cap, len;
  size_t dups; /* inserts that found the key taken */
} dvi_idmap;

/* Pointer-keyed hash map (core's small helper; also used by other layers). */
typedef struct dvi_pmap {
  const void **keys;
  void **vals;
  size_t cap, len;
} dvi_pmap;
bool dvi_pmap_put(dvi_pmap *m, const void *key, void *val); /* false on ENOMEM */
void *dvi_pmap_get(const dvi_pmap *m, const void *key);
void dvi_pmap_free(dvi_pmap *m);

struct danvan_dataset {
  dvi_arena arena;
  danvan_entity root;
  dvi_h root_last;   /* last child of the root */
  struct dvi_hvec *top; /* per root slot (+ foreign): the root's children of each kind */
  dvi_idmap ids;
  dvi_pmap xattrs; /* entity -> dvi_xattr list */
  const char **files;
  uint32_t nfiles;
  uint32_t gen;      /* changes with every child added or removed */
  uint64_t serial;   /* unique among the datasets of the process */
  /* references written lately whose text is an id's: hash -> that id's text (direct-mapped;
     a plan, a duty or a metric is named by report after report) */
  struct { uint32_t hash; dvi_h text; } refcache[64];
  /* the root's last child when it was added, and the child before it then: removing the newest
     top-level entity (a streamed report) needs no walk of the root's list */
  dvi_h hint_child, hint_prev;
  size_t nentities;
  int refs; /* the dataset itself plus every handle that keeps it alive */
};

/* The kind table, filled by the first dvi_kind() call (which precedes any entity). */
extern dvi_kind_desc dvi_kinds[DANVAN_KIND_COUNT];
static inline const dvi_kind_desc *dvi_desc(const danvan_entity *e) { return &dvi_kinds[e->kind]; }
static inline danvan_dataset *dvi_ds_of(const danvan_entity *e) {
  if (e->flags & DVI_EF_ROOT)
    return (danvan_dataset *)(void *)((char *)(uintptr_t)e - offsetof(danvan_dataset, root));
  return (danvan_dataset *)dvi_chunk_of(e)->owner;
}
static inline danvan_entity *dvi_ent(const danvan_dataset *ds, dvi_h h) {
  return h ? (danvan_entity *)dvi_arena_ptr(&ds->arena, h) : NULL;
}
static inline danvan_entity *dvi_parent(const danvan_entity *e) {
  if (e->flags & DVI_EF_TOP) return &dvi_ds_of(e)->root;
  return e->parent ? dvi_ent(dvi_ds_of(e), e->parent) : NULL;
}
/* Creation order (document order when loaded): compare these. The root is 0. */
static inline uint32_t dvi_seq(const danvan_entity *e) {
  return (e->flags & DVI_EF_ROOT) ? 0 : dvi_arena_handle(e);
}

/* Add an entity without argument checks (kd may be a child of parent). `reserve` is a mask of
   field indexes that get a cell now (those about to be set); others can be set later at some
   cost in memory. */
int32_t dvi_entity_add_r(danvan_entity **out, danvan_entity *parent, const dvi_kind_desc *kd,
                         uint32_t reserve);
/* Set field number idx (index in desc->fields) from its text; error message names the field. */
int32_t dvi_entity_set_text(danvan_entity *e, int idx, const char *s, size_t len);
/* Store a string in the dataset's arena. */
const char *dvi_ds_strndup(danvan_dataset *ds, const char *s, size_t len);
/* Register a file name; returns its index (0 is ""). */
int32_t dvi_ds_add_file(danvan_dataset *ds, const char *name, uint16_t *out_index);
/* Take and release a reference to a dataset (handles that keep it alive). */
void dvi_ds_ref(danvan_dataset *ds);
void dvi_ds_unref(danvan_dataset *ds);
/* Value of field index idx into *out; returns out, or NULL when unset. */
const dvi_value *dvi_val_idx(const danvan_entity *e, int idx, dvi_value *out);
static inline const dvi_value *dvi_val_into(const danvan_entity *e, int32_t field, dvi_value *out) {
  int idx = dvi_desc(e)->field_index[field];
  return idx >= 0 ? dvi_val_idx(e, idx, out) : NULL;
}
/* The value lives in a compound literal: valid until the end of the enclosing block. */
#define dvi_val(e, field) dvi_val_into((e), (field), &(dvi_value){{0}, NULL, 0, 0, 0})
#define dvi_vali(e, idx) dvi_val_idx((e), (idx), &(dvi_value){{0}, NULL, 0, 0, 0})
bool dvi_has(const danvan_entity *e, int idx);
/* Mask of the fields that are set (bit i: field index i). */
uint32_t dvi_present(const danvan_entity *e);
/* Children: kind DANVAN_KIND_ANY for all, in order of addition. */
danvan_entity *dvi_kid_first(const danvan_entity *e, int32_t kind);
danvan_entity *dvi_kid_next(const danvan_entity *c, int32_t kind);
/* Ask for the id index's slot of an id (or a reference to one) to be brought into the cache:
   a large index misses the cache on every probe, and the probes of one element's attributes
   can then overlap. */
void dvi_ds_prefetch_id(const danvan_dataset *ds, const char *s, size_t len);
/* Make room in the id index for n more ids. */
int32_t dvi_ds_expect_ids(danvan_dataset *ds, size_t n);
/* Remove every child of the root after the first `keep` (a failed merge); no rebuild of the
   id index, no memory needed. */
void dvi_root_truncate(danvan_dataset *ds, size_t keep);
/* The root's children of one kind, as handles (4 bytes each: a million reports); NULL when
   the kind cannot be a child of the root. */
typedef struct dvi_hvec {
  dvi_h *items;
  uint32_t n, cap;
} dvi_hvec;
const dvi_hvec *dvi_top(const danvan_dataset *ds, int32_t kind);
#define dvi_top_at(ds, v, i) dvi_ent((ds), (v)->items[i])
/* Foreign attributes of an entity (NULL when none); set replaces them. */
dvi_xattr *dvi_xattrs(const danvan_entity *e);
int32_t dvi_set_xattrs(danvan_entity *e, dvi_xattr *list);
/* Write any field as text into buf (>= 64 bytes) for scalar types; for strings returns the
   stored pointer. Returns the text or NULL when unset. */
const char *dvi_field_text(const danvan_entity *e, int idx, char *buf, size_t *len);

struct danvan_entity_list {
  danvan_dataset *ds; /* kept alive */
  danvan_entity **items;
  size_t n, cap;
};
int32_t dvi_list_push(danvan_entity_list *l, danvan_entity *e);
/* Whether organisation `org` matches selector entity `sel` (semantics of
   danvan_selector_resolve); `under` is the resolved `under` entity or NULL. */
bool dvi_selector_matches(const danvan_entity *sel, const danvan_entity *org,
                          const danvan_entity *under, int32_t date);
/* Entity with that id, or NULL (no error recorded). */
danvan_entity *dvi_find(const danvan_dataset *ds, const char *id);

#endif
