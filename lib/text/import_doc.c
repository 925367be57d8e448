/*
 * Text importer, pass 2: the zones of a document (website text, header, type line, title,
 * body, closing), the header fields and issuers, and the closing blocks: signatures,
 * recipients ("Nơi nhận") and trailing website text.
 */
#include <stdlib.h>
#include <string.h>

#include "text/import_internal.h"

/* ---- line predicates ----------------------------------------------------------------------- */
static bool blank(const imp_line *L) { return L->t.n == 0; }

/* Only layout characters: "*", "-----", "___", "===". */
static bool decoration(const imp_str *t) {
  if (!t->n) return false;
  for (size_t i = 0; i < t->n; i++)
    if (!strchr("*-_=~. \xE2\x80\x94\x93", t->s[i])) return false;
  return true;
}

typedef struct doc_type {
  const char *key;
  const char *type;
  bool report;
} doc_type;

static const doc_type TYPES[] = {{"kế hoạch", "KH", false},   {"báo cáo", "BC", true},
                                 {"chương trình", "CTr", false}, {"hướng dẫn", "HD", false},
                                 {"phương án", "PA", false},  {"đề án", "ĐA", false},
                                 {"quy chế", "QC", false},    {NULL, NULL, false}};

/* A type line: "KẾ HOẠCH", "KẾ HOẠCH Triển khai …", "BÁO CÁO". Returns the type and the key
   offset of an inline title (0 when none). */
static const doc_type *type_line(const imp_line *L, size_t *inline_title) {
  imp_label lab;
  if (dvi_imp_label(&L->t, &lab)) return NULL;
  for (const doc_type *d = TYPES; d->key; d++) {
    if (!dvi_imp_starts(&L->t, d->key)) continue;
    size_t kl = strlen(d->key);
    size_t up, lo;
    dvi_imp_case_stats(L->t.s, L->t.map[kl], &up, &lo);
    if (lo || up < 4) return NULL;
    size_t rest = dvi_imp_skip_space(&L->t, kl);
    /* "KẾ HOẠCH:" or "KẾ HOẠCH số" is a sentence, not a type line */
    if (rest < L->t.kn && (L->t.k[rest] == ':' || dvi_imp_at_word(&L->t, rest, "số"))) return NULL;
    *inline_title = rest < L->t.kn ? rest : 0;
    return d;
  }
  return NULL;
}

static const char *const BASIS_VERBS[] = {"thực hiện", "căn cứ", "theo", "trên cơ sở",
                                          "thi hành", "triển khai", "tiếp tục thực hiện",
                                          "nhằm", NULL};
static const char *const DOC_WORDS[] = {"kế hoạch", "nghị quyết", "chỉ thị", "chương trình",
                                        "quyết định", "hướng dẫn", "công văn", "văn bản",
                                        "luật", "nghị định", "thông tư", "kết luận", "quy định",
                                        "thông báo", "đề án", "quy chế", "điều lệ", NULL};

static bool basis_start(const imp_str *t) {
  bool verb = false;
  for (const char *const *v = BASIS_VERBS; *v; v++)
    if (dvi_imp_starts(t, *v)) verb = true;
  if (!verb) return false;
  for (const char *const *w = DOC_WORDS; *w; w++)
    if (dvi_imp_has(t, *w)) return true;
  return false;
}

static bool roman_line(const imp_line *L) {
  imp_label lab;
  return dvi_imp_label(&L->t, &lab) && (lab.style == IMP_L_ROMAN || lab.style == IMP_L_PART);
}

static const char *const MOTTOS[] = {"cộng hòa xã hội chủ nghĩa việt nam",
                                     "độc lập - tự do - hạnh phúc",
                                     "đảng cộng sản việt nam",
                                     "đoàn tncs hồ chí minh",
                                     "đoàn thanh niên cộng sản hồ chí minh",
                                     NULL};

static size_t motto_at(const imp_str *t, size_t from, size_t *len, int *which) {
  size_t best = IMP_NPOS;
  for (int i = 0; MOTTOS[i]; i++) {
    size_t p = dvi_imp_find(t, from, MOTTOS[i]);
    if (p != IMP_NPOS && (best == IMP_NPOS || p < best)) {
      best = p;
      *len = strlen(MOTTOS[i]);
      *which = i;
    }
  }
  return best;
}

/* The position of a place-and-date (", ngày … tháng … năm …"), the date's key range. */
static bool place_date_at(const imp_str *t, imp_date *d) {
  for (size_t p = 0; (p = dvi_imp_find_word(t, p, "ngày")) != IMP_NPOS; p++) {
    if (dvi_imp_date_at(t, p, d) && d->y && dvi_imp_find_word(t, p, "tháng") != IMP_NPOS) return true;
  }
  return false;
}

static bool numline_at(imp_ctx *c, const imp_str *t, size_t *pos, imp_docnum *dn) {
  for (size_t p = 0; (p = dvi_imp_find_word(t, p, "số")) != IMP_NPOS; p++) {
    if (dvi_imp_docnum_at(c, t, p, dn)) {
      *pos = p;
      return true;
    }
  }
  return false;
}

static bool header_like(imp_ctx *c, const imp_line *L) {
  if (blank(L) || decoration(&L->t)) return true;
  if (dvi_imp_is_caps(&L->t)) return true;
  size_t l;
  int w;
  if (motto_at(&L->t, 0, &l, &w) != IMP_NPOS) return true;
  imp_date d;
  if (place_date_at(&L->t, &d)) return true;
  size_t p;
  imp_docnum dn;
  if (dvi_imp_starts(&L->t, "số") && numline_at(c, &L->t, &p, &dn)) return true;
  if (dvi_imp_starts(&L->t, "v/v")) return true;
  /* a date broken over lines: "Biên Hòa, ngày 03 tháng 4" / "năm 2024" */
  if (L->t.kn < 60 && (dvi_imp_starts(&L->t, "năm") || dvi_imp_starts(&L->t, "tháng") ||
                       (dvi_imp_has(&L->t, "ngày") && dvi_imp_has(&L->t, "tháng"))))
    return true;
  return false;
}

/* ---- closing-zone predicates --------------------------------------------------------------- */
typedef struct auth_mark {
  const char *text;
  const char *mark;
} auth_mark;

static const auth_mark AUTH[] = {{"TM.", "TM"},   {"T/M", "TM"},  {"T.M", "TM"}, {"KT.", "KT"},
                                 {"K/T", "KT"},   {"K.T", "KT"},  {"TUQ.", "TUQ"},
                                 {"TƯQ.", "TUQ"}, {"TL.", "TL"},  {"T/L", "TL"}, {"Q.", "Q"},
                                 {NULL, NULL}};

