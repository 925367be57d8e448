/*
 * XML import: a libxml2 SAX2 push parser fed with chunks we read ourselves (from a path, a
 * descriptor or memory). Structure is checked against the kind table as elements arrive and
 * the model is built directly: no document tree, so memory follows the model, not the input.
 *
 * Safety (see CONVENTIONS.md, "libxml2, safely and fast"): only XML_PARSE_NONET; no entity
 * substitution, no DTD loading or validation, no XInclude, no HUGE. Any markup declaration in
 * a DTD and any reference to a declared entity stops the parse; compressed and non-UTF-8 input
 * is refused before libxml2 sees it; errors go through the context's own structured handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include "xml/xml_internal.h"

#define CHUNK_SIZE (64 * 1024)

struct danvan_xml_options {
  uint32_t max_depth;
  uint64_t max_text;
  uint64_t max_input; /* 0: none */
};

static const danvan_xml_options default_options = {DANVAN_XML_DEFAULT_MAX_DEPTH,
                                                   DANVAN_XML_DEFAULT_MAX_TEXT, 0};

/* ---- options ------------------------------------------------------------------------------ */
int32_t danvan_xml_options_new(danvan_xml_options **out) {
  DVI_CHECK_ARG(out);
  *out = dvi_malloc(sizeof **out);
  if (!*out) return dvi_error(DANVAN_ENOMEM, "out of memory");
  **out = default_options;
  return DANVAN_OK;
}

void danvan_xml_options_free(danvan_xml_options *opts) { dvi_free(opts); }

int32_t danvan_xml_options_set_max_depth(danvan_xml_options *opts, uint32_t depth) {
  DVI_CHECK_ARG(opts && depth > 0);
  opts->max_depth = depth;
  return DANVAN_OK;
}

int32_t danvan_xml_options_set_max_text(danvan_xml_options *opts, uint64_t bytes) {
  DVI_CHECK_ARG(opts && bytes > 0);
  opts->max_text = bytes;
  return DANVAN_OK;
}

int32_t danvan_xml_options_set_max_input(danvan_xml_options *opts, uint64_t bytes) {
  DVI_CHECK_ARG(opts);
  opts->max_input = bytes;
  return DANVAN_OK;
}

/* ---- reader state ------------------------------------------------------------------------- */
/* Limits checked by the start-tag scanner (scan_tags()), against quadratic work in libxml2
   2.9 (duplicate attributes, namespace look-ups) and in the foreign-element writer. */
#define MAX_ATTRIBUTES 1000 /* attributes and namespace declarations of one element */
#define MAX_NAMESPACES 256  /* namespace declarations in scope at once */

enum { FR_ROOT, FR_WRAPPER, FR_ENTITY, FR_GROUP };

/* One open element of the format (foreign and skipped subtrees are counted, not stacked). */
typedef struct frame {
  danvan_entity *e;   /* the entity (the root for ROOT and WRAPPER, the owner for GROUP) */
  const char *name;   /* element name, for messages */
  int text_idx;       /* field receiving the element's text, -1 when text is not allowed */
  uint32_t line, col; /* position of the start tag */
  uint32_t groups;    /* ENTITY: bit per group slot already seen */
  int slot;           /* WRAPPER: the root's slot of the wrapped kind */
  uint8_t type;
  bool foreign_kids;  /* ENTITY: foreign child elements seen */
} frame;

/* A namespace binding in scope inside the foreign element being serialised. */
typedef struct nsbind {
  const xmlChar *prefix, *uri; /* strings of the parser's dictionary */
  uint32_t depth;
} nsbind;

typedef struct pos {
  uint32_t line, col;
  int64_t off;
} pos;

typedef struct reader {
  xmlParserCtxtPtr ctxt;
  danvan_dataset *ds;
  const danvan_xml_options *opt;
  const char *name; /* for messages */
  uint16_t file;    /* index in ds->files */
  int32_t rc;       /* first error; the parser is stopped once set */
  bool seen_root, terminating;
  size_t bom;       /* bytes skipped before the parser (UTF-8 byte order mark) */
  uint64_t total;   /* bytes read */
  int64_t scan_to, line_start; /* see line_start_of() */

  frame *fr;
  size_t nfr, capfr;
  uint32_t depth; /* every open element */
  uint32_t skip;  /* depth inside a skipped subtree (evaluation); 0 outside */
  dvi_buf text;   /* text of the innermost text-bearing element */
  dvi_buf scratch; /* a decoded attribute value */

  /* the foreign element being serialised */
  uint32_t fdepth; /* 0 outside */
  danvan_entity *fent;
  dvi_buf fbuf;
  bool ftag_open; /* start tag written without its '>' yet */
  nsbind *ns;
  size_t nns, capns;

  /* foreign attributes of the root element, applied when the whole input succeeded */
  dvi_xattr *root_xattrs;

  /* attribute name -> field index of a kind, for attributes of the entity's own element:
     keyed by the kind and the name's address in the parser's dictionary, checked by name */
  struct {
    const dvi_kind_desc *kd;
    const xmlChar *name;
    int idx;
  } acache[128];

  /* streaming (dvi_xml_stream_reports): top-level reports go to `each` and are dropped */
  dvi_xml_report_fn each;
  void *each_ctx;
  dvi_arena_mark mark; /* the arena before the current top-level report */

  /* validation (dvi_xml_load_checked): the schema validator plugged into the parse */
  dvi_xml_check *chk;
  xmlSchemaSAXPlugPtr plug;

  /* the start-tag scanner (see scan_tags()) */
  unsigned sc_state, sc_quote, sc_run, sc_nm, sc_last; /* words: a load of two bytes written apart stalls */
  uint32_t sc_atts, sc_tag_ns, sc_line, sc_tag_line, sc_tag_col;
  int64_t sc_off, sc_line_start, sc_tag_off;
  uint32_t sc_depth, sc_ns_total, sc_nscopes;
  struct {
    uint32_t depth, count;
  } sc_scopes[MAX_NAMESPACES]; /* elements in scope that declare namespaces */
} reader;

/* ---- positions and errors ----------------------------------------------------------------- */
static uint32_t count_chars(const xmlChar *a, const xmlChar *b) {
  uint32_t n = 0;
  for (; a < b; a++)
    if ((*a & 0xC0) != 0x80) n++;
  return n;
}

static int64_t offset_of(const reader *r, const xmlChar *p) {
  xmlParserInputPtr in = r->ctxt->input;
  return (int64_t)(r->bom + in->consumed + (size_t)(p - in->base));
}

/* Byte offset of the start of the line holding p (a pointer into the parser's buffer), or -1
   when that is no longer known. Positions are asked for in document order, so only the bytes
   since the last question can hold a new line break: they are looked at from p backwards, up to
   the first line break found or to where the last question left off (every byte at most
   once, even in a file written on one line; usually only the few bytes of p's own line). */
static int64_t line_start_of(reader *r, const xmlChar *p) {
  xmlParserInputPtr in = r->ctxt->input;
  int64_t at = offset_of(r, p), base = offset_of(r, in->base);
  if (at >= r->scan_to) {
    const xmlChar *q = in->base;
    if (r->scan_to >= base) q += r->scan_to - base;
    else r->line_start = -1; /* bytes went by unseen: a line break may have been among them */
    /* only the last line break of [q, p) matters: look for it from p backwards */
    const xmlChar *s = p;
    while (s > q && s[-1] != '\n') s--;
    if (s > q) r->line_start = offset_of(r, s);
    r->scan_to = at;
    return r->line_start;
  }
  const xmlChar *s = p; /* behind the cursor (rare): look back within the buffer */
  while (s > in->base && s[-1] != '\n') s--;
  return (s > in->base || in->consumed == 0) ? offset_of(r, s) : -1;
}

/* Line and column (in bytes, as error.h promises) of `p`, a pointer into the parser's input
   buffer at or before `ref`, the place libxml2's line and column describe (usually its current
   position); the current position when `p` is NULL or outside the buffer. libxml2 counts its
   columns in characters: they are used only when the start of the line is not known. */
static pos pos_at(reader *r, const xmlChar *p, const xmlChar *ref) {
  xmlParserInputPtr in = r->ctxt ? r->ctxt->input : NULL;
  pos ps = {1, 0, -1};
  if (!in) return ps;
  ps.line = in->line > 0 ? (uint32_t)in->line : 1;
  ps.col = in->col > 0 ? (uint32_t)in->col : 0;
  if (!in->base || !in->cur) return ps;
  if (!p || !ref || p < in->base || p > ref || ref > in->end) p = ref = in->cur;
  ps.off = offset_of(r, p);
  uint32_t nl = 0;
  if (p < ref && memchr(p, '\n', (size_t)(ref - p)))
    for (const xmlChar *q = p; q < ref; q++) nl += *q == '\n';
  ps.line = ps.line > nl ? ps.line - nl : 1;
  int64_t ls = line_start_of(r, p);
  if (ls >= 0) ps.col = (uint32_t)(ps.off - ls) + 1;
  else if (nl == 0) ps.col = ps.col > count_chars(p, ref) ? ps.col - count_chars(p, ref) : 1;
  else ps.col = 0;
  return ps;
}

/* libxml2's own errors: line and column in characters; the column in bytes when the error is
   on the line of the current position and the start of that line is still in the buffer. */
