"""Speaker names: normalisation to a registry key (extended by the verification stage)."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")


def speaker_key(name: str) -> str:
    """A stable key for a speaker name: accents folded, lowercase, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _NON_WORD.sub(" ", folded.lower())
    return _SPACE.sub(" ", folded).strip()
