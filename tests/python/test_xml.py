"""XML reading and writing (xml.h), when the loaded library has it."""
import datetime as dt
import os
import tempfile
import unittest
from decimal import Decimal

import support  # noqa: F401
import danvan
from danvan import _lib, errors
from test_dataset import build_tan_phong

HAS_XML = _lib.C.has("danvan_dataset_load")


@unittest.skipUnless(HAS_XML, "the loaded libdanvan has no XML layer (xml.h)")
class XmlTest(unittest.TestCase):
    def setUp(self):
        self.ds = danvan.Dataset()
        build_tan_phong(self.ds)
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.ds.close()
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_round_trip_is_byte_identical(self):
        text = self.ds.to_xml()
        self.assertTrue(text.startswith("<?xml"))
        self.assertIn('xmlns="urn:danvan:1"', text)
        self.assertIn("Phối hợp liên ngành", text)
        with danvan.Dataset.loads(text) as again:
            self.assertEqual(again.to_xml(), text)
            self.assertEqual(again.to_bytes(), text.encode("utf-8"))
            self.assertEqual(again.entity_count, self.ds.entity_count)
            task = again["t-cau-lo-kiem"]
            self.assertEqual(task.cost, Decimal("90000000"))
            self.assertEqual(again["d-daily"].window_start, dt.time(13, 30))
            self.assertEqual(again["e-launch"].at.utcoffset(), dt.timedelta(hours=7))
            self.assertEqual(task.file, "<memory>")
            self.assertGreater(task.line, 1)
            self.assertGreater(task.column, 0)

    def test_save_and_load_a_file(self):
        path = self.path("plan.xml")
        self.ds.save(path)
        with danvan.Dataset.load(path) as again:
            self.assertEqual(again.to_xml(), self.ds.to_xml())
            plan = again.plans[0]
            self.assertEqual(plan.file, path)
            self.assertEqual(plan.start, dt.date(2024, 12, 10))
        with open(path, "rb") as f:
            with danvan.Dataset.load_fd(f.fileno(), name="from-fd") as again:
                self.assertEqual(again.plans[0].file, "from-fd")
        with open(self.path("fd.xml"), "wb") as f:
            self.ds.save_fd(f.fileno())
        with open(self.path("fd.xml"), "rb") as f:
            self.assertEqual(f.read(), self.ds.to_bytes())

    def test_merge_reports(self):
        plan_only = danvan.Dataset()
        build_tan_phong(plan_only)
        for r in list(plan_only.reports):
            r.remove()
        report_file = self.path("reports.xml")
        with danvan.Dataset() as reports:
            reports.add("report", "r-extra", plan="tan-phong-2024-2", duty="d-daily",
                        org="bt-ap-cau", start="2024-12-11", end="2024-12-11",
                        submitted="2024-12-11T14:00:00+07:00").add(
                "value", metric="road-cleared", value=Decimal(800))
            reports.save(report_file)
        task = plan_only["t-cau-lo-kiem"]
        plan_only.merge(report_file)
        self.assertEqual(plan_only.reports.ids(), ["r-extra"])
        self.assertEqual(plan_only["r-extra"].resolve("duty"), plan_only["d-daily"])
        self.assertEqual(task.title, "Phát quang và dọn hành lang tuyến đường Lộ kiểm")
        plan_only.merge_memory(
            b'<danvan xmlns="urn:danvan:1" version="1"><report id="r-mem" org="bt-ap-cau"/>'
            b'</danvan>')
        self.assertEqual(plan_only.reports.ids(), ["r-extra", "r-mem"])
        plan_only.close()

    def test_failed_merge_leaves_the_dataset_as_it_was(self):
        before = self.ds.to_xml()
        with self.assertRaises(danvan.Error):
            self.ds.merge_memory('<danvan xmlns="urn:danvan:1" version="1">'
                                 '<report id="r-new"/><report id="r-bad" mode="sideways"/>'
                                 '</danvan>')
        self.assertEqual(self.ds.to_xml(), before)
        self.assertIsNone(self.ds.find("r-new"))

    def test_parse_error_has_a_location(self):
        with self.assertRaises(danvan.ParseError) as cm:
            danvan.Dataset.loads(b'<danvan xmlns="urn:danvan:1" version="1">\n  <plan id="p">\n'
                                 b'</danvan>', name="broken.xml")
        exc = cm.exception
        self.assertEqual(exc.code, errors.EPARSE)
        self.assertEqual(exc.file, "broken.xml")
        self.assertGreaterEqual(exc.line, 2)
        self.assertGreater(exc.column, 0)
        self.assertIn("broken.xml:", str(exc))

    def test_format_errors(self):
        with self.assertRaises(danvan.FormatError) as cm:
            danvan.Dataset.loads('<danvan xmlns="urn:danvan:1" version="1">'
                                 '<chapter/></danvan>')
        self.assertEqual(cm.exception.code, errors.EINVALID)
        with self.assertRaises(danvan.FormatError):
            danvan.Dataset.loads('<danvan xmlns="urn:danvan:1" version="1">'
                                 '<plan id="p"><period start="2024-02-30"/></plan></danvan>')
        with self.assertRaises(danvan.UnsupportedError):
            danvan.Dataset.loads('<danvan xmlns="urn:danvan:1" version="2"/>')

    def test_io_error(self):
        with self.assertRaises(danvan.InputOutputError) as cm:
            danvan.Dataset.load(self.path("missing.xml"))
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.code, errors.EIO)
        with self.assertRaises(danvan.InputOutputError):
            self.ds.save(self.path("no/such/dir/plan.xml"))

    def test_options(self):
        deep = ('<danvan xmlns="urn:danvan:1" version="1"><plan id="p"><section>'
                '<section><section><text>x</text></section></section></section></plan></danvan>')
        danvan.Dataset.loads(deep).close()
        with self.assertRaises(danvan.LimitError):
            danvan.Dataset.loads(deep, max_depth=3)
        with self.assertRaises(danvan.LimitError):
            danvan.Dataset.loads(deep, max_input=10)
        with self.assertRaises(danvan.InvalidArgumentError):
            danvan.Dataset.loads(deep, max_width=3)

    def test_loaded_dataset_lifetime(self):
        ds = danvan.Dataset.loads(self.ds.to_xml())
        plan = ds.plans[0]
        del ds
        self.assertEqual(plan.symbol, "KH/BCĐ")
        plan.dataset.close()
        with self.assertRaises(danvan.ClosedError):
            plan.symbol

    def test_schema(self):
        self.assertIsInstance(danvan.schema_path(), str)
        self.assertTrue(danvan.schema_path())


if __name__ == "__main__":
    unittest.main()
