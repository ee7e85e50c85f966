"""The sign-in throttle's rule (people/throttle.py), one test per part of it, on a clock of
our own: a lock per username + address, a higher lock per address that spares usernames
signed in from it before, and a slow-down per username that never locks anyone out."""

from __future__ import annotations

from skillpath.people import throttle
from skillpath.people.throttle import Hold, Rule

T0 = 1_800_000_000.0
MINUTE = 60


def fail(times: int, *, username: str = "alice", address: str = "10.0.0.1", start: float = T0):
    for i in range(times):
        throttle.record_failure(username=username, address=address, now=start + i)


def held(username: str = "alice", address: str | None = "10.0.0.1", *, at: float) -> Hold | None:
    return throttle.hold(username=username, address=address, now=at)


class Guesser:
    """Tries passwords the way the authentication backend does: a held-back attempt is not
    checked; a checked one is a failure (this guesser never finds the password)."""

    def __init__(self) -> None:
        self.checked = 0

    def attempt(self, *, username: str, address: str, at: float) -> bool:
        if throttle.hold(username=username, address=address, now=at):
            return False
        self.checked += 1
        throttle.record_failure(username=username, address=address, now=at)
        return True


# --- 1. username + address --------------------------------------------------------------


def test_four_failures_from_an_address_do_not_hold_the_username_back():
    fail(4)

    assert held(at=T0 + 5) is None


def test_the_fifth_failure_locks_the_username_at_that_address_for_fifteen_minutes():
    started = throttle.record_failure  # the fifth failure reports the lock it starts
    fail(4)
    assert started(username="alice", address="10.0.0.1", now=T0 + 4) == [Hold(Rule.PAIR, 900)]

    hold = held(at=T0 + 5)
    assert hold is not None and hold.rule == Rule.PAIR
    assert 14 * MINUTE < hold.seconds <= 15 * MINUTE
    assert held(" ALICE", at=T0 + 5) is not None  # usernames compare as Django's login does


def test_the_pair_lock_holds_back_nobody_else():
    fail(5)

    assert held("alice", "10.0.0.2", at=T0 + 5) is None
    assert held("bob", "10.0.0.1", at=T0 + 5) is None


def test_the_pair_lock_ends_after_fifteen_minutes():
    fail(5)

    assert held(at=T0 + 4 + 15 * MINUTE - 1) is not None
    assert held(at=T0 + 4 + 15 * MINUTE + 1) is None


def test_failures_older_than_the_window_do_not_count_for_the_pair():
    fail(4)
    later = T0 + 15 * MINUTE + 10
    throttle.record_failure(username="alice", address="10.0.0.1", now=later)

    assert held(at=later) is None


def test_signing_in_forgets_the_pairs_failures():
    fail(4)
    throttle.record_success(username="alice", address="10.0.0.1")
    throttle.record_failure(username="alice", address="10.0.0.1", now=T0 + 10)

    assert held(at=T0 + 11) is None


def test_without_an_address_the_username_alone_is_the_pair():
    fail(5, address=None)

    assert held(address=None, at=T0 + 6) is not None
    assert held(address="10.0.0.1", at=T0 + 6) is None


# --- 2. the address, every username -------------------------------------------------------


def spray(count: int, *, address: str = "198.51.100.7") -> None:
    for i in range(count):
        throttle.record_failure(username=f"user{i}", address=address, now=T0 + i)


def test_a_school_behind_one_address_is_not_locked_by_its_typos():
    # Thirty learners share the school's address; each mistypes once and then signs in.
    for i in range(30):
        name = f"learner{i}"
        throttle.record_failure(username=name, address="198.51.100.7", now=T0 + i)
        assert held(name, "198.51.100.7", at=T0 + i) is None
        throttle.record_success(username=name, address="198.51.100.7")

    assert held("newcomer", "198.51.100.7", at=T0 + 31) is None


def test_the_fiftieth_failure_from_an_address_locks_it_for_every_username():
    spray(49)
    assert held("someone", "198.51.100.7", at=T0 + 49) is None

    spray(50)

    hold = held("someone", "198.51.100.7", at=T0 + 50)
    assert hold is not None and hold.rule == Rule.ADDRESS
    assert 14 * MINUTE < hold.seconds <= 15 * MINUTE
    assert held("someone", "198.51.100.8", at=T0 + 50) is None
    assert held("someone", "198.51.100.7", at=T0 + 49 + 15 * MINUTE + 1) is None


