"""Shareable state: the URL query parses to options, bad parts fall back with a note."""

from __future__ import annotations

import pytest

from app.options import ChartOptions
from app.state import Vocabulary, build_query, parse_query, parse_years

VOCAB = Vocabulary(
    categories=("arms", "trade"),
    essays=("kashin-2019", "tatsumi-2019"),
    subjects=("Russia ↔ China",),
    year_bounds=(1689, 2039),
    row_ids=frozenset({"kashin-trade-total-2017"}),
    slider_bounds=(1985, 2025),
)


def test_empty_query_gives_the_defaults_without_a_note():
    state = parse_query("", VOCAB)
    assert state.options == ChartOptions() and state.notes == ()


def test_query_restores_filters_selection_and_context():
    search = (
        "?category=trade&essay=kashin-2019&subject=Russia+%E2%86%94+China&years=2010-2018&context=0"
        "&select=kashin-trade-total-2017"
    )
    options = parse_query(search, VOCAB).options
    assert options == ChartOptions(
        categories=("trade",),
        essays=("kashin-2019",),
        subjects=("Russia ↔ China",),
        year_range=(2010, 2018),
        selected_ids=("kashin-trade-total-2017",),
        show_context=False,
    )


@pytest.mark.parametrize(
    "search, fragment",
    [
        ("?category=weapons", "unknown category 'weapons'"),
        ("?essay=nobody-2020", "unknown essay 'nobody-2020'"),
        ("?select=gone-figure", "unknown figure 'gone-figure'"),
        ("?years=twenty", "Ignored period 'twenty'"),
        ("?years=1500-1600", "Ignored period '1500-1600'"),
        ("?context=maybe", "Ignored context='maybe'"),
        ("?zoom=3", "unknown setting 'zoom'"),
    ],
)
def test_bad_or_stale_parameters_fall_back_to_defaults_with_a_note(search, fragment):
    state = parse_query(search, VOCAB)
    assert state.options == ChartOptions()
    assert any(fragment in note for note in state.notes)


def test_good_parts_survive_beside_bad_ones():
    state = parse_query("?category=trade&category=weapons&years=abc", VOCAB)
    assert state.options.categories == ("trade",) and len(state.notes) == 2


def test_garbage_never_raises():
    for search in ("?%%%", "?&&&=", "?years=-", "?years=2010-2000-1990", "?select=", None):
        assert isinstance(parse_query(search, VOCAB).options, ChartOptions)


def test_years_are_ordered_and_clipped_to_the_data():
    assert parse_years("2018-2010", (1990, 2030)) == (2010, 2018)
    assert parse_years("1900-2000", (1990, 2030)) == (1990, 2000)
    assert parse_years("2017", (1990, 2030)) == (2017, 2017)


def test_build_query_round_trips():
    options = ChartOptions(
        categories=("arms", "trade"),
        essays=("tatsumi-2019",),
        year_range=(2000, 2010),
        selected_ids=("kashin-trade-total-2017",),
        show_context=False,
    )
    assert parse_query("?" + build_query(options), VOCAB).options == options
    assert build_query(ChartOptions()) == ""
