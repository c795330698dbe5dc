"""/figure/<row id>: one figure (or exercise, event, external value) with everything behind it, and
a Cite box.

The route answers with a skeleton (render_figure_skeleton): the row id, and a store the browser
fills with its own address and date (assets/cite.js). app/callbacks/figure.py then renders the
body (render_figure_body), so every permalink is absolute: $SRI_PUBLIC_URL when configured, else
the origin the browser sees, never the request's Host header. Pure functions of the catalog and
plain values; no callback context.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from dash import dcc, html

from app.cards import FOOTNOTE_MARKS, external_link, field
from app.catalog import Catalog
from app.charts import CHARTS, chart_rows
from app.citations import format_flag, is_missing, text_of
from app.cite import (
    NAMES_AS_PRINTED,
    STYLES,
    Access,
    Work,
    citations,
    long_date,
    record_of,
    work_of,
)
from app.paths import figure_path
from app.view import View
from loaders.quotes import readable

FIGURE_ROW = "figure-row"  # store: the row id the path names
FIGURE_CONTEXT = "figure-context"  # store: {"origin", "today"} as the browser sees them
FIGURE_BODY = "figure-body"
CITE_STATUS = "cite-status"
KIND_NAMES = {
    "figure": "Figure",
    "exercise": "Joint exercise",
    "event": "Event",
    "external": "External value",
}

# The page reuses the dashboard's card and table classes; the few rules they lack are inline
# (assets/app.css belongs to the layout).
SECTION = {"marginTop": "26px", "maxWidth": "900px"}
CITE_TEXT = {
    "whiteSpace": "pre-wrap",
    "overflowWrap": "anywhere",
    "fontFamily": "var(--mono)",
    "fontSize": ".8rem",
    "background": "var(--soft)",
    "padding": "8px 10px",
    "borderRadius": "4px",
    "margin": "4px 0 12px",
}
CITE_PLAIN = {**CITE_TEXT, "fontFamily": "inherit", "fontSize": ".9rem", "lineHeight": "1.45"}
CITE_HEAD = {"display": "flex", "alignItems": "center", "gap": "10px", "flexWrap": "wrap"}
CAPTION = {"fontSize": ".8rem", "margin": "-6px 0 14px"}
MACHINE_STYLES = ("bibtex", "csl")  # shown as code; the others as prose
LOADING = {"minHeight": "60vh"}


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the browser: the base of absolute links and the access date."""

    base: str  # "https://example.org", or "" when unknown (links stay relative)
    today: datetime.date


_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def page_context(reported, public_url: str, server_today: datetime.date) -> PageContext:
    """The configured public URL, else the origin the browser reports (checked to be one); the
    browser's own date when it is within a day of the server's (the reader's "today"), else the
    server's."""
    reported = reported if isinstance(reported, Mapping) else {}
    origin = reported.get("origin")
    base = public_url or (origin if isinstance(origin, str) and _ORIGIN.fullmatch(origin) else "")
    today = server_today
    try:
        told = datetime.date.fromisoformat(str(reported.get("today")))
        if abs((told - server_today).days) <= 1:
            today = told
    except ValueError:
        pass
    return PageContext(base, today)


def render_figure_skeleton(row_id: str) -> html.Div:
    """What the route returns: the row id, the browser's context to be filled in, the body to come."""
    return html.Div(
        className="page page-figure",
        children=[
            dcc.Store(id=FIGURE_ROW, data=row_id),
            dcc.Store(id=FIGURE_CONTEXT),
            html.Div(
                id=FIGURE_BODY, style=LOADING, children=html.P("Loading the figure…", className="muted")
            ),
        ],
    )


# --- pieces --------------------------------------------------------------------------------------


_FOOTNOTE_TOKENS = re.compile(
    r"<(?P<auto>https?://[^>\s]+)>"  # markdown autolink: <http://…>
    r"|(?<![\w*])\*(?P<em>[^*\n]+)\*(?![\w*])"  # *Title*
    r"|(?P<bare>https?://[^\s<>]+[^\s<>.,;:)])"  # a bare URL, without its closing punctuation
)


