"""Coarse part-of-speech tags from the tagger's fine tags, as the pipeline's attribute ruler would set them.

The attribute ruler runs a matcher over every token; the rules need only the coarse tag, which a
lookup by fine tag plus the ruler's few single-token exceptions gives in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

from factcheck.extract.lexicon import COMMISSIVE_VERBS, CUE_VERBS, DIRECTIVE_VERBS, QUOTE_VERBS, STANCE_VERBS

_KNOWN_VERBS = CUE_VERBS | COMMISSIVE_VERBS | DIRECTIVE_VERBS | QUOTE_VERBS | STANCE_VERBS

# What the patterns look at of a token: its fine tag, lower form, dependency label and whether it is space.
_Attrs = tuple[str, str, str, bool]
_Check = Callable[[_Attrs], bool]
_MEMO_LIMIT = 200_000
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
# The same attributes as the doc's arrays hold them (string hashes and a flag), one row a token.
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]


def _check(attr: str, spec: Any) -> _Check | None:
    field = _FIELDS.get(attr)
    if field is None:
        return None
    if isinstance(spec, Mapping):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda a: a[field] in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda a: a[field] not in banned
        return None
    return lambda a: a[field] == spec


def _attrs(tok: Token) -> _Attrs:
    return tok.tag_, tok.lower_, tok.dep_, tok.is_space


def _named_words(spec: Any) -> set[str]:
    """The lower forms a pattern's LOWER spec names (one word, or the words it allows or bans)."""
    if isinstance(spec, Mapping):
        return {word for words in spec.values() for word in words}
    return {spec} if isinstance(spec, str) else set()


class CoarseTagger:
    """Sets `pos_` from `tag_` with the attribute ruler's own patterns, compiled once per pipeline."""

    def __init__(self, nlp: Language) -> None:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        self.by_tag: dict[str, list[tuple[int, list[_Check], str]]] = {}
        self.any_tag: list[tuple[int, list[_Check], str]] = []
        self.pairs: list[tuple[int, list[_Check], list[_Check], int, str]] = []
        self.base: dict[str, tuple[int, str]] = {}
        self.memo: dict[tuple[int, ...], tuple[tuple[int, str], _Attrs]] = {}
        # The lower forms any pattern names, by string id: every other word meets the same checks.
        self.named: set[int] = set()
        for order, entry in enumerate(ruler.patterns):
            pos = entry["attrs"].get("POS")
            if pos is None:
                continue
            for pattern in entry["patterns"]:
                self._add(order, pattern, entry.get("index", 0), pos)

    def _add(self, order: int, pattern: Sequence[Mapping[str, Any]], index: int, pos: str) -> None:
        compiled = [[_check(attr, spec) for attr, spec in token.items()] for token in pattern]
        if any(c is None for checks in compiled for c in checks):
            raise ValueError(f"unsupported attribute-ruler pattern {pattern!r}")
        checks = [[c for c in token if c is not None] for token in compiled]
        self.named.update(get_string_id(word) for token in pattern for word in _named_words(token.get("LOWER")))
        if len(pattern) == 2:
            self.pairs.append((order, checks[0], checks[1], index, pos))
            return
        if len(pattern) != 1:
            raise ValueError(f"unsupported attribute-ruler pattern {pattern!r}")
        tag = pattern[0].get("TAG")
        if isinstance(tag, str) and set(pattern[0]) == {"TAG"}:
            self.base[tag] = (order, pos)
        elif isinstance(tag, str):
            self.by_tag.setdefault(tag, []).append((order, checks[0], pos))
        else:
            self.any_tag.append((order, checks[0], pos))

    def _single(self, attrs: _Attrs) -> tuple[int, str]:
        best = self.base.get(attrs[0], (-1, "X"))
        for order, checks, candidate in self.by_tag.get(attrs[0], ()):
            if order > best[0] and all(c(attrs) for c in checks):
                best = (order, candidate)
        for order, checks, candidate in self.any_tag:
            if order > best[0] and all(c(attrs) for c in checks):
                best = (order, candidate)
        return best

    def __call__(self, doc: Doc) -> Doc:
        """Fill `pos_` on every token of a tagged and parsed `doc`; later patterns win, as in the ruler."""
        chosen: list[tuple[int, str]] = []
        seen: list[_Attrs] = []
        # Read from the doc's arrays: a Token object for each word would cost more than the lookup itself.
        for i, (tag, lower, dep, space) in enumerate(doc.to_array(_ARRAY_ATTRS).tolist()):
            # Patterns look only at these attributes, and at the lower form only to match a word they name, so
            # equal keys meet the same checks; a key's first token stands for the rest.
            key = (tag, lower if lower in self.named else 0, dep, space)
            known = self.memo.get(key)
            if known is None:
                attrs = _attrs(doc[i])
                known = (self._single(attrs), attrs)
                if len(self.memo) < _MEMO_LIMIT:
                    self.memo[key] = known
            chosen.append(known[0])
            seen.append(known[1])
        for order, first, second, index, pos in self.pairs:
            for i in range(len(doc) - 1):
                target = i + index
                if order > chosen[target][0] and all(c(seen[i]) for c in first) and all(c(seen[i + 1]) for c in second):
                    chosen[target] = (order, pos)
        if chosen:
            column = numpy.array([[POS_IDS[pos]] for _order, pos in chosen], dtype=numpy.uint64)
            doc.from_array([POS], cast(Ints2d, column))
        return doc


def verb_lemma(tok: Token) -> str:
    """Lowercased lemma; a word already in the verb lists is its own lemma ('guess' is not 'gues')."""
    return tok.lower_ if tok.lower_ in _KNOWN_VERBS else tok.lemma_.lower()
