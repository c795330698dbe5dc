"""Write the whole dataset as CSV, Parquet and a datapackage.json describing both, with a
README.md and a CITATION.cff saying what it is, its version and licence, and how to cite it.

Text is written as a reader of the reports sees it: the curated quotes are exact slices of the
report files, which are markdown, and the markdown escapes (a backslash before a dollar sign)
are removed (loaders.quotes.readable), as on every page of the dashboard.

Files are built in a temporary folder beside the target and moved in only when all are
written, so a failed export leaves the target as it was.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from loaders import Dataset
from loaders.package import PACKAGE_FILE
from loaders.quotes import readable

# How the dataset is credited: the same words on /about, in every citation and in the export.
DATASET_TITLE = "Sino-Russian relations in figures"
CURATORS = "Sino-Russian Indicators contributors"
DATA_LICENCE = "CC-BY-4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"
README_FILE = "README.md"
CITATION_FILE = "CITATION.cff"
READABLE_NOTE = (
    "; in this export, as a reader of the report sees it (the report file's markdown escapes, such as "
    "a backslash before a dollar sign, removed)."
)


def export_descriptor(dataset: Dataset) -> dict:
    """The source descriptor, one resource per table (grouped files joined), plus Parquet copies."""
    descriptor = copy.deepcopy(dataset.descriptor)
    resources, seen = [], set()
    for resource in descriptor["resources"]:
        name = resource.pop("group", resource["name"])
        if name in seen or resource.get("format", "csv") != "csv":
            continue
        seen.add(name)
        resource.update(name=name, path=f"{name}.csv", format="csv", mediatype="text/csv", encoding="utf-8")
        if name == "reference_values":
            resource["title"] = "External reference values (not from the reports)"
            resource["description"] = "External yearly values, each with its source_name and source_url."
        for field in resource.get("schema", {}).get("fields", []):
            if "\\$" in field.get("description", ""):  # "…escapes included": not so in the export
                field["description"] = field["description"].split(" (")[0] + READABLE_NOTE
        resources.append(resource)
    parquet = []
    for resource in resources:
        copy_ = copy.deepcopy(resource)
        copy_.pop("mediatype")
        copy_.pop("encoding")
        copy_.get("schema", {}).pop("foreignKeys", None)
        copy_.update(
            name=f"{resource['name']}-parquet",
            path=f"{resource['name']}.parquet",
            format="parquet",
            description=f"The {resource['name']} table as Parquet (same columns as the CSV).",
        )
        parquet.append(copy_)
    descriptor["resources"] = resources + parquet
    descriptor["version"] = dataset.version
    return descriptor


def readable_tables(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Every table with its text as a reader sees it (markdown escapes removed); other columns as
    they are. Only cells holding a backslash can change."""
    tables = {}
    for name, frame in dataset.tables().items():
        frame = frame.copy()
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.StringDtype):
                texts = frame[column]
                escaped = texts.str.contains("\\", regex=False).fillna(False).astype(bool)
                if escaped.any():
                    frame.loc[escaped, column] = [readable(text) for text in texts[escaped]]
        tables[name] = frame
    return tables


def export_dataset(
    dataset: Dataset, out_dir: Path | str, progress=None, exported: datetime.date | None = None
) -> list[Path]:
    """Write every table, the README and CITATION.cff to out_dir; return the written paths.
    ``exported`` is the date the README gives as the day of the export (default: today)."""
    exported = exported or datetime.date.today()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        names = []
        for name, frame in readable_tables(dataset).items():
            if progress:
                progress(f"writing {name} ({len(frame)} rows)")
            frame.to_csv(staging / f"{name}.csv", index=False, lineterminator="\n", float_format="%.15g")
            # Nullable floats, so an empty cell is a Parquet null rather than NaN.
            floats = {column: "Float64" for column in frame.columns if frame[column].dtype == "float64"}
            frame.astype(floats).to_parquet(staging / f"{name}.parquet", index=False)
            names += [f"{name}.csv", f"{name}.parquet"]
        descriptor = export_descriptor(dataset)
        (staging / PACKAGE_FILE).write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        names.append(PACKAGE_FILE)
        (staging / README_FILE).write_text(dataset_readme(dataset, exported), encoding="utf-8")
        (staging / CITATION_FILE).write_text(dataset_citation_cff(dataset), encoding="utf-8")
        names += [README_FILE, CITATION_FILE]
        for name in names:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


def _text(value) -> str:
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else str(value)


def _works(dataset: Dataset, kind: str) -> list[dict]:
    """The report (or essay) rows of sources.csv as plain dicts, text readable, in file order."""
    rows = dataset.sources[dataset.sources["kind"] == kind]
    return [{key: readable(_text(value)) for key, value in row.items()} for row in rows.to_dict("records")]


