/*
 * Text importer, pass 3: the body. Lines become paragraphs, paragraphs become the section
 * tree (labels I, 1, a, (1), -, +), and the opening paragraphs give the basis references and
 * the issuers ("… xây dựng Kế hoạch … như sau:"). Then objectives and requirements, the
 * campaign, its phase and year, and the plan period.
 */
#include <stdlib.h>
#include <string.h>

#include "danvan/vn.h"
#include "text/import_internal.h"

/* ---- paragraphs ---------------------------------------------------------------------------- */
static bool decoration_line(const imp_line *L) {
  if (!L->t.n) return true;
  for (size_t i = 0; i < L->t.n; i++)
    if (!strchr("*-_=~. ", L->t.s[i])) return false;
  return true;
}

static char last_char(const imp_str *t) { return t->n ? t->s[t->n - 1] : 0; }

static bool push_para(imp_ctx *c, size_t *cap, size_t first, size_t last) {
  if (c->nparas == *cap) {
    size_t n = *cap ? *cap * 2 : 64;
    imp_para *p = dvi_realloc(c->paras, n * sizeof *p);
    if (!p) return dvi_imp_nomem(c);
    c->paras = p;
    *cap = n;
  }
  imp_para *P = &c->paras[c->nparas];
  memset(P, 0, sizeof *P);
  P->first = first;
  P->last = last;
  P->l1 = c->lines[first].no;
  P->l2 = c->lines[last].no;
  dvi_buf b;
  dvi_buf_init(&b);
  for (size_t i = first; i <= last; i++) {
    const imp_line *L = &c->lines[i];
    if (!L->t.n) continue;
    if (b.len) dvi_buf_addc(&b, ' ');
    dvi_buf_add(&b, L->t.s, L->t.n);
  }
  char *s = dvi_buf_take(&b);
  if (!s) return dvi_imp_nomem(c);
  bool ok = dvi_imp_str(c, &P->t, s, strlen(s));
  dvi_free(s);
  if (!ok) return false;
  if (dvi_imp_label(&P->t, &P->label)) {
    size_t k = 0;
    while (k < P->t.kn && P->t.map[k] < P->label.len) k++;
    if (!dvi_imp_sub(c, &P->body, &P->t, k, P->t.kn)) return false;
  } else {
    P->body = P->t;
  }
  c->nparas++;
  return true;
}

static bool basis_verb(const imp_str *t) {
  static const char *const V[] = {"thực hiện", "căn cứ", "theo", "trên cơ sở", "thi hành", NULL};
  for (const char *const *v = V; *v; v++)
    if (dvi_imp_starts(t, *v)) return true;
  return false;
}

static void make_paragraphs(imp_ctx *c) {
  size_t cap = 0;
  size_t start = IMP_NPOS, last = IMP_NPOS;
  if (c->body_first == IMP_NPOS) return;
  for (size_t i = c->body_first; i < c->body_end && !c->rc; i++) {
    const imp_line *L = &c->lines[i];
    if (decoration_line(L)) continue;
    imp_label lab;
    bool labelled = dvi_imp_label(&L->t, &lab);
    bool cont = false;
    if (start != IMP_NPOS && !labelled && !basis_verb(&L->t)) {
      const imp_str *prev = &c->lines[last].t;
      char lc = last_char(prev);
      if (dvi_imp_starts_lower(L->t.s, L->t.n) && lc != ':' && lc != '.') cont = true;
      if (lc == ',') cont = true;
    }
    if (cont) {
      last = i;
      continue;
    }
    if (start != IMP_NPOS && !push_para(c, &cap, start, last)) return;
    start = last = i;
  }
  if (start != IMP_NPOS) push_para(c, &cap, start, last);
}

/* ---- sections ------------------------------------------------------------------------------ */
typedef struct frame {
  int style, depth;
  danvan_entity *e;
  bool colon; /* the labelled line ended with ':' */
} frame;

static bool bullet_style(int s) { return s == IMP_L_DASH || s == IMP_L_PLUS || s == IMP_L_BULLET; }

static size_t count_words(const imp_str *t, size_t k1, size_t k2) {
  size_t w = 0;
  for (size_t i = k1; i < k2; i++)
    if (t->k[i] != ' ' && (i == k1 || t->k[i - 1] == ' ')) w++;
  return w;
}

