/* danvan evaluate PLAN.xml [REPORTS.xml ...] [--plan ID] [--as-of DATETIME]
 *                 [--format text|xml|csv|xlsx|html] [-o OUT] [--deadline-exclusive]
 *                 [--no-locality-credit]
 * Evaluate a plan against its reports: duties, quotas, ranking. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tool.h"

static const char USAGE[] =
    "usage: danvan evaluate PLAN.xml [REPORTS.xml ...] [--plan ID] [--as-of DATETIME]\n"
    "                       [--format text|xml|csv|xlsx|html] [-o OUT]\n"
    "                       [--deadline-exclusive] [--no-locality-credit]\n";

static void help(void) {
  printf("%s\n"
         "Evaluate a plan against its reports: which report slots came on time, early, late or\n"
         "not at all; what each unit achieved for each quota; a score and a rank per unit.\n"
         "PLAN.xml holds the plan (and may hold reports); each REPORTS.xml is read on its own\n"
         "and only its reports are used (one file in memory at a time).\n\n"
         "  --plan ID          the plan to evaluate (needed when PLAN.xml holds several)\n"
         "  --as-of DATETIME   the moment of the evaluation, e.g. 2024-12-25T00:00:00+07:00\n"
         "                     or 2024-12-25 (midnight, Vietnam time); default: now\n"
         "  --format F         text (default), xml, csv, xlsx or html\n"
         "  -o OUT             write to OUT (needed for xlsx); default: standard output\n"
         "  --deadline-exclusive  a report at exactly the due-time is late ('trước 12h')\n"
         "  --no-locality-credit  values credit units through the organisation tree only\n\n"
         "Exit status: 0 done, 1 the evaluation or the output failed, 2 bad arguments or input.\n",
         USAGE);
}

static int parse_as_of(const char *s, int64_t *out) {
  if (danvan_datetime_parse(out, s) == DANVAN_OK) return 0;
  int32_t d = 0;
  if (strlen(s) == 10 && danvan_date_parse(&d, s) == DANVAN_OK &&
      danvan_datetime_from_parts(out, d, 0) == DANVAN_OK)
    return 0;
  return -1;
}

static int write_out(const char *out, const char *data, size_t len) {
  FILE *f = out ? fopen(out, "wb") : stdout;
  if (!f) {
    perror(out);
    return 1;
  }
  int bad = fwrite(data, 1, len, f) != len;
  if (out) bad |= fclose(f) != 0;
  else bad |= fflush(f) != 0;
  if (bad) {
    fprintf(stderr, "danvan evaluate: cannot write %s\n", out ? out : "<stdout>");
    return 1;
  }
  return 0;
}

int cmd_evaluate(int argc, char **argv) {
  const char *plan_file = NULL, *plan_id = NULL, *format = "text", *out = NULL;
  const char **reports = calloc((size_t)argc, sizeof *reports);
  size_t nreports = 0;
  int64_t as_of = (int64_t)time(NULL);
  int exclusive = 0, no_loc = 0;
  if (!reports) return 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_arg = i + 1 < argc;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      help();
      free(reports);
      return 0;
    } else if (strcmp(a, "--plan") == 0 && has_arg) {
      plan_id = argv[++i];
    } else if (strcmp(a, "--as-of") == 0 && has_arg) {
      if (parse_as_of(argv[++i], &as_of)) {
        fprintf(stderr, "danvan evaluate: '%s' is not a date-time (YYYY-MM-DDThh:mm:ss+07:00)\n", argv[i]);
        free(reports);
        return 2;
      }
    } else if (strcmp(a, "--format") == 0 && has_arg) {
      format = argv[++i];
    } else if (strcmp(a, "-o") == 0 && has_arg) {
      out = argv[++i];
    } else if (strcmp(a, "--deadline-exclusive") == 0) {
      exclusive = 1;
    } else if (strcmp(a, "--no-locality-credit") == 0) {
      no_loc = 1;
    } else if (a[0] != '-' && !plan_file) {
      plan_file = a;
    } else if (a[0] != '-') {
      reports[nreports++] = a;
    } else {
      fprintf(stderr, "%s", USAGE);
      free(reports);
      return 2;
    }
  }
  static const char *const formats[] = {"text", "xml", "csv", "xlsx", "html", NULL};
  int fmt = -1;
  for (int k = 0; formats[k]; k++)
    if (strcmp(formats[k], format) == 0) fmt = k;
  if (!plan_file || fmt < 0 || (fmt == 3 && !out)) {
    if (fmt < 0) fprintf(stderr, "danvan evaluate: unknown format '%s'\n", format);
    if (fmt == 3 && !out) fprintf(stderr, "danvan evaluate: --format xlsx needs -o OUT\n");
    fprintf(stderr, "%s", USAGE);
    free(reports);
    return 2;
  }

  int status = 0;
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = NULL;
  danvan_evaluate_options *opts = NULL;
  if (danvan_dataset_load(&ds, plan_file, NULL) != DANVAN_OK) {
    tool_report_error("evaluate");
    status = 2;
    goto done;
  }
  if (danvan_evaluate_options_new(&opts) != DANVAN_OK ||
      danvan_evaluate_options_set_deadline_inclusive(opts, !exclusive) != DANVAN_OK ||
      danvan_evaluate_options_set_locality_credit(opts, !no_loc) != DANVAN_OK) {
    tool_report_error("evaluate");
    status = 1;
    goto done;
  }
  if (danvan_evaluation_begin(&ev, ds, plan_id, as_of, opts) != DANVAN_OK ||
      danvan_evaluation_add_reports(ev, ds) != DANVAN_OK) {
    tool_report_error("evaluate");
    status = danvan_error_code() == DANVAN_ENOTFOUND ? 2 : 1;
    goto done;
  }
  for (size_t i = 0; i < nreports; i++)
    if (danvan_evaluation_add_report_file(ev, reports[i], NULL) != DANVAN_OK) {
      tool_report_error("evaluate");
      status = 2;
      goto done;
    }
  if (danvan_evaluation_finish(ev) != DANVAN_OK) {
    tool_report_error("evaluate");
    status = 1;
    goto done;
  }
  if (fmt == 3) {
    if (danvan_evaluation_to_xlsx(ev, out) != DANVAN_OK) {
      tool_report_error("evaluate");
      status = 1;
    }
  } else {
    char *text = NULL;
    size_t len = 0;
    int32_t rc = fmt == 0   ? danvan_evaluation_to_text(&text, &len, ev)
                 : fmt == 1 ? danvan_evaluation_to_xml(&text, &len, ev)
                 : fmt == 2 ? danvan_evaluation_to_csv(&text, &len, ev, DANVAN_EVAL_ALL)
                            : danvan_evaluation_to_html(&text, &len, ev);
    if (rc != DANVAN_OK) {
      tool_report_error("evaluate");
      status = 1;
    } else {
      status = write_out(out, text, len);
    }
    danvan_free(text);
  }
done:
  danvan_evaluation_free(ev);
  danvan_evaluate_options_free(opts);
  danvan_dataset_free(ds);
  free(reports);
  return status;
}
