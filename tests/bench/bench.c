/*
 * bench — times one phase of libdanvan on a plan file and a report file and prints one JSON
 * object on standard output. One process per phase (tests/bench/run.py starts them), so the
 * peak memory of a phase is not hidden by the one before it:
 *
 *   bench exec CMD ARG...                run an external command (xmllint); report its wall
 *                                        time and its own peak RSS (wait4's ru_maxrss)
 *   bench noop                           baseline: the library linked, nothing read
 *   bench sax FILE...                    libxml2's bare SAX2 push parse, no callbacks (a floor)
 *   bench load PLAN REPORTS              import: load the plan, merge the reports
 *   bench validate PLAN REPORTS          danvan_validate_files(): load + schema pass + rules
 *   bench rules PLAN REPORTS             load (untimed), then danvan_validate() on the dataset
 *   bench evaluate PLAN REPORTS          load (untimed), then danvan_evaluate()
 *   bench evaluate-stream PLAN REPORTS...  load the plan, then danvan_evaluation_begin(),
 *                                        danvan_evaluation_add_report_file() per report file,
 *                                        danvan_evaluation_finish(); the reports never enter
 *                                        the plan's dataset
 *   bench export-memory PLAN REPORTS     load (untimed), then danvan_dataset_to_xml()
 *   bench export-file PLAN REPORTS OUT   load (untimed), then danvan_dataset_save() to OUT
 *
 * Every phase reports: "seconds" (CLOCK_MONOTONIC around the timed call), "cpu_seconds" (the
 * process's CPU time over the same span, less sensitive to a busy machine), "rss_before_kb"
 * (VmRSS just before it), "hwm_kb" (VmHWM just after it: the peak since the reset) and
 * "phase_peak_kb" = hwm_kb - rss_before_kb (what the phase itself added at its peak). Before a
 * timed phase that follows an untimed load, the peak is reset (writing 5 to
 * /proc/self/clear_refs, Linux 4.0+), so hwm_kb is the peak of the phase, not of the load;
 * "hwm_reset" says whether the reset worked; "peak_kb" is the peak of the whole process (the
 * larger of VmHWM before the reset and after the phase).
 *
 * Why `bench exec` and VmHWM rather than the harness's own wait4(): on Linux a child's
 * ru_maxrss starts from the RSS of the process that forked it (exec keeps the larger of the
 * old and new high-water marks), so every child of the Python harness would report at least
 * Python's ~15-20 MiB, and a 200 MiB parent would make /bin/true "use" 200 MiB. Forked from
 * this small program, a child's ru_maxrss is off by at most this program's RSS (about 2 MiB,
 * measured by `bench noop`, the baseline).
 *
 * A phase whose API the library does not have yet (the headers are detected by run.py and
 * passed as BENCH_HAVE_XML, BENCH_HAVE_VALIDATE, BENCH_HAVE_EVALUATE) prints
 * {"skipped": "reason"} and exits with status 3.
 *
 * Public headers only (plus libxml2 for the "sax" floor when BENCH_HAVE_LIBXML2).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* wait4() */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <danvan/danvan.h>
#if BENCH_HAVE_XML
#  include <danvan/xml.h>
#endif
#if BENCH_HAVE_VALIDATE
#  include <danvan/validate.h>
#endif
#if BENCH_HAVE_EVALUATE
#  include <danvan/evaluate.h>
#endif
#if BENCH_HAVE_LIBXML2
#  include <libxml/parser.h>
#endif

#if defined(__GNUC__)
#  define BENCH_MAYBE_UNUSED __attribute__((unused)) /* helpers of phases compiled out */
#else
#  define BENCH_MAYBE_UNUSED
#endif

/* ---- measurement --------------------------------------------------------------------------- */
static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu_now(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* A "VmXXX:   1234 kB" line of /proc/self/status, in kB; -1 when unavailable. */
static long status_kb(const char *key) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  size_t klen = strlen(key);
  long v = -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
      v = strtol(line + klen + 1, NULL, 10);
      break;
    }
  fclose(f);
  return v;
}

