"""The deployment as the README describes it: Debian's nginx with the site deploy/nginx_site.py
writes, in front of two gunicorn app servers (deploy/gunicorn.conf.py, one worker each to keep
the test light), all on loopback. Skipped where nginx is missing; under CI=true that fails."""

from __future__ import annotations

import json
import threading
import time

import pytest
from dash_support import callback_request
from export_support import require_browser
from serve_support import fetch, free_port, gunicorn, load_nginx_site, nginx, raw_request, require_nginx

from app.charts import CHARTS
from app.paths import ASSETS

pytestmark = pytest.mark.server  # real gunicorn/nginx processes: -m "not server" skips them

VIEW = "?category=arms&years=2005-2018&context=0"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    require_nginx()
    tmp = tmp_path_factory.mktemp("deploy")
    with gunicorn(tmp, "first", workers=1) as first, gunicorn(tmp, "second", workers=1) as second:
        with nginx(tmp, [f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"]) as proxy:
            yield {"proxy": proxy, "apps": (first, second)}


def route_answer(base_url: str, search: str) -> dict:
    """The page a visit to /{search} draws (controls, charts), as the route callback answers it."""

    class Client:
        def get(self, path):
            answer = fetch(base_url + path)
            return type("Response", (), {"get_json": lambda _self: json.loads(answer.body)})()

    body = callback_request(Client(), "page-content.children", {"url.pathname": "/", "url.search": search})
    answer = fetch(base_url + "/_dash-update-component", data=json.dumps(body).encode())
    assert answer.status == 200, answer.text[:300]
    return json.loads(answer.body)["response"]


def test_state_in_the_url_restores_on_either_backend(deployment):
    first, second = deployment["apps"]
    answers = [route_answer(app.base_url, VIEW) for app in (first, second)]
    answers += [route_answer(deployment["proxy"].base_url, VIEW) for _ in range(2)]
    assert answers[0]["filter-category"]["value"] == ["arms"]
    assert answers[0]["filter-context"]["value"] == []
    assert all(answer == answers[0] for answer in answers[1:]), "every backend restores the same view"
    pages = {fetch(app.base_url + f"/embed/arms-deliveries{VIEW}").body for app in (first, second)}
    assert len(pages) == 1


FALLBACK_POLICY = "default-src 'none'"


def assert_security_headers(answer, app_wrote_it: bool) -> None:
    policy = answer.headers.get("content-security-policy", "")
    assert policy.count("default-src") == 1, policy
    assert (FALLBACK_POLICY not in policy) == app_wrote_it, policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"]
    assert answer.headers["x-frame-options"] == "DENY"


def test_security_headers_on_answers_nginx_and_gunicorn_write_themselves(deployment):
    proxy = deployment["proxy"]
    too_long = fetch(proxy.base_url + "/?a=" + "x" * 9000)  # nginx: 414
    assert too_long.status == 414
    assert_security_headers(too_long, app_wrote_it=False)
    missing_asset = fetch(proxy.base_url + "/assets/no-such-file.css")  # nginx: 404
    assert missing_asset.status == 404
    assert_security_headers(missing_asset, app_wrote_it=False)
    headers = b"".join(b"X-Filler-%d: x\r\n" % n for n in range(60))  # gunicorn: over 50 headers
    raw = raw_request(proxy.port, b"GET / HTTP/1.1\r\nHost: x\r\n" + headers + b"Connection: close\r\n\r\n")
    head = raw.split(b"\r\n\r\n")[0].decode().lower()
    assert head.startswith("http/1.1 4") and "server: nginx" in head, head[:200]
    assert f"content-security-policy: {FALLBACK_POLICY}" in head and "x-frame-options: deny" in head
    page = fetch(proxy.base_url + "/")
    assert page.status == 200
    assert_security_headers(page, app_wrote_it=True)
    embed = fetch(proxy.base_url + "/embed/loans-net-flows")
    assert embed.headers["content-security-policy"].endswith("frame-ancestors *")
    assert "x-frame-options" not in embed.headers, "embed pages stay frameable behind nginx"


def test_headers_on_proxy_errors_when_no_app_server_answers(tmp_path):
    dead = f"127.0.0.1:{free_port()}"
    with nginx(tmp_path, [dead]) as proxy:
        answer = fetch(proxy.base_url + "/")
    assert answer.status == 502
    assert_security_headers(answer, app_wrote_it=False)


def test_assets_come_from_disk_and_downloads_from_nginx_cache(deployment):
    proxy = deployment["proxy"]
    css = fetch(proxy.base_url + "/assets/app.css")
    assert css.body == (ASSETS / "app.css").read_bytes() and "max-age=3600" in css.headers["cache-control"]
    url = proxy.base_url + "/download/loans-net-flows.csv?category=loans"
    first, again = fetch(url), fetch(url)
    assert (first.status, again.status) == (200, 200) and first.body == again.body
    assert again.headers["x-cache-status"] == "HIT"
    revalidated = fetch(url, headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status == 304
    refused_url = proxy.base_url + "/download/loans-net-flows.csv?category=nonsense"
    refused, refused_again = fetch(refused_url), fetch(refused_url)
    assert (refused.status, refused_again.status) == (400, 400)
    assert refused_again.headers["x-cache-status"] == "MISS", "refusals are never kept"


@pytest.mark.image  # renders PNGs and decks with kaleido and Chromium
def test_an_export_burst_does_not_slow_page_loads(deployment):
    require_browser()
    proxy = deployment["proxy"].base_url
    urls = [f"{proxy}/download/deck.pptx?years={1990 + n}-2020" for n in range(4)]
    urls += [f"{proxy}/download/{CHARTS[n % len(CHARTS)].id}.png?years={1991 + n}-2021" for n in range(12)]
    answers: dict = {}
    threads = [
        threading.Thread(target=lambda u=u: answers.__setitem__(u, fetch(u, timeout=180))) for u in urls
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    pages = []
    while any(thread.is_alive() for thread in threads) or len(pages) < 5:
        pages.append(fetch(proxy + "/"))
        time.sleep(0.3)
    for thread in threads:
        thread.join()
    assert all(page.status == 200 for page in pages)
    assert max(page.seconds for page in pages) < 3.0, [round(page.seconds, 2) for page in pages]
    statuses = sorted(answer.status for answer in answers.values())
    assert set(statuses) <= {200, 429, 503} and 200 in statuses, statuses
    assert 429 in statuses, "nginx holds a burst of 16 exports from one address to 10 and the rate"
    for answer in answers.values():
        if answer.status in (429, 503):
            assert answer.headers["retry-after"].isdigit(), answer.headers


def test_the_site_renderer_refuses_values_that_would_break_out_of_their_line(tmp_path):
    render = load_nginx_site().render_site
    assert "server 127.0.0.1:8001 " in render(["127.0.0.1:8001"], "80", "_", tmp_path, tmp_path)
    for servers, listen, name in (
        (["127.0.0.1:8001; include /etc/passwd"], "80", "_"),
        (["127.0.0.1:8001"], "80; root /", "_"),
        (["127.0.0.1:8001"], "80", "x;\n}"),
        ([], "80", "_"),
    ):
        with pytest.raises(ValueError):
            render(servers, listen, name, tmp_path, tmp_path)
