/*
 * Text importer: names. ASCII slugs for ids, the usual casing of names written in capitals,
 * the kind of an organisation or locality from its name, and the registry of organisations,
 * localities, people and metrics created (or found) during an import.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/import_internal.h"

/* ---- slugs --------------------------------------------------------------------------------- */
const char *dvi_imp_slug(imp_ctx *c, const char *s, size_t n, int maxwords) {
  char *out = dvi_arena_alloc(&c->arena, n + 2);
  if (!out) {
    dvi_imp_nomem(c);
    return NULL;
  }
  size_t o = 0;
  int words = 0;
  bool dash = true; /* suppress leading dashes */
  for (size_t i = 0; i < n;) {
    int32_t cp = dvi_imp_cp(s, n, &i);
    char a = 0;
    if (cp == 0x110 || cp == 0x111 || cp == 0xD0 || cp == 0xF0) {
      a = 'd';
    } else if (cp < 128) {
      a = (char)cp;
    } else {
      utf8proc_int32_t buf[4];
      int last = 0;
      utf8proc_ssize_t r = utf8proc_decompose_char(
          cp, buf, 4, (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD), &last);
      if (r >= 1 && buf[0] < 128) a = (char)buf[0];
    }
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    bool alnum = (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9');
    if (!alnum) {
      if (!dash) {
        if (maxwords && words >= maxwords) break;
        out[o++] = '-';
        dash = true;
      }
      continue;
    }
    if (dash) words++;
    if (maxwords && words > maxwords) break;
    out[o++] = a;
    dash = false;
  }
  while (o && out[o - 1] == '-') o--;
  out[o] = '\0';
  return out;
}

/* ---- usual casing of names in capitals ----------------------------------------------------- */
/* Phrases with the words that keep a capital: 'C' capital, 'l' lower case. */
typedef struct caps_phrase {
  const char *key;
  const char *pat;
} caps_phrase;

static const caps_phrase PHRASES[] = {
    {"ủy ban mặt trận tổ quốc việt nam", "ClClClCC"},
    {"mặt trận tổ quốc việt nam", "ClClCC"},
    {"mặt trận tổ quốc", "ClCl"},
    {"ủy ban nhân dân", "Clll"},
    {"hội đồng nhân dân", "Clll"},
    {"đảng cộng sản việt nam", "CCCCC"},
    {"đoàn thanh niên cộng sản hồ chí minh", "CClClCCC"},
    {"đoàn tncs hồ chí minh", "CCCCC"},
    {"hồ chí minh", "CCC"},
    {"việt nam", "CC"},
    {"ban chỉ huy quân sự", "CClCl"},
    {"bộ chỉ huy quân sự", "CClCl"},
    {"ban chỉ huy phòng thủ khu vực", "CClClll"},
    {"ban chỉ đạo", "CCl"},
    {"ban thường vụ", "CCl"},
    {"ban chấp hành", "CCl"},
    {"ban dân vận", "CCl"},
    {"ban tuyên giáo", "CCl"},
    {"ban tổ chức", "CCl"},
    {"ban phong trào", "CCl"},
    {"ban công tác mặt trận", "CClCl"},
    {"ban kiểm tra", "CCl"},
    {"ủy ban kiểm tra", "ClCl"},
    {"hội nông dân", "CCl"},
    {"hội liên hiệp phụ nữ", "CClCl"},
    {"hội cựu chiến binh", "CCll"},
    {"hội chữ thập đỏ", "CCll"},
    {"hội người cao tuổi", "CCll"},
    {"liên đoàn lao động", "ClCl"},
    {"tổng cục chính trị", "CClCl"},
    {"quân đội nhân dân", "Clll"},
    {"quân khu", "CC"},
    {"trung ương", "Cl"},
    {"đảng ủy", "Cl"},
    {"đảng bộ", "Cl"},
    {"tỉnh ủy", "Cl"},
    {"huyện ủy", "Cl"},
    {"thành ủy", "Cl"},
    {"thị ủy", "Cl"},
    {"quận ủy", "Cl"},
    {"tỉnh đoàn", "Cl"},
    {"huyện đoàn", "Cl"},
    {"thành đoàn", "Cl"},
    {"thị đoàn", "Cl"},
    {"xã đoàn", "Cl"},
    {"chi đoàn", "Cl"},
    {"chi bộ", "Cl"},
    {"công an", "Cl"},
    {"công đoàn", "Cl"},
    {"quy chế dân chủ", "Clll"},
    {"phó bí thư", "CCl"},
    {"bí thư", "Cl"},
    {"phó chủ tịch", "CCl"},
    {"chủ tịch", "Cl"},
    {"phó trưởng ban chỉ đạo", "CCCCl"},
    {"trưởng ban chỉ đạo", "CCCl"},
    {"phó trưởng ban", "CCC"},
    {"trưởng ban", "CC"},
    {"phó chỉ huy trưởng", "CCll"},
    {"chỉ huy trưởng", "Cll"},
    {"chính trị viên", "Cll"},
    {"phó giám đốc", "CCl"},
    {"giám đốc", "Cl"},
    {"phó hiệu trưởng", "CCl"},
    {"hiệu trưởng", "Cl"},
    {"thường trực", "ll"},
    {"đoàn", "C"},
    {"đảng", "C"},
    {"ban", "C"},
    {"hội", "C"},
    {"trưởng", "C"},
    {"phó", "C"},
    {"ủy viên", "Cl"},
    {NULL, NULL}};

static const char *const LOCALITY_WORDS[] = {"tỉnh", "huyện", "xã", "phường", "thị trấn",
                                             "thị xã", "thành phố", "quận", "ấp", "thôn",
                                             "bản", "xóm", "làng", "buôn", "khóm", "khu phố",
                                             "tổ dân phố", NULL};

/* Is the ASCII fold of a word a Vietnamese syllable? Acronyms (UBND, BCH, TNCS) are not. */
static bool is_syllable(const char *w) {
  static const char *const ONSETS[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr",
                                       "qu", "b",  "c",  "d",  "g",  "h",  "k",  "l",  "m",  "n",
                                       "p",  "r",  "s",  "t",  "v",  "x",  ""};
  static const char *const NUCLEI[] = {"uye", "uya", "uyu", "uoi", "uou", "ieu", "yeu", "oai",
                                       "oay", "oeo", "uay", "uai", "ai",  "ao",  "au",  "ay",
                                       "eo",  "eu",  "ia",  "ie",  "iu",  "oa",  "oe",  "oi",
                                       "ua",  "ue",  "ui",  "uo",  "uy",  "ya",  "ye",  "a",
                                       "e",   "i",   "o",   "u",   "y"};
  static const char *const CODAS[] = {"ch", "ng", "nh", "c", "m", "n", "p", "t", ""};
  size_t n = strlen(w);
  for (size_t a = 0; a < sizeof ONSETS / sizeof *ONSETS; a++) {
    size_t la = strlen(ONSETS[a]);
    if (la > n || memcmp(w, ONSETS[a], la) != 0) continue;
    for (size_t b = 0; b < sizeof NUCLEI / sizeof *NUCLEI; b++) {
      size_t lb = strlen(NUCLEI[b]);
      if (la + lb > n || memcmp(w + la, NUCLEI[b], lb) != 0) continue;
      for (size_t d = 0; d < sizeof CODAS / sizeof *CODAS; d++) {
        size_t ld = strlen(CODAS[d]);
        if (la + lb + ld == n && memcmp(w + la + lb, CODAS[d], ld) == 0) return true;
      }
    }
  }
  return false;
}

typedef struct word {
  size_t a, b;  /* byte range in the text */
  bool cap;     /* keep the first letter upper case */
  bool acro;    /* keep all upper case */
} word;

/* Lower-case a UTF-8 range into buf, upper-casing the first letter when cap. */
static void lower_into(dvi_buf *buf, const char *s, size_t a, size_t b, bool cap, bool acro) {
  bool first = true;
  for (size_t i = a; i < b;) {
    int32_t cp = dvi_imp_cp(s, b, &i);
    int32_t out = cp;
    if (!acro) {
      if (utf8proc_isupper(cp) || utf8proc_islower(cp)) {
        out = (first && cap) ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        first = false;
      }
    }
    char tmp[8];
    dvi_buf_add(buf, tmp, (size_t)utf8proc_encode_char(out, (utf8proc_uint8_t *)tmp));
  }
}

const char *dvi_imp_uncaps(imp_ctx *c, const char *s, size_t n) {
  size_t up, lo;
  dvi_imp_case_stats(s, n, &up, &lo);
  if (lo * 4 > up || up < 2) return dvi_imp_strndup(c, s, n);
  imp_str x;
  if (!dvi_imp_str(c, &x, s, n)) return NULL;
  /* words of the key, with their text ranges */
  size_t nw = 0;
  for (size_t i = 0; i < x.kn; i++)
    if (x.k[i] != ' ' && (i == 0 || x.k[i - 1] == ' ')) nw++;
  word *w = dvi_arena_alloc(&c->arena, (nw + 1) * sizeof *w);
  size_t *kw = dvi_arena_alloc(&c->arena, (nw + 1) * sizeof *kw);
  if (!w || !kw) {
    dvi_imp_nomem(c);
    return NULL;
  }
  size_t m = 0;
  for (size_t i = 0; i < x.kn; i++) {
    if (x.k[i] == ' ' || (i > 0 && x.k[i - 1] != ' ')) continue;
    size_t j = i;
    while (j < x.kn && x.k[j] != ' ') j++;
    kw[m] = i;
    w[m].a = x.map[i];
    w[m].b = x.map[j];
    w[m].cap = false;
    /* acronyms: the ASCII fold of the letters is not a syllable */
    const char *fold = dvi_imp_slug(c, x.s + w[m].a, w[m].b - w[m].a, 0);
    bool letters = fold && fold[0] && strspn(fold, "abcdefghijklmnopqrstuvwxyz") == strlen(fold);
    w[m].acro = letters && !is_syllable(fold);
    if (fold && strchr(fold, '-')) { /* "GD&ĐT", "TP." */
      const char *f2 = dvi_imp_slug(c, x.s + w[m].a, w[m].b - w[m].a, 1);
      w[m].acro = f2 && !is_syllable(f2) && strlen(f2) <= 5;
    }
    m++;
  }
  if (m) w[0].cap = true;
  /* phrases */
  for (size_t i = 0; i < m;) {
    size_t took = 0;
    for (const caps_phrase *p = PHRASES; p->key && !took; p++) {
      if (!dvi_imp_at_word(&x, kw[i], p->key)) continue;
      size_t np = strlen(p->pat);
      if (i + np > m) continue;
      for (size_t q = 0; q < np; q++)
        if (p->pat[q] == 'C') w[i + q].cap = true;
      took = np;
    }
    if (took) {
      i += took;
      continue;
    }
    /* a school: the words after its type are its name ("TRƯỜNG THCS TÂN PHONG") */
    if (dvi_imp_at_word(&x, kw[i], "trường") && i == 0) {
      size_t q = i + 1;
      static const char *const TYPES[] = {"tiểu học", "trung học cơ sở", "trung học phổ thông", "mầm non",
                                          "mẫu giáo", "đại học", "cao đẳng", "trung cấp", "phổ thông",
                                          "dân tộc nội trú", "thcs", "thpt", "th", "pt", NULL};
      for (bool more = true; more && q < m;) {
        more = false;
        for (const char *const *ty = TYPES; *ty; ty++)
          if (dvi_imp_at_word(&x, kw[q], *ty)) {
            size_t nwt = 1;
            for (const char *z = *ty; *z; z++)
              if (*z == ' ') nwt++;
            q += nwt;
            more = true;
            break;
          }
      }
      for (size_t z = q; z < m; z++) {
        if (dvi_imp_level_word(&x, kw[z], NULL)) break;
        w[z].cap = true;
      }
      i = q;
      continue;
    }
    /* a locality word: the words after it are a place name */
    bool loc = false;
    for (const char *const *lw = LOCALITY_WORDS; *lw && !loc; lw++) {
      if (!dvi_imp_at_word(&x, kw[i], *lw)) continue;
      size_t nlw = 1;
      for (const char *q = *lw; *q; q++)
        if (*q == ' ') nlw++;
      if (i + nlw >= m) break;
      if (dvi_imp_at_word(&x, kw[i + nlw], "hội")) break; /* "xã hội" */
      loc = true;
      for (size_t q = i + nlw; q < m; q++) {
        if (dvi_imp_at_word(&x, kw[q], "kiêm") || dvi_imp_at_word(&x, kw[q], "và")) break;
        w[q].cap = true;
      }
      i = m;
    }
    if (loc) break;
    if (dvi_imp_at_word(&x, kw[i], "kiêm") && i + 1 < m) w[i + 1].cap = true;
    i++;
  }
  dvi_buf b;
  dvi_buf_init(&b);
  for (size_t i = 0; i < m; i++) {
    if (i) dvi_buf_addc(&b, ' ');
    lower_into(&b, x.s, w[i].a, w[i].b, w[i].cap, w[i].acro);
  }
  char *r = dvi_buf_take(&b);
  if (!r) {
    dvi_imp_nomem(c);
    return NULL;
  }
  const char *out = dvi_imp_strndup(c, r, strlen(r));
  dvi_free(r);
  return out;
}

/* ---- kinds of organisations ---------------------------------------------------------------- */
typedef struct org_head {
  const char *key;  /* the name starts with it */
  const char *kind;
  const char *cls;  /* head class: id prefix and identity of bodies per locality */
} org_head;

/* Order matters: the first head that starts the name wins. */
static const org_head HEADS[] = {
    {"ban chỉ đạo", "steering-committee", "bcd"},
    {"bcđ", "steering-committee", "bcd"},
    {"ban tuyên giáo và dân vận", "mass-mobilisation-board", "btgdv"},
    {"ban dân vận", "mass-mobilisation-board", "bdv"},
    {"bdv", "mass-mobilisation-board", "bdv"},
    {"ban chỉ huy quân sự", "military-command", "bchqs"},
    {"ban chỉ huy phòng thủ", "military-command", "bchpt"},
    {"ban chqs", "military-command", "bchqs"},
    {"bchqs", "military-command", "bchqs"},
    {"bch quân sự", "military-command", "bchqs"},
    {"bộ chỉ huy quân sự", "military-command", "bchqs"},
    {"bộ chqs", "military-command", "bchqs"},
    {"bộ tư lệnh", "military-command", "btl"},
    {"ủy ban mặt trận tổ quốc", "fatherland-front", "mttq"},
    {"ủy ban mttq", "fatherland-front", "mttq"},
    {"ubmttq", "fatherland-front", "mttq"},
    {"mặt trận tổ quốc", "fatherland-front", "mttq"},
    {"mttq", "fatherland-front", "mttq"},
    {"ban công tác mặt trận", "fatherland-front", "bctmt"},
    {"ủy ban nhân dân", "peoples-committee", "ubnd"},
    {"ubnd", "peoples-committee", "ubnd"},
    {"hội đồng nhân dân", "peoples-council", "hdnd"},
    {"hđnd", "peoples-council", "hdnd"},
    {"hội nông dân", "farmers-association", "hnd"},
    {"hội liên hiệp phụ nữ", "womens-union", "hlhpn"},
    {"hội lhpn", "womens-union", "hlhpn"},
    {"hội phụ nữ", "womens-union", "hlhpn"},
    {"hội cựu chiến binh", "veterans-association", "hccb"},
    {"hội ccb", "veterans-association", "hccb"},
    {"hội người cao tuổi", "elderly-association", "hnct"},
    {"hội nct", "elderly-association", "hnct"},
    {"hội chữ thập đỏ", "red-cross", "hctd"},
    {"hội ctđ", "red-cross", "hctd"},
    {"liên đoàn lao động", "labour-federation", "ldld"},
    {"công đoàn", "trade-union", "cd"},
    {"công an", "police", "ca"},
    {"chi đoàn", "youth-union", "chi-doan"},
    {"đoàn trường", "youth-union", "doan-truong"},
    {"đoàn tncs", "youth-union", "doan"},
    {"đoàn thanh niên", "youth-union", "doan"},
    {"tỉnh đoàn", "youth-union", "doan"},
    {"thành đoàn", "youth-union", "doan"},
    {"huyện đoàn", "youth-union", "doan"},
    {"thị đoàn", "youth-union", "doan"},
    {"xã đoàn", "youth-union", "doan"},
    {"đoàn xã", "youth-union", "doan"},
    {"đoàn phường", "youth-union", "doan"},
    {"đoàn thị trấn", "youth-union", "doan"},
    {"bch đoàn", "youth-union", "doan"},
    {"ban chấp hành đoàn", "youth-union", "doan"},
    {"ban chấp hành tỉnh đoàn", "youth-union", "doan"},
    {"ban chấp hành huyện đoàn", "youth-union", "doan"},
    {"ban thường vụ tỉnh đoàn", "youth-union", "doan"},
    {"ban thường vụ huyện đoàn", "youth-union", "doan"},
    {"ban thường vụ thành đoàn", "youth-union", "doan"},
    {"ban thường vụ thị đoàn", "youth-union", "doan"},
    {"btv tỉnh đoàn", "youth-union", "doan"},
    {"btv huyện đoàn", "youth-union", "doan"},
    {"ban chấp hành trung ương", "party-committee", "bchtw"},
    {"ban bí thư", "party-committee", "bbt"},
    {"bộ chính trị", "party-committee", "bct"},
    {"ban thường vụ tỉnh ủy", "party-committee", "cu"},
    {"ban thường vụ huyện ủy", "party-committee", "cu"},
    {"ban thường vụ thành ủy", "party-committee", "cu"},
    {"ban thường vụ đảng ủy", "party-committee", "cu"},
    {"ban chấp hành đảng bộ", "party-committee", "cu"},
    {"đảng ủy", "party-committee", "cu"},
    {"đảng bộ", "party-committee", "cu"},
    {"tỉnh ủy", "party-committee", "cu"},
    {"huyện ủy", "party-committee", "cu"},
    {"thành ủy", "party-committee", "cu"},
    {"thị ủy", "party-committee", "cu"},
    {"quận ủy", "party-committee", "cu"},
    {"chi bộ", "party-committee", "chi-bo"},
    {"ủy ban kiểm tra", "party-committee", "ubkt"},
    {"trường tiểu học", "school", NULL},
    {"trường trung học", "school", NULL},
    {"trường thcs", "school", NULL},
    {"trường thpt", "school", NULL},
    {"trường mầm non", "school", NULL},
    {"trường mẫu giáo", "school", NULL},
    {"trường đại học", "school", NULL},
    {"trường cao đẳng", "school", NULL},
    {"trường", "school", NULL},
    {"trạm y tế", "health-station", "tyt"},
    {"trung tâm y tế", "health-station", NULL},
    {"trung tâm văn hóa", "culture-centre", "ttvh"},
    {"nhà văn hóa", "culture-centre", NULL},
    {"đài truyền thanh", "culture-centre", NULL},
    {"ban nhân dân", "village-board", "bnd"},
    {"ban điều hành", "village-board", "bdh"},
    {"ban tự quản", "village-board", NULL},
    {"phòng gd&đt", "department", "pgd"},
    {"phòng giáo dục và đào tạo", "department", "pgd"},
    {"phòng giáo dục", "department", "pgd"},
    {"sở gd&đt", "department", "sgd"},
    {"sở giáo dục và đào tạo", "department", "sgd"},
    {"tuyên giáo", "department", NULL},
    {"văn phòng", "department", NULL},
    {"phòng", "department", NULL},
    {"sở", "department", NULL},
    {"tổng cục", "department", NULL},
    {"cục", "department", NULL},
    {"ban", "department", NULL},
    {"bộ", "department", NULL},
    {"văn hóa và thông tin", "department", NULL},
    {"văn hóa - thông tin", "department", NULL},
    {"tư pháp", "department", NULL},
    {"bch", "youth-union", "doan"}, /* "BCH Đoàn", "BCH Quân sự" are above */
    {"btv", "party-committee", "cu"},
    {NULL, NULL, NULL}};

static const org_head *org_head_of(const imp_str *name) {
  size_t p = 0;
  /* "các", "những": a group, not one body */
  if (dvi_imp_starts(name, "các") || dvi_imp_starts(name, "những") || dvi_imp_starts(name, "mỗi"))
    return NULL;
  for (const org_head *h = HEADS; h->key; h++)
    if (dvi_imp_at_word(name, p, h->key)) return h;
  return NULL;
}

const char *dvi_imp_org_kind(const imp_str *name) {
  const org_head *h = org_head_of(name);
  return h ? h->kind : NULL;
}

/* ---- levels -------------------------------------------------------------------------------- */
typedef struct level_word {
  const char *key;
  int level;
  const char *kind;   /* locality kind */
  const char *prefix; /* id prefix for localities below the commune */
} level_word;

static const level_word LEVELS[] = {
    {"thành phố trực thuộc trung ương", IMP_LV_PROVINCE, "municipality", NULL},
    {"thành phố", IMP_LV_DISTRICT, "city", NULL},
    {"tp.", IMP_LV_DISTRICT, "city", NULL},
    {"thị xã", IMP_LV_DISTRICT, "district-town", NULL},
    {"thị trấn", IMP_LV_COMMUNE, "town", NULL},
    {"tổ dân phố", IMP_LV_HAMLET, "residential-group", "to"},
    {"khu phố", IMP_LV_HAMLET, "residential-group", "kp"},
    {"đặc khu", IMP_LV_COMMUNE, "special-zone", NULL},
    {"tỉnh", IMP_LV_PROVINCE, "province", NULL},
    {"huyện", IMP_LV_DISTRICT, "district", NULL},
    {"quận", IMP_LV_DISTRICT, "urban-district", NULL},
    {"xã", IMP_LV_COMMUNE, "commune", NULL},
    {"phường", IMP_LV_COMMUNE, "ward", NULL},
    {"ấp", IMP_LV_HAMLET, "hamlet", "ap"},
    {"thôn", IMP_LV_HAMLET, "hamlet", "thon"},
    {"bản", IMP_LV_HAMLET, "hamlet", "ban"},
    {"buôn", IMP_LV_HAMLET, "hamlet", "buon"},
    {"sóc", IMP_LV_HAMLET, "hamlet", "soc"},
    {"làng", IMP_LV_HAMLET, "village", "lang"},
    {"xóm", IMP_LV_HAMLET, "village", "xom"},
    {"khóm", IMP_LV_HAMLET, "residential-group", "khom"},
    {NULL, 0, NULL, NULL}};

static const level_word *level_at(const imp_str *x, size_t pos) {
  for (const level_word *l = LEVELS; l->key; l++)
    if (dvi_imp_at_word(x, pos, l->key)) return l;
  return NULL;
}

int dvi_imp_level_word(const imp_str *x, size_t pos, size_t *len) {
  const level_word *l = level_at(x, pos);
  if (!l) return IMP_LV_NONE;
  if (len) *len = strlen(l->key);
  return l->level;
}

const char *dvi_imp_level_kind(const imp_str *x, size_t pos) {
  const level_word *l = level_at(x, pos);
  return l ? l->kind : NULL;
}

const char *dvi_imp_level_name(int level) {
  switch (level) {
    case IMP_LV_HAMLET: return "hamlet";
    case IMP_LV_COMMUNE: return "commune";
    case IMP_LV_DISTRICT: return "district";
    case IMP_LV_PROVINCE: return "province";
    case IMP_LV_CENTRAL: return "country";
    default: return NULL;
  }
}

static int level_of_kind(const char *kind) {
  for (const level_word *l = LEVELS; l->key; l++)
    if (strcmp(l->kind, kind) == 0) return l->level;
  if (strcmp(kind, "municipality") == 0) return IMP_LV_PROVINCE;
  return IMP_LV_NONE;
}

int dvi_imp_loc_level(const danvan_entity *loc) {
  const char *k = NULL;
  danvan_entity_get_string(&k, loc, DANVAN_F_KIND);
  return k ? level_of_kind(k) : IMP_LV_NONE;
}

/* The locality at a level among home and its ancestors. */
static danvan_entity *home_at(imp_ctx *c, int level) {
  for (danvan_entity *l = c->home; l;) {
    if (dvi_imp_loc_level(l) == level) return l;
    danvan_entity *p = NULL;
    if (danvan_entity_resolve(&p, l, DANVAN_F_PARENT, 0) != DANVAN_OK) break;
    l = p;
  }
  return NULL;
}

/* ---- entity registry ----------------------------------------------------------------------- */
/* The smallest free id among base, base-2, base-3 …: the suffixes known to be taken are
   remembered per base, so that n entities of one base (a text of 30 000 identical quota
   lines) cost n look-ups rather than n²/2. */
static imp_idnext **idnext_slot(imp_ctx *c, const char *base, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)base[i]) * 16777619u;
  imp_idnext **at = &c->idnext[h % IMP_IDNEXT_BUCKETS];
  while (*at && (strncmp((*at)->base, base, len) != 0 || (*at)->base[len])) at = &(*at)->next;
  return at;
}

