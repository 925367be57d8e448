/* Data-driven rule cases: tests/cases/rules/<rule>/{invalid.xml, invalid.expected, valid.xml}.
   invalid.xml must give exactly the findings of invalid.expected (one "rule severity line" per
   line, in the order of the list); valid.xml must give no finding at all. Every rule of the
   catalogue has a case. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define CASES DANVAN_SOURCE_DIR "/tests/cases/rules"

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The case folders, sorted. */
static size_t list_cases(char ***out) {
  DIR *dir = opendir(CASES);
  assert_non_null(dir);
  char **names = NULL;
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(dir))) {
    if (de->d_name[0] == '.' || strchr(de->d_name, '.')) continue; /* folders only */
    names = realloc(names, (n + 1) * sizeof *names);
    assert_non_null(names);
    names[n++] = strdup(de->d_name);
  }
  closedir(dir);
  qsort(names, n, sizeof *names, cmp_str);
  *out = names;
  return n;
}

static danvan_diagnostics *validate(const char *path) {
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_language(o, "en"), DANVAN_OK);
  danvan_diagnostics *d = NULL;
  int32_t rc = danvan_validate_file(&d, path, o);
  if (rc) fprintf(stderr, "%s: %s\n", path, danvan_error_message());
  assert_int_equal(rc, DANVAN_OK);
  danvan_validate_options_free(o);
  return d;
}

