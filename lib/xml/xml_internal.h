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

#endif