const char *dvi_imp_unique_id(imp_ctx *c, const char *base) {
  if (!base) return NULL;
  const char *b = base[0] && ((base[0] >= 'a' && base[0] <= 'z') || base[0] == '_') ? base
                                                                                   : dvi_imp_printf(c, "x-%s", base);
  if (!b) return NULL;
  if (!dvi_find(c->ds, b)) return b;
  imp_idnext **at = idnext_slot(c, b, strlen(b));
  if (!*at) {
    imp_idnext *e = dvi_arena_alloc(&c->arena, sizeof *e);
    if (!e || !(e->base = dvi_arena_strndup(&c->arena, b, strlen(b)))) {
      c->rc = DANVAN_ENOMEM;
      return NULL;
    }
    e->n = 2;
    *at = e;
  }
  for (int i = (*at)->n; i < 100000; i++) {
    const char *id = dvi_imp_printf(c, "%s-%d", b, i);
    if (!id) return NULL;
    if (!dvi_find(c->ds, id)) {
      (*at)->n = i + 1;
      return id;
    }
  }
  return NULL;
}

void dvi_imp_release_id(imp_ctx *c, const danvan_entity *e) {
  const char *id = danvan_entity_id(e);
  size_t len = id ? strlen(id) : 0, d = len;
  while (d > 0 && id[d - 1] >= '0' && id[d - 1] <= '9') d--;
  if (d == len || d < 2 || id[d - 1] != '-' || len - d > 6) return;
  imp_idnext *x = *idnext_slot(c, id, d - 1);
  int k = atoi(id + d);
  if (x && k >= 2 && k < x->n) x->n = k;
}

