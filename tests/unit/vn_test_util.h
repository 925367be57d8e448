/* Helpers shared by the tests of the Vietnamese text layer: an NFD converter for fixtures
   (Vietnamese letters only; enough to feed every fixture in both forms) and seed loading. */
#ifndef VN_TEST_UTIL_H
#define VN_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vn_nfd_table.h"

/* The NFD form of s (malloc'd): every precomposed Vietnamese letter decomposed. */
static char *vt_nfd(const char *s) {
  size_t cap = strlen(s) * 3 + 1, w = 0;
  char *out = malloc(cap);
  if (!out) abort();
  while (*s) {
    size_t i, n = sizeof NFD_TABLE / sizeof NFD_TABLE[0];
    for (i = 0; i < n; i++) {
      size_t l = strlen(NFD_TABLE[i].nfc);
      if (strncmp(s, NFD_TABLE[i].nfc, l) == 0) {
        size_t m = strlen(NFD_TABLE[i].nfd);
        memcpy(out + w, NFD_TABLE[i].nfd, m);
        w += m;
        s += l;
        break;
      }
    }
    if (i == n) out[w++] = *s++;
  }
  out[w] = '\0';
  return out;
}

/* The whole content of a seed document (malloc'd), or NULL when the file is not there. */
static char *vt_read_seed(const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/seeds/%s", DANVAN_SHARED_DIR, name);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)len + 1);
  if (!buf) abort();
  size_t got = fread(buf, 1, (size_t)len, f);
  buf[got] = '\0';
  fclose(f);
  return buf;
}

static const char *const VT_SEEDS[] = {
    "000_tinh-doan-tay-ninh-2020-dot2.txt", "001_tinh-doan-tra-vinh-2021-dan-van-kheo.txt",
    "002_xa-tan-phong-2024-dot2.txt", "004_bdv-bchqs-quang-ngai-2021.txt", NULL};

#endif
