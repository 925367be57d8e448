/* A program outside the project that uses the installed library: built by the install test
 * once through pkg-config and once through find_package(danvan). */
#include <danvan/danvan.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  danvan_dataset *ds = NULL;
  danvan_entity *plan = NULL;
  int32_t rc = danvan_dataset_new(&ds);
  if (rc != DANVAN_OK) {
    fprintf(stderr, "danvan_dataset_new: %s: %s\n", danvan_status_name(rc), danvan_error_message());
    return 1;
  }
  rc = danvan_entity_add(&plan, danvan_dataset_root(ds), DANVAN_KIND_PLAN, "p1");
  if (rc != DANVAN_OK) {
    fprintf(stderr, "danvan_entity_add: %s: %s\n", danvan_status_name(rc), danvan_error_message());
    danvan_dataset_free(ds);
    return 1;
  }
  if (danvan_entity_kind(plan) != DANVAN_KIND_PLAN || danvan_entity_id(plan) == NULL ||
      strcmp(danvan_entity_id(plan), "p1") != 0) {
    fprintf(stderr, "the plan added is not the plan read back\n");
    danvan_dataset_free(ds);
    return 1;
  }
  if (strcmp(danvan_version_string(), DANVAN_VERSION_STRING) != 0) {
    fprintf(stderr, "library %s, headers %s\n", danvan_version_string(), DANVAN_VERSION_STRING);
    danvan_dataset_free(ds);
    return 1;
  }
  printf("libdanvan %s\n", danvan_version_string());
  danvan_dataset_free(ds);
  return 0;
}