static const char *key_copy(imp_ctx *c, const char *s) {
  imp_str x;
  if (!dvi_imp_str(c, &x, s, strlen(s))) return NULL;
  return x.k;
}

static const char *ename(const danvan_entity *e) {
  const char *s = NULL;
  danvan_entity_get_string(&s, e, DANVAN_F_NAME);
  return s ? s : "";
}

/* Capitalised words from text offset a: the end (text offset) of a place name. */
static size_t name_end(const char *s, size_t n, size_t a) {
  size_t i = a, end = a;
  bool first = true;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != ' ' && s[j] != ',' && s[j] != ';' && s[j] != ':' && s[j] != '(' &&
           s[j] != ')' && s[j] != '.' && s[j] != '"')
      j++;
    if (j == i) break;
    bool up = dvi_imp_starts_upper(s + i, j - i);
    bool num = s[i] >= '0' && s[i] <= '9';
    if (!(up || (num && first))) break;
    /* "Ông", "Bà" start a person's name, not a place */
    end = j;
    first = false;
    if (j >= n || s[j] != ' ') break;
    i = j + 1;
  }
  return end;
}

danvan_entity *dvi_imp_locality_named(imp_ctx *c, const char *kind, const char *name,
                                      danvan_entity *parent, uint32_t line) {
  if (!name || !name[0]) return NULL;
  const char *nk = key_copy(c, name);
  if (!nk) return NULL;
  int level = level_of_kind(kind);
  size_t nl = danvan_dataset_count(c->ds, DANVAN_KIND_LOCALITY);
  for (size_t i = 0; i < nl; i++) {
    danvan_entity *l = danvan_dataset_get(c->ds, DANVAN_KIND_LOCALITY, i);
    const char *lk = key_copy(c, ename(l));
    if (lk && strcmp(lk, nk) == 0 && dvi_imp_loc_level(l) == level) {
      if (parent && !danvan_entity_has(l, DANVAN_F_PARENT) && parent != l)
        dvi_imp_set(c, l, DANVAN_F_PARENT, danvan_entity_id(parent));
      return l;
    }
  }
  const char *prefix = NULL;
  for (const level_word *lw = LEVELS; lw->key; lw++)
    if (strcmp(lw->kind, kind) == 0) {
      prefix = lw->prefix;
      break;
    }
  const char *slug = dvi_imp_slug(c, name, strlen(name), 0);
  if (!slug) return NULL;
  const char *base = prefix ? dvi_imp_printf(c, "%s-%s", prefix, slug) : slug;
  if (!prefix && base && dvi_find(c->ds, base)) {
    /* a commune and a district of one name: say which */
    const char *kw = strcmp(kind, "province") == 0 ? "tinh" : strcmp(kind, "district") == 0 ? "huyen" : "xa";
    base = dvi_imp_printf(c, "%s-%s", kw, slug);
  }
  const char *id = dvi_imp_unique_id(c, base);
  if (!id) return NULL;
  danvan_entity *l = dvi_imp_add(c, c->root, DANVAN_KIND_LOCALITY, id, line, line);
  if (!l) return NULL;
  dvi_imp_set(c, l, DANVAN_F_KIND, kind);
  dvi_imp_set(c, l, DANVAN_F_NAME, name);
  if (parent) dvi_imp_set(c, l, DANVAN_F_PARENT, danvan_entity_id(parent));
  return l;
}

