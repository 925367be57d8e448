/*
 * Text importer: public API, options, results, entity helpers and the order of the passes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/import_internal.h"

#define IMP_MAX_INPUT (64u * 1024u * 1024u)

struct danvan_import_options {
  char *id;
  bool report_chrome;
};

struct danvan_import_result {
  danvan_dataset *ds; /* kept alive */
  danvan_entity *doc;
  imp_finding *finds;
  size_t nfinds;
};

/* ---- options ------------------------------------------------------------------------------- */
int32_t danvan_import_options_new(danvan_import_options **out) {
  DVI_CHECK_ARG(out);
  *out = dvi_calloc(1, sizeof **out);
  if (!*out) return dvi_error(DANVAN_ENOMEM, "out of memory");
  (*out)->report_chrome = true;
  return DANVAN_OK;
}

void danvan_import_options_free(danvan_import_options *opts) {
  if (!opts) return;
  dvi_free(opts->id);
  dvi_free(opts);
}

int32_t danvan_import_options_set_id(danvan_import_options *opts, const char *id) {
  DVI_CHECK_ARG(opts);
  if (id && !dvi_is_ncname(id, strlen(id)))
    return dvi_error(DANVAN_EINVAL, "'%s' is not a valid id (an XML NCName)", id);
  char *copy = NULL;
  if (id && !(copy = dvi_strdup(id))) return dvi_error(DANVAN_ENOMEM, "out of memory");
  dvi_free(opts->id);
  opts->id = copy;
  return DANVAN_OK;
}

int32_t danvan_import_options_set_report_chrome(danvan_import_options *opts, int32_t report) {
  DVI_CHECK_ARG(opts);
  opts->report_chrome = report != 0;
  return DANVAN_OK;
}

/* ---- helpers used by the passes ------------------------------------------------------------ */
const char *dvi_imp_strndup(imp_ctx *c, const char *s, size_t n) {
  char *r = dvi_arena_strndup(&c->arena, s, n);
  if (!r) dvi_imp_nomem(c);
  return r;
}

