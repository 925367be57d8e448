/* Tests of text normalisation: danvan_text_normalize, danvan_text_match_key,
   danvan_text_strip_markup. Every row runs on the text as written and on its NFD form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "danvan/danvan.h"
#include "danvan/vn.h"
#include "vn_test_util.h"

typedef int32_t (*text_fn)(char **, const char *);

typedef struct row {
  const char *in, *want;
} row;

/* Run fn on in (and, when nfd_too, on its NFD form) and compare with want. */
static void check_row(text_fn fn, const char *name, const row *r, int nfd_too, int nfd_want_same) {
  char *out = NULL;
  int32_t rc = fn(&out, r->in);
  if (rc != DANVAN_OK || strcmp(out, r->want) != 0)
    fail_msg("%s(\"%s\"): rc %d, got \"%s\", want \"%s\"", name, r->in, (int)rc,
             out ? out : "(null)", r->want);
  danvan_free(out);
  if (!nfd_too) return;
  char *nfd = vt_nfd(r->in), *want = nfd_want_same ? strdup(r->want) : vt_nfd(r->want);
  out = NULL;
  rc = fn(&out, nfd);
  if (rc != DANVAN_OK || strcmp(out, want) != 0)
    fail_msg("%s(NFD \"%s\"): rc %d, got \"%s\", want \"%s\"", name, r->in, (int)rc,
             out ? out : "(null)", want);
  danvan_free(out);
  free(nfd);
  free(want);
}

/* ---- danvan_text_normalize ---------------------------------------------------------------- */

static const row NORMALIZE[] = {
    {"", ""},
    {"plain ASCII", "plain ASCII"},
    {"\xc3\x90\xe1\xba\xa3ng", "Đảng"},                 /* Ðảng with U+00D0 */
    {"11-Q\xc3\x90i/TW", "11-QĐi/TW"},
    {"\xc3\xb0\xe1\xbb\x93ng", "đồng"},                  /* ðồng with U+00F0 */
    {"a\xc2\xa0" "b", "a b"},                            /* NO-BREAK SPACE */
    {"a\xe2\x80\xaf" "b", "a b"},                        /* NARROW NO-BREAK SPACE */
    {"a\xe2\x80\x83" "b\xe3\x80\x80" "c", "a b c"},      /* EM SPACE, IDEOGRAPHIC SPACE */
    {"\xc2\xa0\xc2\xa0\xc2\xa0", "   "},                 /* runs are kept, not collapsed */
    {"“Dân vận khéo”", "“Dân vận khéo”"},                /* curly quotes kept */
    {"a\tb\nc\r\n", "a\tb\nc\r\n"},                      /* line breaks and tabs kept */
    {"hoà hòa uỷ ủy", "hoà hòa uỷ ủy"},                  /* tone style kept */
    {"16/12 – 30/12/2020", "16/12 – 30/12/2020"},        /* dashes kept */
    {"**01** <b>x</b>", "**01** <b>x</b>"},              /* markup kept */
    {"ĐẢNG UỶ XÃ TÂN PHONG", "ĐẢNG UỶ XÃ TÂN PHONG"},
    {"Ngày 22 tháng 6 năm 2021", "Ngày 22 tháng 6 năm 2021"},
};

static void test_normalize_rows(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof NORMALIZE / sizeof NORMALIZE[0]; i++)
    check_row(danvan_text_normalize, "normalize", &NORMALIZE[i], 1, 1);
}

/* NFD in, NFC out. */
static void test_normalize_nfd_to_nfc(void **state) {
  (void)state;
  const char *nfc = "Ban Chỉ đạo công tác vận động quần chúng; Uỷ viên; nghiệp; Trường";
  char *nfd = vt_nfd(nfc), *out = NULL;
  assert_string_not_equal(nfd, nfc);
  assert_int_equal(danvan_text_normalize(&out, nfd), DANVAN_OK);
  assert_string_equal(out, nfc);
  danvan_free(out);
  free(nfd);
}