static const auth_mark *authority(const imp_str *t, size_t *len) {
  for (const auth_mark *a = AUTH; a->text; a++) {
    size_t l = strlen(a->text);
    if (t->n > l && memcmp(t->s, a->text, l) == 0) {
      size_t j = l;
      while (j < t->n && t->s[j] == ' ') j++;
      if (j < t->n && dvi_imp_starts_upper(t->s + j, t->n - j)) {
        *len = j;
        return a;
      }
    }
  }
  return NULL;
}

static const char *const POSITIONS[] = {"bí thư",      "chủ tịch",    "trưởng",     "phó",
                                        "giám đốc",    "chỉ huy",     "chính ủy",   "chính trị viên",
                                        "hiệu trưởng", "ủy viên",     "thủ trưởng", "chủ nhiệm",
                                        "tổng biên tập", "tư lệnh",   "kiêm",       NULL};

static bool position_line(const imp_line *L) {
  if (!dvi_imp_is_caps(&L->t)) return false;
  imp_label lab;
  if (dvi_imp_label(&L->t, &lab)) return false;
  for (const char *const *p = POSITIONS; *p; p++)
    if (dvi_imp_has(&L->t, *p)) return true;
  return false;
}

static bool name_line(const imp_line *L, const char **rank, size_t *name_k) {
  *rank = NULL;
  size_t r = dvi_imp_rank_at(&L->t, 0, rank);
  size_t k = r ? dvi_imp_skip_space(&L->t, r) : 0;
  *name_k = k;
  return dvi_imp_is_person_name(&L->t, k, L->t.kn);
}

static const char *const CHROME[] = {"tác giả",       "nguồn tin",      "nguồn:",
                                     "tổng số điểm",  "click để",       "bình luận",
                                     "ý kiến bạn đọc", "chia sẻ",       "tin liên quan",
                                     "các tin khác",  "xem thêm",       "lượt xem",
                                     "in bài",        "bạn đã không sử dụng", "đăng nhập",
                                     "bài viết liên quan", "từ khóa",   "tags:",
                                     "gửi bình luận", "chia sẻ bài",    "lên đầu trang",
                                     "bản quyền",     "copyright",      "thống kê truy cập",
                                     "đang truy cập", "tổng lượt",      "facebook",
                                     "zalo",          "twitter",        "email:",
                                     "điện thoại:",   "địa chỉ:",       "tin mới",
                                     "tin đọc nhiều", "cập nhật",       "ngày đăng",
                                     "đăng ngày",     "đánh giá bài viết", NULL};

static bool chrome_line(const imp_line *L) {
  for (const char *const *w = CHROME; *w; w++)
    if (dvi_imp_at(&L->t, 0, *w)) return true;
  return false;
}

/* A stamp such as "Thứ năm - 12/12/2024 07:14" or "12/12/2024 07:14". */
static bool stamp_line(const imp_line *L) {
  const imp_str *t = &L->t;
  if (t->n > 60) return false;
  size_t p = 0;
  if (dvi_imp_starts(t, "thứ") || dvi_imp_starts(t, "chủ nhật")) p = 1;
  imp_date d;
  int32_t m;
  size_t k1, k2;
  bool date = dvi_imp_date_next(t, 0, t->kn, &d) && d.y;
  bool time = dvi_imp_time_next(t, 0, t->kn, &m, &k1, &k2);
  return (date && (time || p)) || (p && time);
}

/* ---- zones --------------------------------------------------------------------------------- */
static bool header_signal(imp_ctx *c, const imp_line *L) {
  size_t l;
  int w;
  imp_date d;
  size_t p;
  imp_docnum dn;
  return motto_at(&L->t, 0, &l, &w) != IMP_NPOS || place_date_at(&L->t, &d) ||
         (dvi_imp_find_word(&L->t, 0, "số") != IMP_NPOS && numline_at(c, &L->t, &p, &dn));
}

void dvi_imp_zones(imp_ctx *c) {
  size_t n = c->nlines;
  /* the first Roman section bounds where the type line may be */
  size_t first_roman = n;
  for (size_t i = 0; i < n; i++)
    if (roman_line(&c->lines[i])) {
      first_roman = i;
      break;
    }
  /* candidates for the type line; one followed by a header is website text */
  size_t cand = IMP_NPOS;
  for (size_t i = 0; i < first_roman; i++) {
    size_t it;
    if (!type_line(&c->lines[i], &it)) continue;
    size_t next = IMP_NPOS;
    for (size_t j = i + 1; j < first_roman; j++)
      if (type_line(&c->lines[j], &it)) {
        next = j;
        break;
      }
    bool header_between = false;
    if (next != IMP_NPOS)
      for (size_t j = i + 1; j < next; j++)
        if (header_signal(c, &c->lines[j])) header_between = true;
    if (header_between) continue;
    cand = i;
    break;
  }
  c->type_line = cand;
  size_t it = 0;
  const doc_type *dt = cand != IMP_NPOS ? type_line(&c->lines[cand], &it) : NULL;
  c->doc_type = dt ? dt->type : "KH";
  c->is_report = dt && dt->report;
  /* header: header-like lines right above the type line */
  size_t hstart = 0;
  if (cand != IMP_NPOS) {
    size_t i = cand;
    while (i > 0 && header_like(c, &c->lines[i - 1])) i--;
    hstart = i;
    /* a header needs a signal: caps lines alone above a type line may be website titles */
    bool any = false;
    for (size_t j = hstart; j < cand; j++)
      if (header_signal(c, &c->lines[j]) || dvi_imp_is_caps(&c->lines[j].t)) any = true;
    if (!any) hstart = cand;
    for (size_t j = 0; j < hstart; j++) c->lines[j].zone = Z_CHROME;
    for (size_t j = hstart; j < cand; j++) c->lines[j].zone = Z_HEADER;
    c->lines[cand].zone = Z_TYPE;
  }
  /* title */
  size_t after = cand != IMP_NPOS ? cand + 1 : 0;
  if (cand == IMP_NPOS) {
    /* no type line: leading header-like lines are the header; the first other line is the
       title when it is not a basis sentence or a section */
    size_t i = 0;
    while (i < n && header_like(c, &c->lines[i]) && !roman_line(&c->lines[i])) i++;
    bool has_header = false;
    for (size_t j = 0; j < i; j++)
      if (header_signal(c, &c->lines[j])) has_header = true;
    for (size_t j = 0; j < i; j++) c->lines[j].zone = has_header ? Z_HEADER : Z_CHROME;
    after = i;
  }
  if (cand != IMP_NPOS && it) {
    c->title_first = c->title_last = cand;
  } else {
    size_t i = after;
    while (i < n && (blank(&c->lines[i]) || decoration(&c->lines[i].t))) i++;
    if (i < n && !basis_start(&c->lines[i].t) && !roman_line(&c->lines[i]) &&
        !(cand == IMP_NPOS && dvi_imp_label(&c->lines[i].t, &(imp_label){0}))) {
      c->title_first = c->title_last = i;
      c->lines[i].zone = Z_TITLE;
    }
  }
  if (c->title_first != IMP_NPOS) {
    bool caps = dvi_imp_is_caps(&c->lines[c->title_last].t);
    size_t i = c->title_last + 1;
    for (int extra = 0; extra < 3 && i < n; extra++) {
      size_t j = i;
      while (j < n && blank(&c->lines[j])) j++;
      if (j >= n) break;
      const imp_line *L = &c->lines[j];
      imp_label lab;
      if (decoration(&L->t) || basis_start(&L->t) || dvi_imp_label(&L->t, &lab)) break;
      bool cont = dvi_imp_starts_lower(L->t.s, L->t.n) || (caps && dvi_imp_is_caps(&L->t) && j == i);
      if (!cont) break;
      c->title_last = j;
      c->lines[j].zone = Z_TITLE;
      i = j + 1;
    }
    after = c->title_last + 1;
  }
  /* decorations right after the title */
  while (after < n && (blank(&c->lines[after]) || decoration(&c->lines[after].t))) after++;
  c->body_first = after;
  /* closing: Nơi nhận, authority marks, position lines, signer names, website text */
  size_t end = n;
  bool seen_content = false;
  for (size_t i = after; i < n; i++) {
    const imp_line *L = &c->lines[i];
    if (blank(L)) continue;
    size_t al;
    const char *rank;
    size_t nk;
    if (dvi_imp_starts(&L->t, "nơi nhận") || authority(&L->t, &al) ||
        (seen_content && position_line(L)) || (seen_content && name_line(L, &rank, &nk)) ||
        chrome_line(L)) {
      end = i;
      break;
    }
    seen_content = true;
  }
  c->body_end = end;
  for (size_t i = after; i < end; i++)
    if (c->lines[i].zone == Z_NONE) c->lines[i].zone = Z_BODY;
  for (size_t i = end; i < n; i++) c->lines[i].zone = Z_CLOSING;
}

