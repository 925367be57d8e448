/*
 * Text importer, pass 4: facts in the body. Reporting duties, quotas (bounds, ranges,
 * scopes, alternatives, ratios, coverage), tasks with quantities, costs and localities,
 * declared totals, events, members of steering committees, lead and partner organisations
 * named by "Giao …" sentences. Paragraphs that look like facts but gave none are reported.
 */
#include <stdlib.h>
#include <string.h>

#include "danvan/vn.h"
#include "text/import_internal.h"

/* ---- small helpers ------------------------------------------------------------------------- */
static bool dig(char ch) { return ch >= '0' && ch <= '9'; }

static bool inside_quotes(const imp_str *t, size_t pos) {
  int q = 0;
  for (size_t i = 0; i < pos && i < t->kn; i++)
    if (t->k[i] == '"') q++;
  return q % 2 == 1;
}

static const char *heading(const danvan_entity *e) {
  const char *h = NULL;
  if (e && danvan_entity_kind(e) == DANVAN_KIND_SECTION) danvan_entity_get_string(&h, e, DANVAN_F_HEADING);
  return h;
}

static bool key_has(imp_ctx *c, const char *s, const char *needle) {
  if (!s) return false;
  imp_str x;
  if (!dvi_imp_str(c, &x, s, strlen(s))) return false;
  return dvi_imp_find_word(&x, 0, needle) != IMP_NPOS;
}

/* Does the section or one of its ancestors have a heading with the needle? */
static bool context_has(imp_ctx *c, const danvan_entity *sec, const char *needle) {
  for (const danvan_entity *e = sec; e && danvan_entity_kind(e) == DANVAN_KIND_SECTION;
       e = danvan_entity_parent(e))
    if (key_has(c, heading(e), needle)) return true;
  return false;
}

static const char *trim_end_punct(imp_ctx *c, const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s);
  while (n && strchr(" ,;.:", s[n - 1])) n--;
  return dvi_imp_strndup(c, s, n);
}

static danvan_entity *first_issuer(imp_ctx *c) { return c->nissuers ? c->issuers[0] : NULL; }

static const char *issuer_kind(imp_ctx *c) {
  const char *k = NULL;
  if (first_issuer(c)) danvan_entity_get_string(&k, first_issuer(c), DANVAN_F_KIND);
  return k;
}

static const char *new_id(imp_ctx *c, const char *prefix, const char *s, int words) {
  const char *slug = s ? dvi_imp_slug(c, s, strlen(s), words) : NULL;
  const char *base = slug && slug[0] ? dvi_imp_printf(c, "%s-%s", prefix, slug) : prefix;
  return dvi_imp_unique_id(c, base);
}

static size_t count_words_in(const imp_str *t, size_t k1, size_t k2) {
  size_t w = 0;
  for (size_t i = k1; i < k2 && i < t->kn; i++)
    if (t->k[i] != ' ' && (i == k1 || t->k[i - 1] == ' ')) w++;
  return w;
}

/* ---- units and quantities ------------------------------------------------------------------ */
typedef struct unit_def {
  const char *key;
  const char *unit;
} unit_def;

static const unit_def UNITS[] = {
    {"tuyến đường", "route"}, {"tuyến", "route"},       {"công trình", "work"},
    {"phần việc", "work"},    {"hoạt động", "activity"}, {"suất quà", "gift"},
    {"phần quà", "gift"},     {"suất", "portion"},      {"đvm", "blood-unit"},
    {"đơn vị máu", "blood-unit"}, {"mô hình", "model"}, {"đội hình", "team"},
    {"đội", "team"},          {"căn nhà", "house"},     {"ngôi nhà", "house"},
    {"căn", "house"},         {"căn hộ", "house"},      {"em", "child"},
    {"cháu", "child"},        {"người dân", "person"},  {"người", "person"},
    {"chiến sĩ", "person"},   {"đoàn viên", "person"},  {"hội viên", "person"},
    {"hộ", "household"},      {"cuộc", "event"},        {"buổi", "event"},
    {"lớp", "class"},         {"lượt", "visit"},        {"cây", "tree"},
    {"ngày công", "workday"}, {"km", "km"},             {"mét", "m"},
    {"m", "m"},               {"phút", "minute"},       {"bài", "article"},
    {"tin", "article"},       {"chuyên đề", "event"},   {"hội nghị", "event"},
    {"đợt", "campaign"},      {"tấn", "tonne"},         {"kg", "kg"},
    {"chiếc", "item"},
    {NULL, NULL}};

typedef struct qty {
  int64_t coef, max_coef, second_coef, total_coef;
  int32_t scale, max_scale, second_scale, total_scale;
  bool range, has_second, fraction;
  const unit_def *u;
  const char *second_unit;
  size_t k1, k2;   /* number start, phrase end */
  size_t uk1, uk2; /* unit word */
  int bound;       /* 0 exact, 1 min (ít nhất), 2 max (tối đa), 3 approx */
} qty;

static const unit_def *unit_at(const imp_str *t, size_t p) {
  for (const unit_def *u = UNITS; u->key; u++)
    if (dvi_imp_at_word(t, p, u->key)) return u;
  return NULL;
}

static const unit_def *unit_named(imp_ctx *c, const char *word) {
  if (!word || !word[0]) return NULL;
  imp_str w;
  if (!dvi_imp_str(c, &w, word, strlen(word))) return NULL;
  for (const unit_def *u = UNITS; u->key; u++)
    if (strcmp(u->key, w.k) == 0) return u;
  return NULL;
}

static bool is_date_or_time(const imp_str *t, size_t p) {
  imp_date d;
  int32_t m;
  size_t k2;
  if (dvi_imp_date_at(t, p, &d)) return true;
  if (dvi_imp_time_at(t, p, &m, &k2)) {
    /* "12h", "07 giờ": a count of hours is rare in plans */
    size_t q = p;
    while (q < t->kn && dig(t->k[q])) q++;
    if (q < t->kn && (t->k[q] == 'h' || t->k[q] == ':')) return true;
    if (dvi_imp_at_word(t, dvi_imp_skip_space(t, q), "giờ")) return true;
  }
  return false;
}

/* The quantity whose number starts at p (read by danvan_vn_quantity_parse()), with the
   qualifier written before it ("ít nhất", "tối đa", "khoảng"). */
static bool qty_at(imp_ctx *c, const imp_str *t, size_t p, qty *out) {
  memset(out, 0, sizeof *out);
  if (p >= t->kn || !dig(t->k[p])) return false;
  if (p > 0 && (t->k[p - 1] == '/' || t->k[p - 1] == '.' || t->k[p - 1] == ',' ||
                dvi_imp_is_alnum_at(t->k, t->kn, p - 1)))
    return false;
  if (is_date_or_time(t, p)) return false;
  imp_qty q;
  if (!dvi_imp_qty_at(c, t, p, &q)) return false;
  if (q.bound == DANVAN_VN_BOUND_FRACTION) return false; /* "8/8 ấp": a coverage */
  const unit_def *ud = unit_named(c, q.unit);
  if (!ud && q.uk1 < t->kn) ud = unit_at(t, q.uk1);
  if (!ud) return false;
  out->u = ud;
  out->k1 = p;
  out->k2 = q.k2;
  out->uk1 = q.uk1;
  out->uk2 = q.uk1 + strlen(ud->key) <= t->kn ? q.uk1 + strlen(ud->key) : q.uk2;
  if (q.bound == DANVAN_VN_BOUND_RANGE) {
    out->range = true;
    out->coef = q.min_coef;
    out->scale = q.min_scale;
    out->max_coef = q.max_coef;
    out->max_scale = q.max_scale;
  } else if (q.has_min) {
    out->coef = q.min_coef;
    out->scale = q.min_scale;
  } else {
    out->coef = q.max_coef;
    out->scale = q.max_scale;
  }
  if (q.bound == DANVAN_VN_BOUND_AT_LEAST || q.bound == DANVAN_VN_BOUND_MORE_THAN) out->bound = 1;
  else if (q.bound == DANVAN_VN_BOUND_AT_MOST || q.bound == DANVAN_VN_BOUND_LESS_THAN) out->bound = 2;
  else if (q.bound == DANVAN_VN_BOUND_ABOUT) out->bound = 3;
  if (q.has_second) {
    out->has_second = true;
    out->second_coef = q.second_coef;
    out->second_scale = q.second_scale;
    out->second_unit = q.second_unit;
  }
  /* qualifiers before the number */
  size_t w0 = p > 24 ? p - 24 : 0;
  if (dvi_imp_find_word_before(t, w0, p, "ít nhất") != IMP_NPOS ||
      dvi_imp_find_word_before(t, w0, p, "tối thiểu") != IMP_NPOS ||
      dvi_imp_find_word_before(t, w0, p, "không dưới") != IMP_NPOS)
    out->bound = 1;
  else if (dvi_imp_find_word_before(t, w0, p, "tối đa") != IMP_NPOS ||
           dvi_imp_find_word_before(t, w0, p, "không quá") != IMP_NPOS)
    out->bound = 2;
  else if (dvi_imp_find_word_before(t, w0, p, "khoảng") != IMP_NPOS)
    out->bound = 3;
  return true;
}

static bool qty_next(imp_ctx *c, const imp_str *t, size_t from, size_t to, qty *out) {
  if (to > t->kn) to = t->kn;
  for (size_t p = from; p < to; p++) {
    if (!dig(t->k[p])) continue;
    if (p > 0 && (dig(t->k[p - 1]) || dvi_imp_is_alnum_at(t->k, t->kn, p - 1))) continue;
    if (qty_at(c, t, p, out)) return true;
    while (p + 1 < to && (dig(t->k[p + 1]) || t->k[p + 1] == '.')) p++;
  }
  return false;
}

/* ---- organisations and selectors in text --------------------------------------------------- */
/* Find an organisation mention starting at key offset a; its end at a stop word. */
static size_t mention_end(const imp_str *t, size_t a, size_t limit) {
  static const char *const STOP[] = {" theo ", " trước ", " để ", " qua ", " thực hiện", " tổng hợp",
                                     " chậm nhất", " vào ", " trong ", " kèm ", " bằng ", " lúc ",
                                     " đúng ", " từ ", " hằng ", " hàng ", " định kỳ", " và báo",
                                     " gửi ", " với ", " chủ trì", " thẩm định", " xem xét", " phê duyệt",
                                     " để ", NULL};
  size_t e = limit < t->kn ? limit : t->kn;
  for (size_t i = a; i < e; i++)
    if (strchr("(),;:.", t->k[i]) && !(t->k[i] == '.' && i + 1 < e && t->k[i + 1] != ' ')) {
      e = i;
      break;
    }
  for (const char *const *s = STOP; *s; s++) {
    size_t p = dvi_imp_find(t, a, *s);
    if (p != IMP_NPOS && p < e) e = p;
  }
  return e;
}

typedef struct selector {
  char kind[96];
  const char *level;
  char levels[96];
  char tags[64];
  danvan_entity *org;
  int64_t cov_num, cov_den;
  bool any;
  bool inside; /* units inside the issuer (its departments) */
} selector;

static void add_token(char *buf, size_t cap, const char *tok) {
  if (!tok) return;
  /* no duplicates */
  size_t tl = strlen(tok);
  for (const char *p = buf; (p = strstr(p, tok)) != NULL; p += tl)
    if ((p == buf || p[-1] == ' ') && (p[tl] == ' ' || p[tl] == '\0')) return;
  size_t n = strlen(buf);
  if (n + tl + 2 > cap) return;
  if (n) buf[n++] = ' ';
  memcpy(buf + n, tok, tl + 1);
}

/* Units named by a phrase: "100% huyện, thị xã, thành phố", "Đối với các huyện biên giới",
   "xã, phường, thị trấn Đoàn", "Ban Dân vận các huyện, thị ủy, thành ủy", "Lực lượng 8/8 ấp". */
