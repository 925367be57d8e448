/* Reading the result tables: columns, cells, bulk copies. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "evaluate/eval.h"

#define C(x) DANVAN_COL_##x
static const int32_t COLS_DUTIES[] = {C(DUTY),    C(ORG),          C(DUE),        C(ON_TIME),
                                      C(EARLY),   C(LATE),         C(MISSING),    C(PENDING),
                                      C(COMPLETENESS), C(TIMELINESS), C(SLOTS)};
static const int32_t COLS_SLOTS[] = {C(DUTY),     C(ORG),    C(START),  C(END),
                                     C(DEADLINE), C(STATUS), C(REPORT), C(SUBMITTED)};
static const int32_t COLS_QUOTAS[] = {C(QUOTA), C(ORG), C(ACHIEVED), C(MET)};
static const int32_t COLS_RESULTS[] = {C(QUOTA), C(UNITS),    C(MET_UNITS), C(COVERAGE),
                                       C(MET),   C(MODE),     C(REQUIRED),  C(ACHIEVED),
                                       C(MIN),   C(MAX),      C(WEIGHT)};
static const int32_t COLS_SCORES[] = {C(ORG),         C(VALUE),      C(RANK), C(LEVEL),
                                      C(QUOTA_SHARE), C(TIMELINESS), C(DUE),  C(ON_TIME)};

typedef struct table_desc {
  const char *name;
  const int32_t *cols;
  size_t ncols;
} table_desc;

#define TD(name, cols) {name, cols, sizeof(cols) / sizeof(cols[0])}
static const table_desc TABLES[DANVAN_EVAL_TABLE_COUNT] = {
    {NULL, NULL, 0},
    TD("duty-status", COLS_DUTIES),
    TD("slot", COLS_SLOTS),
    TD("quota-status", COLS_QUOTAS),
    TD("quota-result", COLS_RESULTS),
    TD("score", COLS_SCORES),
};

static const char *const COL_NAMES[DANVAN_COL_COUNT] = {
    NULL,         "duty",      "org",       "quota",       "slots",    "due",
    "on-time",    "early",     "late",      "missing",     "pending",  "completeness",
    "timeliness", "start",     "end",       "deadline",    "status",   "report",
    "submitted",  "achieved",  "met",       "weight",      "mode",     "units",
    "met-units",  "coverage",  "required-coverage", "min", "max",      "level",
    "value",      "rank",      "quota-share"};

static const int32_t COL_TYPES[DANVAN_COL_COUNT] = {
    0,
    DANVAN_COLUMN_STRING,  DANVAN_COLUMN_STRING,  DANVAN_COLUMN_STRING,   /* duty org quota */
    DANVAN_COLUMN_INT,     DANVAN_COLUMN_INT,     DANVAN_COLUMN_INT,      /* slots due on-time */
    DANVAN_COLUMN_INT,     DANVAN_COLUMN_INT,     DANVAN_COLUMN_INT,      /* early late missing */
    DANVAN_COLUMN_INT,     DANVAN_COLUMN_RATIO,   DANVAN_COLUMN_RATIO,    /* pending compl. timel. */
    DANVAN_COLUMN_DATE,    DANVAN_COLUMN_DATE,    DANVAN_COLUMN_DATETIME, /* start end deadline */
    DANVAN_COLUMN_INT,     DANVAN_COLUMN_STRING,  DANVAN_COLUMN_DATETIME, /* status report subm. */
    DANVAN_COLUMN_DECIMAL, DANVAN_COLUMN_BOOL,    DANVAN_COLUMN_DECIMAL,  /* achieved met weight */
    DANVAN_COLUMN_STRING,  DANVAN_COLUMN_INT,     DANVAN_COLUMN_INT,      /* mode units met-units */
    DANVAN_COLUMN_RATIO,   DANVAN_COLUMN_DECIMAL, DANVAN_COLUMN_DECIMAL,  /* coverage req. min */
    DANVAN_COLUMN_DECIMAL, DANVAN_COLUMN_STRING,  DANVAN_COLUMN_RATIO,    /* max level value */
    DANVAN_COLUMN_INT,     DANVAN_COLUMN_RATIO};                          /* rank quota-share */

