#!/usr/bin/env python3
"""libdanvan benchmark harness ("Scale and speed"): `make bench`, not part of `make check`.

For each size it generates a synthetic campaign with `danvan gen` (cached under
build/bench/data/<shape>/), then measures, in the same run and on the same files:

  xmllint --stream --noout PLAN REPORTS                 libxml2's bare parse (text reader)
  xmllint --noout --schema XSD PLAN REPORTS             what a user would run instead of us
  xmllint --stream --noout --schema XSD PLAN REPORTS    (information: streaming XSD check)
  bench sax PLAN REPORTS                                (information: bare SAX2 push parse)
  bench load / validate / rules / evaluate / evaluate-stream / export-memory / export-file

Every measurement is its own process, started here and reaped with os.wait4(), which gives
that child's own rusage (ru_maxrss: its peak RSS) and, around it, the wall time. Each is
repeated (best of N: the run with the least wall time is kept, with its memory). The
in-process phases also report the time of the timed call alone and the peak memory that call
added (tests/bench/bench.c).

Results go to build/bench/results.json and build/bench/results.md and are printed. Ratios
only: nothing here asserts a wall-clock limit. Standard library only (Python 3.9+); uses
xmllint (libxml2-utils) and a C compiler, both installed by `make deps`.
"""

import argparse
import hashlib
import statistics
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.abspath(os.path.join(HERE, "..", ".."))

# Shapes for `danvan gen`. National scale: 34 provinces, ~3321 communes (~98 a province),
# ~19 villages a commune. About 5 % of slots are missing, so reports ~ 0.95 x slots.
SIZES = {
    "10k": dict(provinces=4, communes=10, villages=18, days=15),      # 10 800 slots
    "100k": dict(provinces=34, communes=11, villages=19, days=15),    # 106 590 slots
    "1M": dict(provinces=34, communes=98, villages=19, days=17),      # 1 076 236 slots
}
SIZE_SETS = {"small": ["10k", "100k"], "full": ["10k", "100k", "1M"]}
STREAM_CHUNK = 10000  # reports per file in the chunked streaming evaluation

TARGETS = {
    # name: (description, limit)  -- a ratio is met when it is <= limit
    "import_vs_xmllint_stream": ("import / xmllint --stream (time)", 1.5),
    "validate_vs_xmllint_schema": ("danvan validate (schema+rules) / xmllint --schema (time)", 1.0),
    "evaluate_vs_import": ("evaluate / import (time)", 0.25),
    "export_memory_vs_import": ("export to memory / import (time)", 1.0),
    "export_file_vs_import": ("export to a file / import (time)", 1.0),
    "load_memory_vs_input": ("peak memory of loading / input size", 0.8),
}
SCALING_LIMIT = 1.2  # time per report, largest size / smallest size
FLAT_LIMIT = 1.2     # streamed evaluation: peak memory, all reports / the first 10 000


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---- processes ------------------------------------------------------------------------------
def run_measured(argv, env=None, capture=False):
    """Run argv; return its exit status, wall seconds, ru_maxrss (KiB), user and system
    seconds (the child's own rusage, from os.wait4) and, when capture, its standard output."""
    with tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                             stderr=err, stdin=subprocess.DEVNULL, env=env)
        stdout = p.stdout.read() if capture else b""
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if capture:
            p.stdout.close()
        err.seek(0)
        stderr = err.read()
    return dict(status=p.returncode, wall=wall, maxrss_kb=ru.ru_maxrss, user=ru.ru_utime,
                sys=ru.ru_stime, stdout=stdout.decode("utf-8", "replace"),
                stderr=stderr.decode("utf-8", "replace"))


def external(bench, argv, env):
    """An external command, forked by `bench exec` (see bench.c for why not from here)."""
    r = internal(bench, ["exec"] + argv, env)
    if r.get("error") and "status" in r:
        r["error"] = f"{argv[0]} exited with {r['status']}"
    return r


