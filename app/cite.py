"""Citations of one figure (or exercise, event, external value) and of the dataset itself: Chicago
author-date and APA as plain text, BibTeX and CSL-JSON. Pure: plain values in, text out; the
caller gives the permalink, the access date and the dataset's version.

What a citation says. A figure is cited from the work it comes from (the essay in its report,
with the note the figure rests on), and the dataset that recorded it is credited: its title,
version, the figure's permalink and the access date. The plain-text styles say both in one
reference; BibTeX and CSL-JSON give two entries, the work and the dataset's record of the figure,
so a reference manager keeps both. An external value is cited from its publisher and source and
said to be external data.

Names as the report prints them. The curated data does not record which part of a name is the
family name (the report prints Ma Bin and Zhang Jian family name first, Vasily Kashin given name
first), so no style inverts or abbreviates a name, and BibTeX and CSL-JSON carry each as one
literal name rather than guess a family name wrongly.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from loaders.export import CURATORS, DATASET_TITLE
from loaders.quotes import readable

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
STYLES = (
    ("chicago", "Chicago (author-date)"),
    ("apa", "APA"),
    ("bibtex", "BibTeX"),
    ("csl", "CSL-JSON"),
)
DATASET_KEY = "sino-russian-relations-in-figures"
NAMES_AS_PRINTED = (
    "Authors' names are given as the report prints them: the data does not record which part of a "
    "name is the family name, so no style here inverts or abbreviates them."
)


@dataclass(frozen=True)
class Work:
    """What is cited: an essay in a report ("chapter"), a report, or a published series or the
    dataset itself ("dataset")."""

    key: str  # BibTeX key and CSL id
    kind: str  # "chapter", "report" or "dataset"
    authors: tuple[str, ...]  # names as printed
    title: str
    short: str = ""  # how a source line names it: "Kashin (2019)"
    year: str = ""
    container: str = ""  # the report an essay appears in
    series: str = ""  # "NBR Special Report #79"
    publisher: str = ""
    place: str = ""
    month: int | None = None
    pages: str = ""  # "1–21"
    source: str = ""  # where a series is published (an external value's source_name)
    url: str = ""
    version: str = ""  # the dataset's, when the dataset itself is cited


@dataclass(frozen=True)
class Record:
    """One row as the dataset records it: the figure (exercise, event, value) a citation names."""

    row_id: str
    kind: str  # "figure", "exercise", "event" or "external"
    label: str  # as printed: "$86.9 billion"
    detail: str = ""  # what, of what, when: "Bilateral trade volume, Russia ↔ China, 2017"
    note: int | None = None  # the footnote it rests on

    def sentence(self) -> str:
        """'Figure: $86.9 billion (Bilateral trade volume, Russia ↔ China, 2017), note 36'."""
        lead = {"external": "External data, not from the reports"}.get(self.kind, self.kind.capitalize())
        text = f"{lead}: {self.label}" + (f" ({self.detail})" if self.detail else "")
        return text + (f", note {self.note}" if self.note is not None else "")


@dataclass(frozen=True)
class Access:
    """Where and when the reader found it."""

    permalink: str  # absolute where the page knows its address
    accessed: datetime.date
    version: str  # the dataset's


def long_date(day: datetime.date) -> str:
    """'December 1, 2026' (the same in every locale)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _text(value) -> str:
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else readable(str(value)).strip()


def _names(authors: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in authors.split(";") if name.strip())


_IMPRINT = re.compile(r"\((?P<place>[^():]+):\s*(?P<publisher>[^(),]+),\s*(?P<date>[^()]+)\)\s*$")
_PAGES = re.compile(r",\s*(\d+[–-]\d+)\s*$")  # a complete range only: "37–" says no last page


def _imprint(citation: str) -> tuple[str, str, int | None]:
    """(place, publisher, month) from a citation ending '(Seattle: The NBR, May 2019)'."""
    found = _IMPRINT.search(citation)
    if not found:
        return "", "", None
    month = next((i + 1 for i, name in enumerate(MONTHS) if name in found["date"]), None)
    return found["place"].strip(), found["publisher"].strip(), month


