"""Article structure: the lines that never speak (headlines, bylines, datelines, captions) and Q&A blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from factcheck.extract.marks import DOUBLE_MARKS

_BYLINE = re.compile(
    r"^[ \t]*(?:by|BY|By)[ \t]+[A-Z][\w.'\u2019-]*(?:[ \t,]+(?:and[ \t]+)?[A-Z][\w.'\u2019-]*){0,6}[ \t]*"
    r"(?:$|/[ \t]*)"
)
# 'Reporting by ...; Editing by ...', 'Additional reporting by ...': the desk's credits, never a speaker.
_CREDITS = re.compile(
    r"^[ \t]*(?:(?:additional[ \t]+)?reporting|writing|editing|edited|compiled|produced)[ \t]+by[ \t]+[A-Z]",
    re.IGNORECASE,
)
# The date a dateline may carry after its place: '4 March', 'March 4', '4 March 2026'.
_DATELINE_DATE = r"(?:,[ \t]*(?:\d{1,2}[ \t]+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?[ \t]+\d{1,2})(?:,?[ \t]*\d{4})?)?"
# 'WASHINGTON —', 'LONDON (Reuters) -', 'HARLOW, England —', 'Washington (AFP) -' opening a paragraph.
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'\u2019 -]{1,30}(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?" + _DATELINE_DATE +
    r"(?:[ \t]*\([A-Za-z .]{1,30}\))?"
    r"|[A-Z][\w.'\u2019]*(?:[ \t][A-Z][\w.'\u2019]*){0,2}(?:,[ \t]*[A-Z][\w.]*)?"
    r"[ \t]*\((?:AP|AFP|Reuters|UPI|CNN|Xinhua)\))"
    r"[ \t]*[\u2014\u2013-]{1,2}[ \t]"
)
# An editor's label for a part of the page ('Headline:', 'Standfirst:'), opening its line: it never speaks, and the
# line after it is that part.
_PART_LABEL = re.compile(
    r"^[ \t]*(?:(?:sub[- ]?)?head(?:line)?|subhead(?:ing)?|standfirst|strapline|dek|kicker)[ \t]*:[ \t]*", re.IGNORECASE
)
# A caption's own label, opening its line.
_CAPTION_LABEL = re.compile(r"^[ \t]*(?:photo(?:graph)?|caption|image|picture|pictured)[ \t]*:", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]*\)")
_CAPTION = re.compile(
    r"\((?:AP|Reuters|AFP|Getty|EPA)?[ \t]*Photo\b|\bPhoto(?:graph)?:|\bImage:|\bCaption:|\bCredit:|Getty Images|"
    r"\(AP Photo|\bphoto by\b|\bPhotograph by\b",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[.!?…:;\"\u201d\u2019')\]]\s*$")
_QA = re.compile(r"^[ \t]*(Q|A)[ \t]*[:.][ \t]+\S", re.MULTILINE)
_MAX_HEADLINE_WORDS = 18
# A Q&A without labels needs this many questions answered, so that a rhetorical question is none.
_BARE_QA_PAIRS = 2
_MARKS = re.compile(f"[{DOUBLE_MARKS}]")
# 'Rubio: I still believe ...', 'Halloway: ...': a line under a speaker's label (its name, then its words).
LABELLED_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w.'\u2019-]*[ \t]){0,4}[A-Z][\w.'\u2019-]*):[ \t]+(\S[^\n]*)$", re.MULTILINE
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
# '(D-Md.)', '(R-Texas)', '(I)': a legislator's party and state, which the parser takes for words of the sentence.
_PARTY_LABEL = re.compile(r"\((?:D|R|I|Ind)(?:[-\u2013,][ \t]?[A-Z][A-Za-z.' ]{0,24})?\)")
# Curly marks and apostrophes as straight ones: with a curly apostrophe the tagger reads O'Rourke as a common noun.
_MARKS_FOR_PARSING = str.maketrans(
    {"\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'", "\u2018": "'", "\u2019": "'", "\u201c": '"',
     "\u201d": '"'}
)
_PARSE_NOISE = re.compile("[\u00ab\u00bb\u2039\u203a\u2018\u2019\u201c\u201d]|\\((?:D|R|I|Ind)[-\u2013,)]")


@dataclass(frozen=True)
class Layout:
    """Character ranges of an article that name no speaker, and the question and answer lines of a Q&A."""

    quiet: tuple[tuple[int, int], ...]
    breaks: tuple[int, ...]
    headlines: tuple[tuple[int, int], ...]
    questions: tuple[tuple[int, int], ...]
    answers: tuple[tuple[int, int], ...]
    # A Q&A printed without labels: its questions are paragraphs that end by asking, each answered by the next.
    bare_questions: tuple[tuple[int, int], ...] = ()
    bare_answers: tuple[tuple[int, int], ...] = ()

    def is_quiet(self, position: int) -> bool:
        """Inside a byline, dateline or caption."""
        return any(start <= position < end for start, end in self.quiet)

    def is_headline(self, position: int) -> bool:
        """Inside a headline or subhead line."""
        return any(start <= position < end for start, end in self.headlines)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _is_headline(line: str, first: bool) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_HEADLINE_WORDS:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    title_cased = capitalised >= 0.6 * len(words)
    if _LINE_END.search(line):
        # Some sources end even a headline with a full stop: a title-cased first line is still one.
        return first and title_cased and len(words) >= 3 and not line.rstrip().endswith(('"', "\u201d"))
    # A title-cased line, or the article's first line, without a sentence end.
    return first or title_cased


def _caption_parts(line: str) -> list[tuple[int, int]]:
    """The label opening a caption ('PHOTO:', 'Caption:') and its credits in parentheses, when the line opens with
    a label and quotes someone; nothing otherwise (a credit, 'Photo: Ana Ruiz/Gazette', or a caption with no
    voice keeps the whole line quiet)."""
    label = _CAPTION_LABEL.match(line)
    if label is None or not _MARKS.search(line):
        return []
    return [label.span(), *(m.span() for m in _PARENTHESES.finditer(line, label.end()))]


def read_layout(text: str) -> Layout:
    """Headlines, bylines, datelines and captions of `text`, and its Q&A lines."""
    quiet: list[tuple[int, int]] = []
    breaks: list[int] = []
    headlines: list[tuple[int, int]] = []
    questions: list[tuple[int, int]] = []
    answers: list[tuple[int, int]] = []
    seen_text = False
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        part = _PART_LABEL.match(line)
        if part and part.end() < len(line):
            # 'Headline: "Nobody has asked me," says Sienna Marlowe': the label is quiet, the rest is the headline.
            quiet.append((start, start + part.end()))
            headlines.append((start + part.end(), end))
            seen_text = True
            continue
        byline = _BYLINE.match(line)
        if byline and byline.end() < len(line):
            # 'By Jo Amsel, Reporter / KESTREL BAY, 14 March - ...': a byline and a dateline on one line.
            quiet.append((start, start + byline.end()))
            start, line = start + byline.end(), line[byline.end() :]
            byline = None
        caption = _CAPTION.search(line) and len(line.split()) < 60
        parts = _caption_parts(line) if caption and not byline else None
        if parts:
            # 'PHOTO: Tamika Rhodes leaves court. "He was right in front of me," she told the jury. (Lena Ortiz)':
            # the label and the credit never speak; the caption's own sentences may report someone's words.
            quiet.extend((start + a, start + b) for a, b in parts)
        elif byline or _CREDITS.match(line) or caption:
            quiet.append((start, end))
        elif _is_headline(line, not seen_text):
            headlines.append((start, end))
        else:
            dateline = _DATELINE.match(line)
            if dateline:
                quiet.append((start, start + dateline.end()))
                breaks.append(start + dateline.end())
        qa = _QA.match(line)
        if qa:
            (questions if qa.group(1) == "Q" else answers).append((start, end))
        seen_text = True
    quiet.extend(m.span() for m in _PARTY_LABEL.finditer(text))
    bare_questions, bare_answers = _bare_qa(text, headlines)
    return Layout(
        tuple(sorted(quiet)), tuple(breaks), tuple(headlines), tuple(questions), tuple(answers),
        tuple(bare_questions), tuple(bare_answers),
    )  # fmt: skip


def _bare_qa(text: str, headlines: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The questions and answers of a Q&A printed without labels: in a run of paragraphs without quotation marks or
    labels, the asker's paragraphs (the ones that ask, and every other one with them) alternate with the answers,
    at least twice; the answers in the first person, as an interviewee speaks (an explainer's own answers to its
    questions are not)."""
    questions: list[tuple[int, int]] = []
    answers: list[tuple[int, int]] = []
    for run in _plain_runs(text, headlines):
        asking = [k for k, (a, b) in enumerate(run) if text[a:b].rstrip().endswith("?")]
        if len(asking) < _BARE_QA_PAIRS or len({k % 2 for k in asking}) != 1:
            continue
        parity = asking[0] % 2
        replies = [k for k in range(len(run)) if k % 2 != parity and k > 0]
        if any(k + 1 not in replies for k in asking if k + 1 < len(run)):
            continue
        first_person = sum(1 for k in replies if _FIRST_PERSON.search(text[run[k][0] : run[k][1]]))
        if first_person * 2 < len(replies):
            continue
        questions += [run[k] for k in range(len(run)) if k % 2 == parity]
        answers += [run[k] for k in replies]
    return questions, answers


