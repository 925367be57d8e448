/* XML format v1: import, export, atomic save, schema access. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <danvan/danvan.h>

#define DATA_DIR DANVAN_SOURCE_DIR "/tests/data/xml/"
#define CASES_DIR DANVAN_SOURCE_DIR "/tests/cases/xml/"

/* ---- helpers ------------------------------------------------------------------------------ */
static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  size_t k;
  while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *p = realloc(buf, (cap *= 2) + 1);
      if (!p) free(buf);
      buf = p;
    }
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

static void write_all(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

static char *to_xml(const danvan_dataset *ds, size_t *len) {
  char *out = NULL;
  int32_t rc = danvan_dataset_to_xml(&out, len, ds);
  if (rc) fprintf(stderr, "to_xml: %s\n", danvan_error_message());
  assert_int_equal(rc, DANVAN_OK);
  assert_non_null(out);
  return out;
}

static danvan_dataset *load(const char *path) {
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_load(&ds, path, NULL);
  if (rc)
    fprintf(stderr, "%s:%u:%u: %s\n", danvan_error_file(), danvan_error_line(),
            danvan_error_column(), danvan_error_message());
  assert_int_equal(rc, DANVAN_OK);
  return ds;
}

static danvan_dataset *load_mem(const char *xml) {
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_load_memory(&ds, xml, strlen(xml), NULL, NULL);
  if (rc) fprintf(stderr, "%u:%u: %s\n", danvan_error_line(), danvan_error_column(), danvan_error_message());
  assert_int_equal(rc, DANVAN_OK);
  return ds;
}

/* Status of loading `len` bytes from memory (the dataset, if any, is freed). */
static int32_t load_status(const char *data, size_t len, const danvan_xml_options *opts) {
  danvan_dataset *ds = NULL;
  int32_t rc = danvan_dataset_load_memory(&ds, data, len, "case.xml", opts);
  if (rc) assert_null(ds);
  danvan_dataset_free(ds);
  return rc;
}

static char *make_tmpdir(void) {
  char tmpl[] = "/tmp/danvan-test-xml-XXXXXX";
  char *d = mkdtemp(tmpl);
  assert_non_null(d);
  return strdup(d);
}

static char *path_in(const char *dir, const char *name) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *p = malloc(n);
  snprintf(p, n, "%s/%s", dir, name);
  return p;
}

static size_t count_dir_entries(const char *dir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void remove_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *p = path_in(dir, e->d_name);
    unlink(p);
    free(p);
  }
  closedir(d);
  rmdir(dir);
}

static const char *str(const danvan_entity *e, int32_t field) {
  const char *s = NULL;
  assert_int_equal(danvan_entity_get_string(&s, e, field), DANVAN_OK);
  return s;
}

/* ---- round trips -------------------------------------------------------------------------- */
static void test_full_file_is_canonical(void **state) {
  (void)state;
  size_t flen = 0, len = 0, len2 = 0;
  char *file = read_all(DATA_DIR "full.xml", &flen);
  assert_non_null(file);
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  char *out = to_xml(ds, &len);
  assert_int_equal(len, flen);
  assert_memory_equal(out, file, flen);
  assert_int_equal(strlen(out), len);
  /* import -> export -> import -> export */
  danvan_dataset *again = NULL;
  assert_int_equal(danvan_dataset_load_memory(&again, out, len, NULL, NULL), DANVAN_OK);
  char *out2 = to_xml(again, &len2);
  assert_int_equal(len2, len);
  assert_memory_equal(out2, out, len);
  assert_int_equal(danvan_dataset_entity_count(again), danvan_dataset_entity_count(ds));
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(ds);
  danvan_dataset_free(again);
  free(file);
}

/* full.xml must exercise the whole table: every kind, every field of every kind. */
static void walk(const danvan_entity *e, int *kinds, uint8_t (*fields)[DANVAN_FIELD_COUNT]) {
  int32_t k = danvan_entity_kind(e);
  kinds[k]++;
  for (size_t i = 0; i < danvan_kind_field_count(k); i++) {
    int32_t f = danvan_kind_field(k, i);
    if (danvan_entity_has(e, f)) fields[k][f] = 1;
  }
  for (size_t i = 0; i < danvan_entity_child_count(e, DANVAN_KIND_ANY); i++)
    walk(danvan_entity_child(e, DANVAN_KIND_ANY, i), kinds, fields);
}

static void test_full_file_covers_every_kind_and_field(void **state) {
  (void)state;
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  int kinds[DANVAN_KIND_COUNT] = {0};
  static uint8_t fields[DANVAN_KIND_COUNT][DANVAN_FIELD_COUNT];
  memset(fields, 0, sizeof fields);
  walk(danvan_dataset_root(ds), kinds, fields);
  for (int32_t k = DANVAN_KIND_DATASET + 1; k < DANVAN_KIND_COUNT; k++) {
    if (!kinds[k]) fail_msg("full.xml has no %s", danvan_kind_name(k));
    for (size_t i = 0; i < danvan_kind_field_count(k); i++) {
      int32_t f = danvan_kind_field(k, i);
      if (!fields[k][f]) fail_msg("no %s in full.xml sets %s", danvan_kind_name(k), danvan_field_name(f));
    }
  }
  danvan_dataset_free(ds);
}

static void test_model_of_full_file(void **state) {
  (void)state;
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  danvan_entity *plan = NULL, *e = NULL;
  assert_int_equal(danvan_dataset_find(&plan, ds, "tan-phong-2024-2"), DANVAN_OK);
  assert_int_equal(danvan_entity_kind(plan), DANVAN_KIND_PLAN);
  assert_string_equal(str(plan, DANVAN_F_NUMBER), "");
  assert_string_equal(str(plan, DANVAN_F_TITLE), "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024");
  int64_t t = 0;
  assert_int_equal(danvan_entity_get_time(&t, plan, DANVAN_F_END), DANVAN_OK);
  assert_int_equal(t, 20241224);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_TASK), 2);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_QUOTA), 3);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_DUTY), 3);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_FOREIGN), 1);
  /* entity text keeps '&', '<' and line breaks */
  e = danvan_entity_child(plan, DANVAN_KIND_OBJECTIVE, 0);
  assert_string_equal(str(e, DANVAN_F_TEXT), "Phát huy sức mạnh tổng hợp của hệ thống chính trị & nhân dân");
  danvan_entity *r = danvan_dataset_get(ds, DANVAN_KIND_REPORT, 0);
  e = danvan_entity_child(r, DANVAN_KIND_NOTE, 0);
  assert_string_equal(str(e, DANVAN_F_TEXT), "Ra quân phát quang tuyến Lộ kiểm.\nDòng thứ hai.");
  int64_t coef;
  int32_t scale;
  e = danvan_entity_child(r, DANVAN_KIND_VALUE, 2);
  assert_int_equal(danvan_entity_get_decimal(&coef, &scale, e, DANVAN_F_VALUE), DANVAN_OK);
  assert_int_equal(coef, -25);
  assert_int_equal(scale, 2);
  /* a foreign element keeps its text and the declaration it needs */
  e = danvan_entity_child(plan, DANVAN_KIND_FOREIGN, 0);
  assert_non_null(strstr(str(e, DANVAN_F_TEXT), "<ext:approval xmlns:ext=\"urn:example:ext\" by=\"bcd-tan-bien\">"));
  assert_non_null(strstr(str(e, DANVAN_F_TEXT), "<ext:note>Đã duyệt &amp; lưu</ext:note>"));
  /* section content interleaves text and sub-sections in document order */
  danvan_entity *sec = danvan_entity_child(plan, DANVAN_KIND_SECTION, 0);
  assert_int_equal(danvan_entity_kind(danvan_entity_child(sec, DANVAN_KIND_ANY, 0)), DANVAN_KIND_TEXT);
  assert_int_equal(danvan_entity_kind(danvan_entity_child(sec, DANVAN_KIND_ANY, 1)), DANVAN_KIND_SECTION);
  assert_int_equal(danvan_entity_kind(danvan_entity_child(sec, DANVAN_KIND_ANY, 2)), DANVAN_KIND_TEXT);
  danvan_dataset_free(ds);
}

