/*
 * Hostile inputs (tests/cases/hostile/README.md): every case of tests/cases/hostile/expected.txt
 * and of tests/cases/xml/expected.txt goes through every entry point of the reader, a merge and
 * the file validator, within a time bound; inputs too big to commit are generated here.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define CASES DANVAN_SOURCE_DIR "/tests/cases/"
#define FULL_XML DANVAN_SOURCE_DIR "/tests/data/xml/full.xml"
#define HEAD "<danvan xmlns=\"urn:danvan:1\" version=\"1\">"

/* ---- time bounds -------------------------------------------------------------------------- */
/* Bounds are for an optimised build on one core; sanitizers and valgrind are slower, and
   `make check-valgrind` sets DANVAN_TEST_TIME_SCALE. */
static double time_scale(void) {
  const char *s = getenv("DANVAN_TEST_TIME_SCALE");
  double k = s && atof(s) > 0 ? atof(s) : 1.0;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  k *= 5;
#endif
  return k;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#define WITHIN(seconds, what, t0)                                                           \
  do {                                                                                      \
    double el_ = now() - (t0);                                                              \
    if (el_ > (seconds) * time_scale())                                                     \
      fail_msg("%s took %.2f s (bound %.1f s)", (what), el_, (seconds) * time_scale());   \
  } while (0)

/* ---- helpers ------------------------------------------------------------------------------ */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("cannot open %s", path);
  size_t cap = 1 << 16, n = 0, k;
  char *buf = malloc(cap + 1);
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *p = realloc(buf, (cap *= 2) + 1);
      if (!p) free(buf);
      buf = p;
    }
  }
  fclose(f);
  assert_non_null(buf);
  buf[n] = '\0';
  *len = n;
  return buf;
}

static int32_t status_by_name(const char *name) {
  for (int32_t s = -20; s <= 1; s++)
    if (strcmp(danvan_status_name(s), name) == 0) return s;
  fail_msg("unknown status %s", name);
  return 0;
}

/* The last error is a clear one: the status, a message, the file, a place. */
static void check_error(int32_t rc, const char *file, uint32_t line, uint32_t column,
                        const char *what) {
  if (danvan_error_code() != rc) fail_msg("%s: last error %s, status %s", what,
                                          danvan_status_name(danvan_error_code()),
                                          danvan_status_name(rc));
  const char *msg = danvan_error_message();
  if (!msg[0] || strstr(msg, "(null)")) fail_msg("%s: message '%s'", what, msg);
  if (strcmp(danvan_error_file(), file) != 0)
    fail_msg("%s: error names '%s', not '%s'", what, danvan_error_file(), file);
  if (danvan_error_line() != line || danvan_error_column() != column)
    fail_msg("%s: error at %u:%u (%s), expected %u:%u", what, danvan_error_line(),
             danvan_error_column(), msg, line, column);
}

static char *export(const danvan_dataset *ds) {
  char *out = NULL;
  assert_int_equal(danvan_dataset_to_xml(&out, NULL, ds), DANVAN_OK);
  return out;
}

/* Nothing the library does may write to stderr (libxml2's global handler prints there: the
   library must keep its errors on its own handlers). Between quiet_begin() and quiet_end(),
   stderr goes to a temporary file, which must stay empty. */
static int quiet_saved = -1, quiet_fd = -1;

static void quiet_begin(void) {
  char tmpl[] = "/tmp/danvan-stderr-XXXXXX";
  fflush(stderr);
  quiet_fd = mkstemp(tmpl);
  assert_true(quiet_fd >= 0);
  unlink(tmpl);
  quiet_saved = dup(2);
  assert_true(quiet_saved >= 0);
  assert_true(dup2(quiet_fd, 2) >= 0);
}

