"""The view: one parser for the dashboard's URL and controls, the routes and the command line."""

from __future__ import annotations

import pytest

from app.charts import CHARTS, _members, chart_rows
from app.view import View, Vocabulary, describe_filters, parse_query, parse_years, view_query, view_slug

VOCAB = Vocabulary(
    categories=("arms", "trade"),
    essays=("kashin-2019", "tatsumi-2019"),
    subjects=("Russia ↔ China",),
    year_bounds=(1689, 2039),
    row_ids=frozenset({"kashin-trade-total-2017"}),
    slider_bounds=(1985, 2025),
)


def codes(search: str) -> list[str]:
    return [p.code for p in parse_query(search, VOCAB).problems]


def test_empty_query_gives_the_defaults_without_a_problem():
    parsed = parse_query("", VOCAB)
    assert parsed.view == View() and parsed.problems == ()


def test_query_restores_filters_selection_and_context():
    search = (
        "?category=trade&essay=kashin-2019&subject=Russia+%E2%86%94+China&years=2010-2018&context=0"
        "&select=kashin-trade-total-2017"
    )
    assert parse_query(search, VOCAB).view == View(
        categories=("trade",),
        essays=("kashin-2019",),
        subjects=("Russia ↔ China",),
        year_range=(2010, 2018),
        selected_ids=("kashin-trade-total-2017",),
        show_context=False,
    )


@pytest.mark.parametrize(
    "search, code, fragment",
    [
        ("?category=weapons", "unknown-category", "unknown category 'weapons'"),
        ("?essay=nobody-2020", "unknown-essay", "unknown essay 'nobody-2020'"),
        ("?subject=Mars", "unknown-subject", "unknown subject 'Mars'"),
        ("?select=gone-figure", "unknown-figure", "unknown figure 'gone-figure'"),
        ("?years=twenty", "bad-years", "period 'twenty'"),
        ("?years=1500-1600", "bad-years", "period '1500-1600'"),
        ("?context=maybe", "bad-context", "context='maybe'"),
        ("?zoom=3", "unknown-setting", "unknown setting 'zoom'"),
    ],
)
def test_each_bad_part_is_left_out_with_a_coded_problem(search, code, fragment):
    parsed = parse_query(search, VOCAB)
    assert parsed.view == View()
    assert [p.code for p in parsed.problems] == [code]
    assert fragment in parsed.problems[0].message


def test_good_parts_survive_beside_bad_ones():
    parsed = parse_query("?category=trade&category=weapons&years=abc", VOCAB)
    assert parsed.view.categories == ("trade",)
    assert [p.code for p in parsed.problems] == ["unknown-category", "bad-years"]


def test_a_flood_of_values_is_refused_whole():
    assert codes("?" + "&".join(f"category=c{n}" for n in range(300))) == ["too-many-values"]
    assert codes("?category=" + "x" * 500) == ["too-many-values"]


def test_garbage_never_raises():
    for search in ("?%%%", "?&&&=", "?years=-", "?years=2010-2000-1990", "?select=", None, "?" + "&" * 5000):
        assert isinstance(parse_query(search, VOCAB).view, View)


def test_years_are_ordered_clipped_and_a_single_year_is_a_range():
    assert parse_years("2018-2010", (1990, 2030)) == (2010, 2018)
    assert parse_years("1900-2000", (1990, 2030)) == (1990, 2000)
    assert parse_years("2017", (1990, 2030)) == (2017, 2017)
    assert parse_query("?years=1689-2039", VOCAB).view.year_range is None  # the whole span is no filter


@pytest.mark.parametrize(
    "word, shown", [("0", False), ("no", False), ("off", False), ("1", True), ("yes", True)]
)
def test_context_words(word, shown):
    assert parse_query(f"?context={word}", VOCAB).view.show_context is shown


def test_view_query_round_trips():
    view = View(
        categories=("arms", "trade"),
        essays=("tatsumi-2019",),
        year_range=(2000, 2010),
        selected_ids=("kashin-trade-total-2017",),
        show_context=False,
    )
    assert parse_query("?" + view_query(view), VOCAB).view == view
    assert view_query(View()) == ""


