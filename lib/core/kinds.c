/*
 * The kind table: every entity kind, its fields and its children, in the canonical order of
 * format v1. The XML reader and writer, the public introspection functions and the bindings
 * all derive from this one table.
 */
#include <pthread.h>
#include <string.h>

#include "core/internal.h"

/* ---- enum word lists ---------------------------------------------------------------------- */
static const char *const E_AGGREGATE[] = {"sum", "max", "min", "last", NULL};
static const char *const E_ROLE[] = {"head", "standing-deputy", "deputy", "member", "secretary", NULL};
static const char *const E_STYLE[] = {"party", "state", "union", NULL};
static const char *const E_CATEGORY[] = {"propaganda", "mobilisation", "public-works",
                                         "social-welfare", "health", "culture-sports", "security",
                                         "model", "training", "coordination", "other", NULL};
static const char *const E_QMODE[] = {"each", "total", NULL};
static const char *const E_FREQ[] = {"daily", "weekly", "monthly", "quarterly", "half-yearly",
                                     "yearly", "once", NULL};
static const char *const E_PURPOSE[] = {"report", "implement", "coordinate", "archive", "info", NULL};
static const char *const E_AUTHORITY[] = {"", "TM", "KT", "Q", "TL", "TUQ", NULL};
static const char *const E_RMODE[] = {"increment", "cumulative", NULL};
static const char *const E_STATUS[] = {"draft", "submitted", "approved", "returned", NULL};

#define K(x) DANVAN_KIND_##x
#define F(x) DANVAN_F_##x
#define T(x) DANVAN_TYPE_##x
/* attribute on the element itself */
#define A(f, t, name) {F(f), T(t), NULL, name, 0, NULL, false}
#define AR(f, t, name, target) {F(f), T(t), NULL, name, K(target), NULL, false}
#define AE(f, name, list) {F(f), T(ENUM), NULL, name, 0, list, false}
#define AP(f, name) {F(f), T(DATE), NULL, name, 0, NULL, true}
/* text content of the element itself */
#define TX(f, t) {F(f), T(t), NULL, NULL, 0, NULL, false}
/* grouped: attribute or text of a single child element */
#define G(f, t, elem, name) {F(f), T(t), elem, name, 0, NULL, false}
#define GR(f, t, elem, name, target) {F(f), T(t), elem, name, K(target), NULL, false}
/* slots */
#define S(kind, elem, rank) {K(kind), elem, NULL, rank}
#define SW(kind, elem, wrapper, rank) {K(kind), elem, wrapper, rank}
#define SG(elem, rank) {0, elem, NULL, rank}

#define LINES A(LINES, STRING, "lines")

static const dvi_field_desc f_dataset[] = {{0, 0, NULL, NULL, 0, NULL, false}};
static const dvi_slot_desc s_dataset[] = {
    SW(METRIC, "metric", "metrics", 1),       SW(LOCALITY, "locality", "localities", 2),
    SW(PERSON, "person", "people", 3),        SW(ORGANISATION, "organisation", "organisations", 4),
    S(PLAN, "plan", 5),                       S(REPORT, "report", 6)};

static const dvi_field_desc f_metric[] = {
    A(ID, ID, "id"), A(UNIT, STRING, "unit"), A(NAME, STRING, "name"),
    AE(AGGREGATE, "aggregate", E_AGGREGATE), A(MIN_UNIT_COST, DECIMAL, "min-unit-cost"),
    A(MAX_UNIT_COST, DECIMAL, "max-unit-cost")};

static const dvi_field_desc f_locality[] = {
    A(ID, ID, "id"), A(KIND, STRING, "kind"), A(NAME, STRING, "name"),
    AR(PARENT, REF, "parent", LOCALITY), A(TAGS, TOKENS, "tags"), A(FROM, DATE, "from"),
    A(TO, DATE, "to"), AR(SUCCESSORS, REFS, "successors", LOCALITY)};

static const dvi_field_desc f_person[] = {A(ID, ID, "id"), A(NAME, STRING, "name"),
                                          A(RANK, STRING, "rank")};

