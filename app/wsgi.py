"""WSGI entry point for production, run by gunicorn with the project's settings:

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 'app.wsgi:server'

(see the README's "Serving in production": nginx in front of one or more of these).
"""

from app import create_app

server = create_app().server