static void test_messy_input_becomes_canonical(void **state) {
  (void)state;
  size_t elen = 0, len = 0;
  char *expected = read_all(DATA_DIR "messy.canonical.xml", &elen);
  assert_non_null(expected);
  danvan_dataset *ds = load(DATA_DIR "messy.xml");
  char *out = to_xml(ds, &len);
  assert_string_equal(out, expected);
  danvan_dataset_free(ds);
  /* the canonical form is a fixed point */
  ds = load(DATA_DIR "messy.canonical.xml");
  danvan_free(out);
  out = to_xml(ds, &len);
  assert_int_equal(len, elen);
  assert_string_equal(out, expected);
  danvan_free(out);
  danvan_dataset_free(ds);
  free(expected);
}

static void test_empty_dataset(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  char *out = to_xml(ds, NULL);
  assert_string_equal(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<danvan xmlns=\"urn:danvan:1\" version=\"1\"/>\n");
  danvan_dataset *back = load_mem(out);
  assert_int_equal(danvan_dataset_entity_count(back), 0);
  danvan_free(out);
  danvan_dataset_free(ds);
  danvan_dataset_free(back);
}

/* Values set through the API come back equal, including characters that need references. */
static void test_api_values_round_trip(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  danvan_entity *p = NULL, *plan = NULL, *task = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  danvan_entity *root = danvan_dataset_root(ds);
  assert_int_equal(danvan_entity_add(&p, root, DANVAN_KIND_PERSON, "p"), DANVAN_OK);
  const char *tricky = "tab\there \"quoted\" <a&b> line\nbreak cr\r end ' ]]>";
  assert_int_equal(danvan_entity_set(p, DANVAN_F_NAME, tricky), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, "pl"), DANVAN_OK);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_TITLE, ""), DANVAN_OK); /* empty title */
  assert_int_equal(danvan_entity_add(&task, plan, DANVAN_KIND_TASK, "t"), DANVAN_OK);
  assert_int_equal(danvan_entity_set(task, DANVAN_F_TITLE, tricky), DANVAN_OK);
  assert_int_equal(danvan_entity_set(task, DANVAN_F_COST, "12.50"), DANVAN_OK);
  size_t len = 0;
  char *out = to_xml(ds, &len);
  assert_non_null(strstr(out, "    <title/>\n"));
  assert_non_null(strstr(out, "name=\"tab&#9;here &quot;quoted&quot; &lt;a&amp;b&gt; line&#10;break cr&#13; end ' ]]&gt;\""));
  assert_non_null(strstr(out, "<title>tab\there \"quoted\" &lt;a&amp;b&gt; line\nbreak cr&#13; end ' ]]&gt;</title>"));
  assert_non_null(strstr(out, "<cost value=\"12.5\"/>"));
  danvan_dataset *back = load_mem(out);
  danvan_entity *e = NULL;
  assert_int_equal(danvan_dataset_find(&e, back, "p"), DANVAN_OK);
  assert_string_equal(str(e, DANVAN_F_NAME), tricky);
  assert_int_equal(danvan_dataset_find(&e, back, "t"), DANVAN_OK);
  assert_string_equal(str(e, DANVAN_F_TITLE), tricky);
  assert_int_equal(danvan_dataset_find(&e, back, "pl"), DANVAN_OK);
  assert_int_equal(danvan_entity_has(e, DANVAN_F_TITLE), 1);
  assert_string_equal(str(e, DANVAN_F_TITLE), "");
  char *out2 = to_xml(back, NULL);
  assert_string_equal(out2, out);
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(ds);
  danvan_dataset_free(back);
}

/* Foreign elements added through the API are written as they are, last in their parent; one
   without text is left out rather than written as an empty line. */
static void test_foreign_elements_from_the_api(void **state) {
  (void)state;
  danvan_dataset *ds = NULL;
  danvan_entity *plan = NULL, *f = NULL, *g = NULL, *note = NULL, *r = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  danvan_entity *root = danvan_dataset_root(ds);
  assert_int_equal(danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, "p"), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&f, plan, DANVAN_KIND_FOREIGN, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_set(f, DANVAN_F_TEXT, "<y:z xmlns:y=\"urn:y\"/>"), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&g, plan, DANVAN_KIND_FOREIGN, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_set(plan, DANVAN_F_TITLE, "T"), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&r, root, DANVAN_KIND_REPORT, "r"), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&note, r, DANVAN_KIND_NOTE, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_set(note, DANVAN_F_TEXT, "n"), DANVAN_OK);
  assert_int_equal(danvan_entity_add(&f, note, DANVAN_KIND_FOREIGN, NULL), DANVAN_OK);
  assert_int_equal(danvan_entity_set(f, DANVAN_F_TEXT, "<y:m xmlns:y=\"urn:y\"/>"), DANVAN_OK);
  char *out = to_xml(ds, NULL);
  assert_string_equal(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"
                           "  <plan id=\"p\">\n"
                           "    <title>T</title>\n"
                           "    <y:z xmlns:y=\"urn:y\"/>\n"
                           "  </plan>\n"
                           "  <report id=\"r\">\n"
                           "    <note>n<y:m xmlns:y=\"urn:y\"/></note>\n"
                           "  </report>\n"
                           "</danvan>\n");
  danvan_dataset *back = load_mem(out);
  char *out2 = to_xml(back, NULL);
  assert_string_equal(out2, out);
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(back);
  danvan_dataset_free(ds);
}

static void test_export_refuses_what_xml_cannot_carry(void **state) {
  (void)state;
  const char *bad[] = {"bell\a", "nul\x01", "bad utf-8 \xc3\x28", "surrogate \xed\xa0\x80",
                       "not a char \xef\xbf\xbf", "overlong \xc0\xaf", "cut \xe1\xbb"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    danvan_dataset *ds = NULL;
    danvan_entity *p = NULL;
    assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
    assert_int_equal(danvan_entity_add(&p, danvan_dataset_root(ds), DANVAN_KIND_PERSON, "p1"), DANVAN_OK);
    assert_int_equal(danvan_entity_set(p, DANVAN_F_NAME, bad[i]), DANVAN_OK);
    char *out = (char *)"untouched";
    size_t len = 99;
    assert_int_equal(danvan_dataset_to_xml(&out, &len, ds), DANVAN_EINVALID);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_non_null(strstr(danvan_error_message(), "name of a person 'p1'"));
    danvan_dataset_free(ds);
  }
}

