"""Exercises builder: joint exercises on an offline world map (scattergeo)."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from app.citations import text_of
from app.figures.common import (
    HOVERTEMPLATE,
    MARK_COLORS,
    add_note,
    base_layout,
    customdata_for,
    empty_figure,
    opacities,
)

LAND = "#ECEAE4"
OCEAN = "#F7FAFC"
# Natural Earth at 1:110m (assets/topojson/world_110m.json, 137 kB): at the map's size the 1:50m
# coastlines look the same and cost 1.1 MB to fetch and parse, and about 100 ms more to draw.
MAP_RESOLUTION = 110


def spread_overlaps(rows: pd.DataFrame, step: float = 1.1) -> tuple[list[float], list[float]]:
    """Latitudes and longitudes nudged on a small spiral where several exercises share a place."""
    lats, lons = [], []
    seen: dict[tuple[float, float], int] = {}
    for lat, lon in zip(rows["latitude"].astype(float), rows["longitude"].astype(float), strict=True):
        key = (round(lat, 1), round(lon, 1))
        n = seen.get(key, 0)
        seen[key] = n + 1
        angle, radius = n * 2.4, step * math.sqrt(n)
        lats.append(lat + radius * math.sin(angle))
        lons.append(lon + radius * math.cos(angle))
    return lats, lons


def exercise_headline(row: dict) -> str:
    bits = [text_of(row, "name")]
    year = text_of(row, "year")
    phase = text_of(row, "phase")
    bits.append(f"{year}" + (f", phase: {phase}" if phase else "") if year or phase else "year not given")
    place = text_of(row, "location_as_written") or text_of(row, "place")
    if place:
        bits.append(f"at {place}")
    return " · ".join(bits)


def build_exercise_map(exercises: pd.DataFrame, selected_ids: Iterable[str] = ()) -> go.Figure:
    """One marker per exercise with coordinates, coloured by series; hover gives year, phase and citation."""
    if exercises.empty:
        return empty_figure("No exercises match the current filters.")
    fig = go.Figure()
    located = exercises.dropna(subset=["latitude", "longitude"]) if not exercises.empty else exercises
    if not located.empty:
        located = located.assign(label=[exercise_headline(r) for r in located.to_dict("records")])
        lats, lons = spread_overlaps(located)
        located = located.assign(_lat=lats, _lon=lons)
        for i, (series, group) in enumerate(located.groupby("series", sort=True)):
            color = MARK_COLORS[i % len(MARK_COLORS)]
            fig.add_trace(
                go.Scattergeo(
                    lat=group["_lat"],
                    lon=group["_lon"],
                    mode="markers",
                    name=str(series),
                    marker={
                        "size": 12,
                        "color": color,
                        "opacity": opacities(group, selected_ids, 0.9),
                        "line": {"width": 1, "color": "white"},
                    },
                    customdata=customdata_for(group),
                    hovertemplate=HOVERTEMPLATE,
                )
            )
    lat_range, lon_range = [0, 72], [20, 180]
    if not located.empty:
        lat_range = [
            min(lat_range[0], float(located["latitude"].min()) - 5),
            max(lat_range[1], float(located["latitude"].max()) + 5),
        ]
        lon_range = [
            max(-180, min(lon_range[0], float(located["longitude"].min()) - 8)),
            min(180, max(lon_range[1], float(located["longitude"].max()) + 8)),
        ]
    fig.update_geos(
        projection_type="natural earth",
        resolution=MAP_RESOLUTION,
        showland=True,
        landcolor=LAND,
        showocean=True,
        oceancolor=OCEAN,
        showcountries=True,
        countrycolor="#BDB8AD",
        coastlinecolor="#A39E93",
        showlakes=False,
        lataxis_range=lat_range,
        lonaxis_range=lon_range,
        showframe=False,
    )
    base_layout(fig, height=520)
    fig.update_layout(margin={"l": 8, "r": 8, "t": 40, "b": 12}, dragmode="select")
    missing = (
        exercises[exercises["latitude"].isna() | exercises["longitude"].isna()]
        if not exercises.empty
        else exercises
    )
    if not missing.empty:
        names = "; ".join(missing["name"].astype(str))
        extra = add_note(
            fig, f"Not on the map (the report gives no place): {names}.", 468, below_px=6, width=150
        )
        fig.update_layout(height=520 + extra, margin={"b": 12 + extra})
    return fig
