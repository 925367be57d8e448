/* The diagnostics list (a bounded heap while the rules run, sorted at the end) and the
   options object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate/vinternal.h"

/* ---- options ------------------------------------------------------------------------------ */
int32_t danvan_validate_options_new(danvan_validate_options **out) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  danvan_validate_options *o = dvi_calloc(1, sizeof *o);
  if (!o) return dvi_error(DANVAN_ENOMEM, "out of memory");
  o->lang = -1;
  o->max = 1000;
  o->schema = 1;
  memset(o->enabled, 1, sizeof o->enabled);
  *out = o;
  return DANVAN_OK;
}

void danvan_validate_options_free(danvan_validate_options *opts) { dvi_free(opts); }

int32_t danvan_validate_options_set_language(danvan_validate_options *opts, const char *language) {
  DVI_CHECK_ARG(opts);
  if (!language) {
    opts->lang = -1;
    return DANVAN_OK;
  }
  int lang = dvv_lang_from(language);
  if (lang < 0) return dvi_error(DANVAN_EINVAL, "unknown language '%s' (use \"vi\" or \"en\")", language);
  opts->lang = lang;
  return DANVAN_OK;
}

int32_t danvan_validate_options_set_max_findings(danvan_validate_options *opts, size_t max) {
  DVI_CHECK_ARG(opts);
  opts->max = max;
  return DANVAN_OK;
}

int32_t danvan_validate_options_set_as_of(danvan_validate_options *opts, int32_t date) {
  DVI_CHECK_ARG(opts);
  if (date != 0 && !dvi_date_valid(date, false))
    return dvi_error(DANVAN_EINVAL, "%d is not a full date (yyyymmdd)", (int)date);
  opts->as_of = date;
  return DANVAN_OK;
}

int32_t danvan_validate_options_set_schema(danvan_validate_options *opts, int32_t enabled) {
  DVI_CHECK_ARG(opts && (enabled == 0 || enabled == 1));
  opts->schema = enabled;
  return DANVAN_OK;
}

int32_t danvan_validate_options_set_rule(danvan_validate_options *opts, const char *rule,
                                         int32_t enabled) {
  DVI_CHECK_ARG(opts && rule && (enabled == 0 || enabled == 1));
  int r = dvv_rule_lookup(rule);
  if (r < 0) return dvi_error(DANVAN_ENOTFOUND, "no rule has the id '%s'", rule);
  opts->enabled[r] = (uint8_t)enabled;
  return DANVAN_OK;
}

int dvv_resolve_lang(const danvan_validate_options *opts) {
  int lang = opts ? opts->lang : -1;
  return lang >= 0 ? lang : dvv_lang_from(NULL);
}

/* ---- the list ----------------------------------------------------------------------------- */
int32_t dvv_diags_new(danvan_diagnostics **out, const danvan_validate_options *opts, int lang) {
  danvan_diagnostics *d = dvi_calloc(1, sizeof *d);
  if (!d) return dvi_error(DANVAN_ENOMEM, "out of memory");
  d->max = opts->max;
  d->lang = lang;
  *out = d;
  return DANVAN_OK;
}

void danvan_diagnostics_free(danvan_diagnostics *diags) {
  if (!diags) return;
  for (size_t i = 0; i < diags->n; i++) dvi_free(diags->items[i]);
  dvi_free(diags->items);
  dvi_free(diags);
}

/* Order of findings: file, line, column, rule id, then the order they were found in. */
static int key_cmp(const char *fa, uint32_t la, uint32_t ca, int ra, uint64_t sa, const char *fb,
                   uint32_t lb, uint32_t cb, int rb, uint64_t sb) {
  int c = strcmp(fa, fb);
  if (c) return c < 0 ? -1 : 1;
  if (la != lb) return la < lb ? -1 : 1;
  if (ca != cb) return ca < cb ? -1 : 1;
  if (ra != rb) {
    c = strcmp(dvv_rule_id(ra), dvv_rule_id(rb));
    if (c) return c < 0 ? -1 : 1;
  }
  return sa < sb ? -1 : sa > sb;
}

static int fcmp(const dvv_finding *a, const dvv_finding *b) {
  return key_cmp(a->file, a->line, a->column, a->rule, a->seq, b->file, b->line, b->column,
                 b->rule, b->seq);
}

static void sift_down(dvv_finding **h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && fcmp(h[l], h[m]) > 0) m = l;
    if (r < n && fcmp(h[r], h[m]) > 0) m = r;
    if (m == i) return;
    dvv_finding *t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}

static void sift_up(dvv_finding **h, size_t i) {
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (fcmp(h[i], h[p]) <= 0) return;
    dvv_finding *t = h[i];
    h[i] = h[p];
    h[p] = t;
    i = p;
  }
}

bool dvv_diags_admit(danvan_diagnostics *d, int rule, const char *file, uint32_t line,
                     uint32_t column) {
  int32_t sev = dvv_rule_severity(rule);
  d->total++;
  if (sev >= 1 && sev <= 3) d->sev_total[sev]++;
  if (!d->max || d->n < d->max) return true;
  const dvv_finding *worst = d->items[0];
  return key_cmp(file, line, column, rule, d->next_seq, worst->file, worst->line, worst->column,
                 worst->rule, worst->seq) < 0;
}

