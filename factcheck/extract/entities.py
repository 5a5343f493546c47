"""Names from the tagger: runs of proper nouns labelled person, organisation or place, instead of the NER pass."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from factcheck.extract.lexicon import (
    FEMALE_NAMES,
    HONORIFIC_GENDER,
    MALE_NAMES,
    NICKNAME_MARKS,
    ORG_WORDS,
    PLACE_STARTS,
    TITLES,
)
from factcheck.extract.speakers import without_nickname
from factcheck.names import is_name_suffix


def _is_name_token(tok: Token) -> bool:
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ == "PROPN":
        return True
    # The tagger misses some first names ('Barack' as a preposition) while the parse still attaches them to
    # the surname: a capitalised word compounding a proper noun just after it belongs to the name. At the
    # start of a sentence any word is capitalised ('Meanwhile Rihanna'), so there only known first names.
    head = tok.head
    if not (tok.is_alpha and tok.dep_ == "compound" and head.pos_ == "PROPN" and 0 < head.i - tok.i <= 2):
        return False
    return not tok.is_sent_start or tok.lower_ in MALE_NAMES or tok.lower_ in FEMALE_NAMES


def _is_title(tok: Token) -> bool:
    return tok.lower_ in TITLES or tok.lower_.rstrip(".") in TITLES


def _suffixes_only(doc: Doc, start: int, end: int) -> bool:
    """Only 'Jr.', 'III' and the like: the title word before them is a surname ('Martin Luther King Jr.')."""
    return all(is_name_suffix(t.text) for t in doc[start:end])


def _run_end(doc: Doc, j: int) -> int:
    while j < len(doc) and _is_name_token(doc[j]):
        j += 1
    return j


def _nickname_end(doc: Doc, j: int) -> int | None:
    """Index after a quoted nickname at `j` that a surname follows ('Marcus "The Hammer" Bell')."""
    if j >= len(doc) or doc[j].text not in NICKNAME_MARKS:
        return None
    for k in range(j + 1, min(j + 6, len(doc) - 1)):
        if doc[k].text in NICKNAME_MARKS:
            return k + 1 if _is_name_token(doc[k + 1]) else None
        if not doc[k].text[:1].isupper():
            return None
    return None


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns, split after a title word ('Press Secretary | Sean Spicer')."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = _run_end(doc, i + 1)
        nickname_end = _nickname_end(doc, j)
        if nickname_end is not None:
            j = _run_end(doc, nickname_end)
        start = i
        quoted = False
        for k in range(i, j - 1):
            if doc[k].text in NICKNAME_MARKS:
                quoted = not quoted
            elif not quoted and _is_name_token(doc[k]) and _is_title(doc[k]) and not _suffixes_only(doc, k + 1, j):
                start = k + 1
        if any(doc[k].lower_ in ORG_WORDS for k in range(start, j)):
            start = i  # 'the Interior Ministry': the role word is part of the organisation's name
        runs.append((start, j))
        i = j
    return runs


def _label(doc: Doc, start: int, end: int) -> str:
    tokens = without_nickname(list(doc[start:end]))
    if not tokens:
        return "GPE"
    lowered = [t.lower_ for t in tokens]
    if any(w in ORG_WORDS for w in lowered):
        return "ORG"
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return "ORG"  # an acronym: FBI, CNN, NATO
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    if lowered[0] in MALE_NAMES or lowered[0] in FEMALE_NAMES or before in HONORIFIC_GENDER or before in TITLES:
        return "PERSON"
    if lowered[0] in PLACE_STARTS:
        return "GPE"
    if 2 <= len(tokens) <= 4 and all(t.is_alpha or t.text.endswith(".") for t in tokens):
        return "PERSON"
    return "GPE"


def mark_names(doc: Doc) -> None:
    """Set `doc.ents` from the proper-noun runs; single words that end a known person's name are that person."""
    labelled = [(start, end, _label(doc, start, end)) for start, end in _runs(doc)]
    surnames = {
        next((t.lower_ for t in reversed(doc[start:end]) if not is_name_suffix(t.text)), "")
        for start, end, label in labelled
        if label == "PERSON" and end - start > 1
    }
    ents: list[Span] = []
    for start, end, label in labelled:
        if label == "GPE" and end - start == 1 and doc[start].lower_ in surnames:
            label = "PERSON"
        ents.append(Span(doc, start, end, label=label))
    doc.set_ents(ents, default="outside")
