"""Controlled vocabularies shared by validation, charts and exports.

The schema (indicators/datapackage.json) lists which codes are allowed; this module says how to
show them. A unit's family and factor let a chart put usd_mn and usd_bn figures on one axis
without changing the figures themselves: the hover always shows the value as printed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    label: str  # axis label
    family: str  # units of one family can share an axis
    factor: float  # multiply to get the family's base unit
    prefix: str = ""  # printed before the number
    suffix: str = ""  # printed after the number


UNITS: dict[str, Unit] = {
    u.code: u
    for u in [
        Unit("usd_bn", "US$ billion", "usd", 1e9, "$", " billion"),
        Unit("usd_mn", "US$ million", "usd", 1e6, "$", " million"),
        Unit("cny_100mn", "hundred million yuan", "cny", 1e8, "", " hundred million yuan"),
        Unit("percent", "percent", "percent", 1.0, "", "%"),
        Unit("percentage_points", "percentage points", "percentage_points", 1.0, "", " pp"),
        Unit("count", "count", "count", 1.0),
        Unit("count_per_year", "per year", "count_per_year", 1.0, "", " a year"),
        Unit("people", "people", "people", 1.0, "", " people"),
        Unit("people_mn", "million people", "people", 1e6, "", " million people"),
        Unit("people_bn", "billion people", "people", 1e9, "", " billion people"),
        Unit("years", "years", "years", 1.0, "", " years"),
        Unit("multiple", "times", "multiple", 1.0, "×", ""),
        Unit("tiv_mn", "TIV million (SIPRI volume index, not US$)", "tiv", 1e6, "", " TIV m"),
    ]
}

QUALIFIER_PHRASES: dict[str, str] = {
    "exact": "",
    "about": "about",
    "more_than": "more than",
    "less_than": "less than",
    "nearly": "nearly",
    "at_least": "at least",
    "up_to": "up to",
    "range": "between",
    "peak": "peak of",
}


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Express a value in another unit of the same family (for a shared axis)."""
    source, target = UNITS[from_unit], UNITS[to_unit]
    if source.family != target.family:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}: different families")
    return value * source.factor / target.factor


def format_number(value: float) -> str:
    """A number as a report would print it: no trailing .0, thousands separated."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.10g}"


def format_value(value: float, unit: str, qualifier: str = "exact", value_high: float | None = None) -> str:
    """'more than $3 billion', '40–45%', 'between $40–50 billion': the figure in words."""
    spec = UNITS[unit]
    number = format_number(value)
    if value_high is not None and value_high == value_high:  # not NaN
        number = f"{number}–{format_number(value_high)}"
    phrase = QUALIFIER_PHRASES.get(qualifier, "")
    text = f"{spec.prefix}{number}{spec.suffix}"
    if qualifier == "range":
        return text
    return f"{phrase} {text}".strip()
