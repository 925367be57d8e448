/* Evaluation as CSV (RFC 4180, UTF-8 with a byte-order mark). */
#include <string.h>

#include "output/out.h"

static void field(dvi_buf *b, const char *s) {
  if (!s) return;
  if (!strpbrk(s, ",\"\r\n")) {
    dvi_buf_adds(b, s);
    return;
  }
  dvi_buf_addc(b, '"');
  for (; *s; s++) {
    if (*s == '"') dvi_buf_addc(b, '"');
    dvi_buf_addc(b, *s);
  }
  dvi_buf_addc(b, '"');
}

static bool has_col(int32_t table, int32_t col) { return danvan_evaluation_column_type(table, col) != 0; }

int32_t danvan_evaluation_to_csv(char **out, size_t *out_len, const danvan_evaluation *ev,
                                 int32_t table) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  if (out_len) *out_len = 0;
  int32_t rc = dvo_check(ev, "danvan_evaluation_to_csv");
  if (rc) return rc;
  DVI_CHECK_ARG(table >= 0 && table < DANVAN_EVAL_TABLE_COUNT);
  /* the columns: those of the table, or the union of all in order of first appearance */
  int32_t cols[DANVAN_COL_COUNT];
  size_t ncols = 0;
  int32_t first = table ? table : 1, last = table ? table : DANVAN_EVAL_TABLE_COUNT - 1;
  for (int32_t t = first; t <= last; t++)
    for (size_t i = 0; i < danvan_evaluation_column_count(t); i++) {
      int32_t c = danvan_evaluation_column(t, i);
      bool have = false;
      for (size_t k = 0; k < ncols; k++) have = have || cols[k] == c;
      if (!have) cols[ncols++] = c;
    }
  dvi_buf b;
  dvi_buf_init(&b);
  dvi_buf_adds(&b, "\xEF\xBB\xBF");
  if (!table) dvi_buf_adds(&b, "section,");
  for (size_t k = 0; k < ncols; k++) {
    if (k) dvi_buf_addc(&b, ',');
    dvi_buf_adds(&b, danvan_evaluation_column_name(cols[k]));
  }
  dvi_buf_adds(&b, "\r\n");
  char buf[64];
  for (int32_t t = first; t <= last; t++)
    for (size_t r = 0; r < danvan_evaluation_row_count(ev, t); r++) {
      if (!table) {
        dvi_buf_adds(&b, danvan_evaluation_table_name(t));
        dvi_buf_addc(&b, ',');
      }
      for (size_t k = 0; k < ncols; k++) {
        if (k) dvi_buf_addc(&b, ',');
        if (has_col(t, cols[k])) field(&b, dvo_cell(ev, t, cols[k], r, buf));
      }
      dvi_buf_adds(&b, "\r\n");
    }
  return dvo_take(&b, out, out_len);
}
