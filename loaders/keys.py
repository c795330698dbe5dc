"""Key checks declared in the schema: unique fields, primary keys and foreign keys."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from loaders.package import Table
from loaders.problems import Problem


def _column_of(table: Table, field: str) -> int:
    return [f["name"] for f in table.fields].index(field) + 1


def check_unique(table: Table, fields: list[str], code: str = "duplicate-key") -> list[Problem]:
    """Every row sharing a key is reported, each naming the other lines."""
    rows_by_key: dict[tuple, list[int]] = defaultdict(list)
    frame = table.frame
    for index, key in enumerate(zip(*(frame[f].tolist() for f in fields), strict=True)):
        if any(pd.isna(part) for part in key):  # an empty cell is no key
            continue
        rows_by_key[key].append(index)
    problems = []
    label = ", ".join(fields)
    for key, rows in rows_by_key.items():
        if len(rows) < 2:
            continue
        for index in rows:
            others = [f"{table.files[o]}:{table.lines[o]}" for o in rows if o != index]
            problems.append(
                Problem(
                    table.files[index],
                    table.lines[index],
                    _column_of(table, fields[0]),
                    code,
                    f"{label} {'/'.join(map(str, key))} appears again at {', '.join(others)}",
                    "give each row its own key, or merge the rows",
                )
            )
    return problems


def check_foreign_key(
    table: Table, fields: list[str], target: Table, target_fields: list[str]
) -> list[Problem]:
    known = set(zip(*(target.frame[f].tolist() for f in target_fields), strict=True))
    problems = []
    for index, key in enumerate(zip(*(table.frame[f].tolist() for f in fields), strict=True)):
        if any(pd.isna(part) for part in key):
            continue
        if key not in known:
            problems.append(
                Problem(
                    table.files[index],
                    table.lines[index],
                    _column_of(table, fields[0]),
                    "unknown-reference",
                    f"{', '.join(fields)} {'/'.join(map(str, key))} is not a "
                    f"{'/'.join(target_fields)} in {target.name}",
                    f"use a {target_fields[0]} listed in {target.name}, or add it there",
                )
            )
    return problems


def check_declared_keys(tables: dict[str, Table], descriptor: dict) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for resource in descriptor["resources"]:
        name = resource.get("group", resource["name"])
        if name in seen or name not in tables:
            continue
        seen.add(name)
        table, schema = tables[name], resource["schema"]
        primary = schema.get("primaryKey", [])
        if primary:
            problems += check_unique(table, primary)
        for field in schema["fields"]:
            if field.get("constraints", {}).get("unique") and [field["name"]] != primary:
                problems += check_unique(table, [field["name"]])
        for foreign in schema.get("foreignKeys", []):
            target = tables.get(foreign["reference"]["resource"])
            if target is not None:
                problems += check_foreign_key(
                    table, foreign["fields"], target, foreign["reference"]["fields"]
                )
    return problems
