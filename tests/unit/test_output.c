/* Writers of evaluations: XML (golden files), CSV, text, HTML, XLSX; determinism. */
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eval_cases.h"

#define GOLDEN_DIR DANVAN_SOURCE_DIR "/tests/data/eval/"
#define OUT_DIR DANVAN_BINARY_DIR "/eval-out/"

typedef struct evcase {
  const char *name, *plan, *as_of;
  void (*build)(danvan_dataset *, danvan_dataset *);
} evcase;

static const evcase CASES[] = {
    {"daily", "p", "2024-12-16T14:00:00+07:00", build_daily},
    {"periodic", "p2", "2024-04-10T00:00:00+07:00", build_periodic},
    {"quotas", "p3", "2024-12-25T00:00:00+07:00", build_quotas},
};
#define NCASES (sizeof CASES / sizeof CASES[0])

static danvan_evaluation *run(const evcase *c) {
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_new(&ds), DANVAN_OK);
  c->build(ds, ds);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, c->plan, T(c->as_of), NULL), DANVAN_OK);
  danvan_dataset_free(ds);
  return ev;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  size_t got = fread(buf, 1, (size_t)n, f);
  fclose(f);
  buf[got] = '\0';
  if (len) *len = got;
  return buf;
}

static void spit(const char *path, const char *data, size_t len) {
  mkdir(OUT_DIR, 0755);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
}

typedef int32_t (*writer)(char **, size_t *, const danvan_evaluation *);

static int32_t to_csv_all(char **out, size_t *len, const danvan_evaluation *ev) {
  return danvan_evaluation_to_csv(out, len, ev, DANVAN_EVAL_ALL);
}

/* Compare with tests/data/eval/NAME.EXT byte for byte; DANVAN_UPDATE_GOLDEN=1 rewrites it. */
static void golden(const char *name, const char *ext, const char *data, size_t len) {
  char path[512], out[512];
  snprintf(path, sizeof path, GOLDEN_DIR "%s.%s", name, ext);
  snprintf(out, sizeof out, OUT_DIR "%s.%s", name, ext);
  spit(out, data, len);
  if (getenv("DANVAN_UPDATE_GOLDEN")) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, len, f);
    fclose(f);
  }
  size_t glen = 0;
  char *want = slurp(path, &glen);
  if (!want) fail_msg("missing golden file %s (run with DANVAN_UPDATE_GOLDEN=1)", path);
  if (glen != len || memcmp(want, data, len) != 0)
    fail_msg("%s differs from the golden file %s (diff %s %s)", name, path, path, out);
  free(want);
}

static void test_golden(void **state) {
  (void)state;
  static const struct {
    const char *ext;
    writer fn;
  } W[] = {{"xml", danvan_evaluation_to_xml},
           {"csv", to_csv_all},
           {"txt", danvan_evaluation_to_text},
           {"html", danvan_evaluation_to_html}};
  for (size_t i = 0; i < NCASES; i++) {
    danvan_evaluation *ev = run(&CASES[i]);
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++) {
      char *out = NULL;
      size_t len = 0;
      assert_int_equal(W[k].fn(&out, &len, ev), DANVAN_OK);
      assert_int_equal(strlen(out), len);
      golden(CASES[i].name, W[k].ext, out, len);
      danvan_free(out);
    }
    danvan_evaluation_free(ev);
  }
}

/* Same input, same bytes: evaluate twice from scratch and compare every format. */
static void test_determinism(void **state) {
  (void)state;
  writer W[] = {danvan_evaluation_to_xml, to_csv_all, danvan_evaluation_to_text,
                danvan_evaluation_to_html};
  for (size_t i = 0; i < NCASES; i++) {
    danvan_evaluation *a = run(&CASES[i]), *b = run(&CASES[i]);
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++) {
      char *x = NULL, *y = NULL;
      size_t nx = 0, ny = 0;
      assert_int_equal(W[k](&x, &nx, a), DANVAN_OK);
      assert_int_equal(W[k](&y, &ny, b), DANVAN_OK);
      assert_int_equal(nx, ny);
      assert_memory_equal(x, y, nx);
      danvan_free(x);
      danvan_free(y);
    }
    danvan_evaluation_free(a);
    danvan_evaluation_free(b);
  }
}