def works_of(sources: pd.DataFrame) -> dict[str, Work]:
    """The work each essay (by its source_id) and each report (by its file name) is cited as,
    from sources.csv's report and essay rows."""
    rows = [
        {key: _text(value) for key, value in row.items()}
        for row in sources.to_dict("records")
        if row["kind"] in ("report", "essay")
    ]
    reports = {row["report"]: row for row in rows if row["kind"] == "report"}
    works = {}
    for row in rows:
        report = reports.get(row["report"], {})
        place, publisher, month = _imprint(report.get("citation", ""))
        # The report's short name is a series only where its own citation prints it.
        series = (
            report.get("short_name", "") if report.get("short_name", "") in report.get("citation", "") else ""
        )
        common = {"authors": _names(row["authors"]), "title": row["title"], "short": row["short_name"]}
        common |= {
            "year": row["year"],
            "series": series,
            "publisher": publisher,
            "place": place,
            "month": month,
        }
        if row["kind"] == "report":
            works[row["report"]] = Work(key=row["source_id"], kind="report", url=row["url"], **common)
        else:
            pages = _PAGES.search(row["citation"])
            works[row["source_id"]] = Work(
                key=row["source_id"],
                kind="chapter",
                container=report.get("title", ""),
                pages=pages.group(1) if pages else "",
                **common,
            )
    return works


def work_of(row: Mapping, works: Mapping[str, Work]) -> Work:
    """The work a catalog row is cited from: its essay (else its report), or for an external value
    its publisher's series."""
    if row.get("row_kind") == "external":
        publisher = _text(row.get("publisher"))
        return Work(
            key=f"ext-{_text(row.get('series'))}",
            kind="dataset",
            authors=(publisher,) if publisher else (),
            title=_text(row.get("series_title")),
            short=publisher,
            source=_text(row.get("source_name")),
            url=_text(row.get("source_url")),
        )
    found = works.get(_text(row.get("essay"))) or works.get(_text(row.get("report")))
    if found is None:
        raise KeyError(f"row {row.get('row_id')!r} names no essay or report that sources.csv declares")
    return found


def record_of(row: Mapping) -> Record:
    """The record a citation names, from a catalog row (app.catalog.Catalog.row)."""
    kind = _text(row.get("row_kind")) or "figure"
    if kind == "figure":
        parts = (_text(row.get("indicator_title")), _text(row.get("subject")), _text(row.get("period")))
        detail = ", ".join(part for part in parts if part)
    elif kind == "external":
        detail = ", ".join(p for p in (_text(row.get("series_title")), _text(row.get("period"))) if p)
    else:
        detail = ""
    note = row.get("footnote")
    return Record(
        row_id=_text(row.get("row_id")),
        kind=kind,
        label=_text(row.get("value_text")),
        detail=detail,
        note=None if _text(note) == "" else int(note),
    )


def dataset_work(version: str) -> Work:
    """The dataset itself, as /about cites it."""
    return Work(
        key=DATASET_KEY,
        kind="dataset",
        authors=(CURATORS,),
        title=DATASET_TITLE,
        short=CURATORS,
        version=version,
    )


# --- plain text ----------------------------------------------------------------------------------


def _end(text: str) -> str:
    """The text as a sentence: a full stop added unless it ends in one (inside quotes too)."""
    return text if re.search(r"[.?!][”’\"]?$", text) else f"{text}."


def _sentences(*parts: str) -> str:
    return " ".join(_end(part) for part in parts if part)


