"""Write the whole dataset as CSV, Parquet and a datapackage.json describing both.

Files are built in a temporary folder beside the target and moved in only when all are
written, so a failed export leaves the target as it was.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from pathlib import Path

from loaders import Dataset
from loaders.package import PACKAGE_FILE


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
    return descriptor


def export_dataset(dataset: Dataset, out_dir: Path | str, progress=None) -> list[Path]:
    """Write every table to out_dir; return the written paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        names = []
        for name, frame in dataset.tables().items():
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
        for name in names:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]