danvan_entity *dvi_imp_locality(imp_ctx *c, const imp_str *x, size_t k1, size_t k2, uint32_t line) {
  const level_word *lw = level_at(x, k1);
  if (!lw) return NULL;
  size_t p = dvi_imp_skip_space(x, k1 + strlen(lw->key));
  /* "Ấp ấp Sân Bay": a repeated level word */
  if (dvi_imp_at_word(x, p, lw->key)) p = dvi_imp_skip_space(x, p + strlen(lw->key));
  if (p >= k2 || p >= x->kn) {
    return home_at(c, lw->level);
  }
  size_t ta = x->map[p];
  size_t tb = name_end(x->s, x->map[k2 < x->kn ? k2 : x->kn], ta);
  if (tb <= ta) {
    if (dvi_imp_at_word(x, p, "hội")) return NULL;
    return home_at(c, lw->level);
  }
  const char *name = dvi_imp_strndup(c, x->s + ta, tb - ta);
  danvan_entity *parent = NULL;
  if (lw->level == IMP_LV_HAMLET) parent = home_at(c, IMP_LV_COMMUNE);
  else if (c->home && dvi_imp_loc_level(c->home) < lw->level && lw->level == dvi_imp_loc_level(c->home) + 1) parent = NULL;
  return dvi_imp_locality_named(c, lw->kind, name, parent, line);
}