/* ---- header -------------------------------------------------------------------------------- */
enum { C_TEXT, C_MOTTO, C_NUMBER, C_DATE, C_DECOR, C_VV };

typedef struct cell {
  imp_str t;
  int type;
  int motto;      /* index into MOTTOS */
  uint32_t line;
} cell;

typedef struct cells {
  cell *v;
  size_t n, cap;
} cells;

static bool cell_push(imp_ctx *c, cells *cs, const imp_str *t, int type, int motto, uint32_t line) {
  if (!t->n) return true;
  if (cs->n == cs->cap) {
    size_t nc = cs->cap ? cs->cap * 2 : 32;
    cell *v = dvi_realloc(cs->v, nc * sizeof *v);
    if (!v) return dvi_imp_nomem(c);
    cs->v = v;
    cs->cap = nc;
  }
  cell *x = &cs->v[cs->n++];
  x->t = *t;
  x->type = type;
  x->motto = motto;
  x->line = line;
  return true;
}

/* Split a piece of header text around mottos, numbers and place-dates. */
static void split_piece(imp_ctx *c, cells *cs, const imp_str *t, uint32_t line, int depth) {
  if (!t->n || c->rc) return;
  imp_str a, b, m;
  if (decoration(t)) {
    cell_push(c, cs, t, C_DECOR, 0, line);
    return;
  }
  size_t ml;
  int which;
  size_t mp = motto_at(t, 0, &ml, &which);
  if (mp != IMP_NPOS && depth < 8) {
    if (!dvi_imp_sub(c, &a, t, 0, mp) || !dvi_imp_sub(c, &m, t, mp, mp + ml) ||
        !dvi_imp_sub(c, &b, t, mp + ml, t->kn))
      return;
    split_piece(c, cs, &a, line, depth + 1);
    cell_push(c, cs, &m, C_MOTTO, which, line);
    split_piece(c, cs, &b, line, depth + 1);
    return;
  }
  size_t np;
  imp_docnum dn;
  if (depth < 8 && numline_at(c, t, &np, &dn)) {
    if (!dvi_imp_sub(c, &a, t, 0, np) || !dvi_imp_sub(c, &m, t, np, dn.k2) ||
        !dvi_imp_sub(c, &b, t, dn.k2, t->kn))
      return;
    split_piece(c, cs, &a, line, depth + 1);
    cell_push(c, cs, &m, C_NUMBER, 0, line);
    split_piece(c, cs, &b, line, depth + 1);
    return;
  }
  imp_date d;
  if (depth < 8 && place_date_at(t, &d)) {
    /* the place: the words before ", ngày" that are not in capitals (unless all are) */
    size_t comma = d.k1;
    while (comma > 0 && (t->k[comma - 1] == ' ' || t->k[comma - 1] == ',')) comma--;
    size_t ps = comma;
    bool all_caps = true;
    while (ps > 0) {
      size_t ws = ps;
      while (ws > 0 && t->k[ws - 1] != ' ') ws--;
      imp_str w;
      if (!dvi_imp_sub(c, &w, t, ws, ps)) return;
      bool caps = dvi_imp_is_caps(&w) && !dvi_imp_starts(&w, "tp.");
      if (caps && ps != comma) {
        all_caps = false;
        break;
      }
      if (caps) {
        all_caps = false;
        break;
      }
      ps = ws;
      while (ps > 0 && t->k[ps - 1] == ' ') ps--;
    }
    (void)all_caps;
    if (!dvi_imp_sub(c, &a, t, 0, ps) || !dvi_imp_sub(c, &m, t, ps, d.k2) ||
        !dvi_imp_sub(c, &b, t, d.k2, t->kn))
      return;
    split_piece(c, cs, &a, line, depth + 1);
    cell_push(c, cs, &m, C_DATE, 0, line);
    split_piece(c, cs, &b, line, depth + 1);
    return;
  }
  if (dvi_imp_starts(t, "v/v")) {
    cell_push(c, cs, t, C_VV, 0, line);
    return;
  }
  cell_push(c, cs, t, C_TEXT, 0, line);
}

