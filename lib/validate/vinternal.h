/*
 * Private interface of the validation layer: the rule and message tables, the run context
 * shared by the rule files, and the diagnostics list. Never installed.
 */
#ifndef DVV_INTERNAL_H
#define DVV_INTERNAL_H

#include "core/internal.h"

/* ---- rules and messages ------------------------------------------------------------------ */
enum {
#define DVV_RULE(e, id, sev, en, vi) DVV_R_##e,
#include "validate/rules.def"
#undef DVV_RULE
  DVV_R_COUNT
};

enum {
#define DVV_MSG(e, en, vi) DVV_M_##e,
#include "validate/messages.def"
#undef DVV_MSG
  DVV_M_COUNT
};

enum { DVV_LANG_EN = 0, DVV_LANG_VI = 1 };

/* The language for a code ("vi", "en", NULL = environment); -1 for an unknown code. */
int dvv_lang_from(const char *code);
const char *dvv_lang_code(int lang);
/* The text of a message in a language (never NULL). */
const char *dvv_msg(int lang, int msg);
/* Replace {1} … {9} in tmpl by args (NULL-terminated) and append to b. */
void dvv_expand(dvi_buf *b, const char *tmpl, const char *const *args);
const char *dvv_rule_id(int rule);
int32_t dvv_rule_severity(int rule);
int dvv_rule_lookup(const char *id); /* -1 when unknown */

/* ---- options and diagnostics -------------------------------------------------------------- */
struct danvan_validate_options {
  int lang; /* -1: from the environment */
  size_t max;
  int32_t as_of;
  int32_t schema;
  uint8_t enabled[DVV_R_COUNT];
};

typedef struct dvv_finding {
  int rule;
  int32_t severity;
  uint32_t line, column;
  uint64_t seq;
  const char *file, *path, *message; /* inside the same allocation */
} dvv_finding;

struct danvan_diagnostics {
  dvv_finding **items; /* a max-heap (worst first) while collecting; sorted when done */
  size_t n, cap;
  size_t max; /* 0: no cap */
  size_t total;
  size_t sev_total[4];
  uint64_t next_seq;
  int lang;
  bool failed; /* out of memory while collecting */
};

int32_t dvv_diags_new(danvan_diagnostics **out, const danvan_validate_options *opts, int lang);
/* Add a finding; the strings are copied. Returns false on ENOMEM. */
bool dvv_diags_add(danvan_diagnostics *d, int rule, const char *file, uint32_t line,
                   uint32_t column, const char *path, const char *message);
/* Would a finding with this key be kept? (counts it in the totals either way) */
bool dvv_diags_admit(danvan_diagnostics *d, int rule, const char *file, uint32_t line,
                     uint32_t column);
void dvv_diags_finish(danvan_diagnostics *d);
int dvv_resolve_lang(const danvan_validate_options *opts);
/* The schema pass over a file (xsd.c): adds "schema" (and "xml") findings; *found counts them.
   Does nothing when the schema cannot be read. */
bool dvv_schema_available(void);
int32_t dvv_schema_pass(danvan_diagnostics *d, const char *path, size_t *found);
/* Load one file into *ds (NULL: a new dataset) or merge it, the schema checked during the same
   parse: as danvan_dataset_load / danvan_dataset_merge, adding the file's "schema" findings
   when it loads (xsd.c). */
int32_t dvv_schema_load(danvan_dataset **ds, danvan_diagnostics *d, const char *path);

/* ---- run context -------------------------------------------------------------------------- */
typedef struct dvv_map dvv_map; /* string (+ owner) -> pointer hash map */
dvv_map *dvv_map_new(void);
void dvv_map_free(dvv_map *m);
bool dvv_map_put(dvv_map *m, const void *owner, const char *key, void *val); /* keeps first */
void *dvv_map_get(const dvv_map *m, const void *owner, const char *key);

typedef struct dvv_ctx {
  const danvan_dataset *ds;
  danvan_diagnostics *d;
  const danvan_validate_options *opts;
  int lang;
  bool failed; /* ENOMEM */
  uint32_t nseq;          /* organisations + localities: the size of the arrays below */
  dvi_pmap ix;            /* organisation or locality -> its index (+1) in those arrays */
  dvi_pmap memo;          /* id text (by address) -> entity, for dvv_find() */
  /* indexes, built once */
  danvan_entity **all;    /* every entity, in tree order */
  size_t nall;
  uint8_t *mark;          /* per index: scratch for cycle detection */
  dvv_map *orgs_by_kind;  /* kind -> first org of that kind; next via org_next */
  danvan_entity **org_next;   /* per seq: next org of the same kind */
  danvan_entity **loc_child;  /* per seq: first child locality */
  danvan_entity **loc_sib;    /* per seq: next sibling locality */
  dvv_map *plan_metrics;  /* (plan, metric id) -> plan, metrics a plan counts */
} dvv_ctx;

/* dvi_find() remembered for the validation running on this thread (a reference names the
   same few thousand entities report after report; the dataset's strings do not move). */
const danvan_entity *dvv_find(const danvan_dataset *ds, const char *id);

/* Index of an organisation or a locality in the arrays of the context. */
static inline size_t dvv_ix(const dvv_ctx *c, const danvan_entity *e) {
  return (size_t)(uintptr_t)dvi_pmap_get(&c->ix, e) - 1;
}

/* Report a finding about entity e (NULL: the whole dataset). args: NULL-terminated. */
void dvv_report(dvv_ctx *c, int rule, const danvan_entity *e, int msg, const char *const *args);
#define DVV_ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
static inline bool dvv_on(const dvv_ctx *c, int rule) { return c->opts->enabled[rule] != 0; }
const char *dvv_kind_word(const dvv_ctx *c, int32_t kind);

/* helpers */
const danvan_entity *dvv_ref(const danvan_entity *e, int32_t field, int32_t kind); /* NULL if unresolved */
const char *dvv_str(const danvan_entity *e, int32_t field); /* NULL when unset */
bool dvv_date(const danvan_entity *e, int32_t field, int32_t *out);
const char *dvv_fmt_date(char *buf, int32_t date);  /* buf >= 16 */
const char *dvv_fmt_dec(char *buf, int64_t coef, int32_t scale); /* buf >= 48 */
/* Compare dates that may be partial (day 00): -1, 0, 1, or 2 when it cannot be told. */
int dvv_date_cmp(int32_t a, int32_t b);
const danvan_entity *dvv_plan_of(const danvan_entity *e); /* enclosing plan, or NULL */

/* rule groups, one file each */
void dvv_rules_model(dvv_ctx *c);
void dvv_rules_dates(dvv_ctx *c);
void dvv_rules_numbers(dvv_ctx *c);
void dvv_rules_text(dvv_ctx *c);

#endif
