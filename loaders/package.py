"""Read a Frictionless data package of CSV files into typed pandas tables, checking every cell.

Columns are declared once, in datapackage.json; the dtypes here are derived from it.
Every problem is gathered (none stops the reading), so a curator sees them all at once.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.problems import Problem

PACKAGE_FILE = "datapackage.json"

# Table Schema type -> pandas dtype. Strings are pyarrow-backed; numbers stay float64 (NaN for
# empty) so plotly and pyarrow read them without conversions; integers are nullable.
DTYPES = {
    "string": "string[pyarrow]",
    "number": "float64",
    "integer": "Int64",
    "boolean": "boolean",
}
TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


@dataclass(frozen=True)
class Table:
    """One table as read: typed frame, the editor line of each row, and where it came from."""

    name: str
    frame: pd.DataFrame
    lines: list[int]  # lines[i] is the file line of frame row i
    files: list[str]  # files[i] is the display path of the file row i came from
    fields: list[dict]


def read_descriptor(root: Path) -> dict:
    return json.loads((root / PACKAGE_FILE).read_text(encoding="utf-8"))


def table_name(resource: dict) -> str:
    """Resources with a `group` are parts of one table (e.g. the reference values files)."""
    return resource.get("group", resource["name"])


def display_path(root: Path, relative: str) -> str:
    return f"{root.name}/{relative}"


# A text cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP, "CSV injection"); a number's sign is the one harmless case.
FORMULA_START = ("=", "+", "-", "@")


def _is_signed_number(raw: str) -> bool:
    return re.fullmatch(r"[+-]\d+(\.\d+)?", raw) is not None


Found = tuple[str, str, str]  # (code, message, fix) of one problem in a cell


def parse_cell(raw: str, field: dict, where: tuple[str, int, int]) -> tuple[object, list[Problem]]:
    """Convert one CSV cell to its typed value and list what is wrong with it."""

    def located(found: list[Found]) -> list[Problem]:
        return [Problem(*where, code, message, fix) for code, message, fix in found]

    name = field["name"]
    if raw == "":
        if field.get("constraints", {}).get("required"):
            what = field.get("description", field["type"])
            return None, located(
                [("missing-value", f"{name} is empty, but every row needs one", f"fill in {name} ({what})")]
            )
        return None, []
    found = _text_problems(raw, field)
    value, wrong_type = _typed(raw, field)
    if wrong_type is not None:
        return None, located([*found, wrong_type])
    allowed = field.get("constraints", {}).get("enum")
    if allowed is not None and value not in allowed:
        unknown = (
            "unknown-value",
            f'{name} is "{raw}", not one of the allowed values',
            f"use one of: {', '.join(allowed)}",
        )
        return None, located([*found, unknown])  # later checks must not act on an unknown code
    return value, located([*found, *_constraint_problems(raw, value, field)])


def _text_problems(raw: str, field: dict) -> list[Found]:
    """White space around the value; a text a spreadsheet would run as a formula."""
    name, found = field["name"], []
    if raw != raw.strip():
        found.append(
            (
                "stray-whitespace",
                f"{name} starts or ends with white space",
                "remove the spaces around the value",
            )
        )
    if field["type"] == "string" and raw[0] in FORMULA_START and not _is_signed_number(raw):
        found.append(
            (
                "formula-like",
                f'{name} starts with "{raw[0]}", so a spreadsheet opening the exported CSV would run it as '
                "a formula",
                f"reword it so it does not begin with {' '.join(FORMULA_START)} (e.g. put the words first), "
                "or write a number as digits",
            )
        )
    return found


def _typed(raw: str, field: dict) -> tuple[object, Found | None]:
    """The cell as its field's type, or why it is not one."""
    name, kind = field["name"], field["type"]
    if kind == "number":
        if re.fullmatch(r"-?\d+(\.\d+)?", raw):
            return float(raw), None
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", raw):
            return None, (
                "not-a-number",
                f'{name} is "{raw}", a number with thousands separators',
                f"write it without commas, e.g. {raw.replace(',', '')}",
            )
        return None, (
            "not-a-number",
            f'{name} is "{raw}", expected a number',
            "type the figure as the report prints it, digits only, e.g. 86.9",
        )
    if kind == "integer":
        if re.fullmatch(r"-?\d+", raw):
            return int(raw), None
        return None, ("not-an-integer", f'{name} is "{raw}", expected a whole number', "e.g. 26")
    if kind == "boolean":
        if raw in TRUE_VALUES or raw in FALSE_VALUES:
            return raw in TRUE_VALUES, None
        return None, ("not-a-boolean", f'{name} is "{raw}", expected true or false', "write true or false")
    return raw, None


def _constraint_problems(raw: str, value: object, field: dict) -> list[Found]:
    """The field's pattern, range, length and URL constraints."""
    name, constraints, found = field["name"], field.get("constraints", {}), []
    pattern = constraints.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, str(value)):
        found.append(
            ("bad-format", f'{name} is "{raw}", which does not match {pattern}', _pattern_hint(name))
        )
    number = isinstance(value, (int, float))
    if "minimum" in constraints and number and value < constraints["minimum"]:
        found.append(
            (
                "out-of-range",
                f"{name} is {raw}, below the minimum {constraints['minimum']}",
                "check the value",
            )
        )
    if "maximum" in constraints and number and value > constraints["maximum"]:
        found.append(
            (
                "out-of-range",
                f"{name} is {raw}, above the maximum {constraints['maximum']}",
                "check the value",
            )
        )
    if "minLength" in constraints and len(raw) < constraints["minLength"]:
        found.append(
            (
                "too-short",
                f"{name} is only {len(raw)} characters long",
                f"give at least {constraints['minLength']} characters",
            )
        )
    if field.get("format") == "uri" and not re.fullmatch(r"https?://\S+", raw):
        found.append(("bad-url", f'{name} is "{raw}", not a web address', "give a full http(s):// URL"))
    return found


