"""The session engine with Redis (`SESSION_ENGINE` when REDIS_URL is set): Django's
`cached_db` over `people.Session` rows; see people.sessions."""

from skillpath.people.sessions import CachedSessionStore as SessionStore

__all__ = ["SessionStore"]