/* ---- sources: path, descriptor, pipe, memory --------------------------------------------- */
static void test_load_from_fd_pipe_and_memory(void **state) {
  (void)state;
  size_t flen = 0;
  char *file = read_all(DATA_DIR "full.xml", &flen);
  danvan_dataset *ds = NULL;

  int fd = open(DATA_DIR "full.xml", O_RDONLY);
  assert_true(fd >= 0);
  assert_int_equal(danvan_dataset_load_fd(&ds, fd, "named.xml", NULL), DANVAN_OK);
  close(fd);
  char *out = to_xml(ds, NULL);
  assert_string_equal(out, file);
  danvan_entity *plan = danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0);
  assert_string_equal(danvan_entity_file(plan), "named.xml");
  danvan_free(out);
  danvan_dataset_free(ds);

  /* a pipe that delivers the document a few bytes at a time */
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    for (size_t i = 0; i < flen; i += 3) {
      size_t n = flen - i < 3 ? flen - i : 3;
      if (write(fds[1], file + i, n) != (ssize_t)n) _exit(1);
      if (i < 64) nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    free(file); /* the child's copy: valgrind checks the child's heap at _exit too */
    _exit(0);
  }
  close(fds[1]);
  ds = NULL;
  assert_int_equal(danvan_dataset_load_fd(&ds, fds[0], NULL, NULL), DANVAN_OK);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  out = to_xml(ds, NULL);
  assert_string_equal(out, file);
  assert_string_equal(danvan_entity_file(danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0)), "<fd>");
  danvan_free(out);
  danvan_dataset_free(ds);

  ds = NULL;
  assert_int_equal(danvan_dataset_load_memory(&ds, file, flen, NULL, NULL), DANVAN_OK);
  out = to_xml(ds, NULL);
  assert_string_equal(out, file);
  assert_string_equal(danvan_entity_file(danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0)), "<memory>");
  danvan_free(out);
  danvan_dataset_free(ds);
  free(file);
}