/* ---- organisations ------------------------------------------------------------------------- */
static bool push_org(imp_ctx *c, danvan_entity *e, const char *key, const char *cls, int level,
                     danvan_entity *loc) {
  if (c->norgs == c->caporgs) {
    size_t n = c->caporgs ? c->caporgs * 2 : 32;
    imp_orgrec *o = dvi_realloc(c->orgs, n * sizeof *o);
    if (!o) return dvi_imp_nomem(c);
    c->orgs = o;
    c->caporgs = n;
  }
  imp_orgrec *r = &c->orgs[c->norgs++];
  r->e = e;
  r->key = key;
  r->cls = cls;
  r->level = level;
  r->loc = loc;
  return true;
}

/* Bodies of which a locality has only one (and organs of one body, e.g. the standing
   committee of a Youth Union). */
static bool one_per_locality(const char *cls) {
  static const char *const ONE[] = {"bchqs", "mttq", "ubnd", "hdnd", "hnd", "hlhpn", "hccb",
                                    "hnct", "hctd", "ldld", "ca", "doan", "cu", "bdv", "btgdv",
                                    "tyt", "bcd", "pgd", "sgd", NULL};
  if (!cls) return false;
  for (const char *const *o = ONE; *o; o++)
    if (strcmp(*o, cls) == 0) return true;
  return false;
}

