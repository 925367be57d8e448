/*
 * danvan gen — writes a synthetic national-scale campaign in format v1: a plan file (metrics,
 * localities, organisations, one plan with a daily duty and quotas) and a report file with a
 * daily report from every village for every day, some late, some missing, a few early.
 * Deterministic for a seed. Written directly in canonical form, so that `danvan fmt` of the
 * output gives the same bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

typedef struct gen_shape {
  long provinces, communes, villages, days, metrics;
  double late, missing, early;
  uint64_t seed;
  const char *plan_path, *reports_path;
} gen_shape;

static uint64_t rng_state;

static uint64_t rng_next(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static double rng_unit(void) { return (double)(rng_next() >> 11) / 9007199254740992.0; }

static int gen_usage(void) {
  fprintf(stderr,
          "usage: danvan gen [--provinces N] [--communes N] [--villages N] [--days N]\n"
          "                  [--metrics N] [--late P] [--missing P] [--early P] [--seed N]\n"
          "                  --plan PLAN.xml --reports REPORTS.xml\n"
          "  --communes is per province and --villages per commune; P is a share (0.05).\n"
          "  Defaults: 2 provinces, 10 communes, 8 villages, 15 days, 2 metrics,\n"
          "  late 0.1, missing 0.05, early 0.02, seed 1.\n");
  return 2;
}

/* Dates as yyyymmdd from the campaign start 2024-12-10 plus d days. */
static int32_t day_date(long d) {
  int32_t out = 0;
  danvan_date_add_days(&out, 20241210, (int32_t)d);
  return out;
}

static void put_date(FILE *f, int32_t date) {
  fprintf(f, "%04d-%02d-%02d", (int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100));
}

