/* Document number and symbol: "Số 14-KH/BCĐ" (Party), "Số: 382 -KH/TĐTN-TCKT" (Youth Union),
   "Số: 21/KH-UBND", "30/2020/NĐ-CP", "01/QCPH/UBND-UBMTTQ" (state). */
#include <string.h>

#include "text/vn_internal.h"

#define MAX_GROUPS 8
#define MAX_NUMBER_DIGITS 9
#define KEY_MAX 16

struct danvan_vn_docnum {
  char *number, *type, *issuer, *symbol, *text;
  int32_t year, style;
  size_t consumed;
};

typedef struct span {
  size_t a, b; /* byte range in the text */
} span;

/* The parts found in the text, as byte ranges. */
typedef struct docparts {
  span number;
  int32_t year, style;
  span type;          /* empty when the symbol has no type */
  span groups[MAX_GROUPS]; /* issuer groups */
  size_t ngroups;
  bool type_slash;    /* state symbol written type "/" issuers */
  size_t end;
} docparts;

/* Document type abbreviations (Nghị định 30/2020 Phụ lục III and Party usage), upper case with
   Đ written D: the first group of a state symbol is a type when it is one of these. */
static const char *const TYPES[] = {
    "NQ",  "QD", "CT",  "QC",  "QYD", "TC",  "TB",   "HD",   "CTR", "KH",  "PA", "DA",
    "BC",  "BB", "TTR", "CD",  "BGN", "BTT", "GUQ",  "GM",   "GGT", "GNP", "PG", "PC",
    "PB",  "SY", "TRS", "SL",  "CV",  "ND",  "TT",   "TTLT", "KL",  "QDI", "CTHD", "QCPH",
    "VBHN", "PL", NULL};

/* A group: a letter, then letters, digits or '&'. Returns its end (p when none). */
static size_t read_group(const char *s, size_t p) {
  dvi_vn_ch c;
  dvi_vn_at(&c, s, p);
  if (!dvi_vn_is_letter(&c)) return p;
  while (dvi_vn_is_wordch(&c) || c.cp == '&') {
    p = c.next;
    dvi_vn_at(&c, s, p);
  }
  return p;
}

/* Groups joined by '-' (no blanks) into g; returns how many, *end after the last. */
static size_t read_groups(span *g, size_t max, const char *s, size_t p, size_t *end) {
  size_t n = 0, e = read_group(s, p);
  if (e == p) return 0;
  g[n++] = (span){p, e};
  while (n < max) {
    dvi_vn_ch c;
    dvi_vn_at(&c, s, e);
    if (c.cp != '-') break;
    size_t e2 = read_group(s, c.next);
    if (e2 == c.next) break;
    g[n++] = (span){c.next, e2};
    e = e2;
  }
  *end = e;
  return n;
}

/* An upper-case ASCII key of a group (Đ → D, other non-ASCII → '?'), truncated. */
static void group_key(char *key, const char *s, span g) {
  size_t n = 0;
  for (size_t p = g.a; p < g.b && n + 1 < KEY_MAX;) {
    dvi_vn_ch c;
    dvi_vn_at(&c, s, p);
    int32_t cp = c.cp == 0x111 ? 'd' : c.cp;
    key[n++] = cp < 0x80 ? (char)((cp >= 'a' && cp <= 'z') ? cp - 'a' + 'A' : cp) : '?';
    p = c.next;
  }
  key[n] = '\0';
}

static bool is_known_type(const char *s, span g) {
  char key[KEY_MAX];
  group_key(key, s, g);
  for (int i = 0; TYPES[i]; i++)
    if (strcmp(key, TYPES[i]) == 0) return true;
  return false;
}

/* Youth Union issuer: TWĐ, a group ending in ĐTN, or starting with ĐTN (Đ or D). */
static bool is_union_issuer(const char *s, span g) {
  char key[KEY_MAX];
  group_key(key, s, g);
  size_t n = strlen(key);
  return strcmp(key, "TWD") == 0 || (n >= 3 && strcmp(key + n - 3, "DTN") == 0) ||
         strncmp(key, "DTN", 3) == 0;
}

