"""From article text to verdicts: extraction, speaker resolution, retrieval and verification together."""

from __future__ import annotations

from factcheck.pipeline import Components
from factcheck.types import Document, Turn

SPEECH = (
    "We will not raise taxes on anyone making less than $400,000 a year. "
    "It is a myth that immigrants take jobs away from American workers. "
    "Our bridges and roads are being rebuilt in every state of the union."
)
DEBATE = [
    ("Elizabeth Warren", "We need a wealth tax of two cents on every dollar above fifty million."),
    ("Bernie Sanders", "Medicare for all will guarantee health care to every person in this country."),
]
ARTICLE = (
    "Joe Biden spoke to Congress on Tuesday. \u201cOur bridges and roads are being rebuilt in every state of "
    "the union,\u201d Biden said. He also said, \u201cWe will raise taxes on anyone making less than $400,000 "
    "a year.\u201d\n\n"
    "At a debate last year, Bernie Sanders said, \u201cWe need a wealth tax of two cents on every dollar above "
    "fifty million.\u201d Later, Joe Biden said: \u201cimmigrants take jobs away from American workers.\u201d\n\n"
    "\u201cThe moon landing was filmed in a studio in the desert,\u201d Biden said."
)


def test_article_end_to_end(components: Components) -> None:
    store = components.get_store()
    text, turns = "", []
    for speaker, words in DEBATE:
        turns.append(Turn(speaker=speaker, start=len(text), end=len(text) + len(words)))
        text += words + "\n"
    store.add_documents([
        Document(id="sotu", text=SPEECH, speaker="Joseph R. Biden Jr.", title="Address"),
        Document(id="debate", text=text, title="Debate", turns=turns),
    ])  # fmt: skip
    result = components.pipeline().check_text(ARTICLE)
    by_start = {ARTICLE[q.start : q.end][:20]: q for q in result.quotes}
    labels = {}
    for q in result.quotes:
        for key, expected in (
            ("Our bridges", "verified"),
            ("We will raise", "altered"),
            ("We need a wealth", "misattributed"),
            ("immigrants take", "out_of_context"),
            ("The moon landing", "not_found"),
        ):
            if key in q.text:
                labels[key] = (expected, q)
    assert len(labels) == 5, sorted(by_start)
    for expected, q in labels.values():
        assert q.verdict.label == expected, (q.text, q.speaker.name, q.verdict)
        assert 0.0 <= q.verdict.confidence <= 1.0
    misattributed = labels["We need a wealth"][1]
    assert misattributed.actual_speaker == "Elizabeth Warren"
    assert labels["Our bridges"][1].evidence[0].document.id == "sotu"