static int write_plan(const gen_shape *g) {
  FILE *f = fopen(g->plan_path, "w");
  if (!f) {
    fprintf(stderr, "danvan gen: %s: %s\n", g->plan_path, strerror(errno));
    return 2;
  }
  fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n");
  fprintf(f, "  <metrics>\n");
  for (long m = 0; m < g->metrics; m++)
    fprintf(f, "    <metric id=\"m%ld\" unit=\"m\" name=\"Chỉ tiêu %ld\"/>\n", m, m + 1);
  fprintf(f, "  </metrics>\n  <localities>\n    <locality id=\"vn\" kind=\"country\" name=\"Việt Nam\"/>\n");
  for (long p = 0; p < g->provinces; p++) {
    fprintf(f, "    <locality id=\"p%ld\" kind=\"province\" name=\"Tỉnh %ld\" parent=\"vn\"%s/>\n", p,
            p + 1, p % 3 == 0 ? " tags=\"border\"" : "");
    for (long c = 0; c < g->communes; c++) {
      fprintf(f, "    <locality id=\"p%ld-c%ld\" kind=\"commune\" name=\"Xã %ld\" parent=\"p%ld\"/>\n",
              p, c, c + 1, p);
      for (long v = 0; v < g->villages; v++)
        fprintf(f, "    <locality id=\"p%ld-c%ld-v%ld\" kind=\"village\" name=\"Thôn %ld\" parent=\"p%ld-c%ld\"/>\n",
                p, c, v, v + 1, p, c);
    }
  }
  fprintf(f, "  </localities>\n  <organisations>\n");
  fprintf(f, "    <organisation id=\"bcd\" kind=\"steering-committee\" locality=\"vn\" name=\"Ban Chỉ đạo trung ương\"/>\n");
  for (long p = 0; p < g->provinces; p++) {
    fprintf(f, "    <organisation id=\"bcd-p%ld\" kind=\"steering-committee\" locality=\"p%ld\" parent=\"bcd\" name=\"Ban Chỉ đạo tỉnh %ld\"/>\n",
            p, p, p + 1);
    for (long c = 0; c < g->communes; c++) {
      fprintf(f, "    <organisation id=\"bcd-p%ld-c%ld\" kind=\"steering-committee\" locality=\"p%ld-c%ld\" parent=\"bcd-p%ld\" name=\"Ban Chỉ đạo xã %ld\"/>\n",
              p, c, p, c, p, c + 1);
      for (long v = 0; v < g->villages; v++)
        fprintf(f, "    <organisation id=\"vb-p%ld-c%ld-v%ld\" kind=\"village-board\" locality=\"p%ld-c%ld-v%ld\" parent=\"bcd-p%ld-c%ld\" name=\"Ban công tác Mặt trận thôn %ld\"/>\n",
                p, c, v, p, c, v, p, c, v + 1);
    }
  }
  fprintf(f, "  </organisations>\n");
  fprintf(f, "  <plan id=\"gen\" type=\"KH\" number=\"1\" symbol=\"KH/BCĐ\" style=\"party\" place=\"Hà Nội\" date=\"2024-12-01\">\n");
  fprintf(f, "    <issuer org=\"bcd\"/>\n    <title>Kế hoạch thử nghiệm quy mô toàn quốc</title>\n");
  fprintf(f, "    <campaign name=\"Phối hợp liên ngành làm công tác dân vận\" phase=\"2\" year=\"2024\"/>\n");
  fprintf(f, "    <period start=\"");
  put_date(f, day_date(0));
  fprintf(f, "\" end=\"");
  put_date(f, day_date(g->days - 1));
  fprintf(f, "\"/>\n");
  for (long m = 0; m < g->metrics; m++) {
    fprintf(f, "    <quota id=\"q-m%ld\" metric=\"m%ld\" min=\"%ld\" mode=\"each\" coverage=\"0.9\">\n", m, m,
            (m + 1) * 10 * g->days);
    fprintf(f, "      <scope kind=\"village-board\" level=\"village\"/>\n    </quota>\n");
  }
  fprintf(f, "    <duty id=\"d-daily\" frequency=\"daily\" to=\"bcd\" start=\"");
  put_date(f, day_date(0));
  fprintf(f, "\" end=\"");
  put_date(f, day_date(g->days - 1));
  fprintf(f, "\" window-start=\"13:30\" due-time=\"15:00\" weekends=\"true\">\n");
  fprintf(f, "      <reporters kind=\"village-board\"/>\n      <carries metrics=\"");
  for (long m = 0; m < g->metrics; m++) fprintf(f, "%sm%ld", m ? " " : "", m);
  fprintf(f, "\"/>\n    </duty>\n  </plan>\n</danvan>\n");
  int bad = ferror(f) | fclose(f);
  if (bad) fprintf(stderr, "danvan gen: %s: write failed\n", g->plan_path);
  return bad ? 2 : 0;
}

