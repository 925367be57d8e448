/* The schema pass: a file checked against the format's XSD (built into the library), streaming,
   before the rules. The only file of the validation layer that includes libxml2 (the XML
   layer's files are the others). The compiled schema is built once per process
   (pthread_once) and shared read-only; each run has its own validation context and reports
   through structured handlers on that context, never through libxml2's global handlers. */
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

/* Trim the trailing newline libxml2 puts on its messages. */
static void add_error(pass *p, xmlErrorPtr err) {
  if (!err || p->nomem) return;
  bool parser = err->domain != XML_FROM_SCHEMASV;
  if (err->level == XML_ERR_WARNING) return; /* as the reader: warnings are not findings */
  char msg[1024];
  snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
  size_t n = strlen(msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  int rule = parser ? DVV_R_XML : DVV_R_SCHEMA;
  uint32_t line = err->line > 0 ? (uint32_t)err->line : 0;
  uint32_t col = err->int2 > 0 ? (uint32_t)err->int2 : 0;
  p->found++;
  if (!dvv_diags_admit(p->d, rule, p->path, line, col)) return;
  dvi_buf text;
  dvi_buf_init(&text);
  dvv_expand(&text, dvv_msg(p->d->lang, parser ? DVV_M_XML : DVV_M_SCHEMA), DVV_ARGS(msg));
  char *m = dvi_buf_take(&text);
  if (!m || !dvv_diags_add(p->d, rule, p->path, line, col, "", m)) p->nomem = true;
  dvi_free(m);
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
