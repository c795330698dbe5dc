"""Which page a path names, and the charts it draws: pure, so routing is testable without Dash."""

from __future__ import annotations

from dataclasses import dataclass

from app.charts import CHARTS, get_chart


@dataclass(frozen=True)
class Page:
    kind: str  # "overview", "chart", "table", "sources" or "missing"
    chart_ids: tuple[str, ...] = ()
    message: str = ""


def page_of(pathname) -> Page:
    """The page a path names (anything that is not a known path is a "missing" page)."""
    path = (pathname if isinstance(pathname, str) else "/").rstrip("/") or "/"
    if path == "/":
        return Page("overview", tuple(chart.id for chart in CHARTS))
    if path in ("/table", "/sources"):
        return Page(path.lstrip("/"))
    if path.startswith("/chart/"):
        chart_id = path.removeprefix("/chart/")
        try:
            return Page("chart", (get_chart(chart_id).id,))
        except KeyError:
            return Page("missing", message=f"There is no chart called “{chart_id[:80]}”.")
    return Page("missing", message=f"There is no page at {path[:120]}.")


def is_page_path(pathname) -> bool:
    """Whether the dashboard has a page at this path; page_of is the one list of pages, so a new
    page there is a page here too (anything else is answered with a 404)."""
    return page_of(pathname).kind != "missing"
