from __future__ import annotations

from pathlib import Path

import pytest

from skillpath.knowledge.bank import read_bank_file
from skillpath.knowledge.services import import_bank

GIT_BANK = Path(__file__).parent.parent / "fixtures" / "questions-git.yaml"


def load_git_bank(curriculum):
    """Import the five questions on 'git' (the API and CLI tests use them too)."""
    import_bank(curriculum, read_bank_file(GIT_BANK), path=str(GIT_BANK))
    return curriculum


@pytest.fixture
def git_bank(builtin):
    """Five questions of five kinds on the topic 'git' of the built-in curriculum."""
    return load_git_bank(builtin)
