"""Reporting cues in a parsed text: the verb, its source and the clause it attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Token

from factcheck.extract.columns import tokens_with
from factcheck.extract.lexicon import (
    BELIEF_VERBS,
    COMMISSIVE_VERBS,
    COPULA,
    CUE_VERBS,
    DIRECTIVE_VERBS,
    NOUN_CUES,
    SPEECH_VERBS,
)
from factcheck.extract.marks import DOUBLE_MARKS
from factcheck.extract.mentions import subject_of
from factcheck.extract.tags import verb_lemma

_MIN_OBJECT_WORDS = 3
_QUOTE_MARKS = re.compile(f"[{DOUBLE_MARKS}]|''|``")
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
    # A belief or expectation ('expects', 'thinks') rather than something said; inside a statement, the words
    # belong to whoever made the statement.
    belief: bool = False


def trim_span(text: str, start: int, end: int, that: bool = False) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace and punctuation; with `that`, a leading 'that' goes too.

    Reported clauses drop their complementiser; quoted words never do ('"That is old news," she said').
    """
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if that and text[start : start + 5].lower() == "that " and end - start > 5:
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


def that_clause_under_prep(verb: Token) -> Token | None:
    """'said in a statement that ...': the parser hangs the clause off the noun, not the verb."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and has_that(clause):
                    return clause
    return None


def has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _is_clause(tok: Token) -> bool:
    """A complement that states something: a verb with a subject or a 'that', not a bare noun or topic.

    The subject may hang off an auxiliary the parser split ('the girl was peppered-sprayed'), and a passive
    participle may be tagged an adjective ('Sanders is best suited to ...').
    """
    subjects = ("nsubj", "nsubjpass", "expl", "csubj")
    if tok.pos_ == "NOUN" and tok.dep_ == "ccomp":
        # A verb the tagger took for a noun after a plural ('the new data show ...'): the parse still gives it
        # what only a clause has, a clause of its own, or the subject before it and no determiner of its own
        # ('calls Kaine her mentor' names, and states no clause).
        if any(c.dep_ == "ccomp" and _is_clause(c) for c in tok.children):
            return True
        determined = any(c.dep_ in ("det", "poss") for c in tok.children)
        return not determined and any(c.dep_ in subjects and c.i < tok.i for c in tok.children)
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if tok.pos_ == "ADJ":
        return any(c.dep_ in subjects for c in tok.children)
    return has_that(tok) or any(t.dep_ in subjects for t in tok.subtree if t.i < tok.i)


def _unsaid(verb: Token) -> bool:
    """'did not say that', 'declined to say whether': a statement nobody made."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb_lemma(verb.head) in ("decline", "refuse", "fail")


def _directive(verb: Token) -> Token | None:
    """'urged Congress to act', 'vowed to repeal the law': a speech act whose infinitive states the content."""
    lemma = verb_lemma(verb)
    addressed = _addressee(verb) is not None
    for child in verb.children:
        infinitive = child.dep_ == "xcomp" or (
            child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        )
        if infinitive and child.pos_ in ("VERB", "AUX") and (
            lemma in COMMISSIVE_VERBS or (lemma in DIRECTIVE_VERBS and addressed)
        ):
            return child
    return None


def _addressee(verb: Token) -> Token | None:
    """Who is urged: 'urged Congress', 'called on Trump', 'called for contestants' (to do something)."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            return child
        calls = child.dep_ == "prep" and child.lower_ in ("on", "upon", "for") and verb_lemma(verb) == "call"
        if calls and any(c.dep_ == "pobj" for c in child.children):
            return child
        if verb_lemma(verb) == "call" and _for_clause(child):
            return next(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
    return None


def _for_clause(tok: Token) -> bool:
    """'called for the strongholds to be hit': a clause with 'for', its own subject and 'to'."""
    children = list(tok.children)
    return (
        tok.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    )


def _object_then_clause(verb: Token) -> tuple[Token, Token] | None:
    """'said life for the next generation would be worse', 'told reporters the survey shows ...', 'keep claiming
    the audit proves ...': the parser took the clause's subject for the verb's object (the last, next to the
    clause), and hung the clause's verb, finite and with no subject, on the verb or on a verb above it."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects:
        return None
    obj = objects[-1]
    # The subject's own modifiers may hang off the verb too ('life | for the next generation | would be').
    between = {t.i for c in verb.children if c.dep_ == "prep" and c.i > obj.i for t in c.subtree}
    above = {verb.i, *(t.i for t in verb.ancestors)}
    if verb.dep_ == "csubj" and _finite(verb.head) and verb.head.i > obj.right_edge.i:
        # 'Several growers wrote [the survey] shows that ...', read as if what they wrote showed it.
        return obj, verb.head
    for clause in verb.sent:
        if clause.dep_ not in ("ccomp", "dep") or clause.head.i not in above or clause.i < obj.i:
            continue
        if any(i not in between for i in range(obj.right_edge.i + 1, clause.left_edge.i)):
            continue
        if _finite(clause) and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return obj, clause
    return None


