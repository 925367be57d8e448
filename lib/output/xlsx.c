/* Evaluation as an XLSX workbook, through libxlsxwriter (the only file that includes it). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "output/out.h"

typedef struct xw {
  lxw_workbook *wb;
  lxw_format *head, *pct, *date, *datetime;
  lxw_error err;
} xw;

static void chk(xw *x, lxw_error e) {
  if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR) x->err = e;
}

static void str(xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s) {
  if (s) chk(x, worksheet_write_string(ws, r, c, s, NULL));
}

static void num(xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f) {
  chk(x, worksheet_write_number(ws, r, c, v, f));
}

static void cell(xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const danvan_evaluation *ev,
                 int32_t table, int32_t col, size_t row) {
  ev_cellval v = dvo_val(ev, table, col, row);
  if (v.empty) return;
  switch (v.type) {
    case DANVAN_COLUMN_STRING: str(x, ws, r, c, v.s); break;
    case DANVAN_COLUMN_DECIMAL: num(x, ws, r, c, dvi_ev_double(v.d), NULL); break;
    case DANVAN_COLUMN_RATIO: num(x, ws, r, c, (double)v.e4 / 10000.0, x->pct); break;
    case DANVAN_COLUMN_BOOL: str(x, ws, r, c, v.i ? "Đạt" : "Chưa đạt"); break;
    case DANVAN_COLUMN_DATE: {
      lxw_datetime dt = {(int)(v.i / 10000), (int)(v.i / 100 % 100), (int)(v.i % 100), 0, 0, 0};
      chk(x, worksheet_write_datetime(ws, r, c, &dt, x->date));
      break;
    }
    case DANVAN_COLUMN_DATETIME: {
      int32_t date = 0, minutes = 0;
      if (danvan_datetime_to_parts(&date, &minutes, v.i) != DANVAN_OK) break;
      lxw_datetime dt = {(int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100),
                         (int)(minutes / 60), (int)(minutes % 60), (double)(((v.i % 60) + 60) % 60)};
      chk(x, worksheet_write_datetime(ws, r, c, &dt, x->datetime));
      break;
    }
    default:
      if (col == DANVAN_COL_STATUS) str(x, ws, r, c, dvo_status_vi((int32_t)v.i));
      else num(x, ws, r, c, (double)v.i, NULL);
      break;
  }
}

static lxw_worksheet *sheet(xw *x, const char *name, const char *const *head, size_t n,
                            const double *widths) {
  lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
  if (!ws) {
    chk(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    chk(x, worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], x->head));
    chk(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL));
  }
  worksheet_freeze_panes(ws, 1, 0);
  return ws;
}

static void write_all(xw *x, const danvan_evaluation *ev) {
  /* quotas: one row per quota and unit */
  {
    static const char *const head[] = {"Chỉ tiêu", "Nội dung chỉ tiêu", "Đơn vị", "Tên đơn vị",
                                       "Đạt được", "Kết quả"};
    static const double w[] = {16, 48, 18, 40, 14, 12};
    lxw_worksheet *ws = sheet(x, "quotas", head, 6, w);
    for (size_t r = 0; ws && r < ev->nquota_rows; r++) {
      lxw_row_t y = (lxw_row_t)(r + 1);
      const ev_quota_row *q = &ev->quota_rows[r];
      str(x, ws, y, 0, q->quota);
      str(x, ws, y, 1, danvan_evaluation_label(ev, q->quota));
      str(x, ws, y, 2, q->org);
      str(x, ws, y, 3, danvan_evaluation_label(ev, q->org));
      cell(x, ws, y, 4, ev, DANVAN_EVAL_QUOTAS, DANVAN_COL_ACHIEVED, r);
      cell(x, ws, y, 5, ev, DANVAN_EVAL_QUOTAS, DANVAN_COL_MET, r);
    }
  }
  /* duties: one row per duty and unit */
  {
    static const char *const head[] = {"Báo cáo", "Đơn vị", "Tên đơn vị", "Phải nộp", "Đúng hạn",
                                       "Sớm", "Trễ hạn", "Không nộp", "Chưa đến hạn", "Đầy đủ",
                                       "Kịp thời"};
    static const double w[] = {16, 18, 40, 10, 10, 8, 10, 11, 13, 10, 10};
    static const int32_t cols[] = {DANVAN_COL_DUE, DANVAN_COL_ON_TIME, DANVAN_COL_EARLY,
                                   DANVAN_COL_LATE, DANVAN_COL_MISSING, DANVAN_COL_PENDING,
                                   DANVAN_COL_COMPLETENESS, DANVAN_COL_TIMELINESS};
    lxw_worksheet *ws = sheet(x, "duties", head, 11, w);
    for (size_t r = 0; ws && r < ev->nduty_rows; r++) {
      lxw_row_t y = (lxw_row_t)(r + 1);
      str(x, ws, y, 0, ev->duty_rows[r].duty);
      str(x, ws, y, 1, ev->duty_rows[r].org);
      str(x, ws, y, 2, danvan_evaluation_label(ev, ev->duty_rows[r].org));
      for (size_t k = 0; k < 8; k++) cell(x, ws, y, (lxw_col_t)(3 + k), ev, DANVAN_EVAL_DUTIES, cols[k], r);
    }
  }
  /* ranking: in ranking order */
  {
    static const char *const head[] = {"Cấp", "Hạng", "Đơn vị", "Tên đơn vị", "Điểm",
                                       "Chỉ tiêu đạt", "Kịp thời"};
    static const double w[] = {12, 8, 18, 40, 10, 12, 10};
    lxw_worksheet *ws = sheet(x, "ranking", head, 7, w);
    const size_t *order = dvo_ranking(ev);
    for (size_t k = 0; ws && k < ev->nscore_rows; k++) {
      size_t r = order[k];
      lxw_row_t y = (lxw_row_t)(k + 1);
      str(x, ws, y, 0, dvo_level_vi(ev->score_rows[r].level));
      cell(x, ws, y, 1, ev, DANVAN_EVAL_SCORES, DANVAN_COL_RANK, r);
      str(x, ws, y, 2, ev->score_rows[r].org);
      str(x, ws, y, 3, danvan_evaluation_label(ev, ev->score_rows[r].org));
      cell(x, ws, y, 4, ev, DANVAN_EVAL_SCORES, DANVAN_COL_VALUE, r);
      cell(x, ws, y, 5, ev, DANVAN_EVAL_SCORES, DANVAN_COL_QUOTA_SHARE, r);
      cell(x, ws, y, 6, ev, DANVAN_EVAL_SCORES, DANVAN_COL_TIMELINESS, r);
    }
  }
  /* results: one row per quota */
  {
    static const char *const head[] = {"Chỉ tiêu", "Nội dung chỉ tiêu", "Cách tính", "Số đơn vị",
                                       "Đơn vị đạt", "Tỉ lệ đạt", "Yêu cầu", "Tổng đạt được",
                                       "Tối thiểu", "Tối đa", "Trọng số", "Kết quả"};
    static const double w[] = {16, 48, 12, 10, 10, 10, 10, 14, 10, 10, 10, 12};
    static const int32_t cols[] = {DANVAN_COL_UNITS, DANVAN_COL_MET_UNITS, DANVAN_COL_COVERAGE,
                                   DANVAN_COL_REQUIRED, DANVAN_COL_ACHIEVED, DANVAN_COL_MIN,
                                   DANVAN_COL_MAX, DANVAN_COL_WEIGHT, DANVAN_COL_MET};
    lxw_worksheet *ws = sheet(x, "results", head, 12, w);
    for (size_t r = 0; ws && r < ev->nresult_rows; r++) {
      lxw_row_t y = (lxw_row_t)(r + 1);
      const ev_result_row *q = &ev->result_rows[r];
      str(x, ws, y, 0, q->quota);
      str(x, ws, y, 1, danvan_evaluation_label(ev, q->quota));
      str(x, ws, y, 2, strcmp(q->mode, "total") == 0 ? "tổng cộng" : "từng đơn vị");
      for (size_t k = 0; k < 9; k++) {
        if (cols[k] == DANVAN_COL_REQUIRED) /* a coverage: a percentage, like the HTML */
          num(x, ws, y, (lxw_col_t)(3 + k), dvi_ev_double(q->required), x->pct);
        else
          cell(x, ws, y, (lxw_col_t)(3 + k), ev, DANVAN_EVAL_RESULTS, cols[k], r);
      }
    }
  }
  /* slots: the day grid as rows */
  {
    static const char *const head[] = {"Báo cáo", "Đơn vị", "Từ ngày", "Đến ngày", "Hạn",
                                       "Trạng thái", "Mã báo cáo", "Thời điểm gửi"};
    static const double w[] = {16, 18, 12, 12, 18, 14, 18, 18};
    static const int32_t cols[] = {DANVAN_COL_DUTY, DANVAN_COL_ORG, DANVAN_COL_START,
                                   DANVAN_COL_END, DANVAN_COL_DEADLINE, DANVAN_COL_STATUS,
                                   DANVAN_COL_REPORT, DANVAN_COL_SUBMITTED};
    lxw_worksheet *ws = sheet(x, "slots", head, 8, w);
    for (size_t r = 0; ws && r < ev->nslot_rows; r++)
      for (size_t k = 0; k < 8; k++) cell(x, ws, (lxw_row_t)(r + 1), (lxw_col_t)k, ev, DANVAN_EVAL_SLOTS, cols[k], r);
  }
}