/* Reset the peak RSS (VmHWM) to the current RSS. */
static int reset_hwm(void) {
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  if (fd < 0) return 0;
  int ok = write(fd, "5", 1) == 1;
  close(fd);
  return ok;
}

static long setup_hwm = -1; /* VmHWM before the reset of a phase that follows a load */

typedef struct mark {
  double t0, cpu0;
  long rss0;
  int reset;
} mark;

static mark begin_phase(int reset) {
  mark m;
  if (reset) setup_hwm = status_kb("VmHWM");
  m.reset = reset ? reset_hwm() : 0;
  m.rss0 = status_kb("VmRSS");
  m.cpu0 = cpu_now();
  m.t0 = now();
  return m;
}

/* Bytes the C library's allocator hands out right now (heap arenas + mmapped chunks). */
BENCH_MAYBE_UNUSED static double heap_bytes(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 mi = mallinfo2();
  return (double)mi.uordblks + (double)mi.hblkhd;
#else
  return -1;
#endif
}

/* ---- JSON output ----------------------------------------------------------------------------- */
static void json_str(const char *s) {
  putchar('"');
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

static void json_open(const char *phase) {
  printf("{\"phase\": ");
  json_str(phase);
}

static void json_num(const char *key, double v) { printf(", \"%s\": %.6f", key, v); }
static void json_int(const char *key, long long v) { printf(", \"%s\": %lld", key, v); }
static void json_kv(const char *key, const char *v) {
  printf(", \"%s\": ", key);
  json_str(v);
}

static void json_phase(const mark *m, double seconds) {
  double cpu = cpu_now() - m->cpu0;
  long hwm = status_kb("VmHWM");
  json_num("seconds", seconds);
  json_num("cpu_seconds", cpu);
  json_int("rss_before_kb", m->rss0);
  json_int("hwm_kb", hwm);
  json_int("phase_peak_kb", (m->rss0 >= 0 && hwm >= 0) ? hwm - m->rss0 : -1);
  json_int("peak_kb", setup_hwm > hwm ? setup_hwm : hwm);
  json_int("hwm_reset", m->reset);
  json_int("rss_after_kb", status_kb("VmRSS"));
}

static int json_close(int rc) {
  printf("}\n");
  fflush(stdout);
  return rc;
}

BENCH_MAYBE_UNUSED static int skipped(const char *phase, const char *reason) {
  json_open(phase);
  json_kv("skipped", reason);
  return json_close(3);
}

BENCH_MAYBE_UNUSED static int failed(const char *phase, const char *what, int32_t rc) {
  char msg[1024];
  snprintf(msg, sizeof msg, "%s: %s (%s) %s:%u:%u", what, danvan_error_message(),
           danvan_status_name(rc), danvan_error_file(), danvan_error_line(),
           danvan_error_column());
  json_open(phase);
  json_kv("error", msg);
  return json_close(1);
}

static int usage(void) {
  fprintf(stderr,
          "usage: bench exec CMD ARG... | noop [TINY.xml] | sax FILE... | load PLAN REPORTS | validate PLAN REPORTS |\n"
          "             rules PLAN REPORTS | evaluate PLAN REPORTS |\n"
          "             evaluate-stream PLAN REPORTS... | export-memory PLAN REPORTS |\n"
          "             export-file PLAN REPORTS OUT\n");
  return 2;
}

/* The evaluation moment: 2030-01-01T00:00:00Z, after any generated campaign, so every slot
   is settled. */
#define BENCH_AS_OF INT64_C(1893456000)

/* ---- phases ----------------------------------------------------------------------------------- */
#if BENCH_HAVE_XML
static int32_t load_both(danvan_dataset **out, const char *plan, const char *reports) {
  int32_t rc = danvan_dataset_load(out, plan, NULL);
  if (rc) return rc;
  rc = danvan_dataset_merge(*out, reports, NULL);
  if (rc) {
    danvan_dataset_free(*out);
    *out = NULL;
  }
  return rc;
}

static void json_dataset(const danvan_dataset *ds) {
  json_int("reports", (long long)danvan_dataset_count(ds, DANVAN_KIND_REPORT));
  json_int("entities", (long long)danvan_dataset_entity_count(ds));
}
#endif

static int phase_exec(char **argv) {
  double t0 = now();
  pid_t pid = fork();
  if (pid < 0) {
    json_open("exec");
    json_kv("error", strerror(errno));
    return json_close(1);
  }
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      close(null);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "bench exec: %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) continue;
  double t = now() - t0;
  json_open("exec");
  json_kv("command", argv[0]);
  json_num("seconds", t);
  json_int("peak_kb", (long long)ru.ru_maxrss);
  double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
  double sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
  json_num("cpu_seconds", user + sys);
  json_num("user", user);
  json_num("sys", sys);
  json_int("launcher_rss_kb", status_kb("VmRSS"));
  json_int("status", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  return json_close(WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1);
}

static int phase_noop(const char *tiny) {
  mark m = begin_phase(0);
#if BENCH_HAVE_XML
  /* with a file: load it (a document of one element) so that the code of the parse is paged
     in, as it is in every loading process: the baseline of what loading data adds */
  if (tiny) {
    danvan_dataset *ds = NULL;
    int32_t rc = danvan_dataset_load(&ds, tiny, NULL);
    if (rc) return failed("noop", "load", rc);
    danvan_dataset_free(ds);
  }
#else
  (void)tiny;
#endif
  json_open("noop");
  json_kv("version", danvan_version_string());
  json_phase(&m, now() - m.t0);
  return json_close(0);
}

static int phase_sax(int n, char **files) {
#if BENCH_HAVE_LIBXML2
  /* A SAX2 handler with no callbacks: what libxml2's push parser costs by itself, fed 64 KiB
     chunks read with read(2) as our reader does. */
  static char buf[64 * 1024];
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  mark m = begin_phase(0);
  long long bytes = 0;
  for (int i = 0; i < n; i++) {
    int fd = open(files[i], O_RDONLY);
    if (fd < 0) {
      json_open("sax");
      json_kv("error", strerror(errno));
      return json_close(1);
    }
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, files[i]);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    ssize_t k;
    while ((k = read(fd, buf, sizeof buf)) > 0) {
      bytes += k;
      xmlParseChunk(ctxt, buf, (int)k, 0);
    }
    xmlParseChunk(ctxt, NULL, 0, 1);
    int wf = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    close(fd);
    if (!wf) {
      json_open("sax");
      json_kv("error", "not well-formed");
      return json_close(1);
    }
  }
  double t = now() - m.t0;
  json_open("sax");
  json_phase(&m, t);
  json_int("bytes", bytes);
  return json_close(0);
#else
  (void)n;
  (void)files;
  return skipped("sax", "built without libxml2 headers");
#endif
}

static int phase_load(const char *plan, const char *reports) {
#if BENCH_HAVE_XML
  danvan_dataset *ds = NULL;
  double h0 = heap_bytes();
  mark m = begin_phase(0);
  int32_t rc = load_both(&ds, plan, reports);
  double t = now() - m.t0;
  if (rc) return failed("load", "load", rc);
  json_open("load");
  json_phase(&m, t);
  json_dataset(ds);
  json_num("heap_bytes", heap_bytes() - h0);
  double t1 = now();
  danvan_dataset_free(ds);
  json_num("free_seconds", now() - t1);
  return json_close(0);
#else
  (void)plan;
  (void)reports;
  return skipped("load", "no danvan/xml.h (the xml branch is not merged)");
#endif
}

static int phase_validate(const char *plan, const char *reports) {
#if BENCH_HAVE_VALIDATE
  danvan_validate_options *opts = NULL;
  danvan_diagnostics *diags = NULL;
  int32_t rc = danvan_validate_options_new(&opts);
  if (!rc) rc = danvan_validate_options_set_language(opts, "en");
  if (!rc) rc = danvan_validate_options_set_schema(opts, 1);
  if (rc) return failed("validate", "options", rc);
  const char *paths[2] = {plan, reports};
  mark m = begin_phase(0);
  rc = danvan_validate_files(&diags, paths, 2, opts);
  double t = now() - m.t0;
  if (rc) return failed("validate", "validate", rc);
  json_open("validate");
  json_phase(&m, t);
  json_int("findings", (long long)danvan_diagnostics_total(diags));
  json_int("errors", (long long)danvan_diagnostics_severity_total(diags, DANVAN_SEVERITY_ERROR));
  json_int("warnings",
           (long long)danvan_diagnostics_severity_total(diags, DANVAN_SEVERITY_WARNING));
  if (danvan_diagnostics_count(diags)) {
    char first[600];
    snprintf(first, sizeof first, "%s: %s:%u: %s", danvan_diagnostics_rule(diags, 0),
             danvan_diagnostics_file(diags, 0), danvan_diagnostics_line(diags, 0),
             danvan_diagnostics_path(diags, 0));
    json_kv("first_finding", first);
  }
  danvan_diagnostics_free(diags);
  danvan_validate_options_free(opts);
  return json_close(0);
#else
  (void)plan;
  (void)reports;
  return skipped("validate", "no danvan/validate.h (the validate branch is not merged)");
#endif
}

static int phase_rules(const char *plan, const char *reports) {
#if BENCH_HAVE_VALIDATE && BENCH_HAVE_XML
  danvan_dataset *ds = NULL;
  danvan_validate_options *opts = NULL;
  danvan_diagnostics *diags = NULL;
  double l0 = now();
  int32_t rc = load_both(&ds, plan, reports);
  double load_t = now() - l0;
  if (rc) return failed("rules", "load", rc);
  if ((rc = danvan_validate_options_new(&opts)) ||
      (rc = danvan_validate_options_set_language(opts, "en")))
    return failed("rules", "options", rc);
  mark m = begin_phase(1);
  rc = danvan_validate(&diags, ds, opts);
  double t = now() - m.t0;
  if (rc) return failed("rules", "validate", rc);
  json_open("rules");
  json_phase(&m, t);
  json_num("setup_seconds", load_t);
  json_dataset(ds);
  json_int("findings", (long long)danvan_diagnostics_total(diags));
  danvan_diagnostics_free(diags);
  danvan_validate_options_free(opts);
  danvan_dataset_free(ds);
  return json_close(0);
#else
  (void)plan;
  (void)reports;
  return skipped("rules", "no danvan/validate.h or danvan/xml.h");
#endif
}

#if BENCH_HAVE_EVALUATE
static void json_tallies(const danvan_evaluation *ev) {
  int64_t v = 0;
  if (!danvan_evaluation_tally(&v, ev, DANVAN_TALLY_COUNTED)) json_int("counted", (long long)v);
  if (!danvan_evaluation_tally(&v, ev, DANVAN_TALLY_MATCHED)) json_int("matched", (long long)v);
  json_int("slot_rows", (long long)danvan_evaluation_row_count(ev, DANVAN_EVAL_SLOTS));
  json_int("score_rows", (long long)danvan_evaluation_row_count(ev, DANVAN_EVAL_SCORES));
}
#endif

static int phase_evaluate(const char *plan, const char *reports) {
#if BENCH_HAVE_EVALUATE && BENCH_HAVE_XML
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = NULL;
  double l0 = now();
  int32_t rc = load_both(&ds, plan, reports);
  double load_t = now() - l0;
  if (rc) return failed("evaluate", "load", rc);
  double h0 = heap_bytes();
  mark m = begin_phase(1);
  rc = danvan_evaluate(&ev, ds, NULL, BENCH_AS_OF, NULL);
  double t = now() - m.t0;
  if (rc) return failed("evaluate", "evaluate", rc);
  json_open("evaluate");
  json_phase(&m, t);
  json_num("setup_seconds", load_t);
  json_num("heap_bytes", heap_bytes() - h0);
  json_dataset(ds);
  json_tallies(ev);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  return json_close(0);
#else
  (void)plan;
  (void)reports;
  return skipped("evaluate", "no danvan/evaluate.h (the eval branch is not merged)");
#endif
}

static int phase_evaluate_stream(const char *plan, int n, char **reports) {
#if BENCH_HAVE_EVALUATE && BENCH_HAVE_XML
  danvan_dataset *ds = NULL;
  danvan_evaluation *ev = NULL;
  mark m = begin_phase(0);
  int32_t rc = danvan_dataset_load(&ds, plan, NULL);
  if (rc) return failed("evaluate-stream", "load plan", rc);
  double plan_t = now() - m.t0;
  long plan_rss = status_kb("VmRSS");
  rc = danvan_evaluation_begin(&ev, ds, NULL, BENCH_AS_OF, NULL);
  if (rc) return failed("evaluate-stream", "begin", rc);
  for (int i = 0; i < n && !rc; i++) rc = danvan_evaluation_add_report_file(ev, reports[i], NULL);
  if (rc) return failed("evaluate-stream", "add_report_file", rc);
  rc = danvan_evaluation_finish(ev);
  double t = now() - m.t0;
  if (rc) return failed("evaluate-stream", "finish", rc);
  json_open("evaluate-stream");
  json_phase(&m, t);
  json_num("plan_seconds", plan_t);
  json_int("plan_rss_kb", plan_rss);
  json_int("files", n);
  json_tallies(ev);
  danvan_evaluation_free(ev);
  danvan_dataset_free(ds);
  return json_close(0);
#else
  (void)plan;
  (void)n;
  (void)reports;
  return skipped("evaluate-stream", "no streaming evaluation API (danvan/evaluate.h)");
#endif
}

static int phase_export(const char *plan, const char *reports, const char *out_path) {
  const char *phase = out_path ? "export-file" : "export-memory";
#if BENCH_HAVE_XML
  danvan_dataset *ds = NULL;
  double l0 = now();
  int32_t rc = load_both(&ds, plan, reports);
  double load_t = now() - l0;
  if (rc) return failed(phase, "load", rc);
  char *xml = NULL;
  size_t len = 0;
  mark m = begin_phase(1);
  if (out_path) rc = danvan_dataset_save(ds, out_path);
  else rc = danvan_dataset_to_xml(&xml, &len, ds);
  double t = now() - m.t0;
  if (rc) return failed(phase, "export", rc);
  json_open(phase);
  json_phase(&m, t);
  json_num("setup_seconds", load_t);
  json_dataset(ds);
  if (!out_path) json_int("bytes", (long long)len);
  danvan_free(xml);
  danvan_dataset_free(ds);
  return json_close(0);
#else
  (void)plan;
  (void)reports;
  return skipped(phase, "no danvan/xml.h (the xml branch is not merged)");
#endif
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  const char *cmd = argv[1];
  if (!strcmp(cmd, "noop")) return phase_noop(argc >= 3 ? argv[2] : NULL);
  if (!strcmp(cmd, "exec") && argc >= 3) return phase_exec(argv + 2);
  if (!strcmp(cmd, "sax") && argc >= 3) return phase_sax(argc - 2, argv + 2);
  if (argc == 4) {
    if (!strcmp(cmd, "load")) return phase_load(argv[2], argv[3]);
    if (!strcmp(cmd, "validate")) return phase_validate(argv[2], argv[3]);
    if (!strcmp(cmd, "rules")) return phase_rules(argv[2], argv[3]);
    if (!strcmp(cmd, "evaluate")) return phase_evaluate(argv[2], argv[3]);
    if (!strcmp(cmd, "export-memory")) return phase_export(argv[2], argv[3], NULL);
  }
  if (!strcmp(cmd, "evaluate-stream") && argc >= 4)
    return phase_evaluate_stream(argv[2], argc - 3, argv + 3);
  if (!strcmp(cmd, "export-file") && argc == 5) return phase_export(argv[2], argv[3], argv[4]);
  return usage();
}
