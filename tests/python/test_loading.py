"""Finding the library, the version check, and features the loaded library lacks."""
import os
import subprocess
import sys
import textwrap
import unittest

import support
import danvan
from danvan import _lib


def run_child(code, **env_changes):
    env = support.child_env()
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=60)


class LoadingTest(unittest.TestCase):
    def test_loaded_library(self):
        self.assertEqual(danvan.library_version.split(".")[0], str(danvan.EXPECTED_MAJOR))
        self.assertEqual(_lib.C.danvan_version_major(), 0)
        # the library of this tree has every function of the headers of this tree
        include = os.path.join(support.SOURCE_DIR, "include", "danvan")
        missing = {n: h for n, h in _lib.missing().items()
                   if os.path.exists(os.path.join(include, h))}
        self.assertEqual(missing, {})

    def test_env_variable_wins(self):
        r = run_child("import danvan; print(danvan.library_path)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), danvan.library_path)

    def test_missing_library_is_a_clear_import_error(self):
        r = run_child("""
            try:
                import danvan
            except ImportError as exc:
                print("ImportError:", exc)
            """, DANVAN_LIBRARY="/nonexistent/libdanvan.so.0")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("ImportError:", r.stdout)
        self.assertIn("DANVAN_LIBRARY", r.stdout)
        self.assertIn("/nonexistent/libdanvan.so.0", r.stdout)

    def test_other_major_version_is_refused(self):
        r = run_child("""
            import ctypes
            real = ctypes.CDLL
            fake_major = ctypes.CFUNCTYPE(ctypes.c_int32)(lambda: 1)

            class FakeCDLL(real):
                def __getattr__(self, name):
                    if name == "danvan_version_major":
                        return fake_major
                    return real.__getattr__(self, name)

            ctypes.CDLL = FakeCDLL
            try:
                import danvan
            except ImportError as exc:
                print("ImportError:", exc)
            """)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("ImportError:", r.stdout)
        self.assertIn("major version 1", r.stdout)
        self.assertIn("needs major version 0", r.stdout)

    def test_older_library_imports_and_names_what_it_lacks(self):
        # simulate a library without the selector functions
        r = run_child("""
            import ctypes
            real = ctypes.CDLL

            class OldCDLL(real):
                def __getattr__(self, name):
                    if name == "danvan_selector_resolve":
                        raise AttributeError(name)
                    return real.__getattr__(self, name)

            ctypes.CDLL = OldCDLL
            import danvan
            with danvan.Dataset() as ds:
                quota = ds.add("plan", "p").add("quota", "q", min=1)
                quota.add("scope", kind="police")
                print("fields work:", quota.min)
                try:
                    quota.resolve_scope()
                except NotImplementedError as exc:
                    print("NotImplementedError:", type(exc).__name__, exc)
            """)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("fields work: 1", r.stdout)
        self.assertIn("NotImplementedError: FeatureUnavailableError", r.stdout)
        self.assertIn("danvan_selector_resolve", r.stdout)
        self.assertIn("dataset.h", r.stdout)


class PendingFeaturesTest(unittest.TestCase):
    """Later-phase API: present, and a clear NotImplementedError until its C side lands."""

    def assertUnavailable(self, symbol, call):
        if _lib.C.has(symbol):
            self.skipTest(f"{symbol} is bound; covered by its own tests")
        with self.assertRaises(NotImplementedError) as cm:
            call()
        self.assertIsInstance(cm.exception, danvan.FeatureUnavailableError)
        self.assertIsInstance(cm.exception, danvan.Error)
        self.assertIn(symbol, str(cm.exception))

    def test_xml(self):
        with danvan.Dataset() as ds:
            self.assertUnavailable("danvan_dataset_load", lambda: danvan.Dataset.load("x.xml"))
            self.assertUnavailable("danvan_dataset_load_memory",
                                   lambda: danvan.Dataset.loads(b"<danvan/>"))
            self.assertUnavailable("danvan_dataset_merge", lambda: ds.merge("r.xml"))
            self.assertUnavailable("danvan_dataset_save", lambda: ds.save("out.xml"))
            self.assertUnavailable("danvan_dataset_to_xml", lambda: ds.to_xml())

    def test_validate(self):
        with danvan.Dataset() as ds:
            self.assertUnavailable("danvan_validate", lambda: ds.validate(lang="vi"))

    def test_evaluate(self):
        with danvan.Dataset() as ds:
            self.assertUnavailable("danvan_evaluate",
                                   lambda: danvan.evaluate(ds, "p", "2024-12-25T00:00:00"))

    def test_import_text(self):
        self.assertUnavailable("danvan_import_text", lambda: danvan.import_text("KẾ HOẠCH"))


if __name__ == "__main__":
    unittest.main()
