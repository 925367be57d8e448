/*
 * Text importer, pass 1: from input bytes to clean lines with matching keys.
 *
 * The input may be any normalisation form, carry HTML tags and entities, Markdown markers,
 * CR or CRLF line ends, no-break spaces and zero-width characters. Each physical line keeps
 * its source line number; a line split in two (an HTML block tag, a Markdown bold span glued
 * to a heading) gives two logical lines with the same number.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/import_internal.h"
#include "text/vn_internal.h"

/* Markers in the cleaned buffer: a logical line break inside a source line, and a source
   line end that was swallowed (inside an HTML tag). */
#define MARK_BREAK '\x1e'
#define MARK_BUMP '\x1d'

/* ---- UTF-8 helpers ------------------------------------------------------------------------- */
int32_t dvi_imp_cp(const char *s, size_t n, size_t *i) {
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
  if (r <= 0) {
    (*i)++;
    return 0xFFFD;
  }
  *i += (size_t)r;
  return cp;
}

static size_t put_cp(char *out, int32_t cp) {
  return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

static bool is_letter_cp(int32_t cp) {
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
         cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
         cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN ||
         cat == UTF8PROC_CATEGORY_MC;
}

static bool is_alnum_cp(int32_t cp) {
  if (cp < 128) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return is_letter_cp(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Spaces of every kind become ' '; characters that carry nothing are dropped (-1). */
static int32_t clean_cp(int32_t cp) {
  if (cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
      cp == 0x205F || cp == 0x3000 || cp == 0x1680 || cp == '\v' || cp == '\f')
    return ' ';
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD)
    return -1;
  if (cp == 0xD0) return 0x110; /* Icelandic ETH used for Đ */
  if (cp == 0xF0) return 0x111;
  if (cp == 0x1D || cp == 0x1E) return cp; /* our line markers */
  if (cp < 0x20 && cp != '\n') return -1;
  if (cp == 0x7F) return -1;
  return cp;
}

/* ---- pass 1a: bytes -> valid UTF-8, LF line ends, no HTML ----------------------------------- */
typedef struct html_entity {
  const char *name;
  int32_t cp;
} html_entity;

static const html_entity ENTITIES[] = {
    {"nbsp", 0xA0},    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},
    {"quot", '"'},     {"apos", '\''},     {"ndash", 0x2013},   {"mdash", 0x2014},
    {"hellip", 0x2026}, {"ldquo", 0x201C}, {"rdquo", 0x201D},   {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"laquo", 0xAB},    {"raquo", 0xBB},     {"bull", 0x2022},
    {"middot", 0xB7},  {"shy", 0xAD},      {"zwnj", 0x200C},    {"zwj", 0x200D},
    {"thinsp", 0x2009}, {"ensp", 0x2002},  {"emsp", 0x2003},    {"times", 0xD7},
    {"Agrave", 0xC0},  {"Aacute", 0xC1},   {"agrave", 0xE0},    {"aacute", 0xE1},
    {"ograve", 0xF2},  {"oacute", 0xF3},   {"eacute", 0xE9},    {"egrave", 0xE8},
    {"uacute", 0xFA},  {"ugrave", 0xF9},   {"iacute", 0xED},    {"igrave", 0xEC},
    {"atilde", 0xE3},  {"otilde", 0xF5},   {"acirc", 0xE2},     {"ecirc", 0xEA},
    {"ocirc", 0xF4},   {"Acirc", 0xC2},    {"Ecirc", 0xCA},     {"Ocirc", 0xD4},
    {"yacute", 0xFD},  {"Yacute", 0xDD},   {"Eacute", 0xC9},    {"Oacute", 0xD3},
    {NULL, 0}};

/* Decode an entity at s[i] == '&'; returns its length or 0. */
static size_t entity_at(const char *s, size_t n, size_t i, int32_t *cp) {
  size_t j = i + 1;
  if (j < n && s[j] == '#') {
    j++;
    int32_t v = 0;
    int base = 10;
    if (j < n && (s[j] == 'x' || s[j] == 'X')) {
      base = 16;
      j++;
    }
    size_t d0 = j;
    while (j < n && j - d0 < 7) {
      char ch = s[j];
      int dv = (ch >= '0' && ch <= '9')                ? ch - '0'
               : (base == 16 && ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
               : (base == 16 && ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                                       : -1;
      if (dv < 0) break;
      v = v * base + dv;
      j++;
    }
    if (j == d0 || j >= n || s[j] != ';' || !utf8proc_codepoint_valid(v) || v == 0) return 0;
    *cp = v;
    return j + 1 - i;
  }
  size_t a = j;
  while (j < n && j - a < 10 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) j++;
  if (j >= n || s[j] != ';' || j == a) return 0;
  for (const html_entity *e = ENTITIES; e->name; e++)
    if (strlen(e->name) == j - a && memcmp(e->name, s + a, j - a) == 0) {
      *cp = e->cp;
      return j + 1 - i;
    }
  return 0;
}

static bool name_is(const char *s, size_t n, const char *name) {
  size_t l = strlen(name);
  if (n != l) return false;
  for (size_t i = 0; i < l; i++) {
    char ch = s[i];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    if (ch != name[i]) return false;
  }
  return true;
}

static const char *const BLOCK_TAGS[] = {
    "br", "p", "div", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "tbody", "thead", "td", "th", "section", "article", "header", "footer", "blockquote",
    "pre", "hr", "dd", "dt", "dl", "center", "form", "nav", "aside", "main", "figure",
    "figcaption", "caption", "title", "body", "html", "head", NULL};

/* Is s[i] == '<' the start of an HTML tag or comment? Returns the index after '>' or 0. */
static size_t tag_end(const char *s, size_t n, size_t i) {
  size_t j = i + 1;
  if (j >= n) return 0;
  if (s[j] == '!') {
    if (j + 2 < n && s[j + 1] == '-' && s[j + 2] == '-') {
      for (size_t k = j + 3; k + 2 < n; k++)
        if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') return k + 3;
      return 0;
    }
  } else {
    if (s[j] == '/') j++;
    if (j >= n || !((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) return 0;
  }
  for (size_t k = j; k < n && k < i + 4096; k++) {
    if (s[k] == '>') return k + 1;
    if (s[k] == '<') return 0;
  }
  return 0;
}

static void tag_name(const char *s, size_t i, size_t e, const char **name, size_t *len, bool *closing) {
  size_t j = i + 1;
  *closing = false;
  if (j < e && s[j] == '/') {
    *closing = true;
    j++;
  }
  size_t a = j;
  while (j < e && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                   (s[j] >= '0' && s[j] <= '9')))
    j++;
  *name = s + a;
  *len = j - a;
}

/* Copy the input into b: invalid UTF-8 replaced, CR/CRLF -> LF, HTML tags removed (block
   tags become logical breaks), entities decoded. Counts replaced bytes. */
static void pass_raw(imp_ctx *c, dvi_buf *b, const char *s, size_t n, size_t *bad,
                     uint32_t *bad_line) {
  size_t i = 0;
  uint32_t line = 1;
  if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
    i = 3;
  bool html = false;
  /* HTML when a block tag or an entity appears early */
  for (size_t k = 0; k + 3 < n && k < 65536; k++)
    if (s[k] == '<' && tag_end(s, n, k)) {
      html = true;
      break;
    }
  (void)c;
  while (i < n) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '\r') {
      dvi_buf_addc(b, '\n');
      line++;
      i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (ch == '\n') {
      dvi_buf_addc(b, '\n');
      line++;
      i++;
      continue;
    }
    if (html && ch == '<') {
      size_t e = tag_end(s, n, i);
      if (e) {
        const char *nm;
        size_t nl;
        bool closing;
        tag_name(s, i, e, &nm, &nl, &closing);
        bool block = false;
        for (const char *const *t = BLOCK_TAGS; *t; t++)
          if (name_is(nm, nl, *t)) block = true;
        bool skip_content = !closing && (name_is(nm, nl, "script") || name_is(nm, nl, "style"));
        for (size_t k = i; k < e; k++)
          if (s[k] == '\n') {
            dvi_buf_addc(b, MARK_BUMP);
            line++;
          }
        if (block) dvi_buf_addc(b, MARK_BREAK);
        i = e;
        if (skip_content) {
          /* drop everything up to the closing tag */
          const char *close = name_is(nm, nl, "script") ? "</script" : "</style";
          size_t cl = strlen(close);
          while (i < n) {
            if (s[i] == '<' && i + cl <= n) {
              bool m = true;
              for (size_t q = 0; q < cl; q++) {
                char x = s[i + q];
                if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
                if (x != close[q]) m = false;
              }
              if (m) break;
            }
            if (s[i] == '\n') {
              dvi_buf_addc(b, MARK_BUMP);
              line++;
            }
            i++;
          }
        }
        continue;
      }
    }
    if (ch == '&') {
      int32_t cp;
      size_t el = entity_at(s, n, i, &cp);
      if (el) {
        char tmp[8];
        dvi_buf_add(b, tmp, put_cp(tmp, cp));
        i += el;
        continue;
      }
    }
    if (ch < 0x20 && ch != '\t') {
      /* NUL and other control characters are no text: they are replaced (and reported) like
         invalid UTF-8 rather than cutting the line short */
      dvi_buf_add(b, "\xEF\xBF\xBD", 3);
      if (!*bad) *bad_line = line;
      (*bad)++;
      i++;
      continue;
    }
    if (ch < 0x80) {
      dvi_buf_addc(b, (char)ch);
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (r <= 0) {
      dvi_buf_add(b, "\xEF\xBF\xBD", 3);
      if (!*bad) *bad_line = line;
      (*bad)++;
      i++;
      continue;
    }
    dvi_buf_add(b, s + i, (size_t)r);
    i += (size_t)r;
  }
}

/* ---- NFC of one line, with the character clean-up ---------------------------------------- */
static char *nfc_clean(imp_ctx *c, const char *s, size_t n, size_t *outn) {
  /* not utf8proc_decompose(): it orders combining marks with a bubble sort, quadratic in the
     length of a run of marks (a line of a megabyte of marks took minutes) */
  int32_t *buf = NULL;
  size_t got = 0;
  int32_t rc = dvi_text_nfc32(&buf, &got, s, n);
  if (rc) {
    if (rc == DANVAN_ENOMEM) c->rc = DANVAN_ENOMEM;
    return NULL;
  }
  char *out = dvi_arena_alloc(&c->arena, got * 4 + 1);
  if (!out) {
    dvi_free(buf);
    c->rc = DANVAN_ENOMEM;
    return NULL;
  }
  size_t o = 0;
  for (size_t k = 0; k < got; k++) {
    int32_t cp = clean_cp(buf[k]);
    if (cp < 0) continue;
    o += put_cp(out + o, cp);
  }
  out[o] = '\0';
  dvi_free(buf);
  *outn = o;
  return out;
}

/* ---- Markdown ------------------------------------------------------------------------------ */
/* Letters before position p of s are all upper case (at least two of them). */
static bool caps_before(const char *s, size_t p) {
  size_t up = 0, lo = 0;
  dvi_imp_case_stats(s, p, &up, &lo);
  return up >= 2 && lo == 0;
}

/* Remove Markdown markers from one line; a bold marker glued to a heading in capitals
   ("KẾ HOẠCH**Triển khai") becomes a line break (MARK_BREAK). Works in place. */
static size_t strip_markdown(char *s, size_t n) {
  size_t i = 0, o = 0;
  /* leading '#' headings and '>' quotes */
  size_t lead = 0;
  while (lead < n && s[lead] == ' ') lead++;
  if (lead < n && s[lead] == '#') {
    size_t h = lead;
    while (h < n && s[h] == '#') h++;
    if (h < n && s[h] == ' ' && h - lead <= 6) i = h + 1;
  } else if (lead < n && s[lead] == '>' && lead + 1 < n && s[lead + 1] == ' ') {
    i = lead + 2;
  }
  size_t line_start = 0; /* start of the current logical line in the output */
  for (; i < n; i++) {
    char ch = s[i];
    if (ch == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|", s[i + 1])) {
      s[o++] = s[++i];
      continue;
    }
    if ((ch == '*' || ch == '_') && i + 1 < n && s[i + 1] == ch) {
      /* a bold marker */
      size_t j = i + 2;
      bool glued_before = o > line_start && s[o - 1] != ' ';
      bool glued_after = j < n && s[j] != ' ';
      if (glued_before && glued_after && caps_before(s + line_start, o - line_start)) {
        s[o++] = MARK_BREAK;
        line_start = o;
      } else if (ch == '_' && glued_before && glued_after) {
        s[o++] = ch; /* snake_case, not a marker */
        s[o++] = ch;
      }
      i = j - 1;
      continue;
    }
    if (ch == '*') {
      /* a lone star: a bullet at the start, the Party header star, or italics */
      bool at_start = true;
      for (size_t q = line_start; q < o; q++)
        if (s[q] != ' ') at_start = false;
      if (at_start && (i + 1 >= n || s[i + 1] == ' ')) {
        s[o++] = ch;
        continue;
      }
      bool open = i + 1 < n && s[i + 1] != ' ';
      bool close = o > line_start && s[o - 1] != ' ';
      bool pair = false;
      if (open)
        for (size_t q = i + 1; q < n; q++)
          if (s[q] == '*' && s[q - 1] != ' ') {
            pair = true;
            break;
          }
      if ((open && pair) || close) continue; /* italics marker */
      s[o++] = ch;
      continue;
    }
    s[o++] = ch;
  }
  return o;
}

/* ---- keys ---------------------------------------------------------------------------------- */
static const int32_t TONE_A[5] = {0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1};
static const int32_t TONE_E[5] = {0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9};
static const int32_t TONE_Y[5] = {0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5};
static const int32_t TONE_O[5] = {0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD};
static const int32_t TONE_U[5] = {0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5};

static int tone_of(int32_t cp, const int32_t *tab) {
  for (int i = 0; i < 5; i++)
    if (tab[i] == cp) return i;
  return -1;
}

static int32_t key_cp(int32_t cp) {
  if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D)
    return '-';
  if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0xAB || cp == 0xBB ||
      cp == 0x2033 || cp == 0x2036)
    return '"';
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032 || cp == 0x60 ||
      cp == 0xB4)
    return '\'';
  if (cp == 0xFF1A) return ':';
  if (cp == 0xFF0C) return ',';
  if (cp == 0x110) return 0x111;
  return utf8proc_tolower(cp);
}

bool dvi_imp_nomem(imp_ctx *c) {
  if (!c->rc) c->rc = DANVAN_ENOMEM;
  return false;
}

bool dvi_imp_str(imp_ctx *c, imp_str *out, const char *s, size_t n) {
  memset(out, 0, sizeof *out);
  /* collapse spaces, trim */
  char *t = dvi_arena_alloc(&c->arena, n + 1);
  if (!t) return dvi_imp_nomem(c);
  size_t tn = 0;
  bool sp = false;
  for (size_t i = 0; i < n; i++) {
    char ch = s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == MARK_BREAK || ch == MARK_BUMP) {
      sp = true;
      continue;
    }
    if (sp && tn) t[tn++] = ' ';
    sp = false;
    t[tn++] = ch;
  }
  t[tn] = '\0';
  /* code points */
  size_t ncp = 0;
  for (size_t i = 0; i < tn;) {
    dvi_imp_cp(t, tn, &i);
    ncp++;
  }
  int32_t *cps = dvi_arena_alloc(&c->arena, (ncp + 1) * sizeof *cps);
  uint32_t *offs = dvi_arena_alloc(&c->arena, (ncp + 1) * sizeof *offs);
  if (!cps || !offs) return dvi_imp_nomem(c);
  size_t m = 0;
  for (size_t i = 0; i < tn;) {
    offs[m] = (uint32_t)i;
    cps[m++] = key_cp(dvi_imp_cp(t, tn, &i));
  }
  offs[m] = (uint32_t)tn;
  /* tone placement: word-final "oà" -> "òa", "oẻ" -> "ỏe", "uỷ" -> "ủy" (not after q) */
  for (size_t i = 0; i + 1 < m; i++) {
    bool end = i + 2 >= m || !is_alnum_cp(cps[i + 2]);
    if (!end) continue;
    int tn2;
    if (cps[i] == 'o' && ((tn2 = tone_of(cps[i + 1], TONE_A)) >= 0)) {
      cps[i] = TONE_O[tn2];
      cps[i + 1] = 'a';
    } else if (cps[i] == 'o' && ((tn2 = tone_of(cps[i + 1], TONE_E)) >= 0)) {
      cps[i] = TONE_O[tn2];
      cps[i + 1] = 'e';
    } else if (cps[i] == 'u' && (i == 0 || cps[i - 1] != 'q') &&
               ((tn2 = tone_of(cps[i + 1], TONE_Y)) >= 0)) {
      cps[i] = TONE_U[tn2];
      cps[i + 1] = 'y';
    }
  }
  char *k = dvi_arena_alloc(&c->arena, m * 4 + 4);
  uint32_t *map = dvi_arena_alloc(&c->arena, (m * 4 + 4) * sizeof *map);
  if (!k || !map) return dvi_imp_nomem(c);
  size_t kn = 0;
  for (size_t i = 0; i < m; i++) {
    if (cps[i] == 0x2026) { /* … -> ... */
      for (int q = 0; q < 3; q++) {
        map[kn] = offs[i];
        k[kn++] = '.';
      }
      continue;
    }
    char tmp[8];
    size_t l = put_cp(tmp, cps[i]);
    for (size_t q = 0; q < l; q++) {
      map[kn] = offs[i];
      k[kn++] = tmp[q];
    }
  }
  map[kn] = (uint32_t)tn;
  k[kn] = '\0';
  out->s = t;
  out->n = tn;
  out->k = k;
  out->kn = kn;
  out->map = map;
  return true;
}

