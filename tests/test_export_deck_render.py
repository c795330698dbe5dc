"""Rendered by LibreOffice (Debian's libreoffice-impress), every native slide shows every figure's
label as printed and every row label: read from the PDF's text, page by page.

Skipped where soffice or pdftotext (poppler-utils) is missing (failed under CI=true, which installs
them); one conversion, a few seconds."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import IN_CI

from app.catalog import catalog_of
from app.charts import CHARTS, chart_rows, draw
from app.export.deck import build_deck
from app.view import View
from loaders import load_dataset

pytestmark = pytest.mark.image  # renders slides to PDF with LibreOffice

NATIVE = [c for c in CHARTS if c.native in ("bar", "line", "scatter")]


def words(text: str) -> str:
    return " ".join(text.replace("<br>", " ").split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    """The text of each page of the native charts' deck as LibreOffice renders it."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        message = (
            "needs LibreOffice (soffice) and poppler-utils (pdftotext): "
            "apt-get install libreoffice-impress poppler-utils"
        )
        if IN_CI:
            pytest.fail(message + " — CI installs them, so this must not happen there")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("render")
    deck = folder / "deck.pptx"
    deck.write_bytes(build_deck(NATIVE, catalog_of(load_dataset()), View()))
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(deck)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "deck.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [words(page) for page in text.split("\f")]


@pytest.mark.parametrize("chart", NATIVE, ids=[c.id for c in NATIVE])
def test_libreoffice_shows_every_figure_and_row_label_of_a_native_slide(chart, pages):
    selection = catalog_of(load_dataset()).select(View())
    shown = " | ".join(page for page in pages if words(chart.title) in page)
    assert shown, f"{chart.id}: its slide is in the PDF"
    has_rows = any(
        name.startswith("yaxis") and a.get("ticktext") for name, a in draw(chart, selection)["layout"].items()
    )
    for row in chart_rows(chart, selection).own.frame().to_dict("records"):
        assert words(row["value_text"]) in shown, (chart.id, row["value_text"])
        if has_rows:  # its row label, which may wrap in its box, also after a dash
            parts = re.split(r"[\s–-]+", words(row["subject"]))
            assert all(part in shown for part in parts), (chart.id, row["subject"])
