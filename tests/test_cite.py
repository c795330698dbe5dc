"""Citing the data: the dataset's version, the README and CITATION.cff in every export, and the
citation formats of app/cite.py (Chicago author-date, APA, BibTeX, CSL-JSON).

Expectations come from the curated CSV rows and from the formats' own rules (written out here),
never from the functions under test."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile

import pytest
import yaml
from conftest import INDICATORS

from loaders import validate
from loaders.export import dataset_citation_cff, export_dataset

ACCESSED = datetime.date(2026, 12, 1)


def curated_rows(name: str) -> list[dict]:
    with (INDICATORS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the dataset's version -----------------------------------------------------------------------


def test_version_is_a_digest_of_the_curated_files_and_a_copy_has_the_same(dataset, curated_copy):
    assert re.fullmatch(r"[0-9a-f]{8}", dataset.version), dataset.version
    copied, problems = validate(curated_copy.root)
    assert problems == [] and copied.version == dataset.version


def test_changing_one_cell_changes_the_version(dataset, curated_copy):
    note = curated_copy.cell("figures.csv", 0, "note")
    curated_copy.set_cell("figures.csv", 0, "note", f"{note} Checked again.".strip())
    changed, problems = validate(curated_copy.root)
    assert problems == [] and changed.version != dataset.version


def test_line_endings_do_not_change_the_version(dataset, curated_copy):
    path = curated_copy.root / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    same, problems = validate(curated_copy.root)
    assert problems == [] and same.version == dataset.version


def test_a_declared_version_leads_the_digest(dataset, curated_copy):
    path = curated_copy.root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = "2.1"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    declared, problems = validate(curated_copy.root)
    assert problems == [] and re.fullmatch(r"2\.1\+[0-9a-f]{8}", declared.version), declared.version


# --- README and CITATION.cff in the export --------------------------------------------------------

# Citation File Format 1.2.0: the keys a file may have at the top and the ones it must have.
CFF_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
    "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
    "repository-artifact", "repository-code", "title", "type", "url", "version",
}  # fmt: skip
CFF_REQUIRED = {"authors", "cff-version", "message", "title"}
CFF_REFERENCE_REQUIRED = {"authors", "title", "type"}


def test_citation_cff_is_valid_cff_with_the_version_and_every_report(dataset):
    cff = yaml.safe_load(dataset_citation_cff(dataset))
    assert CFF_REQUIRED <= set(cff) <= CFF_KEYS
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == dataset.version and cff["license"] == "CC-BY-4.0"
    assert all(set(author) == {"name"} and author["name"] for author in cff["authors"])
    reports = [row for row in curated_rows("sources.csv") if row["kind"] == "report"]
    assert [ref["title"] for ref in cff["references"]] == [row["title"] for row in reports]
    for ref, row in zip(cff["references"], reports, strict=True):
        assert CFF_REFERENCE_REQUIRED <= set(ref) and ref["type"] == "report"
        names = [name.strip() for name in row["authors"].split(";") if name.strip()] or ["anonymous"]
        assert [author["name"] for author in ref["authors"]] == names
        assert ref["year"] == int(row["year"]) and ref["notes"] == row["citation"]


def test_repository_citation_cff_agrees_with_the_export(dataset):
    committed = yaml.safe_load((INDICATORS.parent / "CITATION.cff").read_text(encoding="utf-8"))
    exported = yaml.safe_load(dataset_citation_cff(dataset))
    assert CFF_REQUIRED <= set(committed) <= CFF_KEYS
    for key in ("cff-version", "type", "title", "authors", "license"):
        assert committed[key] == exported[key], key
    assert "version" not in committed, (
        "the data's version changes with the tables: /about and the zip give it"
    )
    assert [r["title"] for r in committed["references"]] == [r["title"] for r in exported["references"]]


def test_export_writes_readme_and_citation_naming_version_licence_and_reports(dataset, tmp_path):
    written = {path.name: path for path in export_dataset(dataset, tmp_path, exported=ACCESSED)}
    readme = written["README.md"].read_text(encoding="utf-8")
    assert dataset.version in readme and "CC-BY-4.0" in readme and "2026-12-01" in readme
    for row in curated_rows("sources.csv"):
        if row["kind"] in ("report", "essay"):
            assert row["citation"] in readme, row["source_id"]
    for name in ("figures.csv", "sources.csv", "reference_values.csv", "CITATION.cff"):
        assert name in readme or name in written
    assert yaml.safe_load(written["CITATION.cff"].read_text(encoding="utf-8"))["version"] == dataset.version
    described = json.loads(written["datapackage.json"].read_text(encoding="utf-8"))
    assert described["version"] == dataset.version


def zip_texts(client) -> dict[str, str]:
    response = client.get("/download/all-data.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {
        name.rsplit("/", 1)[-1]: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if not name.endswith(".parquet")
    }


def test_data_zip_carries_readme_and_citation(client, dataset):
    texts = zip_texts(client)
    assert {"README.md", "CITATION.cff", "datapackage.json", "figures.csv"} <= set(texts)
    assert f'version: "{dataset.version}"' in texts["CITATION.cff"]
    assert dataset.version in texts["README.md"]


def test_no_exported_text_holds_a_markdown_escape_and_quotes_read_as_printed(client):
    texts = zip_texts(client)
    assert [name for name, text in texts.items() if "\\$" in text] == []
    exported = {row["figure_id"]: row for row in csv.DictReader(io.StringIO(texts["figures.csv"]))}
    for row in curated_rows("figures.csv"):
        assert exported[row["figure_id"]]["quote"] == row["quote"].replace("\\$", "$")
        assert float(exported[row["figure_id"]]["value"]) == float(row["value"])


# --- citation formats ----------------------------------------------------------------------------

PERMALINK = "https://sri.example/figure/"
SOURCES = curated_rows("sources.csv")
ESSAYS = {row["source_id"]: row for row in SOURCES if row["kind"] == "essay"}
REPORTS = {row["report"]: row for row in SOURCES if row["kind"] == "report"}
CURATED = {
    **{row["figure_id"]: row for row in curated_rows("figures.csv")},
    **{row["exercise_id"]: row for row in curated_rows("exercises.csv")},
    **{row["event_id"]: row for row in curated_rows("events.csv")},
}


@pytest.fixture(scope="module")
def works(dataset):
    from app.cite import works_of

    return works_of(dataset.sources)


def cite(catalog, works, row_id: str, version: str) -> dict[str, str]:
    from app.cite import Access, citations, record_of, work_of

    row = catalog.row(row_id)
    access = Access(PERMALINK + row_id, ACCESSED, version)
    return citations(work_of(row, works), record_of(row), access)


def test_a_figure_in_chicago_and_apa_reads_as_written_out_here(catalog, works, dataset):
    essay, report = ESSAYS["kashin-2019"], REPORTS["004_f8fd155b359ebfed.txt"]
    row = CURATED["kashin-trade-total-2017"]
    texts = cite(catalog, works, "kashin-trade-total-2017", dataset.version)
    figure = f"Figure: $86.9 billion (Bilateral trade volume, {row['subject']}, 2017), note {row['footnote']}"
    assert texts["chicago"] == (
        f"{essay['authors']}. {essay['year']}. “{essay['title']}.” In {report['title']}, "
        f"{report['short_name']}, 1–21. Seattle: The National Bureau of Asian Research. {figure}. "
        f"Recorded in Sino-Russian relations in figures, version {dataset.version}. "
        f"Accessed December 1, 2026. {PERMALINK}kashin-trade-total-2017."
    )
    assert texts["apa"] == (
        f"{essay['authors']}. ({essay['year']}). {essay['title']}. In {report['title']} "
        f"({report['short_name']}, pp. 1–21). The National Bureau of Asian Research. {figure}. "
        f"Recorded in Sino-Russian relations in figures (Version {dataset.version}) [Data set]. "
        f"Retrieved December 1, 2026, from {PERMALINK}kashin-trade-total-2017"
    )


@pytest.mark.parametrize("row_id", sorted(CURATED))
def test_every_rows_citation_names_authors_work_figure_note_dataset_permalink_and_date(
    catalog, works, dataset, row_id
):
    row = CURATED[row_id]
    essay = ESSAYS[row["essay"]]
    names = [name.strip() for name in essay["authors"].split(";") if name.strip()]
    label = catalog.row(row_id)["value_text"]
    for style in ("chicago", "apa"):
        text = cite(catalog, works, row_id, dataset.version)[style]
        assert all(name in text for name in names), style  # as printed: never inverted
        assert essay["title"] in text and label in text and dataset.version in text
        assert "December 1, 2026" in text and f"{PERMALINK}{row_id}" in text
        assert (f"note {row['footnote']}" in text) is bool(row["footnote"])
        assert "\\$" not in text


def test_authors_are_joined_as_each_style_joins_them_and_never_inverted(catalog, works, dataset):
    row_id = next(r for r, row in CURATED.items() if row["essay"] == "ma-zhang-2019")
    texts = cite(catalog, works, row_id, dataset.version)
    assert texts["chicago"].startswith("Ma Bin and Zhang Jian. 2019. “")
    assert texts["apa"].startswith("Ma Bin & Zhang Jian. (2019). ")
    assert "{{Ma Bin} and {Zhang Jian}}" in texts["bibtex"]
    assert json.loads(texts["csl"])[0]["author"] == [{"literal": "Ma Bin"}, {"literal": "Zhang Jian"}]


def test_a_work_without_authors_is_cited_by_its_title(catalog, works, dataset):
    row_id = next(r for r, row in CURATED.items() if row["essay"] == "french-perspective-2014")
    texts = cite(catalog, works, row_id, dataset.version)
    assert texts["chicago"].startswith("“French Perspective.” 2014. In China-Russia Partnership")
    assert texts["apa"].startswith("French Perspective. (2014). In China-Russia Partnership")


def test_an_external_value_is_cited_from_its_publisher_as_external_data(catalog, works, dataset):
    series = {row["series"]: row for row in curated_rows("reference_series.csv")}["sipri_tiv_russia_to_china"]
    value = next(row for row in curated_rows(series["file"]) if row["series"] == series["series"])
    texts = cite(catalog, works, f"ext:{value['series']}:{value['year']}", dataset.version)
    for style in ("chicago", "apa"):
        assert (
            texts[style].startswith(series["publisher"])
            and "External data, not from the reports" in texts[style]
        )
        assert value["source_url"] in texts[style] and series["title"] in texts[style]


# BibTeX, read by a small parser written here: entries, keys, and fields whose values are braced
# (braces balanced, as BibTeX counts them) or bare macros such as "may".
ENTRY_HEAD = re.compile(r"\s*@(?P<kind>[a-z]+)\{(?P<key>[^,\s{}\"#%'()=]+),")
FIELD = re.compile(r"\s*(?P<name>[a-z]+)\s*=\s*")


def read_braced(text: str, at: int) -> tuple[str, int]:
    depth = 0
    for position in range(at, len(text)):
        depth += {"{": 1, "}": -1}.get(text[position], 0)
        if depth == 0:
            return text[at + 1 : position], position + 1
    raise AssertionError(f"unbalanced braces from {text[at : at + 40]!r}")


def parse_bibtex(text: str) -> list[tuple[str, str, dict]]:
    entries, at = [], 0
    while text[at:].strip():
        head = ENTRY_HEAD.match(text, at)
        assert head, f"no entry at {text[at : at + 40]!r}"
        at, fields = head.end(), {}
        while True:
            at += len(text[at:]) - len(text[at:].lstrip())
            if text[at] == "}":
                at += 1
                break
            field = FIELD.match(text, at)
            assert field, f"no field at {text[at : at + 40]!r}"
            at = field.end()
            if text[at] == "{":
                value, at = read_braced(text, at)
            else:
                value = re.match(r"[a-z]+|\d+", text[at:]).group()
                at += len(value)
            assert field["name"] not in fields, field["name"]
            fields[field["name"]] = value
            at += len(text[at:]) - len(text[at:].lstrip())
            assert text[at] in ",}", f"expected , or }} at {text[at : at + 40]!r}"
            at += text[at] == ","
        entries.append((head["kind"], head["key"], fields))
    return entries


UNESCAPED = re.compile(r"(?<!\\)[$%&#_]")


@pytest.mark.parametrize("row_id", [*sorted(CURATED)[::5], "ext:sipri_tiv_russia_to_china:2010"])
def test_bibtex_parses_into_the_work_and_the_datasets_record_with_permalink_and_date(
    catalog, works, dataset, row_id
):
    entries = parse_bibtex(cite(catalog, works, row_id, dataset.version)["bibtex"])
    (kind, _key, work), (record_kind, record_key, record) = entries
    assert kind in ("incollection", "misc") and record_kind == "misc" and record_key == f"sri:{row_id}"
    assert record["url"] == PERMALINK + row_id and record["urldate"] == "2026-12-01"
    assert (
        record["version"] == dataset.version and "Sino-Russian relations in figures" in record["howpublished"]
    )
    if kind == "incollection":
        essay = ESSAYS[CURATED[row_id]["essay"]]
        assert {"title", "booktitle", "year"} <= set(work)
        assert work["title"] == "{" + essay["title"] + "}" and work["year"] == essay["year"]
        names = [name.strip() for name in essay["authors"].split(";") if name.strip()]
        assert work.get("author", "") == " and ".join(f"{{{name}}}" for name in names)
    for fields in (work, record):
        for name, value in fields.items():
            if name != "url":
                assert not UNESCAPED.search(value), (name, value)


def test_tex_escapes_every_latex_special():
    from app.cite import tex

    assert tex("$5 & 10% #1 {a}_b ~^\\") == (
        r"\textdollar{}5 \& 10\% \#1 \textbraceleft{}a\textbraceright{}\_b "
        r"\textasciitilde{}\textasciicircum{}\textbackslash{}"
    )


# CSL-JSON, as the Citation Style Language's schema for input data describes it: an array of items,
# each with an id and one of these types, and only these variables.
CSL_TYPES = {"chapter", "report", "dataset", "book", "webpage", "article"}
CSL_VARIABLES = {
    "id", "type", "title", "author", "container-title", "collection-title", "publisher",
    "publisher-place", "page", "issued", "accessed", "URL", "version", "note", "source",
}  # fmt: skip


def check_csl_date(value) -> list[int]:
    assert set(value) == {"date-parts"} and len(value["date-parts"]) == 1
    parts = value["date-parts"][0]
    assert 1 <= len(parts) <= 3 and all(isinstance(p, int) for p in parts)
    return parts


@pytest.mark.parametrize("row_id", [*sorted(CURATED)[::5], "ext:china_russia_trade_total:2017"])
def test_csl_json_is_an_array_of_valid_items_naming_work_and_record(catalog, works, dataset, row_id):
    items = json.loads(cite(catalog, works, row_id, dataset.version)["csl"])
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        assert {"id", "type", "title"} <= set(item) <= CSL_VARIABLES and item["type"] in CSL_TYPES
        assert all(set(name) == {"literal"} and name["literal"] for name in item.get("author", []))
    work, record = items
    assert record["type"] == "dataset" and record["URL"] == PERMALINK + row_id
    assert check_csl_date(record["accessed"]) == [2026, 12, 1] and record["version"] == dataset.version
    assert record["container-title"] == "Sino-Russian relations in figures"
    if row_id in CURATED:
        essay = ESSAYS[CURATED[row_id]["essay"]]
        assert work["type"] == "chapter" and work["title"] == essay["title"]
        assert check_csl_date(work["issued"])[0] == int(essay["year"])
        report = next(r for r in REPORTS.values() if r["report"] == CURATED[row_id]["report"])
        assert work["container-title"] == report["title"]


def test_the_dataset_itself_is_cited_with_curators_title_version_url_and_date(dataset):
    from app.cite import Access, citations, dataset_work

    texts = citations(dataset_work(dataset.version), None, Access("https://sri.example/about", ACCESSED, "v"))
    for style in ("chicago", "apa"):
        assert texts[style].startswith("Sino-Russian Indicators contributors. ")
        assert "Sino-Russian relations in figures" in texts[style] and dataset.version in texts[style]
        assert "December 1, 2026" in texts[style] and "https://sri.example/about" in texts[style]
    ((kind, key, fields),) = parse_bibtex(texts["bibtex"])
    assert (
        kind == "misc"
        and fields["url"] == "https://sri.example/about"
        and fields["version"] == dataset.version
    )
    (item,) = json.loads(texts["csl"])
    assert item["type"] == "dataset" and item["version"] == dataset.version
    assert check_csl_date(item["accessed"]) == [2026, 12, 1] and item["URL"] == "https://sri.example/about"


def test_citations_import_no_dash_or_flask():
    import subprocess
    import sys

    code = "import sys, app.cite; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert not [m for m in loaded.split() if m.split(".")[0] in ("dash", "flask")]