const char *dvi_imp_key_of(const char *lit, char *buf, size_t cap) {
  size_t n = strlen(lit), i = 0, o = 0;
  while (i < n && o + 5 < cap) {
    int32_t cp = key_cp(dvi_imp_cp(lit, n, &i));
    o += put_cp(buf + o, cp);
  }
  buf[o] = '\0';
  return buf;
}

static void trim_key(const imp_str *x, size_t *k1, size_t *k2) {
  while (*k1 < *k2 && x->k[*k1] == ' ') (*k1)++;
  while (*k2 > *k1 && x->k[*k2 - 1] == ' ') (*k2)--;
}

bool dvi_imp_sub(imp_ctx *c, imp_str *out, const imp_str *x, size_t k1, size_t k2) {
  if (k2 > x->kn) k2 = x->kn;
  if (k1 > k2) k1 = k2;
  trim_key(x, &k1, &k2);
  size_t a = x->map[k1], b = x->map[k2];
  /* the end must cover the whole code point of the last key byte */
  if (k2 > k1 && k2 < x->kn && x->map[k2] == x->map[k2 - 1]) {
    size_t q = k2;
    while (q < x->kn && x->map[q] == x->map[k2 - 1]) q++;
    b = x->map[q];
  }
  return dvi_imp_str(c, out, x->s + a, b > a ? b - a : 0);
}

