"""Embeddable chart pages and download routes, added to the dashboard's Flask server.

    register_embed_routes(server)

/embed/<chart-id>            a minimal responsive page: the chart, its source line, a copyable
                             iframe snippet; filters in the query string (see options_from_query)
/download/<chart-id>.csv     exactly the rows the chart shows under those filters, with citations
/download/<chart-id>.png     title, unit and source line baked in; ?size=16x9|4x3&scale=2
/download/<chart-id>.svg     same, as SVG
/download/deck.pptx          PowerPoint deck; ?chart=ID (repeat) picks charts, none = all
/download/all-data.zip       the whole data package: CSV, Parquet and datapackage.json

Only /embed/ pages may be framed by other sites (Content-Security-Policy: frame-ancestors *);
every other response gets frame-ancestors 'self' unless its policy already names ancestors.
Other directives set elsewhere (app/security.py) are kept; the page runs no inline script, so
a strict script-src works: the figure travels as a JSON data block read by /embed/embed.js.
"""

from __future__ import annotations

import html
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import plotly.io as pio
from flask import Response, abort, request, send_file

from app import ASSETS
from app.export.config import download_links, graph_config
from app.options import ChartOptions
from app.state import build_query

EMBED_PREFIX = "/embed/"
# The dashboard's own plotly.js: only the trace types it draws (assets/vendor/build-plotly.sh).
PLOTLY_JS = ASSETS / "vendor" / "plotly.min.js"
DATA_ZIP_NAME = "sino-russian-figures-data.zip"


def options_from_query(args) -> ChartOptions:
    """ChartOptions from ?category=…&essay=…&subject=…&years=2010-2018&context=0&select=ID."""
    year_range = None
    years = args.get("years", "")
    if years:
        try:
            low, high = (int(part) for part in years.split("-", 1))
            year_range = (min(low, high), max(low, high))
        except ValueError:
            abort(400, description=f"[bad-years] years={years!r} is not FROM-TO, e.g. years=2010-2018")
    return ChartOptions(
        categories=tuple(args.getlist("category")),
        essays=tuple(args.getlist("essay")),
        subjects=tuple(args.getlist("subject")),
        year_range=year_range,
        selected_ids=tuple(args.getlist("select")),
        show_context=args.get("context", "1") not in ("0", "false", "off"),
    )


def iframe_snippet(chart, url: str, height: int = 600) -> str:
    return (
        f'<iframe src="{html.escape(url)}" title="{html.escape(chart.title)}" width="100%" '
        f'height="{height}" style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


EMBED_CSS = """
*{box-sizing:border-box}html,body{margin:0;height:100%;background:#fff;color:#222;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.embed{display:flex;flex-direction:column;min-height:100vh;padding:10px 14px}
h1{font-size:clamp(1rem,2.4vw,1.35rem);margin:0 0 2px;line-height:1.25}
.summary{margin:0 0 4px;color:#555;font-size:.85rem}
.chart-figure{flex:1 1 0;display:flex;flex-direction:column;margin:0}
.chart{flex:1 1 0;width:100%}
.source{margin:6px 0 2px;font-size:.8rem;color:#444}
.share{font-size:.8rem;color:#444}.share textarea{width:100%;height:4.2em;font:12px ui-monospace,monospace}
.share a{color:#0072B2;margin-right:.8em}
@media (max-width:600px),(max-height:500px){.summary{position:absolute;width:1px;height:1px;
overflow:hidden;clip-path:inset(50%);white-space:nowrap}}
"""

EMBED_JS = """
(function () {
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var figure = read('figure-data');
  Plotly.newPlot('chart', figure.data, figure.layout, read('graph-config'));
})();
document.querySelectorAll('details').forEach(function (box) {
  box.addEventListener('toggle', function () { Plotly.Plots.resize('chart'); });
});
document.querySelectorAll('[data-copy]').forEach(function (button) {
  button.addEventListener('click', function () {
    var box = document.getElementById(button.dataset.copy); box.select();
    if (navigator.clipboard) { navigator.clipboard.writeText(box.value).catch(function () {}); }
    else { document.execCommand('copy'); }
    button.textContent = 'Copied';
  });
});
"""


def _script_json(value: str) -> str:
    """JSON safe inside a <script> data block: every < written as \\u003c (valid JSON)."""
    return value.replace("<", "\\u003c")


def render_embed_page(chart, dataset, options: ChartOptions, page_url: str) -> str:
    from app.charts import source_line

    figure = chart.build(dataset, options)
    # At least the height the chart is designed for (its margins hold legends, notes and row
    # labels in pixels): a smaller frame scrolls rather than squeezing the plot between them.
    min_height = int(figure.layout.height or 450)
    figure.update_layout(title=dict(text=""), width=None, height=None, autosize=True)
    figure_json = _script_json(pio.to_json(figure, validate=False))
    config = graph_config(chart)
    query = build_query(options)
    links = " ".join(
        f'<a href="{html.escape(url)}" download>{html.escape(label)}</a>'
        for label, url in download_links(chart, query)
    )
    snippet = iframe_snippet(chart, page_url)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(chart.title)}</title>
