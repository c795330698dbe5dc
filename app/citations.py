"""Citation text built from a row's own columns: the same words on hover, in a card and in exports."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd

from loaders.quotes import readable
from loaders.vocabulary import UNITS, format_value

QUOTE_WRAP = 60
QUOTE_LIMIT = 300

FLAG_LABELS = {
    "possible_typo": "possible typo",
    "order_of_magnitude": "order of magnitude?",
    "conflicts_with_other_figure": "conflicts with another figure",
    "ambiguous": "ambiguous",
    "inconsistent_source_date": "source date inconsistent",
}


def is_missing(value) -> bool:
    """True for None, NaN and pandas NA (which refuses truth tests)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text_of(row: Mapping, column: str, default: str = "") -> str:
    value = row.get(column)
    return default if is_missing(value) else str(value)


def clean_quote(quote: str) -> str:
    """The quote as a reader should see it: the report file's markdown escapes removed."""
    return readable(quote).strip()


def shorten(text: str, width: int) -> str:
    """text cut to at most ``width`` characters at a word, with an ellipsis when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:(") + "…"


def trim_quote(quote: str, limit: int = QUOTE_LIMIT) -> str:
    return shorten(clean_quote(quote), limit)


def wrap_for_hover(text: str, width: int = QUOTE_WRAP) -> str:
    """Wrap text at about ``width`` characters with <br> (plotly hover labels do not wrap)."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def escape_plotly_text(text: str) -> str:
    """Curated text shown literally by plotly, which reads <b>, <br> and entities in labels.

    Hover text reaches plotly through customdata (``%{customdata[4]}``), which plotly does not
    re-parse, so percent signs need no escaping.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_figure_value(row: Mapping) -> str:
    """The figure in words as printed: 'more than $3 billion', '40–45%'."""
    value = row.get("value")
    unit = text_of(row, "unit")
    if is_missing(value) or unit not in UNITS:
        return ""
    high = row.get("value_high")
    return format_value(
        float(value), unit, text_of(row, "qualifier", "exact"), None if is_missing(high) else float(high)
    )


def format_footnote(row: Mapping) -> str:
    footnote = row.get("footnote")
    return "no footnote" if is_missing(footnote) else f"fn. {int(footnote)}"


def format_flag(row: Mapping) -> str:
    flag = text_of(row, "flag")
    if not flag:
        return ""
    note = text_of(row, "note")
    label = FLAG_LABELS.get(flag, flag.replace("_", " "))
    return f"⚑ {label}: {note}" if note else f"⚑ {label}"


def format_hover(row: Mapping) -> str:
    """Hover text for one mark (already escaped for a plotly hovertemplate)."""
    if bool(row.get("is_external")) is True:
        return format_external_hover(row)
    headline = text_of(row, "label") or format_figure_value(row)
    lines = [f"<b>{escape_plotly_text(headline)}</b>"]
    period = text_of(row, "period")
    if period:
        lines.append(escape_plotly_text(period))
    essay = text_of(row, "essay_name", text_of(row, "essay"))
    report = text_of(row, "report_name", text_of(row, "report"))
    lines.append(escape_plotly_text(f"{essay}, {report} · {format_footnote(row)}"))
    cited = text_of(row, "cited_source")
    if cited:
        lines.append(wrap_for_hover(escape_plotly_text(f"Cited: {cited}")))
    quote = text_of(row, "quote")
    if quote:
        lines.append(wrap_for_hover(escape_plotly_text(f"“{trim_quote(quote)}”")))
    flag = format_flag(row)
    if flag:
        lines.append(wrap_for_hover(escape_plotly_text(flag)))
    return "<br>".join(lines)


def format_external_hover(row: Mapping) -> str:
    unit = text_of(row, "unit")
    value = row.get("value")
    shown = format_value(float(value), unit) if unit in UNITS and not is_missing(value) else ""
    lines = [
        f"<b>{escape_plotly_text(shown)}</b> · {escape_plotly_text(text_of(row, 'period'))}",
        "External data (not from the reports)",
        wrap_for_hover(escape_plotly_text(text_of(row, "series_title"))),
        wrap_for_hover(escape_plotly_text(f"Publisher: {text_of(row, 'publisher')}")),
        wrap_for_hover(escape_plotly_text(text_of(row, "source_url")), 70),
    ]
    if bool(row.get("is_derived")) is True:
        lines.append("Derived value (computed, not stated directly)")
    return "<br>".join(line for line in lines if line)


def format_citation_text(row: Mapping) -> str:
    """A ready-to-paste citation of one figure (plain text)."""
    if bool(row.get("is_external")) is True:
        return (
            f"{text_of(row, 'series_title')}, {text_of(row, 'period')}: "
            f"{text_of(row, 'publisher')}. {text_of(row, 'source_url')}"
        ).strip()
    essay = text_of(row, "essay_citation", text_of(row, "essay_name"))
    parts = [essay or text_of(row, "report")]
    footnote = row.get("footnote")
    if not is_missing(footnote):
        parts.append(f"fn. {int(footnote)}")
    cited = text_of(row, "cited_source")
    if cited:
        parts.append(f"citing {cited}")
    url = text_of(row, "cited_url")
    if url:
        parts.append(url)
    return ", ".join(parts) + "."


def _join_limited(items: list[str], limit: int = 3) -> str:
    if len(items) <= limit:
        return "; ".join(items)
    return "; ".join(items[:limit]) + f"; and {len(items) - limit} more"


def source_line(*frames) -> str:
    """'Source: Kashin (2019) fn. 36 (NBR Special Report #79); citing …. External data: SIPRI.'

    The same line under a panel, in an image, on a slide and in an embed, from the rows shown
    (one or more app.catalog.Rows: a chart's own rows and its external ones; a missing cell
    there is None)."""
    notes: dict[str, set[int]] = {}
    reports: dict[str, None] = {}
    cited: dict[str, None] = {}
    publishers: dict[str, None] = {}
    for rows in frames:
        if rows.empty:
            continue
        columns = [rows[c] if c in rows else [None] * len(rows) for c in _SOURCE_COLUMNS]
        for external, essay, footnote, report, source, publisher in zip(*columns, strict=True):
            if external is True:
                if publisher is not None:
                    publishers[str(publisher)] = None
                continue
            numbers = notes.setdefault(str(essay), set())
            if footnote is not None:
                numbers.add(int(footnote))
            if report is not None:
                reports[str(report)] = None
            if source is not None and not str(source).startswith("No footnote"):
                cited[str(source)] = None
    if not notes and not publishers:
        return "Source: no figures under the current filters."
    line = ""
    if notes:
        parts = [
            f"{essay} fn. {', '.join(map(str, sorted(n)))}" if n else essay for essay, n in notes.items()
        ]
        line = "Source: " + "; ".join(parts) + (f" ({', '.join(reports)})" if reports else "")
        if cited:
            line += f"; citing {_join_limited(list(cited))}"
        line += "."
    if publishers:
        line += (" " if line else "") + "External data: " + "; ".join(publishers) + "."
    return line


_SOURCE_COLUMNS = ("is_external", "essay_name", "footnote", "report_name", "cited_source", "publisher")
