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


def _modules_after_import(*names: str) -> set[str]:
    """The modules a fresh interpreter holds after importing names (and what they import)."""
    import subprocess
    import sys

    code = "import sys\n" + "".join(f"import {n}\n" for n in names) + "print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_data_flows_one_way_nothing_below_the_registry_imports_dash_or_flask():
    below = ("loaders", "loaders.coverage", "app.view", "app.catalog", "app.citations", "app.charts")
    loaded = _modules_after_import(
        *below, *(f"app.figures.{m.stem}" for m in (ROOT / "app" / "figures").glob("[a-z]*.py"))
    )
    assert not {m for m in loaded if m.split(".")[0] in ("dash", "flask")}


def test_loaders_know_nothing_of_the_app():
    loaded = _modules_after_import("loaders", "loaders.coverage", "loaders.export")
    assert not {m for m in loaded if m == "app" or m.startswith("app.")}


def test_exports_know_no_page():
    exports = ("app.export.chart_csv", "app.export.images", "app.export.deck", "app.export.cli")
    loaded = _modules_after_import(*exports)
    pages = {"app.layout", "app.pages", "app.panels", "app.callbacks", "app.embed", "app.cards"}
    assert not pages & loaded
    assert not {m for m in loaded if m.split(".")[0] in ("dash", "flask")}


def test_tests_do_not_import_the_benchmarks():
    import ast

    offenders = []
    for path in (ROOT / "tests").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(
                n.split(".")[0] in {"bench", *(p.stem for p in (ROOT / "bench").glob("*.py"))} for n in names
            ):
                offenders.append(path.name)
    assert offenders == []
