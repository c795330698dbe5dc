"""What a route's URL names, checked: a chart (else a 404) and a view (else a 400), each refusal
with its coded reason. Shared by the embed page and the download routes."""

from __future__ import annotations

from flask import abort

from app.catalog import Catalog
from app.charts import CHARTS, Chart, get_chart
from app.view import View, parse_view


def chart_or_404(chart_id: str, status: int = 404) -> Chart:
    """The chart a path names (an unknown one is a 404), or a parameter (pass ``status=400``)."""
    try:
        return get_chart(chart_id)
    except KeyError:
        known = ", ".join(chart.id for chart in CHARTS)
        abort(status, description=f"[unknown-chart] no chart {chart_id[:80]!r}. Known charts: {known}")


def view_or_400(catalog: Catalog, args, ignore: tuple[str, ...] = ()) -> View:
    """The view a route's query names (``ignore``: the route's own other parameters); anything
    unknown or malformed is a 400 naming each problem's code."""
    parsed = parse_view({name: args.getlist(name) for name in args if name not in ignore}, catalog.vocabulary)
    if parsed.problems:
        abort(400, description="; ".join(str(p) for p in parsed.problems))
    return parsed.view