static void test_bad_arguments_and_missing_files(void **state) {
  (void)state;
  danvan_dataset *ds = (danvan_dataset *)&ds;
  assert_int_equal(danvan_dataset_load(NULL, DATA_DIR "full.xml", NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_load(&ds, NULL, NULL), DANVAN_EINVAL);
  assert_null(ds);
  assert_int_equal(danvan_dataset_load_fd(&ds, -1, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_load_memory(&ds, NULL, 5, NULL, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_merge(NULL, DATA_DIR "full.xml", NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_save(NULL, "/tmp/x.xml"), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_save_fd(NULL, 1), DANVAN_EINVAL);
  assert_int_equal(danvan_dataset_to_xml(NULL, NULL, NULL), DANVAN_EINVAL);

  assert_int_equal(danvan_dataset_load(&ds, DATA_DIR "no-such-file.xml", NULL), DANVAN_EIO);
  assert_null(ds);
  assert_string_equal(danvan_error_file(), DATA_DIR "no-such-file.xml");
  assert_non_null(strstr(danvan_error_message(), "No such file"));
  assert_int_equal(danvan_dataset_load(&ds, DATA_DIR, NULL), DANVAN_EIO);
  assert_non_null(strstr(danvan_error_message(), "directory"));

  danvan_xml_options *o = NULL;
  assert_int_equal(danvan_xml_options_new(NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_xml_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_depth(o, 0), DANVAN_EINVAL);
  assert_int_equal(danvan_xml_options_set_max_text(o, 0), DANVAN_EINVAL);
  assert_int_equal(danvan_xml_options_set_max_depth(NULL, 3), DANVAN_EINVAL);
  assert_int_equal(danvan_xml_options_set_max_input(NULL, 3), DANVAN_EINVAL);
  assert_int_equal(danvan_xml_options_set_max_input(o, 0), DANVAN_OK);
  danvan_xml_options_free(o);
  danvan_xml_options_free(NULL);
}

/* ---- positions ---------------------------------------------------------------------------- */
static void test_entities_record_where_they_were_read(void **state) {
  (void)state;
  const char *xml = "<?xml version=\"1.0\"?>\n"
                    "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"
                    "  <plan id=\"p\">\n"
                    "    <task id=\"t\"\n"
                    "          category=\"health\"><title>Khám bệnh</title><task id=\"t2\"/>\n"
                    "    </task>\n"
                    "  </plan>\n"
                    "</danvan>\n";
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_load_memory(&ds, xml, strlen(xml), "pos.xml", NULL), DANVAN_OK);
  danvan_entity *e = NULL;
  assert_int_equal(danvan_dataset_find(&e, ds, "p"), DANVAN_OK);
  assert_string_equal(danvan_entity_file(e), "pos.xml");
  assert_int_equal(danvan_entity_line(e), 3);
  assert_int_equal(danvan_entity_column(e), 3);
  assert_int_equal(danvan_dataset_find(&e, ds, "t"), DANVAN_OK);
  assert_int_equal(danvan_entity_line(e), 4); /* the '<' of a start tag over two lines */
  assert_int_equal(danvan_entity_column(e), 5);
  assert_int_equal(danvan_dataset_find(&e, ds, "t2"), DANVAN_OK);
  assert_int_equal(danvan_entity_line(e), 5);
  assert_int_equal(danvan_entity_column(e), 56); /* in bytes: "á" is two, "ệ" three */
  danvan_dataset_free(ds);
}

/* A document on one long line: columns stay exact (in bytes) far beyond the parser's buffer. */
static void test_columns_on_one_long_line(void **state) {
  (void)state;
  size_t cap = 4u << 20, n = 0;
  char *doc = malloc(cap);
  n += (size_t)sprintf(doc + n, "<danvan xmlns=\"urn:danvan:1\" version=\"1\"><people>");
  for (int i = 0; i < 20000; i++)
    n += (size_t)sprintf(doc + n, "<person id=\"p%05d\" name=\"Nguyễn Thị Ánh\"/>", i);
  size_t bogus = n + strlen("<person id=\"x\" ");
  n += (size_t)sprintf(doc + n, "<person id=\"x\" bogus=\"1\"/></people></danvan>");
  assert_int_equal(load_status(doc, n, NULL), DANVAN_EINVALID);
  assert_int_equal(danvan_error_line(), 1);
  assert_int_equal(danvan_error_column(), bogus + 1);
  assert_int_equal(danvan_error_offset(), (int64_t)bogus);
  /* and the entities of such a file know their columns */
  n -= strlen("<person id=\"x\" bogus=\"1\"/></people></danvan>");
  n += (size_t)sprintf(doc + n, "</people></danvan>");
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_load_memory(&ds, doc, n, NULL, NULL), DANVAN_OK);
  danvan_entity *e = NULL;
  assert_int_equal(danvan_dataset_find(&e, ds, "p19999"), DANVAN_OK);
  size_t per = strlen("<person id=\"p00000\" name=\"Nguyễn Thị Ánh\"/>");
  assert_int_equal(danvan_entity_column(e), strlen("<danvan xmlns=\"urn:danvan:1\" version=\"1\"><people>") + 19999 * per + 1);
  danvan_dataset_free(ds);
  free(doc);
}

/* ---- hostile and malformed input ---------------------------------------------------------- */
static int32_t status_by_name(const char *name) {
  for (int32_t s = -20; s <= 1; s++)
    if (strcmp(danvan_status_name(s), name) == 0) return s;
  fail_msg("unknown status %s", name);
  return 0;
}

static void test_cases_folder(void **state) {
  (void)state;
  FILE *f = fopen(CASES_DIR "expected.txt", "r");
  assert_non_null(f);
  char line[512];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    char name[256], status[64];
    unsigned el, ec;
    if (line[0] == '#' || sscanf(line, "%255s %63s %u %u", name, status, &el, &ec) != 4) continue;
    char path[1024];
    snprintf(path, sizeof path, CASES_DIR "%s", name);
    danvan_dataset *ds = NULL;
    danvan_error_clear();
    int32_t rc = danvan_dataset_load(&ds, path, NULL);
    int32_t want = status_by_name(status);
    if (rc != want || (rc && (danvan_error_line() != el || danvan_error_column() != ec)))
      fail_msg("%s: got %s at %u:%u (%s), expected %s at %u:%u", name, danvan_status_name(rc),
               danvan_error_line(), danvan_error_column(), danvan_error_message(), status, el, ec);
    if (rc) {
      assert_null(ds);
      assert_true(danvan_error_line() > 0);
      assert_string_equal(danvan_error_file(), path);
      assert_int_equal(danvan_error_code(), rc);
    }
    danvan_dataset_free(ds);
    n++;
  }
  fclose(f);
  assert_true(n >= 50);
}

/* An xi:include is a foreign element like any other: kept, never processed. */
static void test_xinclude_is_not_processed(void **state) {
  (void)state;
  danvan_dataset *ds = load(CASES_DIR "xinclude.xml");
  char *out = to_xml(ds, NULL);
  assert_non_null(strstr(out, "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                              "href=\"file:///etc/passwd\" parse=\"text\"/>"));
  assert_null(strstr(out, "root:"));
  danvan_free(out);
  danvan_dataset_free(ds);
}

static void test_deep_nesting(void **state) {
  (void)state;
  const char *head = "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n<plan id=\"p\">";
  size_t depth = 10000;
  size_t cap = strlen(head) + depth * 30 + 64, n = 0;
  char *doc = malloc(cap);
  n += (size_t)sprintf(doc + n, "%s", head);
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(doc + n, "<task>");
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(doc + n, "</task>");
  n += (size_t)sprintf(doc + n, "</plan></danvan>\n");
  assert_int_equal(load_status(doc, n, NULL), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 2);
  /* the root, the plan and 254 tasks are depth 256: the default limit; one more fails */
  size_t at = strlen(head) + 254 * 6;
  assert_int_equal(danvan_error_column(), (uint32_t)(at - strlen("<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n")) + 1);
  assert_string_equal(danvan_error_file(), "case.xml");

  /* exactly at the limit loads; so does deeper input under a larger limit */
  n = (size_t)sprintf(doc, "%s", head);
  for (size_t i = 0; i < 254; i++) n += (size_t)sprintf(doc + n, "<task>");
  for (size_t i = 0; i < 254; i++) n += (size_t)sprintf(doc + n, "</task>");
  n += (size_t)sprintf(doc + n, "</plan></danvan>\n");
  assert_int_equal(load_status(doc, n, NULL), DANVAN_OK);
  danvan_xml_options *o = NULL;
  assert_int_equal(danvan_xml_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_depth(o, 100), DANVAN_OK);
  assert_int_equal(load_status(doc, n, o), DANVAN_ELIMIT);
  assert_int_equal(danvan_xml_options_set_max_depth(o, 1000), DANVAN_OK);
  assert_int_equal(load_status(doc, n, o), DANVAN_OK);
  danvan_xml_options_free(o);

  /* deep foreign content counts too */
  n = (size_t)sprintf(doc, "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:x\">");
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(doc + n, "<x:a>");
  for (size_t i = 0; i < depth; i++) n += (size_t)sprintf(doc + n, "</x:a>");
  n += (size_t)sprintf(doc + n, "</danvan>");
  assert_int_equal(load_status(doc, n, NULL), DANVAN_ELIMIT);
  free(doc);
}

static void test_encodings_and_compression(void **state) {
  (void)state;
  const char *good = "<danvan xmlns=\"urn:danvan:1\" version=\"1\"/>";
  /* gzip: magic bytes 1f 8b (as written by gzip) */
  const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xb3, 0x49};
  assert_int_equal(load_status((const char *)gz, sizeof gz, NULL), DANVAN_EUNSUPPORTED);
  assert_non_null(strstr(danvan_error_message(), "gzip"));
  assert_int_equal(danvan_error_line(), 1);
  assert_int_equal(load_status("\xfd" "7zXZ\0\0\0", 8, NULL), DANVAN_EUNSUPPORTED);
  assert_int_equal(load_status("\x28\xb5\x2f\xfd\0\0", 6, NULL), DANVAN_EUNSUPPORTED);
  /* a gzip file on disk: never unpacked (libxml2's file reader would do it silently) */
  char *dir = make_tmpdir();
  char *p = path_in(dir, "plan.xml.gz");
  write_all(p, gz, sizeof gz);
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_load(&ds, p, NULL), DANVAN_EUNSUPPORTED);
  assert_string_equal(danvan_error_file(), p);
  assert_null(ds);
  unlink(p);
  free(p);
  remove_dir(dir);
  free(dir);

  /* UTF-16 with and without a byte order mark, UTF-32 */
  char u16[128];
  size_t n = 0;
  u16[n++] = (char)0xff;
  u16[n++] = (char)0xfe;
  for (const char *s = good; *s; s++) {
    u16[n++] = *s;
    u16[n++] = 0;
  }
  assert_int_equal(load_status(u16, n, NULL), DANVAN_EUNSUPPORTED);
  assert_non_null(strstr(danvan_error_message(), "UTF-16"));
  assert_int_equal(load_status(u16 + 2, n - 2, NULL), DANVAN_EUNSUPPORTED);
  assert_int_equal(load_status("\xff\xfe\0\0<\0\0\0", 8, NULL), DANVAN_EUNSUPPORTED);
  assert_non_null(strstr(danvan_error_message(), "UTF-32"));
  /* a UTF-8 byte order mark is fine, and so is a declared UTF-8 in any case */
  char bom[128];
  snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", good);
  assert_int_equal(load_status(bom, strlen(bom), NULL), DANVAN_OK);
  const char *decl = "<?xml version=\"1.0\" encoding=\"utf8\"?><danvan xmlns=\"urn:danvan:1\" version=\"1\"/>";
  assert_int_equal(load_status(decl, strlen(decl), NULL), DANVAN_OK);
  decl = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><danvan xmlns=\"urn:danvan:1\" version=\"1\"/>";
  assert_int_equal(load_status(decl, strlen(decl), NULL), DANVAN_EUNSUPPORTED);
  decl = "<?xml version=\"1.0\" encoding=\"windows-1258\"?><danvan xmlns=\"urn:danvan:1\" version=\"1\"/>";
  assert_int_equal(load_status(decl, strlen(decl), NULL), DANVAN_EUNSUPPORTED);
}

