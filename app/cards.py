"""The citation card: the full provenance of the clicked mark, with clickable URLs."""

from __future__ import annotations

import re

from dash import dcc, html

from app.citations import clean_quote, format_flag, is_missing, text_of
from app.paths import figure_path
from loaders.vocabulary import UNITS, format_value

FOOTNOTE_MARKS = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*")  # a footnote's own superscript number


def external_link(url: str, label: str | None = None) -> html.A:
    """A link out of the dashboard, in a new tab, telling the other site nothing."""
    return html.A(label or url, href=url, target="_blank", rel="noopener noreferrer", className="card-url")


def field(label: str, *value) -> html.Div:
    """One labelled line of a card, a figure's page or /about."""
    return html.Div(className="card-field", children=[html.Dt(label), html.Dd(list(value))])


def render_empty_card() -> html.Div:
    return html.Div(
        className="card-empty",
        children=[
            html.P(
                "Click any mark to see where it comes from: report, essay, footnote, the source the "
                "footnote cites, and the sentence exactly as printed."
            ),
            html.P("Hovering shows the same citation in short.", className="muted"),
        ],
    )


def render_citation_card(info: dict | None, more: int = 0) -> html.Div:
    """Card content for one row (as app.provenance.find_row returns it)."""
    if not info:
        return render_empty_card()
    if info.get("row_kind") == "external":
        return _external_card(info)
    children = [
        *_headline(info),
        html.Blockquote(clean_quote(text_of(info, "quote")), className="card-quote"),
        html.Dl(_provenance_fields(info), className="card-fields"),
    ]
    flag = format_flag(info)
    if flag:
        children.append(html.P(flag, className="card-flag"))
    elif text_of(info, "note"):
        children.append(html.P(["Curator's note: ", text_of(info, "note")], className="card-note"))
    children.append(
        html.Div(
            className="card-cite",
            children=[
                html.Div("Cite as", className="card-cite-label"),
                html.Code(text_of(info, "citation_text")),
                dcc.Clipboard(
                    content=text_of(info, "citation_text"), title="Copy citation", className="copy"
                ),
            ],
        )
    )
    children.append(html.Div(f"id: {info.get('row_id')}", className="card-id"))
    children.append(_pageexternal_link(info))
    if more:
        children.append(html.P(f"and {more} more selected mark{'s' if more > 1 else ''}.", className="muted"))
    return html.Div(children, className="card-body")


def _headline(info: dict) -> list:
    """The figure as printed, what and when; or an exercise's or event's name, date and kind."""
    kind = info.get("row_kind", "figure")
    if kind == "figure":
        return [
            html.Div(info.get("value_text", ""), className="card-value"),
            html.Div(
                f"{text_of(info, 'indicator_title')} · {text_of(info, 'subject')}", className="card-what"
            ),
            html.Div(f"Period: {text_of(info, 'period')}", className="card-when"),
        ]
    title = text_of(info, "name") or text_of(info, "title")
    when = text_of(info, "year") or text_of(info, "date_start")
    extra = [f"phase {text_of(info, 'phase')}"] if text_of(info, "phase") else []
    place = text_of(info, "location_as_written")
    return [
        html.Div(title, className="card-value"),
        html.Div(" · ".join([when, *extra, place] if place else [when, *extra]), className="card-what"),
        html.Div(kind.capitalize(), className="card-when"),
    ]


def _provenance_fields(info: dict) -> list:
    """Report, essay, the footnote's text and the source it cites."""
    footnote = info.get("footnote")
    note_text = FOOTNOTE_MARKS.sub("", text_of(info, "footnote_text"))
    cited = [text_of(info, "cited_source")]
    if text_of(info, "cited_url"):
        cited += [html.Br(), external_link(text_of(info, "cited_url"))]
    return [
        field("Report", text_of(info, "report_citation", text_of(info, "report_name"))),
        field("Essay", text_of(info, "essay_citation", text_of(info, "essay_name"))),
        field(
            "Footnote",
            f"fn. {int(footnote)}: {note_text}"
            if not is_missing(footnote)
            else "none (the author's own statement)",
        ),
        field("Cited source", *cited),
    ]


def _external_card(info: dict) -> html.Div:
    unit = text_of(info, "unit")
    value = info.get("value")
    shown = format_value(float(value), unit) if unit in UNITS and not is_missing(value) else ""
    fields = [
        field("Series", text_of(info, "series_title")),
        field("Publisher", text_of(info, "publisher")),
        field("Source", text_of(info, "source_name"), html.Br(), external_link(text_of(info, "source_url"))),
        field("Evidence", text_of(info, "evidence")),
        field("Confidence", text_of(info, "confidence")),
        field("Caveat", text_of(info, "caveat")),
    ]
    children = [
        html.Div("External data: not from the reports", className="card-external"),
        html.Div(shown, className="card-value"),
        html.Div(text_of(info, "period"), className="card-when"),
        html.Dl(fields, className="card-fields"),
    ]
    if bool(info.get("is_derived")) is True:
        children.append(
            html.P(
                "Derived value: computed from other published figures, not stated directly.",
                className="card-flag",
            )
        )
    children.append(html.Div(f"id: {info.get('row_id')}", className="card-id"))
    children.append(_pageexternal_link(info))
    return html.Div(children, className="card-body")


def _pageexternal_link(info: dict) -> html.P:
    """The row's own page: everything behind it, and its citation in four styles."""
    row_id = str(info.get("row_id"))
    return html.P(dcc.Link("Full citation and page →", href=figure_path(row_id), className="card-page-link"))
