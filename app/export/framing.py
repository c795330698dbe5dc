"""Bake a chart's title, unit and source line into a copy of its figure for export.

Like Datawrapper and Our World in Data, an exported image carries its own provenance: the
title and unit at the top, "Source: …" at the bottom, so a slide or paper that reuses it
cites correctly. Pure functions: figure in, figure out.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

from app.citations import escape_plotly_text
from app.figures.common import NOTE_NAME_PREFIX
from loaders.vocabulary import UNITS

BASE_WIDTH = 1920
SCREEN_FONT_PX = 13  # the dashboard's body text (app.figures.common)
MIN_PLOT_FACTOR = 0.45
SOURCE_ANNOTATION_NAME = "export-source-line"


def unit_text(units: Iterable[str | None]) -> str:
    """'Unit: US$ billion' from the rows' units (report figures first, then external)."""
    labels = []
    for code in (u for u in units if u):
        label = UNITS[code].label if code in UNITS else code
        if label not in labels:
            labels.append(label)
    if not labels:
        return ""
    return ("Unit: " if len(labels) == 1 else "Units: ") + ", ".join(labels)


@dataclass(frozen=True)
class Typography:
    """Sizes in px for an image width: 18px body text at 1920 wide, scaled for smaller images."""

    body: int
    title: int
    subtitle: int
    source: int
    pad: int

    @classmethod
    def for_width(cls, width: int) -> Typography:
        ratio = max(0.45, width / BASE_WIDTH)
        body = round(18 * ratio)
        return cls(
            body=body,
            title=round(body * 1.9),
            subtitle=round(body * 1.2),
            source=round(body),
            pad=round(28 * ratio),
        )


def wrap_source_line(text: str, width_px: int, font_px: int) -> list[str]:
    """Split the source line so it fits the image width (plotly annotations do not wrap)."""
    characters = max(30, int(width_px / (font_px * 0.56)))
    return textwrap.wrap(text, width=characters, break_long_words=False) or [text]


def frame_figure(
    figure: go.Figure,
    *,
    title: str,
    subtitle: str,
    source_line: str,
    width: int,
    height: int,
    axis_margin: dict | None = None,
    with_captions: bool = True,
) -> go.Figure:
    """A copy of figure sized width×height with title/subtitle on top and the source line below.

    with_captions=False leaves out title, subtitle and source line (a slide carries them).

    axis_margin is the margin plotly computed for the axes and legend on a first render
    (layout.computed.margin); the source line goes below it so it never covers tick labels.
    Without it a generous default is used.
    """
    framed = go.Figure(figure)
    type_ = Typography.for_width(width)
    source_lines = wrap_source_line(source_line, width - 2 * type_.pad, type_.source) if with_captions else []
    footer_lines = take_notes_below_plot(framed, width - 2 * type_.pad, type_.source) + [
        escape_plotly_text(line) for line in source_lines
    ]
    source_height = round(len(footer_lines) * type_.source * 1.35 + type_.pad * 1.2) if footer_lines else 0
    title_block = (
        round(type_.pad + type_.title * 1.3 + (type_.subtitle * 1.6 if subtitle else 0) + type_.pad * 0.5)
        if with_captions
        else 0
    )
    factor = plot_factor(figure, width, height - title_block - source_height)
    axis = dict(axis_margin or {})
    axis_bottom = int(axis.get("b", round(type_.body * 4.5)))
    left = int(axis.get("l", round(type_.body * 4)))
    own_top = figure.layout.margin.t if figure.layout.margin.t is not None else type_.pad
    framed.update_layout(
        width=width,
        height=height,
        autosize=False,
        font=dict(size=round(SCREEN_FONT_PX * factor)),
        paper_bgcolor="white",
        margin=dict(
            l=left,
            r=int(axis.get("r", type_.pad * 2)),
            t=max(title_block + round(own_top * factor), int(axis.get("t", 0))),
            b=axis_bottom + source_height,
            pad=4,
            autoexpand=True,
        ),
        title=title_layout(title, subtitle, type_, width, height) if with_captions else dict(text=""),
    )
    if framed.layout.legend.yref == "container":  # a legend pinned to the top goes below the title
        framed.update_layout(legend=dict(y=1 - (title_block + type_.pad * 0.3) / height, yanchor="top"))
    enlarge_fonts(framed, factor)
    enlarge_marks(framed, factor)
    annotations = [a.to_plotly_json() for a in framed.layout.annotations if a.name != SOURCE_ANNOTATION_NAME]
    if footer_lines:
        annotations.append(footer_annotation(footer_lines, type_, left, axis_bottom))
    framed.update_layout(annotations=annotations)
    return framed