def _plain_runs(text: str, headlines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of consecutive paragraphs with no quotation marks, no speaker label and no headline."""
    runs: list[list[tuple[int, int]]] = [[]]
    for a, b in _lines(text):
        line = text[a:b].strip()
        if not line:
            continue
        if (a, b) in headlines or _MARKS.search(line) or _QA.match(line) or LABELLED_LINE.match(line):
            runs.append([])
            continue
        runs[-1].append((a, b))
    return [run for run in runs if run]


def lines_doc(nlp: Language, text: str, breaks: tuple[int, ...] = ()) -> Doc:
    """The tokenised text, ready to parse: a sentence starts after each line break and at each of `breaks`.

    The parser keeps preset sentence starts, so a headline or dateline never runs into the next words. The
    tokens are made from a copy of the text of the same length, with curly marks and guillemets as straight ones
    and party labels ('(D-Md.)') blanked, which the tagger otherwise misreads; offsets are unchanged.
    """
    parsed = _for_parsing(text)
    doc = nlp.make_doc(parsed)
    starts = set(breaks)
    rows = doc.to_array([IDX, IS_SPACE]).tolist()
    for k in range(1, len(rows)):
        start, space = rows[k]
        # A token runs up to the next one but for at most one trailing space, so this is the previous token's text.
        if not space and (start in starts or parsed.find("\n", rows[k - 1][0], start) >= 0):
            doc[k].is_sent_start = True
    return doc


def _for_parsing(text: str) -> str:
    if not _PARSE_NOISE.search(text):
        return text
    text = text.translate(_MARKS_FOR_PARSING)
    return _PARTY_LABEL.sub(lambda m: " " * len(m.group()), text)
