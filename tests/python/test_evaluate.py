"""Evaluation (evaluate.h), when the loaded library has it."""
import datetime as dt
import gc
import os
import tempfile
import unittest
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import _lib
from test_dataset import build_tan_phong

HAS_EVALUATE = _lib.C.has("danvan_evaluate")
AS_OF = "2024-12-25T00:00:00+07:00"


@unittest.skipUnless(HAS_EVALUATE, "the loaded libdanvan has no evaluation (evaluate.h)")
class EvaluateTest(unittest.TestCase):
    def setUp(self):
        self.ds = danvan.Dataset()
        build_tan_phong(self.ds)

    def tearDown(self):
        self.ds.close()

    def test_tables(self):
        with danvan.evaluate(self.ds, "tan-phong-2024-2", AS_OF) as ev:
            self.assertEqual(ev.plan_id, "tan-phong-2024-2")
            self.assertEqual(ev.as_of, dt.datetime(2024, 12, 25, tzinfo=danvan.VIETNAM_TZ))
            self.assertEqual(ev.tally("seen"), 1)
            self.assertEqual(ev.tally("counted"), 1)
            duties = ev.table("duties")
            self.assertIs(duties, ev.table("duty-status"))
            self.assertIn("on-time", duties.columns)
            cau = next(r for r in duties if r["duty"] == "d-daily" and r["org"] == "bt-ap-cau")
            self.assertEqual((cau["due"], cau["on-time"], cau["missing"]), (15, 1, 14))
            self.assertAlmostEqual(cau["timeliness"], 1 / 15)
            self.assertEqual(duties.format("timeliness", duties.rows.index(cau)), "0.0667")
            slot = next(r for r in ev.table("slots") if r["report"] == "r-cau-1210")
            self.assertEqual(slot["status"], "on-time")
            self.assertEqual(slot["start"], dt.date(2024, 12, 10))
            self.assertEqual(slot["deadline"], dt.datetime(2024, 12, 10, 15, 0,
                                                           tzinfo=danvan.VIETNAM_TZ))
            self.assertEqual(slot["submitted"].hour, 14)
            empty = next(r for r in ev.table("slots") if r["status"] == "missing")
            self.assertIsNone(empty["report"])
            self.assertIsNone(empty["submitted"])
            result = ev.table("results")[0]
            self.assertEqual(result["quota"], "q-houses")
            self.assertEqual(result["min"], Decimal(1))
            self.assertIsNone(result["max"])
            self.assertIs(result["met"], False)
            scores = ev.table("scores")
            self.assertTrue(all(isinstance(r["rank"], int) for r in scores))
            self.assertEqual(set(ev.rows), {"duty-status", "slot", "quota-status",
                                            "quota-result", "score"})
            with self.assertRaises(danvan.InvalidArgumentError):
                ev.table("nothing")

    def test_exports(self):
        ev = danvan.evaluate(self.ds, None, dt.date(2024, 12, 25))
        self.assertIn('<evaluation plan="tan-phong-2024-2"', ev.to_xml())
        csv = ev.to_csv("duties")
        self.assertIn("duty,org,due,on-time", csv)
        self.assertIn("section", ev.to_csv().splitlines()[0])
        self.assertTrue(ev.to_text())
        self.assertIn("<html", ev.to_html().lower())
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "ev.xlsx")
            ev.to_xlsx(path)
            with open(path, "rb") as f:
                self.assertEqual(f.read(2), b"PK")
        ev.close()
        with self.assertRaises(danvan.ClosedError):
            ev.to_xml()

    def test_options_and_errors(self):
        with self.assertRaises(danvan.NotFoundError):
            danvan.evaluate(self.ds, "no-such-plan", AS_OF)
        with self.assertRaises(danvan.InvalidArgumentError):
            danvan.evaluate(self.ds, None, AS_OF, score_weights=(0, 0))
        ev = danvan.evaluate(self.ds, None, AS_OF, deadline_inclusive=False,
                             locality_credit=False, score_weights=(50, 50))
        self.assertEqual(len(ev.table("duties")), 3)

    def test_streaming_from_another_dataset(self):
        for r in list(self.ds.reports):
            r.remove()
        with danvan.Dataset() as reports:
            reports.add("report", "r-1", plan="tan-phong-2024-2", duty="d-daily",
                        org="bt-ap-trai-bi", start="2024-12-11", end="2024-12-11",
                        submitted="2024-12-11T13:45:00+07:00")
            ev = danvan.Evaluation.begin(self.ds, "tan-phong-2024-2", AS_OF)
            ev.add_report(reports["r-1"])
            ev.add_reports(reports)  # the same id again: a repeat, not counted twice
        ev.finish()
        self.assertEqual(ev.tally("seen"), 2)
        self.assertEqual(ev.tally("repeated"), 1)
        row = next(r for r in ev.table("duties") if r["org"] == "bt-ap-trai-bi")
        self.assertEqual(row["on-time"], 1)

    def test_streaming_from_a_file(self):
        for r in list(self.ds.reports):
            r.remove()
        with danvan.Dataset() as reports:
            reports.add("report", "r-f1", plan="tan-phong-2024-2", duty="d-daily",
                        org="bt-ap-trai-bi", start="2024-12-11", end="2024-12-11",
                        submitted="2024-12-11T16:10:00+07:00")
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "reports.xml")
                reports.save(path)
                ev = danvan.Evaluation.begin(self.ds, "tan-phong-2024-2", AS_OF)
                ev.add_report_file(path)
                with self.assertRaises(danvan.Error):
                    ev.add_report_file(os.path.join(tmp, "missing.xml"))
        ev.finish()
        self.assertEqual(ev.tally("seen"), 1)
        row = next(r for r in ev.table("duties") if r["org"] == "bt-ap-trai-bi")
        self.assertEqual(row["late"], 1)
        self.assertEqual(row["on-time"], 0)
        ev.close()

    def test_evaluation_keeps_dataset_alive(self):
        ev = danvan.evaluate(self.ds, None, AS_OF)
        self.ds.close()  # the C dataset stays alive for the evaluation
        gc.collect()
        self.assertEqual(len(ev.table("duties")), 3)
        self.assertIn("<evaluation", ev.to_xml())


if __name__ == "__main__":
    unittest.main()