const char *danvan_evaluation_table_name(int32_t table) {
  return (table > 0 && table < DANVAN_EVAL_TABLE_COUNT) ? TABLES[table].name : NULL;
}

size_t danvan_evaluation_column_count(int32_t table) {
  return (table > 0 && table < DANVAN_EVAL_TABLE_COUNT) ? TABLES[table].ncols : 0;
}

int32_t danvan_evaluation_column(int32_t table, size_t i) {
  return i < danvan_evaluation_column_count(table) ? TABLES[table].cols[i] : 0;
}

const char *danvan_evaluation_column_name(int32_t column) {
  return (column > 0 && column < DANVAN_COL_COUNT) ? COL_NAMES[column] : NULL;
}

static bool table_has(int32_t table, int32_t column) {
  for (size_t i = 0; i < danvan_evaluation_column_count(table); i++)
    if (TABLES[table].cols[i] == column) return true;
  return false;
}

int32_t danvan_evaluation_column_type(int32_t table, int32_t column) {
  return table_has(table, column) ? COL_TYPES[column] : 0;
}

const char *danvan_slot_status_name(int32_t status) {
  static const char *const names[] = {"pending", "on-time", "early", "late", "missing"};
  return (status >= 0 && status <= DANVAN_SLOT_MISSING) ? names[status] : NULL;
}

size_t danvan_evaluation_row_count(const danvan_evaluation *ev, int32_t table) {
  if (!ev || !ev->finished) return 0;
  switch (table) {
    case DANVAN_EVAL_DUTIES: return ev->nduty_rows;
    case DANVAN_EVAL_SLOTS: return ev->nslot_rows;
    case DANVAN_EVAL_QUOTAS: return ev->nquota_rows;
    case DANVAN_EVAL_RESULTS: return ev->nresult_rows;
    case DANVAN_EVAL_SCORES: return ev->nscore_rows;
    default: return 0;
  }
}

/* ---- cells ------------------------------------------------------------------------------- */
static void set_ratio(ev_cellval *v, int64_t num, int64_t den, bool one_when_empty) {
  if (den <= 0) {
    if (one_when_empty) {
      num = 1;
      den = 1;
    } else {
      v->empty = true;
      return;
    }
  }
  v->num = num;
  v->den = den;
  v->e4 = num >= 0 ? dvi_frac_e4((uint64_t)num, (uint64_t)den) : 0;
}

static void set_dec(ev_cellval *v, bool has, ev_dec d) {
  v->empty = !has;
  v->d = d;
}