/* Update the lines of a section and its ancestors to cover l2. */
static void extend_lines(imp_ctx *c, danvan_entity *e, uint32_t l2) {
  for (; e && danvan_entity_kind(e) == DANVAN_KIND_SECTION; e = danvan_entity_parent(e)) {
    const char *v = NULL;
    danvan_entity_get_string(&v, e, DANVAN_F_LINES);
    uint32_t a = v ? (uint32_t)strtoul(v, NULL, 10) : l2;
    const char *dash = v ? strchr(v, '-') : NULL;
    uint32_t b = dash ? (uint32_t)strtoul(dash + 1, NULL, 10) : 0;
    if (b >= l2) continue;
    dvi_imp_set_lines(c, e, a, l2);
  }
}

static danvan_entity *add_text(imp_ctx *c, danvan_entity *sec, const char *s, uint32_t l1, uint32_t l2) {
  danvan_entity *t = dvi_imp_add(c, sec, DANVAN_KIND_TEXT, NULL, l1, l2);
  dvi_imp_set(c, t, DANVAN_F_TEXT, s);
  extend_lines(c, sec, l2);
  return t;
}

/* Heading and text of a labelled paragraph. */
static void split_heading(imp_ctx *c, const imp_para *P, const char **heading, const char **text) {
  const imp_str *b = &P->body;
  *heading = *text = NULL;
  bool bullet = bullet_style(P->label.style);
  size_t words = count_words(b, 0, b->kn);
  char lc = last_char(b);
  bool sentence_inside = false;
  for (size_t i = 0; i + 1 < b->kn; i++)
    if ((b->k[i] == '.' || b->k[i] == ';') && b->k[i + 1] == ' ') sentence_inside = true;
  if (!bullet && (words <= 16 || dvi_imp_is_caps(b)) && b->n <= 160 && !sentence_inside) {
    size_t n = b->n;
    if (lc == ':') n--;
    *heading = dvi_imp_strndup(c, b->s, n);
    return;
  }
  size_t colon = dvi_imp_find(b, 0, ":");
  size_t limit = bullet ? 10 : 14;
  if (colon != IMP_NPOS && colon > 0) {
    size_t semi = dvi_imp_find(b, 0, ";");
    size_t w = count_words(b, 0, colon);
    bool quoted = false;
    for (size_t i = 0; i < colon; i++)
      if (b->k[i] == '"') quoted = !quoted;
    if (w <= limit && (semi == IMP_NPOS || semi > colon) && !quoted &&
        dvi_imp_find_word_before(b, 0, colon, "email") == IMP_NPOS && !(colon > 0 && b->k[colon - 1] >= '0' && b->k[colon - 1] <= '9')) {
      *heading = dvi_imp_text(c, b, 0, colon);
      size_t r = dvi_imp_skip_space(b, colon + 1);
      if (r < b->kn) *text = dvi_imp_text(c, b, r, b->kn);
      return;
    }
  }
  if (bullet && lc == ':' && words <= 12) {
    *heading = dvi_imp_strndup(c, b->s, b->n - 1);
    return;
  }
  *text = b->s;
}

