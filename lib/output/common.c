/* Shared helpers of the writers. */
#include <stdio.h>
#include <string.h>

#include "output/out.h"

int32_t dvo_check(const danvan_evaluation *ev, const char *what) {
  if (!ev) return dvi_error(DANVAN_EINVAL, "%s: the evaluation is NULL", what);
  if (!ev->finished) return dvi_error(DANVAN_EINVAL, "%s: the evaluation is not finished", what);
  return DANVAN_OK;
}

int32_t dvo_take(dvi_buf *b, char **out, size_t *out_len) {
  size_t len = b->len;
  char *s = dvi_buf_take(b);
  if (!s) return dvi_error(DANVAN_ENOMEM, "out of memory");
  *out = s;
  if (out_len) *out_len = len;
  return DANVAN_OK;
}

void dvo_escape(dvi_buf *b, const char *s) {
  const char *run = s;
  for (; *s; s++) {
    const char *rep = NULL;
    switch (*s) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default: break;
    }
    if (!rep) continue;
    dvi_buf_add(b, run, (size_t)(s - run));
    dvi_buf_adds(b, rep);
    run = s + 1;
  }
  dvi_buf_add(b, run, (size_t)(s - run));
}

ev_cellval dvo_val(const danvan_evaluation *ev, int32_t table, int32_t column, size_t row) {
  ev_cellval v;
  if (dvi_ev_cell(&v, ev, table, column, row) != DANVAN_OK) {
    memset(&v, 0, sizeof v);
    v.empty = true;
  }
  return v;
}

const char *dvo_cell(const danvan_evaluation *ev, int32_t table, int32_t column, size_t row,
                     char *buf) {
  ev_cellval v = dvo_val(ev, table, column, row);
  if (v.empty) return NULL;
  if (column == DANVAN_COL_STATUS) return danvan_slot_status_name((int32_t)v.i);
  return dvi_ev_cell_text(&v, buf);
}

/* digits with '.' every three from the right */
static void grouped(dvi_buf *b, const char *digits, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) dvi_buf_addc(b, '.');
    dvi_buf_addc(b, digits[i]);
  }
}

void dvo_vn_decimal(dvi_buf *b, ev_dec d) {
  char buf[48];
  dvi_decimal_write(buf, d.c, d.s);
  const char *p = buf;
  if (*p == '-') dvi_buf_addc(b, *p++);
  const char *dot = strchr(p, '.');
  grouped(b, p, dot ? (size_t)(dot - p) : strlen(p));
  if (dot) {
    dvi_buf_addc(b, ',');
    dvi_buf_adds(b, dot + 1);
  }
}

int64_t dvo_dec_e4(ev_dec d) {
  int64_t c = d.c;
  int32_t s = d.s;
  for (; s < 4; s++) {
    if (c > INT64_MAX / 10 || c < INT64_MIN / 10) return c < 0 ? INT64_MIN : INT64_MAX;
    c *= 10;
  }
  if (s == 4) return c;
  int64_t p = 1;
  for (; s > 4; s--) p *= 10;
  int64_t q = c / p, r = c % p;
  if (r >= p - r) q++;        /* r >= p/2, without overflow */
  else if (-r >= p + r) q--;  /* negative side */
  return q;
}

void dvo_vn_percent(dvi_buf *b, int64_t e4) {
  ev_dec d = {e4, 2}; /* e4 / 10^4 × 100 */
  dvo_vn_decimal(b, d);
  dvi_buf_addc(b, '%');
}

void dvo_vn_date(dvi_buf *b, int32_t date) {
  dvi_buf_printf(b, "%02d/%02d/%04d", (int)(date % 100), (int)(date / 100 % 100), (int)(date / 10000));
}

void dvo_vn_datetime(dvi_buf *b, int64_t t) {
  int32_t date = 0, minutes = 0;
  if (danvan_datetime_to_parts(&date, &minutes, t) != DANVAN_OK) return;
  int64_t secs = ((t % 60) + 60) % 60;
  if (secs)
    dvi_buf_printf(b, "%02d:%02d:%02d ", (int)(minutes / 60), (int)(minutes % 60), (int)secs);
  else
    dvi_buf_printf(b, "%02d:%02d ", (int)(minutes / 60), (int)(minutes % 60));
  dvo_vn_date(b, date);
}

size_t dvo_utf8_next(const char *s, uint32_t *cp) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n;
  uint32_t v;
  if (*p < 0x80) { v = *p; n = 1; }
  else if ((*p & 0xE0) == 0xC0) { v = *p & 0x1Fu; n = 2; }
  else if ((*p & 0xF0) == 0xE0) { v = *p & 0x0Fu; n = 3; }
  else { v = *p & 0x07u; n = 4; }
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) { n = i; break; }
    v = (v << 6) | (p[i] & 0x3Fu);
  }
  *cp = v;
  return n;
}

static bool combining(uint32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

size_t dvo_width(const char *s) {
  size_t w = 0;
  while (*s) {
    uint32_t cp;
    s += dvo_utf8_next(s, &cp);
    if (!combining(cp)) w++;
  }
  return w;
}

void dvo_truncate(dvi_buf *b, const char *s, size_t n) {
  if (dvo_width(s) <= n) {
    dvi_buf_adds(b, s);
    return;
  }
  size_t taken = 0;
  while (*s) {
    uint32_t cp;
    size_t len = dvo_utf8_next(s, &cp);
    if (!combining(cp)) {
      if (taken + 1 >= n) break;
      taken++;
    }
    dvi_buf_add(b, s, len);
    s += len;
  }
  dvi_buf_adds(b, "…");
}

const char *dvo_level_vi(const char *level) {
  static const char *const map[][2] = {
      {"country", "trung ương"}, {"province", "tỉnh"},      {"city", "thành phố"},
      {"district", "huyện"},     {"commune", "xã"},         {"ward", "phường"},
      {"town", "thị trấn"},      {"special-zone", "đặc khu"}, {"hamlet", "ấp"},
      {"village", "thôn"},       {"residential-group", "tổ dân phố"}, {"district-town", "thị xã"},
      {"provincial-city", "thành phố"}};
  if (!level) return "";
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], level) == 0) return map[i][1];
  return level;
}

const char *dvo_label(const danvan_evaluation *ev, const char *id) {
  const char *l = danvan_evaluation_label(ev, id);
  return l ? l : id;
}

const char *dvo_status_vi(int32_t status) {
  switch (status) {
    case DANVAN_SLOT_ON_TIME: return "đúng hạn";
    case DANVAN_SLOT_EARLY: return "sớm";
    case DANVAN_SLOT_LATE: return "trễ hạn";
    case DANVAN_SLOT_MISSING: return "không nộp";
    default: return "chưa đến hạn";
  }
}

const char *dvo_status_mark(int32_t status) {
  switch (status) {
    case DANVAN_SLOT_ON_TIME: return "Đ";
    case DANVAN_SLOT_EARLY: return "S";
    case DANVAN_SLOT_LATE: return "T";
    case DANVAN_SLOT_MISSING: return "K";
    default: return "·";
  }
}

const size_t *dvo_ranking(const danvan_evaluation *ev) { return ev->ranking; }
