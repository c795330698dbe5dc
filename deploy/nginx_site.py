"""Write the nginx site for the dashboard from deploy/nginx-site.conf:

    python deploy/nginx_site.py --app 127.0.0.1:8001 --app 127.0.0.1:8002 \\
        --server-name figures.example.org --listen 80 \\
        --assets /srv/sino-russian-indicators/assets --cache-dir /var/cache/nginx/sri \\
        > /etc/nginx/conf.d/sino-russian-indicators.conf
    nginx -t && systemctl reload nginx

One --app per app server (gunicorn -c deploy/gunicorn.conf.py --bind ADDRESS 'app.wsgi:server'),
on this machine or others. Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx-site.conf"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
ADDRESS = re.compile(r"(unix:/[\w./-]+|[\w.-]+:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5})")
NAME = re.compile(r"[\w.*-]+( [\w.*-]+)*")


def render_site(
    app_servers: list[str], listen: str, server_name: str, assets_dir: Path | str, cache_dir: Path | str
) -> str:
    """The site's configuration text; each value is checked, so nothing can break out of its line."""
    for address in app_servers:
        if not ADDRESS.fullmatch(address):
            raise ValueError(f"--app {address!r}: expected HOST:PORT or unix:/PATH")
    if not app_servers:
        raise ValueError("at least one --app HOST:PORT is needed")
    if not re.fullmatch(r"[\w.:\[\]]+( [\w]+)*", listen) or not NAME.fullmatch(server_name):
        raise ValueError(f"--listen {listen!r} or --server-name {server_name!r} is malformed")
    paths = {"ASSETS_DIR": Path(assets_dir).resolve(), "CACHE_DIR": Path(cache_dir).resolve()}
    for name, path in paths.items():
        if not re.fullmatch(r"[\w./-]+", str(path)):
            raise ValueError(f"{name}: {path} has characters nginx would misread; use a plainer path")
    values = {
        "APP_SERVERS": "\n".join(f"    server {a} max_fails=1 fail_timeout=5s;" for a in app_servers),
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        **{name: str(path) for name, path in paths.items()},
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:  # a template name without a value: a bug in this script
        raise RuntimeError(f"unfilled names in {TEMPLATE.name}: {', '.join(sorted(set(left)))}")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the dashboard's nginx site to stdout.")
    parser.add_argument("--app", action="append", default=[], metavar="HOST:PORT", help="an app server")
    parser.add_argument("--listen", default="80", help="what nginx listens on (default 80)")
    parser.add_argument("--server-name", default="_", help="the site's host name(s) (default _)")
    parser.add_argument("--assets", default=str(ASSETS), help="the checkout's assets/ folder")
    parser.add_argument("--cache-dir", default="/var/cache/nginx/sino-russian-indicators")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render_site(args.app, args.listen, args.server_name, args.assets, args.cache_dir))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
