#!/usr/bin/env python3
"""Write examples/data/tan-phong-2024-dot2-reports.xml: the reports answering the Tân Phong
plan (examples/data/tan-phong-2024-dot2.xml).

    python3 tools/gen-tanphong-reports.py            # rewrite the file
    python3 tools/gen-tanphong-reports.py --check    # exit 1 when the file is out of date

What it writes, deterministically (fixed seed, Python 3 standard library only):

- the daily reports of duty d-daily, one per hamlet board (bt-ap-*) and covered day from
  2024-12-10 to 2024-12-24: mostly submitted inside the window 13:30-15:00 of their day, some
  late (after 15:00 the same day, or the next morning), a few early (before 13:30), some
  missing; four reports sit exactly on the edges (13:30:00 and 15:00:00 are on time, 13:29:00
  is early, 15:01:00 is late);
- increment values for the metrics the duty carries, following the hamlet's tasks: each task's
  length (or house count) is spread over working days, and a day's work is reported only when
  that day's report exists (work of a day without a report goes unreported);
- the final report of duty d-final from the military command (bchqs-tan-phong), submitted on
  2024-12-27 with the complete figures of the round as cumulative values, and its attachments.

The output is in canonical form (attribute order of the kind table, two-space indentation).
examples/data/README.md gives the counts; tools/tally-reports.py recomputes them from the file.
"""
import datetime as dt
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "examples", "data", "tan-phong-2024-dot2-reports.xml")
SEED = 20241210
PLAN = "tan-phong-2024-2"
FIRST = dt.date(2024, 12, 10)
DAYS = [FIRST + dt.timedelta(days=i) for i in range(15)]  # 10/12 .. 24/12/2024

# hamlet key, board, locality, tasks: (task id, metric, quantity); in the plan's order
HAMLETS = [
    ("cau", [("t-cau-lo-kiem", "road-cleared", 3000), ("t-cau-ql22b", "road-cleared", 500),
             ("t-cau-lighting", "road-lit", 3000), ("t-houses-cau", "house", 3)]),
    ("trai-bi", [("t-trai-bi-road", "road-built", 400), ("t-trai-bi-clearing", "road-cleared", 1500),
                 ("t-houses-trai-bi", "house", 1)]),
    ("san-bay", [("t-san-bay-clearing", "road-cleared", 600), ("t-houses-san-bay", "house", 2)]),
    ("moi", [("t-moi-clearing", "road-cleared", 300), ("t-moi-lighting", "road-lit", 400)]),
    ("bau-dung", [("t-bau-dung-clearing", "road-cleared", 3000), ("t-houses-bau-dung", "house", 1)]),
    ("go-cat", [("t-go-cat-clearing", "road-cleared", 1000), ("t-houses-go-cat", "house", 2)]),
    ("dong-dai", [("t-dong-dai-patching", "road-patched", 500)]),
    ("xom-thap", [("t-xom-thap-patching", "road-patched", 240), ("t-xom-thap-lighting", "road-lit", 930),
                  ("t-houses-xom-thap", "house", 3)]),
]
# order of values in a report: the order of the duty's <carries>
CARRIES = ["road-cleared", "road-lit", "road-patched", "road-built", "house", "propaganda-session",
           "citizens", "soldiers"]
# submission kinds and their weights (the model site, ấp Cầu, is always on time)
KINDS = [("on-time", 72), ("early", 6), ("late", 8), ("late-next-day", 5), ("missing", 9)]
# (hamlet, day index) -> exact submission time on the edge of the window
EDGES = {("trai-bi", 2): ("on-time", "13:30:00"), ("san-bay", 5): ("on-time", "15:00:00"),
         ("go-cat", 7): ("early", "13:29:00"), ("xom-thap", 9): ("late", "15:01:00")}
