"""Whether a quote states something (a clause: a verb with its subject, or a verb at its head) or only names
something (a noun phrase, a prepositional phrase), and the part of speech of each word of a quote or a passage.

A frame in the source (a denial, a condition, words reported from others) is a frame around a claim: quoting the
claim without it changes what the speaker committed to. A quoted phrase that names something ('training to fill
those jobs', 'of the world's largest religions') commits the speaker to nothing the frame could change.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_VERBS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A clause's complement that says what its subject is ('will be the worst', 'became unaffordable').
_PREDICATES = frozenset({"attr", "acomp"})
# A verb that describes a noun ('training [to fill those jobs]', 'the homes [built last year]'): what it heads names.
_DESCRIBING = frozenset({"acl", "relcl", "amod", "compound"})
# Pipes the parse does not need (a pipeline without them ignores the names).
_UNUSED = ("ner", "lemmatizer")
# Texts whose parts of speech are remembered: a passage is often asked about again for the next quote.
TAGGED_TEXTS = 256


class ParsedStatements:
    """Reads with the spaCy pipeline whether a quote is a clause, and parts of speech; the pipeline is loaded on first
    use."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._nlp: Any = None
        self._tagged: OrderedDict[str, tuple[tuple[int, str, str, str], ...]] = OrderedDict()

    def states(self, text: str) -> bool:
        """True when the quote is a clause: a verb at the head of a sentence of it, or a verb with a subject. A
        relative clause describes the noun it hangs from ('this dark force that this president is bringing up'):
        a quote that opens as a noun phrase is still one, which names something."""
        doc = self._parse(text)
        if any(sent.root.pos_ in _VERBS for sent in doc.sents):
            return True
        # Only a quote that opens as a noun phrase does ('support legislation that punished women' is a predicate).
        noun_phrase = len(doc) > 0 and doc[0].dep_ in ("det", "poss")
        described = {t.i for t in doc if noun_phrase and t.dep_ == "relcl"}
        clauses = (t for t in doc if t.pos_ in _VERBS and t.i not in described)
        return any(any(c.dep_ in _SUBJECTS for c in t.children) for t in clauses)

    def parts_of_speech(self, text: str) -> tuple[tuple[int, str, str, str], ...]:
        """Each word's first character, universal part of speech, fine tag ('VBN') and dependency ('compound')."""
        found = self._tagged.get(text)
        if found is None:
            found = tuple((t.idx, t.pos_, t.tag_, t.dep_) for t in self._parse(text))
            self._tagged[text] = found
            if len(self._tagged) > TAGGED_TEXTS:
                self._tagged.popitem(last=False)
        return found

    def predicates(self, text: str, start: int, end: int) -> bool:
        """The words of `text` at [start, end) are what a clause says of its subject, outside them: the complement
        of 'be' or 'become' ('the storm will be | the worst in a hundred years |'), or the clause's own verb with
        what follows it ('the pool will | close in the autumn |', which parsed alone reads as no verb). Quoted
        alone, such a phrase is still the claim."""
        doc = self._parse(text)
        inside = [t for t in doc if start <= t.idx < end and not t.is_punct]
        heads = [t for t in inside if t.head.i == t.i or not start <= t.head.idx < end]
        if len(heads) != 1:
            return False
        head = heads[0]
        complement = head.dep_ in _PREDICATES and head.head.i != head.i
        return complement or (head.pos_ == "VERB" and head.dep_ not in _DESCRIBING)

    def _parse(self, text: str) -> Any:
        if self._nlp is None:
            self._nlp = self._load()
        return self._nlp(text, disable=_UNUSED)