def _stranded_clause(verb: Token) -> Token | None:
    """'keep saying [the survey shows that ...]': a clause on the very word after the verb, which the parser hung on
    a verb above it; the verb has nothing of its own in between, so the clause is what it says."""
    above = {t.i for t in verb.ancestors}
    return next(
        (t for t in verb.sent if t.i > verb.i and t.left_edge.i == verb.i + 1 and t.dep_ in ("ccomp", "conj", "dep")
         and t.head.i in above and _is_clause(t)),
        None,
    )  # fmt: skip


def _that_after_aside(verb: Token) -> Token | None:
    """'I've heard people say tonight, and I've read it in the paper, that ...': a 'that' clause set off after an
    aside, which the parser hung on the aside's verb as if it were a condition of it; the reporting verb before the
    aside, with no clause of its own, says it."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    below = {t.i for t in verb.subtree}
    for t in verb.sent:
        if t.i <= verb.i or t.i in below:
            continue
        # As a complement only of a verb whose object is already a pronoun ('I have seen it [...], that ...').
        placeholder = t.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in t.head.children)
        if t.dep_ not in ("advcl", "dep") and not placeholder:
            continue
        first = t.left_edge
        marked = first.dep_ == "mark" and first.lower_ == "that" and first.head.i == t.i
        if marked and first.i > 0 and first.nbor(-1).text == "," and _finite(t):
            return t
    return None


def _reported_by_aside(verb: Token, text: str) -> tuple[int, int] | None:
    """'As the Post observed, Republicans control 30 states', 'The plan, Lee said, would fail', 'The first text
    says, and I'm quoting, the barrier shut late': the clause an aside of saying is attached to (its longer side,
    as content is one span)."""
    aside = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    first = next(t for t in verb.subtree if not t.is_punct)
    last = verb.right_edge
    set_off = (first.i > 0 and first.nbor(-1).text == ",") or (
        # Or the saying opens the sentence, set off from what it says by a comma.
        verb.i < verb.head.i and last.i + 1 < len(verb.doc) and last.nbor(1).text == ","
    )
    inserted = verb.dep_ == "parataxis" and set_off
    if not (aside or inserted) or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    main = verb.head
    if main.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in main.children):
        return None
    left, right = _subtree_span(main)
    if _QUOTE_MARKS.search(text, left, right):
        return None  # the frame of a quotation, which the quote itself carries
    aside_start, aside_end = first.idx, verb.right_edge.idx + len(verb.right_edge.text)
    before = trim_span(text, left, aside_start)
    after = trim_span(text, aside_end, right)
    return after if after[1] - after[0] >= before[1] - before[0] else before


def _noun_cue(noun: Token, text: str, cues: list[Cue]) -> None:
    """"Clinton's claim that the deal was fair": a statement noun, its owner, and the clause it states."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return
    clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp") and has_that(c)), None)
    if clause is None and noun.dep_ == "nsubj" and noun.head.lower_ in COPULA:
        # "The Council's case was that the scheme would add 900 cars": the clause the copula gives the noun.
        clause = next((c for c in noun.head.rights if c.dep_ in ("ccomp", "attr") and has_that(c)), None)
    if clause is None:
        return
    start, end = trim_span(text, *_subtree_span(clause), that=True)
    if len(text[start:end].split()) < _MIN_OBJECT_WORDS:
        return
    cues.append(Cue(noun.idx, noun.idx + len(noun.text), noun.text, owner, start, end))


def _run_on(clause: Token) -> Token:
    """The last part of a clause the parser split in two ('[tests have shown the water] [is not safe]'): a finite
    verb with no subject of its own on the very word after a clause that ends with a noun is its rest (the noun was
    its subject, taken for the object before it), wherever the parser hung it. After a conjunction it is another
    verb of the same subject ('is wrong and attacked ...')."""
    last = clause
    sentence = clause.sent
    while last.right_edge.i + 1 < sentence.end and last.right_edge.pos_ in ("NOUN", "PROPN", "PRON"):
        rest = next(
            (t for t in sentence if t.left_edge.i == last.right_edge.i + 1 and t.dep_ in ("ccomp", "conj")
             and _finite(t) and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)),
            None,
        )  # fmt: skip
        if rest is None:
            break
        last = rest
    return last


def _finite(clause: Token) -> bool:
    """A verb with a tense of its own, or a modal or tensed auxiliary."""
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ == "aux" and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in clause.children
    )


