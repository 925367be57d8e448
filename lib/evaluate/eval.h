/*
 * Private interface of the evaluation layer: the accumulator (open evaluation) and the
 * result tables (finished evaluation). Read by lib/output/.
 *
 * Memory: an open evaluation holds, per duty, its slot definitions and one small state per
 * (unit, slot); per quota, one cell per (reporter, value locality, metric) that reported
 * values, with the units the cell credits; and a set of the report ids seen. Nothing of a
 * report is kept after danvan_evaluation_add_report() returns but the ids it settled slots
 * with.
 */
#ifndef DVI_EVAL_H
#define DVI_EVAL_H

#include "core/internal.h"
#include "danvan/evaluate.h"

/* ---- small maps ---------------------------------------------------------------------------- */
/* Interned strings: one copy of each distinct string, in the evaluation's arena. */
typedef struct dvi_strset {
  const char **keys;
  size_t cap, len;
} dvi_strset;

/* Index over the entries of an outside array, found by a 64-bit string hash: each slot holds
   the hash's upper 32 bits and the entry number + 1 (0: empty); a probe compares the stored
   bits before it reads the entry's string, so a miss rarely touches the strings. */
typedef struct dvi_hindex {
  uint64_t *slots;
  size_t cap, len;
} dvi_hindex;

/* A reference resolved once per distinct string: its copy and the entity of the
   map's kind that the string names (NULL when none). */
typedef struct ev_ref {
  uint64_t hash;
  const char *id; /* a copy in the evaluation's arena (one per string: compare pointers) */
  const char *key; /* the evaluation's dataset's own text last found for it, or NULL: a
                      reference shares its target id's text, so a pointer compare suffices */
  const danvan_entity *e;
  /* resolved on first use: the entity's parent (same kind, same map; NULL when it names
     none) and, for an organisation, its locality (in ev->locs) */
  struct ev_ref *parent, *locality;
  bool parent_done, locality_done;
  /* an organisation's caches: its unit index in the duty last asked about, and its quota
     cells for values without a locality (cell index + 1 at q->cell_base + metric; NULL until
     the first value) */
  const void *unit_duty;
  int32_t unit;
  uint32_t *cells;
} ev_ref;

typedef struct dvi_refmap {
  dvi_hindex index;
  ev_ref **refs; /* in the evaluation's arena: pointers stay valid as the map grows */
  size_t n, cap;
  size_t last;   /* the ref found last: it and the next one are tried before the index */
  int32_t kind;
} dvi_refmap;

/* The report ids seen: a hash set of strings with a control byte per slot (0 empty, else
   0x80 | 7 bits of the id's hash), so a probe reads a string only when those bits match. Ids
   added by a batch of the evaluation's own dataset whose ids are known to be distinct
   (ds->ids.dups == 0) wait in `pending`, unhashed, until a later report needs to look them
   up. An id is the dataset's own string for a report of the evaluation's dataset (kept
   alive), else a copy in the evaluation's arena. */
typedef struct ev_seen {
  const char **keys;
  uint8_t *ctrl;
  size_t cap, len;
  const char **pending;
  size_t npending, cappending;
} ev_seen;

/* Pointer -> index map (values >= 0): the core's pointer map, values stored plus one. */
typedef dvi_pmap dvi_ptrmap;

/* ---- accumulator ------------------------------------------------------------------------- */
typedef struct ev_slotdef {
  int32_t start, end; /* covered period */
  int32_t due_date;   /* day of the deadline */
  int64_t open;       /* window opens (INT64_MIN: no window) */
  int64_t last;       /* last on-time second */
} ev_slotdef;

/* The best match of a slot so far; its status is in ev_duty.best (16 bytes here + 1 there
   rather than 24 in one struct). */
typedef struct ev_slotstate {
  int64_t submitted;
  const char *report; /* id of the chosen report (kept by the evaluation) */
} ev_slotstate;

typedef struct ev_duty {
  const char *id;
  const danvan_entity *e;
  int32_t freq; /* index into the frequency words: 0 daily … 6 once */
  ev_slotdef *slots;
  uint32_t nslots;
  const danvan_entity **units;
  uint32_t nunits;
  dvi_ptrmap unit_index; /* organisation entity -> unit index */
  ev_slotstate *state;   /* nslots × nunits, slot-major: reports of one period (a file in
                            time order) settle neighbouring states */
  int8_t *best;          /* beside state: 0 none, else DANVAN_SLOT_ON_TIME / EARLY / LATE */
} ev_duty;

typedef struct ev_dec {
  int64_t c;
  int32_t s;
} ev_dec;

/* Ordering key of a report for "latest": covered end (or start or submission day), then
   submission time, then id. */
typedef struct ev_key {
  int32_t date;
  int64_t submitted;
  const char *report; /* as the evaluation keeps it (see ev_seen), or NULL */
} ev_key;

