"""WSGI entry point for production: gunicorn -w 4 -b 0.0.0.0:8050 'app.wsgi:server'."""

from app import create_app

server = create_app().server