/* ---- invalid UTF-8 ------------------------------------------------------------------------ */

typedef struct bad_row {
  const char *in;
  int64_t offset;
} bad_row;

static const bad_row BAD[] = {
    {"abc\xff", 3},              {"\xc3", 0},          {"ok \xc3(", 3},
    {"\xc0\x80", 0},             {"\xed\xa0\x80", 0},  {"\xf4\x90\x80\x80", 0},
    {"ngày\x80", 5},             {"\xe1\xba", 0},      {"x\xf0\x9f\x98", 1},
    {"\xf8\x88\x80\x80\x80", 0}, {"ab\xfe", 2},
};

static void test_invalid_utf8(void **state) {
  (void)state;
  text_fn fns[] = {danvan_text_normalize, danvan_text_match_key, danvan_text_strip_markup};
  for (size_t f = 0; f < 3; f++) {
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
      char *out = (char *)"untouched";
      danvan_error_clear();
      int32_t rc = fns[f](&out, BAD[i].in);
      if (rc != DANVAN_EPARSE || danvan_error_offset() != BAD[i].offset)
        fail_msg("fn %zu row %zu: rc %d offset %lld, want EPARSE at %lld", f, i, (int)rc,
                 (long long)danvan_error_offset(), (long long)BAD[i].offset);
      assert_int_equal(danvan_error_code(), DANVAN_EPARSE);
      assert_string_equal(danvan_error_file(), "<memory>");
      assert_true(danvan_error_column() >= 1);
      assert_string_equal(out, "untouched");
    }
  }
}

