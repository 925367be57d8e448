/* The schema pass: a file checked against the format's XSD (built into the library), streaming,
   before the rules. The only file of the validation layer that includes libxml2 (the XML
   layer's files are the others). The compiled schema is built once per process
   (pthread_once) and shared read-only; each run has its own validation context and reports
   through structured handlers on that context, never through libxml2's global handlers.

   A file is checked during the parse that loads it (dvv_schema_load(): the validator is
   plugged into the XML reader's own SAX2 parse), so it is read once. A file the reader refuses
   for its structure (EINVALID) is read again through an xmlTextReader with the schema
   (dvv_schema_pass()), whose findings then cover the whole file. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "validate/vinternal.h"
#include "xml/xml_internal.h"

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void ignore_error(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  (void)err;
}

static xmlSchemaPtr compile(bool *nomem) {
  *nomem = false;
  const char *text = (const char *)dvi_schema_xsd;
  size_t len = dvi_schema_xsd_len;
  xmlSchemaPtr sc = NULL;
  xmlSchemaParserCtxtPtr pc = len < INT32_MAX ? xmlSchemaNewMemParserCtxt(text, (int)len) : NULL;
  if (pc) {
    xmlSchemaSetParserStructuredErrors(pc, ignore_error, NULL);
    sc = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
  }
  return sc;
}

/* Compiled once and shared; when memory ran out then, each run compiles its own copy. */
static xmlSchemaPtr shared_schema;
static bool shared_nomem;

static void compile_shared(void) {
  xmlInitParser();
  shared_schema = compile(&shared_nomem);
}

bool dvv_schema_available(void) {
  pthread_once(&schema_once, compile_shared);
  return shared_schema != NULL || shared_nomem;
}

typedef struct pass {
  danvan_diagnostics *d;
  const char *path;
  size_t found;
  bool nomem;
} pass;

/* An error of libxml2 as a finding: its rule, place and message (without the trailing newline
   libxml2 puts on its messages); false for a warning (as the reader: not a finding). */
static bool error_finding(xmlErrorPtr err, int *rule, uint32_t *line, uint32_t *col, char *msg,
                          size_t len) {
  if (!err || err->level == XML_ERR_WARNING) return false;
  snprintf(msg, len, "%s", err->message ? err->message : "error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  *rule = err->domain != XML_FROM_SCHEMASV ? DVV_R_XML : DVV_R_SCHEMA;
  *line = err->line > 0 ? (uint32_t)err->line : 0;
  *col = err->int2 > 0 ? (uint32_t)err->int2 : 0;
  return true;
}

static void add_finding(pass *p, int rule, uint32_t line, uint32_t col, const char *msg) {
  bool parser = rule == DVV_R_XML;
  p->found++;
  if (!dvv_diags_admit(p->d, rule, p->path, line, col)) return;
  dvi_buf text;
  dvi_buf_init(&text);
  dvv_expand(&text, dvv_msg(p->d->lang, parser ? DVV_M_XML : DVV_M_SCHEMA), DVV_ARGS(msg));
  char *m = dvi_buf_take(&text);
  if (!m || !dvv_diags_add(p->d, rule, p->path, line, col, "", m)) p->nomem = true;
  dvi_free(m);
}

static void add_error(pass *p, xmlErrorPtr err) {
  int rule;
  uint32_t line, col;
  char msg[1024];
  if (!p->nomem && error_finding(err, &rule, &line, &col, msg, sizeof msg))
    add_finding(p, rule, line, col, msg);
}

static void on_error(void *ctx, xmlErrorPtr err) { add_error(ctx, err); }

/* May the file go through libxml2's schema validator without it writing to stderr? The
   validator replaces the parser's callbacks with its own, which have no structured handler: it
   meets a parser warning ("xmlns: URI … is not absolute", an unknown XML version) and a
   reference to an undeclared entity (only a warning when a document type declaration might
   declare it) with a "TODO" that libxml2 prints on stderr through its global handler. So the
   file is read once without the validator: one with a document type declaration, a warning
   or an error skips the pass (the reader's own finding stands). */
static void note_problem(void *ctx, xmlErrorPtr err) {
  (void)err;
  *(bool *)ctx = true;
}

static bool quiet_for_schema(int fd, const char *path) {
  int dup_fd = dup(fd);
  if (dup_fd < 0) return false;
  xmlTextReaderPtr r = xmlReaderForFd(dup_fd, path, NULL, XML_PARSE_NONET);
  bool problem = r == NULL;
  if (r) {
    xmlTextReaderSetStructuredErrorHandler(r, note_problem, &problem);
    int ret;
    while (!problem && (ret = xmlTextReaderRead(r)) == 1)
      if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) problem = true;
    if (!problem && ret != 0) problem = true;
    xmlFreeTextReader(r);
  }
  close(dup_fd);
  return !problem && lseek(fd, 0, SEEK_SET) == 0;
}