int32_t dvi_ev_cell(ev_cellval *v, const danvan_evaluation *ev, int32_t table, int32_t column,
                    size_t row) {
  memset(v, 0, sizeof *v);
  if (!ev || !ev->finished) return dvi_error(DANVAN_EINVAL, "the evaluation is not finished");
  if (!table_has(table, column))
    return dvi_error(DANVAN_EINVAL, "table %d has no column %d", (int)table, (int)column);
  if (row >= danvan_evaluation_row_count(ev, table))
    return dvi_error(DANVAN_EINVAL, "row %zu is out of range", row);
  v->type = COL_TYPES[column];
  switch (table) {
    case DANVAN_EVAL_DUTIES: {
      const ev_duty_row *r = &ev->duty_rows[row];
      switch (column) {
        case C(DUTY): v->s = r->duty; break;
        case C(ORG): v->s = r->org; break;
        case C(SLOTS): v->i = r->slots; break;
        case C(DUE): v->i = r->due; break;
        case C(ON_TIME): v->i = r->on_time; break;
        case C(EARLY): v->i = r->early; break;
        case C(LATE): v->i = r->late; break;
        case C(MISSING): v->i = r->missing; break;
        case C(PENDING): v->i = r->pending; break;
        case C(COMPLETENESS): set_ratio(v, r->on_time + r->early + r->late, r->due, true); break;
        default: set_ratio(v, r->on_time, r->due, true); break; /* timeliness */
      }
      break;
    }
    case DANVAN_EVAL_SLOTS: {
      const ev_slot_row *r = &ev->slot_rows[row];
      switch (column) {
        case C(DUTY): v->s = r->duty; break;
        case C(ORG): v->s = r->org; break;
        case C(START): v->i = r->start; break;
        case C(END): v->i = r->end; break;
        case C(DEADLINE): v->i = r->deadline; break;
        case C(STATUS): v->i = r->status; break;
        case C(REPORT): v->s = r->report; v->empty = !r->report; break;
        default: v->i = r->submitted; v->empty = !r->has_submitted; break;
      }
      break;
    }
    case DANVAN_EVAL_QUOTAS: {
      const ev_quota_row *r = &ev->quota_rows[row];
      switch (column) {
        case C(QUOTA): v->s = r->quota; break;
        case C(ORG): v->s = r->org; break;
        case C(ACHIEVED): set_dec(v, r->has_achieved, r->achieved); break;
        default: v->i = r->met; break;
      }
      break;
    }
    case DANVAN_EVAL_RESULTS: {
      const ev_result_row *r = &ev->result_rows[row];
      switch (column) {
        case C(QUOTA): v->s = r->quota; break;
        case C(UNITS): v->i = r->units; break;
        case C(MET_UNITS): v->i = r->met_units; break;
        case C(COVERAGE): set_ratio(v, r->met_units, r->units, false); break;
        case C(MET): v->i = r->met; break;
        case C(MODE): v->s = r->mode; break;
        case C(REQUIRED): set_dec(v, true, r->required); break;
        case C(ACHIEVED): set_dec(v, r->has_achieved, r->achieved); break;
        case C(MIN): set_dec(v, r->has_min, r->min); break;
        case C(MAX): set_dec(v, r->has_max, r->max); break;
        default: set_dec(v, true, r->weight); break;
      }
      break;
    }
    default: {
      const ev_score_row *r = &ev->score_rows[row];
      switch (column) {
        case C(ORG): v->s = r->org; break;
        case C(VALUE): v->e4 = r->value_e4; v->num = r->value_e4; v->den = 10000; break;
        case C(RANK): v->i = r->rank; break;
        case C(LEVEL): v->s = r->level; v->empty = !r->level; break;
        case C(QUOTA_SHARE):
          v->empty = !r->has_share;
          v->e4 = r->share_e4;
          v->num = -1; /* the double is kept separately */
          break;
        case C(TIMELINESS): set_ratio(v, r->on_time, r->due, false); break;
        case C(DUE): v->i = r->due; break;
        default: v->i = r->on_time; break;
      }
      break;
    }
  }
  return DANVAN_OK;
}

static double cell_double(const danvan_evaluation *ev, const ev_cellval *v, int32_t table,
                          int32_t column, size_t row) {
  if (v->empty) return NAN;
  switch (v->type) {
    case DANVAN_COLUMN_RATIO:
      if (table == DANVAN_EVAL_SCORES && column == C(QUOTA_SHARE)) return ev->score_rows[row].share;
      return (double)v->num / (double)v->den;
    case DANVAN_COLUMN_DECIMAL: return dvi_ev_double(v->d);
    default: return (double)v->i;
  }
}