static bool selector_of(imp_ctx *c, const imp_str *t, size_t k1, size_t k2, selector *out) {
  memset(out, 0, sizeof *out);
  if (k2 > t->kn) k2 = t->kn;
  int level = IMP_LV_NONE;
  for (size_t p = k1; p < k2; p++) {
    if (t->k[p] == ' ' || !dvi_imp_is_word_start(t->k, p)) continue;
    /* coverage */
    if (dig(t->k[p])) {
      imp_num a, b;
      if (dvi_imp_num_at(t, p, &a) && a.k2 < t->kn) {
        if (t->k[a.k2] == '%' && a.scale == 0) {
          out->cov_num = a.coef;
          out->cov_den = 100;
        } else if (t->k[a.k2] == '/' && dvi_imp_num_at(t, a.k2 + 1, &b) && b.coef > 0 && a.coef <= b.coef) {
          size_t q = dvi_imp_skip_space(t, b.k2);
          if (dvi_imp_level_word(t, q, NULL)) {
            out->cov_num = a.coef;
            out->cov_den = b.coef;
          }
        }
        p = a.k2;
        continue;
      }
    }
    size_t l = 0;
    int lv = dvi_imp_level_word(t, p, &l);
    if (lv) {
      size_t q = dvi_imp_skip_space(t, p + l);
      if (dvi_imp_at_word(t, q, "hội")) continue;
      /* "bản", "làng", "xóm" are common words: a place only before a name */
      if (lv == IMP_LV_HAMLET && !dvi_imp_at_word(t, p, "ấp") && !dvi_imp_at_word(t, p, "thôn") &&
          !(q < t->kn && dvi_imp_starts_upper(t->s + t->map[q], t->n - t->map[q])))
        continue;
      if (!level || lv > level) {
        level = lv;
        out->levels[0] = '\0';
      }
      if (lv == level) add_token(out->levels, sizeof out->levels, dvi_imp_level_kind(t, p));
      p += l - 1;
      continue;
    }
    /* "huyện, thị, thành đoàn": thị xã and thành phố in a list with huyện */
    if ((dvi_imp_at_word(t, p, "thị") || dvi_imp_at_word(t, p, "thành")) && p >= 2 && t->k[p - 2] == ',' &&
        dvi_imp_find_word_before(t, k1, p, "huyện") != IMP_NPOS) {
      if (!level) level = IMP_LV_DISTRICT;
      if (level == IMP_LV_DISTRICT)
        add_token(out->levels, sizeof out->levels, dvi_imp_at_word(t, p, "thị") ? "district-town" : "city");
    }
    /* "huyện, tx, tp" */
    if ((dvi_imp_at_word(t, p, "tx") || dvi_imp_at_word(t, p, "tp")) && level == IMP_LV_DISTRICT)
      add_token(out->levels, sizeof out->levels, dvi_imp_at_word(t, p, "tx") ? "district-town" : "city");
    if (dvi_imp_at_word(t, p, "biên giới")) add_token(out->tags, sizeof out->tags, "border");
    if (dvi_imp_at_word(t, p, "dân tộc thiểu số") || dvi_imp_at_word(t, p, "đồng bào dân tộc"))
      add_token(out->tags, sizeof out->tags, "ethnic-minority");
    if (dvi_imp_at_word(t, p, "tôn giáo")) add_token(out->tags, sizeof out->tags, "religious");
    if (dvi_imp_at_word(t, p, "đặc biệt khó khăn")) add_token(out->tags, sizeof out->tags, "disadvantaged");
    /* kinds of bodies named in the phrase */
    imp_str w;
    if (!dvi_imp_sub(c, &w, t, p, k2)) return false;
    const char *kind = dvi_imp_org_kind(&w);
    if (kind && strcmp(kind, "department") != 0 && strcmp(kind, "school") != 0) {
      add_token(out->kind, sizeof out->kind, kind);
      /* skip the rest of the head ("Ủy ban nhân dân" is not also "ban nhân dân") */
      while (p + 1 < k2 && t->k[p + 1] != ' ' && t->k[p + 1] != ',') p++;
      size_t q = p + 1, words = 0;
      while (q < k2 && words < 3 && !(t->k[q] == ',')) {
        if (t->k[q] == ' ' && q + 1 < k2 && t->k[q + 1] != ' ') words++;
        if (dvi_imp_level_word(t, q + 1, NULL) || dvi_imp_at_word(t, q + 1, "các")) break;
        q++;
      }
      p = q - 1;
      continue;
    }
    /* units inside a body: "Mỗi cơ quan chuyên môn", "các tổ chuyên môn", "các phòng, ban" */
    if (dvi_imp_at_word(t, p, "cơ quan chuyên môn") || dvi_imp_at_word(t, p, "tổ chuyên môn") ||
        dvi_imp_at_word(t, p, "phòng, ban") || dvi_imp_at_word(t, p, "phòng ban")) {
      size_t b = p > 8 ? p - 8 : 0;
      if (dvi_imp_find_word_before(t, b, p, "mỗi") != IMP_NPOS || dvi_imp_find_word_before(t, b, p, "các") != IMP_NPOS ||
          dvi_imp_find_word_before(t, b, p, "100%") != IMP_NPOS || (p >= 5 && t->k[p - 2] == '%')) {
        add_token(out->kind, sizeof out->kind, "department");
        out->inside = true;
      }
    }
    if ((dvi_imp_at_word(t, p, "đoàn") || dvi_imp_at_word(t, p, "thành đoàn") ||
         dvi_imp_at_word(t, p, "huyện đoàn")) &&
        !dvi_imp_at_word(t, p, "đoàn thể") && !dvi_imp_at_word(t, p, "đoàn kết"))
      add_token(out->kind, sizeof out->kind, "youth-union");
    /* "huyện, thị ủy, thành ủy": party committees of those levels */
    if (dvi_imp_at_word(t, p, "ủy") && p >= 2 && !strstr(out->kind, "mass-mobilisation-board") &&
        !dvi_imp_at(t, p, "ủy ban")) {
      size_t b = p - 1;
      while (b > 0 && t->k[b - 1] != ' ') b--;
      if (dvi_imp_level_word(t, b, NULL) || dvi_imp_at_word(t, b, "thị") || dvi_imp_at_word(t, b, "thành") ||
          dvi_imp_at_word(t, b, "đảng"))
        add_token(out->kind, sizeof out->kind, "party-committee");
    }
  }
  if (out->inside) {
    out->any = true;
    memcpy(out->kind, "department", sizeof "department"); /* the other bodies named are their parent */
  }
  /* "Ban Dân vận các huyện, thị ủy …": the party committee is only where the board sits */
  if (strstr(out->kind, "mass-mobilisation-board") && strstr(out->kind, "party-committee")) {
    char tmp[96] = "";
    char copy[96];
    memcpy(copy, out->kind, sizeof copy);
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " "))
      if (strcmp(tok, "party-committee") != 0) add_token(tmp, sizeof tmp, tok);
    memcpy(out->kind, tmp, sizeof tmp);
  }
  if (level) out->level = out->levels[0] ? out->levels : dvi_imp_level_name(level);
  if (out->level && c->home_level && level >= c->home_level && !out->cov_den) {
    /* "tỉnh" in a provincial plan names the plan's own level: not a selector */
    if (level == c->home_level && !out->tags[0]) out->level = NULL;
  }
  out->any = out->level || out->tags[0] || out->cov_den || out->inside;
  return out->any;
}

static void set_selector(imp_ctx *c, danvan_entity *parent, const selector *s, uint32_t line) {
  danvan_entity *e = dvi_imp_add(c, parent, DANVAN_KIND_SELECTOR, NULL, line, line);
  if (!e) return;
  if (s->org) {
    dvi_imp_set(c, e, DANVAN_F_ORGS, danvan_entity_id(s->org));
    return;
  }
  const char *kind = s->kind[0] ? s->kind : issuer_kind(c);
  if (!s->kind[0] && kind && strcmp(kind, "steering-committee") == 0) kind = NULL;
  if (kind) dvi_imp_set(c, e, DANVAN_F_KIND, kind);
  if (s->level) dvi_imp_set(c, e, DANVAN_F_LEVEL, s->levels[0] ? s->levels : s->level);
  if (s->tags[0]) dvi_imp_set(c, e, DANVAN_F_TAGS, s->tags);
  if (s->inside && first_issuer(c)) dvi_imp_set(c, e, DANVAN_F_UNDER, danvan_entity_id(first_issuer(c)));
  else if (c->home) dvi_imp_set(c, e, DANVAN_F_UNDER, danvan_entity_id(c->home));
  else if (first_issuer(c)) dvi_imp_set(c, e, DANVAN_F_UNDER, danvan_entity_id(first_issuer(c)));
}

/* A heading naming one body ("2. Bộ Chỉ huy Quân sự tỉnh", "- Hội Nông dân xã:"). */
static danvan_entity *heading_org(imp_ctx *c, const danvan_entity *sec, uint32_t line) {
  const char *h = heading(sec);
  if (!h) return NULL;
  imp_str x;
  if (!dvi_imp_str(c, &x, h, strlen(h))) return NULL;
  if (x.kn > 120 || dvi_imp_find(&x, 0, ",") != IMP_NPOS || dvi_imp_has(&x, "và") ||
      dvi_imp_starts(&x, "các") || dvi_imp_starts(&x, "đối với"))
    return NULL;
  const char *kind = dvi_imp_org_kind(&x);
  if (!kind) return NULL;
  return dvi_imp_org(c, &x, 0, x.kn, line);
}

/* The scope of a quota from the clause's own subject, then from the headings above it. */
static bool scope_for(imp_ctx *c, imp_para *P, const imp_str *cl, size_t number_at, selector *out,
                      bool *own) {
  *own = false;
  static const char *const VERBS[] = {"tổ chức", "có", "thực hiện", "phấn đấu", "đạt", "xây dựng",
                                      "triển khai", "vận động", "tham gia", "lựa chọn", "chủ động",
                                      "phối hợp", NULL};
  /* the subject: up to the first verb before the number ("Đối với các xã có đông đồng bào …
     tổ chức": there "có" is not the verb) */
  size_t verb = IMP_NPOS;
  bool doi_voi = dvi_imp_starts(cl, "đối với");
  for (size_t p = 0; p < number_at; p++) {
    if (cl->k[p] == ' ' || !dvi_imp_is_word_start(cl->k, p)) continue;
    for (const char *const *v = VERBS; *v; v++)
      if (dvi_imp_at_word(cl, p, *v) && !(doi_voi && strcmp(*v, "có") == 0)) {
        verb = p;
        break;
      }
    if (verb != IMP_NPOS) break;
  }
  if (verb != IMP_NPOS && verb > 0 && selector_of(c, cl, 0, verb, out)) {
    *own = true;
    return true;
  }
  /* headings above */
  for (danvan_entity *e = P->section; e && danvan_entity_kind(e) == DANVAN_KIND_SECTION;
       e = danvan_entity_parent(e)) {
    const char *h = heading(e);
    if (!h) continue;
    imp_str x;
    if (!dvi_imp_str(c, &x, h, strlen(h))) return false;
    if (dvi_imp_starts(&x, "cấp tỉnh") || dvi_imp_starts(&x, "đối với cấp tỉnh")) {
      memset(out, 0, sizeof *out);
      out->org = first_issuer(c);
      out->any = out->org != NULL;
      return out->any;
    }
    danvan_entity *o = heading_org(c, e, P->l1);
    if (o) {
      memset(out, 0, sizeof *out);
      out->org = o;
      out->any = true;
      return true;
    }
    if (selector_of(c, &x, 0, x.kn, out)) return true;
    if (dvi_imp_starts(&x, "cấp cơ sở") || dvi_imp_starts(&x, "cấp xã")) {
      memset(out, 0, sizeof *out);
      out->level = "commune";
      out->any = true;
      return true;
    }
    if (dvi_imp_starts(&x, "cấp huyện")) {
      memset(out, 0, sizeof *out);
      out->level = "district";
      out->any = true;
      return true;
    }
  }
  return false;
}

/* ---- reporting duties ---------------------------------------------------------------------- */
typedef struct freq_word {
  const char *key;
  const char *freq;
} freq_word;

static const freq_word FREQS[] = {
    {"hằng ngày", "daily"},      {"hàng ngày", "daily"},     {"mỗi ngày", "daily"},
    {"hằng tuần", "weekly"},     {"hàng tuần", "weekly"},    {"mỗi tuần", "weekly"},
    {"hằng tháng", "monthly"},   {"hàng tháng", "monthly"},  {"mỗi tháng", "monthly"},
    {"định kỳ tháng", "monthly"}, {"hằng quý", "quarterly"}, {"hàng quý", "quarterly"},
    {"mỗi quý", "quarterly"},    {"định kỳ quý", "quarterly"}, {"6 tháng", "half-yearly"},
    {"sáu tháng", "half-yearly"}, {"hằng năm", "yearly"},    {"hàng năm", "yearly"},
    {"báo cáo năm", "yearly"},   {"cuối năm", "yearly"},     {"tổng kết năm", "yearly"},
    {NULL, NULL}};

static void email_in(imp_ctx *c, const imp_str *t, const char **email) {
  *email = NULL;
  size_t at = dvi_imp_find(t, 0, "@");
  if (at == IMP_NPOS) return;
  size_t a = at, b = at + 1;
  while (a > 0 && (dvi_imp_is_alnum_at(t->k, t->kn, a - 1) || strchr("._%+-", t->k[a - 1])) &&
         (unsigned char)t->k[a - 1] < 0x80)
    a--;
  while (b < t->kn && (unsigned char)t->k[b] < 0x80 &&
         (dvi_imp_is_alnum_at(t->k, t->kn, b) || strchr(".-", t->k[b])))
    b++;
  while (b > at && t->k[b - 1] == '.') b--;
  if (a == at || b <= at + 3 || !memchr(t->k + at, '.', b - at)) return;
  /* the address as written (keys are lower case; e-mail addresses are not case-sensitive) */
  *email = dvi_imp_text(c, t, a, b);
}

/* "(qua X)": the unit that collects. */
static danvan_entity *via_in(imp_ctx *c, const imp_str *t, uint32_t line) {
  for (size_t p = 0; (p = dvi_imp_find(t, p, "(qua ")) != IMP_NPOS; p++) {
    size_t a = p + strlen("(qua ");
    size_t e = mention_end(t, a, t->kn);
    /* "Ban Dân vận/Phòng Chính trị, Bộ CHQS tỉnh": take the first */
    size_t sl = dvi_imp_find(t, a, "/");
    if (sl != IMP_NPOS && sl < e) e = sl;
    danvan_entity *o = dvi_imp_org_any(c, t, a, e, line);
    if (o) {
      const char *kind = NULL;
      danvan_entity_get_string(&kind, o, DANVAN_F_KIND);
      if (kind && strcmp(kind, "department") == 0 && !danvan_entity_has(o, DANVAN_F_PARENT) && first_issuer(c) &&
          o != first_issuer(c) && !danvan_entity_has(o, DANVAN_F_LOCALITY))
        dvi_imp_set(c, o, DANVAN_F_PARENT, danvan_entity_id(first_issuer(c)));
      return o;
    }
  }
  return NULL;
}

/* "về X": the receiver (not "về việc"). */
static danvan_entity *to_in(imp_ctx *c, const imp_str *t, size_t from, uint32_t line) {
  for (size_t p = from; (p = dvi_imp_find_word(t, p, "về")) != IMP_NPOS; p++) {
    size_t a = dvi_imp_skip_space(t, p + strlen("về"));
    if (dvi_imp_at_word(t, a, "việc") || dvi_imp_at_word(t, a, "trên") || dvi_imp_at_word(t, a, "kết quả")) continue;
    size_t e = mention_end(t, a, t->kn);
    imp_str m;
    if (!dvi_imp_sub(c, &m, t, a, e)) return NULL;
    if (!dvi_imp_org_kind(&m)) continue;
    return dvi_imp_org(c, t, a, e, line);
  }
  return NULL;
}

/* The first deadline with a date at or after from, as the last day that is in time:
   "chậm nhất ngày 09/12/2024" -> 2024-12-09; "trước ngày 29/12/2024", "trước 03/01/2021"
   exclude the day written -> 2024-12-28, 2021-01-02 (docs/format.md, Deadlines). */
static bool deadline_in(const imp_str *t, size_t from, int32_t *date) {
  int32_t kind, d, m;
  size_t k1;
  for (size_t p = from; dvi_imp_deadline_next(t, p, &kind, &d, &m, &k1); p = k1 + 1)
    if (d && d % 100) {
      *date = d;
      if (kind == DANVAN_VN_DEADLINE_EXCLUSIVE && m < 0) danvan_date_add_days(date, d, -1);
      return true;
    }
  return false;
}

/* The first cut-off hour ("trước 12h"), -1 when none. */
static int32_t cutoff_in(const imp_str *t) {
  int32_t kind, d, m;
  size_t k1;
  for (size_t p = 0; dvi_imp_deadline_next(t, p, &kind, &d, &m, &k1); p = k1 + 1)
    if (m >= 0) return m;
  return -1;
}