/* Split a header line into cells at runs of two or more spaces. */
static void split_line(imp_ctx *c, cells *cs, const imp_line *L) {
  const char *s = L->raw;
  size_t n = L->rawn;
  size_t i = 0;
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t a = i, e = i;
    while (i < n) {
      if (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') break;
      i++;
      e = i;
    }
    if (e > a) {
      /* "Số      -KH/BCĐ": a blank number is a gap, not a column break */
      imp_str t;
      if (!dvi_imp_str(c, &t, s + a, e - a)) return;
      bool blank_day = t.kn >= strlen("ngày") && strcmp(t.k + t.kn - strlen("ngày"), "ngày") == 0;
      if (((t.kn <= 4 && (strcmp(t.k, "số") == 0 || strcmp(t.k, "số:") == 0)) || blank_day) && i < n) {
        size_t j = i;
        while (j < n && s[j] == ' ') j++;
        size_t e2 = j;
        while (e2 < n && !(s[e2] == ' ' && e2 + 1 < n && s[e2 + 1] == ' ')) e2++;
        if (e2 > j) {
          const char *joined = dvi_imp_printf(c, "%.*s %.*s", (int)(e - a), s + a, (int)(e2 - j), s + j);
          if (!joined || !dvi_imp_str(c, &t, joined, strlen(joined))) return;
          i = e2;
        }
      }
      split_piece(c, cs, &t, L->no, 0);
    }
  }
}

static danvan_entity *plan_entity(imp_ctx *c) {
  if (c->doc) return c->doc;
  uint32_t l1 = c->lines && c->nlines ? c->lines[0].no : 1;
  uint32_t l2 = c->nlines ? c->lines[c->nlines - 1].no : 1;
  c->doc = dvi_imp_add(c, c->root, c->is_report ? DANVAN_KIND_REPORT : DANVAN_KIND_PLAN,
                       dvi_imp_unique_id(c, "imported"), l1, l2);
  if (c->doc) dvi_imp_set(c, c->doc, DANVAN_F_TYPE, c->doc_type ? c->doc_type : "KH");
  return c->doc;
}

/* The locality phrase at the end of a name ("xã Tân Phong" in "Đảng uỷ xã Tân Phong"). */
static const char *locality_phrase(imp_ctx *c, const char *name) {
  imp_str x;
  if (!name || !dvi_imp_str(c, &x, name, strlen(name))) return NULL;
  for (size_t p = 0; p < x.kn; p++) {
    if (x.k[p] == ' ' || !dvi_imp_is_word_start(x.k, p)) continue;
    size_t l;
    if (!dvi_imp_level_word(&x, p, &l)) continue;
    size_t q = dvi_imp_skip_space(&x, p + l);
    if (q < x.kn && dvi_imp_starts_upper(x.s + x.map[q], x.n - x.map[q])) return dvi_imp_text(c, &x, p, x.kn);
  }
  return NULL;
}

static bool names_locality(imp_ctx *c, const char *name) { return locality_phrase(c, name) != NULL; }

/* Extend the name of an issuer from the header by its locality: from its superior ("Đảng
   uỷ xã Tân Phong" / "Ban Chỉ đạo … quần chúng"), else as the body names it ("… quần chúng
   xã Tân Phong xây dựng kế hoạch"). */
static const char *complete_name(imp_ctx *c, const char *name, const char *superior) {
  imp_str nx;
  if (names_locality(c, name)) return name;
  const char *sl = locality_phrase(c, superior);
  if (sl) return dvi_imp_printf(c, "%s %s", name, sl);
  /* "BAN CHẤP HÀNH TRUNG ƯƠNG / BAN DÂN VẬN": the central body */
  if (superior) {
    imp_str sx;
    if (dvi_imp_str(c, &sx, superior, strlen(superior)) && sx.kn >= strlen("trung ương") &&
        strcmp(sx.k + sx.kn - strlen("trung ương"), "trung ương") == 0)
      return dvi_imp_printf(c, "%s Trung ương", name);
  }
  if (!dvi_imp_str(c, &nx, name, strlen(name))) return name;
  for (size_t i = 0; i < c->nlines; i++) {
    imp_line *L = &c->lines[i];
    if (L->zone != Z_BODY) continue;
    size_t p = dvi_imp_find(&L->t, 0, nx.k);
    if (p == IMP_NPOS) continue;
    size_t q = dvi_imp_skip_space(&L->t, p + nx.kn);
    size_t ll;
    int lv = dvi_imp_level_word(&L->t, q, &ll);
    if (!lv) return name;
    size_t r = dvi_imp_skip_space(&L->t, q + ll);
    /* capitalised words after the level word */
    size_t e = r;
    while (e < L->t.kn) {
      size_t w = e;
      while (w < L->t.kn && L->t.k[w] != ' ' && L->t.k[w] != ',' && L->t.k[w] != '.' &&
             L->t.k[w] != ';')
        w++;
      size_t ta = L->t.map[e];
      if (w == e || !dvi_imp_starts_upper(L->t.s + ta, L->t.map[w] - ta)) break;
      e = w;
      if (e < L->t.kn && L->t.k[e] == ' ') e++;
      else break;
    }
    while (e > r && L->t.k[e - 1] == ' ') e--;
    if (e <= r) return name;
    const char *suffix = dvi_imp_text(c, &L->t, q, e);
    return suffix ? dvi_imp_printf(c, "%s %s", name, suffix) : name;
  }
  return name;
}

