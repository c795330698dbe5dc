"""Embeddable chart pages, added to the dashboard's Flask server.

/embed/<chart-id>     a minimal responsive page: the chart, its source line, a link back to the
                      dashboard and a copyable <iframe> snippet; the view in the query string
/embed/plotly.min.js  the dashboard's own plotly.js build
/embed/embed.js       draws the chart and fills in the snippet

The page runs no inline script, so a strict script-src works: the figure travels as a JSON data
block read by /embed/embed.js. Only /embed/ pages may be framed by other sites (app/security.py).
The snippet's address is the page's own, as the browser sees it (never the request's Host
header), or $SRI_PUBLIC_URL when set.
"""

from __future__ import annotations

import html
import json
import os

from flask import Response, request, send_file

from app.catalog import Catalog
from app.drawing import figure_alone, graph_config
from app.export.links import chart_downloads, with_query
from app.paths import EMBED_PREFIX, PLOTLY_JS
from app.route_args import chart_or_404, view_or_400
from app.view import View, view_query

PUBLIC_URL_ENV = "SRI_PUBLIC_URL"
EMBED_CHROME_PX = 260  # the embed page around its chart: title, source line, links

EMBED_CSS = """
*{box-sizing:border-box}html,body{margin:0;background:#fff;color:#222;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.embed{display:flex;flex-direction:column;padding:10px 14px}
h1{font-size:clamp(1rem,2.4vw,1.35rem);margin:0 0 2px;line-height:1.25}
.summary{margin:0 0 4px;color:#555;font-size:.85rem}
.chart-figure{display:flex;flex-direction:column;margin:0}
.chart{width:100%}
.source{margin:6px 0 2px;font-size:.8rem;color:#444}
.links{font-size:.8rem;margin:2px 0}.links a{color:#0060a0;margin-right:1em}
.share{font-size:.8rem;color:#444}.share textarea{width:100%;height:4.2em;font:12px ui-monospace,monospace}
.share a{color:#0060a0;margin-right:.8em}
@media (max-width:600px){.summary{position:absolute;width:1px;height:1px;
overflow:hidden;clip-path:inset(50%);white-space:nowrap}}
"""

EMBED_JS = """
(function () {
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var figure = read('figure-data');
  var base = document.body.dataset.publicUrl || window.location.origin;
  document.querySelectorAll('[data-absolute]').forEach(function (node) {
    var path = node.getAttribute(node.dataset.absolute);
    if (path && path.charAt(0) === '/') { node.setAttribute(node.dataset.absolute, base + path); }
  });
  var snippet = document.getElementById('iframe-snippet');
  if (snippet) { snippet.value = snippet.value.replace(/src="\\//, 'src="' + base + '/'); }
  Plotly.newPlot('chart', figure.data, figure.layout, read('graph-config')).then(tellHeight);
  function tellHeight() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (window.parent !== window) {
      window.parent.postMessage({type: 'sri-embed-height', chart: document.body.dataset.chartId,
                                 src: window.location.href, height: height}, '*');
    }
  }
  window.addEventListener('resize', function () { Plotly.Plots.resize('chart'); tellHeight(); });
  document.querySelectorAll('details').forEach(function (box) {
    box.addEventListener('toggle', function () { Plotly.Plots.resize('chart'); tellHeight(); });
  });
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var box = document.getElementById(button.dataset.copy); box.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(box.value).catch(function () {}); }
      else { document.execCommand('copy'); }
      button.textContent = 'Copied';
    });
  });
})();
"""

# The few lines a host page needs so the frame takes the height the chart asks for.
RESIZER = (
    "<script>addEventListener('message',function(e){var d=e.data;if(!d||d.type!=='sri-embed-height')"
    "return;document.querySelectorAll('iframe[data-sri-embed]').forEach(function(f){"
    "if(f.contentWindow===e.source)f.style.height=d.height+'px';});});</script>"
)