const char *dvi_imp_text(imp_ctx *c, const imp_str *x, size_t k1, size_t k2) {
  imp_str sub;
  if (!dvi_imp_sub(c, &sub, x, k1, k2)) return NULL;
  return sub.s;
}

/* ---- searching ----------------------------------------------------------------------------- */
static int32_t cp_before(const char *k, size_t pos) {
  if (pos == 0) return ' ';
  size_t i = pos - 1;
  while (i > 0 && ((unsigned char)k[i] & 0xC0) == 0x80) i--;
  size_t j = i;
  return dvi_imp_cp(k, pos, &j);
}

bool dvi_imp_is_alnum_at(const char *k, size_t kn, size_t pos) {
  if (pos >= kn) return false;
  size_t i = pos;
  return is_alnum_cp(dvi_imp_cp(k, kn, &i));
}

bool dvi_imp_is_word_start(const char *k, size_t pos) { return !is_alnum_cp(cp_before(k, pos)); }

size_t dvi_imp_find(const imp_str *x, size_t from, const char *needle) {
  if (from >= x->kn) return IMP_NPOS;
  const char *p = strstr(x->k + from, needle);
  return p ? (size_t)(p - x->k) : IMP_NPOS;
}

static bool word_end_ok(const imp_str *x, size_t end, const char *needle) {
  size_t nl = strlen(needle);
  /* a needle that ends with a non-word character needs no boundary */
  if (nl && !is_alnum_cp(cp_before(needle, nl))) return true;
  return !dvi_imp_is_alnum_at(x->k, x->kn, end);
}