static void build_sections(imp_ctx *c) {
  danvan_entity *doc = c->doc;
  frame stack[32];
  size_t depth = 0;
  danvan_entity *preamble = NULL, *closing = NULL;
  bool any_label = false;
  for (size_t i = 0; i < c->nparas && !c->rc; i++) {
    imp_para *P = &c->paras[i];
    if (c->is_report) {
      danvan_entity *n = dvi_imp_add(c, doc, DANVAN_KIND_NOTE, NULL, P->l1, P->l2);
      dvi_imp_set(c, n, DANVAN_F_TEXT, P->t.s);
      continue;
    }
    if (!P->label.style) {
      /* the closing formula after the sections */
      if (any_label && !closing &&
          (dvi_imp_starts(&P->t, "trên đây là") || dvi_imp_starts(&P->t, "trên đây") ||
           dvi_imp_starts(&P->t, "nhận được kế hoạch"))) {
        closing = dvi_imp_add(c, doc, DANVAN_KIND_SECTION, NULL, P->l1, P->l2);
      }
      if (closing) {
        add_text(c, closing, P->t.s, P->l1, P->l2);
        P->section = closing;
        continue;
      }
      if (!depth) {
        if (!preamble) preamble = dvi_imp_add(c, doc, DANVAN_KIND_SECTION, NULL, P->l1, P->l2);
        add_text(c, preamble, P->t.s, P->l1, P->l2);
        P->section = preamble;
        continue;
      }
      /* text after a list item belongs to the section above the list */
      while (depth > 1 && bullet_style(stack[depth - 1].style) && !stack[depth - 1].colon) depth--;
      add_text(c, stack[depth - 1].e, P->t.s, P->l1, P->l2);
      P->section = stack[depth - 1].e;
      continue;
    }
    any_label = true;
    closing = NULL;
    /* find a sibling of the same style */
    size_t at = depth;
    for (size_t j = depth; j-- > 0;)
      if (stack[j].style == P->label.style &&
          (P->label.style != IMP_L_ARABIC || stack[j].depth == P->label.depth)) {
        at = j;
        break;
      }
    /* a deeper multi-level arabic label ("1.1" under "1") nests */
    if (at < depth) depth = at;
    if (depth >= 32) depth = 31;
    danvan_entity *parent = depth ? stack[depth - 1].e : doc;
    danvan_entity *sec = dvi_imp_add(c, parent, DANVAN_KIND_SECTION, NULL, P->l1, P->l2);
    if (!sec) return;
    dvi_imp_set(c, sec, DANVAN_F_LABEL, P->label.text);
    const char *heading, *text;
    split_heading(c, P, &heading, &text);
    if (heading) dvi_imp_set(c, sec, DANVAN_F_HEADING, heading);
    if (text) add_text(c, sec, text, P->l1, P->l2);
    extend_lines(c, parent, P->l2);
    P->section = sec;
    stack[depth].style = P->label.style;
    stack[depth].depth = P->label.depth;
    stack[depth].e = sec;
    stack[depth].colon = last_char(&P->t) == ':';
    depth++;
  }
}

/* ---- basis and issuers --------------------------------------------------------------------- */
typedef struct kind_word {
  const char *key;
  const char *type;
} kind_word;

static const kind_word KINDS[] = {
    {"kế hoạch liên tịch", "KHLT"}, {"kế hoạch", "KH"},     {"nghị quyết", "NQ"},
    {"chỉ thị", "CT"},              {"quyết định", "QĐ"},   {"hướng dẫn", "HD"},
    {"chương trình hành động", "CTHĐ"}, {"chương trình", "CTr"}, {"công văn", "CV"},
    {"thông báo", "TB"},            {"kết luận", "KL"},     {"nghị định", "NĐ"},
    {"thông tư", "TT"},             {"quy định", "QĐi"},    {"đề án", "ĐA"},
    {"quy chế", "QC"},              {"báo cáo", "BC"},      {"luật", "Luật"},
    {"văn bản", "VB"},              {"điều lệ", "ĐL"},      {NULL, NULL}};

static const kind_word *kind_at(const imp_str *t, size_t p) {
  for (const kind_word *k = KINDS; k->key; k++)
    if (dvi_imp_at_word(t, p, k->key)) return k;
  return NULL;
}

/* The statement "<issuers> xây dựng/ban hành Kế hoạch …": key offset of the subject start
   and of the verb, or false. */
static bool statement(imp_ctx *c, const imp_str *t, size_t *subj, size_t *verb) {
  bool c_is_report = c->is_report;
  static const char *const VERBS[] = {"xây dựng", "ban hành", "thống nhất ban hành",
                                      "triển khai", "tổ chức triển khai", "lập", "báo cáo", "hướng dẫn",
                                      "thông báo", NULL};
  for (size_t p = 0; p < t->kn; p++) {
    if (!dvi_imp_is_word_start(t->k, p) || t->k[p] == ' ') continue;
    const char *vb = NULL;
    for (const char *const *v = VERBS; *v && !vb; v++)
      if (dvi_imp_at_word(t, p, *v)) vb = *v;
    if (!vb) continue;
    size_t q = dvi_imp_skip_space(t, p + strlen(vb));
    const kind_word *k = kind_at(t, q);
    if (!k || strcmp(k->type, "VB") == 0) {
      /* "Ủy ban nhân dân xã An Bình báo cáo kết quả … như sau:", "Ban Dân vận Trung ương
         hướng dẫn như sau:" */
      bool says = (c_is_report && strcmp(vb, "báo cáo") == 0) || strcmp(vb, "hướng dẫn") == 0 ||
                  strcmp(vb, "thông báo") == 0;
      if (!(says && dvi_imp_find_word(t, p, "như sau") != IMP_NPOS)) continue;
    }
    /* the subject: back to the previous ';', '.', ',' or the start */
    size_t s = p;
    while (s > 0 && t->k[s - 1] != ';' && t->k[s - 1] != ',' &&
           !(t->k[s - 1] == ' ' && s >= 2 && t->k[s - 2] == '.'))
      s--;
    size_t ss = dvi_imp_skip_space(t, s);
    if (ss >= p) continue;
    /* the subject must name a body */
    imp_str sub;
    if (!dvi_imp_sub(c, &sub, t, ss, p) || !dvi_imp_org_kind(&sub)) continue;
    *subj = ss;
    *verb = p;
    return true;
  }
  return false;
}

