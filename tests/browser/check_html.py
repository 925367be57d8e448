#!/usr/bin/env python3
"""The evaluation outputs opened by real readers (Python 3 standard library only).

  check_html.py html  --danvan build/danvan --source-dir . --out-dir OUT
  check_html.py xlsx  --danvan build/danvan --source-dir . --out-dir OUT

html: the `danvan` tool writes the Tân Phong evaluation page; headless Chromium opens it (a
file:// URL) and is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no
port, no network). The test fails on a console message, an uncaught exception, a log entry
of level warning or error, a failed request or any request that is not the page itself; then
it reads the DOM as rendered (what --dump-dom prints, saved as OUT/tan-phong.dom.html) and
checks the title, the ranking (the eight hamlets), the two quotas, the SVG charts (bars drawn
with the page's colours, text laid out) and the unit x day grids, against the tool's own CSV
of the same evaluation. It saves screenshots for a person to look at: OUT/tan-phong.png (the
top 1280x2000, like --screenshot --window-size=1280,2000) and OUT/tan-phong-full.png. The
golden pages tests/data/eval/*.html are opened too (no errors, charts and grids rendered).
Without Chromium it exits 77 (skipped), unless DANVAN_REQUIRE_BROWSER=1.

xlsx: the tool writes the workbook; it is read as what it is, a ZIP of XML parts (zipfile +
ElementTree): parts and content types, sheet names, headers, shared strings, number formats
(percentages, dates), every cell of the quotas, duties, ranking, results and slots sheets
against the CSV. When LibreOffice is installed (soffice/libreoffice on PATH) it also converts
every sheet to CSV and the ranking is checked there; without it that step is skipped.

Exit status: 0 passed, 1 failed, 77 skipped.
"""
import argparse
import base64
import csv
import datetime
import fcntl
import glob
import html.parser
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

SKIP = 77

PLAN = "examples/data/tan-phong-2024-dot2.xml"
REPORTS = "examples/data/tan-phong-2024-dot2-reports.xml"
AS_OF = "2024-12-30T00:00:00+07:00"
PLAN_TITLE = "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024"
# the hamlets' units in ranking order, with their scores as the page prints them
HAMLETS = [("bt-ap-cau", "100%"), ("bt-ap-dong-dai", "96%"), ("bt-ap-xom-thap", "94%"),
           ("bt-ap-go-cat", "92%"), ("bt-ap-bau-dung", "90%"), ("bt-ap-moi", "90%"),
           ("bt-ap-san-bay", "24%"), ("bt-ap-trai-bi", "20%")]
QUOTAS = ["q-ratio", "q-hamlets"]

# The flags known to work on this machine kind; the background-networking ones keep Chromium
# from calling Google's hosts through a closed network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--mute-audio",
                  "--hide-scrollbars"]
WIDTH, HEIGHT = 1280, 2000

STATUS_CLASS = ["s-on-time", "s-early", "s-late", "s-missing", "s-pending"]
STATUS_MARK = {"on-time": "Đ", "early": "S", "late": "T", "missing": "K", "pending": "·"}
STATUS_VI = {"on-time": "đúng hạn", "early": "sớm", "late": "trễ hạn", "missing": "không nộp",
             "pending": "chưa đến hạn"}


class Failure(Exception):
    pass


class Checker:
    """Collects failed checks instead of stopping at the first."""

    def __init__(self, name):
        self.name, self.errors, self.count = name, [], 0

    def ok(self, cond, msg):
        self.count += 1
        if not cond:
            self.errors.append(msg)
            print(f"  FAIL {msg}")
        return cond

    def eq(self, got, want, what):
        return self.ok(got == want, f"{what}: got {got!r}, want {want!r}")

    def done(self):
        print(f"{self.name}: {self.count - len(self.errors)}/{self.count} checks passed")
        return not self.errors


