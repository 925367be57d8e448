/* danvan demo [DIR] — the main job on the bundled example data (DIR, default examples/data,
   else $DANVAN_SOURCE_DIR/examples/data):
   1. validate every plan of the folder (the Tân Phong plan together with its reports) and
      print the findings;
   2. load the Tân Phong plan (round II, 2024) with its daily reports, print its summary;
   3. evaluate the reports against the plan's duties and quotas as of 30/12/2024 and print
      the tables.
   Without data files it builds the plan through the API and prints its summary. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"

#define DEMO_PLAN "tan-phong-2024-2"
#define DEMO_PLAN_FILE "tan-phong-2024-dot2.xml"
#define DEMO_REPORTS_FILE "tan-phong-2024-dot2-reports.xml"
#define DEMO_AS_OF "2024-12-30T00:00:00+07:00"

static int check(int32_t rc, const char *what) {
  if (rc != DANVAN_OK) tool_report_error(what);
  return rc != DANVAN_OK;
}

static const char *str(const danvan_entity *e, int32_t field) {
  const char *s = NULL;
  danvan_entity_get_string(&s, e, field);
  return s ? s : "";
}

static void print_field(const char *label, const danvan_entity *e, int32_t field) {
  char *text = NULL;
  if (danvan_entity_format(&text, e, field) == DANVAN_OK && text) printf("%-10s %s\n", label, text);
  danvan_free(text);
}

/* The plan built through the API, for when no data files are at hand. */
static danvan_dataset *build_plan(void) {
  danvan_dataset *ds = NULL;
  danvan_entity *root, *plan, *org, *e;
  if (check(danvan_dataset_new(&ds), "dataset")) return NULL;
  root = danvan_dataset_root(ds);
  int bad = 0;
  bad |= check(danvan_entity_add(&org, root, DANVAN_KIND_ORGANISATION, "bcd-tan-phong"), "org");
  bad |= check(danvan_entity_set(org, DANVAN_F_KIND, "steering-committee"), "org");
  bad |= check(danvan_entity_set(org, DANVAN_F_NAME,
                                 "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng xã Tân Phong"),
               "org");
  bad |= check(danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, DEMO_PLAN), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_TYPE, "KH"), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_NUMBER, ""), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_SYMBOL, "KH/BCĐ"), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_DATE, "2024-12-04"), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_TITLE,
                                 "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024"), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_START, "2024-12-10"), "plan");
  bad |= check(danvan_entity_set(plan, DANVAN_F_END, "2024-12-24"), "plan");
  bad |= check(danvan_entity_add(&e, plan, DANVAN_KIND_ISSUER, NULL), "issuer");
  bad |= check(danvan_entity_set(e, DANVAN_F_ORG, "bcd-tan-phong"), "issuer");
  bad |= check(danvan_entity_add(&e, plan, DANVAN_KIND_DUTY, "d-daily"), "duty");
  bad |= check(danvan_entity_set(e, DANVAN_F_FREQUENCY, "daily"), "duty");
  bad |= check(danvan_entity_set(e, DANVAN_F_WINDOW_START, "13:30"), "duty");
  bad |= check(danvan_entity_set(e, DANVAN_F_DUE_TIME, "15:00"), "duty");
  bad |= check(danvan_entity_set(e, DANVAN_F_WEEKENDS, "true"), "duty");
  if (bad) {
    danvan_dataset_free(ds);
    return NULL;
  }
  return ds;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int xml_file(const struct dirent *d) {
  size_t n = strlen(d->d_name);
  return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".xml") == 0;
}

static size_t count_tasks(const danvan_entity *e) {
  size_t n = danvan_entity_child_count(e, DANVAN_KIND_TASK);
  size_t all = n;
  for (size_t i = 0; i < n; i++) all += count_tasks(danvan_entity_child(e, DANVAN_KIND_TASK, i));
  return all;
}

static void print_plan(const danvan_entity *plan) {
  printf("Plan %s: %s\n", danvan_entity_id(plan), str(plan, DANVAN_F_TITLE));
  const char *number = str(plan, DANVAN_F_NUMBER);
  printf("%-10s %s-%s\n", "number", number[0] ? number : "(blank)", str(plan, DANVAN_F_SYMBOL));
  print_field("date", plan, DANVAN_F_DATE);
  print_field("start", plan, DANVAN_F_START);
  print_field("end", plan, DANVAN_F_END);
  for (size_t i = 0; i < danvan_entity_child_count(plan, DANVAN_KIND_ISSUER); i++) {
    const danvan_entity *is = danvan_entity_child(plan, DANVAN_KIND_ISSUER, i);
    danvan_entity *org = NULL;
    if (danvan_entity_resolve(&org, is, DANVAN_F_ORG, 0) == DANVAN_OK)
      printf("%-10s %s\n", "issuer", str(org, DANVAN_F_NAME));
    else
      printf("%-10s %s\n", "issuer", str(is, DANVAN_F_ORG));
  }
  printf("%-10s %zu (%zu with sub-tasks)\n", "tasks", danvan_entity_child_count(plan, DANVAN_KIND_TASK),
         count_tasks(plan));
  printf("%-10s %zu\n", "quotas", danvan_entity_child_count(plan, DANVAN_KIND_QUOTA));
  printf("%-10s %zu\n", "duties", danvan_entity_child_count(plan, DANVAN_KIND_DUTY));
  for (size_t i = 0; i < danvan_entity_child_count(plan, DANVAN_KIND_DUTY); i++) {
    danvan_entity *d = danvan_entity_child(plan, DANVAN_KIND_DUTY, i);
    char *from = NULL, *to = NULL;
    danvan_entity_format(&from, d, DANVAN_F_WINDOW_START);
    danvan_entity_format(&to, d, DANVAN_F_DUE_TIME);
    printf("%-10s %s %s%s%s%s%s\n", "duty", danvan_entity_id(d), str(d, DANVAN_F_FREQUENCY),
           from || to ? ", " : "", from ? from : "", from || to ? "–" : "", to ? to : "");
    danvan_free(from);
    danvan_free(to);
  }
}

