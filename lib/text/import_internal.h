/*
 * Private interface of the text importer (lib/text/import*.c).
 *
 * The importer works in passes over a line model:
 *   1. import_lines.c   bytes -> clean NFC lines (HTML, Markdown, CRLF, NBSP handled), each
 *                       with a matching key (lower case, tone placement folded, dashes and
 *                       quotes unified) and a map from key bytes back to text bytes;
 *   2. import_doc.c     zones (chrome, header, type line, title, body, closing), header
 *                       fields, signatures, recipients;
 *   3. import_body.c    paragraphs, labels, the section tree, basis, objectives;
 *   4. import_facts.c   quotas, tasks, totals, duties, events, members;
 *   import_names.c      names: slugs, casing of capitals, kinds of organisations and
 *                       localities, creation and lookup of entities;
 *   import_values.c     Vietnamese numbers, money, dates, times, document numbers
 *                       (scanners over keys);
 *   import.c            public API, options, results, orchestration.
 */
#ifndef DVI_IMPORT_INTERNAL_H
#define DVI_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/internal.h"
#include "danvan/import.h"

#define IMP_NPOS ((size_t)-1)

/* ---- strings with keys -------------------------------------------------------------------- */
/* A piece of text and its matching key. s is NFC with single spaces, trimmed; k is the key
   (lower case, "hoà" folded to "hòa", dashes to '-', quotes to '"' and '\'', NBSP to space);
   map[i] is the byte offset in s of the code point that produced key byte i (map[kn] = n). */
typedef struct imp_str {
  const char *s;
  size_t n;
  const char *k;
  size_t kn;
  const uint32_t *map;
} imp_str;

/* ---- labels of numbered paragraphs --------------------------------------------------------- */
enum {
  IMP_L_NONE = 0,
  IMP_L_PART,    /* PHẦN I, Phần thứ nhất */
  IMP_L_ROMAN,   /* I. II- */
  IMP_L_UALPHA,  /* A. B- */
  IMP_L_ARABIC,  /* 1. 2- 3) ; depth > 1 for 1.1 */
  IMP_L_LALPHA,  /* a) b. đ- */
  IMP_L_PAREN,   /* (1) (a) */
  IMP_L_DASH,    /* - – */
  IMP_L_PLUS,    /* + */
  IMP_L_BULLET   /* • ▪ ● * ◦ */
};

typedef struct imp_label {
  int style;
  int depth;       /* components of a multi-level arabic label (1.2.3 -> 3) */
  int32_t value;   /* numeric value of the (last) component, 0 for bullets */
  size_t len;      /* bytes of text taken by the label, delimiter and following spaces */
  char text[24];   /* the label as written, without delimiter ("II", "1.2", "a", "-") */
} imp_label;

/* ---- lines and paragraphs ------------------------------------------------------------------ */
enum { Z_NONE = 0, Z_CHROME, Z_HEADER, Z_TYPE, Z_TITLE, Z_BODY, Z_CLOSING, Z_TRAILER };

typedef struct imp_line {
  uint32_t no;      /* source line, from 1 */
  const char *raw;  /* the line before spaces were collapsed (NBSP already a space) */
  size_t rawn;
  imp_str t;
  uint8_t zone;
  uint8_t split;    /* created by splitting a physical line (Markdown bold, HTML block) */
} imp_line;

typedef struct imp_para {
  size_t first, last;  /* indexes into ctx->lines */
  imp_str t;           /* joined text of the lines */
  imp_label label;
  imp_str body;        /* t without the label */
  danvan_entity *section; /* the section whose text (or heading) holds it */
  uint32_t l1, l2;     /* source lines */
  bool placed;         /* a fact was extracted from it */
} imp_para;

/* ---- findings ------------------------------------------------------------------------------ */
typedef struct imp_finding {
  uint32_t line;
  int32_t severity;
  const char *rule;
  char *message; /* dvi_malloc'd */
} imp_finding;

/* ---- the import session -------------------------------------------------------------------- */
#define IMP_MAX_ISSUERS 8

