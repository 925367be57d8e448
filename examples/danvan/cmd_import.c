/* danvan import — read the text of a plan or report and build the model.
 *
 *   danvan import FILE.txt [-o OUT.xml] [--id ID] [--quiet] [--dump]
 *
 * Without -o it prints a summary (or, with --dump, every entity and field) to stdout.
 * The findings (text not placed, website text ignored) go to stderr as FILE:LINE: messages.
 * With -o the dataset is written as XML (format v1; "-o -" writes to stdout). */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const char *str(const danvan_entity *e, int32_t field) {
  const char *s = NULL;
  danvan_entity_get_string(&s, e, field);
  return s ? s : "";
}

static void dump(const danvan_entity *e, int depth) {
  int32_t kind = danvan_entity_kind(e);
  printf("%*s%s", depth * 2, "", danvan_kind_name(kind));
  size_t nf = danvan_kind_field_count(kind);
  for (size_t i = 0; i < nf; i++) {
    int32_t f = danvan_kind_field(kind, i);
    char *v = NULL;
    if (danvan_entity_format(&v, e, f) == DANVAN_OK && v) printf(" %s=\"%s\"", danvan_field_name(f), v);
    danvan_free(v);
  }
  printf("\n");
  size_t nc = danvan_entity_child_count(e, DANVAN_KIND_ANY);
  for (size_t i = 0; i < nc; i++) dump(danvan_entity_child(e, DANVAN_KIND_ANY, i), depth + 1);
}

static void count_line(const danvan_entity *plan, int32_t kind, const char *label) {
  size_t n = danvan_entity_child_count(plan, kind);
  if (n) printf("%-12s %zu\n", label, n);
}

static void summary(danvan_dataset *ds, const danvan_entity *doc) {
  printf("%s %s: %s\n", danvan_kind_name(danvan_entity_kind(doc)), danvan_entity_id(doc),
         str(doc, DANVAN_F_TITLE));
  printf("%-12s %s %s%s%s (%s)\n", "document", str(doc, DANVAN_F_TYPE),
         str(doc, DANVAN_F_NUMBER)[0] ? str(doc, DANVAN_F_NUMBER) : "(blank)",
         str(doc, DANVAN_F_SYMBOL)[0] ? " / " : "", str(doc, DANVAN_F_SYMBOL), str(doc, DANVAN_F_STYLE));
  char *date = NULL, *start = NULL, *end = NULL;
  danvan_entity_format(&date, doc, DANVAN_F_DATE);
  danvan_entity_format(&start, doc, DANVAN_F_START);
  danvan_entity_format(&end, doc, DANVAN_F_END);
  printf("%-12s %s, %s\n", "issued", str(doc, DANVAN_F_PLACE), date ? date : "(no date)");
  if (start) printf("%-12s %s to %s\n", "period", start, end ? end : "?");
  danvan_free(date);
  danvan_free(start);
  danvan_free(end);
  for (size_t i = 0; i < danvan_entity_child_count(doc, DANVAN_KIND_ISSUER); i++) {
    danvan_entity *org = NULL;
    if (danvan_entity_resolve(&org, danvan_entity_child(doc, DANVAN_KIND_ISSUER, i), DANVAN_F_ORG, 0) == DANVAN_OK)
      printf("%-12s %s (%s)\n", "issuer", str(org, DANVAN_F_NAME), str(org, DANVAN_F_KIND));
  }
  count_line(doc, DANVAN_KIND_BASIS, "basis");
  count_line(doc, DANVAN_KIND_OBJECTIVE, "objectives");
  count_line(doc, DANVAN_KIND_REQUIREMENT, "requirements");
  count_line(doc, DANVAN_KIND_SECTION, "sections");
  count_line(doc, DANVAN_KIND_TASK, "tasks");
  count_line(doc, DANVAN_KIND_TOTAL, "totals");
  count_line(doc, DANVAN_KIND_QUOTA, "quotas");
  count_line(doc, DANVAN_KIND_DUTY, "duties");
  count_line(doc, DANVAN_KIND_EVENT, "events");
  count_line(doc, DANVAN_KIND_RECIPIENT, "recipients");
  count_line(doc, DANVAN_KIND_SIGNATURE, "signatures");
  count_line(doc, DANVAN_KIND_NOTE, "notes");
  printf("%-12s %zu organisations, %zu localities, %zu people, %zu metrics\n", "dataset",
         danvan_dataset_count(ds, DANVAN_KIND_ORGANISATION), danvan_dataset_count(ds, DANVAN_KIND_LOCALITY),
         danvan_dataset_count(ds, DANVAN_KIND_PERSON), danvan_dataset_count(ds, DANVAN_KIND_METRIC));
}

static int32_t save(danvan_dataset *ds, const char *path) {
  if (strcmp(path, "-") == 0) return danvan_dataset_save_fd(ds, 1);
  return danvan_dataset_save(ds, path);
}

int cmd_import(int argc, char **argv) {
  const char *in = NULL, *out = NULL, *id = NULL;
  int quiet = 0, do_dump = 0;
  for (int i = 1; i < argc; i++) {
    if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) out = argv[++i];
    else if (strcmp(argv[i], "--id") == 0 && i + 1 < argc) id = argv[++i];
    else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) quiet = 1;
    else if (strcmp(argv[i], "--dump") == 0) do_dump = 1;
    else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      printf("usage: danvan import FILE.txt [-o OUT.xml] [--id ID] [--quiet] [--dump]\n");
      return 0;
    } else if (!in) in = argv[i];
    else {
      fprintf(stderr, "danvan import: unexpected argument '%s'\n", argv[i]);
      return 2;
    }
  }
  if (!in) {
    fprintf(stderr, "usage: danvan import FILE.txt [-o OUT.xml] [--id ID] [--quiet] [--dump]\n");
    return 2;
  }
  danvan_dataset *ds = NULL;
  danvan_import_options *opts = NULL;
  danvan_import_result *res = NULL;
  int status = 1;
  if (danvan_dataset_new(&ds) || danvan_import_options_new(&opts)) {
    tool_report_error("import");
    goto done;
  }
  if (id && danvan_import_options_set_id(opts, id)) {
    tool_report_error("import");
    goto done;
  }
  if (danvan_import_file_result(&res, ds, in, opts) != DANVAN_OK) {
    tool_report_error("import");
    goto done;
  }
  if (!quiet)
    for (size_t i = 0; i < danvan_import_result_count(res); i++)
      fprintf(stderr, "%s:%u: %s: [%s] %s\n", in, danvan_import_result_line(res, i),
              danvan_import_result_severity(res, i) ? "warning" : "info", danvan_import_result_rule(res, i),
              danvan_import_result_message(res, i));
  danvan_entity *doc = danvan_import_result_entity(res);
  if (out) {
    int32_t rc = save(ds, out);
    if (rc) {
      tool_report_error("import");
      goto done;
    }
  } else if (do_dump) {
    dump(danvan_dataset_root(ds), 0);
  } else if (doc) {
    summary(ds, doc);
  }
  status = 0;
done:
  danvan_import_result_free(res);
  danvan_import_options_free(opts);
  danvan_dataset_free(ds);
  return status;
}
