/* Evaluation as text tables for a terminal, Vietnamese labels. */
#include <string.h>

#include "output/out.h"

/* ---- a table of text cells --------------------------------------------------------------- */
typedef struct ttable {
  size_t ncols;
  const char *const *head;
  const bool *right;
  char **cells; /* rows × ncols, dvi_malloc'd strings */
  size_t nrows, cap;
  bool failed;
} ttable;

static void tt_row(ttable *t, dvi_buf *cells /* ncols buffers */) {
  if (t->failed) return;
  if (t->nrows == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 16;
    char **c = dvi_realloc(t->cells, cap * t->ncols * sizeof *c);
    if (!c) {
      t->failed = true;
      return;
    }
    t->cells = c;
    t->cap = cap;
  }
  for (size_t i = 0; i < t->ncols; i++) {
    bool empty = cells[i].len == 0 && !cells[i].failed;
    char *s = empty ? dvi_strdup("") : dvi_buf_take(&cells[i]);
    dvi_buf_free(&cells[i]);
    if (!s) t->failed = true;
    t->cells[t->nrows * t->ncols + i] = s;
  }
  t->nrows++;
}

static void pad(dvi_buf *b, size_t n) {
  for (size_t i = 0; i < n; i++) dvi_buf_addc(b, ' ');
}

static void tt_render(dvi_buf *b, ttable *t) {
  if (t->failed) {
    b->failed = true;
  } else {
    size_t w[16] = {0};
    for (size_t c = 0; c < t->ncols; c++) {
      w[c] = dvo_width(t->head[c]);
      for (size_t r = 0; r < t->nrows; r++) {
        size_t x = dvo_width(t->cells[r * t->ncols + c]);
        if (x > w[c]) w[c] = x;
      }
    }
    for (size_t r = 0; r <= t->nrows + 1; r++) {
      dvi_buf line;
      dvi_buf_init(&line);
      for (size_t c = 0; c < t->ncols; c++) {
        const char *s = r == 0 ? t->head[c] : r == 1 ? NULL : t->cells[(r - 2) * t->ncols + c];
        if (c) dvi_buf_adds(&line, "  ");
        if (!s) {
          for (size_t i = 0; i < w[c]; i++) dvi_buf_addc(&line, '-');
          continue;
        }
        size_t sw = dvo_width(s);
        if (t->right[c] && r > 0) pad(&line, w[c] - sw);
        dvi_buf_adds(&line, s);
        if (!(t->right[c] && r > 0)) pad(&line, w[c] - sw);
      }
      while (line.len && line.data[line.len - 1] == ' ') line.data[--line.len] = '\0';
      if (line.len) dvi_buf_add(b, line.data, line.len);
      if (line.failed) b->failed = true;
      dvi_buf_addc(b, '\n');
      dvi_buf_free(&line);
    }
  }
  for (size_t i = 0; i < t->nrows * t->ncols; i++) dvi_free(t->cells[i]);
  dvi_free(t->cells);
  memset(t, 0, sizeof *t);
}

/* ---- cells ------------------------------------------------------------------------------- */
static void put_int(dvi_buf *c, const danvan_evaluation *ev, int32_t table, int32_t col, size_t r) {
  ev_cellval v = dvo_val(ev, table, col, r);
  if (!v.empty) {
    ev_dec d = {v.i, 0};
    dvo_vn_decimal(c, d);
  }
}

static void put_dec(dvi_buf *c, const danvan_evaluation *ev, int32_t table, int32_t col, size_t r) {
  ev_cellval v = dvo_val(ev, table, col, r);
  if (!v.empty) dvo_vn_decimal(c, v.d);
  else dvi_buf_adds(c, "—");
}

static void put_pct(dvi_buf *c, const danvan_evaluation *ev, int32_t table, int32_t col, size_t r) {
  ev_cellval v = dvo_val(ev, table, col, r);
  if (!v.empty) dvo_vn_percent(c, v.e4);
  else dvi_buf_adds(c, "—");
}

static void put_met(dvi_buf *c, const danvan_evaluation *ev, int32_t table, size_t r) {
  ev_cellval v = dvo_val(ev, table, DANVAN_COL_MET, r);
  dvi_buf_adds(c, v.i ? "Đạt" : "Chưa đạt");
}