/* Party form after the number: "-" type "/" issuer (or type "/" issuer, hyphen lost). */
static int32_t read_party(docparts *d, const char *s, size_t p, dvi_vn_err *err) {
  size_t e = read_group(s, p), w;
  if (e == p) return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected the document type (KH, BC …)");
  d->type = (span){p, e};
  size_t q = dvi_vn_skip_blank(s, e);
  if (s[q] != '/') return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected '/' after the document type");
  q = dvi_vn_skip_blank(s, q + 1);
  d->ngroups = read_groups(d->groups, MAX_GROUPS, s, q, &w);
  if (!d->ngroups) return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected the issuer after '/'");
  d->style = is_union_issuer(s, d->groups[0]) ? DANVAN_VN_STYLE_UNION : DANVAN_VN_STYLE_PARTY;
  d->end = w;
  return DANVAN_OK;
}

/* State form after "/": [year "/"] groups, with one optional "/" between type and issuers. */
static int32_t read_state(docparts *d, const char *s, size_t p, dvi_vn_err *err) {
  size_t w;
  if (dvi_vn_ndigits(s, p) == 4 && s[p + 4] == '/') {
    d->year = dvi_vn_digits_value(s, p, 4);
    p = dvi_vn_skip_blank(s, p + 5);
  }
  span first[MAX_GROUPS];
  size_t n = read_groups(first, MAX_GROUPS, s, p, &w);
  if (!n) return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected the symbol after '/'");
  d->style = DANVAN_VN_STYLE_STATE;
  size_t w2;
  if (n == 1 && s[w] == '/' && (d->ngroups = read_groups(d->groups, MAX_GROUPS, s, w + 1, &w2))) {
    d->type = first[0];
    d->type_slash = true;
    d->end = w2;
    return DANVAN_OK;
  }
  size_t skip = (n >= 2 && is_known_type(s, first[0])) ? 1 : 0;
  if (skip) d->type = first[0];
  d->ngroups = n - skip;
  memcpy(d->groups, first + skip, d->ngroups * sizeof first[0]);
  d->end = w;
  return DANVAN_OK;
}

static int32_t read_docnum(docparts *d, const char *s, size_t p, dvi_vn_err *err) {
  size_t w;
  bool so = dvi_vn_word(s, p, "số", &w);
  if (so) {
    p = dvi_vn_skip_blank(s, w);
    if (s[p] == ':') p = dvi_vn_skip_blank(s, p + 1);
  }
  size_t nd = dvi_vn_ndigits(s, p);
  if (nd > MAX_NUMBER_DIGITS) return dvi_vn_fail(err, DANVAN_ELIMIT, p, "document number too long");
  if (!so && nd == 0) return dvi_vn_fail(err, DANVAN_EPARSE, p, "expected a document number");
  d->number = (span){p, p + nd};
  size_t q = dvi_vn_skip_blank(s, p + nd);
  dvi_vn_ch c;
  dvi_vn_at(&c, s, q);
  if (c.cp == '-') return read_party(d, s, dvi_vn_skip_blank(s, c.next), err);
  if (c.cp == '/') return read_state(d, s, dvi_vn_skip_blank(s, c.next), err);
  if (nd > 0 && q > p + nd && dvi_vn_is_letter(&c)) return read_party(d, s, q, err);
  return dvi_vn_fail(err, DANVAN_EPARSE, q, "expected '-' or '/' after the document number");
}

/* ---- building the strings ----------------------------------------------------------------- */

/* dvi_buf_take() of a buffer that may be empty: make sure it is NUL-terminated first (the core's
   take does not terminate a buffer nothing was added to). */
static char *take(dvi_buf *b) {
  dvi_buf_add(b, "", 0);
  return dvi_buf_take(b);
}

/* Append the text of g with Ð → Đ and dashes as '-'. */
static void add_span(dvi_buf *b, const char *s, span g) {
  for (size_t p = g.a; p < g.b;) {
    dvi_vn_ch c;
    dvi_vn_at(&c, s, p);
    if (c.raw == DVI_VN_OTHER || c.raw < 0) dvi_buf_add(b, s + p, c.next - p);
    else if (c.raw == 0xD0) dvi_buf_add_cp(b, 0x110);
    else if (c.raw == 0xF0) dvi_buf_add_cp(b, 0x111);
    else dvi_buf_add_cp(b, c.cp == '-' ? '-' : c.raw);
    p = c.next;
  }
}

