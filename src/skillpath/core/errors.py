"""The base of every rule violation a user can act on."""


class DomainError(Exception):
    """A business rule said no; `str(error)` is a message for the user."""
