"""Find every number-like token in a text and parse it to the values it can stand for.

Digits ("86.9", "1,200", "2016–18"), currency and percentages ("\\$1.2 trillion", "40%–45%"),
footnote markers ("²⁶"), spelled-out numbers ("three", "twenty-five", "a dozen", "a couple of
decades"), ordinals ("second", "19th", "second-largest"), ranks ("the biggest"), multiples
("tripled", "twice", "threefold"), fractions ("half"), Roman numerals ("World War II") and
words of vague size ("dozens", "billions"). Pure functions of the text: no files, no tables.

A token's ``values`` are the numbers it can stand for, so that a curated row can be matched in
its own unit: "\\$1.2 trillion" is both 1.2 and 1.2e12 (dollars); "three decades" is 3 and 30
(years). A range ("2016–18", "40%–45%") also has ``high`` values. Vague words have no values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_WORDS = {"hundred million": 1e8, **SCALES, "bn": 1e9, "mn": 1e6}
MULTIPLES = {
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "twice": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "thrice": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "quadrupling": 4,
}
FRACTIONS = {"half": 0.5, "halved": 0.5, "halving": 0.5, "quarter": 0.25}
SUPERLATIVES = ("largest", "biggest")
VAGUE = ("dozens", "hundreds", "thousands", "millions", "billions", "trillions", "decades", "centuries")

_CARDINAL_WORD = rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(UNITS[1:10])}))?|{'|'.join(UNITS)})"
_ORDINAL_WORD = (
    rf"(?:(?:{'|'.join(TENS)})-(?:{'|'.join(ORDINAL_UNITS[1:10])})"
    rf"|{'|'.join(ORDINAL_TENS)}|{'|'.join(ORDINAL_UNITS)})"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CURRENCY = r"(?:US\\?\$|\\?\$|¥|€|£)"
_PERCENT = r"(?:\s?%|\s(?:percent|per\scent)\b)"
_SCALE = r"(?:\s(?:hundred\smillion|trillion|billion|million|thousand|[Bb]n|[Mm]n)\b)"
_DASH = r"[–-]"

TOKEN_PATTERN = re.compile(
    rf"""
    (?P<marker>[{SUPERSCRIPTS}]+)
    | (?P<phone>(?<![\d-])\d{{3}}-\d{{3}}-\d{{4}}(?![\d-]))
    | (?P<digits>
        (?<![A-Za-z0-9,])(?<!\d\.)(?P<currency>{_CURRENCY})?(?P<number>{_NUMBER})
        (?:(?P<suffix>st|nd|rd|th|(?-i:s))(?![A-Za-z]))?(?![A-Za-z0-9])
        (?P<percent>{_PERCENT})?
        (?:{_DASH}{_CURRENCY}?(?P<high>{_NUMBER})(?![A-Za-z0-9])(?P<high_percent>{_PERCENT})?)?
        (?P<scale>{_SCALE})?
      )
    | (?P<code>(?<![A-Za-z0-9])[A-Za-z]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*
        |(?<![A-Za-z0-9])[A-Za-z]+\d[A-Za-z0-9]*)
    | (?P<dozen>\b(?:(?:half\s)?an?|several|a\sfew|some)\s+dozen\b|\bdozen\b)
    | (?P<couple>\ba\s+couple\s+of(?:\s+(?P<couple_decades>decades))?\b)
    | (?P<ordinal>\b(?P<ordinal_word>{_ORDINAL_WORD})(?:[-\s](?P<superlative_after>largest|biggest))?\b)
    | (?P<cardinal>\b(?P<cardinal_word>{_CARDINAL_WORD})
        (?P<cardinal_scale>(?:\s(?:hundred|thousand|million|billion|trillion))*)
        (?P<and_a_half>\sand\sa\shalf)?
        (?:(?P<fold>-?fold)|(?P<word_percent>\s(?:percent|per\scent))|\s(?P<decades>decades?))?\b)
    | (?P<multiple>\b(?:{"|".join(MULTIPLES)})\b)
    | (?P<fraction>\b(?:{"|".join(FRACTIONS)})\b)
    | (?P<superlative>\b(?:{"|".join(SUPERLATIVES)})\b)
    | (?P<vague>\b(?:{"|".join(VAGUE)})\b)
    | (?P<roman>(?-i:\b(?=[IVX]{{2,}}\b)X{{0,3}}(?:IX|IV|V?I{{0,3}})\b|(?<=War\s)I\b))
    | (?P<decade>\bdecade\b)
    | (?P<century>\b(?:half\s)?a\scentury\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
URL_PATTERN = re.compile(r"https?://[^\s<>]+|www\.[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_TOKEN = re.compile(r"[A-Za-z0-9]*\d[A-Za-z0-9]*")


@dataclass(frozen=True)
class Token:
    """One number-like token: where it is in the text, what it says, what it can stand for."""

    start: int  # offset of the first character in the text
    end: int
    text: str
    kind: str  # marker, number, percent, money, decade-of-years, ordinal, rank, cardinal, duration, ...
    values: tuple[float, ...] = ()  # the numbers it can stand for; empty when vague
    high: tuple[float, ...] = ()  # for a range, the high end's values
    in_url: bool = False

    @property
    def is_vague(self) -> bool:
        return not self.values


def word_value(word: str) -> float:
    """'three' -> 3, 'twenty-five' -> 25, 'second' -> 2, 'seventy-ninth' -> 79."""
    word = word.lower()
    total = 0.0
    for part in word.split("-"):
        if part in UNITS:
            total += UNITS.index(part)
        elif part in TENS:
            total += 20 + 10 * TENS.index(part)
        elif part in ORDINAL_UNITS:
            total += ORDINAL_UNITS.index(part)
        elif part in ORDINAL_TENS:
            total += 20 + 10 * ORDINAL_TENS.index(part)
        else:
            raise ValueError(f"not a number word: {word}")
    return total


def roman_value(numeral: str) -> int:
    """'II' -> 2, 'XIV' -> 14 (capital I, V and X only: a Roman numeral in a name)."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scaled(value: float, scale: str | None) -> tuple[float, ...]:
    if not scale:
        return (value,)
    factor = SCALE_WORDS[scale.strip().lower()]
    return (value, value * factor)


def _year_end(low: float, high_text: str) -> float:
    """'2016–18' -> 2018, '2008–9' -> 2009: a short end after a year takes the year's leading digits."""
    high = _number(high_text)
    if low >= 1000 and len(high_text) < 4:
        return low - low % 10 ** len(high_text) + high
    return high


Reading = tuple[str, tuple[float, ...], tuple[float, ...]]  # kind, values, high values


def _marker(match: re.Match) -> Reading:
    return "marker", (float("".join(str(SUPERSCRIPTS.index(c)) for c in match.group())),), ()


def _digits(match: re.Match) -> Reading:
    low = _number(match["number"])
    scale = match["scale"]
    high = _scaled(_year_end(low, match["high"]), scale) if match["high"] else ()
    if match["currency"]:
        kind = "money"
    elif match["percent"] or match["high_percent"]:
        kind = "percent"
    elif match["suffix"] == "s":
        # "the 1990s" can stand for any of its years: "the late 1990s" is curated as 1997–99.
        years = tuple(float(year) for year in range(int(low), int(low) + 10))
        return "decade-of-years", years if low >= 1000 and low % 10 == 0 else (low,), ()
    elif match["suffix"]:
        kind = "ordinal"
    else:
        kind = "number"
    return (f"{kind}-range" if match["high"] else kind), _scaled(low, scale), high


def _dozen(match: re.Match) -> Reading:
    text = match.group().lower()
    if text.startswith("half"):
        return "cardinal", (6.0,), ()
    if text.startswith("a ") or text.startswith("an "):
        return "cardinal", (12.0,), ()
    return "vague", (), ()


def _cardinal(match: re.Match) -> Reading:
    value = word_value(match["cardinal_word"])
    for scale in (match["cardinal_scale"] or "").split():
        value *= SCALES[scale.lower()]
    if match["and_a_half"]:
        value += 0.5
    if match["fold"]:
        return "multiple", (value,), ()
    if match["word_percent"]:
        return "percent", (value,), ()
    if match["decades"]:
        return "duration", (value, value * 10), ()
    return "cardinal", (value,), ()


def _fraction(match: re.Match) -> Reading:
    value = FRACTIONS[match.group().lower()]
    return "fraction", (value, value * 100), ()


READERS = {  # the regular expression's group that matched -> how to read the token
    "marker": _marker,
    "digits": _digits,
    "code": lambda match: ("code", (), ()),
    "dozen": _dozen,
    "couple": lambda match: (
        ("duration", (2.0, 20.0), ()) if match["couple_decades"] else ("cardinal", (2.0,), ())
    ),
    "ordinal": lambda match: (
        "rank" if match["superlative_after"] else "ordinal",
        (word_value(match["ordinal_word"]),),
        (),
    ),
    "cardinal": _cardinal,
    "multiple": lambda match: ("multiple", (float(MULTIPLES[match.group().lower()]),), ()),
    "fraction": _fraction,
    "superlative": lambda match: ("rank", (1.0,), ()),
    "decade": lambda match: ("duration", (10.0,), ()),
    "century": lambda match: ("duration", (50.0 if match.group().lower().startswith("half") else 100.0,), ()),
    "roman": lambda match: ("roman", (float(roman_value(match.group())),), ()),
    "phone": lambda match: ("phone", (), ()),
}


def _from_match(match: re.Match) -> Reading:
    """Kind, values and high values of one matched token."""
    reader = READERS.get(match.lastgroup)
    return reader(match) if reader else ("vague", (), ())


def find_url_spans(text: str) -> list[tuple[int, int]]:
    """Where web and e-mail addresses stand (without a trailing '.', ',' or '>')."""
    spans = []
    for match in URL_PATTERN.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:)>]":
            end -= 1
        spans.append((match.start(), end))
    return spans


def find_tokens(text: str) -> list[Token]:
    """Every number-like token in text, in order. Inside a URL, each run of letters and digits
    that holds a digit is one token (a date part, an id, a number in a slug)."""
    tokens: list[Token] = []
    position = 0
    for url_start, url_end in [*find_url_spans(text), (len(text), len(text))]:
        for match in TOKEN_PATTERN.finditer(text, position, url_start):
            kind, values, high = _from_match(match)
            tokens.append(Token(match.start(), match.end(), match.group(), kind, values, high))
        for match in URL_TOKEN.finditer(text, url_start, url_end):
            word = match.group()
            is_number = word.isdigit()
            tokens.append(
                Token(
                    match.start(),
                    match.end(),
                    word,
                    "number" if is_number else "code",
                    (float(word),) if is_number else (),
                    in_url=True,
                )
            )
        position = url_end
    return tokens
