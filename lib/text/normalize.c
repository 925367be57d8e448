/* Unicode normalisation (utf8proc), matching keys and removal of Markdown/HTML leftovers.
   Text goes through an array of code points: decode (optionally to NFD with a per-character
   mapping), transform in place, compose to NFC, encode. */
#include <string.h>
#include <utf8proc.h>

#include "text/vn_internal.h"

#define DEL_FLAG 0x40000000 /* marks a code point for deletion (code points are < 0x110000) */
#define TAG_SCAN_MAX 2048   /* longest HTML tag or comment recognised, in code points */
#define EMPH_STACK 32       /* open emphasis runs tracked per paragraph */

typedef struct cpvec {
  int32_t *v; /* code points, v[n] == 0 */
  size_t n;
} cpvec;

/* ---- UTF-8 in and out -------------------------------------------------------------------- */

size_t dvi_utf8_check(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) return i;
    i += (size_t)n;
  }
  return len;
}

void dvi_buf_add_cp(dvi_buf *b, int32_t cp) {
  utf8proc_uint8_t tmp[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
  dvi_buf_add(b, (const char *)tmp, (size_t)n);
}

static int32_t map_eth(int32_t cp) {
  if (cp == 0xD0) return 0x110;
  if (cp == 0xF0) return 0x111;
  return cp;
}

static utf8proc_int32_t custom_eth(utf8proc_int32_t cp, void *data) {
  (void)data;
  return map_eth(cp);
}

static utf8proc_int32_t custom_eth_lower(utf8proc_int32_t cp, void *data) {
  (void)data;
  return utf8proc_tolower(map_eth(cp));
}

static uint8_t ccc(int32_t cp) {
  return cp < 0x300 ? 0 : (uint8_t)utf8proc_get_property(cp)->combining_class;
}

/* Canonical ordering: each run of combining marks stably sorted by combining class.
   utf8proc_decompose_custom() does this with a bubble sort, quadratic in the length of a run
   (a megabyte of alternating marks took minutes), so it is done here: insertion sort for
   short runs, a counting sort (classes are 1 to 254) for long ones. */
static bool reorder(int32_t *v, size_t n) {
  int32_t *tmp = NULL;
  for (size_t a = 0; a < n;) {
    if (!ccc(v[a])) {
      a++;
      continue;
    }
    size_t b = a + 1;
    while (b < n && ccc(v[b])) b++;
    if (b - a <= 32) {
      for (size_t k = a + 1; k < b; k++) {
        int32_t x = v[k];
        uint8_t cx = ccc(x);
        size_t m = k;
        for (; m > a && ccc(v[m - 1]) > cx; m--) v[m] = v[m - 1];
        v[m] = x;
      }
    } else {
      size_t count[257] = {0};
      if (!tmp && !(tmp = dvi_malloc(n * sizeof *tmp))) return false;
      for (size_t k = a; k < b; k++) count[ccc(v[k]) + 1]++;
      for (size_t c = 1; c < 257; c++) count[c] += count[c - 1];
      for (size_t k = a; k < b; k++) tmp[count[ccc(v[k])]++] = v[k];
      memcpy(v + a, tmp, (b - a) * sizeof *v);
    }
    a = b;
  }
  dvi_free(tmp);
  return true;
}

/* Decode valid UTF-8 into code points; with decompose, to NFD after applying fn. */
static int32_t decode(cpvec *out, const char *s, size_t len, bool decompose,
                      utf8proc_custom_func fn) {
  if (len > (size_t)PTRDIFF_MAX / 16)
    return dvi_error(DANVAN_ELIMIT, "text too long to normalise (%zu bytes)", len);
  /* the code points with fn applied (options 0: neither decomposed nor reordered) */
  int32_t *v = dvi_malloc((len + 1) * sizeof *v);
  if (!v) return dvi_error(DANVAN_ENOMEM, "out of memory");
  utf8proc_ssize_t n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                                 v, (utf8proc_ssize_t)len, (utf8proc_option_t)0,
                                                 fn, NULL);
  if (n < 0 || (size_t)n > len) {
    dvi_free(v);
    return dvi_error(DANVAN_ELIMIT, "text cannot be normalised: %s",
                     utf8proc_errmsg(n < 0 ? n : UTF8PROC_ERROR_OVERFLOW));
  }
  if (decompose) {
    /* each code point to its canonical decomposition (at most 4 code points), then the marks
       in canonical order */
    utf8proc_int32_t d[8];
    size_t total = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
      utf8proc_ssize_t k = utf8proc_decompose_char(v[i], d, 8, UTF8PROC_DECOMPOSE, NULL);
      if (k < 0 || k > 8) {
        dvi_free(v);
        return dvi_error(DANVAN_ELIMIT, "text cannot be normalised: %s",
                         utf8proc_errmsg(k < 0 ? k : UTF8PROC_ERROR_OVERFLOW));
      }
      total += (size_t)k;
    }
    int32_t *w = dvi_malloc((total + 1) * sizeof *w);
    if (!w) {
      dvi_free(v);
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    }
    size_t at = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
      at += (size_t)utf8proc_decompose_char(v[i], w + at, 8, UTF8PROC_DECOMPOSE, NULL);
    dvi_free(v);
    v = w;
    n = (utf8proc_ssize_t)total;
    if (!reorder(v, total)) {
      dvi_free(v);
      return dvi_error(DANVAN_ENOMEM, "out of memory");
    }
  }
  v[n] = 0;
  out->v = v;
  out->n = (size_t)n;
  return DANVAN_OK;
}

