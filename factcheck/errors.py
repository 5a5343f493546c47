"""Errors the user sees; each carries a stable code for the API and a message for people."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a failure with a message fit to show a user."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(FactcheckError):
    """The user's input is malformed (bad file, bad line, bad option)."""

    code = "invalid_input"


class FetchError(InputError):
    """A link could not be fetched or read (timeout, size, media type, redirects, no main text)."""

    code = "fetch_failed"


class FetchRefused(FetchError):
    """Fetching is turned off, or the link leads to an address that may not be fetched."""

    code = "fetch_refused"


class BusyError(FactcheckError):
    """Too much of one kind of work is in progress; the same request may succeed shortly."""

    code = "busy"


class NotFoundError(FactcheckError):
    """A named document or resource does not exist."""

    code = "not_found"


class StoreError(FactcheckError):
    """The source store cannot be opened, read or written."""

    code = "store_unavailable"


class EmptyStoreError(FactcheckError):
    """Nothing to check against: the store does not exist or holds no documents."""

    code = "store_empty"


class ModelError(FactcheckError):
    """A model (embedding, spaCy) cannot be loaded or run."""

    code = "model_unavailable"


class LLMError(FactcheckError):
    """The optional LLM step failed; callers fall back and record why."""

    code = "llm_failed"
