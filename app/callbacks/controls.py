"""The filter controls as callback dependencies, declared once from app.ids.CONTROLS."""

from __future__ import annotations

from dash import Input, Output, State

from app import ids

INPUTS = [Input(component, prop) for component, prop in ids.CONTROLS]
STATES = [State(component, prop) for component, prop in ids.CONTROLS]


def outputs(**options) -> list[Output]:
    return [Output(component, prop, **options) for component, prop in ids.CONTROLS]