static void set_home(imp_ctx *c, danvan_entity *loc) {
  if (!loc || c->home) return;
  c->home = loc;
}

static int entity_level(const danvan_entity *loc) { return loc ? dvi_imp_loc_level(loc) : IMP_LV_NONE; }

/* The level a name names by a bare level word ("Tỉnh đoàn", "Huyện ủy", "Hội Nông dân xã"). */
static int bare_level(const imp_str *t) {
  int lv = IMP_LV_NONE;
  for (size_t p = 0; p < t->kn; p++) {
    if (t->k[p] == ' ' || !dvi_imp_is_word_start(t->k, p)) continue;
    size_t l;
    int v = dvi_imp_level_word(t, p, &l);
    if (v) {
      lv = v;
      p += l;
    }
  }
  return lv;
}

/* A document without a header: find the place its issuer serves from the text ("tỉnh Tây
   Ninh"), at the level its name gives. */
static void infer_home(imp_ctx *c, int level) {
  if (c->home || !level) return;
  for (size_t i = 0; i < c->nlines; i++) {
    imp_line *L = &c->lines[i];
    if (L->zone != Z_BODY && L->zone != Z_TITLE) continue;
    for (size_t p = 0; p < L->t.kn; p++) {
      if (L->t.k[p] == ' ' || !dvi_imp_is_word_start(L->t.k, p)) continue;
      size_t l;
      int v = dvi_imp_level_word(&L->t, p, &l);
      if (v != level) continue;
      size_t q = dvi_imp_skip_space(&L->t, p + l);
      if (q >= L->t.kn || !dvi_imp_starts_upper(L->t.s + L->t.map[q], L->t.n - L->t.map[q])) continue;
      /* the capitalised words after it */
      size_t e = q;
      while (e < L->t.kn) {
        size_t w = e;
        while (w < L->t.kn && L->t.k[w] != ' ' && !strchr(",;.:()\"", L->t.k[w])) w++;
        if (w == e || !dvi_imp_starts_upper(L->t.s + L->t.map[e], L->t.map[w] - L->t.map[e])) break;
        e = w;
        if (e < L->t.kn && L->t.k[e] == ' ' ) e++;
        else break;
      }
      while (e > q && L->t.k[e - 1] == ' ') e--;
      if (e <= q) continue;
      imp_str whole;
      if (!dvi_imp_sub(c, &whole, &L->t, p, e)) return;
      danvan_entity *loc = dvi_imp_locality(c, &whole, 0, whole.kn, L->no);
      if (loc) {
        c->home = loc;
        return;
      }
    }
  }
}

static void issuers_from(imp_ctx *c, const imp_para *P, size_t k1, size_t k2) {
  const imp_str *t = &P->t;
  /* split on " và " and ", " between bodies */
  size_t a = k1;
  int level = IMP_LV_NONE;
  imp_str subj;
  if (!dvi_imp_sub(c, &subj, t, k1, k2)) return;
  level = bare_level(&subj);
  if (!c->home) infer_home(c, level);
  while (a < k2 && c->nissuers < IMP_MAX_ISSUERS) {
    size_t v = dvi_imp_find_word(t, a, "và");
    size_t cm = dvi_imp_find(t, a, ",");
    size_t e = k2;
    if (v != IMP_NPOS && v < e) e = v;
    if (cm != IMP_NPOS && cm < e) e = cm;
    imp_str one;
    if (!dvi_imp_sub(c, &one, t, a, e)) return;
    bool org = dvi_imp_org_kind(&one) != NULL;
    danvan_entity *o = org ? dvi_imp_org_any(c, t, a, e, P->l1) : NULL;
    if (o) {
      bool dup = false;
      for (size_t i = 0; i < c->nissuers; i++)
        if (c->issuers[i] == o) dup = true;
      if (!dup) c->issuers[c->nissuers++] = o;
    } else if (e == k2 && !c->nissuers) {
      o = dvi_imp_org_any(c, t, a, e, P->l1);
      if (o) c->issuers[c->nissuers++] = o;
    }
    if (e == k2) break;
    a = dvi_imp_skip_space(t, e + (e == v ? strlen("và") : 1));
  }
}

