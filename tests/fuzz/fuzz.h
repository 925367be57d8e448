/*
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c). Each target defines
 * LLVMFuzzerTestOneInput(); built with clang -fsanitize=fuzzer it is a libFuzzer program
 * (`make fuzz`), built with any compiler together with replay.c it is an ordinary program
 * that runs every file of its corpus once (`ctest -R fuzz`).
 *
 * A target checks more than "does not crash": FUZZ_REQUIRE states a property the library
 * promises (a file that loads exports; a failed merge leaves the dataset as it was …);
 * breaking it prints the reason and aborts, which libFuzzer reports as a crash.
 */
#ifndef DANVAN_FUZZ_H
#define DANVAN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <danvan/danvan.h>
#include <libxml/xmlerror.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The library must keep every libxml2 error on its own handlers: libxml2's global handlers
   print on stderr (and belong to whoever else uses libxml2 in the process). The fuzz programs
   (test code, not the library) set them to abort, so that reaching them is a finding. */
static void fuzz_libxml2_generic(void *ctx, const char *msg, ...) {
  (void)ctx;
  fprintf(stderr, "libxml2's global error handler was reached: %s\n", msg);
  abort();
}

static void fuzz_libxml2_structured(void *ctx, xmlErrorPtr err) {
  (void)ctx;
  fprintf(stderr, "libxml2's global structured error handler was reached: %s\n",
          err && err->message ? err->message : "?");
  abort();
}

static inline void fuzz_watch_libxml2(void) {
  xmlSetGenericErrorFunc(NULL, fuzz_libxml2_generic);
  xmlSetStructuredErrorFunc(NULL, fuzz_libxml2_structured);
}

#define FUZZ_REQUIRE(cond, ...)                                                           \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      fprintf(stderr, "%s:%d: property broken: %s\n  ", __FILE__, __LINE__, #cond);      \
      fprintf(stderr, __VA_ARGS__);                                                       \
      fprintf(stderr, "\n  last error: %s %s:%u:%u: %s\n",                                \
              danvan_status_name(danvan_error_code()), danvan_error_file(),               \
              danvan_error_line(), danvan_error_column(), danvan_error_message());        \
      abort();                                                                            \
    }                                                                                     \
  } while (0)

/* The input as a NUL-terminated string (text up to the first NUL byte), malloc'd. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

/* Is the status one a function may return for bad input (not a bug: EINVAL, ENOMEM)? */
static inline int fuzz_is_input_error(int32_t rc) {
  return rc == DANVAN_EPARSE || rc == DANVAN_EINVALID || rc == DANVAN_EUNSUPPORTED ||
         rc == DANVAN_ELIMIT;
}

/* After a failure: the thread's last error has that code and a message. */
static inline void fuzz_check_error(int32_t rc) {
  FUZZ_REQUIRE(danvan_error_code() == rc, "error code %s recorded for status %s",
               danvan_status_name(danvan_error_code()), danvan_status_name(rc));
  FUZZ_REQUIRE(danvan_error_message()[0] != '\0', "empty message for %s",
               danvan_status_name(rc));
}

#endif