static void put_str(dvi_buf *c, const danvan_evaluation *ev, int32_t table, int32_t col, size_t r) {
  ev_cellval v = dvo_val(ev, table, col, r);
  if (!v.empty && v.s) dvi_buf_adds(c, v.s);
}

static void section(dvi_buf *b, const char *title) {
  dvi_buf_printf(b, "\n%s\n", title);
}

int32_t danvan_evaluation_to_text(char **out, size_t *out_len, const danvan_evaluation *ev) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  if (out_len) *out_len = 0;
  int32_t rc = dvo_check(ev, "danvan_evaluation_to_text");
  if (rc) return rc;
  dvi_buf b;
  dvi_buf_init(&b);
  dvi_buf c[16];
  for (size_t i = 0; i < 16; i++) dvi_buf_init(&c[i]);

  dvi_buf_adds(&b, "ĐÁNH GIÁ THỰC HIỆN KẾ HOẠCH\n");
  const char *title = danvan_evaluation_label(ev, ev->plan_id);
  dvi_buf_printf(&b, "Kế hoạch: %s%s%s%s\n", title ? title : ev->plan_id, title ? " (" : "",
                 title ? ev->plan_id : "", title ? ")" : "");
  dvi_buf_adds(&b, "Thời điểm đánh giá: ");
  dvo_vn_datetime(&b, ev->as_of);
  dvi_buf_adds(&b, " (giờ Việt Nam, UTC+07:00)\n");

  /* ranking */
  if (ev->nscore_rows) {
    section(&b, "XẾP HẠNG THI ĐUA");
    static const char *const head[] = {"Cấp", "Hạng", "Đơn vị", "Tên", "Điểm", "Chỉ tiêu", "Kịp thời"};
    static const bool right[] = {false, true, false, false, true, true, true};
    ttable t = {7, head, right, NULL, 0, 0, false};
    const size_t *order = dvo_ranking(ev);
    for (size_t k = 0; k < ev->nscore_rows; k++) {
      size_t r = order[k];
      const ev_score_row *s = &ev->score_rows[r];
      dvi_buf_adds(&c[0], dvo_level_vi(s->level));
      put_int(&c[1], ev, DANVAN_EVAL_SCORES, DANVAN_COL_RANK, r);
      dvi_buf_adds(&c[2], s->org);
      dvo_truncate(&c[3], dvo_label(ev, s->org), 40);
      put_pct(&c[4], ev, DANVAN_EVAL_SCORES, DANVAN_COL_VALUE, r);
      put_pct(&c[5], ev, DANVAN_EVAL_SCORES, DANVAN_COL_QUOTA_SHARE, r);
      put_pct(&c[6], ev, DANVAN_EVAL_SCORES, DANVAN_COL_TIMELINESS, r);
      tt_row(&t, c);
    }
    tt_render(&b, &t);
  }

  /* quota results */
  if (ev->nresult_rows) {
    section(&b, "KẾT QUẢ CHỈ TIÊU");
    static const char *const head[] = {"Chỉ tiêu", "Cách tính", "Số đơn vị", "Đơn vị đạt",
                                       "Tỉ lệ đạt", "Yêu cầu", "Tổng đạt được", "Kết quả"};
    static const bool right[] = {false, false, true, true, true, true, true, false};
    ttable t = {8, head, right, NULL, 0, 0, false};
    for (size_t r = 0; r < ev->nresult_rows; r++) {
      const ev_result_row *q = &ev->result_rows[r];
      dvi_buf_adds(&c[0], q->quota);
      dvi_buf_adds(&c[1], strcmp(q->mode, "total") == 0 ? "tổng cộng" : "từng đơn vị");
      put_int(&c[2], ev, DANVAN_EVAL_RESULTS, DANVAN_COL_UNITS, r);
      put_int(&c[3], ev, DANVAN_EVAL_RESULTS, DANVAN_COL_MET_UNITS, r);
      put_pct(&c[4], ev, DANVAN_EVAL_RESULTS, DANVAN_COL_COVERAGE, r);
      dvo_vn_percent(&c[5], dvo_dec_e4(q->required));
      put_dec(&c[6], ev, DANVAN_EVAL_RESULTS, DANVAN_COL_ACHIEVED, r);
      put_met(&c[7], ev, DANVAN_EVAL_RESULTS, r);
      tt_row(&t, c);
    }
    tt_render(&b, &t);
    for (size_t r = 0; r < ev->nresult_rows; r++) {
      const char *l = danvan_evaluation_label(ev, ev->result_rows[r].quota);
      if (l) dvi_buf_printf(&b, "  %s: %s\n", ev->result_rows[r].quota, l);
    }
  }

  /* quota status by unit */
  if (ev->nquota_rows) {
    section(&b, "CHỈ TIÊU THEO ĐƠN VỊ");
    static const char *const head[] = {"Chỉ tiêu", "Đơn vị", "Đạt được", "Kết quả"};
    static const bool right[] = {false, false, true, false};
    ttable t = {4, head, right, NULL, 0, 0, false};
    for (size_t r = 0; r < ev->nquota_rows; r++) {
      put_str(&c[0], ev, DANVAN_EVAL_QUOTAS, DANVAN_COL_QUOTA, r);
      put_str(&c[1], ev, DANVAN_EVAL_QUOTAS, DANVAN_COL_ORG, r);
      put_dec(&c[2], ev, DANVAN_EVAL_QUOTAS, DANVAN_COL_ACHIEVED, r);
      put_met(&c[3], ev, DANVAN_EVAL_QUOTAS, r);
      tt_row(&t, c);
    }
    tt_render(&b, &t);
  }

  /* duties */
  if (ev->nduty_rows) {
    section(&b, "CHẾ ĐỘ BÁO CÁO");
    static const char *const head[] = {"Báo cáo", "Đơn vị", "Phải nộp", "Đúng hạn", "Sớm",
                                       "Trễ hạn", "Không nộp", "Chưa đến hạn", "Đầy đủ",
                                       "Kịp thời"};
    static const bool right[] = {false, false, true, true, true, true, true, true, true, true};
    ttable t = {10, head, right, NULL, 0, 0, false};
    static const int32_t cols[] = {DANVAN_COL_DUE, DANVAN_COL_ON_TIME, DANVAN_COL_EARLY,
                                   DANVAN_COL_LATE, DANVAN_COL_MISSING, DANVAN_COL_PENDING};
    for (size_t r = 0; r < ev->nduty_rows; r++) {
      put_str(&c[0], ev, DANVAN_EVAL_DUTIES, DANVAN_COL_DUTY, r);
      put_str(&c[1], ev, DANVAN_EVAL_DUTIES, DANVAN_COL_ORG, r);
      for (size_t k = 0; k < 6; k++) put_int(&c[2 + k], ev, DANVAN_EVAL_DUTIES, cols[k], r);
      put_pct(&c[8], ev, DANVAN_EVAL_DUTIES, DANVAN_COL_COMPLETENESS, r);
      put_pct(&c[9], ev, DANVAN_EVAL_DUTIES, DANVAN_COL_TIMELINESS, r);
      tt_row(&t, c);
    }
    tt_render(&b, &t);
  }

  section(&b, "BÁO CÁO ĐÃ NHẬN");
  const int64_t *n = ev->tally;
  dvi_buf_printf(&b,
                 "%lld báo cáo: %lld được tính (%lld khớp kỳ báo cáo, %lld có số liệu cho chỉ "
                 "tiêu, %lld ngoài phạm vi);\n",
                 (long long)n[DANVAN_TALLY_SEEN], (long long)n[DANVAN_TALLY_COUNTED],
                 (long long)n[DANVAN_TALLY_MATCHED], (long long)n[DANVAN_TALLY_CREDITED],
                 (long long)n[DANVAN_TALLY_OUT_OF_SCOPE]);
  dvi_buf_printf(&b,
                 "không tính: %lld của kế hoạch khác, %lld dự thảo hoặc bị trả lại, %lld gửi "
                 "sau thời điểm đánh giá, %lld trùng mã.\n",
                 (long long)n[DANVAN_TALLY_OTHER_PLAN], (long long)n[DANVAN_TALLY_NOT_FINAL],
                 (long long)n[DANVAN_TALLY_FUTURE], (long long)n[DANVAN_TALLY_REPEATED]);
  for (size_t i = 0; i < 16; i++) dvi_buf_free(&c[i]);
  return dvo_take(&b, out, out_len);
}