static void test_xml_shape(void **state) {
  (void)state;
  danvan_evaluation *ev = run(&CASES[0]);
  char *x = NULL;
  assert_int_equal(danvan_evaluation_to_xml(&x, NULL, ev), DANVAN_OK);
  /* the FORMAT.md vocabulary, attribute order, ratios with at most 4 decimals */
  assert_non_null(strstr(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n"
                            "  <evaluation plan=\"p\" as-of=\"2024-12-16T14:00:00+07:00\">\n"));
  assert_non_null(strstr(x, "    <duty-status duty=\"d-daily\" org=\"bt-a\" due=\"6\" on-time=\"3\" "
                            "early=\"1\" late=\"1\" missing=\"1\" pending=\"1\" "
                            "completeness=\"0.8333\" timeliness=\"0.5\" slots=\"7\">\n"));
  assert_non_null(strstr(x, "      <slot start=\"2024-12-12\" end=\"2024-12-12\" "
                            "deadline=\"2024-12-12T15:00:00+07:00\" status=\"late\" "
                            "report=\"r-a-12\" submitted=\"2024-12-12T15:01:00+07:00\"/>\n"));
  assert_non_null(strstr(x, "    <quota-status quota=\"q1\" org=\"bt-a\" achieved=\"150\" met=\"true\"/>\n"));
  assert_non_null(strstr(x, "    <quota-result quota=\"q1\" units=\"2\" met-units=\"1\" coverage=\"0.5\" "
                            "met=\"false\""));
  assert_non_null(strstr(x, "    <score org=\"bt-a\" value=\"0.8364\" rank=\"1\" level=\"hamlet\""));
  assert_non_null(strstr(x, "    <reports seen=\"15\" counted=\"10\""));
  assert_non_null(strstr(x, "  </evaluation>\n</danvan>\n"));
  /* no trailing spaces, no tabs, no CR */
  assert_null(strstr(x, " \n"));
  assert_null(strchr(x, '\t'));
  assert_null(strchr(x, '\r'));
  danvan_free(x);
  danvan_evaluation_free(ev);
}

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) n++;
  return n;
}

static void test_csv(void **state) {
  (void)state;
  danvan_evaluation *ev = run(&CASES[0]);
  char *x = NULL;
  size_t len = 0;
  assert_int_equal(danvan_evaluation_to_csv(&x, &len, ev, DANVAN_EVAL_DUTIES), DANVAN_OK);
  /* BOM, header, CRLF lines: 1 header + 4 rows */
  assert_memory_equal(x, "\xEF\xBB\xBF" "duty,org,due,on-time,early,late,missing,pending,"
                         "completeness,timeliness,slots\r\n", 80);
  assert_int_equal(count(x, "\r\n"), 5);
  assert_int_equal(count(x, "\n"), 5);
  assert_non_null(strstr(x, "\r\nd-daily,bt-a,6,3,1,1,1,1,0.8333,0.5,7\r\n"));
  danvan_free(x);
  /* everything: a section column, every table, empty cells where a table lacks a column */
  assert_int_equal(danvan_evaluation_to_csv(&x, &len, ev, DANVAN_EVAL_ALL), DANVAN_OK);
  assert_memory_equal(x, "\xEF\xBB\xBF" "section,duty,org,", 20);
  size_t rows = 0;
  for (int32_t t = 1; t < DANVAN_EVAL_TABLE_COUNT; t++) rows += danvan_evaluation_row_count(ev, t);
  assert_int_equal(count(x, "\r\n"), rows + 1);
  assert_non_null(strstr(x, "\r\nslot,d-daily,bt-a,"));
  assert_non_null(strstr(x, "\r\nscore,,bt-a,"));
  /* every record has the same number of fields */
  size_t fields = 0, first = 0;
  for (const char *p = x; *p; p++) {
    if (*p == ',') fields++;
    if (*p == '\n') {
      if (!first) first = fields;
      assert_int_equal(fields, first);
      fields = 0;
    }
  }
  danvan_free(x);
  assert_int_equal(danvan_evaluation_to_csv(&x, &len, ev, 99), DANVAN_EINVAL);
  danvan_evaluation_free(ev);
}

static void test_text(void **state) {
  (void)state;
  danvan_evaluation *ev = run(&CASES[0]);
  char *x = NULL;
  assert_int_equal(danvan_evaluation_to_text(&x, NULL, ev), DANVAN_OK);
  assert_non_null(strstr(x, "ĐÁNH GIÁ THỰC HIỆN KẾ HOẠCH\nKế hoạch: Kế hoạch thử (p)\n"));
  assert_non_null(strstr(x, "Thời điểm đánh giá: 14:00 16/12/2024"));
  assert_non_null(strstr(x, "XẾP HẠNG THI ĐUA"));
  assert_non_null(strstr(x, "CHẾ ĐỘ BÁO CÁO"));
  assert_non_null(strstr(x, "83,64%")); /* bt-a's score, Vietnamese notation */
  assert_non_null(strstr(x, "Ban nhân dân ấp A"));
  assert_null(strstr(x, " \n"));
  danvan_free(x);
  danvan_evaluation_free(ev);
}

