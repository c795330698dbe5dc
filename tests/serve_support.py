"""Real servers for the serving tests: gunicorn with deploy/gunicorn.conf.py, nginx with the site
deploy/nginx_site.py writes, on free loopback ports in temporary folders. Each runs in its own
process group and is stopped with everything it started (export processes, Chromium) however the
test ends."""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import IN_CI, ROOT

NGINX = Path(os.environ.get("SRI_NGINX", "/usr/sbin/nginx"))
START_TIMEOUT_S = 90  # a cold worker loads and validates the data, on a busy 2-core machine


def require_nginx() -> Path:
    """Debian's nginx, else skip saying so (under CI=true, fail: CI installs it)."""
    if NGINX.exists():
        return NGINX
    message = f"needs nginx at {NGINX} (Debian: apt-get install nginx; or set SRI_NGINX)"
    if IN_CI:
        pytest.fail(message + " — CI installs it, so this must not happen there")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def fetch(url: str, headers: dict | None = None, data: bytes | None = None, timeout: float = 120) -> Answer:
    """One request; an HTTP error status is an answer too, not an exception."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw, body = error.code, error.headers, error.read()
    named: dict[str, str] = {}
    for name, value in raw.items():
        key = name.lower()
        named[key] = f"{named[key]}, {value}" if key in named else value
    return Answer(status, named, body, time.perf_counter() - start)


def raw_request(port: int, request: bytes, timeout: float = 10) -> bytes:
    """Bytes as sent (for malformed requests urllib will not make); the whole answer back."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_S):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if fetch(url, timeout=5).status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop_group(process: subprocess.Popen) -> None:
    """TERM the process group (graceful), then KILL whatever is left of it."""
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue
        if sig == signal.SIGTERM:  # the leader is gone; make sure its group is too
            time.sleep(0.5)


@dataclass
class Server:
    base_url: str
    port: int
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def gunicorn(tmp: Path, name: str = "app", workers: int = 2, env: dict | None = None):
    """The app under gunicorn with deploy/gunicorn.conf.py, as the README runs it."""
    port = free_port()
    log = tmp / f"{name}.log"
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "app.wsgi:server"]
    environment = dict(os.environ, **(env or {}))
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        wait_until_serving(server.base_url + "/", process, log)
        yield server
    finally:
        stop_group(process)


def load_nginx_site():
    spec = importlib.util.spec_from_file_location("nginx_site", ROOT / "deploy" / "nginx_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAIN_CONF = """{user}pid {tmp}/nginx.pid;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


@contextmanager
def nginx(tmp: Path, app_servers: list[str]):
    """Debian's nginx with the project's site (deploy/nginx_site.py) in front of app_servers."""
    binary = require_nginx()
    port = free_port()
    site = load_nginx_site().render_site(
        app_servers, f"127.0.0.1:{port}", "_", ROOT / "assets", tmp / "cache"
    )
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(user=user, tmp=tmp), encoding="utf-8")
    log = tmp / "error.log"
    command = [
        str(binary),
        "-e",
        str(log),
        "-p",
        str(tmp),
        "-c",
        str(tmp / "nginx.conf"),
        "-g",
        "daemon off;",
    ]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        wait_until_serving(server.base_url + "/assets/app.css", process, log, timeout=20)
        yield server
    finally:
        stop_group(process)
        shutil.rmtree(tmp / "cache", ignore_errors=True)


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn workers of a master (its direct children that run the app)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")
