"""Speaker turns of transcripts: "NAME: text" lines in plain text, and full names for short speaker labels."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.names import is_organisation, is_title, wordset
from factcheck.types import Turn

# Transcript rows credited to the transcriber, not a person (stage directions such as "(APPLAUSE)").
_NOT_A_SPEAKER = wordset("system unknown n/a none")
# Labels for the one who asks, by their role (someone from the audience, the show's host); named only when the
# turns just before name them, else another, unnamed voice: a role is no one's name.
_QUESTIONER = frozenset(
    {
        "question", "questioner", "q", "audience", "audience member", "audience question", "reporter",
        "unidentified", "unidentified male", "unidentified female", "unidentified speaker",
        "host", "interviewer", "presenter", "anchor", "moderator",
    }
)  # fmt: skip
# Labels for the one answering in a question-and-answer layout ("Q: ... / A: ..."): the document's own speaker.
_ANSWERER = frozenset({"a", "answer"})
# A moderator who names a questioner mentions the question ("a question from Patrice Brock").
_INTRODUCES = re.compile(r"\b(?:question|questions|ask|asks|asking)\b", re.IGNORECASE)
# How many turns back (stage directions not counted) a moderator's introduction of a questioner may be.
QUESTIONER_LOOKBACK = 3
# Capitalised words that start sentences rather than names ("And Hillary Clinton" is "Hillary Clinton").
_NOT_GIVEN_NAMES = wordset(
    """
    a an and as at but by for from he her his i if in into it its me my no not now of oh ok okay on or our
    she so than thank thanks that the their then there these they this those to today tonight under up us
    was we well what when where which who why will with yes yet you your
    """
)
_NAME_WORD = r"[A-Z][\w'\u2019-]*[a-z]"
# A run of capitalised words and initials on one line: "Senator Tim Kaine", "Donald J. Trump".
_CAPITALISED_RUN = re.compile(rf"\b(?:{_NAME_WORD}|[A-Z]\.)(?:[ \t]+(?:{_NAME_WORD}|[A-Z]\.))+")
# Given names, middle names and surname together; longer runs keep their last words.
MAX_NAME_WORDS = 4
# "SENATOR WARREN:", "MR. SMITH:", "Q:", "Jane Doe:" at the start of a line, then the words spoken.
_LABEL_LINE = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Za-z.'\u2019-]*(?:[ \t]+[A-Z][A-Za-z.'\u2019-]*){0,3})[ \t]*:[ \t]+(?P<rest>\S)",
    re.MULTILINE,
)
# "[CHAIR LUCIA BRANDT] Thank you": the speaker identification of captions kept as plain text. Sound
# descriptions are bracketed the same way ("[APPLAUSE]"), so such a label must read as a person's name.
_BRACKET_LINE = re.compile(
    r"^[ \t]*\[(?P<label>[A-Z][A-Za-z.'\u2019-]*(?:[ \t]+[A-Z][A-Za-z.'\u2019-]*){0,4})\][ \t]*(?P<rest>\S)",
    re.MULTILINE,
)
# A parliamentary record's heading: an office or a name, then what the record adds in parentheses (the member's
# name after an office, a constituency, a party), then a colon: "The Minister for Emergency Management (Ruth
# Adebayo):", "Mr Callum Price (Shorebridge) (Opposition):". Lower-case words join an office's name ("for", "of").
_RECORD_LINE = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w.'\u2019-]*(?:[ \t]+[\w.'\u2019-]+){0,7}?)[ \t]*"
    r"(?P<notes>(?:\([^()\n]{1,60}\)[ \t]*){1,3}):[ \t]+(?P<rest>\S)",
    re.MULTILINE,
)
_NOTE = re.compile(r"\(([^()\n]+)\)")
# "Q." and "A." opening a line: the question-and-answer convention of court and press-conference transcripts.
_QA_LINE = re.compile(r"^[ \t]*(?P<label>[QA])\.[ \t]+(?P<rest>\S)", re.MULTILINE)
# Plain text is a transcript when labelled lines are this share of its lines, and there are enough of them.
MIN_LABELLED_SHARE = 1 / 3
MIN_LABELLED_LINES = 3


@dataclass(frozen=True)
class _Turn:
    label: str
    text: str
    rows: list[int]


def speaker_name(raw: str) -> str | None:
    """A display name from a transcript's speaker label: upper-case words title-cased, markers dropped."""
    name = " ".join(raw.split())
    if not name or name.lower() in _NOT_A_SPEAKER:
        return None
    tokens = [t.title() if sum(c.isalpha() for c in t) >= 2 and t.isupper() else t for t in name.split(" ")]
    return " ".join(tokens)