/* The units that report: the subject of the sentence, of the paragraph, or a heading. */
static bool reporters_for(imp_ctx *c, imp_para *P, const imp_str *s, size_t verb, selector *sel) {
  if (verb > 0 && selector_of(c, s, 0, verb, sel)) return true;
  if (s != &P->body && selector_of(c, &P->body, 0, P->body.kn > 200 ? 200 : P->body.kn, sel) &&
      (sel->kind[0] || sel->level))
    return true;
  for (danvan_entity *e = P->section; e && danvan_entity_kind(e) == DANVAN_KIND_SECTION; e = danvan_entity_parent(e)) {
    const char *h = heading(e);
    if (!h) continue;
    imp_str x;
    if (!dvi_imp_str(c, &x, h, strlen(h))) return false;
    if (selector_of(c, &x, 0, x.kn, sel) && (sel->kind[0] || sel->level)) return true;
  }
  return false;
}

static void attachments(imp_ctx *c, danvan_entity *duty, const imp_str *s) {
  bool photo = dvi_imp_has(s, "hình ảnh") || dvi_imp_has(s, "ảnh");
  bool video = dvi_imp_has(s, "video") || dvi_imp_has(s, "clip");
  if (photo) {
    danvan_entity *a = dvi_imp_add(c, duty, DANVAN_KIND_ATTACHMENT, NULL, 0, 0);
    dvi_imp_set(c, a, DANVAN_F_KIND, "photo");
  }
  if (!video) return;
  /* lengths "07-10 phút" with their labels ("địa phương, tập thể 07-10 phút; mô hình mới …") */
  bool any = false;
  size_t open = dvi_imp_find(s, 0, "(");
  size_t from = open != IMP_NPOS ? open + 1 : 0;
  size_t close = open != IMP_NPOS ? dvi_imp_find(s, open, ")") : IMP_NPOS;
  size_t to = close != IMP_NPOS ? close : s->kn;
  size_t lab = from;
  if (open != IMP_NPOS) {
    size_t colon = dvi_imp_find(s, from, ":");
    if (colon != IMP_NPOS && colon < to) lab = colon + 1;
  }
  for (size_t p = lab; p < to; p++) {
    if (!dig(s->k[p]) || (p > 0 && dig(s->k[p - 1]))) continue;
    qty q;
    if (!qty_at(c, s, p, &q) || strcmp(q.u->unit, "minute") != 0) continue;
    danvan_entity *a = dvi_imp_add(c, duty, DANVAN_KIND_ATTACHMENT, NULL, 0, 0);
    dvi_imp_set(c, a, DANVAN_F_KIND, "video");
    dvi_imp_set_dec(c, a, DANVAN_F_MIN_MINUTES, q.coef, q.scale);
    dvi_imp_set_dec(c, a, DANVAN_F_MAX_MINUTES, q.range ? q.max_coef : q.coef, q.range ? q.max_scale : q.scale);
    const char *label = dvi_imp_text(c, s, lab, p);
    label = trim_end_punct(c, label);
    if (label && label[0]) dvi_imp_set(c, a, DANVAN_F_TEXT, label);
    any = true;
    lab = q.uk2;
    while (lab < to && strchr(" ,;", s->k[lab])) lab++;
    p = q.uk2;
  }
  if (!any) {
    danvan_entity *a = dvi_imp_add(c, duty, DANVAN_KIND_ATTACHMENT, NULL, 0, 0);
    dvi_imp_set(c, a, DANVAN_F_KIND, "video");
  }
}

static bool duty_sentence(imp_ctx *c, imp_para *P, const imp_str *s) {
  size_t bc = dvi_imp_find_word(s, 0, "báo cáo");
  while (bc != IMP_NPOS && bc >= strlen("chế độ ") && dvi_imp_at(s, bc - strlen("chế độ "), "chế độ "))
    bc = dvi_imp_find_word(s, bc + 1, "báo cáo");
  size_t gk = dvi_imp_find_word(s, 0, "gửi kế hoạch");
  if (gk == IMP_NPOS) {
    /* "xây dựng kế hoạch, gửi về …": the plan is sent up */
    size_t kh = dvi_imp_find_word(s, 0, "kế hoạch");
    size_t gv = kh != IMP_NPOS ? dvi_imp_find_word(s, kh, "gửi về") : IMP_NPOS;
    if (gv != IMP_NPOS && gv < kh + 40) gk = gv;
  }
  if (bc == IMP_NPOS && gk == IMP_NPOS) {
    /* "Định kỳ 6 tháng tổ chức giao ban và tổng kết …": a periodic review is reported too */
    size_t dk = dvi_imp_find_word(s, 0, "định kỳ");
    if (dk == IMP_NPOS || !(dvi_imp_has(s, "giao ban") || dvi_imp_has(s, "tổng kết") || dvi_imp_has(s, "sơ kết")))
      return false;
    bc = dk;
  }
  size_t verb = bc != IMP_NPOS ? bc : gk;
  if (gk != IMP_NPOS && gk < verb) verb = gk;
  const char *freq = NULL;
  for (const freq_word *f = FREQS; f->key && !freq; f++)
    if (dvi_imp_has(s, f->key)) freq = f->freq;
  int32_t due = 0;
  bool has_due = deadline_in(s, verb, &due);
  if (!has_due) has_due = deadline_in(s, 0, &due);
  bool summary = dvi_imp_has(s, "tổng kết") || dvi_imp_has(s, "sơ kết") || dvi_imp_has(s, "bằng văn bản") ||
                 dvi_imp_has(s, "kết thúc") || gk != IMP_NPOS;
  bool with_media = dvi_imp_has(s, "video") || dvi_imp_has(s, "hình ảnh");
  if (!freq && !has_due && !(summary && with_media)) return false;
  if (!freq) freq = "once";
  if (freq && strcmp(freq, "yearly") == 0 && has_due) freq = "once";
  danvan_entity *d = dvi_imp_add(c, c->doc, DANVAN_KIND_DUTY, NULL, P->l1, P->l2);
  if (!d) return false;
  dvi_imp_set(c, d, DANVAN_F_ID, new_id(c, "d", freq, 1));
  dvi_imp_set(c, d, DANVAN_F_FREQUENCY, freq);
  if (strcmp(freq, "once") == 0 && has_due) {
    dvi_imp_set_date(c, d, DANVAN_F_DUE_DATE, due);
    danvan_entity_set_time(d, DANVAN_F_DUE_TIME, 1440); /* the end of that day, unless a time is written */
  }
  danvan_entity *to = to_in(c, s, verb, P->l1);
  if (!to) to = to_in(c, s, 0, P->l1);
  danvan_entity *via = via_in(c, s, P->l1);
  if (to) dvi_imp_set(c, d, DANVAN_F_TO, danvan_entity_id(to));
  if (via && via != to) dvi_imp_set(c, d, DANVAN_F_VIA, danvan_entity_id(via));
  /* days the duty runs: "từ ngày 10/12/2024 đến ngày 24/12/2024" */
  int32_t rs, re;
  size_t k1, k2;
  if (strcmp(freq, "once") != 0 && dvi_imp_range_next(s, 0, s->kn, &rs, &re, &k1, &k2)) {
    dvi_imp_set_date(c, d, DANVAN_F_START, rs);
    dvi_imp_set_date(c, d, DANVAN_F_END, re);
  }
  /* times: a window "từ 13h30 đến 15h00", a cut-off "trước 12h" */
  bool window = false;
  for (size_t p = 0; (p = dvi_imp_find_word(s, p, "từ")) != IMP_NPOS && !window; p++) {
    int32_t w1, w2;
    size_t wk2;
    if (dvi_imp_window_at(s, p, &w1, &w2, &wk2) && w2 > w1) {
      danvan_entity_set_time(d, DANVAN_F_WINDOW_START, w1);
      danvan_entity_set_time(d, DANVAN_F_DUE_TIME, w2);
      window = true;
    }
  }
  int32_t cut = cutoff_in(s);
  if (!window && cut >= 0) danvan_entity_set_time(d, DANVAN_F_DUE_TIME, cut);
  if (dvi_imp_has(s, "kể cả")) {
    size_t k = dvi_imp_find_word(s, 0, "kể cả");
    size_t e = k + 60 < s->kn ? k + 60 : s->kn;
    if (dvi_imp_find_word_before(s, k, e, "thứ bảy") != IMP_NPOS ||
        dvi_imp_find_word_before(s, k, e, "chủ nhật") != IMP_NPOS)
      dvi_imp_set(c, d, DANVAN_F_WEEKENDS, "true");
  } else if (dvi_imp_has(s, "ngày làm việc") ||
             (dvi_imp_has(s, "trừ") && (dvi_imp_has(s, "thứ bảy") || dvi_imp_has(s, "chủ nhật")))) {
    dvi_imp_set(c, d, DANVAN_F_WEEKENDS, "false");
  }
  const char *email;
  email_in(c, s, &email);
  if (email) {
    dvi_imp_set(c, d, DANVAN_F_CHANNEL, dvi_imp_printf(c, "mailto:%s", email));
    danvan_entity *holder = via ? via : to;
    if (holder && !danvan_entity_has(holder, DANVAN_F_EMAIL)) dvi_imp_set(c, holder, DANVAN_F_EMAIL, email);
  }
  dvi_imp_set(c, d, DANVAN_F_TITLE, trim_end_punct(c, s->s));
  selector sel;
  danvan_entity *prev = NULL;
  size_t nd = danvan_entity_child_count(c->doc, DANVAN_KIND_DUTY);
  if (nd >= 2) {
    prev = danvan_entity_child(c->doc, DANVAN_KIND_DUTY, nd - 2);
    if (prev->line != P->l1) prev = NULL;
  }
  if (!to && !via && prev) {
    /* "…; báo cáo năm gửi trước ngày 15/12/2024": as the sentence before it */
    static const int32_t F[] = {DANVAN_F_TO, DANVAN_F_VIA, DANVAN_F_CHANNEL};
    for (size_t f = 0; f < 3; f++) {
      const char *v = NULL;
      danvan_entity_get_string(&v, prev, F[f]);
      if (v) dvi_imp_set(c, d, F[f], v);
    }
  }
  if (reporters_for(c, P, s, verb, &sel)) {
    sel.cov_den = 0;
    set_selector(c, d, &sel, P->l1);
  } else if (prev && danvan_entity_child_count(prev, DANVAN_KIND_SELECTOR)) {
    danvan_entity *ps = danvan_entity_child(prev, DANVAN_KIND_SELECTOR, 0);
    danvan_entity *ns = dvi_imp_add(c, d, DANVAN_KIND_SELECTOR, NULL, P->l1, P->l1);
    static const int32_t F[] = {DANVAN_F_KIND, DANVAN_F_LEVEL, DANVAN_F_TAGS, DANVAN_F_UNDER, DANVAN_F_ORGS};
    for (size_t f = 0; f < 5 && ns; f++) {
      const char *v = NULL;
      danvan_entity_get_string(&v, ps, F[f]);
      if (v) dvi_imp_set(c, ns, F[f], v);
    }
  }
  if (with_media) attachments(c, d, s);
  P->placed = true;
  return true;
}

/* ---- tasks, totals ------------------------------------------------------------------------- */
static danvan_entity *quota_metric(imp_ctx *c, const char *name, const char *hint, const char *unit,
                                   uint32_t line);
static const char *category_of(imp_ctx *c, const char *title);
static danvan_entity *new_task(imp_ctx *c, danvan_entity *parent, const char *title,
                               danvan_entity *loc, uint32_t l1, uint32_t l2);

/* "Ban CHQS xã biên soạn tài liệu … gửi về Tuyên giáo Đảng ủy thẩm định trước ngày
   08/12/2024": a task of the first body named, due the last day in time. */
static bool deadline_task(imp_ctx *c, imp_para *P, const imp_str *s) {
  int32_t due = 0;
  if (!deadline_in(s, 0, &due)) return false;
  danvan_entity *lead = NULL;
  for (size_t p = 0; p < s->kn && !lead; p++) {
    if (s->k[p] == ' ' || !dvi_imp_is_word_start(s->k, p)) continue;
    size_t e = mention_end(s, p, s->kn);
    /* a body name stops at its first verb */
    static const char *const VERBS[] = {" biên soạn", " xây dựng", " tổ chức", " chuẩn bị", " thực hiện",
                                        " hoàn thành", " gửi", " lập", " rà soát", NULL};
    for (const char *const *v = VERBS; *v; v++) {
      size_t q = dvi_imp_find(s, p, *v);
      if (q != IMP_NPOS && q < e) e = q;
    }
    imp_str m;
    if (!dvi_imp_sub(c, &m, s, p, e) || !m.n) continue;
    const char *kind = dvi_imp_org_kind(&m);
    if (kind && strcmp(kind, "department") != 0) lead = dvi_imp_org(c, s, p, e, P->l1);
    if (lead) break;
    p = e;
  }
  if (!lead) return false;
  const char *title = trim_end_punct(c, s->s);
  danvan_entity *task = new_task(c, c->doc, title, NULL, P->l1, P->l2);
  if (!task) return false;
  dvi_imp_set(c, task, DANVAN_F_LEAD, danvan_entity_id(lead));
  danvan_entity *to = to_in(c, s, 0, P->l1);
  if (!to) {
    /* "về Tuyên giáo Đảng ủy": a unit inside a body */
    size_t v = dvi_imp_find_word(s, 0, "về");
    if (v != IMP_NPOS) {
      size_t a = dvi_imp_skip_space(s, v + strlen("về"));
      size_t e = mention_end(s, a, s->kn);
      static const char *const MORE[] = {" thẩm định", " xem xét", " phê duyệt", " tổng hợp", NULL};
      for (const char *const *w = MORE; *w; w++) {
        size_t q = dvi_imp_find(s, a, *w);
        if (q != IMP_NPOS && q < e) e = q;
      }
      to = dvi_imp_org_find(c, s, a, e);
      if (!to) to = dvi_imp_org(c, s, a, e, P->l1);
    }
  }
  if (to && to != lead) dvi_imp_set(c, task, DANVAN_F_PARTNERS, danvan_entity_id(to));
  dvi_imp_set_date(c, task, DANVAN_F_DUE, due);
  P->placed = true;
  return true;
}
typedef struct total_rec {
  danvan_entity *e;
  danvan_entity *metric;
  const char *act_key; /* key of the activity words */
  danvan_entity *section;
} total_rec;

