"""The sign-in throttle: stop password guessing without letting anyone lock a user out.

Every failed sign-in is counted three ways, each over a sliding window of its own:

1. **The seat: one username from one address.** The 5th failure within 15 minutes locks
   that pair for 15 minutes; there even the right password is refused. Only the one who
   keeps failing is held back: the same user signs in from anywhere else.
2. **The address: every username from one address.** The 50th failure within 15 minutes
   locks the address for 15 minutes. The limit is high because a school or an office
   shares one address (NAT) and its people mistype too; it stops one machine spraying
   a password over many accounts. A username that has signed in from the address within
   30 days is still let through there.
3. **The username: every address.** From the 10th failure within an hour on, an attempt
   must wait after the username's last failure: 2 seconds, then 4, 8, ... at most
   5 minutes. It is a slow-down, never a lock, and it applies only to the suspects: the
   addresses that have failed for the username within the hour — and, once the failures
   come from more than 3 addresses (a guesser rotating them), every address. The
   addresses the user has signed in from within 30 days are never slowed down.

So a guesser at address A can make 5 guesses per 15 minutes for alice and cannot stop her
signing in from an address of hers, or from a new one while A acts alone; a guesser who
rotates addresses still gets one guess per delay for alice, however many addresses it has.
A refused attempt is not counted as a failure: its password is not even checked.

State lives in Django's cache (local memory on a laptop, Redis on servers, so that every
web process of a server sees the same counts), or in the database while Redis is down
(people/throttle_store.py). A read-modify-write race between two
processes can lose one failure at most; a throttle does not need to be exact.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from enum import StrEnum

from skillpath.people import throttle_store as store

PAIR_MAX_FAILURES = 5
PAIR_WINDOW_SECONDS = 15 * 60
PAIR_LOCK_SECONDS = 15 * 60

ADDRESS_MAX_FAILURES = 50
ADDRESS_WINDOW_SECONDS = 15 * 60
ADDRESS_LOCK_SECONDS = 15 * 60

USERNAME_FREE_FAILURES = 10
USERNAME_WINDOW_SECONDS = 60 * 60
USERNAME_FIRST_DELAY_SECONDS = 2
USERNAME_MAX_DELAY_SECONDS = 5 * 60
# More failing addresses than this for one username: someone rotates addresses.
USERNAME_ROTATION_ADDRESSES = 3
# The failures a username keeps (a slowed-down guesser adds a dozen an hour at most).
_USERNAME_KEPT_FAILURES = 500

KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60

_PREFIX = "skillpath:signin"


class Rule(StrEnum):
    """Which of the three counts holds an attempt back."""

    PAIR = "username+address"
    ADDRESS = "address"
    USERNAME = "username"


@dataclass(frozen=True)
class Hold:
    """An attempt held back by `rule` for `seconds` more."""

    rule: Rule
    seconds: int


def _digest(text: str) -> str:
    # Cache keys must be short and free of odd characters; usernames and forwarded
    # addresses come from the visitor.
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _name(username: str) -> str:
    return _digest(username.strip().lower())


def _seat(address: str | None) -> str:
    # Without an address (a sign-in outside a request) the pair is the username alone.
    return _digest(address) if address else "unknown"


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def _key(*parts: str) -> str:
    return ":".join((_PREFIX, *parts))


def _username_delay(failures: int) -> int:
    """Seconds to wait after the username's last failure, given its failures in the window."""
    if failures < USERNAME_FREE_FAILURES:
        return 0
    doublings = min(failures - USERNAME_FREE_FAILURES, 16)
    return min(USERNAME_FIRST_DELAY_SECONDS * 2**doublings, USERNAME_MAX_DELAY_SECONDS)


def _username_failures(name: str, moment: float) -> list[tuple[float, str]]:
    kept = store.get(_key("username", name), [])
    return [(t, seat) for t, seat in kept if t > moment - USERNAME_WINDOW_SECONDS]


def _is_known(name: str, seat: str) -> bool:
    return seat != "unknown" and bool(store.get(_key("known", name, seat)))


def _seconds_until(until: float | None, moment: float) -> int:
    return math.ceil(until - moment) if until is not None and until > moment else 0


def hold(*, username: str, address: str | None, now: float | None = None) -> Hold | None:
    """Whether an attempt to sign in as `username` from `address` must wait, and how long;
    None: check its password."""
    moment = _now(now)
    name, seat = _name(username), _seat(address)
    known = _is_known(name, seat)
    holds = [Hold(Rule.PAIR, _seconds_until(store.get(_key("lock", name, seat)), moment))]
    if address and not known:
        until = store.get(_key("lock", "address", seat))
        holds.append(Hold(Rule.ADDRESS, _seconds_until(until, moment)))
    failures = _username_failures(name, moment)
    if failures and not known:
        seats = {s for _, s in failures}
        if seat in seats or len(seats) > USERNAME_ROTATION_ADDRESSES:
            until = failures[-1][0] + _username_delay(len(failures))
            holds.append(Hold(Rule.USERNAME, _seconds_until(until, moment)))
    longest = max(holds, key=lambda h: h.seconds)
    return longest if longest.seconds > 0 else None


def record_failure(*, username: str, address: str | None, now: float | None = None) -> list[Hold]:
    """Count a failed sign-in three ways; return the locks and slow-downs it starts."""
    moment = _now(now)
    name, seat = _name(username), _seat(address)
    started = []

    pair_key = _key("failures", name, seat)
    recent = [t for t in store.get(pair_key, []) if t > moment - PAIR_WINDOW_SECONDS]
    if len(recent) + 1 >= PAIR_MAX_FAILURES:
        store.set(_key("lock", name, seat), moment + PAIR_LOCK_SECONDS, PAIR_LOCK_SECONDS)
        store.delete(pair_key)
        started.append(Hold(Rule.PAIR, PAIR_LOCK_SECONDS))
    else:
        store.set(pair_key, [*recent, moment], PAIR_WINDOW_SECONDS)

    if address:
        address_key = _key("failures", "address", seat)
        recent = [t for t in store.get(address_key, []) if t > moment - ADDRESS_WINDOW_SECONDS]
        if len(recent) + 1 >= ADDRESS_MAX_FAILURES:
            lock_key = _key("lock", "address", seat)
            store.set(lock_key, moment + ADDRESS_LOCK_SECONDS, ADDRESS_LOCK_SECONDS)
            store.delete(address_key)
            started.append(Hold(Rule.ADDRESS, ADDRESS_LOCK_SECONDS))
        else:
            store.set(address_key, [*recent, moment], ADDRESS_WINDOW_SECONDS)

    failures = [*_username_failures(name, moment), (moment, seat)][-_USERNAME_KEPT_FAILURES:]
    store.set(_key("username", name), failures, USERNAME_WINDOW_SECONDS)
    if len(failures) == USERNAME_FREE_FAILURES:
        started.append(Hold(Rule.USERNAME, _username_delay(len(failures))))
    return started


def record_success(*, username: str, address: str | None) -> None:
    """Remember that `username` signed in from `address` (spared the slow-downs for 30 days)
    and forget the pair's failures; the username's and the address's failures stay, since
    they may be someone else's."""
    name, seat = _name(username), _seat(address)
    store.delete(_key("failures", name, seat))
    if address:
        store.set(_key("known", name, seat), True, KNOWN_ADDRESS_SECONDS)
