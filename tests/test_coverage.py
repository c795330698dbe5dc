"""Coverage: every number-like token in the reports is curated, excluded by a rule, or excluded by
a row with a reason; the tokenizer, each rule, the classification, the command and the summary."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil

import pandas as pd
import pytest
from conftest import INDICATORS, ROOT, make_tiny_dataset

from loaders import load_dataset, validate
from loaders.__main__ import main
from loaders.coverage import RULE_DESCRIPTIONS, scan_report
from loaders.coverage_report import compute_summary, summary_csv_text
from loaders.exclusion_rules import RULES, Place
from loaders.layout import essay_of_line, locate_essays
from loaders.numbers import find_tokens, find_url_spans
from loaders.package import build_frame, read_descriptor

# --- the tokenizer ---------------------------------------------------------------------------

TOKENS = [
    # text, the token, its kind, the values it can stand for (first few), the high end
    ("three", "three", "cardinal", (3,), ()),
    ("twenty-five", "twenty-five", "cardinal", (25,), ()),
    ("a dozen", "a dozen", "cardinal", (12,), ()),
    ("several dozen countries", "several dozen", "vague", (), ()),
    ("two and a half years", "two and a half", "cardinal", (2.5,), ()),
    ("a couple of decades", "a couple of decades", "duration", (2, 20), ()),
    ("almost three decades", "three decades", "duration", (3, 30), ()),
    ("about a decade ago", "decade", "duration", (10,), ()),
    ("the second most important", "second", "ordinal", (2,), ()),
    ("the 19th Party Congress", "19th", "ordinal", (19,), ()),
    ("the seventy-ninth report", "seventy-ninth", "ordinal", (79,), ()),
    ("the world's second-largest economy", "second-largest", "rank", (2,), ()),
    ("World's Second Biggest Economy", "Second Biggest", "rank", (2,), ()),
    ("the biggest neighbor", "biggest", "rank", (1,), ()),
    ("has tripled", "tripled", "multiple", (3,), ()),
    ("twice as large", "twice", "multiple", (2,), ()),
    ("is threefold", "threefold", "multiple", (3,), ()),
    ("half of it", "half", "fraction", (0.5, 50), ()),
    ("around 15% of trade", "15%", "percent", (15,), ()),
    ("40%–45% of exports", "40%–45%", "percent-range", (40,), (45,)),
    ("one percentage point", "one", "cardinal", (1,), ()),
    ("\\$86.9 billion", "\\$86.9 billion", "money", (86.9, 86.9e9), ()),
    ("\\$1.2 trillion", "\\$1.2 trillion", "money", (1.2, 1.2e12), ()),
    ("\\$40–50 billion", "\\$40–50 billion", "money-range", (40, 40e9), (50, 50e9)),
    ("more than 3,600 officers", "3,600", "number", (3600,), ()),
    ('Trade," no.1, 2018', "1", "number", (1,), ()),
    ("spanned 2016–18", "2016–18", "number-range", (2016,), (2018,)),
    ("in 2008–9", "2008–9", "number-range", (2008,), (2009,)),
    ("the late 1990s", "1990s", "decade-of-years", (1990, 1991, 1992), ()),
    ("the sentence.²⁶", "²⁶", "marker", (26,), ()),
    ("World War II", "II", "roman", (2,), ()),
    ("Su-27SK fighters", "27SK", "code", (), ()),
]


@pytest.mark.parametrize(("text", "token", "kind", "values", "high"), TOKENS, ids=[t[0] for t in TOKENS])
def test_tokenizer_finds_and_parses(text, token, kind, values, high):
    found = [t for t in find_tokens(text) if t.text == token]
    assert len(found) == 1, [t.text for t in find_tokens(text)]
    assert found[0].kind == kind
    assert found[0].values[: len(values)] == pytest.approx(values)
    assert found[0].high == pytest.approx(high)


def test_tokenizer_leaves_words_that_only_contain_numbers_alone():
    assert find_tokens("someone often anyone bones Tone") == []


def test_tokens_inside_a_web_address_are_its_digit_runs():
    text = "see <https://ria.ru/economy/20160905/1476106027.html> now"
    assert [t.text for t in find_tokens(text) if t.in_url] == ["20160905", "1476106027"]
    assert find_url_spans(text) == [(5, text.index(">"))]


# --- each rule: one case it excludes, one it must leave alone ---------------------------------


def place_of(line: str, token: str, *, is_footnote: bool = False, titles=frozenset()) -> Place:
    """The rules' view of the first token `token` in `line`, built as the scan builds it."""
    match = next(t for t in find_tokens(line) if t.text == token)
    url = next(((s, e) for s, e in find_url_spans(line) if s <= match.start and match.end <= e), None)
    return Place(
        line,
        match.start,
        match.end,
        match,
        is_footnote=is_footnote,
        url=line[url[0] : url[1]] if url else "",
        url_offset=match.start - url[0] if url else 0,
        essay_titles=titles,
    )