static char *read_text(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  int ch;
  while ((ch = fgetc(f)) != EOF) {
    if (len + 2 > cap) {
      cap = cap ? cap * 2 : 256;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    buf[len++] = (char)ch;
  }
  fclose(f);
  if (!buf) buf = calloc(1, 1);
  else buf[len] = '\0';
  return buf;
}

static void test_cases(void **state) {
  (void)state;
  char **names = NULL;
  size_t n = list_cases(&names);
  assert_true(n > 0);
  int failures = 0;
  for (size_t i = 0; i < n; i++) {
    char path[1024], got[8192] = "";
    /* invalid.xml against invalid.expected */
    snprintf(path, sizeof path, "%s/%s/invalid.xml", CASES, names[i]);
    danvan_diagnostics *d = validate(path);
    int of_rule = 0;
    for (size_t k = 0; k < danvan_diagnostics_count(d); k++) {
      char line[128];
      snprintf(line, sizeof line, "%s %s %u\n", danvan_diagnostics_rule(d, k),
               danvan_severity_name(danvan_diagnostics_severity(d, k), "en"),
               danvan_diagnostics_line(d, k));
      strncat(got, line, sizeof got - strlen(got) - 1);
      if (strcmp(danvan_diagnostics_rule(d, k), names[i]) == 0) of_rule++;
    }
    danvan_diagnostics_free(d);
    snprintf(path, sizeof path, "%s/%s/invalid.expected", CASES, names[i]);
    char *want = read_text(path);
    if (!want || strcmp(want, got) != 0 || !of_rule) {
      fprintf(stderr, "case %s: expected\n%sgot\n%s", names[i], want ? want : "(no file)\n", got);
      failures++;
    }
    free(want);
    /* valid.xml: nothing at all */
    snprintf(path, sizeof path, "%s/%s/valid.xml", CASES, names[i]);
    d = validate(path);
    if (danvan_diagnostics_total(d)) {
      fprintf(stderr, "case %s: valid.xml gives %zu findings, first: [%s] line %u: %s\n", names[i],
              danvan_diagnostics_total(d), danvan_diagnostics_rule(d, 0),
              danvan_diagnostics_line(d, 0), danvan_diagnostics_message(d, 0));
      failures++;
    }
    danvan_diagnostics_free(d);
  }
  /* every rule has a case */
  for (size_t r = 0; r < danvan_rule_count(); r++) {
    const char *id = danvan_rule_id(r);
    if (!bsearch(&id, names, n, sizeof *names, cmp_str)) {
      fprintf(stderr, "rule %s has no case folder\n", id);
      failures++;
    }
  }
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  assert_int_equal(failures, 0);
}

/* The seed data: what validate reports on examples/data (docs/rules.md lists it). */
static void test_seed_data(void **state) {
  (void)state;
  static const struct {
    const char *file, *expected;
  } seeds[] = {
      {"tan-phong-2024-dot2.xml",
       "draft 150|anniversary-span 289|implausible 467|total-sum 517|total-sum 517|total-sum 520|"
       "total-sum 520|total-product 532|"},
      {"tay-ninh-2020-dot2.xml", "draft 76|draft 76|empty-scope 260|empty-scope 265|"},
      {"tra-vinh-2021-dan-van-kheo.xml", ""},
      {"quang-ngai-2021.xml", "draft 83|draft 83|draft 177|draft 178|"},
  };
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[1024], got[2048] = "";
    snprintf(path, sizeof path, "%s/examples/data/%s", DANVAN_SOURCE_DIR, seeds[i].file);
    danvan_diagnostics *d = validate(path);
    for (size_t k = 0; k < danvan_diagnostics_count(d); k++) {
      char item[128];
      snprintf(item, sizeof item, "%s %u|", danvan_diagnostics_rule(d, k), danvan_diagnostics_line(d, k));
      strncat(got, item, sizeof got - strlen(got) - 1);
    }
    if (strcmp(got, seeds[i].expected) != 0) fprintf(stderr, "%s: got %s\n", seeds[i].file, got);
    assert_string_equal(got, seeds[i].expected);
    danvan_diagnostics_free(d);
  }
  /* the plan and its reports, together: the reports are clean */
  const char *paths[2] = {DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2.xml",
                          DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2-reports.xml"};
  danvan_diagnostics *d = NULL;
  assert_int_equal(danvan_validate_files(&d, paths, 2, NULL), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_total(d), 8);
  danvan_diagnostics_free(d);
  /* a file that cannot be read is an error, not a finding */
  assert_int_equal(danvan_validate_file(&d, DANVAN_SOURCE_DIR "/no/such/file.xml", NULL), DANVAN_EIO);
  assert_null(d);
}

/* ---- the schema checked during the load's own parse -------------------------------------- */
static char *temp_file(const char *dir, const char *name, const char *text) {
  size_t len = strlen(dir) + strlen(name) + 2;
  char *path = malloc(len);
  assert_non_null(path);
  snprintf(path, len, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
  assert_int_equal(fclose(f), 0);
  return path;
}

/* "rule line:column|" for each finding. */
static void summary(const danvan_diagnostics *d, char *out, size_t cap) {
  out[0] = '\0';
  for (size_t k = 0; k < danvan_diagnostics_count(d); k++) {
    char item[128];
    snprintf(item, sizeof item, "%s %u:%u|", danvan_diagnostics_rule(d, k),
             danvan_diagnostics_line(d, k), danvan_diagnostics_column(d, k));
    strncat(out, item, cap - strlen(out) - 1);
  }
}

#define HEAD_XML "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT_XML "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"

static void test_schema_one_pass(void **state) {
  (void)state;
  char tmpl[] = "/tmp/danvan-onepass-XXXXXX";
  const char *dir = mkdtemp(tmpl);
  assert_non_null(dir);
  char got[4096];
  /* a file of many 64 KiB chunks: each bad id is found at its own line, in document order */
  size_t cap = 6u << 20, n = 0;
  char *big = malloc(cap);
  assert_non_null(big);
  n += (size_t)snprintf(big + n, cap - n, HEAD_XML ROOT_XML "<metrics>\n");
  for (int i = 0; i < 40000; i++) /* metric i is on line 4 + i */
    n += (size_t)snprintf(big + n, cap - n,
                          i % 9000 == 4500 ? "<metric name=\"Metric %d\"/>\n" /* no id */
                                           : "<metric id=\"m%d\" name=\"Metric\"/>\n", i);
  snprintf(big + n, cap - n, "</metrics>\n</danvan>\n");
  char *big_path = temp_file(dir, "big.xml", big);
  free(big);
  danvan_diagnostics *d = validate(big_path);
  summary(d, got, sizeof got);
  assert_string_equal(got, "schema 4504:0|schema 13504:0|schema 22504:0|schema 31504:0|");
  danvan_diagnostics_free(d);
  /* with the schema off, nothing */
  danvan_validate_options *o = NULL;
  assert_int_equal(danvan_validate_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_validate_options_set_schema(o, 0), DANVAN_OK);
  assert_int_equal(danvan_validate_file(&d, big_path, o), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_total(d), 0);
  danvan_diagnostics_free(d);
  danvan_validate_options_free(o);

  /* a file the reader refuses for its structure: the schema's findings cover the whole file,
     after the place of refusal too, and the reader's finding is there */
  char *refused = temp_file(dir, "refused.xml",
                            HEAD_XML ROOT_XML "<metrics>\n<metric name=\"a\"/>\n"
                            "<metric id=\"m2\" colour=\"red\"/>\n"
                            "<metric name=\"c\"/>\n</metrics>\n</danvan>\n");
  d = validate(refused);
  summary(d, got, sizeof got);
  assert_string_equal(got, "schema 4:0|schema 5:0|xml 5:17|schema 6:0|");
  danvan_diagnostics_free(d);

  /* a document type declaration: the file loads, its schema findings are not taken */
  char *doctype = temp_file(dir, "doctype.xml",
                            HEAD_XML "<!DOCTYPE danvan>\n" ROOT_XML
                            "<metrics>\n<metric name=\"a\"/>\n</metrics>\n</danvan>\n");
  d = validate(doctype);
  assert_int_equal(danvan_diagnostics_total(d), 0);
  danvan_diagnostics_free(d);

  /* a reference to an entity a document type might declare: the reader's finding alone, at
     the place the plain load gives */
  char *entity = temp_file(dir, "entity.xml",
                           HEAD_XML "<!DOCTYPE danvan SYSTEM \"x.dtd\">\n" ROOT_XML
                           "<people>\n<person id=\"p\" name=\"a\">&x;</person>\n</people>\n"
                           "</danvan>\n");
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_load(&ds, entity, NULL);
  assert_int_not_equal(rc, DANVAN_OK);
  char want[128];
  snprintf(want, sizeof want, "xml %u:%u|", danvan_error_line(), danvan_error_column());
  d = validate(entity);
  summary(d, got, sizeof got);
  assert_string_equal(got, want);
  danvan_diagnostics_free(d);

  /* files together: each file's findings, the rules over all of them */
  const char *paths[2] = {big_path, refused};
  assert_int_equal(danvan_validate_files(&d, paths, 2, NULL), DANVAN_OK);
  assert_int_equal(danvan_diagnostics_total(d), 8);
  danvan_diagnostics_free(d);

  const char *files[] = {big_path, refused, doctype, entity};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    remove(files[i]);
    free((void *)files[i]);
  }
  rmdir(dir);
}

/* The danvan tool: output lines and exit status. */
static int tool(const char *args, char *out, size_t cap) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "cd '%s' && '%s/danvan' validate %s 2>/dev/null", DANVAN_SOURCE_DIR,
           DANVAN_BINARY_DIR, args);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t n = fread(out, 1, cap - 1, p);
  out[n] = '\0';
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_tool(void **state) {
  (void)state;
  static char out[1 << 16];
  assert_int_equal(tool("--lang en examples/data/tan-phong-2024-dot2.xml", out, sizeof out), 1);
  assert_non_null(strstr(out, "examples/data/tan-phong-2024-dot2.xml:517:5: error: declares 8900 m, "
                              "but its parts add up to 9900 m [total-sum]\n"));
  assert_non_null(strstr(out, "examples/data/tan-phong-2024-dot2.xml:150:3: info: the plan has a blank "
                              "number [draft]\n"));
  assert_int_equal(tool("--lang vi examples/data/tan-phong-2024-dot2.xml", out, sizeof out), 1);
  assert_non_null(strstr(out, ":532:5: lỗi: 25 × 500000 = 12500000, không phải 10500000 như đã ghi [total-product]"));
  assert_non_null(strstr(out, ": cảnh báo: "));
  assert_non_null(strstr(out, ": thông tin: "));
  /* no findings; infos only; warnings with and without --werror */
  assert_int_equal(tool("examples/data/tra-vinh-2021-dan-van-kheo.xml", out, sizeof out), 0);
  assert_string_equal(out, "");
  assert_int_equal(tool("--werror examples/data/quang-ngai-2021.xml", out, sizeof out), 0);
  assert_int_equal(tool("examples/data/tay-ninh-2020-dot2.xml", out, sizeof out), 0);
  assert_int_equal(tool("--werror examples/data/tay-ninh-2020-dot2.xml", out, sizeof out), 1);
  /* unreadable, unparsable, bad usage */
  assert_int_equal(tool("no/such/file.xml", out, sizeof out), 2);
  assert_int_equal(tool("tests/cases/rules/xml/invalid.xml", out, sizeof out), 2);
  assert_int_equal(tool("--format json examples/data/quang-ngai-2021.xml", out, sizeof out), 2);
  assert_int_equal(tool("", out, sizeof out), 2);
  /* the cap, XML output, files together */
  assert_int_equal(tool("--max 2 --lang en examples/data/tan-phong-2024-dot2.xml", out, sizeof out), 1);
  size_t lines = 0;
  for (const char *c = out; *c; c++) lines += *c == '\n';
  assert_int_equal(lines, 2);
  assert_int_equal(tool("--format xml --lang en examples/data/tan-phong-2024-dot2.xml", out, sizeof out), 1);
  assert_true(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"
                           "<validation xmlns=\"urn:danvan:1\" language=\"en\" total=\"8\" errors=\"5\" warnings=\"2\" infos=\"1\">", 170) == 0);
  assert_non_null(strstr(out, "<finding rule=\"total-product\" severity=\"error\" file=\"examples/data/tan-phong-2024-dot2.xml\" "
                              "line=\"532\" column=\"5\" path=\"/danvan/plan[@id='tan-phong-2024-2']/total[@id='tot-gifts']\">"));
  assert_int_equal(tool("--together examples/data/tan-phong-2024-dot2.xml examples/data/tan-phong-2024-dot2-reports.xml",
                        out, sizeof out), 1);
}

int main(void) {
  setenv("LC_ALL", "C", 1);
  setenv("DANVAN_SCHEMA", DANVAN_SOURCE_DIR "/schema/danvan-1.xsd", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_seed_data),
      cmocka_unit_test(test_schema_one_pass),
      cmocka_unit_test(test_tool),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
