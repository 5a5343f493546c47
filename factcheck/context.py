"""Frames around a verbatim match that change its meaning: negation, hypothesis, reported speech."""

from __future__ import annotations

import re

from factcheck.align import normalise

# A sentence ends at . ! ? unless the period closes an initial ("John F. Kennedy") or a title ("Mr.").
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?]['\")\]]*\s+|\n")
_NEGATING = re.compile(
    r"(?:\b(?:it|that|this)\s*(?:is|'s|was)\s+(?:a\s+|simply\s+|just\s+)?(?:myth|false|not\s+true|untrue|wrong|"
    r"a\s+lie|lie|nonsense|ridiculous|absurd|fiction|fake)|not\s+(?:true|the\s+case)|\bthe\s+(?:myth|idea|notion|"
    r"claim|lie|argument)|(?:\bnever|\bnot|(?<=\w)n't)\s+(?:said|say|says|claimed|claim|believed|believe|think|thought|"
    r"meant|mean|suggested|suggest)|nobody\s+(?:believes|thinks|says|said)|no\s+one\s+(?:believes|thinks|says|said)|"
    r"i'm\s+not\s+saying|i\s+am\s+not\s+saying|(?:reject|rejected|deny|denied)\s+(?:the\s+)?(?:idea|notion|claim))"
    r"\b[^.!?]*$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|suppose|supposing|imagine|whether|assuming|what\s+if|even\s+if|in\s+case)\b[^.!?]*$",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:they|he|she|people|critics|some|others|opponents|my\s+opponent|republicans|democrats|folks|you\s+hear|"
    r"the\s+\w+s)\s+(?:say|says|said|claim|claims|claimed|argue|argues|argued|tell\s+us|told\s+us|"
    r"want\s+you\s+to\s+believe|would\s+have\s+you\s+believe|keep\s+saying)\b[^.!?]*$",
    re.IGNORECASE,
)
_DIRECT_NEGATION = re.compile(r"(?:\bnot|\bnever|\bno|(?<=\w)n't)\s*$", re.IGNORECASE)
_TRAILING = re.compile(
    r"^\W*(?:(?:is|was)\s+(?:a\s+)?(?:myth|false|not\s+true|wrong|nonsense|a\s+lie)|(?:that's|that\s+is)\s+what\s+"
    r"(?:they|he|she|people|my\s+opponent|critics)|,?\s*(?:they|he|she|people|critics)\s+(?:say|said|claim))",
    re.IGNORECASE,
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence(s) around text[start:end]."""
    left = 0
    for m in _SENTENCE_BREAK.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    found = _SENTENCE_BREAK.search(text, end)
    if found:
        right = found.start() + 1
    return left, right


def framing(text: str, start: int, end: int) -> str | None:
    """The kind of frame around the match text[start:end] ("negation", "hypothetical", "reported"), if any."""
    left, right = sentence_bounds(text, start, end)
    # Periods left inside the sentence belong to initials and titles; they must not cut the frame off.
    before = re.sub(r"[.!?]", " ", normalise(text[left:start]))
    after = normalise(text[end:right])
    if _open_quote(before):
        return "reported"
    if _NEGATING.search(before) or (_TRAILING.match(after) and "myth" in after.lower()):
        return "negation"
    if _DIRECT_NEGATION.search(before):
        return "negation"
    if _HYPOTHETICAL.search(before):
        return "hypothetical"
    if _REPORTED.search(before) or _TRAILING.match(after):
        return "reported"
    return None


def _open_quote(before: str) -> bool:
    return before.count('"') % 2 == 1
