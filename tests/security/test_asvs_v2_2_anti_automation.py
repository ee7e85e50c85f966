"""OWASP ASVS 4.0.3, level 2, section V2.2 (general authenticator security): one test per
requirement that applies, named after it. Not applicable: V2.2.2 (no SMS or e-mail
authenticators) and V2.2.3 (no notification channel yet: accounts have no verified
e-mail); V2.2.4 to V2.2.7 are level 3. The throttle's own rules are tested one by one in
tests/people/test_throttle.py and tests/people/test_sign_in.py."""

from __future__ import annotations

from django.conf import settings

from skillpath.people.sessions import public_id
from tests.security.conftest import PASSWORDS, browser, is_signed_in, sign_in


def _fail(client, username: str, times: int, path: str = "/accounts/login/") -> None:
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "not-it"})
        assert response.status_code == 200  # the form again, with its error


def test_v2_2_1_brute_force_is_stopped_at_the_guessers_address(alice):
    guesser = browser()
    _fail(guesser, "alice", 5)

    response = guesser.post("/accounts/login/", {"username": "alice", "password": "alice-pass-123"})

    assert response.status_code == 200 and "Try again in" in response.content.decode()
    assert not is_signed_in(guesser)


def test_v2_2_1_failing_on_purpose_does_not_lock_the_user_out(alice):
    _fail(browser(), "alice", 20)

    alice_at_home = browser(REMOTE_ADDR="198.51.100.7")
    assert is_signed_in(sign_in(alice_at_home))


def test_v2_2_1_the_admin_login_is_throttled_the_same_way(django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123")
    guesser = browser()
    _fail(guesser, "root", 5, path="/admin/login/")

    response = guesser.post("/admin/login/", {"username": "root", "password": "root-pass-123"})

    assert response.status_code == 200 and "Try again in" in response.content.decode()
    assert guesser.get("/admin/").status_code == 302


def test_v2_2_1_a_stolen_session_cannot_be_used_to_guess_the_password(alice):
    thief, phone = sign_in(browser()), sign_in(browser("Phone"))
    phones = public_id(phone.cookies[settings.SESSION_COOKIE_NAME].value)
    other = f"/accounts/sessions/{phones}/sign-out/"
    for _ in range(5):
        assert thief.post(other, {"password": "guess"}).status_code == 400

    held = thief.post(other, {"password": PASSWORDS["alice"]})
    changed = thief.post(
        "/accounts/password/",
        {
            "old_password": PASSWORDS["alice"],
            "new_password1": "a-much-longer-passphrase-7",
            "new_password2": "a-much-longer-passphrase-7",
        },
    )

    assert held.status_code == 400 and "Try again in" in held.content.decode()
    assert "Try again in" in changed.content.decode()
    assert is_signed_in(phone)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORDS["alice"])