static void add_basis(imp_ctx *c, const imp_para *P, const imp_str *seg) {
  /* skip the verb and "sự chỉ đạo của …" style openings */
  size_t p = 0;
  static const char *const LEAD[] = {"tiếp tục thực hiện", "thực hiện", "căn cứ", "theo",
                                     "trên cơ sở", "thi hành", "và", "cùng", NULL};
  for (int again = 0; again < 2; again++)
    for (const char *const *l = LEAD; *l; l++)
      if (dvi_imp_at_word(seg, p, *l)) {
        p = dvi_imp_skip_space(seg, p + strlen(*l));
        break;
      }
  const kind_word *kw = kind_at(seg, p);
  if (!kw) {
    /* "Căn cứ vào tình hình thực tế …": not a document */
    return;
  }
  danvan_entity *b = dvi_imp_add(c, c->doc, DANVAN_KIND_BASIS, NULL, P->l1, P->l2);
  if (!b) return;
  const char *type = kw->type;
  size_t q = p + strlen(kw->key);
  size_t sp = dvi_imp_find_word(seg, q, "số");
  imp_docnum dn;
  size_t after = q;
  if (sp != IMP_NPOS && sp <= q + 40 && dvi_imp_docnum_at(c, seg, sp, &dn)) {
    if (dn.type && dn.type[0]) type = dn.type;
    dvi_imp_set(c, b, DANVAN_F_NUMBER, dn.number);
    dvi_imp_set(c, b, DANVAN_F_SYMBOL, dn.symbol);
    after = dn.k2;
  } else {
    /* a number written without "số": "Kế hoạch 14-KH/BCĐ" */
    size_t r = dvi_imp_skip_space(seg, q);
    if (r < seg->kn && seg->k[r] >= '0' && seg->k[r] <= '9' && dvi_imp_docnum_at(c, seg, r, &dn)) {
      if (dn.type && dn.type[0]) type = dn.type;
      dvi_imp_set(c, b, DANVAN_F_NUMBER, dn.number);
      dvi_imp_set(c, b, DANVAN_F_SYMBOL, dn.symbol);
      after = dn.k2;
    }
  }
  dvi_imp_set(c, b, DANVAN_F_TYPE, type);
  /* the date, close after the number */
  imp_date d;
  size_t r = after;
  while (r < seg->kn && (seg->k[r] == ' ' || seg->k[r] == ',')) r++;
  if (dvi_imp_at_word(seg, r, "ngày") && dvi_imp_date_at(seg, r, &d)) {
    int32_t v = 0;
    if (d.y && d.m) danvan_date_from_ymd(&v, d.y, d.m, d.d);
    if (v) dvi_imp_set_date(c, b, DANVAN_F_DATE, v);
    after = d.k2;
  }
  /* the issuer: "của <body>" up to " về", ",", end */
  size_t of = dvi_imp_find_word(seg, after, "của");
  if (of != IMP_NPOS && of <= after + 8) {
    size_t a = dvi_imp_skip_space(seg, of + strlen("của"));
    size_t e = seg->kn;
    static const char *const ENDS[] = {"về", "quy định", "hướng dẫn", "ban hành", "triển khai", "thực hiện",
                                       "phát động", "tổ chức", NULL};
    for (const char *const *w = ENDS; *w; w++) {
      size_t v = dvi_imp_find_word(seg, a, *w);
      if (v != IMP_NPOS && v < e) e = v;
    }
    size_t cm = dvi_imp_find(seg, a, ",");
    if (cm != IMP_NPOS && cm < e) e = cm;
    imp_str who;
    if (dvi_imp_sub(c, &who, seg, a, e) && who.n) {
      /* a body without a level is at the level of the issuer of this plan */
      c->org_default_loc = c->home;
      danvan_entity *o = dvi_imp_org_any(c, &who, 0, who.kn, P->l1);
      c->org_default_loc = NULL;
      if (o) dvi_imp_set(c, b, DANVAN_F_ISSUER, danvan_entity_id(o));
      /* a higher body's locality is the parent of ours */
      danvan_entity *ol = NULL;
      if (o && c->home && danvan_entity_resolve(&ol, o, DANVAN_F_LOCALITY, 0) == DANVAN_OK &&
          ol != c->home && entity_level(ol) == entity_level(c->home) + 1 &&
          !danvan_entity_has(c->home, DANVAN_F_PARENT))
        dvi_imp_set(c, c->home, DANVAN_F_PARENT, danvan_entity_id(ol));
    }
  }
  dvi_imp_set(c, b, DANVAN_F_TEXT, dvi_imp_text(c, seg, p, seg->kn));
}