bool dvv_diags_add(danvan_diagnostics *d, int rule, const char *file, uint32_t line,
                   uint32_t column, const char *path, const char *message) {
  size_t lf = strlen(file) + 1, lp = strlen(path) + 1, lm = strlen(message) + 1;
  dvv_finding *f = dvi_malloc(sizeof *f + lf + lp + lm);
  if (!f) return false;
  char *s = (char *)(f + 1);
  memcpy(s, file, lf);
  memcpy(s + lf, path, lp);
  memcpy(s + lf + lp, message, lm);
  f->rule = rule;
  f->severity = dvv_rule_severity(rule);
  f->line = line;
  f->column = column;
  f->seq = d->next_seq++;
  f->file = s;
  f->path = s + lf;
  f->message = s + lf + lp;
  if (d->max && d->n == d->max) { /* replace the worst */
    dvi_free(d->items[0]);
    d->items[0] = f;
    sift_down(d->items, d->n, 0);
    return true;
  }
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    dvv_finding **items = dvi_realloc(d->items, cap * sizeof *items);
    if (!items) {
      dvi_free(f);
      return false;
    }
    d->items = items;
    d->cap = cap;
  }
  d->items[d->n++] = f;
  sift_up(d->items, d->n - 1);
  return true;
}

static int qcmp(const void *a, const void *b) {
  return fcmp(*(const dvv_finding *const *)a, *(const dvv_finding *const *)b);
}

void dvv_diags_finish(danvan_diagnostics *d) {
  if (d->n > 1) qsort(d->items, d->n, sizeof *d->items, qcmp);
}

/* ---- getters ------------------------------------------------------------------------------ */
static const dvv_finding *item(const danvan_diagnostics *d, size_t i) {
  return (d && i < d->n) ? d->items[i] : NULL;
}

size_t danvan_diagnostics_count(const danvan_diagnostics *diags) { return diags ? diags->n : 0; }
size_t danvan_diagnostics_total(const danvan_diagnostics *diags) { return diags ? diags->total : 0; }

size_t danvan_diagnostics_severity_total(const danvan_diagnostics *diags, int32_t severity) {
  if (!diags || severity < 1 || severity > 3) return 0;
  return diags->sev_total[severity];
}

const char *danvan_diagnostics_rule(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? dvv_rule_id(f->rule) : NULL;
}

int32_t danvan_diagnostics_severity(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->severity : 0;
}

const char *danvan_diagnostics_file(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->file : NULL;
}

uint32_t danvan_diagnostics_line(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->line : 0;
}

uint32_t danvan_diagnostics_column(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->column : 0;
}

const char *danvan_diagnostics_path(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->path : NULL;
}

const char *danvan_diagnostics_message(const danvan_diagnostics *diags, size_t i) {
  const dvv_finding *f = item(diags, i);
  return f ? f->message : NULL;
}

const char *danvan_diagnostics_language(const danvan_diagnostics *diags) {
  return diags ? dvv_lang_code(diags->lang) : NULL;
}

/* ---- XML ---------------------------------------------------------------------------------- */
static void xml_escape(dvi_buf *b, const char *s, bool attr) {
  for (; *s; s++) {
    switch (*s) {
      case '&': dvi_buf_adds(b, "&amp;"); break;
      case '<': dvi_buf_adds(b, "&lt;"); break;
      case '>': dvi_buf_adds(b, "&gt;"); break;
      case '"':
        if (attr) dvi_buf_adds(b, "&quot;");
        else dvi_buf_addc(b, *s);
        break;
      case '\n':
        if (attr) dvi_buf_adds(b, "&#10;");
        else dvi_buf_addc(b, *s);
        break;
      case '\t':
        if (attr) dvi_buf_adds(b, "&#9;");
        else dvi_buf_addc(b, *s);
        break;
      case '\r': dvi_buf_adds(b, "&#13;"); break;
      default:
        if ((unsigned char)*s < 0x20) break; /* not allowed in XML 1.0 */
        dvi_buf_addc(b, *s);
    }
  }
}

int32_t danvan_diagnostics_to_xml(char **out, const danvan_diagnostics *diags) {
  DVI_CHECK_ARG(out && diags);
  *out = NULL;
  static const char *const sev[] = {"", "error", "warning", "info"};
  dvi_buf b;
  dvi_buf_init(&b);
  dvi_buf_printf(&b,
                 "<validation xmlns=\"urn:danvan:1\" language=\"%s\" total=\"%zu\" errors=\"%zu\" "
                 "warnings=\"%zu\" infos=\"%zu\"",
                 dvv_lang_code(diags->lang), diags->total, diags->sev_total[1],
                 diags->sev_total[2], diags->sev_total[3]);
  if (!diags->n) {
    dvi_buf_adds(&b, "/>\n");
  } else {
    dvi_buf_adds(&b, ">\n");
    for (size_t i = 0; i < diags->n; i++) {
      const dvv_finding *f = diags->items[i];
      dvi_buf_printf(&b, "  <finding rule=\"%s\" severity=\"%s\" file=\"", dvv_rule_id(f->rule),
                     sev[f->severity]);
      xml_escape(&b, f->file, true);
      dvi_buf_printf(&b, "\" line=\"%u\" column=\"%u\" path=\"", (unsigned)f->line,
                     (unsigned)f->column);
      xml_escape(&b, f->path, true);
      dvi_buf_adds(&b, "\">");
      xml_escape(&b, f->message, false);
      dvi_buf_adds(&b, "</finding>\n");
    }
    dvi_buf_adds(&b, "</validation>\n");
  }
  *out = dvi_buf_take(&b);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}