/* The locality named inside an organisation's name, and the level it names. */
static danvan_entity *org_locality(imp_ctx *c, const imp_str *x, int *level, uint32_t line) {
  *level = IMP_LV_NONE;
  danvan_entity *best = NULL;
  for (size_t p = 0; p < x->kn; p++) {
    if (!dvi_imp_is_word_start(x->k, p) || x->k[p] == ' ') continue;
    const level_word *lw = level_at(x, p);
    if (!lw && (dvi_imp_at_word(x, p, "trung ương") || dvi_imp_at_word(x, p, "tw"))) {
      *level = IMP_LV_CENTRAL; /* "Ban Dân vận Trung ương" */
      best = NULL;
      continue;
    }
    if (!lw) {
      /* "Ban Dân vận TU", "Ban Dân vận HU": the committee's level */
      size_t tp = x->map[p];
      int abl = IMP_LV_NONE;
      if (x->n - tp >= 2 && (memcmp(x->s + tp, "TU", 2) == 0 || memcmp(x->s + tp, "TƯ", 2) == 0) &&
          !dvi_imp_is_alnum_at(x->s, x->n, tp + 2))
        abl = IMP_LV_PROVINCE;
      else if (x->n - tp >= 2 && memcmp(x->s + tp, "HU", 2) == 0 && !dvi_imp_is_alnum_at(x->s, x->n, tp + 2))
        abl = IMP_LV_DISTRICT;
      if (abl) {
        *level = abl;
        best = home_at(c, abl);
      }
      continue;
    }
    size_t q = dvi_imp_skip_space(x, p + strlen(lw->key));
    if (dvi_imp_at_word(x, q, "hội")) continue; /* xã hội */
    /* "Huyện ủy Châu Thành", "Tỉnh đoàn Tây Ninh": the place after the body */
    if (dvi_imp_at_word(x, q, "ủy") || dvi_imp_at_word(x, q, "đoàn")) {
      size_t r = dvi_imp_skip_space(x, q + (dvi_imp_at_word(x, q, "ủy") ? strlen("ủy") : strlen("đoàn")));
      if (r < x->kn && dvi_imp_starts_upper(x->s + x->map[r], x->n - x->map[r])) q = r;
    }
    /* bare "ấp", "thôn" inside a name ("Ban công tác mặt trận ấp") */
    *level = lw->level;
    size_t ta = q < x->kn ? x->map[q] : x->n;
    size_t tb = name_end(x->s, x->n, ta);
    /* a capitalised word after a level word in a name in capitals means nothing */
    if (tb > ta && !dvi_imp_is_caps(x)) {
      const char *name = dvi_imp_strndup(c, x->s + ta, tb - ta);
      danvan_entity *parent = lw->level == IMP_LV_HAMLET ? home_at(c, IMP_LV_COMMUNE) : NULL;
      best = dvi_imp_locality_named(c, lw->kind, name, parent, line);
    } else {
      best = home_at(c, lw->level);
    }
    p = q;
  }
  return best;
}

