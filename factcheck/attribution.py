"""What a result says when its words were judged alone: who said them, and why the attribution went unchecked."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# How the verifier ends the reason it gives when no one in the article could be held to the words.
UNCHECKED = "the attribution itself could not be checked"
# The card and the table already show the article's speaker; the reason's copy of the name is left out.
_UNCERTAIN = re.compile(r"^the article's speaker \(.*\) is uncertain$", re.DOTALL)


@dataclass(frozen=True)
class UncheckedAttribution:
    """The source's speaker (None when nothing matched or the source names no one) and why no one was checked."""

    speaker: str | None
    why: str

    @property
    def text(self) -> str:
        """`said by X; why`, or the why alone."""
        return f"said by {self.speaker}; {self.why}" if self.speaker else self.why


def unchecked_attribution(reasons: Sequence[str], actual_speaker: str | None) -> UncheckedAttribution | None:
    """The unchecked attribution a verdict's reasons report, or None when the speaker was checked."""
    for reason in reasons:
        if reason.endswith(UNCHECKED):
            why = reason.removesuffix(UNCHECKED).strip().rstrip(";").strip()
            if _UNCERTAIN.match(why):
                why = "the article's speaker is uncertain"
            return UncheckedAttribution(actual_speaker or None, why or "the attribution could not be checked")
    return None


_COMPLEMENTIZERS = frozenset({"that", "whether", "if", "to"})


def reported_speech(kind: str, text: str, mention: str | None, name: str | None, cue: str | None) -> str | None:
    """Indirect speech as what it is, never in quotation marks: 'Calder denied that the berth would cost more'
    (None for a quotation)."""
    if kind != "indirect":
        return None
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    # A clause that opens with its own complementizer ('whether ...', 'to build ...', 'how ...') takes no 'that'.
    joint = " " if first in _COMPLEMENTIZERS or first.startswith("wh") or first == "how" else " that "
    return f"{mention or name or 'someone'} {cue or 'said'}{joint}{text}"


def whose_words(speaker: str | None, document_speaker: str | None, voice: Mapping[str, Any] | None) -> str | None:
    """Whose words a passage's matched span is, when not the source speaker's own: 'said by Tomas Weller, quoted
    by the Northwick Port Authority'; 'reported by Hanne Vollmer as what some have said'. None otherwise."""
    if not voice:
        return None
    by = document_speaker or "the source"
    if voice.get("kind") == "quoted":
        who = voice.get("speaker") or speaker
        if who and who != document_speaker:
            return f"said by {who}, quoted by {by}"
        return f"quoted by {by} from someone it does not name"
    source = voice.get("source") or voice.get("speaker") or "others"
    return f"reported by {by} as what {source} {voice.get('cue') or 'said'}"