def _join(names: tuple[str, ...], conjunction: str) -> str:
    """'A', 'A and B', 'A, B, and C' (APA: '&', and a comma only from three names on)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return ", ".join(names[:-1]) + f", {conjunction} {names[-1]}"


def _in_container(work: Work, pages_label: str = "") -> str:
    """'In Title, Series, 1–21' (Chicago) or 'In Title (Series, pp. 1–21)' (APA, with pages_label)."""
    if not work.container:
        return ""
    pages = f"{pages_label}{work.pages}" if work.pages else ""
    if pages_label:
        inner = ", ".join(part for part in (work.series, pages) if part)
        return f"In {work.container}" + (f" ({inner})" if inner else "")
    return ", ".join(part for part in (f"In {work.container}", work.series, pages) if part)


def chicago(work: Work, record: Record | None, access: Access) -> str:
    """Chicago author-date, as one reference-list entry in plain text."""
    title = f"“{_end(work.title)}”" if work.kind == "chapter" else work.title
    year = work.year or "n.d."
    authors = _join(work.authors, "and")
    head = [authors, year, title] if authors else [title, year]
    imprint = ": ".join(part for part in (work.place, work.publisher) if part)
    body = [_in_container(work), work.series if work.kind == "report" else "", imprint]
    if work.kind == "dataset":
        body += [f"Dataset, version {work.version}" if work.version else "", work.source, work.url]
    credit = f"Recorded in {DATASET_TITLE}, version {access.version}" if record else ""
    tail = [f"Accessed {long_date(access.accessed)}", access.permalink]
    return _sentences(*head, *body, record.sentence() if record else "", credit, *tail)


def apa(work: Work, record: Record | None, access: Access) -> str:
    """APA (7th edition), as one reference-list entry in plain text; titles as printed."""
    year = f"({work.year})" if work.year else "(n.d.)"
    title = work.title + (f" (Version {work.version})" if work.version else "")
    if work.kind == "report" and work.series:
        title += f" ({work.series})"
    if work.kind == "dataset":
        title += " [Data set]"
    authors = _join(work.authors, "&")
    head = [authors, year, title] if authors else [title, year]
    body = [_in_container(work, "pp. "), work.publisher, work.source, work.url]
    credit = f"Recorded in {DATASET_TITLE} (Version {access.version}) [Data set]" if record else ""
    retrieved = f"Retrieved {long_date(access.accessed)}, from {access.permalink}"
    return _sentences(*head, *body, record.sentence() if record else "", credit) + " " + retrieved


# --- BibTeX --------------------------------------------------------------------------------------

_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\textdollar{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile(r"[\\{}$%&#_~^]")


def tex(text: str) -> str:
    """Text safe inside a braced BibTeX field: LaTeX's specials spelled as commands."""
    return _TEX_SPECIAL.sub(lambda found: _TEX[found.group()], text)


def _bib_url(url: str) -> str:
    """A URL as a url field holds it verbatim: braces and spaces percent-encoded."""
    return url.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D")


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    """One entry; each field is (name, value already in BibTeX form), empty values left out."""
    shown = [(name, value) for name, value in fields if value]
    width = max(len(name) for name, _ in shown)
    lines = [f"  {name.ljust(width)} = {value}," for name, value in shown]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}"


def _braced(text: str, keep_case: bool = False) -> str:
    """A field value in braces (double braces keep a title's capitals); '' for no value."""
    if not text:
        return ""
    return f"{{{{{tex(text)}}}}}" if keep_case else f"{{{tex(text)}}}"


def _bib_names(names: tuple[str, ...]) -> str:
    """Each name braced whole: BibTeX then prints it as given and never splits it wrongly."""
    return "{" + " and ".join(f"{{{tex(name)}}}" for name in names) + "}" if names else ""


def _bib_work(work: Work, access: Access, cited_itself: bool) -> str:
    url = access.permalink if cited_itself else work.url
    fields = [
        ("author", _bib_names(work.authors)),
        ("title", _braced(work.title, keep_case=True)),
        ("booktitle", _braced(work.container, keep_case=True)),
        ("series", _braced(work.series)),
        ("howpublished", _braced(work.source or ("Dataset" if work.version else ""))),
        ("publisher", _braced(work.publisher)),
        ("address", _braced(work.place)),
        ("year", _braced(work.year)),
        ("month", MONTHS[work.month - 1][:3].lower() if work.month else ""),  # a BibTeX month macro
        ("pages", _braced(work.pages.replace("–", "--"))),
        ("version", _braced(work.version)),
        ("url", f"{{{_bib_url(url)}}}" if url else ""),
        ("urldate", f"{{{access.accessed.isoformat()}}}" if cited_itself else ""),
    ]
    return _bib_entry({"chapter": "incollection"}.get(work.kind, "misc"), work.key, fields)


