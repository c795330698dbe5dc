"""Plain options every chart builder and export understands (no dash, no data)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ChartOptions:
    """What the reader has chosen: filters, the highlighted marks and the context toggle.

    Empty tuples mean "all". ``selected_ids`` are figure_id / exercise_id / event_id or
    "ext:<series>:<year>" row ids to highlight; everything else is drawn muted when it is set.
    """

    categories: tuple[str, ...] = ()
    essays: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    year_range: tuple[int, int] | None = None
    selected_ids: tuple[str, ...] = ()
    show_context: bool = True

    def with_changes(self, **changes) -> ChartOptions:
        """A copy with some fields replaced (the dataclass is frozen)."""
        return replace(self, **changes)


DEFAULT_OPTIONS = ChartOptions()