<style>{EMBED_CSS}</style></head>
<body><main class="embed" data-chart-id="{html.escape(chart.id)}">
<h1>{html.escape(chart.title)}</h1>
<figure class="chart-figure">
<figcaption class="summary">{html.escape(chart.summary)}</figcaption>
<div id="chart" class="chart" style="min-height:{min_height}px"></div>
</figure>
<p class="source" id="source-line">{html.escape(source_line(chart, dataset, options))}</p>
<details class="share"><summary>Embed or download</summary>
<textarea id="iframe-snippet" readonly aria-label="iframe snippet">{html.escape(snippet)}</textarea>
<button type="button" data-copy="iframe-snippet">Copy embed code</button>
<p>{links}</p></details>
</main>
<script type="application/json" id="figure-data">{figure_json}</script>
<script type="application/json" id="graph-config">{_script_json(json.dumps(config))}</script>
<script src="{EMBED_PREFIX}plotly.min.js"></script>
<script src="{EMBED_PREFIX}embed.js"></script>
</body></html>"""


def _image_response(chart, dataset, options, fmt: str) -> Response:
    from app.export.framing import SIZES
    from app.export.images import BrowserUnavailable, render_chart_image

    size = SIZES.get(request.args.get("size", "16x9"))
    if size is None:
        abort(400, description=f"[unknown-size] size must be one of {', '.join(SIZES)}")
    try:
        width = int(request.args.get("width", size.width))
        height = int(request.args.get("height", size.height))
        scale = float(request.args.get("scale", 1))
    except ValueError:
        abort(400, description="[bad-size] width, height and scale must be numbers")
    if not (0 < width <= 8000 and 0 < height <= 8000 and 0 < scale <= 4):
        abort(400, description="[bad-size] width and height up to 8000, scale up to 4")
    try:
        data = render_chart_image(chart, dataset, options, fmt, width, height, scale)
    except BrowserUnavailable as error:
        return Response(
            f"{error}\nCSV downloads and /embed pages still work.\n", status=503, mimetype="text/plain"
        )
    mimetype = "image/png" if fmt == "png" else "image/svg+xml"
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{chart.id}-{size.name}.{fmt}"'},
    )


def register_embed_routes(server, load_dataset: Callable | None = None) -> None:
    """Add the /embed and /download routes to a Flask server (the Dash app's app.server)."""
    from app.charts import CHARTS, get_chart

    if load_dataset is None:
        from loaders import load_dataset

    def chart_or_404(chart_id: str):
        try:
            return get_chart(chart_id)
        except KeyError:
            known = ", ".join(chart.id for chart in CHARTS)
            abort(404, description=f"[unknown-chart] no chart {chart_id!r}. Known charts: {known}")

    @server.route(f"{EMBED_PREFIX}plotly.min.js")
    def embed_plotly_js():
        return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)

    @server.route(f"{EMBED_PREFIX}embed.js")
    def embed_js():  # a file, not inline script, so a strict script-src policy allows it
        return Response(EMBED_JS, mimetype="text/javascript", headers={"Cache-Control": "max-age=3600"})

    @server.route(f"{EMBED_PREFIX}<chart_id>")
    def embed_chart(chart_id: str):
        chart = chart_or_404(chart_id)
        options = options_from_query(request.args)
        query = build_query(options)
        page_url = request.host_url.rstrip("/") + f"{EMBED_PREFIX}{chart.id}" + (f"?{query}" if query else "")
        return Response(render_embed_page(chart, load_dataset(), options, page_url), mimetype="text/html")

    @server.route("/download/all-data.zip")
    def download_all_data():
        from loaders.export import export_dataset

        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory(prefix="sri-data-") as folder:
            written = export_dataset(load_dataset(), folder)
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in written:
                    archive.write(path, arcname=f"sino-russian-figures/{Path(path).name}")
        buffer.seek(0)
        return send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=DATA_ZIP_NAME)

    @server.route("/download/deck.pptx")
    def download_deck():
        from app.export.deck import build_deck

        ids = request.args.getlist("chart")
        charts = [chart_or_404(chart_id) for chart_id in ids] if ids else list(CHARTS)
        data = build_deck(charts, load_dataset(), options_from_query(request.args))
        return Response(
            data,
            mimetype="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            headers={"Content-Disposition": 'attachment; filename="sino-russian-figures.pptx"'},
        )

    @server.route("/download/<chart_id>.<fmt>")
    def download_chart(chart_id: str, fmt: str):
        chart = chart_or_404(chart_id)
        options = options_from_query(request.args)
        if fmt == "csv":
            from app.export.chart_csv import chart_csv_text

            return Response(
                chart_csv_text(chart, load_dataset(), options),
                mimetype="text/csv",
                headers={"Content-Disposition": f'attachment; filename="{chart.id}.csv"'},
            )
        if fmt in ("png", "svg"):
            return _image_response(chart, load_dataset(), options, fmt)
        abort(404, description=f"[unknown-format] {fmt!r}; expected csv, png or svg")

    @server.after_request
    def frame_policy(response):
        policy = response.headers.get("Content-Security-Policy", "")
        if request.path.startswith(EMBED_PREFIX):
            response.headers["Content-Security-Policy"] = with_frame_ancestors(policy, "*", replace=True)
            response.headers.pop("X-Frame-Options", None)
        else:
            response.headers["Content-Security-Policy"] = with_frame_ancestors(
                policy, "'self'", replace=False
            )
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


def with_frame_ancestors(policy: str, sources: str, replace: bool) -> str:
    """policy with its frame-ancestors directive set to sources (kept if present and not replace).

    Other directives (e.g. a strict script-src set by app/security.py) are left as they are.
    """
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    others = [d for d in directives if not d.lower().startswith("frame-ancestors")]
    if len(others) < len(directives) and not replace:
        return "; ".join(directives)
    return "; ".join([*others, f"frame-ancestors {sources}"])
