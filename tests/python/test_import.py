"""The text importer (import.h) through danvan.import_text / import_file.

The facts come from seed 002 (the Tân Phong plan, round II of 2024) of the shared directory
(skipped when it is absent) and from tests/data/import/002-nfd.txt, its NFD copy kept in the
source tree, so the main checks run everywhere.
"""
import datetime as dt
import gc
import os
import tempfile
import threading
import unicodedata
import unittest
import weakref
from decimal import Decimal

import support
import danvan
from danvan import _lib

SEED_002 = "002_xa-tan-phong-2024-dot2.txt"
FIXTURES = os.path.join(support.SOURCE_DIR, "tests", "data", "import")
NFD_002 = os.path.join(FIXTURES, "002-nfd.txt")
REPORT = os.path.join(FIXTURES, "bao-cao-xa-an-binh-2023.txt")
TITLE = "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def seed_text():
    path = support.seed(SEED_002)
    if path is None:
        raise unittest.SkipTest(f"seed {SEED_002} not found under {support.SHARED_DIR}/seeds")
    return path, read(path)


def one(entities, **fields):
    found = [e for e in entities if all(e.get(k) == v for k, v in fields.items())]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} entities with {fields}")
    return found[0]


def snapshot(ds):
    """Everything the import built, as plain values (the input's name left out)."""
    return [(e.kind, e.fields()) for e in ds.walk()]


@unittest.skipUnless(_lib.C.has("danvan_import_text_result"),
                     "the loaded libdanvan has no text importer")
class ImportCase(unittest.TestCase):
    def assertSeed002(self, res):
        """The facts of seed 002, whatever copy of it was imported."""
        self.assertIsInstance(res, danvan.ImportResult)
        self.assertIsInstance(res.dataset, danvan.Dataset)
        plan = res.entity
        self.assertIsInstance(plan, danvan.Entity)
        self.assertIsInstance(plan, danvan.Plan)
        self.assertEqual(plan.kind, "plan")
        self.assertIs(plan.dataset, res.dataset)
        self.assertIn(plan, list(res.dataset.plans))
        # "Số      -KH/BCĐ": the number left blank, but there
        self.assertTrue(plan.has("number"))
        self.assertEqual(plan.number, "")
        self.assertEqual(plan.symbol, "KH/BCĐ")
        self.assertEqual(plan.date, dt.date(2024, 12, 4))
        self.assertEqual(plan.start, dt.date(2024, 12, 10))
        self.assertEqual(plan.end, dt.date(2024, 12, 24))
        self.assertEqual(plan.title, TITLE)  # NFC, whatever the input's form
        self.assertEqual(plan.phase, 2)
        daily = one(plan.children("duty"), frequency="daily")
        self.assertEqual(daily.window_start, dt.time(13, 30))
        self.assertEqual(daily.due_time, dt.time(15, 0))
        self.assertIs(daily.weekends, True)
        self.assertEqual(daily.to, "bcd-tan-phong")
        gifts = one(plan.children("total"), metric="gift-value")
        self.assertEqual(gifts.count, Decimal(25))
        self.assertEqual(gifts.unit_value, Decimal(500000))
        self.assertEqual(gifts.value, Decimal(10500000))  # as the document states it
        self.assertIsInstance(res.findings, list)
        for f in res.findings:
            self.assertIsInstance(f, danvan.ImportFinding)
            self.assertIsInstance(f.line, int)
            self.assertGreaterEqual(f.line, 1)
            self.assertIn(f.severity, ("info", "warning"))
            self.assertTrue(f.rule)
            self.assertTrue(f.message)
        lines = [f.line for f in res.findings]
        self.assertEqual(lines, sorted(lines))
        return plan