/* The compiled schema: the shared one, else (memory ran out when it was compiled) a copy of this
   run's own in *own; NULL when there is none (*nomem: for want of memory). */
static xmlSchemaPtr get_schema(xmlSchemaPtr *own, bool *nomem) {
  *own = NULL;
  *nomem = false;
  if (shared_schema) return shared_schema;
  return *own = compile(nomem);
}

/* Findings of the validator held until the parse is over: they are taken only from a file the
   reader accepts and that is quiet (see dvi_xml_check). */
typedef struct held {
  int rule;
  uint32_t line, col;
  char *msg;
} held;

typedef struct holding {
  held *items;
  size_t n, cap;
  bool nomem;
  const dvi_xml_check *chk; /* nothing is held once the findings will not be taken */
} holding;

static void hold_error(void *ctx, xmlErrorPtr err) {
  holding *h = ctx;
  int rule;
  uint32_t line, col;
  char msg[1024];
  if (h->nomem || !h->chk->quiet || !error_finding(err, &rule, &line, &col, msg, sizeof msg))
    return;
  if (h->n == h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 16;
    held *items = dvi_realloc(h->items, cap * sizeof *items);
    if (!items) {
      h->nomem = true;
      return;
    }
    h->items = items;
    h->cap = cap;
  }
  char *m = dvi_strndup(msg, strlen(msg));
  if (!m) {
    h->nomem = true;
    return;
  }
  h->items[h->n++] = (held){rule, line, col, m};
}

int32_t dvv_schema_load(danvan_dataset **ds, danvan_diagnostics *d, const char *path) {
  if (!dvv_schema_available())
    return *ds ? danvan_dataset_merge(*ds, path, NULL) : danvan_dataset_load(ds, path, NULL);
  xmlSchemaPtr own;
  bool nomem;
  xmlSchemaPtr schema = get_schema(&own, &nomem);
  if (!schema) {
    if (nomem) return dvi_error(DANVAN_ENOMEM, "out of memory");
    return *ds ? danvan_dataset_merge(*ds, path, NULL) : danvan_dataset_load(ds, path, NULL);
  }
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  if (!vc) {
    if (own) xmlSchemaFree(own);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  dvi_xml_check chk = {vc, false, false};
  holding h = {NULL, 0, 0, false, &chk};
  xmlSchemaSetValidStructuredErrors(vc, hold_error, &h);
  int32_t rc = dvi_xml_load_checked(ds, path, &chk);
  if (h.nomem && rc != DANVAN_ENOMEM && rc != DANVAN_EIO) /* a finding could not be held */
    rc = dvi_error(DANVAN_ENOMEM, "out of memory");
  if (!rc && chk.checked && chk.quiet) {
    pass p = {d, path, 0, false};
    for (size_t i = 0; i < h.n && !p.nomem; i++)
      add_finding(&p, h.items[i].rule, h.items[i].line, h.items[i].col, h.items[i].msg);
    if (p.nomem) rc = dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < h.n; i++) dvi_free(h.items[i].msg);
  dvi_free(h.items);
  xmlSchemaFreeValidCtxt(vc);
  if (own) xmlSchemaFree(own);
  return rc;
}

int32_t dvv_schema_pass(danvan_diagnostics *d, const char *path, size_t *found) {
  *found = 0;
  if (!dvv_schema_available()) return DANVAN_OK;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot open: %s", strerror(errno));
  if (!quiet_for_schema(fd, path)) {
    close(fd);
    return DANVAN_OK;
  }
  xmlSchemaPtr own = NULL, schema = shared_schema;
  if (!schema) {
    bool nomem = false;
    schema = own = compile(&nomem);
    if (!schema) {
      close(fd);
      return nomem ? dvi_error(DANVAN_ENOMEM, "out of memory") : DANVAN_OK;
    }
  }
  pass p = {d, path, 0, false};
  xmlTextReaderPtr r = xmlReaderForFd(fd, path, NULL, XML_PARSE_NONET);
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  int32_t rc = DANVAN_OK;
  if (!r || !vc) {
    rc = dvi_error(DANVAN_ENOMEM, "out of memory");
    goto done;
  }
  xmlTextReaderSetStructuredErrorHandler(r, on_error, &p);
  xmlSchemaSetValidStructuredErrors(vc, on_error, &p);
  if (xmlTextReaderSchemaValidateCtxt(r, vc, 0) != 0) goto done; /* cannot validate: skip */
  while (xmlTextReaderRead(r) == 1 && !p.nomem) {
  }
  if (p.nomem) rc = dvi_error(DANVAN_ENOMEM, "out of memory");
done:
  if (r) xmlFreeTextReader(r);
  if (vc) xmlSchemaFreeValidCtxt(vc);
  if (own) xmlSchemaFree(own);
  close(fd);
  *found = p.found;
  return rc;
}