static pos pos_of_error(reader *r, int line, int col) {
  pos ps = pos_at(r, NULL, NULL);
  xmlParserInputPtr in = r->ctxt->input;
  if (line <= 0) return ps;
  ps.line = (uint32_t)line;
  ps.col = col > 0 ? (uint32_t)col : 0;
  int64_t ls = in && in->cur && line == in->line ? line_start_of(r, in->cur) : -1;
  if (ls >= offset_of(r, in->base) && col > 0) {
    const xmlChar *s = in->base + (ls - offset_of(r, in->base)), *q = s;
    for (int c = 1; c < col && q < in->end && *q != '\n'; c++)
      do q++;
      while (q < in->end && (*q & 0xC0) == 0x80);
    ps.col = (uint32_t)(q - s) + 1;
  }
  return ps;
}

static pos pos_of(reader *r, const xmlChar *p) {
  return pos_at(r, p, r->ctxt && r->ctxt->input ? r->ctxt->input->cur : NULL);
}

/* The '<' of the start tag being reported: libxml2 keeps the whole tag in the buffer while it
   calls startElementNs, with `cur` on its '>' or "/>"; '<' cannot occur inside it. natt and att
   are the tag's attributes as startElementNs has them (0 and NULL: look back from `cur`). */
static pos tag_pos_from(reader *r, int natt, const xmlChar **att) {
  xmlParserInputPtr in = r->ctxt->input;
  const xmlChar *p = in && in->cur ? in->cur : NULL;
  /* The look back starts at the first attribute value that lies in the buffer (libxml2 points
     into its buffer when a value needs no normalising): no '<' comes between the tag's '<' and
     any of its attribute values, so only the element and attribute names are looked at. */
  for (int i = 0; p && i < natt; i++)
    if (att[5 * i + 3] >= in->base && att[5 * i + 3] <= in->cur) {
      p = att[5 * i + 3];
      break;
    }
  while (p && p > in->base && *p != '<') p--;
  return pos_of(r, p && *p == '<' ? p : NULL);
}

static pos tag_pos(reader *r) { return tag_pos_from(r, 0, NULL); }

/* The position of an attribute of the start tag being reported (its name), found by reading
   the tag's raw text; `tag` when it cannot be found. */
static pos attr_pos(reader *r, const xmlChar *prefix, const xmlChar *local, pos tag) {
  xmlParserInputPtr in = r->ctxt->input;
  const xmlChar *s = in && in->cur ? in->cur : NULL, *end = s;
  while (s && s > in->base && *s != '<') s--;
  if (!s || *s != '<') return tag;
  size_t plen = prefix ? strlen((const char *)prefix) : 0, llen = strlen((const char *)local);
  size_t qlen = prefix ? plen + 1 + llen : llen;
  while (s < end && !dvi_xml_is_space(*s) && *s != '>' && *s != '/') s++; /* element name */
  for (;;) {
    while (s < end && dvi_xml_is_space(*s)) s++;
    const xmlChar *name = s;
    while (s < end && !dvi_xml_is_space(*s) && *s != '=') s++;
    if (s >= end) return tag;
    if ((size_t)(s - name) == qlen &&
        (prefix ? memcmp(name, prefix, plen) == 0 && name[plen] == ':' &&
                      memcmp(name + plen + 1, local, llen) == 0
                : memcmp(name, local, llen) == 0))
      return pos_of(r, name);
    while (s < end && dvi_xml_is_space(*s)) s++;
    if (s < end && *s == '=') s++;
    while (s < end && dvi_xml_is_space(*s)) s++;
    if (s >= end || (*s != '"' && *s != '\'')) return tag;
    xmlChar quote = *s++;
    while (s < end && *s != quote) s++;
    s++;
  }
}

/* Stop the parser after the first error. Stopping frees libxml2's input buffer: a callback must
   not read its arguments' text (attribute values, characters) after a failure. With the schema
   validator plugged in, libxml2 hands the same arguments to the validator after our callback
   returns, so the parser is not stopped then: our callbacks do nothing once r->rc is set, and
   parse() feeds no more input (at most the rest of the current chunk is parsed). */
static void stop(reader *r) {
  if (r->chk) r->chk->quiet = false; /* refused: no schema findings are taken from the file */
  if (r->ctxt && !r->plug) xmlStopParser(r->ctxt);
}

/* Record the first error and stop the parser (see stop()). */
static void fail(reader *r, int32_t code, pos p, const char *fmt, ...) DVI_PRINTF(4, 5);
static void fail(reader *r, int32_t code, pos p, const char *fmt, ...) {
  if (r->rc) return;
  va_list ap;
  va_start(ap, fmt);
  r->rc = dvi_error_v(code, r->name, p.line, p.col, p.off, fmt, ap);
  va_end(ap);
  stop(r);
}

/* Re-raise the last error of the core (a field that does not take a value) at a position. */
static void fail_core(reader *r, int32_t rc, pos p) {
  if (r->rc) return;
  r->rc = dvi_xml_relocate(rc == DANVAN_EINVAL ? DANVAN_EINVALID : rc, r->name, p.line, p.col, p.off);
  stop(r);
}

static void fail_nomem(reader *r) { fail(r, DANVAN_ENOMEM, pos_of(r, NULL), "out of memory"); }

/* ---- fields ------------------------------------------------------------------------------- */
static bool check_len(reader *r, size_t len, pos p, const char *what) {
  if (len <= r->opt->max_text) return true;
  fail(r, DANVAN_ELIMIT, p, "%s is longer than the limit of %llu bytes", what,
       (unsigned long long)r->opt->max_text);
  return false;
}

/* Set a field from text; values of types other than free text lose surrounding whitespace,
   as XML Schema collapses them. Returns the core's status (its message says what is wrong). */
static int32_t set_value(danvan_entity *e, int idx, const char *s, size_t len) {
  if (dvi_desc(e)->fields[idx].type != DANVAN_TYPE_STRING) {
    while (len && dvi_xml_is_space((unsigned char)*s)) s++, len--;
    while (len && dvi_xml_is_space((unsigned char)s[len - 1])) len--;
  }
  return dvi_entity_set_text(e, idx, s, len);
}

/* As set_value, recording an error at p. Returns false on error. */
static bool set_field(reader *r, danvan_entity *e, int idx, const char *s, size_t len, pos p) {
  int32_t rc = set_value(e, idx, s, len);
  if (rc) fail_core(r, rc, p);
  return rc == DANVAN_OK;
}

/* libxml2 hands over attribute values with every '&' written "&#38;" when it does not
   substitute entities (it expects a tree builder to decode them); no other reference is left
   in them. Decode into r->scratch when needed. */
static bool attr_value(reader *r, const xmlChar **a, const char **val, size_t *len) {
  *val = (const char *)a[3];
  *len = (size_t)(a[4] - a[3]);
  if (!memchr(*val, '&', *len)) return true;
  dvi_buf *b = &r->scratch;
  b->len = 0;
  for (size_t i = 0; i < *len;) {
    if (*len - i >= 5 && memcmp(*val + i, "&#38;", 5) == 0) {
      dvi_buf_addc(b, '&');
      i += 5;
    } else {
      dvi_buf_addc(b, (*val)[i++]);
    }
  }
  if (b->failed) {
    fail_nomem(r);
    return false;
  }
  *val = b->data;
  *len = b->len;
  return true;
}

static bool is_ours(const xmlChar *uri) { return uri && strcmp((const char *)uri, DVI_XML_NS) == 0; }

static const char *qname(const xmlChar *prefix, const xmlChar *local, char *buf, size_t len) {
  if (!prefix) return (const char *)local;
  snprintf(buf, len, "%s:%s", (const char *)prefix, (const char *)local);
  return buf;
}

/* dvi_field_by_attr() through r->acache for the attributes of an entity's own element. */
static int field_of_attr(reader *r, const dvi_kind_desc *kd, const char *group,
                         const xmlChar *local) {
  const char *name = (const char *)local;
  if (group) return dvi_field_by_attr(kd, group, name, strlen(name));
  uint64_t key = (uint64_t)(uintptr_t)local ^ ((uint64_t)(uintptr_t)kd << 17);
  size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 57); /* 0 to 127 */
  if (r->acache[h].kd == kd && r->acache[h].name == local &&
      strcmp(kd->fields[r->acache[h].idx].attr, name) == 0)
    return r->acache[h].idx;
  int idx = dvi_field_by_attr(kd, NULL, name, strlen(name));
  if (idx >= 0) {
    r->acache[h].kd = kd;
    r->acache[h].name = local;
    r->acache[h].idx = idx;
  }
  return idx;
}

/* Attributes of an element of the format: fields of the entity (group NULL) or of a group
   element; foreign attributes go to *xattrs when it is not NULL, else are refused. */
