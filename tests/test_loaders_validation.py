"""Every validation rule, broken once in a copy of the curated data, is caught precisely."""

from __future__ import annotations

import pytest

from loaders import DataValidationError, load_dataset, validate

FIGURES = "figures.csv"
EXERCISES = "exercises.csv"
EVENTS = "events.csv"
SIPRI = "reference/sipri_tiv_russia_to_china.csv"

# (file, column, broken value, expected code): one rule each.
CELL_MUTATIONS = [
    (FIGURES, "value", "1O.5", "not-a-number"),
    (FIGURES, "value", "3,600", "not-a-number"),
    (FIGURES, "value", "", "missing-value"),
    (FIGURES, "unit", "usd_trillion", "unknown-value"),
    (FIGURES, "category", "weather", "unknown-value"),
    (FIGURES, "qualifier", "roughly", "unknown-value"),
    (FIGURES, "quote", "", "missing-value"),
    (FIGURES, "cited_source", "", "missing-value"),
    (FIGURES, "figure_id", "Kashin Trade", "bad-format"),
    (FIGURES, "period_start", "2017/18", "bad-format"),
    (FIGURES, "footnote", "999", "unknown-footnote"),
    (FIGURES, "footnote", "two", "not-an-integer"),
    (FIGURES, "indicator", "no_such_indicator", "unknown-reference"),
    (FIGURES, "essay", "nobody-2020", "unknown-reference"),
    (FIGURES, "essay", "nbr-sr79", "not-an-essay"),
    (FIGURES, "report", "999_unknown.txt", "unknown-report"),
    (FIGURES, "cited_url", "www.example.org", "bad-url"),
    (FIGURES, "flag", "looks_odd", "unknown-value"),
    (FIGURES, "actors", "Russia → Mars", "unknown-value"),
    (FIGURES, "actors", "", "missing-value"),
    (FIGURES, "value", " 86.9", "stray-whitespace"),
    (EXERCISES, "latitude", "123", "out-of-range"),
    (EXERCISES, "longitude", "-190", "out-of-range"),
    (EXERCISES, "is_place_corrected", "maybe", "not-a-boolean"),
    (EXERCISES, "year", "1850", "out-of-range"),
    (EXERCISES, "actors", "China, Russia", "unknown-value"),
    (EVENTS, "date_start", "July 2001", "bad-format"),
    (EVENTS, "kind", "party", "unknown-value"),
    (EVENTS, "category", "party", "unknown-value"),
    (EVENTS, "category", "", "missing-value"),
    (SIPRI, "is_derived", "maybe", "not-a-boolean"),
    (SIPRI, "unit", "usd_tn", "unknown-value"),
    (SIPRI, "source_url", "", "missing-value"),
    (SIPRI, "year", "1800", "out-of-range"),
    (SIPRI, "series", "not_a_series", "unknown-reference"),
    ("indicators.csv", "chart_kind", "pie3d", "unknown-value"),
    ("sources.csv", "kind", "tweet", "unknown-value"),
    ("exclusions.csv", "token", "4040", "token-not-in-quote"),
    ("exclusions.csv", "essay", "nobody-2020", "unknown-reference"),
    ("exclusions.csv", "reason", "", "missing-value"),
    ("exclusions.csv", "report", "999_unknown.txt", "unknown-report"),
    (FIGURES, "note", '=HYPERLINK("https://example.org","click")', "formula-like"),
    (FIGURES, "note", "+cmd|' /C calc'!A0", "formula-like"),
    (FIGURES, "note", "-2+3+cmd", "formula-like"),
    (EVENTS, "title", "@SUM(1+1)*cmd", "formula-like"),
]


def located(problems):
    return {(p.file, p.line, p.column, p.code) for p in problems}


@pytest.mark.parametrize(
    ("relative", "column", "value", "code"),
    CELL_MUTATIONS,
    ids=[f"{m[0]}:{m[1]}={m[2]!r}" for m in CELL_MUTATIONS],
)
def test_each_broken_cell_is_reported_with_file_line_column_and_code(
    curated_copy, relative, column, value, code
):
    line, position = curated_copy.set_cell(relative, 0, column, value)
    dataset, problems = validate(curated_copy.root)
    assert dataset is None
    assert (f"indicators/{relative}", line, position, code) in located(problems), [str(p) for p in problems]