def internal(bench, args, env):
    r = run_measured([bench] + args, env=env, capture=True)
    line = r["stdout"].strip().splitlines()[-1] if r["stdout"].strip() else ""
    try:
        j = json.loads(line)
    except ValueError:
        return dict(error=f"bench {args[0]} exited with {r['status']}: {r['stderr'][-400:]}")
    if r["status"] == 3 or "skipped" in j:
        return dict(skipped=j.get("skipped", "skipped"))
    if r["status"] != 0 or "error" in j:
        j.setdefault("error", f"exit {r['status']}: {r['stderr'][-400:]}")
        return j
    # "seconds" is the timed call alone (the ratios use it); the whole process is kept too.
    # Its wait4 ru_maxrss is kept for information only: it includes this Python process's RSS.
    j["process_seconds"] = r["wall"]
    j["wait4_maxrss_kb"] = r["maxrss_kb"]
    return j


# ---- setup ----------------------------------------------------------------------------------
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def have_header(name):
    return os.path.exists(os.path.join(SRC, "include", "danvan", name))


def compile_bench(build, outdir):
    exe = os.path.join(outdir, "bench")
    src = os.path.join(HERE, "bench.c")
    feats = {
        "BENCH_HAVE_XML": have_header("xml.h"),
        "BENCH_HAVE_VALIDATE": have_header("validate.h"),
        "BENCH_HAVE_EVALUATE": have_header("evaluate.h"),
    }
    xml_cflags = sh("pkg-config --cflags libxml-2.0")
    xml_libs = sh("pkg-config --libs libxml-2.0")
    feats["BENCH_HAVE_LIBXML2"] = bool(xml_libs)
    cc = os.environ.get("CC", "cc")
    argv = [cc, "-std=c99", "-O2", "-g", "-Wall", "-Wextra", "-Werror",
            "-I", os.path.join(SRC, "include"), "-I", os.path.join(build, "include")]
    argv += xml_cflags.split()
    argv += [f"-D{k}={int(v)}" for k, v in feats.items()]
    argv += [src, "-o", exe, "-L", build, "-ldanvan", f"-Wl,-rpath,{os.path.abspath(build)}"]
    argv += xml_libs.split()
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("bench: compiling tests/bench/bench.c failed:\n" + " ".join(argv) + "\n"
                 + r.stderr)
    return exe, feats


def shape_key(shape, seed):
    with open(os.path.join(SRC, "examples", "danvan", "cmd_gen.c"), "rb") as f:
        gen_hash = hashlib.sha1(f.read()).hexdigest()[:8]
    return ("p{provinces}-c{communes}-v{villages}-d{days}".format(**shape)
            + f"-s{seed}-g{gen_hash}")


