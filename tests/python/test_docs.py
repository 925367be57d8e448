"""The code of docs/python.md runs as printed."""
import contextlib
import io
import os
import re
import unittest

import support

DOC = os.path.join(support.SOURCE_DIR, "docs", "python.md")


class DocsTest(unittest.TestCase):
    def test_tour_runs(self):
        with open(DOC, encoding="utf-8") as f:
            text = f.read()
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        self.assertTrue(blocks)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(blocks[0], DOC, "exec"), {})
        printed = out.getvalue().splitlines()
        # each print() is followed by a comment giving its output
        expected = [m.strip() for m in re.findall(r"print\(.*#(.*)", blocks[0])]
        self.assertEqual(len(expected), 5)
        self.assertEqual(printed, expected)

    def test_import_example_runs(self):
        from danvan import _lib

        if not _lib.C.has("danvan_import_text_result"):
            self.skipTest("the loaded libdanvan has no text importer")
        with open(DOC, encoding="utf-8") as f:
            text = f.read()
        section = text.split("\n## Importing text\n", 1)[1].split("\n## ", 1)[0]
        block = re.findall(r"```python\n(.*?)```", section, re.S)[0]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, DOC, "exec"), {})
        expected = [m.strip() for m in re.findall(r"print\(.*#(.*)", block)]
        self.assertEqual(len(expected), 5)
        self.assertEqual(out.getvalue().splitlines(), expected)


if __name__ == "__main__":
    unittest.main()