#define MAX_TOTALS 64

typedef struct facts {
  total_rec totals[MAX_TOTALS];
  size_t ntotals;
  danvan_entity *hamlet_tasks_metric; /* unused */
} facts;

static const char *category_of(imp_ctx *c, const char *title) {
  imp_str t;
  if (!title || !dvi_imp_str(c, &t, title, strlen(title))) return "other";
  static const struct {
    const char *w, *cat;
  } START[] = {{"mô hình", "model"},       {"vận động", "mobilisation"},  {"tuyên truyền", "propaganda"},
               {"tặng quà", "social-welfare"}, {"thăm", "social-welfare"}, {"khám", "health"},
               {"tập huấn", "training"},   {"bồi dưỡng", "training"},     {NULL, NULL}};
  for (int i = 0; START[i].w; i++)
    if (dvi_imp_starts(&t, START[i].w)) return START[i].cat;
  static const struct {
    const char *w, *cat;
  } ANY[] = {{"khám bệnh", "health"},     {"sức khỏe", "health"},         {"hiến máu", "health"},
             {"phát quang", "public-works"}, {"dọn", "public-works"},     {"thắp sáng", "public-works"},
             {"dặm vá", "public-works"},  {"kênh", "public-works"},       {"đường", "public-works"},
             {"nhà", "social-welfare"},   {"quà", "social-welfare"},      {"hộ nghèo", "social-welfare"},
             {"tuyên truyền", "propaganda"}, {"văn nghệ", "culture-sports"},
             {"thể thao", "culture-sports"}, {"bóng", "culture-sports"},  {"an ninh", "security"},
             {"tội phạm", "security"},    {"tuyên truyền", "propaganda"}, {"vận động", "mobilisation"},
             {NULL, NULL}};
  for (int i = 0; ANY[i].w; i++)
    if (dvi_imp_has(&t, ANY[i].w)) return ANY[i].cat;
  return "other";
}

static const char *const STOPWORDS[] = {"tuyến", "đường", "và", "các", "vận", "động", "nhân", "dân",
                                        "tổ", "dài", "quê", NULL};

static bool stopword(const char *w, size_t n) {
  for (const char *const *s = STOPWORDS; *s; s++)
    if (strlen(*s) == n && memcmp(*s, w, n) == 0) return true;
  return false;
}

/* Words shared by two keys (first words of activities), stop words aside. */
static int overlap(const char *a, const char *b) {
  int score = 0;
  int words = 0;
  for (const char *p = a; *p && words < 6;) {
    while (*p == ' ' || *p == ',') p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != ',') e++;
    size_t n = (size_t)(e - p);
    if (n && !stopword(p, n)) {
      for (const char *q = b; *q;) {
        while (*q == ' ' || *q == ',') q++;
        const char *f = q;
        while (*f && *f != ' ' && *f != ',') f++;
        if ((size_t)(f - q) == n && memcmp(p, q, n) == 0) {
          score++;
          break;
        }
        q = f;
      }
    }
    if (n) words++;
    p = e;
  }
  return score;
}

static const char *road_metric_id(imp_ctx *c, const char *act_key) {
  imp_str t;
  if (!dvi_imp_str(c, &t, act_key, strlen(act_key))) return NULL;
  if (dvi_imp_has(&t, "thắp sáng")) return "road-lit";
  if (dvi_imp_has(&t, "dặm vá")) return "road-patched";
  if (dvi_imp_has(&t, "làm đường") || dvi_imp_has(&t, "làm mới")) return "road-built";
  if (dvi_imp_has(&t, "phát quang") || dvi_imp_has(&t, "dọn") || dvi_imp_has(&t, "vệ sinh"))
    return "road-cleared";
  if (dvi_imp_has(&t, "nạo vét")) return "canal-dredged";
  return NULL;
}

/* Totals "<activity> 9 tuyến đường/8.900m" in a paragraph; true when found. */
static bool totals_in(imp_ctx *c, facts *F, imp_para *P) {
  const imp_str *t = &P->body;
  bool any = false;
  size_t a = 0;
  size_t colon = dvi_imp_find(t, 0, ":");
  if (colon != IMP_NPOS && colon < t->kn / 2) a = colon + 1;
  while (a < t->kn) {
    size_t e = a;
    while (e < t->kn && t->k[e] != ';') e++;
    /* "N unit/L m" */
    for (size_t p = a; p < e; p++) {
      if (!dig(t->k[p]) || (p > 0 && dvi_imp_is_alnum_at(t->k, t->kn, p - 1))) continue;
      qty q;
      if (!qty_at(c, t, p, &q)) {
        while (p + 1 < e && dig(t->k[p + 1])) p++;
        continue;
      }
      /* "9 tuyến đường/8.900m": a count and a length */
      if (!q.has_second || !q.second_unit ||
          !(strcmp(q.second_unit, "m") == 0 || strcmp(q.second_unit, "km") == 0 ||
            strcmp(q.second_unit, "mét") == 0))
        break;
      qty m;
      memset(&m, 0, sizeof m);
      m.coef = q.second_coef;
      m.scale = q.second_scale;
      const char *act = dvi_imp_text(c, t, a, p);
      act = trim_end_punct(c, act);
      imp_str ak;
      if (!act || !dvi_imp_str(c, &ak, act, strlen(act))) return any;
      /* drop "Vận động nhân dân" and similar openings */
      size_t skip = 0;
      if (dvi_imp_starts(&ak, "vận động nhân dân")) skip = strlen("vận động nhân dân");
      const char *act2 = dvi_imp_text(c, &ak, dvi_imp_skip_space(&ak, skip), ak.kn);
      if (!act2) return any;
      imp_str ak2;
      if (!dvi_imp_str(c, &ak2, act2, strlen(act2))) return any;
      const char *mid = road_metric_id(c, ak2.k);
      danvan_entity *metric = dvi_imp_metric(c, mid, act2, strcmp(q.second_unit, "km") == 0 ? "km" : "m", P->l1);
      danvan_entity *tot = dvi_imp_add(c, c->doc, DANVAN_KIND_TOTAL, NULL, P->l1, P->l2);
      if (!tot || !metric) return any;
      dvi_imp_set(c, tot, DANVAN_F_ID, new_id(c, "tot", danvan_entity_id(metric), 4));
      dvi_imp_set(c, tot, DANVAN_F_METRIC, danvan_entity_id(metric));
      dvi_imp_set_dec(c, tot, DANVAN_F_VALUE, m.coef, m.scale);
      dvi_imp_set_dec(c, tot, DANVAN_F_COUNT, q.coef, q.scale);
      dvi_imp_set(c, tot, DANVAN_F_TITLE, trim_end_punct(c, dvi_imp_text(c, t, a, e)));
      if (F->ntotals < MAX_TOTALS) {
        total_rec *r = &F->totals[F->ntotals++];
        r->e = tot;
        r->metric = metric;
        r->act_key = ak2.k;
        r->section = P->section;
      }
      any = true;
      break;
    }
    a = e + 1;
  }
  if (any) P->placed = true;
  return any;
}

static void add_part(imp_ctx *c, danvan_entity *total, danvan_entity *task) {
  dvi_imp_add_ref(c, total, DANVAN_F_PARTS, danvan_entity_id(task));
}

static danvan_entity *new_task(imp_ctx *c, danvan_entity *parent, const char *title,
                               danvan_entity *loc, uint32_t l1, uint32_t l2) {
  const char *id;
  if (loc) {
    const char *ln = NULL;
    danvan_entity_get_string(&ln, loc, DANVAN_F_NAME);
    const char *base = dvi_imp_printf(c, "t-%s", dvi_imp_slug(c, ln ? ln : "", ln ? strlen(ln) : 0, 0));
    id = dvi_imp_unique_id(c, dvi_imp_printf(c, "%s-1", base ? base : "t"));
    if (id && base) {
      /* t-cau-1, t-cau-2 … */
      for (int i = 1; i < 1000; i++) {
        const char *cand = dvi_imp_printf(c, "%s-%d", base, i);
        if (cand && !dvi_find(c->ds, cand)) {
          id = cand;
          break;
        }
      }
    }
  } else {
    id = new_id(c, "t", title, 4);
  }
  danvan_entity *t = dvi_imp_add(c, parent, DANVAN_KIND_TASK, id, l1, l2);
  if (!t) return NULL;
  dvi_imp_set(c, t, DANVAN_F_CATEGORY, category_of(c, title));
  if (loc) dvi_imp_set(c, t, DANVAN_F_LOCALITIES, danvan_entity_id(loc));
  dvi_imp_set(c, t, DANVAN_F_TITLE, title);
  return t;
}

static void add_measure(imp_ctx *c, danvan_entity *task, danvan_entity *metric, int64_t coef, int32_t scale) {
  danvan_entity *m = dvi_imp_add(c, task, DANVAN_KIND_MEASURE, NULL, 0, 0);
  if (!m) return;
  dvi_imp_set(c, m, DANVAN_F_METRIC, danvan_entity_id(metric));
  dvi_imp_set_dec(c, m, DANVAN_F_VALUE, coef, scale);
}

static void add_cost(imp_ctx *c, danvan_entity *task, int64_t vnd) {
  dvi_imp_set(c, task, DANVAN_F_CURRENCY, "VND");
  dvi_imp_set_dec(c, task, DANVAN_F_COST, vnd, 0);
}

static danvan_entity *unit_metric(imp_ctx *c, const unit_def *u, uint32_t line) {
  static const struct {
    const char *unit, *id, *name;
  } M[] = {{"house", "house", "Nhà"},         {"gift", "gift", "Phần quà"},
           {"child", "child", "Em, cháu"},    {"route", "route", "Tuyến đường"},
           {"event", "event", "Cuộc, buổi"},  {"model", "model", "Mô hình"},
           {"person", "person", "Người"},     {"household", "household", "Hộ"},
           {"m", "length", "Chiều dài"},      {"km", "length-km", "Chiều dài"},
           {"activity", "activity", "Hoạt động"}, {"work", "work", "Công trình, phần việc"},
           {"portion", "portion", "Suất"},    {"blood-unit", "blood-unit", "Đơn vị máu"},
           {NULL, NULL, NULL}};
  for (int i = 0; M[i].unit; i++)
    if (strcmp(M[i].unit, u->unit) == 0) return dvi_imp_metric(c, M[i].id, M[i].name, u->unit, line);
  return dvi_imp_metric(c, u->unit, u->key, u->unit, line);
}

/* Items of one locality: "- Ấp Cầu: Phát quang … dài 3.000m; … kinh phí 90 triệu đồng." */
static bool locality_items(imp_ctx *c, facts *F, imp_para *P) {
  const danvan_entity *sec = P->section;
  const char *h = heading(sec);
  if (!h || !P->label.style) return false;
  imp_str hx;
  if (!dvi_imp_str(c, &hx, h, strlen(h))) return false;
  size_t ll;
  int lv = dvi_imp_level_word(&hx, 0, &ll);
  if (!lv || lv >= (c->home_level ? c->home_level : IMP_LV_PROVINCE + 1)) return false;
  danvan_entity *loc = dvi_imp_locality(c, &hx, 0, hx.kn, P->l1);
  if (!loc) return false;
  /* the details after the heading */
  const imp_str *t = &P->body;
  size_t colon = dvi_imp_find(t, 0, ":");
  if (colon == IMP_NPOS) return false;
  size_t a = dvi_imp_skip_space(t, colon + 1);
  bool any = false;
  while (a < t->kn) {
    size_t e = a;
    while (e < t->kn && t->k[e] != ';') e++;
    size_t ee = e;
    while (ee > a && strchr(" .,", t->k[ee - 1])) ee--;
    imp_str seg;
    if (!dvi_imp_sub(c, &seg, t, a, ee)) return any;
    /* measure: "dài 3.000m", "03 căn" */
    size_t cut = seg.kn;
    qty q;
    bool has_q = false;
    size_t dp = dvi_imp_find_word(&seg, 0, "dài");
    for (size_t p = 0; p < seg.kn; p++) {
      if (!dig(seg.k[p]) || (p > 0 && dvi_imp_is_alnum_at(seg.k, seg.kn, p - 1))) continue;
      if (qty_at(c, &seg, p, &q) && (strcmp(q.u->unit, "m") == 0 || strcmp(q.u->unit, "km") == 0 ||
                                  strcmp(q.u->unit, "house") == 0 || strcmp(q.u->unit, "gift") == 0)) {
        has_q = true;
        cut = dp != IMP_NPOS && dp < p ? dp : p;
        break;
      }
      while (p + 1 < seg.kn && (dig(seg.k[p + 1]) || seg.k[p + 1] == '.')) p++;
    }
    imp_money money;
    bool has_money = false;
    size_t kp = dvi_imp_find_word(&seg, 0, "kinh phí");
    if (kp != IMP_NPOS) {
      has_money = dvi_imp_money_next(&seg, kp, seg.kn, &money);
      if (kp < cut) cut = kp;
    } else {
      has_money = dvi_imp_money_next(&seg, 0, seg.kn, &money);
      if (has_money && money.k1 < cut) cut = money.k1;
    }
    if (!has_q && !has_money) {
      a = e + 1;
      continue;
    }
    const char *title = trim_end_punct(c, dvi_imp_text(c, &seg, 0, cut));
    if (!title || !title[0]) title = seg.s;
    /* capitalise the first letter as the list writes it */
    danvan_entity *task = new_task(c, c->doc, title, loc, P->l1, P->l2);
    if (!task) return any;
    if (has_q) {
      danvan_entity *metric = NULL;
      if (strcmp(q.u->unit, "m") == 0 || strcmp(q.u->unit, "km") == 0) {
        /* the total whose activity shares most words */
        imp_str tk;
        int best = 0;
        total_rec *br = NULL;
        if (dvi_imp_str(c, &tk, title, strlen(title)))
          for (size_t i = 0; i < F->ntotals; i++) {
            int sc = overlap(tk.k, F->totals[i].act_key);
            if (sc > best) {
              best = sc;
              br = &F->totals[i];
            }
          }
        if (br) {
          metric = br->metric;
          add_part(c, br->e, task);
        } else {
          const char *mid = road_metric_id(c, tk.k);
          metric = dvi_imp_metric(c, mid, title, q.u->unit, P->l1);
        }
      } else {
        metric = unit_metric(c, q.u, P->l1);
      }
      if (metric) add_measure(c, task, metric, q.coef, q.scale);
    }
    if (has_money) add_cost(c, task, money.vnd);
    if (c->start && c->end) {
      dvi_imp_set_date(c, task, DANVAN_F_START, c->start);
      dvi_imp_set_date(c, task, DANVAN_F_END, c->end);
    }
    any = true;
    a = e + 1;
  }
  if (any) P->placed = true;
  return any;
}

