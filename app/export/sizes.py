"""Slide sizes every image export offers (and the dashboard's camera button uses)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportSize:
    name: str
    width: int
    height: int
    label: str


SLIDE_16_9 = ExportSize("16x9", 1920, 1080, "16:9 slide (1920×1080)")
SLIDE_4_3 = ExportSize("4x3", 1600, 1200, "4:3 slide (1600×1200)")
SIZES = {size.name: size for size in (SLIDE_16_9, SLIDE_4_3)}
