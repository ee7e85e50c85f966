import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """The throttle keeps its counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
