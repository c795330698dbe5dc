"""The views the interaction benchmark switches between: one a change, each never seen before."""

from __future__ import annotations


def interaction_views(vocabulary, count: int = 12):
    """The default view, then distinct periods (a later start each time, as a reader drags the
    period slider) that keep every chart non-empty."""
    from app.view import View

    low = vocabulary.slider_bounds[0]
    return [View()] + [View(year_range=(low + 1 + n, vocabulary.year_bounds[1])) for n in range(count)]
