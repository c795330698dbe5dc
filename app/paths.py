"""Where things are: the static assets folder and the URL prefixes every module agrees on."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PLOTLY_JS = ASSETS / "vendor" / "plotly.min.js"  # the dashboard's own build (assets/vendor/build-plotly.sh)
TOPOJSON_DIR = ASSETS / "topojson"
CALLBACK_PATH = "/_dash-update-component"
EMBED_PREFIX = "/embed/"
DOWNLOAD_PREFIX = "/download/"
DATA_ZIP = f"{DOWNLOAD_PREFIX}all-data.zip"  # the whole data package
FIGURE_PREFIX = "/figure/"


def figure_path(row_id: str) -> str:
    """A figure's page ('/figure/ext:sipri_tiv_russia_to_china:2010': the colon kept readable)."""
    return FIGURE_PREFIX + quote(row_id, safe=":")