/* For each base of dvi_imp_unique_id(): every suffix from 2 to n - 1 is taken. */
typedef struct imp_idnext {
  struct imp_idnext *next;
  const char *base;
  int n;
} imp_idnext;
#define IMP_IDNEXT_BUCKETS 256

typedef struct imp_orgrec {
  danvan_entity *e;
  const char *key;   /* match key of the name */
  const char *cls;   /* head class ("bcd", "doan" …) or NULL */
  int level;         /* IMP_LV_* named in the name (bare or with a locality) */
  danvan_entity *loc;
} imp_orgrec;

typedef struct imp_ctx {
  danvan_dataset *ds;
  danvan_entity *root;
  danvan_entity *doc;      /* the plan or report */
  bool is_report;
  const char *name;
  uint16_t file;
  const char *want_id;
  bool report_chrome;
  dvi_arena arena;         /* scratch memory, freed at the end */
  int32_t rc;              /* first hard error (ENOMEM), sticky */

  imp_line *lines;
  size_t nlines;
  imp_para *paras;
  size_t nparas;

  /* zones, as line indexes (IMP_NPOS when absent) */
  size_t type_line, title_first, title_last, body_first, body_end; /* body_end exclusive */
  const char *doc_type;    /* "KH", "BC" … */

  /* header facts */
  const char *number, *symbol, *style, *place;
  int32_t date;            /* yyyymmdd, partial allowed; 0 unknown */
  uint32_t header_l1, header_l2;
  danvan_entity *issuers[IMP_MAX_ISSUERS];
  size_t nissuers;
  danvan_entity *superior; /* the body above the first issuer, from the header */
  danvan_entity *home;     /* the locality the issuer serves */
  int home_level;          /* IMP_LV_* of home */
  const char *title;
  int32_t phase, year, start, end;

  /* findings */
  imp_finding *finds;
  size_t nfinds, capfinds;

  /* the locality given to a new organisation whose name names none (a higher document's
     issuer written without its level is at the level of this plan's issuer) */
  danvan_entity *org_default_loc;
  /* organisations met, for resolving later mentions */
  imp_orgrec *orgs;
  size_t norgs, caporgs;

  /* counters for ids */
  uint32_t nquota, ntask, ntotal, nduty, nevent;
  imp_idnext *idnext[IMP_IDNEXT_BUCKETS]; /* see dvi_imp_unique_id() */
} imp_ctx;

/* ---- import_lines.c ------------------------------------------------------------------------ */
/* Clean the input and split it into lines (ctx->lines). */
int32_t dvi_imp_lines(imp_ctx *c, const char *text, size_t len);
/* Build an imp_str from text (NFC already): collapses spaces, trims, builds the key. The
   memory comes from the session arena. Returns false on ENOMEM (and sets c->rc). */
bool dvi_imp_str(imp_ctx *c, imp_str *out, const char *s, size_t n);
/* A sub-string of x from key offset k1 to k2 (trimmed), with its own key. */
bool dvi_imp_sub(imp_ctx *c, imp_str *out, const imp_str *x, size_t k1, size_t k2);
/* Text of x between key offsets [k1, k2), trimmed, copied into the arena (NUL-terminated). */
const char *dvi_imp_text(imp_ctx *c, const imp_str *x, size_t k1, size_t k2);
/* The key of a literal (NFC, any case) into buf; returns buf. */
const char *dvi_imp_key_of(const char *lit, char *buf, size_t cap);