static bool set_attributes(reader *r, danvan_entity *e, const char *group, const char *elem,
                           int natt, const xmlChar **att, dvi_xattr **xattrs, pos p,
                           const int8_t *known) {
  dvi_xattr **tail = xattrs;
  while (tail && *tail) tail = &(*tail)->next;
  /* the id goes last: its slot in the id index, asked for by start_entity(), has had the time
     of the other attributes to arrive in the cache */
  int id_idx = known ? dvi_desc(e)->id_index : -1, id_at = -1;
  const xmlChar **att0 = att;
  for (int i = 0; i <= natt; i++, att += 5) {
    if (i == natt) {
      if (id_at < 0) break;
      i = natt;
      att = att0 + 5 * id_at;
    } else if (id_idx >= 0 && i < 32 && known[i] == id_idx && id_at < 0) {
      id_at = i;
      continue;
    }
    const xmlChar *local = att[0], *prefix = att[1], *uri = att[2];
    const char *val;
    size_t len;
    char qb[256];
    if (!attr_value(r, att, &val, &len)) return false;
    /* the position of the attribute is looked for only when something is wrong */
    if (len > r->opt->max_text)
      return check_len(r, len, attr_pos(r, prefix, local, p), "an attribute value");
    if (!uri) {
      const char *name = (const char *)local;
      int idx = i == natt ? id_idx
                : (known && i < 32) ? known[i]
                : dvi_desc(e)->nfields ? field_of_attr(r, dvi_desc(e), group, local) : -1;
      if (idx < 0) {
        fail(r, DANVAN_EINVALID, attr_pos(r, prefix, local, p), "unknown attribute '%s' on <%s>",
             name, elem);
        return false;
      }
      int32_t rc = set_value(e, idx, val, len);
      if (rc) {
        fail_core(r, rc, attr_pos(r, prefix, local, p));
        return false;
      }
    } else if (is_ours(uri)) {
      fail(r, DANVAN_EINVALID, attr_pos(r, prefix, local, p),
           "attribute '%s' on <%s> is in the namespace " DVI_XML_NS
           ", which has no namespaced attributes",
           qname(prefix, local, qb, sizeof qb), elem);
      return false;
    } else if (!tail) {
      fail(r, DANVAN_EINVALID, attr_pos(r, prefix, local, p),
           "foreign attribute '%s' is not allowed on <%s>", qname(prefix, local, qb, sizeof qb),
           elem);
      return false;
    } else {
      dvi_arena *a = &r->ds->arena;
      dvi_xattr *x = dvi_arena_alloc(a, sizeof *x);
      if (!x || !(x->ns = dvi_arena_strndup(a, (const char *)uri, strlen((const char *)uri))) ||
          !(x->prefix = dvi_arena_strndup(a, (const char *)prefix, strlen((const char *)prefix))) ||
          !(x->local = dvi_arena_strndup(a, (const char *)local, strlen((const char *)local))) ||
          !(x->value = dvi_arena_strndup(a, val, len))) {
        fail_nomem(r);
        return false;
      }
      *tail = x;
      tail = &x->next;
    }
  }
  return true;
}

/* ---- frames ------------------------------------------------------------------------------- */
static frame *push_frame(reader *r, uint8_t type, danvan_entity *e, const char *name, pos p) {
  if (r->nfr == r->capfr) {
    size_t cap = r->capfr ? r->capfr * 2 : 32;
    frame *f = dvi_realloc(r->fr, cap * sizeof *f);
    if (!f) {
      fail_nomem(r);
      return NULL;
    }
    r->fr = f;
    r->capfr = cap;
  }
  frame *f = &r->fr[r->nfr++];
  memset(f, 0, sizeof *f);
  f->type = type;
  f->e = e;
  f->name = name;
  f->text_idx = -1;
  f->line = p.line;
  f->col = p.col;
  return f;
}

static void start_entity(reader *r, danvan_entity *parent, int32_t kind, const char *elem, pos p,
                         int natt, const xmlChar **att) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  danvan_entity *e;
  if (r->each && kind == DANVAN_KIND_REPORT && parent == &r->ds->root)
    r->mark = dvi_arena_get_mark(&r->ds->arena);
  /* cells for the attributes about to be set and for the text */
  uint32_t reserve = kd->text_index >= 0 ? 1u << kd->text_index : 0;
  int8_t known[32]; /* field of each of the first attributes, for set_attributes() */
  for (int i = 0; i < natt && kd->nfields; i++)
    if (!att[5 * i + 2]) {
      int idx = field_of_attr(r, kd, NULL, att[5 * i]);
      if (i < 32) known[i] = (int8_t)idx;
      if (idx >= 0) {
        reserve |= 1u << idx;
        int32_t t = kd->fields[idx].type;
        if (t == DANVAN_TYPE_ID || t == DANVAN_TYPE_REF)
          dvi_ds_prefetch_id(r->ds, (const char *)att[5 * i + 3],
                             (size_t)(att[5 * i + 4] - att[5 * i + 3]));
      }
    } else if (i < 32) {
      known[i] = -1;
    }
  int32_t rc = dvi_entity_add_r(&e, parent, kd, reserve);
  if (rc) {
    fail_core(r, rc, p);
    return;
  }
  e->file = r->file;
  e->line = p.line;
  e->column = p.col;
  dvi_xattr *xattrs = NULL;
  if (!set_attributes(r, e, NULL, elem, natt, att, &xattrs, p, kd->nfields ? known : NULL)) return;
  if (xattrs && (rc = dvi_set_xattrs(e, xattrs))) {
    fail_core(r, rc, p);
    return;
  }
  frame *f = push_frame(r, FR_ENTITY, e, elem, p);
  if (!f) return;
  f->text_idx = kd->nfields ? dvi_text_field(kd, NULL) : -1;
  r->text.len = 0;
}

/* ---- foreign elements: serialised verbatim into r->fbuf ----------------------------------- */
static void fx_put(reader *r, const void *s, size_t len) { dvi_buf_add(&r->fbuf, s, len); }
static void fx_puts(reader *r, const xmlChar *s) { fx_put(r, s, strlen((const char *)s)); }

static void fx_close_tag(reader *r) {
  if (r->ftag_open) fx_put(r, ">", 1);
  r->ftag_open = false;
}

static void fx_escape(reader *r, const xmlChar *s, size_t len, bool attr) {
  size_t bad;
  dvi_xml_escape(&r->fbuf, (const char *)s, len, attr, &bad); /* libxml2 gives valid text */
}

static bool fx_push_ns(reader *r, const xmlChar *prefix, const xmlChar *uri) {
  if (r->nns == r->capns) {
    size_t cap = r->capns ? r->capns * 2 : 16;
    nsbind *n = dvi_realloc(r->ns, cap * sizeof *n);
    if (!n) {
      fail_nomem(r);
      return false;
    }
    r->ns = n;
    r->capns = cap;
  }
  r->ns[r->nns].prefix = prefix;
  r->ns[r->nns].uri = uri;
  r->ns[r->nns].depth = r->fdepth;
  r->nns++;
  return true;
}

static bool str_eq(const xmlChar *a, const xmlChar *b) {
  return strcmp(a ? (const char *)a : "", b ? (const char *)b : "") == 0;
}

static void fx_decl(reader *r, const xmlChar *prefix, const xmlChar *uri) {
  fx_put(r, " xmlns", 6);
  if (prefix) {
    fx_put(r, ":", 1);
    fx_puts(r, prefix);
  }
  fx_put(r, "=\"", 2);
  if (uri) fx_escape(r, uri, strlen((const char *)uri), true);
  fx_put(r, "\"", 1);
}

/* Declare prefix -> uri on the element being written unless it is already in scope within the
   serialised text (the text must stand alone: ancestors' declarations are not in it). */
static void fx_need(reader *r, const xmlChar *prefix, const xmlChar *uri) {
  if (prefix && strcmp((const char *)prefix, "xml") == 0) return;
  for (size_t i = r->nns; i-- > 0;)
    if (str_eq(r->ns[i].prefix, prefix)) {
      if (str_eq(r->ns[i].uri, uri)) return;
      break;
    }
  fx_decl(r, prefix, uri);
  fx_push_ns(r, prefix, uri);
}

static void fx_start(reader *r, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **nss, int natt, const xmlChar **att) {
  fx_close_tag(r);
  r->fdepth++;
  fx_put(r, "<", 1);
  if (prefix) {
    fx_puts(r, prefix);
    fx_put(r, ":", 1);
  }
  fx_puts(r, local);
  for (int i = 0; i < nns; i++) {
    fx_decl(r, nss[2 * i], nss[2 * i + 1]);
    if (!fx_push_ns(r, nss[2 * i], nss[2 * i + 1])) return;
  }
  fx_need(r, prefix, uri);
  for (int i = 0; i < natt; i++)
    if (att[5 * i + 1]) fx_need(r, att[5 * i + 1], att[5 * i + 2]);
  /* after a failure the parser is stopped and its buffer, where attribute values point, freed */
  if (r->rc) return;
  for (int i = 0; i < natt; i++) {
    const xmlChar **a = att + 5 * i;
    const char *val;
    size_t len;
    if (!attr_value(r, a, &val, &len)) return;
    fx_put(r, " ", 1);
    if (a[1]) {
      fx_puts(r, a[1]);
      fx_put(r, ":", 1);
    }
    fx_puts(r, a[0]);
    fx_put(r, "=\"", 2);
    fx_escape(r, (const xmlChar *)val, len, true);
    fx_put(r, "\"", 1);
  }
  r->ftag_open = true;
  if (r->fbuf.failed) fail_nomem(r);
  else check_len(r, r->fbuf.len, pos_of(r, NULL), "a foreign element");
}