static void intro(imp_ctx *c) {
  for (size_t i = 0; i < c->nparas && !c->rc; i++) {
    imp_para *P = &c->paras[i];
    if (P->label.style) break;
    const imp_str *t = &P->t;
    size_t subj = IMP_NPOS, verb = IMP_NPOS;
    bool st = statement(c, t, &subj, &verb);
    size_t basis_end = t->kn;
    if (st) {
      basis_end = subj;
      while (basis_end > 0 && strchr(" ;,.", t->k[basis_end - 1])) basis_end--;
      if (!c->nissuers) issuers_from(c, P, subj, verb);
      P->placed = true;
    }
    if (!basis_verb(t)) continue;
    P->placed = true;
    /* references: split on ';' and on ". " */
    size_t a = 0;
    while (a < basis_end) {
      size_t e = a;
      while (e < basis_end && t->k[e] != ';' && !(t->k[e] == '.' && e + 1 < basis_end && t->k[e + 1] == ' '))
        e++;
      imp_str seg;
      if (dvi_imp_sub(c, &seg, t, a, e) && seg.n) {
        /* "… và Kế hoạch số …": two references */
        size_t v = IMP_NPOS;
        for (size_t p = 0; (p = dvi_imp_find_word(&seg, p, "và")) != IMP_NPOS; p++) {
          size_t q = dvi_imp_skip_space(&seg, p + strlen("và"));
          const kind_word *k = kind_at(&seg, q);
          if (k && strcmp(k->type, "VB") != 0) {
            v = p;
            break;
          }
        }
        if (v != IMP_NPOS) {
          imp_str s1, s2;
          if (dvi_imp_sub(c, &s1, &seg, 0, v) && dvi_imp_sub(c, &s2, &seg, v, seg.kn)) {
            add_basis(c, P, &s1);
            add_basis(c, P, &s2);
          }
        } else {
          add_basis(c, P, &seg);
        }
      }
      a = e + 1;
    }
  }
}

/* ---- objectives and requirements ----------------------------------------------------------- */
static bool under(const danvan_entity *e, const danvan_entity *anc) {
  for (; e; e = danvan_entity_parent(e))
    if (e == anc) return true;
  return false;
}

static const char *heading_of(const danvan_entity *e) {
  const char *h = NULL;
  danvan_entity_get_string(&h, e, DANVAN_F_HEADING);
  return h;
}

static bool heading_starts(imp_ctx *c, const danvan_entity *e, const char *word) {
  const char *h = heading_of(e);
  if (!h) return false;
  imp_str x;
  if (!dvi_imp_str(c, &x, h, strlen(h))) return false;
  return dvi_imp_starts(&x, word);
}