def footnote_segments(text: str) -> list[tuple[str, str]]:
    """A footnote's markdown as printed: ("text" | "em" | "link", readable text) in order, without
    its leading superscript marker."""
    text = FOOTNOTE_MARKS.sub("", text)
    segments, at = [], 0
    for found in _FOOTNOTE_TOKENS.finditer(text):
        if found.start() > at:
            segments.append(("text", readable(text[at : found.start()])))
        kind = "em" if found["em"] else "link"
        segments.append((kind, readable(found["em"] or found["auto"] or found["bare"])))
        at = found.end()
    if at < len(text):
        segments.append(("text", readable(text[at:])))
    return segments


def _footnote(row: Mapping) -> list:
    footnote = row.get("footnote")
    if is_missing(footnote):
        return ["none: the author's own statement"]
    parts = [f"{int(footnote)}. "]
    for kind, text in footnote_segments(text_of(row, "footnote_text")):
        parts.append(html.Em(text) if kind == "em" else external_link(text) if kind == "link" else text)
    return parts


def _what_and_when(row: Mapping) -> tuple[str, str, str]:
    """(headline, what it is of, when) as the page's heading shows them."""
    kind = text_of(row, "row_kind")
    if kind == "figure":
        what = " · ".join(filter(None, (text_of(row, "indicator_title"), text_of(row, "subject"))))
        return text_of(row, "value_text"), what, f"Period: {text_of(row, 'period')}"
    if kind == "external":
        return text_of(row, "value_text"), text_of(row, "series_title"), text_of(row, "period")
    if kind == "exercise":
        phase = f"phase: {text_of(row, 'phase')}" if text_of(row, "phase") else ""
        when = " · ".join(filter(None, (text_of(row, "period"), phase)))
        where = text_of(row, "location_as_written") or text_of(row, "place")
        what = " · ".join(filter(None, (text_of(row, "participants"), f"at {where}" if where else "")))
        return text_of(row, "name"), what, when
    start, end = text_of(row, "date_start"), text_of(row, "date_end")
    when = f"{start} – {end}" if end and end != start else start
    precision = text_of(row, "date_precision")
    what = text_of(row, "kind").replace("_", " ").capitalize()  # an event's own kind: "Summit"
    return text_of(row, "title"), what, when + (f" (dated to the {precision})" if precision else "")


def _headline(row: Mapping) -> list:
    kind = text_of(row, "row_kind")
    title, what, when = _what_and_when(row)
    source = text_of(row, "publisher") if kind == "external" else text_of(row, "essay_name")
    return [
        html.P(f"{KIND_NAMES.get(kind, kind)} · {source}", className="card-when"),
        html.H1(readable(title), className="card-value"),
        html.P(readable(what), className="card-what") if what else None,
        html.P(readable(when), className="card-when") if when else None,
    ]


def _provenance(row: Mapping) -> html.Dl:
    cited = [readable(text_of(row, "cited_source"))]
    if text_of(row, "cited_url"):
        cited += [html.Br(), external_link(text_of(row, "cited_url"))]
    fields = [
        field("Report", readable(text_of(row, "report_citation", text_of(row, "report_name")))),
        field("Essay", readable(text_of(row, "essay_citation", text_of(row, "essay_name")))),
        field("Footnote", *_footnote(row)),
        field("Cited source", *cited),
    ]
    if text_of(row, "note") and not text_of(row, "flag"):
        fields.append(field("Curator's note", readable(text_of(row, "note"))))
    fields.append(field("Id", html.Code(text_of(row, "row_id"))))
    return html.Dl(fields, className="card-fields")