static const dvi_field_desc f_organisation[] = {
    A(ID, ID, "id"), A(KIND, STRING, "kind"), AR(LOCALITY, REF, "locality", LOCALITY),
    AR(PARENT, REF, "parent", ORGANISATION), A(ABBR, STRING, "abbr"), A(NAME, STRING, "name"),
    A(TAGS, TOKENS, "tags"), A(EMAIL, STRING, "email"), A(FROM, DATE, "from"), A(TO, DATE, "to"),
    AR(SUCCESSORS, REFS, "successors", ORGANISATION)};
static const dvi_slot_desc s_organisation[] = {S(MEMBER, "member", 1)};

static const dvi_field_desc f_member[] = {AR(PERSON, REF, "person", PERSON),
                                          AE(ROLE, "role", E_ROLE), A(POSITION, STRING, "position")};
static const dvi_slot_desc s_member[] = {S(AREA, "area", 1)};

static const dvi_field_desc f_area[] = {AR(LOCALITY, REF, "locality", LOCALITY)};

static const dvi_field_desc f_plan[] = {
    A(ID, ID, "id"), A(TYPE, STRING, "type"), A(NUMBER, STRING, "number"),
    A(SYMBOL, STRING, "symbol"), AE(STYLE, "style", E_STYLE), A(PLACE, STRING, "place"),
    AP(DATE, "date"), LINES,
    G(TITLE, STRING, "title", NULL),
    G(CAMPAIGN, STRING, "campaign", "name"), G(PHASE, INT, "campaign", "phase"),
    G(YEAR, INT, "campaign", "year"),
    G(START, DATE, "period", "start"), G(END, DATE, "period", "end")};
static const dvi_slot_desc s_plan[] = {
    S(ISSUER, "issuer", 1),  SG("title", 2),          SG("campaign", 3),
    SG("period", 4),         S(BASIS, "basis", 5),    S(OBJECTIVE, "objective", 6),
    S(REQUIREMENT, "requirement", 7), S(SECTION, "section", 8), S(TASK, "task", 9),
    S(TOTAL, "total", 10),   S(QUOTA, "quota", 11),   S(DUTY, "duty", 12),
    S(EVENT, "event", 13),   S(RECIPIENT, "recipient", 14), S(SIGNATURE, "signature", 15)};

static const dvi_field_desc f_issuer[] = {AR(ORG, REF, "org", ORGANISATION)};

static const dvi_field_desc f_basis[] = {
    A(TYPE, STRING, "type"), A(NUMBER, STRING, "number"), A(SYMBOL, STRING, "symbol"),
    AP(DATE, "date"), AR(ISSUER, REF, "issuer", ORGANISATION), AR(PLAN, REF, "plan", PLAN),
    LINES, TX(TEXT, STRING)};

static const dvi_field_desc f_textonly[] = {LINES, TX(TEXT, STRING)};

static const dvi_field_desc f_section[] = {A(LABEL, STRING, "label"), A(HEADING, STRING, "heading"),
                                           LINES};
static const dvi_slot_desc s_section[] = {S(TEXT, "text", 1), S(SECTION, "section", 1)};

static const dvi_field_desc f_task[] = {
    A(ID, ID, "id"), AE(CATEGORY, "category", E_CATEGORY), AR(LEAD, REF, "lead", ORGANISATION),
    AR(PARTNERS, REFS, "partners", ORGANISATION), AR(LOCALITIES, REFS, "localities", LOCALITY),
    A(START, DATE, "start"), A(END, DATE, "end"), A(DUE, DATE, "due"), LINES,
    G(TITLE, STRING, "title", NULL),
    G(CURRENCY, STRING, "cost", "currency"), G(COST, DECIMAL, "cost", "value")};
static const dvi_slot_desc s_task[] = {SG("title", 1), S(MEASURE, "measure", 2), SG("cost", 3),
                                       S(TASK, "task", 4)};

static const dvi_field_desc f_measure[] = {AR(METRIC, REF, "metric", METRIC),
                                           A(VALUE, DECIMAL, "value"),
                                           AR(LOCALITY, REF, "locality", LOCALITY)};

