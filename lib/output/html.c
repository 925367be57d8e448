/* Evaluation as one self-contained HTML page: inline CSS and SVG, no script, no network. */
#include <string.h>

#include "output/out.h"

static const char CSS[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;"
    "margin:1.5rem auto;max-width:75rem;padding:0 1rem;color:#1b1b1b;line-height:1.4}\n"
    "h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem;"
    "border-bottom:2px solid #c62828;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}\n"
    ".meta{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}\n"
    "th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
    "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".met{color:#2e7d32;font-weight:600}.unmet{color:#c62828;font-weight:600}\n"
    ".scroll{overflow-x:auto}\n"
    "table.grid td,table.grid th{padding:.1rem .3rem;text-align:center;font-size:.8rem}\n"
    "table.grid th.u,table.grid td.u{text-align:left;white-space:nowrap}\n"
    ".s-on-time{background:#c8e6c9}.s-early{background:#bbdefb}.s-late{background:#ffe0b2}\n"
    ".s-missing{background:#ffcdd2}.s-pending{background:#eeeeee;color:#777}\n"
    ".legend span{display:inline-block;padding:.1rem .5rem;margin-right:.4rem;border:1px solid #ccc}\n"
    "svg text{font-size:12px;font-family:inherit}\n"
    "svg .bar-met{fill:#43a047}svg .bar-unmet{fill:#e53935}svg .target{stroke:#1b1b1b;"
    "stroke-dasharray:4 3}\n"
    "footer{margin-top:2rem;color:#777;font-size:.8rem}\n";

static void esc(dvi_buf *b, const char *s) { dvo_escape(b, s ? s : ""); }

static void td_num(dvi_buf *b, ev_dec d) {
  dvi_buf_adds(b, "<td class=\"n\">");
  dvo_vn_decimal(b, d);
  dvi_buf_adds(b, "</td>");
}

static void td_int(dvi_buf *b, int64_t v) {
  ev_dec d = {v, 0};
  td_num(b, d);
}

static void td_pct(dvi_buf *b, const ev_cellval *v) {
  dvi_buf_adds(b, "<td class=\"n\">");
  if (v->empty) dvi_buf_adds(b, "—");
  else dvo_vn_percent(b, v->e4);
  dvi_buf_adds(b, "</td>");
}

static void td_met(dvi_buf *b, bool met) {
  dvi_buf_adds(b, met ? "<td class=\"met\">Đạt</td>" : "<td class=\"unmet\">Chưa đạt</td>");
}

/* "<td>Name <small>id</small></td>" */
static void td_org(dvi_buf *b, const danvan_evaluation *ev, const char *id) {
  const char *l = danvan_evaluation_label(ev, id);
  dvi_buf_adds(b, "<td>");
  if (l) {
    esc(b, l);
    dvi_buf_adds(b, " <small>(");
    esc(b, id);
    dvi_buf_adds(b, ")</small>");
  } else {
    esc(b, id);
  }
  dvi_buf_adds(b, "</td>");
}

static void thead(dvi_buf *b, const char *const *cols, size_t n) {
  dvi_buf_adds(b, "<table>\n<thead><tr>");
  for (size_t i = 0; i < n; i++) dvi_buf_printf(b, "<th>%s</th>", cols[i]);
  dvi_buf_adds(b, "</tr></thead>\n<tbody>\n");
}

/* Tenths of a pixel as "12.3" (integers only in the output). */
static void px(dvi_buf *b, double x) {
  long long t = (long long)(x * 10 + (x >= 0 ? 0.5 : -0.5));
  if (t < 0) t = 0;
  dvi_buf_printf(b, "%lld.%lld", t / 10, t % 10);
}

#define CHART_LABEL 220.0
#define CHART_BAR 420.0
#define CHART_ROW 24.0

static void chart(dvi_buf *b, const danvan_evaluation *ev, size_t result, size_t first,
                  size_t n) {
  const ev_result_row *q = &ev->result_rows[result];
  bool has_target = q->has_min || q->has_max;
  ev_dec target = q->has_min ? q->min : q->max;
  double top = has_target ? dvi_ev_double(target) : 0;
  for (size_t k = 0; k < n; k++) {
    const ev_quota_row *r = &ev->quota_rows[first + k];
    if (r->has_achieved && dvi_ev_double(r->achieved) > top) top = dvi_ev_double(r->achieved);
  }
  if (top <= 0) top = 1;
  double h = CHART_ROW * (double)n + 30;
  dvi_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"760\" height=\"");
  px(b, h);
  dvi_buf_adds(b, "\" viewBox=\"0 0 760 ");
  px(b, h);
  dvi_buf_adds(b, "\"><title>Tiến độ chỉ tiêu ");
  esc(b, q->quota);
  dvi_buf_adds(b, " theo đơn vị</title>\n");
  for (size_t k = 0; k < n; k++) {
    const ev_quota_row *r = &ev->quota_rows[first + k];
    double y = 20 + CHART_ROW * (double)k;
    double w = r->has_achieved && r->achieved.c > 0 ? dvi_ev_double(r->achieved) / top * CHART_BAR : 0;
    dvi_buf_adds(b, "<g><title>");
    esc(b, dvo_label(ev, r->org));
    dvi_buf_adds(b, ": ");
    if (r->has_achieved) dvo_vn_decimal(b, r->achieved);
    else dvi_buf_adds(b, "—");
    dvi_buf_adds(b, r->met ? " (đạt)" : " (chưa đạt)");
    dvi_buf_adds(b, "</title><text x=\"");
    px(b, CHART_LABEL - 6);
    dvi_buf_adds(b, "\" y=\"");
    px(b, y + 14);
    dvi_buf_adds(b, "\" text-anchor=\"end\">");
    dvi_buf tmp;
    dvi_buf_init(&tmp);
    dvo_truncate(&tmp, dvo_label(ev, r->org), 30);
    if (tmp.data) esc(b, tmp.data);
    if (tmp.failed) b->failed = true;
    dvi_buf_free(&tmp);
    dvi_buf_printf(b, "</text><rect class=\"%s\" x=\"", r->met ? "bar-met" : "bar-unmet");
    px(b, CHART_LABEL);
    dvi_buf_adds(b, "\" y=\"");
    px(b, y + 2);
    dvi_buf_adds(b, "\" width=\"");
    px(b, w);
    dvi_buf_adds(b, "\" height=\"16\"/><text x=\"");
    px(b, CHART_LABEL + w + 6);
    dvi_buf_adds(b, "\" y=\"");
    px(b, y + 14);
    dvi_buf_adds(b, "\">");
    if (r->has_achieved) dvo_vn_decimal(b, r->achieved);
    else dvi_buf_adds(b, "—");
    dvi_buf_adds(b, "</text></g>\n");
  }
  if (has_target) {
    double x = CHART_LABEL + dvi_ev_double(target) / top * CHART_BAR;
    dvi_buf_adds(b, "<line class=\"target\" x1=\"");
    px(b, x);
    dvi_buf_adds(b, "\" y1=\"14\" x2=\"");
    px(b, x);
    dvi_buf_adds(b, "\" y2=\"");
    px(b, h - 8);
    dvi_buf_adds(b, "\"/><text x=\"");
    px(b, x);
    dvi_buf_adds(b, "\" y=\"11\" text-anchor=\"middle\">Chỉ tiêu: ");
    dvo_vn_decimal(b, target);
    dvi_buf_adds(b, "</text>\n");
  }
  dvi_buf_adds(b, "</svg>\n");
}

static void ranking(dvi_buf *b, const danvan_evaluation *ev) {
  static const char *const cols[] = {"Cấp", "Hạng", "Đơn vị", "Điểm", "Chỉ tiêu đạt (có trọng số)",
                                     "Kịp thời"};
  dvi_buf_adds(b, "<section id=\"xep-hang\">\n<h2>Xếp hạng thi đua</h2>\n");
  dvi_buf_adds(b, "<p>Điểm = 70% tỉ lệ chỉ tiêu đạt (theo trọng số) + 30% tỉ lệ báo cáo đúng "
                  "hạn, cộng dồn các đơn vị trực thuộc; xếp hạng trong từng cấp.</p>\n");
  thead(b, cols, 6);
  const size_t *order = dvo_ranking(ev);
  for (size_t k = 0; k < ev->nscore_rows; k++) {
    size_t r = order[k];
    const ev_score_row *s = &ev->score_rows[r];
    dvi_buf_adds(b, "<tr><td>");
    esc(b, dvo_level_vi(s->level));
    dvi_buf_adds(b, "</td>");
    td_int(b, s->rank);
    td_org(b, ev, s->org);
    ev_cellval v = dvo_val(ev, DANVAN_EVAL_SCORES, DANVAN_COL_VALUE, r);
    td_pct(b, &v);
    v = dvo_val(ev, DANVAN_EVAL_SCORES, DANVAN_COL_QUOTA_SHARE, r);
    td_pct(b, &v);
    v = dvo_val(ev, DANVAN_EVAL_SCORES, DANVAN_COL_TIMELINESS, r);
    td_pct(b, &v);
    dvi_buf_adds(b, "</tr>\n");
  }
  dvi_buf_adds(b, "</tbody>\n</table>\n</section>\n");
}

static void quotas(dvi_buf *b, const danvan_evaluation *ev) {
  static const char *const cols[] = {"Chỉ tiêu", "Cách tính", "Số đơn vị", "Đơn vị đạt",
                                     "Tỉ lệ đạt", "Yêu cầu", "Tổng đạt được", "Kết quả"};
  dvi_buf_adds(b, "<section id=\"chi-tieu\">\n<h2>Chỉ tiêu</h2>\n");
  thead(b, cols, 8);
  for (size_t r = 0; r < ev->nresult_rows; r++) {
    const ev_result_row *q = &ev->result_rows[r];
    dvi_buf_adds(b, "<tr>");
    td_org(b, ev, q->quota);
    dvi_buf_printf(b, "<td>%s</td>", strcmp(q->mode, "total") == 0 ? "tổng cộng" : "từng đơn vị");
    td_int(b, q->units);
    td_int(b, q->met_units);
    ev_cellval v = dvo_val(ev, DANVAN_EVAL_RESULTS, DANVAN_COL_COVERAGE, r);
    td_pct(b, &v);
    ev_cellval req;
    memset(&req, 0, sizeof req);
    req.e4 = dvo_dec_e4(q->required);
    td_pct(b, &req);
    if (q->has_achieved) td_num(b, q->achieved);
    else dvi_buf_adds(b, "<td class=\"n\">—</td>");
    td_met(b, q->met);
    dvi_buf_adds(b, "</tr>\n");
  }
  dvi_buf_adds(b, "</tbody>\n</table>\n");
  /* per quota: chart and table of the units (quota rows are grouped by quota, in order) */
  size_t first = 0;
  for (size_t r = 0; r < ev->nresult_rows; r++) {
    const ev_result_row *q = &ev->result_rows[r];
    size_t n = (size_t)q->units;
    if (!n) continue;
    dvi_buf_adds(b, "<figure>\n<figcaption><h3>");
    esc(b, dvo_label(ev, q->quota));
    dvi_buf_adds(b, "</h3></figcaption>\n<div class=\"scroll\">");
    chart(b, ev, r, first, n);
    dvi_buf_adds(b, "</div>\n</figure>\n");
    static const char *const ucols[] = {"Đơn vị", "Đạt được", "Kết quả"};
    thead(b, ucols, 3);
    for (size_t k = 0; k < n; k++) {
      const ev_quota_row *u = &ev->quota_rows[first + k];
      dvi_buf_adds(b, "<tr>");
      td_org(b, ev, u->org);
      if (u->has_achieved) td_num(b, u->achieved);
      else dvi_buf_adds(b, "<td class=\"n\">—</td>");
      td_met(b, u->met);
      dvi_buf_adds(b, "</tr>\n");
    }
    dvi_buf_adds(b, "</tbody>\n</table>\n");
    first += n;
  }
  dvi_buf_adds(b, "</section>\n");
}

static void day_label(dvi_buf *b, const ev_slot_row *s) {
  int32_t d = s->end;
  dvi_buf_printf(b, "%02d/%02d", (int)(d % 100), (int)(d / 100 % 100));
}

static void duties(dvi_buf *b, const danvan_evaluation *ev) {
  static const char *const cols[] = {"Báo cáo", "Đơn vị", "Phải nộp", "Đúng hạn", "Sớm",
                                     "Trễ hạn", "Không nộp", "Chưa đến hạn", "Đầy đủ", "Kịp thời"};
  dvi_buf_adds(b, "<section id=\"bao-cao\">\n<h2>Chế độ báo cáo</h2>\n");
  thead(b, cols, 10);
  for (size_t r = 0; r < ev->nduty_rows; r++) {
    const ev_duty_row *d = &ev->duty_rows[r];
    dvi_buf_adds(b, "<tr><td>");
    esc(b, d->duty);
    dvi_buf_adds(b, "</td>");
    td_org(b, ev, d->org);
    td_int(b, d->due);
    td_int(b, d->on_time);
    td_int(b, d->early);
    td_int(b, d->late);
    td_int(b, d->missing);
    td_int(b, d->pending);
    ev_cellval v = dvo_val(ev, DANVAN_EVAL_DUTIES, DANVAN_COL_COMPLETENESS, r);
    td_pct(b, &v);
    v = dvo_val(ev, DANVAN_EVAL_DUTIES, DANVAN_COL_TIMELINESS, r);
    td_pct(b, &v);
    dvi_buf_adds(b, "</tr>\n");
  }
  dvi_buf_adds(b, "</tbody>\n</table>\n");
  dvi_buf_adds(b, "<p class=\"legend\">");
  static const int32_t sts[] = {DANVAN_SLOT_ON_TIME, DANVAN_SLOT_EARLY, DANVAN_SLOT_LATE,
                                DANVAN_SLOT_MISSING, DANVAN_SLOT_PENDING};
  for (size_t i = 0; i < 5; i++)
    dvi_buf_printf(b, "<span class=\"s-%s\">%s = %s</span>", danvan_slot_status_name(sts[i]),
                   dvo_status_mark(sts[i]), dvo_status_vi(sts[i]));
  dvi_buf_adds(b, "</p>\n");
  /* the grid of each duty: one row per unit, one column per slot */
  size_t s = 0, r = 0;
  while (r < ev->nduty_rows) {
    const char *duty = ev->duty_rows[r].duty;
    size_t r_end = r;
    while (r_end < ev->nduty_rows && ev->duty_rows[r_end].duty == duty) r_end++;
    size_t nslots = (size_t)ev->duty_rows[r].slots;
    dvi_buf_adds(b, "<h3>");
    esc(b, dvo_label(ev, duty));
    dvi_buf_adds(b, "</h3>\n<div class=\"scroll\"><table class=\"grid\">\n<thead><tr><th class=\"u\">Đơn vị</th>");
    for (size_t k = 0; k < nslots && s + k < ev->nslot_rows; k++) {
      const ev_slot_row *sl = &ev->slot_rows[s + k];
      dvi_buf_adds(b, "<th title=\"");
      dvo_vn_date(b, sl->start);
      if (sl->end != sl->start) {
        dvi_buf_adds(b, " – ");
        dvo_vn_date(b, sl->end);
      }
      dvi_buf_adds(b, "; hạn ");
      dvo_vn_datetime(b, sl->deadline);
      dvi_buf_adds(b, "\">");
      day_label(b, sl);
      dvi_buf_adds(b, "</th>");
    }
    dvi_buf_adds(b, "</tr></thead>\n<tbody>\n");
    for (; r < r_end; r++) {
      const ev_duty_row *d = &ev->duty_rows[r];
      dvi_buf_adds(b, "<tr><td class=\"u\">");
      esc(b, dvo_label(ev, d->org));
      dvi_buf_adds(b, "</td>");
      for (int64_t k = 0; k < d->slots && s < ev->nslot_rows; k++, s++) {
        const ev_slot_row *sl = &ev->slot_rows[s];
        dvi_buf_printf(b, "<td class=\"s-%s\" title=\"", danvan_slot_status_name(sl->status));
        dvo_vn_date(b, sl->end);
        dvi_buf_printf(b, ": %s", dvo_status_vi(sl->status));
        if (sl->report) {
          dvi_buf_adds(b, " — ");
          esc(b, sl->report);
          dvi_buf_adds(b, ", gửi lúc ");
          dvo_vn_datetime(b, sl->submitted);
        }
        dvi_buf_printf(b, "\">%s</td>", dvo_status_mark(sl->status));
      }
      dvi_buf_adds(b, "</tr>\n");
    }
    dvi_buf_adds(b, "</tbody>\n</table></div>\n");
  }
  dvi_buf_adds(b, "</section>\n");
}

int32_t danvan_evaluation_to_html(char **out, size_t *out_len, const danvan_evaluation *ev) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  if (out_len) *out_len = 0;
  int32_t rc = dvo_check(ev, "danvan_evaluation_to_html");
  if (rc) return rc;
  dvi_buf b;
  dvi_buf_init(&b);
  const char *title = danvan_evaluation_label(ev, ev->plan_id);
  dvi_buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>Đánh giá: ");
  esc(&b, title ? title : ev->plan_id);
  dvi_buf_adds(&b, "</title>\n<style>\n");
  dvi_buf_adds(&b, CSS);
  dvi_buf_adds(&b, "</style>\n</head>\n<body>\n<h1>Đánh giá thực hiện kế hoạch</h1>\n"
                   "<p class=\"meta\">Kế hoạch: <b>");
  esc(&b, title ? title : ev->plan_id);
  dvi_buf_adds(&b, "</b> (");
  esc(&b, ev->plan_id);
  dvi_buf_adds(&b, ") · Thời điểm đánh giá: ");
  dvo_vn_datetime(&b, ev->as_of);
  dvi_buf_printf(&b,
                 " (giờ Việt Nam) · %lld báo cáo được tính / %lld báo cáo nhận được</p>\n",
                 (long long)ev->tally[DANVAN_TALLY_COUNTED], (long long)ev->tally[DANVAN_TALLY_SEEN]);
  if (ev->nscore_rows) ranking(&b, ev);
  if (ev->nresult_rows) quotas(&b, ev);
  if (ev->nduty_rows) duties(&b, ev);
  dvi_buf_printf(&b, "<footer>Tạo bởi libdanvan %s.</footer>\n</body>\n</html>\n",
                 danvan_version_string());
  return dvo_take(&b, out, out_len);
}
