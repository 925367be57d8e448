"""Validation (validate.h), when the loaded library has it."""
import os
import tempfile
import unittest

import support  # noqa: F401
import danvan
from danvan import _lib
from test_dataset import build_tan_phong

HAS_VALIDATE = _lib.C.has("danvan_validate")


@unittest.skipUnless(HAS_VALIDATE, "the loaded libdanvan has no validation (validate.h)")
class ValidateTest(unittest.TestCase):
    def setUp(self):
        self.ds = danvan.Dataset()
        self.plan = build_tan_phong(self.ds)

    def tearDown(self):
        self.ds.close()

    def test_findings(self):
        self.plan.add("task", "t-bad", lead="nobody", start="2024-12-20", end="2024-12-11")
        found = self.ds.validate(lang="en")
        self.assertIsInstance(found, danvan.Diagnostics)
        self.assertEqual(found.language, "en")
        rules = found.rules()
        self.assertIn("ref", rules)
        self.assertIn("period-order", rules)
        self.assertGreaterEqual(found.errors, 2)
        self.assertFalse(found.ok)
        self.assertEqual(found.total, len(found))
        ref = next(d for d in found if d.rule == "ref")
        self.assertIsInstance(ref, danvan.Diagnostic)
        self.assertEqual(ref.severity, "error")
        self.assertEqual(ref.level, 1)
        self.assertIn("nobody", ref.message)
        self.assertIn("t-bad", ref.path)
        self.assertIn("[ref]", str(ref))
        xml = found.to_xml()
        self.assertIn("<validation", xml)
        self.assertIn('rule="ref"', xml)

    def test_language_and_options(self):
        vi = self.ds.validate()  # Vietnamese by default
        self.assertEqual(vi.language, "vi")
        en = self.ds.validate(lang="en")
        self.assertEqual(len(vi), len(en))
        self.assertNotEqual([d.message for d in vi], [d.message for d in en])
        without = self.ds.validate(lang="en", rules={"draft": False})
        self.assertNotIn("draft", without.rules())
        capped = self.ds.validate(lang="en", max_findings=1)
        self.assertEqual(len(capped), 1)
        self.assertEqual(capped.total, len(en))
        with self.assertRaises(danvan.InvalidArgumentError):
            self.ds.validate(lang="fr")
        with self.assertRaises(danvan.NotFoundError):
            self.ds.validate(rules={"no-such-rule": False})

    def test_findings_outlive_the_dataset(self):
        found = self.ds.validate(lang="en")
        self.ds.close()
        self.assertTrue(len(found) >= 1)
        self.assertIn("<validation", found.to_xml())

    def test_catalogue(self):
        catalogue = danvan.rules("en")
        ids = [r.id for r in catalogue]
        for rule in ("ref", "dup-id", "cycle", "period-order", "total-sum", "draft"):
            self.assertIn(rule, ids)
        self.assertTrue(all(r.summary for r in catalogue))
        self.assertEqual(danvan.severity_name("error", "en"), "error")
        self.assertNotEqual(danvan.severity_name("error", "vi"), "error")

    @unittest.skipUnless(_lib.C.has("danvan_dataset_save"), "no XML layer")
    def test_validate_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            good = os.path.join(tmp, "plan.xml")
            self.ds.save(good)
            found = danvan.validate_file(good, lang="en", schema=False)
            self.assertTrue(found.ok)
            bad = os.path.join(tmp, "bad.xml")
            with open(bad, "w", encoding="utf-8") as f:
                f.write('<danvan xmlns="urn:danvan:1" version="1"><plan id="p">\n')
            broken = danvan.validate_file(bad, lang="en", schema=False)
            self.assertEqual(broken.rules(), ["xml"])
            self.assertEqual(broken[0].file, bad)
            both = danvan.validate_file([good, good], lang="en", schema=False)
            self.assertIn("dup-id", both.rules())


if __name__ == "__main__":
    unittest.main()