static void test_limits(void **state) {
  (void)state;
  danvan_xml_options *o = NULL;
  assert_int_equal(danvan_xml_options_new(&o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_text(o, 10), DANVAN_OK);
  const char *attr = "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n<people>\n"
                     "<person id=\"p\"\n  name=\"Trương Thị Kim Xanh\"/></people></danvan>";
  assert_int_equal(load_status(attr, strlen(attr), NULL), DANVAN_OK);
  assert_int_equal(load_status(attr, strlen(attr), o), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 4);
  assert_int_equal(danvan_error_column(), 3);
  const char *text = "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n<report id=\"r\">\n"
                     "<note>0123456789A</note></report></danvan>";
  assert_int_equal(load_status(text, strlen(text), o), DANVAN_ELIMIT);
  assert_int_equal(danvan_error_line(), 3);
  const char *foreign = "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:x\">\n"
                        "<x:a><x:b/><x:c/></x:a></danvan>";
  assert_int_equal(load_status(foreign, strlen(foreign), o), DANVAN_ELIMIT);
  assert_int_equal(danvan_xml_options_set_max_text(o, 100), DANVAN_OK);
  assert_int_equal(load_status(text, strlen(text), o), DANVAN_OK);

  /* total input size */
  size_t flen = 0;
  char *file = read_all(DATA_DIR "full.xml", &flen);
  assert_int_equal(danvan_xml_options_set_max_text(o, DANVAN_XML_DEFAULT_MAX_TEXT), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_input(o, flen), DANVAN_OK);
  assert_int_equal(load_status(file, flen, o), DANVAN_OK);
  assert_int_equal(danvan_xml_options_set_max_input(o, flen - 1), DANVAN_OK);
  assert_int_equal(load_status(file, flen, o), DANVAN_ELIMIT);
  assert_true(danvan_error_line() > 0);
  /* a large input stops at the limit, not at its end */
  size_t big = 3u << 20;
  char *huge = malloc(big);
  memset(huge, ' ', big);
  memcpy(huge, file, 300);
  assert_int_equal(danvan_xml_options_set_max_input(o, 1u << 20), DANVAN_OK);
  assert_int_equal(load_status(huge, big, o), DANVAN_ELIMIT);
  free(huge);
  free(file);
  danvan_xml_options_free(o);
}

/* ---- foreign namespaces ------------------------------------------------------------------- */
static void test_foreign_content_survives(void **state) {
  (void)state;
  const char *in =
      "<danvan xmlns=\"urn:danvan:1\" xmlns:x=\"urn:example:x\" xmlns:y=\"urn:example:y\" version=\"1\" x:origin=\"tool &amp; co\">\n"
      "  <people>\n"
      "    <person id=\"p\" y:hint=\"1\" name=\"A\" x:seen=\"2\"/>\n"
      "  </people>\n"
      "  <plan id=\"pl\">\n"
      "    <x:meta y:k=\"v\"><x:item>a &lt; b</x:item><plain/></x:meta>\n"
      "    <title>T</title>\n"
      "  </plan>\n"
      "  <report id=\"r\">\n"
      "    <note>abc <x:b>bold</x:b></note>\n"
      "  </report>\n"
      "</danvan>\n";
  const char *want =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:example:x\" x:origin=\"tool &amp; co\">\n"
      "  <people>\n"
      "    <person id=\"p\" name=\"A\" xmlns:y=\"urn:example:y\" y:hint=\"1\" xmlns:x=\"urn:example:x\" x:seen=\"2\"/>\n"
      "  </people>\n"
      "  <plan id=\"pl\">\n"
      "    <title>T</title>\n"
      "    <x:meta xmlns:x=\"urn:example:x\" xmlns:y=\"urn:example:y\" y:k=\"v\"><x:item>a &lt; b</x:item><plain xmlns=\"urn:danvan:1\"/></x:meta>\n"
      "  </plan>\n"
      "  <report id=\"r\">\n"
      "    <note>abc <x:b xmlns:x=\"urn:example:x\">bold</x:b></note>\n"
      "  </report>\n"
      "</danvan>\n";
  danvan_dataset *ds = load_mem(in);
  char *out = to_xml(ds, NULL);
  assert_string_equal(out, want);
  danvan_entity *plan = danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0);
  assert_int_equal(danvan_entity_child_count(plan, DANVAN_KIND_FOREIGN), 1);
  danvan_entity *f = danvan_entity_child(plan, DANVAN_KIND_FOREIGN, 0);
  assert_int_equal(danvan_entity_line(f), 6);
  assert_int_equal(danvan_entity_column(f), 5);
  /* and the canonical form is stable */
  danvan_dataset *back = load_mem(out);
  char *out2 = to_xml(back, NULL);
  assert_string_equal(out2, want);
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(ds);
  danvan_dataset_free(back);
}

/* ---- merge -------------------------------------------------------------------------------- */
static const char *reports_xml =
    "<danvan xmlns=\"urn:danvan:1\" xmlns:x=\"urn:x\" version=\"1\" x:batch=\"7\">\n"
    "  <report id=\"r-cau-1212\" plan=\"tan-phong-2024-2\" duty=\"d-daily\" org=\"bt-ap-cau\" start=\"2024-12-12\">\n"
    "    <value metric=\"road-cleared\">300</value>\n"
    "  </report>\n"
    "  <report id=\"r-cau-1213\" plan=\"tan-phong-2024-2\" duty=\"d-daily\" org=\"bt-ap-cau\" start=\"2024-12-13\"/>\n"
    "</danvan>\n";