def _is_questioner(label: str) -> bool:
    return " ".join(label.lower().split()).rstrip(".") in _QUESTIONER


def _is_answerer(label: str) -> bool:
    return " ".join(label.lower().split()).rstrip(".") in _ANSWERER


def _people(text: str) -> list[tuple[str, str]]:
    """(full name, surname) of every capitalised run in `text` that reads as a person's full name.

    Leading titles and sentence-opening words are dropped ("And Senator Tim Kaine" is "Tim Kaine");
    what is left needs a given name and a surname, and must not read as an organisation.
    """
    found = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group().split()
        while words and _not_a_name_start(words[0]):
            words.pop(0)
        words = words[-MAX_NAME_WORDS:]
        if len(words) < 2 or words[-1].endswith(".") or is_title(words[-1]) or is_organisation(" ".join(words)):
            continue
        found.append((" ".join(words), words[-1]))
    return found


def _not_a_name_start(word: str) -> bool:
    """A title ("Senators"), an initial, or a word that opens sentences ("I'm", "And")."""
    plain = re.split(r"['\u2019]", word.lower())[0]
    return is_title(word) or is_title(word.removesuffix("s")) or word.endswith(".") or plain in _NOT_GIVEN_NAMES


def _full_name(label: str, people: Sequence[tuple[str, str]]) -> str | None:
    """The most frequent full name in the transcript whose surname is this one-word label."""
    counts = Counter(full for full, surname in people if surname.lower() == label.lower())
    if not counts:
        return None
    # Most frequent, then the first introduced (Counter keeps first-seen order among equals).
    return counts.most_common(1)[0][0]


def name_speakers(rows: Sequence[tuple[str, str]]) -> list[str | None]:
    """Display names for the (label, words) rows of a transcript, in order.

    A one-word label ("HOLT") takes the full name the transcript itself gives that surname ("I'm Lester
    Holt"), else it is title-cased. A questioner ("QUESTION") takes the one person the turns just before
    name ("a question from Patrice Brock"), else stays anonymous (None): a shared role label would make
    every anonymous questioner one registry speaker.
    """
    people = _people("\n".join(text for _, text in rows))
    names: dict[str, str | None] = {}
    for label in {label for label, _ in rows}:
        name = speaker_name(label)
        if name is not None and _is_questioner(label):
            name = None
        elif name is not None:
            # "SENATOR KAINE" is resolved by its surname too; "THE PRESIDENT" has none and stays as it is.
            core = [word for word in name.split() if not is_title(word)]
            if len(core) == 1:
                name = _full_name(core[0], people) or name
        names[label] = name
    turns = _group(rows)
    speakers = {surname.lower() for n in names.values() if n for surname in [n.split()[-1]]}
    out: list[str | None] = [None] * len(rows)
    for position, turn in enumerate(turns):
        name = names[turn.label]
        if _is_questioner(turn.label):
            name = _introduced(turns, position, names, speakers)
        for row in turn.rows:
            out[row] = name
    return out


def _group(rows: Sequence[tuple[str, str]]) -> list[_Turn]:
    """Consecutive rows with one label as one turn."""
    turns: list[_Turn] = []
    for index, (label, text) in enumerate(rows):
        if turns and turns[-1].label == label:
            last = turns[-1]
            turns[-1] = _Turn(label, f"{last.text} {text}", [*last.rows, index])
        else:
            turns.append(_Turn(label, text, [index]))
    return turns


