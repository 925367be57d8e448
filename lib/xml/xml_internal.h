/*
 * Private interface of the XML layer (reader, writer, schema). Only files under lib/xml/
 * include libxml2; this header does not, so it can be shared freely inside the layer.
 */
#ifndef DVI_XML_INTERNAL_H
#define DVI_XML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"
#include "danvan/xml.h"

/* The namespace of format v1. */
#define DVI_XML_NS "urn:danvan:1"

/* The XSD of format v1, built into the library (generated from schema/danvan-1.xsd); the
   array holds one NUL byte after the text. */
extern const unsigned char dvi_schema_xsd[];
extern const size_t dvi_schema_xsd_len;

/* Initialise libxml2 once per process (pthread_once); never cleaned up, never global setters. */
void dvi_xml_init(void);

/*
 * Append `s[0..len)` to `b` escaped for XML: `&`, `<`, `>` always, `"`, tab and line feed in
 * attribute values (`attr`), carriage return always (as character references, so that they
 * survive the parser's normalisation). Returns false, appending nothing more, at the first
 * byte XML 1.0 cannot carry (invalid UTF-8, U+FFFE/U+FFFF, a control character other than
 * tab, line feed and carriage return) and stores its offset in *bad_at.
 */
bool dvi_xml_escape(dvi_buf *b, const char *s, size_t len, bool attr, size_t *bad_at);

/* Whitespace as XML defines it: space, tab, line feed, carriage return. */
static inline bool dvi_xml_is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* strerror_r wrapper for messages ("No such file or directory"). */
const char *dvi_xml_strerror(int errnum, char *buf, size_t len);

/* Record the thread's last error message again, as `code`, at a place in a file (the core
   reports what is wrong with a value; only the reader knows where it was). Returns code. */
int32_t dvi_xml_relocate(int32_t code, const char *file, uint32_t line, uint32_t column,
                         int64_t offset);

/*
 * Read an XML file of reports one report at a time: each top-level <report> is handed to `fn`
 * as soon as its end tag is read, then removed and its memory released, so memory stays that
 * of one report whatever the size of the file (other top-level entities are kept until the
 * end). `fn` returns DANVAN_OK to go on, or an error that stops the reading and is returned.
 * The entity is valid only during the call.
 */
typedef int32_t (*dvi_xml_report_fn)(void *ctx, const danvan_entity *report);
int32_t dvi_xml_stream_reports(const char *path, const danvan_xml_options *opts,
                               dvi_xml_report_fn fn, void *ctx);

/*
 * Load a file (into a new dataset when *ds is NULL, freed on failure; else merged into *ds, as
 * danvan_dataset_merge) with an XML Schema checked during the same parse (the validation
 * layer): the validator is plugged into the reader's push parser with xmlSchemaSAXPlug().
 * `vctxt` is libxml2's validation context (an xmlSchemaValidCtxtPtr, its structured error
 * handler set by the caller), used for this one parse. Out: `checked` when the validator saw
 * the parse; `quiet` while the parser has met no document type declaration and no error or
 * warning of its own (libxml2's schema handling is not trusted with those: their schema
 * findings are not taken) and the reader has not refused the file (it turns false during the
 * parse, so the validator's error handler can tell whether its findings will be taken).
 * Returns what danvan_dataset_load or danvan_dataset_merge would.
 */
typedef struct dvi_xml_check {
  void *vctxt;
  bool checked, quiet;
} dvi_xml_check;
int32_t dvi_xml_load_checked(danvan_dataset **ds, const char *path, dvi_xml_check *chk);

#endif
