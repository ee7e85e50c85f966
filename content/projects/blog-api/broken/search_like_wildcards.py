"""Broken: ?q= is matched with LIKE '%' || q || '%' and not escaped, so % and _ in the text
are wildcards: ?q=% finds every post."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.search_condition = lambda q: (
    "(lower(title) LIKE '%' || lower(?) || '%' OR lower(body) LIKE '%' || lower(?) || '%')",
    [q, q],
)

if __name__ == "__main__":
    blog.main()