/* Searches in keys. Words: a match must not touch letters or digits on either side. */
size_t dvi_imp_find(const imp_str *x, size_t from, const char *needle);
size_t dvi_imp_find_word(const imp_str *x, size_t from, const char *needle);
size_t dvi_imp_find_word_before(const imp_str *x, size_t from, size_t to, const char *needle);
bool dvi_imp_at(const imp_str *x, size_t pos, const char *needle);      /* key starts there */
bool dvi_imp_at_word(const imp_str *x, size_t pos, const char *needle); /* … and ends a word */
bool dvi_imp_starts(const imp_str *x, const char *needle);              /* at_word(x, 0, …) */
bool dvi_imp_has(const imp_str *x, const char *needle);                 /* find_word != NPOS */
size_t dvi_imp_skip_space(const imp_str *x, size_t pos);
/* Is the code point at key offset pos a letter or digit (ASCII or not)? */
bool dvi_imp_is_alnum_at(const char *k, size_t kn, size_t pos);
bool dvi_imp_is_word_start(const char *k, size_t pos);
/* Upper/lower-case statistics of the letters of a text. */
void dvi_imp_case_stats(const char *s, size_t n, size_t *upper, size_t *lower);
bool dvi_imp_is_caps(const imp_str *x);       /* letters present and (nearly) all upper case */
bool dvi_imp_starts_upper(const char *s, size_t n); /* first letter is upper case */
bool dvi_imp_starts_lower(const char *s, size_t n);
/* Decode one UTF-8 code point (valid input) at s[*i]; advances *i. */
int32_t dvi_imp_cp(const char *s, size_t n, size_t *i);
/* Recognise the label at the start of a text. */
bool dvi_imp_label(const imp_str *x, imp_label *out);

/* ---- import_values.c ----------------------------------------------------------------------- */
/* (scanners calling the public parsers of vn.h; offsets are key offsets) */
typedef struct imp_num {
  int64_t coef;
  int32_t scale;
  size_t k1, k2;     /* key range */
  int ndigits;       /* digits of the integer part as written */
  bool lead_zero;    /* "01" */
  bool grouped;      /* had thousands groups */
} imp_num;
/* A number starting exactly at key offset pos. */
bool dvi_imp_num_at(const imp_str *x, size_t pos, imp_num *out);
/* The next number at or after pos (not inside a word). */
bool dvi_imp_num_next(const imp_str *x, size_t pos, imp_num *out);

typedef struct imp_money {
  int64_t vnd;       /* integer đồng */
  size_t k1, k2;
} imp_money;
/* Money starting at a number at pos: "90 triệu đồng", "500 000đ", "3,6 tỷ đồng". */
bool dvi_imp_money_at(const imp_str *x, size_t pos, imp_money *out);
bool dvi_imp_money_next(const imp_str *x, size_t pos, size_t end, imp_money *out);

/* A quantity read by danvan_vn_quantity_parse() at a key offset. */
typedef struct imp_qty {
  int32_t bound;           /* DANVAN_VN_BOUND_* */
  bool has_min, has_max, has_total, has_second;
  int64_t min_coef, max_coef, total_coef, second_coef;
  int32_t min_scale, max_scale, total_scale, second_scale;
  const char *unit;        /* as written, "" when none */
  const char *second_unit;
  size_t k1, k2;           /* the whole phrase */
  size_t uk1, uk2;         /* the unit word */
} imp_qty;
bool dvi_imp_qty_at(imp_ctx *c, const imp_str *x, size_t pos, imp_qty *out);

typedef struct imp_date {
  int32_t y, m, d;   /* 0 when absent */
  size_t k1, k2;
} imp_date;
/* A date at pos: "ngày 22 tháng 6 năm 2021" (blank parts allowed), "05/5/2021", "10/12",
   "01-10-1997", "22.12.2020". Missing parts are 0. */
bool dvi_imp_date_at(const imp_str *x, size_t pos, imp_date *out);
bool dvi_imp_date_next(const imp_str *x, size_t pos, size_t end, imp_date *out);
/* A date range at pos ("16/12 - 30/12/2020", "từ ngày 10/12 đến ngày 24/12/2024",
   "9-23/11/2018"); partial parts inherit from the other end. */
bool dvi_imp_range_at(const imp_str *x, size_t pos, int32_t *start, int32_t *end, size_t *k2);
bool dvi_imp_range_next(const imp_str *x, size_t pos, size_t endk, int32_t *start,
                        int32_t *end, size_t *k1, size_t *k2);