@pytest.mark.parametrize("number", ["-5", "+3.5", "-0.25"])
def test_a_signed_number_in_a_text_cell_is_not_taken_for_a_formula(curated_copy, number):
    line, position = curated_copy.set_cell(FIGURES, 0, "note", number)
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", line, position, "formula-like") not in located(problems)


def test_problem_text_names_file_line_column_code_and_a_fix(curated_copy):
    line, position = curated_copy.set_cell(FIGURES, 0, "value", "1O.5")
    _, problems = validate(curated_copy.root)
    text = str(next(p for p in problems if p.code == "not-a-number"))
    assert text.startswith(f'indicators/figures.csv:{line}:{position}: [not-a-number] value is "1O.5"')
    assert "Fix:" in text


def test_a_quote_not_in_the_report_is_caught(curated_copy, reports_dir):
    line, position = curated_copy.set_cell(FIGURES, 0, "quote", "China bought one hundred aircraft carriers.")
    _, problems = validate(curated_copy.root, reports_dir)
    assert ("indicators/figures.csv", line, position, "quote-not-in-report") in located(problems)


def test_a_quote_with_straightened_quotes_or_lost_escapes_is_caught(curated_copy, reports_dir):
    quote = curated_copy.cell(FIGURES, 0, "quote")
    altered = quote.replace("\\$", "$").replace("’", "'").replace("“", '"').replace("”", '"') + " "
    line, position = curated_copy.set_cell(FIGURES, 0, "quote", altered.strip() + ".x")
    _, problems = validate(curated_copy.root, reports_dir)
    assert ("indicators/figures.csv", line, position, "quote-not-in-report") in located(problems)


def test_an_actors_value_outside_the_list_is_unknown_value_at_its_cell(curated_copy):
    # The free text belongs in subject; actors takes only a value of the controlled list.
    line, position = curated_copy.set_cell(FIGURES, 0, "actors", "Russia → China (arms shipments)")
    _, problems = validate(curated_copy.root)
    problem = next(p for p in problems if p.code == "unknown-value")
    assert (problem.file, problem.line, problem.column) == ("indicators/figures.csv", line, position)
    assert "Russia ↔ China" in problem.fix and "Multilateral (SCO, EEU…)" in problem.fix


def test_an_event_without_a_category_or_with_an_unknown_one_is_reported_at_its_cell(curated_copy):
    empty_line, position = curated_copy.set_cell(EVENTS, 0, "category", "")
    unknown_line, _ = curated_copy.set_cell(EVENTS, 1, "category", "summit")  # a kind, not a category
    _, problems = validate(curated_copy.root)
    assert {
        ("indicators/events.csv", empty_line, position, "missing-value"),
        ("indicators/events.csv", unknown_line, position, "unknown-value"),
    } <= located(problems)


def test_validate_reports_both_lines_of_a_duplicate_id(curated_copy):
    header, rows, lines = curated_copy.rows(FIGURES)
    curated_copy.write(FIGURES, header, rows + [rows[0]])
    duplicate_line = curated_copy.rows(FIGURES)[2][-1]
    _, problems = validate(curated_copy.root)
    found = {(p.line, p.code) for p in problems if p.file == "indicators/figures.csv"}
    assert (lines[0], "duplicate-key") in found and (duplicate_line, "duplicate-key") in found


def test_duplicate_series_year_in_reference_data_is_caught(curated_copy):
    header, rows, lines = curated_copy.rows(SIPRI)
    curated_copy.write(SIPRI, header, rows + [rows[3]])
    _, problems = validate(curated_copy.root)
    assert (f"indicators/{SIPRI}", lines[3], 1, "duplicate-key") in located(problems)


def test_value_high_below_value_is_caught(curated_copy):
    curated_copy.set_cell(FIGURES, 0, "value", "50")
    curated_copy.set_cell(FIGURES, 0, "qualifier", "range")
    line, position = curated_copy.set_cell(FIGURES, 0, "value_high", "40")
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", line, position, "range-reversed") in located(problems)