static const dvi_field_desc f_total[] = {
    A(ID, ID, "id"), AR(METRIC, REF, "metric", METRIC), A(VALUE, DECIMAL, "value"),
    A(COUNT, DECIMAL, "count"), A(UNIT_VALUE, DECIMAL, "unit-value"),
    AR(PARTS, REFS, "parts", TASK), LINES, G(TITLE, STRING, "title", NULL)};
static const dvi_slot_desc s_total[] = {SG("title", 1)};

static const dvi_field_desc f_quota[] = {
    A(ID, ID, "id"), AR(METRIC, REF, "metric", METRIC), AR(NUMERATOR, REF, "numerator", METRIC),
    AR(DENOMINATOR, REF, "denominator", METRIC), A(MIN, DECIMAL, "min"), A(MAX, DECIMAL, "max"),
    AE(MODE, "mode", E_QMODE), A(COVERAGE, DECIMAL, "coverage"),
    AR(OWNER, REF, "owner", ORGANISATION), A(WEIGHT, DECIMAL, "weight"), A(START, DATE, "start"),
    A(END, DATE, "end"), LINES, G(TITLE, STRING, "title", NULL),
    GR(METRICS, REFS, "any-of", "metrics", METRIC)};
static const dvi_slot_desc s_quota[] = {SG("title", 1), SG("any-of", 2), S(SELECTOR, "scope", 3)};

static const dvi_field_desc f_selector[] = {
    A(KIND, TOKENS, "kind"), A(LEVEL, TOKENS, "level"), A(TAGS, TOKENS, "tags"),
    AR(UNDER, REF, "under", ANY), AR(ORGS, REFS, "orgs", ORGANISATION)};

static const dvi_field_desc f_duty[] = {
    A(ID, ID, "id"), AE(FREQUENCY, "frequency", E_FREQ), A(DUE_DATE, DATE, "due-date"),
    AR(TO, REF, "to", ORGANISATION), AR(VIA, REF, "via", ORGANISATION), A(START, DATE, "start"),
    A(END, DATE, "end"), A(WINDOW_START, TIME, "window-start"), A(DUE_TIME, TIME, "due-time"),
    A(WEEKENDS, BOOL, "weekends"), A(LAG_DAYS, INT, "lag-days"), A(CHANNEL, STRING, "channel"),
    LINES, G(TITLE, STRING, "title", NULL), GR(METRICS, REFS, "carries", "metrics", METRIC)};
static const dvi_slot_desc s_duty[] = {SG("title", 1), S(SELECTOR, "reporters", 2),
                                       SG("carries", 3), S(ATTACHMENT, "attachment", 4)};

static const dvi_field_desc f_attachment[] = {
    A(KIND, STRING, "kind"), A(HREF, STRING, "href"), A(MIN_MINUTES, DECIMAL, "min-minutes"),
    A(MAX_MINUTES, DECIMAL, "max-minutes"), TX(TEXT, STRING)};

static const dvi_field_desc f_event[] = {
    A(ID, ID, "id"), A(KIND, STRING, "kind"), A(AT, DATETIME, "at"),
    AR(LOCALITY, REF, "locality", LOCALITY), A(PLACE, STRING, "place"), LINES,
    G(TITLE, STRING, "title", NULL)};
static const dvi_slot_desc s_event[] = {SG("title", 1)};

static const dvi_field_desc f_recipient[] = {AR(ORG, REF, "org", ORGANISATION),
                                             AE(PURPOSE, "purpose", E_PURPOSE), LINES,
                                             TX(TEXT, STRING)};

static const dvi_field_desc f_signature[] = {
    AR(PERSON, REF, "person", PERSON), A(POSITION, STRING, "position"),
    AE(AUTHORITY, "authority", E_AUTHORITY), AR(FOR, REF, "for", ORGANISATION), LINES};