static void quiet_end(const char *what) {
  fflush(stderr);
  assert_true(dup2(quiet_saved, 2) >= 0);
  close(quiet_saved);
  off_t n = lseek(quiet_fd, 0, SEEK_END);
  char buf[200] = "";
  if (n > 0 && pread(quiet_fd, buf, sizeof buf - 1, 0) < 0) buf[0] = '\0';
  close(quiet_fd);
  if (n != 0) fail_msg("%s: the library wrote to stderr: %s", what, buf);
}

/* One case: a file with its expected status, place and (for a file that loads) finding. */
static void check_case(const char *path, int32_t want, uint32_t line, uint32_t column,
                       const char *rule) {
  double t0 = now();
  size_t len = 0;
  char *data = read_file(path, &len);
  /* every entry point once with stderr watched */
  quiet_begin();
  danvan_dataset *q = NULL;
  danvan_diagnostics *qd = NULL;
  int32_t q1 = danvan_dataset_load(&q, path, NULL);
  danvan_dataset_free(q);
  q = NULL;
  int32_t q2 = danvan_dataset_load_memory(&q, data, len, NULL, NULL);
  danvan_dataset_free(q);
  int32_t q3 = danvan_validate_file(&qd, path, NULL);
  danvan_diagnostics_free(qd);
  quiet_end(path);
  assert_int_equal(q1, want);
  assert_int_equal(q2, want);
  assert_int_equal(q3, DANVAN_OK);

  /* from a path */
  danvan_dataset *ds = (danvan_dataset *)&ds;
  danvan_error_clear();
  int32_t rc = danvan_dataset_load(&ds, path, NULL);
  if (rc != want)
    fail_msg("%s: %s (%s), expected %s", path, danvan_status_name(rc), danvan_error_message(),
             danvan_status_name(want));
  if (rc) {
    assert_null(ds);
    check_error(rc, path, line, column, path);
  } else {
    char *out = export(ds);
    danvan_free(out);
    danvan_dataset_free(ds);
  }

  /* from memory and from a descriptor: the same outcome, under the name given */
  ds = NULL;
  rc = danvan_dataset_load_memory(&ds, data, len, "memory.xml", NULL);
  assert_int_equal(rc, want);
  if (rc) check_error(rc, "memory.xml", line, column, path);
  danvan_dataset_free(ds);
  int fd = open(path, O_RDONLY);
  assert_true(fd >= 0);
  ds = NULL;
  rc = danvan_dataset_load_fd(&ds, fd, "fd.xml", NULL);
  close(fd);
  assert_int_equal(rc, want);
  if (rc) check_error(rc, "fd.xml", line, column, path);
  danvan_dataset_free(ds);

  /* merged into a plan: the same outcome; a failed merge leaves the plan as it was */
  danvan_dataset *plan = NULL;
  assert_int_equal(danvan_dataset_load(&plan, FULL_XML, NULL), DANVAN_OK);
  char *before = export(plan);
  rc = danvan_dataset_merge(plan, path, NULL);
  assert_int_equal(rc, want);
  if (rc) {
    check_error(rc, path, line, column, path);
    char *after = export(plan);
    if (strcmp(before, after) != 0) fail_msg("%s: a failed merge changed the plan", path);
    danvan_free(after);
  }
  danvan_free(before);
  danvan_dataset_free(plan);

  /* validated: the problem is a finding of rule "xml" at its place, or the rule expected */
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, "en"), DANVAN_OK);
  danvan_diagnostics *d = NULL;
  rc = danvan_validate_file(&d, path, o);
  assert_int_equal(rc, DANVAN_OK);
  bool found = false, xml = false;
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++) {
    const char *r = danvan_diagnostics_rule(d, i);
    assert_true(danvan_diagnostics_message(d, i)[0] != '\0');
    if (strcmp(r, "xml") == 0) {
      xml = true;
      if (danvan_diagnostics_line(d, i) == line && danvan_diagnostics_column(d, i) == column &&
          strcmp(danvan_diagnostics_file(d, i), path) == 0)
        found = true;
    } else if (rule && strcmp(r, rule) == 0) {
      found = danvan_diagnostics_line(d, i) > 0;
    }
  }
  if (want && !found) fail_msg("%s: no finding of rule xml at %u:%u", path, line, column);
  if (!want && xml) fail_msg("%s: a finding of rule xml for a file that loads", path);
  if (!want && rule && !found) fail_msg("%s: no finding of rule %s", path, rule);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);
  free(data);
  WITHIN(2.0, path, t0);
}