def _pattern_hint(name: str) -> str:
    if name.endswith("_id"):
        return "use lowercase words joined by hyphens, e.g. kashin-trade-total-2017"
    if name in {"indicator", "series"}:
        return "use lowercase words joined by underscores, e.g. trade_total_value"
    return "write a date as YYYY, YYYY-MM or YYYY-MM-DD"


def _header_problems(file: str, header: list[str], names: list[str]) -> list[Problem]:
    """Columns the header has that the schema does not, and the other way round."""
    problems = [
        Problem(
            file,
            1,
            position,
            "unknown-column",
            f'column "{name}" is not in the schema',
            f"rename it to one of {', '.join(names)} or add it to {PACKAGE_FILE}",
        )
        for position, name in enumerate(header, start=1)
        if name not in names
    ]
    problems += [
        Problem(
            file, 1, 0, "missing-column", f'column "{name}" is missing', f"add a {name} column to the header"
        )
        for name in names
        if name not in header
    ]
    return problems


def _read_rows(reader, file: str, header: list[str], fields: list[dict]):
    """(record, line, problems) for each non-blank row after the header."""
    position_of = {field["name"]: header.index(field["name"]) for field in fields if field["name"] in header}
    previous_end = reader.line_num
    for row in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problem = Problem(
                file,
                line,
                0,
                "wrong-cell-count",
                f"the row has {len(row)} cells, the header {len(header)}",
                "check for a missing comma or an unquoted comma inside a value",
            )
            yield None, line, [problem]
            continue
        record, problems = {}, []
        for field in fields:
            index = position_of.get(field["name"])
            value, found = (
                (None, []) if index is None else parse_cell(row[index], field, (file, line, index + 1))
            )
            record[field["name"]] = value
            problems += found
        yield record, line, problems


def read_resource(root: Path, resource: dict) -> tuple[list[dict], list[int], str, list[Problem]]:
    """Read one CSV file: typed records, their lines, and the problems found in its cells."""
    relative = resource["path"]
    file = display_path(root, relative)
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    path = root / relative
    if not path.is_file():
        fix = f"restore {relative} or remove it from {PACKAGE_FILE}"
        return [], [], file, [Problem(file, 0, 0, "missing-file", "the file is missing", fix)]
    records: list[dict] = []
    lines: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            fix = f"the first line must be the header: {','.join(names)}"
            return [], [], file, [Problem(file, 1, 0, "empty-file", "the file is empty", fix)]
        problems = _header_problems(file, header, names)
        for record, line, found in _read_rows(reader, file, header, fields):
            problems += found
            if record is not None:
                records.append(record)
                lines.append(line)
    return records, lines, file, problems


def build_frame(records: list[dict], fields: list[dict]) -> pd.DataFrame:
    columns = {}
    for field in fields:
        values = [record[field["name"]] for record in records]
        columns[field["name"]] = (
            pd.array(values, dtype=DTYPES[field["type"]])
            if field["type"] != "number"
            else pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        )
    return pd.DataFrame(columns)


def read_tables(root: Path) -> tuple[dict[str, Table], dict, list[Problem]]:
    """Read every resource of the package at root, joining grouped resources into one table."""
    descriptor = read_descriptor(root)
    parts: dict[str, list[tuple[list[dict], list[int], str, list[dict]]]] = {}
    problems: list[Problem] = []
    for resource in descriptor["resources"]:
        if resource.get("format", "csv") != "csv":
            continue  # an export also lists its Parquet copies; the CSV files are the source
        records, lines, file, found = read_resource(root, resource)
        problems.extend(found)
        parts.setdefault(table_name(resource), []).append(
            (records, lines, file, resource["schema"]["fields"])
        )
    tables = {}
    for name, pieces in parts.items():
        fields = pieces[0][3]
        records = [r for piece in pieces for r in piece[0]]
        lines = [line for piece in pieces for line in piece[1]]
        files = [piece[2] for piece in pieces for _ in piece[0]]
        tables[name] = Table(name, build_frame(records, fields), lines, files, fields)
    return tables, descriptor, problems


def package_version(root: Path, descriptor: dict) -> str:
    """The version of the package at root: the ``version`` datapackage.json declares (if any), then
    the first 8 hex digits of a SHA-256 over datapackage.json and every CSV file it lists, so the
    version changes whenever a curated table does ("1.2+3f9a0c1e", or "3f9a0c1e" alone).

    Line endings are normalised first, so a Windows checkout of the same tables has the same
    version; a listed file that is missing counts as empty (validation reports it)."""
    digest = hashlib.sha256()
    resources = descriptor["resources"]
    listed = [resource["path"] for resource in resources if resource.get("format", "csv") == "csv"]
    for relative in [PACKAGE_FILE, *listed]:
        path = root / relative
        data = path.read_bytes().replace(b"\r\n", b"\n") if path.is_file() else b""
        digest.update(f"{relative}\0{len(data)}\0".encode() + data)
    declared = str(descriptor.get("version") or "").strip()
    content = digest.hexdigest()[:8]
    return f"{declared}+{content}" if declared else content
