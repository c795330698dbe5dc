"""The dashboard's own plotly.js (assets/vendor/plotly.min.js, built by build-plotly.sh with only
the trace types the charts draw) matches the plotly.js that plotly.py writes figures for."""

from __future__ import annotations

import re

import pytest
from chart_support import figure_of
from conftest import ROOT

from app.charts import CHARTS

BUNDLE = ROOT / "assets" / "vendor" / "plotly.min.js"
BANNER = re.compile(r"/\*! plotly\.js v(?P<version>[0-9][0-9A-Za-z.\-]*), traces: (?P<traces>[a-z ]+) \(")


def bundle_banner() -> re.Match:
    with BUNDLE.open(encoding="utf-8") as handle:
        first_line = handle.readline()
    banner = BANNER.match(first_line)
    assert banner, f"{BUNDLE.name} does not start with build-plotly.sh's banner: {first_line[:120]!r}"
    return banner


def test_bundle_is_the_plotly_js_that_plotly_py_writes_figures_for():
    from plotly.offline import get_plotlyjs_version

    assert bundle_banner()["version"] == get_plotlyjs_version(), "rebuild: bash assets/vendor/build-plotly.sh"


@pytest.mark.parametrize("chart", CHARTS, ids=[chart.id for chart in CHARTS])
def test_bundle_has_every_trace_type_the_chart_draws(chart, dataset):
    drawn = {trace.type for trace in figure_of(chart, dataset).data}
    assert drawn, "the chart draws no traces"
    assert drawn <= set(bundle_banner()["traces"].split())


def test_bundle_is_under_half_the_size_of_plotly_py_s_full_one():
    from pathlib import Path

    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert BUNDLE.stat().st_size < 0.5 * full.stat().st_size
