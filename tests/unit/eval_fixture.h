/* Test helpers for the evaluation tests: build datasets through the public C API.
 *
 *   E(parent, "report", "r1", "plan=p;duty=d;org=bt-a;submitted=2024-12-10T14:05:00+07:00");
 *
 * creates an entity of the kind named by its XML element name and sets each "field=value"
 * (';' separates them, values may contain spaces). "scope"/"reporters" are selectors.
 * Any failure fails the test with the library's message. */
#ifndef EVAL_FIXTURE_H
#define EVAL_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "danvan/danvan.h"

static inline danvan_entity *E(danvan_entity *parent, const char *kind, const char *id, const char *fields) {
  int32_t k = 0;
  if (strcmp(kind, "scope") == 0 || strcmp(kind, "reporters") == 0) k = DANVAN_KIND_SELECTOR;
  else if (danvan_kind_lookup(&k, kind) != DANVAN_OK) fail_msg("no kind %s", kind);
  danvan_entity *e = NULL;
  if (danvan_entity_add(&e, parent, k, id) != DANVAN_OK)
    fail_msg("add %s %s: %s", kind, id ? id : "", danvan_error_message());
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", fields ? fields : "");
  for (char *save = NULL, *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(tok, '=');
    if (!eq) fail_msg("bad field spec '%s'", tok);
    *eq = '\0';
    int32_t f = 0;
    if (danvan_field_lookup(&f, tok) != DANVAN_OK) fail_msg("no field %s", tok);
    if (danvan_entity_set(e, f, eq + 1) != DANVAN_OK)
      fail_msg("set %s=%s on %s: %s", tok, eq + 1, kind, danvan_error_message());
  }
  return e;
}

/* A report with values: vals = "metric=value[@locality],…" */
static inline danvan_entity *R(danvan_entity *root, const char *id, const char *fields, const char *vals) {
  danvan_entity *r = E(root, "report", id, fields);
  char buf[512];
  snprintf(buf, sizeof buf, "%s", vals ? vals : "");
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    char spec[256], *eq = strchr(tok, '='), *at = strchr(tok, '@');
    if (!eq) fail_msg("bad value spec '%s'", tok);
    *eq = '\0';
    if (at) *at = '\0';
    if (at)
      snprintf(spec, sizeof spec, "metric=%s;value=%s;locality=%s", tok, eq + 1, at + 1);
    else
      snprintf(spec, sizeof spec, "metric=%s;value=%s", tok, eq + 1);
    E(r, "value", NULL, spec);
  }
  return r;
}

static inline int64_t T(const char *datetime) {
  int64_t t = 0;
  if (danvan_datetime_parse(&t, datetime) != DANVAN_OK) fail_msg("bad datetime %s", datetime);
  return t;
}

/* Row index of a table where the string column `col` equals a and (when col2) col2 equals b. */
static inline size_t ROW(const danvan_evaluation *ev, int32_t table, int32_t col, const char *a,
                  int32_t col2, const char *b) {
  for (size_t i = 0; i < danvan_evaluation_row_count(ev, table); i++) {
    const char *x = NULL, *y = NULL;
    danvan_evaluation_get_string(&x, ev, table, col, i);
    if (col2) danvan_evaluation_get_string(&y, ev, table, col2, i);
    if (x && strcmp(x, a) == 0 && (!col2 || (y && strcmp(y, b) == 0))) return i;
  }
  fail_msg("no row %s/%s in table %s", a, b ? b : "", danvan_evaluation_table_name(table));
  return 0;
}

static inline int64_t INT(const danvan_evaluation *ev, int32_t table, int32_t col, size_t row) {
  int64_t v = -12345;
  int32_t rc = danvan_evaluation_get_int(&v, ev, table, col, row);
  if (rc != DANVAN_OK) fail_msg("get_int %s: %s", danvan_evaluation_column_name(col), danvan_error_message());
  return v;
}

/* A cell as text (as the XML writes it); "" for an empty cell. Static buffer ring. */
static inline const char *TXT(const danvan_evaluation *ev, int32_t table, int32_t col, size_t row) {
  static char ring[8][128];
  static int k = 0;
  char *out = NULL;
  if (danvan_evaluation_format(&out, ev, table, col, row) != DANVAN_OK)
    fail_msg("format %s: %s", danvan_evaluation_column_name(col), danvan_error_message());
  char *slot = ring[k++ % 8];
  snprintf(slot, 128, "%s", out ? out : "");
  danvan_free(out);
  return slot;
}

#endif
