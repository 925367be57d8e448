/* The per-thread last error. */
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

#define MSG_MAX 512
#define FILE_MAX 512

typedef struct err_state {
  int32_t code;
  uint32_t line, column;
  int64_t offset;
  char message[MSG_MAX];
  char file[FILE_MAX];
} err_state;

static DVI_TLS err_state last = {0, 0, 0, -1, "", ""};

int32_t dvi_error_v(int32_t code, const char *file, uint32_t line, uint32_t column,
                    int64_t offset, const char *fmt, va_list ap) {
  last.code = code;
  last.line = line;
  last.column = column;
  last.offset = offset;
  vsnprintf(last.message, sizeof last.message, fmt, ap);
  snprintf(last.file, sizeof last.file, "%s", file ? file : "");
  return code;
}

int32_t dvi_error(int32_t code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dvi_error_v(code, NULL, 0, 0, -1, fmt, ap);
  va_end(ap);
  return code;
}

int32_t dvi_error_at(int32_t code, const char *file, uint32_t line, uint32_t column,
                     int64_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dvi_error_v(code, file, line, column, offset, fmt, ap);
  va_end(ap);
  return code;
}

int32_t danvan_error_code(void) { return last.code; }
const char *danvan_error_message(void) { return last.message; }
const char *danvan_error_file(void) { return last.file; }
uint32_t danvan_error_line(void) { return last.line; }
uint32_t danvan_error_column(void) { return last.column; }
int64_t danvan_error_offset(void) { return last.offset; }

void danvan_error_clear(void) {
  last.code = 0;
  last.line = last.column = 0;
  last.offset = -1;
  last.message[0] = last.file[0] = '\0';
}

const char *danvan_status_name(int32_t status) {
  switch (status) {
    case DANVAN_OK: return "DANVAN_OK";
    case DANVAN_DONE: return "DANVAN_DONE";
    case DANVAN_EINVAL: return "DANVAN_EINVAL";
    case DANVAN_ENOMEM: return "DANVAN_ENOMEM";
    case DANVAN_EIO: return "DANVAN_EIO";
    case DANVAN_EPARSE: return "DANVAN_EPARSE";
    case DANVAN_EINVALID: return "DANVAN_EINVALID";
    case DANVAN_ENOTFOUND: return "DANVAN_ENOTFOUND";
    case DANVAN_ELIMIT: return "DANVAN_ELIMIT";
    case DANVAN_EUNSUPPORTED: return "DANVAN_EUNSUPPORTED";
    case DANVAN_EEXISTS: return "DANVAN_EEXISTS";
    case DANVAN_ETYPE: return "DANVAN_ETYPE";
    default: return "DANVAN_UNKNOWN";
  }
}

int32_t danvan_version_major(void) { return DANVAN_VERSION_MAJOR; }
int32_t danvan_version_minor(void) { return DANVAN_VERSION_MINOR; }
int32_t danvan_version_patch(void) { return DANVAN_VERSION_PATCH; }
const char *danvan_version_string(void) { return DANVAN_VERSION_STRING; }