static void fx_end(reader *r, const xmlChar *local, const xmlChar *prefix) {
  if (r->ftag_open) {
    fx_put(r, "/>", 2);
    r->ftag_open = false;
  } else {
    fx_put(r, "</", 2);
    if (prefix) {
      fx_puts(r, prefix);
      fx_put(r, ":", 1);
    }
    fx_puts(r, local);
    fx_put(r, ">", 1);
  }
  while (r->nns && r->ns[r->nns - 1].depth == r->fdepth) r->nns--;
  if (--r->fdepth) return;
  if (r->fbuf.failed) {
    fail_nomem(r);
    return;
  }
  pos p = {r->fent->line, r->fent->column, -1};
  if (check_len(r, r->fbuf.len, p, "a foreign element"))
    set_field(r, r->fent, dvi_desc(r->fent)->field_index[DANVAN_F_TEXT], r->fbuf.data, r->fbuf.len, p);
  r->fbuf.len = 0;
  r->fent = NULL;
}

/* ---- SAX callbacks ------------------------------------------------------------------------ */
static void start_root(reader *r, const xmlChar *local, const xmlChar *uri, int natt,
                       const xmlChar **att, pos p) {
  if (!is_ours(uri) || strcmp((const char *)local, "danvan") != 0) {
    fail(r, DANVAN_EINVALID, p,
         "the root element must be <danvan> in the namespace " DVI_XML_NS
         ", not <%s> in %s%s",
         (const char *)local, uri ? "the namespace " : "no namespace", uri ? (const char *)uri : "");
    return;
  }
  r->seen_root = true;
  bool version = false;
  for (int i = 0; i < natt; i++) {
    const xmlChar **a = att + 5 * i;
    if (!a[2] && strcmp((const char *)a[0], "version") == 0) {
      size_t len = (size_t)(a[4] - a[3]);
      if (len != 1 || a[3][0] != '1') {
        fail(r, DANVAN_EUNSUPPORTED, attr_pos(r, NULL, a[0], p),
             "format version \"%.*s\" is not supported; this library reads version 1",
             len > 40 ? 40 : (int)len, (const char *)a[3]);
        return;
      }
      version = true;
    } else if (!set_attributes(r, &r->ds->root, NULL, "danvan", 1, a, &r->root_xattrs, p, NULL)) {
      return;
    }
  }
  if (!version) {
    fail(r, DANVAN_EINVALID, p, "the root element <danvan> needs version=\"1\"");
    return;
  }
  push_frame(r, FR_ROOT, &r->ds->root, "danvan", p);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **nss, int natt, int ndef, const xmlChar **att) {
  reader *r = ctx;
  (void)ndef; /* no DTD declarations are accepted, so nothing is defaulted */
  if (r->rc) return;
  if (++r->depth > r->opt->max_depth) {
    fail(r, DANVAN_ELIMIT, tag_pos(r), "elements nest deeper than the limit of %u",
         (unsigned)r->opt->max_depth);
    return;
  }
  if (r->skip) {
    r->skip++;
    return;
  }
  if (r->fdepth) {
    fx_start(r, local, prefix, uri, nns, nss, natt, att);
    return;
  }
  pos p = tag_pos_from(r, natt, att);
  const char *name = (const char *)local;
  size_t len = strlen(name);
  char qb[256];
  if (!r->nfr) {
    start_root(r, local, uri, natt, att, p);
    return;
  }
  frame *top = &r->fr[r->nfr - 1];
  if (uri && !is_ours(uri)) {
    if (top->type != FR_ENTITY && top->type != FR_ROOT) {
      fail(r, DANVAN_EINVALID, p, "foreign element <%s> is not allowed inside <%s>",
           qname(prefix, local, qb, sizeof qb), top->name);
      return;
    }
    danvan_entity *parent = top->e;
    top->foreign_kids = true;
    const dvi_kind_desc *fk = dvi_kind(DANVAN_KIND_FOREIGN);
    int32_t rc = dvi_entity_add_r(&r->fent, parent, fk, 1u << fk->text_index);
    if (rc) {
      fail_core(r, rc, p);
      return;
    }
    r->fent->file = r->file;
    r->fent->line = p.line;
    r->fent->column = p.col;
    r->fbuf.len = 0;
    r->nns = 0;
    fx_start(r, local, prefix, uri, nns, nss, natt, att);
    return;
  }
  if (!uri) {
    fail(r, DANVAN_EINVALID, p,
         "element <%s> is in no namespace; elements of the format are in " DVI_XML_NS, name);
    return;
  }
  const dvi_kind_desc *kd = dvi_desc(top->e);
  switch (top->type) {
    case FR_ROOT: {
      for (size_t i = 0; i < kd->nslots; i++) {
        const dvi_slot_desc *s = &kd->slots[i];
        if (s->wrapper && strcmp(s->wrapper, name) == 0) {
          if (natt) {
            fail(r, DANVAN_EINVALID, attr_pos(r, att[1], att[0], p), "<%s> takes no attributes",
                 name);
            return;
          }
          frame *f = push_frame(r, FR_WRAPPER, top->e, s->wrapper, p);
          if (f) f->slot = (int)i;
          return;
        }
      }
      if (strcmp(name, "evaluation") == 0) { /* evaluation output: accepted, not kept */
        r->skip = 1;
        return;
      }
      int32_t kind = dvi_child_kind_by_elem(kd, name, len);
      if (kind && !kd->slots[kd->child_slot[kind]].wrapper) {
        start_entity(r, top->e, kind, kd->slots[kd->child_slot[kind]].elem, p, natt, att);
      } else if (kind) {
        fail(r, DANVAN_EINVALID, p, "<%s> belongs inside <%s>", name,
             kd->slots[kd->child_slot[kind]].wrapper);
      } else {
        fail(r, DANVAN_EINVALID, p, "element <%s> is not allowed inside <danvan>", name);
      }
      return;
    }
    case FR_WRAPPER: {
      const dvi_slot_desc *s = &kd->slots[top->slot];
      if (strcmp(s->elem, name) == 0) start_entity(r, top->e, s->kind, s->elem, p, natt, att);
      else fail(r, DANVAN_EINVALID, p, "element <%s> is not allowed inside <%s>", name, top->name);
      return;
    }
    case FR_ENTITY: {
      int32_t kind = kd->nslots ? dvi_child_kind_by_elem(kd, name, len) : 0;
      if (kind) {
        start_entity(r, top->e, kind, kd->slots[kd->child_slot[kind]].elem, p, natt, att);
        return;
      }
      int gs = kd->nslots ? dvi_group_slot(kd, name, len) : -1;
      if (gs < 0) {
        fail(r, DANVAN_EINVALID, p, "element <%s> is not allowed inside <%s>", name, top->name);
        return;
      }
      if (top->groups & (1u << gs)) {
        fail(r, DANVAN_EINVALID, p, "<%s> appears twice in one <%s>", name, top->name);
        return;
      }
      top->groups |= 1u << gs;
      danvan_entity *e = top->e;
      const char *group = kd->slots[gs].elem;
      if (!set_attributes(r, e, group, group, natt, att, NULL, p, NULL)) return;
      frame *f = push_frame(r, FR_GROUP, e, group, p);
      if (!f) return;
      f->text_idx = dvi_text_field(kd, group);
      r->text.len = 0;
      return;
    }
    default:
      fail(r, DANVAN_EINVALID, p, "element <%s> is not allowed inside <%s>", name, top->name);
      return;
  }
}

static bool all_space(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!dvi_xml_is_space((unsigned char)s[i])) return false;
  return true;
}

/* The text of a closed element goes to its field. */
static void end_text(reader *r, frame *f) {
  if (f->text_idx < 0) return;
  pos p = {f->line, f->col, -1};
  if (r->text.failed) {
    fail_nomem(r);
    return;
  }
  const char *s = r->text.data ? r->text.data : "";
  size_t len = r->text.len;
  r->text.len = 0;
  if (f->type == FR_ENTITY) {
    /* an entity's text is set when there is some; whitespace around foreign children is
       layout. Typed text (a value) is set when something is left once trimmed. */
    if (dvi_desc(f->e)->fields[f->text_idx].type == DANVAN_TYPE_STRING) {
      if (!len || (f->foreign_kids && all_space(s, len))) return;
    } else if (all_space(s, len)) {
      return;
    }
  }
  set_field(r, f->e, f->text_idx, s, len, p); /* a group element always sets its text */
}

/* When streaming, a complete top-level report goes to the callback and is then dropped. */
static void end_streamed(reader *r, frame *f) {
  danvan_entity *e = f->e;
  if (r->rc || !r->each || f->type != FR_ENTITY || dvi_parent(e) != &r->ds->root ||
      dvi_desc(e)->kind != DANVAN_KIND_REPORT)
    return;
  int32_t rc = r->each(r->each_ctx, e);
  if (rc) {
    fail_core(r, rc, (pos){f->line, f->col, -1});
    return;
  }
  danvan_entity_remove(e);
  dvi_arena_release(&r->ds->arena, r->mark);
  memset(r->ds->refcache, 0, sizeof r->ds->refcache); /* it may name released text */
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  reader *r = ctx;
  (void)uri;
  if (r->rc) return;
  r->depth--;
  if (r->skip) {
    r->skip--;
    return;
  }
  if (r->fdepth) {
    fx_end(r, local, prefix);
    return;
  }
  if (!r->nfr) return;
  frame *f = &r->fr[--r->nfr];
  end_text(r, f);
  end_streamed(r, f);
}