def _content_span(verb: Token, lemma: str, text: str) -> tuple[int, int] | None:
    """What a reporting verb attributes: its clause, what it urges, or the clause an aside of saying is attached
    to."""
    clause = None
    if lemma in CUE_VERBS:
        # A verb that opens what it reports with a colon reports what follows: in 'Discussing veteran suicides, she
        # said: "..."' the setting in front, parsed as 'veteran [subject] suicides', is not a second report.
        colon = verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":"
        clauses = sorted(
            (c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), key=lambda c: colon and c.i < verb.i
        )
        clause = (
            next((c for c in clauses if _is_clause(c)), None)
            or that_clause_under_prep(verb)
            or _stranded_clause(verb)
            or _that_after_aside(verb)
        )
    directive = clause is None and (clause := _directive(verb)) is not None
    if _unsaid(verb):
        return None
    if clause is None:
        if lemma not in SPEECH_VERBS:
            return None
        split = _object_then_clause(verb)
        if split is not None:
            start, end = split[0].left_edge.idx, _subtree_span(_run_on(split[1]))[1]
        else:
            aside = _reported_by_aside(verb, text)
            if aside is None:
                return None
            start, end = aside
    elif directive:
        start, end = _subtree_span(clause)
        if _for_clause(clause):
            start = next(t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)).idx
        # The addressee belongs to what is urged: 'urged Congress to act'.
        addressee = _addressee(verb)
        if addressee is not None and addressee.i < clause.i:
            if addressee.dep_ == "prep":
                addressee = next(c for c in addressee.children if c.dep_ == "pobj")
            start = min(start, addressee.left_edge.idx)
    else:
        start, end = _subtree_span(clause)[0], _subtree_span(_run_on(clause))[1]
        # 'says no matter what he does, X': adverbials between the verb and its clause are content.
        for child in verb.rights:
            if child.i < clause.left_edge.i and child.dep_ in _LEADING_DEPS:
                start = min(start, child.left_edge.idx)
    start, end = trim_span(text, start, end, that=True)
    return (start, end) if end - start >= 8 else None


def relative_misparsed(verb: Token) -> bool:
    """'Biden, on the bill Sanders opposed:' parsed with both names as the verb's subjects: a clause has one, so the
    verb is a relative clause of the noun before its second subject, and the first name, set off by a comma, is
    whose words follow."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 2 or verb.doc[subjects[0].i + 1].text != ",":
        return False
    # The second subject follows a noun with nothing between ('the bill Sanders opposed'): the noun it relates to.
    before = subjects[1].left_edge.i - 1
    return before > subjects[0].i + 1 and verb.doc[before].pos_ in ("NOUN", "PROPN")


def find_cues(doc: Doc, text: str | None = None) -> list[Cue]:
    """Reported speech in `doc` (whose text is `text`): a verb of saying or belief with the clause it reports.

    Only a propositional complement counts ('said that the plan would fail', 'according to X, ...', 'vowed to
    repeal it'); a verb with a topic, a listener or an adverbial ('defended the levy', 'spoke for an hour',
    'warned Congress about X', 'was asked about the loan') reports no statement.
    """
    text = doc.text if text is None else text
    cues: list[Cue] = []
    # Only verbs, nouns and 'according' can report: a look at every other word would find nothing.
    for tok in tokens_with(doc, {POS: ("VERB", "AUX", "NOUN"), LOWER: ("according",)}):
        lemma = verb_lemma(tok)
        # A word the tagger took for a noun but the parse gives a subject is the sentence's verb ('Posts on social
        # media claim that ...').
        verbal = tok.pos_ in ("VERB", "AUX") or (
            tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)
        )
        if verbal and tok.dep_ not in ("amod", "compound") and not relative_misparsed(tok) and (
            lemma in CUE_VERBS or lemma in COMMISSIVE_VERBS or lemma in DIRECTIVE_VERBS
        ):
            span = _content_span(tok, lemma, text)
            if span is None:
                continue
            start, end = span
            cue_start, cue_end = _verb_phrase(tok)
            belief = lemma in BELIEF_VERBS and lemma not in SPEECH_VERBS
            cues.append(Cue(cue_start, cue_end, text[cue_start:cue_end], subject_of(tok), start, end, belief))
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
            before = trim_span(text, sent.start_char, phrase_start, that=True)
            after = trim_span(text, phrase_end, sent.end_char, that=True)
            start, end = after if after[1] - after[0] >= before[1] - before[0] else before
            if end - start < 8:
                continue
            cues.append(Cue(tok.idx, to.idx + len(to.text), text[tok.idx : to.idx + len(to.text)], source, start, end))
    return cues
