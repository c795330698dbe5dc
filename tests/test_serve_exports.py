"""Exports apart from pages: the bounded pool (quick 503 when full, identical requests made once,
processes at a lower priority that recover when one dies), the byte-bounded cache with ETags,
image sizes Chromium renders reliably, and decks that name each chart once."""

from __future__ import annotations

import io
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from app import create_app
from app.export import jobs
from app.export.cache import ExportCache
from app.export.images import ImageSizeError, image_size_problem, render_chart_image
from app.export.pool import ExportPool, PoolSettings
from app.view import View

THREADS_1_0 = PoolSettings(kind="thread", workers=1, waiting=0, wait_seconds=30)


@pytest.mark.parametrize(
    ("width", "height", "scale", "code"),
    [
        (1920, 1080, 1, None),
        (8000, 4500, 1, None),
        (2000, 2000, 4, None),
        (8000, 8000, 4, "too-large"),
        (16000, 16000, 1, "too-large"),
        (2001, 1000, 4, "too-large"),
        (5, 1080, 1, "bad-size"),
        (1920, 1080, 0, "bad-size"),
        (1920, 1080, float("nan"), "bad-size"),
        (1920, 1080, float("inf"), "bad-size"),
    ],
)
def test_image_sizes_are_capped_at_8000_px_on_the_long_side_after_scale(width, height, scale, code):
    problem = image_size_problem(width, height, scale)
    assert (problem is None) if code is None else problem.startswith(f"[{code}]")


def test_the_renderer_itself_refuses_an_oversized_image_before_starting_a_browser(dataset):
    from app.catalog import catalog_of
    from app.charts import get_chart

    with pytest.raises(ImageSizeError, match=r"\[too-large\]"):
        render_chart_image(get_chart("trade-2017"), catalog_of(dataset), View(), "png", 8000, 8000, 4)


@pytest.fixture
def blocked_app(dataset):
    """An app whose one export slot is held by a job that waits until released."""
    app = create_app(dataset, export_settings=THREADS_1_0)
    pool = app.server.extensions["sri_exports"].pool
    release = threading.Event()
    holder = threading.Thread(target=pool.run, args=("held", lambda _source: release.wait(30) and b"done"))
    holder.start()
    time.sleep(0.2)
    yield app
    release.set()
    holder.join()
    pool.shutdown()


@pytest.mark.parametrize("path", ["/download/deck.pptx", "/download/all-data.zip"])
def test_a_full_pool_answers_a_quick_503_with_retry_after(blocked_app, path):
    started = time.perf_counter()
    response = blocked_app.server.test_client().get(path)
    assert response.status_code == 503 and time.perf_counter() - started < 1
    assert response.headers["Retry-After"] == "10" and response.headers["Cache-Control"] == "no-store"
    assert "[busy]" in response.get_data(as_text=True)


def test_pages_still_answer_while_the_pool_is_full(blocked_app):
    assert blocked_app.server.test_client().get("/").status_code == 200


def test_identical_requests_in_flight_share_one_job(dataset):
    pool = ExportPool(dataset, PoolSettings(kind="thread", workers=1, waiting=3))
    calls, release = [], threading.Event()

    def job(_source):
        calls.append(1)
        release.wait(10)
        return b"made once"

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(pool.run("same", job))) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    release.set()
    for thread in threads:
        thread.join()
    pool.shutdown()
    assert answers == [b"made once"] * 3 and len(calls) == 1


def pid_and_niceness(_source) -> bytes:
    return f"{os.getpid()} {os.nice(0)}".encode()


def die(_source) -> bytes:
    os._exit(3)


def test_exports_run_in_another_process_at_a_lower_priority_and_survive_its_death(dataset):
    pool = ExportPool(dataset, PoolSettings(kind="process", workers=1, waiting=1))
    try:
        pid, niceness = map(int, pool.run("who", pid_and_niceness).split())
        assert pid != os.getpid() and niceness >= min(19, os.nice(0) + jobs.EXPORT_NICENESS)
        with pytest.raises(BrokenProcessPool):
            pool.run("die", die)
        again, _ = map(int, pool.run("who-again", pid_and_niceness).split())
        assert again not in (pid, os.getpid()), "a new export process took over"
    finally:
        pool.shutdown()


