"""URL shortener: the reference solution of project 3 (see spec.en.md beside this folder).

FastAPI and SQLite. Links are kept in SQLite under DATA_DIR. A redirect is answered from
an in-memory cache of links in front of the database, and clicks are counted in memory
and written to SQLite in batches twice a second: the redirect path never waits for the
disk, which is what the load stage measures.

Run it: PORT=8080 python reference/app.py
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import string
import threading
import time
from collections import Counter, OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, StrictInt

CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{3,32}")
CODE_ALPHABET = string.ascii_letters + string.digits
GENERATED_CODE_LENGTH = 7
RESERVED_CODES = {"health", "links"}  # paths of the service itself
MAX_URL_LENGTH = 2048
MAX_EXPIRES_IN = 365 * 24 * 3600
CACHE_SIZE = 10_000  # links kept in memory; the least recently used one goes first
FLUSH_SECONDS = 0.5  # how often counted clicks are written to SQLite

SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    code TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL,
    clicks INTEGER NOT NULL DEFAULT 0
)
"""


class InvalidFieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class CodeTakenError(Exception):
    pass


@dataclass(frozen=True)
class Link:
    code: str
    url: str
    created_at: float
    expires_at: float | None

    def is_expired(self) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at


def iso(timestamp: float | None) -> str | None:
    """A Unix time as ISO 8601 in UTC: 2026-11-27T10:00:00.250Z."""
    if timestamp is None:
        return None
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def is_valid_url(url: str) -> bool:
    """An absolute http(s) URL with a host, of printable ASCII characters (no spaces; other
    characters come percent-encoded, as in %D0%BA%D0%BE%D1%82)."""
    if len(url) > MAX_URL_LENGTH or not all("!" <= char <= "~" for char in url):
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # for example an unclosed IPv6 bracket: http://[::1
        return False


class LinkStore:
    """Links in SQLite, with a cache of links and a counter of clicks in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # One connection shared by the server's threads, guarded by a lock.
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute(SCHEMA)
        self.lock = threading.Lock()
        self.cache: OrderedDict[str, Link] = OrderedDict()
        self.pending_clicks: Counter[str] = Counter()

    def create(self, url: str, code: str | None, expires_in: int | None) -> Link:
        now = time.time()
        expires_at = None if expires_in is None else now + expires_in
        with self.lock:
            for _attempt in range(10):
                link = Link(code or generate_code(), url, now, expires_at)
                try:
                    with self.db:
                        self.db.execute(
                            "INSERT INTO links (code, url, created_at, expires_at)"
                            " VALUES (?, ?, ?, ?)",
                            (link.code, link.url, link.created_at, link.expires_at),
                        )
                    return link
                except sqlite3.IntegrityError:
                    if code is not None:
                        raise CodeTakenError(code) from None
            raise RuntimeError("no free code after 10 attempts")

    def find(self, code: str) -> Link | None:
        """The link with this code, from the cache or else from SQLite (then cached)."""
        with self.lock:
            link = self.cache.get(code)
            if link is not None:
                self.cache.move_to_end(code)
                return link
            row = self.db.execute(
                "SELECT code, url, created_at, expires_at FROM links WHERE code = ?", (code,)
            ).fetchone()
            if row is None:
                return None
            link = Link(*row)
            self.cache[code] = link
            if len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
            return link

    def click(self, code: str) -> None:
        with self.lock:
            self.pending_clicks[code] += 1

    def clicks(self, code: str) -> int:
        """Clicks already in SQLite plus those counted since the last flush."""
        with self.lock:
            row = self.db.execute("SELECT clicks FROM links WHERE code = ?", (code,)).fetchone()
            return (row[0] if row else 0) + self.pending_clicks[code]

    def flush(self) -> None:
        """Write the clicks counted in memory to SQLite."""
        with self.lock:
            if not self.pending_clicks:
                return
            with self.db:
                self.db.executemany(
                    "UPDATE links SET clicks = clicks + ? WHERE code = ?",
                    [(count, code) for code, count in self.pending_clicks.items()],
                )
            self.pending_clicks.clear()


def generate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(GENERATED_CODE_LENGTH))


def link_json(link: Link, clicks: int) -> dict:
    return {
        "code": link.code,
        "url": link.url,
        "clicks": clicks,
        "created_at": iso(link.created_at),
        "expires_at": iso(link.expires_at),
    }


def error(status: int, message: str, field: str | None = None) -> JSONResponse:
    body = {"error": message} if field is None else {"error": message, "field": field}
    return JSONResponse(body, status_code=status)


def database_path() -> Path:
    """The SQLite file, in the directory named by DATA_DIR (default: the current one)."""
    return Path(os.environ.get("DATA_DIR", ".")) / "links.sqlite3"


def flush_forever(store: LinkStore, stop: threading.Event) -> None:
    while not stop.wait(FLUSH_SECONDS):
        store.flush()


@asynccontextmanager
async def lifespan(app: FastAPI):
    store = LinkStore(database_path())
    stop = threading.Event()
    flusher = threading.Thread(target=flush_forever, args=(store, stop), daemon=True)
    flusher.start()
    app.state.store = store
    yield
    stop.set()
    flusher.join()
    store.flush()  # the clicks of the last half second survive a restart


app = FastAPI(title="URL shortener", lifespan=lifespan)


class NewLink(BaseModel):
    url: str
    code: str | None = None
    # Strict: a whole number in the JSON, not "3600", 1.5 or true (which Pydantic would
    # otherwise turn into a number).
    expires_in: StrictInt | None = None


@app.exception_handler(RequestValidationError)
def invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
    """400 naming the first field that is missing or of the wrong type."""
    first = exc.errors()[0]
    location = [part for part in first["loc"] if part != "body"]
    if not location or not isinstance(location[0], str):
        return error(400, "the body must be a JSON object", "body")
    field = location[0]
    return error(400, f"{field}: {first['msg']}", field)


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.post("/links", status_code=201)
def create_link(new: NewLink, request: Request):
    if not is_valid_url(new.url):
        return error(400, "url must be an absolute http:// or https:// URL", "url")
    if new.code is not None and not CODE_PATTERN.fullmatch(new.code):
        return error(400, "code must be 3-32 letters, digits, '-' or '_'", "code")
    if new.expires_in is not None and not 1 <= new.expires_in <= MAX_EXPIRES_IN:
        return error(400, f"expires_in must be from 1 to {MAX_EXPIRES_IN} seconds", "expires_in")
    if new.code in RESERVED_CODES:
        return error(409, f"code {new.code!r} is taken", "code")
    store: LinkStore = request.app.state.store
    try:
        link = store.create(new.url, new.code, new.expires_in)
    except CodeTakenError:
        return error(409, f"code {new.code!r} is taken", "code")
    return link_json(link, clicks=0)


@app.get("/links/{code}/stats")
def link_stats(code: str, request: Request):
    store: LinkStore = request.app.state.store
    link = store.find(code)
    if link is None:
        return error(404, f"no link with code {code!r}")
    return link_json(link, store.clicks(code))


@app.get("/{code}")
def follow(code: str, request: Request):
    store: LinkStore = request.app.state.store
    link = store.find(code)
    if link is None:
        return error(404, f"no link with code {code!r}")
    # A cached link carries its expiry time, so the cache never serves an expired link.
    if link.is_expired():
        return error(410, f"the link {code!r} has expired")
    store.click(code)
    return RedirectResponse(link.url, status_code=302)


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