class ImportTextTest(ImportCase):
    def test_seed_text(self):
        path, text = seed_text()
        res = danvan.import_text(text, name=SEED_002)
        plan = self.assertSeed002(res)
        self.assertTrue(res.owns_dataset)
        self.assertEqual(plan.file, SEED_002)
        self.assertEqual(plan.line, 9)  # "ĐẢNG UỶ XÃ TÂN PHONG …", after the website's lines
        self.assertEqual(plan.id, "bcd-tan-phong-2024-2")

    def test_default_name(self):
        res = danvan.import_text(read(NFD_002))
        self.assertEqual(res.entity.file, "<memory>")

    def test_seed_file(self):
        path, _ = seed_text()
        res = danvan.import_file(path)
        plan = self.assertSeed002(res)
        self.assertEqual(plan.file, path)

    def test_pathlike_and_bytes(self):
        import pathlib

        res = danvan.import_file(pathlib.Path(NFD_002))
        self.assertSeed002(res)
        with open(NFD_002, "rb") as f:
            raw = f.read()
        self.assertSeed002(danvan.import_text(raw))
        self.assertSeed002(danvan.import_text(bytearray(raw)))
        self.assertSeed002(danvan.import_text(memoryview(raw)))

    def test_nfd_copy_gives_the_same_dataset(self):
        path, text = seed_text()
        nfc = danvan.import_text(text)
        nfd_text = unicodedata.normalize("NFD", text)
        self.assertNotEqual(nfd_text, text)
        nfd = danvan.import_text(nfd_text)
        self.assertSeed002(nfd)
        self.assertEqual(snapshot(nfd.dataset), snapshot(nfc.dataset))
        self.assertEqual(nfd.findings, nfc.findings)

    def test_nfd_fixture_in_the_source_tree(self):
        # runs without the shared directory: the NFD copy of seed 002 kept in tests/data
        text = read(NFD_002)
        self.assertEqual(unicodedata.normalize("NFC", text) == text, False)
        res = danvan.import_text(text, name="002-nfd.txt")
        self.assertSeed002(res)
        self.assertEqual(res.entity.file, "002-nfd.txt")

    def test_findings(self):
        res = danvan.import_text(read(NFD_002))
        chrome = [f for f in res.findings if f.rule == "chrome"]
        # the website's title and date stamp before the document, its footer after it
        self.assertEqual([f.line for f in chrome], [1, 3, 5, 7, 277, 279, 281, 283, 284])
        self.assertTrue(all(f.severity == "info" for f in chrome))
        self.assertIn("07:14", chrome[1].message)
        self.assertEqual(str(chrome[0]), f"1: info: {chrome[0].message} [chrome]")
        self.assertEqual(chrome[0], (1, "info", "chrome", chrome[0].message))  # a named tuple
        # a new list each time: changing it does not change the result
        n = len(res.findings)
        res.findings.clear()
        self.assertEqual(len(res.findings), n)
        quiet = danvan.import_text(read(NFD_002), report_chrome=False)
        self.assertEqual([f for f in quiet.findings if f.rule == "chrome"], [])
        self.assertSeed002(quiet)
        loud = danvan.import_text(read(NFD_002), report_chrome=True)
        self.assertEqual(loud.findings, res.findings)

    def test_id_option(self):
        res = danvan.import_text(read(NFD_002), id="tan-phong-2024-2")
        self.assertEqual(res.entity.id, "tan-phong-2024-2")
        self.assertIs(res.dataset["tan-phong-2024-2"], res.entity)
        with self.assertRaises(danvan.InvalidArgumentError) as cm:
            danvan.import_text(read(NFD_002), id="2 bad")
        self.assertIsInstance(cm.exception, danvan.Error)
        self.assertEqual(cm.exception.status, "DANVAN_EINVAL")

    def test_report(self):
        res = danvan.import_file(REPORT)
        self.assertEqual(res.entity.kind, "report")
        self.assertIsInstance(res.entity, danvan.Report)
        self.assertEqual(list(res.dataset.reports), [res.entity])
        self.assertEqual(len(res.dataset.plans), 0)

    def test_non_utf8_bytes_are_replaced_and_reported(self):
        # the library's rule (import.h): such bytes become U+FFFD and an "encoding" warning;
        # the import goes on
        raw = read(NFD_002).encode("utf-8").replace(b"KH/BC", b"\xff\xfeKH/BC", 1)
        res = danvan.import_text(raw)
        enc = [f for f in res.findings if f.rule == "encoding"]
        self.assertEqual(len(enc), 1)
        self.assertEqual(enc[0].severity, "warning")
        self.assertEqual(enc[0].line, 19)  # the line of "Số      -KH/BCĐ"
        self.assertIn("2 byte", enc[0].message)
        self.assertEqual(res.entity.start, dt.date(2024, 12, 10))
        # the same for a str decoded with errors="surrogateescape"
        res = danvan.import_text(raw.decode("utf-8", "surrogateescape"))
        self.assertEqual([f.line for f in res.findings if f.rule == "encoding"], [19])


