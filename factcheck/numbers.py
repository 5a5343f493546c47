"""Amounts, percentages, ordinals and dates read as values, so that two ways of writing one are the same."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "twentieth": 20,
             "thirtieth": 30}  # fmt: skip
_ORDINALS |= {f"{word}th": n for word, n in _UNITS.items() if 14 <= n <= 19}  # 'sixteenth'
# Each ordinal in words as a figure writes it ('first' / '1st', 'twelfth' / '12th'); none of them ends in 1-3 past 13.
ORDINAL_FIGURES = {word: f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n, 'th')}" for word, n in _ORDINALS.items()}
# A tens word and a unit joined by a hyphen ('ninety-five', 'twenty-first'), as a pattern for the tokenizer.
COMPOUND_NUMBER = "(?i:(?:{})-(?:{}))".format(
    "|".join(_TENS), "|".join(w for w, n in (*_UNITS.items(), *_ORDINALS.items()) if 0 < n < 10)
)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
# 'the two hundredth family': a scale word that makes the number an ordinal.
_SCALE_ORDINALS = {f"{scale}th": scale for scale in _SCALES}
_PERCENT = frozenset({"percent", "%", "pct"})
# Units of time, singular and plural, by the unit they are.
_TIME_UNITS = {
    form: unit
    for unit in ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
    for form in (unit, "centuries" if unit == "century" else unit + "s")
}
# Currencies by sign and by word: a sum in one is not a sum in another.
_CURRENCY = {"dollar": "$", "dollars": "$", "$": "$", "bucks": "$", "pound": "£", "pounds": "£", "£": "£",
             "quid": "£", "euro": "€", "euros": "€", "€": "€"}  # fmt: skip
CURRENCY_SIGNS = "$£€"
# 'four point two': the digits after 'point' are a decimal fraction.
_POINT = "point"
# "per cent" is two words; "and" joins "one hundred and five"; "a" opens "a hundred".
_JOINERS = frozenset({"and", "a", "per", "cent"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
# A month written short: 'Nov.', 'Sept'. Only read as a month before a day or after a dot (see `month_of`).
_MONTH_SHORT = {m[:3]: m for m in MONTHS} | {"sept": "september"}
_FIGURE = re.compile(r"^[$£€]?(\d[\d,]*(?:\.\d+)?)(%|st|nd|rd|th)?$")
# A sum written short: 'bn' after any figure, 'm' and 'k' after a currency sign ('£4.2m', '$30k'; '100m' alone may be
# metres), for the scale word written out.
_SHORT_SCALE = re.compile(r"^([$£€]\d[\d,]*(?:\.\d+)?)(m|k|bn|tn)$|^(\d[\d,]*(?:\.\d+)?)(bn|tn)$")
SHORT_SCALES = {"m": "million", "k": "thousand", "bn": "billion", "tn": "trillion"}


def short_scale(word: str) -> tuple[str, str] | None:
    """A sum written short, as its figure and its scale word: '£4.2m' -> ('£4.2', 'million')."""
    found = _SHORT_SCALE.match(word.lower())
    if found is None:
        return None
    figure, suffix = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
    return figure, SHORT_SCALES[suffix]


@dataclass(frozen=True)
class Quantity:
    """A number with its unit ('%', '$' or none) and whether it was written as an ordinal."""

    value: float
    unit: str = ""
    ordinal: bool = False


def compound_number(word: str) -> str | None:
    """A tens word and a unit joined by a hyphen, as a figure: 'ninety-five' -> '95', 'twenty-first' -> '21st'."""
    tens, _, unit = word.lower().partition("-")
    if tens not in _TENS or not 0 < _UNITS.get(unit, _ORDINALS.get(unit, 0)) < 10:
        return None
    if unit in _UNITS:
        return str(_TENS[tens] + _UNITS[unit])
    value = _TENS[tens] + _ORDINALS[unit]
    return f"{value}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th') }"


def spelled_out(figure: str) -> str | None:
    """A whole number under a hundred written as a figure, in words as a transcript writes it: '2' -> 'two', '45' ->
    'forty-five'; None for any other figure."""
    if not figure.isdigit() or len(figure) > 2 or (len(figure) == 2 and figure[0] == "0"):
        return None
    value = int(figure)
    units = {n: w for w, n in _UNITS.items()}
    if value in units:
        return units[value]
    tens = {n: w for w, n in _TENS.items()}[value - value % 10]
    return tens if value % 10 == 0 else f"{tens}-{units[value % 10]}"


def is_number_word(word: str) -> bool:
    """Whether a lower-case word can be part of a written number ('twenty', '3rd', 'million', '$5', '%',
    'thirty-five')."""
    w = word.lower()
    if "-" in w.strip("-"):
        return all(is_number_word(part) for part in w.split("-") if part)
    return bool(
        _FIGURE.match(w) or short_scale(w) or w in _UNITS or w in _TENS or w in _ORDINALS or w in _SCALES
        or w in _SCALE_ORDINALS
        or w in _PERCENT or w in _CURRENCY or w == _POINT
    )


def is_scale_word(word: str) -> bool:
    """'hundred', 'thousand', 'million': a word that multiplies the figure before it."""
    return word.lower() in _SCALES or word.lower() in _SCALE_ORDINALS


def is_time_unit(word: str) -> bool:
    """'minutes', 'hour', 'years': a unit a duration is counted in."""
    return word.lower() in _TIME_UNITS


def is_unit_word(word: str) -> bool:
    """A word that writes a number's unit out ('dollars', 'percent'), which a figure may write as a sign ('$', '%')."""
    return word.lower() in _PERCENT or word.lower() in _CURRENCY


