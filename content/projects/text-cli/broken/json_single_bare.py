"""Broken: stats --json of a single input prints that input's object alone, without
"files" and "total" (fails stats-json)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import textstat

format_json = textstat.format_json


def format_json_bare(results, total):
    if len(results) == 1:
        return textstat.json.dumps(results[0], ensure_ascii=False)
    return format_json(results, total)


textstat.format_json = format_json_bare

sys.exit(textstat.main())
