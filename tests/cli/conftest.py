import pytest


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch):
    """CLI tests read English output, whatever the developer's locale."""
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "en")