static void on_text(void *ctx, const xmlChar *ch, int n) {
  reader *r = ctx;
  if (r->rc || r->skip || n <= 0) return;
  size_t len = (size_t)n;
  if (r->fdepth) {
    fx_close_tag(r);
    fx_escape(r, ch, len, false);
    if (r->fbuf.failed) fail_nomem(r);
    else check_len(r, r->fbuf.len, pos_of(r, NULL), "a foreign element");
    return;
  }
  if (!r->nfr) return;
  frame *top = &r->fr[r->nfr - 1];
  if (top->text_idx >= 0) {
    if (check_len(r, r->text.len + len, (pos){top->line, top->col, -1}, "the text of an element"))
      dvi_buf_add(&r->text, (const char *)ch, len);
    return;
  }
  for (size_t i = 0; i < len; i++)
    if (!dvi_xml_is_space(ch[i])) {
      /* libxml2 passes plain text straight from its buffer, before moving `cur` past it but
         after counting its lines: line and column are those of the end of the text */
      xmlParserInputPtr in = r->ctxt->input;
      pos p = ch == in->cur ? pos_at(r, ch + i, ch + len) : pos_of(r, NULL);
      fail(r, DANVAN_EINVALID, p, "text is not allowed inside <%s>", top->name);
      return;
    }
}

/* The parser ignores the encoding the XML declaration names (XML_PARSE_IGNORE_ENC): switching
   to it would run libxml2's converters, whose errors go to stderr through libxml2's global
   handler, not to ours. The name is read here from the declaration, which the parser has just
   read and which is still at the start of its buffer. */
static void on_start_document(void *ctx) {
  reader *r = ctx;
  xmlParserInputPtr in = r->ctxt->input;
  if (!in || !in->base || !in->cur || in->consumed || in->cur - in->base < 6 ||
      memcmp(in->base, "<?xml", 5) != 0)
    return;
  const char *p = (const char *)in->base, *end = (const char *)in->cur;
  for (; end - p >= 8 && memcmp(p, "encoding", 8) != 0; p++) {
  }
  if (end - p < 8) return;
  p += 8;
  while (p < end && (dvi_xml_is_space((unsigned char)*p) || *p == '=')) p++;
  if (p >= end || (*p != '"' && *p != '\'')) return;
  const char *name = ++p;
  while (p < end && *p != name[-1]) p++;
  int len = (int)(p - name);
  if ((len == 5 && strncasecmp(name, "UTF-8", 5) == 0) || (len == 4 && strncasecmp(name, "UTF8", 4) == 0))
    return;
  fail(r, DANVAN_EUNSUPPORTED, (pos){1, 1, 0},
       "the document declares the encoding %.*s; format v1 files are UTF-8", len > 40 ? 40 : len,
       name);
}

static void refuse_decl(reader *r, const char *what, const xmlChar *name) {
  fail(r, DANVAN_EUNSUPPORTED, pos_of(r, NULL),
       "the document type declaration declares %s '%s'; DTD declarations and entities are not "
       "supported",
       what, name ? (const char *)name : "");
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
                           const xmlChar *sys, xmlChar *content) {
  (void)type, (void)pub, (void)sys, (void)content;
  refuse_decl(ctx, "the entity", name);
}

static void on_attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *name, int type,
                              int def, const xmlChar *defval, xmlEnumerationPtr tree) {
  (void)elem, (void)type, (void)def, (void)defval;
  xmlFreeEnumeration(tree); /* the callback owns it */
  refuse_decl(ctx, "the attribute", name);
}

static void on_element_decl(void *ctx, const xmlChar *name, int type, xmlElementContentPtr c) {
  (void)type, (void)c;
  refuse_decl(ctx, "the element", name);
}

static void on_notation_decl(void *ctx, const xmlChar *name, const xmlChar *pub, const xmlChar *sys) {
  (void)pub, (void)sys;
  refuse_decl(ctx, "the notation", name);
}

static void on_unparsed_decl(void *ctx, const xmlChar *name, const xmlChar *pub,
                             const xmlChar *sys, const xmlChar *notation) {
  (void)pub, (void)sys, (void)notation;
  refuse_decl(ctx, "the entity", name);
}

static void on_reference(void *ctx, const xmlChar *name) {
  reader *r = ctx;
  fail(r, DANVAN_EUNSUPPORTED, pos_of(r, NULL),
       "entity reference &%s; is not allowed: entities are not supported", (const char *)name);
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
  (void)ctx, (void)name;
  return NULL; /* only the five predefined entities exist (libxml2 resolves them itself) */
}

static void on_serror(void *ctx, xmlErrorPtr err) {
  reader *r = ctx;
  if (r->rc || !err) return;
  bool ns_error = err->code >= XML_NS_ERR_XML_NAMESPACE && err->code < 300;
  if (err->level < XML_ERR_ERROR && !ns_error) return; /* warnings */
  char msg[400];
  snprintf(msg, sizeof msg, "%s", err->message ? err->message : "not well-formed");
  msg[strcspn(msg, "\n")] = '\0';
  int32_t code = DANVAN_EPARSE;
  if (err->code == XML_ERR_NO_MEMORY) code = DANVAN_ENOMEM;
  else if (err->code == XML_ERR_UNSUPPORTED_ENCODING || err->code == XML_ERR_UNKNOWN_ENCODING ||
           err->code == XML_ERR_INVALID_ENCODING)
    code = DANVAN_EUNSUPPORTED;
  else if (strstr(msg, "XML_PARSE_HUGE") || strstr(msg, "too long") || strstr(msg, "Excessive") ||
           strstr(msg, "Huge input lookup"))
    code = DANVAN_ELIMIT;
  pos p = pos_of_error(r, err->line, err->int2);
  if (r->terminating && !r->seen_root && code == DANVAN_EPARSE) {
    fail(r, code, p, "the document has no root element");
    return;
  }
  if (r->terminating && r->depth > 0 && code == DANVAN_EPARSE) {
    const xmlChar *open = r->ctxt->name;
    fail(r, code, p, "the document ends inside <%s>: it is truncated or an end tag is missing",
         open ? (const char *)open : "?");
    return;
  }
  fail(r, code, p, "%s", msg);
}

/* ---- the schema validator plugged into the parse (validation) ----------------------------- */
/* Once plugged, the parser hands its errors to the plug's handler with the plug as data: the
   reader is found through the parser context the error names. Any error or warning makes the
   parse one the schema's findings are not taken from (see dvi_xml_check). The plug calls our
   `reference` callback and then libxml2's own schema handler for it, which takes our data for
   its validation context; so the plug has no `reference` callback, and the warning that comes
   just before that callback (a reference to an undeclared entity where a document type
   declaration might declare it) does what on_reference() does. */
static void on_serror_checked(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  xmlParserCtxtPtr pc = err ? err->ctxt : NULL;
  reader *r = pc ? pc->_private : NULL;
  if (!r) return;
  r->chk->quiet = false;
  on_serror(r, err);
  if (err->domain == XML_FROM_PARSER && err->code == XML_WAR_UNDECLARED_ENTITY &&
      pc->inSubset == 0)
    on_reference(r, (const xmlChar *)err->str1);
}

/* Where the validator is: the file and line of the parser (as xmlTextReader tells it). */
static int locate(void *ctx, const char **file, unsigned long *line) {
  reader *r = ctx;
  xmlParserInputPtr in = r->ctxt ? r->ctxt->input : NULL;
  if (!in) return -1;
  if (file) *file = in->filename;
  if (line) *line = in->line > 0 ? (unsigned long)in->line : 0;
  return 0;
}

/* Plug the validator into the new parser context; without memory for it the file is read
   without (chk->checked stays false). */
static void plug_schema(reader *r) {
  xmlSchemaValidCtxtPtr vc = r->chk->vctxt;
  r->ctxt->_private = r;
  r->plug = xmlSchemaSAXPlug(vc, &r->ctxt->sax, &r->ctxt->userData);
  if (!r->plug) return;
  r->ctxt->sax->serror = on_serror_checked;
  r->ctxt->sax->reference = NULL;
  xmlSchemaValidateSetLocator(vc, locate, r);
  r->chk->checked = true;
  r->chk->quiet = true;
}

/* ---- the parse ---------------------------------------------------------------------------- */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static xmlSAXHandler sax_handler;

static void xml_init(void) {
  xmlInitParser();
  xmlSAXHandler *h = &sax_handler;
  memset(h, 0, sizeof *h);
  h->initialized = XML_SAX2_MAGIC;
  h->startDocument = on_start_document;
  h->startElementNs = on_start;
  h->endElementNs = on_end;
  h->characters = on_text;
  h->ignorableWhitespace = on_text;
  h->cdataBlock = on_text;
  h->entityDecl = on_entity_decl;
  h->attributeDecl = on_attribute_decl;
  h->elementDecl = on_element_decl;
  h->notationDecl = on_notation_decl;
  h->unparsedEntityDecl = on_unparsed_decl;
  h->reference = on_reference;
  h->getEntity = on_get_entity;
  h->getParameterEntity = on_get_entity;
  h->serror = on_serror;
}

void dvi_xml_init(void) { pthread_once(&xml_once, xml_init); }

