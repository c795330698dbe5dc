"""Where each essay of a report stands in the report's text, from sources.csv alone.

An essay row declares ``starts_at``: the text that begins the essay's first line, verbatim, and
that begins no other line of the report. The essay runs to the line before the next essay's
start, or before its own ``ends_before`` line (same rule), or to the end of the report. Lines
outside every essay (front and back matter) belong to the report itself. So a new report
needs rows in sources.csv, not code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EssaySpan:
    essay: str
    first_line: int  # 1-based, as an editor shows it
    end_line: int  # first line after the essay (exclusive)


def lines_starting_with(lines: list[str], prefix: str) -> list[int]:
    """1-based numbers of the lines that begin with prefix (leading white space ignored)."""
    return [number for number, line in enumerate(lines, start=1) if line.lstrip().startswith(prefix)]


def locate_essays(text: str, essays: list[tuple[str, str, str | None]]) -> tuple[list[EssaySpan], list[str]]:
    """Spans of (essay id, starts_at, ends_before) in text, in reading order, and what is wrong.

    An essay whose marker is missing or begins several lines is left out and named in the
    problems, so that callers can report it and go on.
    """
    lines = text.splitlines()
    starts, problems = [], []
    for essay, starts_at, ends_before in essays:
        found = lines_starting_with(lines, starts_at) if starts_at else []
        if len(found) != 1:
            problems.append(
                f"essay {essay}: starts_at {starts_at!r} begins {len(found)} lines of the report, not one"
            )
            continue
        end = None
        if ends_before:
            ends = [n for n in lines_starting_with(lines, ends_before) if n > found[0]]
            if len(ends) != 1:
                problems.append(
                    f"essay {essay}: ends_before {ends_before!r} begins {len(ends)} lines "
                    "after its start, not one"
                )
                continue
            end = ends[0]
        starts.append((found[0], essay, end))
    starts.sort()
    spans = []
    for index, (first, essay, end) in enumerate(starts):
        following = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        spans.append(EssaySpan(essay, first, min(end, following) if end else following))
    return spans, problems


def essay_of_line(spans: list[EssaySpan], line: int) -> str | None:
    """The essay a 1-based line belongs to, or None for the report's own front and back matter."""
    for span in spans:
        if span.first_line <= line < span.end_line:
            return span.essay
    return None
