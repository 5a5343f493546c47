"""Passage voices as stored: one JSON string in Chroma's metadata and the catalog, and the speakers they name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from factcheck.names import speaker_key
from factcheck.types import Passage, Voice


def dump_voices(voices: Sequence[Voice]) -> str:
    """Voices as a compact JSON string."""
    return json.dumps([v.model_dump(exclude_none=True) for v in voices], separators=(",", ":"))


def load_voices(value: Any) -> list[Voice]:
    """Voices from `dump_voices`; nothing for a missing or unreadable value (a store from before the analysis)."""
    if not isinstance(value, str) or not value:
        return []
    try:
        return [Voice.model_validate(item) for item in json.loads(value)]
    except ValueError:
        return []


def quoted_speakers(passage: Passage) -> list[tuple[str, str]]:
    """(key, name) of each person the passage quotes or reports by name, other than its own speaker: their words
    are in it, so a search for them finds it and the registry counts it as theirs."""
    own = speaker_key(passage.speaker or passage.document.speaker or "")
    found: dict[str, str] = {}
    for voice in passage.voices:
        key = speaker_key(voice.speaker or "")
        if key and key != own:
            found.setdefault(key, voice.speaker or "")
    return sorted(found.items())
