"""Problems found in curated files, reported as file:line:column: [code] message. Fix: ..."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # as an editor shows it: the header is line 1
    column: int  # 1-based field number; 0 when the problem is the whole row or file
    code: str  # stable, kebab-case: tests and scripts rely on it
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: [{self.code}] {self.message}"
        return f"{text}. Fix: {self.fix}" if self.fix else text

    def as_dict(self) -> dict:
        return asdict(self)


class DataValidationError(Exception):
    """The curated data is invalid; every problem found is listed, nothing was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the curated data:\n{lines}")