FN = {"is_footnote": True}
RULE_CASES = [
    # rule id, line, token, place options, excluded?
    ("footnote-marker", "grew fast in 2017.²⁶", "²⁶", {}, True),
    ("footnote-marker", "grew 26% in 2017.", "26%", {}, False),
    (
        "citation-date",
        '¹ Andreev, "Turn to the East," RIA Novosti, May 21, 2014, <https://ria.ru/x>.',
        "2014",
        FN,
        True,
    ),
    (
        "citation-date",
        "¹¹ The agreement was eventually signed in May 2018. Eurasian Economic Commission.",
        "2018",
        FN,
        False,
    ),
    (
        "citation-date",
        "¹⁵ Putin, in an interview with China's Xinhua on June 17, 2016, he raised the issue.",
        "2016",
        FN,
        False,
    ),
    ("page-number", '⁴ Sutter, "China-Russia Relations," 3.', "3", FN, True),
    ("page-number", "⁸ In 2015, the trade volume decreased more than 28%.", "28%", FN, False),
    ("volume-or-issue", "² Tao Wenzhao, *Shijie jingji yu zhengzhi*, no. 10 (2018): 77–104.", "10", FN, True),
    ("volume-or-issue", "² It fell by 10 points in 2018.", "10", FN, False),
    ("volume-or-issue", '²¹ MOFCOM, "Country Report of China\'s Trade," no.1, 2018.', "1", FN, True),
    ("report-series-number", "NBR SPECIAL REPORT #79 | MAY 2019", "79", {}, True),
    ("report-series-number", "The report lists 79 projects.", "79", {}, False),
    ("masthead-date", "NBR SPECIAL REPORT #79 | MAY 2019", "2019", {}, True),
    ("masthead-date", "Trade rose in May 2019.", "2019", {}, False),
    ("url-date", "⁵ <https://ria.ru/columns/20140521/1008730350.html>.", "20140521", FN, True),
    ("url-date", "⁵ <https://ria.ru/columns/20140521/1008730350.html>.", "1008730350", FN, False),
    ("url-identifier", "⁵ <https://ria.ru/columns/20140521/1008730350.html>.", "1008730350", FN, True),
    (
        "url-identifier",
        "²⁶ http://www.vpk.name/news/27293_za_poslednie_vosem_let_sostavil_16_mlrd_rosoboronexport.html.",
        "16",
        FN,
        False,
    ),
    ("identifier-code", "production of Su-27SK fighters", "27SK", {}, True),
    ("identifier-code", "production of 27 fighters", "27", {}, False),
    ("designation", "two regiments of S-400 systems", "400", {}, True),
    ("designation", "two regiments of 400 systems", "400", {}, False),
    ("roman-numeral-in-name", "the aftermath of World War II, relations", "II", {}, True),
    ("roman-numeral-in-name", "William J. Lynn, III", "III", {}, True),
    ("roman-numeral-in-name", "Phase II began", "II", {}, False),
    ("century-name", "the first decade of the 21st century.", "21st", {}, True),
    ("century-name", "the 21st meeting of the commission", "21st", {}, False),
    ("ordinal-in-name", "following the 19th Party Congress in 2017", "19th", {}, True),
    (
        "ordinal-in-name",
        '"China Overtakes Japan as World\'s Second Biggest Economy"',
        "Second Biggest",
        {},
        False,
    ),
    ("period-name", "a decline in the first decade of the 2000s", "first", {}, True),
    ("period-name", "the first visit by a prime minister", "first", {}, False),
    ("first-occurrence", "docked with a Russian submarine for the first time.", "first", {}, True),
    ("first-occurrence", "the first time zone east of Moscow", "first", {}, False),
    ("first-as-adverb", "the concept was first proposed by Putin", "first", {}, True),
    ("first-as-adverb", "its first overseas military base", "first", {}, False),
    (
        "contents-page-number",
        "- 23 Present and Future",
        "23",
        {"titles": frozenset({"Present and Future"})},
        True,
    ),
    (
        "contents-page-number",
        "- 23 countries joined",
        "23",
        {"titles": frozenset({"Present and Future"})},
        False,
    ),
    ("copyright-year", "© 2019 by The National Bureau of Asian Research.", "2019", {}, True),
    ("copyright-year", "In 2019 the bureau moved.", "2019", {}, False),
    ("postal-address", "1414 NE 42nd Street, Suite 300", "300", {}, True),
    (
        "postal-address",
        "More than 300 suites were rented on the street in 2018 by Chinese firms.",
        "300",
        {},
        False,
    ),
    ("era-year", '"Heisei 30-nendo Nihon no bouei"', "30", {}, True),
    ("era-year", "about 30 years later", "30", {}, False),
    ("phone-number", "PHONE 206-632-7370, FAX 206-632-7487", "206-632-7370", {}, True),
    ("phone-number", "from 206 to 632 units", "206", {}, False),
    ("named-parties", "relations between the two countries improved", "two", {}, True),
    ("named-parties", "two countries joined the pact", "two", {}, False),
    ("one-as-pronoun", "it is one of the main pillars", "one", {}, True),
    ("one-as-pronoun", "one regiment (24 planes) of fighters", "one", {}, False),
    ("enumeration-opener", "Two goals. First, Japan has worked hard.", "First", {}, True),
    ("enumeration-opener", "the first visit in seven years", "first", {}, False),
    ("listed-ordinal", "It grew. A second challenge is the gap.", "second", {}, True),
    ("listed-ordinal", "teaming up with a third party", "third", {}, False),
    ("document-part", "The first section surveys key developments", "first", {}, True),
    ("document-part", "the first step was negotiating", "first", {}, False),
]


