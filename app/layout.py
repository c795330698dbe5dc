"""Page structure: header, global filters, the routed page, the citation card.

Everything in the first layout keeps its size when the page and its charts arrive (the page
area is a screen tall until then; each filter holds its control's height before the control's
script loads), so nothing on screen moves."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

from dash import dcc, html

from app import ids
from app.cards import render_empty_card
from app.charts import CHARTS
from app.drawing import Drawing
from app.embed import public_url
from app.frozen import Raw, Template, frozen, json_text, slot, with_props
from app.interaction import describe_selection
from app.panels import drawing_values, slotted_panel, view_values
from app.paths import DATA_ZIP
from app.view import Vocabulary

TITLE = "Sino-Russian relations in figures"
INTRO = (
    "Every figure two reports on Sino-Russian relations cite (NBR Special Report #79, 2019, and the "
    "2014 essay “French Perspective”), with its verbatim quote, footnote and source; external series "
    "are drawn muted and labelled. Hover a mark for its citation; click it to highlight its years in "
    "every chart."
)
CATEGORY_LABELS = {"fdi": "FDI", "scrambles": "Scrambles (JASDF)"}


def _year_marks(low: int, high: int) -> dict:
    """Open-ended ends, and a mark each decade away from them (the number boxes give exact years)."""
    marks = {y: str(y) for y in range(low - low % 10 + 10, high, 10) if y - low >= 6 and high - y >= 8}
    marks[low] = f"≤{low}"
    marks[high] = f"{high}+"
    return marks


def _dropdown_filter(
    label: str, component_id: str, placeholder: str, options: list[dict], **extra
) -> html.Div:
    """A labelled multi-select filter: the category, essay and subject filters share this shape."""
    return html.Div(
        className="filter",
        children=[
            html.Label(label, htmlFor=component_id),
            dcc.Dropdown(
                id=component_id, multi=True, placeholder=placeholder, options=options, maxHeight=320, **extra
            ),
        ],
    )


def render_filters(vocabulary: Vocabulary, essay_names: dict[str, str]) -> html.Div:
    low, high = vocabulary.slider_bounds
    return html.Div(
        className="filters",
        id=ids.FILTERS,
        role="search",
        children=[
            html.Button(
                "Filters",
                id=ids.FILTERS_TOGGLE,
                type="button",
                className="filters-toggle button button-quiet",
                **{"aria-expanded": "false", "aria-controls": ids.FILTERS},
            ),
            _dropdown_filter(
                "Category",
                ids.CATEGORY,
                "All categories",
                [
                    {"label": CATEGORY_LABELS.get(c, c.capitalize()), "value": c}
                    for c in vocabulary.categories
                ],
            ),
            _dropdown_filter(
                "Report / essay",
                ids.ESSAY,
                "All essays",
                [{"label": essay_names.get(e, e), "value": e} for e in vocabulary.essays],
            ),
            html.Div(
                className="filter filter-years",
                children=[
                    html.Label("Period", htmlFor=ids.YEARS),
                    dcc.RangeSlider(
                        id=ids.YEARS,
                        min=low,
                        max=high,
                        step=1,
                        value=[low, high],
                        marks=_year_marks(low, high),
                        allowCross=False,
                        updatemode="mouseup",
                        tooltip={"placement": "bottom", "always_visible": False},
                    ),
                ],
            ),
            _dropdown_filter(
                "Who",
                ids.SUBJECT,
                "Everyone",
                [{"label": s, "value": s} for s in vocabulary.subjects],
            ),
            html.Div(
                className="filter filter-toggles",
                children=[
                    dcc.Checklist(
                        id=ids.CONTEXT,
                        options=[{"label": " Show context (external data)", "value": "on"}],
                        value=["on"],
                        className="context-toggle",
                    ),
                    html.Div(
                        className="filter-buttons",
                        children=[
                            html.Button(
                                "Clear selection", id=ids.CLEAR_SELECTION, className="button button-quiet"
                            ),
                            html.Button("Reset all", id=ids.RESET_FILTERS, className="button button-quiet"),
                        ],
                    ),
                ],
            ),
            html.P(
                describe_selection(None),
                id=ids.SELECTION_SUMMARY,
                className="selection-summary",
                **{"aria-live": "polite"},
            ),
        ],
    )


def contents_class(drawing: Drawing) -> Raw:
    """A chart with nothing under the filters leaves the contents list (app.css); as JSON text."""
    return CONTENTS_CLASSES[drawing.empty]


CONTENTS_CLASSES = {
    empty: json_text("contents-link is-empty" if empty else "contents-link") for empty in (False, True)
}


def render_overview(drawings: Mapping[str, Drawing], query: str = "", empty_summary: str = "") -> Raw:
    """Every chart's panel, each box at the height of its drawing (chart id -> drawing); charts
    with nothing under the filters go last, folded to their titles, and leave the contents, with
    ``empty_summary`` saying how many. As one JSON text made once with slots (app/frozen.py): a
    visit writes the view's query once and takes each drawing's values as they were written."""
    values = {"empty_summary": empty_summary, **view_values(query)}
    for chart in CHARTS:
        values.update(drawing_values(chart.id, drawings[chart.id]))
        values[f"contents_{chart.id}"] = contents_class(drawings[chart.id])
    return _overview_template(bool(query), public_url()).fill(**values)


def overview_part(
    panels: Mapping[str, object], contents_classes: Mapping[str, str], empty_summary: str
) -> dict:
    """The overview (frozen) with the view's values set: what ``render_overview`` writes."""
    parts = _overview_parts()
    contents = [
        with_props(parts["links"][chart.id], className=contents_classes[chart.id]) for chart in CHARTS
    ]
    return with_props(
        parts["page"],
        children=[
            parts["intro"],
            with_props(parts["contents"], children=[parts["contents_label"], *contents]),
            *[panels[chart.id] for chart in CHARTS],
            with_props(parts["empty_summary"], children=empty_summary),
        ],
    )