size_t dvi_imp_find_word(const imp_str *x, size_t from, const char *needle) {
  size_t nl = strlen(needle);
  for (size_t p = from; (p = dvi_imp_find(x, p, needle)) != IMP_NPOS; p++) {
    bool start_ok = !is_alnum_cp(cp_before(needle, 1) ) || dvi_imp_is_word_start(x->k, p);
    if (start_ok && word_end_ok(x, p + nl, needle)) return p;
  }
  return IMP_NPOS;
}

size_t dvi_imp_find_word_before(const imp_str *x, size_t from, size_t to, const char *needle) {
  /* only matches starting in [from, to) are looked at: the search is bounded by the window,
     not by the rest of the text (called for every number of a line, it was quadratic) */
  size_t nl = strlen(needle);
  bool any_start = !is_alnum_cp(cp_before(needle, 1));
  if (to > x->kn) to = x->kn;
  for (size_t p = from; p < to; p++)
    if (x->k[p] == needle[0] && x->kn - p >= nl && memcmp(x->k + p, needle, nl) == 0 &&
        (any_start || dvi_imp_is_word_start(x->k, p)) && word_end_ok(x, p + nl, needle))
      return p;
  return IMP_NPOS;
}

bool dvi_imp_at(const imp_str *x, size_t pos, const char *needle) {
  size_t nl = strlen(needle);
  return pos <= x->kn && x->kn - pos >= nl && memcmp(x->k + pos, needle, nl) == 0;
}

