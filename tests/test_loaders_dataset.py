"""The curated dataset: types, keys, provenance, verbatim quotes, CLI and the export contract."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import INDICATORS, ROOT

from loaders import Dataset, load_dataset, validate
from loaders.export import export_dataset
from loaders.package import read_descriptor

DTYPE_OF = {"string": "string", "number": "float64", "integer": "Int64", "boolean": "boolean"}


def csv_record_count(relative: str) -> int:
    with (INDICATORS / relative).open(encoding="utf-8", newline="") as handle:
        return sum(1 for row in csv.reader(handle) if any(row)) - 1


def test_curated_data_is_valid_with_every_quote_checked(reports_dir):
    dataset, problems = validate(INDICATORS, reports_dir)
    assert problems == [], "\n".join(map(str, problems))
    assert dataset is not None


def test_every_quote_stands_verbatim_in_its_report(dataset, reports_dir):
    texts = {path.name: path.read_text(encoding="utf-8") for path in reports_dir.glob("*.txt")}
    for name in ("figures", "exercises", "events"):
        table = getattr(dataset, name)
        missing = [row.quote[:60] for row in table.itertuples() if row.quote not in texts[row.report]]
        assert missing == [], f"{name}: quotes not in their report: {missing}"


def test_columns_and_dtypes_follow_the_schema(dataset):
    descriptor = read_descriptor(INDICATORS)
    for resource in descriptor["resources"]:
        frame = getattr(dataset, resource.get("group", resource["name"]))
        fields = resource["schema"]["fields"]
        assert list(frame.columns) == [f["name"] for f in fields]
        for field in fields:
            assert str(frame[field["name"]].dtype).startswith(DTYPE_OF[field["type"]]), field["name"]
    assert dataset.figures["quote"].dtype == "string[pyarrow]"


def test_row_counts_match_the_curated_files(dataset):
    for name in ("figures", "indicators", "exercises", "events", "sources", "reference_series"):
        assert len(getattr(dataset, name)) == csv_record_count(f"{name}.csv"), name
    reference_files = sorted((INDICATORS / "reference").glob("*.csv"))
    assert len(dataset.reference_values) == sum(
        csv_record_count(f"reference/{p.name}") for p in reference_files
    )


def test_keys_are_unique_and_every_figure_has_provenance(dataset):
    figures = dataset.figures
    assert figures["figure_id"].is_unique
    assert figures[["quote", "cited_source", "essay", "report"]].notna().all().all()
    essays = set(dataset.sources.loc[dataset.sources["kind"] == "essay", "source_id"])
    assert set(figures["essay"]) <= essays
    assert set(figures["indicator"]) <= set(dataset.indicators["indicator"])


def test_every_footnote_is_in_sources_verbatim(dataset, reports_dir):
    text = (reports_dir / "004_f8fd155b359ebfed.txt").read_text(encoding="utf-8")
    footnotes = dataset.sources[dataset.sources["kind"] == "footnote"]
    assert footnotes["citation"].map(lambda c: c in text).all()
    # Footnotes are numbered afresh in each essay, from 1 with no gaps.
    for essay, numbers in footnotes.groupby("essay")["footnote"]:
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), essay


def test_external_series_never_enter_the_figures_table(dataset):
    assert not set(dataset.reference_values["series"]) & set(dataset.figures["indicator"])
    assert dataset.reference_values["source_url"].str.match(r"https?://").all()
    assert dataset.reference_values["is_derived"].dtype == "boolean"


def test_loading_is_cached_per_process():
    assert load_dataset() is load_dataset()


def as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as a reader sees it: the report files' markdown escape of the dollar sign (the only
    escape the curated text holds) removed."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].str.replace("\\$", "$", regex=False)
    return frame


def test_export_round_trips_csv_and_parquet(dataset, tmp_path):
    written = export_dataset(dataset, tmp_path / "out")
    names = {path.name for path in written}
    for table in Dataset.table_names():
        assert {f"{table}.csv", f"{table}.parquet"} <= names
    assert {"README.md", "CITATION.cff"} <= names
    reloaded = load_dataset(tmp_path / "out")
    for table, curated in dataset.tables().items():
        frame = as_read(curated)  # the export is text as a reader sees it, otherwise the same
        pd.testing.assert_frame_equal(getattr(reloaded, table), frame, obj=f"{table} (CSV)")
        parquet = pd.read_parquet(tmp_path / "out" / f"{table}.parquet")
        pd.testing.assert_frame_equal(parquet.astype(frame.dtypes.to_dict()), frame, obj=f"{table} (Parquet)")


def test_exported_datapackage_is_valid_frictionless(dataset, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    export_dataset(dataset, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert {r["name"] for r in descriptor["resources"]} >= {"figures", "reference_values", "figures-parquet"}
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_source_datapackage_is_valid_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(INDICATORS / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_validate_passes_on_the_curated_data(reports_dir):
    result = run_cli("--reports", str(reports_dir), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid: ") and "quotes checked" in result.stdout


def test_cli_validate_fails_listing_every_problem(curated_copy):
    first, _ = curated_copy.set_cell("figures.csv", 0, "unit", "usd_trillion")
    second, _ = curated_copy.set_cell("events.csv", 0, "kind", "party")
    result = run_cli("--indicators", str(curated_copy.root), "validate")
    assert result.returncode == 1
    assert f"indicators/figures.csv:{first}:" in result.stderr
    assert f"indicators/events.csv:{second}:" in result.stderr
    json_result = run_cli("--indicators", str(curated_copy.root), "validate", "--json")
    codes = {problem["code"] for problem in json.loads(json_result.stdout)}
    assert codes == {"unknown-value"}


def test_cli_export_writes_nothing_when_data_is_invalid(curated_copy, tmp_path):
    curated_copy.set_cell("figures.csv", 0, "value", "lots")
    out = tmp_path / "export"
    result = run_cli("--indicators", str(curated_copy.root), "export", str(out))
    assert result.returncode == 1 and "nothing was loaded or written" in result.stderr
    assert not out.exists()


def test_cli_export_writes_every_table(tmp_path):
    result = run_cli("export", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for table in Dataset.table_names():
        assert (tmp_path / f"{table}.csv").stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]
