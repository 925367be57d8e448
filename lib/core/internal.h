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

/* ---- arena: bump allocation freed all at once with the dataset ---------------------------- */
typedef struct dvi_arena_chunk dvi_arena_chunk;
typedef struct dvi_arena {
  dvi_arena_chunk *head;
  size_t used_bytes;
  uint64_t nchunks; /* chunks ever allocated: numbers them */
} dvi_arena;
/* A point to come back to: what was allocated after it can be released at once. */
typedef struct dvi_arena_mark {
  uint64_t chunk;  /* number of the head chunk at the mark (0: none) */
  uint64_t last;   /* number of the newest chunk at the mark */
  size_t used;     /* bytes used in that chunk */
  size_t used_bytes;
} dvi_arena_mark;
dvi_arena_mark dvi_arena_get_mark(const dvi_arena *a);
/* Release everything allocated after the mark; the memory must no longer be referenced. */
void dvi_arena_release(dvi_arena *a, dvi_arena_mark m);
void dvi_arena_init(dvi_arena *a);
void dvi_arena_free(dvi_arena *a);
void *dvi_arena_alloc(dvi_arena *a, size_t size); /* 8-byte aligned, zeroed; NULL on ENOMEM */
char *dvi_arena_strndup(dvi_arena *a, const char *s, size_t len);

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

/* ---- entities ---------------------------------------------------------------------------- */
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

typedef struct dvi_vec {
  danvan_entity **items;
  uint32_t n, cap;
} dvi_vec;

/* An attribute of another namespace, kept for export. */
typedef struct dvi_xattr {
  const char *ns, *prefix, *local, *value;
  struct dvi_xattr *next;
} dvi_xattr;

struct danvan_entity {
  const dvi_kind_desc *desc;
  danvan_dataset *ds;
  danvan_entity *parent;
  dvi_value *vals;  /* desc->nfields values */
  dvi_vec *kids;    /* desc->nslots + 2 vectors (lazily allocated): one per slot, then
                       foreign elements, then all children in order of addition */
  dvi_xattr *xattrs;
  uint32_t seq;     /* creation order in the dataset (document order when loaded) */
  uint32_t line, column;
  uint16_t file;    /* index into ds->files */
  uint16_t flags;
};
#define DVI_FOREIGN_SLOT(kd) ((kd)->nslots)
#define DVI_ALL_SLOT(kd) ((kd)->nslots + 1)

typedef struct dvi_idmap {
  const char **keys;
  danvan_entity **vals;
  uint32_t *hashes; /* hash of each key, beside it */
  size_t cap, len;
  size_t dups; /* inserts that found the key taken */
} dvi_idmap;

struct danvan_dataset {
  dvi_arena arena;
  danvan_entity root;
  dvi_idmap ids;
  const char **files;
  uint32_t nfiles;
  uint32_t next_seq;
  size_t nentities;
  int refs; /* the dataset itself plus every handle that keeps it alive */
};

/* Add an entity without argument checks: slot is the parent's slot index for kd. */
int32_t dvi_entity_add(danvan_entity **out, danvan_entity *parent, const dvi_kind_desc *kd,
                       int slot);
/* Set field number idx (index in desc->fields) from its text; error message names the field. */
int32_t dvi_entity_set_text(danvan_entity *e, int idx, const char *s, size_t len);
/* Store a string in the dataset's arena. */
const char *dvi_ds_strndup(danvan_dataset *ds, const char *s, size_t len);
/* Register a file name; returns its index (0 is ""). */
int32_t dvi_ds_add_file(danvan_dataset *ds, const char *name, uint16_t *out_index);
/* Take and release a reference to a dataset (handles that keep it alive). */
void dvi_ds_ref(danvan_dataset *ds);
void dvi_ds_unref(danvan_dataset *ds);
/* Fast access for the other layers. */
static inline const dvi_value *dvi_val(const danvan_entity *e, int32_t field) {
  int idx = e->desc->field_index[field];
  return (idx >= 0 && e->vals[idx].set) ? &e->vals[idx] : NULL;
}
static inline const dvi_vec *dvi_kids(const danvan_entity *e, int32_t kind) {
  int slot = e->desc->child_slot[kind];
  return (slot >= 0 && e->kids) ? &e->kids[slot] : NULL;
}
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