/* yyyymmdd of a date with all parts (y given or inherited), 0 when invalid. */
int32_t dvi_imp_date_value(const imp_date *d, int32_t year_default);

/* A time of day at pos: "12h", "13h30", "07 giờ 30 phút", "7 giờ", "13:17". */
bool dvi_imp_time_at(const imp_str *x, size_t pos, int32_t *minutes, size_t *k2);
bool dvi_imp_time_next(const imp_str *x, size_t pos, size_t end, int32_t *minutes, size_t *k1,
                       size_t *k2);

/* A window "từ 13h30 đến 15h00" at pos. */
bool dvi_imp_window_at(const imp_str *x, size_t pos, int32_t *from, int32_t *to, size_t *k2);
/* The next deadline ("trước 12h", "chậm nhất ngày 09/12/2024") at or after pos: kind
   (DANVAN_VN_DEADLINE_*), date (0 when none) and minutes (-1 when none). */
bool dvi_imp_deadline_next(const imp_str *x, size_t pos, int32_t *kind, int32_t *date, int32_t *minutes,
                           size_t *k1);
/* A phase "đợt II/2020", "đợt II năm 2024" at pos. */
bool dvi_imp_phase_at(const imp_str *x, size_t pos, int32_t *kind, int32_t *number, int32_t *year,
                      size_t *k2);
/* Roman numeral of I, V, X (a section label, a round) at the start of the *text*, or 0. */
int32_t dvi_imp_roman(const char *s, size_t n, size_t *len);

/* A document number and symbol ("Số: 382 -KH/TĐTN-TCKT", "14-KH/BCĐ", "21/KH-UBND",
   "Số      -KH/BCĐ") in x from key offset pos. Strings point into the arena. */
typedef struct imp_docnum {
  const char *number;  /* digits, "" when blank */
  const char *type;    /* KH, BC … (may be NULL) */
  const char *symbol;  /* KH/BCĐ, KH-UBND */
  const char *style;   /* party, state, union */
  size_t k1, k2;
} imp_docnum;
bool dvi_imp_docnum_at(imp_ctx *c, const imp_str *x, size_t pos, imp_docnum *out);

/* ---- import_names.c ------------------------------------------------------------------------ */
enum { IMP_LV_NONE = 0, IMP_LV_HAMLET, IMP_LV_COMMUNE, IMP_LV_DISTRICT, IMP_LV_PROVINCE,
       IMP_LV_CENTRAL };
/* ASCII slug of a text ("Tân Phong" -> "tan-phong"), at most maxwords words (0: all). */
const char *dvi_imp_slug(imp_ctx *c, const char *s, size_t n, int maxwords);
/* Convert a name written in capitals to its usual casing ("BAN CHỈ ĐẠO … XÃ TÂN PHONG" ->
   "Ban Chỉ đạo … xã Tân Phong"). */
const char *dvi_imp_uncaps(imp_ctx *c, const char *s, size_t n);
/* Kind of an organisation from its name (key); "other" when unknown, NULL when the text is
   not an organisation name. */
const char *dvi_imp_org_kind(const imp_str *name);
/* The level named by a locality word at key offset pos ("xã", "huyện" …), IMP_LV_NONE. */
int dvi_imp_level_word(const imp_str *x, size_t pos, size_t *len);
const char *dvi_imp_level_name(int level);
/* The level (IMP_LV_*) of a locality entity from its kind. */
int dvi_imp_loc_level(const danvan_entity *loc);
/* The locality kind of the level word at pos ("thị xã" -> "district-town"), or NULL. */
const char *dvi_imp_level_kind(const imp_str *x, size_t pos);
/* Locality kind word of a level ("commune" …), and of a word such as "ấp" -> "hamlet". */
/* Find or create the locality named in x at key range [k1, k2) which starts with a level
   word ("xã Tân Phong", "ấp Cầu"); returns the locality or NULL. */
danvan_entity *dvi_imp_locality(imp_ctx *c, const imp_str *x, size_t k1, size_t k2,
                                uint32_t line);
