"""Where each download of a chart lives: the /download routes, filters in the query string."""

from __future__ import annotations

from app.export.sizes import SIZES


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
