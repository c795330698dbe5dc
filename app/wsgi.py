"""WSGI entry point for production, run by gunicorn with the project's settings:

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 'app.wsgi:server'

(see the README's "Serving in production": nginx in front of one or more of these).
"""

import gc

from app import create_app

server = create_app().server
# What the app holds from the start (the catalog, the pages' templates: some 120,000 objects)
# lives as long as the worker: the collector need never walk it again. Without this, each full
# collection took about 75 ms, stalling every request queued behind it.
gc.freeze()
