/*
 * XML export in the canonical form of format v1, by walking the kind table: a buffered writer
 * of our own (one pass, no libxml2 objects), flushed to a descriptor in 64 KiB blocks or kept
 * in memory. Saving to a path is atomic: temporary file, fsync, rename, fsync of the directory.
 */
/* realpath() is declared with the X/Open 7 extensions. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xml/xml_internal.h"

#define FLUSH_AT (64 * 1024)

/* ---- escaping ----------------------------------------------------------------------------- */
/* Length of the valid UTF-8 sequence XML 1.0 allows at s (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *s, size_t avail) {
  unsigned char c = s[0];
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (avail < n || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < n; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (c == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) return 0; /* U+FFFE, U+FFFF */
  return n;
}

bool dvi_xml_escape(dvi_buf *b, const char *str, size_t len, bool attr, size_t *bad_at) {
  const unsigned char *s = (const unsigned char *)str;
  size_t run = 0; /* start of the pending run of bytes copied as they are */
  for (size_t i = 0; i < len;) {
    unsigned char c = s[i];
    const char *rep = NULL;
    if (c >= 0x80) {
      size_t n = utf8_len(s + i, len - i);
      if (!n) goto bad;
      i += n;
      continue;
    }
    switch (c) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '\r': rep = "&#13;"; break;
      case '"': rep = attr ? "&quot;" : NULL; break;
      case '\t': rep = attr ? "&#9;" : NULL; break;
      case '\n': rep = attr ? "&#10;" : NULL; break;
      default:
        if (c < 0x20) goto bad;
    }
    if (rep) {
      dvi_buf_add(b, str + run, i - run);
      dvi_buf_adds(b, rep);
      run = i + 1;
    }
    i++;
    continue;
  bad:
    dvi_buf_add(b, str + run, i - run);
    if (bad_at) *bad_at = i;
    return false;
  }
  dvi_buf_add(b, str + run, len - run);
  return true;
}

/* ---- the writer --------------------------------------------------------------------------- */
typedef struct writer {
  dvi_buf b;
  int fd;     /* -1: keep everything in memory */
  int32_t rc; /* first error */
} writer;

static void flush(writer *w) {
  if (w->fd < 0 || w->rc) return;
  size_t done = 0;
  while (done < w->b.len) {
    ssize_t k = write(w->fd, w->b.data + done, w->b.len - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      char eb[128];
      w->rc = dvi_error(DANVAN_EIO, "cannot write: %s",
                        dvi_xml_strerror(k < 0 ? errno : EIO, eb, sizeof eb));
      return;
    }
    done += (size_t)k;
  }
  w->b.len = 0;
}

static void put(writer *w, const char *s, size_t len) {
  dvi_buf_add(&w->b, s, len);
  if (w->fd >= 0 && w->b.len >= FLUSH_AT) flush(w);
}

static void puts_(writer *w, const char *s) { put(w, s, strlen(s)); }

static void indent(writer *w, unsigned depth) {
  static const char spaces[] = "                                                                ";
  size_t n = (size_t)depth * 2;
  while (n > sizeof spaces - 1) {
    put(w, spaces, sizeof spaces - 1);
    n -= sizeof spaces - 1;
  }
  put(w, spaces, n);
}

/* Escaped text; a string XML cannot carry fails the export, naming the entity and field. */
static void text(writer *w, const char *s, size_t len, bool attr, const danvan_entity *e,
                 const char *what) {
  size_t bad = 0;
  if (dvi_xml_escape(&w->b, s, len, attr, &bad) || w->rc) return;
  const char *id = danvan_entity_id(e);
  w->rc = dvi_error(DANVAN_EINVALID,
                    "%s of a %s%s%s%s cannot be written as XML 1.0: byte 0x%02X at offset %zu is "
                    "invalid UTF-8 or a control character",
                    what, dvi_desc(e)->name, id ? " '" : "", id ? id : "", id ? "'" : "",
                    (unsigned)(unsigned char)s[bad], bad);
}

static void attribute(writer *w, const char *name, const char *value, size_t len,
                      const danvan_entity *e, const char *what) {
  put(w, " ", 1);
  puts_(w, name);
  put(w, "=\"", 2);
  text(w, value, len, true, e, what);
  put(w, "\"", 1);
}

static void field_attribute(writer *w, const danvan_entity *e, size_t i) {
  char buf[64];
  size_t len = 0;
  const char *t = dvi_field_text(e, (int)i, buf, &len);
  if (t) attribute(w, dvi_desc(e)->fields[i].attr, t, len, e, dvi_field_name(dvi_desc(e)->fields[i].field));
}

