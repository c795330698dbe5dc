"""The callback response cache: identical requests get identical bytes; it stays bounded."""

from __future__ import annotations

import flask

from app.response_cache import CALLBACK_PATH, ResponseCache, install_response_cache


def make_server(cache: ResponseCache):
    server = flask.Flask(__name__)
    calls = []

    @server.post(CALLBACK_PATH)
    def update():
        calls.append(flask.request.get_json())
        if flask.request.get_json().get("fail"):
            return flask.jsonify(error="bad"), 400
        return flask.jsonify(answer=len(calls))

    install_response_cache(server, cache)
    return server.test_client(), calls


def test_an_identical_request_is_answered_from_memory_with_identical_bytes():
    cache = ResponseCache()
    client, calls = make_server(cache)
    first = client.post(CALLBACK_PATH, json={"output": "a.b", "inputs": [1]})
    second = client.post(CALLBACK_PATH, json={"output": "a.b", "inputs": [1]})
    assert first.get_data() == second.get_data()
    assert len(calls) == 1 and (cache.hits, cache.misses) == (1, 1)


def test_a_different_request_is_computed():
    client, calls = make_server(ResponseCache())
    client.post(CALLBACK_PATH, json={"inputs": [1]})
    answer = client.post(CALLBACK_PATH, json={"inputs": [2]}).get_json()
    assert len(calls) == 2 and answer == {"answer": 2}


def test_error_answers_are_not_remembered():
    client, calls = make_server(ResponseCache())
    client.post(CALLBACK_PATH, json={"fail": True})
    client.post(CALLBACK_PATH, json={"fail": True})
    assert len(calls) == 2


def test_the_cache_is_bounded_in_entries_and_bytes():
    cache = ResponseCache(max_entries=3, max_bytes=10_000)
    for n in range(10):
        cache.put(str(n), b"x" * 100, "application/json", 200)
    assert len(cache) == 3 and cache.get("0") is None and cache.get("9") is not None
    cache.put("big", b"x" * 5_000, "application/json", 200)  # over an eighth of the bytes: refused
    assert cache.get("big") is None