static int run_manifest(const char *dir) {
  char manifest[1024];
  snprintf(manifest, sizeof manifest, "%s/expected.txt", dir);
  FILE *f = fopen(manifest, "r");
  if (!f) fail_msg("cannot open %s", manifest);
  char line[512];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    char name[256], status[64], rule[64] = "";
    unsigned el, ec;
    if (line[0] == '#') continue;
    int k = sscanf(line, "%255s %63s %u %u %63s", name, status, &el, &ec, rule);
    if (k < 4) continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    check_case(path, status_by_name(status), el, ec, k == 5 ? rule : NULL);
    n++;
  }
  fclose(f);
  return n;
}

static void test_hostile_files(void **state) {
  (void)state;
  setenv("DANVAN_SCHEMA", DANVAN_SOURCE_DIR "/schema/danvan-1.xsd", 1);
  assert_true(run_manifest(CASES "hostile") >= 30);
}

/* The reader's own malformed-input cases (tests/cases/xml/), through the same checks. */
static void test_xml_cases(void **state) {
  (void)state;
  setenv("DANVAN_SCHEMA", DANVAN_SOURCE_DIR "/schema/danvan-1.xsd", 1);
  assert_true(run_manifest(CASES "xml") >= 50);
}

/* ---- generated: big, deep, wide ----------------------------------------------------------- */
typedef struct doc {
  char *s;
  size_t n, cap;
} doc;

static void put(doc *d, const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int k = vsnprintf(d->s + d->n, d->cap - d->n, fmt, ap);
    va_end(ap);
    assert_true(k >= 0);
    if ((size_t)k < d->cap - d->n) {
      d->n += (size_t)k;
      return;
    }
    d->cap = (d->cap + (size_t)k + 1) * 2;
    d->s = realloc(d->s, d->cap);
    assert_non_null(d->s);
  }
}

static void put_fill(doc *d, char c, size_t count) {
  if (d->n + count + 1 > d->cap) {
    d->cap = d->n + count + 4096;
    d->s = realloc(d->s, d->cap);
    assert_non_null(d->s);
  }
  memset(d->s + d->n, c, count);
  d->n += count;
  d->s[d->n] = '\0';
}

/* Load d under options; the status, and the error's place when it fails. */
static int32_t load_doc(const doc *d, const danvan_xml_options *o, const char *what,
                        double bound) {
  danvan_dataset *ds = NULL;
  double t0 = now();
  danvan_error_clear();
  int32_t rc = danvan_dataset_load_memory(&ds, d->s, d->n, "generated.xml", o);
  WITHIN(bound, what, t0);
  if (rc) {
    assert_null(ds);
    assert_int_equal(danvan_error_code(), rc);
    assert_true(danvan_error_message()[0] != '\0');
    assert_string_equal(danvan_error_file(), "generated.xml");
    assert_true(danvan_error_line() > 0);
  }
  danvan_dataset_free(ds);
  return rc;
}

