"""python -m app serve [--host H] [--port P] [--debug]   |   python -m app export ...

Production: gunicorn -c deploy/gunicorn.conf.py 'app.wsgi:server' behind nginx (see app/wsgi.py).
"""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="Sino-Russian relations in figures.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the dashboard (development server)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    serve.add_argument("--debug", action="store_true", help="Dash debug mode and dev tools (off by default)")
    commands.add_parser(
        "export", help="export charts (CSV, PNG/SVG, PowerPoint); see export --help", add_help=False
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["export"]:
        from app.export.cli import main as export_main

        return export_main(argv[1:])
    args = build_parser().parse_args(argv)
    from app import create_app
    from loaders import DataValidationError

    try:
        app = create_app()
    except DataValidationError as error:  # serve nothing rather than half a dataset
        print(f"{error}\nNot serving: fix the curated data (python -m loaders validate).", file=sys.stderr)
        return 1
    app.run(
        host=args.host,
        port=args.port,
        debug=args.debug,
        dev_tools_ui=args.debug,
        dev_tools_props_check=args.debug,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