static void test_merge_reports_into_plan(void **state) {
  (void)state;
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  size_t before = danvan_dataset_entity_count(ds);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_REPORT), 2);
  assert_int_equal(danvan_dataset_merge_memory(ds, reports_xml, strlen(reports_xml), "reports.xml", NULL),
                   DANVAN_OK);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_REPORT), 4);
  assert_int_equal(danvan_dataset_entity_count(ds), before + 3);
  danvan_entity *r = NULL, *plan = NULL;
  assert_int_equal(danvan_dataset_find(&r, ds, "r-cau-1212"), DANVAN_OK);
  assert_string_equal(danvan_entity_file(r), "reports.xml");
  assert_int_equal(danvan_entity_line(r), 2);
  assert_int_equal(danvan_entity_resolve(&plan, r, DANVAN_F_PLAN, 0), DANVAN_OK);
  assert_string_equal(danvan_entity_file(plan), DATA_DIR "full.xml");
  /* the merged reports come after the others, and the root keeps both files' attributes */
  assert_ptr_equal(danvan_dataset_get(ds, DANVAN_KIND_REPORT, 2), r);
  char *out = to_xml(ds, NULL);
  assert_non_null(strstr(out, "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:ext=\"urn:example:ext\" "
                              "ext:source=\"full.xml\" xmlns:x=\"urn:x\" x:batch=\"7\">"));
  danvan_free(out);

  /* from a descriptor and a path too; a root attribute merged again takes the new value */
  char *dir = make_tmpdir();
  char *p = path_in(dir, "more.xml");
  const char *more = "<danvan xmlns=\"urn:danvan:1\" xmlns:x=\"urn:x\" version=\"1\" x:batch=\"8\">"
                     "<report id=\"r-more\"/></danvan>";
  write_all(p, more, strlen(more));
  assert_int_equal(danvan_dataset_merge(ds, p, NULL), DANVAN_OK);
  int fd = open(p, O_RDONLY);
  assert_int_equal(danvan_dataset_merge_fd(ds, fd, "again.xml", NULL), DANVAN_OK);
  close(fd);
  assert_int_equal(danvan_dataset_count(ds, DANVAN_KIND_REPORT), 6);
  out = to_xml(ds, NULL);
  assert_non_null(strstr(out, "x:batch=\"8\">"));
  assert_null(strstr(out, "x:batch=\"7\""));
  danvan_free(out);
  unlink(p);
  free(p);
  remove_dir(dir);
  free(dir);

  /* another file binds the same prefix to another namespace: the prefix is renamed */
  const char *other = "<danvan xmlns=\"urn:danvan:1\" xmlns:x=\"urn:other\" version=\"1\" x:batch=\"9\"/>";
  assert_int_equal(danvan_dataset_merge_memory(ds, other, strlen(other), NULL, NULL), DANVAN_OK);
  out = to_xml(ds, NULL);
  assert_non_null(strstr(out, "xmlns:x=\"urn:x\" x:batch=\"8\" xmlns:x1=\"urn:other\" x1:batch=\"9\">"));
  danvan_dataset *back = load_mem(out);
  char *out2 = to_xml(back, NULL);
  assert_string_equal(out2, out);
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(back);
  danvan_dataset_free(ds);
}

static void test_failed_merge_leaves_dataset_as_it_was(void **state) {
  (void)state;
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  size_t before = danvan_dataset_entity_count(ds);
  char *xml_before = to_xml(ds, NULL);
  danvan_entity *keep = danvan_dataset_get(ds, DANVAN_KIND_REPORT, 0);
  /* valid reports, a foreign element and a root attribute first; the error comes late */
  const char *bad =
      "<danvan xmlns=\"urn:danvan:1\" xmlns:x=\"urn:x\" version=\"1\" x:batch=\"9\">\n"
      "  <people><person id=\"p-new\"/></people>\n"
      "  <report id=\"r-new-1\"><value metric=\"house\">1</value></report>\n"
      "  <x:extra/>\n"
      "  <report id=\"r-new-2\">\n"
      "    <value metric=\"house\">one</value>\n"
      "  </report>\n"
      "</danvan>\n";
  assert_int_equal(danvan_dataset_merge_memory(ds, bad, strlen(bad), NULL, NULL), DANVAN_EINVALID);
  assert_string_equal(danvan_error_file(), "<memory>");
  assert_int_equal(danvan_error_line(), 6);
  assert_int_equal(danvan_dataset_entity_count(ds), before);
  danvan_entity *e = NULL;
  assert_int_equal(danvan_dataset_find(&e, ds, "r-new-1"), DANVAN_ENOTFOUND);
  assert_int_equal(danvan_dataset_find(&e, ds, "p-new"), DANVAN_ENOTFOUND);
  assert_ptr_equal(danvan_dataset_get(ds, DANVAN_KIND_REPORT, 0), keep);
  char *xml_after = to_xml(ds, NULL);
  assert_string_equal(xml_after, xml_before);
  /* truncated input and a well-formedness error in the middle: the same */
  assert_int_equal(danvan_dataset_merge_memory(ds, reports_xml, strlen(reports_xml) - 12, NULL, NULL),
                   DANVAN_EPARSE);
  assert_int_equal(danvan_dataset_entity_count(ds), before);
  danvan_free(xml_after);
  xml_after = to_xml(ds, NULL);
  assert_string_equal(xml_after, xml_before);
  /* ids the failed input duplicated (of the dataset, and among its own entities) still find
     the dataset's entities, and only those */
  danvan_entity *orig = NULL, *plan = NULL;
  assert_int_equal(danvan_dataset_find(&orig, ds, "r-cau-1210"), DANVAN_OK);
  assert_int_equal(danvan_dataset_find(&plan, ds, "tan-phong-2024-2"), DANVAN_OK);
  const char *dups =
      "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"
      "  <report id=\"r-cau-1210\"/>\n"
      "  <report id=\"twice\"/>\n"
      "  <report id=\"twice\"/>\n"
      "  <plan id=\"tan-phong-2024-2\"><task id=\"t-cau-lo-kiem\"/></plan>\n"
      "  <bad/>\n"
      "</danvan>\n";
  assert_int_equal(danvan_dataset_merge_memory(ds, dups, strlen(dups), NULL, NULL), DANVAN_EINVALID);
  assert_int_equal(danvan_error_line(), 6);
  assert_int_equal(danvan_dataset_entity_count(ds), before);
  assert_int_equal(danvan_dataset_find(&e, ds, "r-cau-1210"), DANVAN_OK);
  assert_ptr_equal(e, orig);
  assert_int_equal(danvan_dataset_find(&e, ds, "tan-phong-2024-2"), DANVAN_OK);
  assert_ptr_equal(e, plan);
  assert_int_equal(danvan_dataset_find(&e, ds, "t-cau-lo-kiem"), DANVAN_OK);
  assert_ptr_equal(danvan_entity_parent(e), plan);
  assert_int_equal(danvan_dataset_find(&e, ds, "twice"), DANVAN_ENOTFOUND);
  /* and the dataset still takes a good merge afterwards, duplicates and all */
  assert_int_equal(danvan_dataset_merge_memory(ds, reports_xml, strlen(reports_xml), NULL, NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_entity_count(ds), before + 3);
  const char *again = "<danvan xmlns=\"urn:danvan:1\" version=\"1\"><report id=\"r-cau-1210\"/></danvan>";
  assert_int_equal(danvan_dataset_merge_memory(ds, again, strlen(again), NULL, NULL), DANVAN_OK);
  danvan_entity *dup = danvan_dataset_get(ds, DANVAN_KIND_REPORT, danvan_dataset_count(ds, DANVAN_KIND_REPORT) - 1);
  assert_int_equal(danvan_dataset_find(&e, ds, "r-cau-1210"), DANVAN_OK);
  assert_ptr_equal(e, orig); /* the first one added wins */
  assert_int_equal(danvan_entity_remove(orig), DANVAN_OK);
  assert_int_equal(danvan_dataset_find(&e, ds, "r-cau-1210"), DANVAN_OK);
  assert_ptr_equal(e, dup);
  danvan_free(xml_before);
  danvan_free(xml_after);
  danvan_dataset_free(ds);
}

/* ---- saving ------------------------------------------------------------------------------- */
static void test_save_replaces_existing_file(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char *p = path_in(dir, "plan.xml");
  /* an old file much longer than the new document, with private permissions */
  size_t oldlen = 200000;
  char *old = malloc(oldlen);
  memset(old, 'x', oldlen);
  write_all(p, old, oldlen);
  assert_int_equal(chmod(p, 0640), 0);
  danvan_dataset *ds = load(DATA_DIR "messy.canonical.xml");
  assert_int_equal(danvan_dataset_save(ds, p), DANVAN_OK);
  size_t len = 0, elen = 0;
  char *got = read_all(p, &len);
  char *expected = read_all(DATA_DIR "messy.canonical.xml", &elen);
  assert_int_equal(len, elen);
  assert_memory_equal(got, expected, len);
  struct stat st;
  assert_int_equal(stat(p, &st), 0);
  assert_int_equal(st.st_mode & 07777, 0640);
  assert_int_equal(count_dir_entries(dir), 1); /* no temporary file left */
  if (geteuid() == 0) { /* a privileged process keeps the owner of the file it replaces */
    assert_int_equal(chown(p, 65534, 65534), 0);
    assert_int_equal(danvan_dataset_save(ds, p), DANVAN_OK);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_uid, 65534);
    assert_int_equal(st.st_gid, 65534);
    assert_int_equal(st.st_mode & 07777, 0640);
  }

  /* a new file; a symbolic link is followed, not replaced */
  char *q = path_in(dir, "new.xml");
  assert_int_equal(danvan_dataset_save(ds, q), DANVAN_OK);
  char *link = path_in(dir, "link.xml");
  assert_int_equal(symlink("plan.xml", link), 0);
  danvan_dataset *empty = NULL;
  assert_int_equal(danvan_dataset_new(&empty), DANVAN_OK);
  assert_int_equal(danvan_dataset_save(empty, link), DANVAN_OK);
  struct stat lst;
  assert_int_equal(lstat(link, &lst), 0);
  assert_true(S_ISLNK(lst.st_mode));
  free(got);
  got = read_all(p, &len);
  assert_string_equal(got, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\"/>\n");
  assert_int_equal(count_dir_entries(dir), 3);
  /* saving onto a directory fails */
  assert_int_equal(danvan_dataset_save(ds, dir), DANVAN_EIO);
  danvan_dataset_free(empty);
  danvan_dataset_free(ds);
  free(got);
  free(expected);
  free(old);
  free(q);
  free(link);
  free(p);
  remove_dir(dir);
  free(dir);
}