def test_a_spraying_address_is_stopped():
    sprayer = Guesser()
    # One guess a second over a thousand usernames, for half an hour.
    for second in range(30 * MINUTE):
        sprayer.attempt(username=f"user{second % 1000}", address="203.0.113.66", at=T0 + second)

    # 50 guesses, then a 15-minute lock; then 50 more (an unlimited guesser makes 1800).
    assert sprayer.checked <= 2 * throttle.ADDRESS_MAX_FAILURES


def test_a_username_that_signed_in_from_a_locked_address_is_let_through():
    throttle.record_success(username="alice", address="198.51.100.7")
    spray(50)

    assert held("alice", "198.51.100.7", at=T0 + 50) is None
    assert held("bob", "198.51.100.7", at=T0 + 50) is not None


# --- 3. the username, every address ------------------------------------------------------


def fail_from_addresses(count: int, addresses: list[str], *, start: float = T0) -> float:
    """`count` failures for alice, one a second, from the addresses in turn; the last's time."""
    for i in range(count):
        throttle.record_failure(
            username="alice", address=addresses[i % len(addresses)], now=start + i
        )
    return start + count - 1


# Three addresses: not yet a rotation, and no pair reaches its five failures.
THREE = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
MANY = [f"10.0.1.{i}" for i in range(1, 101)]


def test_nine_failures_for_a_username_do_not_slow_it_down():
    last = fail_from_addresses(9, THREE)

    assert held("alice", "10.0.0.1", at=last) is None


def test_from_the_tenth_failure_the_failing_addresses_wait():
    last = fail_from_addresses(10, THREE)

    assert held("alice", "10.0.0.2", at=last) == Hold(Rule.USERNAME, 2)
    assert held("alice", "10.0.0.2", at=last + 2) is None  # a slow-down, not a lock
    assert held("alice", "10.0.0.4", at=last) is None  # not a suspect


def test_the_delay_doubles_with_each_failure_up_to_five_minutes():
    last = fail_from_addresses(9, MANY)
    delays = []
    for n in range(10, 21):
        at = last + 10 * n
        throttle.record_failure(username="alice", address=MANY[n], now=at)
        delays.append(held("alice", MANY[n], at=at).seconds)  # type: ignore[union-attr]

    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]


def test_the_tenth_failure_reports_the_slow_down_it_starts():
    fail_from_addresses(9, THREE)

    started = throttle.record_failure(username="alice", address="10.0.0.3", now=T0 + 9)

    assert started == [Hold(Rule.USERNAME, 2)]


def test_an_attacker_failing_a_hundred_times_cannot_stop_alice_signing_in_elsewhere():
    attacker = Guesser()
    at = T0
    # Address A tries alice's password every 10 seconds until 100 have been checked (its
    # pair lock lets 5 through per quarter of an hour: that takes five hours).
    while attacker.checked < 100:
        at += 10
        attacker.attempt(username="alice", address="203.0.113.5", at=at)
    # A second address of the attacker's failed once too.
    throttle.record_failure(username="alice", address="203.0.113.6", now=at)

    assert held("alice", "203.0.113.5", at=at).rule == Rule.PAIR  # type: ignore[union-attr]
    assert held("alice", "203.0.113.6", at=at).rule == Rule.USERNAME  # type: ignore[union-attr]
    # alice at an address that has not failed for her: her password is checked.
    assert held("alice", "192.0.2.44", at=at) is None


def test_a_guesser_rotating_addresses_is_slowed_down_for_that_username():
    guesser = Guesser()
    # One guess a second for an hour, each from a new address.
    for second in range(60 * MINUTE):
        guesser.attempt(
            username="alice", address=f"10.{second // 256}.{second % 256}.1", at=T0 + second
        )

    # 10 free guesses, then one per delay (2, 4, ... 256 s, then every 5 minutes): 20 or so
    # in the hour; an unthrottled guesser makes 3600.
    assert guesser.checked < 30


def test_while_addresses_rotate_the_user_signs_in_from_an_address_of_hers():
    throttle.record_success(username="alice", address="192.0.2.44")
    addresses = [f"10.0.0.{i}" for i in range(1, 21)]
    last = fail_from_addresses(20, addresses)

    assert held("alice", "192.0.2.44", at=last) is None
    # A new address is a suspect now: it waits for the delay, like the guesser.
    hold = held("alice", "192.0.2.99", at=last)
    assert hold is not None and hold.rule == Rule.USERNAME
    assert held("alice", "192.0.2.99", at=last + hold.seconds) is None


def test_the_username_slow_down_ends_an_hour_after_the_failures():
    last = fail_from_addresses(15, MANY)

    assert held("alice", "10.0.0.1", at=last + 60) is not None
    assert held("alice", "10.0.0.1", at=T0 + 60 * MINUTE + 15) is None
