"""Robustness: URL state and callback inputs under arbitrary input, malformed requests to the
callback endpoint, security headers, and attempts to read files outside what a route serves."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.catalog import vocabulary_of
from app.charts import CHARTS
from app.interaction import view_of_controls
from app.view import View, parse_query, view_query
from loaders import load_dataset

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
VOCABULARY = vocabulary_of(load_dataset())
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@FUZZ
@given(st.text(max_size=300))
def test_any_url_query_parses_to_known_values_without_raising(search):
    options = parse_query(search, VOCABULARY).view
    assert set(options.categories) <= set(VOCABULARY.categories)
    assert set(options.essays) <= set(VOCABULARY.essays)
    assert set(options.selected_ids) <= VOCABULARY.row_ids
    if options.year_range:
        low, high = options.year_range
        assert VOCABULARY.year_bounds[0] <= low <= high <= VOCABULARY.year_bounds[1]


NAMES = st.sampled_from(["category", "essay", "subject", "years", "context", "select", "evil", "years[]"])


@FUZZ
@given(st.lists(st.tuples(NAMES, st.text(max_size=40)), max_size=8))
def test_structured_but_wrong_queries_fall_back_with_a_problem(pairs):
    from urllib.parse import urlencode

    parsed = parse_query("?" + urlencode(pairs), VOCABULARY)
    assert isinstance(parsed.view, View)
    wrong = [v for k, v in pairs if k == "category" and v and v not in VOCABULARY.categories]
    if wrong:
        assert "unknown-category" in [p.code for p in parsed.problems]


@st.composite
def valid_options(draw):
    def subset(values):
        return (
            tuple(draw(st.lists(st.sampled_from(sorted(values)), unique=True, max_size=3))) if values else ()
        )

    low_bound, high_bound = VOCABULARY.year_bounds
    year_range = draw(
        st.none()
        | st.tuples(st.integers(low_bound, high_bound), st.integers(low_bound, high_bound))
        .map(sorted)
        .map(tuple)
        .filter(lambda r: r != VOCABULARY.year_bounds)
    )
    return View(
        categories=subset(VOCABULARY.categories),
        essays=subset(VOCABULARY.essays),
        subjects=subset(VOCABULARY.subjects),
        year_range=year_range,
        selected_ids=subset(VOCABULARY.row_ids),
        show_context=draw(st.booleans()),
    )


@FUZZ
@given(valid_options())
def test_a_shared_url_restores_exactly_the_view_it_was_made_from(options):
    parsed = parse_query("?" + view_query(options), VOCABULARY)
    assert parsed.view == options
    assert parsed.problems == ()


@FUZZ
@given(JSON, JSON, JSON, JSON, JSON, JSON)
def test_controls_of_any_shape_give_a_valid_view(categories, essays, subjects, years, context, selection):
    view = view_of_controls(categories, essays, subjects, years, context, VOCABULARY).view
    assert set(view.categories) <= set(VOCABULARY.categories) and set(view.essays) <= set(VOCABULARY.essays)


def callback_output(client) -> str:
    dependencies = client.get("/_dash-dependencies").get_json()
    return dependencies[0]["output"]


MALFORMED = {
    "not json": dict(data="{oops", content_type="application/json"),
    "empty object": dict(json={}),
    "a list": dict(json=[1, 2, 3]),
    "a string": dict(json="output"),
    "unknown output": dict(
        json={
            "output": "nope.children",
            "outputs": {"id": "nope", "property": "children"},
            "inputs": [],
            "changedPropIds": [],
        }
    ),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_callback_requests_get_a_4xx_without_a_traceback(client, name):
    response = client.post("/_dash-update-component", **MALFORMED[name])
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, (response.status_code, body[:200])
    assert "Traceback" not in body and 'File "' not in body
    assert client.get("/").status_code == 200


def test_a_real_output_with_missing_or_mistyped_parts_gets_a_4xx(client):
    output = callback_output(client)
    for body in (
        {"output": output},
        {"output": output, "outputs": 5, "inputs": "x", "changedPropIds": 3},
        {"output": output, "outputs": {"id": "a", "property": "b"}, "inputs": [7]},
    ):
        response = client.post("/_dash-update-component", json=body)
        assert 400 <= response.status_code < 500, (body, response.status_code)


def test_a_huge_payload_is_refused_with_413(client):
    response = client.post(
        "/_dash-update-component", data='{"a":"' + "x" * 5_000_000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert client.get("/").status_code == 200


def concrete_items(spec_id: str, prop: str, value, chart_id: str):
    """A dependency as the browser sends it: MATCH is one chart's id, ALL a list of two items."""
    if not spec_id.startswith("{"):
        return {"id": spec_id, "property": prop, "value": value}
    pattern = json.loads(spec_id)

    def one(number: int) -> dict:
        wildcard = {"MATCH": chart_id, "ALL": f"option-{number}", "ALLSMALLER": f"option-{number}"}
        concrete = {k: wildcard[v[0]] if isinstance(v, list) else v for k, v in pattern.items()}
        return {"id": concrete, "property": prop, "value": value}

    is_many = any(v in (["ALL"], ["ALLSMALLER"]) for v in pattern.values())
    return [one(0), one(1)] if is_many else one(0)


