"""The project keeps its promises: README commands, CI, and no run-time reads of shared/."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.startswith("    python3 -m venv")]


def test_readme_opens_with_the_serve_and_test_commands():
    serve, test = readme_commands()[:2]
    assert serve.endswith("-m app serve") and "pip install" in serve
    assert test.endswith("-m pytest") and "'.[test]'" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_no_code_reads_shared_at_run_time():
    pattern = re.compile(r"shared[/\\\"']|\.\./shared")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("app", "loaders")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_chart_is_listed_in_the_readme():
    from app.charts import CHARTS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [chart.id for chart in CHARTS if f"| `{chart.id}` |" not in text] == []


def test_code_passes_ruff_lint_and_format():
    import subprocess
    import sys

    folders = ["app", "loaders", "tests", "bench"]
    for command in (["check", *folders], ["format", "--check", *folders]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout[-2000:]
