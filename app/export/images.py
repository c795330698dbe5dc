"""PNG and SVG images of any chart, rendered by kaleido in a system Chromium.

How the browser is found: kaleido 1.x asks choreographer, which uses the BROWSER_PATH
environment variable if set, else the first of chromium / chromium-browser / google-chrome
on PATH and the usual install paths (/usr/bin/chromium on Debian: `apt-get install chromium`).
We never download a browser (kaleido_get_chrome cannot work offline). Without one,
image exports raise BrowserUnavailable with a message saying this; CSV and native
PowerPoint charts still work.

One kaleido server (one headless Chromium) is started on first use and kept for the
process, so each image costs a render, not a browser launch. MathJax is off (it would be
fetched from a CDN); geo maps read their topojson from assets/topojson/ on disk.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Iterable

import plotly.graph_objects as go

from app.catalog import Catalog
from app.charts import Chart, chart_rows, draw
from app.export.framing import computed_margin, frame_figure, unit_text
from app.paths import TOPOJSON_DIR
from app.view import View, describe_filters

FORMATS = ("png", "svg")
NO_BROWSER_FIX = (
    "install Chromium (Debian: apt-get install chromium) or set BROWSER_PATH to a Chrome/Chromium executable"
)

# What Chromium renders reliably: beyond about 8,000 px a side it returns corrupt or empty
# images, or takes tens of seconds and gigabytes. Sizes are logical px; scale multiplies them.
MAX_PIXELS_LONG_SIDE = 8000
MIN_SIDE = 100
SCALES = (0.25, 4.0)

_lock = threading.Lock()
_server_started = False


class ImageExportError(RuntimeError):
    """An image could not be made; the message says why and how to fix it."""


class ImageSizeError(ImageExportError, ValueError):
    """The size asked for is outside what we render (image_size_problem says which way)."""


def image_size_problem(width: int, height: int, scale: float) -> str | None:
    """None when width×height at scale can be rendered reliably, else a coded reason."""
    if not math.isfinite(scale) or not SCALES[0] <= scale <= SCALES[1]:
        return f"[bad-size] scale must be between {SCALES[0]:g} and {SCALES[1]:g}"
    if min(width, height) < MIN_SIDE:
        return f"[bad-size] width and height must be at least {MIN_SIDE} px"
    if max(width, height) * scale > MAX_PIXELS_LONG_SIDE:
        return (
            f"[too-large] {width}×{height} at scale {scale:g} is {round(max(width, height) * scale)} px on "
            f"the long side; the most is {MAX_PIXELS_LONG_SIDE}. Fix: a smaller size or scale"
        )
    return None


class BrowserUnavailable(ImageExportError):
    """Images need a headless Chromium and none was found (or it failed to start)."""


def find_browser() -> str | None:
    """The browser kaleido would use: $BROWSER_PATH, else chromium on PATH or a usual path."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:  # pragma: no cover - kaleido brings choreographer
        return None
    return Chromium.find_browser(skip_local=True)


def browser_problem() -> str | None:
    """None when images can be made, else one line saying why not and how to fix it."""
    configured = os.environ.get("BROWSER_PATH")
    if find_browser():
        return None
    where = (
        f"BROWSER_PATH={configured!r} does not exist"
        if configured
        else "no Chromium found (looked at $BROWSER_PATH, chromium on PATH, /usr/bin/chromium)"
    )
    return f"[no-browser] image export needs a headless Chromium: {where}. Fix: {NO_BROWSER_FIX}."


def topojson_url() -> str | None:
    """file:// URL of the offline map files, if present (kaleido pages may read local files)."""
    return TOPOJSON_DIR.as_uri() + "/" if TOPOJSON_DIR.is_dir() and any(TOPOJSON_DIR.iterdir()) else None


