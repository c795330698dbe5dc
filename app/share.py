"""Each chart's "Share & download" box: links to this view and to the selected figure, the
embed code, the chart's CSV, PNG, SVG and slide, the deck of every chart under these filters,
and the whole data package. One click opens it; every item is then one click.

The server writes the links for the view the page was drawn for; assets/share.js keeps them
(and the embed code's address) in step with the filters and copies on a click. The box is the
same for every view but for those links and the embed code: it is made once per chart (frozen)
and only they are written per view, by the rule share.js follows (data-path, the view's query,
data-extra).
"""

from __future__ import annotations

from functools import cache

from dash import html

from app.charts import Chart, get_chart
from app.export.links import Download, chart_downloads, with_query
from app.frozen import frozen, with_props
from app.paths import DATA_ZIP, DOWNLOAD_PREFIX, EMBED_PREFIX

DECK = f"{DOWNLOAD_PREFIX}deck.pptx"  # every chart under the view


def _download(item: Download) -> html.Li:
    """A link the filters follow: its href is rebuilt from data-path and data-extra (here for
    each view, and by share.js in the browser)."""
    return html.Li(
        [
            html.A(
                item.label,
                href=item.href(),
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


def render_share(chart: Chart, query: str, snippet: str) -> dict:
    """The box under a chart (frozen): its links under the view's filters ``query`` and its
    embed code ``snippet`` (app/embed.py iframe_snippet). Panels write it once per chart with
    slots for those (app/panels.py), so a visit only puts them in."""
    box = _box(chart.id)
    items = [*(_for_view(item, query) for item in box["items"]), box["data"]]
    return with_props(
        box["details"],
        children=[
            *box["before"],
            with_props(box["list"], children=items),
            box["label"],
            with_props(box["snippet"], children=snippet),
            box["after"],
        ],
    )


def _for_view(item: dict, query: str) -> dict:
    """A frozen download item (``_download``), its link's href under ``query``."""
    link, note = item["props"]["children"]
    href = with_query(link["props"]["data-path"], query, link["props"]["data-extra"])
    return with_props(item, children=[with_props(link, href=href), note])


@cache
def _box(chart_id: str) -> dict:
    """The box of a chart with no view and no embed code yet, in its parts, frozen."""
    chart = get_chart(chart_id)
    downloads = [*chart_downloads(chart), Download("Every chart under these filters (PowerPoint)", DECK)]
    return frozen(
        {
            "details": html.Details(className="share"),
            "before": [
                html.Summary("Share & download"),
                html.Div(
                    className="share-links",
                    children=[
                        _copy_button("Copy link to this view", "view", chart),
                        _copy_button("Copy link to the selected figure", "figure", chart),
                    ],
                ),
            ],
            "list": html.Ul(className="download-list"),
            "items": [_download(item) for item in downloads],
            "data": html.Li(
                html.A("All the data (CSV, Parquet, README, CITATION)", href=DATA_ZIP, download="")
            ),
            "label": html.Label("Embed code", htmlFor=f"embed-{chart.id}", className="share-label"),
            "snippet": html.Textarea(
                id=f"embed-{chart.id}",
                readOnly=True,
                rows=4,
                className="share-snippet",
                **{"data-path": f"{EMBED_PREFIX}{chart.id}"},
            ),
            "after": _copy_button("Copy embed code", "embed", chart),
        }
    )