static bool in_group(const dvi_field_desc *fd, const char *group) {
  return group ? (fd->elem && strcmp(fd->elem, group) == 0) : fd->elem == NULL;
}

/* Attributes of the element itself (group NULL) or of a group element, in table order. */
static void field_attributes(writer *w, const danvan_entity *e, const char *group) {
  const dvi_kind_desc *kd = dvi_desc(e);
  uint32_t set = dvi_present(e);
  for (size_t i = 0; i < kd->nfields; i++)
    if ((set >> i & 1) && kd->fields[i].attr && in_group(&kd->fields[i], group))
      field_attribute(w, e, i);
}

/* Foreign attributes, each preceded by the declaration of its prefix (once per element). */
static void foreign_attributes(writer *w, const danvan_entity *e) {
  const dvi_xattr *list = dvi_xattrs(e);
  for (const dvi_xattr *x = list; x; x = x->next) {
    bool declared = strcmp(x->prefix, "xml") == 0;
    for (const dvi_xattr *y = list; y != x && !declared; y = y->next)
      declared = strcmp(y->prefix, x->prefix) == 0;
    if (!declared) {
      put(w, " xmlns:", 7);
      puts_(w, x->prefix);
      put(w, "=\"", 2);
      text(w, x->ns, strlen(x->ns), true, e, "a foreign namespace");
      put(w, "\"", 1);
    }
    put(w, " ", 1);
    puts_(w, x->prefix);
    put(w, ":", 1);
    puts_(w, x->local);
    put(w, "=\"", 2);
    text(w, x->value, strlen(x->value), true, e, "a foreign attribute");
    put(w, "\"", 1);
  }
}

/* The text field of the element itself (group NULL) or of a group, when set; else NULL.
   buf (64 bytes) holds the text of a value that is not a string. */
static const char *field_text(const danvan_entity *e, const char *group, char *buf, size_t *len) {
  const dvi_kind_desc *kd = dvi_desc(e);
  for (size_t i = 0; i < kd->nfields; i++)
    if (!kd->fields[i].attr && in_group(&kd->fields[i], group))
      return dvi_field_text(e, (int)i, buf, len);
  return NULL;
}

static void write_entity(writer *w, const danvan_entity *e, const char *elem, unsigned depth);

static void write_group(writer *w, const danvan_entity *e, const char *group, unsigned depth) {
  const dvi_kind_desc *kd = dvi_desc(e);
  bool any = false;
  uint32_t set = dvi_present(e);
  for (size_t i = 0; i < kd->nfields && !any; i++)
    any = (set >> i & 1) && in_group(&kd->fields[i], group);
  if (!any) return;
  indent(w, depth);
  put(w, "<", 1);
  puts_(w, group);
  field_attributes(w, e, group);
  char buf[64];
  size_t len = 0;
  const char *t = field_text(e, group, buf, &len);
  if (t && len) {
    put(w, ">", 1);
    text(w, t, len, false, e, group);
    put(w, "</", 2);
    puts_(w, group);
    put(w, ">\n", 2);
  } else {
    put(w, "/>\n", 3);
  }
}

/* A foreign element: its text, written as it is. One without text (possible only through the
   API) is left out. */
static void write_foreign(writer *w, const danvan_entity *f, unsigned depth, bool own_line) {
  const dvi_value *v = dvi_val(f, DANVAN_F_TEXT);
  if (!v || !v->u.s[0]) return;
  if (own_line) indent(w, depth);
  puts_(w, v->u.s);
  if (own_line) put(w, "\n", 1);
}

/* One slot: a group element, or the children of one kind (wrapped at the top level). */
static void write_slot(writer *w, const danvan_entity *e, size_t slot, unsigned depth) {
  const dvi_slot_desc *sd = &dvi_desc(e)->slots[slot];
  if (!sd->kind) {
    write_group(w, e, sd->elem, depth);
    return;
  }
  /* the root's children sit in per-kind vectors; others are walked */
  const danvan_dataset *ds = dvi_ds_of(e);
  const dvi_hvec *v = (e->flags & DVI_EF_ROOT) ? dvi_top(ds, sd->kind) : NULL;
  const danvan_entity *first = v ? NULL : dvi_kid_first(e, sd->kind);
  if (v ? !v->n : !first) return;
  if (sd->wrapper) {
    indent(w, depth);
    put(w, "<", 1);
    puts_(w, sd->wrapper);
    put(w, ">\n", 2);
  }
  unsigned d = depth + (sd->wrapper ? 1 : 0);
  if (v)
    for (uint32_t i = 0; i < v->n && !w->rc; i++) write_entity(w, dvi_top_at(ds, v, i), sd->elem, d);
  for (const danvan_entity *c = first; c && !w->rc; c = dvi_kid_next(c, sd->kind))
    write_entity(w, c, sd->elem, d);
  if (sd->wrapper) {
    indent(w, depth);
    put(w, "</", 2);
    puts_(w, sd->wrapper);
    put(w, ">\n", 2);
  }
}