int32_t danvan_evaluation_to_xlsx(const danvan_evaluation *ev, const char *path) {
  DVI_CHECK_ARG(path && path[0]);
  int32_t rc = dvo_check(ev, "danvan_evaluation_to_xlsx");
  if (rc) return rc;
  /* a temporary file next to the target, renamed over it at the end */
  size_t n = strlen(path);
  char *tmp = dvi_malloc(n + 16);
  if (!tmp) return dvi_error(DANVAN_ENOMEM, "out of memory");
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".tmp-XXXXXX", 12);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot create a file next to %s: %s", path,
                      strerror(errno));
    dvi_free(tmp);
    return rc;
  }
  fchmod(fd, 0644);
  close(fd);

  xw x;
  memset(&x, 0, sizeof x);
  x.wb = workbook_new(tmp);
  if (!x.wb) {
    unlink(tmp);
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot start the workbook %s", path);
    dvi_free(tmp);
    return rc;
  }
  /* fixed properties: the same evaluation gives the same bytes */
  lxw_doc_properties props;
  memset(&props, 0, sizeof props);
  char title[] = "Đánh giá thực hiện kế hoạch", author[] = "libdanvan";
  props.title = title;
  props.author = author;
  props.created = (time_t)ev->as_of;
  chk(&x, workbook_set_properties(x.wb, &props));
  x.head = workbook_add_format(x.wb);
  x.pct = workbook_add_format(x.wb);
  x.date = workbook_add_format(x.wb);
  x.datetime = workbook_add_format(x.wb);
  if (!x.head || !x.pct || !x.date || !x.datetime) {
    chk(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
  } else {
    format_set_bold(x.head);
    format_set_bg_color(x.head, 0xF3F3F3);
    format_set_num_format(x.pct, "0.00%");
    format_set_num_format(x.date, "dd/mm/yyyy");
    format_set_num_format(x.datetime, "dd/mm/yyyy hh:mm:ss");
    write_all(&x, ev);
  }
  lxw_error close_err = workbook_close(x.wb);
  if (x.err == LXW_NO_ERROR) x.err = close_err;
  if (x.err != LXW_NO_ERROR) {
    unlink(tmp);
    rc = x.err == LXW_ERROR_MEMORY_MALLOC_FAILED
             ? dvi_error(DANVAN_ENOMEM, "out of memory")
             : dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot write the workbook %s: %s", path,
                            lxw_strerror(x.err));
    dvi_free(tmp);
    return rc;
  }
  if (rename(tmp, path) != 0) {
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot rename %s to %s: %s", tmp, path,
                      strerror(errno));
    unlink(tmp);
    dvi_free(tmp);
    return rc;
  }
  dvi_free(tmp);
  return DANVAN_OK;
}
