"""The declared rules that exclude a number-like token from coverage: what is not a figure.

Each rule has a stable kebab-case id, one line a reader understands, and a matcher over the
token in its line. Rules are narrow on purpose: figures stand in footnotes, in cited titles and
even inside web addresses, so no rule excludes a whole footnote or a whole address. Anything
a rule does not catch is curated as a figure or excluded by a row of exclusions.csv, with a
reason. The tests give every rule a case it excludes and one it must leave alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from loaders.numbers import Token

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)


@dataclass(frozen=True)
class Place:
    """A token in its line (one paragraph of the report), with what the rules look at."""

    line: str
    start: int  # the token's offset in line
    end: int
    token: Token
    is_footnote: bool = False  # the line is a footnote's own text (it begins with its marker)
    url: str = ""  # the web or e-mail address the token stands in, if any
    url_offset: int = 0  # the token's offset in url
    essay_titles: frozenset[str] = frozenset()

    @property
    def before(self) -> str:
        return self.line[: self.start]

    @property
    def after(self) -> str:
        return self.line[self.end :]

    @property
    def word(self) -> str:
        return self.token.text.lower()


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    matches: Callable[[Place], bool]


def _within(place: Place, pattern: re.Pattern, group: str | None = None) -> bool:
    """The token lies inside a match of pattern in its line (inside the named group, if given)."""
    for match in pattern.finditer(place.line):
        start, end = match.span(group) if group else match.span()
        if start <= place.start and place.end <= end:
            return True
    return False


def is_footnote_marker(place: Place) -> bool:
    return place.token.kind == "marker"


_CITATION_DATE = re.compile(
    rf"(?:,\s|\(|\*,\s|\*\s|[\"”’],?\s)(?P<date>(?:(?:{MONTHS})\s(?:\d{{1,2}}(?:–\d{{1,2}})?,\s)?)?\d{{4}})(?=[,.;)]|\s*<)"
    rf"|(?:,\s|\()(?P<day_first>\d{{1,2}}\s(?:{MONTHS})\s\d{{4}})(?=[,.;)])"
)


_DAY_BEFORE = re.compile(rf"(?:{MONTHS})\s\d{{1,2}}$")


def is_citation_date(place: Place) -> bool:
    """A date standing as an element of a citation: ', May 21, 2014,' '(2008)' ', 2017, <'.

    Not a date inside a sentence ('signed in May 2018', 'on June 17, 2016, he said'): the year
    of 'Month D, YYYY' counts only when the whole date stands as an element.
    """
    if not place.is_footnote or place.url:
        return False
    for match in _CITATION_DATE.finditer(place.line):
        group = "date" if match.group("date") else "day_first"
        start, end = match.span(group)
        if not (start <= place.start and place.end <= end):
            continue
        if group == "date" and _DAY_BEFORE.search(place.line[: match.start()]):
            continue  # the year of "on June 17, 2016": the date does not stand as an element
        return True
    return False


_PAGES = re.compile(
    r"(?:(?:,|[\"”’])\s|:\s|\b(?:chap|pp?|para)\.\s)(?P<pages>\d+(?:–\d+)?)(?=[.;,]?\s*(?:$|<|http|and\b)|[.;]\s)"
)


def is_page_number(place: Place) -> bool:
    """Pages or a chapter at the end of a citation: ', 9–10.' '(2018): 77–104.' 'chap. 3.'"""
    return place.is_footnote and not place.url and _within(place, _PAGES, "pages")


_VOLUME_ISSUE = re.compile(
    r"\b(?:no|vol|issue)\.?\s?(?P<number>\d+)|(?P<volume>\d+)(?=,\sno\.\s\d)", re.IGNORECASE
)


def is_volume_or_issue(place: Place) -> bool:
    """A journal's volume or issue number: 'no. 5', 'vol. 16', '16, no. 10'."""
    return (
        place.is_footnote
        and not place.url
        and (_within(place, _VOLUME_ISSUE, "number") or _within(place, _VOLUME_ISSUE, "volume"))
    )


_SERIES_NUMBER = re.compile(
    r"Special Report\*?,?\s(?:#|no\.\s)(?P<number>\d+)|(?P<ordinal>[a-z-]+)\sNBR\s\*?Special Report",
    re.IGNORECASE,
)


def is_report_series_number(place: Place) -> bool:
    """A report's number in its publisher's series: 'Special Report #79', 'no. 73', 'seventy-ninth'."""
    return _within(place, _SERIES_NUMBER, "number") or _within(place, _SERIES_NUMBER, "ordinal")


_MASTHEAD = re.compile(r"REPORT #\d+ \| [A-Z]+ (?P<year>\d{4})\s*$")