/* Where the bytes come from: a descriptor, or memory. */
typedef struct source {
  int fd; /* -1 for memory */
  const char *mem;
  size_t len, pos;
} source;

/* Read up to cap bytes; *n = 0 at the end. For memory, points *data into it (no copy). */
static int32_t source_read(reader *r, source *s, char *buf, size_t cap, const char **data,
                           size_t *n) {
  if (s->fd < 0) {
    *n = s->len - s->pos < cap ? s->len - s->pos : cap;
    *data = s->mem + s->pos;
    s->pos += *n;
    return DANVAN_OK;
  }
  for (;;) {
    ssize_t k = read(s->fd, buf, cap);
    if (k >= 0) {
      *n = (size_t)k;
      *data = buf;
      return DANVAN_OK;
    }
    if (errno != EINTR) {
      char eb[128];
      return dvi_error_at(DANVAN_EIO, r->name, 0, 0, (int64_t)r->total, "cannot read: %s",
                          dvi_xml_strerror(errno, eb, sizeof eb));
    }
  }
}

/* Refuse what is not UTF-8 text before libxml2 sees it; skip a UTF-8 byte order mark. */
static int32_t sniff(reader *r, const unsigned char *b, size_t n, size_t *skip) {
  static const struct {
    const char *magic;
    size_t len;
    const char *what;
  } packed[] = {{"\x1f\x8b", 2, "gzip"},
                {"\xfd" "7zXZ", 5, "xz"},
                {"BZh", 3, "bzip2"},
                {"\x28\xb5\x2f\xfd", 4, "zstd"}};
  *skip = 0;
  for (size_t i = 0; i < sizeof packed / sizeof packed[0]; i++)
    if (n >= packed[i].len && memcmp(b, packed[i].magic, packed[i].len) == 0)
      return dvi_error_at(DANVAN_EUNSUPPORTED, r->name, 1, 1, 0,
                          "%s-compressed input is not supported; decompress it first",
                          packed[i].what);
  if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)))
    return dvi_error_at(DANVAN_EUNSUPPORTED, r->name, 1, 1, 0,
                        "UTF-%s input is not supported; format v1 files are UTF-8",
                        n >= 4 && b[2] == 0 && b[3] == 0 ? "32" : "16");
  if (n >= 2 && (b[0] == 0 || b[1] == 0))
    return dvi_error_at(DANVAN_EUNSUPPORTED, r->name, 1, 1, 0,
                        "UTF-16 or UTF-32 input is not supported; format v1 files are UTF-8");
  if (n >= 4 && memcmp(b, "\x4c\x6f\xa7\x94", 4) == 0)
    return dvi_error_at(DANVAN_EUNSUPPORTED, r->name, 1, 1, 0,
                        "EBCDIC input is not supported; format v1 files are UTF-8");
  if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) *skip = 3;
  return DANVAN_OK;
}

/* libxml2 2.9 checks the attributes of a start tag for duplicates in quadratic time (100 000
   attributes: 9 s), looks each prefix up through every namespace declaration in scope (250
   levels of 1000 declarations: minutes for a few megabytes), and its push parser hands a tag
   over only once it is complete. So the limits above are checked here, before libxml2 sees
   the bytes: a small scanner follows the markup (start and end tags, quoted values, comments,
   CDATA, processing instructions, the document type declaration), counts the attributes and
   namespace declarations of each start tag and keeps the declarations in scope. Declarations
   in an internal subset make the parse fail anyway: the scanner stops there. */
enum {
  SC_TEXT, SC_LT, SC_BANG, SC_BANG_DASH, SC_STAG, SC_VALUE, SC_ETAG, SC_PI, SC_COMMENT,
  SC_CDATA, SC_DOCTYPE, SC_DT_QUOTE, SC_SUBSET, SC_SUB_LT, SC_SUB_BANG, SC_SUB_BANG_DASH,
  SC_SUB_COMMENT, SC_SUB_PI, SC_OFF
};

/* Name states (sc_nm) in a start tag: 0 between names; 1 + the number of characters of
   "xmlns" matched so far; 7 after "xmlns:"; 8 any other name. */
static bool sc_is_ns(uint8_t nm) { return nm == 6 || nm == 7; }

static void sc_name_char(reader *r, unsigned char c) {
  if (!r->sc_nm) {
    r->sc_last = 0;
    r->sc_nm = 1;
  }
  if (r->sc_nm <= 5) r->sc_nm = c == (unsigned char)"xmlns"[r->sc_nm - 1] ? (uint8_t)(r->sc_nm + 1) : 8;
  else if (r->sc_nm == 6) r->sc_nm = c == ':' ? 7 : 8;
}

/* A start tag ends: an element that is not empty opens a scope for its declarations. */
static void sc_open(reader *r, bool empty) {
  if (empty) return;
  r->sc_depth++;
  if (!r->sc_tag_ns) return;
  r->sc_scopes[r->sc_nscopes].depth = r->sc_depth;
  r->sc_scopes[r->sc_nscopes].count = r->sc_tag_ns;
  r->sc_nscopes++;
  r->sc_ns_total += r->sc_tag_ns;
}

static void sc_close(reader *r) {
  if (r->sc_depth) r->sc_depth--;
  while (r->sc_nscopes && r->sc_scopes[r->sc_nscopes - 1].depth > r->sc_depth)
    r->sc_ns_total -= r->sc_scopes[--r->sc_nscopes].count;
}

/* Scan the next n bytes of input. Returns n, or, when a start tag goes beyond a limit, the
   index in these bytes of its '<' (0 when it lies in earlier bytes). */
/* Bytes that continue a name in a start tag without changing the scanner's state: all but
   white space, quotes, '=', '/', '<', '>' (and NUL). */
static const bool sc_plain[256] = {
#define P4(x) x, x, x, x
#define P16(x) P4(x), P4(x), P4(x), P4(x)
    /* 0x00-0x1f */ P16(false), P16(false),
    /* ' ' ! " # $ % & ' ( ) * + , - . / */
    false, true, false, true, true, true, true, false, true, true, true, true, true, true, true, false,
    /* 0-9 : ; < = > ? */
    true, true, true, true, true, true, true, true, true, true, true, true, false, false, false, true,
    /* 0x40-0xff */ P16(true), P16(true), P16(true), P16(true), P16(true), P16(true), P16(true),
    P16(true), P16(true), P16(true), P16(true), P16(true)
#undef P16
#undef P4
};

/* The index of the next byte `ch` at or after i (n when none), counting the line breaks
   passed over. Text and quoted values, most of the bytes, are skipped this way. */
static size_t sc_skip_to(reader *r, const unsigned char *b, size_t i, size_t n, int64_t start,
                         unsigned char ch) {
  /* segments are short (a value, the indentation between tags): a plain loop beats two
     memchr calls per segment */
  for (; i < n; i++) {
    unsigned char c = b[i];
    if (c == ch) break;
    if (c == '\n') {
      r->sc_line++;
      r->sc_line_start = start + (int64_t)i + 1;
    }
  }
  return i;
}

/* In a start tag, between names or inside one that is not a namespace declaration: takes in
   whole attributes of the usual form (name="value", the name not starting with 'x', spaces
   between them) with the effects the byte-by-byte steps below would have, and stops at
   anything else, or before an attribute that goes beyond a limit, for those steps to do. */
