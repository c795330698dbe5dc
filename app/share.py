"""Each chart's "Share & download" box: links to this view and to the selected figure, the
embed code, the chart's CSV, PNG, SVG and slide, the deck of every chart under these filters,
and the whole data package. One click opens it; every item is then one click.

The server writes the links for the view the page was drawn for; assets/share.js keeps them
(and the embed code's address) in step with the filters and copies on a click.
"""

from __future__ import annotations

from dash import html

from app.charts import Chart
from app.embed import EMBED_HEIGHT_DEFAULT, iframe_snippet
from app.export.sizes import SIZES
from app.paths import DATA_ZIP, DOWNLOAD_PREFIX, EMBED_PREFIX


def _with_query(path: str, query: str, extra: str = "") -> str:
    parts = [part for part in (query, extra) if part]
    return path + (f"?{'&'.join(parts)}" if parts else "")


def _download(label: str, path: str, query: str, extra: str = "", note: str = "") -> html.Li:
    """A link the filters follow: share.js rebuilds its href from data-path and data-extra."""
    return html.Li(
        [
            html.A(
                label,
                href=_with_query(path, query, extra),
                download="",
                className="share-download",
                **{"data-path": path, "data-extra": extra},
            ),
            html.Span(f" {note}", className="muted") if note else None,
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
    sixteen, four = SIZES["16x9"], SIZES["4x3"]
    snippet = iframe_snippet(
        chart, _with_query(f"{EMBED_PREFIX}{chart.id}", query), height + EMBED_HEIGHT_DEFAULT // 3
    )
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
                    _download(
                        "CSV",
                        f"{DOWNLOAD_PREFIX}{chart.id}.csv",
                        query,
                        note="the rows shown, with citations",
                    ),
                    _download(f"PNG {sixteen.label}", f"{DOWNLOAD_PREFIX}{chart.id}.png", query, "size=16x9"),
                    _download("PNG at 2×", f"{DOWNLOAD_PREFIX}{chart.id}.png", query, "size=16x9&scale=2"),
                    _download(f"PNG {four.label}", f"{DOWNLOAD_PREFIX}{chart.id}.png", query, "size=4x3"),
                    _download("SVG", f"{DOWNLOAD_PREFIX}{chart.id}.svg", query),
                    _download(
                        "This chart's slide (PowerPoint)",
                        f"{DOWNLOAD_PREFIX}deck.pptx",
                        query,
                        f"chart={chart.id}",
                    ),
                    _download(
                        "Every chart under these filters (PowerPoint)", f"{DOWNLOAD_PREFIX}deck.pptx", query
                    ),
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