static void compose(cpvec *c) {
  utf8proc_ssize_t n = utf8proc_normalize_utf32(c->v, (utf8proc_ssize_t)c->n,
                                                UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (n >= 0) {
    c->n = (size_t)n;
    c->v[n] = 0;
  }
}

int32_t dvi_text_nfc32(int32_t **out, size_t *outn, const char *s, size_t len) {
  cpvec c;
  int32_t rc = decode(&c, s, len, true, NULL);
  if (rc) return rc;
  compose(&c);
  *out = c.v;
  *outn = c.n;
  return DANVAN_OK;
}

static size_t utf8_len(int32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static int32_t encode(char **out, const cpvec *c) {
  size_t len = 0;
  for (size_t i = 0; i < c->n; i++) len += utf8_len(c->v[i]);
  char *s = dvi_malloc(len + 1);
  if (!s) return dvi_error(DANVAN_ENOMEM, "out of memory");
  size_t w = 0;
  for (size_t i = 0; i < c->n; i++)
    w += (size_t)utf8proc_encode_char(c->v[i], (utf8proc_uint8_t *)s + w);
  s[w] = '\0';
  *out = s;
  return DANVAN_OK;
}

static int32_t check_text(const char *text, size_t *len) {
  *len = strlen(text);
  size_t bad = dvi_utf8_check(text, *len);
  if (bad == *len) return DANVAN_OK;
  dvi_vn_err e = {DANVAN_EPARSE, bad, "invalid UTF-8"};
  return dvi_vn_raise(text, &e, "text");
}

/* ---- character classes ------------------------------------------------------------------- */

static bool is_ws(int32_t c) {
  if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0) return true;
  if (c < 0x80) return false;
  if (c == 0x85 || c == 0x2028 || c == 0x2029) return true;
  return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

static bool is_punct(int32_t c) {
  if (c < 0x80) return (c > ' ' && c < '0') || (c > '9' && c < 'A') || (c > 'Z' && c < 'a') ||
                       (c > 'z' && c < 0x7F);
  utf8proc_category_t cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO;
}

static bool is_mark(int32_t c) {
  if (c < 0x300) return false;
  utf8proc_category_t cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

static bool is_letter_or_mark(int32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  utf8proc_category_t cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

static bool is_ascii_alpha(int32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static bool is_ascii_alnum(int32_t c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

/* ---- HTML tags and entities -------------------------------------------------------------- */

/* Index just after the '>' of a tag or comment starting at v[i] == '<', or 0. The tag's name,
   lower-cased, goes to name (truncated). */
/* *no_close: no "-->" starts before it at or after the last comment looked at (SIZE_MAX:
   none up to the end), so a run of unclosed "<!--" is scanned once, not once per "<!--". */
static size_t tag_end(const int32_t *v, size_t i, char *name, size_t cap, size_t *no_close) {
  size_t j = i + 1;
  name[0] = '\0';
  if (v[j] == '!' && v[j + 1] == '-' && v[j + 2] == '-') {
    if (*no_close == SIZE_MAX) return 0;
    size_t k = j + 3 > *no_close ? j + 3 : *no_close;
    for (; v[k] && k - i < TAG_SCAN_MAX; k++)
      if (v[k] == '-' && v[k + 1] == '-' && v[k + 2] == '>') return k + 3;
    *no_close = v[k] ? k : SIZE_MAX;
    return 0;
  }
  if (v[j] == '/') j++;
  if (!is_ascii_alpha(v[j])) return 0;
  size_t len = 0;
  while (is_ascii_alnum(v[j]) || v[j] == ':' || v[j] == '-') {
    if (len + 1 < cap) name[len++] = (char)(v[j] | 0x20);
    j++;
  }
  name[len] = '\0';
  if (v[j] == '>') return j + 1;
  if (v[j] == '/' && v[j + 1] == '>') return j + 2;
  if (!is_ws(v[j]) || v[j] == 0) return 0;
  int32_t quote = 0;
  for (; v[j] && j - i < TAG_SCAN_MAX; j++) {
    if (quote) {
      if (v[j] == quote) quote = 0;
    } else if (v[j] == '"' || v[j] == '\'') {
      quote = v[j];
    } else if (v[j] == '>') {
      return j + 1;
    } else if (v[j] == '<') {
      return 0;
    }
  }
  return 0;
}

/* What a removed tag leaves: '\n' for block tags, ' ' for cells, 0 for nothing. */
static int32_t tag_replacement(const char *name) {
  static const char *const lines[] = {"br", "p", "div", "li", "tr", "h1", "h2", "h3",
                                      "h4", "h5", "h6", NULL};
  for (int i = 0; lines[i]; i++)
    if (strcmp(name, lines[i]) == 0) return '\n';
  if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) return ' ';
  return 0;
}

static const struct {
  const char *name;
  int32_t cp;
} ENTITIES[] = {{"amp", '&'},     {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
                {"apos", '\''},   {"nbsp", 0xA0},     {"ndash", 0x2013},  {"mdash", 0x2014},
                {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
                {"rdquo", 0x201D}};

static size_t numeric_entity(const int32_t *v, size_t i, int32_t *out) {
  size_t j = i + 2;
  int base = 10;
  if (v[j] == 'x' || v[j] == 'X') {
    base = 16;
    j++;
  }
  int32_t val = 0;
  size_t nd = 0;
  for (; nd < 7; nd++, j++) {
    int32_t c = v[j], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    else break;
    val = val * base + d;
  }
  if (nd == 0 || v[j] != ';' || val <= 0 || val > 0x10FFFF || (val >= 0xD800 && val <= 0xDFFF))
    return 0;
  *out = val;
  return j + 1;
}

/* Index after an entity starting at v[i] == '&' (its value in *out), or 0. */
static size_t entity_end(const int32_t *v, size_t i, int32_t *out) {
  if (v[i + 1] == '#') return numeric_entity(v, i, out);
  char name[8];
  size_t len = 0, j = i + 1;
  while (is_ascii_alpha(v[j]) && len < sizeof name - 1) name[len++] = (char)v[j++];
  name[len] = '\0';
  if (v[j] != ';') return 0;
  for (size_t k = 0; k < sizeof ENTITIES / sizeof ENTITIES[0]; k++) {
    if (strcmp(name, ENTITIES[k].name) == 0) {
      *out = ENTITIES[k].cp;
      return j + 1;
    }
  }
  return 0;
}

static void strip_html(cpvec *c) {
  int32_t *v = c->v;
  size_t w = 0;
  char name[16];
  size_t no_close = 0;
  for (size_t r = 0; r < c->n;) {
    int32_t cp;
    size_t e;
    if (v[r] == '<' && (e = tag_end(v, r, name, sizeof name, &no_close)) != 0) {
      int32_t rep = tag_replacement(name);
      if (rep) v[w++] = rep;
      r = e;
    } else if (v[r] == '&' && (e = entity_end(v, r, &cp)) != 0) {
      v[w++] = cp;
      r = e;
    } else {
      v[w++] = v[r++];
    }
  }
  c->n = w;
  v[w] = 0;
}

/* ---- Markdown emphasis ------------------------------------------------------------------- */

typedef struct delim {
  size_t pos, len;
  int32_t ch;
} delim;

static int32_t cp_at(const int32_t *v, size_t i) { return v[i] & ~DEL_FLAG; }

static bool paragraph_break(const int32_t *v, size_t i) {
  if (v[i] != '\n') return false;
  for (size_t j = i + 1; v[j]; j++) {
    if (v[j] == '\n') return true;
    if (!is_ws(v[j])) return false;
  }
  return false;
}

static void mark_deleted(int32_t *v, size_t from, size_t len) {
  for (size_t k = 0; k < len; k++) v[from + k] |= DEL_FLAG;
}

/* Handle the run v[i..i+len) of ch; returns nothing, updates the stack. */
static void emphasis_run(int32_t *v, size_t i, size_t len, delim *stack, size_t *depth) {
  int32_t ch = v[i];
  int32_t prev = i == 0 ? '\n' : cp_at(v, i - 1), next = v[i + len];
  bool left = !is_ws(next) && (!is_punct(next) || is_ws(prev) || is_punct(prev));
  bool right = !is_ws(prev) && (!is_punct(prev) || is_ws(next) || is_punct(next));
  bool can_open = left, can_close = right;
  if (ch == '_') {
    can_open = left && (!right || is_punct(prev));
    can_close = right && (!left || is_punct(next));
  }
  if (can_close) {
    for (size_t k = *depth; k-- > 0;) {
      if (stack[k].ch != ch) continue;
      size_t m = stack[k].len < len ? stack[k].len : len;
      mark_deleted(v, stack[k].pos + stack[k].len - m, m);
      mark_deleted(v, i, m);
      *depth = k;
      return;
    }
  }
  if (can_open && *depth < EMPH_STACK) stack[(*depth)++] = (delim){i, len, ch};
}

static void strip_emphasis(cpvec *c) {
  int32_t *v = c->v;
  delim stack[EMPH_STACK];
  size_t depth = 0;
  for (size_t i = 0; i < c->n;) {
    if (v[i] == '*' || v[i] == '_') {
      size_t len = 1;
      while (v[i + len] == v[i]) len++;
      emphasis_run(v, i, len, stack, &depth);
      i += len;
      continue;
    }
    if (paragraph_break(v, i)) depth = 0;
    i++;
  }
  size_t w = 0;
  for (size_t r = 0; r < c->n; r++)
    if (!(v[r] & DEL_FLAG)) v[w++] = v[r];
  c->n = w;
  v[w] = 0;
}

/* ---- matching key steps ------------------------------------------------------------------ */

static bool is_tone(int32_t c) {
  return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static bool is_vowel(int32_t c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Index of the base letter before index b (skipping marks), or SIZE_MAX. */
static size_t base_before(const int32_t *v, size_t a, size_t b) {
  while (b > a && is_mark(v[b - 1])) b--;
  return b > a ? b - 1 : SIZE_MAX;
}

/* In the lower-case NFD word v[a..b): move the tone mark of a final oa/oe/uy to the first
   vowel ("hoà" → "hòa", "uỷ" → "ủy"). */
static void fold_word_tone(int32_t *v, size_t a, size_t b) {
  size_t p2 = base_before(v, a, b);
  if (p2 == SIZE_MAX || b - p2 != 2 || !is_tone(v[p2 + 1])) return;
  size_t p1 = base_before(v, a, p2);
  if (p1 == SIZE_MAX || p2 - p1 != 1) return;
  int32_t x = v[p1], y = v[p2];
  if (!((x == 'o' && (y == 'a' || y == 'e')) || (x == 'u' && y == 'y'))) return;
  size_t p0 = base_before(v, a, p1);
  if (p0 != SIZE_MAX && (is_vowel(v[p0]) || (x == 'u' && v[p0] == 'q'))) return;
  v[p1 + 1] = v[p2 + 1];
  v[p1 + 2] = y;
}

static void fold_tones(cpvec *c) {
  int32_t *v = c->v;
  for (size_t i = 0; i < c->n;) {
    if (!is_letter_or_mark(v[i])) {
      i++;
      continue;
    }
    size_t a = i;
    while (i < c->n && is_letter_or_mark(v[i])) i++;
    fold_word_tone(v, a, i);
  }
}

static bool is_invisible(int32_t c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/* Dashes to '-', white space collapsed to single spaces and trimmed, invisibles dropped. */
static void fold_spaces_dashes(cpvec *c) {
  int32_t *v = c->v;
  size_t w = 0;
  bool pending = false;
  for (size_t r = 0; r < c->n; r++) {
    int32_t cp = v[r];
    if (is_invisible(cp)) continue;
    if (is_ws(cp)) {
      pending = w > 0;
      continue;
    }
    if (pending) v[w++] = ' ';
    pending = false;
    v[w++] = dvi_vn_is_dash(cp) ? '-' : cp;
  }
  c->n = w;
  v[w] = 0;
}

static void spaces_to_plain(cpvec *c) {
  for (size_t i = 0; i < c->n; i++)
    if (c->v[i] >= 0x80 && utf8proc_category(c->v[i]) == UTF8PROC_CATEGORY_ZS) c->v[i] = ' ';
}

/* ---- public ------------------------------------------------------------------------------ */

int32_t dvi_text_normalize_n(char **out, const char *s, size_t len) {
  cpvec c;
  int32_t rc = decode(&c, s, len, true, custom_eth);
  if (rc) return rc;
  spaces_to_plain(&c);
  compose(&c);
  rc = encode(out, &c);
  dvi_free(c.v);
  return rc;
}

int32_t danvan_text_normalize(char **out, const char *text) {
  DVI_CHECK_ARG(out && text);
  size_t len;
  int32_t rc = check_text(text, &len);
  if (rc) return rc;
  return dvi_text_normalize_n(out, text, len);
}

/* Markup removed from valid UTF-8, as a new string. */
static int32_t strip_to_string(char **out, const char *text, size_t len) {
  cpvec c;
  int32_t rc = decode(&c, text, len, false, NULL);
  if (rc) return rc;
  strip_html(&c);
  strip_emphasis(&c);
  rc = encode(out, &c);
  dvi_free(c.v);
  return rc;
}

int32_t danvan_text_match_key(char **out, const char *text) {
  DVI_CHECK_ARG(out && text);
  size_t len;
  int32_t rc = check_text(text, &len);
  if (rc) return rc;
  char *plain;
  rc = strip_to_string(&plain, text, len);
  if (rc) return rc;
  cpvec c;
  rc = decode(&c, plain, strlen(plain), true, custom_eth_lower);
  dvi_free(plain);
  if (rc) return rc;
  fold_spaces_dashes(&c);
  fold_tones(&c);
  compose(&c);
  rc = encode(out, &c);
  dvi_free(c.v);
  return rc;
}

int32_t danvan_text_strip_markup(char **out, const char *text) {
  DVI_CHECK_ARG(out && text);
  size_t len;
  int32_t rc = check_text(text, &len);
  if (rc) return rc;
  return strip_to_string(out, text, len);
}
