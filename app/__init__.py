"""The Dash dashboard: create_app() builds it on the curated dataset.

from app import create_app
create_app().run()          # or: python -m app serve
"""

from __future__ import annotations


def create_app(dataset=None, export_settings=None):
    """A Dash app over ``dataset`` (default: the validated curated data), fully offline.

    ``export_settings`` (app.export.pool.PoolSettings; default from the environment) bound the
    export pool; the pool and its cache are at ``app.server.extensions["sri_exports"]``."""
    import plotly.io.json
    from dash import Dash
    from dash.exceptions import DependencyException

    from app import security
    from app.answers import install_answers
    from app.callbacks import register_callbacks
    from app.catalog import catalog_of
    from app.drawing import hover_texts, register_hover_texts_route
    from app.embed import register_embed_routes
    from app.export.cache import ExportCache
    from app.export.pool import ExportPool, PoolSettings
    from app.export.routes import Exports, register_download_routes
    from app.layout import TITLE, render_shell
    from app.paths import ASSETS
    from loaders import load_dataset

    # Dash encodes its answers with plotly.io's JSON engine: orjson, which embeds each chart's
    # drawing as the JSON text kept for it (app/drawing.py) instead of encoding it again.
    plotly.io.json.config.default_engine = "orjson"
    dataset = dataset if dataset is not None else load_dataset()
    catalog = catalog_of(dataset)
    app = Dash(
        __name__,
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
    # The hover citations the charts wait for (app/drawing.py) load with the page's scripts.
    app.index_string = app.index_string.replace(
        "{%css%}",
        f'{{%css%}}\n        <link rel="preload" href="{hover_texts(catalog).path}" as="fetch" crossorigin>',
        1,
    )
    app.layout = render_shell(catalog.vocabulary, catalog.essay_names)
    register_callbacks(app, catalog, dataset)
    register_embed_routes(app.server, catalog)
    register_hover_texts_route(app.server, catalog)
    cache = ExportCache()
    pool = ExportPool(dataset, export_settings or PoolSettings.from_env(), on_done=cache.keep)
    exports = app.server.extensions["sri_exports"] = Exports(pool, cache)
    register_download_routes(app.server, catalog, exports)

    @app.server.errorhandler(DependencyException)
    def unknown_script(_error):  # Dash raises this for unregistered script paths: a plain 404
        return "not found", 404

    security.install_security(app)  # headers, request checks; last, once every callback is registered
    install_answers(app)  # repeated page and chart requests from memory; after the checks
    return app