def is_masthead_date(place: Place) -> bool:
    """The date in a report's running header: 'NBR SPECIAL REPORT #79 | MAY 2019'."""
    return _within(place, _MASTHEAD, "year")


_MONTH = r"(?:1[0-2]|0?[1-9])"  # longest first, so that "12/29" is not read as "1", "2"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_URL_DATE = re.compile(
    rf"(?<![0-9A-Za-z])(?:19|20)\d{{2}}(?:[/-]{_MONTH}(?:[/-]?{_DAY})?)?(?![0-9A-Za-z])"
    rf"|(?<![0-9A-Za-z]){_DAY}[/-]{_MONTH}[/-](?:19|20)\d{{2}}(?![0-9])"
    rf"|(?<![0-9A-Za-z]){_MONTH}[/-]{_DAY}[/-](?:19|20)\d{{2}}(?![0-9])"
    r"|(?<![0-9A-Za-z])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])?(?![0-9A-Za-z])"
)


def is_url_date(place: Place) -> bool:
    """A date written into a web address: '/2015/12/29/', '/20140521/', '/26/07/2018/'."""
    if not place.url:
        return False
    offset, end = place.url_offset, place.url_offset + len(place.token.text)
    return any(m.start() <= offset and end <= m.end() for m in _URL_DATE.finditer(place.url))


def is_url_identifier(place: Place) -> bool:
    """A number in a web address that is an id, a file number or an encoded character, not a
    word of its slug: '/1008730350.html', 'content_32684821', '%26' (but not '_16_mlrd_')."""
    if not place.url or place.token.kind != "number":
        return False
    offset, end = place.url_offset, place.url_offset + len(place.token.text)
    before = place.url[offset - 1] if offset else "/"
    after = place.url[end] if end < len(place.url) else "/"
    if before == "%":
        return True
    if before not in "/=?&@#-_" or after not in "/.?&#_-%":
        return False
    left = re.search(r"([A-Za-z0-9]+)[-_]$", place.url[:offset])
    right = re.match(r"[-_]([A-Za-z0-9]+)", place.url[end:])
    # Between two words of a slug it is a word of the slug: "sostavil_16_mlrd".
    return not (left and right and left.group(1).isalpha() and right.group(1).isalpha())


def is_identifier_code(place: Place) -> bool:
    """Letters and digits run together ('G2', 'Su-27SK', an address's hash): a name, not a quantity."""
    return place.token.kind == "code"


_DESIGNATION = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]{0,2}-$")


def is_designation(place: Place) -> bool:
    """A designation of a weapon, vehicle or group: 'S-400', 'Su-35', 'HQ-9', 'G-7'."""
    return (
        not place.url
        and place.token.kind in ("number", "decade-of-years")  # "BMP-3s" is a plural, not a decade
        and bool(_DESIGNATION.search(place.before))
    )


# Capitalised words that follow an ordinal in a title without making it a name.
_TITLE_WORDS = (
    "I|The|A|An|Biggest|Largest|Most|Highest|Lowest|Consecutive|Time|Year|Half|Quarter|Round|Step|Place"
)


def is_ordinal_in_name(place: Place) -> bool:
    """An ordinal inside a proper name: 'the 19th Party Congress', 'the Second World War'.

    A title's capitals are not a name: "World's Second Biggest Economy" and "for Seventh
    Consecutive Year" state a rank and a count, so the ordinal must follow 'the' or a
    lower-case word, and not precede a word such as Biggest, Consecutive or Half.
    """
    if place.token.kind != "ordinal":
        return False
    return (
        bool(re.search(r"\b(?:the|[a-z][a-z-]*)\s$", place.before))
        and bool(re.match(r"\s[A-Z][a-z]+", place.after))
        and not re.match(rf"\s(?:{_TITLE_WORDS})\b", place.after)
    )


def is_roman_numeral_in_name(place: Place) -> bool:
    """A Roman numeral in a name: 'World War II', 'William J. Lynn, III'."""
    return place.token.kind == "roman" and bool(re.search(r"(?:\bWar|[A-Z][a-z]+,)\s$", place.before))


def is_century_name(place: Place) -> bool:
    """An ordinal naming a century: 'the 21st century', 'the nineteenth and early twentieth centuries'."""
    if place.word == "centuries":
        return bool(re.search(r"(?:th|st|nd|rd)\s$", place.before))
    return place.token.kind == "ordinal" and bool(
        re.match(
            r"(?:\s+and\s+(?:early\s+|late\s+|mid-)?\S+)?\s+centur(?:y|ies)\b", place.after, re.IGNORECASE
        )
    )


