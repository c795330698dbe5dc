"""A third report needs data, not code: a made-up report (tests/made_up_report.py) is added to a
copy of indicators/ and to a reports folder, and the loaders validate it and cover its numbers."""

from __future__ import annotations

import pytest
from made_up_report import ESSAY_ID, REPORT_FILE, build_made_up_report

from loaders import load_dataset, validate
from loaders.__main__ import main
from loaders.coverage import scan_reports


@pytest.fixture
def made_up(tmp_path, reports_dir):
    # reports_dir: the real texts must be there too (skips, or fails under CI, without them).
    return build_made_up_report(tmp_path)


def test_the_made_up_report_validates_with_every_quote_checked(made_up):
    dataset, problems = validate(made_up.indicators, made_up.reports)
    assert problems == [], "\n".join(map(str, problems))
    assert set(made_up.figure_ids) <= set(dataset.figures["figure_id"])
    assert set(dataset.figures.loc[dataset.figures["report"] == REPORT_FILE, "essay"]) == {ESSAY_ID}


def test_every_number_of_the_made_up_report_is_classified(made_up):
    coverage, parts = scan_reports(load_dataset(made_up.indicators, made_up.reports), made_up.reports)
    assert coverage.problems == []
    assert (REPORT_FILE, ESSAY_ID) in parts and (REPORT_FILE, "") in parts
    mine = [(f.token.text, f.status, f.by, f.essay) for f in coverage.findings if f.report == REPORT_FILE]
    trade, multiple = "made-up-trade-2018", "made-up-trade-multiple-2008-2018"
    assert mine == [
        ("\\$12.5 billion", "curated", trade, ESSAY_ID),
        ("2018", "curated", f"{trade} {multiple}", ESSAY_ID),
        ("three", "curated", multiple, ESSAY_ID),
        ("2008", "curated", multiple, ESSAY_ID),
        ("¹", "excluded_by_rule", "footnote-marker", ESSAY_ID),
        ("second-largest", "curated", "made-up-partner-rank", ESSAY_ID),
        ("Several dozen", "excluded_by_row", "made-up-several-dozen-firms", ESSAY_ID),
        ("¹", "excluded_by_rule", "footnote-marker", ESSAY_ID),
        ("2018", "excluded_by_row", "made-up-fn1-title-2018", ESSAY_ID),
        ("3", "excluded_by_rule", "citation-date", ESSAY_ID),
        ("2019", "excluded_by_rule", "citation-date", ESSAY_ID),
        ("2019", "excluded_by_rule", "url-date", ESSAY_ID),
        ("03", "excluded_by_rule", "url-date", ESSAY_ID),
        ("1", "excluded_by_rule", "postal-address", ""),
        ("200", "excluded_by_rule", "postal-address", ""),
    ]
    assert not [f for f in coverage.findings if f.status == "unaccounted"]


def test_the_coverage_command_reports_the_new_essay_with_no_change_to_code(made_up, capsys):
    arguments = ["--indicators", str(made_up.indicators), "--reports", str(made_up.reports), "coverage"]
    assert main(arguments) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert [REPORT_FILE, ESSAY_ID, "13", "5", "6", "2", "0"] in rows
    assert [REPORT_FILE, "(outside", "the", "essays)", "2", "0", "2", "0", "0"] in rows
