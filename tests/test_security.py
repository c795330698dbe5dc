"""Errors surface and bad input is refused: unknown paths are a friendly 404, malformed callback
bodies a coded 4xx with one log line, a raising callback a logged 500 that leaks nothing, and
responses carry cache rules that keep a proxy from storing what it should not."""

from __future__ import annotations

import json
import logging

import pytest
from dash import ALL, MATCH, Input, Output
from dash_support import callback_request

from app import create_app
from app.charts import CHARTS
from app.routes import is_page_path

SECRET = "internal-detail-4711"


@pytest.fixture(scope="module")
def app():
    dash_app = create_app()

    @dash_app.callback(Output("boom", "children"), Input("boom-button", "n_clicks"))
    def boom(_clicks):
        raise RuntimeError(SECRET)

    @dash_app.callback(
        Output({"type": "boom-out", "index": MATCH}, "children"),
        Input({"type": "boom-in", "index": MATCH}, "n_clicks"),
    )
    def boom_match(_clicks):
        raise KeyError(SECRET)

    @dash_app.callback(Output("boom-all", "children"), Input({"type": "boom-in", "index": ALL}, "n_clicks"))
    def boom_all(_clicks):
        raise ValueError(SECRET)

    return dash_app


@pytest.fixture
def client(app):
    return app.server.test_client()


def app_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name.startswith("app")]


@pytest.mark.parametrize(
    "path",
    [
        "/.git/config",
        "/download/..%2f..%2fetc%2fpasswd.csv",
        "/chart/no-such-chart",
        "/wp-login.php",
        "/table/x",
    ],
)
def test_unknown_paths_are_a_friendly_404_page_with_one_log_line(client, caplog, path):
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Page not found" in page and 'href="/"' in page and 'href="/table"' in page
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    records = app_records(caplog)
    assert len(records) == 1 and records[0].levelno == logging.WARNING and records[0].exc_info is None


@pytest.mark.parametrize("path", ["/", "/table", "/table/", "/sources", *[f"/chart/{c.id}" for c in CHARTS]])
def test_every_page_the_router_knows_is_served(client, path):
    assert is_page_path(path)
    response = client.get(path)
    assert response.status_code == 200 and "_dash-renderer" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"


def test_a_script_in_an_unknown_path_is_not_run_from_the_404_page(client):
    page = client.get("/%3Cscript%3Ealert(1)%3C/script%3E").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def route_body(client) -> dict:
    return callback_request(client, "page-content.children", {"url.pathname": "/", "url.search": ""})


def bad_bodies(client) -> dict[str, tuple[object, str]]:
    """name -> (body, the code it must be refused with)."""
    good = route_body(client)
    pattern_output = '{"index":["MATCH"],"type":"boom-out"}.children'
    return {
        "a list": ([1, 2], "bad-callback"),
        "unknown output": (dict(good, output="nope.children"), "unknown-callback"),
        "an input too few": (dict(good, inputs=good["inputs"][:-1]), "bad-callback"),
        "another callback's input": (
            dict(good, inputs=[dict(good["inputs"][0], id="filter-category")] + good["inputs"][1:]),
            "bad-callback",
        ),
        "one output for many": (dict(good, outputs=good["outputs"][0]), "bad-callback"),
        "a string id for a pattern": (
            {
                "output": pattern_output,
                "outputs": {"id": "boom-out", "property": "children"},
                "inputs": [{"id": "boom-in", "property": "n_clicks", "value": 1}],
            },
            "bad-callback",
        ),
        "a dict where ALL needs a list": (
            {
                "output": "boom-all.children",
                "outputs": {"id": "boom-all", "property": "children"},
                "inputs": [{"id": {"type": "boom-in", "index": 1}, "property": "n_clicks", "value": 1}],
            },
            "bad-callback",
        ),
        "too many values": (
            dict(good, state=[dict(good["state"][0], value=list(range(20_000)))] + good["state"][1:]),
            "too-many-values",
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "a list",
        "unknown output",
        "an input too few",
        "another callback's input",
        "one output for many",
        "a string id for a pattern",
        "a dict where ALL needs a list",
        "too many values",
    ],
)
def test_a_callback_body_that_fits_no_callback_is_a_coded_400_with_one_log_line(client, caplog, name):
    body, code = bad_bodies(client)[name]
    with caplog.at_level(logging.INFO):
        response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400 and f"[{code}]" in response.get_json()["error"]
    records = app_records(caplog)
    assert len(records) == 1 and records[0].exc_info is None, [r.getMessage() for r in records]


def test_a_body_let_through_by_its_brackets_and_commas_is_one_the_walk_lets_through(client):
    """The size check skips its walk when the raw body's brackets and commas are within the
    limits (app/security.py): that bound must never let through what the walk refuses."""
    from app.security import MAX_JSON_DEPTH, MAX_JSON_VALUES, _size_problem

    good = route_body(client)
    bodies = [
        good,
        [[]] * (MAX_JSON_VALUES - 1),
        [0] * (MAX_JSON_VALUES + 1),
        {"a": ",,,[[[{{{" * 5_000},  # brackets and commas in a string: bound too high, walked
        dict(good, state=[{"value": list(range(MAX_JSON_VALUES))}]),
    ]
    deep = []
    for depth in (MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 5):
        nested: list = []
        for _ in range(depth):
            nested = [nested]
        deep.append(nested)
    verdicts = []
    for body in [*bodies, *deep]:
        raw = json.dumps(body).encode()
        verdicts.append(_size_problem(body))
        assert _size_problem(body, raw) == verdicts[-1], raw[:80]
    assert None in verdicts and any(v and "too-deep" in v for v in verdicts)
    assert any(v and "too-many-values" in v for v in verdicts)