static int write_reports(const gen_shape *g, long counts[4]) {
  FILE *f = fopen(g->reports_path, "w");
  if (!f) {
    fprintf(stderr, "danvan gen: %s: %s\n", g->reports_path, strerror(errno));
    return 2;
  }
  static char buf[1 << 16];
  setvbuf(f, buf, _IOFBF, sizeof buf);
  fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<danvan xmlns=\"urn:danvan:1\" version=\"1\">\n");
  for (long d = 0; d < g->days; d++) {
    int32_t date = day_date(d);
    for (long p = 0; p < g->provinces; p++)
      for (long c = 0; c < g->communes; c++)
        for (long v = 0; v < g->villages; v++) {
          double r = rng_unit();
          int minute; /* minutes after midnight, may pass 24h for next-day reports */
          int kind;   /* 0 on time, 1 early, 2 late, 3 missing */
          if (r < g->missing) kind = 3;
          else if (r < g->missing + g->late) kind = 2;
          else if (r < g->missing + g->late + g->early) kind = 1;
          else kind = 0;
          counts[kind]++;
          if (kind == 3) continue;
          minute = kind == 0 ? 810 + (int)(rng_next() % 90) : kind == 1 ? 600 + (int)(rng_next() % 210)
                                                               : 901 + (int)(rng_next() % 1200);
          int32_t sub_date = date;
          if (minute >= 1440) {
            danvan_date_add_days(&sub_date, date, 1);
            minute -= 1440;
          }
          fprintf(f, "  <report id=\"r-p%ld-c%ld-v%ld-d%ld\" plan=\"gen\" duty=\"d-daily\" org=\"vb-p%ld-c%ld-v%ld\" start=\"",
                  p, c, v, d, p, c, v);
          put_date(f, date);
          fprintf(f, "\" end=\"");
          put_date(f, date);
          fprintf(f, "\" submitted=\"");
          put_date(f, sub_date);
          fprintf(f, "T%02d:%02d:%02d+07:00\" mode=\"increment\" status=\"submitted\">\n", minute / 60,
                  minute % 60, (int)(rng_next() % 60));
          for (long m = 0; m < g->metrics; m++)
            fprintf(f, "    <value metric=\"m%ld\">%d</value>\n", m, (int)(rng_next() % (uint64_t)(25 * (m + 1))));
          fprintf(f, "  </report>\n");
        }
  }
  fprintf(f, "</danvan>\n");
  int bad = ferror(f) | fclose(f);
  if (bad) fprintf(stderr, "danvan gen: %s: write failed\n", g->reports_path);
  return bad ? 2 : 0;
}

static int parse_long(const char *s, long *out, long min) {
  char *end = NULL;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || !end || *end || v < min) return -1;
  *out = v;
  return 0;
}

static int parse_share(const char *s, double *out) {
  char *end = NULL;
  double v = strtod(s, &end);
  if (!end || *end || v < 0 || v > 1) return -1;
  *out = v;
  return 0;
}

int cmd_gen(int argc, char **argv) {
  gen_shape g = {2, 10, 8, 15, 2, 0.10, 0.05, 0.02, 1, NULL, NULL};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    long n;
    int bad = !v;
    if (bad) return gen_usage();
    if (!strcmp(a, "--provinces")) bad = parse_long(v, &g.provinces, 1);
    else if (!strcmp(a, "--communes")) bad = parse_long(v, &g.communes, 1);
    else if (!strcmp(a, "--villages")) bad = parse_long(v, &g.villages, 1);
    else if (!strcmp(a, "--days")) bad = parse_long(v, &g.days, 1);
    else if (!strcmp(a, "--metrics")) bad = parse_long(v, &g.metrics, 1);
    else if (!strcmp(a, "--late")) bad = parse_share(v, &g.late);
    else if (!strcmp(a, "--missing")) bad = parse_share(v, &g.missing);
    else if (!strcmp(a, "--early")) bad = parse_share(v, &g.early);
    else if (!strcmp(a, "--seed")) {
      bad = parse_long(v, &n, 0);
      g.seed = (uint64_t)n;
    } else if (!strcmp(a, "--plan")) g.plan_path = v;
    else if (!strcmp(a, "--reports")) g.reports_path = v;
    else return gen_usage();
    if (bad) {
      fprintf(stderr, "danvan gen: bad value '%s' for %s\n", v, a);
      return 2;
    }
    i++;
  }
  if (!g.plan_path || !g.reports_path || g.late + g.missing + g.early > 1 || g.days > 3650)
    return gen_usage();
  rng_state = g.seed;
  long counts[4] = {0, 0, 0, 0};
  int rc = write_plan(&g);
  if (!rc) rc = write_reports(&g, counts);
  if (!rc)
    fprintf(stderr, "danvan gen: %ld slots: %ld on time, %ld early, %ld late, %ld missing (%ld reports)\n",
            counts[0] + counts[1] + counts[2] + counts[3], counts[0], counts[1], counts[2], counts[3],
            counts[0] + counts[1] + counts[2]);
  return rc;
}