/* "Xây dựng nhà …: 12 căn trị giá 1,08 triệu đồng (ấp Cầu 03 căn, Trại Bí 01 căn, …)" */
static bool allocation(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  size_t open = dvi_imp_find(t, 0, "(");
  if (open == IMP_NPOS) return false;
  size_t close = dvi_imp_find(t, open, ")");
  if (close == IMP_NPOS) return false;
  size_t p = dvi_imp_skip_space(t, open + 1);
  size_t ll;
  int lv = dvi_imp_level_word(t, p, &ll);
  if (lv != IMP_LV_HAMLET) return false;
  const char *kindword = dvi_imp_text(c, t, p, p + ll);
  /* the head: "<title>: N unit trị giá X" */
  size_t colon = dvi_imp_find(t, 0, ":");
  size_t head_end = colon != IMP_NPOS && colon < open ? colon : open;
  qty total_q;
  bool has_total = qty_next(c, t, head_end, open, &total_q);
  const char *title = trim_end_punct(c, dvi_imp_text(c, t, 0, has_total && total_q.k1 < head_end ? total_q.k1 : head_end));
  /* the whole: a task with the total and its cost; the breakdown: its sub-tasks */
  imp_money money;
  bool has_money = has_total && dvi_imp_money_next(t, total_q.uk2, open, &money);
  danvan_entity *whole = new_task(c, c->doc, title, NULL, P->l1, P->l2);
  if (!whole) return false;
  if (has_total) add_measure(c, whole, unit_metric(c, total_q.u, P->l1), total_q.coef, total_q.scale);
  if (has_money) add_cost(c, whole, money.vnd);
  if (c->start && c->end) {
    dvi_imp_set_date(c, whole, DANVAN_F_START, c->start);
    dvi_imp_set_date(c, whole, DANVAN_F_END, c->end);
  }
  /* items "ấp Cầu 03 căn, Trại Bí 01 căn" */
  danvan_entity *tasks[64];
  size_t ntasks = 0;
  size_t a = p;
  while (a < close && ntasks < 64) {
    size_t e = a;
    while (e < close && t->k[e] != ',') e++;
    imp_str item;
    if (!dvi_imp_sub(c, &item, t, a, e)) return false;
    qty q;
    if (qty_next(c, &item, 0, item.kn, &q)) {
      /* the name: before the number, without the level word */
      size_t np = 0, l2 = 0;
      if (dvi_imp_level_word(&item, 0, &l2) == IMP_LV_HAMLET && dvi_imp_starts_lower(item.s, item.n))
        np = dvi_imp_skip_space(&item, l2);
      const char *name = trim_end_punct(c, dvi_imp_text(c, &item, np, q.k1));
      const char *kind = NULL;
      danvan_entity *home = NULL;
      (void)home;
      imp_str kw;
      if (kindword && dvi_imp_str(c, &kw, kindword, strlen(kindword))) {
        size_t l3;
        dvi_imp_level_word(&kw, 0, &l3);
        kind = dvi_imp_starts(&kw, "ấp") ? "hamlet" : dvi_imp_starts(&kw, "thôn") ? "village" : "hamlet";
      }
      danvan_entity *commune = NULL;
      if (c->home && c->home_level == IMP_LV_COMMUNE) commune = c->home;
      danvan_entity *loc = name && name[0] ? dvi_imp_locality_named(c, kind ? kind : "hamlet", name, commune, P->l1) : NULL;
      danvan_entity *task = new_task(c, whole, title, loc, P->l1, P->l2);
      if (task) {
        add_measure(c, task, unit_metric(c, q.u, P->l1), q.coef, q.scale);
        if (loc) dvi_imp_add_ref(c, whole, DANVAN_F_LOCALITIES, danvan_entity_id(loc));
        tasks[ntasks++] = task;
      }
    }
    a = e + 1;
  }
  if (!ntasks) {
    dvi_imp_release_id(c, whole);
    danvan_entity_remove(whole);
    return false;
  }
  /* the declared total of the breakdown: "12 căn" over the sub-tasks */
  if (has_total) {
    danvan_entity *tot = dvi_imp_add(c, c->doc, DANVAN_KIND_TOTAL, NULL, P->l1, P->l2);
    if (tot) {
      danvan_entity *metric = unit_metric(c, total_q.u, P->l1);
      dvi_imp_set(c, tot, DANVAN_F_ID, new_id(c, "tot", danvan_entity_id(metric), 4));
      dvi_imp_set(c, tot, DANVAN_F_METRIC, danvan_entity_id(metric));
      dvi_imp_set_dec(c, tot, DANVAN_F_VALUE, total_q.coef, total_q.scale);
      dvi_imp_set(c, tot, DANVAN_F_TITLE, trim_end_punct(c, dvi_imp_text(c, t, 0, open)));
      for (size_t i = 0; i < ntasks; i++) add_part(c, tot, tasks[i]);
    }
  }
  P->placed = true;
  return true;
}

/* "25 phần quà, mỗi phần 500 000đ, trị giá 10.500 000đ": a total with a unit value. */
static danvan_entity *unit_value_total(imp_ctx *c, imp_para *P, const imp_str *t, const qty *q,
                                       const char *title) {
  size_t each = dvi_imp_find_word(t, q->uk2, "mỗi");
  if (each == IMP_NPOS) return NULL;
  imp_money unit_v, value;
  if (!dvi_imp_money_next(t, each, t->kn, &unit_v)) return NULL;
  bool has_value = dvi_imp_money_next(t, unit_v.k2, t->kn, &value);
  danvan_entity *tot = dvi_imp_add(c, c->doc, DANVAN_KIND_TOTAL, NULL, P->l1, P->l2);
  if (!tot) return NULL;
  danvan_entity *base = unit_metric(c, q->u, P->l1);
  danvan_entity *metric = dvi_imp_metric(c, dvi_imp_printf(c, "%s-value", danvan_entity_id(base)),
                                         dvi_imp_printf(c, "Giá trị: %s", title), "VND", P->l1);
  dvi_imp_set(c, tot, DANVAN_F_ID, new_id(c, "tot", danvan_entity_id(metric), 4));
  dvi_imp_set(c, tot, DANVAN_F_METRIC, danvan_entity_id(metric));
  dvi_imp_set_dec(c, tot, DANVAN_F_COUNT, q->coef, q->scale);
  dvi_imp_set_dec(c, tot, DANVAN_F_UNIT_VALUE, unit_v.vnd, 0);
  if (has_value) dvi_imp_set_dec(c, tot, DANVAN_F_VALUE, value.vnd, 0);
  dvi_imp_set(c, tot, DANVAN_F_TITLE, trim_end_punct(c, t->s));
  return tot;
}

/* An activity with quantities or money: "Vận động … 46 triệu đồng", "Tặng quà …: 25 phần
   quà …", "Tuyên truyền …: Từ ngày 10/12 đến ngày 24/12/2024 tại nhà văn hóa 8 ấp/8 cuộc". */
static bool activity_task(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  qty q;
  bool has_q = qty_next(c, t, 0, t->kn, &q);
  imp_money money;
  bool has_money = dvi_imp_money_next(t, 0, t->kn, &money);
  /* "8 ấp/8 cuộc" */
  size_t slash_q = IMP_NPOS;
  qty sq;
  memset(&sq, 0, sizeof sq);
  for (size_t p = 0; p + 1 < t->kn; p++) {
    if (t->k[p] != '/' || !dig(t->k[p + 1])) continue;
    imp_num n2;
    if (!dvi_imp_num_at(t, p + 1, &n2)) continue;
    size_t u = n2.k2 < t->kn && t->k[n2.k2] == ' ' ? n2.k2 + 1 : n2.k2;
    const unit_def *ud = unit_at(t, u);
    if (ud && strcmp(ud->unit, "event") == 0) {
      slash_q = p + 1;
      sq.coef = n2.coef;
      sq.scale = n2.scale;
      sq.u = ud;
      sq.k1 = p + 1;
      sq.uk2 = u + strlen(ud->key);
      break;
    }
  }
  if (!has_q && !has_money && slash_q == IMP_NPOS) return false;
  if (slash_q != IMP_NPOS && (!has_q || q.k1 > slash_q)) {
    q = sq;
    has_q = true;
  }
  size_t colon = dvi_imp_find(t, 0, ":");
  size_t cut = colon;
  if (cut == IMP_NPOS || (has_q && q.k1 < cut)) cut = has_q ? q.k1 : t->kn;
  if (has_money && money.k1 < cut) cut = money.k1;
  const char *title = trim_end_punct(c, dvi_imp_text(c, t, 0, cut));
  if (title && count_words_in(t, 0, cut) < 3) {
    /* "Tổ chức 02 buổi …", "Làm mới 01 tuyến đường tổ 2 dài 350m, kinh phí …": up to the money */
    size_t e = t->kn;
    size_t kp = dvi_imp_find_word(t, 0, "kinh phí");
    if (kp != IMP_NPOS) e = kp;
    if (has_money && money.k1 < e && money.k1 > cut) e = money.k1;
    title = trim_end_punct(c, dvi_imp_text(c, t, 0, e));
  }
  if (!title || !title[0]) return false;
  danvan_entity *task = new_task(c, c->doc, title, NULL, P->l1, P->l2);
  if (!task) return false;
  if (has_q) add_measure(c, task, unit_metric(c, q.u, P->l1), q.coef, q.scale);
  /* "… dài 350m": the length too */
  size_t dai = dvi_imp_find_word(t, has_q ? q.k2 : 0, "dài");
  if (has_q && strcmp(q.u->unit, "m") != 0 && dai != IMP_NPOS) {
    qty len;
    if (qty_at(c, t, dvi_imp_skip_space(t, dai + strlen("dài")), &len) &&
        (strcmp(len.u->unit, "m") == 0 || strcmp(len.u->unit, "km") == 0))
      add_measure(c, task, unit_metric(c, len.u, P->l1), len.coef, len.scale);
  }
  /* the stated value ("trị giá"), else the only amount */
  imp_money value = money;
  size_t tg = dvi_imp_find_word(t, 0, "trị giá");
  if (tg != IMP_NPOS) has_money = dvi_imp_money_next(t, tg, t->kn, &value) || has_money;
  if (has_money) {
    const char *cat = NULL;
    danvan_entity_get_string(&cat, task, DANVAN_F_CATEGORY);
    if (!has_q && cat && strcmp(cat, "mobilisation") == 0)
      /* "Vận động … 46 triệu đồng": money raised, not spent */
      add_measure(c, task, dvi_imp_metric(c, "funds-raised", "Kinh phí vận động", "VND", P->l1), value.vnd, 0);
    else
      add_cost(c, task, value.vnd);
  }
  int32_t rs, re;
  size_t k1, k2;
  if (dvi_imp_range_next(t, 0, t->kn, &rs, &re, &k1, &k2)) {
    dvi_imp_set_date(c, task, DANVAN_F_START, rs);
    dvi_imp_set_date(c, task, DANVAN_F_END, re);
  } else if (c->start && c->end) {
    dvi_imp_set_date(c, task, DANVAN_F_START, c->start);
    dvi_imp_set_date(c, task, DANVAN_F_END, c->end);
  }
  if (has_q) {
    danvan_entity *tot = unit_value_total(c, P, t, &q, title);
    if (tot) add_part(c, tot, task);
  }
  /* "8 ấp/8 cuộc": every hamlet holds its share (a quota), and the task covers them all */
  if (slash_q != IMP_NPOS) {
    size_t lw = slash_q - 1; /* the '/' */
    size_t ws = lw;
    while (ws > 0 && t->k[ws - 1] == ' ') ws--;
    while (ws > 0 && t->k[ws - 1] != ' ') ws--;  /* the level word */
    size_t ns = ws;
    while (ns > 0 && t->k[ns - 1] == ' ') ns--;
    size_t ne = ns;
    while (ns > 0 && dig(t->k[ns - 1])) ns--;
    imp_num units;
    int lvl = dvi_imp_level_word(t, ws, NULL);
    if (ne > ns && lvl && dvi_imp_num_at(t, ns, &units) && units.coef > 0) {
      danvan_entity *quota = dvi_imp_add(c, c->doc, DANVAN_KIND_QUOTA, NULL, P->l1, P->l2);
      danvan_entity *metric = unit_metric(c, q.u, P->l1);
      if (quota && metric) {
        dvi_imp_set(c, quota, DANVAN_F_ID, new_id(c, "q", dvi_imp_printf(c, "%s %s", dvi_imp_level_name(lvl), title), 4));
        dvi_imp_set(c, quota, DANVAN_F_METRIC, danvan_entity_id(metric));
        int64_t per = q.coef % units.coef == 0 ? q.coef / units.coef : 1;
        dvi_imp_set_dec(c, quota, DANVAN_F_MIN, per, 0);
        dvi_imp_set(c, quota, DANVAN_F_MODE, "each");
        dvi_imp_set_dec(c, quota, DANVAN_F_COVERAGE, 1, 0);
        dvi_imp_set(c, quota, DANVAN_F_TITLE, dvi_imp_printf(c, "%s: %s", title, dvi_imp_text(c, t, ns, sq.uk2)));
        selector sel;
        memset(&sel, 0, sizeof sel);
        sel.level = dvi_imp_level_name(lvl);
        sel.any = true;
        set_selector(c, quota, &sel, P->l1);
      }
    }
    size_t nl = danvan_dataset_count(c->ds, DANVAN_KIND_LOCALITY);
    for (size_t i = 0; i < nl; i++) {
      danvan_entity *l = danvan_dataset_get(c->ds, DANVAN_KIND_LOCALITY, i);
      danvan_entity *par = NULL;
      const char *kind = NULL;
      danvan_entity_get_string(&kind, l, DANVAN_F_KIND);
      if (kind && strcmp(kind, "hamlet") == 0 && c->home &&
          danvan_entity_resolve(&par, l, DANVAN_F_PARENT, 0) == DANVAN_OK && par == c->home)
        dvi_imp_add_ref(c, task, DANVAN_F_LOCALITIES, danvan_entity_id(l));
    }
  }
  P->placed = true;
  return true;
}