const char *dvi_ev_cell_text(const ev_cellval *v, char *buf) {
  if (v->empty) return NULL;
  switch (v->type) {
    case DANVAN_COLUMN_STRING: return v->s;
    case DANVAN_COLUMN_DECIMAL: dvi_decimal_write(buf, v->d.c, v->d.s); return buf;
    case DANVAN_COLUMN_RATIO: dvi_e4_write(buf, v->e4); return buf;
    case DANVAN_COLUMN_DATE: dvi_date_write(buf, (int32_t)v->i); return buf;
    case DANVAN_COLUMN_DATETIME: dvi_datetime_write(buf, v->i); return buf;
    case DANVAN_COLUMN_BOOL: return v->i ? "true" : "false";
    default: snprintf(buf, 64, "%lld", (long long)v->i); return buf;
  }
}

/* ---- public getters ---------------------------------------------------------------------- */
static int32_t empty_cell(void) { return dvi_error(DANVAN_ENOTFOUND, "the cell is empty"); }

static int32_t wrong_type(int32_t column) {
  return dvi_error(DANVAN_ETYPE, "column '%s' has another type", COL_NAMES[column]);
}

int32_t danvan_evaluation_get_string(const char **out, const danvan_evaluation *ev, int32_t table,
                                     int32_t column, size_t row) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  ev_cellval v;
  int32_t rc = dvi_ev_cell(&v, ev, table, column, row);
  if (rc) return rc;
  if (v.type != DANVAN_COLUMN_STRING) return wrong_type(column);
  if (v.empty) return empty_cell();
  *out = v.s;
  return DANVAN_OK;
}

static bool is_intlike(int32_t t) {
  return t == DANVAN_COLUMN_INT || t == DANVAN_COLUMN_DATE || t == DANVAN_COLUMN_DATETIME ||
         t == DANVAN_COLUMN_BOOL;
}

int32_t danvan_evaluation_get_int(int64_t *out, const danvan_evaluation *ev, int32_t table,
                                  int32_t column, size_t row) {
  DVI_CHECK_ARG(out);
  *out = 0;
  ev_cellval v;
  int32_t rc = dvi_ev_cell(&v, ev, table, column, row);
  if (rc) return rc;
  if (!is_intlike(v.type)) return wrong_type(column);
  if (v.empty) return empty_cell();
  *out = v.i;
  return DANVAN_OK;
}

int32_t danvan_evaluation_get_decimal(int64_t *out_coef, int32_t *out_scale,
                                      const danvan_evaluation *ev, int32_t table, int32_t column,
                                      size_t row) {
  DVI_CHECK_ARG(out_coef && out_scale);
  *out_coef = 0;
  *out_scale = 0;
  ev_cellval v;
  int32_t rc = dvi_ev_cell(&v, ev, table, column, row);
  if (rc) return rc;
  if (v.type != DANVAN_COLUMN_DECIMAL && v.type != DANVAN_COLUMN_INT) return wrong_type(column);
  if (v.empty) return empty_cell();
  if (v.type == DANVAN_COLUMN_INT) {
    *out_coef = v.i;
    return DANVAN_OK;
  }
  *out_coef = v.d.c;
  *out_scale = v.d.s;
  return DANVAN_OK;
}

int32_t danvan_evaluation_get_double(double *out, const danvan_evaluation *ev, int32_t table,
                                     int32_t column, size_t row) {
  DVI_CHECK_ARG(out);
  *out = NAN;
  ev_cellval v;
  int32_t rc = dvi_ev_cell(&v, ev, table, column, row);
  if (rc) return rc;
  if (v.type == DANVAN_COLUMN_STRING) return wrong_type(column);
  if (v.empty) return empty_cell();
  *out = cell_double(ev, &v, table, column, row);
  return DANVAN_OK;
}

int32_t danvan_evaluation_format(char **out, const danvan_evaluation *ev, int32_t table,
                                 int32_t column, size_t row) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  ev_cellval v;
  int32_t rc = dvi_ev_cell(&v, ev, table, column, row);
  if (rc) return rc;
  char buf[64];
  const char *t = column == C(STATUS) ? danvan_slot_status_name((int32_t)v.i) : dvi_ev_cell_text(&v, buf);
  if (!t) return DANVAN_OK;
  *out = dvi_strdup(t);
  return *out ? DANVAN_OK : dvi_error(DANVAN_ENOMEM, "out of memory");
}

