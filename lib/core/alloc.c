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
struct dvi_arena_chunk {
  dvi_arena_chunk *next;
  uint64_t number;
  size_t size, used;
  /* data follows, 16-byte aligned */
};
#define CHUNK_HEADER ((sizeof(dvi_arena_chunk) + 15) & ~(size_t)15)
#define CHUNK_SIZE (64 * 1024)

void dvi_arena_init(dvi_arena *a) { memset(a, 0, sizeof *a); }

void dvi_arena_free(dvi_arena *a) {
  dvi_arena_chunk *c = a->head;
  while (c) {
    dvi_arena_chunk *next = c->next;
    dvi_free(c);
    c = next;
  }
  dvi_arena_init(a);
}

void *dvi_arena_alloc(dvi_arena *a, size_t size) {
  size = (size + 7) & ~(size_t)7;
  dvi_arena_chunk *c = a->head;
  if (!c || c->used + size > c->size) {
    size_t want = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
    dvi_arena_chunk *n = dvi_malloc(CHUNK_HEADER + want);
    if (!n) return NULL;
    n->size = want;
    n->used = 0;
    n->number = ++a->nchunks;
    if (c && want != CHUNK_SIZE) {
      /* a large block goes behind the current chunk, which keeps serving small ones */
      n->next = c->next;
      c->next = n;
    } else {
      n->next = c;
      a->head = n;
    }
    c = n;
  }
  void *p = (char *)c + CHUNK_HEADER + c->used;
  c->used += size;
  a->used_bytes += size;
  memset(p, 0, size);
  return p;
}

dvi_arena_mark dvi_arena_get_mark(const dvi_arena *a) {
  dvi_arena_mark m = {a->head ? a->head->number : 0, a->nchunks, a->head ? a->head->used : 0,
                      a->used_bytes};
  return m;
}

void dvi_arena_release(dvi_arena *a, dvi_arena_mark m) {
  /* chunks numbered after the mark are newer: free them wherever they sit (a large block goes
     behind the head that was current when it was made) */
  for (dvi_arena_chunk **at = &a->head; *at;) {
    dvi_arena_chunk *c = *at;
    if (c->number > m.last) {
      *at = c->next;
      dvi_free(c);
    } else {
      at = &c->next;
    }
  }
  for (dvi_arena_chunk *c = a->head; c; c = c->next)
    if (c->number == m.chunk) c->used = m.used;
  a->used_bytes = m.used_bytes;
}

char *dvi_arena_strndup(dvi_arena *a, const char *s, size_t len) {
  char *p = dvi_arena_alloc(a, len + 1);
  if (!p) return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
