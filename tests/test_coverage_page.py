"""/coverage makes the completeness claim checkable: the committed coverage tables, read here
with the csv module (not through the loaders the page uses), must all be on the page."""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter

import pytest
from conftest import INDICATORS
from dash_support import call, table_rows, text_content

from app.coverage_page import coverage_verdict
from app.routes import page_of
from loaders.coverage_report import coverage_tables


def read(name: str) -> list[dict]:
    with (INDICATORS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def page(client):
    status, body = call(client, "page-content.children", {"url.pathname": "/coverage", "url.search": ""})
    assert status == 200
    return body["response"]["page-content"]["children"]


def test_coverage_is_a_page_of_its_own(client):
    assert page_of("/coverage").kind == "coverage" and page_of("/coverage/").kind == "coverage"
    assert client.get("/coverage").status_code == 200


def test_every_part_of_every_report_has_its_counts_and_the_totals_add_up(page):
    rows = table_rows(page)
    summary = read("coverage.csv")
    columns = ["tokens", "curated", "excluded_by_rule", "excluded_by_row", "unaccounted"]
    counts = [row[2:] for row in rows if len(row) == 7]
    for part in summary:
        if int(part["tokens"]):
            assert [f"{int(part[c]):,}" for c in columns] in counts, part
    totals = [f"{sum(int(part[c]) for part in summary):,}" for c in columns]
    assert rows[len([p for p in summary if int(p["tokens"])]) + 1] == ["All reports", "", *totals]


def test_the_verdict_is_the_check_s_and_says_so_when_a_number_is_unaccounted(page, dataset):
    total = sum(int(part["tokens"]) for part in read("coverage.csv"))
    assert f"Every one of the {total:,} numbers in the report texts is accounted for." in text_content(page)
    tables = coverage_tables(dataset)
    summary = tables.summary.copy()
    summary.loc[0, "unaccounted"] = 3
    verdict = coverage_verdict(dataclasses.replace(tables, summary=summary))
    assert (
        verdict
        == f"3 of the {int(summary['tokens'].sum()):,} numbers in the report texts are not yet accounted for."
    )


def test_every_rule_shows_how_many_numbers_it_excludes(page):
    per_rule = Counter()
    for row in read("coverage_rules.csv"):
        per_rule[row["rule"]] += int(row["tokens"])
    shown = {row[0]: row[2] for row in table_rows(page) if len(row) == 3 and row[0] != "Rule"}
    assert shown == {rule: f"{count:,}" for rule, count in per_rule.items()}


def test_every_exclusion_is_listed_with_its_reason_as_a_reader_sees_it(page):
    excluded = [row for row in table_rows(page) if len(row) == 4 and row[0] != "Essay"]
    exclusions = read("exclusions.csv")
    assert len(excluded) == len(exclusions)
    assert {row[3] for row in excluded} == {row["reason"].replace("\\$", "$") for row in exclusions}
    assert "\\$" not in text_content(page)


def test_about_links_to_the_coverage_page(client):
    context = {"origin": "https://figures.example.org", "today": "2026-12-01"}
    status, body = call(client, "about-body.children", {"about-context.data": context})
    assert status == 200 and "/coverage" in str(body)
    assert "is accounted for" in text_content(body["response"]["about-body"]["children"])