def _introduced(
    turns: Sequence[_Turn], position: int, names: dict[str, str | None], speakers: set[str]
) -> str | None:
    """The one person named by the nearest turn before a questioner's that names anyone, if it names one."""
    looked = 0
    for turn in reversed(turns[:position]):
        if _is_questioner(turn.label) or looked >= QUESTIONER_LOOKBACK:
            return None
        if names[turn.label] is None:
            continue
        looked += 1
        if not _INTRODUCES.search(turn.text):
            continue
        named = {surname.lower(): full for full, surname in _people(turn.text) if surname.lower() not in speakers}
        if len(named) == 1:
            return next(iter(named.values()))
        if named:
            return None
    return None


@dataclass(frozen=True)
class _Label:
    """A speaker label found in a transcript: who it names, where its line starts and where the words start."""

    label: str
    start: int
    rest: int


def _record_speaker(match: re.Match[str]) -> str:
    """Who a parliamentary heading names: the member it opens with, without the title ('Mr Callum Price
    (Shorebridge)' is Callum Price), or, when it opens with an office ('The Minister for ...'), the person in its
    parentheses."""
    label = match.group("label")
    office = label.split()[0].lower() == "the"
    people = [] if office else [full for full, _ in _people(label) if label.endswith(full)]
    if people:
        return people[0]
    named = [note.strip() for note in _NOTE.findall(match.group("notes")) if _named(note.strip())]
    return named[0] if office and named else label


def _named(label: str) -> bool:
    """Whether a label is one person's full name and nothing else ("Daniel Osei", not "Closing Note")."""
    return any(full == label for full, _ in _people(label))


def dialogue_turns(text: str, speaker: str | None = None) -> list[Turn] | None:
    """Turns of a plain-text transcript whose lines start with "NAME:", or None when it does not read as one.

    A turn runs from after its label to the next label, so labels stay out of passages; unlabelled
    lines continue the turn before them. Text before the first label and an answerer's turns ("A:") are
    the document's `speaker`; a questioner's ("Q:") are another voice, named only when the turns name them.
    """
    bracketed = [m for m in _BRACKET_LINE.finditer(text) if _people(speaker_name(m.group("label")) or "")]
    found = sorted(
        [
            *(_Label(m.group("label"), m.start(), m.start("rest")) for m in [*_LABEL_LINE.finditer(text), *bracketed]),
            *(_Label(m.group("label"), m.start(), m.start("rest")) for m in _QA_LINE.finditer(text)),
            *(_Label(_record_speaker(m), m.start(), m.start("rest")) for m in _RECORD_LINE.finditer(text)),
        ],
        key=lambda label: label.start,
    )
    counts = Counter(label.label for label in found)
    # Upper-case labels are the transcript convention; a mixed-case one ("Transcript:", "Note:") counts
    # when it is a person's full name (an analyst who asks once) or when it comes back, as a speaker's does.
    labels = [one for one in found if one.label.isupper() or counts[one.label] > 1 or _named(one.label)]
    lines = sum(1 for line in text.split("\n") if line.strip())
    if len(labels) < MIN_LABELLED_LINES or len(labels) < MIN_LABELLED_SHARE * lines:
        return None
    if len({speaker_name(one.label) for one in labels}) < 2:
        return None
    spans: list[tuple[str | None, int, int]] = []
    if text[: labels[0].start].strip():
        spans.append((None, 0, labels[0].start))
    for found_label, following in zip(labels, [*labels[1:], None], strict=True):
        spans.append((found_label.label, found_label.rest, following.start if following else len(text)))
    rows = [(label or "", text[start:end]) for label, start, end in spans]
    names = name_speakers(rows)
    turns = []
    for (label, start, end), name in zip(spans, names, strict=True):
        while end > start and text[end - 1].isspace():
            end -= 1
        asks = label is not None and name is None and _is_questioner(label)
        if label is None or _is_answerer(label):
            name = speaker
        if end > start:
            turns.append(Turn(speaker=name, start=start, end=end, asks=asks))
    return turns
