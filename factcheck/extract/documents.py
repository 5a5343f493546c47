"""Documents an article mentions and who issued them: 'the report said' speaks for whoever the article says
wrote the report, and 'it' after 'The report recommended ...' means the report."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from factcheck.extract.columns import tokens_with
from factcheck.extract.lexicon import DOCUMENT_NOUNS, SPEECH_VERBS
from factcheck.extract.mentions import ISSUING_VERBS, document_author, subject_of
from factcheck.extract.tags import verb_lemma

# 'said in a statement', 'responded with a note', 'wrote on its website'.
_CARRYING_PREPS = frozenset({"in", "with", "through", "via", "on"})


@dataclass(frozen=True)
class IssuedDocument:
    """A document the article introduces with its issuer; `issuer` None when the article names no one."""

    position: int
    head: str
    issuer: str | None


def is_document(tok: Token) -> bool:
    """A noun for something written or published ('statement', 'report', 'memoir')."""
    return tok.pos_ == "NOUN" and tok.lower_ in DOCUMENT_NOUNS


def document_nouns(doc: Doc) -> list[Token]:
    """Every token of `doc` that `is_document`, in order."""
    return [tok for tok in tokens_with(doc, {LOWER: DOCUMENT_NOUNS}) if is_document(tok)]


def issuer_token(noun: Token) -> Token | None:
    """Who the sentence says issued document `noun`: its owner ('her memoir'), its author ('a letter from X',
    'prepared by X', 'signed by X'), or the subject of the verb it was issued or spoken in ('said in a statement',
    'released a report', 'presented the report')."""
    author = document_author(noun)
    if author is not None:
        return author
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _CARRYING_PREPS and _issues(head.head):
        return subject_of(head.head)
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and verb_lemma(head) in ISSUING_VERBS:
        return subject_of(head)
    return None


def _issues(verb: Token) -> bool:
    """A verb of saying or publishing, whose subject is the author of what it is said in."""
    return verb.pos_ in ("VERB", "AUX") and (verb_lemma(verb) in SPEECH_VERBS or verb_lemma(verb) in ISSUING_VERBS)