def dataset_citation_text(version: str) -> str:
    """The dataset's citation in one line, as the exported README gives it."""
    return f"{CURATORS}. {DATASET_TITLE}. Dataset, version {version}."


def dataset_readme(dataset: Dataset, exported: datetime.date) -> str:
    """README.md of the data export: what it is, its version, the files, the licence, how to cite."""
    files = [
        f"| `{resource['path']}` | {resource.get('description') or resource.get('title', '')} |"
        for resource in export_descriptor(dataset)["resources"]
        if resource.get("format") == "csv"
    ]
    reports = [f"- {work['citation']}" for work in _works(dataset, "report")]
    essays = [f"- {work['citation']}" for work in _works(dataset, "essay")]
    publishers = sorted(set(dataset.reference_series["publisher"].dropna().astype(str)))
    lines = [
        f"# {DATASET_TITLE}: the data",
        "",
        readable(_text(dataset.descriptor.get("description"))),
        "",
        f"- Version: **{dataset.version}** (it changes whenever a curated table changes)",
        f"- Exported: {exported.isoformat()}",
        f"- Curated by: {CURATORS}",
        f"- Licence: the curated tables are {DATA_LICENCE} ({DATA_LICENCE_URL}); "
        f"the dashboard's code is {CODE_LICENCE}.",
        "",
        "## Files",
        "",
        "Every table comes as CSV and as Parquet (same columns); `datapackage.json` describes each column "
        "(type, unit, constraints). Text is as a reader of the reports sees it.",
        "",
        "| file | what it holds |",
        "|---|---|",
        *files,
        "",
        "## How to cite",
        "",
        "Cite the dataset (CITATION.cff has the same in machine-readable form; the dashboard's /about "
        "page gives it in Chicago, APA, BibTeX and CSL-JSON, and each figure's page its own citation):",
        "",
        f"> {dataset_citation_text(dataset.version)} Accessed {exported.isoformat()}.",
        "",
        "and cite the work each figure comes from. Every row names its report and essay (their full "
        "citations are in `sources.csv`), the footnote it rests on and the source that footnote cites "
        "(`footnote`, `cited_source`, `cited_url`): where you rely on that source, cite it too. The reports:",
        "",
        *reports,
        "",
        "and their essays:",
        "",
        *essays,
        "",
        "Quotes and footnote texts are short excerpts from the reports, kept so that every figure can be "
        "checked; they remain the work of their authors and publishers.",
        "",
        "External reference series (`reference_series.csv`, `reference_values.csv`) are not the reports' "
        "claims: cite their publishers and sources (`publisher`; each value's `source_name` and "
        "`source_url`). Publishers: " + "; ".join(publishers) + ".",
        "",
    ]
    return "\n".join(lines)


def _yaml(value: str) -> str:
    """A YAML scalar: a JSON string is a valid double-quoted YAML string."""
    return json.dumps(value, ensure_ascii=False)


def _cff_reference(work: dict) -> list[str]:
    names = [name.strip() for name in work["authors"].split(";") if name.strip()] or ["anonymous"]
    lines = ["  - type: report", f"    title: {_yaml(work['title'])}", "    authors:"]
    lines += [f"      - name: {_yaml(name)}" for name in names]  # names as printed: entities
    if work["year"].isdigit():
        lines.append(f"    year: {int(work['year'])}")
    lines.append(f"    notes: {_yaml(work['citation'])}")
    if work["url"]:
        lines.append(f"    url: {_yaml(work['url'])}")
    return lines


CITATION_MESSAGE = (
    "If you use these data, please cite them as below, and cite the report and essay each figure "
    "comes from (see README.md)."
)
KEYWORDS = ("China", "Russia", "international relations", "trade", "arms transfers")


def dataset_citation_cff(dataset: Dataset) -> str:
    """CITATION.cff (Citation File Format 1.2.0): the dataset at its version, with the reports
    its figures come from as references."""
    references = [line for work in _works(dataset, "report") for line in _cff_reference(work)]
    lines = [
        "cff-version: 1.2.0",
        f"message: {_yaml(CITATION_MESSAGE)}",
        "type: dataset",
        f"title: {_yaml(DATASET_TITLE)}",
        f"abstract: {_yaml(readable(_text(dataset.descriptor.get('description'))))}",
        "authors:",
        f"  - name: {_yaml(CURATORS)}",
        f"version: {_yaml(dataset.version)}",
        f"license: {DATA_LICENCE}",
        "keywords:",
        *[f"  - {_yaml(word)}" for word in KEYWORDS],
        "references:",
        *references,
    ]
    return "\n".join(lines) + "\n"
