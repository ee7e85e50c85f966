"""Broken: stats --json prints only the list of files, without the "total" object
(fails stats-json)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat


def format_json(results, total):
    return textstat.json.dumps({"files": results}, ensure_ascii=False)


textstat.format_json = format_json

sys.exit(textstat.main())
