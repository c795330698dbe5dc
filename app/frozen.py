"""Page parts as the JSON Dash sends for them: made once, then given a view's values.

Making a Dash component costs about 50 µs and serialising it as much again; the overview holds
some 500, nearly all the same under every view. Its parts are therefore made once with Dash's
own components and frozen into the plain dicts Dash would send for them (``frozen``); a view's
values go into shallow copies (``with_props``). A visit to a link nobody opened before then costs
its charts, not its page. Frozen parts are shared between answers: never change one in place.
"""

from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder


def frozen(value):
    """``value`` (components, or dicts and lists holding them) as the JSON Dash sends for it."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def with_props(node: dict, **props) -> dict:
    """A copy of the frozen component ``node`` with ``props`` set (the rest shared)."""
    return {**node, "props": {**node["props"], **props}}
