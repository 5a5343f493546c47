"""How a speaker frames words of their own: a denial, a hypothesis, a question answered no.

A speaker frames their own words in several ways: 'It is not true that ...', 'Nobody is saying ...', 'I never
said ...', 'If ...', and the question answered no ('Do I think ...? Of course not.'). The frame is read from the
whole source sentence around the match and, for an answer, from the sentence after it. Words that are someone
else's (quoted, or reported: 'Some have said ...') are read by the source analysis at ingest.
"""

from __future__ import annotations

import re

from factcheck.align import normalise

# A sentence ends at . ! ? unless the period closes an initial ("John F. Kennedy") or a title ("Mr.").
# A semicolon or a dash ends a clause a frame cannot reach across ('It is a myth that X; Y', a spoken false start
# 'I really don't believe -- in New York City, ...').
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?;]['\")\]]*\s+|\s+(?:--|\u2014)\s*|\n"
)
_NEGATING = re.compile(
    r"(?:\b(?:it|that|this)\s*(?:is|'s|was|would\s+be|will\s+be)\s+(?:a\s+|simply\s+|just\s+|completely\s+)?"
    r"(?:myth|false|not\s+true|untrue|wrong|mistake|lie|nonsense|ridiculous|absurd|fiction|fake|fantasy)"
    r"|not\s+(?:true|the\s+case)|\bthe\s+(?:myth|idea|notion|claim|lie|argument|fiction|fantasy)"
    r"|(?:\bnever|\bnot|(?<=\w)n't)\s+(?:ever\s+)?(?:said|say|says|claimed|claim|believed|believe|think|thought|meant|"
    r"mean|suggested|suggest|argued|argue)"
    r"|(?:nobody|no\s+one|no\s+body)\s+(?:is\s+|was\s+|has\s+|ever\s+)?(?:believes|thinks|says|said|saying|suggesting|"
    r"arguing|claiming)"
    r"|i'?m\s+not\s+saying|i\s+am\s+not\s+saying|(?:reject|rejected|deny|denied|dispute|disputed)\s+(?:the\s+)?"
    r"(?:idea|notion|claim|suggestion|charge)|(?:reject|deny|dispute)s?\s+that)\b[^.!?]*$",
    re.IGNORECASE,
)
# Words inside a condition or a supposition, or what would follow from one ('If we cut taxes, the economy will
# grow'): the condition hedges them.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|suppose|supposing|imagine|whether|assuming|what\s+if|even\s+if|in\s+case|as\s+if|pretend)"
    r"\b[^.!?]*$",
    re.IGNORECASE,
)
# An 'if' that addresses the listener rather than supposing anything ('If you don't like Obamacare, Donald
# Trump funded ...', 'If you look at the numbers, ...'): what follows is said outright.
_DISCOURSE_IF = re.compile(
    r"\bif\s+(?:you|we)\s+(?:don't\s+|do\s+not\s+)?(?:look|think|want\s+to\s+know|like|ask|listen|remember|"
    r"go\s+back|check|read|care|believe|recall|doubt)\b[^.!?;]*,[^.!?;]*$|\bif\s+(?:anything|not|i\s+may)\b",
    re.IGNORECASE,
)
_DIRECT_NEGATION = re.compile(r"(?:\bnot|\bnever|\bno|(?<=\w)n't)\s*$", re.IGNORECASE)
_TRAILING_DENIAL = re.compile(
    r"^\W*(?:is|was)\s+(?:a\s+|just\s+|simply\s+)?(?:myth|false|not\s+true|wrong|nonsense|a\s+lie|lie)", re.IGNORECASE
)
_ANSWER_NO = re.compile(
    r"^\W*(?:no\b|nope\b|of\s+course\s+not|absolutely\s+not|certainly\s+not|not\s+at\s+all|hardly)", re.IGNORECASE
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


def _next_sentence(text: str, right: int) -> str:
    rest = text[right:].lstrip(" \t'\")]\u201d\u2019")
    found = _SENTENCE_BREAK.search(rest)
    return normalise(rest[: found.start() + 1] if found else rest)


def framing(text: str, start: int, end: int) -> str | None:
    """The kind of frame the speaker's own sentence puts around the match text[start:end] ("negation",
    "hypothetical", "question"), or None when it says the words outright.

    Whose words they are (a quotation, a claim reported from others) is the source analysis's to say
    (`factcheck.sources.voices`): this reads only how the speaker frames words of their own.
    """
    left, right = sentence_bounds(text, start, end)
    # Periods left inside the sentence belong to initials and titles; they must not cut the frame off.
    before = re.sub(r"[.!?]", " ", normalise(text[left:start]))
    after = normalise(text[end:right])
    following = _next_sentence(text, right)
    if _NEGATING.search(before) or _TRAILING_DENIAL.match(after) or _DIRECT_NEGATION.search(before):
        return "negation"
    if text[left:right].rstrip().endswith("?") and _ANSWER_NO.match(following):
        return "question"  # 'Do I think ...? Of course not.'
    if _HYPOTHETICAL.search(before) and not _DISCOURSE_IF.search(before):
        return "hypothetical"
    return None