static void goals(imp_ctx *c) {
  if (c->is_report) return;
  size_t ns = danvan_entity_child_count(c->doc, DANVAN_KIND_SECTION);
  danvan_entity *goal = NULL;
  for (size_t i = 0; i < ns && !goal; i++) {
    danvan_entity *s = danvan_entity_child(c->doc, DANVAN_KIND_SECTION, i);
    const char *h = heading_of(s);
    if (!h) continue;
    imp_str x;
    if (!dvi_imp_str(c, &x, h, strlen(h))) return;
    if (dvi_imp_starts(&x, "mục đích") || dvi_imp_starts(&x, "mục tiêu") || dvi_imp_starts(&x, "yêu cầu"))
      goal = s;
  }
  if (!goal) return;
  bool req_mode = false;
  for (size_t i = 0; i < c->nparas; i++) {
    imp_para *P = &c->paras[i];
    if (!P->section || !under(P->section, goal) || (P->section == goal && P->label.style)) continue;
    /* which sub-heading is it under? */
    int which = 0; /* 1 objective, 2 requirement */
    for (danvan_entity *e = P->section; e && e != goal; e = danvan_entity_parent(e)) {
      if (heading_starts(c, e, "mục đích") || heading_starts(c, e, "mục tiêu")) which = 1;
      else if (heading_starts(c, e, "yêu cầu")) which = 2;
    }
    /* the sub-heading line itself carries no item */
    if (P->label.style && !bullet_style(P->label.style)) {
      const char *h, *t;
      split_heading(c, P, &h, &t);
      if (!t) continue;
    }
    const imp_str *body = &P->body;
    if (!which) {
      if (dvi_imp_has(body, "phải") || dvi_imp_has(body, "cần phải")) req_mode = true;
      which = req_mode ? 2 : 1;
    }
    danvan_entity *e = dvi_imp_add(c, c->doc, which == 1 ? DANVAN_KIND_OBJECTIVE : DANVAN_KIND_REQUIREMENT,
                                   NULL, P->l1, P->l2);
    const char *h, *t;
    if (P->label.style) {
      split_heading(c, P, &h, &t);
      (void)h;
    }
    dvi_imp_set(c, e, DANVAN_F_TEXT, P->label.style && !bullet_style(P->label.style) ? t : body->s);
    P->placed = true;
  }
}

/* ---- campaign and period ------------------------------------------------------------------- */
static void capitalise_first(char *s) {
  if (!s || !s[0]) return;
  /* ASCII or two-byte Latin letters are enough for the first letter of a campaign name */
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
}

static void campaign(imp_ctx *c) {
  if (!c->title) return;
  imp_str t;
  if (!dvi_imp_str(c, &t, c->title, strlen(c->title))) return;
  danvan_entity *doc = c->doc;
  /* phase: "đợt II/2020", "đợt II năm 2024", "đợt 2" */
  size_t cut = t.kn;
  size_t dp = dvi_imp_find_word(&t, 0, "đợt");
  int32_t pk, pn, py;
  size_t pe;
  if (dp != IMP_NPOS && dvi_imp_phase_at(&t, dp, &pk, &pn, &py, &pe) && pk == DANVAN_VN_PHASE_ROUND) {
    c->phase = pn;
    if (py) c->year = py;
    cut = dp;
  }
  size_t yp = dvi_imp_find_word(&t, 0, "năm");
  while (yp != IMP_NPOS) {
    size_t q = dvi_imp_skip_space(&t, yp + strlen("năm"));
    if (q + 4 <= t.kn && t.k[q] >= '1' && t.k[q] <= '2' && !dvi_imp_is_alnum_at(t.k, t.kn, q + 4)) {
      int32_t y = (int32_t)strtol(t.k + q, NULL, 10);
      if (y >= 1900 && y < 3000 && !dvi_imp_at(&t, q + 4, "-") && !dvi_imp_at(&t, q + 4, " -")) {
        if (!c->year) c->year = y;
        if (yp < cut) cut = yp;
        break;
      }
    }
    yp = dvi_imp_find_word(&t, yp + 1, "năm");
  }
  size_t par = dvi_imp_find(&t, 0, "(");
  if (par != IMP_NPOS && par < cut) cut = par;
  /* the name: the title without "Triển khai thực hiện" and the phase or year */
  size_t a = 0;
  static const char *const LEAD[] = {"triển khai thực hiện", "tổ chức thực hiện", "thực hiện",
                                     "triển khai", NULL};
  for (const char *const *l = LEAD; *l; l++)
    if (dvi_imp_starts(&t, *l)) {
      a = dvi_imp_skip_space(&t, strlen(*l));
      break;
    }
  if (c->phase || c->year) {
    const char *name = cut > a ? dvi_imp_text(c, &t, a, cut) : NULL;
    if (name && name[0]) {
      char *nm = (char *)name;
      capitalise_first(nm);
      dvi_imp_set(c, doc, DANVAN_F_CAMPAIGN, nm);
    }
    if (c->phase) dvi_imp_set_int(c, doc, DANVAN_F_PHASE, c->phase);
    if (c->year) dvi_imp_set_int(c, doc, DANVAN_F_YEAR, c->year);
  }
}

