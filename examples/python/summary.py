#!/usr/bin/env python3
"""Print a summary of the plans in a dataset: period, issuers, tasks and their cost, quotas
and the units they apply to, reporting duties; then validation findings and evaluation
scores when the library has those layers.

    python3 examples/python/summary.py              # the built-in Tân Phong example
    python3 examples/python/summary.py plan.xml     # a dataset file (needs the XML layer)
    python3 examples/python/summary.py plan.xml reports.xml

Run from a build tree with:
    DANVAN_LIBRARY=build/libdanvan.so.0 PYTHONPATH=bindings/python python3 examples/python/summary.py
"""
from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import List, Optional

import danvan


def build_example() -> danvan.Dataset:
    """The Tân Phong plan (round II, 2024), built through the API."""
    ds = danvan.Dataset()
    ds.add("metric", "road-cleared", unit="m", name="Phát quang, dọn vệ sinh đường")
    ds.add("metric", "house", unit="house", name="Nhà đại đoàn kết")
    ds.add("locality", "tan-phong", kind="commune", name="Tân Phong")
    for hamlet, name in (("ap-cau", "Cầu"), ("ap-trai-bi", "Trại Bí"), ("ap-tan-dong", "Tân Đông")):
        ds.add("locality", hamlet, kind="hamlet", name=name, parent="tan-phong")
    ds.add("organisation", "bcd-tan-phong", kind="steering-committee", locality="tan-phong",
           abbr="BCĐ", name="Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần "
                          "chúng xã Tân Phong")
    ds.add("organisation", "bchqs-tan-phong", kind="military-command", locality="tan-phong",
           parent="bcd-tan-phong", name="Ban Chỉ huy Quân sự xã Tân Phong")
    for hamlet in ("ap-cau", "ap-trai-bi", "ap-tan-dong"):
        ds.add("organisation", f"bt-{hamlet}", kind="village-board", locality=hamlet,
               parent="bcd-tan-phong", name=f"Ban nhân dân {ds[hamlet].name}")

    plan = ds.add("plan", "tan-phong-2024-2", type="KH", number="", symbol="KH/BCĐ",
                  style="party", place="Tân Phong", date=dt.date(2024, 12, 4),
                  title="Phối hợp liên ngành làm công tác dân vận đợt II năm 2024",
                  start=dt.date(2024, 12, 10), end=dt.date(2024, 12, 24))
    plan.add("issuer", org="bcd-tan-phong")
    t = plan.add("task", "t-cau-lo-kiem", category="public-works", lead="bchqs-tan-phong",
                 localities=["ap-cau"], title="Phát quang tuyến đường Lộ kiểm",
                 currency="VND", cost=Decimal("90000000"))
    t.add("measure", metric="road-cleared", value=Decimal(3000))
    t = plan.add("task", "t-houses", category="social-welfare", lead="bcd-tan-phong",
                 title="Xây 02 nhà đại đoàn kết", currency="VND", cost=Decimal("120000000"))
    t.add("measure", metric="house", value=2)
    q = plan.add("quota", "q-houses", metric="house", min=1, mode="each", coverage=1,
                 title="Mỗi ấp ít nhất 01 công trình")
    q.add("scope", kind="village-board", level="hamlet", under="tan-phong")
    d = plan.add("duty", "d-daily", frequency="daily", to="bcd-tan-phong",
                 via="bchqs-tan-phong", window_start=dt.time(13, 30), due_time=dt.time(15),
                 weekends=True, title="Báo cáo nhanh hằng ngày")
    d.add("reporters", kind="village-board", level="hamlet", under="tan-phong")
    d = plan.add("duty", "d-final", frequency="once", due_date=dt.date(2024, 12, 29),
                 to="bcd-tan-phong", title="Báo cáo tổng kết")
    d.add("reporters", orgs="bchqs-tan-phong")
    return ds


def name_of(entity: Optional[danvan.Entity]) -> str:
    if entity is None:
        return "?"
    for field in ("abbr", "name"):
        if field in entity.field_names() and entity.get(field):
            return entity.get(field)
    return entity.id or entity.kind


def unit_of(measure: danvan.Entity) -> str:
    metric = measure.resolve_all("metric", strict=False)
    return (metric[0].unit or metric[0].id) if metric and metric[0] else "?"


