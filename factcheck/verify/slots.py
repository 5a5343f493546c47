"""Whether a quote's words stand in the grammatical slot of the passage words they replace.

A changed copy of a sentence keeps its grammar: a noun for a noun ('the tax on food' for 'on fuel'), a verb for a
verb, a number or a quantifier for another. Where a quote only shares a stretch with another sentence, the two
part at the quote's edge into words of different kinds ('Kenya to find out about' against 'we want to find out
about'): that edge is where the quote's own sentence goes on, not a word changed. The parts of speech come from
the spaCy parse (`Statements.parts_of_speech`), of the quote alone and of the whole passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.changes import same_scale
from factcheck.stages import Statements
from factcheck.tokens import Token, slot_kinds

# Parts of speech that fill one slot: a noun, a name or a pronoun can be the subject or object; a determiner or a
# numeral counts what follows; a participle can stand where an adjective does ('a rigged system', 'a broken one').
_SLOTS: dict[str, frozenset[str]] = {
    "NOUN": frozenset({"nominal"}), "PROPN": frozenset({"nominal"}), "PRON": frozenset({"nominal"}),
    "VERB": frozenset({"verbal"}), "AUX": frozenset({"verbal"}),
    "DET": frozenset({"determiner"}), "NUM": frozenset({"determiner"}),
    "ADJ": frozenset({"adjectival"}), "ADV": frozenset({"adverbial"}),
    "CCONJ": frozenset({"conjunction"}), "SCONJ": frozenset({"conjunction"}),
}  # fmt: skip
_PARTICIPLES = frozenset({"VBN", "VBG"})
# Closed classes whose words stand in one another's slot by their class alone (a quantifier and a degree word are
# one scale): the parse of a fragment is not needed to see 'three' in the slot of 'two'.
CLOSED_SLOTS = {"negation": 0, "quantifier": 1, "degree": 1, "modal": 2, "number": 3, "person": 4}


@dataclass
class SlotReader:
    """Reads the parts of speech of one quote and one passage, each parsed once, when a slot is first asked about."""

    grammar: Statements | None
    quote: str
    passage: str
    _tags: dict[str, dict[int, tuple[str, str, str]]] = field(default_factory=dict)

    def same_slot(self, quoted: Sequence[Token], source: Sequence[Token], from_end: bool) -> bool:
        """The quote word next to the kept words stands in the slot of the passage word it replaces (`from_end`: the
        stretch opens the quote, so its last word is the one); True when there is no parse to tell. Further words
        of a longer stretch are not paired: the alignment lines them up by position, not by what they do ('were
        marked classified' for 'had such a header')."""
        if not quoted or not source:
            return True
        return self._pair(quoted[-1], source[-1]) if from_end else self._pair(quoted[0], source[0])

    def _pair(self, quoted: Token, source: Token) -> bool:
        if closed_slot(quoted, source):
            return True
        if quoted.kind == source.kind == "name":
            # A name for a name is a name changed in its place ('Democrats and Iranian' for 'Democrats and
            # Republicans'); the parse of a fragment may read a people's name as an adjective.
            return True
        if same_scale(quoted.norm, source.norm):
            return True  # another degree of one word ('longer' for 'longest'), however a fragment's parse reads it
        if {quoted.kind, source.kind} == {"negation", "function"}:
            return True  # a negation put over a verb's auxiliary ('not a risk' for 'is a risk') negates this sentence
        q, s = self._tag(self.quote, quoted), self._tag(self.passage, source)
        if q is None or s is None:
            return True
        return bool(_slots(*q) & _slots(*s))

    def _tag(self, text: str, token: Token) -> tuple[str, str, str] | None:
        if self.grammar is None:
            return None
        if text not in self._tags:
            self._tags[text] = {start: (pos, tag, dep) for start, pos, tag, dep in self.grammar.parts_of_speech(text)}
        return self._tags[text].get(token.start)


def closed_slot(quoted: Token, source: Token) -> bool:
    """Both words belong to one closed class ('three' for 'two', 'no' for 'every': a negation that quantifies is a
    quantifier too)."""
    slots = {CLOSED_SLOTS[k] for k in slot_kinds(quoted) if k in CLOSED_SLOTS}
    return bool(slots & {CLOSED_SLOTS[k] for k in slot_kinds(source) if k in CLOSED_SLOTS})


def _slots(pos: str, tag: str, dep: str) -> frozenset[str]:
    slots = _SLOTS.get(pos, frozenset({pos}))
    # A noun that modifies the noun after it stands where an adjective does ('cartel kingpins', 'underwater
    # kingpins'), as a participle does ('a rigged system').
    return slots | {"adjectival"} if tag in _PARTICIPLES or dep == "compound" else slots