def output_items(dependency: dict, chart_id: str) -> list:
    def spec_only(item: dict) -> dict:
        return {"id": item["id"], "property": item["property"]}

    items = []
    for part in dependency["output"].strip(".").split("..."):
        spec, prop = part.rsplit(".", 1)
        item = concrete_items(spec, prop.split("@")[0], None, chart_id)
        items.append([spec_only(i) for i in item] if isinstance(item, list) else spec_only(item))
    return items


def prop_id(item: dict) -> str:
    ident = item["id"]
    text = json.dumps(ident, sort_keys=True, separators=(",", ":")) if isinstance(ident, dict) else ident
    return f"{text}.{item['property']}"


def fuzzed_body(dependency: dict, values: list, chart_id: str) -> dict:
    def value(number: int):
        return values[number % len(values)] if values else None

    outputs = output_items(dependency, chart_id)
    inputs = [
        concrete_items(d["id"], d["property"], value(n), chart_id) for n, d in enumerate(dependency["inputs"])
    ]
    return {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [concrete_items(d["id"], d["property"], value(-1), chart_id) for d in dependency["state"]],
        "changedPropIds": [prop_id(inputs[0])] if inputs and isinstance(inputs[0], dict) else [],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(JSON, min_size=0, max_size=8), chart=st.sampled_from([c.id for c in CHARTS]))
def test_real_callbacks_with_arbitrary_values_never_answer_500(client, values, chart):
    """Every server callback, pattern-matching (MATCH/ALL) ones included: a raising callback is a
    500 (logged with its traceback), so any bug these values reach fails this test."""
    dependencies = client.get("/_dash-dependencies").get_json()
    served = [d for d in dependencies if not d.get("clientside_function")]
    assert any("MATCH" in d["output"] for d in served), "the pattern-matching callbacks are covered"
    for dependency in served:
        body = fuzzed_body(dependency, values, chart)
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code < 500, (dependency["output"], response.get_data(as_text=True)[:300])
        assert response.status_code != 400, (dependency["output"], response.get_json())


@pytest.mark.parametrize("path", ["/", "/table", "/_dash-layout", "/_dash-dependencies", "/assets/app.css"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert (
        "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_only_embed_pages_may_be_framed_by_other_sites(client):
    from app.charts import CHARTS

    response = client.get(f"/embed/{CHARTS[0].id}")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


TRAVERSALS = [
    "/assets/../pyproject.toml",
    "/assets/%2e%2e/pyproject.toml",
    "/assets/..%2fpyproject.toml",
    "/assets/%2e%2e%2f%2e%2e%2fetc/passwd",
    "/_dash-component-suites/../../pyproject.toml",
    "/_dash-component-suites/dash/..%2f..%2f..%2fpyproject.toml",
    "/embed/..%2f..%2fpyproject.toml",
    "/download/..%2f..%2fpyproject.toml.csv",
    "/embed/plotly.min.js/../../../pyproject.toml",
    "/assets/topojson/..%2f..%2f..%2findicators%2ffigures.csv",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_route_serves_a_file_outside_its_folder(client, path):
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert "[project]" not in body and "root:x:" not in body and "figure_id,report" not in body
    assert response.status_code in (400, 404), "no route answers a path outside its folder with a page"
