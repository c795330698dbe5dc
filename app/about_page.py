"""/about: who curated the data, its version, licence and contents, how to cite the dataset (the
same Cite box as a figure's page), and how to credit the reports and the sources they cite.

Like /figure/<id>, the route answers with a skeleton and app/callbacks/figure.py renders the body
once the browser has said its address and date, so the dataset's permalink is absolute.
"""

from __future__ import annotations

from dash import dcc, html

from app.cards import external_link, field
from app.catalog import Catalog
from app.cite import Access, citations, dataset_work
from app.coverage_page import coverage_verdict
from app.figure_page import LOADING, SECTION, PageContext, render_cite_box
from app.paths import DATA_ZIP
from loaders.export import CODE_LICENCE, CURATORS, DATA_LICENCE, DATA_LICENCE_URL, DATASET_TITLE
from loaders.quotes import readable

ABOUT_PAGE = "about-page"  # store: present while /about is shown (starts the browser's context)
ABOUT_CONTEXT = "about-context"  # store: {"origin", "today"} as the browser sees them
ABOUT_BODY = "about-body"


def render_about_skeleton() -> html.Div:
    return html.Div(
        className="page page-about",
        children=[
            dcc.Store(id=ABOUT_PAGE, data="about"),
            dcc.Store(id=ABOUT_CONTEXT),
            html.Div(id=ABOUT_BODY, style=LOADING, children=html.P("Loading…", className="muted")),
        ],
    )


def _section(title: str, anchor: str, *children) -> html.Section:
    return html.Section(
        style=SECTION,
        id=anchor,
        **{"aria-labelledby": f"{anchor}-title"},
        children=[html.H2(title, id=f"{anchor}-title", className="panel-title"), *children],
    )


def _the_data(catalog: Catalog, dataset) -> html.Dl:
    series = dataset.reference_series
    counts = (
        f"{len(catalog.figures.frame)} figures, {len(catalog.exercises.frame)} joint exercises and "
        f"{len(catalog.events.frame)} events from the reports; {len(catalog.reference.frame)} external "
        f"values in {len(series)} series, kept apart and labelled external data."
    )
    return html.Dl(
        className="card-fields",
        children=[
            field("Title", DATASET_TITLE),
            field(
                "Curated by", f"{CURATORS}, by hand from the report texts: every figure copied as printed."
            ),
            field(
                "Version",
                html.Code(dataset.version, id="about-version"),
                " — computed from the content of the curated tables: it changes whenever one of them does.",
            ),
            field("Contents", counts),
            field(
                "Completeness",
                coverage_verdict(catalog.coverage),
                " ",
                dcc.Link("See how each is accounted for.", href="/coverage"),
            ),
            field(
                "Licence",
                "The curated tables: ",
                external_link(DATA_LICENCE_URL, DATA_LICENCE),
                ". Quotes and footnote texts are short excerpts from the reports, kept so that every figure "
                "can be checked; they remain their authors' and publishers' work. External series keep "
                f"their publishers' terms. The dashboard's code: {CODE_LICENCE}.",
            ),
        ],
    )


def _reports(dataset) -> list:
    sources = dataset.sources
    listed = []
    for kind in ("report", "essay"):
        rows = sources[sources["kind"] == kind]
        listed.append(html.Ul([html.Li(readable(str(c))) for c in rows["citation"].dropna()]))
    return listed


def _external(dataset) -> html.Ul:
    """Each publisher once, with the series it publishes."""
    series: dict[str, list[str]] = {}
    for row in dataset.reference_series.to_dict("records"):
        series.setdefault(readable(str(row["publisher"])), []).append(readable(str(row["title"])))
    return html.Ul(
        [html.Li([html.Strong(publisher), ": " + "; ".join(titles)]) for publisher, titles in series.items()]
    )


def render_about_body(catalog: Catalog, dataset, context: PageContext) -> list:
    access = Access(context.base + "/about", context.today, dataset.version)
    reports, essays = _reports(dataset)
    return [
        html.H1("About the data, and how to cite it"),
        html.P(readable(str(dataset.descriptor.get("description", ""))), className="lead"),
        _section("The data", "about-data", _the_data(catalog, dataset)),
        _section(
            "Download",
            "about-download",
            html.P(
                [
                    html.A("Download all data", href=DATA_ZIP, id="about-download-link"),
                    " (zip): every table as CSV and Parquet, datapackage.json describing each column, a "
                    "README and a CITATION.cff with this version.",
                ]
            ),
        ),
        render_cite_box("Cite the dataset", citations(dataset_work(dataset.version), None, access), access),
        _section(
            "Credit the reports, and the sources they cite",
            "about-credit",
            html.P(
                "The figures are the reports' authors' work. Cite the report and essay a figure comes from: "
                "each figure's page gives its citation in the same four styles, naming the essay's authors, "
                "the figure and the note it rests on, and crediting this dataset. Where you rely on the "
                "source a footnote cites, cite that source too: the figure's page gives it, with its link."
            ),
            html.H3("The reports"),
            reports,
            html.H3("Their essays"),
            essays,
        ),
        _section(
            "External data",
            "about-external",
            html.P(
                "Drawn muted behind the reports' figures and labelled external data; never the reports' "
                "claims. Cite their publishers (each value's page names its source):"
            ),
            _external(dataset),
        ),
    ]