def start_image_server() -> None:
    """Start the persistent kaleido server once (later calls do nothing)."""
    global _server_started
    problem = browser_problem()
    if problem:
        raise BrowserUnavailable(problem)
    with _lock:
        if _server_started:
            return
        import kaleido

        kwargs = {"n": 1, "mathjax": False, "timeout": 120}
        kaleido.start_sync_server(silence_warnings=True, **kwargs)
        _server_started = True


def stop_image_server() -> None:
    global _server_started
    with _lock:
        if _server_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def render_figure(figure: go.Figure | dict, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """Raw kaleido render of a figure (no framing). fmt: png, svg or json (plotly's full figure)."""
    start_image_server()
    import kaleido

    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _lock:  # the sync server answers in order; keep one request in flight
        try:
            return kaleido.calc_fig_sync(figure, opts=opts, topojson=topojson_url())
        except Exception as error:  # choreographer/kaleido errors: say what failed
            if "topojson" in str(error):
                raise ImageExportError(
                    f"[no-map-files] {error}. The map needs its topojson files (e.g. world_110m.json) in "
                    f"{TOPOJSON_DIR}; found {sorted(p.name for p in TOPOJSON_DIR.glob('*.json')) or 'none'}. "
                    "Fix: restore assets/topojson/ (see README)"
                ) from error
            if "Chrome" in type(error).__name__ or "browser" in str(error).lower():
                raise BrowserUnavailable(
                    f"[no-browser] the browser failed to render: {error}. Fix: {NO_BROWSER_FIX}."
                ) from error
            raise ImageExportError(f"[render-failed] kaleido could not render the figure: {error}") from error


def export_figure(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    source_line: str,
    fmt: str,
    width: int,
    height: int,
    scale: float = 1,
    with_captions: bool = True,
) -> bytes:
    """Render figure with title, subtitle (unit) and source line baked in, at width×height×scale.

    Two passes: a quick JSON render tells us the margins plotly needs for tick labels and
    legend; the source line then goes just below them.
    """
    if fmt not in FORMATS:
        raise ValueError(
            f"[unknown-format] {fmt!r} is not an image format; expected one of {', '.join(FORMATS)}"
        )
    size_problem = image_size_problem(width, height, scale)
    if size_problem:
        raise ImageSizeError(size_problem)
    framing = dict(
        title=title,
        subtitle=subtitle,
        source_line=source_line,
        width=width,
        height=height,
        with_captions=with_captions,
    )
    probe = frame_figure(figure, **framing)
    pad = max(8, round(28 * width / 1920))
    probe.update_layout(margin=dict(l=pad, r=pad, b=pad))
    probe.update_xaxes(automargin=True)
    probe.update_yaxes(automargin=True)
    full = json.loads(render_figure(probe, "json", width, height))
    margin = computed_margin(full)
    framed = frame_figure(figure, axis_margin=margin, **framing)
    framed.update_xaxes(automargin=True)
    framed.update_yaxes(automargin=True)
    return render_figure(framed, fmt, width, height, scale)


def render_chart_image(
    chart: Chart,
    catalog: Catalog,
    view: View,
    fmt: str,
    width: int = 1920,
    height: int = 1080,
    scale: float = 1,
    with_captions: bool = True,
    options: Iterable = (),
) -> bytes:
    """The chart as PNG/SVG bytes, titled, with its unit and its source line (``options``: for the
    chart's builder, see ``draw``)."""
    selection = catalog.select(view)
    figure = draw(chart, selection, options=options)
    rows = chart_rows(chart, selection)
    subtitle = unit_text(rows.own["unit"] + rows.reference["unit"])
    if view.is_filtered:
        filters = describe_filters(view, catalog.essay_names)
        subtitle = " · ".join(part for part in (subtitle, f"Filtered: {filters}") if part)
    return export_figure(
        go.Figure(figure),
        title=chart.title,
        subtitle=subtitle,
        source_line=figure["layout"]["meta"]["source_line"],
        fmt=fmt,
        width=width,
        height=height,
        scale=scale,
        with_captions=with_captions,
    )