static void test_save_in_read_only_directory_keeps_old_file(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char *p = path_in(dir, "plan.xml");
  const char *old = "old contents\n";
  write_all(p, old, strlen(old));
  assert_int_equal(chmod(dir, 0555), 0);
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  /* root ignores permissions: take another identity for the attempt */
  uid_t saved = geteuid();
  bool switched = false;
  if (saved == 0) {
    struct passwd *nobody = getpwnam("nobody");
    if (!nobody || seteuid(nobody->pw_uid) != 0) {
      assert_int_equal(chmod(dir, 0755), 0);
      danvan_dataset_free(ds);
      free(p);
      remove_dir(dir);
      free(dir);
      skip();
      return;
    }
    switched = true;
  }
  int32_t rc = danvan_dataset_save(ds, p);
  if (switched) assert_int_equal(seteuid(saved), 0);
  assert_int_equal(rc, DANVAN_EIO);
  assert_string_equal(danvan_error_file(), p);
  assert_non_null(strstr(danvan_error_message(), "temporary file"));
  size_t len = 0;
  char *got = read_all(p, &len);
  assert_string_equal(got, old);
  assert_int_equal(count_dir_entries(dir), 1);
  assert_int_equal(chmod(dir, 0755), 0);
  free(got);
  danvan_dataset_free(ds);
  free(p);
  remove_dir(dir);
  free(dir);
}

/* A dataset of n reports, each with a value; the last report's note is `last_note`. */
static danvan_dataset *many_reports(size_t n, const char *last_note) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  danvan_entity *root = danvan_dataset_root(ds);
  char id[64], num[32];
  for (size_t i = 0; i < n; i++) {
    danvan_entity *r = NULL, *v = NULL, *note = NULL;
    snprintf(id, sizeof id, "r-%06zu", i);
    assert_int_equal(danvan_entity_add(&r, root, DANVAN_KIND_REPORT, id), DANVAN_OK);
    assert_int_equal(danvan_entity_set(r, DANVAN_F_PLAN, "tan-phong-2024-2"), DANVAN_OK);
    assert_int_equal(danvan_entity_set(r, DANVAN_F_DUTY, "d-daily"), DANVAN_OK);
    assert_int_equal(danvan_entity_set(r, DANVAN_F_START, "2024-12-10"), DANVAN_OK);
    assert_int_equal(danvan_entity_set(r, DANVAN_F_SUBMITTED, "2024-12-10T14:05:00+07:00"), DANVAN_OK);
    assert_int_equal(danvan_entity_add(&v, r, DANVAN_KIND_VALUE, NULL), DANVAN_OK);
    assert_int_equal(danvan_entity_set(v, DANVAN_F_METRIC, "road-cleared"), DANVAN_OK);
    snprintf(num, sizeof num, "%zu.%02zu", i, i % 100);
    assert_int_equal(danvan_entity_set(v, DANVAN_F_VALUE, num), DANVAN_OK);
    if (i + 1 == n && last_note) {
      assert_int_equal(danvan_entity_add(&note, r, DANVAN_KIND_NOTE, NULL), DANVAN_OK);
      assert_int_equal(danvan_entity_set(note, DANVAN_F_TEXT, last_note), DANVAN_OK);
    }
  }
  return ds;
}

/* A write that fails half-way (here: a string XML cannot carry, found after more than a
   buffer's worth has gone to the temporary file) leaves the old file and no temporary. */
static void test_interrupted_save_keeps_old_file(void **state) {
  (void)state;
  char *dir = make_tmpdir();
  char *p = path_in(dir, "reports.xml");
  const char *old = "<danvan xmlns=\"urn:danvan:1\" version=\"1\"/>\n";
  write_all(p, old, strlen(old));
  danvan_dataset *ds = many_reports(2000, "control \x01 character");
  assert_int_equal(danvan_dataset_save(ds, p), DANVAN_EINVALID);
  assert_string_equal(danvan_error_file(), p);
  char *got = read_all(p, NULL);
  assert_string_equal(got, old);
  assert_int_equal(count_dir_entries(dir), 1);
  free(got);
  danvan_dataset_free(ds);

  /* the disk "fills up" (file size limit): the write itself fails */
  ds = many_reports(2000, NULL);
  struct rlimit saved, small = {64 * 1024, 64 * 1024};
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
  small.rlim_max = saved.rlim_max;
  void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
  int32_t rc = danvan_dataset_save(ds, p);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
  signal(SIGXFSZ, prev);
  assert_int_equal(rc, DANVAN_EIO);
  got = read_all(p, NULL);
  assert_string_equal(got, old);
  assert_int_equal(count_dir_entries(dir), 1);
  free(got);
  /* and without the limit the same save succeeds */
  assert_int_equal(danvan_dataset_save(ds, p), DANVAN_OK);
  size_t len = 0, xlen = 0;
  got = read_all(p, &len);
  char *xml = to_xml(ds, &xlen);
  assert_int_equal(len, xlen);
  assert_memory_equal(got, xml, len);
  free(got);
  danvan_free(xml);
  danvan_dataset_free(ds);
  free(p);
  remove_dir(dir);
  free(dir);
}

