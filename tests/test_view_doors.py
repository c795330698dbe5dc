"""One table of view settings through the three doors: the dashboard's URL, the download routes
and the command line must give the same answer (the same rows, or the same refusal)."""

from __future__ import annotations

import pytest

from app import create_app
from app.catalog import catalog_of
from app.charts import get_chart
from app.export.chart_csv import chart_csv_text
from app.export.cli import main as export_main
from app.interaction import state_of_url
from app.view import View
from loaders import load_dataset

CLI_OPTIONS = {
    "category": "--category",
    "essay": "--essay",
    "subject": "--subject",
    "years": "--years",
    "context": "--context",
    "select": "--select",
}
# (query, the view it names, or the code of the problem it has)
CASES = [
    ("context=no", View(show_context=False), None),
    ("context=0&essay=kashin-2019", View(essays=("kashin-2019",), show_context=False), None),
    ("years=2017", View(year_range=(2017, 2017)), None),
    ("category=trade&years=2010-2018", View(categories=("trade",), year_range=(2010, 2018)), None),
    ("category=bogus", None, "unknown-category"),
    ("years=later", None, "bad-years"),
    ("context=maybe", None, "bad-context"),
    ("essay=nobody", None, "unknown-essay"),
]
CHART = "trade-context"  # figures and external series: every setting changes its rows


@pytest.fixture(scope="module")
def catalog():
    return catalog_of(load_dataset())


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def cli_args(query: str) -> list[str]:
    args = []
    for pair in query.split("&"):
        name, value = pair.split("=")
        args += [CLI_OPTIONS[name], value]
    return args


@pytest.mark.parametrize("query, view, code", CASES, ids=[c[0] for c in CASES])
def test_page_route_and_command_line_agree(query, view, code, catalog, client, tmp_path, capsys):
    page = state_of_url(catalog, "?" + query)
    route = client.get(f"/download/{CHART}.csv?{query}")
    out = tmp_path / "rows.csv"
    status = export_main(["--chart", CHART, "--format", "csv", "--out", str(out), *cli_args(query)])
    if code is None:
        expected = chart_csv_text(get_chart(CHART), catalog, view)
        assert page["view"] == view and page["note"] == ""
        assert route.status_code == 200 and route.get_data(as_text=True) == expected
        assert status == 0 and out.read_text(encoding="utf-8") == expected
    else:
        assert page["view"] == View() and page["problems"] == [code] and page["note"]  # dropped, with a note
        assert route.status_code == 400 and f"[{code}]" in route.get_data(as_text=True)
        assert status == 2 and f"[{code}]" in capsys.readouterr().err and not out.exists()