def test_a_range_needs_both_ends_and_the_range_qualifier(curated_copy):
    curated_copy.set_cell(FIGURES, 0, "qualifier", "about")
    line, _ = curated_copy.set_cell(FIGURES, 0, "value_high", "999999")
    _, problems = validate(curated_copy.root)
    assert any(p.line == line and p.code == "range-without-qualifier" for p in problems)


def test_a_cited_source_without_footnote_must_say_why(curated_copy):
    curated_copy.set_cell(FIGURES, 0, "footnote", "")
    line, position = curated_copy.set_cell(FIGURES, 0, "cited_source", "Some newspaper")
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", line, position, "source-without-footnote") in located(problems)


def test_period_end_before_start_is_caught(curated_copy):
    curated_copy.set_cell(FIGURES, 0, "period_start", "2018")
    line, position = curated_copy.set_cell(FIGURES, 0, "period_end", "2017-06")
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", line, position, "period-reversed") in located(problems)


def test_unit_that_cannot_share_the_indicator_axis_is_caught(curated_copy):
    header, rows, _ = curated_copy.rows(FIGURES)
    indicator = rows[0][header.index("indicator")]
    ind_header, ind_rows, _ = curated_copy.rows("indicators.csv")
    unit = next(r[ind_header.index("unit")] for r in ind_rows if r[0] == indicator)
    line, position = curated_copy.set_cell(FIGURES, 0, "unit", "years" if unit != "years" else "percent")
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", line, position, "unit-mismatch") in located(problems)


def test_coordinates_come_in_pairs(curated_copy):
    curated_copy.set_cell(EXERCISES, 0, "place", "Somewhere")
    curated_copy.set_cell(EXERCISES, 0, "latitude", "40")
    line, position = curated_copy.set_cell(EXERCISES, 0, "longitude", "")
    _, problems = validate(curated_copy.root)
    assert ("indicators/exercises.csv", line, position, "incomplete-coordinates") in located(problems)


def test_event_date_must_match_its_precision(curated_copy):
    curated_copy.set_cell(EVENTS, 0, "date_start", "2001")
    line, position = curated_copy.set_cell(EVENTS, 0, "date_precision", "day")
    _, problems = validate(curated_copy.root)
    assert ("indicators/events.csv", line, position, "precision-mismatch") in located(problems)


def test_renamed_and_missing_columns_are_reported(curated_copy):
    header, rows, _ = curated_copy.rows(FIGURES)
    header[header.index("quote")] = "citation_text"
    curated_copy.write(FIGURES, header, rows)
    _, problems = validate(curated_copy.root)
    codes = {(p.line, p.code) for p in problems if p.file == "indicators/figures.csv"}
    assert (1, "unknown-column") in codes and (1, "missing-column") in codes


def test_a_row_with_a_missing_comma_is_reported(curated_copy):
    header, rows, lines = curated_copy.rows(FIGURES)
    rows[0] = rows[0][:-1]
    curated_copy.write(FIGURES, header, rows)
    _, problems = validate(curated_copy.root)
    assert ("indicators/figures.csv", lines[0], 0, "wrong-cell-count") in located(problems)


def test_all_problems_are_listed_not_only_the_first(curated_copy):
    first, _ = curated_copy.set_cell(FIGURES, 0, "unit", "usd_trillion")
    second, _ = curated_copy.set_cell(EVENTS, 0, "kind", "party")
    third, _ = curated_copy.set_cell(SIPRI, 0, "is_derived", "maybe")
    _, problems = validate(curated_copy.root)
    files = {(p.file, p.line) for p in problems}
    assert {
        ("indicators/figures.csv", first),
        ("indicators/events.csv", second),
        (f"indicators/{SIPRI}", third),
    } <= files


def test_load_dataset_refuses_invalid_data_whole(curated_copy):
    curated_copy.set_cell(FIGURES, 0, "unit", "usd_trillion")
    with pytest.raises(DataValidationError) as raised:
        load_dataset(curated_copy.root)
    assert "[unknown-value]" in str(raised.value)
    assert raised.value.problems and all(p.file.startswith("indicators/") for p in raised.value.problems)


def test_a_missing_file_is_reported(curated_copy):
    (curated_copy.root / EVENTS).unlink()
    _, problems = validate(curated_copy.root)
    assert ("indicators/events.csv", 0, 0, "missing-file") in located(problems)
