"""Whether a quote states something (a clause: a verb with its subject, or a verb at its head) or only names
something (a noun phrase, a prepositional phrase).

A frame in the source (a denial, a condition, words reported from others) is a frame around a claim: quoting the
claim without it changes what the speaker committed to. A quoted phrase that names something ('training to fill
those jobs', 'of the world's largest religions') commits the speaker to nothing the frame could change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_VERBS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Pipes the parse does not need (a pipeline without them ignores the names).
_UNUSED = ("ner", "lemmatizer")


class ParsedStatements:
    """Reads with the spaCy pipeline whether a quote is a clause; the pipeline is loaded on first use."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._nlp: Any = None

    def states(self, text: str) -> bool:
        """True when the quote is a clause: a verb at the head of a sentence of it, or a verb with a subject."""
        if self._nlp is None:
            self._nlp = self._load()
        doc = self._nlp(text, disable=_UNUSED)
        if any(sent.root.pos_ in _VERBS for sent in doc.sents):
            return True
        return any(t.pos_ in _VERBS and any(c.dep_ in _SUBJECTS for c in t.children) for t in doc)
