/* Messages of the validation layer in English and Vietnamese; the rule catalogue.
 *
 * The table in messages.def is authoritative and compiled in, so that the language can be
 * chosen per call and the tests do not depend on installed locales. It is also the source of
 * the gettext catalogue po/vi.po (text domain "libdanvan"). When a Vietnamese message is asked
 * for and the process's LC_MESSAGES locale is Vietnamese, the installed catalogue is asked
 * first (dgettext, so the program's own domain is untouched): a translator can then improve a
 * message without rebuilding. Placeholders are {1} … {9}, expanded here, never printf formats,
 * so a damaged catalogue cannot crash the library. */
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "validate/vinternal.h"

#define DVV_DOMAIN "libdanvan"

typedef struct msg_pair {
  const char *en, *vi;
} msg_pair;

static const msg_pair messages[DVV_M_COUNT] = {
#define DVV_MSG(e, en, vi) {en, vi},
#include "validate/messages.def"
#undef DVV_MSG
};

typedef struct rule_desc {
  const char *id;
  int32_t severity;
  const char *en, *vi;
} rule_desc;

static const rule_desc rules[DVV_R_COUNT] = {
#define DVV_RULE(e, id, sev, en, vi) {id, DANVAN_SEVERITY_##sev, en, vi},
#include "validate/rules.def"
#undef DVV_RULE
};

static pthread_once_t gettext_once = PTHREAD_ONCE_INIT;

static void gettext_init(void) {
#ifdef DANVAN_LOCALEDIR
  bindtextdomain(DVV_DOMAIN, DANVAN_LOCALEDIR);
#endif
  bind_textdomain_codeset(DVV_DOMAIN, "UTF-8");
}

static bool starts_vi(const char *s) { return s && s[0] == 'v' && s[1] == 'i'; }

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty. */
static const char *env_locale(void) {
  static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < 3; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return v;
  }
  return NULL;
}

int dvv_lang_from(const char *code) {
  if (!code) return starts_vi(env_locale()) ? DVV_LANG_VI : DVV_LANG_EN;
  if (strcmp(code, "vi") == 0) return DVV_LANG_VI;
  if (strcmp(code, "en") == 0) return DVV_LANG_EN;
  return -1;
}

const char *dvv_lang_code(int lang) { return lang == DVV_LANG_VI ? "vi" : "en"; }

/* Is the process's message locale Vietnamese? Only then can dgettext give Vietnamese. */
static bool process_locale_vi(void) {
  const char *l = setlocale(LC_MESSAGES, NULL);
  return starts_vi(l);
}

static const char *translate(int lang, const char *en, const char *vi) {
  if (lang != DVV_LANG_VI) return en;
  if (process_locale_vi()) {
    pthread_once(&gettext_once, gettext_init);
    const char *t = dgettext(DVV_DOMAIN, en);
    if (t && t != en && strcmp(t, en) != 0) return t;
  }
  return vi;
}

const char *dvv_msg(int lang, int msg) {
  if (msg < 0 || msg >= DVV_M_COUNT) return "";
  return translate(lang, messages[msg].en, messages[msg].vi);
}

void dvv_expand(dvi_buf *b, const char *tmpl, const char *const *args) {
  size_t nargs = 0;
  while (args && args[nargs]) nargs++;
  const char *p = tmpl;
  while (*p) {
    const char *q = strchr(p, '{');
    if (!q) {
      dvi_buf_adds(b, p);
      return;
    }
    if (q[1] >= '1' && q[1] <= '9' && q[2] == '}') {
      dvi_buf_add(b, p, (size_t)(q - p));
      size_t k = (size_t)(q[1] - '1');
      dvi_buf_adds(b, k < nargs ? args[k] : "");
      p = q + 3;
    } else {
      dvi_buf_add(b, p, (size_t)(q - p) + 1);
      p = q + 1;
    }
  }
}

const char *dvv_rule_id(int rule) { return rule >= 0 && rule < DVV_R_COUNT ? rules[rule].id : ""; }

int32_t dvv_rule_severity(int rule) {
  return rule >= 0 && rule < DVV_R_COUNT ? rules[rule].severity : 0;
}

int dvv_rule_lookup(const char *id) {
  for (int i = 0; i < DVV_R_COUNT; i++)
    if (strcmp(rules[i].id, id) == 0) return i;
  return -1;
}

/* ---- public ------------------------------------------------------------------------------- */
const char *danvan_severity_name(int32_t severity, const char *language) {
  static const char *const en[] = {"error", "warning", "info"};
  static const char *const vi[] = {"lỗi", "cảnh báo", "thông tin"};
  int lang = dvv_lang_from(language);
  if (lang < 0 || severity < DANVAN_SEVERITY_ERROR || severity > DANVAN_SEVERITY_INFO) return NULL;
  return (lang == DVV_LANG_VI ? vi : en)[severity - 1];
}

size_t danvan_rule_count(void) { return DVV_R_COUNT; }

const char *danvan_rule_id(size_t i) { return i < DVV_R_COUNT ? rules[i].id : NULL; }

int32_t danvan_rule_severity(size_t i) { return i < DVV_R_COUNT ? rules[i].severity : 0; }

const char *danvan_rule_summary(size_t i, const char *language) {
  int lang = dvv_lang_from(language);
  if (i >= DVV_R_COUNT || lang < 0) return NULL;
  return translate(lang, rules[i].en, rules[i].vi);
}
