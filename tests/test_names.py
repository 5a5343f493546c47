"""Speaker-name matching: aliases, titles, initials and organisations."""

from __future__ import annotations

import pytest

from factcheck.names import (
    display_name,
    ends_with_name,
    is_common_noun,
    matching_names,
    same_speaker,
    speaker_key,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Joseph R. Biden Jr.", "Joe Biden"),
        ("President Biden", "Joseph R. Biden Jr."),
        ("Biden", "Joe Biden"),
        ("Vice President Joe Biden", "Biden"),
        ("Bernard Sanders", "Bernie Sanders"),
        ("JAKE TAPPER, CNN", "Jake Tapper"),
        ("Mayor Bill de Blasio", "de Blasio"),
        ("Donald J. Trump", "Donald Trump"),
        ("Ministry of Foreign Affairs of France", "France's Foreign Ministry"),
        ("U.S. State Department", "Department of State of the United States"),
        ("Curator Imogen Sato", "Imogen Sato"),
        ("STATION MANAGER RAVI PATEL", "Ravi Patel"),
        ("Harbour Pilot Ines M. Calder", "Ines M. Calder"),
        # Police ranks, written short.
        ("PC Sarah Okonjo", "Sarah Okonjo"),
        ("DCI Amir Khan", "Amir Khan"),
        # A transcriber's spelling of the surname, with the given name the same.
        ("Stephen Schwarzman", "Stephen Schwarman"),
        # An organisation by the words its name opens with, before those that say what kind of body it is.
        ("Kestrel Rovers Football Club", "Kestrel Rovers"),
        ("Marlow Foods plc", "Marlow Foods"),
        ("Tallis Group", "Tallis"),
    ],
)
def test_same_person_or_organisation(a: str, b: str) -> None:
    assert same_speaker(a, b)
    assert same_speaker(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("George H. W. Bush", "George W. Bush"),
        ("Hillary Clinton", "Bill Clinton"),
        ("Sarah Huckabee Sanders", "Bernie Sanders"),
        ("Curator Imogen Sato", "Naomi Sato"),
        ("Stephen Schwarzman", "Susan Schwarman"),
        ("Tim Kaine", "Tim Kane"),
        ("Station Manager Ravi Patel", "Patel Ravi"),
        ("France's Foreign Ministry", "Germany's Foreign Ministry"),
        ("Joe Biden", "Ministry of Foreign Affairs of France"),
        ("Rovers", "Kestrel Rovers Football Club"),
        ("Barack Obama", "Obama Foundation"),
        ("Joe Biden", None),
    ],
)
def test_different_speakers(a: str, b: str | None) -> None:
    assert not same_speaker(a, b)


def test_registry_lookup_prefers_the_fullest_name() -> None:
    registry = ["Joseph R. Biden Jr.", "Joe Biden", "Bernard Sanders", "George W. Bush", "George H. W. Bush"]
    assert matching_names("President Biden", registry) == ["Joseph R. Biden Jr.", "Joe Biden"]
    assert matching_names("George W. Bush", registry) == ["George W. Bush"]
    assert display_name(["Biden", "Joseph R. Biden Jr."]) == "Joseph R. Biden Jr."


def test_speaker_key_is_stable() -> None:
    assert speaker_key("  José  O'Rourke ") == "jose o rourke"


@pytest.mark.parametrize(
    ("name", "common"),
    [("the statement", True), ("one Caldwell defender", True), ("critics", True), ("Maya Okoro", False),
     ("de Blasio", False), ("Japan's Foreign Ministry", False), (None, False)],
)
def test_common_noun_speakers(name: str | None, common: bool) -> None:
    assert is_common_noun(name) is common


@pytest.mark.parametrize(
    ("longer", "shorter", "expected"),
    [
        ("Curator Imogen Sato", "Imogen Sato", True),
        ("STATION MANAGER RAVI PATEL", "Ravi Patel", True),
        ("Helga von der Mark", "von der Mark", False),
        ("Faisal al-Otaibi", "Al-Otaibi", False),
        ("Rafael da Silva", "Da Silva", False),
        ("U.S. Court of Appeals for the Sixth Circuit", "Sixth Circuit", False),
        ("Imogen Sato", "Imogen Sato", False),
    ],
)
def test_words_in_front_of_a_full_name(longer: str, shorter: str, expected: bool) -> None:
    assert ends_with_name(longer, shorter) is expected
