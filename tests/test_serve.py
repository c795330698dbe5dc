"""Serving: the app refuses invalid data with the validator's message and serves nothing.

(Each kind of broken cell is tested against the validator in test_loaders_validation.py; that
the app goes through the same validator, one broken cell proves. Load is measured in bench/.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from loaders import DataValidationError


def test_the_app_refuses_broken_data_with_the_validators_message(curated_copy, monkeypatch):
    from app import create_app

    line, position = curated_copy.set_cell("figures.csv", 2, "value", "1O.5")
    monkeypatch.setenv("SRI_INDICATORS_DIR", str(curated_copy.root))
    with pytest.raises(DataValidationError) as raised:
        create_app()
    assert f"indicators/figures.csv:{line}:{position}: [not-a-number]" in str(raised.value)


def test_serve_prints_the_problems_and_serves_nothing(curated_copy):
    line, position = curated_copy.set_cell("figures.csv", 0, "unit", "usd_trillion")
    environment = dict(os.environ, SRI_INDICATORS_DIR=str(curated_copy.root))
    result = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"indicators/figures.csv:{line}:{position}: [unknown-value]" in result.stderr
    assert "Not serving" in result.stderr and "Traceback" not in result.stderr