/* Slots [a, b) share a rank: their groups first, then their children interleaved in document
   (creation) order, which is the order of the list of children. */
static void write_interleaved(writer *w, const danvan_entity *e, size_t a, size_t b,
                              unsigned depth) {
  const dvi_kind_desc *kd = dvi_desc(e);
  for (size_t s = a; s < b; s++)
    if (!kd->slots[s].kind) write_group(w, e, kd->slots[s].elem, depth);
  for (const danvan_entity *c = dvi_kid_first(e, DANVAN_KIND_ANY); c && !w->rc;
       c = dvi_kid_next(c, DANVAN_KIND_ANY)) {
    int s = kd->child_slot[c->kind];
    if (s >= (int)a && s < (int)b && kd->slots[s].kind) write_entity(w, c, kd->slots[s].elem, depth);
  }
}

/* Everything inside an element: slots in canonical order, then foreign elements. */
static void write_content(writer *w, const danvan_entity *e, unsigned depth) {
  const dvi_kind_desc *kd = dvi_desc(e);
  for (size_t i = 0; i < kd->nslots && !w->rc;) {
    size_t j = i + 1;
    while (j < kd->nslots && kd->slots[j].rank == kd->slots[i].rank) j++;
    if (j == i + 1 || j - i > 16) {
      for (size_t s = i; s < j; s++) write_slot(w, e, s, depth);
    } else {
      write_interleaved(w, e, i, j, depth);
    }
    i = j;
  }
  for (const danvan_entity *f = dvi_kid_first(e, DANVAN_KIND_FOREIGN); f && !w->rc;
       f = dvi_kid_next(f, DANVAN_KIND_FOREIGN))
    write_foreign(w, f, depth, true);
}

static bool has_content(const danvan_entity *e) {
  if (dvi_kid_first(e, DANVAN_KIND_ANY)) return true;
  const dvi_kind_desc *kd = dvi_desc(e);
  uint32_t set = dvi_present(e);
  for (size_t i = 0; i < kd->nfields; i++)
    if ((set >> i & 1) && kd->fields[i].elem) return true;
  return false;
}

static void write_entity(writer *w, const danvan_entity *e, const char *elem, unsigned depth) {
  if (dvi_desc(e)->kind == DANVAN_KIND_FOREIGN) {
    write_foreign(w, e, depth, true);
    return;
  }
  indent(w, depth);
  put(w, "<", 1);
  puts_(w, elem);
  field_attributes(w, e, NULL);
  foreign_attributes(w, e);
  char buf[64];
  size_t len = 0;
  const char *t = field_text(e, NULL, buf, &len);
  if (t && len) {
    /* a text element stays on one line; foreign children of one (rare) follow the text */
    put(w, ">", 1);
    text(w, t, len, false, e, dvi_field_name(DANVAN_F_TEXT));
    for (const danvan_entity *f = dvi_kid_first(e, DANVAN_KIND_FOREIGN); f;
         f = dvi_kid_next(f, DANVAN_KIND_FOREIGN))
      write_foreign(w, f, depth, false);
  } else if (has_content(e)) {
    put(w, ">\n", 2);
    write_content(w, e, depth + 1);
    indent(w, depth);
  } else {
    put(w, "/>\n", 3);
    return;
  }
  put(w, "</", 2);
  puts_(w, elem);
  put(w, ">\n", 2);
}

static int32_t write_dataset(writer *w, const danvan_dataset *ds) {
  const danvan_entity *root = &ds->root;
  puts_(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"" DVI_XML_NS "\" version=\"1\"");
  foreign_attributes(w, root);
  if (has_content(root)) {
    put(w, ">\n", 2);
    write_content(w, root, 1);
    puts_(w, "</danvan>\n");
  } else {
    put(w, "/>\n", 3);
  }
  if (!w->rc && w->b.failed) w->rc = dvi_error(DANVAN_ENOMEM, "out of memory");
  flush(w);
  return w->rc;
}

/* ---- targets ------------------------------------------------------------------------------ */
int32_t danvan_dataset_to_xml(char **out, size_t *out_len, const danvan_dataset *ds) {
  if (out) *out = NULL;
  if (out_len) *out_len = 0;
  DVI_CHECK_ARG(out && ds);
  writer w = {{NULL, 0, 0, false}, -1, DANVAN_OK};
  int32_t rc = write_dataset(&w, ds);
  size_t len = w.b.len;
  char *s = rc ? NULL : dvi_buf_take(&w.b);
  dvi_buf_free(&w.b);
  if (rc) return rc;
  if (!s) return dvi_error(DANVAN_ENOMEM, "out of memory");
  *out = s;
  if (out_len) *out_len = len;
  return DANVAN_OK;
}