/* Find or create a locality of a given kind word and name. */
danvan_entity *dvi_imp_locality_named(imp_ctx *c, const char *kind, const char *name,
                                      danvan_entity *parent, uint32_t line);
/* Find or create the organisation named by text [k1, k2) of x (mixed case or capitals).
   Returns NULL when the text does not name an organisation. */
danvan_entity *dvi_imp_org(imp_ctx *c, const imp_str *x, size_t k1, size_t k2, uint32_t line);
/* Like dvi_imp_org, but creates the organisation even when its kind is unknown ("other"). */
danvan_entity *dvi_imp_org_any(imp_ctx *c, const imp_str *x, size_t k1, size_t k2,
                               uint32_t line);
/* Resolve a mention to an existing organisation only (issuers first). */
danvan_entity *dvi_imp_org_find(imp_ctx *c, const imp_str *x, size_t k1, size_t k2);
/* Find or create a person; rank may be NULL. */
danvan_entity *dvi_imp_person(imp_ctx *c, const char *name, const char *rank, uint32_t line);
/* Find or create a metric. */
danvan_entity *dvi_imp_metric(imp_ctx *c, const char *id_hint, const char *name,
                              const char *unit, uint32_t line);
/* A unique id from a base (slug), "x" prefix when it does not start with a letter. */
const char *dvi_imp_unique_id(imp_ctx *c, const char *base);
/* Before removing an entity the import made: its id may be given again. */
void dvi_imp_release_id(imp_ctx *c, const danvan_entity *e);
/* Is a text a person's name (2 to 6 capitalised words, no punctuation)? */
bool dvi_imp_is_person_name(const imp_str *x, size_t k1, size_t k2);
/* A military rank at the start of x ("Đại tá"), its key length, or 0. */
size_t dvi_imp_rank_at(const imp_str *x, size_t pos, const char **rank);

/* ---- entity helpers (import.c) ------------------------------------------------------------- */
danvan_entity *dvi_imp_add(imp_ctx *c, danvan_entity *parent, int32_t kind, const char *id,
                           uint32_t l1, uint32_t l2);
void dvi_imp_set(imp_ctx *c, danvan_entity *e, int32_t field, const char *value);
void dvi_imp_setn(imp_ctx *c, danvan_entity *e, int32_t field, const char *value, size_t n);
void dvi_imp_set_int(imp_ctx *c, danvan_entity *e, int32_t field, int64_t v);
void dvi_imp_set_dec(imp_ctx *c, danvan_entity *e, int32_t field, int64_t coef, int32_t scale);
void dvi_imp_set_date(imp_ctx *c, danvan_entity *e, int32_t field, int32_t date);
void dvi_imp_set_lines(imp_ctx *c, danvan_entity *e, uint32_t l1, uint32_t l2);
/* Append an id to a REFS field (no duplicates). */
void dvi_imp_add_ref(imp_ctx *c, danvan_entity *e, int32_t field, const char *id);
void dvi_imp_find_add(imp_ctx *c, uint32_t line, int32_t severity, const char *rule,
                      const char *fmt, ...) DVI_PRINTF(5, 6);
bool dvi_imp_nomem(imp_ctx *c);
const char *dvi_imp_strndup(imp_ctx *c, const char *s, size_t n);
const char *dvi_imp_printf(imp_ctx *c, const char *fmt, ...) DVI_PRINTF(2, 3);

/* ---- passes -------------------------------------------------------------------------------- */
void dvi_imp_zones(imp_ctx *c);       /* import_doc.c: zones */
void dvi_imp_header(imp_ctx *c);      /* import_doc.c: header, title, issuers */
void dvi_imp_closing(imp_ctx *c);     /* import_doc.c: signatures, recipients, chrome */
void dvi_imp_body(imp_ctx *c);        /* import_body.c: paragraphs, sections, basis, goals */
void dvi_imp_facts(imp_ctx *c);       /* import_facts.c */
void dvi_imp_unplaced(imp_ctx *c);    /* import_facts.c: info findings for unplaced text */

#endif
