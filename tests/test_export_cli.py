"""python -m app export: list, single and --all exports, progress on stderr, clear usage errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from export_support import png_size, require_browser
from pptx import Presentation

from app.__main__ import main as app_main
from app.charts import CHARTS
from app.export.cli import main


def test_list_prints_each_chart_id_then_its_title(capsys):
    assert app_main(["export", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t") for line in lines] == [[c.id, c.title] for c in CHARTS]


@pytest.mark.parametrize(
    "argv, code",
    [
        (["--chart", "no-such-chart", "--format", "csv", "--out", "x.csv"], "[unknown-chart]"),
        (["--chart", "loans-net-flows", "--format", "gif", "--out", "x.gif"], "[unknown-format]"),
        (["--chart", "loans-net-flows", "--out", "x.csv"], "[unknown-format]"),
        (["--chart", "loans-net-flows", "--format", "csv"], "[missing-out]"),
        (["--chart", "loans-net-flows", "--format", "png", "--out", "x.png", "--width", "50"], "[bad-size]"),
        (
            [
                "--chart",
                "loans-net-flows",
                "--format",
                "png",
                "--out",
                "x.png",
                "--width",
                "8000",
                "--scale",
                "2",
            ],
            "[too-large]",
        ),
    ],
)
def test_usage_errors_exit_2_with_a_coded_message(argv, code, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert code in err and "Fix:" in err
    assert list(tmp_path.iterdir()) == []  # refused before anything is written


@pytest.mark.parametrize(
    "argv, code",
    [
        (["--category", "bogus"], "[unknown-category]"),
        (["--years", "later"], "[bad-years]"),
        (["--essay", "nobody"], "[unknown-essay]"),
    ],
)
def test_an_unknown_or_malformed_view_exits_2_naming_it(argv, code, capsys, tmp_path):
    assert (
        main(["--chart", "loans-net-flows", "--format", "csv", "--out", str(tmp_path / "x.csv"), *argv]) == 2
    )
    assert code in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_unknown_chart_error_lists_the_known_ids(capsys):
    main(["--chart", "nope", "--format", "png", "--out", "x.png"])
    assert CHARTS[0].id in capsys.readouterr().err


def test_csv_of_one_chart_under_a_filter(tmp_path):
    out = tmp_path / "loans.csv"
    assert (
        main(["--chart", "loans-net-flows", "--format", "csv", "--out", str(out), "--years", "2015-2017"])
        == 0
    )
    rows = pd.read_csv(out)
    assert len(rows) > 0
    assert ((rows["year_start"] <= 2017) & (rows["year_end"] >= 2015)).all()


def test_all_charts_as_csv_into_a_folder_with_progress(tmp_path, capsys):
    assert main(["--all", "--format", "csv", "--out", str(tmp_path)]) == 0
    assert sorted(p.stem for p in tmp_path.glob("*.csv")) == sorted(c.id for c in CHARTS)
    assert f"[{len(CHARTS)}/{len(CHARTS)}]" in capsys.readouterr().err


def test_a_deck_of_picked_charts(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    out = tmp_path / "deck.pptx"
    assert (
        main(["--chart", "loans-net-flows", "--chart", "trade-2017", "--format", "pptx", "--out", str(out)])
        == 0
    )
    deck = Presentation(io.BytesIO(out.read_bytes()))
    assert [s.shapes.title.text for s in list(deck.slides)[1:]] == [
        next(c.title for c in CHARTS if c.id == i) for i in ("loans-net-flows", "trade-2017")
    ]


def test_images_without_a_browser_exit_1_and_say_how_to_fix(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert main(["--chart", "loans-net-flows", "--format", "png", "--out", str(tmp_path / "x.png")]) == 1
    assert "[no-browser]" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


@pytest.mark.image
def test_png_from_the_command_line_has_the_asked_size(tmp_path):
    require_browser()
    out = tmp_path / "loans.png"
    assert (
        main(
            [
                "--chart",
                "loans-net-flows",
                "--format",
                "png",
                "--out",
                str(out),
                "--size",
                "4x3",
                "--scale",
                "2",
            ]
        )
        == 0
    )
    assert png_size(out.read_bytes()) == (3200, 2400)
    out = tmp_path / "custom.png"
    assert (
        main(
            [
                "--chart",
                "loans-net-flows",
                "--format",
                "png",
                "--out",
                str(out),
                "--width",
                "1000",
                "--height",
                "500",
            ]
        )
        == 0
    )
    assert png_size(out.read_bytes()) == (1000, 500)