static void period(imp_ctx *c) {
  danvan_entity *doc = c->doc;
  int32_t s = 0, e = 0;
  size_t k1, k2;
  imp_str t;
  uint32_t line = 0;
  if (c->title && dvi_imp_str(c, &t, c->title, strlen(c->title)) &&
      dvi_imp_range_next(&t, 0, t.kn, &s, &e, &k1, &k2)) {
    line = c->title_first != IMP_NPOS ? c->lines[c->title_first].no : 0;
  }
  for (size_t i = 0; !s && i < c->nparas; i++) {
    imp_para *P = &c->paras[i];
    size_t tg = dvi_imp_find_word(&P->t, 0, "thời gian");
    if (tg == IMP_NPOS) continue;
    if (dvi_imp_range_next(&P->t, tg, P->t.kn, &s, &e, &k1, &k2)) line = P->l1;
  }
  if (!s && c->title && !c->phase && dvi_imp_str(c, &t, c->title, strlen(c->title))) {
    size_t p = dvi_imp_find_word(&t, 0, "năm học");
    size_t gp = dvi_imp_find_word(&t, 0, "giai đoạn");
    if (p != IMP_NPOS || gp != IMP_NPOS) {
      size_t q = dvi_imp_skip_space(&t, p != IMP_NPOS ? p + strlen("năm học") : gp + strlen("giai đoạn"));
      int32_t y1 = (int32_t)strtol(t.k + q, NULL, 10);
      const char *dash = strchr(t.k + q, '-');
      int32_t y2 = dash ? (int32_t)strtol(dash + 1, NULL, 10) : 0;
      if (y1 >= 1900 && y2 == y1 + 1 && p != IMP_NPOS) {
        s = y1 * 10000 + 901;
        e = y2 * 10000 + 531;
      } else if (y1 >= 1900 && y2 >= y1 && y2 < y1 + 20 && gp != IMP_NPOS) {
        s = y1 * 10000 + 101;
        e = y2 * 10000 + 1231;
      }
    } else if (c->year) {
      s = c->year * 10000 + 101;
      e = c->year * 10000 + 1231;
    }
    line = c->title_first != IMP_NPOS ? c->lines[c->title_first].no : 0;
  }
  (void)line;
  if (s && e && s <= e) {
    c->start = s;
    c->end = e;
    if (!c->is_report) {
      dvi_imp_set_date(c, doc, DANVAN_F_START, s);
      dvi_imp_set_date(c, doc, DANVAN_F_END, e);
    } else {
      dvi_imp_set_date(c, doc, DANVAN_F_START, s);
      dvi_imp_set_date(c, doc, DANVAN_F_END, e);
    }
    if (!c->year && !c->is_report && s / 10000 == e / 10000 && (c->phase || c->title)) {
      /* the campaign year follows the period when the title gives none */
    }
  }
}

void dvi_imp_body(imp_ctx *c) {
  if (!c->doc) return;
  make_paragraphs(c);
  if (c->rc) return;
  build_sections(c);
  if (c->rc) return;
  intro(c);
  /* home and its level from the issuers */
  for (size_t i = 0; i < c->nissuers && !c->home; i++) {
    danvan_entity *loc = NULL;
    if (danvan_entity_resolve(&loc, c->issuers[i], DANVAN_F_LOCALITY, 0) == DANVAN_OK) set_home(c, loc);
  }
  c->home_level = entity_level(c->home);
  if (!c->home_level)
    for (size_t i = 0; i < c->norgs; i++)
      for (size_t j = 0; j < c->nissuers; j++)
        if (c->orgs[i].e == c->issuers[j] && c->orgs[i].level) c->home_level = c->orgs[i].level;
  for (size_t i = 0; i < c->nissuers; i++) {
    danvan_entity *is = dvi_imp_add(c, c->doc, DANVAN_KIND_ISSUER, NULL, c->header_l1 ? c->header_l1 : c->doc->line,
                                    c->header_l2 ? c->header_l2 : c->doc->line);
    dvi_imp_set(c, is, DANVAN_F_ORG, danvan_entity_id(c->issuers[i]));
  }
  goals(c);
  campaign(c);
  period(c);
}
