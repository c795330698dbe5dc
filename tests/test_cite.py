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

from loaders import load_dataset, validate
from loaders.export import dataset_citation_cff, export_dataset

ACCESSED = datetime.date(2026, 12, 1)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


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


@pytest.fixture(scope="module")
def client(dataset):
    from app import create_app

    return create_app(dataset).server.test_client()


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