def test_slug_and_description_name_only_validated_values():
    view = View(categories=("arms",), year_range=(2010, 2018), show_context=False)
    assert view_slug(view) == "arms_2010-2018_no-context"
    assert view_slug(View()) == ""
    assert describe_filters(view) == "categories arms; years 2010–2018; external context hidden"
    assert (
        describe_filters(View(essays=("kashin-2019",)), {"kashin-2019": "Kashin (2019)"})
        == "essays Kashin (2019)"
    )


def test_a_views_rows_are_those_whose_values_and_years_it_names(catalog):
    """Catalog.select reads arrays made once per table (app/catalog.py); each view's rows must be
    exactly those a row-by-row reading of the filters gives."""
    vocabulary = catalog.vocabulary
    views = [View(), View(show_context=False), View(year_range=(2017, 2017))]
    for number, category in enumerate(vocabulary.categories):
        essay = vocabulary.essays[number % len(vocabulary.essays)]
        subject = vocabulary.subjects[number % len(vocabulary.subjects)]
        views += [
            View(categories=(category,), year_range=(1990 + number, 2010 + number)),
            View(categories=(category, "exercises"), essays=(essay,)),
            View(subjects=(subject,), year_range=(2000, 2019), show_context=False),
            View(categories=tuple(c for c in vocabulary.categories if c != category)),
        ]

    def by_row(table, columns, view, shown=True):
        chosen = {"category": view.categories, "essay": view.essays, "actors": view.subjects}
        low, high = view.year_range or (None, None)
        return tuple(
            position
            for position in range(len(table.frame))
            if shown
            and all(table.columns[c][position] in chosen[c] for c in columns if chosen[c])
            and (
                low is None
                or (
                    (
                        low
                        if table.columns["year_start"][position] is None
                        else table.columns["year_start"][position]
                    )
                    <= high
                    and (
                        high
                        if table.columns["year_end"][position] is None
                        else table.columns["year_end"][position]
                    )
                    >= low
                )
            )
        )

    sizes = set()
    for view in views:
        selection = catalog.select(view)
        exercises_shown = not view.categories or "exercises" in view.categories
        assert selection.figures.positions == by_row(catalog.figures, ("category", "essay", "actors"), view)
        assert selection.exercises.positions == by_row(
            catalog.exercises, ("essay", "actors"), view, exercises_shown
        )
        assert selection.events.positions == by_row(catalog.events, ("category", "essay"), view)
        assert selection.reference.positions == by_row(catalog.reference, (), view, view.show_context)
        sizes.add(len(selection.figures))
        for chart in CHARTS:
            rows = chart_rows(chart, selection)
            assert (rows.own.table, rows.own.positions, rows.reference.positions) == chart_rows_by_row(
                chart, selection
            ), (chart.id, view)
    assert len(sizes) > 5 and max(sizes) == len(catalog.figures.frame)  # the views differ; one is all


def chart_rows_by_row(chart, selection) -> tuple:
    """A chart's part of a selection, read row by row: (its table, its own rows (the figures its
    rules name), its external series' rows in the chart's order, each series' in the table's)."""
    if chart.table == "figures":
        members = _members(selection.catalog)[chart.id]
        row_ids = selection.figures["row_id"]
        own = tuple(
            p for p, row_id in zip(selection.figures.positions, row_ids, strict=True) if row_id in members
        )
    else:
        own = getattr(selection, chart.table).positions
    categories = selection.view.categories
    reference = ()
    if chart.series and (not categories or chart.context_category in categories):
        series = selection.reference["series"]
        reference = tuple(
            p
            for name in chart.series
            for p, its in zip(selection.reference.positions, series, strict=True)
            if its == name
        )
    table = selection.catalog.figures if chart.table == "figures" else getattr(selection, chart.table).table
    return table, own, reference