static const char *org_id_base(imp_ctx *c, const imp_str *x, const org_head *h, danvan_entity *loc) {
  const char *locid = loc ? danvan_entity_id(loc) : NULL;
  if (h && h->cls && locid) return dvi_imp_printf(c, "%s-%s", h->cls, locid);
  /* the name without level words and place names, at most 5 words */
  return dvi_imp_slug(c, x->s, x->n, 5);
}

static danvan_entity *org_make(imp_ctx *c, const imp_str *mention, size_t k1, size_t k2,
                               uint32_t line, bool any, bool create) {
  imp_str x;
  if (!dvi_imp_sub(c, &x, mention, k1, k2)) return NULL;
  /* strip trailing punctuation */
  while (x.n && strchr(",;.:-", x.s[x.n - 1])) {
    if (!dvi_imp_str(c, &x, x.s, x.n - 1)) return NULL;
  }
  if (x.n < 2) return NULL;
  const char *name = dvi_imp_is_caps(&x) ? dvi_imp_uncaps(c, x.s, x.n) : x.s;
  if (!name) return NULL;
  imp_str nx;
  if (!dvi_imp_str(c, &nx, name, strlen(name))) return NULL;
  const org_head *h = org_head_of(&nx);
  if (!h && !any) return NULL;
  /* exact name */
  for (size_t i = 0; i < c->norgs; i++)
    if (strcmp(c->orgs[i].key, nx.k) == 0) return c->orgs[i].e;
  size_t no = danvan_dataset_count(c->ds, DANVAN_KIND_ORGANISATION);
  for (size_t i = 0; i < no; i++) {
    danvan_entity *o = danvan_dataset_get(c->ds, DANVAN_KIND_ORGANISATION, i);
    const char *ok = key_copy(c, ename(o));
    if (ok && strcmp(ok, nx.k) == 0) {
      push_org(c, o, ok, h ? h->cls : NULL, IMP_LV_NONE, NULL);
      return o;
    }
  }
  int level;
  danvan_entity *loc = org_locality(c, &nx, &level, line);
  if (!loc && !level && c->org_default_loc && h) {
    loc = c->org_default_loc;
    level = IMP_LV_NONE;
  }
  /* "Phòng GD&ĐT" without a place, when one such body is known */
  if (h && h->cls && !loc && !level && one_per_locality(h->cls) && strcmp(nx.k, h->key) == 0) {
    danvan_entity *only = NULL;
    size_t count = 0;
    for (size_t i = 0; i < c->norgs; i++)
      if (c->orgs[i].cls && strcmp(c->orgs[i].cls, h->cls) == 0 && c->orgs[i].e != only) {
        only = c->orgs[i].e;
        count++;
      }
    if (count == 1) return only;
  }
  /* "Ban Chỉ đạo" alone in a plan of a steering committee is that committee */
  if (h && h->cls && !loc && !level && strcmp(nx.k, h->key) == 0)
    for (size_t i = 0; i < c->nissuers; i++)
      for (size_t j = 0; j < c->norgs; j++)
        if (c->orgs[j].e == c->issuers[i] && c->orgs[j].cls && strcmp(c->orgs[j].cls, h->cls) == 0)
          return c->issuers[i];
  if (h && one_per_locality(h->cls)) {
    for (size_t i = 0; i < c->norgs; i++) {
      imp_orgrec *r = &c->orgs[i];
      if (!r->cls || strcmp(r->cls, h->cls) != 0) continue;
      if ((loc && r->loc == loc) || (!loc && !r->loc && level && r->level == level)) return r->e;
    }
  }
  if (!create) return NULL;
  const char *id = dvi_imp_unique_id(c, org_id_base(c, &nx, h, loc));
  if (!id) return NULL;
  danvan_entity *o = dvi_imp_add(c, c->root, DANVAN_KIND_ORGANISATION, id, line, line);
  if (!o) return NULL;
  dvi_imp_set(c, o, DANVAN_F_KIND, h ? h->kind : "other");
  if (loc) dvi_imp_set(c, o, DANVAN_F_LOCALITY, danvan_entity_id(loc));
  dvi_imp_set(c, o, DANVAN_F_NAME, name);
  push_org(c, o, nx.k, h ? h->cls : NULL, level, loc);
  return o;
}

