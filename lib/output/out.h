/*
 * Private helpers of the output layer (XML, CSV, text, HTML, XLSX writers of evaluations).
 */
#ifndef DVO_OUT_H
#define DVO_OUT_H

#include "evaluate/eval.h"

/* Check that ev is finished (EINVAL otherwise). */
int32_t dvo_check(const danvan_evaluation *ev, const char *what);
/* Hand a buffer to the caller as (*out, *out_len); ENOMEM when it failed. */
int32_t dvo_take(dvi_buf *b, char **out, size_t *out_len);
/* Escape text for XML/HTML content or attribute values (& < > " '). */
void dvo_escape(dvi_buf *b, const char *s);
/* A cell as XML writes it (status as its word) into buf (>= 64), or NULL when empty. */
const char *dvo_cell(const danvan_evaluation *ev, int32_t table, int32_t column, size_t row,
                     char *buf);
/* Raw cell value (after dvi_ev_cell; returns a zeroed empty cell on error). */
ev_cellval dvo_val(const danvan_evaluation *ev, int32_t table, int32_t column, size_t row);
/* Vietnamese notation: "8.900", "0,3333", "93,33%". */
void dvo_vn_decimal(dvi_buf *b, ev_dec d);
/* A decimal in units of 10^-4, rounded half away from zero. */
int64_t dvo_dec_e4(ev_dec d);
void dvo_vn_percent(dvi_buf *b, int64_t e4);
void dvo_vn_date(dvi_buf *b, int32_t date);          /* 10/12/2024 */
void dvo_vn_datetime(dvi_buf *b, int64_t t);         /* 14:05 10/12/2024 */
/* Display width of UTF-8 text: code points, combining marks counted 0. */
size_t dvo_width(const char *s);
/* Decode one UTF-8 sequence: its length (>= 1) and code point. */
size_t dvo_utf8_next(const char *s, uint32_t *cp);
/* Append s cut to n display columns, ending with "…" when cut. */
void dvo_truncate(dvi_buf *b, const char *s, size_t n);
/* Vietnamese word of a locality kind ("hamlet" -> "ấp"); unknown kinds as they are. */
const char *dvo_level_vi(const char *level);
/* Label (name or title) of an id, or the id itself. */
const char *dvo_label(const danvan_evaluation *ev, const char *id);
/* Vietnamese word of a slot status ("đúng hạn" …) and its one-letter mark. */
const char *dvo_status_vi(int32_t status);
const char *dvo_status_mark(int32_t status);
/* Score rows in ranking order (level depth from the top, rank); owned by the evaluation. */
const size_t *dvo_ranking(const danvan_evaluation *ev);

#endif