/* A numbered list announced by "… thực hiện 04 mô hình … gồm:": one task per item and a
   total over them. */
static size_t listed_models(imp_ctx *c, size_t i) {
  imp_para *P = &c->paras[i];
  const imp_str *t = &P->body;
  char lc = t->n ? t->s[t->n - 1] : 0;
  if (lc != ':') return 0;
  qty q;
  if (!qty_next(c, t, 0, t->kn, &q)) return 0;
  if (!dvi_imp_has(t, "gồm") && !dvi_imp_has(t, "bao gồm")) return 0;
  danvan_entity *tot = dvi_imp_add(c, c->doc, DANVAN_KIND_TOTAL, NULL, P->l1, P->l2);
  if (!tot) return 0;
  danvan_entity *metric = unit_metric(c, q.u, P->l1);
  dvi_imp_set(c, tot, DANVAN_F_ID, new_id(c, "tot", danvan_entity_id(metric), 4));
  dvi_imp_set(c, tot, DANVAN_F_METRIC, danvan_entity_id(metric));
  dvi_imp_set_dec(c, tot, DANVAN_F_COUNT, q.coef, q.scale);
  dvi_imp_set(c, tot, DANVAN_F_TITLE, trim_end_punct(c, t->s));
  P->placed = true;
  size_t j = i + 1, n = 0;
  int style = 0;
  for (; j < c->nparas; j++) {
    imp_para *Q = &c->paras[j];
    if (!Q->label.style || (style && Q->label.style != style)) break;
    if (Q->label.style == IMP_L_ROMAN || Q->label.style == IMP_L_PART) break;
    style = Q->label.style;
    const imp_str *b = &Q->body;
    /* the title: up to the first quantity or "kinh phí" */
    size_t cut = b->kn;
    qty iq;
    bool has_q = qty_next(c, b, 0, b->kn, &iq);
    if (has_q) {
      size_t cpos = iq.k1;
      /* "tổng số 90 căn": back over "tổng số" and the comma */
      size_t ts = dvi_imp_find_word(b, 0, "tổng số");
      if (ts != IMP_NPOS && ts < cpos) cpos = ts;
      cut = cpos;
    }
    imp_money money;
    size_t kp = IMP_NPOS;
    bool has_money = false;
    for (size_t p = 0; (p = dvi_imp_find_word(b, p, "kinh phí")) != IMP_NPOS; p++) {
      if (dvi_imp_money_next(b, p, p + 40 < b->kn ? p + 40 : b->kn, &money)) {
        kp = p;
        has_money = true;
        break;
      }
    }
    if (kp != IMP_NPOS && kp < cut) cut = kp;
    size_t par = dvi_imp_find(b, 0, " (");
    if (par != IMP_NPOS && par < cut && !has_q && !has_money) cut = par;
    const char *title = trim_end_punct(c, dvi_imp_text(c, b, 0, cut));
    danvan_entity *task = new_task(c, c->doc, title, NULL, Q->l1, Q->l2);
    if (!task) break;
    if (strcmp(q.u->unit, "model") == 0) dvi_imp_set(c, task, DANVAN_F_CATEGORY, "model");
    if (has_q) add_measure(c, task, unit_metric(c, iq.u, Q->l1), iq.coef, iq.scale);
    if (has_money) add_cost(c, task, money.vnd);
    if (c->start && c->end) {
      dvi_imp_set_date(c, task, DANVAN_F_START, c->start);
      dvi_imp_set_date(c, task, DANVAN_F_END, c->end);
    }
    add_part(c, tot, task);
    Q->placed = true;
    n++;
  }
  return n ? j - i - 1 : 0;
}

/* ---- quotas -------------------------------------------------------------------------------- */
static const char *const LEAD_VERBS[] = {"phối hợp tổ chức", "tổ chức được", "tổ chức", "có",
                                         "thực hiện", "xây dựng", "vận động các nguồn lực thực hiện",
                                         "tham gia", "triển khai", "chủ động lựa chọn", "lựa chọn",
                                         "đạt", NULL};

/* The name of what a quota counts: the unit and its object. */
static const char *object_of(imp_ctx *c, const imp_str *cl, const qty *q, size_t *obj_k1, size_t *obj_k2) {
  size_t a = dvi_imp_skip_space(cl, q->uk2);
  size_t e = cl->kn;
  while (e > a && strchr(" .;,", cl->k[e - 1])) e--;
  *obj_k1 = a;
  *obj_k2 = e;
  const char *unit = dvi_imp_text(c, cl, q->uk1, q->uk2);
  static const char *const AND_VERB[] = {" và triển khai", " và thực hiện", " và tổ chức", " và nhân rộng",
                                         " và xây dựng", " để ", NULL};
  for (const char *const *w = AND_VERB; *w; w++) {
    size_t p = dvi_imp_find(cl, a, *w);
    if (p != IMP_NPOS && p < e) e = p;
  }
  *obj_k2 = e;
  if (e > a) {
    const char *obj = dvi_imp_text(c, cl, a, e);
    return dvi_imp_printf(c, "%s%s%s", unit, cl->k[a] == ',' ? "" : " ", obj);
  }
  /* the object is before the number: "Tổ chức khám bệnh … ít nhất từ 300 - 500 suất" */
  size_t s = 0;
  for (const char *const *v = LEAD_VERBS; *v; v++)
    if (dvi_imp_starts(cl, *v)) {
      s = dvi_imp_skip_space(cl, strlen(*v));
      break;
    }
  size_t b = q->k1;
  static const char *const BOUNDS[] = {"ít nhất từ", "ít nhất", "tối thiểu", "đạt", "từ", NULL};
  for (const char *const *w = BOUNDS; *w; w++) {
    size_t p = dvi_imp_find_word_before(cl, s, b, *w);
    if (p != IMP_NPOS && p < b) b = p;
  }
  *obj_k1 = s;
  *obj_k2 = b;
  const char *obj = trim_end_punct(c, dvi_imp_text(c, cl, s, b));
  return obj && obj[0] ? dvi_imp_printf(c, "%s %s", unit, obj) : unit;
}

/* A metric named by a quota; the id is made from the words that tell it apart ("hint"). */
static danvan_entity *quota_metric(imp_ctx *c, const char *name, const char *hint, const char *unit,
                                   uint32_t line) {
  const char *id = dvi_imp_slug(c, hint ? hint : name, strlen(hint ? hint : name), 5);
  if (!id) return NULL;
  imp_str nk;
  if (!dvi_imp_str(c, &nk, name, strlen(name))) return NULL;
  /* the same name is the same metric; another name gets its own id */
  size_t nm = danvan_dataset_count(c->ds, DANVAN_KIND_METRIC);
  for (size_t i = 0; i < nm; i++) {
    danvan_entity *m = danvan_dataset_get(c->ds, DANVAN_KIND_METRIC, i);
    const char *mn = NULL;
    danvan_entity_get_string(&mn, m, DANVAN_F_NAME);
    imp_str mk;
    if (mn && dvi_imp_str(c, &mk, mn, strlen(mn)) && strcmp(mk.k, nk.k) == 0) return m;
  }
  if (dvi_find(c->ds, id)) id = dvi_imp_unique_id(c, id);
  return dvi_imp_metric(c, id, name, unit, line);
}

static void make_quota(imp_ctx *c, imp_para *P, const imp_str *cl, const qty *q, const selector *sel) {
  danvan_entity *doc = c->doc;
  size_t o1, o2;
  const char *name = object_of(c, cl, q, &o1, &o2);
  if (!name) return;
  danvan_entity *quota = dvi_imp_add(c, doc, DANVAN_KIND_QUOTA, NULL, P->l1, P->l2);
  if (!quota) return;
  dvi_imp_set(c, quota, DANVAN_F_ID, new_id(c, "q", name, 4));
  /* "A hoặc B": the sum of a group */
  size_t alt = dvi_imp_find_word(cl, o1, "hoặc");
  if (alt != IMP_NPOS && alt < o2 && alt > o1) {
    const char *unit = dvi_imp_text(c, cl, q->uk1, q->uk2);
    const char *left = trim_end_punct(c, dvi_imp_text(c, cl, o1, alt));
    size_t r1 = dvi_imp_skip_space(cl, alt + strlen("hoặc"));
    const char *right = trim_end_punct(c, dvi_imp_text(c, cl, r1, o2));
    /* the right alternative shares the left's head: find where they differ */
    const char *rname = NULL;
    size_t split = IMP_NPOS; /* where the left alternative starts in the clause */
    size_t rw = r1;
    while (rw < o2 && cl->k[rw] != ' ') rw++;
    const char *first = dvi_imp_text(c, cl, r1, rw);
    imp_str fk;
    if (first && dvi_imp_str(c, &fk, first, strlen(first))) {
      size_t at = dvi_imp_find_word_before(cl, o1, alt, fk.k);
      if (at != IMP_NPOS && at > o1) split = at;
    }
    if (split == IMP_NPOS) {
      static const char *const CONNECT[] = {"hướng về", "xây dựng", "tại", "cho", "trong", "về", NULL};
      size_t best = IMP_NPOS;
      const char *bw = NULL;
      for (const char *const *w = CONNECT; *w; w++) {
        size_t p = o1, last = IMP_NPOS;
        while ((p = dvi_imp_find_word_before(cl, p, alt, *w)) != IMP_NPOS) {
          last = p;
          p++;
        }
        if (last != IMP_NPOS && (best == IMP_NPOS || last > best)) {
          best = last;
          bw = *w;
        }
      }
      if (best != IMP_NPOS) split = dvi_imp_skip_space(cl, best + strlen(bw));
    }
    const char *lhint, *rhint;
    if (split != IMP_NPOS) {
      rname = dvi_imp_printf(c, "%s%s%s %s", unit, cl->k[o1] == ',' ? "" : " ",
                             trim_end_punct(c, dvi_imp_text(c, cl, o1, split)), right);
      lhint = dvi_imp_printf(c, "%s %s", unit, trim_end_punct(c, dvi_imp_text(c, cl, split, alt)));
      rhint = dvi_imp_printf(c, "%s %s", unit, right);
    } else {
      rname = dvi_imp_printf(c, "%s %s", unit, right);
      lhint = NULL;
      rhint = NULL;
    }
    const char *lname = dvi_imp_printf(c, "%s%s%s", unit, cl->k[o1] == ',' ? "" : " ", left);
    danvan_entity *m1 = quota_metric(c, lname, lhint, q->u->unit, P->l1);
    danvan_entity *m2 = quota_metric(c, rname, rhint, q->u->unit, P->l1);
    if (m1 && m2)
      dvi_imp_set(c, quota, DANVAN_F_METRICS,
                  dvi_imp_printf(c, "%s %s", danvan_entity_id(m1), danvan_entity_id(m2)));
  } else {
    danvan_entity *m = quota_metric(c, name, NULL, q->u->unit, P->l1);
    if (m) dvi_imp_set(c, quota, DANVAN_F_METRIC, danvan_entity_id(m));
  }
  if (q->range) {
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, q->coef, q->scale);
    dvi_imp_set_dec(c, quota, DANVAN_F_MAX, q->max_coef, q->max_scale);
  } else if (q->bound == 1 || q->bound == 3) {
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, q->coef, q->scale);
  } else if (q->bound == 2) {
    dvi_imp_set_dec(c, quota, DANVAN_F_MAX, q->coef, q->scale);
  } else {
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, q->coef, q->scale);
    dvi_imp_set_dec(c, quota, DANVAN_F_MAX, q->coef, q->scale);
  }
  dvi_imp_set(c, quota, DANVAN_F_MODE, sel && sel->org ? "total" : "each");
  if (sel && sel->cov_den) {
    int64_t num = sel->cov_num * 10000 / sel->cov_den;
    dvi_imp_set_dec(c, quota, DANVAN_F_COVERAGE, num, 4);
  }
  dvi_imp_set(c, quota, DANVAN_F_TITLE, trim_end_punct(c, cl->s));
  if (sel && sel->any) set_selector(c, quota, sel, P->l1);
  else if (first_issuer(c)) {
    selector own;
    memset(&own, 0, sizeof own);
    own.org = first_issuer(c);
    dvi_imp_set(c, quota, DANVAN_F_MODE, "total");
    set_selector(c, quota, &own, P->l1);
  }
  P->placed = true;
}

/* "01 người dân với 03 chiến sĩ": citizens/soldiers >= 1/3 */
static bool ratio_quota(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  for (size_t p = 0; (p = dvi_imp_find_word(t, p, "với")) != IMP_NPOS; p++) {
    /* "N noun với M noun" */
    size_t b = dvi_imp_skip_space(t, p + strlen("với"));
    qty den;
    if (!qty_at(c, t, b, &den)) continue;
    /* the numerator: the last quantity before "với" */
    qty num;
    bool found = false;
    for (size_t q = p > 40 ? p - 40 : 0; q < p; q++) {
      if (!dig(t->k[q]) || (q > 0 && dvi_imp_is_alnum_at(t->k, t->kn, q - 1))) continue;
      qty tmp;
      if (qty_at(c, t, q, &tmp) && tmp.uk2 <= p) {
        num = tmp;
        found = true;
      }
    }
    if (!found || den.coef == 0) continue;
    /* nouns: to the word before "với" and to the end of the phrase */
    const char *n1 = trim_end_punct(c, dvi_imp_text(c, t, num.uk1, p));
    size_t de = den.uk2;
    while (de < t->kn && t->k[de] != '"' && t->k[de] != ')' && t->k[de] != ',' && t->k[de] != ';') de++;
    const char *n2 = trim_end_punct(c, dvi_imp_text(c, t, den.uk1, de));
    danvan_entity *m1 = quota_metric(c, n1, NULL, num.u->unit, P->l1);
    danvan_entity *m2 = quota_metric(c, n2, NULL, den.u->unit, P->l1);
    danvan_entity *quota = dvi_imp_add(c, c->doc, DANVAN_KIND_QUOTA, NULL, P->l1, P->l2);
    if (!quota || !m1 || !m2) return false;
    dvi_imp_set(c, quota, DANVAN_F_ID, new_id(c, "q-ratio", n1, 3));
    dvi_imp_set(c, quota, DANVAN_F_NUMERATOR, danvan_entity_id(m1));
    dvi_imp_set(c, quota, DANVAN_F_DENOMINATOR, danvan_entity_id(m2));
    /* min = num/den to 4 decimals (truncated: 1/3 -> 0.3333) */
    int64_t v = num.coef * 10000 / den.coef;
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, v, 4);
    dvi_imp_set(c, quota, DANVAN_F_MODE, "total");
    size_t qa = num.k1, qb = de;
    while (qa > 0 && t->k[qa - 1] != '"' && qa > num.k1 - (num.k1 < 2 ? num.k1 : 2)) qa--;
    dvi_imp_set(c, quota, DANVAN_F_TITLE, dvi_imp_text(c, t, num.k1, qb));
    selector own;
    memset(&own, 0, sizeof own);
    own.org = first_issuer(c);
    if (own.org) set_selector(c, quota, &own, P->l1);
    P->placed = true;
    return true;
  }
  return false;
}

