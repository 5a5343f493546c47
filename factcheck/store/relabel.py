"""New metadata for a stored document: its passages relabelled, their text, offsets and vectors kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.types import DocumentInfo, DocumentRef, Passage

FIELDS = ("speaker", "title", "date", "url")


@dataclass(frozen=True)
class Relabelled:
    """A document's new reference (its metadata) and its passages carrying it."""

    document: DocumentRef
    passages: list[Passage]


def relabel(info: DocumentInfo, passages: Sequence[Passage], changes: Mapping[str, str | None]) -> Relabelled:
    """The passages of `info` with `changes` applied, as an ingest with these flags would have stored them.

    A speaker fills every passage of a single-speaker document (replacing its speaker), and only the passages
    without one in a transcript of several speakers, as `--speaker` does at ingest; a transcript whose every
    turn names its speaker cannot take one, and clearing works on single-speaker documents only.
    """
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InputError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
    values = {name: getattr(info, name) for name in FIELDS} | dict(changes)
    relabelled = list(passages)
    if "speaker" in changes:
        relabelled, values["speaker"] = _speakers(info, passages, changes["speaker"])
    ref = DocumentRef(id=info.id, **values)
    return Relabelled(ref, [p.model_copy(update={"document": ref}) for p in relabelled])


def _speakers(info: DocumentInfo, passages: Sequence[Passage], speaker: str | None) -> tuple[list[Passage], str | None]:
    named = {p.speaker for p in passages if p.speaker}
    if not named - {info.speaker}:
        # One voice (or none): the document's speaker is every passage's.
        return [p.model_copy(update={"speaker": speaker}) for p in passages], speaker
    voices = ", ".join(sorted(named)[:5])
    if speaker is None:
        raise InputError(
            f"{info.id!r} is a transcript of several speakers ({voices}); its turns name them, so there is no "
            "document speaker to clear"
        )
    if all(p.speaker for p in passages):
        raise InputError(
            f"{info.id!r} is a transcript whose turns all name their speakers ({voices}); a document speaker "
            "would contradict them"
        )
    filled = [p if p.speaker else p.model_copy(update={"speaker": speaker}) for p in passages]
    everyone = {p.speaker for p in filled}
    return filled, everyone.pop() if len(everyone) == 1 else None
