"""Shared set-up of the Python binding tests.

ctest runs them with DANVAN_LIBRARY and PYTHONPATH set. Run by hand from a build tree, they
fall back to ../../build/libdanvan.so.0 and ../../bindings/python.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
BINDING_DIR = os.path.join(SOURCE_DIR, "bindings", "python")
# The shared material next to the source tree (real documents in seeds/), as the C tests
# find it: $DANVAN_SHARED_DIR, else ../shared from the source directory. It may be absent.
SHARED_DIR = os.environ.get("DANVAN_SHARED_DIR") or os.path.join(os.path.dirname(SOURCE_DIR),
                                                                   "shared")

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


def seed(name):
    """The path of a seed document of the shared directory, or None when it is absent."""
    path = os.path.join(SHARED_DIR, "seeds", name)
    return path if os.path.isfile(path) else None