void dvi_imp_header(imp_ctx *c) {
  danvan_entity *doc = plan_entity(c);
  if (!doc) return;
  cells cs = {NULL, 0, 0};
  uint32_t hl1 = 0, hl2 = 0;
  for (size_t i = 0; i < c->nlines; i++) {
    if (c->lines[i].zone != Z_HEADER) continue;
    if (!hl1) hl1 = c->lines[i].no;
    hl2 = c->lines[i].no;
    split_line(c, &cs, &c->lines[i]);
  }
  c->header_l1 = hl1;
  c->header_l2 = hl2;
  /* a place and date broken over two lines ("Hà Nội, ngày 03 tháng 4" / "năm 2018") */
  for (size_t i = 0; i + 1 < cs.n && !c->rc; i++) {
    cell *a = &cs.v[i], *b = &cs.v[i + 1];
    if (a->type != C_TEXT || b->type != C_TEXT || dvi_imp_find_word(&a->t, 0, "ngày") == IMP_NPOS) continue;
    const char *joined = dvi_imp_printf(c, "%s %s", a->t.s, b->t.s);
    imp_str j;
    imp_date d;
    if (!joined || !dvi_imp_str(c, &j, joined, strlen(joined)) || !place_date_at(&j, &d)) continue;
    cells tmp = {NULL, 0, 0};
    split_piece(c, &tmp, &j, a->line, 0);
    if (tmp.n == 0) {
      dvi_free(tmp.v);
      continue;
    }
    /* replace a and b by the cells of the joined text */
    size_t need = cs.n - 2 + tmp.n;
    if (need > cs.cap) {
      cell *v = dvi_realloc(cs.v, need * sizeof *v);
      if (!v) {
        dvi_free(tmp.v);
        dvi_imp_nomem(c);
        break;
      }
      cs.v = v;
      cs.cap = need;
    }
    memmove(&cs.v[i + tmp.n], &cs.v[i + 2], (cs.n - i - 2) * sizeof *cs.v);
    memcpy(&cs.v[i], tmp.v, tmp.n * sizeof *cs.v);
    cs.n = need;
    dvi_free(tmp.v);
  }
  /* issuer blocks: runs of text cells; a new name starts at an organisation's head word */
  const char *names[16];
  int block_of[16];
  uint32_t name_line[16];
  size_t nn = 0;
  int block = 0;
  bool union_motto = false, party_motto = false, state_motto = false;
  dvi_buf cur;
  dvi_buf_init(&cur);
  uint32_t cur_line = 0;
  for (size_t i = 0; i <= cs.n; i++) {
    cell *x = i < cs.n ? &cs.v[i] : NULL;
    bool starts_name = false, ends = !x;
    if (x && x->type == C_TEXT) {
      if (!dvi_imp_is_caps(&x->t)) {
        dvi_imp_find_add(c, x->line, DANVAN_IMPORT_INFO, "header",
                         "header text not understood: \"%s\"", x->t.s);
        continue;
      }
      starts_name = cur.len == 0 || dvi_imp_org_kind(&x->t) != NULL;
    }
    if (x && x->type == C_DECOR && x->t.s[0] == '*') ends = true;
    if (x && x->type == C_MOTTO) {
      if (x->motto == 0 || x->motto == 1) state_motto = true;
      else if (x->motto == 2) party_motto = true;
      else union_motto = true;
    }
    if ((starts_name || ends) && cur.len && nn < 16) {
      char *s = dvi_buf_take(&cur);
      if (!s) {
        dvi_imp_nomem(c);
        break;
      }
      names[nn] = dvi_imp_strndup(c, s, strlen(s));
      dvi_free(s);
      block_of[nn] = block;
      name_line[nn] = cur_line;
      nn++;
      dvi_buf_init(&cur);
    }
    if (ends && x) block++;
    if (x && x->type == C_TEXT) {
      if (cur.len) dvi_buf_addc(&cur, ' ');
      else cur_line = x->line;
      dvi_buf_add(&cur, x->t.s, x->t.n);
    }
    if (!x) break;
    if (x->type == C_NUMBER) {
      imp_docnum dn;
      if (dvi_imp_docnum_at(c, &x->t, 0, &dn)) {
        c->number = dn.number;
        c->symbol = dn.symbol;
        c->style = dn.style;
        dvi_imp_set(c, doc, DANVAN_F_NUMBER, dn.number);
        dvi_imp_set(c, doc, DANVAN_F_SYMBOL, dn.symbol);
      }
    } else if (x->type == C_DATE) {
      imp_date d;
      if (place_date_at(&x->t, &d)) {
        size_t pe = d.k1;
        while (pe > 0 && (x->t.k[pe - 1] == ' ' || x->t.k[pe - 1] == ',')) pe--;
        const char *place = dvi_imp_text(c, &x->t, 0, pe);
        /* a blank place ("……, ngày") */
        if (place && place[0] && strspn(place, ". _\xE2\x80\xA6") != strlen(place)) {
          c->place = place;
          dvi_imp_set(c, doc, DANVAN_F_PLACE, place);
        }
        int32_t v = 0;
        if (d.m && d.y) danvan_date_from_ymd(&v, d.y, d.m, d.d);
        if (v) {
          c->date = v;
          dvi_imp_set_date(c, doc, DANVAN_F_DATE, v);
        } else {
          dvi_imp_find_add(c, x->line, DANVAN_IMPORT_WARNING, "value",
                           "the document date \"%s\" has no month or is not a date", x->t.s);
        }
      }
    }
  }
  if (cur.failed) dvi_imp_nomem(c);
  dvi_buf_free(&cur);
  dvi_free(cs.v);
  if (c->style && strcmp(c->style, "party") == 0 && union_motto) c->style = "union";
  if (!c->style && (union_motto || party_motto || state_motto))
    c->style = union_motto ? "union" : party_motto ? "party" : "state";
  if (c->symbol && c->style) dvi_imp_set(c, doc, DANVAN_F_STYLE, c->style);
  /* issuers: the last name of each block; the names above it are its superiors */
  danvan_entity *prev = NULL;
  for (size_t i = 0; i < nn && c->nissuers < IMP_MAX_ISSUERS; i++) {
    bool last_of_block = i + 1 == nn || block_of[i + 1] != block_of[i];
    const char *uc = dvi_imp_uncaps(c, names[i], strlen(names[i]));
    if (!uc) break;
    bool school = false;
    {
      imp_str ux;
      school = dvi_imp_str(c, &ux, uc, strlen(uc)) && dvi_imp_starts(&ux, "trường");
    }
    if (school) {
      /* a school has its own name */
    } else if (last_of_block && prev) {
      const char *pn = NULL;
      danvan_entity_get_string(&pn, prev, DANVAN_F_NAME);
      uc = complete_name(c, uc, pn);
    } else if (last_of_block) {
      uc = complete_name(c, uc, NULL);
    }
    imp_str nx;
    if (!dvi_imp_str(c, &nx, uc, strlen(uc))) break;
    danvan_entity *o = dvi_imp_org_any(c, &nx, 0, nx.kn, name_line[i]);
    if (!o) continue;
    if (!c->home) {
      danvan_entity *loc = NULL;
      if (danvan_entity_resolve(&loc, o, DANVAN_F_LOCALITY, 0) == DANVAN_OK) c->home = loc;
    }
    if (prev && prev != o && !danvan_entity_has(o, DANVAN_F_PARENT))
      dvi_imp_set(c, o, DANVAN_F_PARENT, danvan_entity_id(prev));
    if (last_of_block) {
      if (!danvan_entity_has(o, DANVAN_F_LOCALITY) && prev) {
        const char *pl = NULL;
        danvan_entity_get_string(&pl, prev, DANVAN_F_LOCALITY);
        if (pl) dvi_imp_set(c, o, DANVAN_F_LOCALITY, pl);
      }
      c->issuers[c->nissuers++] = o;
      if (c->nissuers == 1 && prev) c->superior = prev;
      prev = NULL;
    } else {
      prev = o;
    }
  }
  /* abbreviation of the issuer from the symbol: KH/BCĐ -> BCĐ, KH-UBND -> UBND */
  if (c->nissuers && c->symbol && !danvan_entity_has(c->issuers[0], DANVAN_F_ABBR)) {
    const char *sym = c->symbol;
    const char *a = c->style && strcmp(c->style, "state") == 0 ? strchr(sym, '-') : strchr(sym, '/');
    if (a) {
      a++;
      size_t l = strcspn(a, "-/");
      if (l) dvi_imp_setn(c, c->issuers[0], DANVAN_F_ABBR, a, l);
    }
  }
  /* title */
  if (c->title_first != IMP_NPOS) {
    dvi_buf b;
    dvi_buf_init(&b);
    uint32_t l1 = c->lines[c->title_first].no, l2 = c->lines[c->title_last].no;
    for (size_t i = c->title_first; i <= c->title_last; i++) {
      const imp_str *t = &c->lines[i].t;
      size_t from = 0;
      if (i == c->type_line) {
        size_t it = 0;
        type_line(&c->lines[i], &it);
        from = t->map[it];
      }
      if (blank(&c->lines[i])) continue;
      if (b.len) dvi_buf_addc(&b, ' ');
      dvi_buf_add(&b, t->s + from, t->n - from);
    }
    char *title = dvi_buf_take(&b);
    if (!title) {
      dvi_imp_nomem(c);
      return;
    }
    c->title = dvi_imp_strndup(c, title, strlen(title));
    dvi_free(title);
    if (c->title && dvi_imp_is_caps(&c->lines[c->title_first].t)) {
      /* a title in capitals keeps its capitals: it is text, not a name */
    }
    dvi_imp_set(c, doc, DANVAN_F_TITLE, c->title);
    (void)l1;
    (void)l2;
  }
  /* the document's lines: header (or type line) to the end */
  size_t first = IMP_NPOS;
  for (size_t i = 0; i < c->nlines && first == IMP_NPOS; i++)
    if (c->lines[i].zone != Z_CHROME && c->lines[i].zone != Z_NONE && !blank(&c->lines[i])) first = i;
  if (first != IMP_NPOS) {
    doc->line = c->lines[first].no;
    size_t last = c->nlines;
    while (last > first && (blank(&c->lines[last - 1]) || c->lines[last - 1].zone == Z_TRAILER)) last--;
    dvi_imp_set_lines(c, doc, c->lines[first].no, c->lines[last - 1].no);
  }
}