const char *dvi_imp_printf(imp_ctx *c, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  if ((size_t)n < sizeof tmp) return dvi_imp_strndup(c, tmp, (size_t)n);
  char *big = dvi_arena_alloc(&c->arena, (size_t)n + 1);
  if (!big) {
    dvi_imp_nomem(c);
    return NULL;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return big;
}

void dvi_imp_find_add(imp_ctx *c, uint32_t line, int32_t severity, const char *rule,
                      const char *fmt, ...) {
  if (c->nfinds == c->capfinds) {
    size_t n = c->capfinds ? c->capfinds * 2 : 16;
    imp_finding *f = dvi_realloc(c->finds, n * sizeof *f);
    if (!f) {
      dvi_imp_nomem(c);
      return;
    }
    c->finds = f;
    c->capfinds = n;
  }
  dvi_buf b;
  dvi_buf_init(&b);
  va_list ap;
  va_start(ap, fmt);
  char tmp[1024];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  dvi_buf_add(&b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
  char *msg = dvi_buf_take(&b);
  if (!msg) {
    dvi_imp_nomem(c);
    return;
  }
  imp_finding *f = &c->finds[c->nfinds++];
  f->line = line;
  f->severity = severity;
  f->rule = rule;
  f->message = msg;
}

danvan_entity *dvi_imp_add(imp_ctx *c, danvan_entity *parent, int32_t kind, const char *id,
                           uint32_t l1, uint32_t l2) {
  if (c->rc || !parent) return NULL;
  danvan_entity *e = NULL;
  int32_t rc = danvan_entity_add(&e, parent, kind, id);
  if (rc) {
    if (rc == DANVAN_ENOMEM) c->rc = rc;
    return NULL;
  }
  e->file = c->file;
  e->line = l1;
  e->column = l1 ? 1 : 0;
  if (l1 && danvan_kind_field_type(kind, DANVAN_F_LINES)) dvi_imp_set_lines(c, e, l1, l2);
  return e;
}

void dvi_imp_setn(imp_ctx *c, danvan_entity *e, int32_t field, const char *value, size_t n) {
  if (!e || !value || c->rc) return;
  int idx = dvi_desc(e)->field_index[field];
  if (idx < 0) return;
  int32_t rc = dvi_entity_set_text(e, idx, value, n);
  if (rc == DANVAN_ENOMEM) c->rc = rc;
}

void dvi_imp_set(imp_ctx *c, danvan_entity *e, int32_t field, const char *value) {
  if (value) dvi_imp_setn(c, e, field, value, strlen(value));
}

void dvi_imp_set_int(imp_ctx *c, danvan_entity *e, int32_t field, int64_t v) {
  if (!e || c->rc) return;
  danvan_entity_set_int(e, field, v);
}

void dvi_imp_set_dec(imp_ctx *c, danvan_entity *e, int32_t field, int64_t coef, int32_t scale) {
  if (!e || c->rc) return;
  /* drop trailing zeros of the fraction */
  while (scale > 0 && coef % 10 == 0) {
    coef /= 10;
    scale--;
  }
  danvan_entity_set_decimal(e, field, coef, scale);
}

void dvi_imp_set_date(imp_ctx *c, danvan_entity *e, int32_t field, int32_t date) {
  if (!e || !date || c->rc) return;
  danvan_entity_set_time(e, field, date);
}

void dvi_imp_set_lines(imp_ctx *c, danvan_entity *e, uint32_t l1, uint32_t l2) {
  if (!e || !l1) return;
  if (l2 < l1) l2 = l1;
  const char *v = dvi_imp_printf(c, "%u-%u", l1, l2);
  dvi_imp_set(c, e, DANVAN_F_LINES, v);
}

void dvi_imp_add_ref(imp_ctx *c, danvan_entity *e, int32_t field, const char *id) {
  if (!e || !id) return;
  size_t n = danvan_entity_item_count(e, field);
  for (size_t i = 0; i < n; i++)
    if (strcmp(danvan_entity_item(e, field, i), id) == 0) return;
  const char *old = NULL;
  danvan_entity_get_string(&old, e, field);
  const char *v = old && old[0] ? dvi_imp_printf(c, "%s %s", old, id) : id;
  dvi_imp_set(c, e, field, v);
}

/* ---- the import ---------------------------------------------------------------------------- */
static int cmp_find(const void *a, const void *b) {
  const imp_finding *x = a, *y = b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  return 0;
}

static void free_finds(imp_finding *f, size_t n) {
  for (size_t i = 0; i < n; i++) dvi_free(f[i].message);
  dvi_free(f);
}

static void ctx_free(imp_ctx *c) {
  dvi_free(c->lines);
  dvi_free(c->paras);
  dvi_free(c->orgs);
  free_finds(c->finds, c->nfinds);
  c->finds = NULL;
  c->nfinds = 0;
  dvi_arena_free(&c->arena);
}

static bool has_letters(const imp_ctx *c) {
  for (size_t i = 0; i < c->nlines; i++) {
    size_t up, lo;
    dvi_imp_case_stats(c->lines[i].t.s, c->lines[i].t.n, &up, &lo);
    if (up + lo >= 2) return true;
  }
  return false;
}

/* Stable sort of findings by line (insertion sort keeps the order of equal lines). */
static void sort_finds(imp_finding *f, size_t n) {
  for (size_t i = 1; i < n; i++) {
    imp_finding t = f[i];
    size_t j = i;
    while (j > 0 && cmp_find(&f[j - 1], &t) > 0) {
      f[j] = f[j - 1];
      j--;
    }
    f[j] = t;
  }
}

static int32_t run(danvan_import_result **out_result, danvan_entity **out_doc, danvan_dataset *ds,
                   const char *text, size_t len, const char *name, const danvan_import_options *opts) {
  if (out_doc) *out_doc = NULL;
  if (out_result) *out_result = NULL;
  DVI_CHECK_ARG(ds && (text || len == 0));
  if (len > IMP_MAX_INPUT)
    return dvi_error(DANVAN_ELIMIT, "the text is larger than %u bytes", IMP_MAX_INPUT);
  imp_ctx c;
  memset(&c, 0, sizeof c);
  dvi_arena_init(&c.arena);
  c.ds = ds;
  c.root = danvan_dataset_root(ds);
  c.name = name ? name : "<memory>";
  c.report_chrome = opts ? opts->report_chrome : true;
  c.want_id = opts ? opts->id : NULL;
  c.type_line = c.title_first = c.title_last = c.body_first = c.body_end = IMP_NPOS;
  int32_t rc = dvi_ds_add_file(ds, c.name, &c.file);
  if (rc) {
    ctx_free(&c);
    return rc;
  }
  rc = dvi_imp_lines(&c, text ? text : "", len);
  if (!rc && !has_letters(&c)) {
    ctx_free(&c);
    return dvi_error_at(DANVAN_EPARSE, c.name, 0, 0, -1, "the text holds no document");
  }
  if (!rc) {
    dvi_imp_zones(&c);
    dvi_imp_header(&c);
    if (!c.rc) dvi_imp_body(&c);
    if (!c.rc) dvi_imp_closing(&c);
    if (!c.rc) dvi_imp_facts(&c);
    if (!c.rc) dvi_imp_unplaced(&c);
    rc = c.rc;
  }
  sort_finds(c.finds, c.nfinds);
  if (out_doc) *out_doc = c.doc;
  if (out_result && (!rc || rc == DANVAN_ENOMEM)) {
    danvan_import_result *r = dvi_calloc(1, sizeof *r);
    if (r) {
      r->ds = ds;
      dvi_ds_ref(ds);
      r->doc = c.doc;
      r->finds = c.finds;
      r->nfinds = c.nfinds;
      c.finds = NULL;
      c.nfinds = 0;
      *out_result = r;
    } else {
      rc = DANVAN_ENOMEM;
    }
  }
  ctx_free(&c);
  if (rc == DANVAN_ENOMEM) return dvi_error(DANVAN_ENOMEM, "out of memory while importing %s", name ? name : "<memory>");
  return rc;
}

int32_t danvan_import_text(danvan_entity **out_plan, danvan_dataset *ds, const char *text, size_t len,
                           const char *name, const danvan_import_options *opts) {
  return run(NULL, out_plan, ds, text, len, name, opts);
}

int32_t danvan_import_text_result(danvan_import_result **out, danvan_dataset *ds, const char *text,
                                  size_t len, const char *name, const danvan_import_options *opts) {
  DVI_CHECK_ARG(out);
  return run(out, NULL, ds, text, len, name, opts);
}

static int32_t read_file(char **out, size_t *len, const char *path) {
  *out = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot open: %s", strerror(errno));
  dvi_buf b;
  dvi_buf_init(&b);
  char tmp[65536];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
    dvi_buf_add(&b, tmp, n);
    if (b.len > IMP_MAX_INPUT) break;
  }
  bool err = ferror(f) != 0;
  fclose(f);
  if (err) {
    dvi_buf_free(&b);
    return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot read");
  }
  if (b.failed) {
    dvi_buf_free(&b);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  if (b.len > IMP_MAX_INPUT) {
    dvi_buf_free(&b);
    return dvi_error_at(DANVAN_ELIMIT, path, 0, 0, -1, "the file is larger than %u bytes", IMP_MAX_INPUT);
  }
  *len = b.len;
  *out = b.data ? b.data : dvi_strdup("");
  if (!*out) return dvi_error(DANVAN_ENOMEM, "out of memory");
  return DANVAN_OK;
}

int32_t danvan_import_file(danvan_entity **out_plan, danvan_dataset *ds, const char *path,
                           const danvan_import_options *opts) {
  if (out_plan) *out_plan = NULL;
  DVI_CHECK_ARG(ds && path);
  char *text;
  size_t len;
  int32_t rc = read_file(&text, &len, path);
  if (rc) return rc;
  rc = run(NULL, out_plan, ds, text, len, path, opts);
  dvi_free(text);
  return rc;
}

int32_t danvan_import_file_result(danvan_import_result **out, danvan_dataset *ds, const char *path,
                                  const danvan_import_options *opts) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  DVI_CHECK_ARG(ds && path);
  char *text;
  size_t len;
  int32_t rc = read_file(&text, &len, path);
  if (rc) return rc;
  rc = run(out, NULL, ds, text, len, path, opts);
  dvi_free(text);
  return rc;
}

/* ---- results ------------------------------------------------------------------------------- */
void danvan_import_result_free(danvan_import_result *result) {
  if (!result) return;
  free_finds(result->finds, result->nfinds);
  dvi_ds_unref(result->ds);
  dvi_free(result);
}

danvan_entity *danvan_import_result_entity(const danvan_import_result *result) {
  return result ? result->doc : NULL;
}

size_t danvan_import_result_count(const danvan_import_result *result) {
  return result ? result->nfinds : 0;
}

uint32_t danvan_import_result_line(const danvan_import_result *result, size_t i) {
  return (result && i < result->nfinds) ? result->finds[i].line : 0;
}

int32_t danvan_import_result_severity(const danvan_import_result *result, size_t i) {
  return (result && i < result->nfinds) ? result->finds[i].severity : -1;
}

const char *danvan_import_result_rule(const danvan_import_result *result, size_t i) {
  return (result && i < result->nfinds) ? result->finds[i].rule : NULL;
}

const char *danvan_import_result_message(const danvan_import_result *result, size_t i) {
  return (result && i < result->nfinds) ? result->finds[i].message : NULL;
}
