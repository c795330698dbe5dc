"""Repeated page and chart requests are answered from memory, bounded in bytes; nothing else is."""

from __future__ import annotations

import pytest
from dash_support import callback_request

from app import create_app
from app.answers import EXTENSION, kept_output
from app.export.cache import BoundedCache


@pytest.fixture
def app(dataset):
    return create_app(dataset)


def visit(client, search: str = ""):
    body = callback_request(
        client, "page-content.children", {"url.pathname": "/", "url.search": search}, changed=["url.pathname"]
    )
    return client.post("/_dash-update-component", json=body), body


def test_a_visit_is_kept_the_second_time_it_comes_and_then_answered_from_memory(app, monkeypatch):
    client, answers = app.server.test_client(), app.server.extensions[EXTENSION]
    first, _ = visit(client, "?category=trade")
    assert first.status_code == 200 and len(answers) == 0  # asked once: not worth the memory
    second, _ = visit(client, "?category=trade")
    assert second.data == first.data and len(answers) == 1 and answers.size_bytes == len(first.data)
    again, _ = visit(client, "?category=trade")
    assert again.data == first.data and again.mimetype == "application/json"
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    monkeypatch.setattr(answers, "get", lambda key: b'{"kept": true}')  # what it kept
    assert visit(client, "?category=trade")[0].get_json() == {"kept": True}


def test_each_distinct_request_has_its_own_answer(app):
    client, answers = app.server.test_client(), app.server.extensions[EXTENSION]
    trade = [visit(client, "?category=trade")[0] for _ in range(2)]
    arms = [visit(client, "?category=arms")[0] for _ in range(2)]
    assert trade[1].data == trade[0].data != arms[0].data == arms[1].data and len(answers) == 2
    assert [
        visit(client, f"?category=trade&years={low}-2019")[0].status_code for low in range(1990, 1999)
    ] == [200] * 9
    assert len(answers) == 2  # nine views asked once each: none kept


def test_refused_and_failed_requests_are_never_kept(app):
    client, answers = app.server.test_client(), app.server.extensions[EXTENSION]
    _, body = visit(client)
    answers_before = len(answers)
    body["inputs"] = body["inputs"][:1]  # no longer the callback's shape: a 400
    assert client.post("/_dash-update-component", json=body).status_code == 400
    assert len(answers) == answers_before


def test_a_failing_callback_is_not_kept(dataset, monkeypatch):
    from app.callbacks import shell

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(shell, "page_drawings", broken)
    app = create_app(dataset)
    client, answers = app.server.test_client(), app.server.extensions[EXTENSION]
    response, _ = visit(client, "?category=loans")
    assert response.status_code == 500 and len(answers) == 0


def test_only_the_page_and_chart_callbacks_are_kept(app):
    assert kept_output({"output": "..page-content.children...figures-store.data@abc.."})
    assert kept_output({"output": "..figures-store.data@12ce...filter-query.data@12ce.."})
    assert not kept_output({"output": "..citation-card.children...selection-summary.children.."})
    assert not kept_output({"output": "table-grid.rowData"}) and not kept_output("not a body")


def test_memory_is_bounded_in_bytes(dataset):
    app = create_app(dataset)
    answers = app.server.extensions[EXTENSION] = BoundedCache(max_bytes=3_000_000)  # a few answers
    client = app.server.test_client()
    for low in range(1990, 2010):
        for _ in range(2):  # kept the second time
            assert visit(client, f"?years={low}-2019&category=arms")[0].status_code == 200
    assert 0 < answers.size_bytes <= 3_000_000 and len(answers) < 20
