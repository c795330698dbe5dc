"""Download routes, added to the dashboard's Flask server.

/download/<chart-id>.csv     exactly the rows the chart shows under the view, with citations
/download/<chart-id>.png     title, unit and source line baked in; ?size=16x9|4x3&scale=2
/download/<chart-id>.svg     same, as SVG
/download/deck.pptx          PowerPoint deck; ?chart=ID (repeat) picks charts, none = all
/download/all-data.zip       the whole data package: CSV, Parquet and datapackage.json

The view travels in the query string (app.view: the same names as the dashboard's URL); an
unknown or malformed value is a 400 naming it. Images, decks and the zip are made on the export
pool (app/export/pool.py), never on the thread serving the request: when it is full the answer is
a quick 503 with Retry-After. Every export is kept in a byte-bounded cache (app/export/cache.py)
under its validated key and sent with an ETag and Cache-Control, so proxies can serve it too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable

from flask import Response, abort, request

from app.catalog import Catalog
from app.charts import CHARTS, get_chart
from app.export import jobs
from app.export.cache import Export, ExportCache
from app.export.images import BrowserUnavailable, browser_problem, image_size_problem
from app.export.links import deck_file_name, export_file_name
from app.export.pool import ExportBusy, ExportPool
from app.export.sizes import SIZES
from app.paths import DATA_ZIP, DOWNLOAD_PREFIX
from app.route_args import chart_or_404, view_or_400
from app.view import View, view_query

LOG = logging.getLogger(__name__)
DATA_ZIP_NAME = "sino-russian-figures-data.zip"
DECK_MIMETYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
IMAGE_MIMETYPES = {"png": "image/png", "svg": "image/svg+xml"}
CACHE_CONTROL_MAX_AGE = 3600  # the data changes only when the site is deployed again
IMAGE_ARGS = ("size", "width", "height", "scale")


def image_request(args) -> tuple[int, int, float, str]:
    """(width, height, scale, size name) from ?size=16x9|4x3 and optional width/height/scale,
    within what Chromium renders reliably (app.export.images.image_size_problem); else a 400."""
    size = SIZES.get(args.get("size", "16x9"))
    if size is None:
        abort(400, description=f"[unknown-size] size must be one of {', '.join(SIZES)}")
    try:
        width = int(args.get("width", size.width))
        height = int(args.get("height", size.height))
        scale = float(args.get("scale", 1))
    except ValueError:
        abort(400, description="[bad-size] width and height must be whole numbers, scale a number")
    problem = image_size_problem(width, height, scale)
    if problem:
        abort(400, description=problem)
    return width, height, scale, size.name


def deck_charts(args) -> tuple[str, ...]:
    """The chart ids ?chart= names, each once, in the order given (none: every chart)."""
    ids = tuple(dict.fromkeys(args.getlist("chart")))
    if len(ids) > len(CHARTS):
        abort(400, description=f"[too-many-charts] a deck holds at most the {len(CHARTS)} charts")
    return tuple(chart_or_404(chart_id, status=400).id for chart_id in ids) or tuple(c.id for c in CHARTS)


def send_export(export: Export, mimetype: str, filename: str) -> Response:
    """The export as an attachment that browsers and proxies may keep and revalidate."""
    response = Response(
        export.data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
    response.set_etag(export.etag)
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_CONTROL_MAX_AGE
    return response.make_conditional(request)


def busy(error: ExportBusy) -> Response:
    LOG.warning("503 %s: %s", request.path, error)
    return Response(
        f"{error}; try again in {error.retry_after} s\n",
        status=503,
        mimetype="text/plain",
        headers={"Retry-After": str(error.retry_after), "Cache-Control": "no-store"},
    )


def no_browser(problem: str) -> Response:
    LOG.warning("503 %s: %s", request.path, problem)
    return Response(
        f"{problem}\nCSV downloads and /embed pages still work.\n", status=503, mimetype="text/plain"
    )


class Exports:
    """Cache first, else the pool; what both the routes and the tests call."""

    def __init__(self, pool: ExportPool, cache: ExportCache):
        self.pool, self.cache = pool, cache

    def fetch(self, key: Hashable, job: Callable, *args) -> Export:
        found = self.cache.get(key)
        if found is not None:
            return found
        # Kept here for the next request; the pool also keeps it when a waiter gave up on it.
        return self.cache.keep(key, self.pool.run(key, job, *args))


def register_download_routes(server, catalog: Catalog, exports: Exports) -> None:
    """Add the /download routes to a Flask server; ``exports`` makes and keeps what they send."""

    @server.route(DATA_ZIP)
    def download_all_data():
        try:
            export = exports.fetch(("all-data.zip",), jobs.data_zip_job)
        except ExportBusy as error:
            return busy(error)
        return send_export(export, "application/zip", DATA_ZIP_NAME)

    @server.route(f"{DOWNLOAD_PREFIX}deck.pptx")
    def download_deck():
        charts = deck_charts(request.args)
        view = view_or_400(catalog, request.args, ignore=("chart",))
        try:
            export = exports.fetch(("deck", charts, view_query(view)), jobs.deck_job, charts, view)
        except ExportBusy as error:
            return busy(error)
        return send_export(export, DECK_MIMETYPE, deck_file_name([get_chart(i) for i in charts], view))

    @server.route(f"{DOWNLOAD_PREFIX}<chart_id>.<fmt>")
    def download_chart(chart_id: str, fmt: str):
        chart = chart_or_404(chart_id)
        if fmt not in ("csv", "png", "svg"):
            abort(404, description=f"[unknown-format] {fmt[:20]!r}; expected csv, png or svg")
        if fmt == "csv":
            view = view_or_400(catalog, request.args)
            return send_csv(chart, catalog, view)
        view = view_or_400(catalog, request.args, ignore=IMAGE_ARGS)
        return send_image(exports, chart, view, fmt, image_request(request.args))


def send_image(exports: Exports, chart, view: View, fmt: str, size: tuple[int, int, float, str]) -> Response:
    width, height, scale, size_name = size
    problem = browser_problem()
    if problem:  # say so at once rather than start an export process for it
        return no_browser(problem)
    key = ("image", chart.id, view_query(view), fmt, width, height, scale)
    try:
        export = exports.fetch(key, jobs.image_job, chart.id, view, fmt, width, height, scale)
    except ExportBusy as error:
        return busy(error)
    except BrowserUnavailable as error:  # found, but it would not start
        return no_browser(str(error))
    name = export_file_name(f"{chart.id}-{size_name}", view, fmt)
    return send_export(export, IMAGE_MIMETYPES[fmt], name)


def send_csv(chart, catalog: Catalog, view: View) -> Response:
    """A CSV is quick to make (no pool), and as cacheable as the other exports."""
    from app.export.chart_csv import chart_csv_text

    export = Export.of(chart_csv_text(chart, catalog, view).encode("utf-8"))
    return send_export(export, "text/csv", export_file_name(chart.id, view, "csv"))
