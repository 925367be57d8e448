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


if __name__ == "__main__":
    unittest.main()