@pytest.mark.parametrize(
    ("rule_id", "line", "token", "options", "excluded"),
    RULE_CASES,
    ids=[f"{c[0]}-{'excludes' if c[4] else 'leaves'}-{c[2]}" for c in RULE_CASES],
)
def test_each_rule_excludes_what_it_should_and_no_more(rule_id, line, token, options, excluded):
    rule = next(r for r in RULES if r.id == rule_id)
    assert rule.matches(place_of(line, token, **options)) is excluded


def test_every_rule_has_a_case_it_excludes_and_one_it_leaves_alone():
    for polarity in (True, False):
        covered = {case[0] for case in RULE_CASES if case[4] is polarity}
        assert covered == set(RULE_DESCRIPTIONS), set(RULE_DESCRIPTIONS) ^ covered


def test_rule_descriptions_are_importable_with_stable_ids_and_one_line_each():
    assert list(RULE_DESCRIPTIONS) == [r.id for r in RULES]
    for rule_id, description in RULE_DESCRIPTIONS.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id)
        assert "\n" not in description and 20 < len(description) < 110, rule_id


# --- classification on a tiny report ----------------------------------------------------------

TINY_REPORT = "tiny.txt"
TRIPLED = (
    "Russia's defense budget has increased considerably in the last three decades and tripled in ten years.¹"
)
TINY_TEXT = f"""Front matter © 2019

Tiny Essay

{TRIPLED} Several dozen firms sell arms.

¹ Ministry, "Budget," May 2, 2018.
"""
PROVENANCE = {"report": TINY_REPORT, "essay": "tiny-2019", "cited_source": "Ministry, Budget", "footnote": 1}


