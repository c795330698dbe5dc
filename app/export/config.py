"""dcc.Graph config for a chart: modebar downloads at slide size, offline map files.

    dcc.Graph(figure=..., config=graph_config(chart))

The modebar camera saves a 16:9 PNG at 1920×1080 named after the chart id. Plotly's modebar
offers one size per graph; the server routes (/download/<chart-id>.png?size=4x3&scale=2,
.svg, .csv) give the others, with title, unit and source line baked in (see app/embed.py).
"""

from __future__ import annotations

from app.export.framing import SIZES, SLIDE_16_9

TOPOJSON_URL = "/assets/topojson/"


def graph_config(chart, size: str = SLIDE_16_9.name, scale: float = 1, responsive: bool = True) -> dict:
    """Plotly config dict for dcc.Graph (or Plotly.newPlot) showing this chart."""
    preset = SIZES[size]
    return {
        "displaylogo": False,
        "responsive": responsive,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {
            "format": "png",
            "filename": f"{chart.id}-{preset.name}",
            "width": preset.width,
            "height": preset.height,
            "scale": scale,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def download_links(chart, query: str = "") -> list[tuple[str, str]]:
    """(label, URL) pairs for the server-side downloads of a chart, filters in the query string."""
    suffix = f"?{query}" if query else ""
    joiner = "&" if query else "?"
    return [
        ("CSV (rows shown, with citations)", f"/download/{chart.id}.csv{suffix}"),
        (f"PNG {SIZES['16x9'].label}", f"/download/{chart.id}.png{suffix}{joiner}size=16x9"),
        (f"PNG {SIZES['16x9'].label} at 2×", f"/download/{chart.id}.png{suffix}{joiner}size=16x9&scale=2"),
        (f"PNG {SIZES['4x3'].label}", f"/download/{chart.id}.png{suffix}{joiner}size=4x3"),
        ("SVG", f"/download/{chart.id}.svg{suffix}"),
        ("PowerPoint slide", f"/download/deck.pptx?chart={chart.id}{'&' + query if query else ''}"),
    ]