def _external_provenance(row: Mapping) -> html.Dl:
    fields = [
        field("Series", readable(text_of(row, "series_title"))),
        field("Publisher", readable(text_of(row, "publisher"))),
        field(
            "Source",
            readable(text_of(row, "source_name")),
            html.Br(),
            external_link(text_of(row, "source_url")),
        ),
        field("Evidence", readable(text_of(row, "evidence"))),
        field("Confidence", text_of(row, "confidence")),
        field("Caveat", readable(text_of(row, "caveat"))),
        field("Id", html.Code(text_of(row, "row_id"))),
    ]
    return html.Dl(fields, className="card-fields")


def _charts_of_rows(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Row id -> the charts that draw it (with no filters), worked out once per catalog."""
    found = catalog.memo.get("charts-of-row")
    if found is None:
        found = {}
        selection = catalog.select(View())
        for chart in CHARTS:
            rows = chart_rows(chart, selection)
            for row_id in [*rows.own["row_id"], *rows.reference["row_id"]]:
                found.setdefault(row_id, []).append(chart.id)
        found = catalog.memo["charts-of-row"] = {key: tuple(value) for key, value in found.items()}
    return found


def charts_drawing(catalog: Catalog, row_id: str) -> list:
    """The registry's charts that draw this row, in registry order."""
    ids = _charts_of_rows(catalog).get(row_id, ())
    return [chart for chart in CHARTS if chart.id in ids]


def _on_the_dashboard(catalog: Catalog, row: Mapping) -> html.Section:
    row_id = text_of(row, "row_id")
    select = quote(row_id, safe=":")
    charts = charts_drawing(catalog, row_id)
    items = [
        html.Li(
            dcc.Link(chart.title, href=f"/chart/{chart.id}?select={select}", className="figure-chart-link")
        )
        for chart in charts
    ]
    return html.Section(
        style=SECTION,
        **{"aria-labelledby": "figure-charts-title"},
        children=[
            html.H2("On the dashboard", id="figure-charts-title", className="panel-title"),
            html.P(
                dcc.Link(
                    "Show it on the dashboard, selected, with its chart in view →",
                    href=f"/?select={select}",
                    id="figure-dashboard-link",
                )
            ),
            html.P(
                f"Drawn by {len(charts)} chart{'s' if len(charts) != 1 else ''}, each alone:",
                className="muted",
            )
            if charts
            else html.P("No chart draws it.", className="muted"),
            html.Ul(items) if items else None,
        ],
    )


def other_estimates(catalog: Catalog, row: Mapping) -> list[dict]:
    """The other figures of the same indicator (for an exercise: the same series), by period."""
    kind = text_of(row, "row_kind")
    if kind == "figure":
        table, key = catalog.figures, "indicator"
    elif kind == "exercise":
        table, key = catalog.exercises, "series"
    else:
        return []
    wanted, own = row.get(key), row.get("row_id")
    if is_missing(wanted):
        return []
    same = [
        row_id
        for row_id, value in zip(table.columns["row_id"], table.columns[key], strict=True)
        if value == wanted
    ]
    others = [catalog.row(row_id) for row_id in same if row_id != own]
    return sorted(others, key=lambda other: (other.get("year_start") or 0, text_of(other, "row_id")))


def _others_section(catalog: Catalog, row: Mapping) -> html.Section | None:
    others = other_estimates(catalog, row)
    if not others:
        return None
    title = (
        "Other estimates of the same indicator" if text_of(row, "row_kind") == "figure" else "The same series"
    )
    header = html.Tr([html.Th(h) for h in ("Figure as printed", "Of what", "Period", "Source", "")])
    body = [
        html.Tr(
            [
                html.Td(dcc.Link(readable(text_of(o, "value_text")), href=figure_path(text_of(o, "row_id")))),
                html.Td(readable(text_of(o, "subject"))),
                html.Td(text_of(o, "period")),
                html.Td(
                    text_of(o, "essay_name")
                    + (f", fn. {int(o['footnote'])}" if text_of(o, "footnote") else "")
                ),
                html.Td("⚑ flagged" if text_of(o, "flag") else ""),
            ]
        )
        for o in others
    ]
    return html.Section(
        style=SECTION,
        **{"aria-labelledby": "figure-others-title"},
        children=[
            html.H2(title, id="figure-others-title", className="panel-title"),
            html.P(
                f"{text_of(row, 'indicator_title') or text_of(row, 'series')}: {len(others)} more, "
                "each as its report prints it.",
                className="muted",
            ),
            html.Div(
                className="rows-table-wrap",
                tabIndex="0",
                role="region",
                **{"aria-label": title},
                children=html.Table(className="rows-table", children=[html.Thead(header), html.Tbody(body)]),
            ),
        ],
    )


# --- the Cite box --------------------------------------------------------------------------------


def copy_button(target: str, what: str) -> html.Button:
    """A button that copies the text of the element ``target`` (assets/cite.js)."""
    return html.Button(
        "Copy",
        type="button",
        className="button button-quiet",
        **{"data-copy": target, "aria-label": f"Copy {what}"},
    )


def render_cite_box(title: str, texts: Mapping[str, str], access: Access, note: str = ""):
    """The permalink, the access date and every style's citation, each with a copy button."""
    link = html.A(access.permalink, href=access.permalink, id="cite-permalink", className="card-url")
    children = [
        html.H2(title, id="cite-title", className="panel-title"),
        html.P([html.Strong("Permalink: "), link, " ", copy_button("cite-permalink", "the permalink")]),
        html.P(
            f"Accessed {long_date(access.accessed)} · dataset version {access.version}", className="muted"
        ),
    ]
    for key, label in STYLES:
        children += [
            html.Div(
                style=CITE_HEAD,
                children=[html.H3(label, style={"margin": "0"}), copy_button(f"cite-{key}", label)],
            ),
            html.Pre(texts[key], id=f"cite-{key}", style=CITE_TEXT, className="cite-text")
            if key in MACHINE_STYLES
            else html.P(texts[key], id=f"cite-{key}", style=CITE_PLAIN, className="cite-text"),
        ]
    children += [
        html.P(note, className="muted") if note else None,
        html.P(id=CITE_STATUS, role="status", className="muted", **{"aria-live": "polite"}),
    ]
    return html.Section(
        className="cite-box", style=SECTION, children=children, **{"aria-labelledby": "cite-title"}
    )


# --- the page ------------------------------------------------------------------------------------


def render_figure_body(
    catalog: Catalog, works: Mapping[str, Work], row: Mapping, context: PageContext, version: str
):
    """Everything behind one row, then its Cite box."""
    external = text_of(row, "row_kind") == "external"
    permalink = context.base + figure_path(text_of(row, "row_id"))
    access = Access(permalink, context.today, version)
    quote_block = html.Figure(
        style={"margin": "0"},
        children=[
            html.Blockquote(readable(text_of(row, "quote")).strip(), className="card-quote"),
            html.Figcaption("The sentence as printed in the report.", className="muted", style=CAPTION),
        ],
    )
    flag = readable(format_flag(row))
    return [
        *_headline(row),
        html.Div("External data: not from the reports", className="card-external") if external else None,
        None if external else quote_block,
        html.P(flag, className="card-flag") if flag else None,
        _external_provenance(row) if external else _provenance(row),
        _on_the_dashboard(catalog, row),
        _others_section(catalog, row),
        render_cite_box(
            f"Cite this {KIND_NAMES.get(text_of(row, 'row_kind'), 'figure').lower()}",
            citations(work_of(row, works), record_of(row), access),
            access,
            note="" if external else NAMES_AS_PRINTED,
        ),
    ]


def render_row_missing(row_id) -> list:
    shown = row_id[:80] if isinstance(row_id, str) else ""
    return [
        html.H1("Nothing here"),
        html.P(
            [
                f"There is no figure called “{shown}”. ",
                dcc.Link("See every figure in the table", href="/table"),
                ".",
            ]
        ),
    ]