def browser_named(body: dict) -> dict:
    """``body`` with its outputs named as the browser names them: an output several callbacks
    share keeps Dash's '@<hash>' (allow_duplicate)."""
    output = body["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    named = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return dict(body, outputs=named if output.startswith("..") else named[0])


def test_a_body_let_through_on_one_comparison_is_one_the_walk_lets_through(app, client):
    """A body naming a callback's items exactly as it declares them passes on one comparison
    (app/security.py); every other is walked. Both ways must give the same verdict, and the
    browser's own requests must take the short one."""
    from app.security import _sent_as_declared, callback_request_problem, problem_by_walk

    server_callbacks = [
        d for d in client.get("/_dash-dependencies").get_json() if not d.get("clientside_function")
    ]
    browser = []
    for dependency in server_callbacks:
        first = dependency["output"].strip(".").split("...")[0].split("@")[0]
        if "{" not in dependency["output"] and not any(
            str(item["id"]).startswith("{") for item in dependency["inputs"] + dependency["state"]
        ):
            browser.append(browser_named(callback_request(client, first, {})))
    assert len(browser) >= 4
    good = browser_named(route_body(client))
    bodies = [*browser, *(body for body, _ in bad_bodies(client).values())]
    bodies += [
        route_body(client),  # outputs without their '@<hash>': walked, and let through
        dict(good, changedPropIds="url.pathname"),
        dict(good, inputs=[*good["inputs"][:-1], "url.search"]),
        dict(good, inputs={"0": good["inputs"][0]}),
        dict(good, state=None),
        {key: value for key, value in good.items() if key != "state"},
        dict(good, outputs=[dict(o, property=o["property"] + "@elsewhere") for o in good["outputs"]]),
        dict(good, inputs=[dict(good["inputs"][0], property="hash"), *good["inputs"][1:]]),
        dict(good, state=[dict(good["state"][0], value=list(range(20_000))), *good["state"][1:]]),
    ]
    verdicts = []
    for body in bodies:
        raw = json.dumps(body).encode()
        verdicts.append(problem_by_walk(body, app.callback_map, raw))
        assert callback_request_problem(body, app.callback_map, raw) == verdicts[-1], raw[:200]
    assert verdicts.count(None) >= len(browser) + 2 and any(v and "too-many-values" in v for v in verdicts)
    for body in browser:
        assert _sent_as_declared(body, body["output"], app.callback_map[body["output"]]), body["output"]


def test_json_nested_100k_deep_is_a_400_not_a_recursion_error(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/_dash-update-component", data="[" * 100_000 + "]" * 100_000, content_type="application/json"
        )
    assert response.status_code == 400 and "[too-deep]" in response.get_json()["error"]
    assert [r.exc_info for r in app_records(caplog)] == [None]


def test_the_real_route_callback_answers_with_outputs_named_as_the_browser_names_them(client):
    body = route_body(client)
    assert client.post("/_dash-update-component", json=body).status_code == 200
    # The browser sends a shared output's property with Dash's '@<hash>' (allow_duplicate).
    parts = body["output"][2:-2].split("...")
    body["outputs"] = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    assert any("@" in output["property"] for output in body["outputs"])
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200 and "filter-category" in response.get_json()["response"]


RAISING = {
    "plain": lambda: {
        "output": "boom.children",
        "outputs": {"id": "boom", "property": "children"},
        "inputs": [{"id": "boom-button", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["boom-button.n_clicks"],
    },
    "MATCH": lambda: {
        "output": '{"index":["MATCH"],"type":"boom-out"}.children',
        "outputs": {"id": {"index": 3, "type": "boom-out"}, "property": "children"},
        "inputs": [{"id": {"index": 3, "type": "boom-in"}, "property": "n_clicks", "value": 1}],
        "changedPropIds": ['{"index":3,"type":"boom-in"}.n_clicks'],
    },
    "ALL": lambda: {
        "output": "boom-all.children",
        "outputs": {"id": "boom-all", "property": "children"},
        "inputs": [
            [{"id": {"index": n, "type": "boom-in"}, "property": "n_clicks", "value": n} for n in range(3)]
        ],
        "changedPropIds": ['{"index":1,"type":"boom-in"}.n_clicks'],
    },
}


@pytest.mark.parametrize("kind", list(RAISING))
def test_a_raising_callback_is_logged_with_its_traceback_and_answered_500_leaking_nothing(
    client, caplog, kind
):
    with caplog.at_level(logging.INFO):
        response = client.post("/_dash-update-component", json=RAISING[kind]())
    body = response.get_data(as_text=True)
    assert response.status_code == 500, body[:300]
    assert SECRET not in body and "Traceback" not in body and json.loads(body)["error"].startswith("internal")
    errors = [r for r in app_records(caplog) if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert SECRET in str(errors[0].exc_info[1]), "the log names what went wrong"
