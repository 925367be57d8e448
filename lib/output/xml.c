/* Evaluation as XML, format v1 section `evaluation` (FORMAT.md "Evaluation output"). */
#include <string.h>

#include "output/out.h"

static void attrs(dvi_buf *b, const danvan_evaluation *ev, int32_t table, size_t row,
                  size_t skip_first) {
  char buf[64];
  for (size_t i = skip_first; i < danvan_evaluation_column_count(table); i++) {
    int32_t col = danvan_evaluation_column(table, i);
    const char *t = dvo_cell(ev, table, col, row, buf);
    if (!t) continue;
    dvi_buf_addc(b, ' ');
    dvi_buf_adds(b, danvan_evaluation_column_name(col));
    dvi_buf_add(b, "=\"", 2);
    dvo_escape(b, t);
    dvi_buf_addc(b, '"');
  }
}

static void rows(dvi_buf *b, const danvan_evaluation *ev, int32_t table) {
  const char *name = danvan_evaluation_table_name(table);
  for (size_t r = 0; r < danvan_evaluation_row_count(ev, table); r++) {
    dvi_buf_printf(b, "    <%s", name);
    attrs(b, ev, table, r, 0);
    dvi_buf_adds(b, "/>\n");
  }
}

static const char *const TALLY_NAMES[DANVAN_TALLY_COUNT] = {
    "seen", "counted", "other-plan", "not-final", "future", "repeated",
    "matched", "credited", "out-of-scope", "untimed"};

int32_t danvan_evaluation_to_xml(char **out, size_t *out_len, const danvan_evaluation *ev) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  if (out_len) *out_len = 0;
  int32_t rc = dvo_check(ev, "danvan_evaluation_to_xml");
  if (rc) return rc;
  dvi_buf b;
  dvi_buf_init(&b);
  char when[32];
  dvi_datetime_write(when, ev->as_of);
  dvi_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n  <evaluation plan=\"");
  dvo_escape(&b, ev->plan_id);
  dvi_buf_printf(&b, "\" as-of=\"%s\">\n", when);
  /* duty-status rows, each with its slots (slot rows come in the same order) */
  size_t s = 0;
  for (size_t r = 0; r < ev->nduty_rows; r++) {
    dvi_buf_adds(&b, "    <duty-status");
    attrs(&b, ev, DANVAN_EVAL_DUTIES, r, 0);
    int64_t n = ev->duty_rows[r].slots;
    if (!n) {
      dvi_buf_adds(&b, "/>\n");
      continue;
    }
    dvi_buf_adds(&b, ">\n");
    for (int64_t k = 0; k < n && s < ev->nslot_rows; k++, s++) {
      dvi_buf_adds(&b, "      <slot");
      attrs(&b, ev, DANVAN_EVAL_SLOTS, s, 2); /* duty and org are the parent's */
      dvi_buf_adds(&b, "/>\n");
    }
    dvi_buf_adds(&b, "    </duty-status>\n");
  }
  rows(&b, ev, DANVAN_EVAL_QUOTAS);
  rows(&b, ev, DANVAN_EVAL_RESULTS);
  rows(&b, ev, DANVAN_EVAL_SCORES);
  dvi_buf_adds(&b, "    <reports");
  for (int i = 0; i < DANVAN_TALLY_COUNT; i++)
    dvi_buf_printf(&b, " %s=\"%lld\"", TALLY_NAMES[i], (long long)ev->tally[i]);
  dvi_buf_adds(&b, "/>\n  </evaluation>\n</danvan>\n");
  return dvo_take(&b, out, out_len);
}