def run(cmd, **kw):
    print("+ " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, **kw)
    if r.returncode != 0:
        raise Failure(f"{cmd[0]} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return r


def evaluate(args, fmt, out=None):
    cmd = [args.danvan, "evaluate", PLAN, REPORTS, "--as-of", AS_OF, "--format", fmt]
    if out:
        cmd += ["-o", out]
    return run(cmd, cwd=args.source_dir).stdout


def tool_csv(args):
    """The tool's CSV of the same evaluation, by section: the reference for both checks."""
    text = evaluate(args, "csv").decode("utf-8-sig")
    sections = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        sections.setdefault(row["section"], []).append(row)
    return sections


def vn_percent(ratio):
    """0.8667 -> '86,67%' (the page's notation: comma, no trailing zeros)."""
    s = f"{round(float(ratio) * 100, 2):.2f}".rstrip("0").rstrip(".")
    return s.replace(".", ",") + "%"


# ---- a small DOM from the serialized page ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def all(self, tag=None, cls=None):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and (cls is None or cls in c.classes()):
                    out.append(c)
                out.extend(c.all(tag, cls))
        return out

    def first(self, tag=None, cls=None):
        found = self.all(tag, cls)
        return found[0] if found else None

    def elements(self):
        return [c for c in self.children if isinstance(c, Node)]


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_dom(text):
    b = TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def cells(tr):
    return [" ".join(td.text().split()) for td in tr.elements() if td.tag in ("td", "th")]


def body_rows(table):
    tbody = table.first("tbody")
    return [tr for tr in (tbody or table).all("tr")]


# ---- Chromium over the DevTools protocol on a pipe -------------------------------------------------

def find_chromium():
    env = os.environ.get("CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in ("chromium", "chromium-browser"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    """Chromium with --remote-debugging-pipe: it reads commands on fd 3 and writes replies and
    events on fd 4, each a JSON text ended by a NUL byte."""

    def __init__(self, exe, workdir, timeout):
        self.deadline = time.monotonic() + timeout
        self.profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
        self.log_path = os.path.join(workdir, "chromium.log")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # fds 3 and 4 of the child; the ends are first moved above 9 so that placing one
        # cannot overwrite the other
        hi_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)
        # While the four pipe ends are open, fds 3 and 4 are open (new descriptors are the
        # lowest free ones), so they can be named in pass_fds and subprocess's own pipe is not
        # among them; in the child they are replaced before the exec.
        for fd in (3, 4):
            os.fstat(fd)

        def place():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
               f"--window-size={WIDTH},{HEIGHT}", "--remote-debugging-pipe", "about:blank"]
        print("+ " + " ".join(cmd), flush=True)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, pass_fds=(3, 4),
                                     preexec_fn=place, start_new_session=True)
        for fd in (hi_r, hi_w, to_child_r, from_child_w):
            os.close(fd)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def log_tail(self, n=30):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def _read_message(self, until):
        while b"\0" not in self.buf:
            left = min(until, self.deadline) - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.from_child], [], [], left)
            if not r:
                return None
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise Failure("Chromium closed the DevTools pipe (crashed or exited):\n"
                              + self.log_tail())
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.to_child, data):]
        return self.next_id

    def call(self, method, params=None, session=None):
        mid = self.send(method, params, session)
        while True:
            m = self._read_message(self.deadline)
            if m is None:
                raise Failure(f"no answer from Chromium to {method} in time:\n" + self.log_tail())
            if m.get("id") == mid:
                if "error" in m:
                    raise Failure(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, seconds):
        """The first event `method` (already received or arriving within `seconds`)."""
        until = time.monotonic() + seconds
        seen = 0
        while True:
            for e in self.events[seen:]:
                if e["method"] == method:
                    return e
            seen = len(self.events)
            m = self._read_message(until)
            if m is None:
                return None
            if "method" in m:
                self.events.append(m)

    def drain(self, seconds):
        until = time.monotonic() + seconds
        while True:
            m = self._read_message(until)
            if m is None:
                return
            if "method" in m:
                self.events.append(m)

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("Browser.close")
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this test started
            except ProcessLookupError:
                pass
            self.proc.wait()
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser):
        self.b = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params=None):
        return self.b.call(method, params, self.session)

    def open(self, url):
        """Navigate; return the problems seen while loading (messages, failed requests)."""
        self.b.events.clear()
        nav = self.call("Page.navigate", {"url": url})
        problems = []
        if nav.get("errorText"):
            problems.append(f"navigation failed: {nav['errorText']}")
        if not self.b.wait_event("Page.loadEventFired", 30):
            problems.append("no load event within 30 s")
        self.evaluate("document.fonts.ready.then(() => true)", await_promise=True)
        self.b.drain(0.5)  # late messages
        requests = {}
        for e in self.b.events:
            if e.get("sessionId") != self.session:
                continue
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                problems.append("uncaught exception: "
                                + d.get("exception", {}).get("description", d.get("text", "")))
            elif m == "Runtime.consoleAPICalled":
                args = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                problems.append(f"console.{p.get('type')}: {args}")
            elif m == "Log.entryAdded":
                entry = p.get("entry", {})
                if entry.get("level") in ("warning", "error"):
                    problems.append(f"log {entry.get('level')} ({entry.get('source')}): "
                                    f"{entry.get('text')} {entry.get('url', '')}")
            elif m == "Network.requestWillBeSent":
                requests[p["requestId"]] = p["request"]["url"]
            elif m == "Network.loadingFailed":
                problems.append(f"request failed: {requests.get(p['requestId'], '?')}: "
                                f"{p.get('errorText')} {p.get('blockedReason', '')}")
            elif m == "Network.responseReceived":
                st = p.get("response", {}).get("status", 0)
                if st >= 400:
                    problems.append(f"HTTP {st} for {p['response'].get('url')}")
            elif m in ("Inspector.targetCrashed", "Page.javascriptDialogOpening"):
                problems.append(m)
        others = [u for u in requests.values() if u != url]
        if others:
            problems.append("requests other than the page itself (it must be self-contained): "
                            + ", ".join(sorted(set(others))))
        if url not in requests.values():
            problems.append(f"the page itself was never requested ({url})")
        return problems

    def evaluate(self, expr, await_promise=False):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": await_promise})
        if "exceptionDetails" in r:
            raise Failure(f"evaluating a check in the page failed: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    def dom(self):
        """The rendered DOM, serialized as --dump-dom prints it."""
        return self.evaluate("(document.doctype ? new XMLSerializer().serializeToString("
                             "document.doctype) + '\\n' : '') + document.documentElement.outerHTML")

    def fonts(self, selector):
        doc = self.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": doc, "selector": selector})["nodeId"]
        if not node:
            return []
        return self.call("CSS.getPlatformFontsForNode", {"nodeId": node}).get("fonts", [])

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        if full:
            m = self.call("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m["contentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": WIDTH, "height": size["height"], "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return path


# What the browser measured: sizes, computed colours and laid-out text, for every page.
RENDER_JS = r"""
(() => {
  const px = e => { const b = e.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; };
  const r = {charset: document.characterSet, title: document.title,
             scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,
             height: document.documentElement.scrollHeight};
  r.svgs = [...document.querySelectorAll('svg')].map(s => ({
    size: px(s),
    bars: [...s.querySelectorAll('rect')].map(x => ({cls: x.getAttribute('class'),
      w: x.getBBox().width, fill: getComputedStyle(x).fill})),
    texts: [...s.querySelectorAll('text')].map(t => ({s: t.textContent,
      len: t.getComputedTextLength()})),
    lines: [...s.querySelectorAll('line')].map(l => ({stroke: getComputedStyle(l).stroke,
      dash: getComputedStyle(l).strokeDasharray, h: l.getBBox().height}))}));
  r.cellColours = {};
  for (const c of ['s-on-time', 's-early', 's-late', 's-missing', 's-pending']) {
    const e = document.querySelector('table.grid td.' + c);
    r.cellColours[c] = e ? getComputedStyle(e).backgroundColor : null;
  }
  r.tables = [...document.querySelectorAll('table')].map(px);
  r.gridCells = [...document.querySelectorAll('table.grid td:not(.u)')].map(px);
  r.headings = [...document.querySelectorAll('h1, h2, h3')].map(h => [h.textContent, ...px(h)]);
  return r;
})()
"""

CELL_COLOURS = {"s-on-time": "rgb(200, 230, 201)", "s-early": "rgb(187, 222, 251)",
                "s-late": "rgb(255, 224, 178)", "s-missing": "rgb(255, 205, 210)",
                "s-pending": "rgb(238, 238, 238)"}
BAR_FILL = {"bar-met": "rgb(67, 160, 71)", "bar-unmet": "rgb(229, 57, 53)"}


def check_render(c, name, r):
    """Checks that hold for every evaluation page."""
    c.eq(r["charset"], "UTF-8", f"{name}: document character set")
    c.ok(r["scrollWidth"] <= r["innerWidth"],
         f"{name}: the page is wider than the {r['innerWidth']} px window ({r['scrollWidth']} px)")
    c.ok(all(w > 0 and h > 0 for w, h in r["tables"]), f"{name}: a table has no size: {r['tables']}")
    c.ok(all(h[1] > 0 and h[2] > 0 for h in r["headings"]), f"{name}: a heading has no size")
    for i, s in enumerate(r["svgs"]):
        w, h = s["size"]
        c.ok(w > 0 and h > 0, f"{name}: svg #{i} is not rendered (size {w}x{h})")
        c.ok(s["bars"], f"{name}: svg #{i} has no bars")
        for b in s["bars"]:
            want = BAR_FILL.get(b["cls"])
            c.ok(want is not None and b["fill"] == want,
                 f"{name}: svg #{i} bar {b['cls']} is filled {b['fill']}, want {want}")
        for t in s["texts"]:
            c.ok(t["len"] > 0 or not t["s"].strip(), f"{name}: svg #{i} text {t['s']!r} not laid out")
        for line in s["lines"]:
            c.ok(line["stroke"] == "rgb(27, 27, 27)" and line["dash"] not in ("", "none")
                 and line["h"] > 0, f"{name}: svg #{i} target line not drawn dashed: {line}")
    for cls, colour in r["cellColours"].items():
        if colour is not None:
            c.eq(colour, CELL_COLOURS[cls], f"{name}: background of a grid cell {cls}")
    c.ok(all(w > 0 and h > 0 for w, h in r["gridCells"]), f"{name}: a grid cell has no size")


def check_tan_phong_dom(c, root, r, ref):
    """The Tân Phong page's content, against the tool's CSV of the same evaluation."""
    title = root.first("title")
    c.eq(title.text() if title else None, "Đánh giá: " + PLAN_TITLE, "title")
    c.eq(r["title"], "Đánh giá: " + PLAN_TITLE, "document.title in the browser")
    h1 = root.first("h1")
    c.eq(h1.text() if h1 else None, "Đánh giá thực hiện kế hoạch", "h1")
    meta = root.first("p", "meta")
    c.ok(meta is not None and PLAN_TITLE in meta.text() and "00:00 30/12/2024" in meta.text()
         and "116 báo cáo được tính / 116 báo cáo nhận được" in meta.text(),
         f"the plan line: {meta.text() if meta else None!r}")
    sections = {s.attrs.get("id"): s for s in root.all("section")}
    c.eq(sorted(sections), ["bao-cao", "chi-tieu", "xep-hang"], "sections")
    if sorted(sections) != ["bao-cao", "chi-tieu", "xep-hang"]:
        return

    # ranking: every score row of the CSV, in ranking order within each level
    table = sections["xep-hang"].first("table")
    rows = [cells(tr) for tr in body_rows(table)]
    c.eq(len(rows), len(ref["score"]), "ranking rows")
    by_org = {s["org"]: s for s in ref["score"]}
    for row in rows:
        m = re.search(r"\(([^()]+)\)$", row[2])
        org = m.group(1) if m else row[2]
        s = by_org.get(org)
        if not c.ok(s is not None, f"ranking row for an unknown unit {org}"):
            continue
        c.eq(row[1], s["rank"], f"rank of {org}")
        c.eq(row[3], vn_percent(s["value"]), f"score of {org}")
        c.eq(row[4], vn_percent(s["quota-share"]) if s["quota-share"] else "—", f"quota share of {org}")
        c.eq(row[5], vn_percent(s["timeliness"]) if s["timeliness"] else "—", f"timeliness of {org}")
    hamlets = [(re.search(r"\(([^()]+)\)$", row[2]).group(1), row[3]) for row in rows
               if row[0] == "ấp"]
    c.eq(hamlets, HAMLETS, "the eight hamlets' rows (ấp), in rank order with their scores")

    # quotas: the summary table, then per quota a chart and a table of units
    sec = sections["chi-tieu"]
    tables = sec.all("table")
    qrows = [cells(tr) for tr in body_rows(tables[0])] if tables else []
    c.eq([re.search(r"\(([^()]+)\)$", r_[0]).group(1) for r_ in qrows], QUOTAS, "quota rows")
    if len(qrows) == 2:
        c.eq(qrows[0][1:], ["tổng cộng", "1", "1", "100%", "100%", "0,4373", "Đạt"], "q-ratio row")
        c.eq(qrows[1][1:], ["từng đơn vị", "8", "6", "75%", "100%", "6", "Chưa đạt"], "q-hamlets row")
    figures = sec.all("figure")
    c.eq(len(figures), 2, "one chart per quota")
    unit_tables = tables[1:]
    c.eq(len(unit_tables), 2, "one unit table per quota")
    for qi, (fig, ut) in enumerate(zip(figures, unit_tables)):
        quota = QUOTAS[qi]
        svg = fig.first("svg")
        if not c.ok(svg is not None, f"{quota}: no <svg>"):
            continue
        ref_rows = [q for q in ref["quota-status"] if q["quota"] == quota]
        bars = svg.all("rect")
        c.eq(len(bars), len(ref_rows), f"{quota}: bars")
        urows = [cells(tr) for tr in body_rows(ut)]
        c.eq(len(urows), len(ref_rows), f"{quota}: unit rows")
        top = max([float(q["achieved"] or 0) for q in ref_rows]
                  + [float(x["min"] or 0) for x in ref["quota-result"] if x["quota"] == quota])
        for bar, urow, q in zip(bars, urows, ref_rows):
            met = q["met"] == "true"
            c.eq(bar.attrs.get("class"), "bar-met" if met else "bar-unmet", f"{quota} {q['org']}: bar class")
            want_w = float(q["achieved"] or 0) / top * 420 if top else 0
            c.ok(abs(float(bar.attrs.get("width", "-1")) - want_w) < 0.11,
                 f"{quota} {q['org']}: bar width {bar.attrs.get('width')}, want {want_w:.1f}")
            c.ok(urow[0].endswith(f"({q['org']})"), f"{quota}: unit row {urow[0]!r}, want {q['org']}")
            c.eq(urow[1], q["achieved"].replace(".", ",") if q["achieved"] else "—",
                 f"{quota} {q['org']}: achieved")
            c.eq(urow[2], "Đạt" if met else "Chưa đạt", f"{quota} {q['org']}: result")
        line = svg.first("line")
        c.ok(line is not None and "target" in line.classes(), f"{quota}: no target line")
    c.eq(sum(1 for g in root.all("svg") for b in g.all("rect")
             if float(b.attrs.get("width", 0)) > 0), 7, "bars with a length (1 + 6 hamlets met)")

    # duties: the table, then per duty a unit x slot grid
    sec = sections["bao-cao"]
    tables = sec.all("table")
    drows = [cells(tr) for tr in body_rows(tables[0])] if tables else []
    c.eq(len(drows), len(ref["duty-status"]), "duty rows")
    for row, d in zip(drows, ref["duty-status"]):
        c.ok(row[0] == d["duty"] and row[1].endswith(f"({d['org']})"), f"duty row {row[:2]}")
        c.eq(row[2:8], [d[k] for k in ("due", "on-time", "early", "late", "missing", "pending")],
             f"{d['duty']} {d['org']}: counts")
    grids = sec.all("table", "grid")
    duties = list(dict.fromkeys(d["duty"] for d in ref["duty-status"]))
    c.eq(len(grids), len(duties), "one grid per duty")
    slots = ref["slot"]
    si = 0
    for grid, duty in zip(grids, duties):
        units = [d for d in ref["duty-status"] if d["duty"] == duty]
        head = cells(grid.first("thead").first("tr"))
        nslots = int(units[0]["slots"])
        c.eq(len(head), nslots + 1, f"{duty}: grid columns")
        grows = body_rows(grid)
        c.eq(len(grows), len(units), f"{duty}: grid rows (units)")
        for tr, u in zip(grows, units):
            tds = tr.elements()
            for td in tds[1:]:
                if si >= len(slots):
                    c.ok(False, f"{duty}: more grid cells than slots")
                    break
                s = slots[si]
                si += 1
                c.ok(s["duty"] == duty and s["org"] == u["org"], f"{duty}: slot order at {s}")
                c.eq((td.classes(), td.text()), (["s-" + s["status"]], STATUS_MARK[s["status"]]),
                     f"{duty} {u['org']} {s['end']}: cell")
                tip = td.attrs.get("title", "")
                c.ok(STATUS_VI[s["status"]] in tip and (not s["report"] or s["report"] in tip),
                     f"{duty} {u['org']} {s['end']}: tooltip {tip!r}")
            counts = [sum(1 for td in tds[1:] if cls in td.classes()) for cls in STATUS_CLASS]
            c.eq([str(n) for n in counts],
                 [u[k] for k in ("on-time", "early", "late", "missing", "pending")],
                 f"{duty} {u['org']}: grid cells by status vs. the duty table")
    c.eq(si, len(slots), "grid cells == slots")
    daily = grids[duties.index("d-daily")] if "d-daily" in duties else None
    if daily:
        head = cells(daily.first("thead").first("tr"))
        c.eq((head[1], head[-1], len(head) - 1), ("10/12", "24/12", 15), "d-daily days")
        c.eq([cells(tr)[0] for tr in body_rows(daily)][:1], ["Ban nhân dân ấp Cầu"], "d-daily first unit")
    legend = sec.first("p", "legend")
    c.ok(legend is not None and len(legend.all("span")) == 5, "the legend of the grid")
    foot = root.first("footer")
    c.ok(foot is not None and foot.text().startswith("Tạo bởi libdanvan"), "footer")


def cmd_html(args):
    exe = find_chromium()
    if not exe:
        msg = "chromium is not installed (Debian package chromium; `make check-browser` installs it)"
        if os.environ.get("DANVAN_REQUIRE_BROWSER") == "1":
            print("FAIL: " + msg)
            return 1
        print("SKIP: " + msg)
        return SKIP
    os.makedirs(args.out_dir, exist_ok=True)
    page_path = os.path.join(args.out_dir, "tan-phong.html")
    ref = tool_csv(args)
    evaluate(args, "html", page_path)
    c = Checker("html")
    t0 = time.monotonic()
    browser = Browser(exe, args.out_dir, args.timeout)
    try:
        version = browser.call("Browser.getVersion")
        print(f"browser: {version.get('product')}")
        page = Page(browser)
        pages = [page_path] + sorted(glob.glob(os.path.join(args.source_dir, "tests/data/eval/*.html")))
        for path in pages:
            name = os.path.basename(path)
            url = "file://" + os.path.abspath(path)
            with open(path, "rb") as f:
                head = f.read(1024)
            # Chromium guesses the encoding of a local file; other readers need it declared
            c.ok(head.startswith(b"<!DOCTYPE html>") and b'<meta charset="utf-8">' in head,
                 f"{name}: doctype and <meta charset=\"utf-8\"> in the first 1024 bytes")
            problems = page.open(url)
            for p in problems:
                c.ok(False, f"{name}: {p}")
            c.ok(not problems, f"{name}: opened without errors")
            r = page.evaluate(RENDER_JS)
            check_render(c, name, r)
            if path == page_path:
                dom = page.dom()
                with open(os.path.join(args.out_dir, "tan-phong.dom.html"), "w", encoding="utf-8") as f:
                    f.write(dom)
                check_tan_phong_dom(c, parse_dom(dom), r, ref)
                c.eq(len(r["svgs"]), 2, "rendered charts")
                fonts = page.fonts("h1")
                print("fonts of the h1: " + ", ".join(
                    f"{f['familyName']} ({f['glyphCount']} glyphs)" for f in fonts))
                c.ok(fonts and sum(f["glyphCount"] for f in fonts) == len("Đánh giá thực hiện kế hoạch"),
                     f"the h1's glyphs come from real fonts: {fonts}")
                shot = page.screenshot(os.path.join(args.out_dir, "tan-phong.png"))
                full = page.screenshot(os.path.join(args.out_dir, "tan-phong-full.png"), full=True)
                print(f"screenshots: {shot} ({WIDTH}x{HEIGHT}), {full} ({WIDTH}x{r['height']})")
                if args.parts:
                    for i, y in enumerate(range(0, r["height"], HEIGHT)):
                        data = page.call("Page.captureScreenshot", {
                            "format": "png", "captureBeyondViewport": True,
                            "clip": {"x": 0, "y": y, "width": WIDTH,
                                     "height": min(HEIGHT, r["height"] - y), "scale": 1}})["data"]
                        with open(os.path.join(args.out_dir, f"tan-phong-part{i + 1}.png"), "wb") as f:
                            f.write(base64.b64decode(data))
            print(f"{name}: {len(problems)} problem(s), {len(r['svgs'])} svg, "
                  f"{len(r['gridCells'])} grid cells, page {r['scrollWidth']}x{r['height']} px")
    except Failure as e:
        c.ok(False, str(e))
    finally:
        browser.close()
    print(f"browser time: {time.monotonic() - t0:.1f} s")
    return 0 if c.done() else 1


# ---- XLSX -----------------------------------------------------------------------------------

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dcterms": "http://purl.org/dc/terms/", "dc": "http://purl.org/dc/elements/1.1/"}

SHEETS = {
    "quotas": ["Chỉ tiêu", "Nội dung chỉ tiêu", "Đơn vị", "Tên đơn vị", "Đạt được", "Kết quả"],
    "duties": ["Báo cáo", "Đơn vị", "Tên đơn vị", "Phải nộp", "Đúng hạn", "Sớm", "Trễ hạn",
               "Không nộp", "Chưa đến hạn", "Đầy đủ", "Kịp thời"],
    "ranking": ["Cấp", "Hạng", "Đơn vị", "Tên đơn vị", "Điểm", "Chỉ tiêu đạt", "Kịp thời"],
    "results": ["Chỉ tiêu", "Nội dung chỉ tiêu", "Cách tính", "Số đơn vị", "Đơn vị đạt", "Tỉ lệ đạt",
                "Yêu cầu", "Tổng đạt được", "Tối thiểu", "Tối đa", "Trọng số", "Kết quả"],
    "slots": ["Báo cáo", "Đơn vị", "Từ ngày", "Đến ngày", "Hạn", "Trạng thái", "Mã báo cáo",
              "Thời điểm gửi"],
}
BUILTIN_DATE_FMTS = set(range(14, 23)) | {45, 46, 47}
BUILTIN_PCT_FMTS = {9, 10}
LEVEL_VI = {"district": "huyện", "commune": "xã", "hamlet": "ấp"}


class Cell:
    def __init__(self, value, fmt):
        self.value, self.fmt = value, fmt  # str, float or None; the number format code

    def is_pct(self):
        return isinstance(self.value, float) and "%" in self.fmt

    def is_date(self):
        f = re.sub(r'"[^"]*"|\[[^]]*\]', "", self.fmt).lower()
        return isinstance(self.value, float) and ("yy" in f or "dd" in f)

    def as_datetime(self):
        return datetime.datetime(1899, 12, 30) + datetime.timedelta(days=self.value)


def read_xlsx(path, c):
    """{sheet name: {(row, col): Cell}} read from the package's parts."""
    z = zipfile.ZipFile(path)
    c.eq(z.testzip(), None, "xlsx: every member's CRC")
    names = set(z.namelist())
    parts = {}
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                parts[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                c.ok(False, f"xlsx: {n} is not well-formed XML: {e}")
    ct = parts.get("[Content_Types].xml")
    if not c.ok(ct is not None, "xlsx: [Content_Types].xml"):
        raise Failure("not an OOXML package")
    defaults = {d.get("Extension") for d in ct.findall("ct:Default", NS)}
    overrides = {o.get("PartName").lstrip("/") for o in ct.findall("ct:Override", NS)}
    for n in names:
        if not n.endswith("/"):
            c.ok(n in overrides or n.rsplit(".", 1)[-1] in defaults, f"xlsx: no content type for {n}")
    for n in overrides:
        c.ok(n in names, f"xlsx: content type for a missing part {n}")
    root_rels = parts.get("_rels/.rels")
    office = [r.get("Target") for r in root_rels.findall("pr:Relationship", NS)
              if r.get("Type").endswith("/officeDocument")] if root_rels is not None else []
    c.eq(office, ["xl/workbook.xml"], "xlsx: the workbook part")
    wb = parts["xl/workbook.xml"]
    rels = {r.get("Id"): r.get("Target") for r in parts["xl/_rels/workbook.xml.rels"].findall("pr:Relationship", NS)}
    shared = []
    if "xl/sharedStrings.xml" in parts:
        for si in parts["xl/sharedStrings.xml"].findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
    styles = parts["xl/styles.xml"]
    fmt_codes = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", NS)}
    xf_fmt = []
    for xf in styles.findall("m:cellXfs/m:xf", NS):
        fid = int(xf.get("numFmtId", "0"))
        code = fmt_codes.get(fid)
        if code is None:
            code = "0.00%" if fid == 10 else "0%" if fid == 9 else "dd/mm/yyyy" if fid in BUILTIN_DATE_FMTS else "General"
        xf_fmt.append(code)
    sheets = {}
    for s in wb.findall("m:sheets/m:sheet", NS):
        target = rels[s.get(f"{{{NS['r']}}}id")]
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        grid = {}
        for cel in parts[part].iter(f"{{{NS['m']}}}c"):
            m = re.fullmatch(r"([A-Z]+)(\d+)", cel.get("r"))
            col = 0
            for ch in m.group(1):
                col = col * 26 + ord(ch) - 64
            t, v = cel.get("t", "n"), cel.find("m:v", NS)
            fmt = xf_fmt[int(cel.get("s", "0"))]
            if t == "s":
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in cel.iter(f"{{{NS['m']}}}t"))
            elif t in ("str", "e"):
                val = v.text if v is not None else ""
            elif t == "b":
                val = v.text == "1"
            else:
                val = float(v.text) if v is not None else None
            grid[(int(m.group(2)), col)] = Cell(val, fmt)
        sheets[s.get("name")] = grid
    core = parts.get("docProps/core.xml")
    created = core.find("dcterms:created", NS).text if core is not None else None
    return sheets, created


def sheet_rows(grid):
    nrows = max((r for r, _ in grid), default=0)
    ncols = max((c_ for _, c_ in grid), default=0)
    return [[grid.get((r, k)) for k in range(1, ncols + 1)] for r in range(1, nrows + 1)]


def num_eq(cell, text, pct=False):
    """A numeric cell against the CSV's decimal text (empty = no cell)."""
    if not text:
        return cell is None
    return (cell is not None and isinstance(cell.value, float)
            and abs(cell.value - float(text)) < 1e-9 and (not pct or cell.is_pct()))


def local_dt(text):
    """'2024-12-10T15:00:00+07:00' -> naive local datetime (as the workbook stores it)."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=None)


def check_workbook(c, sheets, created, ref):
    c.eq(list(sheets), list(SHEETS), "xlsx: sheet names")
    for name, head in SHEETS.items():
        rows = sheet_rows(sheets.get(name, {}))
        c.eq([x.value if x else None for x in rows[0]] if rows else None, head, f"xlsx {name}: header")
    c.eq(created, "2024-12-29T17:00:00Z", "xlsx: created = as-of")

    rows = sheet_rows(sheets["quotas"])[1:]
    c.eq(len(rows), len(ref["quota-status"]), "xlsx quotas: rows")
    for row, q in zip(rows, ref["quota-status"]):
        c.eq((row[0].value, row[2].value), (q["quota"], q["org"]), "xlsx quotas: row key")
        c.ok(num_eq(row[4], q["achieved"]), f"xlsx quotas {q['quota']} {q['org']}: achieved "
             f"{row[4].value if row[4] else None} vs {q['achieved']}")
        c.eq(row[5].value, "Đạt" if q["met"] == "true" else "Chưa đạt", f"xlsx quotas {q['org']}: result")

    rows = sheet_rows(sheets["duties"])[1:]
    c.eq(len(rows), len(ref["duty-status"]), "xlsx duties: rows")
    keys = ["due", "on-time", "early", "late", "missing", "pending"]
    for row, d in zip(rows, ref["duty-status"]):
        c.eq((row[0].value, row[1].value), (d["duty"], d["org"]), "xlsx duties: row key")
        c.ok(all(num_eq(row[3 + i], d[k]) for i, k in enumerate(keys)),
             f"xlsx duties {d['duty']} {d['org']}: counts")
        c.ok(num_eq(row[9], d["completeness"], True) and num_eq(row[10], d["timeliness"], True),
             f"xlsx duties {d['duty']} {d['org']}: completeness/timeliness as percentages")

    rows = sheet_rows(sheets["ranking"])[1:]
    c.eq(len(rows), len(ref["score"]), "xlsx ranking: rows")
    by_org = {s["org"]: s for s in ref["score"]}
    for row in rows:
        s = by_org.get(row[2].value)
        if not c.ok(s is not None, f"xlsx ranking: unknown unit {row[2].value}"):
            continue
        c.eq(row[0].value, LEVEL_VI[s["level"]], f"xlsx ranking {s['org']}: level")
        c.ok(num_eq(row[1], s["rank"]), f"xlsx ranking {s['org']}: rank")
        c.ok(num_eq(row[4], s["value"], True), f"xlsx ranking {s['org']}: score "
             f"{row[4].value if row[4] else None} vs {s['value']}")
        c.ok(num_eq(row[5], s["quota-share"], True), f"xlsx ranking {s['org']}: quota share")
        c.ok(num_eq(row[6], s["timeliness"], True), f"xlsx ranking {s['org']}: timeliness")
    hamlets = [(row[2].value, row[4].value) for row in rows if row[0].value == "ấp"]
    c.eq(hamlets, [(h, float(p.rstrip("%")) / 100) for h, p in HAMLETS], "xlsx ranking: the hamlets")

    rows = sheet_rows(sheets["results"])[1:]
    c.eq([r_[0].value for r_ in rows], QUOTAS, "xlsx results: quotas")
    for row, q in zip(rows, ref["quota-result"]):
        c.ok(num_eq(row[3], q["units"]) and num_eq(row[4], q["met-units"])
             and num_eq(row[5], q["coverage"], True) and num_eq(row[6], q["required-coverage"], True)
             and num_eq(row[7], q["achieved"]) and num_eq(row[8], q["min"])
             and num_eq(row[9], q["max"]) and num_eq(row[10], q["weight"]),
             f"xlsx results {q['quota']}: numbers {[x.value if x else None for x in row]}")
        c.eq(row[11].value, "Đạt" if q["met"] == "true" else "Chưa đạt", f"xlsx results {q['quota']}: result")
    if len(rows) == 2:
        c.eq([x.value if x else None for x in rows[1][2:8]] + [rows[1][11].value],
             ["từng đơn vị", 8.0, 6.0, 0.75, 1.0, 6.0, "Chưa đạt"], "xlsx results: q-hamlets")

    rows = sheet_rows(sheets["slots"])[1:]
    c.eq(len(rows), len(ref["slot"]), "xlsx slots: rows")
    bad = 0
    for row, s in zip(rows, ref["slot"]):
        ok = (row[0].value == s["duty"] and row[1].value == s["org"]
              and row[2].is_date() and row[2].as_datetime().date().isoformat() == s["start"]
              and row[3].is_date() and row[3].as_datetime().date().isoformat() == s["end"]
              and row[4].is_date() and abs((row[4].as_datetime() - local_dt(s["deadline"])).total_seconds()) < 1
              and row[5].value == STATUS_VI[s["status"]]
              and (row[6].value if row[6] else "") == s["report"]
              and (not s["submitted"] or (row[7].is_date() and abs(
                  (row[7].as_datetime() - local_dt(s["submitted"])).total_seconds()) < 1)))
        if not ok:
            bad += 1
            if bad <= 5:
                c.ok(False, f"xlsx slots: {[x.value if x else None for x in row]} vs {s}")
    c.eq(bad, 0, "xlsx slots: rows that differ from the CSV")


def libreoffice_check(c, xlsx, out_dir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        print("libreoffice: not installed, conversion check skipped")
        return
    conv = os.path.join(out_dir, "libreoffice")
    shutil.rmtree(conv, ignore_errors=True)
    os.makedirs(conv)
    profile = tempfile.mkdtemp(prefix="lo-profile-", dir=out_dir)
    # CSV filter options: comma, double quote, UTF-8, from line 1, -, en-US, ..., contents as shown
    # (the workbook's number formats applied), ..., sheet -1 = every sheet to its own file
    # NAME-SHEET.csv (LibreOffice 7.2 and later)
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", filt, "--outdir", conv, xlsx]
    print("+ " + " ".join(cmd), flush=True)
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=180,
                           start_new_session=True)
    except subprocess.TimeoutExpired:
        c.ok(False, "libreoffice: conversion timed out")
        return
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(f"libreoffice: exit {r.returncode} in {time.monotonic() - t0:.1f} s; "
          + r.stdout.decode(errors="replace").strip())
    stem = os.path.splitext(os.path.basename(xlsx))[0]
    files = sorted(os.listdir(conv))
    c.ok(r.returncode == 0 and f"{stem}-ranking.csv" in files,
         f"libreoffice: converted sheets {files}; {r.stderr.decode(errors='replace')}")
    if f"{stem}-ranking.csv" not in files:
        return
    with open(os.path.join(conv, f"{stem}-ranking.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    c.eq(rows[0] if rows else None, SHEETS["ranking"], "libreoffice ranking: header")

    hamlets = [(row[2], row[4]) for row in rows[1:] if row and row[0] == "ấp"]
    c.eq(hamlets, [(h, f"{float(p.rstrip('%')):.2f}%") for h, p in HAMLETS],
         "libreoffice ranking: the hamlets, shown as 0.00%")

    def sheet(name):
        with open(os.path.join(conv, f"{stem}-{name}.csv"), encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    results = sheet("results")
    c.eq([r_[:8] + r_[11:] for r_ in results[1:]],
         [["q-ratio", results[1][1], "tổng cộng", "1", "1", "100.00%", "100.00%", "0.4373", "Đạt"],
          ["q-hamlets", results[2][1], "từng đơn vị", "8", "6", "75.00%", "100.00%", "6", "Chưa đạt"]],
         "libreoffice results")
    slots = sheet("slots")
    first_daily = next((r_ for r_ in slots if r_[:2] == ["d-daily", "bt-ap-cau"]), None)
    c.eq(first_daily, ["d-daily", "bt-ap-cau", "10/12/2024", "10/12/2024", "10/12/2024 15:00:00",
                       "đúng hạn", "r-cau-1210", "10/12/2024 14:05:33"],
         "libreoffice slots: dates shown dd/mm/yyyy")
    for name in SHEETS:
        c.ok(f"{stem}-{name}.csv" in files, f"libreoffice: sheet {name} converted")


def cmd_xlsx(args):
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, "tan-phong.xlsx")
    if os.path.exists(path):
        os.unlink(path)
    ref = tool_csv(args)
    evaluate(args, "xlsx", path)
    c = Checker("xlsx")
    try:
        sheets, created = read_xlsx(path, c)
        check_workbook(c, sheets, created, ref)
        libreoffice_check(c, path, args.out_dir)
    except (Failure, KeyError, AttributeError, IndexError, TypeError) as e:
        c.ok(False, f"xlsx: {type(e).__name__}: {e}")
    return 0 if c.done() else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["html", "xlsx", "all"], nargs="?", default="all")
    ap.add_argument("--danvan", default="build/danvan", help="the danvan tool")
    ap.add_argument("--source-dir", default=".", help="the libdanvan source tree")
    ap.add_argument("--out-dir", default="build/tests/browser/out", help="where outputs go")
    ap.add_argument("--timeout", type=float, default=120, help="seconds for the whole browser run")
    ap.add_argument("--parts", action="store_true", help="also screenshot the page in 2000 px slices")
    args = ap.parse_args()
    args.danvan = os.path.abspath(args.danvan)
    args.source_dir = os.path.abspath(args.source_dir)
    args.out_dir = os.path.abspath(args.out_dir)
    try:
        if args.what == "html":
            return cmd_html(args)
        if args.what == "xlsx":
            return cmd_xlsx(args)
        rx = cmd_xlsx(args)
        rh = cmd_html(args)
        return 1 if 1 in (rx, rh) else rh
    except Failure as e:
        print(f"FAIL: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