def quantity(words: Sequence[str]) -> Quantity | None:
    """The value the words write, or None when they are not one number ('thirty-five percent' -> 35 %)."""
    total = 0.0
    current: float | None = None
    unit = ""
    ordinal = False
    seen = False
    decimals = 0  # digits read after 'point'
    previous: list[str] = []  # the words read so far that add to the value ('and', 'a' included)
    parts = (part for word in words for part in word.split("-"))
    for raw in (piece for part in parts for piece in (short_scale(part) or (part,))):
        w = raw.lower().strip()
        if not w:
            continue
        if w[0] in CURRENCY_SIGNS and len(w) > 1:
            unit = w[0]
            w = w[1:]
        if decimals and w in _UNITS and _UNITS[w] < 10:
            decimals += 1
            current = (current or 0.0) + _UNITS[w] / 10 ** (decimals - 1)
            continue
        if w == _POINT:
            if current is None or decimals or current != int(current):
                return None  # 'point' with no whole number before it is no decimal point
            decimals = 1
            continue
        if decimals == 1:
            return None  # 'four point' and no digit: not a number
        figure = _FIGURE.match(w)
        if figure:
            value = float(figure.group(1).replace(",", ""))
            suffix = figure.group(2) or ""
            if current is not None:
                return None  # two figures in a row are two numbers
            current, seen = value, True
            if suffix == "%":
                unit = "%"
            elif suffix:
                ordinal = True
        elif w in _UNITS or w in _TENS or w in _ORDINALS:
            value = float(_UNITS.get(w) or _TENS.get(w) or _ORDINALS.get(w, 0))
            ordinal = ordinal or w in _ORDINALS
            tens_then_unit = current is not None and current >= 20 and current % 10 == 0 and value < 10
            hundreds_then_rest = current is not None and current >= 100 and current % 100 == 0 and value < 100
            if current is not None and not (tens_then_unit or hundreds_then_rest):
                return None  # 'five six' is not a number; 'twenty five' and 'two hundred and forty' are
            current, seen = (current or 0.0) + value, True
        elif w in _SCALES or w in _SCALE_ORDINALS:
            ordinal = ordinal or w in _SCALE_ORDINALS
            w = _SCALE_ORDINALS.get(w, w)
            decimals = 0  # 'four point two million': the scale multiplies the whole figure
            scale = _SCALES[w]
            base = current if current is not None else 1.0
            if scale == 100:
                current = base * 100
            else:
                total += base * scale
                current = None
            seen = True
        elif w in _TIME_UNITS and seen and not unit:
            unit = _TIME_UNITS[w]  # 'forty minutes', 'four hours': a duration is one value with its unit
        elif w in _PERCENT:
            unit = "%"
        elif w in _CURRENCY:
            unit = _CURRENCY[w]
        elif w == "half" and current is not None and current == int(current) and previous[-2:] == ["and", "a"]:
            current += 0.5  # 'three and a half'
        elif w in _JOINERS:
            pass
        else:
            return None
        previous.append(w)
    if not seen or decimals == 1:
        return None
    return Quantity(round(total + (current or 0.0), 6), unit, ordinal)


# A time of day as a figure: '11.45' (the British way), or '11' and '45' once a colon is read as a break.
_CLOCK_FIGURE = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")
_HOUR_FIGURE = re.compile(r"^([01]?\d|2[0-3])$")
_MINUTE_FIGURE = re.compile(r"^[0-5]\d$")


# 'a quarter past nine', 'half past six', 'a quarter to ten': minutes before or after the hour, said in words.
_PAST_TO = {("quarter", "past"): 15, ("half", "past"): 30, ("quarter", "to"): -15}