bool dvi_imp_at_word(const imp_str *x, size_t pos, const char *needle) {
  return dvi_imp_at(x, pos, needle) && word_end_ok(x, pos + strlen(needle), needle);
}

bool dvi_imp_starts(const imp_str *x, const char *needle) { return dvi_imp_at_word(x, 0, needle); }

bool dvi_imp_has(const imp_str *x, const char *needle) {
  return dvi_imp_find_word(x, 0, needle) != IMP_NPOS;
}

size_t dvi_imp_skip_space(const imp_str *x, size_t pos) {
  while (pos < x->kn && x->k[pos] == ' ') pos++;
  return pos;
}

void dvi_imp_case_stats(const char *s, size_t n, size_t *upper, size_t *lower) {
  *upper = *lower = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp = dvi_imp_cp(s, n, &i);
    if (cp < 128) {
      if (cp >= 'A' && cp <= 'Z') (*upper)++;
      else if (cp >= 'a' && cp <= 'z') (*lower)++;
      continue;
    }
    if (utf8proc_isupper(cp)) (*upper)++;
    else if (utf8proc_islower(cp)) (*lower)++;
  }
}

bool dvi_imp_is_caps(const imp_str *x) {
  size_t up, lo;
  dvi_imp_case_stats(x->s, x->n, &up, &lo);
  return up >= 2 && lo * 10 <= up; /* allow "kiêm", a stray lower-case letter */
}

