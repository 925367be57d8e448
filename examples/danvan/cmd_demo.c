/* danvan demo — builds the Tân Phong plan (round II, 2024) through the API and prints a
   summary. The XML layer replaces the hand-built plan with the bundled example data. */
#include <string.h>

#include "tool.h"

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

int cmd_demo(int argc, char **argv) {
  (void)argc;
  (void)argv;
  danvan_dataset *ds = NULL;
  danvan_entity *root, *plan, *org, *e;
  if (check(danvan_dataset_new(&ds), "dataset")) return 1;
  root = danvan_dataset_root(ds);
  int bad = 0;
  bad |= check(danvan_entity_add(&org, root, DANVAN_KIND_ORGANISATION, "bcd-tan-phong"), "org");
  bad |= check(danvan_entity_set(org, DANVAN_F_KIND, "steering-committee"), "org");
  bad |= check(danvan_entity_set(org, DANVAN_F_NAME,
                                 "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng xã Tân Phong"),
               "org");
  bad |= check(danvan_entity_add(&plan, root, DANVAN_KIND_PLAN, "tan-phong-2024-2"), "plan");
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
    return 1;
  }
  printf("Plan %s: %s\n", danvan_entity_id(plan), str(plan, DANVAN_F_TITLE));
  printf("%-10s %s-%s\n", "number", str(plan, DANVAN_F_NUMBER)[0] ? str(plan, DANVAN_F_NUMBER) : "(blank)",
         str(plan, DANVAN_F_SYMBOL));
  print_field("date", plan, DANVAN_F_DATE);
  print_field("start", plan, DANVAN_F_START);
  print_field("end", plan, DANVAN_F_END);
  for (size_t i = 0; i < danvan_entity_child_count(plan, DANVAN_KIND_ISSUER); i++) {
    danvan_entity *issuer = NULL;
    if (danvan_entity_resolve(&issuer, danvan_entity_child(plan, DANVAN_KIND_ISSUER, i), DANVAN_F_ORG, 0) == DANVAN_OK)
      printf("%-10s %s\n", "issuer", str(issuer, DANVAN_F_NAME));
  }
  for (size_t i = 0; i < danvan_entity_child_count(plan, DANVAN_KIND_DUTY); i++) {
    danvan_entity *d = danvan_entity_child(plan, DANVAN_KIND_DUTY, i);
    char *from = NULL, *to = NULL;
    danvan_entity_format(&from, d, DANVAN_F_WINDOW_START);
    danvan_entity_format(&to, d, DANVAN_F_DUE_TIME);
    printf("%-10s %s %s, %s–%s\n", "duty", danvan_entity_id(d), str(d, DANVAN_F_FREQUENCY),
           from ? from : "", to ? to : "");
    danvan_free(from);
    danvan_free(to);
  }
  printf("%zu entities in the dataset\n", danvan_dataset_entity_count(ds));
  danvan_dataset_free(ds);
  return 0;
}
