"""Each chart's "Share & download" box: links to this view and to the selected figure, the
embed code, the chart's CSV, PNG, SVG and slide, the deck of every chart under these filters,
and the whole data package. One click opens it; every item is then one click.

The server writes the links for the view the page was drawn for; assets/share.js keeps them
(and the embed code's address) in step with the filters and copies on a click.
"""

from __future__ import annotations

from dash import html

from app.charts import Chart
from app.embed import iframe_snippet
from app.export.links import Download, chart_downloads, with_query
from app.paths import DATA_ZIP, DOWNLOAD_PREFIX, EMBED_PREFIX

DECK = f"{DOWNLOAD_PREFIX}deck.pptx"  # every chart under the view


def _download(item: Download, query: str) -> html.Li:
    """A link the filters follow: share.js rebuilds its href from data-path and data-extra."""
    return html.Li(
        [
            html.A(
                item.label,
                href=item.href(query),
                download="",
                className="share-download",
                **{"data-path": item.path, "data-extra": item.extra},
            ),
            html.Span(f" {item.note}", className="muted") if item.note else None,
        ]
    )


def _copy_button(label: str, what: str, chart: Chart) -> html.Button:
    return html.Button(
        label,
        type="button",
        className="button button-quiet share-copy",
        **{"data-share": what, "data-chart": chart.id},
    )


def render_share(chart: Chart, query: str, height: int) -> html.Details:
    """The box under a chart; ``query`` is the view's filters, ``height`` the chart's."""
    snippet = iframe_snippet(chart, with_query(f"{EMBED_PREFIX}{chart.id}", query), height)
    return html.Details(
        className="share",
        children=[
            html.Summary("Share & download"),
            html.Div(
                className="share-links",
                children=[
                    _copy_button("Copy link to this view", "view", chart),
                    _copy_button("Copy link to the selected figure", "figure", chart),
                ],
            ),
            html.Ul(
                className="download-list",
                children=[
                    *(_download(item, query) for item in chart_downloads(chart)),
                    _download(Download("Every chart under these filters (PowerPoint)", DECK), query),
                    html.Li(
                        html.A("All the data (CSV, Parquet, README, CITATION)", href=DATA_ZIP, download="")
                    ),
                ],
            ),
            html.Label("Embed code", htmlFor=f"embed-{chart.id}", className="share-label"),
            html.Textarea(
                snippet,
                id=f"embed-{chart.id}",
                readOnly=True,
                rows=4,
                className="share-snippet",
                **{"data-path": f"{EMBED_PREFIX}{chart.id}"},
            ),
            _copy_button("Copy embed code", "embed", chart),
        ],
    )