static const dvi_field_desc f_report[] = {
    A(ID, ID, "id"), AR(PLAN, REF, "plan", PLAN), AR(DUTY, REF, "duty", DUTY),
    AR(ORG, REF, "org", ORGANISATION), A(START, DATE, "start"), A(END, DATE, "end"),
    A(SUBMITTED, DATETIME, "submitted"), AE(MODE, "mode", E_RMODE),
    AE(STATUS, "status", E_STATUS), A(TYPE, STRING, "type"), A(NUMBER, STRING, "number"),
    A(SYMBOL, STRING, "symbol"), AE(STYLE, "style", E_STYLE), A(PLACE, STRING, "place"),
    AP(DATE, "date"), LINES, G(TITLE, STRING, "title", NULL)};
static const dvi_slot_desc s_report[] = {S(ISSUER, "issuer", 1), SG("title", 2),
                                         S(BASIS, "basis", 3),  S(VALUE, "value", 4),
                                         S(NOTE, "note", 5),    S(ATTACHMENT, "attachment", 6),
                                         S(SIGNATURE, "signature", 7)};

static const dvi_field_desc f_value[] = {AR(METRIC, REF, "metric", METRIC),
                                         AR(LOCALITY, REF, "locality", LOCALITY),
                                         AR(TASK, REF, "task", TASK), TX(VALUE, DECIMAL)};

static const dvi_field_desc f_note[] = {TX(TEXT, STRING)};
static const dvi_field_desc f_foreign[] = {TX(TEXT, STRING)};

#define KD(kind, name, fields, slots) \
  {K(kind), name, fields, sizeof(fields) / sizeof(fields[0]), slots, sizeof(slots) / sizeof(slots[0]), {0}, {0}, -1, -1, 0, {0}, {0}, 0}
#define KDN(kind, name, fields) {K(kind), name, fields, sizeof(fields) / sizeof(fields[0]), NULL, 0, {0}, {0}, -1, -1, 0, {0}, {0}, 0}

dvi_kind_desc dvi_kinds[DANVAN_KIND_COUNT] = {
    {0, NULL, NULL, 0, NULL, 0, {0}, {0}, -1, -1, 0, {0}, {0}, 0},
    {K(DATASET), "danvan", f_dataset, 0, s_dataset, sizeof(s_dataset) / sizeof(s_dataset[0]), {0}, {0}, -1, -1, 0, {0}, {0}, 0},
    KDN(METRIC, "metric", f_metric),
    KDN(LOCALITY, "locality", f_locality),
    KDN(PERSON, "person", f_person),
    KD(ORGANISATION, "organisation", f_organisation, s_organisation),
    KD(MEMBER, "member", f_member, s_member),
    KDN(AREA, "area", f_area),
    KD(PLAN, "plan", f_plan, s_plan),
    KDN(ISSUER, "issuer", f_issuer),
    KDN(BASIS, "basis", f_basis),
    KDN(OBJECTIVE, "objective", f_textonly),
    KDN(REQUIREMENT, "requirement", f_textonly),
    KD(SECTION, "section", f_section, s_section),
    KDN(TEXT, "text", f_textonly),
    KD(TASK, "task", f_task, s_task),
    KDN(MEASURE, "measure", f_measure),
    KD(TOTAL, "total", f_total, s_total),
    KD(QUOTA, "quota", f_quota, s_quota),
    KDN(SELECTOR, "selector", f_selector),
    KD(DUTY, "duty", f_duty, s_duty),
    KDN(ATTACHMENT, "attachment", f_attachment),
    KD(EVENT, "event", f_event, s_event),
    KDN(RECIPIENT, "recipient", f_recipient),
    KDN(SIGNATURE, "signature", f_signature),
    KD(REPORT, "report", f_report, s_report),
    KDN(VALUE, "value", f_value),
    KDN(NOTE, "note", f_note),
    KDN(FOREIGN, "foreign", f_foreign),
};