static size_t sc_fast_attrs(reader *r, const unsigned char *b, size_t i, size_t n, int64_t start) {
  for (;;) {
    size_t j = i;
    if (r->sc_nm == 0) {
      while (j < n && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r')) j++;
      if (j > i) r->sc_run = b[j - 1];
      if (j >= n || b[j] == 'x' || !sc_plain[b[j]]) return j;
      r->sc_last = 0; /* a name starts; not "xmlns" */
      r->sc_nm = 8;
    }
    while (j < n && sc_plain[b[j]]) j++;
    if (j > i) r->sc_run = b[j - 1];
    if (j >= n || b[j] != '=') return j;
    if (r->sc_atts + 1 > MAX_ATTRIBUTES || r->sc_ns_total + r->sc_tag_ns > MAX_NAMESPACES) return j;
    r->sc_atts++;
    r->sc_nm = r->sc_last = 0;
    r->sc_run = '=';
    j++;
    if (j >= n || (b[j] != '"' && b[j] != '\'')) return j;
    unsigned char q = b[j++];
    r->sc_run = q;
    j = sc_skip_to(r, b, j, n, start, q);
    if (j >= n) {
      r->sc_quote = q;
      r->sc_state = SC_VALUE;
      return j;
    }
    i = j + 1; /* the closing quote: back between names */
  }
}

static size_t scan_tags(reader *r, const unsigned char *b, size_t n) {
  int64_t start = r->sc_off;
  r->sc_off += (int64_t)n;
  for (size_t i = 0; i < n; i++) {
    if (r->sc_state == SC_TEXT || r->sc_state == SC_VALUE) {
      i = sc_skip_to(r, b, i, n, start, r->sc_state == SC_TEXT ? '<' : (unsigned char)r->sc_quote);
      if (i >= n) break;
    } else if (r->sc_state == SC_STAG && (r->sc_nm == 0 || r->sc_nm == 8)) {
      i = sc_fast_attrs(r, b, i, n, start);
      if (i >= n) break;
    }
    unsigned char c = b[i];
    if (c == '\n') {
      r->sc_line++;
      r->sc_line_start = start + (int64_t)i + 1;
    }
    switch (r->sc_state) {
    case SC_TEXT:
      if (c == '<') {
        r->sc_state = SC_LT;
        r->sc_tag_off = start + (int64_t)i;
        r->sc_tag_line = r->sc_line;
        r->sc_tag_col = (uint32_t)(r->sc_tag_off - r->sc_line_start) + 1;
      }
      break;
    case SC_LT:
      r->sc_state = c == '/' ? SC_ETAG : c == '!' ? SC_BANG : c == '?' ? SC_PI : SC_STAG;
      r->sc_atts = r->sc_tag_ns = 0;
      r->sc_run = 0;
      r->sc_nm = r->sc_last = 8; /* the element's name */
      break;
    case SC_BANG: /* "<!--", "<![CDATA[" or "<!DOCTYPE" */
      r->sc_state = c == '-' ? SC_BANG_DASH : c == '[' ? SC_CDATA : SC_DOCTYPE;
      break;
    case SC_BANG_DASH:
    case SC_SUB_BANG_DASH:
      r->sc_state = r->sc_state == SC_BANG_DASH ? SC_COMMENT : SC_SUB_COMMENT;
      r->sc_run = 0;
      break;
    case SC_STAG:
      if (c == '"' || c == '\'') {
        r->sc_quote = c;
        r->sc_state = SC_VALUE;
      } else if (c == '>') {
        r->sc_state = SC_TEXT;
        sc_open(r, r->sc_run == '/');
      } else if (c == '=') {
        if (sc_is_ns((uint8_t)(r->sc_nm ? r->sc_nm : r->sc_last))) r->sc_tag_ns++;
        r->sc_nm = r->sc_last = 0;
        if (++r->sc_atts > MAX_ATTRIBUTES || r->sc_ns_total + r->sc_tag_ns > MAX_NAMESPACES)
          return r->sc_tag_off >= start ? (size_t)(r->sc_tag_off - start) : 0;
      } else if (dvi_xml_is_space(c)) {
        if (r->sc_nm) r->sc_last = r->sc_nm;
        r->sc_nm = 0;
      } else {
        sc_name_char(r, c);
      }
      r->sc_run = c;
      break;
    case SC_VALUE:
      if (c == r->sc_quote) {
        r->sc_state = SC_STAG;
        r->sc_nm = r->sc_last = 0;
        r->sc_run = c;
      }
      break;
    case SC_ETAG:
      if (c == '>') {
        r->sc_state = SC_TEXT;
        sc_close(r);
      }
      break;
    case SC_PI: /* "?>" */
    case SC_SUB_PI:
      if (c == '>' && r->sc_run) r->sc_state = r->sc_state == SC_PI ? SC_TEXT : SC_SUBSET;
      r->sc_run = c == '?';
      break;
    case SC_COMMENT: /* "-->" */
    case SC_SUB_COMMENT:
      if (c == '>' && r->sc_run >= 2) r->sc_state = r->sc_state == SC_COMMENT ? SC_TEXT : SC_SUBSET;
      r->sc_run = c == '-' ? (uint8_t)(r->sc_run < 2 ? r->sc_run + 1 : 2) : 0;
      break;
    case SC_CDATA: /* "]]>" */
      if (c == '>' && r->sc_run >= 2) r->sc_state = SC_TEXT;
      r->sc_run = c == ']' ? (uint8_t)(r->sc_run < 2 ? r->sc_run + 1 : 2) : 0;
      break;
    case SC_DOCTYPE:
      if (c == '"' || c == '\'') {
        r->sc_quote = c;
        r->sc_state = SC_DT_QUOTE;
      } else if (c == '[') {
        r->sc_state = SC_SUBSET;
      } else if (c == '>') {
        r->sc_state = SC_TEXT;
      }
      break;
    case SC_DT_QUOTE:
      if (c == r->sc_quote) r->sc_state = SC_DOCTYPE;
      break;
    case SC_SUBSET:
      if (c == '<') r->sc_state = SC_SUB_LT;
      else if (c == ']') r->sc_state = SC_DOCTYPE;
      break;
    case SC_SUB_LT:
      r->sc_state = c == '!' ? SC_SUB_BANG : c == '?' ? SC_SUB_PI : SC_OFF;
      r->sc_run = 0;
      break;
    case SC_SUB_BANG: /* a comment, or a declaration, which the parser refuses */
      r->sc_state = c == '-' ? SC_SUB_BANG_DASH : SC_OFF;
      break;
    default: /* SC_OFF */
      return n;
    }
  }
  return n;
}

/* Give libxml2 the next bytes, up to a start tag that goes beyond a limit. */
static void feed(reader *r, const char *data, size_t n) {
  size_t ok = scan_tags(r, (const unsigned char *)data, n);
  if (ok) xmlParseChunk(r->ctxt, data, (int)ok, 0);
  if (ok < n && !r->rc) {
    pos p = {r->sc_tag_line, r->sc_tag_col, r->sc_tag_off};
    if (r->sc_atts > MAX_ATTRIBUTES)
      fail(r, DANVAN_ELIMIT, p, "an element has more than %d attributes and namespace "
           "declarations", MAX_ATTRIBUTES);
    else
      fail(r, DANVAN_ELIMIT, p, "more than %d namespace declarations are in scope",
           MAX_NAMESPACES);
  }
}

static int32_t too_big(reader *r) {
  fail(r, DANVAN_ELIMIT, r->ctxt ? pos_of(r, NULL) : (pos){1, 0, -1},
       "the input is larger than the limit of %llu bytes", (unsigned long long)r->opt->max_input);
  return r->rc;
}

static int32_t parse(reader *r, source *src) {
  char *buf = src->fd >= 0 ? dvi_malloc(CHUNK_SIZE) : NULL;
  if (src->fd >= 0 && !buf) return dvi_error(DANVAN_ENOMEM, "out of memory");
  const char *data = NULL;
  size_t n = 0;
  int32_t rc;
  /* the first chunk: at least the few bytes the sniffing needs, unless the input is shorter */
  if (src->fd >= 0) {
    size_t got = 0;
    do {
      const char *d;
      if ((rc = source_read(r, src, buf + got, CHUNK_SIZE - got, &d, &n))) goto out;
      got += n;
    } while (n && got < 8);
    data = buf;
    n = got;
  } else if ((rc = source_read(r, src, NULL, CHUNK_SIZE, &data, &n))) {
    goto out;
  }
  r->total = n;
  if ((rc = sniff(r, (const unsigned char *)data, n, &r->bom))) goto out;
  if (n == r->bom) {
    rc = dvi_error_at(DANVAN_EPARSE, r->name, 1, 1, 0, "the document is empty");
    goto out;
  }

  r->ctxt = xmlCreatePushParserCtxt(&sax_handler, r, NULL, 0, r->name);
  if (!r->ctxt) {
    rc = dvi_error(DANVAN_ENOMEM, "out of memory (creating the XML parser)");
    goto out;
  }
  xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  /* belt and braces against process-wide defaults another libxml2 user may have changed */
  r->ctxt->replaceEntities = 0;
  r->ctxt->loadsubset = 0;
  r->ctxt->validate = 0;
  r->ctxt->recovery = 0;
  r->ctxt->keepBlanks = 1;
  xmlSwitchEncoding(r->ctxt, XML_CHAR_ENCODING_UTF8);
  if (r->chk && r->chk->vctxt) plug_schema(r);
  data += r->bom;
  n -= r->bom;
  r->scan_to = r->line_start = (int64_t)r->bom;
  r->sc_off = r->sc_line_start = (int64_t)r->bom;
  r->sc_line = 1;
  for (;;) {
    if (r->opt->max_input && r->total > r->opt->max_input) {
      rc = too_big(r);
      goto out;
    }
    if (n) feed(r, data, n);
    if (r->rc || !n) break;
    if ((rc = source_read(r, src, buf, CHUNK_SIZE, &data, &n))) goto out;
    r->total += n;
  }
  if (!r->rc) {
    r->terminating = true;
    int ret = xmlParseChunk(r->ctxt, NULL, 0, 1);
    if (!r->rc && (ret != 0 || !r->ctxt->wellFormed))
      fail(r, DANVAN_EPARSE, pos_of(r, NULL), "the document is not well-formed XML");
    if (!r->rc && !r->seen_root)
      fail(r, DANVAN_EPARSE, pos_of(r, NULL), "the document has no root element");
  }
  rc = r->rc;
out:
  /* a document type declaration: not a file the schema's findings are taken from */
  if (r->chk && r->ctxt && r->ctxt->intSubName) r->chk->quiet = false;
  dvi_free(buf);
  return rc;
}

/* Is `prefix` bound to a namespace other than `ns` among the root's foreign attributes or
   those of the file being merged? */
static bool bound_elsewhere(const dvi_xattr *lists[2], const char *prefix, const char *ns) {
  for (int l = 0; l < 2; l++)
    for (const dvi_xattr *y = lists[l]; y; y = y->next)
      if (strcmp(y->prefix, prefix) == 0 && strcmp(y->ns, ns) != 0) return true;
  return false;
}

static dvi_xattr **find_xattr(dvi_xattr **list, const dvi_xattr *x) {
  for (; *list; list = &(*list)->next)
    if (strcmp((*list)->ns, x->ns) == 0 && strcmp((*list)->local, x->local) == 0) break;
  return list;
}

/* Foreign attributes of a merged file's root join the dataset's root: a name already present
   takes the new value; a prefix already bound to another namespace there is renamed (x1, x2 …).
   Everything that may fail happens before the root is touched. */
static int32_t merge_root_xattrs(reader *r, danvan_entity *root) {
  if (!r->root_xattrs) return DANVAN_OK;
  dvi_xattr *have = dvi_xattrs(root);
  /* make the root's entry now: setting it again below needs no memory */
  int32_t rc = dvi_set_xattrs(root, have);
  if (rc) return rc;
  const dvi_xattr *lists[2] = {have, r->root_xattrs};
  for (dvi_xattr *x = r->root_xattrs; x; x = x->next) {
    if (*find_xattr(&have, x) || !bound_elsewhere(lists, x->prefix, x->ns)) continue;
    char name[80];
    for (unsigned n = 1;; n++) {
      snprintf(name, sizeof name, "%.60s%u", x->prefix, n);
      if (!bound_elsewhere(lists, name, x->ns)) break;
    }
    if (!(x->prefix = dvi_ds_strndup(r->ds, name, strlen(name))))
      return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  for (dvi_xattr *x = r->root_xattrs, *next; x; x = next) {
    next = x->next;
    x->next = NULL;
    dvi_xattr **at = find_xattr(&have, x);
    if (*at) (*at)->value = x->value;
    else *at = x;
  }
  r->root_xattrs = NULL;
  dvi_set_xattrs(root, have);
  return DANVAN_OK;
}

/* Read one input into ds; on failure remove what it added. With `each`, top-level reports are
   handed over and dropped as they end (streaming). */
static int32_t merge_source_each(danvan_dataset *ds, source *src, const char *name,
                                 const danvan_xml_options *opts, dvi_xml_report_fn each,
                                 void *each_ctx, dvi_xml_check *chk) {
  dvi_xml_init();
  reader r;
  memset(&r, 0, sizeof r);
  r.ds = ds;
  r.each = each;
  r.each_ctx = each_ctx;
  r.chk = chk;
  r.opt = opts ? opts : &default_options;
  r.name = name;
  dvi_buf_init(&r.text);
  dvi_buf_init(&r.fbuf);
  dvi_buf_init(&r.scratch);
  danvan_entity *root = &ds->root;
  size_t before = danvan_entity_child_count(root, DANVAN_KIND_ANY);
  size_t dups_before = ds->ids.dups;
  int32_t rc = dvi_ds_add_file(ds, name, &r.file);
  if (rc) {
    rc = dvi_xml_relocate(rc, name, 0, 0, -1);
  } else {
    rc = parse(&r, src);
  }
  if (!rc) rc = merge_root_xattrs(&r, root);
  if (rc) {
    /* Everything the failed input added is newer than what was there, so an id it duplicated
       stays indexed to the older entity, and removing the new ones, newest first, needs no
       rebuild of the id index: with the duplicate count at zero, danvan_entity_remove() does
       not rebuild it once per entity (quadratic for a large file). The count is then what it
       was before. */
    ds->ids.dups = 0;
    dvi_root_truncate(ds, before);
    ds->ids.dups = dups_before;
  }
  if (r.ctxt) {
    /* libxml2 builds a document of its own for an internal entity declaration ("expat
       compatibility"), even with SAX; the context does not free it */
    if (r.ctxt->myDoc) xmlFreeDoc(r.ctxt->myDoc);
    r.ctxt->myDoc = NULL;
    if (r.plug) xmlSchemaSAXUnplug(r.plug); /* gives the context its own handler back */
    xmlFreeParserCtxt(r.ctxt);
  }
  dvi_free(r.fr);
  dvi_free(r.ns);
  dvi_buf_free(&r.text);
  dvi_buf_free(&r.fbuf);
  dvi_buf_free(&r.scratch);
  return rc;
}

static int32_t merge_source(danvan_dataset *ds, source *src, const char *name,
                            const danvan_xml_options *opts) {
  return merge_source_each(ds, src, name, opts, NULL, NULL, NULL);
}

static int32_t merge_fd(danvan_dataset *ds, int fd, const char *name, const danvan_xml_options *opts) {
  source src = {fd, NULL, 0, 0};
  /* room in the id index for about one id per 256 bytes of a regular file, so that it does
     not grow step by step through a large one */
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    int32_t rc = dvi_ds_expect_ids(ds, (size_t)st.st_size / 256);
    if (rc) return dvi_xml_relocate(rc, name, 0, 0, -1);
  }
  return merge_source(ds, &src, name, opts);
}

static int32_t merge_path_checked(danvan_dataset *ds, const char *path,
                                  const danvan_xml_options *opts, dvi_xml_check *chk);

static int32_t merge_path(danvan_dataset *ds, const char *path, const danvan_xml_options *opts) {
  return merge_path_checked(ds, path, opts, NULL);
}

static int32_t merge_path_checked(danvan_dataset *ds, const char *path,
                                  const danvan_xml_options *opts, dvi_xml_check *chk) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  char eb[128];
  if (fd < 0)
    return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot open: %s",
                        dvi_xml_strerror(errno, eb, sizeof eb));
  struct stat st;
  int32_t rc;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot read: it is a directory");
  else if (chk) {
    source src = {fd, NULL, 0, 0};
    rc = merge_source_each(ds, &src, path, opts, NULL, NULL, chk);
  } else {
    rc = merge_fd(ds, fd, path, opts);
  }
  close(fd);
  return rc;
}