danvan_entity *dvi_imp_org(imp_ctx *c, const imp_str *x, size_t k1, size_t k2, uint32_t line) {
  return org_make(c, x, k1, k2, line, false, true);
}

danvan_entity *dvi_imp_org_any(imp_ctx *c, const imp_str *x, size_t k1, size_t k2, uint32_t line) {
  return org_make(c, x, k1, k2, line, true, true);
}

danvan_entity *dvi_imp_org_find(imp_ctx *c, const imp_str *x, size_t k1, size_t k2) {
  return org_make(c, x, k1, k2, 0, true, false);
}

/* ---- people -------------------------------------------------------------------------------- */
static const char *const RANKS[] = {"đại tướng", "thượng tướng", "trung tướng", "thiếu tướng",
                                    "đại tá",    "thượng tá",    "trung tá",    "thiếu tá",
                                    "đại úy",    "thượng úy",    "trung úy",    "thiếu úy",
                                    NULL};

size_t dvi_imp_rank_at(const imp_str *x, size_t pos, const char **rank) {
  for (const char *const *r = RANKS; *r; r++)
    if (dvi_imp_at_word(x, pos, *r)) {
      if (rank) *rank = *r;
      return strlen(*r);
    }
  return 0;
}

bool dvi_imp_is_person_name(const imp_str *x, size_t k1, size_t k2) {
  if (k2 > x->kn) k2 = x->kn;
  size_t a = x->map[k1], b = x->map[k2];
  while (a < b && x->s[a] == ' ') a++;
  while (b > a && x->s[b - 1] == ' ') b--;
  if (b <= a) return false;
  int words = 0;
  for (size_t i = a; i < b;) {
    size_t j = i;
    while (j < b && x->s[j] != ' ') j++;
    if (!dvi_imp_starts_upper(x->s + i, j - i)) return false;
    for (size_t q = i; q < j;) {
      int32_t cp = dvi_imp_cp(x->s, j, &q);
      if (!(utf8proc_isupper(cp) || utf8proc_islower(cp))) return false;
    }
    size_t up, lo;
    dvi_imp_case_stats(x->s + i, j - i, &up, &lo);
    if (up > 1 && lo) return false; /* "TNCS", "ThU" */
    words++;
    i = j;
    while (i < b && x->s[i] == ' ') i++;
  }
  if (words < 2 || words > 6) return false;
  /* the first word of a Vietnamese name is a family name; bodies and places are not names */
  imp_str n;
  n.s = x->s + a;
  (void)n;
  static const char *const NOT[] = {"ban", "hội", "đoàn", "đảng", "ủy", "xã", "huyện", "tỉnh",
                                    "ấp", "thôn", "phòng", "sở", "trường", "công", "nơi",
                                    "tác", "nguồn", "thời", "trên", "kính", "căn", "thực",
                                    "các", "tổ", "bộ", "cục", "trung", "mặt", "văn", "chi",
                                    "quân", "phó", "trưởng", "chủ", "bí", "thành", "thị", "nhà",
                                    NULL};
  size_t kb = k1;
  while (kb < k2 && x->k[kb] == ' ') kb++;
  for (const char *const *w = NOT; *w; w++)
    if (dvi_imp_at_word(x, kb, *w)) return false;
  return true;
}

danvan_entity *dvi_imp_person(imp_ctx *c, const char *name, const char *rank, uint32_t line) {
  if (!name || !name[0]) return NULL;
  const char *nk = key_copy(c, name);
  if (!nk) return NULL;
  size_t np = danvan_dataset_count(c->ds, DANVAN_KIND_PERSON);
  for (size_t i = 0; i < np; i++) {
    danvan_entity *p = danvan_dataset_get(c->ds, DANVAN_KIND_PERSON, i);
    const char *pk = key_copy(c, ename(p));
    if (pk && strcmp(pk, nk) == 0) {
      if (rank && !danvan_entity_has(p, DANVAN_F_RANK)) dvi_imp_set(c, p, DANVAN_F_RANK, rank);
      return p;
    }
  }
  const char *slug = dvi_imp_slug(c, name, strlen(name), 0);
  const char *id = slug ? dvi_imp_unique_id(c, dvi_imp_printf(c, "p-%s", slug)) : NULL;
  if (!id) return NULL;
  danvan_entity *p = dvi_imp_add(c, c->root, DANVAN_KIND_PERSON, id, line, line);
  if (!p) return NULL;
  dvi_imp_set(c, p, DANVAN_F_NAME, name);
  if (rank) dvi_imp_set(c, p, DANVAN_F_RANK, rank);
  return p;
}

/* ---- metrics ------------------------------------------------------------------------------- */
danvan_entity *dvi_imp_metric(imp_ctx *c, const char *id_hint, const char *name, const char *unit,
                              uint32_t line) {
  const char *base = id_hint;
  if (!base && name) base = dvi_imp_slug(c, name, strlen(name), 5);
  if (!base || !base[0]) base = "metric";
  danvan_entity *old = dvi_find(c->ds, base);
  if (old && danvan_entity_kind(old) == DANVAN_KIND_METRIC) {
    const char *u = NULL;
    danvan_entity_get_string(&u, old, DANVAN_F_UNIT);
    if (!unit || !u || strcmp(u, unit) == 0) return old;
  }
  const char *id = dvi_imp_unique_id(c, base);
  if (!id) return NULL;
  danvan_entity *m = dvi_imp_add(c, c->root, DANVAN_KIND_METRIC, id, line, line);
  if (!m) return NULL;
  if (unit) dvi_imp_set(c, m, DANVAN_F_UNIT, unit);
  if (name) dvi_imp_set(c, m, DANVAN_F_NAME, name);
  return m;
}