NAMES = {"road-cleared": "phát quang, dọn vệ sinh %s m", "road-lit": "thắp sáng %s m",
         "road-patched": "dặm vá %s m", "road-built": "làm đường %s m",
         "house": "hoàn thành %s căn nhà đại đoàn kết"}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def spread(rng, total, days, step):
    """Split total into len(days) positive multiples of step (the last takes the rest)."""
    units = total // step
    n = min(len(days), units)
    cuts = sorted(rng.sample(range(1, units), n - 1)) if n > 1 else []
    parts = [b - a for a, b in zip([0] + cuts, cuts + [units])]
    out = {d: p * step for d, p in zip(days[:n], parts)}
    rest = total - units * step
    if rest:
        out[days[n - 1]] += rest
    return out


def plan_work(rng):
    """True daily work per hamlet: {hamlet: {day index: [(metric, task, value)]}}."""
    work = {}
    for key, tasks in HAMLETS:
        days = {i: [] for i in range(15)}
        for task, metric, qty in tasks:
            if metric == "house":
                for _ in range(qty):  # each house is finished on one day in the second week
                    days[rng.randrange(4, 15)].append((metric, task, 1))
                continue
            length = max(1, min(10, qty // 300))  # working days for this item
            start = rng.randrange(0, 15 - length + 1)
            for d, v in spread(rng, qty, list(range(start, start + length)), 50).items():
                days[d].append((metric, task, v))
        days[rng.randrange(1, 14)].append(("propaganda-session", None, 1))  # "8 ấp/8 cuộc"
        work[key] = days
    return work


def sum_values(items):
    out = {}
    for metric, task, v in items:
        k = (metric, task)
        out[k] = out.get(k, 0) + v
    return out


def submission(rng, key, i):
    """Kind of submission and its date-time text for hamlet key, day index i."""
    day = DAYS[i]
    if (key, i) in EDGES:
        kind, hms = EDGES[(key, i)]
        return kind, "%sT%s+07:00" % (day.isoformat(), hms)
    if key == "cau":
        kind = "on-time"
    else:
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind == "late-next-day" and i == 14:
            kind = "late"  # every daily report is in by the end of 24 December
    if kind == "missing":
        return kind, None
    if kind == "on-time":
        m = rng.randrange(13 * 60 + 31, 15 * 60)  # 13:31 .. 14:59
        when = day
    elif kind == "early":
        m = rng.randrange(9 * 60, 13 * 60 + 29)  # 09:00 .. 13:28
        when = day
    elif kind == "late":
        m = rng.randrange(15 * 60 + 2, 21 * 60)  # 15:02 .. 20:59
        when = day
    else:
        m = rng.randrange(7 * 60, 11 * 60)  # next morning 07:00 .. 10:59
        when = day + dt.timedelta(days=1)
    s = rng.randrange(0, 60)
    return kind, "%sT%02d:%02d:%02d+07:00" % (when.isoformat(), m // 60, m % 60, s)


def generate():
    rng = random.Random(SEED)
    work = plan_work(rng)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             "<!--",
             "  Reports answering the plan of examples/data/tan-phong-2024-dot2.xml (load both files",
             "  into one dataset). Generated by tools/gen-tanphong-reports.py (seed %d): do not edit" % SEED,
             "  by hand. Invented data for tests: the daily reports of the eight hamlet boards for",
             "  10-24/12/2024 (duty d-daily: 13:30-15:00, weekends included) and the final report of",
             "  the military command (duty d-final). examples/data/README.md lists the counts.",
             "-->",
             '<danvan xmlns="urn:danvan:1" version="1">']
    totals = {}
    for key, _tasks in HAMLETS:
        board, loc = "bt-ap-" + key, "ap-" + key
        for i, day in enumerate(DAYS):
            people = (rng.randrange(3, 8), rng.randrange(8, 16))  # citizens, soldiers
            kind, submitted = submission(rng, key, i)
            items = work[key][i] + [("citizens", None, people[0]), ("soldiers", None, people[1])]
            for k, v in sum_values(items).items():
                totals[k] = totals.get(k, 0) + v
            if kind == "missing":
                continue
            rid = "r-%s-%s" % (key, day.strftime("%m%d"))
            lines.append('  <report id="%s" plan="%s" duty="d-daily" org="%s" start="%s" end="%s" '
                         'submitted="%s" mode="increment" status="submitted">'
                         % (rid, PLAN, board, day.isoformat(), day.isoformat(), submitted))
            vals = sum_values(items)
            done = []
            for metric in CARRIES:
                for (m, task), v in vals.items():
                    if m != metric:
                        continue
                    if task:
                        lines.append('    <value metric="%s" locality="%s" task="%s">%d</value>'
                                     % (m, loc, task, v))
                        done.append(NAMES[m] % v)
                    else:
                        lines.append('    <value metric="%s" locality="%s">%d</value>' % (m, loc, v))
            sess = any(m == "propaganda-session" for m, _t, _v in items)
            note = "Ngày %s: " % day.strftime("%d/%m/%Y")
            note += "; ".join(done) if done else "tuyên truyền, vận động Nhân dân"
            if sess:
                note += "; tổ chức tuyên truyền, văn hóa văn nghệ tại nhà văn hóa ấp"
            note += "; %d người dân, %d chiến sĩ LLVT tham gia." % people
            lines.append("    <note>%s</note>" % esc(note))
            lines.append("  </report>")
    # the final report of the military command: the round's complete figures
    lines.append('  <report id="r-bchqs-final" plan="%s" duty="d-final" org="bchqs-tan-phong" '
                 'start="2024-12-10" end="2024-12-24" submitted="2024-12-27T16:20:00+07:00" '
                 'mode="cumulative" status="submitted" type="BC" place="Tân Phong" date="2024-12-27">' % PLAN)
    lines.append('    <issuer org="bchqs-tan-phong"/>')
    lines.append("    <title>Kết quả phối hợp liên ngành làm công tác dân vận đợt II năm 2024</title>")
    lines.append('    <basis type="KH" number="" symbol="KH/BCĐ" date="2024-12-04" issuer="bcd-tan-phong" '
                 'plan="%s">Kế hoạch phối hợp liên ngành làm công tác dân vận đợt II năm 2024 của Ban '
                 'Chỉ đạo xã Tân Phong</basis>' % PLAN)
    by_metric = {}
    for (m, _task), v in totals.items():
        by_metric[m] = by_metric.get(m, 0) + v
    for m in CARRIES:
        if m in by_metric:
            lines.append('    <value metric="%s">%d</value>' % (m, by_metric[m]))
    lines.append("    <note>Tổng hợp kết quả 15 ngày ra quân (10/12 - 24/12/2024) của 8/8 ấp, kể cả "
                 "những ngày các ấp chưa gửi báo cáo.</note>")
    lines.append('    <attachment kind="video" href="media/tan-phong-2024-dot2-tap-the.mp4" '
                 'min-minutes="8" max-minutes="8">địa phương, tập thể</attachment>')
    lines.append('    <attachment kind="photo" href="media/tan-phong-2024-dot2-anh.zip">hình ảnh</attachment>')
    lines.append('    <attachment kind="award-dossier" href="media/tan-phong-2024-dot2-thanh-tich.pdf">'
                 'bản thành tích cá nhân, tập thể</attachment>')
    lines.append('    <signature person="p-khoi" position="Chỉ huy trưởng Ban Chỉ huy Quân sự xã" '
                 'authority="" for="bchqs-tan-phong"/>')
    lines.append("  </report>")
    lines.append("</danvan>")
    return "\n".join(lines) + "\n"


def main():
    text = generate()
    if "--check" in sys.argv:
        cur = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if cur != text:
            print("%s is out of date: run tools/gen-tanphong-reports.py" % OUT, file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