static char *join(const char *dir, const char *name) {
  size_t len = strlen(dir) + strlen(name) + 2;
  char *path = malloc(len);
  if (path) snprintf(path, len, "%s/%s", dir, name);
  return path;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* Validate paths (together, as one dataset) and print the findings; returns the number of
   errors, or -1 when the files could not be read. */
static long validate_and_print(const char *const *paths, size_t n) {
  danvan_diagnostics *d = NULL;
  if (check(danvan_validate_files(&d, paths, n, NULL), "validate")) return -1;
  const char *lang = danvan_diagnostics_language(d);
  for (size_t i = 0; i < danvan_diagnostics_count(d); i++)
    printf("  %s:%u:%u: %s: %s [%s]\n", base_name(danvan_diagnostics_file(d, i)),
           danvan_diagnostics_line(d, i), danvan_diagnostics_column(d, i),
           danvan_severity_name(danvan_diagnostics_severity(d, i), lang),
           danvan_diagnostics_message(d, i), danvan_diagnostics_rule(d, i));
  long errors = (long)danvan_diagnostics_severity_total(d, DANVAN_SEVERITY_ERROR);
  printf("  %zu finding%s, %ld error%s\n", danvan_diagnostics_total(d),
         danvan_diagnostics_total(d) == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
  danvan_diagnostics_free(d);
  return errors;
}

static int validate_folder(const char *dir) {
  struct dirent **names = NULL;
  int n = scandir(dir, &names, xml_file, alphasort);
  int bad = 0;
  printf("== 1. Validation of the plans in %s\n", dir);
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (strcmp(name, DEMO_REPORTS_FILE) != 0) {
      char *plan = join(dir, name);
      char *reports = strcmp(name, DEMO_PLAN_FILE) == 0 ? join(dir, DEMO_REPORTS_FILE) : NULL;
      const char *paths[2] = {plan, reports};
      if (!plan) {
        bad = 1;
      } else {
        printf("%s%s\n", name, reports ? " + " DEMO_REPORTS_FILE : "");
        if (validate_and_print(paths, reports ? 2 : 1) < 0) bad = 1;
      }
      free(plan);
      free(reports);
    }
    free(names[i]);
  }
  free(names);
  return bad;
}

static int evaluate_and_print(const danvan_dataset *ds) {
  int64_t as_of = 0;
  danvan_evaluation *ev = NULL;
  char *text = NULL;
  size_t len = 0;
  if (check(danvan_datetime_parse(&as_of, DEMO_AS_OF), "as-of") ||
      check(danvan_evaluate(&ev, ds, DEMO_PLAN, as_of, NULL), "evaluate"))
    return 1;
  printf("\n== 3. Evaluation of the reports as of %s\n", DEMO_AS_OF);
  int bad = check(danvan_evaluation_to_text(&text, &len, ev), "evaluate");
  if (!bad) fwrite(text, 1, len, stdout);
  danvan_free(text);
  danvan_evaluation_free(ev);
  return bad;
}

int cmd_demo(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : NULL;
  char fallback[4096];
  if (!dir) {
    const char *src = getenv("DANVAN_SOURCE_DIR");
    dir = "examples/data";
    if (!is_dir(dir) && src && *src) {
      snprintf(fallback, sizeof fallback, "%s/examples/data", src);
      dir = fallback;
    }
  } else if (!is_dir(dir)) {
    fprintf(stderr, "danvan: demo: %s is not a folder\n", dir);
    return 2;
  }
  danvan_dataset *ds = NULL;
  char *plan_path = join(dir, DEMO_PLAN_FILE), *reports_path = join(dir, DEMO_REPORTS_FILE);
  struct stat st;
  int bad = !plan_path || !reports_path;
  if (!bad && stat(plan_path, &st) == 0) {
    bad = validate_folder(dir);
    if (!bad) bad = check(danvan_dataset_load(&ds, plan_path, NULL), "load");
    if (!bad && stat(reports_path, &st) == 0) bad = check(danvan_dataset_merge(ds, reports_path, NULL), "load");
    if (!bad) printf("\n== 2. The plan and its reports\n");
  } else if (!bad) {
    printf("No example data in %s: using the plan built through the API\n", dir);
    if (!(ds = build_plan())) bad = 1;
  }
  free(plan_path);
  free(reports_path);
  if (bad) {
    danvan_dataset_free(ds);
    return 1;
  }
  danvan_entity *plan = NULL;
  if (danvan_dataset_find(&plan, ds, DEMO_PLAN) != DANVAN_OK ||
      danvan_entity_kind(plan) != DANVAN_KIND_PLAN)
    plan = danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0);
  if (plan) print_plan(plan);
  else printf("no plan in the data\n");
  size_t reports = danvan_dataset_count(ds, DANVAN_KIND_REPORT);
  printf("%-10s %zu\n", "reports", reports);
  if (plan && reports) bad = evaluate_and_print(ds);
  danvan_dataset_free(ds);
  return bad;
}
