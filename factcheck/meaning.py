"""What the verdict labels and the confidence mean, in the words every output shows people."""

from __future__ import annotations

LABEL_NAMES: dict[str, str] = {
    "verified": "Verified",
    "altered": "Altered",
    "misattributed": "Misattributed",
    "out_of_context": "Out of context",
    "not_found": "Not found",
}

# The figure and the suite are those of eval/README.md ("Measured figures"): update them together.
CONFIDENCE_MEANING = (
    "Confidence is the estimated chance that the verdict is right, measured on real labeled text: on the 275 "
    "quotes of 27 real news articles in the verify_realworld suite (eval/README.md) it is within 0.04 of the "
    "share of verdicts that were right (ECE 0.041)."
)

LOW_CONFIDENCE: dict[str, str] = {
    "verified": "the match is loose or the speaker uncertain, so read the passage before relying on it",
    "altered": "the difference may be one an editor accepts, so compare the words yourself",
    "misattributed": "the other speaker's match may be a stock phrase, or the article's speaker a guess",
    "out_of_context": "the framing sentence may not change what the words mean, so read the context",
    "not_found": "the store may hold the words in other wording, or not hold the source at all",
}


def low_confidence_meaning() -> str:
    """What a low confidence means, for each verdict, in one line."""
    return (
        "Low confidence means: "
        + "; ".join(f"for {LABEL_NAMES[label].lower()}, {why}" for label, why in LOW_CONFIDENCE.items())
        + "."
    )
