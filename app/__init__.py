"""The Dash dashboard: create_app() builds it on the curated dataset.

from app import create_app
create_app().run()          # or: python -m app serve
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app(dataset=None, warm: bool = False):
    """A Dash app over ``dataset`` (default: the validated curated data), fully offline.

    warm=True draws the default view's charts in a background thread, so that the first visitor
    does not wait about two seconds for them (the server answers meanwhile)."""
    from dash import Dash
    from dash.exceptions import DependencyException

    from app.callbacks import register_callbacks
    from app.layout import TITLE, render_shell
    from app.state import vocabulary_of
    from loaders import load_dataset

    dataset = dataset if dataset is not None else load_dataset()
    vocabulary = vocabulary_of(dataset)
    essays = dataset.sources[dataset.sources["kind"] == "essay"]
    essay_names = dict(zip(essays["source_id"], essays["short_name"], strict=True))
    security = importlib.import_module("app.security") if importlib.util.find_spec("app.security") else None
    app = Dash(
        __name__,
        on_error=security.skip_update_on_error if security else None,
        title=TITLE,
        assets_folder=str(ASSETS),
        serve_locally=True,
        compress=True,  # flask-compress: figure JSON shrinks ~5x
        suppress_callback_exceptions=True,
        update_title=None,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "Every figure two reports on Sino-Russian relations "
                "cite, with its quote, footnote and source.",
            },
        ],
    )
    # Screen readers pick their voice from the page language (WCAG 3.1.1).
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.layout = render_shell(vocabulary, essay_names)
    draw_default_view = register_callbacks(app, dataset, vocabulary)
    if warm:
        threading.Thread(target=draw_default_view, name="draw-default-view", daemon=True).start()
    if importlib.util.find_spec("app.embed") is not None:
        from app.embed import register_embed_routes

        register_embed_routes(app.server, load_dataset=lambda: dataset)

    @app.server.errorhandler(DependencyException)
    def unknown_script(_error):  # Dash raises this for unregistered script paths: a plain 404
        return "not found", 404

    from app.response_cache import install_response_cache

    install_response_cache(app.server)  # callbacks are pure: identical requests, identical answers
    if security:  # headers, request limits; last, once every callback is registered
        security.install_security(app)
    return app