/* "Lực lượng 8/8 ấp": every hamlet takes part. */
static bool coverage_quota(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->t;
  for (size_t p = 0; p + 2 < t->kn; p++) {
    if (!dig(t->k[p]) || (p > 0 && dvi_imp_is_alnum_at(t->k, t->kn, p - 1))) continue;
    imp_num a, b;
    if (!dvi_imp_num_at(t, p, &a) || a.k2 >= t->kn || t->k[a.k2] != '/') continue;
    if (!dvi_imp_num_at(t, a.k2 + 1, &b) || b.coef <= 0 || a.coef > b.coef) continue;
    size_t u = dvi_imp_skip_space(t, b.k2);
    size_t ll;
    int lv = dvi_imp_level_word(t, u, &ll);
    if (!lv) continue;
    /* what they do: "tham gia …" */
    const char *what = NULL;
    size_t tg = dvi_imp_find_word(t, u, "tham gia");
    if (tg != IMP_NPOS) {
      size_t e = tg;
      int words = 0;
      while (e < t->kn && words < 6) {
        while (e < t->kn && t->k[e] == ' ') e++;
        while (e < t->kn && t->k[e] != ' ' && !strchr(",;.", t->k[e])) e++;
        words++;
        if (e < t->kn && strchr(",;.", t->k[e])) break;
      }
      what = trim_end_punct(c, dvi_imp_text(c, t, tg, e));
    }
    if (!what) what = "tham gia";
    danvan_entity *m = quota_metric(c, what, NULL, "activity", P->l1);
    danvan_entity *quota = dvi_imp_add(c, c->doc, DANVAN_KIND_QUOTA, NULL, P->l1, P->l2);
    if (!quota || !m) return false;
    dvi_imp_set(c, quota, DANVAN_F_ID, new_id(c, "q", dvi_imp_printf(c, "%s %s", dvi_imp_level_name(lv), what), 4));
    dvi_imp_set(c, quota, DANVAN_F_METRIC, danvan_entity_id(m));
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, 1, 0);
    dvi_imp_set(c, quota, DANVAN_F_MODE, "each");
    dvi_imp_set_dec(c, quota, DANVAN_F_COVERAGE, a.coef * 10000 / b.coef, 4);
    dvi_imp_set(c, quota, DANVAN_F_TITLE, trim_end_punct(c, P->body.s));
    selector sel;
    memset(&sel, 0, sizeof sel);
    sel.level = dvi_imp_level_name(lv);
    sel.any = true;
    set_selector(c, quota, &sel, P->l1);
    P->placed = true;
    return true;
  }
  return false;
}

static bool quotas_in(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  bool any = false;
  size_t a = 0;
  selector carried;
  bool have_carried = false;
  /* a list item's heading is not a clause ("100% huyện …:") */
  while (a < t->kn) {
    size_t e = a;
    while (e < t->kn && t->k[e] != ';') e++;
    imp_str cl;
    if (!dvi_imp_sub(c, &cl, t, a, e)) return any;
    qty q;
    size_t from = 0;
    while (qty_next(c, &cl, from, cl.kn, &q)) {
      from = q.uk2;
      if (inside_quotes(&cl, q.k1)) continue;
      if (strcmp(q.u->unit, "minute") == 0 || strcmp(q.u->unit, "m") == 0) continue;
      selector sel;
      bool own = false;
      bool scoped = scope_for(c, P, &cl, q.k1, &sel, &own);
      if (own) {
        carried = sel;
        have_carried = true;
      } else if (have_carried) {
        sel = carried;
        scoped = true;
      }
      bool bounded = q.bound == 1 || q.bound == 2 || q.range;
      bool targets = context_has(c, P->section, "chỉ tiêu");
      if (!scoped && !bounded && !targets) continue;
      make_quota(c, P, &cl, &q, scoped ? &sel : NULL);
      any = true;
      break; /* one quota per clause */
    }
    a = e + 1;
  }
  return any;
}

/* An item without a number in a list under a scope ("100% huyện …:", "a. Cấp tỉnh"): for
   each unit of a coverage scope it asks for one of it (a quota); for the issuer itself it is
   a task. */
static bool implicit_item(imp_ctx *c, imp_para *P) {
  if (!P->label.style || !P->section || P->label.style < IMP_L_DASH) return false;
  /* not the duties of bodies ("IV. TỔ CHỨC THỰC HIỆN / 1. Cấp tỉnh / - Giao Ban …") */
  if (context_has(c, P->section, "tổ chức thực hiện") || context_has(c, P->section, "trách nhiệm") ||
      context_has(c, P->section, "nhiệm vụ") || context_has(c, P->section, "phân công"))
    return false;
  danvan_entity *parent = danvan_entity_parent(P->section);
  const char *h = heading(parent);
  if (!h) return false;
  imp_str x;
  if (!dvi_imp_str(c, &x, h, strlen(h))) return false;
  const imp_str *t = &P->body;
  if (t->kn < 8) return false;
  selector sel;
  memset(&sel, 0, sizeof sel);
  if (dvi_imp_starts(&x, "cấp tỉnh") && first_issuer(c)) {
    danvan_entity *task = new_task(c, c->doc, trim_end_punct(c, t->s), NULL, P->l1, P->l2);
    if (!task) return false;
    dvi_imp_set(c, task, DANVAN_F_LEAD, danvan_entity_id(first_issuer(c)));
    P->placed = true;
    return true;
  }
  if (!selector_of(c, &x, 0, x.kn, &sel) || !sel.cov_den) return false;
  /* what is asked: a counting noun in the item ("mô hình …"), or the item itself */
  qty q;
  memset(&q, 0, sizeof q);
  q.coef = 1;
  q.bound = 1;
  for (size_t p = 0; p < t->kn && p < 80 && !q.u; p++) {
    if (t->k[p] == ' ' || !dvi_imp_is_word_start(t->k, p)) continue;
    const unit_def *u = unit_at(t, p);
    if (u && (strcmp(u->unit, "model") == 0 || strcmp(u->unit, "work") == 0 || strcmp(u->unit, "activity") == 0)) {
      q.u = u;
      q.k1 = q.uk1 = p;
      q.uk2 = p + strlen(u->key);
    }
  }
  if (!q.u) {
    static const unit_def ACT = {"hoạt động", "activity"};
    q.u = &ACT;
    q.k1 = q.uk1 = q.uk2 = 0;
    danvan_entity *quota = dvi_imp_add(c, c->doc, DANVAN_KIND_QUOTA, NULL, P->l1, P->l2);
    const char *name = trim_end_punct(c, t->s);
    danvan_entity *m = name ? quota_metric(c, name, NULL, "activity", P->l1) : NULL;
    if (!quota || !m) return false;
    dvi_imp_set(c, quota, DANVAN_F_ID, new_id(c, "q", name, 4));
    dvi_imp_set(c, quota, DANVAN_F_METRIC, danvan_entity_id(m));
    dvi_imp_set_dec(c, quota, DANVAN_F_MIN, 1, 0);
    dvi_imp_set(c, quota, DANVAN_F_MODE, "each");
    dvi_imp_set_dec(c, quota, DANVAN_F_COVERAGE, sel.cov_num * 10000 / sel.cov_den, 4);
    dvi_imp_set(c, quota, DANVAN_F_TITLE, name);
    set_selector(c, quota, &sel, P->l1);
    P->placed = true;
    return true;
  }
  make_quota(c, P, t, &q, &sel);
  return true;
}

/* ---- events -------------------------------------------------------------------------------- */
static bool event_in(imp_ctx *c, imp_para *P, size_t pi) {
  const imp_str *t = &P->body;
  int32_t minutes;
  size_t k1, k2;
  if (!dvi_imp_time_next(t, 0, t->kn, &minutes, &k1, &k2)) return false;
  imp_date d;
  if (!dvi_imp_date_next(t, k2, t->kn, &d) && !dvi_imp_date_next(t, 0, t->kn, &d)) return false;
  int32_t date = dvi_imp_date_value(&d, c->year ? c->year : c->start / 10000);
  if (!date || !d.d) return false;
  const char *kind = "meeting";
  if (dvi_imp_has(t, "ra quân")) kind = "launch";
  else if (dvi_imp_has(t, "tổng kết") || dvi_imp_has(t, "sơ kết")) kind = "review";
  else if (dvi_imp_has(t, "lễ")) kind = "ceremony";
  else if (!dvi_imp_has(t, "hội nghị") && !dvi_imp_has(t, "họp") && !dvi_imp_has(t, "giao ban")) return false;
  int64_t at;
  if (danvan_datetime_from_parts(&at, date, minutes) != DANVAN_OK) return false;
  danvan_entity *e = dvi_imp_add(c, c->doc, DANVAN_KIND_EVENT, NULL, P->l1, P->l2);
  if (!e) return false;
  dvi_imp_set(c, e, DANVAN_F_ID, new_id(c, "e", kind, 1));
  dvi_imp_set(c, e, DANVAN_F_KIND, kind);
  danvan_entity_set_time(e, DANVAN_F_AT, at);
  dvi_imp_set(c, e, DANVAN_F_TITLE, trim_end_punct(c, t->s));
  /* the place: "tại X" here, or "điểm ra quân: ấp Cầu" in the paragraphs after it */
  size_t tai = dvi_imp_find_word(t, 0, "tại");
  const imp_str *pt = NULL;
  size_t pa = 0;
  if (tai != IMP_NPOS) {
    pt = t;
    pa = dvi_imp_skip_space(t, tai + strlen("tại"));
  } else {
    for (size_t j = pi + 1; j < c->nparas && j < pi + 4; j++) {
      imp_para *Q = &c->paras[j];
      if (dvi_imp_has(&Q->body, "điểm") || dvi_imp_has(&Q->body, "địa điểm")) {
        size_t colon = dvi_imp_find(&Q->body, 0, ":");
        if (colon != IMP_NPOS) {
          pt = &Q->body;
          pa = dvi_imp_skip_space(&Q->body, colon + 1);
          Q->placed = true;
          dvi_imp_set_lines(c, e, P->l1, Q->l2);
        }
        break;
      }
    }
  }
  if (pt) {
    const char *place = trim_end_punct(c, dvi_imp_text(c, pt, pa, pt->kn));
    if (place && place[0]) dvi_imp_set(c, e, DANVAN_F_PLACE, place);
    size_t ll;
    if (dvi_imp_level_word(pt, pa, &ll)) {
      size_t pe = pa;
      while (pe < pt->kn && !strchr("(,;.", pt->k[pe])) pe++;
      danvan_entity *loc = dvi_imp_locality(c, pt, pa, pe, P->l1);
      if (loc) dvi_imp_set(c, e, DANVAN_F_LOCALITY, danvan_entity_id(loc));
    }
  }
  P->placed = true;
  return true;
}

/* ---- members ------------------------------------------------------------------------------- */
static bool member_in(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  size_t a = 0;
  if (dvi_imp_starts(t, "đồng chí")) a = strlen("đồng chí");
  else if (dvi_imp_starts(t, "đ/c")) a = strlen("đ/c");
  else return false;
  a = dvi_imp_skip_space(t, a);
  /* the name ends at " - ", "–", "," */
  size_t e = a;
  while (e < t->kn && t->k[e] != '-' && t->k[e] != ',' && t->k[e] != ':' && t->k[e] != '(') e++;
  size_t ne = e;
  while (ne > a && t->k[ne - 1] == ' ') ne--;
  if (!dvi_imp_is_person_name(t, a, ne)) return false;
  const char *name = dvi_imp_text(c, t, a, ne);
  /* the body: the issuer when it is a steering committee, or the org in the headings */
  danvan_entity *org = NULL;
  for (size_t i = 0; i < c->nissuers && !org; i++) {
    const char *k = NULL;
    danvan_entity_get_string(&k, c->issuers[i], DANVAN_F_KIND);
    if (k && strcmp(k, "steering-committee") == 0) org = c->issuers[i];
  }
  if (!org) org = first_issuer(c);
  if (!org) return false;
  danvan_entity *person = dvi_imp_person(c, name, NULL, P->l1);
  if (!person) return false;
  danvan_entity *m = dvi_imp_add(c, org, DANVAN_KIND_MEMBER, NULL, P->l1, P->l2);
  if (!m) return false;
  dvi_imp_set(c, m, DANVAN_F_PERSON, danvan_entity_id(person));
  /* the position: after the name up to what the member does */
  size_t ps = e;
  while (ps < t->kn && (t->k[ps] == '-' || t->k[ps] == ',' || t->k[ps] == ' ' || t->k[ps] == ':')) ps++;
  size_t pe = t->kn;
  static const char *const ENDS[] = {" thành viên ban chỉ đạo", " thành viên bcđ", ", phụ trách", " phụ trách",
                                     " chịu trách nhiệm", " có trách nhiệm", ", theo dõi", " theo dõi",
                                     ". ", ":", NULL};
  for (const char *const *w = ENDS; *w; w++) {
    size_t p = dvi_imp_find(t, ps, *w);
    if (p != IMP_NPOS && p < pe) pe = p;
  }
  const char *position = trim_end_punct(c, dvi_imp_text(c, t, ps, pe));
  if (position && position[0]) dvi_imp_set(c, m, DANVAN_F_POSITION, position);
  /* the role */
  imp_str pk;
  const char *role = "member";
  if (position && dvi_imp_str(c, &pk, position, strlen(position))) {
    size_t tb = dvi_imp_find_word(&pk, 0, "trưởng ban");
    size_t ptb = dvi_imp_find_word(&pk, 0, "phó trưởng ban");
    if (ptb != IMP_NPOS) {
      size_t after = ptb + strlen("phó trưởng ban");
      bool standing = dvi_imp_find_word(&pk, after, "thường trực") != IMP_NPOS ||
                      dvi_imp_find_word(&pk, after, "trực") != IMP_NPOS;
      role = standing ? "standing-deputy" : "deputy";
    } else if (tb != IMP_NPOS) {
      role = "head";
    } else if (dvi_imp_has(&pk, "thư ký")) {
      role = "secretary";
    }
  }
  dvi_imp_set(c, m, DANVAN_F_ROLE, role);
  /* areas: "phụ trách ấp X", "phụ trách xã ấp Cầu" */
  for (size_t p = 0; (p = dvi_imp_find_word(t, p, "phụ trách")) != IMP_NPOS; p++) {
    size_t q = dvi_imp_skip_space(t, p + strlen("phụ trách"));
    size_t ll;
    int lv = dvi_imp_level_word(t, q, &ll);
    if (lv == IMP_LV_COMMUNE) {
      size_t r = dvi_imp_skip_space(t, q + ll);
      if (dvi_imp_level_word(t, r, NULL) == IMP_LV_HAMLET) {
        q = r;
        lv = IMP_LV_HAMLET;
      }
    }
    if (lv != IMP_LV_HAMLET) continue;
    size_t qe = q;
    while (qe < t->kn && !strchr(",;.(", t->k[qe])) qe++;
    danvan_entity *loc = dvi_imp_locality(c, t, q, qe, P->l1);
    if (loc) {
      danvan_entity *area = dvi_imp_add(c, m, DANVAN_KIND_AREA, NULL, 0, 0);
      dvi_imp_set(c, area, DANVAN_F_LOCALITY, danvan_entity_id(loc));
    }
  }
  P->placed = true;
  return true;
}

