"""Take the charts away: CSV rows, slide-ready images, an editable PowerPoint deck.

Everything here loops over the chart registry (app.charts.CHARTS), so a new chart exports
without changes here:

    chart_csv.chart_rows / write_chart_csv   exactly the rows a chart shows, with citations
    images.render_chart_image                PNG/SVG with title, unit and source line baked in
    deck.build_deck                          one slide per chart, native charts where possible
    config.graph_config                      dcc.Graph config offering slide sizes in the modebar
    cli.main                                 python -m app export ...

Images need a Chromium (see images.py for how it is found); everything else works without.
"""
