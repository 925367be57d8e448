/* Where the XML schema (XSD) of format v1 lives, and its text. Validation against it belongs to
   the validation layer. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xml/xml_internal.h"

#ifndef DANVAN_DATADIR
#  define DANVAN_DATADIR "/usr/local/share/danvan"
#endif

const char *danvan_schema_path(void) {
  const char *env = getenv("DANVAN_SCHEMA");
  return (env && *env) ? env : DANVAN_DATADIR "/danvan-1.xsd";
}

int32_t danvan_schema_text(char **out) {
  DVI_CHECK_ARG(out);
  *out = NULL;
  const char *path = danvan_schema_path();
  char eb[128];
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot open the schema: %s",
                        dvi_xml_strerror(errno, eb, sizeof eb));
  dvi_buf b;
  dvi_buf_init(&b);
  int32_t rc = DANVAN_OK;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot read the schema: it is a directory");
    goto out;
  }
  for (;;) {
    if (!dvi_buf_reserve(&b, 16384)) {
      rc = dvi_error(DANVAN_ENOMEM, "out of memory");
      goto out;
    }
    ssize_t k = read(fd, b.data + b.len, b.cap - b.len - 1);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) {
      rc = dvi_error_at(DANVAN_EIO, path, 0, 0, -1, "cannot read the schema: %s",
                        dvi_xml_strerror(errno, eb, sizeof eb));
      goto out;
    }
    if (k == 0) break;
    b.len += (size_t)k;
  }
  b.data[b.len] = '\0'; /* read() does not terminate what it reads */
  *out = dvi_buf_take(&b);
  if (!*out) rc = dvi_error(DANVAN_ENOMEM, "out of memory");
out:
  close(fd);
  dvi_buf_free(&b);
  return rc;
}