/* A small well-formedness check: every non-void element is closed in order. */
static void check_tags(const char *html) {
  static const char *const voids[] = {"meta", "br", "hr", "img", "input", "link", "col", NULL};
  char stack[64][16];
  int depth = 0;
  for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
    if (p[1] == '!') continue;
    bool closing = p[1] == '/';
    const char *n = p + (closing ? 2 : 1);
    size_t len = strcspn(n, " >/\n");
    assert_true(len > 0 && len < 16);
    const char *end = strchr(p, '>');
    assert_non_null(end);
    bool self = end[-1] == '/';
    char name[16];
    memcpy(name, n, len);
    name[len] = '\0';
    bool is_void = false;
    for (size_t i = 0; voids[i]; i++) is_void = is_void || strcmp(voids[i], name) == 0;
    if (closing) {
      assert_true(depth > 0);
      if (strcmp(stack[depth - 1], name) != 0)
        fail_msg("</%s> closes <%s>", name, stack[depth - 1]);
      depth--;
    } else if (!self && !is_void) {
      assert_true(depth < 64);
      memcpy(stack[depth++], name, len + 1);
    }
  }
  assert_int_equal(depth, 0);
}

static void test_html(void **state) {
  (void)state;
  for (size_t i = 0; i < NCASES; i++) {
    danvan_evaluation *ev = run(&CASES[i]);
    char *x = NULL;
    assert_int_equal(danvan_evaluation_to_html(&x, NULL, ev), DANVAN_OK);
    assert_memory_equal(x, "<!DOCTYPE html>\n<html lang=\"vi\">", 31);
    assert_non_null(strstr(x, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(x, "<table"));
    assert_null(strstr(x, "<script"));
    /* no network: the only URL is the SVG namespace */
    assert_int_equal(count(x, "http"), count(x, "xmlns=\"http://www.w3.org/2000/svg\""));
    check_tags(x);
    if (i == 0) {
      assert_non_null(strstr(x, "<svg")); /* quota chart */
      assert_non_null(strstr(x, "class=\"grid\"")); /* day grid */
      /* bt-a's row of the d-daily grid: Đ Đ T S Đ K · */
      assert_non_null(strstr(x, ">Đ</td><td class=\"s-on-time\""));
      assert_int_equal(count(x, "<td class=\"s-late\""), 2 + 0); /* r-a-12 and w-13 */
      assert_int_equal(count(x, "<td class=\"s-early\""), 1);
      assert_int_equal(count(x, "<td class=\"s-pending\""), 3); /* 16th of bt-a, bt-b, bt-c */
      assert_non_null(strstr(x, "Xếp hạng thi đua"));
    }
    danvan_free(x);
    danvan_evaluation_free(ev);
  }
}

/* ---- XLSX -------------------------------------------------------------------------------- */
static void test_xlsx(void **state) {
  (void)state;
  danvan_evaluation *ev = run(&CASES[0]);
  mkdir(OUT_DIR, 0755);
  const char *p1 = OUT_DIR "daily.xlsx", *p2 = OUT_DIR "daily-2.xlsx";
  unlink(p1);
  assert_int_equal(danvan_evaluation_to_xlsx(ev, p1), DANVAN_OK);
  size_t n1 = 0, n2 = 0;
  char *a = slurp(p1, &n1);
  assert_non_null(a);
  assert_memory_equal(a, "PK\x03\x04", 4); /* a zip file */
  /* names in a zip are stored uncompressed */
  const char *names[] = {"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet5.xml",
                         "xl/sharedStrings.xml", "docProps/core.xml"};
  for (size_t i = 0; i < 5; i++) {
    bool found = false;
    for (size_t k = 0; k + strlen(names[i]) <= n1 && !found; k++)
      found = memcmp(a + k, names[i], strlen(names[i])) == 0;
    if (!found) fail_msg("%s not in the workbook", names[i]);
  }
  /* again, some seconds later (zip times have a 2-second resolution): same bytes */
  sleep(2);
  assert_int_equal(danvan_evaluation_to_xlsx(ev, p2), DANVAN_OK);
  char *b = slurp(p2, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, b, n1);
  free(a);
  free(b);
  /* replacing an existing file works; no temporary file is left */
  assert_int_equal(danvan_evaluation_to_xlsx(ev, p1), DANVAN_OK);
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "ls %s | grep -c tmp- >/dev/null", OUT_DIR);
  assert_int_not_equal(system(cmd), 0);
  /* a directory that does not exist: EIO */
  assert_int_equal(danvan_evaluation_to_xlsx(ev, OUT_DIR "no/such/dir/x.xlsx"), DANVAN_EIO);
  /* the sheets and their content, when python3 is there to open the zip */
  if (system("python3 -c 'import zipfile' 2>/dev/null") == 0) {
    snprintf(cmd, sizeof cmd,
             "python3 -c \""
             "import zipfile,sys\n"
             "z=zipfile.ZipFile(sys.argv[1])\n"
             "wb=z.read('xl/workbook.xml').decode()\n"
             "names=[n for n in ('quotas','duties','ranking','results','slots') if 'name=\\\"'+n+'\\\"' in wb]\n"
             "assert len(names)==5, wb\n"
             "ss=z.read('xl/sharedStrings.xml').decode()\n"
             "assert 'Ban nhân dân ấp A' in ss and 'bt-a' in ss and 'd-daily' in ss, ss\n"
             "s3=z.read('xl/worksheets/sheet3.xml').decode()\n"
             "assert '<v>0.8364</v>' in s3, s3\n"
             "core=z.read('docProps/core.xml').decode()\n"
             "assert '2024-12-16T07:00:00Z' in core, core\n"
             "\" %s",
             p1);
    assert_int_equal(system(cmd), 0);
  }
  danvan_evaluation_free(ev);
}

