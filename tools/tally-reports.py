#!/usr/bin/env python3
"""Tally reports against the reporting duties of a plan: a small reference for the tests.

    python3 tools/tally-reports.py PLAN.xml REPORTS.xml [--as-of 2024-12-25T00:00:00+07:00]

Reads the plan's organisations, localities and duties (daily and once duties; other
frequencies are skipped) and the reports, and prints, per duty and reporter, the number of
due slots that are on time, early, late, missing and pending, then the sums of the reported
increment values per reporter and metric, as Markdown tables.

The rules (those of MODEL.md, "Evaluation"):
- daily duty: one slot per day from start to end (plan period by default), Saturdays and
  Sundays only when weekends="true"; once duty: one slot on due-date;
- a slot's deadline is its day at due-time (24:00 = end of the day; no due-time = end of the
  day); its window opens at window-start on that day (no window-start: no early slots);
- a report fills the slots of its duty and organisation whose day lies in its start..end,
  whatever the day it was submitted (a once duty's single slot is filled by any report of
  the duty and organisation); with several, the earliest submission counts;
- on time: window-start <= submitted <= deadline; early: before window-start; late: after
  the deadline; missing: no report and as-of after the deadline; pending: not yet due;
- reports in status draft or returned do not count.
Python 3 standard library only.
"""
import datetime as dt
import sys
import xml.etree.ElementTree as ET

Q = "{urn:danvan:1}"
VN = dt.timezone(dt.timedelta(hours=7))


def parse_dt(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def at(day, hhmm):
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, tzinfo=VN) + dt.timedelta(hours=h, minutes=m)


def load(paths):
    orgs, locs, plans, reports = {}, {}, [], []
    for p in paths:
        root = ET.parse(p).getroot()
        for o in root.iter(Q + "organisation"):
            orgs[o.get("id")] = o
        for loc in root.iter(Q + "locality"):
            locs[loc.get("id")] = loc
        plans += root.findall(Q + "plan")
        reports += root.findall(Q + "report")
    return orgs, locs, plans, reports


def ancestors(table, ident):
    seen = []
    while ident in table and table[ident].get("parent") and ident not in seen:
        seen.append(ident)
        ident = table[ident].get("parent")
        yield ident


def resolve(sel, orgs, locs):
    out = []
    for oid, o in orgs.items():
        loc = o.get("locality")
        if sel.get("orgs") and oid not in sel.get("orgs").split():
            continue
        if sel.get("kind") and o.get("kind") not in sel.get("kind").split():
            continue
        if sel.get("level") and (loc not in locs or locs[loc].get("kind") not in sel.get("level").split()):
            continue
        if sel.get("tags"):
            have = set((o.get("tags") or "").split()) | set(((locs.get(loc) is not None and locs[loc].get("tags")) or "").split())
            if not set(sel.get("tags").split()) <= have:
                continue
        u = sel.get("under")
        if u:
            if u in orgs and u not in ancestors(orgs, oid):
                continue
            if u in locs and u not in ancestors(locs, loc):
                continue
        out.append(oid)
    return out


def slots(duty, plan):
    period = plan.find(Q + "period")
    start = dt.date.fromisoformat(duty.get("start") or period.get("start"))
    end = dt.date.fromisoformat(duty.get("end") or period.get("end"))
    freq = duty.get("frequency")
    due_time = duty.get("due-time") or "24:00"
    win = duty.get("window-start")
    days = []
    if freq == "daily":
        d = start
        while d <= end:
            if duty.get("weekends") == "true" or d.weekday() < 5:
                days.append(d)
            d += dt.timedelta(days=1)
    elif freq == "once":
        days.append(dt.date.fromisoformat(duty.get("due-date")))
    else:
        return None
    return [(d, at(d, win) if win else None, at(d, due_time)) for d in days]


def main(argv):
    as_of = dt.datetime(2024, 12, 31, tzinfo=VN)
    if "--as-of" in argv:
        i = argv.index("--as-of")
        as_of = parse_dt(argv[i + 1])
        del argv[i:i + 2]
    orgs, locs, plans, reports = load(argv[1:])
    print("as of %s\n" % as_of.isoformat())
    for plan in plans:
        for duty in plan.findall(Q + "duty"):
            sl = slots(duty, plan)
            if sl is None:
                print("duty %s (%s): skipped\n" % (duty.get("id"), duty.get("frequency")))
                continue
            sel = duty.find(Q + "reporters")
            who = resolve(sel, orgs, locs) if sel is not None else []
            print("duty %s (%s), %d reporters, %d slots each\n" % (duty.get("id"), duty.get("frequency"), len(who), len(sl)))
            print("| reporter | due | on time | early | late | missing | pending | completeness | timeliness |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            tot = [0] * 6
            for oid in who:
                mine = [r for r in reports if r.get("duty") == duty.get("id") and r.get("org") == oid
                        and r.get("status") not in ("draft", "returned")]
                c = {"on time": 0, "early": 0, "late": 0, "missing": 0, "pending": 0}
                for day, win, deadline in sl:
                    once = duty.get("frequency") == "once"
                    cover = [parse_dt(r.get("submitted")) for r in mine
                             if r.get("submitted") and (once or dt.date.fromisoformat(r.get("start")) <= day
                                                        <= dt.date.fromisoformat(r.get("end")))]
                    cover = [t for t in cover if t <= as_of]
                    if not cover:
                        c["missing" if as_of > deadline else "pending"] += 1
                        continue
                    t = min(cover)
                    if win is not None and t < win:
                        c["early"] += 1
                    elif t <= deadline:
                        c["on time"] += 1
                    else:
                        c["late"] += 1
                due = len(sl) - c["pending"]
                received = due - c["missing"]
                comp = "%.4f" % (received / due) if due else "-"
                tim = "%.4f" % (c["on time"] / due) if due else "-"
                row = [len(sl), c["on time"], c["early"], c["late"], c["missing"], c["pending"]]
                tot = [a + b for a, b in zip(tot, row)]
                print("| %s | %d | %d | %d | %d | %d | %d | %s | %s |" % ((oid,) + tuple(row) + (comp, tim)))
            print("| total | %d | %d | %d | %d | %d | %d | | |\n" % tuple(tot))
    sums = {}
    metrics = []
    for r in reports:
        if r.get("mode") != "increment" or r.get("status") in ("draft", "returned"):
            continue
        for v in r.findall(Q + "value"):
            m = v.get("metric")
            if m not in metrics:
                metrics.append(m)
            key = (r.get("org"), m)
            sums[key] = sums.get(key, 0) + float(v.text)
    if sums:
        print("increment sums per reporter and metric\n")
        print("| reporter | " + " | ".join(metrics) + " |")
        print("| --- |" + " --- |" * len(metrics))
        col = [0.0] * len(metrics)
        for oid in sorted({k[0] for k in sums}, key=lambda o: list(orgs).index(o) if o in orgs else 0):
            row = [sums.get((oid, m), 0) for m in metrics]
            col = [a + b for a, b in zip(col, row)]
            print("| %s | " % oid + " | ".join("%g" % x for x in row) + " |")
        print("| total | " + " | ".join("%g" % x for x in col) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
