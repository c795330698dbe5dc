"""Charts as static HTML that needs no server of ours: python -m app export --format html.

    write_chart_page(chart, catalog, view, "trade.html")        # one self-contained file
    write_static_site(charts, catalog, view, "site/")           # index.html + one page a chart

A chart page holds its figure as data, the title, summary and source line, and draws with the
dashboard's own plotly.js build; hover shows each mark's citation as on the dashboard. A single
page inlines plotly.js (and, for the map, its Natural Earth topojson), so it works from file://
and offline. A site's pages share one plotly.min.js beside them, so a static host or CDN serves
it once; they work from file:// too.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from app.catalog import Catalog
from app.charts import Chart
from app.drawing import figure_alone, graph_config
from app.embed import EMBED_CSS, public_url, script_json
from app.export.chart_csv import chart_csv_text
from app.paths import PLOTLY_JS, TOPOJSON_DIR
from app.view import View, describe_filters, view_query

PLOTLY_FILE = "plotly.min.js"
SITE_TITLE = "Sino-Russian relations in figures"

DRAW_JS = """
(function () {
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var figure = read('figure-data');
  Plotly.newPlot('chart', figure.data, figure.layout, read('graph-config'));
  window.addEventListener('resize', function () { Plotly.Plots.resize('chart'); });
})();
"""


def _geo_assets_script(figure: dict) -> str:
    """For a map: its topojson, handed to plotly.js before it loads (no fetch, so file:// works)."""
    geo = figure["layout"].get("geo")
    if geo is None:
        return ""
    name = f"world_{geo.get('resolution', 110)}m"
    topojson = json.loads((TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assets = script_json({"topojson": {name: topojson}})
    return f"<script>window.PlotlyGeoAssets = {assets};</script>\n"


def page_head(title: str, extra_css: str = "") -> str:
    """The opening of every page here: language, viewport, title and the embed pages' style."""
    meta = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    return (
        f'<!doctype html>\n<html lang="en"><head>{meta}<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title)}</title><style>{EMBED_CSS}{extra_css}</style></head>"
    )


def _plotly_script(shared: bool) -> str:
    if shared:
        return f'<script src="{PLOTLY_FILE}"></script>'
    return f"<script>{PLOTLY_JS.read_text(encoding='utf-8')}</script>"


def _links(chart: Chart, view: View, csv_name: str | None) -> str:
    links = []
    if csv_name:
        links.append(f'<a href="{html.escape(csv_name)}" download>Get the data (CSV)</a>')
    if public_url():
        query = view_query(view)
        address = f"{public_url()}/chart/{chart.id}" + (f"?{query}" if query else "")
        links.append(f'<a href="{html.escape(address)}">Open on the dashboard ↗</a>')
    return f'<p class="links">{" ".join(links)}</p>' if links else ""


def chart_page(
    chart: Chart, catalog: Catalog, view: View, shared_plotly: bool = False, csv_name: str | None = None
) -> str:
    """One chart as an HTML page: plotly.js inlined, or from plotly.min.js beside it if shared."""
    figure = figure_alone(chart, catalog.select(view))
    height = int(figure["layout"]["height"])
    config = graph_config(chart)
    config.pop("topojsonURL")  # the map's data is in the page
    filters = f"<p class=summary>Filtered: {html.escape(describe_filters(view, catalog.essay_names))}</p>"
    return f"""{page_head(chart.title)}
<body data-chart-id="{html.escape(chart.id)}">
<main class="embed">
<h1>{html.escape(chart.title)}</h1>
<figure class="chart-figure">
<figcaption class="summary">{html.escape(chart.summary)}</figcaption>
{filters if view.is_filtered else ""}
<div id="chart" class="chart" style="height:{height}px"></div>
</figure>
<p class="source" id="source-line">{html.escape(figure["layout"]["meta"]["source_line"])}</p>
{_links(chart, view, csv_name)}
</main>
<script type="application/json" id="figure-data">{script_json(figure)}</script>
<script type="application/json" id="graph-config">{script_json(config)}</script>
{_geo_assets_script(figure)}{_plotly_script(shared_plotly)}
<script>{DRAW_JS}</script>
</body></html>"""


def index_page(charts: Sequence[Chart], catalog: Catalog, view: View) -> str:
    """The site's front page: every chart's title and summary, linking to its page."""
    items = "\n".join(
        f'<li><a href="{html.escape(chart.id)}.html">{html.escape(chart.title)}</a>'
        f"<br><span class=summary>{html.escape(chart.summary)}</span></li>"
        for chart in charts
    )
    filters = describe_filters(view, catalog.essay_names)
    return f"""{page_head(SITE_TITLE, " li{margin:0 0 .8em}")}
<body><main class="embed">
<h1>{SITE_TITLE}</h1>
<p class="summary">Every figure two reports on Sino-Russian relations cite, with its quote, footnote
and source: hover a mark for its citation. Filters: {html.escape(filters)}.</p>
<ul>
{items}
</ul></main></body></html>"""


def write_chart_page(chart: Chart, catalog: Catalog, view: View, out: Path | str) -> Path:
    """One self-contained HTML file (plotly.js and any map data inlined)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(chart_page(chart, catalog, view), encoding="utf-8")
    return out


def write_static_site(charts: Sequence[Chart], catalog: Catalog, view: View, out: Path | str) -> list[Path]:
    """index.html, one page and one CSV per chart, and the shared plotly.min.js, in folder ``out``.
    Everything is made before the first file is written, so a failure leaves nothing half done."""
    out = Path(out)
    files = {"index.html": index_page(charts, catalog, view)}
    for chart in charts:
        files[f"{chart.id}.csv"] = chart_csv_text(chart, catalog, view)
        files[f"{chart.id}.html"] = chart_page(chart, catalog, view, True, f"{chart.id}.csv")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    (out / PLOTLY_FILE).write_bytes(PLOTLY_JS.read_bytes())
    return [*written, out / PLOTLY_FILE]
