"""What a result says when its words were judged alone: who said them, and why the attribution went unchecked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
