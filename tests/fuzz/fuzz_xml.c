/*
 * Fuzz target: XML import and export (lib/xml/).
 *
 * Properties checked on every input:
 * - loading either succeeds or fails with a status for bad input (EPARSE, EINVALID,
 *   EUNSUPPORTED, ELIMIT), no dataset, and a last error naming the input with a line;
 * - a file that loads exports; the export loads, and exports again to the same bytes;
 * - merging the input into an existing dataset ends as loading it does; a failed merge leaves
 *   the dataset exactly as it was (same export), a successful one exports and reloads;
 * - tighter reading limits never make a file load that does not load with the defaults.
 */
#include "fuzz.h"

/* A small dataset to merge into: ids the input may repeat, and a foreign attribute on the
   root whose prefix an input may bind to another namespace. */
static const char base_doc[] =
    "<danvan xmlns=\"urn:danvan:1\" version=\"1\" xmlns:x=\"urn:example:x\" x:origin=\"base\">\n"
    "  <metrics><metric id=\"m\" unit=\"người\"/></metrics>\n"
    "  <organisations><organisation id=\"o\" kind=\"youth-union\" name=\"Đoàn xã\"/>"
    "</organisations>\n"
    "  <plan id=\"p\"><title>Kế hoạch</title><period start=\"2024-12-10\" end=\"2024-12-24\"/>"
    "<task id=\"t\"/></plan>\n"
    "  <report id=\"r\" plan=\"p\" org=\"o\"><value metric=\"m\">3</value></report>\n"
    "</danvan>\n";

static char *export_ok(const danvan_dataset *ds, size_t *len, const char *what) {
  char *out = NULL;
  int32_t rc = danvan_dataset_to_xml(&out, len, ds);
  FUZZ_REQUIRE(rc == DANVAN_OK, "%s does not export: %s", what, danvan_status_name(rc));
  FUZZ_REQUIRE(out && strlen(out) == *len, "%s: export length %zu", what, *len);
  return out;
}

/* An export loads again and gives the same bytes. */
static void check_fixed_point(const char *out, size_t len, size_t entities, const char *what) {
  danvan_dataset *again = NULL;
  int32_t rc = danvan_dataset_load_memory(&again, out, len, "export.xml", NULL);
  FUZZ_REQUIRE(rc == DANVAN_OK, "the export of %s does not load: %s\n%s", what,
               danvan_status_name(rc), out);
  FUZZ_REQUIRE(danvan_dataset_entity_count(again) == entities,
               "%s: %zu entities, %zu after a round trip", what, entities,
               danvan_dataset_entity_count(again));
  size_t len2 = 0;
  char *out2 = export_ok(again, &len2, "a reloaded export");
  FUZZ_REQUIRE(len2 == len && memcmp(out, out2, len) == 0,
               "%s: export, import, export changes the bytes:\n%s\n----\n%s", what, out, out2);
  danvan_free(out2);
  danvan_dataset_free(again);
}

static int32_t load_checked(const uint8_t *data, size_t size, const danvan_xml_options *opts) {
  danvan_dataset *ds = (danvan_dataset *)&ds; /* must be overwritten */
  danvan_error_clear();
  int32_t rc = danvan_dataset_load_memory(&ds, (const char *)data, size, "fuzz.xml", opts);
  if (rc) {
    FUZZ_REQUIRE(ds == NULL, "a failed load returned a dataset");
    FUZZ_REQUIRE(fuzz_is_input_error(rc), "load returned %s", danvan_status_name(rc));
    fuzz_check_error(rc);
    FUZZ_REQUIRE(strcmp(danvan_error_file(), "fuzz.xml") == 0, "error names file '%s'",
                 danvan_error_file());
    FUZZ_REQUIRE(danvan_error_line() > 0, "error without a line");
    FUZZ_REQUIRE(danvan_error_offset() <= (int64_t)size, "error offset %lld beyond the input",
                 (long long)danvan_error_offset());
    return rc;
  }
  FUZZ_REQUIRE(ds != NULL, "load succeeded without a dataset");
  if (!opts) {
    size_t len = 0;
    char *out = export_ok(ds, &len, "a file that loads");
    check_fixed_point(out, len, danvan_dataset_entity_count(ds), "the input");
    danvan_free(out);
  }
  danvan_dataset_free(ds);
  return rc;
}

static void check_merge(const uint8_t *data, size_t size, int32_t load_rc) {
  danvan_dataset *base = NULL;
  FUZZ_REQUIRE(danvan_dataset_load_memory(&base, base_doc, sizeof base_doc - 1, "base.xml",
                                          NULL) == DANVAN_OK,
               "the base document does not load");
  size_t blen = 0;
  char *before = export_ok(base, &blen, "the base");
  size_t count = danvan_dataset_entity_count(base);
  int32_t rc = danvan_dataset_merge_memory(base, (const char *)data, size, "fuzz.xml", NULL);
  FUZZ_REQUIRE(rc == load_rc, "merge returned %s where load returned %s",
               danvan_status_name(rc), danvan_status_name(load_rc));
  size_t alen = 0;
  char *after = export_ok(base, &alen, "a dataset merged into");
  if (rc) {
    FUZZ_REQUIRE(danvan_dataset_entity_count(base) == count, "a failed merge left %zu entities",
                 danvan_dataset_entity_count(base) - count);
    FUZZ_REQUIRE(alen == blen && memcmp(before, after, blen) == 0,
                 "a failed merge changed the dataset:\n%s\n----\n%s", before, after);
    /* and the dataset still takes a merge */
    FUZZ_REQUIRE(danvan_dataset_merge_memory(base, base_doc, sizeof base_doc - 1, NULL, NULL) ==
                     DANVAN_OK,
                 "a dataset refuses a good merge after a failed one");
  } else {
    check_fixed_point(after, alen, danvan_dataset_entity_count(base), "a merged dataset");
  }
  danvan_free(before);
  danvan_free(after);
  danvan_dataset_free(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_watch_libxml2();
  int32_t rc = load_checked(data, size, NULL);
  check_merge(data, size, rc);

  /* tight limits only take away */
  static danvan_xml_options *tight;
  if (!tight) {
    if (danvan_xml_options_new(&tight) || danvan_xml_options_set_max_depth(tight, 6) ||
        danvan_xml_options_set_max_text(tight, 40) ||
        danvan_xml_options_set_max_input(tight, 2048))
      abort();
  }
  int32_t trc = load_checked(data, size, tight);
  FUZZ_REQUIRE(trc != DANVAN_OK || rc == DANVAN_OK,
               "loads under tight limits but not with the defaults (%s)", danvan_status_name(rc));
  return 0;
}