def clock_time(words: Sequence[str]) -> tuple[int, int] | None:
    """The time of day the words write, hours and minutes: '11.45', '11 45' (from '11:45'), the spoken 'eleven
    forty-five' and 'a quarter to twelve' are (11, 45); None when they are not one."""
    ws = [w.lower() for w in words]
    if ws and ws[0] == "a":
        ws = ws[1:]
    if len(ws) >= 3 and ws[-2] in ("past", "to") and 1 <= _UNITS.get(ws[-1], 0) <= 12:
        # 'a quarter to seven', 'ten past seven', 'twenty-five to eight': minutes past or to the hour.
        hour, past = _UNITS[ws[-1]], ws[-2] == "past"
        named = _PAST_TO.get((ws[0], ws[1])) if len(ws) == 3 else None
        amount = quantity(ws[:-2]) if named is None else None
        if named is not None:
            offset = abs(named)
        elif amount is not None and not amount.unit and not amount.ordinal and amount.value == int(amount.value):
            offset = int(amount.value)
        else:
            return None
        if not 0 < offset < 60:
            return None
        return (hour, offset) if past else ((hour - 2) % 12 + 1, 60 - offset)
    if len(ws) == 2 and ws[0] == "half" and 1 <= _UNITS.get(ws[1], 0) <= 12:
        return _UNITS[ws[1]], 30  # 'half seven', the British half past seven
    if len(ws) == 1:
        figure = _CLOCK_FIGURE.match(ws[0])
        return (int(figure.group(1)), int(figure.group(2))) if figure else None
    if len(ws) == 2 and _HOUR_FIGURE.match(ws[0]) and _MINUTE_FIGURE.match(ws[1]):
        return int(ws[0]), int(ws[1])
    if not ws or not 1 <= _UNITS.get(ws[0], 0) <= 12:
        return None
    # Said aloud, the hour is a word and the minutes a number of ten or more ('eleven forty-five', 'ten fifteen').
    minutes = quantity(ws[1:])
    if minutes is None or minutes.unit or minutes.ordinal or not 10 <= minutes.value < 60:
        return None
    if minutes.value != int(minutes.value):
        return None
    return _UNITS[ws[0]], int(minutes.value)


def year_of(words: Sequence[str]) -> int | None:
    """The year the words write: four figures ('2028'), or said aloud ('twenty twenty-eight')."""
    if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
        return int(words[0])
    return spoken_year(words)


def spoken_year(words: Sequence[str]) -> int | None:
    """A year said as two numbers of two figures ('twenty twenty-eight' 2028, 'nineteen eighty-four' 1984)."""
    ws = [w.lower() for w in words]
    if len(ws) != 2 or "-" in ws[0]:
        return None
    century = _UNITS.get(ws[0]) or _TENS.get(ws[0])
    rest = quantity([ws[1]])
    if century is None or not 10 <= century <= 99 or rest is None or rest.unit or rest.ordinal:
        return None
    return century * 100 + int(rest.value) if 10 <= rest.value <= 99 else None


def month_of(word: str, dotted: bool, before_digit: bool) -> str | None:
    """The month a word names: 'November', or 'Nov.' / 'Nov' before a day ('Nov. 3'); None otherwise."""
    w = word.lower()
    if w in MONTHS and w != "may":
        return w
    if w in _MONTH_SHORT and (dotted or before_digit) and word[:1].isupper():
        return _MONTH_SHORT[w]
    return None


def date_of(words: Sequence[str]) -> tuple[str, int] | None:
    """The month and day the words write, in any order and form: 'November 1', '1st November', 'the first of
    November', 'November the first'; None when they are not exactly one date."""
    kept = [w for w in words if w.lower() not in ("the", "of", ",")]
    if len(kept) != 2:
        return None
    for month_word, day_word in (kept, kept[::-1]):
        # Capitalised, in a date: 'May' is the month, and 'Nov' is November with or without its dot.
        month = month_of(month_word.rstrip("."), True, True) if month_word[:1].isupper() else None
        day = quantity([day_word]) if month else None
        if month and day is not None and not day.unit and day.value == int(day.value) and 1 <= day.value <= 31:
            return month, int(day.value)
    return None


# Units of measure written short, and their words (singular first): 'mg/l' is 'milligrams per litre'.
_UNIT_SHORT = {
    "mg": ("milligram", "milligrams"),
    "kg": ("kilogram", "kilograms"),
    "km": ("kilometre", "kilometres", "kilometer", "kilometers"),
    "cm": ("centimetre", "centimetres", "centimeter", "centimeters"),
    "ml": ("millilitre", "millilitres", "milliliter", "milliliters"),
    "l": ("litre", "litres", "liter", "liters"),
    "mph": ("miles per hour",),
    "kph": ("kilometres per hour", "kilometers per hour"),
    "ft": ("foot", "feet"),
}


def same_units(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether `short` writes the units `long` spells out: ['mg', 'l'] for 'milligrams per litre' (a slash between
    two units is 'per')."""
    if not short or any(w.lower() not in _UNIT_SHORT for w in short):
        return False
    spelled = " ".join(w.lower() for w in long)
    options = [""]
    for k, w in enumerate(short):
        glue = " per " if k else ""
        options = [f"{o}{glue}{form}" for o in options for form in _UNIT_SHORT[w.lower()]]
    return spelled in options
