"""Download routes, added to the dashboard's Flask server.

/download/<chart-id>.csv     exactly the rows the chart shows under the view, with citations
/download/<chart-id>.png     title, unit and source line baked in; ?size=16x9|4x3&scale=2
/download/<chart-id>.svg     same, as SVG
/download/deck.pptx          PowerPoint deck; ?chart=ID (repeat) picks charts, none = all
/download/all-data.zip       the whole data package: CSV, Parquet and datapackage.json

The view travels in the query string (app.view: the same names as the dashboard's URL); an
unknown or malformed value is a 400 naming it.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from flask import Response, abort, request, send_file

from app.catalog import Catalog
from app.charts import CHARTS
from app.export.sizes import SIZES
from app.paths import DOWNLOAD_PREFIX
from app.route_args import chart_or_404, view_or_400

DATA_ZIP_NAME = "sino-russian-figures-data.zip"
DECK_MIMETYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def image_request(args) -> tuple[int, int, float, str]:
    """(width, height, scale, size name) from ?size=16x9|4x3 and optional width/height/scale."""
    size = SIZES.get(args.get("size", "16x9"))
    if size is None:
        abort(400, description=f"[unknown-size] size must be one of {', '.join(SIZES)}")
    try:
        width = int(args.get("width", size.width))
        height = int(args.get("height", size.height))
        scale = float(args.get("scale", 1))
    except ValueError:
        abort(400, description="[bad-size] width, height and scale must be numbers")
    if not (0 < width <= 8000 and 0 < height <= 8000 and 0 < scale <= 4):
        abort(400, description="[bad-size] width and height up to 8000, scale up to 4")
    return width, height, scale, size.name


def register_download_routes(server, catalog: Catalog, dataset) -> None:
    """Add the /download routes to a Flask server; ``dataset`` is what the data zip holds."""

    @server.route(f"{DOWNLOAD_PREFIX}all-data.zip")
    def download_all_data():
        from loaders.export import export_dataset

        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory(prefix="sri-data-") as folder:
            written = export_dataset(dataset, folder)
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in written:
                    archive.write(path, arcname=f"sino-russian-figures/{Path(path).name}")
        buffer.seek(0)
        return send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=DATA_ZIP_NAME)

    @server.route(f"{DOWNLOAD_PREFIX}deck.pptx")
    def download_deck():
        from app.export.deck import build_deck, deck_file_name

        ids = request.args.getlist("chart")
        charts = [chart_or_404(chart_id) for chart_id in dict.fromkeys(ids)] if ids else list(CHARTS)
        view = view_or_400(catalog, request.args, ignore=("chart",))
        data = build_deck(charts, catalog, view)
        return Response(
            data,
            mimetype=DECK_MIMETYPE,
            headers={"Content-Disposition": f'attachment; filename="{deck_file_name(charts, view)}"'},
        )

    @server.route(f"{DOWNLOAD_PREFIX}<chart_id>.<fmt>")
    def download_chart(chart_id: str, fmt: str):
        chart = chart_or_404(chart_id)
        if fmt not in ("csv", "png", "svg"):
            abort(404, description=f"[unknown-format] {fmt[:20]!r}; expected csv, png or svg")
        view = view_or_400(catalog, request.args, ignore=("size", "width", "height", "scale"))
        if fmt == "csv":
            from app.export.chart_csv import chart_csv_text

            return Response(
                chart_csv_text(chart, catalog, view),
                mimetype="text/csv",
                headers={"Content-Disposition": f'attachment; filename="{chart.id}.csv"'},
            )
        from app.export.images import BrowserUnavailable, render_chart_image

        width, height, scale, size_name = image_request(request.args)
        try:
            data = render_chart_image(chart, catalog, view, fmt, width, height, scale)
        except BrowserUnavailable as error:
            return Response(
                f"{error}\nCSV downloads and /embed pages still work.\n", status=503, mimetype="text/plain"
            )
        return Response(
            data,
            mimetype="image/png" if fmt == "png" else "image/svg+xml",
            headers={"Content-Disposition": f'attachment; filename="{chart.id}-{size_name}.{fmt}"'},
        )