int32_t dvi_xml_stream_reports(const char *path, const danvan_xml_options *opts,
                               dvi_xml_report_fn fn, void *ctx) {
  danvan_dataset *scratch = NULL;
  int32_t rc = danvan_dataset_new(&scratch);
  if (rc) return rc;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  char eb[128];
  if (fd < 0) {
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot open: %s",
                      dvi_xml_strerror(errno, eb, sizeof eb));
  } else {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot read: it is a directory");
    } else {
      source src = {fd, NULL, 0, 0};
      rc = merge_source_each(scratch, &src, path, opts, fn, ctx, NULL);
    }
    close(fd);
  }
  danvan_dataset_free(scratch);
  return rc;
}

static const char *fd_name(int fd, const char *name) {
  return name ? name : fd == 0 ? "<stdin>" : "<fd>";
}

/* ---- public ------------------------------------------------------------------------------- */
int32_t danvan_dataset_merge(danvan_dataset *ds, const char *path, const danvan_xml_options *opts) {
  DVI_CHECK_ARG(ds && path);
  return merge_path(ds, path, opts);
}

int32_t danvan_dataset_merge_fd(danvan_dataset *ds, int fd, const char *name,
                                const danvan_xml_options *opts) {
  DVI_CHECK_ARG(ds && fd >= 0);
  return merge_fd(ds, fd, fd_name(fd, name), opts);
}

int32_t danvan_dataset_merge_memory(danvan_dataset *ds, const char *data, size_t len,
                                    const char *name, const danvan_xml_options *opts) {
  DVI_CHECK_ARG(ds && (data || !len));
  source src = {-1, data ? data : "", len, 0};
  return merge_source(ds, &src, name ? name : "<memory>", opts);
}

/* Load = merge into a new dataset, freed on failure. */
static int32_t load_new(danvan_dataset **out, danvan_dataset **ds) {
  *out = NULL;
  return danvan_dataset_new(ds);
}

static int32_t load_done(danvan_dataset **out, danvan_dataset *ds, int32_t rc) {
  if (rc) danvan_dataset_free(ds);
  else *out = ds;
  return rc;
}

int32_t danvan_dataset_load(danvan_dataset **out, const char *path, const danvan_xml_options *opts) {
  if (out) *out = NULL;
  DVI_CHECK_ARG(out && path);
  danvan_dataset *ds;
  int32_t rc = load_new(out, &ds);
  return rc ? rc : load_done(out, ds, merge_path(ds, path, opts));
}

int32_t dvi_xml_load_checked(danvan_dataset **ds, const char *path, dvi_xml_check *chk) {
  chk->checked = chk->quiet = false;
  if (*ds) return merge_path_checked(*ds, path, NULL, chk);
  danvan_dataset *nds;
  int32_t rc = load_new(ds, &nds);
  return rc ? rc : load_done(ds, nds, merge_path_checked(nds, path, NULL, chk));
}

int32_t danvan_dataset_load_fd(danvan_dataset **out, int fd, const char *name,
                               const danvan_xml_options *opts) {
  if (out) *out = NULL;
  DVI_CHECK_ARG(out && fd >= 0);
  danvan_dataset *ds;
  int32_t rc = load_new(out, &ds);
  return rc ? rc : load_done(out, ds, merge_fd(ds, fd, fd_name(fd, name), opts));
}

int32_t danvan_dataset_load_memory(danvan_dataset **out, const char *data, size_t len,
                                   const char *name, const danvan_xml_options *opts) {
  if (out) *out = NULL;
  DVI_CHECK_ARG(out && (data || !len));
  danvan_dataset *ds;
  int32_t rc = load_new(out, &ds);
  if (rc) return rc;
  source src = {-1, data ? data : "", len, 0};
  return load_done(out, ds, merge_source(ds, &src, name ? name : "<memory>", opts));
}
