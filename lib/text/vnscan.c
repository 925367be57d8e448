/* Character reader for the Vietnamese parsers: composes NFD on the fly, folds case, spaces,
   dashes and the look-alike Ð; keyword matching; errors with offsets. */
#include <string.h>
#include <utf8proc.h>

#include "text/vn_internal.h"

#define SEG_MAX_MARKS 12
#define SEG_BUF 24

bool dvi_vn_is_dash(int32_t cp) {
  switch (cp) {
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return true;
    default:
      return false;
  }
}

static int32_t fold(int32_t raw) {
  if (raw < 0x80) {
    if (raw >= 'A' && raw <= 'Z') return raw + ('a' - 'A');
    return raw == '\t' ? ' ' : raw;
  }
  if (raw == 0xD0 || raw == 0xF0 || raw == 0x110) return 0x111;
  if (dvi_vn_is_dash(raw)) return '-';
  if (utf8proc_category(raw) == UTF8PROC_CATEGORY_ZS) return ' ';
  return utf8proc_tolower(raw);
}

/* Compose the bytes s[start..end) (a starter and its marks) into one code point if possible. */
static int32_t compose_segment(const char *s, size_t start, size_t end) {
  utf8proc_int32_t buf[SEG_BUF];
  utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s + start,
                                          (utf8proc_ssize_t)(end - start), buf, SEG_BUF,
                                          UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
  if (n <= 0 || n > SEG_BUF) return DVI_VN_OTHER;
  n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  return n == 1 ? buf[0] : DVI_VN_OTHER;
}

void dvi_vn_at(dvi_vn_ch *out, const char *s, size_t pos) {
  const unsigned char *p = (const unsigned char *)s + pos;
  if (p[0] == 0) {
    out->cp = out->raw = DVI_VN_END;
    out->next = pos;
    return;
  }
  if (p[0] < 0x80 && p[1] < 0x80) { /* fast path: no combining mark can follow */
    out->raw = p[0];
    out->cp = fold(p[0]);
    out->next = pos + 1;
    return;
  }
  utf8proc_int32_t c0;
  utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c0);
  if (n <= 0) {
    out->cp = out->raw = DVI_VN_BAD;
    out->next = pos + 1;
    return;
  }
  size_t end = pos + (size_t)n;
  int marks = 0;
  for (;;) {
    utf8proc_int32_t c;
    utf8proc_ssize_t m = utf8proc_iterate((const unsigned char *)s + end, -1, &c);
    if (m <= 0 || utf8proc_get_property(c)->combining_class == 0) break;
    end += (size_t)m;
    marks++;
  }
  int32_t raw = c0;
  if (marks > SEG_MAX_MARKS) raw = DVI_VN_OTHER;
  else if (marks > 0) raw = compose_segment(s, pos, end);
  out->raw = raw;
  out->cp = raw == DVI_VN_OTHER ? DVI_VN_OTHER : fold(raw);
  out->next = end;
}

bool dvi_vn_is_letter(const dvi_vn_ch *c) {
  if (c->raw == DVI_VN_OTHER) return true;
  if (c->raw < 0) return false;
  if (c->raw < 0x80) return (c->raw | 0x20) >= 'a' && (c->raw | 0x20) <= 'z';
  utf8proc_category_t cat = utf8proc_category(c->raw);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

bool dvi_vn_is_wordch(const dvi_vn_ch *c) {
  return (c->raw >= '0' && c->raw <= '9') || dvi_vn_is_letter(c);
}

size_t dvi_vn_skip_blank(const char *s, size_t pos) {
  dvi_vn_ch c;
  for (;;) {
    dvi_vn_at(&c, s, pos);
    if (c.cp != ' ') return pos;
    pos = c.next;
  }
}

size_t dvi_vn_skip_space(const char *s, size_t pos) {
  dvi_vn_ch c;
  for (;;) {
    dvi_vn_at(&c, s, pos);
    if (c.cp != ' ' && c.cp != '\n' && c.cp != '\r') return pos;
    pos = c.next;
  }
}

bool dvi_vn_char(const char *s, size_t pos, int32_t cp, size_t *end) {
  dvi_vn_ch c;
  dvi_vn_at(&c, s, pos);
  if (c.cp != cp) return false;
  *end = c.next;
  return true;
}

/* The keyword letter without its diacritics ('ấ' → 'a', 'đ' → 'd'). */
static int32_t bare(int32_t k) {
  if (k < 0x80) return k;
  if (k == 0x111) return 'd';
  utf8proc_int32_t buf[4];
  utf8proc_ssize_t n = utf8proc_decompose_char(k, buf, 4, UTF8PROC_DECOMPOSE, NULL);
  return (n >= 1 && n <= 4) ? buf[0] : k;
}

bool dvi_vn_word(const char *s, size_t pos, const char *word, size_t *end) {
  const unsigned char *w = (const unsigned char *)word;
  size_t p = pos;
  int32_t last = 0;
  while (*w) {
    utf8proc_int32_t k;
    utf8proc_ssize_t n = utf8proc_iterate(w, -1, &k);
    if (n <= 0) return false;
    w += n;
    last = k;
    if (k == ' ') {
      size_t q = dvi_vn_skip_blank(s, p);
      if (q == p) return false;
      p = q;
      continue;
    }
    dvi_vn_ch c;
    dvi_vn_at(&c, s, p);
    if (c.cp != k && c.cp != bare(k)) return false;
    p = c.next;
  }
  /* a keyword ending in a letter must not run into another letter; digits may follow
     ("ngày22", a space lost in extraction) */
  dvi_vn_ch c;
  dvi_vn_at(&c, s, p);
  dvi_vn_ch l = {last, last, 0};
  if (dvi_vn_is_letter(&l) && dvi_vn_is_letter(&c)) return false;
  *end = p;
  return true;
}

int dvi_vn_words(const char *s, size_t pos, const char *const *words, size_t *end) {
  for (int i = 0; words[i]; i++)
    if (dvi_vn_word(s, pos, words[i], end)) return i;
  return -1;
}

size_t dvi_vn_ndigits(const char *s, size_t pos) {
  size_t n = 0;
  while (dvi_vn_digit(s[pos + n])) n++;
  return n;
}

int32_t dvi_vn_digits_value(const char *s, size_t pos, size_t n) {
  int32_t v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (s[pos + i] - '0');
  return v;
}

int32_t dvi_vn_fail(dvi_vn_err *e, int32_t code, size_t off, const char *msg) {
  if (e && (!e->msg || off >= e->off)) {
    e->code = code;
    e->off = off;
    e->msg = msg;
  }
  return code;
}

int32_t dvi_vn_raise(const char *text, const dvi_vn_err *e, const char *what) {
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < e->off && text[i]; i++) {
    if (text[i] == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return dvi_error_at(e->code, "<memory>", line, col, (int64_t)e->off, "%s: %s", what,
                      e->msg ? e->msg : "cannot be read");
}
