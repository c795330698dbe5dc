"""Which page a path names, and the charts it draws: pure, so routing is testable without Dash."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote

import flask

from app.charts import CHARTS, get_chart
from app.paths import FIGURE_PREFIX

# The app's row ids (figures, exercises, events, external values), set by the app that serves the
# request (app/callbacks/figure.py), so /figure/<unknown id> is a missing page wherever it is asked.
ROW_IDS_CONFIG = "SRI_ROW_IDS"


@dataclass(frozen=True)
class Page:
    kind: str  # "overview", "chart", "table", "sources", "figure", "about", "coverage" or "missing"
    chart_ids: tuple[str, ...] = ()
    message: str = ""
    row_id: str = ""  # the row a "figure" page shows


def served_row_ids() -> Collection[str]:
    """The row ids of the app answering the current request (none outside a request)."""
    return flask.current_app.config.get(ROW_IDS_CONFIG, ()) if flask.has_app_context() else ()


def page_of(pathname, row_ids: Collection[str] | None = None) -> Page:
    """The page a path names (anything that is not a known path is a "missing" page). A figure's
    page exists for each of ``row_ids`` (default: the serving app's rows)."""
    path = (pathname if isinstance(pathname, str) else "/").rstrip("/") or "/"
    if path == "/":
        return Page("overview", tuple(chart.id for chart in CHARTS))
    if path in ("/table", "/sources", "/about", "/coverage"):
        return Page(path.lstrip("/"))
    if path.startswith("/chart/"):
        chart_id = path.removeprefix("/chart/")
        try:
            return Page("chart", (get_chart(chart_id).id,))
        except KeyError:
            return Page("missing", message=f"There is no chart called “{chart_id[:80]}”.")
    if path.startswith(FIGURE_PREFIX):
        row_id = unquote(path.removeprefix(FIGURE_PREFIX))
        if row_id in (served_row_ids() if row_ids is None else row_ids):
            return Page("figure", row_id=row_id)
        return Page("missing", message=f"There is no figure called “{row_id[:80]}”.")
    return Page("missing", message=f"There is no page at {path[:120]}.")


def is_page_path(pathname) -> bool:
    """Whether the dashboard has a page at this path; page_of is the one list of pages, so a new
    page there is a page here too (anything else is answered with a 404)."""
    return page_of(pathname).kind != "missing"