class ExistingDatasetTest(ImportCase):
    def test_import_into_a_dataset(self):
        with danvan.Dataset() as ds:
            metric = ds.add("metric", "road-cleared", unit="m", name="Phát quang")
            before = ds.entity_count
            res = ds.import_text(read(NFD_002), name="002-nfd.txt")
            self.assertIs(res.dataset, ds)
            self.assertFalse(res.owns_dataset)
            self.assertSeed002(res)
            self.assertGreater(ds.entity_count, before)
            self.assertIs(ds["road-cleared"], metric)  # reused, not duplicated
            self.assertEqual([m.id for m in ds.metrics].count("road-cleared"), 1)
            # a second document into the same dataset: a second plan with a unique id
            again = danvan.import_file(NFD_002, dataset=ds)
            self.assertEqual(len(ds.plans), 2)
            self.assertNotEqual(again.entity.id, res.entity.id)
            self.assertIs(ds.plans[1], again.entity)
            # closing a result leaves a dataset the caller gave open
            with again:
                pass
            again.close()
            self.assertFalse(ds.closed)
            self.assertEqual(res.entity.symbol, "KH/BCĐ")

    def test_import_file_method(self):
        with danvan.Dataset() as ds:
            res = ds.import_file(NFD_002, id="p2", report_chrome=False)
            self.assertEqual(res.entity.id, "p2")
            self.assertSeed002(res)

    def test_failed_import_leaves_the_dataset_as_it_was(self):
        with danvan.Dataset() as ds:
            ds.add("metric", "m1")
            with self.assertRaises(danvan.ParseError):
                ds.import_text("  \n\t\n")
            self.assertEqual(ds.entity_count, 1)
            self.assertFalse(ds.closed)


class BadCallTest(ImportCase):
    def assertError(self, cls, call):
        with self.assertRaises(cls) as cm:
            call()
        self.assertIsInstance(cm.exception, danvan.Error)
        return cm.exception

    def test_text_of_the_wrong_type(self):
        e = self.assertError(danvan.FieldTypeError, lambda: danvan.import_text(None))
        self.assertIsInstance(e, TypeError)
        self.assertError(danvan.FieldTypeError, lambda: danvan.import_text(42))
        self.assertError(danvan.FieldTypeError, lambda: danvan.import_file(None))
        self.assertError(danvan.FieldTypeError,
                         lambda: danvan.import_text("KẾ HOẠCH", dataset="ds"))
        self.assertError(danvan.FieldTypeError,
                         lambda: danvan.import_text("KẾ HOẠCH", report_chrome="no"))

    def test_no_document(self):
        for text in ("", "   \n\n", b"", "123 456\n"):
            with self.subTest(text=text):
                e = self.assertError(danvan.ParseError,
                                     lambda: danvan.import_text(text, name="empty.txt"))
                self.assertIsInstance(e, ValueError)
                self.assertEqual(e.status, "DANVAN_EPARSE")
                self.assertEqual(e.file, "empty.txt")
                self.assertIn("empty.txt", str(e))

    def test_unreadable_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "none.txt")
            e = self.assertError(danvan.InputOutputError, lambda: danvan.import_file(missing))
            self.assertIsInstance(e, OSError)
            self.assertEqual(e.file, missing)
            self.assertError(danvan.InputOutputError, lambda: danvan.import_file(tmp))
        self.assertError(danvan.InvalidArgumentError, lambda: danvan.import_file("a\0b"))
        self.assertError(danvan.InvalidArgumentError, lambda: danvan.import_file(""))

    def test_out_of_memory_after_part_of_the_import(self):
        # import.h: on DANVAN_ENOMEM the result is still handed out (the dataset may hold part
        # of the document); the binding frees it and raises. Simulated around the real call.
        real = _lib.C.__dict__["danvan_import_text_result"]
        calls = []

        def fails_late(out, ds, text, n, name, opts):
            rc = real(out, ds, text, n, name, opts)
            calls.append((rc, out._obj.value))
            return -2  # DANVAN_ENOMEM

        _lib.C.__dict__["danvan_import_text_result"] = fails_late
        try:
            with danvan.Dataset() as ds:
                self.assertError(danvan.OutOfMemoryError, lambda: ds.import_text(read(NFD_002)))
                self.assertFalse(ds.closed)  # the caller's dataset stays open
            e = self.assertError(danvan.OutOfMemoryError,
                                 lambda: danvan.import_text(read(NFD_002)))
            self.assertIsInstance(e, MemoryError)
        finally:
            _lib.C.__dict__["danvan_import_text_result"] = real
        self.assertEqual([rc for rc, _ in calls], [0, 0])
        self.assertTrue(all(res for _, res in calls))

    def test_closed_dataset(self):
        ds = danvan.Dataset()
        ds.close()
        self.assertError(danvan.ClosedError, lambda: ds.import_text(read(NFD_002)))
        self.assertError(danvan.ClosedError, lambda: danvan.import_file(NFD_002, dataset=ds))