static int32_t first_letter(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp = dvi_imp_cp(s, n, &i);
    if (is_letter_cp(cp)) return cp;
    if (cp >= '0' && cp <= '9') return 0;
  }
  return 0;
}

bool dvi_imp_starts_upper(const char *s, size_t n) {
  int32_t cp = first_letter(s, n);
  return cp && utf8proc_isupper(cp);
}

bool dvi_imp_starts_lower(const char *s, size_t n) {
  int32_t cp = first_letter(s, n);
  return cp && utf8proc_islower(cp);
}

/* ---- labels -------------------------------------------------------------------------------- */
static bool is_delim(char ch) { return ch == '.' || ch == '-' || ch == ')' || ch == '/'; }

bool dvi_imp_label(const imp_str *x, imp_label *out) {
  memset(out, 0, sizeof *out);
  const char *s = x->s;
  size_t n = x->n;
  if (!n) return false;
  size_t i = 0;
  /* "- + text": a Markdown list holding a sub-list; the inner marker counts */
  if (n > 4 && (s[0] == '-' || s[0] == '*') && s[1] == ' ' && (s[2] == '+' || s[2] == '-') && s[3] == ' ')
    i = 2;
  unsigned char c0 = (unsigned char)s[i];
  /* bullets */
  size_t bl = 0;
  int bstyle = 0;
  if (c0 == '-') bl = 1, bstyle = IMP_L_DASH;
  else if (c0 == '+') bl = 1, bstyle = IMP_L_PLUS;
  else if (c0 == '*') bl = 1, bstyle = IMP_L_BULLET;
  else if (n - i >= 3 && memcmp(s + i, "\xE2\x80\x93", 3) == 0) bl = 3, bstyle = IMP_L_DASH; /* – */
  else if (n - i >= 3 && memcmp(s + i, "\xE2\x80\x94", 3) == 0) bl = 3, bstyle = IMP_L_DASH; /* — */
  else if (n - i >= 3 && (memcmp(s + i, "\xE2\x80\xA2", 3) == 0 ||   /* • */
                          memcmp(s + i, "\xE2\x96\xAA", 3) == 0 ||   /* ▪ */
                          memcmp(s + i, "\xE2\x97\x8F", 3) == 0 ||   /* ● */
                          memcmp(s + i, "\xE2\x97\xA6", 3) == 0 ||   /* ◦ */
                          memcmp(s + i, "\xEF\x82\xB7", 3) == 0 ||   /* Symbol-font bullet */
                          memcmp(s + i, "\xE2\x9E\xA2", 3) == 0))    /* ➢ */
    bl = 3, bstyle = IMP_L_BULLET;
  if (bl) {
    size_t j = i + bl;
    if (j < n && s[j] != ' ' && bstyle != IMP_L_BULLET) {
      /* "-text" is a bullet too, but "--" or "-5" is not */
      if (s[j] == '-' || (s[j] >= '0' && s[j] <= '9')) return false;
    }
    while (j < n && s[j] == ' ') j++;
    if (j >= n) return false; /* a lone dash */
    out->style = bstyle;
    out->len = j;
    memcpy(out->text, s + i, bl);
    out->text[bl] = '\0';
    return true;
  }
  /* (1) (a) */
  if (c0 == '(') {
    size_t j = i + 1, a = j;
    while (j < n && j - a < 3 && s[j] >= '0' && s[j] <= '9') j++;
    bool num = j > a;
    if (!num && j < n && s[j] >= 'a' && s[j] <= 'z') j++;
    if (j > a && j < n && s[j] == ')' && j + 1 < n && s[j + 1] == ' ') {
      out->style = IMP_L_PAREN;
      out->value = num ? (int32_t)strtol(s + a, NULL, 10) : s[a] - 'a' + 1;
      memcpy(out->text, s + a, j - a);
      out->text[j - a] = '\0';
      j++;
      while (j < n && s[j] == ' ') j++;
      out->len = j;
      return true;
    }
    return false;
  }
  /* PHẦN I, Phần II: */
  if (i == 0 && dvi_imp_starts(x, "phần")) {
    size_t k = dvi_imp_skip_space(x, strlen("phần"));
    size_t tp = x->map[k], rl = 0;
    int32_t v = dvi_imp_roman(s + tp, n - tp, &rl);
    if (v && (tp + rl >= n || !dvi_imp_is_alnum_at(s, n, tp + rl))) {
      size_t m = tp + rl;
      while (m < n && (s[m] == '.' || s[m] == ':' || s[m] == '-' || s[m] == ' ')) m++;
      out->style = IMP_L_PART;
      out->value = v;
      size_t tl = tp + rl < sizeof out->text ? tp + rl : sizeof out->text - 1;
      memcpy(out->text, s, tl);
      out->text[tl] = '\0';
      out->len = m;
      return true;
    }
  }
  /* Roman */
  size_t rl = 0;
  int32_t rv = dvi_imp_roman(s + i, n - i, &rl);
  if (rv && i + rl < n) {
    size_t j = i + rl;
    char d = s[j];
    bool ok = false;
    if (is_delim(d) && d != '/') {
      j++;
      ok = j >= n || s[j] == ' ' || (unsigned char)s[j] >= 0x80 || (s[j] >= 'A' && s[j] <= 'Z');
    } else if (n - j >= 3 && memcmp(s + j, "\xE2\x80\x93", 3) == 0) { /* I– */
      j += 3;
      ok = true;
    }
    if (ok && rl == 1 && s[i] == 'V' && j < n && s[j] == 'v') ok = false; /* V/v */
    if (ok) {
      while (j < n && s[j] == ' ') j++;
      out->style = IMP_L_ROMAN;
      out->value = rv;
      memcpy(out->text, s + i, rl);
      out->text[rl] = '\0';
      out->len = j;
      return j < n;
    }
  }
  /* arabic, possibly multi-level: 1. 1- 1) 1.2. 1.2.3 */
  if (c0 >= '0' && c0 <= '9') {
    size_t j = i;
    int depth = 0;
    int32_t last = 0;
    for (;;) {
      size_t a = j;
      while (j < n && j - a < 3 && s[j] >= '0' && s[j] <= '9') j++;
      if (j == a || (j < n && s[j] >= '0' && s[j] <= '9')) return false;
      last = (int32_t)strtol(s + a, NULL, 10);
      depth++;
      if (j < n && s[j] == '.' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9' && depth < 4) {
        j++;
        continue;
      }
      break;
    }
    if (j >= n) return false;
    size_t lab_end = j;
    char d = s[j];
    if (d == '.' || d == ')' || d == '-' || d == ':') {
      j++;
    } else if (n - j >= 3 && memcmp(s + j, "\xE2\x80\x93", 3) == 0) {
      j += 3;
    } else if (d == ' ' && depth > 1) {
      /* "1.2 Heading" */
    } else {
      return false;
    }
    size_t sp = j;
    while (j < n && s[j] == ' ') j++;
    if (j >= n) return false;
    /* "2 - 3 mô hình", "10/12", "1.000": a digit right after the delimiter is not a label */
    if (s[j] >= '0' && s[j] <= '9') return false;
    if (d == '-' && sp == j) return false; /* "1-2" */
    if (d == '.' && sp == j && depth == 1) {
      /* "1.Heading" is a label; "1.5" was excluded above */
    }
    if (last > 300) return false;
    out->style = IMP_L_ARABIC;
    out->depth = depth;
    out->value = last;
    size_t tl = lab_end - i < sizeof out->text ? lab_end - i : sizeof out->text - 1;
    memcpy(out->text, s + i, tl);
    out->text[tl] = '\0';
    out->len = j;
    return true;
  }
  /* letters: a) b. đ) A- B. */
  size_t j = i;
  int32_t cp = dvi_imp_cp(s, n, &j);
  bool lower = (cp >= 'a' && cp <= 'z') || cp == 0x111;
  bool upper = (cp >= 'A' && cp <= 'Z') || cp == 0x110;
  if ((lower || upper) && j < n) {
    char d = s[j];
    size_t k = j;
    bool dash = false;
    if (d == ')' || d == '.' || d == '-') k++;
    else if (n - j >= 3 && memcmp(s + j, "\xE2\x80\x93", 3) == 0) k += 3, dash = true;
    else return false;
    (void)dash;
    if (k >= n || s[k] != ' ') return false;
    while (k < n && s[k] == ' ') k++;
    if (k >= n) return false;
    /* "b/c", "A. Nguyễn" initials: an upper-case letter followed by '.' and a name is not a
       label unless the heading starts with a capital word too — accept both. */
    out->style = lower ? IMP_L_LALPHA : IMP_L_UALPHA;
    out->value = cp == 0x111 ? 5 : cp == 0x110 ? 5 : (lower ? cp - 'a' + 1 : cp - 'A' + 1);
    memcpy(out->text, s + i, j - i);
    out->text[j - i] = '\0';
    out->len = k;
    return true;
  }
  return false;
}