def fmt_money(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", ".") + " đ"


def summarise(ds: danvan.Dataset, out=sys.stdout) -> None:
    print(f"{ds.entity_count} entities: {len(ds.organisations)} organisations, "
          f"{len(ds.localities)} localities, {len(ds.plans)} plans, {len(ds.reports)} reports",
          file=out)
    for plan in ds.plans:
        number = plan.number or "…"
        print(f"\nPlan {plan.id}: số {number}-{plan.symbol or ''}, ngày "
              f"{danvan.format_date(plan.date) if plan.date else '?'}", file=out)
        print(f"  {plan.title}", file=out)
        if plan.start and plan.end:
            days = danvan.date_diff_days(plan.start, plan.end) + 1
            print(f"  period {plan.start} → {plan.end} ({days} days)", file=out)
        for issuer in plan.children("issuer"):
            print(f"  issued by {name_of(issuer.resolve_all('org', strict=False)[0])}", file=out)
        tasks = list(plan.children("task"))
        total = sum((t.cost or Decimal(0) for t in tasks), Decimal(0))
        print(f"  {len(tasks)} tasks, cost {fmt_money(total)}", file=out)
        for t in tasks:
            lead = t.resolve_all("lead", strict=False)
            measures = ", ".join(
                f"{danvan.format_decimal(m.value)} {unit_of(m)}"
                for m in t.children("measure") if m.value is not None)
            print(f"    - {t.title} [{t.category or '-'}] lead {name_of(lead[0] if lead else None)}"
                  + (f"; {measures}" if measures else ""), file=out)
        for q in plan.children("quota"):
            try:
                units: List[danvan.Entity] = q.resolve_scope(plan.start)
                scope = ", ".join(u.id or "?" for u in units)
            except danvan.Error as exc:
                scope = f"(scope: {exc.message})"
            target = " ".join(part for part in (
                f"min {q.min}" if q.min is not None else "",
                f"max {q.max}" if q.max is not None else "") if part)
            print(f"  quota {q.id}: {q.title or ''} — {target}, {q.mode or 'each'} of "
                  f"{scope}", file=out)
        for d in plan.children("duty"):
            when = d.frequency or "?"
            if d.window_start and d.due_time:
                when += f" {danvan.format_time(d.window_start)}–{danvan.format_time(d.due_time)}"
            elif d.due_time:
                when += f" before {danvan.format_time(d.due_time)}"
            if d.due_date:
                when += f" due {d.due_date}"
            if d.weekends:
                when += " incl. weekends"
            try:
                reporters = len(d.resolve_scope())
            except danvan.Error:
                reporters = 0
            print(f"  duty {d.id}: {when}; {reporters} reporting units → "
                  f"{name_of(d.resolve_all('to', strict=False)[0] if d.to else None)}", file=out)


def checks(ds: danvan.Dataset, out=sys.stdout) -> None:
    """Validation findings and evaluation scores, when the library has those layers."""
    try:
        found = ds.validate(lang="en")
        print(f"\nvalidation: {found.errors} errors, {found.warnings} warnings, "
              f"{found.infos} infos", file=out)
        for d in found[:10]:
            print(f"  {d}", file=out)
    except NotImplementedError:
        pass
    for plan in ds.plans:
        try:
            as_of = danvan.date_add_days(plan.end, 1) if plan.end else None
            with danvan.evaluate(ds, plan.id, as_of) as ev:
                print(f"\nevaluation of {plan.id} as of {ev.as_of:%Y-%m-%d %H:%M}:", file=out)
                rows = sorted(ev.table("scores"), key=lambda r: (r['level'] or '', r['rank']))
                for row in rows[:10]:
                    print(f"  #{row['rank']} {row['org']} ({row['level'] or '-'}): score "
                          f"{row['value']:.4f}", file=out)
        except NotImplementedError:
            return
        except danvan.Error as exc:
            print(f"\nevaluation of {plan.id}: {exc}", file=out)


def main(argv: List[str]) -> int:
    try:
        if len(argv) > 1:
            ds = danvan.Dataset.load(argv[1])
            for extra in argv[2:]:
                ds.merge(extra)
        else:
            ds = build_example()
    except NotImplementedError as exc:
        print(f"summary: {exc}", file=sys.stderr)
        return 2
    except danvan.Error as exc:
        print(f"summary: {exc}", file=sys.stderr)
        return 1
    with ds:
        summarise(ds)
        checks(ds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