static void test_null_arguments(void **state) {
  (void)state;
  char *out = NULL;
  assert_int_equal(danvan_text_normalize(NULL, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_text_normalize(&out, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_text_match_key(NULL, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_text_match_key(&out, NULL), DANVAN_EINVAL);
  assert_int_equal(danvan_text_strip_markup(NULL, "x"), DANVAN_EINVAL);
  assert_int_equal(danvan_text_strip_markup(&out, NULL), DANVAN_EINVAL);
  assert_null(out);
}

/* ---- danvan_text_match_key ---------------------------------------------------------------- */

static const row KEYS[] = {
    {"", ""},
    {"   ", ""},
    {"uỷ ban", "ủy ban"},
    {"Ủy ban", "ủy ban"},
    {"UỶ BAN", "ủy ban"},
    {"hoà", "hòa"},
    {"Hoà Bình", "hòa bình"},
    {"TP. Hòa Bình", "tp. hòa bình"},
    {"hoá", "hóa"},
    {"văn hoá", "văn hóa"},
    {"khoẻ", "khỏe"},
    {"sức khoẻ", "sức khỏe"},
    {"thuỷ", "thủy"},
    {"tuỳ", "tùy"},
    {"hoạ", "họa"},
    {"xoá", "xóa"},
    {"quý", "quý"},      /* qu + y: the mark stays on y */
    {"quỷ", "quỷ"},
    {"Quý III", "quý iii"},
    {"hoàng", "hoàng"},  /* closed syllable: mark on a in both styles */
    {"hoạch", "hoạch"},
    {"khoáng", "khoáng"},
    {"thuyền", "thuyền"},
    {"ngoài", "ngoài"},  /* three vowels: untouched */
    {"ĐẢNG UỶ XÃ TÂN PHONG", "đảng ủy xã tân phong"},
    {"Đảng ủy xã Tân Phong", "đảng ủy xã tân phong"},
    {"\xc3\x90\xe1\xba\xa3ng", "đảng"},
    {"Q\xc3\x90i", "qđi"},
    {"  Ban\xc2\xa0\xc2\xa0 Chỉ   đạo\n\nxã  ", "ban chỉ đạo xã"},
    {"a\tb\r\nc", "a b c"},
    {"16/12 – 30/12/2020", "16/12 - 30/12/2020"},
    {"a—b‐c−d", "a-b-c-d"},
    {"**01** công trình", "01 công trình"},
    {"*Dân vận khéo*", "dân vận khéo"},
    {"__Kế hoạch__", "kế hoạch"},
    {"<b>Kế hoạch</b> số", "kế hoạch số"},
    {"a<br>b", "a b"},
    {"a&nbsp;b", "a b"},
    {"AT&amp;T", "at&t"},
    {"x\xc2\xady\xe2\x80\x8bz\xef\xbb\xbf", "xyz"},  /* soft hyphen, ZWSP, BOM */
    {"“Dân vận khéo”", "“dân vận khéo”"},
    {"snake_case_name", "snake_case_name"},
    {"KẾ HOẠCH**Triển khai\nlàm (16/12 – 30/12/2020)**", "kế hoạchtriển khai làm (16/12 - 30/12/2020)"},
    {"İ", "i"},
};

static void test_match_key_rows(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
    check_row(danvan_text_match_key, "match_key", &KEYS[i], 1, 1);
}

/* Pairs written differently that must get the same key. */
static void test_match_key_pairs(void **state) {
  (void)state;
  static const char *const PAIRS[][2] = {
      {"uỷ", "ủy"},       {"hoà", "hòa"},     {"hoá", "hóa"},         {"khoẻ", "khỏe"},
      {"thuỷ", "thủy"},   {"tuỳ", "tùy"},     {"ĐẢNG UỶ", "Đảng ủy"}, {"Ðảng", "Đảng"},
      {"Hoà Bình", "HÒA BÌNH"}, {"Ban  Chỉ\xc2\xa0đạo", "ban chỉ đạo"}, {"a – b", "a - b"},
      {"**Uỷ ban**", "ủy ban"}, {"Uỷ viên", "ỦY VIÊN"},
  };
  for (size_t i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++) {
    char *a = NULL, *b = NULL, *nfd = vt_nfd(PAIRS[i][0]), *c = NULL;
    assert_int_equal(danvan_text_match_key(&a, PAIRS[i][0]), DANVAN_OK);
    assert_int_equal(danvan_text_match_key(&b, PAIRS[i][1]), DANVAN_OK);
    assert_int_equal(danvan_text_match_key(&c, nfd), DANVAN_OK);
    if (strcmp(a, b) != 0 || strcmp(a, c) != 0)
      fail_msg("pair %zu: \"%s\" / \"%s\" / NFD \"%s\"", i, a, b, c);
    danvan_free(a);
    danvan_free(b);
    danvan_free(c);
    free(nfd);
  }
}

/* ---- danvan_text_strip_markup ------------------------------------------------------------- */

static const row STRIP[] = {
    {"", ""},
    {"**01**", "01"},
    {"Tổ chức ít nhất **01** hoạt động", "Tổ chức ít nhất 01 hoạt động"},
    {"“*Dân vận khéo*”", "“Dân vận khéo”"},
    {"\"*Thắp sáng đường quê*\".", "\"Thắp sáng đường quê\"."},
    {"KẾ HOẠCH**Triển khai\nlàm (16/12 – 30/12/2020)**\n\nThực hiện",
     "KẾ HOẠCHTriển khai\nlàm (16/12 – 30/12/2020)\n\nThực hiện"},
    {"II. NỘI DUNG HOẠT ĐỘNG**1. Công tác**\n", "II. NỘI DUNG HOẠT ĐỘNG1. Công tác\n"},
    {"**Email:** bandkthtntn@gmail.com **trước 12h.**", "Email: bandkthtntn@gmail.com trước 12h."},
    {"\xc2\xa0\xc2\xa0\xc2\xa0*\n", "\xc2\xa0\xc2\xa0\xc2\xa0*\n"},  /* the Party star stays */
    {"* item\n* item", "* item\n* item"},
    {"a * b * c", "a * b * c"},
    {"**open\n\nnot closed**", "**open\n\nnot closed**"},  /* no span across paragraphs */
    {"__bold__ and _it_", "bold and it"},
    {"snake_case_name", "snake_case_name"},
    {"***both***", "both"},
    {"**a *b* c**", "a b c"},
    {"<p>Xin chào</p>", "\nXin chào\n"},
    {"<b>Kế</b> <i class=\"x\">hoạch</i>", "Kế hoạch"},
    {"a<br/>b<br />c", "a\nb\nc"},
    {"<td>1</td><td>2</td>", " 1  2 "},
    {"<!-- comment -->x", "x"},
    {"<a href=\"x>y\">link</a>", "link"},
    {"a < b > c", "a < b > c"},
    {"<3 and 1<2", "<3 and 1<2"},
    {"<unclosed", "<unclosed"},
    {"AT&amp;T &lt;x&gt; &quot;q&quot; &apos;", "AT&T <x> \"q\" '"},
    {"&#39;&#x2013;&#X2014;", "'–—"},
    {"&nbsp;", "\xc2\xa0"},
    {"&bogus; &#xD800; &#0; & ;", "&bogus; &#xD800; &#0; & ;"},
    {"hoà uỷ Ðảng", "hoà uỷ Ðảng"},  /* nothing else changes */
};

static void test_strip_rows(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof STRIP / sizeof STRIP[0]; i++)
    check_row(danvan_text_strip_markup, "strip_markup", &STRIP[i], 1, 0);
}

/* Seeds: markers disappear, the star of seed 002 stays, all seeds are valid. */
static void test_seeds(void **state) {
  (void)state;
  for (int i = 0; VT_SEEDS[i]; i++) {
    char *text = vt_read_seed(VT_SEEDS[i]);
    if (!text) skip();
    char *plain = NULL, *key = NULL, *norm = NULL;
    assert_int_equal(danvan_text_strip_markup(&plain, text), DANVAN_OK);
    assert_null(strstr(plain, "**"));
    assert_null(strstr(plain, "*Dân vận khéo*"));
    assert_int_equal(danvan_text_match_key(&key, text), DANVAN_OK);
    assert_null(strstr(key, "\xc2\xa0"));
    assert_null(strstr(key, "  "));
    assert_null(strstr(key, "uỷ"));
    assert_int_equal(danvan_text_normalize(&norm, text), DANVAN_OK);
    assert_null(strstr(norm, "\xc2\xa0"));
    if (i == 2) {
      assert_non_null(strstr(plain, "*\n"));
      assert_non_null(strstr(key, "đảng ủy xã tân phong"));
      assert_non_null(strstr(norm, "Số      -KH/BCĐ"));
    }
    danvan_free(plain);
    danvan_free(key);
    danvan_free(norm);
    free(text);
  }
}

/* Long and adversarial input: no crash, sensible result. */
static void test_stress(void **state) {
  (void)state;
  size_t n = 200000;
  char *big = malloc(n + 1);
  for (size_t i = 0; i < n; i++) big[i] = "*_<&a \n>"[i % 8];
  big[n] = '\0';
  char *out = NULL;
  assert_int_equal(danvan_text_strip_markup(&out, big), DANVAN_OK);
  danvan_free(out);
  assert_int_equal(danvan_text_match_key(&out, big), DANVAN_OK);
  danvan_free(out);
  memset(big, '*', n);
  assert_int_equal(danvan_text_strip_markup(&out, big), DANVAN_OK);
  assert_int_equal(strlen(out), n); /* one run that neither opens nor closes */
  danvan_free(out);
  /* a base letter followed by many combining marks */
  strcpy(big, "a");
  for (int i = 0; i < 100; i++) strcat(big, "\xcc\x81");
  assert_int_equal(danvan_text_normalize(&out, big), DANVAN_OK);
  danvan_free(out);
  free(big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_normalize_rows),   cmocka_unit_test(test_normalize_nfd_to_nfc),
      cmocka_unit_test(test_invalid_utf8),     cmocka_unit_test(test_null_arguments),
      cmocka_unit_test(test_match_key_rows),   cmocka_unit_test(test_match_key_pairs),
      cmocka_unit_test(test_strip_rows),       cmocka_unit_test(test_seeds),
      cmocka_unit_test(test_stress),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