/* ---- pass 1b: lines ------------------------------------------------------------------------ */
static bool is_pipe_only(const char *s, size_t n) {
  bool pipe = false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '|') pipe = true;
    else if (s[i] != ' ' && s[i] != '-' && s[i] != ':') return false;
  }
  return pipe;
}

static bool push_line(imp_ctx *c, size_t *cap, uint32_t no, char *s, size_t n, bool split) {
  if (c->nlines == *cap) {
    size_t nc = *cap ? *cap * 2 : 256;
    imp_line *l = dvi_realloc(c->lines, nc * sizeof *l);
    if (!l) return dvi_imp_nomem(c);
    c->lines = l;
    *cap = nc;
  }
  imp_line *L = &c->lines[c->nlines];
  memset(L, 0, sizeof *L);
  L->no = no;
  /* table pipes are cell gaps */
  bool table = false;
  size_t a = 0, b = n;
  while (a < b && s[a] == ' ') a++;
  while (b > a && s[b - 1] == ' ') b--;
  if (b > a && (s[a] == '|' || s[b - 1] == '|')) table = true;
  if (is_pipe_only(s, n)) n = 0;
  if (table && n) {
    char *t = dvi_arena_alloc(&c->arena, n * 3 + 1);
    if (!t) return dvi_imp_nomem(c);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
      if (s[i] == '|') {
        memcpy(t + o, "   ", 3);
        o += 3;
      } else {
        t[o++] = s[i];
      }
    }
    s = t;
    n = o;
  }
  L->raw = s;
  L->rawn = n;
  L->split = split;
  if (!dvi_imp_str(c, &L->t, s, n)) return false;
  c->nlines++;
  return true;
}

