"""Reporting cues in a parsed text: the verb, its source and the clause it attributes."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from factcheck.extract.lexicon import CUE_VERBS, INTENT_VERBS, NOUN_CUES, OBJECT_VERBS, TOPIC_VERBS
from factcheck.extract.speakers import subject_of
from factcheck.extract.tags import verb_lemma

_OBJECT_DEPS = frozenset({"dobj", "prep", "dative", "oprd", "xcomp"})
_MIN_OBJECT_WORDS = 3
_TOPIC_PREPS = frozenset({"about", "of", "for", "on", "against", "over"})
_NOUN_PREPS = frozenset({"about", "of", "for", "on", "against", "over", "to"})
_LEADING_DEPS = frozenset({"advmod", "advcl"})
_TRIM = " \t\n,;:.—\u2013-\"'“”\u2018\u2019«»()"


@dataclass(frozen=True)
class Cue:
    """A reporting verb (or 'according to') with its source token and attributed content span."""

    start: int
    end: int
    text: str
    subject: Token | None
    content_start: int
    content_end: int


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and punctuation; a leading 'that' goes too."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if text[start : start + 5].lower() == "that " and end - start > 5:
        start += 5
    return start, end


def _subtree_span(tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def _verb_phrase(verb: Token) -> tuple[int, int]:
    """The cue words: auxiliaries and particles around the verb ('has said', 'pointed out')."""
    start, end = verb.idx, verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and abs(child.i - verb.i) <= 3:
            start = min(start, child.idx)
            end = max(end, child.idx + len(child.text))
    return start, end


def _that_clause_under_prep(verb: Token) -> Token | None:
    """'said in a statement that ...': the parser hangs the clause off the noun, not the verb."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    return clause
    return None


def _object_cue(verb: Token, text: str, cues: list[Cue], topic_only: bool = False) -> None:
    """'criticized the plan to close the depot': a stance verb whose object is the attributed content.

    With `topic_only`, only a topic phrase counts ('warned of a shortage'), not a listener ('told reporters').
    """
    subject = subject_of(verb)
    if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN"):
        return
    if topic_only:
        right = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS]
    else:
        right = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
    if not right:
        return
    start, end = trim_span(text, right[0].left_edge.idx, right[-1].right_edge.idx + len(right[-1].right_edge.text))
    if len(text[start:end].split()) < _MIN_OBJECT_WORDS:
        return
    cue_start, cue_end = _verb_phrase(verb)
    cues.append(Cue(cue_start, cue_end, text[cue_start:cue_end], subject, start, end))


def _noun_cue(noun: Token, text: str, cues: list[Cue]) -> None:
    """'Clinton's support for the trade deal': a statement noun, its owner, and what it is about."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return
    complement: Token | None = None
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPS:
            complement = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        elif child.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            complement = child
        if complement is not None:
            break
    if complement is None:
        return
    start, end = trim_span(text, *_subtree_span(complement))
    if len(text[start:end].split()) < _MIN_OBJECT_WORDS:
        return
    end_cue = noun.idx + len(noun.text)
    cues.append(Cue(noun.idx, end_cue, noun.text, owner, start, end))


def find_cues(doc: Doc, text: str | None = None) -> list[Cue]:
    """Every reporting verb with a clausal complement, and every 'according to X', in `doc` (whose text is `text`)."""
    text = doc.text if text is None else text
    cues: list[Cue] = []
    for tok in doc:
        lemma = verb_lemma(tok)
        if tok.pos_ in ("VERB", "AUX") and (lemma in CUE_VERBS or lemma in INTENT_VERBS or lemma in OBJECT_VERBS
                                            or lemma in TOPIC_VERBS):  # fmt: skip
            clause = None
            for child in tok.children:
                if child.dep_ in ("ccomp", "parataxis") and lemma in CUE_VERBS:
                    clause = child
                    break
                if child.dep_ == "xcomp" and lemma in INTENT_VERBS:
                    clause = child
                    break
            if clause is None and lemma in CUE_VERBS:
                clause = _that_clause_under_prep(tok)
            if clause is None and lemma in OBJECT_VERBS:
                _object_cue(tok, text, cues)
                continue
            if clause is None and (lemma in CUE_VERBS or lemma in TOPIC_VERBS):
                _object_cue(tok, text, cues, topic_only=True)  # 'warned of', 'complained about'
                continue
            if clause is None:
                continue
            start, end = _subtree_span(clause)
            # 'says no matter what he does, X': adverbials between the verb and its clause belong to the content.
            for child in tok.rights:
                if child.i < clause.left_edge.i and child.dep_ in _LEADING_DEPS:
                    start = min(start, child.left_edge.idx)
            start, end = trim_span(text, start, end)
            if end - start < 8:
                continue
            cue_start, cue_end = _verb_phrase(tok)
            cues.append(Cue(cue_start, cue_end, text[cue_start:cue_end], subject_of(tok), start, end))
        elif tok.pos_ == "NOUN" and tok.lower_ in NOUN_CUES:
            _noun_cue(tok, text, cues)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            sent = tok.sent
            phrase_start = tok.idx
            phrase_end = source.right_edge.idx + len(source.right_edge.text)
            before = trim_span(text, sent.start_char, phrase_start)
            after = trim_span(text, phrase_end, sent.end_char)
            start, end = after if after[1] - after[0] >= before[1] - before[0] else before
            if end - start < 8:
                continue
            cues.append(Cue(tok.idx, to.idx + len(to.text), text[tok.idx : to.idx + len(to.text)], source, start, end))
    return cues