/* ---- closing: signatures, recipients, trailing text ---------------------------------------- */
typedef struct sig {
  const char *mark;
  const char *body;      /* "BAN THƯỜNG VỤ TỈNH ĐOÀN" after the mark */
  dvi_buf pos;           /* position lines */
  danvan_entity *person;
  const char *rank;
  uint32_t l1, l2;
  bool open;
} sig;

static void recipient(imp_ctx *c, const imp_str *t, uint32_t line) {
  danvan_entity *doc = c->doc;
  if (!doc) return;
  if (c->is_report) {
    /* a report has no recipients in the model: keep the line as a note */
    danvan_entity *note = dvi_imp_add(c, doc, DANVAN_KIND_NOTE, NULL, line, line);
    dvi_imp_set(c, note, DANVAN_F_TEXT, dvi_imp_printf(c, "Nơi nhận: %s", t->s));
    return;
  }
  size_t a = 0, b = t->kn;
  /* strip the bullet and the trailing punctuation */
  imp_label lab;
  if (dvi_imp_label(t, &lab) && lab.style >= IMP_L_DASH) {
    size_t k = 0;
    while (k < t->kn && t->map[k] < lab.len) k++;
    a = k;
  }
  while (b > a && strchr(",;. ", t->k[b - 1])) b--;
  if (b <= a) return;
  imp_str r;
  if (!dvi_imp_sub(c, &r, t, a, b)) return;
  const char *purpose = "implement";
  size_t tag_at = IMP_NPOS;
  static const struct {
    const char *tag, *purpose;
  } TAGS[] = {{"(b/c)", "report"},     {"(để b/c)", "report"},  {"(báo cáo)", "report"},
              {"(để báo cáo)", "report"}, {"(t/h)", "implement"}, {"(thực hiện)", "implement"},
              {"(để thực hiện)", "implement"}, {"(p/h)", "coordinate"}, {"(phối hợp)", "coordinate"},
              {"(để phối hợp)", "coordinate"}, {"(để biết)", "info"}, {"(biết)", "info"},
              {"(để b/c)", "report"}, {NULL, NULL}};
  for (int i = 0; TAGS[i].tag; i++) {
    size_t p = dvi_imp_find(&r, 0, TAGS[i].tag);
    if (p != IMP_NPOS) {
      purpose = TAGS[i].purpose;
      tag_at = p;
      break;
    }
  }
  if (dvi_imp_starts(&r, "lưu")) purpose = "archive";
  else if (dvi_imp_starts(&r, "như trên")) purpose = "implement";
  else if (tag_at == IMP_NPOS) {
    /* a higher body is informed; the others carry the plan out */
    int lv = IMP_LV_NONE;
    if (dvi_imp_has(&r, "trung ương") || dvi_imp_has(&r, "tw") || dvi_imp_has(&r, "twđ") ||
        dvi_imp_has(&r, "twd") || dvi_imp_has(&r, "quân khu"))
      lv = IMP_LV_CENTRAL;
    else if (dvi_imp_has(&r, "tỉnh ủy") || dvi_imp_has(&r, "tu") || dvi_imp_has(&r, "tỉnh"))
      lv = IMP_LV_PROVINCE;
    else if (dvi_imp_has(&r, "huyện ủy") || dvi_imp_has(&r, "huyện") || dvi_imp_has(&r, "hu"))
      lv = IMP_LV_DISTRICT;
    else if (dvi_imp_has(&r, "xã"))
      lv = IMP_LV_COMMUNE;
    int home = c->home_level;
    bool lower_units = dvi_imp_starts(&r, "các") || dvi_imp_has(&r, "thành viên") ||
                       dvi_imp_has(&r, "trực thuộc") || dvi_imp_has(&r, "đtt");
    const char *ik = NULL;
    if (c->nissuers) danvan_entity_get_string(&ik, c->issuers[0], DANVAN_F_KIND);
    bool interagency = ik && strcmp(ik, "steering-committee") == 0;
    /* copies to higher bodies and to other bodies of the same level are "để báo cáo" */
    if (lv && home && lv > home && !lower_units) purpose = "report";
    else if (lv && home && lv == home && !lower_units && !interagency) {
      /* a body of the same level: the issuer and its own units carry the plan out, the
         others are informed */
      bool own = dvi_imp_has(&r, "btv") || dvi_imp_has(&r, "ban thường vụ tỉnh đoàn") ||
                 dvi_imp_has(&r, "ban thường vụ huyện đoàn") || dvi_imp_starts(&r, "phòng");
      danvan_entity *o = dvi_imp_org_find(c, &r, 0, tag_at == IMP_NPOS ? r.kn : tag_at);
      for (size_t i = 0; i < c->nissuers; i++)
        if (o == c->issuers[i]) own = true;
      purpose = own ? "implement" : "report";
    }
  }
  danvan_entity *e = dvi_imp_add(c, doc, DANVAN_KIND_RECIPIENT, NULL, line, line);
  if (!e) return;
  dvi_imp_set(c, e, DANVAN_F_PURPOSE, purpose);
  dvi_imp_set(c, e, DANVAN_F_TEXT, r.s);
  if (strcmp(purpose, "archive") == 0) {
    size_t a2 = dvi_imp_skip_space(&r, strlen("lưu"));
    while (a2 < r.kn && (r.k[a2] == ':' || r.k[a2] == ' ')) a2++;
    size_t e2 = a2;
    while (e2 < r.kn && !strchr(",;.", r.k[e2])) e2++;
    danvan_entity *o = e2 > a2 ? dvi_imp_org_find(c, &r, a2, e2) : NULL;
    if (o) dvi_imp_set(c, e, DANVAN_F_ORG, danvan_entity_id(o));
  } else if (!dvi_imp_starts(&r, "như trên")) {
    size_t end = tag_at != IMP_NPOS ? tag_at : r.kn;
    /* one body (not a list such as "MTTQ và các tổ chức …", "Huyện, thị, thành Đoàn") */
    bool list = dvi_imp_find(&r, 0, ",") < end || dvi_imp_find_word(&r, 0, "và") < end ||
                dvi_imp_starts(&r, "các");
    danvan_entity *o = list ? NULL : dvi_imp_org(c, &r, 0, end, line);
    if (o) dvi_imp_set(c, e, DANVAN_F_ORG, danvan_entity_id(o));
  }
}