typedef struct ev_cell {
  const char *reporter; /* organisation id (ev_ref.id: one pointer per string) */
  const char *locality; /* locality id (ev_ref.id), or NULL */
  uint32_t metric;      /* index into the quota's metrics */
  bool has_cum, has_inc;
  ev_key cum_key;       /* latest cumulative report */
  ev_dec cum;           /* its value (values of one report combined by the aggregate) */
  ev_key inc_key;       /* latest increment report (for aggregate last) */
  ev_dec inc;           /* increments combined by the aggregate */
  int32_t *units;       /* credited unit indices (ascending) */
  uint32_t nunits;
} ev_cell;

enum { EV_AGG_SUM, EV_AGG_MAX, EV_AGG_MIN, EV_AGG_LAST };
enum { EV_Q_METRIC, EV_Q_ANYOF, EV_Q_RATIO };

typedef struct ev_quota {
  const char *id;
  const danvan_entity *e;
  int32_t kind; /* EV_Q_* */
  bool each;
  const char **metrics; /* interned ids; ratio: [numerator, denominator] */
  int32_t *metric_of;   /* evaluation metric number (ev->metrics) -> index here, -1: none */
  uint32_t cell_base;   /* offset of this quota's metrics in ev_ref.cells */
  int32_t *aggs;
  uint32_t nmetrics;
  int32_t start, end; /* period; 0 open */
  bool has_min, has_max;
  ev_dec min, max, coverage, weight;
  const danvan_entity **units;
  uint32_t nunits;
  dvi_ptrmap unit_index;
  dvi_ptrmap loc_first; /* locality entity -> first unit index with that locality */
  int32_t *loc_next;    /* next unit index with the same locality, -1 at the end (both
                           built on first use: NULL until then) */
  ev_cell *cells;
  uint32_t ncells, capcells;
  /* cell index by (reporter, locality, metric) */
  uint32_t *cell_slots; /* index + 1, 0 empty */
  size_t cell_cap;
} ev_quota;

/* ---- result rows ------------------------------------------------------------------------- */
typedef struct ev_duty_row {
  const char *duty, *org;
  int64_t slots, due, on_time, early, late, missing, pending;
} ev_duty_row;

typedef struct ev_slot_row {
  const char *duty, *org;
  int32_t start, end;
  int64_t deadline;
  int32_t status;
  const char *report; /* NULL: none */
  int64_t submitted;
  bool has_submitted;
} ev_slot_row;

typedef struct ev_quota_row {
  const char *quota, *org;
  bool has_achieved;
  ev_dec achieved;
  bool met;
  ev_dec weight;
} ev_quota_row;

typedef struct ev_result_row {
  const char *quota, *mode;
  int64_t units, met_units;
  ev_dec required;
  bool has_achieved, has_min, has_max;
  ev_dec achieved, min, max;
  bool met;
  ev_dec weight;
} ev_result_row;

typedef struct ev_score_row {
  const char *org, *level; /* level NULL: none */
  int32_t depth;           /* ancestors of the organisation's locality; -1 without one */
  int64_t value_e4;        /* score × 10000, rounded half up */
  int64_t rank;
  bool has_share;
  int64_t share_e4;
  double share;
  int64_t due, on_time;
} ev_score_row;

typedef struct ev_label {
  const char *id, *text;
} ev_label;

struct danvan_evaluate_options {
  int32_t inclusive;
  int32_t locality_credit;
  int32_t w_quota, w_time;
};

struct danvan_evaluation {
  danvan_dataset *ds; /* kept alive */
  bool stable;        /* the report being added is the dataset's: its strings stay */
  dvi_arena arena;    /* interned strings and copies */
  dvi_strset strs;
  danvan_evaluate_options opts;
  const danvan_entity *plan;
  const char *plan_id;
  int64_t as_of;
  bool finished, broken;
  int64_t tally[DANVAN_TALLY_COUNT];
  ev_seen seen;    /* report ids seen */
  /* caches of add_report (per evaluation: a dataset may be shared by threads) */
  dvi_refmap orgs, locs;  /* organisation / locality references of reports */
  const char **metrics;   /* distinct metric ids of the quotas (interned) */
  uint32_t nmetrics;
  uint32_t ncellkeys; /* sum of the quotas' metric counts: the length of ev_ref.cells */
  const ev_duty *last_duty; /* the duty the previous report named */

  ev_duty *duties;
  uint32_t nduties;
  ev_quota *quotas;
  uint32_t nquotas;

  ev_duty_row *duty_rows;
  size_t nduty_rows;
  ev_slot_row *slot_rows;
  size_t nslot_rows;
  ev_quota_row *quota_rows;
  size_t nquota_rows;
  ev_result_row *result_rows;
  size_t nresult_rows;
  ev_score_row *score_rows;
  size_t nscore_rows;
  size_t *ranking; /* score rows in ranking order: level depth from the top, then rank */
  ev_label *labels; /* sorted by id */
  size_t nlabels;
};

