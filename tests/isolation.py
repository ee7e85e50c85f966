"""Loaded first (`-p tests.isolation` in pyproject), before Django reads its settings:
tests get a data folder of their own, so they never write into a learner's real one."""

import atexit
import os
import shutil
import tempfile

_DATA_DIR = tempfile.mkdtemp(prefix="skillpath-tests-")
os.environ["SKILLPATH_DATA_DIR"] = _DATA_DIR
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
