"""Shared set-up of the Python binding tests.

ctest runs them with DANVAN_LIBRARY and PYTHONPATH set. Run by hand from a build tree, they
fall back to ../../build/libdanvan.so.0 and ../../bindings/python.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
BINDING_DIR = os.path.join(SOURCE_DIR, "bindings", "python")

if not os.environ.get("DANVAN_LIBRARY"):
    default = os.path.join(SOURCE_DIR, "build", "libdanvan.so.0")
    if os.path.exists(default):
        os.environ["DANVAN_LIBRARY"] = default

try:
    import danvan  # noqa: F401
except ImportError:
    sys.path.insert(0, BINDING_DIR)
    import danvan  # noqa: F401


def child_env():
    """Environment for a child Python that must import the same binding and library."""
    env = dict(os.environ)
    pkg_dir = os.path.dirname(os.path.dirname(os.path.abspath(danvan.__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in [pkg_dir, env.get("PYTHONPATH", "")] if p)
    env["DANVAN_LIBRARY"] = danvan.library_path
    return env