static int32_t write_fd(const danvan_dataset *ds, int fd) {
  writer w = {{NULL, 0, 0, false}, fd, DANVAN_OK};
  if (!dvi_buf_reserve(&w.b, FLUSH_AT + 4096)) return dvi_error(DANVAN_ENOMEM, "out of memory");
  int32_t rc = write_dataset(&w, ds);
  dvi_buf_free(&w.b);
  return rc;
}

int32_t danvan_dataset_save_fd(const danvan_dataset *ds, int fd) {
  DVI_CHECK_ARG(ds && fd >= 0);
  return write_fd(ds, fd);
}

static int32_t io_error(const char *path, const char *what, int err) {
  char eb[128];
  return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "%s: %s", what,
                      dvi_xml_strerror(err, eb, sizeof eb));
}

/* Create a new file next to the target; its name is hidden (".NAME.XXXXXX"). Created with
   O_EXCL and mode 0666 so that the umask applies as for any new file. */
static int make_temp(char *tmp, size_t cap, const char *dir, const char *base) {
  static uint64_t counter;
  uint64_t seed = (uint64_t)getpid() * 2654435761u ^ (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)tmp;
  for (int attempt = 0; attempt < 100; attempt++) {
    uint64_t n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    uint64_t x = (seed + n * 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
    int k = snprintf(tmp, cap, "%s/.%s.%06lx", dir, base, (unsigned long)(x & 0xFFFFFFu));
    if (k < 0 || (size_t)k >= cap) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

int32_t danvan_dataset_save(const danvan_dataset *ds, const char *path) {
  DVI_CHECK_ARG(ds && path && *path);
  int32_t rc = DANVAN_OK;
  char *target = NULL, *dir = NULL, *tmp = NULL;
  int fd = -1;
  struct stat st;
  bool exists = false;
  /* follow a symbolic link: replace the file it names, not the link */
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
    char *real = realpath(path, NULL); /* libc-allocated */
    if (!real) {
      rc = io_error(path, "cannot follow the symbolic link", errno);
      goto out;
    }
    target = dvi_strdup(real);
    free(real);
  } else {
    target = dvi_strdup(path);
  }
  if (!target) goto nomem;
  if (stat(target, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot write: it is a directory");
      goto out;
    }
    exists = true;
  }
  const char *slash = strrchr(target, '/');
  const char *base = slash ? slash + 1 : target;
  dir = slash ? dvi_strndup(target, slash == target ? 1 : (size_t)(slash - target)) : dvi_strdup(".");
  size_t cap = strlen(target) + 32;
  tmp = dvi_malloc(cap);
  if (!dir || !tmp) goto nomem;
  fd = make_temp(tmp, cap, dir, base);
  if (fd < 0) {
    rc = io_error(path, "cannot create a temporary file in its directory", errno);
    goto out;
  }
  /* keep the owner where we may (only a privileged process may give a file away; otherwise the
     new file is the caller's), then the permission bits */
  if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
    (void)fchown(fd, st.st_uid, st.st_gid);
  if (exists && fchmod(fd, st.st_mode & 07777) != 0) {
    rc = io_error(path, "cannot set the permissions of the temporary file", errno);
    goto fail;
  }
  if ((rc = write_fd(ds, fd))) {
    rc = dvi_xml_relocate(rc, path, 0, 0, -1);
    goto fail;
  }
  if (fsync(fd) != 0) {
    rc = io_error(path, "cannot flush the temporary file to disk", errno);
    goto fail;
  }
  int cerr = close(fd);
  fd = -1;
  if (cerr != 0) {
    rc = io_error(path, "cannot close the temporary file", errno);
    goto fail;
  }
  if (rename(tmp, target) != 0) {
    rc = io_error(path, "cannot replace the file", errno);
    goto fail;
  }
  /* make the rename itself durable; filesystems that cannot sync a directory say EINVAL */
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    if (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP)
      rc = io_error(path, "the file was replaced, but flushing its directory failed", errno);
    close(dfd);
  }
  goto out;
nomem:
  rc = dvi_error_at(DANVAN_ENOMEM, path, 0, 0, -1, "out of memory");
  goto out;
fail:
  if (fd >= 0) close(fd);
  unlink(tmp);
out:
  dvi_free(target);
  dvi_free(dir);
  dvi_free(tmp);
  return rc;
}
