"""How a sentence frames words in it: a denial, a condition, a question answered no, read from the spaCy parse.

A speaker frames their own words in several ways: a negation on the clause that holds them ('It is not true that
...', 'I never said ...', 'Nobody is saying ...'), a verb of denial ('I reject that ...'), a predicate of falsity
('The idea that ... is a myth'), a conditional clause around them or beside them ('If ..., the economy will grow'),
and a question answered no ('Do I think ...? Of course not.'). Each is a relation in the dependency parse between
the words and the rest of their sentence, so a new wording of the same structure is read the same way. A frame
inside the words themselves is theirs, not a frame. Words that are someone else's (quoted, or reported: 'Some have
said ...') are read by the source analysis at ingest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from factcheck.extract.lexicon import CUE_VERBS, DENIAL_VERBS, FALSITY, SPEECH_VERBS, SUPPOSING_VERBS
from factcheck.names import speaker_relation

# A sentence ends at . ! ? unless the period closes an initial ("John F. Kennedy") or a title ("Mr.").
# A semicolon or a dash ends a clause a frame cannot reach across ('It is a myth that X; Y', a spoken false start
# 'I really don't believe -- in New York City, ...').
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?;]['\")\]]*\s+|\s+(?:--|\u2014)\s*|\n"
)
# Subordinators that make a clause a condition or a supposition (the closed class of conditional 'mark's).
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "suppose", "supposing", "assuming", "provided", "providing"})
# The past forms of the modals, which put what they govern under a condition ('the program would show ...').
_CONDITIONAL_MODALS = frozenset({"would", "could", "might", "'d"})
# Negative quantifiers as a clause's subject ('Nobody is saying ...', 'No one believes ...').
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "noone", "nothing"})
# What completes a verb: a clause, an object or a predicate after it.
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "attr", "acomp"})
# Heads of words that are a phrase, not a clause.
_PHRASE_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET"})
# Subjects of an inner report that are the speaker, and pronouns that are others ('they told me').
_SPEAKER_SELF = frozenset({"i", "we"})
_OTHERS = frozenset({"they", "someone", "somebody", "everyone", "everybody", "others", "people"})
# A reply this short can only answer the question before it.
ANSWER_TOKENS = 6
_ANSWER_NO = frozenset({"no", "not", "nope", "never"})
# Sentences parsed and kept, per reader.
PARSED_SENTENCES = 4096


class Parser(Protocol):
    """The spaCy pipeline, as the reader uses it."""

    def __call__(self, text: str) -> Doc: ...


# Subordinators of a clause that gives a reason or a concession.
_REASONS = frozenset({"because", "since", "although", "though", "whereas"})
_HEDGES = frozenset({"maybe", "perhaps", "possibly"})

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


class FrameReader:
    """Reads the frame a sentence puts around words in it from the dependency parse."""

    def __init__(self, nlp: Parser) -> None:
        self.nlp = nlp
        self._parsed: dict[str, Doc] = {}

    def _parse(self, sentence: str) -> Doc:
        doc = self._parsed.get(sentence)
        if doc is None:
            if len(self._parsed) >= PARSED_SENTENCES:
                self._parsed.clear()
            doc = self._parsed[sentence] = self.nlp(sentence)
        return doc

    def framing(self, text: str, start: int, end: int, modal: bool = False) -> str | None:
        """The frame the sentence around text[start:end] puts on those words ("negation", "hypothetical",
        "question"), or None when it says them outright. With `modal`, a conditional modal outside the words on a
        clause that holds them ('the program would "show ..."') is a condition too: how a report keeps one."""
        left, right = sentence_bounds(text, start, end)
        doc = self._parse(text[left:right])
        words = doc.char_span(start - left, end - left, alignment_mode="expand")
        if words is None or len(words) == 0 or words.root.pos_ in _PHRASE_HEADS:
            # A noun phrase ('shift workers at the hospital') asserts nothing a frame around it could flip.
            return None
        if _negated(words):
            return "negation"
        if _conditional(words) or (modal and _modal(words)):
            return "hypothetical"
        if _asked(doc, words) and self._answered_no(text, right):
            return "question"
        return None

    def reported_within(self, text: str, start: int, end: int, speaker: str | None = None) -> str | None:
        """Who the sentence says the words are from when it reports them inside a report of the speaker's ('He
        added that Kim had told him North Korea was "..."'): the inner report's subject, or None. Two reporting
        verbs above the words, the nearer with a subject of its own that is not the speaker's 'I' or 'we', nor
        the `speaker` named ('A post claims that Imelda Oakenfold told the ball that "..."' reports her words)."""
        left, right = sentence_bounds(text, start, end)
        doc = self._parse(text[left:right])
        words = doc.char_span(start - left, end - left, alignment_mode="expand")
        if words is None or len(words) == 0:
            return None
        reports = [t for t, above in _clauses(words) if above and t.pos_ == "VERB" and t.lemma_.lower() in CUE_VERBS]
        if len(reports) < 2:
            return None
        subject = _subject(reports[0])
        if subject is None or subject.dep_ == "expl" or subject.lower_ in _SPEAKER_SELF:
            return None
        if subject.pos_ == "PRON" and subject.lower_ not in _OTHERS:
            return None  # 'he said he had told them': the speaker reporting their own words
        others = doc[subject.left_edge.i : subject.i + 1].text
        return None if speaker_relation(others, speaker) in ("same", "compatible") else others

    def _answered_no(self, text: str, right: int) -> bool:
        """The next sentence is a short reply that says no ('Of course not.', 'No.', 'Not at all.')."""
        rest = text[right:]
        skipped = len(rest) - len(rest.lstrip(" \t'\")]\u201d\u2019"))
        if skipped >= len(rest):
            return False
        _, end = sentence_bounds(text, right + skipped, right + skipped)
        reply = self._parse(text[right + skipped : end])
        words = [t for t in reply if not t.is_punct]
        return 0 < len(words) <= ANSWER_TOKENS and any(t.dep_ == "neg" or t.lower_ in _ANSWER_NO for t in words)


def _inside(token: Token, words: Span) -> bool:
    return words.start <= token.i < words.end


def _clauses(words: Span) -> Iterator[tuple[Token, bool]]:
    """The head of the words, then each head above it, with whether it lies outside the words."""
    token: Token = words.root
    yield token, False
    while token.head.i != token.i:
        reason = any(c.dep_ == "mark" and c.lower_ in _REASONS for c in token.children)
        hedged = any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in token.children)
        if token.dep_ == "advcl" and reason and not hedged:
            # 'I don't think it will take long, because [I know a confession when I see it]': a clause giving a
            # reason is asserted in its own right; the clause it hangs from does not frame it. A reason offered
            # as a maybe ('maybe because he wants ..., I don't know the reasons') is not.
            return
        if _spliced(token):
            # '[So I take responsibility for that], I'm not going to hide behind the board': a clause before a verb
            # that has a complement of its own is a sentence of its own, joined by a comma, not what the verb frames
            # (as it is in 'That is true, I don't think').
            return
        token = token.head
        if any((c.dep_ == "mark" or c.pos_ == "SCONJ") and c.i >= words.end for c in token.children):
            # A clause opens with its subordinator ('so', 'because'): one that opens after the words cannot hold
            # them, whatever the parse hung from it ('X, so students are not ...').
            return
        if token.i >= words.end and _tag_question(token):
            # 'X, isn't it?': a tag after the words asks whether they hold; its 'not' denies nothing.
            return
        yield token, not _inside(token, words)


def _spliced(clause: Token) -> bool:
    """The clause is parsed as the complement of a verb after it that already has a complement of its own."""
    head = clause.head
    if clause.dep_ != "ccomp" or head.i == clause.i or clause.i > head.i:
        return False
    # A pronoun as that complement points back at the clause ('X, nobody believes that'): it is the verb's after all.
    return any(c.dep_ in _COMPLEMENTS and c.i > head.i and c.pos_ not in ("PRON", "DET") for c in head.children)


def _tag_question(clause: Token) -> bool:
    """An auxiliary with its pronoun subject after it, closing a question ('..., isn't it?', '..., won't they?')."""
    subject = _subject(clause)
    closes = clause.doc[-1].text == "?" or (len(clause.doc) > 1 and clause.doc[-2].text == "?")
    auxiliary = clause.pos_ == "AUX" or clause.tag_ == "MD"
    return closes and auxiliary and subject is not None and subject.pos_ == "PRON" and subject.i > clause.i


def _negated(words: Span) -> bool:
    """A negation on a clause that holds the words ('not true that', 'never said'); a negative subject ('Nobody is
    saying'); a verb of denial; a predicate of falsity; a negation just before the words' own verb ('will not
    [close the ferry]'). A negation inside the words is theirs."""
    joined: Token | None = None
    for token, above in _clauses(words):
        if joined is not None and joined.head.i == token.i and token.i < words.start:
            # 'We are not looking ... and we will [make no change]': a clause joined with its own subject says its
            # words itself; the first clause's negation is not on them (a frame above both still is).
            joined = token if token.dep_ == "conj" and _subject(token) is not None else None
            continue
        joined = token if token.dep_ == "conj" and _subject(token) is not None else None
        for child in token.children:
            if _inside(child, words):
                continue
            if child.dep_ == "neg" and (above or child.i < words.start):
                return True
            if above and child.dep_ in ("nsubj", "nsubjpass") and _negative_subject(child) and not _compares(token):
                return True
            if above and child.dep_ == "prep" and any(_negative_subject(c) for c in child.children if c.dep_ == "pobj"):
                return True  # 'At no point have I claimed ...'

            if above and child.dep_ in ("attr", "acomp") and child.lemma_.lower() in FALSITY:
                return True
        if above and token.pos_ == "VERB" and token.lemma_.lower() in DENIAL_VERBS:
            return True
    return False


def _negative_subject(subject: Token) -> bool:
    if subject.lower_ in _NEGATIVE_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def supposes(verb: Token, subject: Token | None) -> bool:
    """A supposing verb put to the listener: with no subject ('Imagine ...') or 'you' ('Can you imagine ...')."""
    return verb.lemma_.lower() in SUPPOSING_VERBS and (subject is None or subject.lower_ == "you")


def _compares(clause: Token) -> bool:
    """The clause compares with 'than' ('Nothing is more extreme than their plan to ...', 'No mayor has built more
    homes than we have'): with a negative subject it says the compared thing is the most, and denies neither it
    nor what it did."""
    return any(t.lower_ == "than" for t in clause.subtree)


def _conditional(words: Span) -> bool:
    """The words are in a condition ('if X'), follow from one ('If ..., X'), or are supposed ('Suppose X'). An 'if'
    addressed to the listener ('If you look at the numbers, X') supposes nothing."""
    below: Token | None = None
    for token, above in _clauses(words):
        mark = _condition_mark(token)
        if mark is not None and not _inside(mark, words) and not _addressed(token):
            return True
        if above and supposes(token, _subject(token)):
            return True
        # 'clinics only work if people know, and [the council has not told parents]': a clause joined with its own
        # subject is not under a condition the first clause has after its verb ('If X, A and B' puts both under X).
        joined = below if below is not None and below.dep_ == "conj" and _subject(below) is not None else None
        below = token
        for child in token.children:
            if joined is not None and token.i < child.i < joined.left_edge.i:
                continue
            conditional = child.dep_ == "advcl" and (_condition_mark(child) is not None or _inverted(child))
            # 'provided the traders agree': a participle that subordinates a clause as a condition.
            conditional = conditional or (child.dep_ == "prep" and child.lower_ in _CONDITIONAL_MARKS and any(
                c.dep_ in ("ccomp", "pcomp") for c in child.children
            ))
            if conditional and not _inside(child, words) and not _addressed(child):
                return True
    return False


def _modal(words: Span) -> bool:
    """A conditional modal ('would', 'could', 'might') outside the words on a clause that holds them."""
    return any(
        child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in _CONDITIONAL_MODALS and not _inside(child, words)
        for token, _ in _clauses(words)
        for child in token.children
    )


def _condition_mark(clause: Token) -> Token | None:
    """The conditional subordinator of a clause ('if', 'unless'), unless 'even' makes it a concession."""
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
            conceded = any(c.lower_ == "even" for c in child.children) or (
                child.i > 0 and child.doc[child.i - 1].lower_ == "even"
            )
            return None if conceded else child
    return None


def _inverted(clause: Token) -> bool:
    """A clause that opens with its auxiliary before its subject ('Should the grant fall through, ...')."""
    subject = _subject(clause)
    first = clause.doc[clause.left_edge.i]
    return subject is not None and first.dep_ == "aux" and first.head.i == clause.i and first.i < subject.i


def _subject(clause: Token) -> Token | None:
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _addressed(condition: Token) -> bool:
    """A condition whose subject is the listener ('if you look at ...') or that is about the saying itself ('if I
    could add', 'if I may say so'): a way of talking, not a supposition."""
    if any(c.dep_ == "nsubj" and c.lower_ == "you" for c in condition.children):
        return True
    # The speaker's own verb of saying with nothing said under it: the condition asks leave to speak, it puts no
    # claim in doubt ('if the council says no' does).
    speaker = any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in condition.children)
    return speaker and condition.lemma_.lower() in SPEECH_VERBS and not any(
        c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in condition.children
    )


def _asked(doc: Doc, words: Span) -> bool:
    """The words are in a question: the sentence ends with a question mark and inverts its subject and auxiliary
    ('Do I think ...?') or opens with a question word."""
    if not doc.text.rstrip(" '\"\u201d\u2019)").endswith("?"):
        return False
    root = words.sent.root
    subject = _subject(root)
    inverted = subject is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in root.children)
    opening = next((t for t in doc if not t.is_punct), None)
    wh = opening is not None and opening.tag_ in ("WP", "WRB", "WDT")
    copula_first = root.lemma_.lower() == "be" and subject is not None and root.i < subject.i  # 'Is it ...?'
    return inverted or wh or copula_first