class LifetimeTest(ImportCase):
    def test_result_keeps_its_own_dataset_alive(self):
        res = danvan.import_text(read(NFD_002))
        ds_ref = weakref.ref(res.dataset)
        plan_ref = weakref.ref(res.entity)
        gc.collect()
        self.assertIsNotNone(ds_ref())
        self.assertIsNotNone(plan_ref())
        self.assertEqual(res.entity.symbol, "KH/BCĐ")
        self.assertEqual(len(res.dataset.plans), 1)
        del res
        gc.collect()
        self.assertIsNone(ds_ref())  # freed with its last holder

    def test_result_keeps_a_given_dataset_alive(self):
        ds = danvan.Dataset()
        res = ds.import_text(read(NFD_002))
        ds_ref = weakref.ref(ds)
        del ds
        gc.collect()
        self.assertIsNotNone(ds_ref())
        self.assertFalse(res.dataset.closed)
        self.assertIs(res.dataset.plans[0], res.entity)
        self.assertSeed002(res)

    def test_entity_alone_keeps_the_dataset_alive(self):
        plan = danvan.import_text(read(NFD_002)).entity
        gc.collect()
        self.assertEqual(plan.symbol, "KH/BCĐ")
        self.assertEqual(len(plan.dataset.plans), 1)

    def test_with_block_closes_a_dataset_it_created(self):
        with danvan.import_text(read(NFD_002)) as res:
            plan = res.entity
            self.assertEqual(plan.symbol, "KH/BCĐ")
        self.assertTrue(res.closed)
        self.assertTrue(res.dataset.closed)
        with self.assertRaises(danvan.ClosedError):
            plan.symbol
        res.close()  # twice: nothing happens
        self.assertEqual(len(res.findings), 9)  # findings are copies
        self.assertIn("ImportResult", repr(res))

    def test_cannot_be_pickled(self):
        import pickle

        res = danvan.import_text(read(NFD_002))
        with self.assertRaises(TypeError):
            pickle.dumps(res)


class ThreadsAndLayersTest(ImportCase):
    def test_threads_on_different_datasets(self):
        text = read(NFD_002)
        results, errors = [], []

        def work():
            try:
                res = danvan.import_text(text)
                results.append((res.entity.symbol, res.entity.start, len(res.findings)))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(results, [("KH/BCĐ", dt.date(2024, 12, 10), 9)] * 4)

    def test_xml_round_trip(self):
        if not _lib.C.has("danvan_dataset_to_xml"):
            self.skipTest("the loaded libdanvan has no XML layer")
        res = danvan.import_text(read(NFD_002))
        xml = res.dataset.to_xml()
        with danvan.Dataset.loads(xml) as back:
            self.assertEqual(back.to_xml(), xml)
            self.assertEqual(back[res.entity.id].fields(), res.entity.fields())

    def test_validate(self):
        if not _lib.C.has("danvan_validate"):
            self.skipTest("the loaded libdanvan has no validation layer")
        res = danvan.import_text(read(NFD_002))
        found = res.dataset.validate(lang="en")
        # the only errors are the document's own arithmetic: "9 tuyến đường/8.900m" while
        # its items add up to 9 900 m, "25 phần quà, mỗi phần 500 000đ, trị giá 10.500 000đ"
        errors = {(d.line, d.rule) for d in found if d.severity == "error"}
        self.assertEqual(errors, {(91, "total-sum"), (113, "total-product")})


if __name__ == "__main__":
    unittest.main()
