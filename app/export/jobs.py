"""The export work the download routes hand to the export pool (app/export/pool.py): an image,
a deck, the data zip. Each job takes the data it works on (``Source``) and validated values only
(chart ids from the registry, a ``View``, checked sizes), and returns bytes.

Jobs are module-level functions so a process pool can run them: there each worker process holds
its own ``Source``, installed once by ``install_source`` when the process starts.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.catalog import Catalog, catalog_of
from app.charts import get_chart
from app.view import View

DATA_ZIP_FOLDER = "sino-russian-figures"
EXPORT_NICENESS = 10  # export processes yield the CPU to the processes serving pages

_installed: Source | None = None


@dataclass(frozen=True)
class Source:
    """What export jobs read: the dataset (for the data zip) and its catalog."""

    dataset: object
    catalog: Catalog

    @classmethod
    def of(cls, dataset) -> Source:
        return cls(dataset, catalog_of(dataset))


def install_source(dataset, niceness: int = EXPORT_NICENESS) -> None:
    """Process-pool initializer: hold the dataset's catalog for this process's jobs, run at a
    lower priority than the web workers (Chromium, started from here, inherits it), and end with
    the web worker that started it, however that one ends."""
    global _installed
    if niceness:
        os.nice(niceness)
    _installed = Source.of(dataset)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int, every_s: float = 1.0) -> None:
    """A killed web worker (SIGKILL, out of memory) cannot shut its pool down: its export process
    notices it has been orphaned and ends itself (its Chromium ends with its pipe)."""
    while os.getppid() == parent:
        time.sleep(every_s)
    os._exit(0)


def run_installed(job, *args) -> bytes:
    """Run ``job`` on the source installed in this process (the process pool's entry point)."""
    if _installed is None:  # a bug in how the pool was started, not bad input
        raise RuntimeError("export process started without a source (install_source was not run)")
    return job(_installed, *args)


def image_job(source: Source, chart_id: str, view: View, fmt: str, width: int, height: int, scale: float):
    from app.export.images import render_chart_image

    return render_chart_image(get_chart(chart_id), source.catalog, view, fmt, width, height, scale)


def deck_job(source: Source, chart_ids: tuple[str, ...], view: View) -> bytes:
    from app.export.deck import build_deck

    return build_deck([get_chart(chart_id) for chart_id in chart_ids], source.catalog, view)


def data_zip_job(source: Source) -> bytes:
    """The whole data package (CSV, Parquet, datapackage.json) as one zip."""
    from loaders.export import export_dataset

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="sri-data-") as folder:
        written = export_dataset(source.dataset, folder)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(written):
                archive.write(path, arcname=f"{DATA_ZIP_FOLDER}/{Path(path).name}")
    return buffer.getvalue()


def warm_job(source: Source) -> bytes:
    """Nothing: submitted once to start an export process (and build its catalog) ahead of use."""
    return b""
