"""One address of a link (tracking.links): the ways of writing the same web address that
RFC 3986 counts as one (§6.2.2.1 case, §6.2.3 default port and empty path) are one
evidence link; what servers may tell apart (a path's case, a trailing slash) stays apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.tracking.links import canonical_url


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("https://GitHub.com/me/Repo", "https://github.com/me/Repo"),
        ("HTTPS://github.com/me/repo", "https://github.com/me/repo"),
        ("https://github.com:443/me/repo", "https://github.com/me/repo"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:/a", "https://example.com/a"),
        ("https://Me:Secret@Example.com/a", "https://Me:Secret@example.com/a"),
        ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a/?q=1#Part", "https://example.com/a/?q=1#Part"),
    ],
)
def test_the_ways_of_writing_one_address(written, canonical):
    assert canonical_url(written) == canonical


def test_what_a_server_may_tell_apart_stays_apart():
    assert canonical_url("https://example.com/A") != canonical_url("https://example.com/a")
    assert canonical_url("https://example.com/a/") != canonical_url("https://example.com/a")


HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6}){1,2}", fullmatch=True)
PATHS = st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,4}", fullmatch=True)


@settings(derandomize=True, database=None)
@given(
    scheme=st.sampled_from(["http", "https"]),
    host=HOSTS,
    path=PATHS,
    upper=st.booleans(),
    default_port=st.booleans(),
)
def test_a_link_written_another_way_is_the_same_link(scheme, host, path, upper, default_port):
    plain = f"{scheme}://{host}{path}"
    port = {"http": ":80", "https": ":443"}[scheme] if default_port else ""
    other = f"{scheme.upper() if upper else scheme}://{host.upper() if upper else host}{port}{path}"

    assert canonical_url(other) == canonical_url(plain)
    assert canonical_url(canonical_url(plain)) == canonical_url(plain)
    assert canonical_url(plain).endswith(path or "/")
