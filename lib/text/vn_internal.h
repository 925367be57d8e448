/*
 * Private interface of the Vietnamese text layer: a character reader that composes NFD input on
 * the fly and folds case, spaces, dashes and Ð; keyword matching; shared number, date and time
 * readers. Never installed.
 *
 * Internal readers never touch the thread's last error: they fill a dvi_vn_err and return the
 * code, and the public function that gives up calls dvi_vn_raise(). That way a parser that tries
 * several forms and succeeds leaves the last error as it was.
 */
#ifndef DVI_VN_INTERNAL_H
#define DVI_VN_INTERNAL_H

#include "core/internal.h"
#include "danvan/vn.h"

/* ---- characters --------------------------------------------------------------------------- */
#define DVI_VN_END (-1)        /* end of the text */
#define DVI_VN_BAD (-2)        /* a byte that does not start valid UTF-8 */
#define DVI_VN_OTHER 0x110000  /* a base + marks that do not compose into one code point */

typedef struct dvi_vn_ch {
  int32_t cp;  /* folded: lower case, Ð/ð/Đ → đ, Unicode spaces and tab → ' ', dashes → '-' */
  int32_t raw; /* the composed code point as written (case kept) */
  size_t next; /* byte offset just after the character and its combining marks */
} dvi_vn_ch;

/* The character starting at byte pos of s (s NUL-terminated). */
void dvi_vn_at(dvi_vn_ch *out, const char *s, size_t pos);
/* Letter (or mark, or an unmatchable composed character). */
bool dvi_vn_is_letter(const dvi_vn_ch *c);
/* Letter or ASCII digit: what continues a word. */
bool dvi_vn_is_wordch(const dvi_vn_ch *c);
/* A dash variant (hyphen-minus included). */
bool dvi_vn_is_dash(int32_t cp);
/* Skip spaces and tabs (any Unicode space); dvi_vn_skip_space also skips line breaks. */
size_t dvi_vn_skip_blank(const char *s, size_t pos);
size_t dvi_vn_skip_space(const char *s, size_t pos);
/* Match one folded character; *end receives the offset after it. */
bool dvi_vn_char(const char *s, size_t pos, int32_t cp, size_t *end);
/* Match a keyword (lower-case NFC literal; a ' ' in it matches one or more blanks) not followed by
   a letter. A text letter that lacks the keyword letter's diacritics also matches. */
bool dvi_vn_word(const char *s, size_t pos, const char *word, size_t *end);
/* The first keyword of a NULL-terminated list that matches; -1 when none. */
int dvi_vn_words(const char *s, size_t pos, const char *const *words, size_t *end);

/* ---- digits --------------------------------------------------------------------------------- */
static inline bool dvi_vn_digit(char c) { return c >= '0' && c <= '9'; }
/* Count of ASCII digits from pos. */
size_t dvi_vn_ndigits(const char *s, size_t pos);
/* Read n digits (n <= 9) as an integer. */
int32_t dvi_vn_digits_value(const char *s, size_t pos, size_t n);

/* ---- errors --------------------------------------------------------------------------------- */
typedef struct dvi_vn_err {
  int32_t code;
  size_t off;
  const char *msg;
} dvi_vn_err;
/* Record a failure (the first one with the largest offset wins) and return code. */
int32_t dvi_vn_fail(dvi_vn_err *e, int32_t code, size_t off, const char *msg);
/* Set the thread's last error from e, with line and column computed in text; returns the code. */
int32_t dvi_vn_raise(const char *text, const dvi_vn_err *e, const char *what);

/* ---- numbers -------------------------------------------------------------------------------- */
typedef struct dvi_vn_num {
  int64_t coef;
  int32_t scale;
  uint32_t flags; /* DANVAN_VN_NUM_* */
  size_t end;
} dvi_vn_num;
int32_t dvi_vn_read_number(dvi_vn_num *out, const char *s, size_t pos, dvi_vn_err *err);
/* coef x 10^-scale x 10^exp as a whole number: EPARSE when not whole, ELIMIT on overflow. */
int32_t dvi_vn_to_whole(int64_t *out, int64_t coef, int32_t scale, int32_t exp);

/* ---- dates and times ------------------------------------------------------------------------ */
typedef struct dvi_vn_dmy {
  int32_t d, m, y;
  bool blank_day; /* the day was written as a blank or dots */
  size_t end;
} dvi_vn_dmy;
/* Read any date form; parts not written are 0. Fails only when nothing date-like is there. */
int32_t dvi_vn_read_dmy(dvi_vn_dmy *out, const char *s, size_t pos, dvi_vn_err *err);
/* Read a complete date (partial only with a blank day or "tháng M/Y"); validates it. */
int32_t dvi_vn_read_date(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err);
int32_t dvi_vn_read_time(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err);
int32_t dvi_vn_read_roman(int32_t *out, size_t *end, const char *s, size_t pos, dvi_vn_err *err);

/* ---- normalisation -------------------------------------------------------------------------- */
/* danvan_text_normalize() of the first len bytes of s (which must be valid UTF-8). */
int32_t dvi_text_normalize_n(char **out, const char *s, size_t len);
/* NFC of valid UTF-8, as code points: *out (dvi_malloc'd) holds *outn of them and a 0 after.
   Linear in the length, whatever the runs of combining marks. */
int32_t dvi_text_nfc32(int32_t **out, size_t *outn, const char *s, size_t len);
/* Offset of the first invalid UTF-8 byte in s[0..len), or len when all is valid. */
size_t dvi_utf8_check(const char *s, size_t len);
/* Append code point cp as UTF-8. */
void dvi_buf_add_cp(dvi_buf *b, int32_t cp);

#endif