def generate(danvan, datadir, name, shape, seed):
    key = shape_key(shape, seed)
    d = os.path.join(datadir, key)
    plan, reports = os.path.join(d, "plan.xml"), os.path.join(d, "reports.xml")
    meta_path = os.path.join(d, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if os.path.exists(plan) and os.path.exists(reports) \
                and os.path.getsize(reports) == meta.get("reports_bytes"):
            log(f"{name}: cached {d}")
            return d, plan, reports, meta
    os.makedirs(d, exist_ok=True)
    argv = [danvan, "gen", "--seed", str(seed), "--plan", plan, "--reports", reports]
    for k in ("provinces", "communes", "villages", "days"):
        argv += [f"--{k}", str(shape[k])]
    log(f"{name}: generating {key}")
    t0 = time.monotonic()
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench: danvan gen failed: {r.stderr}")
    m = re.search(r"\((\d+) reports\)", r.stderr)
    meta = dict(key=key, shape=shape, seed=seed, gen_summary=r.stderr.strip(),
                reports=int(m.group(1)) if m else None,
                plan_bytes=os.path.getsize(plan), reports_bytes=os.path.getsize(reports),
                gen_seconds=time.monotonic() - t0)
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    return d, plan, reports, meta


def split_reports(d, reports, chunk):
    """Split the report file into files of `chunk` reports each (cached); return their paths.
    Relies on danvan gen's canonical layout: one `  <report` ... `  </report>` block each."""
    cdir = os.path.join(d, f"chunks-{chunk}")
    done = os.path.join(cdir, "done")
    if os.path.exists(done):
        with open(done) as f:
            return [os.path.join(cdir, n) for n in f.read().split()]
    shutil.rmtree(cdir, ignore_errors=True)
    os.makedirs(cdir)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<danvan xmlns="urn:danvan:1" version="1">\n'
    names, out, n = [], None, 0
    with open(reports, "r", encoding="utf-8") as f:
        for line in f:
            if line.startswith("  <report "):
                if out is None or n == chunk:
                    if out:
                        out.write("</danvan>\n")
                        out.close()
                    names.append(f"r{len(names):05d}.xml")
                    out = open(os.path.join(cdir, names[-1]), "w", encoding="utf-8")
                    out.write(head)
                    n = 0
                n += 1
            if out is not None and line.startswith("  "):
                out.write(line)
    if out:
        out.write("</danvan>\n")
        out.close()
    with open(done, "w") as f:
        f.write("\n".join(names))
    return [os.path.join(cdir, n) for n in names]


def machine_info(build):
    info = dict(nproc=os.cpu_count(), kernel=platform.release(), python=platform.python_version())
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            info["cpu"] = m.group(1).strip() if m else "?"
        with open("/proc/meminfo") as f:
            m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
            info["memory_gib"] = round(int(m.group(1)) / 1048576, 1) if m else None
    except OSError:
        pass
    info["libxml2"] = sh("pkg-config --modversion libxml-2.0") or "?"
    info["xmllint"] = (sh("xmllint --version 2>&1").splitlines() or ["?"])[0]
    info["compiler"] = (sh(f"{os.environ.get('CC', 'cc')} --version").splitlines() or ["?"])[0]
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.exists(cache):
        with open(cache) as f:
            m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", f.read(), re.M)
            info["build_type"] = m.group(1) if m else "?"
    info["git"] = sh(f"git -C {SRC} rev-parse --short HEAD")
    info["branch"] = sh(f"git -C {SRC} rev-parse --abbrev-ref HEAD")
    return info


# ---- measuring one size ---------------------------------------------------------------------
def operations(bench, plan, reports, chunks, outdir, env, xsd):
    """(name, function) of every measured operation, in the order they run in each round."""
    def ext(*argv):
        return lambda: external(bench, list(argv), env)

    def our(*argv):
        return lambda: internal(bench, list(argv), env)

    ops = [
        ("xmllint --stream", ext("xmllint", "--stream", "--noout", plan, reports)),
        ("xmllint --schema", ext("xmllint", "--noout", "--schema", xsd, plan, reports)),
        ("xmllint --stream --schema",
         ext("xmllint", "--stream", "--noout", "--schema", xsd, plan, reports)),
        ("sax", our("sax", plan, reports)),
        ("load", our("load", plan, reports)),
        ("validate", our("validate", plan, reports)),
        ("rules", our("rules", plan, reports)),
        ("evaluate", our("evaluate", plan, reports)),
        ("evaluate-stream", our("evaluate-stream", plan, reports)),
        ("export-memory", our("export-memory", plan, reports)),
        ("export-file", our("export-file", plan, reports, os.path.join(outdir, "export.xml"))),
    ]
    if chunks:
        ops.insert(9, ("evaluate-stream-chunked", our("evaluate-stream", plan, *chunks)))
        # the same campaign with only its first 10 000 reports: what streaming more reports
        # adds to the peak, the plan and its slots being the same
        ops.insert(10, ("evaluate-stream-first-chunk", our("evaluate-stream", plan, chunks[0])))
    return ops


def measure(name, ops, repeats, only):
    """Run every operation `repeats` times, in interleaved rounds (so a busy spell of the
    machine hits all of them alike); keep each one's fastest run, with its memory."""
    res, spent, runs, peaks = {}, {}, {}, {}
    for rnd in range(repeats):
        for op, fn in ops:
            if only and op not in only:
                continue
            prev = res.get(op)
            if prev is not None and (prev.get("skipped") or prev.get("error")):
                continue
            t0 = time.monotonic()
            r = fn()
            spent[op] = spent.get(op, 0) + time.monotonic() - t0
            if not ok(r) or prev is None or r["seconds"] < prev["seconds"]:
                res[op] = r
            if ok(r):
                runs.setdefault(op, []).append(round(r["seconds"], 6))
                peaks.setdefault(op, []).append(r.get("peak_kb", 0))
        log(f"{name}: round {rnd + 1}/{repeats} done")
    for op, r in res.items():
        r["runs"] = runs.get(op, [])
        # peak RSS moves by ±0.2 MiB from run to run (where the kernel places the mappings):
        # the median of all runs, not the fastest run's, is the memory of an operation
        if peaks.get(op):
            r["peak_kb_runs"] = peaks[op]
            r["peak_kb_median"] = statistics.median(peaks[op])
        if r.get("skipped"):
            log(f"{name}: {op}: skipped: {r['skipped']}")
        elif r.get("error"):
            log(f"{name}: {op}: ERROR: {r['error']}")
        else:
            log(f"{name}: {op}: best {r['seconds']:.3f} s of {len(r['runs'])}, "
                f"peak {r['peak_kb'] / 1024:.1f} MiB ({spent[op]:.1f} s in all)")
    return res


def ok(r):
    return r is not None and not r.get("skipped") and not r.get("error")


def size_ratios(res, input_bytes, baseline_kb, key="seconds"):
    """The per-size ratios of wall times (key "seconds") or CPU times ("cpu_seconds"); None
    where an operand is missing."""
    def t(op):
        return res[op].get(key) if ok(res.get(op)) else None

    def div(a, b):
        return a / b if a is not None and b else None

    out = {
        "import_vs_xmllint_stream": div(t("load"), t("xmllint --stream")),
        "validate_vs_xmllint_schema": div(t("validate"), t("xmllint --schema")),
        "evaluate_vs_import": div(t("evaluate"), t("load")),
        "export_memory_vs_import": div(t("export-memory"), t("load")),
        "export_file_vs_import": div(t("export-file"), t("load")),
        "load_memory_vs_input": None,
    }
    if ok(res.get("load")):
        # What loading added: the process's peak RSS less that of a process that has loaded a
        # one-element document (`bench noop tiny.xml`: the library, libxml2 and the code of the
        # parse paged in, no data).
        added_kb = res["load"].get("peak_kb_median", res["load"]["peak_kb"]) - baseline_kb
        out["load_memory_vs_input"] = added_kb * 1024 / input_bytes
    return out


def verdict(value, limit):
    if value is None:
        return "n/a"
    return "met" if value <= limit else "not met"


# ---- report -----------------------------------------------------------------------------------
def fmt_s(x):
    return "–" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def fmt_mib(kb):
    return "–" if kb is None else f"{kb / 1024:.1f}"


def markdown(results):
    lines = []
    m = results["machine"]
    lines.append(f"Machine: {m.get('cpu')} × {m.get('nproc')} cores, {m.get('memory_gib')} GiB; "
                 f"libxml2 {m.get('libxml2')}; {m.get('compiler')}; build "
                 f"{m.get('build_type')}; git {m.get('branch')}@{m.get('git')}; "
                 f"{results['date']}; best of {results['repeats_note']} (interleaved rounds).")
    lines.append("Load average (1 min) before each size: " + ", ".join(
        f"{s['name']} {s['loadavg_before']:.2f}" for s in results["sizes"])
        + f" on {m.get('nproc')} cores. Each ratio is given for wall times (bold) and for "
        "CPU times (after ·), each with its verdict: on a busy machine the CPU-time ratio is "
        "the steadier one.")
    if results.get("baseline_idle_kb"):
        lines.append(f"Memory baseline: {results['baseline_idle_kb'] / 1024:.1f} MiB for an idle "
                     f"process, {results['baseline_kb'] / 1024:.1f} MiB once it has loaded a "
                     "one-element file; \"peak memory of loading\" is counted from the second.")
    lines.append("")
    lines.append("| size | reports | input MiB | operation | time s | µs/report | peak RSS MiB | "
                 "phase +MiB |")
    lines.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for s in results["sizes"]:
        n = s["reports"] or 1
        first = True
        for op, r in s["results"].items():
            head = (f"| {s['name']} | {s['reports']} | {s['input_bytes'] / 1048576:.1f} "
                    if first else "| | | ")
            first = False
            if r.get("skipped"):
                lines.append(f"{head}| {op} | skipped: {r['skipped']} | | | |")
                continue
            if r.get("error"):
                lines.append(f"{head}| {op} | error: {r['error'][:80]} | | | |")
                continue
            peak = r.get("peak_kb")
            phase = r.get("phase_peak_kb") if "phase_peak_kb" in r else None
            lines.append(f"{head}| {op} | {fmt_s(r['seconds'])} | "
                         f"{r['seconds'] * 1e6 / n:.2f} | {fmt_mib(peak)} | "
                         f"{fmt_mib(phase) if phase is not None else ''} |")
    lines.append("")
    lines.append("| memory per report | " + " | ".join(s["name"] for s in results["sizes"]) + " |")
    lines.append("| --- |" + " ---: |" * len(results["sizes"]))
    rows = [("input file (plan + reports), bytes", lambda s, l: s["input_bytes"] / s["reports"]),
            ("model after load (malloc'd), bytes",
             lambda s, l: l["heap_bytes"] / s["reports"] if l and l.get("heap_bytes") else None),
            ("peak RSS added by load, bytes (median of the runs)",
             lambda s, l: (l.get("peak_kb_median", l["peak_kb"]) - results["baseline_kb"]) * 1024
             / s["reports"] if l else None),
            ("the same over an idle process (code of the parse counted), bytes",
             lambda s, l: (l.get("peak_kb_median", l["peak_kb"])
                           - results.get("baseline_idle_kb", results["baseline_kb"]))
             * 1024 / s["reports"] if l else None)]
    for label, fn in rows:
        cells = []
        for s in results["sizes"]:
            ld = s["results"].get("load")
            v = fn(s, ld if ok(ld) else None) if s["reports"] else None
            cells.append("–" if v is None else f"{v:.0f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| ratio | target | " + " | ".join(s["name"] for s in results["sizes"]) + " |")
    lines.append("| --- | ---: |" + " ---: |" * len(results["sizes"]))
    for key, (desc, limit) in TARGETS.items():
        cells = []
        for s in results["sizes"]:
            v, c = s["ratios"].get(key), s["ratios_cpu"].get(key)
            cpu = ("" if c is None or key == "load_memory_vs_input"
                   else f" · cpu {c:.2f} {verdict(c, limit)}")
            cells.append("–" if v is None else f"**{v:.2f}** {verdict(v, limit)}{cpu}")
        lines.append(f"| {desc} | ≤ {limit} | " + " | ".join(cells) + " |")
    lines.append("")
    if results["scaling"]:
        lines.append("| across sizes | target | value |")
        lines.append("| --- | ---: | ---: |")
        for key, v in results["scaling"].items():
            val = "–" if v["value"] is None else f"**{v['value']:.2f}** {v['verdict']}".rstrip()
            if v.get("cpu") is not None:
                val += f" · cpu {v['cpu']:.2f} {verdict(v['cpu'], v['limit'])}"
            limit = "" if v["limit"] is None else f"≤ {v['limit']}"
            lines.append(f"| {v['desc']} | {limit} | {val} |")
        lines.append("")
    return "\n".join(lines)


DOC_BEGIN, DOC_END = "<!-- bench:begin -->", "<!-- bench:end -->"


def update_doc(md):
    """Replace the text between the markers of docs/performance.md with the tables."""
    path = os.path.join(SRC, "docs", "performance.md")
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    a, b = doc.find(DOC_BEGIN), doc.find(DOC_END)
    if a < 0 or b < a:
        log(f"{path} has no {DOC_BEGIN} ... {DOC_END} markers: not updated")
        return
    doc = doc[:a + len(DOC_BEGIN)] + "\n" + md + "\n" + doc[b:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)
    log(f"updated {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default=os.path.join(SRC, "build"))
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "full",
                    help="small, full, or a comma list of " + ", ".join(SIZES))
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT") or 0),
                    help="runs per measurement (default 9 below 50k reports, 5 below 500k, else 2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--update-doc", action="store_true",
                    default=os.environ.get("BENCH_DOC", "") not in ("", "0"),
                    help="write the tables into docs/performance.md (between its markers)")
    ap.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""),
                    help="comma list of operations to run (default: all)")
    args = ap.parse_args()

    build = os.path.abspath(args.build_dir)
    danvan = os.path.join(build, "danvan")
    if not os.path.exists(danvan):
        sys.exit(f"bench: {danvan} is missing: run `make build` first")
    if not shutil.which("xmllint"):
        sys.exit("bench: xmllint is missing (Debian package libxml2-utils; `make deps`)")
    outdir = os.path.join(build, "bench")
    datadir = os.path.join(outdir, "data")
    os.makedirs(datadir, exist_ok=True)
    names = SIZE_SETS.get(args.sizes, [s for s in args.sizes.split(",") if s])
    for n in names:
        if n not in SIZES:
            sys.exit(f"bench: unknown size '{n}' (known: {', '.join(SIZES)}, small, full)")
    only = set(o for o in args.only.split(",") if o)
    xsd = os.path.join(SRC, "schema", "danvan-1.xsd")
    env = dict(os.environ, DANVAN_SCHEMA=xsd)

    started = time.monotonic()
    bench, feats = compile_bench(build, outdir)
    log("bench.c built with " + ", ".join(f"{k}={int(v)}" for k, v in feats.items()))
    base = internal(bench, ["noop"], env)
    idle_kb = base.get("peak_kb", 0)
    # The baseline of "what loading added": a process that has loaded a document of one
    # element, so the parser's code (file-backed pages, about 0.9 MiB) is counted in both.
    tiny = os.path.join(outdir, "tiny.xml")
    with open(tiny, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<danvan xmlns="urn:danvan:1" version="1"/>\n')
    warms = [internal(bench, ["noop", tiny], env) for _ in range(9)]
    warm_kb = [w["peak_kb"] for w in warms if ok(w)]
    baseline_kb = statistics.median(warm_kb) if warm_kb else idle_kb
    log(f"baseline process (bench noop): {idle_kb / 1024:.1f} MiB idle, "
        f"{baseline_kb / 1024:.1f} MiB after loading a one-element file")

    results = dict(date=time.strftime("%Y-%m-%d %H:%M"), machine=machine_info(build),
                   features={k: bool(v) for k, v in feats.items()}, baseline_kb=baseline_kb,
                   baseline_idle_kb=idle_kb,
                   sizes=[], scaling={})
    rep_notes = []
    for name in names:
        d, plan, reports, meta = generate(danvan, datadir, name, SIZES[name], args.seed)
        chunks = []
        if feats["BENCH_HAVE_EVALUATE"] and (not only or "evaluate-stream-chunked" in only
                                              or "evaluate-stream-first-chunk" in only):
            chunks = split_reports(d, reports, STREAM_CHUNK)
        nrep = meta["reports"] or 0
        repeats = args.repeat or (9 if nrep < 50000 else 5 if nrep < 500000 else 2)
        rep_notes.append(f"{repeats} ({name})")
        input_bytes = meta["plan_bytes"] + meta["reports_bytes"]
        log(f"{name}: {meta['reports']} reports, {input_bytes / 1048576:.1f} MiB; "
            f"{repeats} run(s) each")
        ops = operations(bench, plan, reports, chunks, d, env, xsd)
        load0 = os.getloadavg()[0]
        res = measure(name, ops, repeats, only)
        try:
            os.remove(os.path.join(d, "export.xml"))
        except OSError:
            pass
        ratios = size_ratios(res, input_bytes, baseline_kb)
        ratios_cpu = size_ratios(res, input_bytes, baseline_kb, "cpu_seconds")
        results["sizes"].append(dict(name=name, shape=SIZES[name], reports=meta["reports"],
                                     plan_bytes=meta["plan_bytes"],
                                     reports_bytes=meta["reports_bytes"],
                                     input_bytes=input_bytes, stream_chunks=len(chunks),
                                     loadavg_before=load0, loadavg_after=os.getloadavg()[0],
                                     results=res, ratios=ratios, ratios_cpu=ratios_cpu,
                                     verdicts={k: verdict(v, TARGETS[k][1])
                                               for k, v in ratios.items()}))
    results["repeats_note"] = ", ".join(rep_notes)

    # Across sizes: time per report, largest / smallest; streamed evaluation memory.
    if len(results["sizes"]) >= 2:
        lo, hi = results["sizes"][0], results["sizes"][-1]
        for op in ("load", "validate", "evaluate", "export-memory", "export-file",
                   "xmllint --stream", "xmllint --schema"):
            a, b = lo["results"].get(op), hi["results"].get(op)
            v = c = None
            if ok(a) and ok(b) and lo["reports"] and hi["reports"]:
                v = (b["seconds"] / hi["reports"]) / (a["seconds"] / lo["reports"])
                if a.get("cpu_seconds") and b.get("cpu_seconds") is not None:
                    c = (b["cpu_seconds"] / hi["reports"]) / (a["cpu_seconds"] / lo["reports"])
            results["scaling"][f"per_report_{op}"] = dict(
                desc=f"time per report of {op}, {hi['name']} / {lo['name']}",
                limit=SCALING_LIMIT, value=v, cpu=c, verdict=verdict(v, SCALING_LIMIT))
        for op in ("evaluate-stream", "evaluate-stream-chunked"):
            a, b = lo["results"].get(op), hi["results"].get(op)
            v = None
            if ok(a) and ok(b):
                v = b["peak_kb"] / a["peak_kb"]
            results["scaling"][f"grow_{op}"] = dict(
                desc=f"information: peak memory of {op}, {hi['name']} / {lo['name']} "
                     "(the campaign grows too)",
                limit=None, value=v, verdict="")
    # Streamed evaluation, one campaign: every report against its first 10 000.
    for s in results["sizes"]:
        a, b = s["results"].get("evaluate-stream-first-chunk"), s["results"].get("evaluate-stream-chunked")
        if not (ok(a) and ok(b)) or s["stream_chunks"] < 2:
            continue
        v = b.get("peak_kb_median", b["peak_kb"]) / a.get("peak_kb_median", a["peak_kb"])
        results["scaling"][f"flat_{s['name']}"] = dict(
            desc=f"peak memory of streamed evaluation at {s['name']}: all {s['reports']} reports "
                 f"/ the first {STREAM_CHUNK} (same plan)",
            limit=FLAT_LIMIT, value=v, verdict=verdict(v, FLAT_LIMIT))
    results["total_seconds"] = time.monotonic() - started

    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    md = markdown(results)
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write(md + "\n")
    print(md)
    if args.update_doc:
        update_doc(md)
    log(f"done in {results['total_seconds']:.0f} s: {outdir}/results.json, results.md")


if __name__ == "__main__":
    main()
