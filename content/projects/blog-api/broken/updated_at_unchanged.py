"""Broken: an edit does not change updated_at (the UPDATE statement forgets to set it)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.UPDATE_POST = "UPDATE posts SET title = :title, body = :body WHERE id = :id"

if __name__ == "__main__":
    blog.main()