static const char *const field_names[DANVAN_FIELD_COUNT] = {
    NULL, "id", "name", "unit", "aggregate", "min-unit-cost", "max-unit-cost", "kind", "parent",
    "tags", "from", "to", "successors", "rank", "locality", "abbr", "email", "person", "role",
    "position", "type", "number", "symbol", "style", "place", "date", "title", "campaign",
    "phase", "year", "start", "end", "org", "issuer", "plan", "text", "label", "heading",
    "category", "lead", "partners", "localities", "due", "metric", "value", "currency", "cost",
    "count", "unit-value", "parts", "min", "max", "mode", "coverage", "owner", "weight",
    "numerator", "denominator", "metrics", "level", "under", "orgs", "frequency", "via",
    "window-start", "due-time", "weekends", "due-date", "lag-days", "channel", "href",
    "min-minutes", "max-minutes", "at", "purpose", "authority", "for", "duty", "submitted",
    "status", "lines", "task"};

static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

static void kinds_init(void) {
  for (int k = 1; k < DANVAN_KIND_COUNT; k++) {
    dvi_kind_desc *kd = &dvi_kinds[k];
    memset(kd->field_index, -1, sizeof kd->field_index);
    memset(kd->child_slot, -1, sizeof kd->child_slot);
    kd->id_index = -1;
    for (size_t i = 0; i < kd->nfields; i++) {
      kd->field_index[kd->fields[i].field] = (int8_t)i;
      if (kd->fields[i].field == DANVAN_F_ID) kd->id_index = (int8_t)i;
    }
    for (size_t i = 0; i < kd->nslots; i++)
      if (kd->slots[i].kind) kd->child_slot[kd->slots[i].kind] = (int8_t)i;
    /* storage: cell widths, the full record's offsets */
    kd->text_index = (int8_t)dvi_text_field(kd, NULL);
    kd->mask_bytes = kd->nfields <= 8 ? 1 : kd->nfields <= 16 ? 2 : kd->nfields <= 24 ? 3 : 4;
    size_t off = 4;
    for (size_t i = 0; i < kd->nfields; i++) {
      uint8_t w = 4;
      switch (kd->fields[i].type) {
        case DANVAN_TYPE_ENUM: case DANVAN_TYPE_BOOL: w = 1; break;
        case DANVAN_TYPE_TIME: w = 2; break;
        case DANVAN_TYPE_DATE: w = 3; break;     /* year << 9 | month << 5 | day */
        case DANVAN_TYPE_DATETIME: w = 5; break; /* seconds, 40-bit two's complement */
        case DANVAN_TYPE_INT: w = 8; break;
        case DANVAN_TYPE_DECIMAL: w = 9; break;
        default: w = 4; break;
      }
      kd->width[i] = w;
      kd->full_off[i] = (uint16_t)off;
      off += w;
    }
    kd->full_size = (uint16_t)off;
    /* every kind but the foreign one may hold foreign elements */
    if (k != DANVAN_KIND_FOREIGN) kd->child_slot[DANVAN_KIND_FOREIGN] = (int8_t)kd->nslots;
  }
}

const dvi_kind_desc *dvi_kind(int32_t kind) {
  if (kind <= 0 || kind >= DANVAN_KIND_COUNT) return NULL;
  pthread_once(&kinds_once, kinds_init);
  return &dvi_kinds[kind];
}

const char *dvi_field_name(int32_t field) {
  if (field <= 0 || field >= DANVAN_FIELD_COUNT) return NULL;
  return field_names[field];
}

static bool name_eq(const char *a, const char *b, size_t len) {
  return a && strlen(a) == len && memcmp(a, b, len) == 0;
}

int32_t dvi_child_kind_by_elem(const dvi_kind_desc *parent, const char *elem, size_t len) {
  for (size_t i = 0; i < parent->nslots; i++)
    if (parent->slots[i].kind && name_eq(parent->slots[i].elem, elem, len))
      return parent->slots[i].kind;
  return 0;
}

int dvi_group_slot(const dvi_kind_desc *kd, const char *elem, size_t len) {
  for (size_t i = 0; i < kd->nslots; i++)
    if (!kd->slots[i].kind && name_eq(kd->slots[i].elem, elem, len)) return (int)i;
  return -1;
}