/* ---- the danvan tool --------------------------------------------------------------------- */
static void test_tool(void **state) {
  (void)state;
  const char *plan = DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2.xml";
  const char *reports = DANVAN_SOURCE_DIR "/examples/data/tan-phong-2024-dot2-reports.xml";
  char cmd[2048];
  mkdir(OUT_DIR, 0755);
  /* the tool's XML equals the library's for the same input */
  snprintf(cmd, sizeof cmd,
           DANVAN_BINARY_DIR "/danvan evaluate %s %s --as-of 2024-12-25 --format xml -o "
           OUT_DIR "tool.xml", plan, reports);
  assert_int_equal(system(cmd), 0);
  danvan_dataset *ds = NULL;
  assert_int_equal(danvan_dataset_load(&ds, plan, NULL), DANVAN_OK);
  assert_int_equal(danvan_dataset_merge(ds, reports, NULL), DANVAN_OK);
  danvan_evaluation *ev = NULL;
  assert_int_equal(danvan_evaluate(&ev, ds, NULL, T("2024-12-25T00:00:00+07:00"), NULL), DANVAN_OK);
  char *want = NULL;
  size_t n = 0, got_n = 0;
  assert_int_equal(danvan_evaluation_to_xml(&want, &n, ev), DANVAN_OK);
  char *got = slurp(OUT_DIR "tool.xml", &got_n);
  assert_non_null(got);
  assert_int_equal(got_n, n);
  assert_memory_equal(got, want, n);
  free(got);
  danvan_free(want);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  /* every format; xlsx needs -o; bad arguments exit 2 */
  static const char *const fmts[] = {"text", "csv", "html", "xlsx"};
  for (size_t i = 0; i < 4; i++) {
    snprintf(cmd, sizeof cmd,
             DANVAN_BINARY_DIR "/danvan evaluate %s %s --as-of 2024-12-25T00:00:00+07:00 "
             "--format %s -o " OUT_DIR "tool.%s", plan, reports, fmts[i], fmts[i]);
    assert_int_equal(system(cmd), 0);
  }
  snprintf(cmd, sizeof cmd, DANVAN_BINARY_DIR "/danvan evaluate %s --format xlsx 2>/dev/null", plan);
  assert_int_equal(WEXITSTATUS(system(cmd)), 2);
  snprintf(cmd, sizeof cmd, DANVAN_BINARY_DIR "/danvan evaluate %s --plan nope >/dev/null 2>&1", plan);
  assert_int_equal(WEXITSTATUS(system(cmd)), 2);
  snprintf(cmd, sizeof cmd, DANVAN_BINARY_DIR "/danvan evaluate %s --as-of yesterday 2>/dev/null", plan);
  assert_int_equal(WEXITSTATUS(system(cmd)), 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),  cmocka_unit_test(test_determinism),
      cmocka_unit_test(test_xml_shape), cmocka_unit_test(test_csv),
      cmocka_unit_test(test_text),    cmocka_unit_test(test_html),
      cmocka_unit_test(test_xlsx),
      cmocka_unit_test(test_tool),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
