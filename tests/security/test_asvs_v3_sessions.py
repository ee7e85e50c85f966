"""OWASP ASVS 4.0.3, level 2, chapter V3 (session management): one test per requirement
that applies, named after it. Not applicable: V3.5.1 and V3.5.3 (no OAuth or stateless
tokens yet); V3.6 is level 3."""

from __future__ import annotations

import math
import re
import time

from django.conf import settings

from skillpath.people.models import Session
from skillpath.people.sessions import SEEN_AT, SIGNED_IN_AT, SessionStore, public_id
from tests.security.conftest import PASSWORDS, browser, is_signed_in, sign_in


def _key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_v3_1_1_the_session_token_is_never_in_a_url(alice):
    client = browser()
    login = client.post("/accounts/login/?next=/today/", {**_credentials("alice")})
    key = _key(client)
    assert key not in login["Location"]
    for path in ["/today/", "/dashboard/", "/accounts/sessions/", "/api/timer"]:
        assert key not in client.get(path).content.decode()
    # Nor is one taken from a URL: only the cookie signs in.
    stranger = browser()
    assert stranger.get(f"/today/?{settings.SESSION_COOKIE_NAME}={key}").status_code == 302


def test_v3_2_1_signing_in_gives_a_new_session_token(alice):
    client = browser()
    planted = SessionStore()
    planted["anything"] = 1
    planted.save()  # a session an attacker could have handed over (fixation)
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    sign_in(client)

    assert _key(client) != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()


def test_v3_2_2_session_tokens_have_at_least_64_bits_of_entropy():
    keys = {SessionStore()._get_new_session_key() for _ in range(500)}
    assert len(keys) == 500
    assert all(re.fullmatch(r"[a-z0-9]{32}", key) for key in keys)
    assert 32 * math.log2(36) >= 64  # 165 bits from Django's CSPRNG (secrets)


def test_v3_2_3_the_session_token_is_kept_only_in_a_protected_cookie(alice):
    client = sign_in(browser())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    for path in ["/today/", "/accounts/sessions/"]:
        assert _key(client) not in client.get(path).content.decode()


def test_v3_2_4_session_tokens_come_from_a_cryptographic_generator():
    import inspect

    from django.contrib.sessions.backends.base import SessionBase
    from django.utils import crypto

    # Django draws keys with get_random_string, which uses `secrets` (the OS's CSPRNG).
    assert "get_random_string" in inspect.getsource(SessionBase._get_new_session_key)
    assert "secrets.choice" in inspect.getsource(crypto.get_random_string)
    assert issubclass(SessionStore, SessionBase)


def test_v3_3_1_signing_out_ends_the_session_on_the_server(alice):
    client = sign_in(browser())
    key = _key(client)

    client.post("/accounts/logout/")

    replay = browser()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not is_signed_in(replay)
    assert not Session.objects.filter(session_key=key).exists()
    # The back button shows nothing kept: signed-in pages are never stored.
    assert "no-store" in sign_in(browser()).get("/today/")["Cache-Control"]


def test_v3_3_2_sessions_end_after_30_idle_minutes_and_12_hours(alice):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = sign_in(browser())
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 12 * 3600
    session[SEEN_AT] = time.time()
    session.save()

    assert not is_signed_in(client)


def test_v3_3_3_a_password_change_signs_out_the_other_sessions(alice):
    here, there = sign_in(browser()), sign_in(browser("Phone"))

    here.post("/accounts/password/", _new_password("alice"))

    assert is_signed_in(here) and not is_signed_in(there)


def test_v3_3_4_one_sees_and_ends_ones_sessions_after_reentering_the_password(alice):
    here, there = sign_in(browser()), sign_in(browser("Phone"))
    page = here.get("/accounts/sessions/").content.decode()
    assert "Phone" in page and "Firefox" in page
    everywhere = "/accounts/sessions/sign-out-everywhere/"
    other = f"/accounts/sessions/{public_id(_key(there))}/sign-out/"

    assert here.post(other, {"password": "wrong"}).status_code == 400
    assert here.post(everywhere).status_code == 400
    assert is_signed_in(there)

    here.post(other, {"password": PASSWORDS["alice"]})
    assert not is_signed_in(there) and is_signed_in(here)
    here.post(everywhere, {"password": PASSWORDS["alice"]})
    assert not is_signed_in(here)


def test_v3_4_1_cookies_are_secure_over_https(settings, alice):
    _https(settings)
    client = browser()
    client.post("/accounts/login/", _credentials("alice"), secure=True)
    assert client.cookies["__Host-sessionid"]["secure"]
    assert client.get("/accounts/login/", secure=True).cookies["__Host-csrftoken"]["secure"]


def test_v3_4_2_the_session_cookie_is_hidden_from_scripts(alice):
    assert sign_in(browser()).cookies[settings.SESSION_COOKIE_NAME]["httponly"]


def test_v3_4_3_cookies_are_same_site(alice):
    client = sign_in(browser())
    assert client.cookies[settings.SESSION_COOKIE_NAME]["samesite"] == "Lax"
    assert client.get("/accounts/login/").cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"


def test_v3_4_4_cookies_use_the_host_prefix_over_https(settings, alice):
    _https(settings)
    client = browser()
    response = client.post("/accounts/login/", _credentials("alice"), secure=True)
    assert "__Host-sessionid" in response.cookies and "sessionid" not in response.cookies


def test_v3_4_5_cookies_are_bound_to_the_host_and_the_whole_site(alice):
    cookie = sign_in(browser()).cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["path"] == "/" and cookie["domain"] == ""


def test_v3_5_2_the_api_takes_a_session_not_a_static_secret(alice):
    client = browser(HTTP_AUTHORIZATION=f"Bearer {settings.SECRET_KEY}")
    assert client.get("/api/timer").status_code == 401
    assert sign_in(browser()).get("/api/timer").status_code == 200


def test_v3_7_1_sensitive_changes_ask_for_the_password_again(alice):
    client = sign_in(browser())
    wrong = {**_new_password("alice"), "old_password": "guessed"}
    assert "old_password" in client.post("/accounts/password/", wrong).context["form"].errors
    alice.refresh_from_db()
    assert alice.check_password(PASSWORDS["alice"])


def _credentials(username: str) -> dict[str, str]:
    return {"username": username, "password": PASSWORDS[username]}


def _new_password(username: str) -> dict[str, str]:
    return {
        "old_password": PASSWORDS[username],
        "new_password1": "a-much-longer-passphrase-7",
        "new_password2": "a-much-longer-passphrase-7",
    }


def _https(settings) -> None:
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
