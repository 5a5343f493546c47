"""A name a transcript wrote as it was heard: the store spells it the quote's way elsewhere, the transcript's way
nowhere but here.

Captions and transcripts write a name as the transcriber heard it ('Roseanne's family' for the family of Rosemary
Linnell, whom the police release and the judge name). Where the passage's spelling of a name is in no other passage
of the store, the quote's spelling is in some, and the two begin alike, the difference is how the transcript heard
the name: a spelling, shown as 'transcript / editor', not a changed name.
"""

from __future__ import annotations

from dataclasses import replace

from factcheck.align import Alignment
from factcheck.changes import Change
from factcheck.stages import SourceStore
from factcheck.store.lexical import tokens

# Letters two hearings of one name share at its start ('Rose-mary' / 'Rose-anne', 'Kath-erine' / 'Kath-ryn').
HEARD_PREFIX = 3


def heard_names(alignment: Alignment, store: SourceStore) -> Alignment:
    """The alignment with each name the passage spells as only a transcript heard it read as a spelling."""
    swaps = {c: (_word(c.quote[0].text), _word(c.source[0].text)) for c in alignment.changes if _one_name(c)}
    swaps = {c: (q, s) for c, (q, s) in swaps.items() if q and s and q != s and q[:HEARD_PREFIX] == s[:HEARD_PREFIX]}
    if not swaps:
        return alignment
    counts = store.term_passages(sorted({w for pair in swaps.values() for w in pair}))
    heard = {c for c, (q, s) in swaps.items() if counts.get(s, 0) <= 1 and counts.get(q, 0) >= 1}
    if not heard:
        return alignment
    pairs = {(c.quote[0].text, c.source[0].text) for c in heard}
    changes = tuple(replace(c, kind="spelling") if c in heard else c for c in alignment.changes)
    ops = tuple(
        op.model_copy(update={"change": "spelling", "tolerated": True})
        if op.change == "name" and (op.quote, op.source) in pairs
        else op
        for op in alignment.ops
    )
    return replace(alignment, changes=changes, ops=ops)


def _one_name(change: Change) -> bool:
    return change.kind == "name" and len(change.quote) == 1 and len(change.source) == 1


def _word(text: str) -> str:
    """The name's first word as the store indexes it ('Roseanne's' -> 'roseanne')."""
    return next(iter(tokens(text)), "")
