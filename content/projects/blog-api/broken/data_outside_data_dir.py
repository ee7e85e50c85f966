"""Broken: DATA_DIR is ignored and the database is kept at a path of its own. (Here: the
directory above DATA_DIR, the checker's temporary directory, so the proof leaves no file
behind; a learner's copy would usually write ./blog.db into the project folder.)"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.DB_PATH = Path(os.environ.get("DATA_DIR", ".")).resolve().parent / "blog.db"

if __name__ == "__main__":
    blog.main()