static void test_save_fd(void **state) {
  (void)state;
  danvan_dataset *ds = load(DATA_DIR "full.xml");
  char *dir = make_tmpdir();
  char *p = path_in(dir, "out.xml");
  int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  assert_true(fd >= 0);
  assert_int_equal(danvan_dataset_save_fd(ds, fd), DANVAN_OK);
  close(fd);
  char *got = read_all(p, NULL);
  char *want = read_all(DATA_DIR "full.xml", NULL);
  assert_string_equal(got, want);
  int full = open("/dev/full", O_WRONLY);
  if (full >= 0) {
    assert_int_equal(danvan_dataset_save_fd(ds, full), DANVAN_EIO);
    close(full);
  }
  assert_int_equal(danvan_dataset_save_fd(ds, -1), DANVAN_EINVAL);
  free(got);
  free(want);
  unlink(p);
  free(p);
  remove_dir(dir);
  free(dir);
  danvan_dataset_free(ds);
}

/* ---- size --------------------------------------------------------------------------------- */
static void test_large_round_trip(void **state) {
  (void)state;
  danvan_dataset *ds = many_reports(20000, "cuối");
  size_t len = 0, len2 = 0;
  char *out = to_xml(ds, &len);
  assert_true(len > 20000 * 150);
  danvan_dataset *back = NULL;
  assert_int_equal(danvan_dataset_load_memory(&back, out, len, "big.xml", NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_count(back, DANVAN_KIND_REPORT), 20000);
  assert_int_equal(danvan_dataset_entity_count(back), danvan_dataset_entity_count(ds));
  danvan_entity *r = NULL;
  assert_int_equal(danvan_dataset_find(&r, back, "r-019999"), DANVAN_OK);
  assert_int_equal(danvan_entity_line(r), 3 + 19999 * 3);
  char *out2 = to_xml(back, &len2);
  assert_int_equal(len2, len);
  assert_memory_equal(out2, out, len);
  danvan_free(out);
  danvan_free(out2);
  danvan_dataset_free(ds);
  danvan_dataset_free(back);
}

/* ---- threads ------------------------------------------------------------------------------ */
static void *load_many(void *arg) {
  const char *want = arg;
  for (int i = 0; i < 20; i++) {
    danvan_dataset *ds = NULL;
    if (danvan_dataset_load(&ds, DATA_DIR "full.xml", NULL)) return (void *)1;
    char *out = NULL;
    int bad = danvan_dataset_to_xml(&out, NULL, ds) || strcmp(out, want) != 0;
    danvan_free(out);
    danvan_dataset_free(ds);
    /* an error on this thread names this thread's input */
    if (danvan_dataset_load_memory(&ds, "<danvan/>", 9, "thread.xml", NULL) != DANVAN_EINVALID ||
        strcmp(danvan_error_file(), "thread.xml") != 0)
      bad = 1;
    if (bad) return (void *)1;
  }
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  char *want = read_all(DATA_DIR "full.xml", NULL);
  pthread_t t[4];
  for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, load_many, want), 0);
  for (int i = 0; i < 4; i++) {
    void *res = (void *)1;
    assert_int_equal(pthread_join(t[i], &res), 0);
    assert_null(res);
  }
  free(want);
}

/* ---- schema ------------------------------------------------------------------------------- */
static void test_schema_path_and_text(void **state) {
  (void)state;
  const char *saved = getenv("DANVAN_SCHEMA");
  char *keep = saved ? strdup(saved) : NULL;
  unsetenv("DANVAN_SCHEMA");
  const char *p = danvan_schema_path();
  assert_non_null(p);
  size_t n = strlen(p);
  assert_true(n > strlen("/danvan/danvan-1.xsd"));
  assert_string_equal(p + n - strlen("/danvan/danvan-1.xsd"), "/danvan/danvan-1.xsd");

  char *dir = make_tmpdir();
  char *x = path_in(dir, "schema.xsd");
  const char *xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n";
  write_all(x, xsd, strlen(xsd));
  setenv("DANVAN_SCHEMA", x, 1);
  assert_string_equal(danvan_schema_path(), x);
  /* the text is the schema built into the library, wherever the path points: the same
     bytes as the source tree's schema file */
  char *text = NULL;
  assert_int_equal(danvan_schema_text(&text), DANVAN_OK);
  size_t want_len = 0;
  char *want = read_all(DANVAN_SOURCE_DIR "/schema/danvan-1.xsd", &want_len);
  assert_int_equal(strlen(text), want_len);
  assert_memory_equal(text, want, want_len);
  assert_non_null(strstr(text, "urn:danvan:1"));
  free(want);
  danvan_free(text);
  unlink(x);
  assert_int_equal(danvan_schema_text(NULL), DANVAN_EINVAL);
  setenv("DANVAN_SCHEMA", "", 1); /* empty means unset */
  assert_string_equal(danvan_schema_path(), p);
  if (keep) setenv("DANVAN_SCHEMA", keep, 1);
  else unsetenv("DANVAN_SCHEMA");
  free(keep);
  free(x);
  remove_dir(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_full_file_is_canonical),
      cmocka_unit_test(test_full_file_covers_every_kind_and_field),
      cmocka_unit_test(test_model_of_full_file),
      cmocka_unit_test(test_messy_input_becomes_canonical),
      cmocka_unit_test(test_empty_dataset),
      cmocka_unit_test(test_api_values_round_trip),
      cmocka_unit_test(test_foreign_elements_from_the_api),
      cmocka_unit_test(test_export_refuses_what_xml_cannot_carry),
      cmocka_unit_test(test_load_from_fd_pipe_and_memory),
      cmocka_unit_test(test_bad_arguments_and_missing_files),
      cmocka_unit_test(test_entities_record_where_they_were_read),
      cmocka_unit_test(test_columns_on_one_long_line),
      cmocka_unit_test(test_cases_folder),
      cmocka_unit_test(test_xinclude_is_not_processed),
      cmocka_unit_test(test_deep_nesting),
      cmocka_unit_test(test_encodings_and_compression),
      cmocka_unit_test(test_limits),
      cmocka_unit_test(test_foreign_content_survives),
      cmocka_unit_test(test_merge_reports_into_plan),
      cmocka_unit_test(test_failed_merge_leaves_dataset_as_it_was),
      cmocka_unit_test(test_save_replaces_existing_file),
      cmocka_unit_test(test_save_in_read_only_directory_keeps_old_file),
      cmocka_unit_test(test_interrupted_save_keeps_old_file),
      cmocka_unit_test(test_save_fd),
      cmocka_unit_test(test_large_round_trip),
      cmocka_unit_test(test_threads),
      cmocka_unit_test(test_schema_path_and_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