/* ---- helpers (util.c) ---------------------------------------------------------------------- */
const char *dvi_ev_intern(danvan_evaluation *ev, const char *s); /* NULL on ENOMEM */
const char *dvi_ev_lookup(const dvi_strset *set, const char *s);  /* NULL when absent */
const char *dvi_strset_add(dvi_strset *set, dvi_arena *arena, const char *s, bool *added);
void dvi_strset_free(dvi_strset *set);
bool dvi_ptrmap_put(dvi_ptrmap *m, const void *key, int32_t val); /* keeps a present value */
bool dvi_ptrmap_set(dvi_ptrmap *m, const void *key, int32_t val); /* replaces it */
int32_t dvi_ptrmap_get(const dvi_ptrmap *m, const void *key); /* -1 when absent */
void dvi_ptrmap_free(dvi_ptrmap *m);
uint64_t dvi_ev_hash(const char *s);
/* The cached resolution of s (kind of m); NULL on ENOMEM. */
ev_ref *dvi_ev_resolve(danvan_evaluation *ev, dvi_refmap *m, const char *s);
/* The parent of r's entity (m: r's map), as dvi_ev_ref(ds, r->e, DANVAN_F_PARENT, kind) finds
   it; NULL when none. The locality of an organisation r, likewise. rc: DANVAN_ENOMEM. */
ev_ref *dvi_ev_parent(danvan_evaluation *ev, dvi_refmap *m, ev_ref *r, int32_t *rc);
ev_ref *dvi_ev_locality(danvan_evaluation *ev, ev_ref *r, int32_t *rc);
void dvi_refmap_free(dvi_refmap *m);
/* Is the id new? *rid: the id as the evaluation keeps it (NULL when repeated); own: the
   report belongs to the evaluation's dataset (its string outlives the evaluation's use).
   DANVAN_OK or DANVAN_ENOMEM. */
int32_t dvi_ev_seen_add(danvan_evaluation *ev, const char *id, bool own, const char **rid);
/* In a batch of distinct ids: is the id among those seen before the batch? Else records it. */
int32_t dvi_ev_seen_batch(danvan_evaluation *ev, const char *id, const char **rid);
/* Index the ids recorded by a batch (before any lookup that is not part of one). */
int32_t dvi_ev_seen_sync(danvan_evaluation *ev);
void dvi_ev_seen_free(ev_seen *s);
/* round(num / den × 10^4), half up; num >= 0, den > 0. */
int64_t dvi_frac_e4(uint64_t num, uint64_t den);
/* A full date field (yyyymmdd), or 0 when unset or partial. */
int32_t dvi_ev_date(const danvan_entity *e, int32_t field);
/* The entity of kind `kind` that a reference field of e (or the id itself) names, or NULL. */
const danvan_entity *dvi_ev_ref(const danvan_dataset *ds, const danvan_entity *e, int32_t field,
                                int32_t kind);
const danvan_entity *dvi_ev_find(const danvan_dataset *ds, const char *id, int32_t kind);
/* A decimal as the nearest double (one correctly rounded division). */
double dvi_ev_double(ev_dec d);
/* Writes a value in units of 10^-4 as the shortest decimal (0.8, 0.9333, 1). buf >= 48. */
size_t dvi_e4_write(char *buf, int64_t e4);

/* ---- parts of the evaluation (slots.c, quotas.c, evaluate.c) -------------------------------- */
int32_t dvi_ev_setup_duty(danvan_evaluation *ev, ev_duty *d, const danvan_entity *duty);
/* Match a counted report of reporter unit `unit` (index in d->units, -1: none) against its
   duty's slots; *matched set when a slot took it. */
void dvi_ev_match_slots(ev_duty *d, int32_t unit, int32_t rstart, int32_t rend,
                        int64_t submitted, const char *report, bool *matched);
int32_t dvi_ev_setup_quota(danvan_evaluation *ev, ev_quota *q, const danvan_entity *quota);
/* Add one value of a counted report; *credited set when it credited a unit. */
int32_t dvi_ev_quota_add(danvan_evaluation *ev, ev_quota *q, ev_ref *reporter,
                         ev_ref *locality, uint32_t m, ev_dec value, bool cumulative,
                         const ev_key *key, bool *credited);
int32_t dvi_ev_quota_finish(danvan_evaluation *ev, ev_quota *q, ev_quota_row *rows,
                            ev_result_row *result);
void dvi_ev_quota_free(ev_quota *q);
int dvi_ev_key_cmp(const ev_key *a, const ev_key *b);
/* Reference date of a report: covered end, else start, else submission day, else 0. */
int32_t dvi_ev_report_date(const danvan_entity *r);

/* ---- cell access for outputs (access.c) ------------------------------------------------------ */
typedef struct ev_cellval {
  int32_t type; /* DANVAN_COLUMN_* */
  bool empty;
  const char *s;
  int64_t i;
  ev_dec d;
  int64_t num, den; /* RATIO: exact quotient when den > 0 */
  int64_t e4;       /* RATIO: rounded to 4 decimals */
} ev_cellval;
int32_t dvi_ev_cell(ev_cellval *out, const danvan_evaluation *ev, int32_t table, int32_t column,
                    size_t row);
/* Text of a cell as XML writes it into buf (>= 64 bytes), or the stored string; NULL when
   empty. */
const char *dvi_ev_cell_text(const ev_cellval *v, char *buf);

#endif
