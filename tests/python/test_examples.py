"""The example script and an offline pip install of the package."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support

EXAMPLE = os.path.join(support.SOURCE_DIR, "examples", "python", "summary.py")


class SummaryExampleTest(unittest.TestCase):
    def test_built_in_example(self):
        r = subprocess.run([sys.executable, EXAMPLE], env=support.child_env(),
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        self.assertIn("Plan tan-phong-2024-2: số …-KH/BCĐ, ngày 2024-12-04", out)
        self.assertIn("period 2024-12-10 → 2024-12-24 (15 days)", out)
        self.assertIn("2 tasks, cost 210.000.000 đ", out)
        self.assertIn("each of bt-ap-cau, bt-ap-trai-bi, bt-ap-tan-dong", out)
        self.assertIn("duty d-daily: daily 13:30–15:00 incl. weekends; 3 reporting units", out)

    def test_missing_file_or_layer(self):
        r = subprocess.run([sys.executable, EXAMPLE, "/nonexistent/plan.xml"],
                           env=support.child_env(), capture_output=True, text=True, timeout=60)
        self.assertIn(r.returncode, (1, 2))  # no such file, or no XML layer yet
        self.assertIn("summary:", r.stderr)
        self.assertNotIn("Traceback", r.stderr)


class SummaryOnExampleDataTest(unittest.TestCase):
    def test_tan_phong_files(self):
        from danvan import _lib

        data = os.path.join(support.SOURCE_DIR, "examples", "data")
        plan = os.path.join(data, "tan-phong-2024-dot2.xml")
        reports = os.path.join(data, "tan-phong-2024-dot2-reports.xml")
        if not _lib.C.has("danvan_dataset_load"):
            self.skipTest("the loaded libdanvan has no XML layer")
        if not (os.path.exists(plan) and os.path.exists(reports)):
            self.skipTest("no Tân Phong example data in this tree")
        r = subprocess.run([sys.executable, EXAMPLE, plan, reports], env=support.child_env(),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Plan tan-phong-2024-2", r.stdout)
        self.assertIn("duty d-daily: daily 13:30–15:00 incl. weekends", r.stdout)


IMPORT_EXAMPLE = os.path.join(support.SOURCE_DIR, "examples", "python", "import_text.py")


class ImportTextExampleTest(unittest.TestCase):
    def setUp(self):
        from danvan import _lib

        if not _lib.C.has("danvan_import_file_result"):
            self.skipTest("the loaded libdanvan has no text importer")

    def run_example(self, *args):
        return subprocess.run([sys.executable, IMPORT_EXAMPLE, *args], env=support.child_env(),
                              capture_output=True, text=True, timeout=120)

    def test_seed_and_report(self):
        # the seed when the shared directory is there, else its NFD copy in tests/data
        plan = support.seed("002_xa-tan-phong-2024-dot2.txt") or os.path.join(
            support.SOURCE_DIR, "tests", "data", "import", "002-nfd.txt")
        report = os.path.join(support.SOURCE_DIR, "tests", "data", "import",
                              "bao-cao-xa-an-binh-2023.txt")
        r = self.run_example(plan, report)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        self.assertIn(f"{plan}: plan bcd-tan-phong-2024-2, 9 findings (0 warnings)", out)
        self.assertIn(":1: info: text before the document ignored", out)
        self.assertIn(f"{report}: report ", out)
        self.assertIn("Plan bcd-tan-phong-2024-2: số …-KH/BCĐ, ngày 2024-12-04", out)
        self.assertIn("period 2024-12-10 → 2024-12-24 (15 days)", out)
        self.assertIn("duty d-daily: daily 13:30–15:00 incl. weekends", out)
        quiet = self.run_example("--quiet", plan)
        self.assertEqual(quiet.returncode, 0, quiet.stderr)
        self.assertNotIn("[chrome]", quiet.stdout)

    def test_unreadable_file(self):
        r = self.run_example("/nonexistent/plan.txt")
        self.assertEqual(r.returncode, 1)
        self.assertIn("import_text: /nonexistent/plan.txt", r.stderr)
        self.assertNotIn("Traceback", r.stderr)


def _installer():
    """A Python that can build the package offline (setuptools, wheel and venv), or None."""
    for exe in (sys.executable, "/usr/bin/python3"):
        if exe and os.path.exists(exe):
            probe = subprocess.run([exe, "-c", "import setuptools, wheel, venv, ensurepip"],
                                   capture_output=True)
            if probe.returncode == 0:
                return exe
    return None


class InstallTest(unittest.TestCase):
    def test_offline_pip_install(self):
        exe = _installer()
        if exe is None:
            self.skipTest("no Python with setuptools, wheel and venv to build the package")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src")
            shutil.copytree(support.BINDING_DIR, src,
                            ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
            venv = os.path.join(tmp, "venv")
            subprocess.run([exe, "-m", "venv", "--system-site-packages", venv], check=True,
                           capture_output=True, timeout=120)
            py = os.path.join(venv, "bin", "python")
            env = support.child_env()
            env.pop("PYTHONPATH", None)
            r = subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                                src], env=env, capture_output=True, text=True, timeout=300)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = subprocess.run([py, "-c", "import danvan; print(danvan.__file__); "
                                "print(danvan.Dataset().add('plan', 'p', year=2024).year)"],
                               env=env, cwd=tmp, capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            path, year = r.stdout.split()
            self.assertTrue(path.startswith(venv), path)
            self.assertEqual(year, "2024")


if __name__ == "__main__":
    unittest.main()