@lru_cache(maxsize=8)
def _overview_template(under_a_view: bool, public: str) -> Template:
    """The overview with every panel in it (app/panels.py slotted_panel), as one template."""
    return Template.of(
        overview_part(
            {chart.id: slotted_panel(chart.id, False, under_a_view, public) for chart in CHARTS},
            {chart.id: slot(f"contents_{chart.id}") for chart in CHARTS},
            slot("empty_summary"),
        )
    )


@cache
def _overview_parts() -> dict:
    return frozen(
        {
            "page": html.Div(className="page page-overview"),
            "intro": html.P(INTRO, className="intro"),
            "contents": html.Nav(className="contents", **{"aria-label": "Charts on this page"}),
            "contents_label": html.Span("On this page: ", className="muted"),
            "links": {
                chart.id: html.A(
                    short_title(chart.title), href=f"#panel-{chart.id}", id=ids.contents_link(chart.id)
                )
                for chart in CHARTS
            },
            "empty_summary": html.P(id=ids.EMPTY_SUMMARY, className="empty-summary", role="status"),
        }
    )


def short_title(title: str) -> str:
    """'Trade by year as Russia and China each report it' of a title with a colon or comma."""
    return title.split(":")[0].split(",")[0]


def render_shell(vocabulary: Vocabulary, essay_names: dict[str, str]) -> html.Div:
    return html.Div(
        className="shell",
        children=[
            html.A("Skip to the charts", href="#page-content", className="skip-link"),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.SELECTION, data={"ids": [], "years": [], "subjects": []}),
            dcc.Store(id=ids.FILTER_QUERY, data=""),
            dcc.Store(id=ids.FIGURES, data={"view": "", "charts": {}}),
            dcc.Store(id=ids.URL_WRITER),
            dcc.Store(id=ids.HIGHLIGHT_DONE),
            html.Header(
                className="site-header",
                children=[
                    html.Div(
                        className="brand",
                        children=[
                            html.H1(TITLE, className="site-title"),
                            html.Nav(
                                className="site-nav",
                                children=[
                                    dcc.Link("Overview", href="/", id=ids.NAV_OVERVIEW),
                                    dcc.Link("Table", href="/table", id=ids.NAV_TABLE),
                                    dcc.Link("Sources", href="/sources", id=ids.NAV_SOURCES),
                                    dcc.Link("About", href="/about", id=ids.NAV_ABOUT),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            render_filters(vocabulary, essay_names),
            html.Div(id=ids.STATE_NOTE, className="state-note", role="status"),
            html.Div(
                className="workspace",
                children=[
                    html.Main(id=ids.PAGE, className="content", tabIndex="-1"),
                    html.Aside(
                        className="citation-aside",
                        **{"aria-label": "Citation of the selected mark"},
                        children=[
                            html.Div(
                                className="aside-head",
                                children=[
                                    html.H2("Citation", className="aside-title"),
                                    html.Button(
                                        "×",
                                        id=ids.CLOSE_CARD,
                                        type="button",
                                        className="close-card",
                                        title="Close the citation",
                                        **{"aria-label": "Close the citation and clear the selection"},
                                    ),
                                ],
                            ),
                            html.Div(
                                id=ids.CITATION_CARD,
                                children=render_empty_card(),
                                **{"aria-live": "polite", "aria-atomic": "true"},
                            ),
                        ],
                    ),
                ],
            ),
            html.Footer(
                className="site-footer",
                children=[
                    html.P(
                        "Figures are copied as printed, never corrected: where one looks wrong it is "
                        "flagged (⚑) with the curator's reason. External series are context, "
                        "not the reports' claims."
                    ),
                    html.P("Curated tables: CC-BY-4.0. Quotes are short excerpts kept for verification."),
                    html.P(
                        [
                            html.A("Download all data", href=DATA_ZIP, id=ids.FOOTER_DOWNLOAD),
                            " (CSV, Parquet, README and CITATION) · ",
                            dcc.Link("About the data, and how to cite it", href="/about"),
                            " · ",
                            dcc.Link("Every number in the reports, accounted for", href="/coverage"),
                        ]
                    ),
                ],
            ),
        ],
    )