static char *issuer_string(const docparts *d, const char *s) {
  dvi_buf b;
  dvi_buf_init(&b);
  for (size_t i = 0; i < d->ngroups; i++) {
    if (i) dvi_buf_addc(&b, '-');
    add_span(&b, s, d->groups[i]);
  }
  return take(&b);
}

static char *span_string(const char *s, span g) {
  dvi_buf b;
  dvi_buf_init(&b);
  add_span(&b, s, g);
  return take(&b);
}

static char *symbol_string(const docparts *d, const char *type, const char *issuer) {
  dvi_buf b;
  dvi_buf_init(&b);
  dvi_buf_adds(&b, type);
  if (*type) dvi_buf_addc(&b, (d->style == DANVAN_VN_STYLE_STATE && !d->type_slash) ? '-' : '/');
  dvi_buf_adds(&b, issuer);
  return take(&b);
}

static char *text_string(const danvan_vn_docnum *r) {
  dvi_buf b;
  dvi_buf_init(&b);
  dvi_buf_adds(&b, r->number);
  if (r->style == DANVAN_VN_STYLE_STATE) {
    dvi_buf_addc(&b, '/');
    if (r->year) dvi_buf_printf(&b, "%04d/", (int)r->year);
  } else {
    dvi_buf_addc(&b, '-');
  }
  dvi_buf_adds(&b, r->symbol);
  return take(&b);
}

static int32_t build(danvan_vn_docnum *r, const docparts *d, const char *s) {
  r->year = d->year;
  r->style = d->style;
  r->consumed = d->end;
  r->number = dvi_strndup(s + d->number.a, d->number.b - d->number.a);
  r->type = span_string(s, d->type);
  r->issuer = issuer_string(d, s);
  if (!r->number || !r->type || !r->issuer) return DANVAN_ENOMEM;
  r->symbol = symbol_string(d, r->type, r->issuer);
  if (!r->symbol) return DANVAN_ENOMEM;
  r->text = text_string(r);
  return r->text ? DANVAN_OK : DANVAN_ENOMEM;
}

int32_t danvan_vn_docnum_parse(danvan_vn_docnum **out, const char *text) {
  DVI_CHECK_ARG(out && text);
  dvi_vn_err err = {0, 0, NULL};
  docparts d;
  memset(&d, 0, sizeof d);
  if (read_docnum(&d, text, dvi_vn_skip_blank(text, 0), &err))
    return dvi_vn_raise(text, &err, "document number");
  danvan_vn_docnum *r = dvi_calloc(1, sizeof *r);
  if (!r) return dvi_error(DANVAN_ENOMEM, "out of memory");
  if (build(r, &d, text)) {
    danvan_vn_docnum_free(r);
    return dvi_error(DANVAN_ENOMEM, "out of memory");
  }
  *out = r;
  return DANVAN_OK;
}

void danvan_vn_docnum_free(danvan_vn_docnum *d) {
  if (!d) return;
  dvi_free(d->number);
  dvi_free(d->type);
  dvi_free(d->issuer);
  dvi_free(d->symbol);
  dvi_free(d->text);
  dvi_free(d);
}

const char *danvan_vn_docnum_number(const danvan_vn_docnum *d) { return d ? d->number : NULL; }
const char *danvan_vn_docnum_type(const danvan_vn_docnum *d) { return d ? d->type : NULL; }
const char *danvan_vn_docnum_issuer(const danvan_vn_docnum *d) { return d ? d->issuer : NULL; }
const char *danvan_vn_docnum_symbol(const danvan_vn_docnum *d) { return d ? d->symbol : NULL; }
const char *danvan_vn_docnum_text(const danvan_vn_docnum *d) { return d ? d->text : NULL; }
int32_t danvan_vn_docnum_year(const danvan_vn_docnum *d) { return d ? d->year : 0; }
int32_t danvan_vn_docnum_style(const danvan_vn_docnum *d) { return d ? d->style : 0; }
size_t danvan_vn_docnum_consumed(const danvan_vn_docnum *d) { return d ? d->consumed : 0; }