static void finish_sig(imp_ctx *c, sig *s, size_t *nsig_done, danvan_entity **sig_for) {
  if (!s->l1) return;
  danvan_entity *doc = c->doc;
  danvan_entity *e = dvi_imp_add(c, doc, DANVAN_KIND_SIGNATURE, NULL, s->l1, s->l2);
  if (e) {
    if (s->person) dvi_imp_set(c, e, DANVAN_F_PERSON, danvan_entity_id(s->person));
    char *pos = dvi_buf_take(&s->pos);
    if (!pos) dvi_imp_nomem(c);
    if (pos && pos[0]) {
      const char *p = dvi_imp_uncaps(c, pos, strlen(pos));
      dvi_imp_set(c, e, DANVAN_F_POSITION, p);
    }
    dvi_free(pos);
    dvi_imp_set(c, e, DANVAN_F_AUTHORITY, s->mark ? s->mark : "");
    danvan_entity *org = NULL;
    if (s->body && s->mark && strcmp(s->mark, "TM") == 0) {
      imp_str b;
      const char *name = dvi_imp_uncaps(c, s->body, strlen(s->body));
      if (name && dvi_imp_str(c, &b, name, strlen(name))) org = dvi_imp_org_any(c, &b, 0, b.kn, s->l1);
    }
    if (!org && sig_for && *nsig_done < IMP_MAX_ISSUERS + 8) org = sig_for[*nsig_done];
    if (org) dvi_imp_set(c, e, DANVAN_F_FOR, danvan_entity_id(org));
  } else {
    dvi_buf_free(&s->pos);
  }
  (*nsig_done)++;
  memset(s, 0, sizeof *s);
  dvi_buf_init(&s->pos);
}

/* The closing lines cut at runs of two or more spaces: a flattened two-column closing
   ("Nơi nhận:            TM. ỦY BAN NHÂN DÂN") gives one cell per column. */
static imp_line *closing_cells(imp_ctx *c, size_t start, size_t *ncells, size_t **orig) {
  size_t cap = 16, n = 0;
  imp_line *v = dvi_malloc(cap * sizeof *v);
  size_t *o = dvi_malloc(cap * sizeof *o);
  if (!v || !o) {
    dvi_free(v);
    dvi_free(o);
    dvi_imp_nomem(c);
    return NULL;
  }
  for (size_t li = start; li < c->nlines; li++) {
    const imp_line *L = &c->lines[li];
    const char *s = L->raw;
    size_t rn = L->rawn, i = 0;
    bool any = false;
    while (i <= rn) {
      while (i < rn && s[i] == ' ') i++;
      size_t a = i;
      while (i < rn && !(s[i] == ' ' && i + 1 < rn && s[i + 1] == ' ')) i++;
      if (i == a && any) break;
      if (n == cap) {
        cap *= 2;
        imp_line *nv = dvi_realloc(v, cap * sizeof *v);
        size_t *no = dvi_realloc(o, cap * sizeof *o);
        if (nv) v = nv;
        if (no) o = no;
        if (!nv || !no) {
          dvi_free(v);
          dvi_free(o);
          dvi_imp_nomem(c);
          return NULL;
        }
      }
      v[n] = *L;
      if (!dvi_imp_str(c, &v[n].t, s + a, i - a)) {
        dvi_free(v);
        dvi_free(o);
        return NULL;
      }
      o[n++] = li;
      any = true;
      if (i >= rn) break;
    }
  }
  *ncells = n;
  *orig = o;
  return v;
}

