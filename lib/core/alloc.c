/* Allocation, growable buffers and the arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

long dvi_alloc_fail_countdown = 0;

static bool alloc_should_fail(void) {
  if (dvi_alloc_fail_countdown <= 0) return false;
  return --dvi_alloc_fail_countdown == 0;
}

void *dvi_malloc(size_t size) {
  if (alloc_should_fail()) return NULL;
  return malloc(size ? size : 1);
}

void *dvi_calloc(size_t n, size_t size) {
  if (alloc_should_fail()) return NULL;
  return calloc(n ? n : 1, size ? size : 1);
}

void *dvi_realloc(void *ptr, size_t size) {
  if (alloc_should_fail()) return NULL;
  return realloc(ptr, size ? size : 1);
}

void dvi_free(void *ptr) { free(ptr); }

void danvan_free(void *ptr) { free(ptr); }

char *dvi_strndup(const char *s, size_t len) {
  char *p = dvi_malloc(len + 1);
  if (!p) return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *dvi_strdup(const char *s) { return dvi_strndup(s, strlen(s)); }

/* ---- buffers ----------------------------------------------------------------------------- */
void dvi_buf_init(dvi_buf *b) { memset(b, 0, sizeof *b); }

void dvi_buf_free(dvi_buf *b) {
  dvi_free(b->data);
  dvi_buf_init(b);
}

bool dvi_buf_reserve(dvi_buf *b, size_t extra) {
  if (b->failed) return false;
  if (b->len + extra + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  char *p = dvi_realloc(b->data, cap);
  if (!p) {
    b->failed = true;
    return false;
  }
  b->data = p;
  b->cap = cap;
  return true;
}

void dvi_buf_add(dvi_buf *b, const char *s, size_t len) {
  if (!dvi_buf_reserve(b, len)) return;
  memcpy(b->data + b->len, s, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void dvi_buf_adds(dvi_buf *b, const char *s) { dvi_buf_add(b, s, strlen(s)); }

void dvi_buf_addc(dvi_buf *b, char c) { dvi_buf_add(b, &c, 1); }

void dvi_buf_printf(dvi_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) {
    va_end(ap2);
    b->failed = true;
    return;
  }
  if ((size_t)n < sizeof small) {
    dvi_buf_add(b, small, (size_t)n);
  } else if (dvi_buf_reserve(b, (size_t)n)) {
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    b->len += (size_t)n;
  }
  va_end(ap2);
}

char *dvi_buf_take(dvi_buf *b) {
  if (b->failed || !dvi_buf_reserve(b, 0)) {
    dvi_buf_free(b);
    return NULL;
  }
  b->data[b->len] = '\0'; /* an empty buffer has never been written */
  char *p = b->data;
  dvi_buf_init(b);
  return p;
}

/* ---- arena ------------------------------------------------------------------------------- */
#define HEAD ((sizeof(dvi_chunk_head) + 15) & ~(size_t)15)

static char *chunk_alloc(size_t size) {
  if (alloc_should_fail()) return NULL;
  void *p = NULL;
  if (posix_memalign(&p, DVI_CHUNK, size) != 0) return NULL;
  return p;
}

void dvi_arena_init(dvi_arena *a) { memset(a, 0, sizeof *a); }

void dvi_arena_free(dvi_arena *a) {
  for (uint32_t i = 0; i < a->nchunks; i++) free(a->chunks[i]);
  free(a->chunks);
  free(a->spare);
  void *owner = a->owner;
  dvi_arena_init(a);
  a->owner = owner;
}

/* A new chunk of `size` bytes (DVI_CHUNK or more) numbered next; NULL on ENOMEM. */
static char *new_chunk(dvi_arena *a, size_t size) {
  if (a->nchunks >= DVI_H_MAXCHUNKS) return NULL;
  if (a->nchunks == a->cap) {
    uint32_t cap = a->cap ? a->cap * 2 : 16;
    char **t = dvi_realloc(a->chunks, cap * sizeof *t);
    if (!t) return NULL;
    a->chunks = t;
    a->cap = cap;
  }
  char *c;
  if (size == DVI_CHUNK && a->spare) {
    c = a->spare;
    a->spare = NULL;
  } else if (!(c = chunk_alloc(size))) {
    return NULL;
  }
  dvi_chunk_head *h = (dvi_chunk_head *)(void *)c;
  h->owner = a->owner;
  h->number = a->nchunks;
  a->chunks[a->nchunks++] = c;
  return c;
}

void *dvi_arena_alloc_h(dvi_arena *a, size_t size, dvi_h *hout) {
  size = (size + 7) & ~(size_t)7;
  char *c;
  size_t off;
  if (size > (DVI_CHUNK - HEAD) / 4) {
    /* a large block gets a chunk of its own; the current chunk keeps serving small ones */
    size_t want = (HEAD + size + DVI_CHUNK - 1) & ~(DVI_CHUNK - 1);
    if (!(c = new_chunk(a, want))) return NULL;
    off = HEAD;
  } else {
    if (!a->has_cur || a->used + size > DVI_CHUNK) {
      if (!(c = new_chunk(a, DVI_CHUNK))) return NULL;
      a->cur = a->nchunks - 1;
      a->has_cur = true;
      a->used = HEAD;
    }
    c = a->chunks[a->cur];
    off = a->used;
    a->used += size;
  }
  a->used_bytes += size;
  void *p = c + off;
  memset(p, 0, size);
  if (hout) *hout = (dvi_h)((((dvi_chunk_head *)(void *)c)->number << DVI_H_SHIFT) | (off >> 3));
  return p;
}

void *dvi_arena_alloc(dvi_arena *a, size_t size) { return dvi_arena_alloc_h(a, size, NULL); }

dvi_arena_mark dvi_arena_get_mark(const dvi_arena *a) {
  dvi_arena_mark m = {a->nchunks, a->cur, a->has_cur, a->used, a->used_bytes};
  return m;
}

void dvi_arena_release(dvi_arena *a, dvi_arena_mark m) {
  for (uint32_t i = m.nchunks; i < a->nchunks; i++) {
    char *c = a->chunks[i];
    bool small = !(a->has_cur && i == a->cur) ? false : true;
    /* keep one chunk of the ordinary size for the next allocations */
    if (small && !a->spare) a->spare = c;
    else free(c);
  }
  a->nchunks = m.nchunks;
  a->cur = m.cur;
  a->has_cur = m.has_cur;
  a->used = m.used;
  a->used_bytes = m.used_bytes;
}

char *dvi_arena_strndup(dvi_arena *a, const char *s, size_t len) {
  char *p = dvi_arena_alloc(a, len + 1);
  if (!p) return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
