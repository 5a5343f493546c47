"""Tokens picked by their attributes from the doc's arrays.

A pass over every token of a long document builds a Token object for each word; reading an attribute's column
once and building Tokens only for the few words a rule looks at costs a fraction of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy
from spacy.attrs import IDX, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, in order."""
    starts: list[int] = doc.to_array(IDX).tolist()
    return starts


def _value_ids(attr: int, values: Iterable[str]) -> numpy.ndarray:
    """The ids under which the doc's arrays hold `values` of `attr`: coarse tags by their own table, the rest as
    strings (symbols keep their fixed ids). Unsigned, as the arrays are: a mixed comparison would go by floats."""
    ids = [POS_IDS[value] for value in values] if attr == POS else [get_string_id(value) for value in values]
    return numpy.array(ids, dtype=numpy.uint64)


def positions_with(doc: Doc, wanted: Mapping[int, Iterable[str]]) -> list[int]:
    """Indices, in order, of the tokens whose value of any attribute in `wanted` (DEP, POS, LOWER, ...) is one of
    the values given for it."""
    if not len(doc):
        return []
    hit = numpy.zeros(len(doc), dtype=bool)
    for attr, values in wanted.items():
        hit |= numpy.isin(doc.to_array(attr), _value_ids(attr, values))
    positions: list[int] = numpy.flatnonzero(hit).tolist()
    return positions


def tokens_with(doc: Doc, wanted: Mapping[int, Iterable[str]]) -> list[Token]:
    """The tokens, in order, whose value of any attribute in `wanted` is one of the values given for it."""
    return [doc[i] for i in positions_with(doc, wanted)]