def tiny_dataset(figures=(), exclusions=()):
    sources = [
        {"source_id": "tiny", "kind": "report", "report": TINY_REPORT, "citation": "Tiny"},
        {
            "source_id": "tiny-2019",
            "kind": "essay",
            "report": TINY_REPORT,
            "essay": "tiny-2019",
            "citation": "Tiny essay",
            "title": "Tiny Essay",
            "starts_at": "Tiny Essay",
        },
    ]
    dataset = make_tiny_dataset(figures=figures, sources=sources)
    fields = next(r for r in read_descriptor(INDICATORS)["resources"] if r["name"] == "exclusions")["schema"][
        "fields"
    ]
    records = [{f["name"]: row.get(f["name"]) for f in fields} for row in exclusions]
    return dataclasses.replace(dataset, exclusions=build_frame(records, fields))


def figure(figure_id, value, unit, **extra):
    row = {
        "figure_id": figure_id,
        "value": value,
        "unit": unit,
        "quote": TRIPLED,
        "period_start": "2008",
        "period_end": "2018",
        **PROVENANCE,
    }
    return {**row, **extra}


def classified(dataset) -> dict[str, tuple[str, str]]:
    findings, problems, _ = scan_report(TINY_REPORT, TINY_TEXT, dataset)
    return {f.token.text: (f.status, f.by, f.essay) for f in findings}, problems


def test_a_quoted_token_is_curated_only_where_a_row_represents_it():
    status, _ = classified(tiny_dataset(figures=[figure("budget-tripled", 3, "multiple")]))
    assert status["tripled"] == ("curated", "budget-tripled", "tiny-2019")
    # "three decades" shares the 3 of "tripled", but a duration needs a figure in years.
    assert status["three decades"][0] == "unaccounted"
    assert status["ten"][0] == "unaccounted"


def test_a_figure_in_years_represents_the_duration_in_either_unit():
    rows = [figure("budget-tripled", 3, "multiple"), figure("budget-span", 30, "years")]
    status, _ = classified(tiny_dataset(figures=rows))
    assert status["three decades"] == ("curated", "budget-span", "tiny-2019")


def test_rules_and_rows_account_for_the_rest_and_front_matter_counts_under_the_report():
    exclusion = {
        "exclusion_id": "tiny-several-dozen",
        "report": TINY_REPORT,
        "essay": "tiny-2019",
        "quote": "Several dozen firms sell arms.",
        "token": "Several dozen",
        "reason": "vague: several dozen firms",
    }
    status, problems = classified(tiny_dataset(exclusions=[exclusion]))
    assert status["Several dozen"] == ("excluded_by_row", "tiny-several-dozen", "tiny-2019")
    assert status["¹"][:2] == ("excluded_by_rule", "footnote-marker")
    assert status["2018"][:2] == ("excluded_by_rule", "citation-date")
    assert status["2019"] == ("excluded_by_rule", "copyright-year", "")
    assert problems == []


def test_an_exclusion_that_excludes_nothing_is_a_problem():
    stale = {
        "exclusion_id": "tiny-stale",
        "report": TINY_REPORT,
        "essay": "tiny-2019",
        "quote": '¹ Ministry, "Budget," May 2, 2018.',
        "token": "2018",
        "reason": "not a figure: already a rule",
    }
    _, problems = classified(tiny_dataset(exclusions=[stale]))
    assert len(problems) == 1 and "tiny-stale excludes nothing" in problems[0]


def test_essays_are_located_from_their_start_and_end_lines():
    text = "Front\nFirst Essay\nbody\nSecond Essay\nbody\nBack matter\nend\n"
    spans, problems = locate_essays(text, [("b", "Second Essay", "Back matter"), ("a", "First Essay", None)])
    assert problems == []
    assert [essay_of_line(spans, n) for n in range(1, 8)] == [None, "a", "a", "b", "b", None, None]
    _, problems = locate_essays(text, [("c", "body", None), ("d", "Missing", None)])
    assert len(problems) == 2


# --- the command ------------------------------------------------------------------------------

