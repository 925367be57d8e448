/* danvan demo [DIR] — load every *.xml of the example data (DIR, default examples/data, else
   $DANVAN_SOURCE_DIR/examples/data) into one dataset and print a summary of the Tân Phong plan
   (round II, 2024) and of the reports. Without data files it builds the plan through the API. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"

#define DEMO_PLAN "tan-phong-2024-2"

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

/* Load every *.xml of dir (in name order) into one dataset: the first with load, the others
   with merge. *ds stays NULL when the folder has no XML file. Returns 0, or 1 on an error. */
static int load_folder(danvan_dataset **ds, const char *dir, int *nfiles) {
  struct dirent **names = NULL;
  int n = scandir(dir, &names, xml_file, alphasort);
  *ds = NULL;
  *nfiles = n > 0 ? n : 0;
  int bad = 0;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
    char *path = malloc(len);
    if (path && !bad) {
      snprintf(path, len, "%s/%s", dir, names[i]->d_name);
      int32_t rc = *ds ? danvan_dataset_merge(*ds, path, NULL) : danvan_dataset_load(ds, path, NULL);
      bad = check(rc, "load");
    }
    free(path);
    free(names[i]);
  }
  free(names);
  if (bad) {
    danvan_dataset_free(*ds);
    *ds = NULL;
  }
  return bad;
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
  int nfiles = 0;
  if (is_dir(dir) && load_folder(&ds, dir, &nfiles)) return 1;
  if (ds) {
    printf("Loaded %d file%s from %s\n", nfiles, nfiles == 1 ? "" : "s", dir);
  } else {
    printf("No example data in %s: using the plan built through the API\n", dir);
    if (!(ds = build_plan())) return 1;
  }
  danvan_entity *plan = NULL;
  if (danvan_dataset_find(&plan, ds, DEMO_PLAN) != DANVAN_OK ||
      danvan_entity_kind(plan) != DANVAN_KIND_PLAN)
    plan = danvan_dataset_get(ds, DANVAN_KIND_PLAN, 0);
  if (plan) print_plan(plan);
  else printf("no plan in the data\n");
  printf("%-10s %zu\n", "reports", danvan_dataset_count(ds, DANVAN_KIND_REPORT));
  printf("%zu entities in the dataset\n", danvan_dataset_entity_count(ds));
  danvan_dataset_free(ds);
  return 0;
}