def is_period_name(place: Place) -> bool:
    """An ordinal naming part of a period: 'the first decade of the 2000s', 'the first six months
    of FY 2018', 'the First Half of FY 2018'; and that part's 'decade', 'half' or 'six'."""
    if place.token.kind == "ordinal":
        return bool(
            re.match(
                r"\s(?:decade\s+of|half\s+of|quarter\s+of|(?:three|six|nine)\s+months)\b", place.after, re.I
            )
        )
    return bool(re.search(r"\b(?:first|second|third|last)\s$", place.before, re.I)) and bool(
        re.match(r"\s(?:of|months)\b", place.after)
    )


def is_first_occurrence(place: Place) -> bool:
    """'for the first time' or 'first-ever': a first occurrence, not a rank or a count."""
    if place.word != "first":
        return False
    if place.after.startswith("-ever"):
        return True
    return bool(re.match(r"\s+time\b", place.after, re.I)) and bool(
        re.search(r"\bfor\s+the\s$", place.before, re.I)
    )


def is_first_as_adverb(place: Place) -> bool:
    """'first' as an adverb of time before a verb: 'was first proposed', 'first began'."""
    return place.word == "first" and bool(re.match(r"\s(?:[a-z]+ed|began|met|came|became)\b", place.after))


def is_contents_page_number(place: Place) -> bool:
    """A page number in a table of contents: it begins a line whose rest is an essay's title."""
    match = re.fullmatch(r"\s*[-–•]?\s*(\d+)\s+(.+?)\s*", place.line)
    return bool(match) and match.start(1) == place.start and match.group(2) in place.essay_titles


def is_copyright_year(place: Place) -> bool:
    """The year after a copyright sign: '© 2019'."""
    return bool(re.search(r"©\s*$", place.before))


def is_postal_address(place: Place) -> bool:
    """A number in a postal address line: street, suite, floor or ZIP code."""
    line = place.line.strip()
    if len(line) > 80:
        return False
    is_street = bool(re.match(r"\d+\s", line)) and bool(
        re.search(r"\b(?:street|avenue|road|suite|floor)\b", line, re.IGNORECASE)
    )
    return is_street or bool(re.search(r",\s[A-Za-z .]+\s\d{5}(?:\sUSA)?$", line))


def is_era_year(place: Place) -> bool:
    """A year counted in a Japanese era ('Heisei 30-nendo' is 2018): part of a title or date."""
    return bool(re.search(r"\b(?:Heisei|Reiwa|Showa)\s$", place.before))


def is_phone_number(place: Place) -> bool:
    """A telephone or fax number: '206-632-7370'."""
    return place.token.kind == "phone"


_PARTIES = (
    "countries|sides|leaders|governments|societies|economies|men|heads|empires|powers|nations|states"
    "|presidents|capitals|militaries|navies|neighbors"
)


def is_named_parties(place: Place) -> bool:
    """'the two' or 'the three' naming parties just mentioned ('the two countries', 'between
    the two.'), and 'these two' pointing back at two things ('these two projects')."""
    if place.word not in ("two", "three"):
        return False
    if re.search(r"\bthese\s$", place.before, re.IGNORECASE):
        return True
    return bool(re.search(r"\bthe\s$", place.before, re.IGNORECASE)) and bool(
        re.match(rf"\s(?:major\s)?(?:{_PARTIES})\b|[.,;:)]", place.after)
    )


def is_one_as_pronoun(place: Place) -> bool:
    """'one' as a pronoun or in a set phrase: 'one of', 'on the one hand', 'one another', 'one must'."""
    if place.word != "one":
        return False
    after, before = place.after, place.before
    return bool(
        re.match(r"\s(?:of|another|or another)\b", after)
        or (re.search(r"\bthe\s$", before, re.IGNORECASE) and re.match(r"\s(?:hand|side)\b", after))
        or re.match(r"\s(?:must|could|can|may|might|should|would|looks)\b", after)
        or (re.search(r"\b[Ff]or\s$", before) and after.startswith(","))
        or (re.search(r"\b(?:an?)\s(?:[a-z]+\s){1,4}$", before) and re.match(r"[,.;]", after))
    )


def is_enumeration_opener(place: Place) -> bool:
    """'One is…', 'First,' 'Second,' opening a sentence to list the author's points (no count)."""
    at_sentence_start = not place.before.strip() or bool(re.search(r"[.?!:][\"”’)]?\s+$", place.before))
    if not at_sentence_start:
        return False
    if place.word == "one":
        return bool(re.match(r"\s(?:is|was)\b", place.after))
    return place.token.kind == "ordinal" and bool(re.match(r",|\s(?:of all|and foremost)\b", place.after))