def _from_work(work: Work, record: Record) -> str:
    """'From Kashin (2019). Figure: $86.9 billion (…), note 36.'"""
    return f"From {work.short or work.title}. {_end(record.sentence())}"


def _bib_record(work: Work, record: Record, access: Access) -> str:
    fields = [
        ("author", _bib_names((CURATORS,))),
        ("title", _braced(record.label + (f": {record.detail}" if record.detail else ""), keep_case=True)),
        ("howpublished", _braced(f"{DATASET_TITLE}, dataset version {access.version}")),
        ("version", _braced(access.version)),
        ("note", _braced(f"{_from_work(work, record)} Accessed {access.accessed.isoformat()}")),
        ("url", f"{{{_bib_url(access.permalink)}}}"),
        ("urldate", f"{{{access.accessed.isoformat()}}}"),
    ]
    return _bib_entry("misc", f"sri:{record.row_id}", fields)


def bibtex(work: Work, record: Record | None, access: Access) -> str:
    """BibTeX: the work, then (for a row) the dataset's record of it, with permalink and urldate."""
    entries = [_bib_work(work, access, cited_itself=record is None)]
    if record is not None:
        entries.append(_bib_record(work, record, access))
    return "\n\n".join(entries)


# --- CSL-JSON ------------------------------------------------------------------------------------

_CSL_TYPES = {"chapter": "chapter", "report": "report", "dataset": "dataset"}


def _csl_date(*parts: int | None) -> dict:
    return {"date-parts": [[part for part in parts if part is not None]]}


def _csl_work(work: Work, access: Access, cited_itself: bool) -> dict:
    item: dict = {"id": work.key, "type": _CSL_TYPES[work.kind], "title": work.title}
    if work.authors:
        item["author"] = [{"literal": name} for name in work.authors]
    optional = {
        "container-title": work.container,
        "collection-title": work.series,
        "publisher": work.publisher,
        "publisher-place": work.place,
        "page": work.pages,
        "source": work.source,
        "version": work.version,
        "URL": access.permalink if cited_itself else work.url,
    }
    item |= {name: value for name, value in optional.items() if value}
    if work.year.isdigit():
        item["issued"] = _csl_date(int(work.year), work.month)
    if cited_itself:
        item["accessed"] = _csl_date(access.accessed.year, access.accessed.month, access.accessed.day)
    return item


def csl_json(work: Work, record: Record | None, access: Access) -> str:
    """CSL-JSON (an array of items): the work, then (for a row) the dataset's record of it."""
    items = [_csl_work(work, access, cited_itself=record is None)]
    if record is not None:
        items.append(
            {
                "id": f"sri:{record.row_id}",
                "type": "dataset",
                "title": record.label + (f" ({record.detail})" if record.detail else ""),
                "author": [{"literal": CURATORS}],
                "container-title": DATASET_TITLE,
                "version": access.version,
                "URL": access.permalink,
                "accessed": _csl_date(access.accessed.year, access.accessed.month, access.accessed.day),
                "note": _from_work(work, record),
            }
        )
    return compact_json(items)


def compact_json(value, indent: str = "") -> str:
    """JSON indented by two spaces, with any object or array that fits on a short line kept on one
    ({"literal": "Vasily Kashin"}, [[2019, 5]]), so an entry reads at a glance."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or len(indent) + len(flat) <= 72 or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {compact_json(v, inner)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [f"{inner}{compact_json(v, inner)}" for v in value]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


FORMATTERS = {"chicago": chicago, "apa": apa, "bibtex": bibtex, "csl": csl_json}


def citations(work: Work, record: Record | None, access: Access) -> dict[str, str]:
    """Every style's citation, by the keys of STYLES."""
    return {key: FORMATTERS[key](work, record, access) for key, _label in STYLES}
