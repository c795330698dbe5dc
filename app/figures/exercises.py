"""Exercises builder: joint exercises on an offline world map (scattergeo)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from app.catalog import Rows
from app.figures.common import (
    HOVERTEMPLATE,
    MARK_COLORS,
    empty_figure,
    figure,
    house_layout,
    note,
    opacities,
)
from app.figures.marks import groups

LAND = "#ECEAE4"
OCEAN = "#F7FAFC"
HEIGHT = 520
# Natural Earth at 1:110m (assets/topojson/world_110m.json, 137 kB): at the map's size the 1:50m
# coastlines look the same and cost 1.1 MB to fetch and parse, and about 100 ms more to draw.
MAP_RESOLUTION = 110


def spread_overlaps(latitudes: list[float], longitudes: list[float], step: float = 1.1) -> tuple[list, list]:
    """Latitudes and longitudes nudged on a small spiral where several exercises share a place."""
    lats, lons = [], []
    seen: dict[tuple[float, float], int] = {}
    for lat, lon in zip(latitudes, longitudes, strict=True):
        key = (round(lat, 1), round(lon, 1))
        n = seen.get(key, 0)
        seen[key] = n + 1
        angle, radius = n * 2.4, step * math.sqrt(n)
        lats.append(lat + radius * math.sin(angle))
        lons.append(lon + radius * math.cos(angle))
    return lats, lons


def _geo(located: Rows) -> dict:
    lat_range, lon_range = [0, 72], [20, 180]
    if not located.empty:
        lats, lons = located["latitude"], located["longitude"]
        lat_range = [min(lat_range[0], min(lats) - 5), max(lat_range[1], max(lats) + 5)]
        lon_range = [max(-180, min(lon_range[0], min(lons) - 8)), min(180, max(lon_range[1], max(lons) + 8))]
    return {
        "projection": {"type": "natural earth"},
        "resolution": MAP_RESOLUTION,
        "showland": True,
        "landcolor": LAND,
        "showocean": True,
        "oceancolor": OCEAN,
        "showcountries": True,
        "countrycolor": "#BDB8AD",
        "coastlinecolor": "#A39E93",
        "showlakes": False,
        "lataxis": {"range": lat_range},
        "lonaxis": {"range": lon_range},
        "showframe": False,
        "bgcolor": "white",
    }


def build_exercise_map(exercises: Rows, reference: Rows, selected_ids: Iterable[str] = ()) -> dict:
    """One marker per exercise with coordinates, coloured by series; hover gives year, phase and citation."""
    if exercises.empty:
        return empty_figure("No exercises match the current filters.")
    has_place = [
        a is not None and b is not None
        for a, b in zip(exercises["latitude"], exercises["longitude"], strict=True)
    ]
    located, missing = exercises.where(has_place), exercises.where([not p for p in has_place])
    lats, lons = spread_overlaps(located["latitude"], located["longitude"])
    ids, customdata = located["row_id"], located["customdata"]
    by_series = sorted(groups(located["series"]), key=lambda item: str(item[0]))
    data = [
        {
            "type": "scattergeo",
            "lat": [lats[p] for p in where],
            "lon": [lons[p] for p in where],
            "mode": "markers",
            "name": str(series),
            "marker": {
                "size": 12,
                "color": MARK_COLORS[index % len(MARK_COLORS)],
                "opacity": opacities([ids[p] for p in where], selected_ids, 0.9),
                "line": {"width": 1, "color": "white"},
            },
            "customdata": [customdata[p] for p in where],
            "hovertemplate": HOVERTEMPLATE,
        }
        for index, (series, where) in enumerate(by_series)
    ]
    layout = house_layout(
        HEIGHT, margin={"l": 8, "r": 8, "t": 40, "b": 12}, geo=_geo(located), annotations=[]
    )
    if not missing.empty:
        names = "; ".join(map(str, missing["name"]))
        annotation, extra = note(f"Not on the map (the report gives no place): {names}.", 468, below_px=6)
        layout["annotations"].append(annotation)
        layout["height"] = HEIGHT + extra
        layout["margin"]["b"] = 12 + extra
    return figure(data, layout)