int32_t dvi_imp_lines(imp_ctx *c, const char *text, size_t len) {
  dvi_buf b;
  dvi_buf_init(&b);
  size_t bad = 0;
  uint32_t bad_line = 0;
  pass_raw(c, &b, text, len, &bad, &bad_line);
  if (b.failed) {
    dvi_buf_free(&b);
    return c->rc = DANVAN_ENOMEM;
  }
  if (bad)
    dvi_imp_find_add(c, bad_line, DANVAN_IMPORT_WARNING, "encoding",
                     "%zu byte(s) that are not UTF-8 text (invalid sequences or control characters "
                     "such as NUL) were replaced by U+FFFD", bad);
  size_t cap = 0;
  uint32_t no = 1;
  const char *s = b.data ? b.data : "";
  size_t n = b.len;
  size_t i = 0;
  while (i <= n && !c->rc) {
    size_t e = i;
    while (e < n && s[e] != '\n') e++;
    /* one source line: s[i, e) */
    uint32_t bumps = 0;
    size_t nn = 0;
    char *line = nfc_clean(c, s + i, e - i, &nn);
    if (!line) {
      if (c->rc) break;
      /* not normalisable (should not happen on valid UTF-8): take it as is */
      line = (char *)dvi_imp_strndup(c, s + i, e - i);
      if (!line) break;
      nn = e - i;
    }
    nn = strip_markdown(line, nn);
    /* split on logical breaks; count swallowed line ends */
    size_t a = 0;
    bool first = true;
    for (size_t q = 0; q <= nn; q++) {
      if (q < nn && line[q] == MARK_BUMP) {
        bumps++;
        line[q] = ' ';
        continue;
      }
      if (q == nn || line[q] == MARK_BREAK) {
        size_t l = q - a;
        bool blank = true;
        for (size_t r = a; r < q; r++)
          if (line[r] != ' ') blank = false;
        if (!blank || first) {
          if (!push_line(c, &cap, no, line + a, l, !first)) break;
        }
        first = false;
        a = q + 1;
      }
    }
    no += 1 + bumps;
    if (e >= n) break;
    i = e + 1;
  }
  dvi_buf_free(&b);
  return c->rc;
}