def take_notes_below_plot(framed: go.Figure, width_px: int, font_px: int) -> list[str]:
    """The lines of the builder's notes under the plot, removed from the figure: they join the
    footer, so nothing overlaps. A note wrapped for a phone (its name holds it unwrapped:
    NOTE_NAME_PREFIX) is wrapped again at the image's width, as the source line is."""
    notes = below_plot_notes(framed)
    lines = []
    for index in notes:
        annotation = framed.layout.annotations[index]
        name = str(annotation.name or "")
        if name.startswith(NOTE_NAME_PREFIX):
            for paragraph in name.removeprefix(NOTE_NAME_PREFIX).split("<br>"):
                lines += wrap_source_line(paragraph, width_px, font_px)
        else:
            lines += str(annotation.text).split("<br>")
    if notes:
        framed.layout.annotations = [
            a.to_plotly_json() for i, a in enumerate(framed.layout.annotations) if i not in notes
        ]
    return lines


def title_layout(title: str, subtitle: str, type_: Typography, width: int, height: int) -> dict:
    """The title and unit line at the top left of the image."""
    return dict(
        text=f"<b>{escape_plotly_text(title)}</b>",
        subtitle=dict(text=escape_plotly_text(subtitle), font=dict(size=type_.subtitle, color="#555555")),
        x=type_.pad / width,
        xref="container",
        xanchor="left",
        y=1 - type_.pad / height,
        yref="container",
        yanchor="top",
        font=dict(size=type_.title, color="#222222"),
    )


def footer_annotation(lines: list[str], type_: Typography, left: int, axis_bottom: int) -> dict:
    """The notes and source line under the axes, from the image's left edge."""
    return dict(
        name=SOURCE_ANNOTATION_NAME,
        text="<br>".join(lines),
        showarrow=False,
        align="left",
        xref="paper",
        x=0,
        xanchor="left",
        xshift=type_.pad - left,
        yref="paper",
        y=0,
        yanchor="top",
        yshift=-(axis_bottom + round(type_.pad * 0.4)),
        font=dict(size=type_.source, color="#444444"),
    )


def below_plot_notes(figure: go.Figure) -> list[int]:
    """Indices of the annotations a builder placed under the plot area (paper y below 0)."""
    return [
        i
        for i, a in enumerate(figure.layout.annotations)
        if a.name != SOURCE_ANNOTATION_NAME
        and (a.yref in (None, "paper"))
        and a.y is not None
        and a.y < 0
        and not a.showarrow
        and a.text
    ]


def computed_margin(full_figure: dict) -> dict:
    """The margins plotly settled on (layout.computed.margin), falling back to layout.margin."""
    layout = full_figure.get("layout", {})
    return dict((layout.get("computed") or {}).get("margin") or layout.get("margin") or {})


def enlarge_marks(figure: go.Figure, factor: float) -> None:
    """Scale markers and lines with the plot's text, so they read on a slide."""
    for trace in figure.data:
        marker = getattr(trace, "marker", None)
        if marker is not None and trace.type in ("scatter", "scattergeo"):
            size = marker.size
            if size is None:
                marker.size = round(6 * factor)
            elif isinstance(size, (int, float)):
                marker.size = round(size * factor)
        line = getattr(trace, "line", None)
        if line is not None and trace.type == "scatter":
            line_width = line.width
            line.width = round((2 if line_width is None else line_width) * factor, 1)


def font_factor(width: int) -> float:
    """How much to enlarge sizes a builder fixed for the screen (about 1400 px wide)."""
    return max(1.0, width / 1400)


def plot_factor(figure: go.Figure, width: int, room_px: int) -> float:
    """How much to scale what a builder sized in the screen's pixels (text, marks, labelled rows):
    up with a wider image, down where the chart's own height does not fit the room the image
    leaves it (a chart taller than a slide is the whole chart, smaller, never one with its rows
    run together)."""
    natural = figure.layout.height or 450
    return max(MIN_PLOT_FACTOR, min(font_factor(width), room_px / natural))


def _scale_font(font, factor: float) -> None:
    if font is not None and isinstance(font.size, (int, float)):
        font.size = round(font.size * factor, 1)


def enlarge_fonts(figure: go.Figure, factor: float) -> None:
    """Scale every font size the builder set explicitly (unset sizes follow layout.font)."""
    layout = figure.layout
    _scale_font(layout.legend.font, factor)
    for annotation in layout.annotations:
        if annotation.name != SOURCE_ANNOTATION_NAME:
            _scale_font(annotation.font, factor)
    for name in [key for key in layout.to_plotly_json() if key.startswith(("xaxis", "yaxis"))]:
        axis = layout[name]
        _scale_font(axis.tickfont, factor)
        _scale_font(axis.title.font, factor)
    for trace in figure.data:
        _scale_font(getattr(trace, "textfont", None), factor)
