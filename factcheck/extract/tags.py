"""Coarse part-of-speech tags from the tagger's fine tags, as the pipeline's attribute ruler would set them.

The attribute ruler runs a matcher over every token; the rules need only the coarse tag, which a
lookup by fine tag plus the ruler's few single-token exceptions gives in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from factcheck.extract.lexicon import COMMISSIVE_VERBS, CUE_VERBS, DIRECTIVE_VERBS, QUOTE_VERBS, STANCE_VERBS

_KNOWN_VERBS = CUE_VERBS | COMMISSIVE_VERBS | DIRECTIVE_VERBS | QUOTE_VERBS | STANCE_VERBS

_Check = Callable[[Token], bool]
_MEMO_LIMIT = 200_000
_ATTRS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


def _check(attr: str, spec: Any) -> _Check | None:
    get = _ATTRS.get(attr)
    if get is None:
        return None
    if isinstance(spec, Mapping):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda t: get(t) in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda t: get(t) not in banned
        return None
    return lambda t: get(t) == spec


class CoarseTagger:
    """Sets `pos_` from `tag_` with the attribute ruler's own patterns, compiled once per pipeline."""

    def __init__(self, nlp: Language) -> None:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        self.by_tag: dict[str, list[tuple[int, list[_Check], str]]] = {}
        self.any_tag: list[tuple[int, list[_Check], str]] = []
        self.pairs: list[tuple[int, list[_Check], list[_Check], int, str]] = []
        self.base: dict[str, tuple[int, str]] = {}
        self.memo: dict[tuple[str, str, str, bool], tuple[int, str]] = {}
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

    def _single(self, tok: Token) -> tuple[int, str]:
        best = self.base.get(tok.tag_, (-1, "X"))
        for order, checks, candidate in self.by_tag.get(tok.tag_, ()):
            if order > best[0] and all(c(tok) for c in checks):
                best = (order, candidate)
        for order, checks, candidate in self.any_tag:
            if order > best[0] and all(c(tok) for c in checks):
                best = (order, candidate)
        return best

    def __call__(self, doc: Doc) -> Doc:
        """Fill `pos_` on every token of a tagged and parsed `doc`; later patterns win, as in the ruler."""
        chosen: list[tuple[int, str]] = []
        for tok in doc:
            # Single-token patterns look only at these attributes, so equal keys get equal tags.
            key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
            best = self.memo.get(key)
            if best is None:
                best = self._single(tok)
                if len(self.memo) < _MEMO_LIMIT:
                    self.memo[key] = best
            chosen.append(best)
        for order, first, second, index, pos in self.pairs:
            for i in range(len(doc) - 1):
                target = i + index
                if order > chosen[target][0] and all(c(doc[i]) for c in first) and all(c(doc[i + 1]) for c in second):
                    chosen[target] = (order, pos)
        for tok, (_order, pos) in zip(doc, chosen, strict=True):
            tok.pos_ = pos
        return doc


def verb_lemma(tok: Token) -> str:
    """Lowercased lemma; a word already in the verb lists is its own lemma ('guess' is not 'gues')."""
    return tok.lower_ if tok.lower_ in _KNOWN_VERBS else tok.lemma_.lower()
