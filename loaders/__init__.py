"""Load the curated Sino-Russian indicators as typed, validated pandas tables.

    >>> from loaders import load_dataset
    >>> dataset = load_dataset()
    >>> dataset.figures.head()

Loading validates everything; on any problem it raises DataValidationError listing them all,
and nothing is returned. The result is cached per process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders.keys import check_declared_keys
from loaders.package import read_tables
from loaders.problems import DataValidationError, Problem
from loaders.rules import check_rules

__all__ = ["Dataset", "DataValidationError", "Problem", "load_dataset", "validate", "default_indicators_dir"]

INDICATORS_ENV = "SRI_INDICATORS_DIR"
REPORTS_ENV = "SRI_REPORTS_DIR"


@dataclass(frozen=True)
class Dataset:
    """Every curated table. External reference data lives only in the reference_* tables."""

    figures: pd.DataFrame
    indicators: pd.DataFrame
    exercises: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    reference_series: pd.DataFrame
    reference_values: pd.DataFrame
    descriptor: dict

    @classmethod
    def table_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name != "descriptor"]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in self.table_names()}


def default_indicators_dir() -> Path:
    """The curated data: $SRI_INDICATORS_DIR, or the indicators/ folder beside this package."""
    return Path(os.environ.get(INDICATORS_ENV) or Path(__file__).resolve().parent.parent / "indicators")


def default_reports_dir() -> Path | None:
    """Where report texts are, for the quote check: $SRI_REPORTS_DIR, else none (no check)."""
    value = os.environ.get(REPORTS_ENV)
    return Path(value) if value else None


def validate(
    indicators_dir: Path | None = None, reports_dir: Path | None = None
) -> tuple[Dataset | None, list[Problem]]:
    """Read and check everything; return the dataset (None if any problem) and the problems."""
    root = Path(indicators_dir) if indicators_dir else default_indicators_dir()
    tables, descriptor, problems = read_tables(root)
    problems += check_declared_keys(tables, descriptor)
    missing = [name for name in Dataset.table_names() if name not in tables]
    if missing:
        problems.append(
            Problem(
                f"{root.name}/datapackage.json",
                0,
                0,
                "missing-table",
                f"the package has no {', '.join(missing)} resource",
                "restore the resource in datapackage.json",
            )
        )
        return None, sorted(problems)
    problems += check_rules(tables, Path(reports_dir) if reports_dir else None)
    if problems:
        return None, sorted(problems)
    return Dataset(**{name: tables[name].frame for name in Dataset.table_names()}, descriptor=descriptor), []


@lru_cache(maxsize=8)
def _load_cached(root: Path, reports_dir: Path | None) -> Dataset:
    dataset, problems = validate(root, reports_dir)
    if problems:
        raise DataValidationError(problems)
    return dataset


def load_dataset(indicators_dir: Path | str | None = None, reports_dir: Path | str | None = None) -> Dataset:
    """The validated dataset, loaded once per process for each folder.

    Frames are shared between callers: treat them as read-only (copy before changing).
    """
    root = Path(indicators_dir).resolve() if indicators_dir else default_indicators_dir().resolve()
    reports = Path(reports_dir).resolve() if reports_dir else default_reports_dir()
    return _load_cached(root, reports)