/* ---- bulk -------------------------------------------------------------------------------- */
static int32_t fill_check(const danvan_evaluation *ev, int32_t table, int32_t column, size_t first,
                          size_t cap, size_t *n) {
  if (!ev || !ev->finished) return dvi_error(DANVAN_EINVAL, "the evaluation is not finished");
  if (!table_has(table, column))
    return dvi_error(DANVAN_EINVAL, "table %d has no column %d", (int)table, (int)column);
  size_t rows = danvan_evaluation_row_count(ev, table);
  if (first > rows) return dvi_error(DANVAN_EINVAL, "row %zu is out of range", first);
  *n = rows - first < cap ? rows - first : cap;
  return DANVAN_OK;
}

int32_t danvan_evaluation_fill_int64(int64_t *out, size_t cap, const danvan_evaluation *ev,
                                     int32_t table, int32_t column, size_t first) {
  DVI_CHECK_ARG(out || cap == 0);
  size_t n;
  int32_t rc = fill_check(ev, table, column, first, cap, &n);
  if (rc) return rc;
  if (!is_intlike(COL_TYPES[column])) return wrong_type(column);
  for (size_t i = 0; i < n; i++) {
    ev_cellval v;
    dvi_ev_cell(&v, ev, table, column, first + i);
    out[i] = v.empty ? 0 : v.i;
  }
  return DANVAN_OK;
}

int32_t danvan_evaluation_fill_int32(int32_t *out, size_t cap, const danvan_evaluation *ev,
                                     int32_t table, int32_t column, size_t first) {
  DVI_CHECK_ARG(out || cap == 0);
  size_t n;
  int32_t rc = fill_check(ev, table, column, first, cap, &n);
  if (rc) return rc;
  if (!is_intlike(COL_TYPES[column])) return wrong_type(column);
  for (size_t i = 0; i < n; i++) {
    ev_cellval v;
    dvi_ev_cell(&v, ev, table, column, first + i);
    int64_t x = v.empty ? 0 : v.i;
    if (x < INT32_MIN || x > INT32_MAX)
      return dvi_error(DANVAN_ELIMIT, "row %zu of column '%s' does not fit 32 bits", first + i,
                       COL_NAMES[column]);
    out[i] = (int32_t)x;
  }
  return DANVAN_OK;
}

int32_t danvan_evaluation_fill_double(double *out, size_t cap, const danvan_evaluation *ev,
                                      int32_t table, int32_t column, size_t first) {
  DVI_CHECK_ARG(out || cap == 0);
  size_t n;
  int32_t rc = fill_check(ev, table, column, first, cap, &n);
  if (rc) return rc;
  if (COL_TYPES[column] == DANVAN_COLUMN_STRING) return wrong_type(column);
  for (size_t i = 0; i < n; i++) {
    ev_cellval v;
    dvi_ev_cell(&v, ev, table, column, first + i);
    out[i] = cell_double(ev, &v, table, column, first + i);
  }
  return DANVAN_OK;
}

int32_t danvan_evaluation_fill_string(const char **out, size_t cap, const danvan_evaluation *ev,
                                      int32_t table, int32_t column, size_t first) {
  DVI_CHECK_ARG(out || cap == 0);
  size_t n;
  int32_t rc = fill_check(ev, table, column, first, cap, &n);
  if (rc) return rc;
  if (COL_TYPES[column] != DANVAN_COLUMN_STRING) return wrong_type(column);
  for (size_t i = 0; i < n; i++) {
    ev_cellval v;
    dvi_ev_cell(&v, ev, table, column, first + i);
    out[i] = v.empty ? NULL : v.s;
  }
  return DANVAN_OK;
}
