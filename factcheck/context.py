"""Frames around a verbatim match that change what it means: a denial, a hypothesis, someone else's words.

A transcript frames words in many ways: 'It is not true that ...', 'Nobody is saying ...', 'I never said ...',
'Some have said ...', 'My critics keep telling everyone that ... That is a lie.', 'If ...', and the question
answered no ('Do I think ...? Of course not.'). The frame is read from the whole source sentence around the
match and, for a denial or an answer, from the sentence after it.
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
_SAYING = (
    r"(?:say|says|said|saying|claim|claims|claimed|claiming|argue|argues|argued|suggest|suggests|suggested|"
    r"tell\s+(?:us|you|people|everyone|everybody)|tells\s+(?:us|you|people|everyone|everybody)|"
    r"told\s+(?:us|you|people|everyone|everybody)|telling\s+(?:us|you|people|everyone|everybody)|"
    r"want\s+you\s+to\s+believe|would\s+have\s+you\s+believe|believe|believes|think|thinks|insist|insists)"
)
_AUXILIARY = r"(?:(?:have|has|had|will|would|may|might|keep|keeps|kept|always|often|sometimes|like\s+to|love\s+to)\s+)*"
# Someone other than the speaker as the source of the words: 'critics say', 'Some have said', 'Donald says'.
_OTHERS = (
    r"(?:they|he|she|people|critics|some|others|opponents|my\s+opponents?|my\s+critics|republicans|democrats|"
    r"folks|the\s+\w+s|some\s+people|some\s+folks|many|those\s+who|you\s+hear|"
    r"(?!(?:We|You|I|It|So|And|But|Now|Well|Then|Here|There|This|That|These|Those|What|When|If|As|Just|Let|Look|"
    r"Yes|No|Do|Don|Why|How|Who)\b)[A-Z][a-z]+)"
)
_REPORTED = re.compile(rf"\b{_OTHERS}\s+{_AUXILIARY}{_SAYING}\b(?:\s+that)?[^.!?]*$")
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
    r"^\W*(?:(?:is|was)\s+(?:a\s+|just\s+|simply\s+)?(?:myth|false|not\s+true|wrong|nonsense|a\s+lie|lie)"
    r"|,?\s*(?:they|he|she|people|critics|some)\s+(?:say|said|claim|claims))",
    re.IGNORECASE,
)
_TRAILING_REPORTED = re.compile(
    r"^\W*(?:(?:that's|that\s+is)\s+what\s+(?:they|he|she|people|my\s+opponents?|critics|some)|"
    r",?\s*(?:they|he|she|people|critics|some)\s+(?:say|said|claim))",
    re.IGNORECASE,
)
# The next sentence takes the words back: 'That is a lie.', 'Not true.', 'Of course not.' (a bare 'No, no' is
# as often said to an interruption).
_NEXT_DENIAL = re.compile(
    r"^\W*(?:(?:that|this|it)\s*(?:is|'s|was)\s+(?:a\s+|just\s+|simply\s+|totally\s+|completely\s+)?"
    r"(?:lie|false|not\s+true|untrue|wrong|nonsense|ridiculous|absurd|a\s+myth|myth|fiction|fake|garbage)"
    r"|(?:not\s+true|false|wrong|nonsense|untrue)\b|(?:of\s+course|absolutely|certainly|definitely)\s+not\b)",
    re.IGNORECASE,
)
# A denial in the next sentence is that whole short sentence ('That is a lie.'), not 'It is a myth that ...'.
_DENIAL_WORDS = 6
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
    """The kind of frame around the match text[start:end] ("negation", "hypothetical", "reported", "question"),
    or None when the source sentence says the words as its speaker's own."""
    left, right = sentence_bounds(text, start, end)
    # Periods left inside the sentence belong to initials and titles; they must not cut the frame off.
    before = re.sub(r"[.!?]", " ", normalise(text[left:start]))
    after = normalise(text[end:right])
    following = _next_sentence(text, right)
    if _open_quote(before):
        return "reported"
    if _NEGATING.search(before) or (_TRAILING_DENIAL.match(after) and not _TRAILING_REPORTED.match(after)):
        return "negation"
    if _DIRECT_NEGATION.search(before):
        return "negation"
    if text[left:right].rstrip().endswith("?") and _ANSWER_NO.match(following):
        return "question"  # 'Do I think ...? Of course not.'
    if _HYPOTHETICAL.search(before) and not _DISCOURSE_IF.search(before):
        return "hypothetical"
    if _REPORTED.search(before) or _TRAILING_REPORTED.match(after):
        return "reported"
    if _NEXT_DENIAL.match(following) and len(following.split()) <= _DENIAL_WORDS and len(after.split()) <= 3:
        return "negation"  # 'My critics keep telling everyone that ... That is a lie.'
    return None


def _open_quote(before: str) -> bool:
    return before.count('"') % 2 == 1
