"""Shared fixtures: where the curated data and the report texts are, and copies to break."""

from __future__ import annotations

import csv
import os
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = ROOT / "indicators"
IN_CI = os.environ.get("CI", "").lower() == "true"

# The citation columns every chart's rows and CSV must carry: stated here, not imported from the
# code, so that a test fails if the code drops one.
CITATION_COLUMNS = (
    "report",
    "essay",
    "footnote",
    "cited_source",
    "cited_url",
    "quote",
    "qualifier",
    "unit",
    "flag",
    "note",
)


def locate_reports() -> Path | None:
    """$SRI_REPORTS_DIR, else ../shared/reports beside the checkout."""
    configured = os.environ.get("SRI_REPORTS_DIR")
    candidate = Path(configured) if configured else ROOT.parent / "shared" / "reports"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def reports_dir() -> Path:
    found = locate_reports()
    if found is None:
        message = (
            "report texts not found: set SRI_REPORTS_DIR or put shared/reports beside the checkout; "
            "quote checks need them"
        )
        if IN_CI:
            pytest.fail(message + " (CI must have them)")
        pytest.skip(message)
    return found


class CuratedCopy:
    """A copy of indicators/ in a temporary folder, with helpers to break one cell at a time."""

    def __init__(self, root: Path):
        self.root = root

    def rows(self, relative: str) -> tuple[list[str], list[list[str]], list[int]]:
        """Header, rows and the editor line each row starts on."""
        with (self.root / relative).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows, lines, end = [], [], reader.line_num
            for row in reader:
                rows.append(row)
                lines.append(end + 1)
                end = reader.line_num
        return header, rows, lines

    def write(self, relative: str, header: list[str], rows: list[list[str]]) -> None:
        with (self.root / relative).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)

    def set_cell(self, relative: str, index: int, column: str, value: str) -> tuple[int, int]:
        """Change one cell; return the (line, column number) a problem there must point at."""
        header, rows, lines = self.rows(relative)
        position = header.index(column)
        rows[index][position] = value
        self.write(relative, header, rows)
        return lines[index], position + 1

    def cell(self, relative: str, index: int, column: str) -> str:
        header, rows, _ = self.rows(relative)
        return rows[index][header.index(column)]


@pytest.fixture
def curated_copy(tmp_path: Path) -> CuratedCopy:
    target = tmp_path / "indicators"
    shutil.copytree(INDICATORS, target)
    return CuratedCopy(target)


# --- dashboard (app/) fixtures: added by the dashboard work; keep this block together -------------

# Debian's chromium and chromium-driver; the environment may point elsewhere.
DASHBOARD_CHROMIUM = Path(os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium"))
DASHBOARD_CHROMEDRIVER = Path(os.environ.get("DASHBOARD_CHROMEDRIVER", "/usr/bin/chromedriver"))


def dashboard_browser_problem() -> str | None:
    """Why real headless Chromium cannot run here, or None when it can."""
    missing = [str(p) for p in (DASHBOARD_CHROMIUM, DASHBOARD_CHROMEDRIVER) if not p.exists()]
    if missing:
        return f"missing {', '.join(missing)} (install Debian's chromium and chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


@pytest.fixture(scope="session")
def require_dashboard_browser() -> None:
    """Skip browser tests where Chromium is missing; under CI=true that is a failure instead."""
    problem = dashboard_browser_problem()
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"browser test cannot run: {problem} (CI=true requires it)")
    pytest.skip(f"browser test skipped: {problem}")


def make_tiny_dataset(
    figures=(), exercises=(), events=(), reference_values=(), reference_series=(), indicators=(), sources=()
):
    """A Dataset from a few inline rows (dicts); every column the schema declares, typed like the loaders'."""
    from loaders import Dataset
    from loaders.package import build_frame, read_descriptor, table_name

    descriptor = read_descriptor(INDICATORS)
    given = {
        "figures": figures,
        "exercises": exercises,
        "events": events,
        "sources": sources,
        "reference_values": reference_values,
        "reference_series": reference_series,
        "indicators": indicators,
    }
    frames = {}
    for resource in descriptor["resources"]:
        name = table_name(resource)
        if name.startswith("reference_") and name not in ("reference_series",):
            name = "reference_values"
        if name in frames and name == "reference_values":
            continue
        fields = resource["schema"]["fields"]
        records = [{f["name"]: row.get(f["name"]) for f in fields} for row in given.get(name, ())]
        frames[name] = build_frame(records, fields)
    return Dataset(**{n: frames[n] for n in Dataset.table_names()}, descriptor=descriptor)


# Shared by every real-browser test: the app served on a free loopback port, and Chromium.

# Chromedriver's words when the page's renderer stops answering it: once in CI (stop 19) the very
# first page load of a run hung for chromedriver's whole 300 s default, and never locally in
# dozens of runs, alone or with the CPU saturated. So a browser test waits at most
# PAGE_LOAD_TIMEOUT_S for a page, is run once more (with a fresh Chromium) if, and only if, it
# failed with these words (pytest-rerunfailures; the summary shows the rerun as R), and the
# run's output shows what every thread of this process, the test server's included, was
# doing: if our server ever hangs a page, the next failure says where.
RENDERER_HANG = "Timed out receiving message from renderer"
PAGE_LOAD_TIMEOUT_S = 90


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[RENDERER_HANG]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.excinfo is not None and RENDERER_HANG in str(call.excinfo.value):
        # Written out at once: a rerun that passes would otherwise leave no trace of the hang.
        stacks = f"\n{item.nodeid}: the renderer hung; threads of the test process:\n{thread_stacks()}"
        terminal = item.config.pluginmanager.get_plugin("terminalreporter")
        terminal.write_line(stacks) if terminal else print(stacks, file=sys.__stderr__)
    return report


def thread_stacks() -> str:
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return "\n".join(
        f"--- thread {names.get(ident, ident)}\n" + "".join(traceback.format_stack(frame))
        for ident, frame in sys._current_frames().items()
    )


@pytest.fixture(scope="session")
def dataset():
    from loaders import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def catalog(dataset):
    from app.catalog import catalog_of

    return catalog_of(dataset)


@pytest.fixture(scope="module")
def client(dataset):
    """The app's Flask test client, one app per test module."""
    from app import create_app

    return create_app(dataset).server.test_client()


@pytest.fixture(scope="session")
def base_url(require_dashboard_browser):
    from werkzeug.serving import make_server

    from app import create_app

    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def browser(require_dashboard_browser):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(DASHBOARD_CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1440,1000",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DASHBOARD_CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
    yield driver
    driver.quit()


def wait_for(predicate, timeout: float = 20, message: str = "condition"):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as error:  # noqa: BLE001 - DOM not ready yet
            last = error
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message} (last: {last!r})")


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


# --- end of dashboard block ------------------------------------------------------------------------