def test_the_cache_keeps_the_most_recent_exports_within_its_byte_budget():
    cache = ExportCache(max_bytes=100)
    for name in "abcd":
        cache.keep(name, name.encode() * 25)
    assert cache.size_bytes == 100 and [cache.get(n) is not None for n in "abcd"] == [True] * 4
    cache.get("a")  # now the most recently used
    cache.keep("e", b"e" * 25)
    assert cache.get("b") is None and cache.get("a") is not None and cache.size_bytes == 100
    big = cache.keep("big", b"x" * 26)  # over a quarter of the budget: sent, not kept
    assert big.etag and cache.get("big") is None


def test_a_repeated_export_comes_from_the_cache_with_etag_and_cache_control(dataset, monkeypatch):
    app = create_app(dataset, export_settings=THREADS_1_0)
    client = app.server.test_client()
    url = "/download/deck.pptx?chart=loans-net-flows&category=loans"
    first = client.get(url)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, max-age=3600"
    pool = app.server.extensions["sri_exports"].pool
    monkeypatch.setattr(pool, "run", lambda *args: pytest.fail("made again instead of taken from the cache"))
    again = client.get(url)
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    revalidated = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304 and revalidated.data == b""
    pool.shutdown()


def test_the_pool_keeps_every_export_it_finishes(dataset):
    """Kept as each job ends (the pool's on_done), also for a visitor who left before it did."""
    app = create_app(dataset, export_settings=THREADS_1_0)
    exports = app.server.extensions["sri_exports"]
    assert exports.pool.run("made-once", lambda _source: b"an export") == b"an export"
    deadline = time.monotonic() + 5  # the done callback runs on the pool's thread, just after
    while exports.cache.get("made-once") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    kept = exports.cache.get("made-once")
    assert kept is not None and kept.data == b"an export" and kept.etag
    exports.pool.shutdown()


def test_a_deck_names_each_chart_once_however_often_it_is_asked_for(dataset):
    from pptx import Presentation

    app = create_app(dataset, export_settings=THREADS_1_0)
    client = app.server.test_client()
    response = client.get("/download/deck.pptx?" + "&".join(["chart=loans-net-flows"] * 25))
    assert response.status_code == 200
    assert len(Presentation(io.BytesIO(response.data)).slides) == 2  # the title, then the chart once
    unknown = client.get("/download/deck.pptx?chart=loans-net-flows&chart=no-such-chart")
    assert unknown.status_code == 400 and "[unknown-chart]" in unknown.get_json()["error"]
    app.server.extensions["sri_exports"].pool.shutdown()


def test_pool_settings_come_from_the_environment_and_refuse_an_unknown_kind():
    settings = PoolSettings.from_env({"SRI_EXPORT_POOL": "thread", "SRI_EXPORT_WORKERS": "2"})
    assert (settings.kind, settings.workers, settings.waiting) == ("thread", 2, 2)
    with pytest.raises(ValueError, match="SRI_EXPORT_POOL"):
        PoolSettings.from_env({"SRI_EXPORT_POOL": "fork"})


def test_a_csv_download_stays_safe_for_a_cell_that_bypassed_validation(dataset):
    import csv
    import dataclasses

    from app.catalog import catalog_of
    from app.charts import CHARTS, chart_rows

    figures = dataset.figures.copy()
    figures.loc[figures.index[0], "note"] = '=HYPERLINK("https://evil.example","click")'
    tampered = dataclasses.replace(dataset, figures=figures)
    row_id = figures.iloc[0]["figure_id"]
    selection = catalog_of(tampered).select(View())
    chart = next(c for c in CHARTS if row_id in set(chart_rows(c, selection).frame()["row_id"]))
    client = create_app(tampered, export_settings=THREADS_1_0).server.test_client()
    rows = list(csv.reader(io.StringIO(client.get(f"/download/{chart.id}.csv").get_data(as_text=True))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://evil.example","click")' in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