def public_url() -> str:
    """The configured public base URL without a trailing slash, or '' (use the page's own)."""
    return os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")


def iframe_snippet(chart, path: str, chart_height: int) -> str:
    """The embed code: the frame at the embed page's full height (its chart's, plus what is around
    it), and the resizer that keeps it so."""
    return iframe_code(chart, html.escape(public_url() + path), str(chart_height + EMBED_CHROME_PX))


def iframe_code(chart, src: str, frame_height: str) -> str:
    """The embed code around a frame address ``src`` (HTML-escaped) ``frame_height`` px tall: as
    texts, so a page template may put its slots in them (app/panels.py)."""
    return (
        f'<iframe data-sri-embed src="{src}" title="{html.escape(chart.title)}" width="100%" '
        f'height="{frame_height}" style="border:0;max-width:100%" loading="lazy"></iframe>\n{RESIZER}'
    )


def script_json(value) -> str:
    """``value`` as JSON safe inside a <script> data block: every < written as \\u003c (valid JSON)."""
    return json.dumps(value).replace("<", "\\u003c")


def render_embed_page(chart, catalog: Catalog, view: View) -> str:
    figure = figure_alone(chart, catalog.select(view))
    height = int(figure["layout"]["height"])
    query = view_query(view)
    downloads = chart_downloads(chart)
    links = " ".join(
        f'<a href="{html.escape(item.href(query))}" download>{html.escape(item.label)}</a>'
        for item in downloads
    )
    dashboard = with_query(f"/chart/{chart.id}", query)
    csv_url = downloads[0].href(query)
    snippet = iframe_snippet(chart, with_query(f"{EMBED_PREFIX}{chart.id}", query), height)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(chart.title)}</title>
<style>{EMBED_CSS}</style></head>
<body data-chart-id="{html.escape(chart.id)}" data-public-url="{html.escape(public_url())}">
<main class="embed">
<h1>{html.escape(chart.title)}</h1>
<figure class="chart-figure">
<figcaption class="summary">{html.escape(chart.summary)}</figcaption>
<div id="chart" class="chart" style="height:{height}px"></div>
</figure>
<p class="source" id="source-line">{html.escape(figure["layout"]["meta"]["source_line"])}</p>
<p class="links"><a href="{html.escape(dashboard)}" target="_blank" rel="noopener"
 data-absolute="href">Open on the dashboard ↗</a>
<a href="{html.escape(csv_url)}" data-absolute="href">Get the data (CSV)</a></p>
<details class="share"><summary>Embed or download</summary>
<textarea id="iframe-snippet" readonly aria-label="iframe snippet">{html.escape(snippet)}</textarea>
<button type="button" data-copy="iframe-snippet">Copy embed code</button>
<p>{links}</p></details>
</main>
<script type="application/json" id="figure-data">{script_json(figure)}</script>
<script type="application/json" id="graph-config">{script_json(graph_config(chart))}</script>
<script src="{EMBED_PREFIX}plotly.min.js"></script>
<script src="{EMBED_PREFIX}embed.js"></script>
</body></html>"""


def register_embed_routes(server, catalog: Catalog) -> None:
    """Add the /embed routes to a Flask server (the Dash app's app.server)."""

    @server.route(f"{EMBED_PREFIX}plotly.min.js")
    def embed_plotly_js():
        return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)

    @server.route(f"{EMBED_PREFIX}embed.js")
    def embed_js():  # a file, not inline script, so a strict script-src policy allows it
        return Response(EMBED_JS, mimetype="text/javascript", headers={"Cache-Control": "max-age=3600"})

    @server.route(f"{EMBED_PREFIX}<chart_id>")
    def embed_chart(chart_id: str):
        chart = chart_or_404(chart_id)
        view = view_or_400(catalog, request.args)
        return Response(render_embed_page(chart, catalog, view), mimetype="text/html")