FINDING_LINE = re.compile(
    r'^(?P<report>\S+\.txt):(?P<line>\d+):(?P<column>\d+): \[unaccounted\] "(?P<context>.+)"$'
)


def test_coverage_of_the_real_reports_leaves_nothing_unaccounted(reports_dir, capsys):
    assert main(["--reports", str(reports_dir), "coverage"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "report",
        "essay",
        "numbers",
        "curated",
        "by",
        "rule",
        "by",
        "row",
        "unaccounted",
    ]
    assert "every number is curated or excluded" in out
    assert not [line for line in out.splitlines() if FINDING_LINE.match(line)]


def test_coverage_names_each_unaccounted_token_and_exits_1(curated_copy, reports_dir, capsys):
    header, rows, _ = curated_copy.rows("exclusions.csv")
    removed = next(r for r in rows if r[header.index("exclusion_id")] == "kashin-brf-several-dozen-countries")
    curated_copy.write("exclusions.csv", header, [r for r in rows if r is not removed])
    assert main(["coverage", "--indicators", str(curated_copy.root), "--reports", str(reports_dir)]) == 1
    found = [FINDING_LINE.match(line) for line in capsys.readouterr().out.splitlines()]
    found = [m for m in found if m]
    assert len(found) == 1
    text = (
        (reports_dir / found[0]["report"]).read_text(encoding="utf-8").splitlines()[int(found[0]["line"]) - 1]
    )
    assert text[int(found[0]["column"]) - 1 :].startswith("several dozen")
    assert "several dozen countries" in found[0]["context"]


def test_coverage_json_lists_the_summary_and_findings(reports_dir, capsys):
    assert main(["coverage", "--reports", str(reports_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unaccounted"] == [] and report["problems"] == []
    assert {row["essay"] for row in report["summary"]} >= {"kashin-2019", "ma-zhang-2019", "tatsumi-2019", ""}


def test_coverage_without_the_reports_folder_exits_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["coverage", "--reports", str(tmp_path / "missing")])
    assert stopped.value.code == 2
    assert "does not exist" in capsys.readouterr().err


def test_coverage_write_replaces_both_summary_files(curated_copy, reports_dir, capsys):
    (curated_copy.root / "coverage.csv").write_text(
        "report,essay,tokens,curated,excluded_by_rule,excluded_by_row,unaccounted\n"
    )
    assert (
        main(["--indicators", str(curated_copy.root), "--reports", str(reports_dir), "coverage", "--write"])
        == 0
    )
    assert "wrote coverage.csv and coverage_rules.csv" in capsys.readouterr().out
    for name in ("coverage.csv", "coverage_rules.csv"):
        assert (curated_copy.root / name).read_text() == (INDICATORS / name).read_text(), name


# --- the committed summary ---------------------------------------------------------------------


def test_the_committed_coverage_summary_is_not_stale(reports_dir):
    coverage, summary, rules = compute_summary(load_dataset(), reports_dir)
    hint = "run: .venv/bin/python -m loaders --reports ../shared/reports coverage --write"
    assert (INDICATORS / "coverage.csv").read_text(encoding="utf-8") == summary_csv_text(summary), hint
    assert (INDICATORS / "coverage_rules.csv").read_text(encoding="utf-8") == summary_csv_text(rules), hint
    assert summary["tokens"].sum() == len(coverage.findings) > 1000
    assert summary["unaccounted"].sum() == 0


def test_the_summary_loads_with_the_dataset_for_the_dashboard():
    dataset = load_dataset()
    assert list(dataset.coverage.columns) == [
        "report",
        "essay",
        "tokens",
        "curated",
        "excluded_by_rule",
        "excluded_by_row",
        "unaccounted",
    ]
    counts = dataset.coverage[["curated", "excluded_by_rule", "excluded_by_row", "unaccounted"]].sum(axis=1)
    assert (counts == dataset.coverage["tokens"]).all()
    assert set(dataset.coverage_rules["rule"]) <= set(RULE_DESCRIPTIONS)
    by_rule = dataset.coverage_rules.groupby(["report", "essay"], dropna=False)["tokens"].sum()
    merged = dataset.coverage.set_index(["report", "essay"])["excluded_by_rule"]
    assert by_rule.reindex(merged.index, fill_value=0).tolist() == merged.tolist()


def test_every_exclusion_gives_a_reason_with_its_kind():
    reasons = load_dataset().exclusions["reason"]
    kinds = (
        "vague:",
        "not a figure",
        "not a dated event",
        "restates ",
        "dated by ",
        "the span of ",
        "out of scope:",
    )
    assert reasons.map(lambda r: r.startswith(kinds)).all(), reasons[
        ~reasons.map(lambda r: r.startswith(kinds))
    ].tolist()


# --- validation of the essay markers ------------------------------------------------------------


def test_an_essay_start_that_is_not_in_the_report_is_caught(curated_copy, reports_dir):
    line, column = curated_copy.set_cell("sources.csv", 2, "starts_at", "Russia-China Cooperation: A Typo")
    _, problems = validate(curated_copy.root, reports_dir)
    assert ("indicators/sources.csv", line, column, "essay-start-not-found") in {
        (p.file, p.line, p.column, p.code) for p in problems
    }


def test_an_essay_without_a_start_is_caught(curated_copy):
    line, column = curated_copy.set_cell("sources.csv", 2, "starts_at", "")
    _, problems = validate(curated_copy.root)
    assert ("indicators/sources.csv", line, column, "essay-without-start") in {
        (p.file, p.line, p.column, p.code) for p in problems
    }


def test_the_cli_help_documents_coverage():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "loaders", "coverage", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0 and "--write" in result.stdout and "--json" in result.stdout


def test_a_reports_folder_copy_without_one_text_reports_it(curated_copy, reports_dir, tmp_path):
    partial = tmp_path / "reports"
    partial.mkdir()
    shutil.copy(reports_dir / "004_f8fd155b359ebfed.txt", partial)
    _, problems = validate(curated_copy.root, partial)
    assert "report-not-found" in {p.code for p in problems}


def test_summary_frames_read_back_as_written():
    frame = pd.read_csv(io.StringIO((INDICATORS / "coverage.csv").read_text()), keep_default_na=False)
    assert set(frame["essay"]) >= {"", "kashin-2019"}


def test_coverage_tables_name_each_essay_and_rule_for_a_page():
    from loaders.coverage_report import OUTSIDE_ESSAYS, coverage_tables

    tables = coverage_tables(load_dataset())
    kashin = tables.summary.set_index("essay_name").loc["Kashin (2019)"]
    assert kashin["report_name"] == "NBR Special Report #79" and kashin["tokens"] > 500
    assert OUTSIDE_ESSAYS in set(tables.summary["essay_name"])
    assert tables.rules["description"].notna().all()
    marker = tables.rules[
        (tables.rules["essay"] == "kashin-2019") & (tables.rules["rule"] == "footnote-marker")
    ]
    assert marker["description"].iloc[0] == RULE_DESCRIPTIONS["footnote-marker"]
    several = tables.exclusions.set_index("exclusion_id").loc["kashin-brf-several-dozen-countries"]
    assert several["essay_name"] == "Kashin (2019)" and several["reason"].startswith("vague:")


def test_every_digit_and_number_word_of_the_reports_stands_in_a_token(reports_dir):
    from loaders.numbers import ORDINAL_TENS, ORDINAL_UNITS, SCALES, SUPERSCRIPTS, TENS, UNITS

    words = [*UNITS, *TENS, *ORDINAL_UNITS[1:], *ORDINAL_TENS, *SCALES, "dozen", "half", "decade", "largest"]
    pattern = re.compile(rf"[0-9{SUPERSCRIPTS}]|\b(?:{'|'.join(words)})\b", re.IGNORECASE)
    for path in sorted(reports_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        inside = bytearray(len(text))
        for token in find_tokens(text):
            inside[token.start : token.end] = b"\x01" * (token.end - token.start)
        missed = [
            text[m.start() - 20 : m.end() + 10] for m in pattern.finditer(text) if not inside[m.start()]
        ]
        assert missed == [], path.name