def is_listed_ordinal(place: Place) -> bool:
    """'A second' or 'A third' opening a sentence to add an item to a list ('A second challenge
    is…'): no total. Not 'a third party', which names an outsider."""
    return (
        place.token.kind == "ordinal"
        and place.word != "first"
        and bool(re.search(r"(?:^|[.?!:][\"”’)]?\s+)A\s$", place.before))
    )


def is_document_part(place: Place) -> bool:
    """An ordinal or count of the document's own parts: 'the first section', 'four sections'."""
    return bool(re.match(r"(?:\s[a-z]+)?\s(?:sections?|essays?|chapters?)\b", place.after))


RULES: tuple[Rule, ...] = (
    Rule(
        "footnote-marker",
        "A footnote marker: the superscript number after a sentence or before a footnote.",
        is_footnote_marker,
    ),
    Rule(
        "citation-date",
        "A date in a footnote's citation, standing as one of its elements (', May 21, 2014,').",
        is_citation_date,
    ),
    Rule(
        "page-number", "Pages or a chapter at the end of a citation (', 9–10.', 'chap. 3').", is_page_number
    ),
    Rule("volume-or-issue", "A journal's volume or issue number ('no. 5', 'vol. 16').", is_volume_or_issue),
    Rule(
        "report-series-number",
        "A report's number in its publisher's series ('Special Report #79').",
        is_report_series_number,
    ),
    Rule(
        "masthead-date",
        "The date in a report's running header ('NBR SPECIAL REPORT #79 | MAY 2019').",
        is_masthead_date,
    ),
    Rule("url-date", "A date written into a web address ('/2015/12/29/', '/20140521/').", is_url_date),
    Rule(
        "url-identifier",
        "A number in a web address that is an id or file number, not a word of its slug.",
        is_url_identifier,
    ),
    Rule(
        "identifier-code",
        "Letters and digits run together ('G2', 'Su-27SK', a hash): a name, not a quantity.",
        is_identifier_code,
    ),
    Rule(
        "designation", "A designation: capitals, a hyphen, digits ('S-400', 'Su-35', 'G-7').", is_designation
    ),
    Rule("century-name", "An ordinal naming a century ('the 21st century').", is_century_name),
    Rule(
        "roman-numeral-in-name",
        "A Roman numeral in a name ('World War II', 'Lynn, III').",
        is_roman_numeral_in_name,
    ),
    Rule(
        "ordinal-in-name",
        "An ordinal inside a proper name ('19th Party Congress', 'Second World War').",
        is_ordinal_in_name,
    ),
    Rule(
        "period-name", "An ordinal naming part of a period ('the first decade of the 2000s').", is_period_name
    ),
    Rule(
        "first-occurrence",
        "'for the first time' or 'first-ever': a first occurrence, not a rank.",
        is_first_occurrence,
    ),
    Rule(
        "first-as-adverb",
        "'first' as an adverb of time ('was first proposed', 'first began').",
        is_first_as_adverb,
    ),
    Rule(
        "contents-page-number",
        "A page number in the table of contents, before an essay's title.",
        is_contents_page_number,
    ),
    Rule("copyright-year", "The year after a copyright sign ('© 2019').", is_copyright_year),
    Rule(
        "postal-address", "A number in a postal address: street, suite, floor or ZIP code.", is_postal_address
    ),
    Rule("era-year", "A year counted in a Japanese era ('Heisei 30'), part of a title or date.", is_era_year),
    Rule("phone-number", "A telephone or fax number ('206-632-7370').", is_phone_number),
    Rule(
        "named-parties",
        "'the two', 'the three' or 'these two' pointing back at parties just named ('the two countries').",
        is_named_parties,
    ),
    Rule(
        "one-as-pronoun",
        "'one' as a pronoun or in a set phrase ('one of', 'on the one hand', 'for one,').",
        is_one_as_pronoun,
    ),
    Rule(
        "enumeration-opener",
        "'One is…', 'First,' opening a sentence to list the author's points.",
        is_enumeration_opener,
    ),
    Rule(
        "listed-ordinal",
        "'A second' or 'A third' opening a sentence that adds an item to a list.",
        is_listed_ordinal,
    ),
    Rule(
        "document-part",
        "An ordinal or count of the document's own parts ('the first section').",
        is_document_part,
    ),
)
RULE_DESCRIPTIONS: dict[str, str] = {rule.id: rule.description for rule in RULES}


def matching_rule(place: Place) -> str | None:
    """The id of the first rule that excludes the token, or None."""
    for rule in RULES:
        if rule.matches(place):
            return rule.id
    return None