/* ---- "Giao X (phối hợp với Y) … <task>": lead and partners ---------------------------------- */

static void assignments(imp_ctx *c, imp_para *P) {
  const imp_str *t = &P->body;
  if (!dvi_imp_starts(t, "giao")) return;
  static const char *const VERBS[] = {" tham mưu", " chủ trì", " phối hợp", " tổ chức", " triển khai",
                                      " làm ", " thực hiện", " xây dựng", " tổng hợp", " gửi", " báo cáo",
                                      " có trách nhiệm", " chịu trách nhiệm", " theo dõi",
                                      " đôn đốc", " là ", " phụ trách", NULL};
  size_t a = dvi_imp_skip_space(t, strlen("giao"));
  if (dvi_imp_at_word(t, a, "cho")) a = dvi_imp_skip_space(t, a + strlen("cho"));
  size_t e = t->kn;
  for (const char *const *v = VERBS; *v; v++)
    for (size_t p = a; (p = dvi_imp_find(t, p, *v)) != IMP_NPOS; p++)
      if (p < e && count_words_in(t, a, p) >= 2) {
        e = p;
        break;
      }
  if (count_words_in(t, a, e) > 10) return;
  imp_str who;
  if (!dvi_imp_sub(c, &who, t, a, e) || !dvi_imp_org_kind(&who)) return;
  danvan_entity *lead = dvi_imp_org(c, t, a, e, P->l1);
  if (!lead) return;
  danvan_entity *partner = NULL;
  size_t ph = dvi_imp_find(t, e, "phối hợp với ");
  if (ph != IMP_NPOS) {
    size_t pa = ph + strlen("phối hợp với ");
    size_t pe = t->kn;
    for (const char *const *v = VERBS; *v; v++) {
      size_t p = dvi_imp_find(t, pa, *v);
      if (p != IMP_NPOS && p < pe) pe = p;
    }
    imp_str pw;
    if (dvi_imp_sub(c, &pw, t, pa, pe) && dvi_imp_org_kind(&pw)) partner = dvi_imp_org(c, t, pa, pe, P->l1);
  }
  size_t nt = danvan_entity_child_count(c->doc, DANVAN_KIND_TASK);
  for (size_t i = 0; i < nt; i++) {
    danvan_entity *task = danvan_entity_child(c->doc, DANVAN_KIND_TASK, i);
    const char *title = NULL;
    danvan_entity_get_string(&title, task, DANVAN_F_TITLE);
    if (!title) continue;
    imp_str tk;
    if (!dvi_imp_str(c, &tk, title, strlen(title))) return;
    /* the first six words of the title */
    size_t w = 0, cut = 0;
    for (size_t p = 0; p <= tk.kn; p++)
      if (p == tk.kn || tk.k[p] == ' ') {
        cut = p;
        if (++w == 6) break;
      }
    if (cut < 8) continue;
    char *needle = dvi_arena_alloc(&c->arena, cut + 1);
    if (!needle) return;
    memcpy(needle, tk.k, cut);
    needle[cut] = '\0';
    if (dvi_imp_find(t, e, needle) == IMP_NPOS) continue;
    if (!danvan_entity_has(task, DANVAN_F_LEAD)) dvi_imp_set(c, task, DANVAN_F_LEAD, danvan_entity_id(lead));
    if (partner) dvi_imp_add_ref(c, task, DANVAN_F_PARTNERS, danvan_entity_id(partner));
    P->placed = true;
  }
}

/* Bodies named at the head of a list item or a numbered heading ("- Hội Nông dân xã: …",
   "2. Công an xã: …"): create them so the plan's organisations are all known. */
static void heading_orgs(imp_ctx *c, imp_para *P) {
  if (!P->label.style || !P->section) return;
  heading_org(c, P->section, P->l1);
}

/* "Sau sơ kết …, gửi báo cáo kèm hình ảnh, video clip … về Ban Chỉ đạo" followed by "…
   báo cáo bằng văn bản về Ban Chỉ đạo … trước ngày 29/12/2024": one report, the attachments
   of the first and the deadline of the second. */
static uint32_t first_line(const danvan_entity *e) { return e->line; }

static uint32_t last_line(const danvan_entity *e) {
  const char *v = NULL;
  danvan_entity_get_string(&v, e, DANVAN_F_LINES);
  const char *dash = v ? strchr(v, '-') : NULL;
  return dash ? (uint32_t)strtoul(dash + 1, NULL, 10) : e->line;
}

static void merge_duties(imp_ctx *c) {
  size_t n = danvan_entity_child_count(c->doc, DANVAN_KIND_DUTY);
  for (size_t i = 0; i + 1 < n; i++) {
    danvan_entity *a = danvan_entity_child(c->doc, DANVAN_KIND_DUTY, i);
    const char *fa = NULL, *ta = NULL;
    danvan_entity_get_string(&fa, a, DANVAN_F_FREQUENCY);
    danvan_entity_get_string(&ta, a, DANVAN_F_TO);
    if (!fa || strcmp(fa, "once") != 0 || danvan_entity_has(a, DANVAN_F_DUE_DATE) || !ta) continue;
    if (!danvan_entity_child_count(a, DANVAN_KIND_ATTACHMENT)) continue;
    for (size_t j = i + 1; j < n; j++) {
      danvan_entity *b = danvan_entity_child(c->doc, DANVAN_KIND_DUTY, j);
      const char *fb = NULL, *tb = NULL;
      danvan_entity_get_string(&fb, b, DANVAN_F_FREQUENCY);
      danvan_entity_get_string(&tb, b, DANVAN_F_TO);
      if (first_line(b) > last_line(a) + 12) break;
      if (!fb || strcmp(fb, "once") != 0 || !danvan_entity_has(b, DANVAN_F_DUE_DATE) || !tb ||
          strcmp(ta, tb) != 0)
        continue;
      for (size_t k = 0; k < danvan_entity_child_count(a, DANVAN_KIND_ATTACHMENT); k++) {
        danvan_entity *at = danvan_entity_child(a, DANVAN_KIND_ATTACHMENT, k);
        danvan_entity *nb = dvi_imp_add(c, b, DANVAN_KIND_ATTACHMENT, NULL, 0, 0);
        static const int32_t F[] = {DANVAN_F_KIND, DANVAN_F_HREF, DANVAN_F_MIN_MINUTES, DANVAN_F_MAX_MINUTES,
                                    DANVAN_F_TEXT};
        for (size_t f = 0; f < sizeof F / sizeof F[0] && nb; f++) {
          char *v = NULL;
          int32_t frc = danvan_entity_format(&v, at, F[f]);
          if (frc == DANVAN_ENOMEM) dvi_imp_nomem(c);
          else if (frc == DANVAN_OK && v) dvi_imp_set(c, nb, F[f], v);
          danvan_free(v);
        }
      }
      if (!danvan_entity_has(b, DANVAN_F_VIA) && danvan_entity_has(a, DANVAN_F_VIA)) {
        const char *via = NULL;
        danvan_entity_get_string(&via, a, DANVAN_F_VIA);
        dvi_imp_set(c, b, DANVAN_F_VIA, via);
      }
      const char *t1 = NULL, *t2 = NULL;
      danvan_entity_get_string(&t1, a, DANVAN_F_TITLE);
      danvan_entity_get_string(&t2, b, DANVAN_F_TITLE);
      if (t1 && t2) dvi_imp_set(c, b, DANVAN_F_TITLE, dvi_imp_printf(c, "%s; %s", t1, t2));
      dvi_imp_set_lines(c, b, first_line(a), last_line(b));
      b->line = first_line(a);
      dvi_imp_release_id(c, a);
      danvan_entity_remove(a);
      n--;
      i--;
      break;
    }
  }
}

/* ---- the pass ------------------------------------------------------------------------------ */
static bool in_goals(imp_ctx *c, const imp_para *P) {
  return context_has(c, P->section, "mục đích") || context_has(c, P->section, "yêu cầu") ||
         context_has(c, P->section, "mục tiêu");
}

static void document_id(imp_ctx *c);

void dvi_imp_facts(imp_ctx *c) {
  if (c->doc && c->is_report) document_id(c);
  if (!c->doc || c->is_report) return;
  facts *F = dvi_arena_alloc(&c->arena, sizeof *F);
  if (!F) {
    dvi_imp_nomem(c);
    return;
  }
  size_t first_labelled = c->nparas;
  for (size_t i = 0; i < c->nparas; i++)
    if (c->paras[i].label.style) {
      first_labelled = i;
      break;
    }
  for (size_t i = first_labelled; i < c->nparas && !c->rc; i++) {
    imp_para *P = &c->paras[i];
    if (in_goals(c, P)) continue;
    heading_orgs(c, P);
    if (member_in(c, P)) continue;
    /* reporting duties, sentence by sentence */
    {
      const imp_str *t = &P->body;
      size_t a = 0;
      while (a < t->kn) {
        size_t e = a;
        int depth = 0;
        while (e < t->kn) {
          char ch = t->k[e];
          if (ch == '(') depth++;
          else if (ch == ')' && depth) depth--;
          else if (!depth && (ch == ';' || (ch == '.' && e + 1 < t->kn && t->k[e + 1] == ' ' &&
                                            !(e > 0 && dig(t->k[e - 1])))))
            break;
          e++;
        }
        imp_str s;
        if (dvi_imp_sub(c, &s, t, a, e) && s.n && !duty_sentence(c, P, &s)) deadline_task(c, P, &s);
        a = e + 1;
      }
      if (P->placed) continue;
    }
    if (event_in(c, P, i)) continue;
    size_t skip = listed_models(c, i);
    if (skip) {
      i += skip;
      continue;
    }
    if (P->placed) continue;
    if (totals_in(c, F, P)) continue;
    if (locality_items(c, F, P)) continue;
    if (allocation(c, P)) continue;
    if (ratio_quota(c, P)) continue;
    if (coverage_quota(c, P)) continue;
    if (quotas_in(c, P)) continue;
    if (implicit_item(c, P)) continue;
    activity_task(c, P);
  }
  for (size_t i = first_labelled; i < c->nparas && !c->rc; i++) assignments(c, &c->paras[i]);
  merge_duties(c);
  document_id(c);
}

/* The id of the plan or report: its issuer, year and round ("bcd-tan-phong-2024-2"). */
static void document_id(imp_ctx *c) {
  danvan_entity *doc = c->doc;
  const char *id = c->want_id;
  if (!id) {
    const char *base = first_issuer(c) ? danvan_entity_id(first_issuer(c))
                                       : dvi_imp_slug(c, c->doc_type, strlen(c->doc_type), 0);
    int32_t y = c->year ? c->year : c->start ? c->start / 10000 : c->date ? c->date / 10000 : 0;
    if (y && c->phase) id = dvi_imp_printf(c, "%s-%d-%d", base, y, c->phase);
    else if (y) id = dvi_imp_printf(c, "%s-%d", base, y);
    else id = base;
    if (c->is_report) id = dvi_imp_printf(c, "bc-%s", id);
    else if (c->doc_type && strcmp(c->doc_type, "KH") != 0) id = dvi_imp_printf(c, "%s-%s", dvi_imp_slug(c, c->doc_type, strlen(c->doc_type), 1), id);
  }
  if (id && strcmp(id, danvan_entity_id(doc)) != 0) {
    danvan_entity *other = dvi_find(c->ds, id);
    if (other && other != doc) id = dvi_imp_unique_id(c, id);
    if (id) dvi_imp_set(c, doc, DANVAN_F_ID, id);
  }
}

/* ---- findings for text that looks like a fact but gave none -------------------------------- */
void dvi_imp_unplaced(imp_ctx *c) {
  if (c->is_report) {
    return;
  }
  for (size_t i = 0; i < c->nparas; i++) {
    imp_para *P = &c->paras[i];
    if (P->placed || !P->section) continue;
    const imp_str *t = &P->body;
    imp_money m;
    qty q;
    bool money = dvi_imp_money_next(t, 0, t->kn, &m);
    bool quantity = qty_next(c, t, 0, t->kn, &q) && !inside_quotes(t, q.k1);
    bool report = dvi_imp_has(t, "báo cáo") && (dvi_imp_has(t, "về") || dvi_imp_has(t, "gửi"));
    if (!money && !quantity && !report) continue;
    if (in_goals(c, P)) continue;
    size_t cut = t->n > 120 ? 120 : t->n;
    while (cut < t->n && ((unsigned char)t->s[cut] & 0xC0) == 0x80) cut--;
    dvi_imp_find_add(c, P->l1, DANVAN_IMPORT_INFO, "unplaced",
                     "kept as section text, no %s extracted: \"%.*s%s\"",
                     report ? "reporting duty" : money ? "cost or task" : "quota or task", (int)cut, t->s,
                     cut < t->n ? "…" : "");
  }
}