int dvi_field_by_attr(const dvi_kind_desc *kd, const char *group, const char *attr, size_t len) {
  for (size_t i = 0; i < kd->nfields; i++) {
    const dvi_field_desc *fd = &kd->fields[i];
    if (!fd->attr) continue;
    if (group ? (!fd->elem || strcmp(fd->elem, group) != 0) : fd->elem != NULL) continue;
    if (name_eq(fd->attr, attr, len)) return (int)i;
  }
  return -1;
}

int dvi_text_field(const dvi_kind_desc *kd, const char *group) {
  for (size_t i = 0; i < kd->nfields; i++) {
    const dvi_field_desc *fd = &kd->fields[i];
    if (fd->attr) continue;
    if (group ? (fd->elem && strcmp(fd->elem, group) == 0) : fd->elem == NULL) return (int)i;
  }
  return -1;
}

/* ---- public introspection ----------------------------------------------------------------- */
const char *danvan_kind_name(int32_t kind) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  return kd ? kd->name : NULL;
}

int32_t danvan_kind_lookup(int32_t *out, const char *name) {
  DVI_CHECK_ARG(out && name);
  for (int32_t k = 1; k < DANVAN_KIND_COUNT; k++)
    if (strcmp(dvi_kind(k)->name, name) == 0) {
      *out = k;
      return DANVAN_OK;
    }
  return dvi_error(DANVAN_ENOTFOUND, "no kind is named '%s'", name);
}

const char *danvan_field_name(int32_t field) { return dvi_field_name(field); }

int32_t danvan_field_lookup(int32_t *out, const char *name) {
  DVI_CHECK_ARG(out && name);
  for (int32_t f = 1; f < DANVAN_FIELD_COUNT; f++)
    if (strcmp(field_names[f], name) == 0) {
      *out = f;
      return DANVAN_OK;
    }
  return dvi_error(DANVAN_ENOTFOUND, "no field is named '%s'", name);
}

size_t danvan_kind_field_count(int32_t kind) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  return kd ? kd->nfields : 0;
}

int32_t danvan_kind_field(int32_t kind, size_t i) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  return (kd && i < kd->nfields) ? kd->fields[i].field : 0;
}

static const dvi_field_desc *field_desc(int32_t kind, int32_t field) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  if (!kd || field <= 0 || field >= DANVAN_FIELD_COUNT || kd->field_index[field] < 0) return NULL;
  return &kd->fields[kd->field_index[field]];
}

int32_t danvan_kind_field_type(int32_t kind, int32_t field) {
  const dvi_field_desc *fd = field_desc(kind, field);
  return fd ? fd->type : 0;
}

int32_t danvan_kind_field_is_partial_date(int32_t kind, int32_t field) {
  const dvi_field_desc *fd = field_desc(kind, field);
  return (fd && fd->type == DANVAN_TYPE_DATE && fd->partial) ? 1 : 0;
}

int32_t danvan_kind_field_target(int32_t kind, int32_t field) {
  const dvi_field_desc *fd = field_desc(kind, field);
  if (!fd || (fd->type != DANVAN_TYPE_REF && fd->type != DANVAN_TYPE_REFS)) return -1;
  return fd->target;
}

const char *danvan_kind_field_enum(int32_t kind, int32_t field, size_t i) {
  const dvi_field_desc *fd = field_desc(kind, field);
  if (!fd || !fd->enums) return NULL;
  for (size_t j = 0; fd->enums[j]; j++)
    if (j == i) return fd->enums[j];
  return NULL;
}

size_t danvan_kind_child_kind_count(int32_t kind) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  if (!kd) return 0;
  size_t n = 0;
  for (size_t i = 0; i < kd->nslots; i++)
    if (kd->slots[i].kind) n++;
  return n;
}

int32_t danvan_kind_child_kind(int32_t kind, size_t i) {
  const dvi_kind_desc *kd = dvi_kind(kind);
  if (!kd) return 0;
  for (size_t j = 0; j < kd->nslots; j++)
    if (kd->slots[j].kind && i-- == 0) return kd->slots[j].kind;
  return 0;
}