static void test_huge_values(void **state) {
  (void)state;
  const size_t big = 50u << 20;
  doc d = {0};
  /* a 50 MB attribute value: beyond the default limit, and beyond libxml2's own */
  put(&d, HEAD "\n<people><person id=\"p\" name=\"");
  put_fill(&d, 'x', big);
  put(&d, "\"/></people></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "50 MB attribute", 5), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 2);
  danvan_xml_options *o = NULL;
  assert_int_equal(danvan_xml_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_text(o, 100u << 20), DANVAN_OK);
  assert_int_equal(load_doc(&d, o, "50 MB attribute, larger limit", 5), DANVAN_ELIMIT);

  /* a 50 MB text: the default limit */
  d.n = 0;
  put(&d, HEAD "\n<report id=\"r\">\n<note>");
  put_fill(&d, 'x', big);
  put(&d, "</note></report></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "50 MB text", 5), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 3);
  assert_non_null(strstr(danvan_error_message(), "limit"));

  /* a 50 MB comment and processing instruction: libxml2's limit */
  d.n = 0;
  put(&d, HEAD "\n<!--");
  put_fill(&d, '-' + 1, big);
  put(&d, "--></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "50 MB comment", 5), DANVAN_ELIMIT);
  d.n = 0;
  put(&d, HEAD "\n<?pi ");
  put_fill(&d, 'x', big);
  put(&d, "?></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "50 MB processing instruction", 5), DANVAN_ELIMIT);

  /* and the input size limit stops a large input early */
  assert_int_equal(danvan_xml_options_set_max_input(o, 1u << 20), DANVAN_OK);
  assert_int_equal(load_doc(&d, o, "50 MB input, 1 MB limit", 1), DANVAN_ELIMIT);
  danvan_xml_options_free(o);
  free(d.s);
}

static void test_deep_nesting(void **state) {
  (void)state;
  doc d = {0};
  const size_t depth = 10000;
  /* entities of the format */
  put(&d, HEAD "\n<plan id=\"p\">");
  size_t at = d.n;
  for (size_t i = 0; i < depth; i++) put(&d, "<task>");
  for (size_t i = 0; i < depth; i++) put(&d, "</task>");
  put(&d, "</plan></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "10 000 nested tasks", 2), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 2);
  /* the root, the plan and 254 tasks make the default depth of 256: the 255th task fails */
  assert_int_equal(danvan_error_column(), at - strlen(HEAD "\n") + 254 * strlen("<task>") + 1);
  /* under a larger limit it loads, in bounded time */
  danvan_xml_options *o = NULL;
  assert_int_equal(danvan_xml_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_depth(o, 20000), DANVAN_OK);
  assert_int_equal(load_doc(&d, o, "10 000 nested tasks, larger limit", 2), DANVAN_OK);
  danvan_xml_options_free(o);

  /* foreign elements, inside a text field */
  d.n = 0;
  put(&d, "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:x\">\n<report id=\"r\"><note>");
  for (size_t i = 0; i < depth; i++) put(&d, "<x:a>");
  for (size_t i = 0; i < depth; i++) put(&d, "</x:a>");
  put(&d, "</note></report></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "10 000 nested foreign elements", 2), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 2);
  free(d.s);
}

/* libxml2 2.9 checks a tag's attributes for duplicates in quadratic time: 100 000 attributes
   took 9 s before the reader counted them first. */
static void test_many_attributes(void **state) {
  (void)state;
  doc d = {0};
  put(&d, "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:x\">\n<people>\n  <person id=\"p\"");
  for (int i = 0; i < 100000; i++) put(&d, " x:a%d=\"%d\"", i, i);
  put(&d, "/>\n</people></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "100 000 attributes", 1), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 3);
  assert_int_equal(danvan_error_column(), 3);
  assert_non_null(strstr(danvan_error_message(), "attributes"));
  /* unknown ones: the same */
  d.n = 0;
  put(&d, HEAD "<people><person id=\"p\"");
  for (int i = 0; i < 100000; i++) put(&d, " a%d=\"\"", i);
  put(&d, "/></people></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "100 000 unknown attributes", 1), DANVAN_ELIMIT);

  /* 1000 attributes and declarations on one element load; 1001 do not */
  for (int extra = 0; extra < 2; extra++) {
    d.n = 0;
    put(&d, "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n<people><person xmlns:x=\"urn:x\" id=\"p\"");
    for (int i = 0; i < 998 + extra; i++) put(&d, " x:a%d = '%d'", i, i);
    put(&d, "/></people></danvan>\n");
    assert_int_equal(load_doc(&d, NULL, "1000 attributes", 1), extra ? DANVAN_ELIMIT : DANVAN_OK);
  }
  free(d.s);
}

/* libxml2 looks a prefix up through every declaration in scope: 250 levels of 1000
   declarations took minutes before the reader counted the declarations in scope. */
static void test_namespaces_in_scope(void **state) {
  (void)state;
  doc d = {0};
  for (int extra = 0; extra < 2; extra++) {
    d.n = 0;
    put(&d, HEAD "\n<report id=\"r\"><note>");
    for (int level = 0; level < 4; level++) {
      put(&d, "<x:l xmlns:x=\"urn:x\"");
      for (int i = 0; i < (level == 3 ? 62 + extra : 63); i++) put(&d, " xmlns:n%d_%d=\"urn:n\"", level, i);
      put(&d, ">");
    }
    for (int level = 0; level < 4; level++) put(&d, "</x:l>");
    put(&d, "</note></report></danvan>\n");
    /* the default namespace, 3 x 64 and 63: 256, and one more with the extra one */
    assert_int_equal(load_doc(&d, NULL, "namespaces in scope", 1),
                     extra ? DANVAN_ELIMIT : DANVAN_OK);
  }
  assert_int_equal(danvan_error_line(), 2);
  assert_non_null(strstr(danvan_error_message(), "namespace"));
  /* declarations of siblings are not in scope together */
  d.n = 0;
  put(&d, HEAD "\n<report id=\"r\"><note>");
  for (int k = 0; k < 20; k++) {
    put(&d, "<x:s xmlns:x=\"urn:x\"");
    for (int i = 0; i < 200; i++) put(&d, " xmlns:n%d=\"urn:n\"", i);
    put(&d, "/>");
  }
  put(&d, "</note></report></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "sibling declarations", 1), DANVAN_OK);
  free(d.s);
}

/* The counting follows the markup: '=' in values, comments, CDATA, processing instructions and
   the document type declaration are not attributes. */
static void test_counting_follows_markup(void **state) {
  (void)state;
  doc d = {0};
  put(&d, "<?xml version=\"1.0\"?>\n<?pi ");
  for (int i = 0; i < 1500; i++) put(&d, "a=");
  put(&d, "?>\n<!DOCTYPE danvan SYSTEM \"");
  for (int i = 0; i < 1500; i++) put(&d, "=>'");
  put(&d, "\" [<!-- ");
  for (int i = 0; i < 1500; i++) put(&d, "a=\"<b");
  put(&d, " -->]>\n" HEAD "\n<people><person id=\"p\" name=\"");
  for (int i = 0; i < 1500; i++) put(&d, "a=&gt;'");
  put(&d, "\"/></people>\n<report id=\"r\"><note><![CDATA[");
  for (int i = 0; i < 1500; i++) put(&d, "<a b=\"1\">");
  put(&d, "]]><!--");
  for (int i = 0; i < 1500; i++) put(&d, "<a b=1 ->");
  put(&d, "--></note></report></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "'=' outside attributes", 1), DANVAN_OK);
  free(d.s);
}

/* A small entity used many times (quadratic blow-up) is refused at its declaration. */
static void test_entity_expansion(void **state) {
  (void)state;
  doc d = {0};
  put(&d, "<?xml version=\"1.0\"?>\n<!DOCTYPE danvan [<!ENTITY a \"");
  put_fill(&d, 'a', 50000);
  put(&d, "\">]>\n" HEAD "<report id=\"r\"><note>");
  for (int i = 0; i < 50000; i++) put(&d, "&a;");
  put(&d, "</note></report></danvan>\n");
  assert_int_equal(load_doc(&d, NULL, "quadratic blow-up", 1), DANVAN_EUNSUPPORTED);
  assert_int_equal(danvan_error_line(), 2);
  /* undeclared, the references are errors; none is expanded */
  d.n = 0;
  put(&d, HEAD "<report id=\"r\"><note>");
  for (int i = 0; i < 50000; i++) put(&d, "&a;");
  put(&d, "</note></report></danvan>\n");
  int32_t rc = load_doc(&d, NULL, "undeclared references", 1);
  assert_true(rc == DANVAN_EPARSE || rc == DANVAN_EUNSUPPORTED);
  free(d.s);
}

/* ---- generated: text ---------------------------------------------------------------------- */
static char *repeat(const char *unit, size_t bytes, const char *prefix) {
  size_t u = strlen(unit), p = strlen(prefix), n = bytes / u;
  char *s = malloc(p + n * u + 1);
  assert_non_null(s);
  memcpy(s, prefix, p);
  for (size_t i = 0; i < n; i++) memcpy(s + p + i * u, unit, u);
  s[p + n * u] = '\0';
  return s;
}

typedef int32_t (*text_fn)(char **, const char *);

static void text_within(text_fn fn, const char *s, const char *what, double bound) {
  char *out = NULL;
  double t0 = now();
  int32_t rc = fn(&out, s);
  WITHIN(bound, what, t0);
  assert_int_equal(rc, DANVAN_OK);
  danvan_free(out);
}

/* utf8proc sorts combining marks with a bubble sort: a megabyte of alternating marks took
   minutes before the normaliser ordered them itself. */
static void test_text_runs(void **state) {
  (void)state;
  const size_t mb = 1u << 20;
  char *marks = repeat("\xcc\x81\xcc\xa3", mb, "a"); /* acute (230), dot below (220) */
  text_within(danvan_text_normalize, marks, "normalize: 1 MB of marks", 1);
  text_within(danvan_text_match_key, marks, "match_key: 1 MB of marks", 1);
  /* and in canonical order: dot below before acute, whatever the order written */
  char *out = NULL;
  assert_int_equal(danvan_text_normalize(&out, "e\xcc\x82\xcc\xa3"), DANVAN_OK);
  assert_string_equal(out, "\xe1\xbb\x87"); /* ệ */
  danvan_free(out);
  free(marks);
  const char *units[] = {"*a", "**a ", "a** ", "_a ", "<", "<a ", "<!--", "&", "&#", "*_", "`"};
  for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
    char *s = repeat(units[i], mb, "");
    text_within(danvan_text_strip_markup, s, units[i], 2);
    text_within(danvan_text_match_key, s, units[i], 2);
    free(s);
  }
  /* parsers stop early on long runs */
  char *digits = repeat("9", mb, "");
  int64_t c = 0;
  int32_t sc = 0;
  double t0 = now();
  assert_int_equal(danvan_vn_number_parse(&c, &sc, NULL, digits), DANVAN_ELIMIT);
  assert_true(danvan_error_message()[0] != '\0');
  free(digits);
  char *blanks = repeat(" ", mb, "");
  assert_int_equal(danvan_vn_number_parse(&c, &sc, NULL, blanks), DANVAN_EPARSE);
  assert_true(danvan_error_offset() >= 0);
  free(blanks);
  char *words = repeat("ngày ", mb, "");
  int32_t a = 0, b = 0;
  assert_int_equal(danvan_vn_date_range_parse(&a, &b, NULL, words), DANVAN_EPARSE);
  free(words);
  WITHIN(1, "parsers on 1 MB", t0);
}

/* ---- generated: text for the importer ----------------------------------------------------- */
static int32_t import_within(const char *text, size_t len, const char *what, double bound,
                             danvan_import_result **res) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  double t0 = now();
  danvan_error_clear();
  int32_t rc = danvan_import_text_result(res, ds, text, len, "hostile.txt", NULL);
  WITHIN(bound, what, t0);
  if (rc) {
    assert_int_equal(danvan_error_code(), rc);
    assert_true(danvan_error_message()[0] != '\0');
  } else {
    /* what was built can be written out */
    char *out = NULL;
    assert_int_equal(danvan_dataset_to_xml(&out, NULL, ds), DANVAN_OK);
    danvan_free(out);
  }
  danvan_dataset_free(ds); /* the result keeps what it needs */
  return rc;
}

static void test_import_hostile(void **state) {
  (void)state;
  const size_t mb = 1u << 20;
  danvan_import_result *res = NULL;
  /* one line of a megabyte */
  char *s = repeat("Tổ chức ra quân làm công tác dân vận ", mb, "KẾ HOẠCH\n");
  assert_int_equal(import_within(s, strlen(s), "1 MB line", 2, &res), DANVAN_OK);
  danvan_import_result_free(res);
  free(s);
  /* a megabyte of combining marks on one line (utf8proc's bubble sort: minutes) */
  s = repeat("\xcc\x81\xcc\xa3", mb, "KẾ HOẠCH\na");
  assert_int_equal(import_within(s, strlen(s), "1 MB of marks", 2, &res), DANVAN_OK);
  danvan_import_result_free(res);
  free(s);
  /* the same quota line 37 000 times: ids made unique in linear time (was quadratic) */
  s = repeat("+ Có ít nhất 01 công trình.\n", mb, "KẾ HOẠCH\n");
  assert_int_equal(import_within(s, strlen(s), "1 MB of quota lines", 4, &res), DANVAN_OK);
  danvan_import_result_free(res);
  free(s);
  /* 32 000 task items on one line: qualifiers looked for near each number (was quadratic) */
  s = repeat("- Ấp Cầu: phát quang 3.000m, kinh phí 90 triệu đồng; ", mb, "KẾ HOẠCH\nII- NỘI DUNG\n");
  assert_int_equal(import_within(s, strlen(s), "1 MB of task items", 8, &res), DANVAN_OK);
  danvan_import_result_free(res);
  free(s);
  /* bytes that are not text: replaced and reported with their line */
  s = malloc(mb);
  assert_non_null(s);
  uint32_t x = 12345;
  for (size_t i = 0; i < mb; i++) {
    x = x * 1103515245u + 12345u;
    s[i] = (char)(x >> 24);
  }
  memcpy(s, "KẾ HOẠCH\n", strlen("KẾ HOẠCH\n"));
  assert_int_equal(import_within(s, mb, "1 MB of random bytes", 4, &res), DANVAN_OK);
  assert_true(danvan_import_result_count(res) > 0);
  for (size_t i = 0; i < danvan_import_result_count(res); i++) {
    assert_true(danvan_import_result_line(res, i) > 0);
    assert_true(danvan_import_result_message(res, i)[0] != '\0');
  }
  danvan_import_result_free(res);
  /* NUL bytes in the middle of a line */
  static const char nul[] = "KẾ HOẠCH\nPhối hợp\0liên ngành\nI- MỤC ĐÍCH\nNội dung.\n";
  assert_int_equal(import_within(nul, sizeof nul - 1, "NUL bytes", 1, &res), DANVAN_OK);
  bool line2 = false;
  for (size_t i = 0; i < danvan_import_result_count(res); i++)
    line2 |= danvan_import_result_line(res, i) == 2;
  assert_true(line2);
  danvan_import_result_free(res);
  /* nothing that looks like a document */
  memset(s, '\n', mb);
  res = NULL;
  assert_int_equal(import_within(s, mb, "1 MB of line breaks", 1, &res), DANVAN_EPARSE);
  assert_null(res);
  free(s);
  /* more than 64 MiB: refused at once */
  size_t big = (64u << 20) + 1;
  s = malloc(big);
  assert_non_null(s);
  memset(s, 'a', big);
  assert_int_equal(import_within(s, big, "64 MiB + 1", 0.5, &res), DANVAN_ELIMIT);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hostile_files),
      cmocka_unit_test(test_xml_cases),
      cmocka_unit_test(test_huge_values),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_many_attributes),
      cmocka_unit_test(test_namespaces_in_scope),
      cmocka_unit_test(test_counting_follows_markup),
      cmocka_unit_test(test_entity_expansion),
      cmocka_unit_test(test_text_runs),
      cmocka_unit_test(test_import_hostile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