void dvi_imp_closing(imp_ctx *c) {
  if (!c->doc) return;
  size_t start = c->body_end == IMP_NPOS ? c->nlines : c->body_end;
  size_t n = 0, *orig = NULL;
  imp_line *cl = closing_cells(c, start, &n, &orig);
  if (!cl) return;
  imp_line *lines_all = c->lines;
  (void)lines_all;
  /* the order in which signatures are assigned to issuers: a signer with a military rank
     signs for the military command */
  danvan_entity *sig_for[IMP_MAX_ISSUERS + 8];
  memset(sig_for, 0, sizeof sig_for);
  size_t nsig_expected = 0;
  for (size_t i = 0; i < n; i++) {
    const char *rank;
    size_t nk;
    if (name_line(&cl[i], &rank, &nk)) nsig_expected++;
  }
  {
    bool used[IMP_MAX_ISSUERS] = {false};
    size_t k = 0;
    for (size_t i = 0; i < n && k < IMP_MAX_ISSUERS + 8; i++) {
      const char *rank;
      size_t nk;
      if (!name_line(&cl[i], &rank, &nk)) continue;
      danvan_entity *pick = NULL;
      for (size_t j = 0; j < c->nissuers && !pick; j++) {
        const char *kind = NULL;
        danvan_entity_get_string(&kind, c->issuers[j], DANVAN_F_KIND);
        bool mil = kind && strcmp(kind, "military-command") == 0;
        if (!used[j] && (rank ? mil : !mil)) {
          pick = c->issuers[j];
          used[j] = true;
        }
      }
      for (size_t j = 0; j < c->nissuers && !pick; j++)
        if (!used[j]) {
          pick = c->issuers[j];
          used[j] = true;
        }
      if (!pick && c->nissuers == 1) pick = c->issuers[0];
      sig_for[k++] = pick;
    }
  }
  (void)nsig_expected;
  sig s;
  memset(&s, 0, sizeof s);
  dvi_buf_init(&s.pos);
  size_t nsig = 0;
  bool in_recipients = false, chrome = false, after_name = false;
  danvan_entity *closing_section = NULL;
  for (size_t i = 0; i < n && !c->rc; i++) {
    imp_line *L = &cl[i];
    if (blank(L) || decoration(&L->t)) continue;
    size_t al;
    const auth_mark *am;
    const char *rank;
    size_t nk;
    if (chrome || chrome_line(L) || (after_name && stamp_line(L))) {
      chrome = true;
      c->lines[orig[i]].zone = Z_TRAILER;
      if (c->report_chrome)
        dvi_imp_find_add(c, L->no, DANVAN_IMPORT_INFO, "chrome",
                         "text after the document ignored: \"%s\"", L->t.s);
      continue;
    }
    if (dvi_imp_starts(&L->t, "nơi nhận")) {
      in_recipients = true;
      size_t p = dvi_imp_find(&L->t, 0, ":");
      if (p != IMP_NPOS && dvi_imp_skip_space(&L->t, p + 1) < L->t.kn) {
        imp_str rest;
        if (dvi_imp_sub(c, &rest, &L->t, p + 1, L->t.kn)) recipient(c, &rest, L->no);
      }
      continue;
    }
    if ((am = authority(&L->t, &al)) != NULL) {
      if (s.l1) finish_sig(c, &s, &nsig, sig_for);
      s.mark = am->mark;
      s.body = dvi_imp_strndup(c, L->t.s + al, L->t.n - al);
      s.l1 = s.l2 = L->no;
      s.open = true;
      continue;
    }
    if (position_line(L) || (s.open && dvi_imp_starts(&L->t, "kiêm") && L->t.kn <= 6)) {
      if (!s.open) {
        if (s.l1) finish_sig(c, &s, &nsig, sig_for);
        s.l1 = L->no;
        s.open = true;
      }
      if (s.pos.len) dvi_buf_addc(&s.pos, ' ');
      dvi_buf_add(&s.pos, L->t.s, L->t.n);
      s.l2 = L->no;
      continue;
    }
    if (in_recipients && (dvi_imp_starts(&L->t, "lưu") || dvi_imp_starts(&L->t, "- lưu"))) {
      recipient(c, &L->t, L->no);
      in_recipients = false;
      continue;
    }
    if (name_line(L, &rank, &nk)) {
      const char *name = dvi_imp_text(c, &L->t, nk, L->t.kn);
      const char *rk = rank ? dvi_imp_text(c, &L->t, 0, strlen(rank)) : NULL;
      if (!s.open) {
        if (s.l1) finish_sig(c, &s, &nsig, sig_for);
        s.l1 = L->no;
      }
      s.person = dvi_imp_person(c, name, rk, L->no);
      s.rank = rk;
      s.l2 = L->no;
      finish_sig(c, &s, &nsig, sig_for);
      after_name = true;
      continue;
    }
    imp_label lab;
    bool bullet = dvi_imp_label(&L->t, &lab) && lab.style >= IMP_L_DASH;
    if (in_recipients && (bullet || dvi_imp_starts(&L->t, "lưu") || dvi_imp_starts(&L->t, "như trên") ||
                          strchr(",;.", L->t.s[L->t.n - 1]))) {
      recipient(c, &L->t, L->no);
      if (dvi_imp_starts(&L->t, "lưu") || (bullet && dvi_imp_at(&L->t, lab.len, "lưu")))
        in_recipients = false;
      continue;
    }
    if (after_name && !s.open) {
      /* text after the last signer: website text */
      chrome = true;
      c->lines[orig[i]].zone = Z_TRAILER;
      if (c->report_chrome)
        dvi_imp_find_add(c, L->no, DANVAN_IMPORT_INFO, "chrome",
                         "text after the document ignored: \"%s\"", L->t.s);
      continue;
    }
    /* not placed: keep it as the text of a closing section */
    if (!closing_section) {
      closing_section = dvi_imp_add(c, c->doc, c->is_report ? DANVAN_KIND_NOTE : DANVAN_KIND_SECTION,
                                    NULL, L->no, L->no);
    }
    if (closing_section) {
      if (c->is_report) {
        dvi_imp_set(c, closing_section, DANVAN_F_TEXT, L->t.s);
        closing_section = NULL;
      } else {
        danvan_entity *t = dvi_imp_add(c, closing_section, DANVAN_KIND_TEXT, NULL, L->no, L->no);
        dvi_imp_set(c, t, DANVAN_F_TEXT, L->t.s);
        const char *lines = NULL;
        danvan_entity_get_string(&lines, closing_section, DANVAN_F_LINES);
        uint32_t l1 = lines ? (uint32_t)strtoul(lines, NULL, 10) : L->no;
        dvi_imp_set_lines(c, closing_section, l1, L->no);
      }
    }
    dvi_imp_find_add(c, L->no, DANVAN_IMPORT_INFO, "unplaced",
                     "closing text kept as section text: \"%s\"", L->t.s);
  }
  if (s.l1) finish_sig(c, &s, &nsig, sig_for);
  dvi_buf_free(&s.pos);
  /* the document ends before the website text after it */
  {
    const char *v = NULL;
    danvan_entity_get_string(&v, c->doc, DANVAN_F_LINES);
    uint32_t l1 = v ? (uint32_t)strtoul(v, NULL, 10) : 0;
    size_t last = c->nlines;
    while (last > 0 && (blank(&c->lines[last - 1]) || decoration(&c->lines[last - 1].t) ||
                        c->lines[last - 1].zone == Z_TRAILER))
      last--;
    if (l1 && last) dvi_imp_set_lines(c, c->doc, l1, c->lines[last - 1].no);
  }
  dvi_free(cl);
  dvi_free(orig);
  /* website text before the document */
  if (c->report_chrome)
    for (size_t i = 0; i < c->nlines; i++)
      if (c->lines[i].zone == Z_CHROME && !blank(&c->lines[i]))
        dvi_imp_find_add(c, c->lines[i].no, DANVAN_IMPORT_INFO, "chrome",
                         "text before the document ignored: \"%s\"", c->lines[i].t.s);
}
